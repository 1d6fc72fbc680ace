"""One assembler for every format: table drafts to ``Table`` records.

Readers only say what is printed where (``tieout.tables.drafts``). Everything that gives
the print its meaning is decided here, once, whatever the format: the scale and the
title, each column's period, segment and unit (``headers``), each row's level and
section (``sections``), unit and scale factor (``units``), cells in units, kind (item,
subtotal, total) and concept.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter

from tieout import extensions
from tieout.figures import precision_of
from tieout.model import (
    UNIT_PURE,
    UNIT_SHARES,
    UNIT_USD,
    Cell,
    Column,
    Row,
    RowKind,
    Rule,
    Span,
    Table,
    Unit,
    cell_unit,
)
from tieout.rounding import scaled
from tieout.tables.drafts import Located, RowDraft, TableDraft
from tieout.tables.headers import PrintsOf, make_columns
from tieout.tables.labels import is_sentence
from tieout.tables.scale import find_scale
from tieout.tables.sections import MAX_HEAD, Heads, levels
from tieout.tables.units import _worded, by_prints, flags_of, row_factor, table_words
from tieout.vocabulary import concept_of

_MARK = re.compile(r"\(([a-z]|\d{1,2})\)")  # a footnote mark: (b), (2)
_NOTE = re.compile(r"^\s*\(([a-z]|\d{1,2})\)")  # the footnote it refers to: "(b) Dollars ..."
_NOT_TITLE = re.compile(r"^\(?unaudited\)?$|^\(?see notes?\)?$|^\(?continued\)?$", re.I)
_DOUBLE_DASH = re.compile(r"^- - ")

Scale = tuple[Decimal, str, Span | None]

# Enum members read per row and per figure as module names (through the class each costs
# a descriptor call, about 130 ns on CPython 3.11).
_HEADER, _TOTAL, _SUBTOTAL, _ITEM = RowKind.HEADER, RowKind.TOTAL, RowKind.SUBTOTAL, RowKind.ITEM
_SINGLE, _DOUBLE = Rule.SINGLE, Rule.DOUBLE


def assemble(drafts: Sequence[TableDraft], first_index: int = 0) -> list[Table]:
    """The tables of one document's drafts, numbered from ``first_index``."""
    return [t for t in assemble_each(drafts, first_index) if t is not None]


def assemble_each(drafts: Sequence[TableDraft], first_index: int = 0) -> list[Table | None]:
    """The table each draft makes (None for a draft with no figure), in order.

    A draft that continues the table before it keeps that table's scale when it states
    none of its own.
    """
    out: list[Table | None] = []
    last: Table | None = None
    count = 0
    for draft in drafts:
        previous = last if draft.continues else None
        inherited = (previous.scale, previous.scale_text, previous.scale_span) if previous else None
        table = assemble_one(draft, first_index + count, inherited)
        out.append(table)
        if table is not None:
            last, count = table, count + 1
    return out


def _scale(draft: TableDraft, inherited: Scale | None) -> Scale:
    """The first scale stated by a group of the draft's scale texts, else by a footnote
    its title or headers mark, else the inherited."""
    noted: tuple[Located, ...] = ()
    if draft.notes:  # the marks are asked for only to find a note they refer to
        marks = {
            m.group(1).lower()
            for text in (
                *(t.text for t in draft.title),
                *(x for c in draft.columns for x in c.texts),
            )
            if "(" in text  # every mark opens with one
            for m in _MARK.finditer(text)
        }
        noted = tuple(
            n for n in draft.notes if (m := _NOTE.match(n.text)) and m.group(1).lower() in marks
        )
    for group in (*draft.scales, noted):
        texts = [t.text for t in group if t.text]
        scale, words = find_scale(texts)
        if words:
            return scale, words, _span_of(group, words)
    if inherited is not None:
        return inherited
    return Decimal(1), "", None


def _title(parts: Sequence[Located], scale_text: str) -> tuple[str, Span | None]:
    """The title: the texts above the table but a note, the scale words, sentences and
    texts longer than a head (prose that found its way above the table: every figure of
    the table would carry it)."""
    kept = [
        t
        for t in parts
        if t.text
        and len(t.text) <= MAX_HEAD
        and not _NOT_TITLE.match(t.text)
        and t.text != scale_text
        and not is_sentence(t.text)
    ]
    return " / ".join([t.text for t in kept]), _first_span(kept)


# a scale's span and a title's, each found by a loop: a generator left at its first answer
# is closed by an exception thrown into its frame (about 3,000 instructions, three times a
# loop's whole cost), twice a table


def _span_of(group: Sequence[Located], words: str) -> Span | None:
    """The span of the first text of the group that is ``words`` once stripped."""
    for t in group:
        if t.text.strip() == words:
            return t.span
    return None


def _first_span(kept: Sequence[Located]) -> Span | None:
    """The first span the texts have, if any."""
    for t in kept:
        if t.span:
            return t.span
    return None


def assemble_one(draft: TableDraft, index: int, inherited: Scale | None = None) -> Table | None:
    """One table from its draft, or None when no row holds a figure."""
    scale, scale_text, scale_span = _scale(draft, inherited)
    title, title_span = _title(draft.title, scale_text)
    columns = make_columns(draft, [t.text for t in draft.title])
    rows = _rows(draft, columns, scale, scale_text, title)
    if not any(map(_HAS_FIGURES, rows)):
        return None
    lines = list(map(_LINE, rows))  # not empty: a row has figures
    return Table(
        index=index,
        title=title,
        scale=scale,
        scale_text=scale_text,
        columns=tuple(columns),
        rows=tuple(rows),
        first_line=min(draft.first_line, min(lines)),
        last_line=max(lines),
        exhibit=draft.exhibit,
        title_span=title_span,
        scale_span=scale_span,
    )


_HAS_FIGURES, _LINE = attrgetter("has_figures"), attrgetter("line")  # read of every row


def _label(text: str) -> str:
    # every whitespace character but the space is unprintable: a printable text with no
    # two spaces in a row has no run to make one space; elsewhere each run of whitespace
    # (``str.split``'s, which is ``\s``'s) becomes one space, the ends stripped
    printable = text.isprintable() and "  " not in text
    label = text.strip() if printable else " ".join(text.split())
    return _DOUBLE_DASH.sub("- ", label) if label.startswith("- - ") else label


def _rows(
    draft: TableDraft, columns: list[Column], scale: Decimal, scale_text: str, title: str
) -> list[Row]:
    """The table's ``Row`` records: what is read of the whole draft (the levels of its
    indents, whether bold marks subtotals, which columns' prints say what a row counts)
    here, then the row pass (``_row_pass``: compiled, or ``_rows_python``)."""
    level_of = levels([d.indent for d in draft.rows], draft.indent_step)
    figure_rows = [d for d in draft.rows if d.figures]
    bold_rows = [d for d in figure_rows if d.bold]
    bold_marks = 0 < len(bold_rows) * 3 <= len(figure_rows)
    prints_of = PrintsOf(columns)
    return _row_pass(draft.rows, level_of, prints_of, columns, scale, scale_text, title, bold_marks)


def _rows_python(
    drafts: Sequence[RowDraft],
    level_of: dict[float, int],
    prints_of: PrintsOf,
    columns: list[Column],
    scale: Decimal,
    scale_text: str,
    title: str,
    bold_marks: bool,
) -> list[Row]:
    """Each row draft's ``Row``: its label, level, section under the heads open above it,
    unit (asked of the prints ``prints_of`` gives), cells, kind and concept.

    The specification of the compiled row pass (``_cells.c``'s ``rows``), which makes the
    same records."""
    heads = Heads()
    table = table_words(scale, scale_text, title)  # what the table's words say, once
    rows: list[Row] = []
    own_units: dict[Unit, list[bool]] = {}  # per row unit, the columns that count their own
    blank = (None,) * len(columns)
    for d in drafts:
        level = level_of[d.indent]
        label = _label(d.label)
        after_head = bool(rows) and rows[-1].kind is _HEADER
        section, context = heads.enter(level, label, bool(d.figures), d.rule_above, after_head)
        if not d.figures:
            rows.append(
                Row(len(rows), label, level, _HEADER, UNIT_USD,
                    blank, d.line, d.label_span,
                    d.rule_above, d.rule_below, None, section)
            )  # fmt: skip
            heads.push(level, label)
            continue
        prints = prints_of(d.figures)
        words = _worded(label, section, context, flags_of(prints), table)  # classify_row's
        unit = by_prints(words, prints) if (words.rates or words.cents) and prints else words.unit
        owns = own_units.get(unit)
        if owns is None:
            owns = own_units[unit] = _owns(columns, unit)
        cells = _cells_python(d, owns, label, section, unit, scale, scale_text)
        kind = _kind(label, d.rule_above, d.rule_below, bold_marks and d.bold)
        rows.append(
            Row(len(rows), label, level, kind, unit, tuple(cells), d.line, d.label_span,
                d.rule_above, d.rule_below, concept_of(label) if unit is not UNIT_PURE else None, section)
        )  # fmt: skip
    return rows


def _owns(columns: Sequence[Column], unit: Unit) -> list[bool]:
    """By column, whether it counts its own unit in a row of ``unit`` (``cell_unit`` of the
    column and the row is not the row's): its figures then take no row factor."""
    return [cell_unit(c.unit, unit) is not unit for c in columns]


def _cells_python(
    d: RowDraft,
    own_units: list[bool],
    label: str,
    section: str | None,
    unit: Unit,
    scale: Decimal,
    scale_text: str,
) -> list[Cell | None]:
    """The row's figures in units: the row's factor, unless a column counts its own unit
    (``own_units``, by column: ``cell_unit`` of the column and the row is not the row's).

    The specification of the compiled cells (``_cells.c``), which make the same records."""
    factor = row_factor(unit, label, section, scale, scale_text)
    cells: list[Cell | None] = [None] * len(own_units)
    powered = unit is UNIT_USD or unit is UNIT_SHARES
    by_factor, by_one = _scaling(factor), _scaling(_ONE)
    for f in d.figures:
        column = f.column
        if cells[column] is not None:
            continue  # two prints under one column: the first is the column's
        own = own_units[column]
        scaling = by_one if own else by_factor
        if f.power is not None and not own and powered:
            scaling = _scaling(_TEN**f.power)
        fig = f.figure
        first = fig.value
        value = scaling[first]
        if not value:  # a zero: its sign is its own, not that of an equal zero's
            value = _scaled(first, scaling.factor, first.is_signed())
        readings = fig.readings
        precision = scaling.units.get(fig.decimals)
        if precision is None:
            precision = scaling.units[fig.decimals] = _scaled_unit(fig.decimals, scaling.factor)
        cells[column] = Cell(
            f.raw,
            value,
            precision,
            f.span,
            column,
            fig.flags,
            (value,)
            if len(readings) == 1 and readings[0] is first
            else tuple(
                value if r is first else _scaled(r, scaling.factor, r.is_signed()) for r in readings
            ),
        )
    return cells


_ONE = Decimal(1)
_TEN = Decimal(10)


class _Scaling(dict[Decimal, Decimal]):
    """``_scaled`` by one factor, by value: a dict's lookup per figure where the cache of
    ``_scaled`` makes a key of three (equal values scale alike; a zero is looked up with
    its sign by the caller, equal zeros of two signs being one key). ``units`` holds the
    scaled rounding unit per count of decimals (``_scaled_unit``)."""

    __slots__ = ("factor", "units")

    def __init__(self, factor: Decimal) -> None:
        super().__init__()
        self.factor = factor
        self.units: dict[int, Decimal] = {}

    def __missing__(self, value: Decimal) -> Decimal:
        made = _scaled(value, self.factor, value.is_signed())
        if len(self) >= _MAX_VALUES:
            self.clear()  # full: start again, so the values of the releases read now are kept
        self[value] = made
        return made


_MAX_VALUES = 65536  # values kept per factor (each a pure function of value and factor)
_SCALINGS: dict[Decimal, _Scaling] = {}  # by factor: the table scales and a few powers


def _scaling(factor: Decimal) -> _Scaling:
    """The scaling by ``factor``, one per factor (at most 64 kept)."""
    made = _SCALINGS.get(factor)
    if made is None:
        made = _Scaling(factor)
        if len(_SCALINGS) < 64:
            _SCALINGS[factor] = made
    return made


@lru_cache(maxsize=65536)
def _scaled(value: Decimal, factor: Decimal, signed: bool) -> Decimal:
    """``scaled``, once per value: its result is the product's value made canonical, so
    equal values (1.0 and 1.00) scale alike; the sign of a zero is part of the key."""
    return scaled(value, factor)


@lru_cache(maxsize=1024)
def _scaled_unit(decimals: int, factor: Decimal) -> Decimal:
    """The rounding unit of a print of ``decimals`` decimals, scaled (``_scaled`` of its
    ``Figure.precision``), once per count of decimals and factor."""
    return _scaled(precision_of(decimals), factor, False)


def _kind(label: str, above: Rule, below: Rule, bold: bool) -> RowKind:
    """Total under a rule and over a double rule (or named so), subtotal under a rule."""
    totalish = label.lower().startswith("total")
    if above is _SINGLE and (below is _DOUBLE or totalish):
        return _TOTAL
    if above is _SINGLE or totalish or bold:
        return _SUBTOTAL
    return _ITEM


_RowPass = Callable[
    [Sequence[RowDraft], dict[float, int], PrintsOf, list[Column], Decimal, str, str, bool],
    list[Row],
]


def _compiled_rows(*, forced: bool = False) -> _RowPass | None:
    """The compiled row pass (``_cells.c``'s ``rows``), as ``extensions.compiled`` gives it,
    configured with the records it makes and the Python it asks."""
    compiled = extensions.compiled("tieout.tables._cells", forced=forced)
    if compiled is None:
        return None
    compiled.configure(Cell, _scaling, _scaled, _scaled_unit, _TEN)
    compiled.configure_rows(
        Row,
        (
            _label,
            _worded,
            by_prints,
            flags_of,
            row_factor,
            _SCALINGS,
            concept_of,
            _owns,
            _ONE,
            table_words,
        ),
        (_HEADER, _TOTAL, _SUBTOTAL, _ITEM, UNIT_USD, UNIT_SHARES, UNIT_PURE, _SINGLE, _DOUBLE),
        MAX_HEAD,
    )
    rows: _RowPass = compiled.rows
    return rows


_compiled = _compiled_rows()
COMPILED = _compiled is not None
_row_pass: _RowPass = _compiled if _compiled is not None else _rows_python
