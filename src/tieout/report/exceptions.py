"""The exceptions list for the audit file: one row per finding, with its review status.

CSV with the standard library; XLSX with openpyxl (the ``xlsx`` extra), loaded only when
asked for so the rest of tieout does not need it. Cells of a spreadsheet that begin
with ``=``, ``+``, ``-`` or ``@`` are written as text, never as formulas: a filing's
words must not run in the reviewer's spreadsheet.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from tieout.model import CellRef, Release
from tieout.report.arithmetic import touching
from tieout.report.keys import release_keys
from tieout.report.review import Review, apply
from tieout.report.terminal import source_line

COLUMNS = (
    "file",
    "line",
    "code",
    "severity",
    "figure",
    "arithmetic",
    "message",
    "excerpt",
    "review_status",
    "comment",
    "key",
)


def exception_rows(release: Release, review: Review | None = None) -> list[dict[str, Any]]:
    """One row per finding of the release, errors first."""
    keys = release_keys(release)
    applied = apply(release, review or Review(), keys)
    arith = touching(release)
    rows: list[dict[str, Any]] = []
    for finding, key, anchor, entry in zip(
        release.findings, keys.findings, keys.anchors, applied.findings, strict=True
    ):
        figure = arithmetic = ""
        if isinstance(anchor, CellRef):
            table = release.tables[anchor.table]
            row = table.rows[anchor.row]
            cell = release.cell(anchor)
            label = f"{row.section}: {row.label}" if row.section else row.label
            figure = f"{label} ({table.columns[anchor.column].label}): {cell.raw.strip() if cell else ''}"
            arithmetic = "; ".join(
                f"{'holds' if a.holds else 'FAILS'}: {a.name} ({a.column}): {a.text}"
                for a in sorted(arith.get(anchor, ()), key=lambda a: a.holds)
            )
        elif isinstance(anchor, int):
            claim = release.claims[anchor]
            figure = f"{claim.text} ({claim.subject or 'prose'})"
            if claim.expected is not None:
                arithmetic = f"prose {claim.value}, tables give {claim.expected}"
        col = next((e.start for e in finding.evidence if e.line == finding.line), None)
        rows.append(
            {
                "file": release.source.path,
                "line": finding.line,
                "code": finding.code,
                "severity": finding.severity.value,
                "figure": figure,
                "arithmetic": arithmetic,
                "message": finding.message,
                "excerpt": source_line(release, finding.line, col),
                "review_status": entry.status.value if entry else "open",
                "comment": entry.comment if entry else "",
                "key": key,
            }
        )
    rank = {"error": 0, "warning": 1, "info": 2}
    rows.sort(key=lambda r: (rank[str(r["severity"])], int(r["line"])))
    return rows


def to_csv(rows: Iterable[dict[str, Any]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write_xlsx(rows: Sequence[dict[str, Any]], path: str) -> None:
    """The rows as a worksheet with a header, filters and frozen first row."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Font
    except ImportError:  # pragma: no cover - depends on the installed extras
        raise RuntimeError(
            "xlsx needs openpyxl: pip install 'tieout[xlsx]' (or use --format csv)"
        ) from None
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "exceptions"
    sheet.append(list(COLUMNS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row[c] for c in COLUMNS])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, str) and cell.value[:1] in ("=", "+", "-", "@"):
                cell.data_type = "s"  # text, never a formula
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for letter, width in zip(
        "ABCDEFGHIJK", (40, 7, 20, 9, 40, 60, 80, 60, 14, 40, 40), strict=True
    ):
        sheet.column_dimensions[letter].width = width
    book.save(path)
