"""Findings are listed in one order by every stage: by line, the more serious first on a
line, then by code."""

from __future__ import annotations

from tieout.model import Finding, FindingCode, Severity


def _finding(line: int, severity: Severity, code: FindingCode) -> Finding:
    return Finding(code=code, severity=severity, message="", line=line)


def test_findings_are_ordered_by_line_then_severity_then_code() -> None:
    note = _finding(3, Severity.INFO, FindingCode.CLAIM_UNTIED)
    warning = _finding(3, Severity.WARNING, FindingCode.TRUNCATED_INPUT)
    sum_error = _finding(3, Severity.ERROR, FindingCode.SUM_MISMATCH)
    claim_error = _finding(3, Severity.ERROR, FindingCode.CLAIM_MISMATCH)
    earlier = _finding(1, Severity.INFO, FindingCode.CLAIM_UNTIED)
    ordered = Finding.in_order([note, warning, sum_error, earlier, claim_error])
    assert ordered == (earlier, claim_error, sum_error, warning, note)


def test_severity_ranks_the_more_serious_first() -> None:
    assert [s.rank for s in (Severity.ERROR, Severity.WARNING, Severity.INFO)] == [0, 1, 2]
    assert sorted(Severity, key=lambda s: s.rank)[0] is Severity.ERROR
