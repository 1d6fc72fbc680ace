"""Round 28's first-sight steps of the checks and the prose tie answer as before (item 49c).

``Index`` reads a table's title for its period only where a column's length is left
open; ``RowFigures.of`` halves a rounding unit once per unit object of a row and reads a
cell's one reading by identity first; ``changes._candidates`` reads each period column's
date and length once; ``memo._same`` maps ``is_`` over both sequences. Over every corpus
release each answers as the code it replaced (written out here) does.
"""

from __future__ import annotations

from decimal import Decimal
from itertools import accumulate

import pytest

from tieout.checks import changes
from tieout.model import Column, Row, Table
from tieout.prose import memo
from tieout.prose.index import _QUARTER_LABEL, _TRAILING, Index, RowFigures
from tieout.rounding import HALF
from tieout.tables.periods import parse_period
from tieout.vocabulary.totals import year_total_head


def _months_before(table: Table) -> dict[int, int | None]:
    """Each column's length as ``Index`` read it before round 28: the title parsed first."""
    title_months = parse_period([table.title]) if table.title else None
    trailing = bool(_TRAILING.search(table.title or ""))
    quarters = any(c.period is not None and c.period.quarter is not None for c in table.columns)
    out: dict[int, int | None] = {}
    for col in table.columns:
        p = col.period
        if p is None:
            continue
        months = 12 if trailing else p.months
        if months is None and not p.instant and _QUARTER_LABEL.search(col.label):
            months = 3
        if months is None and quarters and year_total_head(col.label):
            months = 12
        if months is None and not p.instant and title_months is not None:
            months = title_months.months
        out[col.index] = months
    return out


@pytest.mark.corpus
def test_corpus_columns_lengths_are_read_as_with_every_title_parsed(
    corpus_tables: list[tuple[str, list[Table]]],
) -> None:
    columns = 0
    for name, tables in corpus_tables:
        index = Index(tables)
        for table in tables:
            for column, months in _months_before(table).items():
                assert index.columns[(table.index, column)].months == months, (name, table.index)
                columns += 1
    assert columns > 1000


def _figures_before(row: Row, columns: list[int]) -> RowFigures:
    """``RowFigures.of`` as written before round 28."""
    zero = Decimal(0)
    ends: list[tuple[Decimal, Decimal]] = []
    largest, smallest, finest = zero, None, None
    cells = row.cells
    for column in columns:
        cell = cells[column] if column < len(cells) else None
        if cell is None:
            continue
        unit = cell.precision
        half = unit * HALF
        size = abs(cell.value)
        readings = cell.readings
        if not readings or (len(readings) == 1 and readings[0] == cell.value):
            ends.append((size - half, size + half))
            top, least = size + unit, size - unit
            if not least > zero:
                least = zero
        else:
            sizes = (size, *map(abs, readings))
            ends.extend([(each - half, each + half) for each in sizes])
            top, least = max(sizes) + unit, max(zero, min(sizes) - unit)
        if top > largest:
            largest = top
        if smallest is None or least < smallest:
            smallest = least
        if finest is None or unit < finest:
            finest = unit
    if not ends:
        return RowFigures((), (), largest, None, Decimal(0))
    ends.sort()
    lows, highs = zip(*ends, strict=True)
    reach = tuple(accumulate(highs, max))
    return RowFigures(lows, reach, largest, smallest, Decimal(0) if finest is None else finest)


def _same_record(a: RowFigures, b: RowFigures) -> bool:
    """The same figures, each Decimal printed alike (its digits and exponent)."""
    return repr(a) == repr(b)


@pytest.mark.corpus
def test_corpus_row_figures_are_as_each_unit_halved_per_cell(
    corpus_tables: list[tuple[str, list[Table]]],
) -> None:
    rows = 0
    for name, tables in corpus_tables:
        index = Index(tables)
        for table in tables:
            columns = [c.index for c in index.table_columns.get(table.index, ())]
            for row in table.rows:
                assert _same_record(RowFigures.of(row, columns), _figures_before(row, columns)), (
                    name,
                    table.index,
                    row.index,
                )
                rows += 1
    assert rows > 1000


def _candidates_before(table: Table, change: Column) -> list[tuple[Column, Column, bool]]:
    """``changes._candidates`` as written before round 28."""
    periods = [
        x
        for x in table.columns[: change.index]
        if not x.change and x.unit is None and x.period is not None
    ]
    pairs: list[tuple[Column, Column, bool]] = []
    when = {x.index: changes._when(x) for x in periods}
    if len(periods) >= 2:
        a, b = periods[-2], periods[-1]
        if a.period is not None and b.period is not None and a.period.months == b.period.months:
            current, prior = (a, b) if when[a.index] >= when[b.index] else (b, a)
            if current.period != prior.period:
                pairs.append((current, prior, True))
    natural = {(p[0].index, p[1].index) for p in pairs}
    for a in periods:
        for b in periods:
            if (
                a.index == b.index
                or when[a.index] <= when[b.index]
                or (a.index, b.index) in natural
            ):
                continue
            assert a.period is not None and b.period is not None
            if a.period.months == b.period.months:
                pairs.append((a, b, False))
    names = {x.index: changes._names(change, x) for x in periods}
    named = [(a, b, True) for a, b, _ in pairs if names[a.index] and names[b.index]]
    if len(named) == 1:
        return [*named, *(p for p in pairs if p[:2] != named[0][:2])]
    return pairs


@pytest.mark.corpus
def test_corpus_change_columns_candidate_pairs_are_as_before(
    corpus_tables: list[tuple[str, list[Table]]],
) -> None:
    asked = paired = 0
    for name, tables in corpus_tables:
        for table in tables:
            for change in table.columns:
                if change.change:
                    found = changes._candidates(table, change)
                    assert found == _candidates_before(table, change), (name, table.index)
                    asked += 1
                    paired += bool(found)
    assert asked > 100 and 0 < paired < asked


def test_the_same_tables_are_the_very_records_in_order() -> None:
    a, b = object(), object()
    kept = (a, b)
    for tables, same in (
        ([a, b], True),
        ((a, b), True),
        ([b, a], False),
        ([a], False),
        ([a, b, a], False),
        ([], False),
    ):
        assert memo._same(kept, tables) is same  # type: ignore[arg-type]
        before = len(kept) == len(tables) and all(
            x is y for x, y in zip(kept, tables, strict=False)
        )
        assert before is same
    assert memo._same((), []) is True
