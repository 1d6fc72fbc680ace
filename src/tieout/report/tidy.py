"""Figures as tidy rows: one row per printed figure, with its meaning and its place.

The shape analysts load into a data frame or a database: whose release (company, CIK,
accession number, filing date, period of report, from the EDGAR header when there is
one), which table (numbered from 1, as in every output), which row label and concept,
which column and period (its end and length in months), the exact value in units, the
unit, the line.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Any

from tieout.model import CellRef, Release
from tieout.report.marks import cell_marks, mark_of
from tieout.report.serialise import number

FIELDS = (
    "file",
    "company",
    "cik",
    "accession_number",
    "filed",
    "period_of_report",
    "exhibit",
    "table",
    "table_title",
    "row",
    "row_label",
    "concept",
    "section",
    "column",
    "column_label",
    "segment",
    "period_end",
    "months",
    "instant",
    "value",
    "unit",
    "raw",
    "line",
    "col",
    "mark",
)


def fact_rows(release: Release) -> Iterator[dict[str, Any]]:
    """One dict per printed figure, in table, row, column order."""
    marks = cell_marks(release)
    src = release.source
    filing = {
        "company": src.company,
        "cik": src.cik,
        "accession_number": src.accession_number,
        "filed": src.filed.isoformat() if src.filed else None,
        "period_of_report": src.period_of_report.isoformat() if src.period_of_report else None,
    }
    for table in release.tables:
        for row in table.rows:
            for cell in row.cells:
                if cell is None:
                    continue
                col = table.columns[cell.column]
                period = col.period
                yield {
                    "file": src.path,
                    **filing,
                    "exhibit": table.exhibit,
                    "table": table.index + 1,
                    "table_title": table.title,
                    "row": row.index,
                    "row_label": row.label,
                    "concept": row.concept,
                    "section": row.section,
                    "column": cell.column,
                    "column_label": col.label,
                    "segment": col.segment,
                    "period_end": period.end.isoformat() if period and period.end else None,
                    "months": period.months if period else None,
                    "instant": period.instant if period else None,
                    "value": number(cell.value),
                    "unit": table.unit_of(row.index, cell.column).value,
                    "raw": cell.raw.strip(),
                    "line": cell.span.line,
                    "col": cell.span.start,
                    "mark": mark_of(marks, CellRef(table.index, row.index, cell.column)).value,
                }


def to_json(release: Release) -> str:
    return json.dumps(list(fact_rows(release)), indent=2)


def to_csv(releases: list[Release]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for release in releases:
        writer.writerows(fact_rows(release))
    return out.getvalue()
