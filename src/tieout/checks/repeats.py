"""The same figure printed twice: net sales in the statement and in the segment table.

Two rows that name the same concept (and are not a segment's rows) must print the same
value for the same period. Columns are matched by period, never by position, and only
consolidated columns take part (a segment column of a segment table is not the total).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from tieout.checks.spec import Place, Spec, evaluate, holding_somewhere
from tieout.concepts import concept_of
from tieout.model import CellRef, Column, Relation, RelationKind, RelationSource, Row, Table, Term

_CONSOLIDATED = {None, "consolidated", "total", "total company"}


def _segment_sections(table: Table) -> set[tuple[str, str]]:
    """(concept, section) pairs where a concept recurs under several section heads.

    "Operating Revenues" under "Alabama Power -" and again under "Georgia Power -" are
    the subsidiaries' figures, not the consolidated one.
    """
    sections: dict[str, set[str]] = {}
    for row in table.rows:
        if row.concept and row.section:
            sections.setdefault(row.concept, set()).add(row.section)
    return {
        (concept, section)
        for concept, names in sections.items()
        if len(names) > 1
        for section in names
        if not re.search(r"consolidated|total", section, re.I)
    }


def _eligible(row: Row, segments: set[tuple[str, str]]) -> bool:
    if not row.concept or not row.has_figures:
        return False
    if row.section is not None and (row.concept, row.section) in segments:
        return False
    section = concept_of(row.section or "")
    return row.section is None or section is None or section == row.concept


def _column_key(table: Table, col: Column) -> object | None:
    if col.segment is not None and col.segment.lower() not in _CONSOLIDATED:
        return None
    if col.period is not None and col.period.known:
        return col.period.key
    return None


def _places(tables: Sequence[Table], a: tuple[int, int], b: tuple[int, int]) -> tuple[Place, ...]:
    ta, tb = tables[a[0]], tables[b[0]]
    if ta.index == tb.index:
        return tuple(
            Place(c.label, CellRef(ta.index, a[1], c.index), (CellRef(tb.index, b[1], c.index),))
            for c in ta.columns
        )
    keys_b = {}
    for col in tb.columns:
        key = _column_key(tb, col)
        if key is not None and key not in keys_b:
            keys_b[key] = col.index
    places = []
    for col in ta.columns:
        key = _column_key(ta, col)
        if key is not None and key in keys_b:
            places.append(
                Place(
                    col.label,
                    CellRef(ta.index, a[1], col.index),
                    (CellRef(tb.index, b[1], keys_b[key]),),
                )
            )
    return tuple(places)


def _candidates(tables: Sequence[Table]) -> list[Spec]:
    """A relation `a = b` between each occurrence of a concept and the next one."""
    seen: dict[tuple[str, str], tuple[int, int]] = {}
    specs: list[Spec] = []
    for table in tables:
        segments = _segment_sections(table)
        for row in table.rows:
            if not _eligible(row, segments):
                continue
            assert row.concept is not None
            key = (row.concept, row.unit.value)
            here = (table.index, row.index)
            if key in seen:
                there = seen[key]
                places = _places(tables, here, there)
                if places:
                    other = tables[there[0]].rows[there[1]]
                    specs.append(
                        Spec(
                            RelationSource.REPEAT,
                            f"{row.label} = {other.label} (table {there[0] + 1}, line {other.line})",
                            RelationKind.EQUAL,
                            Term(table.index, row.index, 1),
                            (Term(there[0], there[1], 1),),
                            places,
                        )
                    )
            seen[key] = here
    return specs


def repeated_figures(tables: Sequence[Table]) -> list[Spec]:
    """The repeats that hold in some column: the same figure printed twice."""
    return holding_somewhere(_candidates(tables), tables)


_SCALES = tuple(Decimal(10) ** k for k in (3, 6, 9, -3, -6, -9))


def _factor(relation: Relation) -> Decimal | None:
    """The one power of 1,000 by which the two prints differ in every column, if any."""
    found: set[Decimal] = set()
    for ev in relation.evaluations:
        if ev.holds or ev.expected == 0:
            return None
        hit = next(
            (
                f
                for f in _SCALES
                if abs(ev.actual - ev.expected * f) <= ev.tolerance * max(f, Decimal(1))
            ),
            None,
        )
        if hit is None:
            return None
        found.add(hit)
    return found.pop() if len(found) == 1 else None


def rescaled_repeats(tables: Sequence[Table]) -> list[Spec]:
    """Repeats that hold nowhere but differ by one power of 1,000 in every column.

    A table printed "in thousands" where it means millions still foots on its own; the
    figures it shares with other tables are what show it. Such a pair is a relation of
    its own (``RelationSource.SCALE``), judged as equality, so it fails everywhere.
    """
    specs = []
    for spec in _candidates(tables):
        relation = evaluate(spec, tables, {})
        if relation.evaluations and _factor(relation) is not None:
            specs.append(replace(spec, source=RelationSource.SCALE))
    return specs
