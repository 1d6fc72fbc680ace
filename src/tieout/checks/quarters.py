"""Quarters that add to their year, row by row: Q1 + Q2 + Q3 + Q4 = the fiscal year.

A table whose columns are the four quarters of a fiscal year and the year's total adds
across. As with segment columns, the rows are the evidence; quarters headed Q1..Q4 beside
a total say more than segment names do, so fewer rows bear the relation out.

The quarters and their year may be printed in two tables: a five-quarter trend beside
the statement's "Year-to-Date" columns. A row of one is the same line as a row of the
other where the repeats pair them (concept or specific label, in tables that print the
same figures), and the quarters ending on the year-to-date column's date, 3, 6 and 9
months before, add to it: two for six months, three for nine, four for the year. A
year-to-date column whose duration is unread ("Year-to-Date Dec. 31 2021") takes the
one count of quarters the rows bear out, as the repeats pair a partly read column by
agreement.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from functools import partial

from tieout.checks.entry import RelationCheck
from tieout.checks.repeats import paired_rows, sharing
from tieout.checks.reporting import describe_sum
from tieout.checks.spec import Place, Spec, borne_out, column_sums
from tieout.model import (
    CellRef,
    Column,
    FindingCode,
    RelationKind,
    RelationSource,
    Row,
    Table,
    Term,
    Unit,
)
from tieout.vocabulary.totals import consolidated_segment, year_total_head

_NAME = "quarters add to the year"
_MIN_ROWS = 2
_MIN_SHARE = 0.6

# a balance or an average, not a flow: "Total assets" under "(period-end)", "Average loans"
_BALANCE = re.compile(
    r"\baverage\b|\bperiod[\s-]+end\b|\bend\s+of\s+(?:the\s+)?period\b|\bbalance\s+sheet\b"
    r"|\bending\s+balance\b|\bspot\b",
    re.I,
)


# enum members read once: a member read by attribute goes through its metaclass's
# ``__getattr__`` in Python 3.11 (about 0.4 us), in loops over rows and columns
_USD, _LAYOUT, _SUM = (
    Unit.USD, RelationSource.LAYOUT, RelationKind.SUM
)  # fmt: skip


def _year_groups(table: Table) -> list[tuple[Column, list[Column]]]:
    """(year column, its four quarter columns) for each fiscal year printed in full."""
    groups = []
    by_year: dict[int, list[Column]] = {}  # in the table's order: one pass, any width
    for c in table.columns:
        if c.period is not None and c.period.year is not None:
            by_year.setdefault(c.period.year, []).append(c)
    years = {y for y, cs in by_year.items() if any(c.period and c.period.quarter for c in cs)}
    for year in sorted(years):
        quarters = sorted(
            (c for c in by_year[year] if c.period is not None and c.period.quarter),
            key=lambda c: (c.period.quarter or 0) if c.period else 0,
        )
        totals = [
            c
            for c in by_year[year]
            if c.period is not None
            and not c.period.quarter
            and (c.period.months == 12 or year_total_head(c.label))
        ]
        numbers = [c.period.quarter for c in quarters if c.period]
        if numbers == [1, 2, 3, 4] and len(totals) == 1:
            groups.append((totals[0], quarters))
    return groups or _dated_groups(table)


def _dated_groups(table: Table) -> list[tuple[Column, list[Column]]]:
    """(year column, its four quarter columns) by their dates: "Three months ended March
    31, June 30, September 30 and December 31, 2021" beside "Year ended December 31,
    2021" (a five-quarter trend prints them with no quarter named). Each quarter ends
    3, 6 and 9 months before the year or with it (within a week: 52/53-week years), and
    one column of each is printed, none of a segment."""
    groups: list[tuple[Column, list[Column]]] = []
    threes = [  # the quarter columns, found once for every year column
        (c, c.period.end)
        for c in table.columns
        if c.period is not None
        and c.period.end is not None
        and c.period.months == 3
        and not c.period.instant
        and c.segment is None
    ]
    if len(threes) < 4:
        return groups  # (most tables) four quarters are not printed: no year is read
    for year in table.columns:
        p = year.period
        if p is None or p.end is None or p.months != 12 or p.instant or year.segment:
            continue
        quarters: list[Column] = []
        for back in (9, 6, 3, 0):
            end = _months_before(p.end, back)
            found = [c for c, ends in threes if abs((ends - end).days) <= _SLACK_DAYS]
            if len(found) != 1:
                break
            quarters.append(found[0])
        if len(quarters) == 4:
            groups.append((year, quarters))
    return groups


_SLACK_DAYS = 7


def _months_before(end: date, months: int) -> date:
    """The last day of the month ``months`` before the month of ``end`` (a quarter's end)."""
    month = end.month - months
    year = end.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    if end.day < 28:  # a 52/53-week year ends on a weekday, not a month's last day
        return date(year, month, min(end.day, 28))
    following = date(year + month // 12, month % 12 + 1, 1)
    return following - timedelta(days=1)


def _flow(row: Row, *, groups: Sequence[tuple[Column, list[Column]]]) -> bool:
    """Whether a row is a flow the quarters add up to: an amount, not a balance.

    Per-share figures, share counts and percents do not add up; nor do balances and
    averages, by their words ("average", "period-end", a balance-sheet section) or by
    their figures (``_not_a_sum``).
    """
    if row.unit is not _USD or _BALANCE.search(f"{row.section or ''} {row.label}"):
        return False
    return not any(_not_a_sum(row, total, quarters) for total, quarters in groups)


def _not_a_sum(row: Row, total: Column, quarters: Sequence[Column]) -> bool:
    """A year printed as no sum of its quarters could be: its fourth quarter's figure (a
    balance), or within the quarters' range when they share a sign (an average, a
    ratio printed without its sign)."""
    year = row.cells[total.index]
    cells = [row.cells[c.index] for c in quarters]
    if year is None or any(c is None for c in cells):
        return False
    values = [c.value for c in cells if c is not None]
    if year.value == values[-1]:
        return True
    same_sign = all(v > 0 for v in values) or all(v < 0 for v in values)
    magnitudes = [abs(v) for v in values]
    return same_sign and min(magnitudes) <= abs(year.value) <= max(magnitudes)


def quarters_crossfoot(tables: Sequence[Table], found: Sequence[Spec] = ()) -> list[Spec]:
    """One relation per flow row: the fiscal year's total = the sum of its four quarters."""
    specs: list[Spec] = []
    for table in tables:
        groups = _year_groups(table)
        if groups:
            rows = column_sums(table, groups, partial(_flow, groups=groups), _NAME)
            specs.extend(borne_out(rows, tables, _MIN_ROWS, _MIN_SHARE))
    return specs


# ---------------------------------------------------------------- across two tables

_ACROSS = "quarters in table {} add to the year"
# the quarters a year-to-date column adds, by its months; an unread duration: any of them
_COUNTS = {6: (2,), 9: (3,), 12: (4,), None: (2, 3, 4)}


def _amounts(col: Column) -> bool:
    return consolidated_segment(col.segment) and not col.change and col.unit is None


def _to_date(col: Column) -> bool:
    """A column of six, nine or twelve months (or of an unread duration) to a date."""
    p = col.period
    return (
        _amounts(col)
        and p is not None
        and p.end is not None
        and not p.instant
        and p.months in _COUNTS
    )


def _quarter(col: Column) -> bool:
    p = col.period
    return (  # (the period first: most columns are not of a quarter)
        p is not None and p.months == 3 and not p.instant and p.end is not None and _amounts(col)
    )


def _quarters_to(year: Column, count: int, quarters: Sequence[Column]) -> list[Column] | None:
    """The ``count`` quarter columns ending on ``year``'s date and every 3 months before it,
    one each, in order; None where one is missing or printed twice."""
    assert year.period is not None and year.period.end is not None
    found = []
    for back in range(3 * (count - 1), -1, -3):
        end = _months_before(year.period.end, back)
        near = [
            c
            for c in quarters
            if c.period is not None
            and c.period.end is not None
            and abs((c.period.end - end).days) <= _SLACK_DAYS
        ]
        if len(near) != 1:
            return None
        found.append(near[0])
    return found


def _summed(row: Row, columns: Sequence[Column], year: Row, total: Column) -> bool:
    """Whether a pair of rows can be a flow summed over the quarters in this column: an
    amount, no balance or average by its words or by its figures (``_not_a_sum``)."""
    for r in (row, year):
        if r.unit is not _USD or _BALANCE.search(f"{r.section or ''} {r.label}"):
            return False
    cells = [row.cells[c.index] for c in columns]
    total_cell = year.cells[total.index]
    if total_cell is None or any(c is None for c in cells):
        return False
    values = [c.value for c in cells if c is not None]
    same_sign = all(v > 0 for v in values) or all(v < 0 for v in values)
    magnitudes = [abs(v) for v in values]
    balance = total_cell.value == values[-1]
    average = same_sign and min(magnitudes) <= abs(total_cell.value) <= max(magnitudes)
    return not (balance or average)


def _across_specs(
    tables: Sequence[Table],
    quarters: Table,
    years: Table,
    rows: Sequence[tuple[Row, Row]],
    groups: Sequence[tuple[Column, Sequence[Column]]],
) -> list[Spec]:
    """One relation per paired row: each year-to-date column of ``years`` = the sum of its
    quarter columns of ``quarters``, the groups adding as many quarters each."""
    specs = []
    for row, year in sorted(rows, key=lambda pair: pair[1].index):
        places = tuple(  # (lists made into tuples: no generator resumed per place)
            [
                Place(
                    total.label,
                    CellRef(years.index, year.index, total.index),
                    tuple([CellRef(quarters.index, row.index, c.index) for c in columns]),
                )
                for total, columns in groups
                if _summed(row, columns, year, total)
            ]
        )
        if places and len(places) == len(groups):
            specs.append(
                Spec(
                    _LAYOUT,
                    f"{year.label}: {_ACROSS.format(quarters.index + 1)}",
                    _SUM,
                    Term(years.index, year.index, 1),
                    tuple(Term(quarters.index, row.index, 1) for _ in groups[0][1]),
                    places,
                )
            )
    return specs


def _across(
    tables: Sequence[Table],
    quarters: Table,
    years: Table,
    in_quarters: Sequence[Column],
    to_date: Sequence[Column],
) -> list[Spec]:
    """The relations of the quarters of one table to the years to date of another, where
    the rows bear them out; a column of unread duration takes the one count of quarters
    borne out, none if several are. (``in_quarters``: the quarter columns of
    ``quarters``; ``to_date``: the columns to a date of ``years``.)"""
    rows = paired_rows(tables, quarters, years) if len(in_quarters) >= 2 and to_date else []
    if not rows:
        return []
    by_count: dict[int, list[tuple[Column, Sequence[Column]]]] = {}
    for year in to_date:
        assert year.period is not None
        options = []
        for count in _COUNTS[year.period.months]:
            columns = _quarters_to(year, count, in_quarters)
            if columns is not None:
                options.append((count, columns))
        if year.period.months is None:
            options = [
                (count, columns)
                for count, columns in options
                if borne_out(
                    _across_specs(tables, quarters, years, rows, [(year, columns)]),
                    tables,
                    _MIN_ROWS,
                    _MIN_SHARE,
                )  # fmt: skip
            ]
        if len(options) == 1:
            count, columns = options[0]
            by_count.setdefault(count, []).append((year, columns))
    specs: list[Spec] = []
    for _, groups in sorted(by_count.items()):
        found = _across_specs(tables, quarters, years, rows, groups)
        specs.extend(borne_out(found, tables, _MIN_ROWS, _MIN_SHARE))
    return specs


def quarters_across(tables: Sequence[Table], found: Sequence[Spec] = ()) -> list[Spec]:
    """One relation per row printed in two tables, the quarters in one and their year (or
    year to date) in the other: the year = the sum of its quarters."""
    specs: list[Spec] = []
    # each table's columns read once, not once per pair of tables
    in_quarters = [[c for c in t.columns if _quarter(c)] for t in tables]
    for years in tables:
        to_date = [c for c in years.columns if _to_date(c)]
        if not to_date:
            continue
        others = sharing(tables, years)  # (no row in common: ``paired_rows`` pairs none)
        for quarters, columns in zip(tables, in_quarters, strict=True):
            if quarters.index in others and len(columns) >= 2:
                specs.extend(_across(tables, quarters, years, columns, to_date))
    return specs


CHECK: RelationCheck = RelationCheck(
    "quarters add to the year", _LAYOUT, FindingCode.SUM_MISMATCH,
    quarters_crossfoot, describe_sum,
)  # fmt: skip

ACROSS: RelationCheck = RelationCheck(
    "quarters add to the year across tables", _LAYOUT, FindingCode.SUM_MISMATCH,
    quarters_across, describe_sum,
)  # fmt: skip
