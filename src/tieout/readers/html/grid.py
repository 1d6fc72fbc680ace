"""A ``<table>`` (or a ``<div>`` laid out as one) as a grid of cells placed in slots.

``colspan`` and ``rowspan`` place each cell at its slot, as a browser lays it out, so a
blank cell never shifts a figure into its neighbour's column. Each cell keeps what the
table reader needs: its text (entities decoded, every character positioned), its
footnote marks (superscripts), bold, the indent of its first line, the rules drawn above
and below it (cell borders, borders of the paragraphs inside it, ``<hr>``, underlined
text, a run of ``-`` or ``=``) and any inline XBRL hint.

``build_grid`` reads a table from its Nodes and is the specification; the compiled walk
of parse.py reads most tables of figures from libxml2's nodes instead, as it parses
(``GRIDS``: what it is given for that), and gives the same grids.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from typing import NamedTuple

from tieout.errors import UnreadableInput
from tieout.extensions import python_forced
from tieout.model import Rule, quick_init
from tieout.readers.html.limits import (
    MAX_COLSPAN,
    MAX_ROWSPAN,
    MAX_TABLE_SLOTS,
    MAX_TEXT,
    check_text,
)
from tieout.readers.html.parse import Node
from tieout.readers.html.style import PLAIN as _PLAIN
from tieout.readers.html.style import Look, stronger
from tieout.readers.html.text import Text, TextBuilder

_BLOCK = frozenset(
    {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "address",
     "blockquote", "center", "pre", "dl", "dt", "dd", "hr", "tr", "table"}
)  # fmt: skip
_GROUPS = frozenset({"thead", "tbody", "tfoot"})
RULE_TEXT = re.compile(r"^[-_\u2014\u2013]{3,}$|^={3,}$")  # a rule drawn with characters
_NBSP_POINTS = 2.5  # a no-break space is about a quarter em of 10pt type
_EMPTY = Text("")


@dataclass(frozen=True, slots=True)
class Ix:
    """Inline XBRL attributes of a figure: its scale (a power of ten) and sign."""

    scale: int | None
    negative: bool


class GridCell(NamedTuple):
    """One cell placed at slots ``col`` .. ``col + span - 1`` of its row.

    A named tuple rather than a dataclass: tables of a release hold a hundred thousand
    cells, most of them spacers, and a tuple is the cheapest immutable record to make.
    """

    col: int
    span: int
    end: int  # col + span: one past its last slot
    text: Text  # words of the cell, footnote superscripts left out
    marks: str  # the superscript footnote marks
    bold: bool
    indent: float  # points from the cell's left edge to its first character
    top: Rule
    bottom: Rule
    start: int  # offset of the cell's start tag
    ix: Ix | None = None

    @property
    def is_rule(self) -> bool:
        """A cell that holds only a rule drawn with characters (``------``)."""
        value = self.text.value
        return len(value) > 2 and bool(RULE_TEXT.match(value))


@quick_init
@dataclass(frozen=True, slots=True)
class GridRow:
    cells: tuple[GridCell, ...]
    start: int
    top: Rule = Rule.NONE
    bottom: Rule = Rule.NONE

    @property
    def empty(self) -> bool:
        return not any(c.text.value and not c.is_rule for c in self.cells)


@dataclass(frozen=True, slots=True)
class Grid:
    rows: tuple[GridRow, ...]
    width: int
    start: int
    caption: Text = field(default_factory=lambda: Text(""))


class _Content:
    """Text of a cell while it is read: its runs of text in order, joined at the end.

    The runs are listed rather than written into a ``TextBuilder`` as they come: most
    cells hold one run with words in it (the rest whitespace and the spaces put between
    blocks), whose words are the cell's words as they are, with no builder at all.
    """

    __slots__ = (
        "bold_chars", "bottom", "chars", "chunks", "ix", "lead", "marks", "shown", "size",
        "top", "visible",
    )  # fmt: skip

    def __init__(self) -> None:
        self.chunks: list[Text] = []  # runs of text and the spaces between blocks, in order
        self.size = 0  # characters in the chunks
        self.shown = 0  # chunks with words in them
        self.visible: Text = _EMPTY  # the last of those
        self.marks: list[str] = []
        self.bold_chars = 0
        self.chars = 0
        self.top = Rule.NONE
        self.bottom = Rule.NONE
        self.lead: float | None = None  # indent of the first text, once seen
        self.ix: Ix | None = None

    def words(self) -> Text:
        """The cell's words, as ``TextBuilder`` would join its chunks and ``Text.words``
        make them: one run with words and the rest whitespace gives that run's words
        (the same value and pieces, when the run is one piece of the file from its first
        character, as the builder would have merged it)."""
        if not self.shown:
            return _EMPTY
        if self.shown == 1:
            pieces = self.visible.pieces
            if len(pieces) == 1 and pieces[0][0] == 0:
                return self.visible.words()
        builder = TextBuilder()
        extend = builder.extend
        for chunk in self.chunks:
            extend(chunk)
        return builder.build().words()


_DIGITS = re.compile(r"\s*(\d+)")
_IX_SCALE = re.compile(r"-?\d{1,2}")


def _span_attr(value: str | None, limit: int) -> int:
    if not value:
        return 1
    if value.isdecimal():  # `2`, as nearly every span is printed: what _DIGITS reads
        return max(1, min(int(value), limit))
    digits = _DIGITS.match(value)
    if digits is None:
        return 1
    return max(1, min(int(digits.group(1)), limit))


def _ix(node: Node) -> Ix:
    scale = node.attr("scale")
    number = int(scale) if scale and _IX_SCALE.fullmatch(scale.strip()) else None
    return Ix(number, (node.attr("sign") or "").strip() == "-")


def _bold(style: Look, tag: str, inherited: bool) -> bool:
    own = style.bold
    if own is not None:
        return own
    return inherited or tag in ("b", "strong")


def _read(node: Node, content: _Content, bold: bool, sup: bool, under: Rule, shift: float) -> None:
    """Collect the text of ``node`` into ``content`` with what styles it."""
    none = _NONE
    for child in node.children:
        if isinstance(child, Text):
            value = child.value
            if not value:
                continue
            if sup:
                content.marks.append(value.strip())
                continue
            content.chunks.append(child)
            content.size += len(value)
            visible = len(value.strip())
            if not visible:
                continue
            content.shown += 1
            content.visible = child
            if content.lead is None:
                lead = len(value) - len(value.lstrip(" \t\n\r\u00a0"))
                content.lead = shift + value.count("\u00a0", 0, lead) * _NBSP_POINTS
            content.chars += visible
            if bold:
                content.bold_chars += visible
            if under is not none and any(ch.isdigit() for ch in value):
                content.bottom = stronger(content.bottom, under)
            continue
        tag = child.tag
        if tag == "table":
            continue  # a table inside a cell is read on its own
        block = tag in _BLOCK
        if block:
            content.chunks.append(_BETWEEN)
            content.size += 1
        if tag == "hr":
            content.bottom = stronger(content.bottom, _SINGLE)
            continue
        style = child.look
        if style is not _PLAIN:
            if style.top is not none:
                content.top = stronger(content.top, style.top)
            if style.bottom is not none:
                content.bottom = stronger(content.bottom, style.bottom)
            child_under = under if style.underline is none else stronger(under, style.underline)
            own = style.bold
            child_bold = own if own is not None else bold or tag in _BOLD_TAGS
            raised = style.raised
            child_shift = shift + style.indent if block and content.lead is None else shift
        else:
            child_under = under
            child_bold = bold or tag in _BOLD_TAGS
            raised = False
            child_shift = shift
        if tag == "u":
            child_under = stronger(child_under, _SINGLE)
        elif tag.startswith("ix:nonfraction"):
            content.ix = _ix(child)
        if child.children:
            _read(
                child,
                content,
                child_bold,
                (sup or tag == "sup" or raised) and tag != "u",
                child_under,
                child_shift,
            )
        if block:
            content.chunks.append(_BETWEEN)
            content.size += 1


_BOLD_TAGS = ("b", "strong")
_NONE = Rule.NONE
_SINGLE = Rule.SINGLE
_BETWEEN = Text(" ", ((0, -1),))  # the space put between blocks: not in the file
_make = tuple.__new__  # a GridCell from its fields in order, without its Python ``__new__``


def _spacer(node: Node, col: int, span: int) -> GridCell:
    """A cell with no words (`<td>&nbsp;</td>`): nothing but its own borders to read."""
    style = node.look
    return _make(
        GridCell,
        (col, span, col + span, _EMPTY, "", False, 0.0, style.top, style.bottom, node.start, None),
    )


def _nested(node: Node, col: int, span: int, bold: bool, name: str) -> GridCell | None:
    """A cell whose elements nest one in another down to one run with words in it, read
    as ``_read`` reads it (`<td><font>1,234</font></td>`, `<td> <p>Revenue</p> </td>`:
    nine cells in ten that hold anything), or None for ``_read`` to read: a run of several
    pieces, two elements with words side by side, a superscript, a table. A cell with
    nothing but whitespace in it is a spacer.

    Whitespace beside the one element or run at each level counts for the cell's size
    alone (with one run of words, the cell's words are that run's words), and so do the
    elements beside it that hold no words (``_blank``), with the rules they draw."""
    look = node.look
    under = look.underline
    shift = look.indent
    top = bottom = _NONE
    ix: Ix | None = None
    size = 0
    children = node.children
    outer = True  # reading the cell's own children
    while True:
        inner: Node | Text | None = None  # the one child that holds something
        crowded: list[Node | Text] | None = None  # or all of them, when there are more
        for child in children:
            if isinstance(child, Text):
                value = child.value
                size += len(value)
                if not value.strip():
                    continue
            if inner is None:
                inner = child
            elif crowded is None:
                crowded = [inner, child]
            else:
                crowded.append(child)
        if crowded is not None:  # only one of them may hold words
            inner = None
            for child in crowded:
                blank = _blank(child) if isinstance(child, Node) else None
                if blank is not None:
                    size += blank[0]
                    top = stronger(top, blank[1])
                    bottom = stronger(bottom, blank[2])
                elif inner is None:
                    inner = child
                else:
                    return None
        elif inner is None and outer:
            return _spacer(node, col, span)  # nothing but whitespace in the cell
        if inner is None or isinstance(inner, Text):
            break
        tag = inner.tag
        if tag in _NOT_NESTED:
            return None
        style = inner.look
        if style is not _PLAIN:
            if style.raised and tag != "u":
                return None
            if style.top is not _NONE:
                top = stronger(top, style.top)
            if style.bottom is not _NONE:
                bottom = stronger(bottom, style.bottom)
            if style.underline is not _NONE:
                under = stronger(under, style.underline)
            own = style.bold
            bold = own if own is not None else bold or tag in _BOLD_TAGS
        else:
            bold = bold or tag in _BOLD_TAGS
        if tag in _BLOCK:
            size += 2  # the spaces put before and after a block
            shift = shift + style.indent
        elif tag == "u":
            under = stronger(under, _SINGLE)
        elif tag.startswith("ix:nonfraction"):
            ix = _ix(inner)
        children = inner.children
        outer = False
    if inner is None:  # whitespace only
        if size > MAX_TEXT:
            check_text(size, name)
        bold, indent, text = False, 0.0, _EMPTY
    else:
        pieces = inner.pieces
        if len(pieces) != 1 or pieces[0][0] != 0:
            return None
        if size > MAX_TEXT:
            check_text(size, name)
        value = inner.value
        nbsp = 0  # no-break spaces before the first word
        if value[0] in _LEAD:
            lead = len(value) - len(value.lstrip(_LEAD))
            nbsp = value.count("\u00a0", 0, lead)
        indent = shift + nbsp * _NBSP_POINTS
        if under is not _NONE and any(ch.isdigit() for ch in value):
            bottom = stronger(bottom, under)
        text = inner.words()
    return _make(
        GridCell,
        (
            col,
            span,
            col + span,
            text,
            "",
            bold,
            indent,
            look.top if top is _NONE else stronger(look.top, top),
            look.bottom if bottom is _NONE else stronger(look.bottom, bottom),
            node.start,
            ix,
        ),
    )


def _blank(node: Node) -> tuple[int, Rule, Rule] | None:
    """What an element that holds no words adds to a cell as ``_read`` reads it: its
    characters (whitespace, the spaces put around blocks) and the rules it draws above
    and below; None when it holds words, or is a table, a superscript or a fact."""
    tag = node.tag
    if tag == "hr":
        return 1, _NONE, _SINGLE  # the space before a block, and a rule
    style = node.look
    if tag in _NOT_BLANK or tag.startswith("ix:") or (style.raised and tag != "u"):
        return None
    size = 2 if tag in _BLOCK else 0
    top, bottom = style.top, style.bottom
    for child in node.children:
        if isinstance(child, Text):
            if child.value.strip():
                return None
            size += len(child.value)
            continue
        inner = _blank(child)
        if inner is None:
            return None
        size += inner[0]
        top = stronger(top, inner[1])
        bottom = stronger(bottom, inner[2])
    return size, top, bottom


_NOT_NESTED = frozenset({"table", "hr", "sup"})
_NOT_BLANK = frozenset({"table", "sup"})
_LEAD = " \t\n\r\u00a0"  # what ``_read`` skips to the first word of a cell


def _cell(node: Node, col: int, span: int, bold: bool, name: str) -> GridCell:
    own = node.look.bold
    if own is not None:
        bold = own
    made = _nested(node, col, span, bold, name)
    return made if made is not None else _walked(node, col, span, bold, name)


def _walked(node: Node, col: int, span: int, bold: bool, name: str) -> GridCell:
    """A cell read by walking all it holds (``_read``): any cell, as ``_nested`` reads
    the cells it takes."""
    style = node.look
    content = _Content()
    _read(node, content, bold, False, style.underline, style.indent)
    check_text(content.size, name)
    text = content.words()
    marks = " ".join(m for m in content.marks if m) if content.marks else ""
    if not text.value and marks:
        text, marks = Text(marks, ()), ""
    return _make(
        GridCell,
        (
            col,
            span,
            col + span,
            text,
            marks,
            content.chars > 0 and content.bold_chars * 2 > content.chars,
            content.lead if content.lead is not None else 0.0,
            stronger(style.top, content.top),
            stronger(style.bottom, content.bottom),
            node.start,
            content.ix,
        ),
    )


def _display(node: Node) -> str:
    return node.look.display


def _rows_of(table: Node) -> list[Node]:
    """The rows of a table: ``<tr>``s (in row groups too), or ``display:table-row``s."""
    rows: list[Node] = []
    div_table = table.tag != "table"
    stack = [c for c in reversed(table.children) if isinstance(c, Node)]
    while stack:
        node = stack.pop()
        if node.tag == "table":
            continue
        if node.tag == "tr" or (div_table and _display(node) == "table-row"):
            rows.append(node)
        elif (
            node.tag in _GROUPS
            or _display(node) in ("table-row-group", "table-header-group", "table-footer-group")
            or (node.tag in ("form", "div", "span") and not div_table)
        ):
            stack.extend(c for c in reversed(node.children) if isinstance(c, Node))
    return rows


_CELLS = ("td", "th")


def build_grid(table: Node, bold: bool, name: str) -> Grid:
    """Place the cells of a table in slots (colspan and rowspan honoured)."""
    div_table = table.tag != "table"
    caption = Text("")
    for child in table.children:
        if isinstance(child, Node) and child.tag == "caption":
            content = _Content()
            _read(child, content, bold, False, Rule.NONE, 0.0)
            caption = content.words()
    table_bold = _bold(table.look, "", bold)
    taken: dict[int, int] = {}  # slot -> rows it stays taken (rowspan)
    rows: list[GridRow] = []
    width = 0
    slots = 0
    for tr in _rows_of(table):
        row_look = tr.look
        row_bold = row_look.bold if row_look.bold is not None else table_bold
        cells, col = row(tr, div_table, row_bold, taken, name)
        if col > width:
            width = col
        slots += col
        if slots > MAX_TABLE_SLOTS:
            raise UnreadableInput(
                name,
                f"an HTML table too large to read ({len(rows) + 1} rows read, {width} cells "
                "wide); not an earnings release table",
            )
        if taken:
            for k in list(taken):
                taken[k] -= 1
                if taken[k] <= 0:
                    del taken[k]
        rows.append(GridRow(tuple(cells), tr.start, row_look.top, row_look.bottom))
    return Grid(tuple(rows), width, table.start, caption)


def _row_python(
    tr: Node, div_table: bool, row_bold: bool, taken: dict[int, int], name: str
) -> tuple[list[GridCell], int]:
    """The cells of a row placed in their slots, and the slot after the last: the slots
    ``taken`` by cells of the rows above (rowspan) are skipped, and the cells here that
    span rows below are added to it.

    The specification of the compiled row (``_grid.c``), which gives the same cells.
    """
    cells: list[GridCell] = []
    append = cells.append
    col = 0
    for td in tr.children:
        if not isinstance(td, Node) or (
            td.look.display != "table-cell" if div_table else td.tag not in _CELLS
        ):
            continue  # a cell: `<td>`, `<th>`, or `display: table-cell` in a div table
        if taken:
            while taken.get(col, 0) > 0:
                col += 1
        if col >= MAX_COLSPAN:
            break  # a table is clamped to the widest a browser lays out: 1000 columns
        element = td.element
        down = 1
        if element is not None:
            value = element.get("colspan")
            if not value:
                span = 1
            elif value.isdecimal():  # `2`, as nearly every span is printed
                span = int(value)  # clamped to 1 .. MAX_COLSPAN - col, as _span_attr
                if span < 1:
                    span = 1
                elif span > MAX_COLSPAN - col:
                    span = MAX_COLSPAN - col
            else:
                span = _span_attr(value, MAX_COLSPAN - col)
            value = element.get("rowspan")
            if value:
                down = _span_attr(value, MAX_ROWSPAN)
        else:
            span = 1
        end = col + span
        if td.children:
            append(_cell(td, col, span, row_bold, name))
        else:  # an empty cell: nothing but its own borders to read
            look = td.look
            append(
                _make(
                    GridCell,
                    (
                        col,
                        span,
                        end,
                        _EMPTY,
                        "",
                        False,
                        0.0,
                        look.top,
                        look.bottom,
                        td.start,
                        None,
                    ),
                )
            )
        if down > 1:
            for k in range(col, end):
                taken[k] = down
        col = end
    return cells, col


_Row = Callable[[Node, bool, bool, dict[int, int], str], tuple[list[GridCell], int]]


def _configured() -> _Row | None:
    """The compiled row, given what it reads; None when it is not built."""
    try:
        from tieout.readers.html import _grid
    except ImportError:
        return None
    _grid.configure(
        (
            Node,
            Text,
            GridCell,
            _PLAIN,
            (_NONE, _SINGLE, Rule.DOUBLE),
            _EMPTY,
            _span_attr,
            _ix,
            check_text,
            _BLOCK,
            _NOT_NESTED,
            _NOT_BLANK,
            (MAX_COLSPAN, MAX_ROWSPAN, MAX_TEXT),
        )
    )
    return _grid.row


def _compiled() -> _Row | None:
    """The compiled row, unless it is not built or the environment asks for Python."""
    return None if python_forced() else _configured()


_COMPILED = _compiled()
COMPILED = _COMPILED is not None  # whether `row` is the compiled row
row: _Row = _COMPILED or _row_python


def _grids() -> tuple[object, ...] | None:
    """What the compiled walk (_tree.c) reads each table of figures into a Grid with, as
    it parses (``build_grid`` from libxml2's nodes, a cell of another shape than
    ``_nested`` reads by the compiled row's ``cell_of``); None when the row is not
    compiled, and then ``build_grid`` reads every table from its Nodes."""
    if _COMPILED is None:
        return None
    from tieout.readers.html import _grid

    return (
        GridRow,
        Grid,
        GridCell,
        _grid.cell_of,
        UnreadableInput,
        (_NONE, _SINGLE, Rule.DOUBLE),
        _EMPTY,
        _BLOCK,
        (MAX_COLSPAN, MAX_ROWSPAN, MAX_TABLE_SLOTS, MAX_TEXT),
        tuple(getattr(GridRow, f.name) for f in fields(GridRow)),  # set as quick_init sets them
    )


GRIDS = _grids()
