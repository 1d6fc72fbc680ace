"""Figures printed with broken digit grouping: `36,94` or `12,3456`, a digit dropped or added.

A thousands separator stands before every group of three digits; a figure whose groups
are not three digits long was misprinted, whatever it should read. It is read as its
digits (so the relations it stands in still test it, and the one figure that makes them
tie is named where it is printed), and reported here on its own line, with the value
the relations ask for when one figure alone explains their failures.
"""

from __future__ import annotations

from tieout.checks.entry import ReleaseCheck
from tieout.checks.reporting import printed, scale_of
from tieout.model import (
    CellFlag,
    Finding,
    FindingCode,
    Release,
    Severity,
    printed_cells,
)


def broken_groupings(release: Release) -> list[Finding]:
    """An error at every figure printed with broken digit grouping."""
    culprits = {c.cell: c for c in release.culprits}
    findings = []
    for ref, table, row, cell in printed_cells(release.tables, CellFlag.BROKEN_GROUPING):
        culprit = culprits.get(ref)
        hint = ""
        if culprit is not None:
            middle = printed((culprit.low + culprit.high) / 2, scale_of(release, ref))
            hint = f"; the relations it stands in tie if it reads {middle}"
        findings.append(
            Finding.at(
                cell,
                FindingCode.BROKEN_GROUPING,
                Severity.ERROR,
                f"{row.label} ({table.columns[ref.column].label}) is printed `{cell.raw.strip()}`: "
                f"its digit groups are broken (a digit dropped or added), so it cannot be read "
                f"as printed{hint}",
            )
        )
    return findings


CHECK: ReleaseCheck = ReleaseCheck(
    "broken digit grouping", FindingCode.BROKEN_GROUPING, broken_groupings
)
