"""``tieout restatements``: compare figures reprinted across a company's releases."""

from __future__ import annotations

import sys

import click

from tieout.cli.common import EXIT_ERRORS, EXIT_OK, give_up
from tieout.cli.options import store_option
from tieout.store.writer import StoreError


@click.command()
@store_option("The DuckDB store to check.")
def restatements(db: str) -> None:
    """Compare each figure a release reprints (prior-year columns, prior balance sheets,
    quarters inside year-to-date figures) with the release that first printed it.

    Differences are written to the store's findings (origin 'restatements'), replacing
    those of an earlier run: `restated` (info when the column or title says restated,
    warning when only the release's text does) or an error. Exit status 1 when an error
    is found. `tieout batch` runs this when it ends.

    \b
    Examples:
      tieout restatements --db corpus.duckdb
      tieout query "SELECT * FROM findings WHERE origin = 'restatements'" --db corpus.duckdb
    """
    from tieout.store.restate import restatements as check

    try:
        summary = check(db)
    except StoreError as error:
        give_up(str(error))
    click.echo(
        f"tieout: {summary.compared} reprinted figures compared, {summary.differ} differ "
        f"({summary.restated} marked restated, {summary.errors} errors)",
        err=True,
    )
    sys.exit(EXIT_ERRORS if summary.errors else EXIT_OK)
