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
from tieout.model import CellFlag, CellRef, Finding, FindingCode, Release, Severity


def broken_groupings(release: Release) -> list[Finding]:
    """An error at every figure printed with broken digit grouping."""
    culprits = {c.cell: c for c in release.culprits}
    findings = []
    for table in release.tables:
        for row in table.rows:
            for cell in row.cells:
                if cell is None or CellFlag.BROKEN_GROUPING not in cell.flags:
                    continue
                ref = CellRef(table.index, row.index, cell.column)
                column = table.columns[cell.column].label
                culprit = culprits.get(ref)
                scale = scale_of(release, ref)
                hint = ""
                if culprit is not None:
                    middle = (culprit.low + culprit.high) / 2
                    hint = f"; the relations it stands in tie if it reads {printed(middle, scale)}"
                findings.append(
                    Finding(
                        code=FindingCode.BROKEN_GROUPING,
                        severity=Severity.ERROR,
                        message=(
                            f"{row.label} ({column}) is printed `{cell.raw.strip()}`: its digit "
                            f"groups are broken (a digit dropped or added), so it cannot be read "
                            f"as printed{hint}"
                        ),
                        line=cell.span.line,
                        evidence=(cell.span,),
                        actual=cell.value,
                    )
                )
    return findings


CHECK = ReleaseCheck("broken digit grouping", FindingCode.BROKEN_GROUPING, broken_groupings)
