"""The release as plain data for JSON: the shape ``tieout check --format json`` prints.

Every value is exact: Decimals become strings ("33006000", "-0.03"), never floats.
Tables keep one cell entry per column (null where nothing is printed), so a blank cell
can never shift a figure into its neighbour's column. Tables are numbered from 1, as
every output numbers them (``Table 1``); rows and columns are positions from 0.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from tieout.model import (
    Cell,
    CellRef,
    Claim,
    Finding,
    NonGaapMeasure,
    Relation,
    Release,
    Severity,
    Span,
    Table,
)
from tieout.report.marks import Mark, cell_marks, mark_of


def number(value: Decimal | None) -> str | None:
    """A Decimal as an exact string without exponent, or None."""
    if value is None:
        return None
    text = str(value)  # plain notation, as format "f" gives it, unless it has an exponent
    if "E" in text:
        text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _span(span: Span) -> dict[str, Any]:
    out: dict[str, Any] = {"line": span.line, "col": span.start, "end_col": span.end}
    if span.offset is not None:
        out["offset"] = span.offset
    return out


def _cell(cell: Cell | None, mark: str) -> dict[str, Any] | None:
    if cell is None:
        return None
    return {
        "raw": cell.raw.strip(),
        "value": number(cell.value),
        "precision": number(cell.precision),
        **_span(cell.span),
        "column": cell.column,
        "flags": sorted(f.value for f in cell.flags) if cell.flags else [],
        "readings": [number(r) for r in cell.readings] if cell.ambiguous else None,
        "mark": mark,
    }


def table_data(
    release: Release, table: Table, marks: dict[CellRef, Mark] | None = None
) -> dict[str, Any]:
    """One table with the mark of each figure (``marks``: ``cell_marks(release)``, made
    once per release by the caller of every table; it reads every relation)."""
    if marks is None:
        marks = cell_marks(release)
    return {
        "table": table.index + 1,
        "title": table.title,
        "exhibit": table.exhibit,
        "scale": number(table.scale),
        "scale_text": table.scale_text,
        "currency": table.currency,
        "first_line": table.first_line,
        "last_line": table.last_line,
        "columns": [
            {
                "label": c.label,
                "period_end": c.period.end.isoformat() if c.period and c.period.end else None,
                "months": c.period.months if c.period else None,
                "weeks": c.period.weeks if c.period else None,
                "instant": c.period.instant if c.period else False,
                "segment": c.segment,
                "unit": c.unit.value if c.unit else None,
                "change": c.change,
            }
            for c in table.columns
        ],
        "rows": [
            {
                "label": row.label,
                "level": row.level,
                "kind": row.kind.value,
                "unit": row.unit.value,
                "concept": row.concept,
                "section": row.section,
                "line": row.line,
                "rule_above": row.rule_above.value,
                "rule_below": row.rule_below.value,
                "cells": [
                    _cell(c, mark_of(marks, CellRef(table.index, row.index, j)).value)
                    if c is not None
                    else None
                    for j, c in enumerate(row.cells)
                ],
            }
            for row in table.rows
        ],
    }


def relation_data(release: Release, relation: Relation) -> dict[str, Any]:
    def label(table: int, row: int) -> str:
        return release.row(table, row).label

    return {
        "source": relation.source.value,
        "name": relation.name,
        "kind": relation.kind,
        "total": {
            "label": label(relation.total.table, relation.total.row),
            "table": relation.total.table + 1,
            "row": relation.total.row,
            "line": release.row(relation.total.table, relation.total.row).line,
        },
        "items": [
            {"label": label(t.table, t.row), "table": t.table + 1, "row": t.row, "sign": t.sign}
            for t in relation.items
        ],
        "holds_in": list(relation.holds_in),
        "fails_in": list(relation.fails_in),
        "evaluations": [
            {
                "column": ev.label,
                "expected": number(ev.expected),
                "actual": number(ev.actual),
                "difference": number(ev.difference),
                "tolerance": number(ev.tolerance),
                "holds": ev.holds,
            }
            for ev in relation.evaluations
        ],
    }


def finding_data(finding: Finding) -> dict[str, Any]:
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "message": finding.message,
        "line": finding.line,
        "expected": number(finding.expected),
        "actual": number(finding.actual),
        "difference": number(finding.difference),
        "tolerance": number(finding.tolerance),
        "suggestion": finding.suggestion,
        "evidence": [_span(s) for s in finding.evidence],
    }


def claim_data(release: Release, claim: Claim) -> dict[str, Any]:
    tied = None
    if claim.tied_to:
        first = claim.tied_to[0]
        table = release.tables[first.table]
        tied = {
            "table": first.table + 1,
            "table_title": table.title,
            "row": release.row(first.table, first.row).label,
            "line": release.row(first.table, first.row).line,
            "column": table.columns[first.column].label,
            "cells": [
                {"table": r.table + 1, "row": r.row, "column": r.column} for r in claim.tied_to
            ],
        }
    return {
        "line": claim.span.line,
        "col": claim.span.start,
        "text": claim.text,
        "sentence": claim.sentence,
        "subject": claim.subject,
        "concept": claim.concept,
        "segment": claim.segment,
        "value": number(claim.value),
        "precision": number(claim.precision),
        "unit": claim.unit.value,
        "kind": claim.kind.value,
        "period_end": claim.period.end.isoformat() if claim.period and claim.period.end else None,
        "months": claim.period.months if claim.period else None,
        "period_text": claim.period_text,
        "qualifiers": list(claim.qualifiers),
        "traits": sorted(t.value for t in claim.traits),
        "tied_to": tied,
        "expected": number(claim.expected),
        "status": claim.status.value,
    }


def non_gaap_data(release: Release, measure: NonGaapMeasure) -> dict[str, Any]:
    """A non-GAAP measure: its basis, GAAP measure, reconciliation (or null) and status."""
    found = measure.reconciliation
    reconciliation = None
    if found is not None:
        reconciliation = {
            "how": found.how,
            "table": found.table + 1 if found.table is not None else None,
            "gaap_rows": list(found.gaap_rows),
            "rows": list(found.rows),
            "relations": list(found.relations),
            "holds_in": list(found.holds_in),
            "fails_in": list(found.fails_in),
        }
    return {
        "measure": measure.name,
        "basis": list(measure.basis),
        "gaap": measure.gaap,
        "status": measure.status.value,
        "reconciliation": reconciliation,
        "presented": [
            {"table": t + 1, "row": r, "label": release.row(t, r).label} for t, r in measure.rows
        ],
        "claims": list(measure.claims),
        "recomputed": list(measure.recomputed),
        "recomputations": [
            {
                "column": ev.label,
                "expected": number(ev.expected),
                "actual": number(ev.actual),
                "holds": ev.holds,
            }
            for ev in measure.recomputations
        ],  # fmt: skip
        "note": measure.note,
        "evidence": [_span(s) for s in measure.evidence],
    }


def release_data(release: Release) -> dict[str, Any]:
    """Everything about one checked file, as JSON-ready data."""
    src = release.source
    marks = cell_marks(release)
    return {
        "file": src.path,
        "sha256": src.sha256,
        "format": src.format,
        "filing": {
            "accession_number": src.accession_number,
            "cik": src.cik,
            "company": src.company,
            "form_type": src.form_type,
            "filed": src.filed.isoformat() if src.filed else None,
            "period_of_report": src.period_of_report.isoformat() if src.period_of_report else None,
            "items": list(src.items),
        },
        "documents": [
            {
                "exhibit": d.exhibit,
                "filename": d.filename,
                "description": d.description,
                "format": d.format,
                "first_line": d.first_line,
                "last_line": d.first_line + len(d.lines) - 1,
            }
            for d in release.documents
        ],
        "summary": summary(release),
        "tables": [table_data(release, t, marks) for t in release.tables],
        "relations": [relation_data(release, r) for r in release.relations],
        "claims": [claim_data(release, c) for c in release.claims],
        "non_gaap": [non_gaap_data(release, m) for m in release.non_gaap],
        "findings": [finding_data(f) for f in release.findings],
    }


def summary(release: Release) -> dict[str, int]:
    """Counts a reader checks first: tables, figures, relations, claims, findings."""
    return {
        "tables": len(release.tables),
        "figures": sum(1 for t in release.tables for r in t.rows for c in r.cells if c is not None),
        "relations": len(release.relations),
        "relations_holding": sum(1 for r in release.relations if r.holds),
        "relations_failing": sum(1 for r in release.relations if r.fails_in),
        "claims": len(release.claims),
        "errors": sum(1 for f in release.findings if f.severity is Severity.ERROR),
        "warnings": sum(1 for f in release.findings if f.severity is Severity.WARNING),
        "infos": sum(1 for f in release.findings if f.severity is Severity.INFO),
    }
