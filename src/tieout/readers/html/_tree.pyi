"""The positioned tree of tieout.readers.html.parse, compiled from _tree.c (same outputs)."""

from array import array
from collections.abc import Callable
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
    kinds: tuple[type, type, Callable[[str], Any], Any, Callable[[str], str]],
    /,
) -> Any | NotImplementedType:
    """parse.py's Node of root, or NotImplemented when only the Python walk reads it.

    ``kinds`` is (Node, Text, look, PLAIN, unescape).
    """
