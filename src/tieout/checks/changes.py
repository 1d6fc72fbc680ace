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

from tieout.checks.spec import Place, Spec, evaluate
from tieout.model import CellRef, Column, RelationSource, Table, Term, Unit

_MIN_ROWS = 2
_MIN_SHARE = 0.75


def _when(col: Column) -> tuple[date, int]:
    p = col.period
    if p is None:
        return (date.min, 0)
    if p.end is not None:
        return (p.end, p.months or 0)
    return (date(p.year, 12, 31) if p.year else date.min, p.months or 0)


def _pairs(table: Table) -> list[tuple[Column, Column, Column]]:
    """(change column, current column, prior column) for each change column."""
    found = []
    for c in table.columns:
        if not c.change:
            continue
        left = [x for x in table.columns[: c.index] if not x.change and x.unit is None]
        if len(left) < 2:
            continue
        a, b = left[-2], left[-1]
        if a.period is None or b.period is None or a.period.months != b.period.months:
            continue
        current, prior = (a, b) if _when(a) >= _when(b) else (b, a)
        if current.period == prior.period:
            continue
        found.append((c, current, prior))
    return found


def change_columns(tables: Sequence[Table]) -> list[Spec]:
    """A relation per row and change column, kept when the table's rows bear it out."""
    specs: list[Spec] = []
    for table in tables:
        for change, current, prior in _pairs(table):
            percent = change.unit is Unit.PERCENT
            rows: list[Spec] = []
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
                rows.append(
                    Spec(
                        RelationSource.CHANGE,
                        f"{row.label}: {'% ' if percent else ''}change, "
                        f"{current.label} over {prior.label}",
                        "percent-change" if percent else "sum",
                        Term(table.index, row.index, 1),
                        (Term(table.index, row.index, 1), Term(table.index, row.index, -1)),
                        (place,),
                    )
                )
            judged = [(s, evaluate(s, tables, {})) for s in rows]
            tested = [s for s, r in judged if r.evaluations]
            holding = [s for s, r in judged if r.evaluations and r.holds]
            if len(holding) >= _MIN_ROWS and len(holding) >= _MIN_SHARE * len(tested):
                specs.extend(tested)
    return specs
