"""Columns that cross-foot, row by row: segments to their total, quarters to their year.

A table whose columns are segments of one period (and a "Consolidated" or "Total"
column) adds across; so does one whose columns are the four quarters of a fiscal year
and the year's total. The rows are the evidence: when the columns add up in most rows,
a row where they do not is an error in that row.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tieout.checks.spec import Place, Spec, evaluate
from tieout.model import CellRef, Column, RelationKind, RelationSource, Table, Term, Unit

_TOTAL_COLUMN = re.compile(r"^\s*(?:total|consolidated)\b", re.I)
_MIN_ROWS = 3
_MIN_SHARE = 0.75
_MIN_QUARTER_ROWS = 2
_MIN_QUARTER_SHARE = 0.6


def _groups(table: Table) -> list[tuple[Column, list[Column]]]:
    """(total column, segment columns) for each period printed over several segments."""
    by_period: dict[object, list[Column]] = {}
    for col in table.columns:
        key = col.period.key if col.period is not None else None
        by_period.setdefault(key, []).append(col)
    groups = []
    for cols in by_period.values():
        named = [(c, c.segment or c.label) for c in cols]
        totals = [c for c, name in named if _TOTAL_COLUMN.match(name)]
        others = [c for c, name in named if not _TOTAL_COLUMN.match(name)]
        if (
            len(totals) == 1
            and len(others) >= 2
            and all(c.segment or c.period is None for c in cols)
        ):
            groups.append((totals[0], others))
    return groups


def segment_crossfoot(tables: Sequence[Table]) -> list[Spec]:
    """One relation per row of a segment table: the total column = sum of the segments."""
    specs: list[Spec] = []
    for table in tables:
        groups = _groups(table)
        if not groups:
            continue
        rows: list[Spec] = []
        for row in table.rows:
            if not row.has_figures or row.unit in (Unit.PERCENT, Unit.PURE):
                continue
            places = tuple(
                Place(
                    total.label,
                    CellRef(table.index, row.index, total.index),
                    tuple(CellRef(table.index, row.index, c.index) for c in others),
                )
                for total, others in groups
                if all(row.cells[c.index] is not None for c in others)  # every segment printed
            )
            if not places:
                continue
            n = len(groups[0][1])
            if any(len(others) != n for _, others in groups):
                continue
            rows.append(
                Spec(
                    RelationSource.LAYOUT,
                    f"{row.label}: segments cross-foot",
                    RelationKind.SUM,
                    Term(table.index, row.index, 1),
                    tuple(Term(table.index, row.index, 1) for _ in range(n)),
                    places,
                )
            )
        specs.extend(_borne_out(rows, tables))
    return specs


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


def quarters_crossfoot(tables: Sequence[Table]) -> list[Spec]:
    """One relation per amount row: the fiscal year's total = the sum of its four quarters."""
    specs: list[Spec] = []
    for table in tables:
        groups = _year_groups(table)
        if not groups:
            continue
        rows: list[Spec] = []
        for row in table.rows:
            if not row.has_figures or row.unit is not Unit.USD:
                continue  # per-share figures, share counts and percents do not add up
            places = tuple(
                Place(
                    total.label,
                    CellRef(table.index, row.index, total.index),
                    tuple(CellRef(table.index, row.index, c.index) for c in quarters),
                )
                for total, quarters in groups
                if all(row.cells[c.index] is not None for c in quarters)
            )
            if places:
                rows.append(
                    Spec(
                        RelationSource.LAYOUT,
                        f"{row.label}: quarters add to the year",
                        RelationKind.SUM,
                        Term(table.index, row.index, 1),
                        tuple(Term(table.index, row.index, 1) for _ in range(4)),
                        places,
                    )
                )
        # quarters headed Q1..Q4 beside a TOTAL say more than segment names: fewer rows do
        specs.extend(_borne_out(rows, tables, _MIN_QUARTER_ROWS, _MIN_QUARTER_SHARE))
    return specs


def _borne_out(
    rows: list[Spec],
    tables: Sequence[Table],
    min_rows: int = _MIN_ROWS,
    min_share: float = _MIN_SHARE,
) -> list[Spec]:
    """The row relations, when most rows of the table hold them; none otherwise."""
    judged = [(s, evaluate(s, tables, {})) for s in rows]
    tested = [(s, r) for s, r in judged if r.evaluations]
    holding = [s for s, r in tested if r.holds]
    if len(holding) >= min_rows and len(holding) >= min_share * len(tested):
        return [s for s, _ in tested]
    return []
