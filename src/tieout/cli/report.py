"""``tieout report``: a self-contained HTML page of what ties and what does not."""

from __future__ import annotations

import sys

import click

from tieout.cli.common import EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE, reading_options, releases
from tieout.model import Release
from tieout.report.html import render_html


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
    default="tieout-report.html",
    show_default=True,
    help="Where to write the page.",
)
@reading_options
def report(
    files: tuple[str, ...],
    output: str,
    max_bytes: int,
    timeout: float,
    encoding: str,
    debug: bool,
) -> None:
    """Write an HTML report of each FILE: findings, then every table with a mark per figure.

    Hover a figure to see the relations it takes part in. Text from the filings is
    escaped; the page runs no script. Exit status as for `tieout check`.

    \b
    Examples:
      tieout report release.txt -o release.html
      tieout report releases/*.txt -o all.html
    """
    read: list[Release] = []
    failed: list[tuple[str, str]] = []
    status = EXIT_OK
    for path, release, reason in releases(
        files, max_bytes=max_bytes, timeout=timeout, encoding=encoding, debug=debug
    ):
        if release is None:
            failed.append((path, reason or "unreadable"))
            status = EXIT_UNREADABLE
            continue
        read.append(release)
        if release.errors and status == EXIT_OK:
            status = EXIT_ERRORS
    with open(output, "w", encoding="utf-8") as fh:
        fh.write(render_html(read, failed))
    click.echo(f"wrote {output}", err=True)
    sys.exit(status)
