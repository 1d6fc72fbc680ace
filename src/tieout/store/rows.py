"""A release as the store's rows: one Arrow table per store table, built in the worker.

Building Arrow tables where the release is read keeps the process that writes the store
light (it only concatenates and inserts) and makes the same rows serve DuckDB and the
Parquet parts of the Dask engine. Figures stay exact: each Decimal is quantized to the
store's ten decimal places in a wide context (a printed figure loses nothing); one that
cannot fit ``DECIMAL(38, 10)`` is stored as NULL rather than rounded, its ``raw`` print kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Context, Decimal, InvalidOperation
from typing import Any

import pyarrow as pa

from tieout import __version__
from tieout.model import CellRef, Claim, Period, Release, Severity
from tieout.report.marks import Mark, cell_marks, mark_of
from tieout.store.schema import (
    RELEASE_TABLES,
    SOURCES,
    TableSpec,
    source_id,
)

Tables = dict[str, pa.Table]

_WIDE = Context(prec=80)
_PLACES = Decimal("1e-10")
_LIMIT = Decimal(10) ** 28
# Words by which a release says that figures it reprints differ from what was first printed.
RESTATED = re.compile(
    r"\b(?:as\s+)?restated\b|\brestatement\b|\bas\s+recast\b|\bas\s+revised\b", re.I
)


def table_no(index: int) -> int:
    """A table's number in the store, as in every output: from 1 (``Table 1``)."""
    return index + 1


def exact(value: Decimal | None) -> Decimal | None:
    """``value`` at the store's scale, or None when it does not fit ``DECIMAL(38, 10)``."""
    if value is None or not value.is_finite() or abs(value) >= _LIMIT:
        return None
    try:
        return value.quantize(_PLACES, context=_WIDE)
    except InvalidOperation:
        return None


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
    period = _period(claim.period)
    b.add(
        source_id=sid,
        claim_no=number,
        line=claim.span.line,
        col=claim.span.start,
        end_col=claim.span.end,
        text=claim.text,
        sentence=claim.sentence,
        subject=claim.subject,
        value=exact(claim.value),
        precision=exact(claim.precision),
        unit=claim.unit.value,
        kind=claim.kind.value,
        concept=claim.concept,
        segment=claim.segment,
        period_end=period["period_end"],
        months=period["months"],
        instant=period["instant"],
        period_text=claim.period_text,
        qualifiers=list(claim.qualifiers),
        tied_table=table_no(first.table) if first else None,
        tied_row=first.row if first else None,
        tied_column=first.column if first else None,
        prior_table=table_no(second.table) if second else None,
        prior_row=second.row if second else None,
        prior_column=second.column if second else None,
        status=claim.status.value,
        expected=exact(claim.expected),
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
            last_line=doc.first_line + len(doc.lines) - 1,
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
                expected=exact(ev.expected),
                actual=exact(ev.actual),
                difference=exact(ev.difference),
                tolerance=exact(ev.tolerance),
                holds=ev.holds,
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
            expected=exact(finding.expected),
            actual=exact(finding.actual),
            difference=exact(finding.difference),
            tolerance=exact(finding.tolerance),
            suggestion=finding.suggestion,
            evidence_lines=[s.line for s in finding.evidence],
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
    builders["tables"].add(
        source_id=sid,
        table_no=table_no(table.index),
        exhibit=table.exhibit,
        title=table.title,
        scale=exact(table.scale),
        scale_text=table.scale_text,
        currency=table.currency,
        first_line=table.first_line,
        last_line=table.last_line,
    )
    for column in table.columns:
        builders["columns"].add(
            source_id=sid,
            table_no=table_no(table.index),
            column_no=column.index,
            label=column.label,
            period_year=column.period.year if column.period else None,
            segment=column.segment,
            **_period(column.period),
        )
    for row in table.rows:
        builders["rows"].add(
            source_id=sid,
            table_no=table_no(table.index),
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
            builders["cells"].add(
                source_id=sid,
                table_no=table_no(table.index),
                row_no=row.index,
                column_no=cell.column,
                raw=cell.raw.strip(),
                value=exact(cell.value),
                precision=exact(cell.precision),
                line=cell.span.line,
                col=cell.span.start,
                end_col=cell.span.end,
                flags=sorted(f.value for f in cell.flags),
                readings=[exact(r) for r in cell.readings] if cell.ambiguous else None,
                mark=mark_of(marks, CellRef(table.index, row.index, cell.column)).value,
            )


def concat(parts: Iterable[Tables]) -> Tables:
    """The rows of several files, one Arrow table per store table."""
    gathered: dict[str, list[pa.Table]] = {}
    for part in parts:
        for name, table in part.items():
            if table.num_rows:
                gathered.setdefault(name, []).append(table)
    return {name: pa.concat_tables(tables).combine_chunks() for name, tables in gathered.items()}
