"""A mark per figure: verified by a relation, named by a failing one, read, or unrelated.

A reader of the terminal report sees at a glance which figures the arithmetic vouches
for; figures no relation touches are shown as such, not as verified.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from tieout.model import (
    CellRef,
    Claim,
    ClaimStatus,
    Evaluation,
    Relation,
    RelationSource,
    Release,
)


class Mark(StrEnum):
    VERIFIED = "verified"  # every relation it takes part in holds
    FAILS = "fails"  # it takes part in a relation that fails where it stands
    READ = "read"  # an ambiguous print, read the way the relations support
    UNRELATED = "unrelated"  # no relation touches it


_M = TypeVar("_M", bound=str)  # a mark as written: the member, or its word

SYMBOLS = {Mark.VERIFIED: "✓", Mark.FAILS: "✗", Mark.READ: "!", Mark.UNRELATED: "·"}


def cell_marks(release: Release) -> dict[CellRef, Mark]:
    """The mark of every figure that some relation touches or that has a reading."""
    return {
        CellRef(table, row, column): mark
        for table, here in marks_by_table(release).items()
        for (row, column), mark in here.items()
    }


def marks_by_table(release: Release) -> dict[int, dict[tuple[int, int], Mark]]:
    """``cell_marks`` by table, then by (row, column): the form the JSON reads per figure,
    made without hashing a ``CellRef`` (a dataclass's hash is Python code) per reference."""
    return marked(release, Mark.VERIFIED, Mark.FAILS, Mark.READ)


def marked(
    release: Release, verified: _M, fails: _M, read: _M
) -> dict[int, dict[tuple[int, int], _M]]:
    """``marks_by_table`` with each mark given as the caller writes it (the JSON: their
    words, with no second pass over the marks to read each one's word)."""
    marks: dict[int, dict[tuple[int, int], _M]] = {}
    failing: list[CellRef] = []
    table, here = -1, {}  # the table of the last reference: a test's figures share one
    for relation in release.relations:
        for ev in relation.evaluations:
            if not ev.holds:
                failing.append(ev.total)
                failing.extend(ev.items)
                continue
            for ref in (ev.total, *ev.items):
                if ref.table != table:
                    table = ref.table
                    here = marks.setdefault(table, {})
                here[ref.row, ref.column] = verified
    for ref in failing:
        if ref.table != table:
            table = ref.table
            here = marks.setdefault(table, {})
        here[ref.row, ref.column] = fails
    for reading in release.readings:
        ref = reading.cell
        if ref.table != table:
            table = ref.table
            here = marks.setdefault(table, {})
        if here.get((ref.row, ref.column)) is not fails:
            here[ref.row, ref.column] = read
    return marks


def mark_of(marks: dict[CellRef, Mark], ref: CellRef) -> Mark:
    return marks.get(ref, Mark.UNRELATED)


class Tick(StrEnum):
    """The report's finer mark: how far the arithmetic vouches for a figure.

    ``Mark`` (above) is the JSON's and the terminal's; a tick also tells the one wrong
    figure (the culprit) from the innocent figures of its failing sums, and a relation
    that holds only within the rounding of the print from one that holds exactly.
    """

    VERIFIED = "verified"  # a relation (or the prose) ties to it exactly
    ROUNDING = "rounding"  # it ties, but only within the rounding of the print
    ERROR = "error"  # the one wrong figure; a figure of the prose that contradicts
    FAILS = "fails"  # it only takes part in a relation that fails
    READ = "read"  # an ambiguous print, read the way the relations support
    UNCHECKED = "unchecked"  # nothing ties to it


TICK_SYMBOLS = {
    Tick.VERIFIED: "✓",
    Tick.ROUNDING: "≈",
    Tick.ERROR: "✗",
    Tick.FAILS: "○",
    Tick.READ: "!",
    Tick.UNCHECKED: "·",
}

TICK_LEGEND = {
    Tick.VERIFIED: "verified: a relation or the prose ties to it (how, on the figure)",
    Tick.ROUNDING: "verified within the rounding of the print",
    Tick.ERROR: "error: the wrong figure, or prose that contradicts the tables",
    Tick.FAILS: "in a failing relation, not itself shown wrong",
    Tick.READ: "ambiguous print, read the way the relations support",
    Tick.UNCHECKED: "unchecked: nothing ties to it",
}


@dataclass(frozen=True, slots=True)
class FigureTick:
    """A figure's tick and how it was verified ("foots", "agrees to table 3", ...)."""

    tick: Tick
    how: tuple[str, ...] = ()


def _how(relation: Relation, ev: Evaluation, ref: CellRef) -> str:
    """How one holding evaluation vouches for ``ref``: the reviewer's word for it."""
    if relation.source in (RelationSource.REPEAT, RelationSource.SCALE):
        other = ev.items[0] if ref == ev.total and ev.items else ev.total
        return f"agrees to table {other.table + 1}"
    if relation.source is RelationSource.LAYOUT:
        same_row = all(i.table == ev.total.table and i.row == ev.total.row for i in ev.items)
        return "cross-foots" if same_row and ev.items else "foots"
    return "recomputed"


def figure_ticks(release: Release) -> dict[CellRef, FigureTick]:
    """The tick of every figure of the tables that a relation, reading or claim touches."""
    culprits = {c.cell for c in release.culprits}
    hows: dict[CellRef, list[str]] = defaultdict(list)
    exact: set[CellRef] = set()
    fails: set[CellRef] = set()
    for relation in release.relations:
        for ev in relation.evaluations:
            for ref in (ev.total, *ev.items):
                if not ev.holds:
                    fails.add(ref)
                    continue
                how = _how(relation, ev, ref)
                if how not in hows[ref]:
                    hows[ref].append(how)
                if ev.difference == 0:
                    exact.add(ref)
    for claim in release.claims:
        if claim.status in (ClaimStatus.TIES, ClaimStatus.ROUNDING):
            for ref in claim.tied_to:
                how = f"ties to the prose (line {claim.span.line})"
                if how not in hows[ref]:
                    hows[ref].append(how)
                if claim.status is ClaimStatus.TIES:
                    exact.add(ref)
    ticks: dict[CellRef, FigureTick] = {}
    for ref, ways in hows.items():
        ticks[ref] = FigureTick(Tick.VERIFIED if ref in exact else Tick.ROUNDING, tuple(ways))
    for ref in fails:
        ticks[ref] = FigureTick(Tick.FAILS, tuple(hows.get(ref, ())))
    for reading in release.readings:
        if reading.cell not in fails:
            ticks[reading.cell] = FigureTick(Tick.READ, tuple(hows.get(reading.cell, ())))
    for ref in culprits:
        ticks[ref] = FigureTick(Tick.ERROR, tuple(hows.get(ref, ())))
    return ticks


def claim_tick(release: Release, claim: Claim) -> FigureTick:
    """The tick of a figure of the prose: what it ties to, or that it does not."""
    if claim.status is ClaimStatus.CONTRADICTS:
        return FigureTick(Tick.ERROR)
    if claim.status in (ClaimStatus.UNTIED, ClaimStatus.AMBIGUOUS) or not claim.tied_to:
        return FigureTick(Tick.UNCHECKED)
    first = claim.tied_to[0]
    row = release.row(first.table, first.row)
    how = (f"ties to table {first.table + 1}, {row.label} (line {row.line})",)
    return FigureTick(Tick.VERIFIED if claim.status is ClaimStatus.TIES else Tick.ROUNDING, how)
