"""Segment columns that cross-foot, row by row: the segments of a period add to its total.

A table whose columns are segments of one period (and a "Consolidated" or "Total"
column) adds across. The rows are the evidence: when the columns add up in most rows,
a row where they do not is an error in that row.
"""

from __future__ import annotations

from collections.abc import Sequence

from tieout.checks.entry import RelationCheck
from tieout.checks.reporting import describe_sum
from tieout.checks.spec import Spec, cross_foot
from tieout.model import Column, FindingCode, RelationSource, Row, Table, Unit
from tieout.vocabulary.totals import total_head

_MIN_ROWS = 3
_MIN_SHARE = 0.75


def _groups(table: Table) -> list[tuple[Column, list[Column]]]:
    """(total column, segment columns) for each period printed over several segments."""
    by_period: dict[object, list[Column]] = {}
    for col in table.columns:
        key = col.period.key if col.period is not None else None
        by_period.setdefault(key, []).append(col)
    groups = []
    for cols in by_period.values():
        if len(cols) < 3 or not all(c.segment or c.period is None for c in cols):
            continue  # (a total and two segments at least; most periods have none)
        heads = [total_head(c.segment or c.label) for c in cols]  # (each head read once)
        totals = [c for c, head in zip(cols, heads, strict=True) if head]
        others = [c for c, head in zip(cols, heads, strict=True) if not head]
        if len(totals) == 1 and len(others) >= 2:
            groups.append((totals[0], others))
    return groups


_NOT_ADDING = (Unit.PERCENT, Unit.PURE)  # (the members read once, not per row)


def _adds(row: Row) -> bool:
    return row.unit not in _NOT_ADDING


def segment_crossfoot(tables: Sequence[Table], found: Sequence[Spec] = ()) -> list[Spec]:
    """One relation per row of a segment table: the total column = sum of the segments."""
    return cross_foot(tables, _groups, _adds, "segments cross-foot", _MIN_ROWS, _MIN_SHARE)


CHECK: RelationCheck = RelationCheck(
    "segment cross-foot", RelationSource.LAYOUT, FindingCode.SUM_MISMATCH, segment_crossfoot,
    describe_sum,
)  # fmt: skip
