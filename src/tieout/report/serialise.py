"""The release as plain data for JSON: the shape ``tieout check --format json`` prints.

Every value is exact: Decimals become strings ("33006000", "-0.03"), never floats.
Tables keep one cell entry per column (null where nothing is printed), so a blank cell
can never shift a figure into its neighbour's column. Tables are numbered from 1, as
every output numbers them (``Table 1``); rows and columns are positions from 0.

``release_json`` writes the same JSON text as ``json.dumps(release_data(release))``
without the dicts of the bulk of it: each figure's and relation's text is written
directly (a release has thousands of figures; building a dict per figure and encoding
it again cost more than the rest of the output).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal
from json.encoder import encode_basestring, encode_basestring_ascii
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
from tieout.report.marks import Mark, cell_marks


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


class _Numbers(dict[Decimal, str]):
    """``number`` of each value, written once per release: most figures repeat a value
    (precisions above all), and equal Decimals are written alike."""

    def __missing__(self, value: Decimal) -> str:
        text = self[value] = number(value) or ""
        return text


def _span(span: Span) -> dict[str, Any]:
    out: dict[str, Any] = {"line": span.line, "col": span.start, "end_col": span.end}
    if span.offset is not None:
        out["offset"] = span.offset
    return out


def _by_table(marks: dict[CellRef, Mark]) -> dict[int, dict[tuple[int, int], str]]:
    """The marks as each table's (row, column) -> the mark's word, made once per release:
    a figure's mark is then found without making and hashing a ``CellRef`` per figure."""
    out: dict[int, dict[tuple[int, int], str]] = {}
    for ref, mark in marks.items():
        here = out.get(ref.table)
        if here is None:
            here = out[ref.table] = {}
        here[ref.row, ref.column] = mark._value_
    return out


_UNRELATED: str = Mark.UNRELATED._value_


def table_data(
    release: Release, table: Table, marks: dict[CellRef, Mark] | None = None
) -> dict[str, Any]:
    """One table with the mark of each figure (``marks``: ``cell_marks(release)``, made
    once per release by the caller of every table; it reads every relation)."""
    if marks is None:
        marks = cell_marks(release)
    return _table(table, _by_table(marks).get(table.index, {}), _Numbers())


def _table(table: Table, marks: dict[tuple[int, int], str], numbers: _Numbers) -> dict[str, Any]:
    """``table_data`` with the table's marks by (row, column) and the release's numbers.

    The hottest part of the JSON (a dict per figure): each value is read once, enum
    members by their ``_value_`` (``.value`` is a descriptor call).
    """
    return {
        **_table_head(table),
        "rows": [
            {
                "label": row.label,
                "level": row.level,
                "kind": row.kind._value_,
                "unit": row.unit._value_,
                "concept": row.concept,
                "section": row.section,
                "line": row.line,
                "rule_above": row.rule_above._value_,
                "rule_below": row.rule_below._value_,
                "cells": _cells(row.index, row.cells, marks, numbers),
            }
            for row in table.rows
        ],
    }


def _table_head(table: Table) -> dict[str, Any]:
    """A table's data before its rows: title, scale, currency, lines, columns."""
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
    }


def _cells(
    row: int,
    cells: tuple[Cell | None, ...],
    marks: dict[tuple[int, int], str],
    numbers: _Numbers,
) -> list[dict[str, Any] | None]:
    """A row's cells as ``_cell`` writes them (null for a blank), each with its mark."""
    out: list[dict[str, Any] | None] = []
    append = out.append
    for j, cell in enumerate(cells):
        if cell is None:
            append(None)
            continue
        span = cell.span
        if span.offset is None:
            data = {
                "raw": cell.raw.strip(),
                "value": numbers[cell.value],
                "precision": numbers[cell.precision],
                "line": span.line,
                "col": span.start,
                "end_col": span.end,
                "column": cell.column,
            }
        else:
            data = {
                "raw": cell.raw.strip(),
                "value": numbers[cell.value],
                "precision": numbers[cell.precision],
                "line": span.line,
                "col": span.start,
                "end_col": span.end,
                "offset": span.offset,
                "column": cell.column,
            }
        data["flags"] = sorted([f._value_ for f in cell.flags]) if cell.flags else []
        readings = cell.readings
        data["readings"] = [numbers[r] for r in readings] if len(readings) > 1 else None
        data["mark"] = marks.get((row, j), _UNRELATED)
        append(data)
    return out


# The text of one figure and of one row as ``json.dumps`` writes ``_cells``' and
# ``_table``'s dicts (keys in the same order, ", " and ": " between them); the
# strings of the filing go through ``quote`` (json's own encoder of a string), the
# numbers' digits and the marks' and enums' words are written as they are.
_CELL = (
    '{"raw": %s, "value": "%s", "precision": "%s", "line": %d, "col": %d, "end_col": %d, '
    '%s"column": %d, "flags": %s, "readings": %s, "mark": "%s"}'
)
_ROW = (
    '{"label": %s, "level": %d, "kind": "%s", "unit": "%s", "concept": %s, "section": %s, '
    '"line": %d, "rule_above": "%s", "rule_below": "%s", "cells": [%s]}'
)


def _rows_json(
    table: Table,
    marks: dict[tuple[int, int], str],
    numbers: _Numbers,
    quote: Callable[[str], str],
) -> str:
    """``json.dumps`` of ``_table(table, ...)["rows"]``, written directly."""
    rows = []
    for row in table.rows:
        r = row.index
        cells = []
        for j, cell in enumerate(row.cells):
            if cell is None:
                cells.append("null")
                continue
            span = cell.span
            flags = cell.flags
            readings = cell.readings
            cells.append(
                _CELL
                % (
                    quote(cell.raw.strip()),
                    numbers[cell.value],
                    numbers[cell.precision],
                    span.line,
                    span.start,
                    span.end,
                    "" if span.offset is None else f'"offset": {span.offset:d}, ',
                    cell.column,
                    f"[{', '.join(sorted([quote(f._value_) for f in flags]))}]" if flags else "[]",
                    f"[{', '.join([quote(numbers[x]) for x in readings])}]"
                    if len(readings) > 1
                    else "null",
                    marks.get((r, j), _UNRELATED),
                )
            )
        rows.append(
            _ROW
            % (
                quote(row.label),
                row.level,
                row.kind._value_,
                row.unit._value_,
                "null" if row.concept is None else quote(row.concept),
                "null" if row.section is None else quote(row.section),
                row.line,
                row.rule_above._value_,
                row.rule_below._value_,
                ", ".join(cells),
            )
        )
    return f"[{', '.join(rows)}]"


_RELATION = (
    '{"source": "%s", "name": %s, "kind": "%s", "total": %s, "items": [%s], '
    '"holds_in": [%s], "fails_in": [%s], "evaluations": [%s]}'
)
_TOTAL = '{"label": %s, "table": %d, "row": %d, "line": %d}'
_ITEM = '{"label": %s, "table": %d, "row": %d, "sign": %d}'
_EVALUATION = (
    '{"column": %s, "expected": "%s", "actual": "%s", "difference": "%s", '
    '"tolerance": "%s", "holds": %s}'
)


def _relations_json(release: Release, numbers: _Numbers, quote: Callable[[str], str]) -> str:
    """``json.dumps`` of ``relation_data`` of every relation, written directly."""
    tables = release.tables
    out = []
    for relation in release.relations:
        total = relation.total
        row = tables[total.table].rows[total.row]
        items = [
            _ITEM % (quote(tables[t.table].rows[t.row].label), t.table + 1, t.row, t.sign)
            for t in relation.items
        ]
        evaluations = relation.evaluations
        out.append(
            _RELATION
            % (
                relation.source._value_,
                quote(relation.name),
                relation.kind._value_,
                _TOTAL % (quote(row.label), total.table + 1, total.row, row.line),
                ", ".join(items),
                ", ".join([quote(ev.label) for ev in evaluations if ev.holds]),
                ", ".join([quote(ev.label) for ev in evaluations if not ev.holds]),
                ", ".join(
                    [
                        _EVALUATION
                        % (
                            quote(ev.label),
                            numbers[ev.expected],
                            numbers[ev.actual],
                            numbers[ev.difference],
                            numbers[ev.tolerance],
                            "true" if ev.holds else "false",
                        )
                        for ev in evaluations
                    ]
                ),
            )
        )
    return f"[{', '.join(out)}]"


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


def _head(release: Release) -> dict[str, Any]:
    """What is said of the file before its tables: source, filing, documents, summary."""
    src = release.source
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
    }


def release_data(release: Release) -> dict[str, Any]:
    """Everything about one checked file, as JSON-ready data."""
    by_table = _by_table(cell_marks(release))
    numbers = _Numbers()
    return {
        **_head(release),
        "tables": [_table(t, by_table.get(t.index, {}), numbers) for t in release.tables],
        "relations": [relation_data(release, r) for r in release.relations],
        "claims": [claim_data(release, c) for c in release.claims],
        "non_gaap": [non_gaap_data(release, m) for m in release.non_gaap],
        "findings": [finding_data(f) for f in release.findings],
    }


def release_json(
    release: Release,
    *,
    ensure_ascii: bool = True,
    findings: list[dict[str, Any]] | None = None,
) -> str:
    """``json.dumps(release_data(release), ensure_ascii=ensure_ascii)``, the same text,
    written with less work: the tables' rows and the relations are written as text
    (``_rows_json``, ``_relations_json``), the rest is ``release_data``'s dicts encoded.

    ``findings`` replaces the findings' data (``tieout check`` adds each one's review).
    """
    dumps = json.JSONEncoder(ensure_ascii=ensure_ascii).encode
    quote = encode_basestring_ascii if ensure_ascii else encode_basestring
    by_table = _by_table(cell_marks(release))
    numbers = _Numbers()
    tables = []
    for table in release.tables:
        head = dumps(_table_head(table))
        rows = _rows_json(table, by_table.get(table.index, {}), numbers, quote)
        tables.append(f'{head[:-1]}, "rows": {rows}}}')
    return (
        f"{dumps(_head(release))[:-1]}"
        f', "tables": [{", ".join(tables)}]'
        f', "relations": {_relations_json(release, numbers, quote)}'
        f', "claims": {dumps([claim_data(release, c) for c in release.claims])}'
        f', "non_gaap": {dumps([non_gaap_data(release, m) for m in release.non_gaap])}'
        f', "findings": {dumps(findings if findings is not None else [finding_data(f) for f in release.findings])}}}'
    )


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
