"""Each figure's mark: verified where every relation it is in holds, fails where one fails,
read where the relations chose its reading, and the same whether asked by ``CellRef``
(``cell_marks``) or by table and (row, column) (``marks_by_table``, the JSON's form)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tieout.model import CellRef, Reading, Release
from tieout.pipeline import read
from tieout.report.marks import Mark, cell_marks, marks_by_table

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "harbor-valve_2024q2.txt"


def _marks_by_rule(release: Release) -> dict[CellRef, Mark]:
    """The rule spelled out: every figure of a holding test verified, of a failing one
    fails (whatever else holds), a chosen reading read unless it fails."""
    marks: dict[CellRef, Mark] = {}
    for relation in release.relations:
        for ev in relation.evaluations:
            for ref in (ev.total, *ev.items):
                if ev.holds and marks.get(ref) is not Mark.FAILS:
                    marks[ref] = Mark.VERIFIED
                elif not ev.holds:
                    marks[ref] = Mark.FAILS
    for reading in release.readings:
        if marks.get(reading.cell) is not Mark.FAILS:
            marks[reading.cell] = Mark.READ
    return marks


def assert_marks_by_rule(release: Release) -> None:
    """Both forms of the marks are the rule's (``test_golden.py`` asks it of every corpus
    release as it reads each)."""
    expected = _marks_by_rule(release)
    assert cell_marks(release) == expected, release.source.path
    assert _flattened(release) == expected, release.source.path


def _flattened(release: Release) -> dict[CellRef, Mark]:
    return {
        CellRef(t, r, c): mark
        for t, here in marks_by_table(release).items()
        for (r, c), mark in here.items()
    }


def test_marks_follow_the_rule_on_a_release_with_a_failing_sum_and_a_reading() -> None:
    release = read(EXAMPLE)
    assert any(r.fails_in for r in release.relations), "the example has a failing relation"
    failing = next(ev for r in release.relations for ev in r.evaluations if not ev.holds)
    holding = next(ev for r in release.relations for ev in r.evaluations if ev.holds)
    # a reading on a failing figure stays "fails"; one on a verified figure becomes "read"
    readings = (
        Reading(failing.total, failing.actual, (), ()),
        Reading(holding.total, holding.actual, (), ()),
    )
    for case in (release, replace(release, readings=release.readings + readings)):
        assert_marks_by_rule(case)
        assert cell_marks(case)[failing.total] is Mark.FAILS
    assert cell_marks(replace(release, readings=readings))[holding.total] is (
        Mark.FAILS if cell_marks(release)[holding.total] is Mark.FAILS else Mark.READ
    )
