"""``tieout exceptions``: every finding as a row for the audit file, with its review."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from tieout.cli.common import ExitStatus, Reading, releases
from tieout.cli.options import format_option, output_option, reading_options
from tieout.cli.reviewing import review_for, review_option
from tieout.report.exceptions import exception_rows, to_csv, write_xlsx


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@format_option(("csv", "xlsx"), "csv, or xlsx (needs the xlsx extra: openpyxl).")
@output_option("Where to write (csv: standard output when not given; xlsx: required).")
@review_option
@reading_options
def exceptions(
    files: tuple[str, ...],
    fmt: str,
    output: str | None,
    review_path: str | None,
    reading: Reading,
) -> None:
    """Write one row per finding of each FILE: file, line, code, severity, figure,
    arithmetic, message, excerpt, review status and comment (from the review beside the
    FILE). Exit status as for `tieout check`.

    \b
    Examples:
      tieout exceptions release.txt -o exceptions.csv
      tieout exceptions releases/*.txt --format xlsx -o exceptions.xlsx
    """
    if fmt == "xlsx" and output is None:
        raise click.UsageError("--format xlsx needs -o FILE.xlsx")
    rows: list[dict[str, Any]] = []
    status = ExitStatus()
    for path, release, _ in releases(files, reading):
        if release is None:
            status.unreadable()
            continue
        rows.extend(exception_rows(release, review_for(path, review_path)))
        status.found(bool(release.errors))
    if fmt == "xlsx":
        assert output is not None
        try:
            write_xlsx(rows, output)
        except RuntimeError as error:
            raise click.ClickException(str(error)) from None
    elif output is None:
        click.echo(to_csv(rows), nl=False)
    else:
        Path(output).write_text(to_csv(rows), encoding="utf-8", newline="")
    if output is not None:
        click.echo(f"wrote {output}: {len(rows)} findings", err=True)
    sys.exit(status.code)
