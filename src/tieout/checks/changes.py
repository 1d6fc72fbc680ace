"""Change columns: `Change` = current - prior, `% Change` = (current - prior) / |prior|.

Tables of results often print, beside each pair of period columns, the change between
them. The header says which column is a change; the two period columns to its left are
the figures it compares, the later period being the current one. As with segment
columns, the rows are the evidence: the relation is taken as real for the table only
when it holds in most rows, and then a row where it fails is an error in that row.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from tieout.checks.entry import RelationCheck
from tieout.checks.reporting import as_printed, describe_sum
from tieout.checks.spec import Place, Spec, evaluate
from tieout.model import (
    CellRef,
    Column,
    Evaluation,
    FindingCode,
    Relation,
    RelationKind,
    RelationSource,
    Release,
    Table,
    Term,
    Unit,
)

_MIN_ROWS = 2
_MIN_ROWS_OTHER = 3  # a pair other than the two columns beside it needs more rows
_MIN_SHARE = 0.75


def _when(col: Column) -> tuple[date, int, int]:
    p = col.period
    if p is None:
        return (date.min, 0, 0)
    if p.end is not None:
        return (p.end, p.months or 0, 0)
    return (date(p.year, 12, 31) if p.year else date.min, p.months or 0, p.quarter or 0)


def _candidates(table: Table, change: Column) -> list[tuple[Column, Column, bool]]:
    """(current, prior, natural) pairs of period columns a change column may compare.

    The natural pair is the two period columns just left of it; "Sequential" and
    "Year/Year" columns beside three quarters compare other pairs, which the rows decide.
    """
    periods = [
        x
        for x in table.columns[: change.index]
        if not x.change and x.unit is None and x.period is not None
    ]
    pairs: list[tuple[Column, Column, bool]] = []
    if len(periods) >= 2:
        a, b = periods[-2], periods[-1]
        if a.period is not None and b.period is not None and a.period.months == b.period.months:
            current, prior = (a, b) if _when(a) >= _when(b) else (b, a)
            if current.period != prior.period:
                pairs.append((current, prior, True))
    for a in periods:
        for b in periods:
            if (
                a.index == b.index
                or _when(a) <= _when(b)
                or any(p[0].index == a.index and p[1].index == b.index for p in pairs)
            ):
                continue
            assert a.period is not None and b.period is not None
            if a.period.months == b.period.months:
                pairs.append((a, b, False))
    return pairs


def _row_specs(table: Table, change: Column, current: Column, prior: Column) -> list[Spec]:
    percent = change.unit is Unit.PERCENT
    specs: list[Spec] = []
    for row in table.rows:
        cells = [row.cells[x.index] for x in (change, current, prior)]
        if any(c is None for c in cells) or row.unit is Unit.PERCENT:
            continue
        place = Place(
            change.label,
            CellRef(table.index, row.index, change.index),
            (
                CellRef(table.index, row.index, current.index),
                CellRef(table.index, row.index, prior.index),
            ),
        )
        specs.append(
            Spec(
                RelationSource.CHANGE,
                f"{row.label}: {'% ' if percent else ''}change, {current.label} over {prior.label}",
                RelationKind.PERCENT_CHANGE if percent else RelationKind.SUM,
                Term(table.index, row.index, 1),
                (Term(table.index, row.index, 1), Term(table.index, row.index, -1)),
                (place,),
            )
        )
    return specs


def change_columns(tables: Sequence[Table], found: Sequence[Spec] = ()) -> list[Spec]:
    """A relation per row and change column, kept when the table's rows bear it out."""
    specs: list[Spec] = []
    for table in tables:
        for change in (c for c in table.columns if c.change):
            best: tuple[int, list[Spec]] | None = None
            for current, prior, natural in _candidates(table, change):
                rows = _row_specs(table, change, current, prior)
                judged = [evaluate(s, tables, {}) for s in rows]
                tested = [s for s, r in zip(rows, judged, strict=True) if r.evaluations]
                holding = sum(1 for r in judged if r.evaluations and r.holds)
                enough = _MIN_ROWS if natural else _MIN_ROWS_OTHER
                if holding >= enough and holding >= _MIN_SHARE * len(tested):
                    if best is None or holding > best[0]:
                        best = (holding, tested)
                    if natural:
                        break
            if best is not None:
                specs.extend(best[1])
    return specs


def describe(release: Release, relation: Relation, ev: Evaluation) -> str:
    """`(437 - 438) / 438 = -0.23%, printed (0.9)%`; a change in amount as a sum."""
    if relation.kind is not RelationKind.PERCENT_CHANGE:
        return describe_sum(release, relation, ev)
    a, b = (as_printed(release, r) for r in ev.items)
    shown = as_printed(release, ev.total)
    arithmetic = f"({a} - {b}) / {b} = {ev.expected}%, printed {shown}"
    return f"{arithmetic}; off by {abs(ev.difference)}"


CHECK = RelationCheck(
    "change columns", RelationSource.CHANGE, FindingCode.CHANGE_MISMATCH, change_columns, describe
)
