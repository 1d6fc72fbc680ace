"""Choosing the reading of a figure printed with an unbalanced parenthesis.

`304)` may be 304 with a stray parenthesis or -304 that lost its opening one. Each
reading is tried against every relation that touches the figure; the reading under
which the most of them hold is chosen, and those relations are its evidence. Where the
relations are even, the prose decides: a claim that ties to the figure under one
reading only ("positive $304,000") supports that reading.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from tieout.checks.spec import Spec, judge
from tieout.model import CellRef, Claim, Reading, Table, touches_rows
from tieout.prose.tie import support as claim_support


def _touching(specs: Sequence[Spec], refs: set[CellRef]) -> dict[CellRef, list[int]]:
    """For each figure of ``refs``, the specs with a place it takes part in: one pass over
    the specs for all the figures."""
    touching: dict[CellRef, list[int]] = {ref: [] for ref in refs}
    if not refs:
        return touching  # (most releases print no unbalanced parenthesis)
    rows = {ref.row for ref in refs}  # (an int tells most figures apart: no record hashed)
    for i, spec in enumerate(specs):
        for place in spec.places:
            if not touches_rows(place.total, place.items, rows):
                continue  # no figure of a wanted row: none of ``refs``
            for ref in refs & {place.total, *place.items}:
                found = touching[ref]
                if not found or found[-1] != i:
                    found.append(i)
    return touching


def _holds_at(spec: Spec, tables: Sequence[Table], ref: CellRef, value: Decimal) -> bool | None:
    """Whether the spec holds in the place holding ``ref`` when ``ref`` reads ``value``:
    the first such place whose total is printed, judged alone (``judge``), as ``evaluate``
    would list it among the spec's evaluations (the other places, judged for nothing,
    were judged too: a cross-foot's every column)."""
    signs = tuple([t.sign for t in spec.items])
    chosen = {ref: value}
    for place in spec.places:
        if place.total == ref or ref in place.items:
            ev = judge(spec.kind, place, signs, tables, chosen)
            if ev is not None:
                return ev.holds
    return None


def choose_readings(
    tables: Sequence[Table], specs: Sequence[Spec], claims: Sequence[Claim] = ()
) -> tuple[Reading, ...]:
    """A reading for every ambiguous figure, with the relations that support it.

    Relations decide first; where they are even (or none touches the figure), the prose
    claims that tie to it under one reading only decide ("positive $304,000").
    """
    readings: list[Reading] = []
    # (``Cell.ambiguous`` read inline: every figure holds its own value as its first
    # reading, and the property was called for each of a release's figures)
    ambiguous = [
        (CellRef(table.index, row.index, cell.column), cell)
        for table in tables
        for row in table.rows
        for cell in row.cells
        if cell is not None and len(cell.readings) > 1
    ]
    touches = _touching(specs, {ref for ref, _ in ambiguous})
    for ref, cell in ambiguous:
        touching = touches[ref]
        outcome = {
            value: {i for i in touching if _holds_at(specs[i], tables, ref, value)}
            for value in cell.readings
        }
        said = claim_support(claims, tables, ref, cell.readings) if claims else {}
        best = max(
            cell.readings,
            key=lambda v: (len(outcome[v]), len(said.get(v, ())), v == cell.readings[0]),
        )
        others = tuple(v for v in cell.readings if v != best)
        support = tuple(
            sorted(i for i in outcome[best] if all(i not in outcome[o] for o in others))
        )
        readings.append(Reading(ref, best, support, others))
    return tuple(readings)
