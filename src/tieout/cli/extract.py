"""``tieout extract``: every figure as a tidy row, for data frames and databases."""

from __future__ import annotations

import json
import sys

import click

from tieout.cli.common import ExitStatus, Reading, releases
from tieout.cli.options import format_option, output_option, reading_options
from tieout.model import Release
from tieout.report.tidy import fact_rows, to_csv


@click.command()
@click.argument("files", nargs=-1, required=True)
@format_option(
    ("json", "csv"),
    "json: an array of row objects; csv: a header row, then one row per figure.",
)
@output_option("Write here instead of standard output.")
@reading_options
def extract(
    files: tuple[str, ...],
    fmt: str,
    output: str | None,
    reading: Reading,
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
    status = ExitStatus()
    for _, release, _ in releases(files, reading):
        if release is None:
            status.unreadable()
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
    sys.exit(status.code)
