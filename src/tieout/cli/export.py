"""``tieout export``: the store as Parquet, partitioned by year."""

from __future__ import annotations

import sys

import click

from tieout.cli.common import EXIT_OK, give_up
from tieout.cli.options import folder_option, store_option
from tieout.store.export import ExportError
from tieout.store.export import export as export_store
from tieout.store.writer import StoreError


@click.command()
@store_option("The DuckDB store to read.")
@folder_option(
    "--parquet",
    "out",
    required=True,
    help="Folder to write: one sub-folder per table, partitioned by year.",
)
@click.option(
    "--overwrite",
    is_flag=True,
    help="Replace what an earlier export wrote in the folder (other files are left alone).",
)
def export(db: str, out: str, overwrite: bool) -> None:
    """Write every table of the store --db as Parquet under --parquet.

    Each table is a folder of Hive partitions by the release's year
    (cells/year=2013/data_0.parquet); figures keep their exact DECIMAL(38, 10) type.
    A marker file (.tieout-export.json) names what was written; --overwrite removes
    only that.

    \b
    Examples:
      tieout export --db corpus.duckdb --parquet corpus-parquet/
    """
    try:
        counts = export_store(db, out, overwrite=overwrite)
    except (StoreError, ExportError) as error:
        give_up(str(error))
    except OSError as error:
        give_up(f"{out}: cannot be written: {error.strerror or error}")
    rows = ", ".join(f"{name} {n}" for name, n in counts.items())
    click.echo(f"tieout: wrote {out}: {rows}", err=True)
    sys.exit(EXIT_OK)
