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

from tieout.collector import collector_paused
from tieout.extensions import compiled
from tieout.model import (
    Cell,
    CellFlag,
    CellRef,
    Claim,
    ClaimTrait,
    Finding,
    NonGaapMeasure,
    Relation,
    Release,
    Severity,
    Span,
    Table,
)
from tieout.report.marks import Mark, cell_marks, marked


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


def _marks(release: Release) -> dict[int, dict[tuple[int, int], str]]:
    """``_by_table(cell_marks(release))``, made as ``marks_by_table`` makes it, with no
    ``CellRef``, each mark its word."""
    return marked(release, _VERIFIED, _FAILS, _READ)


_UNRELATED: str = Mark.UNRELATED._value_
_VERIFIED: str = Mark.VERIFIED._value_
_FAILS: str = Mark.FAILS._value_
_READ: str = Mark.READ._value_


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


def _table_head_json_python(table: Table, numbers: _Numbers, quote: Callable[[str], str]) -> str:
    """``json.dumps(_table_head(table))`` without its closing brace (the rows follow),
    written directly: the texts through ``quote``, the scale's digits and the enums'
    words as they are, the integers as json writes an int, the truths as true or false.

    The specification of the compiled head (``_rows.c``'s ``table_head``), which writes
    the same text."""
    head = (
        f'{{"table": {table.index + 1}, "title": {_quoted(table.title, quote)}, '
        f'"exhibit": {_quoted(table.exhibit, quote)}, '
        f'"scale": {_digits(table.scale, numbers)}, '
        f'"scale_text": {_quoted(table.scale_text, quote)}, '
        f'"currency": {_quoted(table.currency, quote)}, '
        f'"first_line": {table.first_line}, "last_line": {table.last_line}, "columns": ['
    )
    columns = []
    for c in table.columns:
        label, period = _quoted(c.label, quote), c.period
        end = f'"{period.end.isoformat()}"' if period and period.end else "null"
        months = period.months if period else None
        weeks = period.weeks if period else None
        instant = "true" if period and period.instant else "false"
        segment, unit = _quoted(c.segment, quote), c.unit
        columns.append(
            f'{{"label": {label}, "period_end": {end}, '
            f'"months": {"null" if months is None else months}, '
            f'"weeks": {"null" if weeks is None else weeks}, "instant": {instant}, '
            f'"segment": {segment}, "unit": {quote(unit._value_) if unit else "null"}, '
            f'"change": {"true" if c.change else "false"}}}'
        )
    return f"{head}{', '.join(columns)}]"


_TableHead = Callable[[Table, _Numbers, Callable[[str], str]], str]


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
        data = {
            "raw": cell.raw.strip(),
            "value": numbers[cell.value],
            "precision": numbers[cell.precision],
            "line": span.line,
            "col": span.start,
            "end_col": span.end,
        }
        if span.offset is not None:  # an HTML figure's place in the document
            data["offset"] = span.offset
        data["column"] = cell.column
        data["flags"] = sorted([f._value_ for f in cell.flags]) if cell.flags else []
        readings = cell.readings
        data["readings"] = [numbers[r] for r in readings] if len(readings) > 1 else None
        data["mark"] = marks.get((row, j), _UNRELATED)
        append(data)
    return out


# The text of one figure, one row and one relation as ``json.dumps`` writes ``_cells``',
# ``_table``'s and ``relation_data``'s dicts (keys in the same order, ", " and ": "
# between them); the strings of the filing go through ``quote`` (json's own encoder of a
# string), the numbers' digits and the marks' and enums' words are written as they are,
# and the integers (lines, columns, positions) in plain digits, as ``json`` writes an int.


def _rows_json_python(
    table: Table,
    marks: dict[tuple[int, int], str],
    numbers: _Numbers,
    quote: Callable[[str], str],
    flag_texts: dict[frozenset[CellFlag], str] | None = None,
) -> tuple[str, int]:
    """``json.dumps`` of ``_table(table, ...)["rows"]``, written directly (``flag_texts``:
    each set of flags as written, kept by the caller across a release's tables), and the
    count of the table's figures (the summary's, counted as they are written).

    The specification of the compiled rows (``_rows.c``), which write the same text."""
    if flag_texts is None:
        flag_texts = {}
    rows = []
    unrelated = _UNRELATED
    figures = 0
    for row in table.rows:
        r = row.index
        cells: list[str] = []
        append = cells.append
        for j, cell in enumerate(row.cells):
            if cell is None:
                append("null")
                continue
            figures += 1
            span = cell.span
            offset = span.offset
            flags = cell.flags
            if flags:
                written = flag_texts.get(flags)
                if written is None:  # a few sets of flags recur over every figure
                    written = flag_texts[flags] = _flags_json(flags, quote)
            else:
                written = "[]"
            readings = cell.readings
            at = "" if offset is None else f'"offset": {offset}, '
            append(
                f'{{"raw": {quote(cell.raw.strip())}, "value": "{numbers[cell.value]}", '
                f'"precision": "{numbers[cell.precision]}", "line": {span.line}, '
                f'"col": {span.start}, "end_col": {span.end}, {at}'
                f'"column": {cell.column}, "flags": {written}, "readings": '
                f"{_readings(readings, numbers, quote) if len(readings) > 1 else 'null'}, "
                f'"mark": "{marks.get((r, j), unrelated)}"}}'
            )
        concept, section = row.concept, row.section
        rows.append(
            f'{{"label": {quote(row.label)}, "level": {row.level}, '
            f'"kind": "{row.kind._value_}", "unit": "{row.unit._value_}", '
            f'"concept": {"null" if concept is None else quote(concept)}, '
            f'"section": {"null" if section is None else quote(section)}, '
            f'"line": {row.line}, "rule_above": "{row.rule_above._value_}", '
            f'"rule_below": "{row.rule_below._value_}", "cells": [{", ".join(cells)}]}}'
        )
    return f"[{', '.join(rows)}]", figures


def _readings(readings: tuple[Decimal, ...], numbers: _Numbers, quote: Callable[[str], str]) -> str:
    return f"[{', '.join([quote(numbers[x]) for x in readings])}]"


def _flags_json(flags: frozenset[CellFlag], quote: Callable[[str], str]) -> str:
    """A set of flags as written: their words sorted."""
    return f"[{', '.join(sorted([quote(f._value_) for f in flags]))}]"


_RowsJson = Callable[
    [
        Table,
        dict[tuple[int, int], str],
        _Numbers,
        Callable[[str], str],
        dict[frozenset[CellFlag], str] | None,
    ],
    tuple[str, int],
]


def _relations_json_python(release: Release, numbers: _Numbers, quote: Callable[[str], str]) -> str:
    """``json.dumps`` of ``relation_data`` of every relation, written directly.

    The specification of the compiled relations (``_rows.c``), which write the same text."""
    tables = release.tables
    labels: dict[tuple[int, int], str] = {}  # each row's label quoted, once per release
    columns: dict[str, str] = {}  # each column label quoted, once per release
    out = []
    for relation in release.relations:
        total = relation.total
        items = []
        for t in relation.items:
            label = labels.get((t.table, t.row))
            if label is None:
                label = labels[t.table, t.row] = quote(tables[t.table].rows[t.row].label)
            items.append(
                f'{{"label": {label}, "table": {t.table + 1}, "row": {t.row}, "sign": {t.sign}}}'
            )
        label = labels.get((total.table, total.row))
        if label is None:
            label = labels[total.table, total.row] = quote(
                tables[total.table].rows[total.row].label
            )
        holds: list[str] = []
        fails: list[str] = []
        evaluations: list[str] = []
        for ev in relation.evaluations:
            column = columns.get(ev.label)
            if column is None:
                column = columns[ev.label] = quote(ev.label)
            (holds if ev.holds else fails).append(column)
            evaluations.append(
                f'{{"column": {column}, "expected": "{numbers[ev.expected]}", '
                f'"actual": "{numbers[ev.actual]}", "difference": "{numbers[ev.difference]}", '
                f'"tolerance": "{numbers[ev.tolerance]}", '
                f'"holds": {"true" if ev.holds else "false"}}}'
            )
        out.append(
            f'{{"source": "{relation.source._value_}", "name": {quote(relation.name)}, '
            f'"kind": "{relation.kind._value_}", "total": {{"label": {label}, '
            f'"table": {total.table + 1}, "row": {total.row}, '
            f'"line": {tables[total.table].rows[total.row].line}}}, '
            f'"items": [{", ".join(items)}], "holds_in": [{", ".join(holds)}], '
            f'"fails_in": [{", ".join(fails)}], "evaluations": [{", ".join(evaluations)}]}}'
        )
    return f"[{', '.join(out)}]"


# the relations' text, the figures' marks by table and the relations holding and failing
_Relations = tuple[str, dict[int, dict[tuple[int, int], str]], int, int]


def _relations_python(
    release: Release, numbers: _Numbers, quote: Callable[[str], str]
) -> _Relations:
    """What the JSON reads of the relations: their text (``_relations_json_python``), the
    mark of each figure they touch by table, each mark its word (``marked``), and the
    counts of relations holding and failing (``relation_counts``).

    The specification of the compiled relations (``_rows.c``), which make all four in
    one pass over the relations, reading each evaluation once."""
    holding, failing = relation_counts(release)
    marks = marked(release, _VERIFIED, _FAILS, _READ)
    return _relations_json_python(release, numbers, quote), marks, holding, failing


_RelationsPass = Callable[[Release, _Numbers, Callable[[str], str]], _Relations]


def _claims_json_python(release: Release, numbers: _Numbers, quote: Callable[[str], str]) -> str:
    """``json.dumps`` of ``claim_data`` of every claim, written directly: no dict per
    claim, and each sentence quoted once (the claims of one sentence share it; a release
    prints a third as many sentences as claims) and each set of traits once; the enums'
    words and the dates written as they are (``test_release_json`` holds each word to its
    quoted form; a date's ISO text is digits and hyphens).

    The specification of the compiled claims (``_rows.c``'s ``claims``), which write the
    same text."""
    tables = release.tables
    sentences: dict[str, str] = {}
    traits_written: dict[frozenset[ClaimTrait], str] = {}
    out = []
    for claim in release.claims:
        span, period, text = claim.span, claim.period, claim.sentence
        sentence = sentences.get(text)
        if sentence is None:
            sentence = sentences[text] = quote(text)
        tied = "null"
        if claim.tied_to:
            first = claim.tied_to[0]
            table = tables[first.table]
            row = table.rows[first.row]
            cells = ", ".join(
                [
                    f'{{"table": {r.table + 1}, "row": {r.row}, "column": {r.column}}}'
                    for r in claim.tied_to
                ]
            )
            title = table.title
            tied = (
                f'{{"table": {first.table + 1}, '
                f'"table_title": {"null" if title is None else quote(title)}, '
                f'"row": {quote(row.label)}, "line": {row.line}, '
                f'"column": {quote(table.columns[first.column].label)}, "cells": [{cells}]}}'
            )
        end = f'"{period.end.isoformat()}"' if period and period.end else "null"
        months = period.months if period else None
        traits = traits_written.get(claim.traits)
        if traits is None:
            traits = traits_written[claim.traits] = _traits_json(claim.traits, quote)
        expected = "null" if claim.expected is None else f'"{numbers[claim.expected]}"'
        subject, concept, segment = claim.subject, claim.concept, claim.segment
        out.append(
            f'{{"line": {span.line}, "col": {span.start}, "text": {quote(claim.text)}, '
            f'"sentence": {sentence}, '
            f'"subject": {"null" if subject is None else quote(subject)}, '
            f'"concept": {"null" if concept is None else quote(concept)}, '
            f'"segment": {"null" if segment is None else quote(segment)}, '
            f'"value": "{numbers[claim.value]}", "precision": "{numbers[claim.precision]}", '
            f'"unit": "{claim.unit._value_}", "kind": "{claim.kind._value_}", '
            f'"period_end": {end}, '
            f'"months": {"null" if months is None else months}, '
            f'"period_text": {_quoted(claim.period_text, quote)}, '
            f'"qualifiers": [{", ".join([quote(q) for q in claim.qualifiers])}], '
            f'"traits": [{traits}], "tied_to": {tied}, '
            f'"expected": {expected}, '
            f'"status": "{claim.status._value_}"}}'
        )
    return f"[{', '.join(out)}]"


def _traits_json(traits: frozenset[ClaimTrait], quote: Callable[[str], str]) -> str:
    """A claim's traits as written between the brackets: their words quoted, sorted."""
    return ", ".join(sorted([quote(t._value_) for t in traits]))


_ClaimsJson = Callable[[Release, _Numbers, Callable[[str], str]], str]


def _findings_json_python(release: Release, numbers: _Numbers, quote: Callable[[str], str]) -> str:
    """``json.dumps`` of ``finding_data`` of every finding, written directly (no dict per
    finding and its evidence's spans): the codes and messages through ``quote``, the
    severity's word and the numbers' digits as they are, the lines and columns as json
    writes an int. A number absent (most findings give only the figure printed) is
    written null without a call.

    The specification of the compiled findings (``_rows.c``'s ``findings``), which write
    the same text, reading each finding's fields in the same order (all ten, then the
    spans of its evidence as they are written)."""
    out = []
    for finding in release.findings:
        code, severity, message, line = (
            finding.code,
            finding.severity,
            finding.message,
            finding.line,
        )
        expected, actual = finding.expected, finding.actual
        difference, tolerance = finding.difference, finding.tolerance
        suggestion, spans = finding.suggestion, finding.evidence
        head = (
            f'{{"code": {quote(code)}, "severity": "{severity._value_}", '
            f'"message": {quote(message)}, "line": {line}, '
            f'"expected": {"null" if expected is None else _digits(expected, numbers)}, '
            f'"actual": {"null" if actual is None else _digits(actual, numbers)}, '
            f'"difference": {"null" if difference is None else _digits(difference, numbers)}, '
            f'"tolerance": {"null" if tolerance is None else _digits(tolerance, numbers)}, '
            f'"suggestion": {"null" if suggestion is None else quote(suggestion)}, "evidence": ['
        )
        evidence = ", ".join(
            [
                f'{{"line": {s.line}, "col": {s.start}, "end_col": {s.end}}}'
                if s.offset is None
                else f'{{"line": {s.line}, "col": {s.start}, "end_col": {s.end}, '
                f'"offset": {s.offset}}}'
                for s in spans
            ]
        )
        out.append(f"{head}{evidence}]}}")
    return f"[{', '.join(out)}]"


_FindingsJson = Callable[[Release, _Numbers, Callable[[str], str]], str]


def _digits(value: Decimal | None, numbers: _Numbers) -> str:
    """A number as json writes ``number(value)``: its digits quoted (no character of them
    needs escaping), or null."""
    return "null" if value is None else f'"{numbers[value]}"'


def _quoted(text: str | None, quote: Callable[[str], str]) -> str:
    return "null" if text is None else quote(text)


def _compiled_text(
    *, forced: bool = False
) -> tuple[_RowsJson, _RelationsPass, _TableHead, _ClaimsJson, _FindingsJson] | None:
    """The compiled rows, relations, tables' heads, claims and findings (``_rows.c``), as
    ``extensions.compiled`` gives them."""
    _rows = compiled("tieout.report._rows", forced=forced)
    if _rows is None:
        return None
    rows: Callable[..., tuple[str, int]] = _rows.rows
    relations_marked: Callable[..., _Relations] = _rows.relations

    def _rows_json_compiled(
        table: Table,
        marks: dict[tuple[int, int], str],
        numbers: _Numbers,
        quote: Callable[[str], str],
        flag_texts: dict[frozenset[CellFlag], str] | None = None,
    ) -> tuple[str, int]:
        flags = {} if flag_texts is None else flag_texts
        return rows(table, marks, numbers, quote, flags, _flags_json, _readings, _UNRELATED)

    def _relations_compiled(
        release: Release, numbers: _Numbers, quote: Callable[[str], str]
    ) -> _Relations:
        return relations_marked(release, numbers, quote, _VERIFIED, _FAILS, _READ)

    table_head: _TableHead = _rows.table_head
    claims: Callable[..., str] = _rows.claims

    def _claims_compiled(release: Release, numbers: _Numbers, quote: Callable[[str], str]) -> str:
        return claims(release, numbers, quote, _traits_json)

    findings: _FindingsJson = _rows.findings
    return _rows_json_compiled, _relations_compiled, table_head, _claims_compiled, findings


_compiled = _compiled_text()
COMPILED = _compiled is not None
_rows_json, _relations, _table_head_json, _claims_json, _findings_json = (
    _compiled
    if _compiled is not None
    else (
        _rows_json_python,
        _relations_python,
        _table_head_json_python,
        _claims_json_python,
        _findings_json_python,
    )
)


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


def _head(release: Release, counts: dict[str, int]) -> dict[str, Any]:
    """What is said of the file before its tables: source, filing, documents, summary
    (``counts``: ``summary(release)``)."""
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
                "last_line": d.last_line,
            }
            for d in release.documents
        ],
        "summary": counts,
    }


def release_data(release: Release) -> dict[str, Any]:
    """Everything about one checked file, as JSON-ready data."""
    by_table = _marks(release)
    numbers = _Numbers()
    return {
        **_head(release, summary(release)),
        "tables": [_table(t, by_table.get(t.index, {}), numbers) for t in release.tables],
        "relations": [relation_data(release, r) for r in release.relations],
        "claims": [claim_data(release, c) for c in release.claims],
        "non_gaap": [non_gaap_data(release, m) for m in release.non_gaap],
        "findings": [finding_data(f) for f in release.findings],
    }


# json's encoders of the head and the non-GAAP data, by ensure_ascii: made once, not per
# release, and not checking for cycles (a dict of its own ids kept per container) in the
# dicts and lists made here afresh from records, which hold none (the same text)
_ENCODERS: dict[bool, Callable[[Any], str]] = {
    ascii: json.JSONEncoder(ensure_ascii=ascii, check_circular=False).encode
    for ascii in (True, False)
}


@collector_paused
def release_json(
    release: Release,
    *,
    ensure_ascii: bool = True,
    findings: list[dict[str, Any]] | None = None,
) -> str:
    """``json.dumps(release_data(release), ensure_ascii=ensure_ascii)``, the same text,
    written with less work: the tables' heads and rows, the relations, the claims and the
    findings are written as text (``_table_head_json``, ``_rows_json``, ``_relations``,
    ``_claims_json``, ``_findings_json``: compiled, or their ``_python`` specifications),
    the rest is ``release_data``'s dicts encoded.

    ``findings`` replaces the findings' data (``tieout check`` adds each one's review).

    Written with the cycle collector paused (``collector_paused``), as the release was
    read: the read leaves the collector owing a pass over every record the release holds
    (its count of allocations rose while it was paused), which the first container made
    here paid (about 0.3 ms a text release), though those records hold no cycle and die
    with the release (``pipeline.read(path)`` written and dropped frees them all). Paused,
    the pass is left to whatever the caller allocates next while the release lives.
    """
    dumps = _ENCODERS[ensure_ascii]
    quote = encode_basestring_ascii if ensure_ascii else encode_basestring
    numbers = _Numbers()
    # one pass over the relations gives their text, the figures' marks and the summary's
    # counts of relations; the tables' rows count the figures: the head, which prints the
    # summary, is written last and put first
    relations, by_table, holding, failing = _relations(release, numbers, quote)
    flag_texts: dict[frozenset[CellFlag], str] = {}
    # the text's parts, joined once at the end: each table's rows (most of the text) are
    # copied once, not again into their table's text, the tables' and the release's
    parts = ["", ', "tables": [']
    figures = 0
    for i, table in enumerate(release.tables):
        if i:
            parts.append(", ")
        parts.append(_table_head_json(table, numbers, quote))
        parts.append(', "rows": ')
        rows, count = _rows_json(table, by_table.get(table.index, {}), numbers, quote, flag_texts)
        parts.append(rows)
        parts.append("}")
        figures += count
    parts[0] = dumps(_head(release, _summary(release, figures, holding, failing)))[:-1]
    written = (
        _findings_json(release, numbers, quote)
        if findings is None
        else json.dumps(findings, ensure_ascii=ensure_ascii)  # the caller's: checked for cycles
    )
    # each long text a part of its own: an f-string of them copied each into its own text
    # first, and the join copied them again (about 290 KB a pass of the text releases)
    parts += (
        '], "relations": ',
        relations,
        ', "claims": ',
        _claims_json(release, numbers, quote),
        f', "non_gaap": {dumps([non_gaap_data(release, m) for m in release.non_gaap])}'
        ', "findings": ',
        written,
        "}",
    )
    return "".join(parts)


def summary(release: Release) -> dict[str, int]:
    """Counts a reader checks first: tables, figures, relations, claims, findings."""
    figures = sum(1 for t in release.tables for r in t.rows for c in r.cells if c is not None)
    return _summary(release, figures, *relation_counts(release))


def relation_counts(release: Release) -> tuple[int, int]:
    """The relations holding and the relations failing, counted in one pass, each
    relation's ``holds`` asked once: a relation that does not hold fails in some column
    exactly when it was evaluated in any (``fails_in`` then names one), so its tuple of
    failing columns, which ``fails_in`` makes afresh, is not made for each relation."""
    holding = failing = 0
    for relation in release.relations:
        if relation.holds:
            holding += 1
        elif relation.evaluations:
            failing += 1
    return holding, failing


def _summary(release: Release, figures: int, holding: int, failing: int) -> dict[str, int]:
    """``summary`` with the figures and the relations holding and failing counted by the
    caller (``release_json`` counts them as it writes the rows and the relations)."""
    errors = warnings = infos = 0  # counted in one pass over the findings
    for f in release.findings:
        severity = f.severity
        if severity is _ERROR:
            errors += 1
        elif severity is _WARNING:
            warnings += 1
        elif severity is _INFO:
            infos += 1
    return {
        "tables": len(release.tables),
        "figures": figures,
        "relations": len(release.relations),
        "relations_holding": holding,
        "relations_failing": failing,
        "claims": len(release.claims),
        "errors": errors,
        "warnings": warnings,
        "infos": infos,
    }


# read per finding as module names (through the class each costs a descriptor call)
_ERROR, _WARNING, _INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
