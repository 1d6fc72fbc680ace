"""A grid's rows sorted into title, header and body, cut into tables, with their columns.

Each row is read as one of: a row of figures (a label and figures after it, or figures
alone), a header row (text over the figure columns: periods, years, segment names), a
label row (text at the left only: a section head, a title, a period such as "First
Quarter 2022" over the rows below it), a rule row, or an empty one. A header row after
rows of figures starts a new table in the same ``<table>``; so does a label row that
names a period, which keeps the header above it.

Columns come from where the figures are, never from the header: figures are
right-aligned, so the figures of one column end in the same slot; groups of figures
that overlap are one column unless some row prints a figure in both. A column of
footnote numbers (1, 2, "1,2") with no header is not a column of figures.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field, fields
from enum import StrEnum
from functools import lru_cache
from itertools import pairwise

from tieout.extensions import grid_function
from tieout.model import Rule, quick_init
from tieout.readers.html.cells import FOOTNOTE_LIKE, Item, Role, _role, footnote_like, items_of
from tieout.readers.html.grid import RULE_TEXT, Grid, GridRow
from tieout.readers.html.text import Text
from tieout.tables.periods import PERIOD_WORDS, names_period, parse_period

_PERIOD_ROW = re.compile(
    r"^(?:(?:first|second|third|fourth)\s+quarter|(?:three|six|nine|twelve)\s+months|full\s+year|"
    r"(?:fiscal\s+)?year|q[1-4]|quarter)\b.*\b(?:19|20)\d\d\b",
    re.I,
)


_SCALE_NOTE = re.compile(
    r"\(\s*(?:[^()]{0,40}\b)?(?:in\s+)?(?:thousands|millions|billions)\b"
    r"|^\s*(?:\(?\$(?!\w)|(?:u\.?s\.?\s+)?dollars\b|amounts\b|figures\b|in\b)"
    r".{0,40}\b(?:thousands|millions|billions)\b"
    r"|\b000'?s\s+omitted|\(\s*\$?\s*000'?s?\s*\)",
    re.I,
)
_MAX_NOTE = 120


@lru_cache(maxsize=4096)
def is_scale_note(text: str) -> bool:
    """A short line that states a scale ("(In millions)", "Dollars in thousands"); once
    per text: the same short lines stand above table after table (a company's name, "-
    more -"), and the pattern is tried at every character of a line that is no note."""
    return len(text) <= _MAX_NOTE and bool(_SCALE_NOTE.search(text))


class Kind(StrEnum):
    """What a grid row is (the module docstring tells how each is read)."""

    FIGURES = "figures"  # a label and figures after it, or figures alone
    HEADER = "header"  # text over the figure columns: periods, years, segment names
    LABEL = "label"  # text at the left only: a section head, a title, a period
    RULE = "rule"  # no text, a rule drawn
    EMPTY = "empty"  # no text, no rule


# enum members as module names: read through their class, each costs a descriptor
# call (about 150 ns on CPython 3.11), and the loops below read them per cell
_FIGURES = Kind.FIGURES
_HEADER = Kind.HEADER
_LABEL = Kind.LABEL
_RULE_ROW = Kind.RULE
_EMPTY_ROW = Kind.EMPTY
_DOLLAR = Role.DOLLAR
_BLANK = Role.EMPTY
_FIGURE = Role.FIGURE
_NA = Role.NA
_TEXT = Role.TEXT
_YEAR = Role.YEAR
_NO_RULE = Rule.NONE


@quick_init
@dataclass(frozen=True, slots=True)
class Line:
    """A grid row, its cells classified, and what kind of row it is."""

    index: int
    row: GridRow
    items: tuple[Item, ...]  # non-empty cells, left to right
    kind: Kind

    @property
    def lead(self) -> Item | None:
        return next((i for i in self.items if i.role is not _DOLLAR), None)


@dataclass(slots=True)
class Part:
    """The rows of one table of figures found in a grid (slotted: ``split`` makes them in
    C through their slots when compiled)."""

    title: list[Line] = field(default_factory=list)
    header: list[Line] = field(default_factory=list)
    body: list[Line] = field(default_factory=list)  # figure, label, rule and empty rows
    period: Text | None = None  # a period named by a label row above the body
    columns: list[tuple[int, int]] = field(default_factory=list)  # slot ranges [lo, hi)
    above: Part | None = None  # the table before it in the same grid

    @property
    def has_figures(self) -> bool:
        return any(line.kind is _FIGURES for line in self.body)


_SCANNED = 12  # columns up to which a text's columns are found by a scan


class Slots:
    """Which of a table's columns (slot ranges ``[lo, hi)``) a text from slot ``col`` to
    ``end`` overlaps: found by bisection when the ranges ascend at both ends (as figure
    columns do), so a header or a row of a wide table is placed in time proportional to
    what it overlaps, not to the table's width."""

    __slots__ = ("_his", "_los", "_ranges", "_sorted")

    def __init__(self, ranges: Sequence[tuple[int, int]]) -> None:
        self._ranges = ranges
        wide = len(ranges) > _SCANNED  # a narrow table is scanned: fewer steps than bisection
        self._los = [lo for lo, _ in ranges] if wide else []
        self._his = [hi for _, hi in ranges] if wide else []
        self._sorted = (
            wide
            and all(a <= b for a, b in pairwise(self._los))
            and all(a <= b for a, b in pairwise(self._his))
        )

    def hits(self, col: int, end: int) -> Sequence[int]:
        """The indices of the ranges that overlap ``[col, end)``, ascending."""
        if self._sorted:
            return range(bisect_right(self._his, col), bisect_left(self._los, end))
        return [j for j, (lo, hi) in enumerate(self._ranges) if col < hi and end > lo]


def _strong(line_items: tuple[Item, ...]) -> list[Item]:
    """Figures after the row's label (a year is a figure when a label stands before it)."""
    lead_index = -1
    for k, item in enumerate(line_items):
        role = item.role
        if role is not _DOLLAR and role is not _BLANK:
            lead_index = k
            break
    if lead_index < 0:
        return []
    lead = line_items[lead_index]
    labelled = lead.role is _TEXT
    after = line_items[lead_index + 1 :] if labelled else line_items
    figures = [i for i in after if i.role is _FIGURE]
    if labelled:
        if figures:
            years = [i for i in after if i.role is _YEAR]
            if years and not names_period(lead.text):
                figures.extend(years)  # "Year founded  1976" among other figures
                return sorted(figures, key=lambda i: i.col)
        return figures  # in the order of the row's cells: by column
    real = [i for i in figures if not i.footnote_like]
    return figures if len(real) >= 2 or (real and len(figures) >= 2) else []


def _kinds(grid: Grid) -> tuple[list[Line], list[list[Item]]]:
    """Each row of the grid, classified (see the module docstring), and the figures after
    its label (``_strong``: the figures of a row of figures, none for the others);
    ``_kinds_python``, compiled when built."""
    if _KINDS is None:
        return _kinds_python(grid)
    made: tuple[list[Line], list[list[Item]]] = _KINDS(_KINDS_CONFIG, grid.rows)
    return made


def _kinds_python(grid: Grid) -> tuple[list[Line], list[list[Item]]]:
    """``_kinds``: the specification of the compiled ``_grid.kinds``, the same two passes
    over the rows in C (each row's items as ``items_of`` finds them, its figures as
    ``_strong``, each other row's kind as ``_is_header`` and ``GridCell.is_rule`` read it)."""
    raw: list[tuple[GridRow, tuple[Item, ...], list[Item]]] = []
    first_figure: int | None = None  # the first slot of a figure that is no footnote mark
    label_start: int | None = None  # the first slot of a row of figures
    for row in grid.rows:
        items = items_of(row.cells)
        strong = _strong(items) if items else []
        raw.append((row, items, strong))
        if strong:
            lead = items[0].col
            if label_start is None or lead < label_start:
                label_start = lead
            for i in strong:
                col = i.col
                if (first_figure is None or col < first_figure) and not i.footnote_like:
                    first_figure = col
    if label_start is None:
        label_start = 0
    lines = []
    for index, (row, items, strong) in enumerate(raw):
        if strong:
            kind = _FIGURES
        elif not items:
            ruled = row.top is not _NO_RULE or row.bottom is not _NO_RULE
            if not ruled:
                for c in row.cells:
                    if c.top is not _NO_RULE or c.bottom is not _NO_RULE or c.is_rule:
                        ruled = True
                        break
            kind = _RULE_ROW if ruled else _EMPTY_ROW
        elif _is_header(items, label_start, first_figure):
            kind = _HEADER
        else:
            kind = _LABEL
        lines.append(Line(index, row, items, kind))
    return lines, [strong for _, _, strong in raw]


_KINDS = grid_function("kinds")  # _kinds_python
# what the compiled _kinds reads: the roles, records, kinds and the Python it calls back
_KINDS_CONFIG = (
    _role,
    Item,
    (_BLANK, _DOLLAR, _FIGURE, _NA, _TEXT, _YEAR),
    Line,
    footnote_like,
    PERIOD_WORDS.search,
    tuple(getattr(Line, f.name) for f in fields(Line)),
    (_FIGURES, _HEADER, _LABEL, _RULE_ROW, _EMPTY_ROW),
    _NO_RULE,
    RULE_TEXT.match,
)


def _is_header(items: tuple[Item, ...], label_start: int, first_figure: int | None) -> bool:
    """Text over the figure columns, not a label with blanks (n/a) beside it."""
    if all(i.role is _YEAR for i in items):
        return True
    first = items[0]
    rest = items[1:] if first.col <= label_start else items
    if first.col <= label_start and first.role is _TEXT and all(i.role is _NA for i in rest):
        return False
    if first_figure is None:
        return any(i.col > label_start for i in items) and len(items) >= 2
    return any(i.role is not _NA and (i.col >= first_figure or i.col > label_start) for i in rest)


def _is_note(line: Line) -> bool:
    return len(line.items) == 1 and is_scale_note(line.items[0].text)


def _is_period_row(line: Line) -> bool:
    return (
        line.kind is _LABEL
        and len(line.items) == 1
        and bool(_PERIOD_ROW.match(line.items[0].text))
        and parse_period([line.items[0].text]) is not None
    )


def split(grid: Grid) -> list[Part]:
    """The tables of figures in a grid, in order (none when it holds no figures):
    ``_split_python``, compiled when built."""
    if _SPLIT is None:
        return _split_python(grid)
    made: list[Part] = _SPLIT(_SPLIT_CONFIG, grid.rows)
    return made


def _split_python(grid: Grid) -> list[Part]:
    """``split``: the specification of the compiled ``_grid.split``, which runs ``_kinds``
    and this loop in one call of C over the rows (the pending rows, titles, headers and
    bodies kept as row indexes, each Part made once with its columns, ``_columns`` in C
    with ``is_scale_note``, the period row's pattern and ``parse_period`` and
    ``FOOTNOTE_LIKE`` asked back)."""
    lines, strong = _kinds(grid)
    parts: list[Part] = [Part()]
    pending: list[Line] = []  # label, rule and empty rows not yet placed
    filled = False  # the last part has rows of figures (``has_figures``, kept as they come)
    for line in lines:
        part = parts[-1]
        kind = line.kind
        if kind is _HEADER:
            if filled:
                part.body.extend(_until_labels(pending))
                part = Part(title=_labels(pending), above=part)
                parts.append(part)
                filled = False
            else:
                part.title.extend(x for x in pending if x.kind is _LABEL)
            pending = []
            part.header.append(line)
        elif kind is _FIGURES:
            if not filled:
                if pending:
                    notes = [x for x in pending if x.kind is _LABEL and _is_note(x)]
                    part.title.extend(notes)  # "(In millions)" under the header: a scale
                    pending = [x for x in pending if x not in notes]
                if not part.header:
                    part.title.extend(_title_of(pending))
                    pending = _body_of(pending)
            part.body.extend(pending)
            pending = []
            part.body.append(line)
            filled = True
        elif kind is _LABEL and part.header and _is_period_row(line):
            if filled:
                part.body.extend(pending)
                part = Part(header=list(part.header), title=list(part.title))
                parts.append(part)
                filled = False
            else:
                part.body.extend(pending)
            pending = []
            part.period = line.items[0].cell.text
        else:
            pending.append(line)
    parts[-1].body.extend(pending)
    found = [p for p in parts if p.has_figures]
    for part in found:
        part.columns = _columns(part, strong)
    return [p for p in found if p.columns]


def _labels(pending: list[Line]) -> list[Line]:
    """Label rows just above a header row: the title of the table that header opens."""
    out: list[Line] = []
    for line in reversed(pending):
        if line.kind is _LABEL:
            out.append(line)
        elif line.kind is _EMPTY_ROW and not out:
            continue
        else:
            break
    return list(reversed(out))


def _until_labels(pending: list[Line]) -> list[Line]:
    titles = {id(x) for x in _labels(pending)}
    return [x for x in pending if id(x) not in titles]


def _title_of(pending: list[Line]) -> list[Line]:
    """Label rows above the first figures that are separated from them: a title."""
    body = {id(x) for x in _body_of(pending)}
    return [x for x in pending if id(x) not in body and x.kind is _LABEL]


def _body_of(pending: list[Line]) -> list[Line]:
    """The label rows right above the first figures (no empty row between)."""
    out: list[Line] = []
    for line in reversed(pending):
        if line.kind is _EMPTY_ROW:
            break
        out.append(line)
    return list(reversed(out))


def _columns(part: Part, strong: list[list[Item]]) -> list[tuple[int, int]]:
    """Figure columns as slot ranges: by the slot figures end in, then by overlap.

    ``strong`` holds the figures of each row of the grid by its index (``_kinds``)."""
    if _GROUPS is None:
        merged = _groups_python(part.body, strong)
    else:
        merged = _GROUPS(_FIGURES, part.body, strong)
    figure_rows = sum(1 for line in part.body if line.kind is _FIGURES)
    slots = Slots([(lo, hi) for lo, hi, _ in merged])
    headed = [False] * len(merged)
    for line in part.header:
        for i in line.items:
            for j in slots.hits(i.col, i.end):
                headed[j] = True
    texts: list[list[str]] = [[] for _ in merged]
    bare = [j for j, head in enumerate(headed) if not head]  # most columns have a header
    if bare:
        bare_slots = Slots([(merged[j][0], merged[j][1]) for j in bare])
        for line in part.body:
            if line.kind is _FIGURES:
                for i in line.items:
                    for k in bare_slots.hits(i.col, i.end):
                        texts[bare[k]].append(i.text)
    return [
        (lo, hi)
        for (lo, hi, used), head, printed in zip(merged, headed, texts, strict=True)
        if not _footnote_column(head, printed, used, figure_rows)
    ]


def _groups_python(body: list[Line], strong: list[list[Item]]) -> list[tuple[int, int, int]]:
    """The figure columns of a part's rows as (lo, hi, how many rows print in them): the
    slots figures end in, groups that overlap merged unless some row prints in both. The
    specification of the compiled ``_grid.groups`` (the same groups, from the figures
    sorted by the slot they end in)."""
    by_end: dict[int, tuple[int, set[int]]] = {}
    for line in body:
        if line.kind is not _FIGURES:
            continue
        index = line.index
        for item in strong[index]:
            end, col = item.end, item.col
            entry = by_end.get(end)
            if entry is None:
                by_end[end] = (col, {index})
                continue
            lo, rows = entry
            rows.add(index)
            if col < lo:
                by_end[end] = (col, rows)
    groups = sorted(((lo, hi, rows) for hi, (lo, rows) in by_end.items()), key=lambda g: g[1])
    merged: list[tuple[int, int, set[int]]] = []
    for lo, hi, rows in groups:
        if merged:
            p_lo, p_hi, p_rows = merged[-1]
            if lo < p_hi and not (rows & p_rows):
                merged[-1] = (min(lo, p_lo), hi, rows | p_rows)
                continue
        merged.append((lo, hi, rows))
    return [(lo, hi, len(rows)) for lo, hi, rows in merged]


_GROUPS = grid_function("groups")  # _groups_python
_SPLIT = grid_function("split")  # _split_python
# what the compiled split reads: kinds' config, the Part record and its slots in the order
# of its fields, the Python it asks back (a scale note, a period row's pattern and
# reading, a footnote mark) and the width up to which Slots scans
_SPLIT_CONFIG = (
    _KINDS_CONFIG,
    Part,
    tuple(getattr(Part, f.name) for f in fields(Part)),
    is_scale_note,
    _PERIOD_ROW.match,
    parse_period,
    FOOTNOTE_LIKE.match,
    _SCANNED,
)


def _footnote_column(headed: bool, texts: list[str], used: int, figure_rows: int) -> bool:
    """A column of footnote numbers with no header (``texts``: what the rows of figures
    print in it): not figures."""
    if headed:
        return False
    return (
        bool(texts)
        and all(FOOTNOTE_LIKE.match(t) for t in texts)
        and (used * 2 < figure_rows or any("," in t or "(" in t for t in texts))
    )
