"""``tieout check``: the report of what ties and what does not, like a linter."""

from __future__ import annotations

import json
import sys

import click

from tieout.cli.common import ExitStatus, Reading, releases
from tieout.cli.options import format_option, reading_options
from tieout.cli.reviewing import review_for, review_option
from tieout.model import Severity
from tieout.pipeline import trace
from tieout.report.debug import render_debug
from tieout.report.review import apply, is_dismissed
from tieout.report.safe import json_safe, safe_console
from tieout.report.serialise import finding_data, release_json
from tieout.report.terminal import render


@click.command()
@click.argument("files", nargs=-1, required=True)
@format_option(
    ("text", "json"),
    "text: the readable report; json: one JSON object per file, one per line.",
)
@click.option("--tables/--no-tables", default=True, help="Show each table with its marks.")
@click.option(
    "--debug-tables",
    is_flag=True,
    help="Show what the reader saw of each table and what the assembler made of it.",
)
@click.option(
    "--severity",
    type=click.Choice([s.value for s in Severity]),
    default="warning",
    show_default=True,
    help="Show findings at this severity and above (the summary counts all of them).",
)
@review_option
@reading_options
def check(
    files: tuple[str, ...],
    fmt: str,
    tables: bool,
    debug_tables: bool,
    severity: str,
    review_path: str | None,
    reading: Reading,
) -> None:
    """Check every figure of each FILE and report what ties and what does not.

    FILE is a release as plain text or HTML, or a full EDGAR submission (.txt); a
    folder (its .txt, .htm and .html files); or TICKER:YYYYQn, the earnings 8-K of that
    fiscal quarter, fetched from EDGAR (see tieout fetch). Exit status is 0 when no error
    is found, 1 when one is, 2 when a file cannot be read. Errors and warnings are shown;
    info (figures of the prose nothing ties to) with --severity info. A review beside FILE
    (FILE.tieout-review.json, from `tieout serve` or `tieout review import`) is honoured:
    dismissed findings are listed apart with their comment, and a dismissed error does
    not make the exit status 1.

    \b
    Examples:
      tieout check release.txt
      tieout check --no-tables --severity error releases/
      tieout check --severity info release.txt
      tieout check AAPL:2024Q1
      tieout check --format json release.txt | jq '.findings'
    """
    status = ExitStatus()
    # Findings are never wrapped, so `file:line:` lines stay whole for grep and editors;
    # off a terminal, tables get room for four period columns.
    # Text from the filing is printed escaped: a control character shows, never acts.
    console = safe_console(
        highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 160
    )
    for path, release, reason in releases(files, reading):
        if release is None:
            status.unreadable()
            if fmt == "json":
                click.echo(json.dumps({"file": path, "error": reason}))
            continue
        state = review_for(path, review_path)
        decisions = apply(release, state).findings if state else None
        open_errors = [
            f for k, f in enumerate(release.findings)
            if f.severity is Severity.ERROR and not (decisions and is_dismissed(decisions[k]))
        ]  # fmt: skip
        status.found(bool(open_errors))
        if fmt == "json":
            reviewed = None
            if decisions is not None:
                reviewed = [
                    {
                        **finding_data(finding),
                        "review": None
                        if entry is None
                        else {
                            "status": entry.status.value,
                            "comment": entry.comment,
                            "at": entry.at,
                        },
                    }
                    for finding, entry in zip(release.findings, decisions, strict=True)
                ]
            click.echo(json_safe(release_json(release, ensure_ascii=False, findings=reviewed)))
        else:
            if debug_tables:
                render_debug(trace(release.documents), console)
            render(
                release,
                console,
                tables=tables,
                min_severity=Severity(severity),
                decisions=decisions,
            )
    sys.exit(status.code)
