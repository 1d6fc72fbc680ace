"""The same figure printed twice: net sales in the statement and in the segment table.

Two rows that name the same concept (and are not a segment's rows) must print the same
value for the same period. Columns are matched by period, never by position, and only
consolidated columns take part (a segment column of a segment table is not the total).
"""

from __future__ import annotations

from collections.abc import Sequence

from tieout.checks.entry import RelationCheck
from tieout.checks.reporting import describe_in_units
from tieout.checks.spec import Place, Spec, holding_somewhere
from tieout.model import (
    CellRef,
    Column,
    FindingCode,
    RelationKind,
    RelationSource,
    Row,
    Table,
    Term,
)
from tieout.vocabulary import concept_of
from tieout.vocabulary.totals import consolidated_segment, names_whole


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
        if not names_whole(section)
    }


def _eligible(row: Row, segments: set[tuple[str, str]]) -> bool:
    if not row.concept or not row.has_figures:
        return False
    if row.section is not None and (row.concept, row.section) in segments:
        return False
    section = concept_of(row.section or "")
    return row.section is None or section is None or section == row.concept


def _column_key(table: Table, col: Column) -> object | None:
    if not consolidated_segment(col.segment):
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


def candidates(tables: Sequence[Table]) -> list[Spec]:
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


def repeated_figures(tables: Sequence[Table], found: Sequence[Spec] = ()) -> list[Spec]:
    """The repeats that hold in some column: the same figure printed twice."""
    return holding_somewhere(candidates(tables), tables)


CHECK = RelationCheck(
    "repeated figures", RelationSource.REPEAT, FindingCode.REPEAT_MISMATCH, repeated_figures,
    describe_in_units,
)  # fmt: skip
