"""The positioned tree of tieout.readers.html.parse, compiled from _tree.c (same outputs)."""

from array import array
from types import NotImplementedType
from typing import Any

import lxml.etree as etree

MAX_TEXT: int  # limits.MAX_TEXT, as the walk reads it

def tree(
    root: etree._Element,
    tag: str,
    seen: Any,
    text: str,
    run_starts: array[int],
    run_ends: array[int],
    tag_starts: array[int],
    tag_ends: array[int],
    kinds: tuple[Any, ...],
    /,
) -> Any | NotImplementedType:
    """parse.py's Node of root, or NotImplemented when only the Python walk reads it.

    ``kinds`` is (Node, Text, look, PLAIN, unescape[, grids]); with grid.py's ``GRIDS``
    (not None), each table that holds no table is read into its Grid (``Node.grid``, no
    children), as grid.py's ``build_grid`` reads it.
    """

PARSES: bool  # libxml2's functions found in lxml's module: `parse` reads documents

def parse(
    text: str,
    tag_starts: array[int],
    tag_ends: array[int],
    run_starts: array[int] | None = None,
    run_ends: array[int] | None = None,
    fallback: bool = True,
    /,
) -> etree._Element | NotImplementedType:
    """The root of the ASCII document ``text`` parsed unmarked, each element made by a
    start tag of the scan carrying its ordinal for ``tree``; NotImplemented when that tree
    would not be the marked copy's (parse.py then parses the marked copy).

    Given the scan's runs of text, libxml2's tree is built from the scan's tokens where the
    builder makes the tree libxml2 would (``build`` in _tree.c), else parsed by libxml2 as
    without them (or, when ``fallback`` is false, NotImplemented: for the tests)."""

def blocks(root: Any, name: str, kinds: tuple[Any, ...], /) -> Any:
    """blocks.py's blocks of the tree ``root`` (a Node), as its ``_Reader`` reads them.

    ``kinds`` is (Node, Text, TextBlock, TableBlock, PreBlock, block tags, pre_lines,
    build_grid, check_text, Text.words).
    """
