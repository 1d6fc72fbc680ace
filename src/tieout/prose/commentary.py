"""Commentary: the prose printed under a part's statement speaks of that part.

Banks print a page per line of business: a paragraph on what it does, a table titled
only "Selected Financial Information" (alike for every part: ``Index.parts``), then the
commentary ("Fourth Quarter 2021 vs. Fourth Quarter 2020 / Revenue increased 113%").
The commentary names no segment, yet it speaks of the table above it, not of the
company: a claim that names no segment, printed after such a table and before the next
table, takes that part as its segment, inferred (``SEGMENT_INFERRED``: a search by value
may still drop it, and with an inferred period too it is not firm).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from tieout.model import Claim, Span, Table, claim_with
from tieout.prose.index import Index
from tieout.prose.members import SEGMENT_INFERRED

__all__ = ["under_parts"]

_Place = tuple[int, int]


def _place(span: Span) -> _Place:
    """Where a span is, comparable within one file: line, then offset (or column)."""
    return (span.line, span.offset if span.offset is not None else span.start)


def _extent(table: Table) -> tuple[_Place, _Place] | None:
    """Where a table's figures begin and end, if it prints any."""
    places = [_place(cell.span) for row in table.rows for cell in row.cells if cell is not None]
    return (min(places), max(places)) if places else None


def under_parts(claims: Sequence[Claim], index: Index) -> tuple[Claim, ...]:
    """The claims, each naming no segment under a part's statement given that part."""
    if not index.parts:
        return tuple(claims)
    names = {s.table: s.segment for s in index.sites if s.table in index.parts and s.segment}
    extents = sorted(
        (extent, table.index) for table in index.tables if (extent := _extent(table)) is not None
    )
    starts = [start for (start, _), _ in extents]
    out = []
    for claim in claims:
        at = _place(claim.span)
        k = bisect.bisect_left(starts, at) - 1  # the last table begun before the claim
        name = names.get(extents[k][1]) if k >= 0 else None
        if (
            claim.segment is not None
            or name is None
            or extents[k][0][1] >= at  # inside the table: a note of it
        ):
            out.append(claim)
            continue
        out.append(claim_with(claim, segment=name, traits=claim.traits | {SEGMENT_INFERRED}))
    return tuple(out)
