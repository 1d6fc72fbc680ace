"""``tieout query``: SQL over the store, as a table, CSV or JSON."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import click
import duckdb
from rich.table import Table
from rich.text import Text

from tieout.cli.common import EXIT_OK, give_up
from tieout.cli.options import count_option, format_option, store_option
from tieout.report.safe import printable, safe_console
from tieout.report.serialise import number
from tieout.store.writer import StoreError, connect

FETCH = 2048


def _plain(value: Any) -> Any:
    """A value as JSON has it: exact decimals as strings, dates as ISO text."""
    if isinstance(value, Decimal):
        return number(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, bytes):
        return value.hex()
    return value


def _text(value: Any) -> str:
    plain = _plain(value)
    if plain is None:
        return ""
    if isinstance(plain, list | dict):
        return json.dumps(plain)
    return str(plain)


def _batches(cursor: Any) -> Iterator[Sequence[Any]]:
    while True:
        rows = cursor.fetchmany(FETCH)
        if not rows:
            return
        yield from rows


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _print_table(names: list[str], rows: Iterable[Sequence[Any]], max_rows: int) -> None:
    """Rows as a table for people. A number is never cut: its column keeps the width of
    its widest figure, right-aligned; text folds onto more lines when the terminal is
    narrow; and a table whose numbers alone are wider than the terminal is printed at
    the width it needs (the terminal wraps it) rather than cut."""
    shown: list[list[str]] = []
    numeric = [False] * len(names)
    more = 0
    for row in rows:
        if len(shown) >= max_rows:
            more += 1
            continue
        shown.append([_text(v) for v in row])
        for i, value in enumerate(row):
            numeric[i] = numeric[i] or _is_number(value)
    widths = [
        max([len(name), *(len(r[i]) for r in shown)]) if numeric[i] else 0
        for i, name in enumerate(names)
    ]
    table = Table(show_lines=False)
    for name, is_number, width in zip(names, numeric, widths, strict=True):
        if is_number:
            table.add_column(name, justify="right", no_wrap=True, min_width=width)
        else:
            table.add_column(name, overflow="fold", min_width=min(len(name), 12))
    for texts in shown:
        table.add_row(*(Text(t) for t in texts))
    console = safe_console()
    needed = sum(w or min(len(n), 12) for w, n in zip(widths, names, strict=True))
    needed += 3 * len(names) + 1  # borders and padding
    if needed > console.width:
        console = safe_console(width=needed)
    console.print(table)
    if more:
        console.print(Text(f"... and {more} more rows (use --format csv for all)"))


@click.command()
@click.argument("sql")
@store_option("The DuckDB store to query.")
@format_option(
    ("table", "csv", "json"),
    "table: for people; csv: a header row, then rows; json: an array of objects.",
    "-f",
)
@count_option(
    "--max-rows",
    default=1000,
    help="Rows shown in table format (csv and json print every row).",
)
def query(sql: str, db: str, fmt: str, max_rows: int) -> None:
    """Run SQL over the store --db (opened read-only) and print the result.

    Tables: sources, paths, documents, tables, columns, rows, cells, relations, terms,
    evaluations, claims, findings, runs, and the view figures (one row per printed
    figure with its company, concept, period and exact value).

    \b
    Examples:
      tieout query "SELECT status, count(*) FROM sources GROUP BY 1" --db corpus.duckdb
      tieout query "SELECT * FROM figures WHERE concept = 'Revenue'" --db c.duckdb -f csv
      tieout query "SELECT * FROM findings WHERE origin = 'restatements'" --db c.duckdb
    """
    try:
        con = connect(db, read_only=True)
    except StoreError as error:
        give_up(str(error))
    try:
        cursor = con.execute(sql)
    except duckdb.Error as error:
        give_up(f"query failed: {str(error).splitlines()[0]}")
    names = [d[0] for d in cursor.description or ()]
    out = click.get_text_stream("stdout")
    if fmt == "csv":
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(names)
        for row in _batches(cursor):
            writer.writerow(printable(_text(v)) for v in row)
    elif fmt == "json":
        out.write("[")
        for i, row in enumerate(_batches(cursor)):
            out.write(("," if i else "") + "\n  ")
            out.write(json.dumps(dict(zip(names, (_plain(v) for v in row), strict=True))))
        out.write("\n]\n")
    else:
        _print_table(names, _batches(cursor), max_rows)
    con.close()
    sys.exit(EXIT_OK)
