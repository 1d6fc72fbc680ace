"""HTML to a small positioned tree, with lxml (libxml2) doing the parsing.

libxml2's HTML parser is tolerant of what filing agents write (unclosed tags, upper-
case markup, ``<font>`` everywhere, stray end tags) and bounded: it stops at a nesting
depth of 256, which is reported here as unreadable input rather than silently
dropping the rest. The tree keeps what later stages read: tag, the parsed element of a spanned
cell, an inline XBRL fact or a ``display`` layout (for its attributes, read when asked),
inline style, the offset of each start tag, and text with the offset of every character. Hidden elements (``display:none``), scripts,
styles, comments and the ``<head>`` are left out, and nothing under them is visited.

The walk below in Python (``_tree_python``) is the specification. The same walk compiled
in C (``_tree.c``, an optional extension built at install when a C compiler and lxml's
headers are there; it reads lxml's tree through lxml's public C API) is used when it
imports; ``TIEOUT_PURE_PYTHON=1`` in the environment forces the Python walk. Both give the
same Node on every input (tests/test_html_tree_compiled.py).

Which start tag made each element is what the scan's markers tell the walk (an attribute
per start tag in the copy lxml parses, ``Scan.marked``). The compiled component also
parses the text itself, unmarked, and learns the same from libxml2 as it makes each
element (``_tree.c``'s ``parse``): the same tree without an attribute node per element,
made and freed (a quarter of libxml2's parse, and a third of freeing the tree), and
without the attributes nothing reads (READ: a quarter of a release's). It hands a
document back to the marked parse whenever the two could differ (a start tag that made no
element of its name, an error the marked parse refuses, text that is not ASCII); the tests
hold the two trees equal on every corpus document and on generated soup. Given the scan's
runs of text too, it does not run libxml2's parser at all where it need not: it builds
libxml2's tree itself from the scan's tokens, with libxml2's tree functions and its rules
(``_tree.c``'s ``build``: two fifths of the reader's instructions were libxml2's tokenizer
finding again what the scan had found), and parses with libxml2 only a document the builder
declines (tests/test_html_tree_built.py holds the walks over both trees equal).

That compiled walk also reads each table that holds no table (a candidate table of
figures, as blocks.py finds it) into grid.py's Grid as it reaches it, from libxml2's
nodes, and gives its Node the grid (``Node.grid``) and no children: 327,000 of the
corpus's 339,000 elements lie in such tables, and no later stage reads their Nodes. The
Python walk, and the compiled walk of a marked copy, make every table's Nodes, from which
blocks.py builds the grid (grid.py's ``build_grid``, the specification:
tests/test_html_grids_compiled.py holds the two equal).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

import lxml.etree as etree

from tieout.errors import UnreadableInput
from tieout.extensions import python_forced
from tieout.readers.html.limits import MAX_TEXT
from tieout.readers.html.scan import ATTR, Runs, Scan, _unescape
from tieout.readers.html.style import PLAIN, Look, look
from tieout.readers.html.text import Text

if TYPE_CHECKING:
    from tieout.readers.html.grid import Grid

_SKIP = frozenset({"head", "script", "style", "noscript", "template", "title", "meta", "link"})
_SPACE = " \t\n\r\f"
_STYLE = "style"
_ATTRIBUTES = frozenset({"td", "th"})  # elements whose spans are read (and ix: facts)
_SPANS = ("colspan", "rowspan")  # the attributes read of a cell, kept when it has one
# Every attribute read of an element, but for an inline XBRL fact, whose are all read
# (``Node.attr``): the compiled parse makes no other attribute (_tree.c's `parse`)
READ = frozenset({_STYLE, *_SPANS})
# The whitespace between the rows and cells of a table is read by nothing: the grid reads
# only cells, and the block reader (a table laid out with tables inside) starts a block at
# each of these elements, so whitespace beside them makes no text. An element of _ROWS
# whose every element child is one of _ROW_PARTS and whose every text is whitespace (of
# at most MAX_TEXT characters in all, so no limit is reached on it elsewhere) is given no
# texts, unless inside a <pre>, whose text keeps every character: a quarter of the tree's
# records over the corpus, made and freed for nothing.
_ROWS = frozenset({"table", "tbody", "thead", "tfoot", "tr"})
_ROW_PARTS = frozenset({"td", "th", "tr", "tbody", "thead", "tfoot", "caption", "table"})
# a named tuple made from its fields in order, without the Python-level ``__new__`` the
# class defines (half the cost of making one; the reader makes one per element and text)
_make = tuple.__new__


class Node(NamedTuple):
    """An element: tag, the parsed element, inline style, where it starts, what it holds.

    A named tuple rather than a dataclass: a release has tens of thousands of elements,
    and a tuple is the cheapest immutable record to make.
    """

    tag: str
    # read for its attributes only: kept for the elements whose attributes are read (cells
    # with a colspan or rowspan, inline XBRL facts, anything laid out by ``display``), None
    # for the others, whose Python proxies are then freed as the tree is built; only the
    # attributes in READ are asked of any but an inline XBRL fact
    element: etree._Element | None
    look: Look  # what its inline style says
    start: int  # offset of the "<" of its start tag in the document; -1 if implied
    children: tuple[Node | Text, ...]
    holds_table: bool = False  # a table (or a div laid out as one) lies somewhere below
    # a table that holds no table, read into its grid by the compiled walk as it reached it
    # (then without children: nothing else reads them); None for every other node, and for
    # every node of the Python walk (blocks.py builds the grid from the children)
    grid: Grid | None = None

    @property
    def is_table(self) -> bool:
        """A ``<table>``, or an element laid out as one."""
        return _is_table(self.tag, self.look)

    def attr(self, name: str) -> str | None:
        """The value of an attribute (None when absent)."""
        return self.element.get(name) if self.element is not None else None

    def iter(self) -> list[Node]:
        """This node and every node under it, in document order."""
        out: list[Node] = []
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(c for c in reversed(node.children) if isinstance(c, Node))
        return out


def _is_table(tag: str, look: Look) -> bool:
    return tag == "table" or look.display in ("table", "inline-table")


def _parse(marked: str, name: str) -> etree._Element | None:
    # lxml.etree's own parser, not lxml.html's: the same libxml2 parse and tree, without
    # the Python element classes lxml.html makes for every element it hands out
    parser = etree.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        huge_tree=False,
        default_doctype=False,
    )
    try:
        root: etree._Element | None = etree.fromstring(
            marked.encode("utf-8", "surrogatepass"), parser=parser
        )
    except (ValueError, etree.LxmlError) as error:
        raise UnreadableInput(name, f"HTML that cannot be parsed: {error}") from None
    if root is None:
        return None  # an empty document
    for entry in parser.error_log:
        message = entry.message.strip()
        if "depth" in message.lower():
            raise UnreadableInput(
                name, "HTML nested more than 256 elements deep; refusing to read it"
            )
        if entry.level_name == "FATAL":
            reason = message.split(", try XML_PARSE_HUGE")[0]
            raise UnreadableInput(name, f"HTML the parser gave up on: {reason}")
    return root


def _tree_python(root: etree._Element, tag: str, seen: Look, text: str, scanned: Scan) -> Node:
    """The positioned tree of ``root`` (whose tag and look are given), walked in Python.

    The specification of the compiled walk (``_tree.c``), which gives the same Node.
    """
    runs = Runs(text, scanned)
    match = runs.match
    tag_ends = scanned.tag_ends
    tag_starts = scanned.tag_starts
    count = len(tag_starts)
    cursor = 0  # the end of the last start tag read: text after it is matched from there
    tables = 0  # tables made so far: a node holds one when the count grew under it
    pre = 0  # <pre> elements open around the node being read

    def ordinal(el: etree._Element) -> int:
        value = el.get(ATTR)
        if value and value.isdigit():
            k = int(value)
            if k < count:
                return k
        return -1

    def skip(el: etree._Element) -> None:
        """A subtree not read; later text is matched from past its last start tag."""
        nonlocal cursor
        last = max(map(ordinal, el.iter()))
        if last >= 0 and tag_ends[last] > cursor:
            cursor = tag_ends[last]

    def node(el: etree._Element, tag: str, k: int, seen: Look) -> Node:
        nonlocal cursor, tables, pre
        if tag in _ROWS and not pre and _between_rows(el):
            return rows(el, tag, k, seen)
        if tag == "pre":
            pre += 1
            try:
                return read(el, tag, k, seen)
            finally:
                pre -= 1
        return read(el, tag, k, seen)

    def opened(k: int) -> tuple[int, int]:
        """Where the start tag of ordinal ``k`` begins, and where text after it is matched
        from (the cursor moved past it)."""
        nonlocal cursor
        if k < 0:
            return -1, cursor
        at = tag_ends[k]
        if at > cursor:
            cursor = at
        return tag_starts[k], at

    def child(el: etree._Element, tag: str, children: list[Node | Text]) -> None:
        """The node of a child element read, unless its style hides it (then skipped)."""
        style = el.get(_STYLE)
        seen = look(style) if style else PLAIN
        if seen.hidden:
            skip(el)
            return
        value = el.get(ATTR)
        k = int(value) if value and value.isdigit() else -1
        children.append(node(el, tag, k if k < count else -1, seen))

    def made(tag: str, kept: etree._Element | None, seen: Look, start: int,
             children: list[Node | Text], before: int) -> Node:  # fmt: skip
        nonlocal tables
        if tag == "table" or (seen.display and _is_table(tag, seen)):
            tables += 1
            return _make(Node, (tag, kept, seen, start, tuple(children), tables - 1 > before, None))
        return _make(Node, (tag, kept, seen, start, tuple(children), tables > before, None))

    def rows(el: etree._Element, tag: str, k: int, seen: Look) -> Node:
        """``read`` of an element whose texts are whitespace between rows or cells: the
        same node without its texts (see _ROWS)."""
        before = tables
        start, _ = opened(k)
        children: list[Node | Text] = []
        for each in el:
            name = each.tag
            assert isinstance(name, str)  # _between_rows: every child is an element
            child(each, name, children)
        return made(tag, el if seen.display else None, seen, start, children, before)

    def read(el: etree._Element, tag: str, k: int, seen: Look) -> Node:
        before = tables
        start, at = opened(k)
        children: list[Node | Text] = []
        value = el.text
        if value:
            found = match(value, at) if value.strip(_SPACE) else None
            children.append(found if found is not None else _make(Text, (value, ((0, at),))))
        for each in el:
            name = each.tag
            if isinstance(name, str) and name not in _SKIP:
                child(each, name, children)
            else:
                skip(each)
            value = each.tail
            if value:
                found = match(value, cursor) if value.strip(_SPACE) else None
                children.append(
                    found if found is not None else _make(Text, (value, ((0, cursor),)))
                )
        kept = (
            el
            if (tag in _ATTRIBUTES and _spanned(el)) or seen.display or tag.startswith("ix:")
            else None
        )
        return made(tag, kept, seen, start, children, before)

    return node(root, tag, ordinal(root), seen)


def _spanned(el: etree._Element) -> bool:
    """A cell printed with a colspan or rowspan: its element is kept for the grid to read
    them (a cell without either spans one slot and one row, as the grid reads a cell
    whose element is not kept)."""
    return el.get(_SPANS[0]) is not None or el.get(_SPANS[1]) is not None


def _between_rows(el: etree._Element) -> bool:
    """Every element child of ``el`` is a part of a table's rows (_ROW_PARTS) and every
    text in it is whitespace, of at most MAX_TEXT characters in all."""
    size = 0
    value = el.text
    if value:
        if value.strip(_SPACE):
            return False
        size += len(value)
    for child in el:
        if child.tag not in _ROW_PARTS:
            return False
        value = child.tail
        if value:
            if value.strip(_SPACE):
                return False
            size += len(value)
    return size <= MAX_TEXT


def _compiled() -> Callable[[etree._Element, str, Look, str, Scan], Node] | None:
    """The compiled walk, unless it is not built or the environment asks for Python."""
    if python_forced():
        return None
    try:
        from tieout.readers.html import _tree
    except ImportError:
        return None
    compiled = _tree.tree
    kinds = (Node, Text, look, PLAIN, _unescape)

    def tree_compiled(root: etree._Element, tag: str, seen: Look, text: str, scanned: Scan) -> Node:
        """The positioned tree of ``root`` (whose tag and look are given), walked in C."""
        got = compiled(
            root,
            tag,
            seen,
            text,
            scanned.run_starts,
            scanned.run_ends,
            scanned.tag_starts,
            scanned.tag_ends,
            kinds,
        )
        if got is NotImplemented:  # a node only the Python walk reads (none from lxml's
            return _tree_python(root, tag, seen, text, scanned)  # HTML parser, as set here)
        assert isinstance(got, Node)
        return got

    return tree_compiled


_COMPILED = _compiled()
COMPILED = _COMPILED is not None  # whether `tree` is the compiled walk
tree: Callable[[etree._Element, str, Look, str, Scan], Node] = _COMPILED or _tree_python


def _positioned() -> Callable[[str, Scan, bool], Node | None] | None:
    """The compiled parse of the unmarked text, unless it is not built or not usable here."""
    if not COMPILED:
        return None
    from tieout.readers.html import _tree

    if not _tree.PARSES:  # libxml2's functions not found in lxml's module
        return None
    compiled_parse, compiled_tree = _tree.parse, _tree.tree

    def parse_positioned(text: str, scanned: Scan, grids: bool) -> Node | None:
        """``parse`` without the marked copy (_MarkedCopy raised when it is needed)."""
        root = compiled_parse(
            text, scanned.tag_starts, scanned.tag_ends, scanned.run_starts, scanned.run_ends
        )
        if root is NotImplemented:
            raise _MarkedCopy
        assert isinstance(root, etree._Element)
        kinds = _grid_kinds() if grids else _NODE_KINDS

        def walk(root: etree._Element, tag: str, seen: Look, text: str, scanned: Scan) -> Node:
            got = compiled_tree(
                root, tag, seen, text,
                scanned.run_starts, scanned.run_ends, scanned.tag_starts, scanned.tag_ends,
                kinds,
            )  # fmt: skip
            if got is NotImplemented:
                raise _MarkedCopy
            assert isinstance(got, Node)
            return got

        return _root_tree(root, text, scanned, walk)

    return parse_positioned


_NODE_KINDS = (Node, Text, look, PLAIN, _unescape)  # every table's Nodes made


@cache
def _grid_kinds() -> tuple[object, ...]:
    """What the compiled walk of the unmarked parse is given: with grid.py's ``GRIDS``, it
    reads each table of figures into its grid as it reaches it (``Node.grid``). Asked at
    the first parse: grid.py imports this module."""
    from tieout.readers.html.grid import GRIDS

    return (Node, Text, look, PLAIN, _unescape, GRIDS)


class _MarkedCopy(Exception):
    """The compiled parse or walk hands a document back: the marked copy is parsed instead."""


_POSITIONED = _positioned()
POSITIONED = _POSITIONED is not None  # whether `parse` reads the unmarked text when it can


def _root_tree(
    root: etree._Element,
    text: str,
    scanned: Scan,
    walk: Callable[[etree._Element, str, Look, str, Scan], Node],
) -> Node | None:
    """The tree of a parsed document: its ``<body>``, or everything when there is none."""
    tag = root.tag
    style = root.get("style")
    if tag.__class__ is not str or tag in _SKIP or (style and look(style).hidden):
        return None
    html_node = walk(root, str(tag), look(style) if style else PLAIN, text, scanned)
    body = next((c for c in html_node.children if isinstance(c, Node) and c.tag == "body"), None)
    return body or html_node


def parse(text: str, scanned: Scan, name: str, grids: bool = True) -> Node | None:
    """The tree of a document (its ``<body>``, or everything when there is none).

    libxml2 parses the scan's marked copy (``Scan.marked``), whose markers say which start
    tag made each element; the compiled parse, where it is built, reads the text itself and
    learns the same from the parser (``_tree.c``'s ``parse``), and gives the same tree, or
    hands the document back to be parsed marked. That parse also reads each table that
    holds no table into its grid as it reaches it (``Node.grid``), unless ``grids`` is
    false (for a caller that reads the table's Nodes); blocks.py builds the other grids.
    """
    if _POSITIONED is not None:
        try:
            return _POSITIONED(text, scanned, grids)
        except _MarkedCopy:
            pass
    root = _parse(scanned.marked, name)
    if root is None:
        return None
    return _root_tree(root, text, scanned, tree)
