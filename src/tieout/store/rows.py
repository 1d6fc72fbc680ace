"""A release as the store's rows: one Arrow table per store table, built in the worker.

Building Arrow tables where the release is read keeps the process that writes the store
light (it only concatenates and inserts) and makes the same rows serve DuckDB and the
Parquet parts of the Dask engine. Figures stay exact: each Decimal is quantized to the
store's ten decimal places in a wide context (a printed figure loses nothing). One that
``DECIMAL(38, 10)`` cannot hold exactly (over 28 integer digits, or more than 10 decimal
places: ``0.`` and 400 zeros and ``1``) is never rounded: its column is NULL and the
row's ``exact_text`` names it with its exact value (JSON: column -> decimal text).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import pyarrow as pa

from tieout import __version__
from tieout.model import CellRef, Claim, Evaluation, Finding, Period, Release, Severity
from tieout.report.facts import held
from tieout.report.marks import Mark, cell_marks, mark_of
from tieout.report.serialise import number as decimal_text
from tieout.store.schema import (
    RELEASE_TABLES,
    SOURCES,
    TableSpec,
    source_id,
)

Tables = dict[str, pa.Table]

# Words by which a release says that figures it reprints differ from what was first printed.
RESTATED = re.compile(
    r"\b(?:as\s+)?restated\b|\brestatement\b|\bas\s+recast\b|\bas\s+revised\b", re.I
)


def table_no(index: int) -> int:
    """A table's number in the store, as in every output: from 1 (``Table 1``)."""
    return index + 1


def exact(value: Decimal | None) -> Decimal | None:
    """``value`` at the store's scale, or None when ``DECIMAL(38, 10)`` cannot hold it
    exactly (too large, or more decimal places than ten: never rounded)."""
    return None if value is None else held(value)


def figures(**values: Decimal | None) -> dict[str, Any]:
    """The figures of one row at the store's scale, and ``exact_text`` for any it cannot
    hold (those columns NULL, their exact text kept)."""
    out: dict[str, Any] = {}
    unheld: dict[str, str | None] = {}
    for name, value in values.items():
        out[name] = exact(value)
        if value is not None and out[name] is None:
            unheld[name] = decimal_text(value)
    out["exact_text"] = json.dumps(unheld) if unheld else None
    return out


def _gap(judged: Evaluation | Finding) -> dict[str, Any]:
    """The figures of an evaluation or a finding: what was expected, what is printed, the
    difference and the tolerance it was judged with."""
    return figures(
        expected=judged.expected,
        actual=judged.actual,
        difference=judged.difference,
        tolerance=judged.tolerance,
    )


def _readings(readings: tuple[Decimal, ...] | None) -> tuple[list[Decimal | None] | None, Any]:
    """An ambiguous cell's readings at the store's scale, and their exact text if unheld."""
    if readings is None:
        return None, None
    held = [exact(r) for r in readings]
    if all(h is not None for h in held):
        return held, None
    return held, [decimal_text(r) for r in readings]


class _Builder:
    """Rows of one table, gathered column by column."""

    def __init__(self, spec: TableSpec) -> None:
        self.spec = spec
        self.data: dict[str, list[Any]] = {c.name: [] for c in spec.columns}

    def add(self, **values: Any) -> None:
        for name, column in self.data.items():
            column.append(values.get(name))

    def table(self) -> pa.Table:
        return pa.Table.from_pydict(self.data, schema=self.spec.arrow_schema)


def _period(period: Period | None) -> dict[str, Any]:
    if period is None:
        return {"period_end": None, "months": None, "weeks": None, "instant": None}
    return {
        "period_end": period.end,
        "months": period.months,
        "weeks": period.weeks,
        "instant": period.instant,
    }


def _year(release: Release) -> int | None:
    """The year a release belongs to: filed, else period of report, else its latest column."""
    src = release.source
    if src.filed:
        return src.filed.year
    if src.period_of_report:
        return src.period_of_report.year
    ends = [
        c.period.end.year
        for t in release.tables
        for c in t.columns
        if c.period is not None and c.period.end is not None
    ]
    return max(ends) if ends else None


def _mentions_restated(release: Release) -> bool:
    return any(RESTATED.search(line) for doc in release.documents for line in doc.lines)


def source_row(
    *,
    sha256: str,
    path: str,
    size: int,
    status: str,
    reason: str | None = None,
    seconds: float | None = None,
    release: Release | None = None,
) -> pa.Table:
    """The ``sources`` row of one file: its receipt, for a stored release or a failure."""
    b = _Builder(SOURCES)
    values: dict[str, Any] = {
        "source_id": source_id(sha256),
        "sha256": sha256,
        "path": path,
        "size": size,
        "status": status,
        "reason": reason,
        "seconds": seconds,
        "tieout_version": __version__,
    }
    if release is not None:
        src = release.source
        values.update(
            format=src.format,
            accession_number=src.accession_number,
            cik=src.cik,
            company=src.company,
            former_names=list(src.former_names),
            form_type=src.form_type,
            filed=src.filed,
            period_of_report=src.period_of_report,
            items=list(src.items),
            year=_year(release),
            mentions_restated=_mentions_restated(release),
            tables=len(release.tables),
            figures=sum(1 for t in release.tables for r in t.rows for c in r.cells if c),
            relations=len(release.relations),
            claims=len(release.claims),
            errors=sum(1 for f in release.findings if f.severity is Severity.ERROR),
            warnings=sum(1 for f in release.findings if f.severity is Severity.WARNING),
        )
    b.add(**values)
    return b.table()


def _claim(b: _Builder, sid: int, number: int, claim: Claim) -> None:
    tied = claim.tied_to
    first = tied[0] if tied else None
    second = tied[1] if len(tied) > 1 else None
    b.add(
        source_id=sid,
        claim_no=number,
        line=claim.span.line,
        col=claim.span.start,
        end_col=claim.span.end,
        text=claim.text,
        sentence=claim.sentence,
        subject=claim.subject,
        unit=claim.unit.value,
        kind=claim.kind.value,
        concept=claim.concept,
        segment=claim.segment,
        **_period(claim.period),  # claims have no weeks column: add keeps those it has
        period_text=claim.period_text,
        qualifiers=list(claim.qualifiers),
        tied_table=table_no(first.table) if first else None,
        tied_row=first.row if first else None,
        tied_column=first.column if first else None,
        prior_table=table_no(second.table) if second else None,
        prior_row=second.row if second else None,
        prior_column=second.column if second else None,
        status=claim.status.value,
        **figures(value=claim.value, precision=claim.precision, expected=claim.expected),
    )


def release_rows(release: Release, *, path: str, seconds: float | None = None) -> Tables:
    """Every store row of a release that was read, keyed by store table name."""
    src = release.source
    sid = source_id(src.sha256)
    builders = {spec.name: _Builder(spec) for spec in RELEASE_TABLES if spec is not SOURCES}
    for number, doc in enumerate(release.documents):
        builders["documents"].add(
            source_id=sid,
            document_no=number,
            exhibit=doc.exhibit,
            filename=doc.filename,
            description=doc.description,
            format=doc.format,
            first_line=doc.first_line,
            last_line=doc.last_line,
        )
    marks = cell_marks(release)
    for table in release.tables:
        _table(builders, sid, release, table.index, marks)
    for number, relation in enumerate(release.relations):
        builders["relations"].add(
            source_id=sid,
            relation_no=number,
            found_by=relation.source.value,
            name=relation.name,
            kind=relation.kind,
            total_table=table_no(relation.total.table),
            total_row=relation.total.row,
            holds=relation.holds,
            holds_in=list(relation.holds_in),
            fails_in=list(relation.fails_in),
        )
        for term_no, term in enumerate(relation.items):
            builders["terms"].add(
                source_id=sid,
                relation_no=number,
                term_no=term_no,
                table_no=table_no(term.table),
                row_no=term.row,
                sign=term.sign,
            )
        for ev_no, ev in enumerate(relation.evaluations):
            builders["evaluations"].add(
                source_id=sid,
                relation_no=number,
                evaluation_no=ev_no,
                label=ev.label,
                total_table=table_no(ev.total.table),
                total_row=ev.total.row,
                total_column=ev.total.column,
                holds=ev.holds,
                **_gap(ev),
            )
    for number, claim in enumerate(release.claims):
        _claim(builders["claims"], sid, number, claim)
    for number, finding in enumerate(release.findings):
        builders["findings"].add(
            source_id=sid,
            finding_no=number,
            origin="release",
            code=finding.code,
            severity=finding.severity.value,
            message=finding.message,
            line=finding.line,
            suggestion=finding.suggestion,
            **_gap(finding),
            evidence_lines=[s.line for s in finding.evidence],
        )
    for number, measure in enumerate(release.non_gaap):
        found = measure.reconciliation
        builders["non_gaap"].add(
            source_id=sid,
            measure_no=number,
            measure=measure.name,
            basis=list(measure.basis),
            gaap=measure.gaap,
            status=measure.status.value,
            reconciled_by=found.how if found else None,
            reconciliation_table=table_no(found.table)
            if found and found.table is not None
            else None,
            gaap_rows=list(found.gaap_rows) if found else None,
            reconciliation_rows=list(found.rows) if found else None,
            holds_in=list(found.holds_in) if found else None,
            fails_in=list(found.fails_in) if found else None,
            lines=sorted({s.line for s in measure.evidence}),
            claims=list(measure.claims),
            note=measure.note,
        )
    out: Tables = {
        "sources": source_row(
            sha256=src.sha256,
            path=path,
            size=src.size,
            status="ok",
            seconds=seconds,
            release=release,
        )
    }
    out.update({name: b.table() for name, b in builders.items()})
    return out


def _table(
    builders: dict[str, _Builder],
    sid: int,
    release: Release,
    index: int,
    marks: dict[CellRef, Mark],
) -> None:
    table = release.tables[index]
    key = {"source_id": sid, "table_no": table_no(table.index)}  # of every row of the table's
    builders["tables"].add(
        **key,
        exhibit=table.exhibit,
        title=table.title,
        scale_text=table.scale_text,
        currency=table.currency,
        first_line=table.first_line,
        last_line=table.last_line,
        **figures(scale=table.scale),
    )
    for column in table.columns:
        builders["columns"].add(
            **key,
            column_no=column.index,
            label=column.label,
            period_year=column.period.year if column.period else None,
            period_quarter=column.period.quarter if column.period else None,
            segment=column.segment,
            **_period(column.period),
        )
    for row in table.rows:
        builders["rows"].add(
            **key,
            row_no=row.index,
            label=row.label,
            level=row.level,
            kind=row.kind.value,
            unit=row.unit.value,
            concept=row.concept,
            section=row.section,
            line=row.line,
            rule_above=row.rule_above.value,
            rule_below=row.rule_below.value,
        )
        for cell in row.cells:
            if cell is None:
                continue
            held = figures(value=cell.value, precision=cell.precision)
            readings, unheld = _readings(cell.readings if cell.ambiguous else None)
            if unheld is not None:
                text = json.loads(held["exact_text"] or "{}")
                held["exact_text"] = json.dumps({**text, "readings": unheld})
            builders["cells"].add(
                **key,
                row_no=row.index,
                column_no=cell.column,
                raw=cell.raw.strip(),
                line=cell.span.line,
                col=cell.span.start,
                end_col=cell.span.end,
                flags=sorted(f.value for f in cell.flags),
                readings=readings,
                mark=mark_of(marks, CellRef(table.index, row.index, cell.column)).value,
                **held,
            )


def concat(parts: Iterable[Tables]) -> Tables:
    """The rows of several files, one Arrow table per store table."""
    gathered: dict[str, list[pa.Table]] = {}
    for part in parts:
        for name, table in part.items():
            if table.num_rows:
                gathered.setdefault(name, []).append(table)
    return {name: pa.concat_tables(tables).combine_chunks() for name, tables in gathered.items()}
