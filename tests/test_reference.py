"""The reference release ties out exactly: every figure, every relation, one finding."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tieout.model import CellFlag, Release, Severity
from tieout.pipeline import read

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def reference(corpus_dir: Path) -> Release:
    return read(corpus_dir / "lexington-precision_2004q1.txt")


def _row_at(release: Release, line: int) -> list[Decimal]:
    for table in release.tables:
        for row in table.rows:
            if row.line == line and row.has_figures:
                return [c.value for c in row.cells if c is not None]
    raise AssertionError(f"no row of figures on line {line}")


def test_figures_with_exact_values(reference: Release) -> None:
    assert _row_at(reference, 104) == [Decimal(33006000), Decimal(32383000)]
    assert _row_at(reference, 129) == [Decimal("-0.03"), Decimal("-0.04")]
    assert _row_at(reference, 134) == [Decimal(4932000), Decimal(4828000)]
    assert _row_at(reference, 217) == [Decimal(1393000), Decimal(1005000)]
    figures = [c for t in reference.tables for r in t.rows for c in r.cells if c is not None]
    assert len(figures) == 72
    assert sum(1 for c in figures if CellFlag.DASH_ZERO in c.flags) == 1


def test_two_tables_with_their_periods(reference: Release) -> None:
    assert len(reference.tables) == 2
    for table in reference.tables:
        assert table.scale == Decimal(1000)
        assert [
            (c.period.end.isoformat(), c.period.months)
            for c in table.columns
            if c.period and c.period.end
        ] == [
            ("2004-03-31", 3),
            ("2003-03-31", 3),
        ]


def test_relations_hold_in_both_columns(reference: Release) -> None:
    holding = [r for r in reference.relations if r.holds and len(r.holds_in) == 2]
    assert len(holding) >= 15
    assert not [r for r in reference.relations if r.fails_in]
    names = {r.name for r in holding}
    for expected in (
        "Gross profit",
        "Income from operations",
        "Loss before income taxes",
        "Net loss",
        "EBITDA",
        "Total net sales",
        "Consolidated depreciation and amortization",
        "Total EBITDA",
        "Total capital expenditures",
    ):
        assert expected in names
    sources = {r.source.value for r in holding}
    assert sources == {"layout", "identity", "ratio", "repeat"}
    segment = [r for r in holding if r.name.startswith("segment EBITDA")]
    assert len(segment) == 3


def test_only_finding_is_the_stray_parenthesis(reference: Release) -> None:
    above_info = [f for f in reference.findings if f.severity is not Severity.INFO]
    assert len(above_info) == 1
    (finding,) = above_info
    assert finding.code == "stray-parenthesis" and finding.severity is Severity.WARNING
    assert finding.line == 204
    assert finding.expected == Decimal(304000)
    assert "304)" in finding.message and "read as 304" in finding.message
    assert len(finding.evidence) >= 3  # the figure and the figures of the relations it rests on
    (reading,) = reference.readings
    assert reading.value == Decimal(304000)
    assert {reference.relations[i].name for i in reading.supported_by} == {
        "Total EBITDA",
        "segment EBITDA = operating income + D&A (Metals Group)",
    }


def test_every_figure_of_the_prose_ties(reference: Release) -> None:
    assert len(reference.claims) == 30
    assert {c.status.value for c in reference.claims} == {"ties"}
    assert not [f for f in reference.findings if f.code.startswith("claim-")]
    (finding,) = [f for f in reference.findings if f.code == "stray-parenthesis"]
    assert '"positive $304,000" (line 35)' in finding.message  # the prose agrees with 304
