"""A release's figures as an Arrow table: typed columns, exact decimals, one row per figure.

The tidy rows of ``report.tidy`` with their types kept: ``value`` and ``precision`` are
``decimal128(38, 10)`` (exact, never float), dates are dates. ``table.to_pandas()`` gives
a data frame where pandas is installed.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pyarrow as pa

from tieout.model import Release
from tieout.report.tidy import fact_rows

_MONEY = pa.decimal128(38, 10)
SCHEMA = pa.schema(
    [
        ("file", pa.string()),
        ("company", pa.string()),
        ("cik", pa.string()),
        ("accession_number", pa.string()),
        ("filed", pa.date32()),
        ("period_of_report", pa.date32()),
        ("exhibit", pa.string()),
        ("table", pa.int32()),
        ("table_title", pa.string()),
        ("row", pa.int32()),
        ("row_label", pa.string()),
        ("concept", pa.string()),
        ("section", pa.string()),
        ("column", pa.int32()),
        ("column_label", pa.string()),
        ("segment", pa.string()),
        ("period_end", pa.date32()),
        ("months", pa.int16()),
        ("instant", pa.bool_()),
        ("value", _MONEY),
        ("unit", pa.string()),
        ("raw", pa.string()),
        ("line", pa.int32()),
        ("col", pa.int32()),
        ("mark", pa.string()),
    ]
)


def facts_table(release: Release) -> pa.Table:
    """Every printed figure of the release, one row each, typed."""
    rows = list(fact_rows(release))
    for row in rows:
        row["value"] = Decimal(row["value"])
        for key in ("period_end", "filed", "period_of_report"):
            row[key] = date.fromisoformat(row[key]) if row[key] else None
    return pa.Table.from_pylist(rows, schema=SCHEMA)
