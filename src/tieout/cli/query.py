"""``tieout query``: SQL over the store, as a table, CSV or JSON."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

import click
import duckdb
from rich.table import Table
from rich.text import Text

from tieout.cli.common import EXIT_OK, EXIT_UNREADABLE
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


@click.command()
@click.argument("sql")
@click.option(
    "--db", required=True, type=click.Path(dir_okay=False), help="The DuckDB store to query."
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "json"]),
    default="table",
    show_default=True,
    help="table: for people; csv: a header row, then rows; json: an array of objects.",
)
@click.option(
    "--max-rows",
    type=click.IntRange(min=1),
    default=1000,
    show_default=True,
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
        click.echo(f"tieout: {error}", err=True)
        sys.exit(EXIT_UNREADABLE)
    try:
        cursor = con.execute(sql)
    except duckdb.Error as error:
        click.echo(f"tieout: query failed: {str(error).splitlines()[0]}", err=True)
        sys.exit(EXIT_UNREADABLE)
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
        table = Table(*names, show_lines=False)
        shown = 0
        more = 0
        for row in _batches(cursor):
            if shown < max_rows:
                table.add_row(*(Text(_text(v)) for v in row))
                shown += 1
            else:
                more += 1
        console = safe_console()
        console.print(table)
        if more:
            console.print(Text(f"... and {more} more rows (use --format csv for all)"))
    con.close()
    sys.exit(EXIT_OK)
