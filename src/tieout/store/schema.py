"""The store's tables, declared once: DuckDB DDL and Arrow schemas both come from here.

Tables of a release are numbered from 1 (``table_no``, and every column naming a table),
as every output numbers them; rows, columns and the other numbers count from 0.

Every table but ``runs`` is keyed by ``source_id``, a 60-bit integer taken from the
file's sha256, so a worker on any machine computes the same key with no coordination
and a join on it is cheap. Money and every other figure is ``DECIMAL(38, 10)`` (exact;
printed figures fit it exactly), never a floating type. A figure it cannot hold exactly
(more than 28 integer digits, more than 10 decimal places) is never rounded: its column
is NULL and the row's ``exact_text`` (JSON: column -> exact decimal text) keeps it. See
the README's "The store" section for what each column means.

Version 2 numbered tables from 1; version 3 added ``exact_text`` and ``runs.ignored``,
which a version 2 store gains (NULL in its old rows) the first time it is opened for
writing; version 4 added ``columns.period_quarter`` (the fiscal quarter a column's header
names, ``Q4'12``), gained the same way by a version 2 or 3 store, its old columns' quarters
read again from their stored header text (``Store._fiscal_quarters``). A version 1 store
(tables numbered from 0) is refused: rebuild it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

SCHEMA_VERSION = 4

DECIMAL = "DECIMAL(38, 10)"
ARROW_DECIMAL = pa.decimal128(38, 10)

_ARROW: dict[str, pa.DataType] = {
    "BIGINT": pa.int64(),
    "INTEGER": pa.int32(),
    "VARCHAR": pa.string(),
    "BOOLEAN": pa.bool_(),
    "DATE": pa.date32(),
    "DOUBLE": pa.float64(),
    "TIMESTAMP": pa.timestamp("us"),
    DECIMAL: ARROW_DECIMAL,
    "VARCHAR[]": pa.list_(pa.string()),
    "INTEGER[]": pa.list_(pa.int32()),
    f"{DECIMAL}[]": pa.list_(ARROW_DECIMAL),
}


@dataclass(frozen=True, slots=True)
class Col:
    """One column: its name and DuckDB type (the Arrow type follows from the type)."""

    name: str
    sql: str

    @property
    def arrow(self) -> pa.DataType:
        return _ARROW[self.sql]


@dataclass(frozen=True, slots=True)
class TableSpec:
    """A table of the store: name, columns, and the key written in its DDL (if any)."""

    name: str
    columns: tuple[Col, ...]
    key: tuple[str, ...] = ()
    unique: tuple[str, ...] = ()
    written_by_worker: bool = True  # False: filled by the writer (runs) or afterwards

    @property
    def arrow_schema(self) -> pa.Schema:
        return pa.schema([pa.field(c.name, c.arrow) for c in self.columns])

    def ddl(self) -> str:
        cols = [f"{c.name} {c.sql}" for c in self.columns]
        if self.key:
            cols.append(f"PRIMARY KEY ({', '.join(self.key)})")
        cols.extend(f"UNIQUE ({name})" for name in self.unique)
        return f"CREATE TABLE IF NOT EXISTS {self.name} (\n  " + ",\n  ".join(cols) + "\n)"


def _cols(spec: str) -> tuple[Col, ...]:
    """Columns from ``name TYPE`` lines (one per line; blank lines ignored)."""
    out = []
    for line in spec.strip().splitlines():
        name, sql = line.strip().split(" ", 1)
        out.append(Col(name, sql.strip()))
    return tuple(out)


SOURCES = TableSpec(
    "sources",
    _cols("""
        source_id BIGINT
        sha256 VARCHAR
        path VARCHAR
        size BIGINT
        status VARCHAR
        reason VARCHAR
        format VARCHAR
        accession_number VARCHAR
        cik VARCHAR
        company VARCHAR
        former_names VARCHAR[]
        form_type VARCHAR
        filed DATE
        period_of_report DATE
        items VARCHAR[]
        year INTEGER
        mentions_restated BOOLEAN
        tables INTEGER
        figures INTEGER
        relations INTEGER
        claims INTEGER
        errors INTEGER
        warnings INTEGER
        seconds DOUBLE
        tieout_version VARCHAR
        run_id INTEGER
        stored_at TIMESTAMP
    """),
    key=("source_id",),
    unique=("sha256",),
)

PATHS = TableSpec(
    "paths",
    _cols("""
        source_id BIGINT
        path VARCHAR
    """),
    key=("source_id", "path"),
)

DOCUMENTS = TableSpec(
    "documents",
    _cols("""
        source_id BIGINT
        document_no INTEGER
        exhibit VARCHAR
        filename VARCHAR
        description VARCHAR
        format VARCHAR
        first_line INTEGER
        last_line INTEGER
    """),
)

TABLES = TableSpec(
    "tables",
    _cols(f"""
        source_id BIGINT
        table_no INTEGER
        exhibit VARCHAR
        title VARCHAR
        scale {DECIMAL}
        scale_text VARCHAR
        currency VARCHAR
        first_line INTEGER
        last_line INTEGER
        exact_text VARCHAR
    """),
)

COLUMNS = TableSpec(
    "columns",
    _cols("""
        source_id BIGINT
        table_no INTEGER
        column_no INTEGER
        label VARCHAR
        period_end DATE
        months INTEGER
        weeks INTEGER
        instant BOOLEAN
        period_year INTEGER
        period_quarter INTEGER
        segment VARCHAR
    """),
)

ROWS = TableSpec(
    "rows",
    _cols("""
        source_id BIGINT
        table_no INTEGER
        row_no INTEGER
        label VARCHAR
        level INTEGER
        kind VARCHAR
        unit VARCHAR
        concept VARCHAR
        section VARCHAR
        line INTEGER
        rule_above VARCHAR
        rule_below VARCHAR
    """),
)

CELLS = TableSpec(
    "cells",
    _cols(f"""
        source_id BIGINT
        table_no INTEGER
        row_no INTEGER
        column_no INTEGER
        raw VARCHAR
        value {DECIMAL}
        precision {DECIMAL}
        line INTEGER
        col INTEGER
        end_col INTEGER
        flags VARCHAR[]
        readings {DECIMAL}[]
        mark VARCHAR
        exact_text VARCHAR
    """),
)

RELATIONS = TableSpec(
    "relations",
    _cols("""
        source_id BIGINT
        relation_no INTEGER
        found_by VARCHAR
        name VARCHAR
        kind VARCHAR
        total_table INTEGER
        total_row INTEGER
        holds BOOLEAN
        holds_in VARCHAR[]
        fails_in VARCHAR[]
    """),
)

TERMS = TableSpec(
    "terms",
    _cols("""
        source_id BIGINT
        relation_no INTEGER
        term_no INTEGER
        table_no INTEGER
        row_no INTEGER
        sign INTEGER
    """),
)

EVALUATIONS = TableSpec(
    "evaluations",
    _cols(f"""
        source_id BIGINT
        relation_no INTEGER
        evaluation_no INTEGER
        label VARCHAR
        total_table INTEGER
        total_row INTEGER
        total_column INTEGER
        expected {DECIMAL}
        actual {DECIMAL}
        difference {DECIMAL}
        tolerance {DECIMAL}
        holds BOOLEAN
        exact_text VARCHAR
    """),
)

CLAIMS = TableSpec(
    "claims",
    _cols(f"""
        source_id BIGINT
        claim_no INTEGER
        line INTEGER
        col INTEGER
        end_col INTEGER
        text VARCHAR
        sentence VARCHAR
        subject VARCHAR
        value {DECIMAL}
        precision {DECIMAL}
        unit VARCHAR
        kind VARCHAR
        concept VARCHAR
        segment VARCHAR
        period_end DATE
        months INTEGER
        instant BOOLEAN
        period_text VARCHAR
        qualifiers VARCHAR[]
        tied_table INTEGER
        tied_row INTEGER
        tied_column INTEGER
        prior_table INTEGER
        prior_row INTEGER
        prior_column INTEGER
        status VARCHAR
        expected {DECIMAL}
        exact_text VARCHAR
    """),
)

FINDINGS = TableSpec(
    "findings",
    _cols(f"""
        source_id BIGINT
        finding_no INTEGER
        origin VARCHAR
        code VARCHAR
        severity VARCHAR
        message VARCHAR
        line INTEGER
        expected {DECIMAL}
        actual {DECIMAL}
        difference {DECIMAL}
        tolerance {DECIMAL}
        suggestion VARCHAR
        evidence_lines INTEGER[]
        related_source_id BIGINT
        exact_text VARCHAR
    """),
)

NON_GAAP = TableSpec(
    "non_gaap",
    _cols("""
        source_id BIGINT
        measure_no INTEGER
        measure VARCHAR
        basis VARCHAR[]
        gaap VARCHAR
        status VARCHAR
        reconciled_by VARCHAR
        reconciliation_table INTEGER
        gaap_rows INTEGER[]
        reconciliation_rows INTEGER[]
        holds_in VARCHAR[]
        fails_in VARCHAR[]
        lines INTEGER[]
        claims INTEGER[]
        note VARCHAR
    """),
)

RUNS = TableSpec(
    "runs",
    _cols("""
        run_id INTEGER
        started TIMESTAMP
        finished TIMESTAMP
        engine VARCHAR
        jobs INTEGER
        timeout DOUBLE
        seen BIGINT
        stored BIGINT
        skipped BIGINT
        failed BIGINT
        tieout_version VARCHAR
        ignored BIGINT
    """),
    key=("run_id",),
    written_by_worker=False,
)

# In the order a release's rows are written (sources first: it is the file's receipt).
RELEASE_TABLES: tuple[TableSpec, ...] = (
    SOURCES,
    DOCUMENTS,
    TABLES,
    COLUMNS,
    ROWS,
    CELLS,
    RELATIONS,
    TERMS,
    EVALUATIONS,
    CLAIMS,
    FINDINGS,
    NON_GAAP,
)
ALL_TABLES: tuple[TableSpec, ...] = (*RELEASE_TABLES, PATHS, RUNS)
BY_NAME: dict[str, TableSpec] = {t.name: t for t in ALL_TABLES}

# The tidy shape analysts start from: one row per printed figure with its meaning.
FIGURES_VIEW = """
CREATE OR REPLACE VIEW figures AS
SELECT s.source_id, s.path, s.cik, s.company, s.accession_number, s.filed, s.year,
       c.table_no, t.title AS table_title, c.row_no, r.label AS row_label, r.concept,
       r.section, c.column_no, k.label AS column_label, k.segment, k.period_end, k.months,
       k.weeks, k.instant, c.value, c.precision, r.unit, c.raw, c.line, c.col, c.mark,
       c.exact_text
FROM cells c
JOIN sources s USING (source_id)
JOIN tables t ON t.source_id = c.source_id AND t.table_no = c.table_no
JOIN rows r ON r.source_id = c.source_id AND r.table_no = c.table_no AND r.row_no = c.row_no
JOIN columns k ON k.source_id = c.source_id AND k.table_no = c.table_no
              AND k.column_no = c.column_no
"""

# The names each CIK has had: the conformed name of each release filed under it, and the
# former names its headers list; ``companies`` gives one row per CIK with its latest name.
# A name is compared in capitals without punctuation ("Apple Inc." is "APPLE INC").
COMPANIES_VIEWS = (
    """
CREATE OR REPLACE VIEW company_names AS
WITH seen AS (
  SELECT cik, company AS name, filed, false AS former
  FROM sources WHERE status = 'ok' AND cik IS NOT NULL AND company IS NOT NULL
  UNION ALL
  SELECT cik, unnest(former_names) AS name, CAST(NULL AS DATE) AS filed, true AS former
  FROM sources WHERE status = 'ok' AND cik IS NOT NULL
)
SELECT cik, name, trim(regexp_replace(upper(name), '[^A-Z0-9&]+', ' ', 'g')) AS key,
       min(filed) AS first_filed, max(filed) AS last_filed, count(filed) AS releases,
       bool_and(former) AS former_only
FROM seen GROUP BY cik, name
""",
    """
CREATE OR REPLACE VIEW companies AS
SELECT cik, arg_max(name, last_filed) AS company,
       list(name ORDER BY first_filed NULLS FIRST, name) AS names,
       min(first_filed) AS first_filed, max(last_filed) AS last_filed,
       sum(releases) AS releases
FROM company_names GROUP BY cik
""",
)

META = """
CREATE TABLE IF NOT EXISTS store_meta (key VARCHAR PRIMARY KEY, value VARCHAR)
"""


def source_id(sha256: str) -> int:
    """The store's key for a file: the first 60 bits of its sha256, a positive BIGINT."""
    return int(sha256[:15], 16)
