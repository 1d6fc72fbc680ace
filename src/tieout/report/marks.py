"""A mark per figure: verified by a relation, named by a failing one, read, or unrelated.

A reader of the terminal report sees at a glance which figures the arithmetic vouches
for; figures no relation touches are shown as such, not as verified.
"""

from __future__ import annotations

from enum import StrEnum

from tieout.model import CellRef, Release


class Mark(StrEnum):
    VERIFIED = "verified"  # every relation it takes part in holds
    FAILS = "fails"  # it takes part in a relation that fails where it stands
    READ = "read"  # an ambiguous print, read the way the relations support
    UNRELATED = "unrelated"  # no relation touches it


SYMBOLS = {Mark.VERIFIED: "✓", Mark.FAILS: "✗", Mark.READ: "!", Mark.UNRELATED: "·"}


def cell_marks(release: Release) -> dict[CellRef, Mark]:
    """The mark of every figure that some relation touches or that has a reading."""
    holds: set[CellRef] = set()
    fails: set[CellRef] = set()
    for relation in release.relations:
        for ev in relation.evaluations:
            refs = (ev.total, *ev.items)
            (holds if ev.holds else fails).update(refs)
    marks: dict[CellRef, Mark] = {}
    for ref in holds:
        marks[ref] = Mark.VERIFIED
    for ref in fails:
        marks[ref] = Mark.FAILS
    for reading in release.readings:
        if marks.get(reading.cell) is not Mark.FAILS:
            marks[reading.cell] = Mark.READ
    return marks


def mark_of(marks: dict[CellRef, Mark], ref: CellRef) -> Mark:
    return marks.get(ref, Mark.UNRELATED)
