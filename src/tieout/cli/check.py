"""``tieout check``: the report of what ties and what does not, like a linter."""

from __future__ import annotations

import json
import sys

import click

from tieout.cli.common import EXIT_ERRORS, EXIT_OK, EXIT_UNREADABLE, reading_options, releases
from tieout.model import Severity
from tieout.report.debug import render_debug
from tieout.report.safe import json_line, safe_console
from tieout.report.serialise import release_data
from tieout.report.terminal import render


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: the readable report; json: one JSON object per file, one per line.",
)
@click.option("--tables/--no-tables", default=True, help="Show each table with its marks.")
@click.option(
    "--debug-tables",
    is_flag=True,
    help="Show each table's source lines with the rows and columns the finder read.",
)
@click.option(
    "--severity",
    type=click.Choice([s.value for s in Severity]),
    default="info",
    show_default=True,
    help="Show findings at this severity and above.",
)
@reading_options
def check(
    files: tuple[str, ...],
    fmt: str,
    tables: bool,
    debug_tables: bool,
    severity: str,
    max_bytes: int,
    timeout: float,
    encoding: str,
    debug: bool,
) -> None:
    """Check every figure of each FILE and report what ties and what does not.

    FILE is a release as plain text or HTML, or a full EDGAR submission (.txt). Exit
    status is 0 when no error is found, 1 when one is, 2 when a file cannot be read.

    \b
    Examples:
      tieout check release.txt
      tieout check --no-tables --severity warning *.txt
      tieout check --format json release.txt | jq '.findings'
    """
    status = EXIT_OK
    # Findings are never wrapped, so `file:line:` lines stay whole for grep and editors;
    # off a terminal, tables get room for four period columns.
    # Text from the filing is printed escaped: a control character shows, never acts.
    console = safe_console(
        highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 160
    )
    for path, release, reason in releases(
        files, max_bytes=max_bytes, timeout=timeout, encoding=encoding, debug=debug
    ):
        if release is None:
            status = EXIT_UNREADABLE
            if fmt == "json":
                click.echo(json.dumps({"file": path, "error": reason}))
            continue
        if release.errors and status == EXIT_OK:
            status = EXIT_ERRORS
        if fmt == "json":
            click.echo(json_line(release_data(release)))
        else:
            if debug_tables:
                render_debug(release, console)
            render(release, console, tables=tables, min_severity=Severity(severity))
    sys.exit(status)
