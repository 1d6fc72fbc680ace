"""A release's figures as an Arrow table: typed columns, exact decimals, one row per figure.

The tidy rows of ``report.tidy`` with their types kept: ``value`` is ``decimal128(38,
10)`` (exact, never float), dates are dates. A value that type cannot hold exactly (over
28 integer digits, more than 10 decimal places) is never rounded: ``value`` is null and
``value_text`` holds it exactly (null for every value that fits). ``table.to_pandas()``
gives a data frame where pandas is installed.
"""

from __future__ import annotations

from datetime import date
from decimal import Context, Decimal, InvalidOperation

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
        ("value_text", pa.string()),
        ("unit", pa.string()),
        ("raw", pa.string()),
        ("line", pa.int32()),
        ("col", pa.int32()),
        ("mark", pa.string()),
    ]
)


_WIDE = Context(prec=80)
_PLACES = Decimal("1e-10")
_LIMIT = Decimal(10) ** 28


def held(value: Decimal) -> Decimal | None:
    """``value`` as ``decimal128(38, 10)`` holds it, or None when it cannot exactly."""
    if not value.is_finite() or abs(value) >= _LIMIT:
        return None
    try:
        scaled = value.quantize(_PLACES, context=_WIDE)
    except InvalidOperation:
        return None
    return scaled if scaled == value else None


def facts_table(release: Release) -> pa.Table:
    """Every printed figure of the release, one row each, typed."""
    rows = list(fact_rows(release))
    for row in rows:
        text = row["value"]
        value = held(Decimal(text)) if text is not None else None
        row["value"] = value
        row["value_text"] = text if text is not None and value is None else None
        for key in ("period_end", "filed", "period_of_report"):
            row[key] = date.fromisoformat(row[key]) if row[key] else None
    return pa.Table.from_pylist(rows, schema=SCHEMA)
