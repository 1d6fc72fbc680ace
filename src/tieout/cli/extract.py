"""``tieout extract``: every figure as a tidy row, for data frames and databases."""

from __future__ import annotations

import json
import sys

import click

from tieout.cli.common import EXIT_OK, EXIT_UNREADABLE, reading_options, releases
from tieout.model import Release
from tieout.report.tidy import fact_rows, to_csv


@click.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "csv"]),
    default="json",
    show_default=True,
    help="json: an array of row objects; csv: a header row, then one row per figure.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default=None,
    help="Write here instead of standard output.",
)
@reading_options
def extract(
    files: tuple[str, ...],
    fmt: str,
    output: str | None,
    max_bytes: int,
    timeout: float,
    encoding: str,
    debug: bool,
) -> None:
    """Write every figure of each FILE as a tidy row.

    Each row: file, exhibit, table, row label, concept, column label, period end, months,
    exact value in units, unit, raw print, line and column in the source file.

    \b
    Examples:
      tieout extract release.txt
      tieout extract --format csv -o figures.csv releases/*.txt
    """
    read: list[Release] = []
    status = EXIT_OK
    for _, release, _ in releases(
        files, max_bytes=max_bytes, timeout=timeout, encoding=encoding, debug=debug
    ):
        if release is None:
            status = EXIT_UNREADABLE
        else:
            read.append(release)
    if fmt == "csv":
        text = to_csv(read)
    else:
        text = json.dumps([row for r in read for row in fact_rows(r)], indent=2) + "\n"
    if output:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
    else:
        click.echo(text, nl=False)
    sys.exit(status)
