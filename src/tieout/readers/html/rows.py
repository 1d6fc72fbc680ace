"""The rows of one table of figures as printed: labels, indents, rules, figures.

A row's label is the text left of the first column of figures. Its figures are put in
the column their slots overlap; a `$` cell before a figure and a `)` or `%` cell after
it are joined to it (`(1,234` then `)` is -1,234, flagged as split). Rules come from
borders between rows in the figure columns: a rule above a row closes a sum, a double
rule below it underlines a grand total. Indents are in points; an inline XBRL scale
travels with its figure. Levels, sections, units and kinds are the assembler's.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import NamedTuple

from tieout.extensions import grid_function
from tieout.figures import Figure
from tieout.model import CellFlag, Rule, Span, quick_init
from tieout.readers.html.cells import Item, Role, closer_mark, read_figure, with_closer
from tieout.readers.html.grid import RULE_TEXT
from tieout.readers.html.parts import Kind, Line, Part
from tieout.readers.html.style import stronger
from tieout.readers.html.where import _NEAR, Locator
from tieout.tables.drafts import FigureDraft, RowDraft
from tieout.tables.labels import continues

_SPACES = re.compile(r"\s+")
INDENT_STEP = 3.0  # points: indents closer than this are one level


# enum members as module names: read through their class, each costs a descriptor
# call (about 150 ns on CPython 3.11), and the loops below read them per cell
_FIGURES = Kind.FIGURES
_LABEL = Kind.LABEL
_EMPTY_ROW = Kind.EMPTY
_DOLLAR = Role.DOLLAR
_CLOSER = Role.CLOSER
_FIGURE = Role.FIGURE
_YEAR = Role.YEAR
_NO_RULE = Rule.NONE
_SINGLE = Rule.SINGLE
_DOUBLE = Rule.DOUBLE
_DOLLAR_FLAG = CellFlag.DOLLAR
_FOOTNOTE_FLAG = CellFlag.FOOTNOTE
_PARENTHESISED = CellFlag.PARENTHESISED
_SPLIT_FLAG = CellFlag.SPLIT
_STRAY_PARENTHESIS = CellFlag.STRAY_PARENTHESIS


class _Placed(NamedTuple):
    """A figure of a row placed in its column, with the marks printed in cells of their own
    beside it (a named tuple, made as ``_placed`` makes it: one per figure of a table)."""

    column: int
    item: Item
    raw: str
    figure: Figure
    dollar: bool  # a `$` cell before it
    split: bool  # a `)` printed in a cell after it
    mark: bool  # a footnote mark printed with that closer


_placed = tuple.__new__  # a _Placed from its fields in order, without its ``__new__``


@dataclass(slots=True)
class _Draft:
    label: str
    label_item: Item | None
    indent: float
    bold: bool
    line: Line
    at: int  # the line's place in its part's body
    figures: list[_Placed] = field(default_factory=list)
    rule_above: Rule = Rule.NONE
    rule_below: Rule = Rule.NONE


@quick_init
@dataclass(frozen=True, slots=True)
class _Slots:
    """The columns of a part as sorted slot ranges, their bounds kept for bisection."""

    columns: tuple[tuple[int, int], ...]
    los: tuple[int, ...]
    his: tuple[int, ...]
    # the column of each cell placement seen (``_column_of``): a part's figures sit in a
    # few placements, one per column mostly, so each is placed once
    found: dict[tuple[int, int], int | None]

    @classmethod
    def of(cls, columns: list[tuple[int, int]]) -> _Slots:
        return cls(
            tuple(columns), tuple(lo for lo, _ in columns), tuple(hi for _, hi in columns), {}
        )

    def column(self, item: Item) -> int | None:
        """The column a cell shares the most slots with (``_column_of``)."""
        return _column_of(item, self)


def _overlapping(col: int, end: int, slots: _Slots) -> range:
    """The indexes of the columns that slots ``col``..``end`` touch, found by bisection:
    a row of a thousand columns costs no more per cell than a row of two."""
    first = bisect_right(slots.his, col)
    last = bisect_left(slots.los, end)
    return range(first, max(first, last))


def _column_of(item: Item, slots: _Slots) -> int | None:
    """The column a cell shares the most slots with (the first of equals), if any."""
    col, end = item.col, item.end
    first = bisect_right(slots.his, col)
    last = bisect_left(slots.los, end)
    best, overlap = None, 0
    for j in range(first, last):
        lo, hi = slots.columns[j]
        shared = (end if end < hi else hi) - (col if col > lo else lo)
        if shared > overlap:
            best, overlap = j, shared
    return best


def _figures(line: Line, slots: _Slots) -> tuple[list[Item], list[_Placed]]:
    """The label items and the placed figures of a row: a `$` cell marks the figure after
    it, a closer cell closes the figure before it (``_closed``), and each figure goes to
    the column its cell shares the most slots with, the first figure there kept. The
    pass ``_grid.part_rows`` makes in C for each row of figures (``_drafts``)."""
    first = slots.los[0]
    found = slots.found
    label: list[Item] = []
    placed: list[_Placed] = []
    taken: set[int] = set()
    dollar = False
    for item in line.items:
        role = item.role
        if role is _DOLLAR:
            dollar = True
            continue
        if item.col < first and not placed:
            if role is not _CLOSER:
                label.append(item)
            continue
        if role is _CLOSER and placed and not placed[-1].split:
            joined = _closed(placed[-1], item)
            if joined is not None:
                placed[-1] = joined
            continue
        if (role is _FIGURE or role is _YEAR) and item.figure is not None:
            where = (item.col, item.end)
            j = found.get(where, -1)
            if j == -1:
                j = found[where] = slots.column(item)
            if j is not None and j not in taken:
                taken.add(j)
                fields = (j, item, item.text, item.figure, dollar, False, False)
                placed.append(_placed(_Placed, fields))
        dollar = False
    return label, placed


def _closed(last: _Placed, closer: Item) -> _Placed | None:
    """The figure ``last`` with the closer printed in the cell after it (`)`, `%`), when
    the two read as one figure."""
    closing = _closing(last.raw, closer.text)
    if closing is None:
        return None
    raw, parsed, split, mark = closing
    return _placed(_Placed, (last.column, last.item, raw, parsed, last.dollar, split, mark))


@lru_cache(maxsize=4096)
def _closing(raw: str, closer: str) -> tuple[str, Figure, bool, bool] | None:
    """What a figure printed ``raw`` reads with ``closer`` after it: the joined print, its
    figure, whether the closer holds the `)` and whether it prints a footnote mark (None
    when the two do not read as one figure). Once per pair of prints: a table repeats
    its `)` and `%` cells."""
    joined = with_closer(raw, closer)
    parsed = read_figure(joined)
    if parsed is None:
        return None
    return joined, parsed, ")" in closer, closer_mark(closer)


_PLACE_ROLES = (_DOLLAR, _CLOSER, _FIGURE, _YEAR)


def _label_text(items: list[Item]) -> str:
    joined = " ".join([i.text for i in items])
    if joined.isprintable() and "  " not in joined:  # one space apart already (as words)
        return joined.strip()
    return _SPACES.sub(" ", joined).strip()


def _drafts(part: Part, slots: _Slots) -> list[_Draft]:
    drafts: list[_Draft] = []
    pending: _Draft | None = None  # a label row that may run on into the next row
    for at, line in enumerate(part.body):
        kind = line.kind
        if kind is _FIGURES:
            label_items, placed = _figures(line, slots)  # no `$` among its label items
        elif kind is _LABEL:
            label_items, placed = [i for i in line.items if i.role is not _DOLLAR], []
        else:
            if kind is _EMPTY_ROW and pending is not None:
                drafts.append(pending)
                pending = None
            continue
        label = _label_text(label_items)
        lead = label_items[0] if label_items else None
        bold = lead is not None and lead.cell.bold
        if not bold and placed:
            bold = all(f.item.cell.bold for f in placed)
        draft = _Draft(label, lead, lead.cell.indent if lead else 0.0, bold, line, at, placed)
        if pending is not None:
            joined = (placed and not label) or (label and continues(pending.label, label))
            if joined:
                draft.label = f"{pending.label} {label}".strip()
                draft.label_item, draft.indent = pending.label_item, pending.indent
                pending = None
            else:
                drafts.append(pending)
                pending = None
        if placed:
            drafts.append(draft)
        else:
            pending = draft
    if pending is not None:
        drafts.append(pending)
    return drafts


def _boundary(slots: _Slots, above: Line, below: Line, between: list[Line]) -> Rule:
    """The rule drawn between two rows (and the rule rows between them), over the figures.

    Only a cell that draws something is placed against the columns: most cells draw no
    rule, and a double rule cannot be outdone."""
    none = _NO_RULE
    rule = stronger(above.row.bottom, below.row.top)
    for cell in above.row.cells:
        if (
            cell.bottom is not none
            and cell.bottom is not rule
            and _overlapping(cell.col, cell.end, slots)
        ):
            rule = stronger(rule, cell.bottom)
    for cell in below.row.cells:
        if (
            cell.top is not none
            and cell.top is not rule
            and _overlapping(cell.col, cell.end, slots)
        ):
            rule = stronger(rule, cell.top)
    for line in between:
        rule = stronger(rule, stronger(line.row.top, line.row.bottom))
        for cell in line.row.cells:
            if rule is _DOUBLE:
                return rule
            drawn = stronger(cell.top, cell.bottom)
            if cell.is_rule:
                drawn = stronger(drawn, _DOUBLE if cell.text.value.startswith("=") else _SINGLE)
            if drawn is not none and drawn is not rule and _overlapping(cell.col, cell.end, slots):
                rule = stronger(rule, drawn)
    return rule


def row_drafts(part: Part, where: Locator) -> list[RowDraft]:
    """The rows of a part as printed: labels, indents, emphasis, rules and figures
    (``_row_drafts_python``, compiled when built)."""
    slots = _Slots.of(part.columns)
    if _PART_ROWS is None:
        return _row_drafts_python(part, slots, where)
    made: list[RowDraft] = _PART_ROWS(_PART_ROWS_CONFIG, slots, part.body, where)
    return made


def _row_drafts_python(part: Part, slots: _Slots, where: Locator) -> list[RowDraft]:
    """``row_drafts``: the specification of the compiled ``_grid.part_rows``, the same
    passes in C over the part's lines (each row's label and figures as ``_drafts`` finds
    them, the rules as ``_boundary``, each record as ``_row`` makes it, with no ``_Draft``
    between; ``_label_text`` for a label of unusual spaces, ``continues`` and ``_closing``
    called back; a figure's column as ``_column_of`` finds it, its marks as ``_flagged``
    folds them into the same dict, every span as ``Locator.span`` makes it, in C)."""
    drafts = _drafts(part, slots)
    body = part.body
    for k in range(1, len(drafts)):
        above, d = drafts[k - 1], drafts[k]
        rule = _boundary(slots, above.line, d.line, body[above.at + 1 : d.at])
        d.rule_above = rule
        above.rule_below = rule
    return [_row(d, where) for d in drafts]


def _row(d: _Draft, where: Locator) -> RowDraft:
    label_span = (
        where.span(d.label_item.cell.text)
        if d.label_item is not None
        else where.point(d.line.row.start)
    )
    figures = tuple([_figure(f, where) for f in d.figures])
    return RowDraft(  # by position (label, label_span, indent, line, figures, rules, bold)
        d.label,
        label_span,
        d.indent,
        figures[0].span.line if figures else label_span.line,
        figures,
        d.rule_above,
        d.rule_below,
        d.bold,
    )


def _figure(f: _Placed, where: Locator) -> FigureDraft:
    """A figure with the marks printed in cells of their own folded into its flags."""
    cell = f.item.cell
    ix = cell.ix
    figure = f.figure
    if ix is not None and ix.negative and _STRAY_PARENTHESIS in figure.flags:
        negative = -abs(figure.value)
        figure = Figure(
            negative,
            figure.decimals,
            figure.flags - {_STRAY_PARENTHESIS} | {_PARENTHESISED},
            (negative,),
        )
    marked = bool(cell.marks or f.mark)
    if f.dollar or f.split or marked:  # else the figure as read, its flags unchanged
        figure = _flagged(figure, f.dollar, f.split, marked)
    return FigureDraft(
        f.column,
        f.raw,
        figure,
        where.span(cell.text, on_last_line=True),
        ix.scale if ix is not None else None,
    )


# figures with the reader's marks folded in, by the figure as read (the same object for
# the same print: ``cells`` reads each text once) and the marks; bounded
_FLAGGED: dict[tuple[int, bool, bool, bool], tuple[Figure, Figure]] = {}
_FLAGGED_MAX = 4096


def _flagged(figure: Figure, dollar: bool, split: bool, marked: bool) -> Figure:
    """``figure`` with the flags of a `$`, a split closer and a footnote mark added."""
    key = (id(figure), dollar, split, marked)
    known = _FLAGGED.get(key)
    if known is not None and known[0] is figure:
        return known[1]
    flags = set(figure.flags)
    if dollar:
        flags.add(_DOLLAR_FLAG)
    if split:
        flags.add(_SPLIT_FLAG)
    if marked:
        flags.add(_FOOTNOTE_FLAG)
    made = Figure(figure.value, figure.decimals, frozenset(flags), figure.readings)
    if len(_FLAGGED) >= _FLAGGED_MAX:
        _FLAGGED.clear()
    _FLAGGED[key] = (figure, made)  # the figure kept with it: its id is not reused
    return made


_PART_ROWS = grid_function("part_rows")  # _row_drafts_python
# what the compiled part_rows reads and calls back: the roles and record of a placed
# figure and what a closer reads as with the figure before it (``_closing``, as ``_closed``
# asks it), the kinds of lines, a label's text and whether it runs on, the rules, then
# each record made with its slots in the order of its fields (set as ``quick_init`` sets
# them), what ``_flagged`` reads to fold a figure's marks in (its dict and cap, the three
# flags, the Figure record and its slots), a figure with inline XBRL (``_figure``) and the
# Span of a text of one run
_PART_ROWS_CONFIG = (
    _PLACE_ROLES,
    _Placed,
    _closing,
    (_FIGURES, _LABEL, _EMPTY_ROW),
    _label_text,
    continues,
    (_NO_RULE, _SINGLE, _DOUBLE, RULE_TEXT.match),
    (
        RowDraft,
        tuple(getattr(RowDraft, f.name) for f in fields(RowDraft)),
        FigureDraft,
        tuple(getattr(FigureDraft, f.name) for f in fields(FigureDraft)),
        (
            _FLAGGED,
            _FLAGGED_MAX,
            (_DOLLAR_FLAG, _SPLIT_FLAG, _FOOTNOTE_FLAG),
            Figure,
            tuple(getattr(Figure, f.name) for f in fields(Figure)),
        ),
        _figure,
        Span,
        tuple(getattr(Span, f.name) for f in fields(Span)),
        _NEAR,
    ),
)
