"""Quarters that add to their year, row by row: Q1 + Q2 + Q3 + Q4 = the fiscal year.

A table whose columns are the four quarters of a fiscal year and the year's total adds
across. As with segment columns, the rows are the evidence; quarters headed Q1..Q4 beside
a total say more than segment names do, so fewer rows bear the relation out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tieout.checks.entry import RelationCheck
from tieout.checks.reporting import describe_sum
from tieout.checks.spec import Spec, cross_foot
from tieout.model import (
    Column,
    FindingCode,
    RelationSource,
    Row,
    Table,
    Unit,
)

_MIN_ROWS = 2
_MIN_SHARE = 0.6

_YEAR_COLUMN = re.compile(r"\btotal\b|\bfull[\s-]+year\b|\bfiscal\s+year\b|\bFY\b", re.I)


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
            and (c.period.months == 12 or _YEAR_COLUMN.search(c.label))
        ]
        numbers = [c.period.quarter for c in quarters if c.period]
        if numbers == [1, 2, 3, 4] and len(totals) == 1:
            groups.append((totals[0], quarters))
    return groups


def _adds(row: Row) -> bool:
    return row.unit is Unit.USD  # per-share figures, share counts and percents do not add up


def quarters_crossfoot(tables: Sequence[Table], found: Sequence[Spec] = ()) -> list[Spec]:
    """One relation per amount row: the fiscal year's total = the sum of its four quarters."""
    return cross_foot(
        tables, _year_groups, _adds, "quarters add to the year", _MIN_ROWS, _MIN_SHARE
    )


CHECK = RelationCheck(
    "quarters add to the year", RelationSource.LAYOUT, FindingCode.SUM_MISMATCH,
    quarters_crossfoot, describe_sum,
)  # fmt: skip
