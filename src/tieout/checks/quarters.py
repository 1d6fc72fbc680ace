"""Quarters that add to their year, row by row: Q1 + Q2 + Q3 + Q4 = the fiscal year.

A table whose columns are the four quarters of a fiscal year and the year's total adds
across. As with segment columns, the rows are the evidence; quarters headed Q1..Q4 beside
a total say more than segment names do, so fewer rows bear the relation out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta
from functools import partial

from tieout.checks.entry import RelationCheck
from tieout.checks.reporting import describe_sum
from tieout.checks.spec import Spec, borne_out, column_sums
from tieout.model import Column, FindingCode, RelationSource, Row, Table, Unit
from tieout.vocabulary.totals import year_total_head

_NAME = "quarters add to the year"
_MIN_ROWS = 2
_MIN_SHARE = 0.6

# a balance or an average, not a flow: "Total assets" under "(period-end)", "Average loans"
_BALANCE = re.compile(
    r"\baverage\b|\bperiod[\s-]+end\b|\bend\s+of\s+(?:the\s+)?period\b|\bbalance\s+sheet\b"
    r"|\bending\s+balance\b|\bspot\b",
    re.I,
)


def _year_groups(table: Table) -> list[tuple[Column, list[Column]]]:
    """(year column, its four quarter columns) for each fiscal year printed in full."""
    groups = []
    years = {c.period.year for c in table.columns if c.period is not None and c.period.quarter}
    for year in sorted(y for y in years if y is not None):
        quarters = sorted(
            (
                c
                for c in table.columns
                if c.period is not None and c.period.year == year and c.period.quarter
            ),
            key=lambda c: (c.period.quarter or 0) if c.period else 0,
        )
        totals = [
            c
            for c in table.columns
            if c.period is not None
            and c.period.year == year
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
    groups = []
    for year in table.columns:
        p = year.period
        if p is None or p.end is None or p.months != 12 or p.instant or year.segment:
            continue
        quarters: list[Column] = []
        for back in (9, 6, 3, 0):
            end = _months_before(p.end, back)
            found = [
                c
                for c in table.columns
                if c.period is not None
                and c.period.end is not None
                and c.period.months == 3
                and not c.period.instant
                and c.segment is None
                and abs((c.period.end - end).days) <= _SLACK_DAYS
            ]
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
    if row.unit is not Unit.USD or _BALANCE.search(f"{row.section or ''} {row.label}"):
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


CHECK = RelationCheck(
    "quarters add to the year", RelationSource.LAYOUT, FindingCode.SUM_MISMATCH,
    quarters_crossfoot, describe_sum,
)  # fmt: skip
