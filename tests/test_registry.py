"""The checks registry: one entry per check, a check's bug is a finding, a new check is one entry."""

from __future__ import annotations

from collections.abc import Sequence

from textdoc import document
from tieout import checks
from tieout.checks.entry import RelationCheck, ReleaseCheck
from tieout.checks.reporting import describe_sum
from tieout.checks.spec import Spec, same_table_places
from tieout.model import (
    Finding,
    FindingCode,
    RelationKind,
    RelationSource,
    Release,
    Severity,
    Table,
    Term,
)
from tieout.readers.text.tables import text_tables

STATEMENT = """
                         (IN THOUSANDS)
                                          2004             2003
Net sales                               $ 33,006         $ 32,383
Cost of sales                             28,931           28,653
                                        --------         --------
     Gross profit                          4,075            3,730
Other income                                 100              100
Freight                                      105              100
"""


def _run(**registries: object) -> Release:
    doc = document(STATEMENT)
    return checks.run(doc.source, [doc], text_tables(doc), **registries)  # type: ignore[arg-type]


def test_every_entry_is_named_once_and_reports_its_failures() -> None:
    names = [c.name for c in checks.RELATION_CHECKS] + [c.name for c in checks.RELEASE_CHECKS]
    assert len(names) == len(set(names))
    for check in checks.RELATION_CHECKS:
        assert (check.describe is None) != (check.report is None), check.name
        assert check.code in FindingCode


def _boom(tables: Sequence[Table], found: Sequence[Spec]) -> list[Spec]:
    raise ZeroDivisionError("a bug")


def test_a_check_that_raises_is_a_finding_and_the_others_run() -> None:
    broken = RelationCheck(
        "broken", RelationSource.LAYOUT, FindingCode.SUM_MISMATCH, _boom, describe_sum
    )
    release = _run(relation_checks=(broken, *checks.RELATION_CHECKS))
    (crash,) = [f for f in release.findings if f.code is FindingCode.CHECK_CRASHED]
    assert crash.message == "check broken failed on this release: ZeroDivisionError: a bug"
    assert [r.name for r in release.relations] == ["Gross profit"]

    def bad(release: Release) -> list[Finding]:
        raise KeyError("x")

    release = _run(release_checks=(ReleaseCheck("bad", FindingCode.CLAIM_UNTIED, bad),))
    assert [f.message for f in release.findings] == [
        "check bad failed on this release: KeyError: 'x'"
    ]


def _other_income_is_freight(tables: Sequence[Table], found: Sequence[Spec]) -> list[Spec]:
    """A toy relation: Other income = Freight, row by row (fails in 2004, holds in 2003)."""
    table = tables[0]
    rows = {r.label: r.index for r in table.rows}
    total, item = rows["Other income"], rows["Freight"]
    return [
        Spec(
            RelationSource.REPEAT, "other income = freight", RelationKind.EQUAL,
            Term(0, total, 1), (Term(0, item, 1),),
            same_table_places(tables, 0, total, [item]),
        )
    ]  # fmt: skip


def test_a_new_relation_check_is_one_entry() -> None:
    toy = RelationCheck(
        "toy", RelationSource.REPEAT, FindingCode.REPEAT_MISMATCH, _other_income_is_freight,
        describe_sum,
    )  # fmt: skip
    release = _run(relation_checks=(*checks.RELATION_CHECKS, toy))
    toy_relation = release.relations[-1]
    assert toy_relation.name == "other income = freight" and toy_relation.holds_in == ("2003",)
    (finding,) = [f for f in release.findings if f.code is FindingCode.REPEAT_MISMATCH]
    assert finding.severity is Severity.ERROR and finding.line == 7
    assert finding.message == (
        "Other income (2004) does not tie: 105 = 105, printed 100; off by 5 "
        "[other income = freight; holds in 2003]"
    )
