"""``tieout diff``: what changed between two drafts of a release."""

from __future__ import annotations

import json

import click

from tieout.cli.common import Reading, releases
from tieout.cli.options import format_option, reading_options
from tieout.model import Release
from tieout.report.drafts import compare, diff_data, diff_text


@click.command()
@click.argument("old", type=click.Path(dir_okay=False, exists=True))
@click.argument("new", type=click.Path(dir_okay=False, exists=True))
@format_option(("text", "json"), "text: one change a line; json: one object.")
@reading_options
def diff(
    old: str,
    new: str,
    fmt: str,
    reading: Reading,
) -> None:
    """Compare two drafts of a release: figures changed (matched by table, row label and
    period, not by line), rows added and removed, findings new and resolved.

    Exit status: 0 when nothing changed, 1 when something did, 2 when a file cannot be
    read (as diff(1) does).

    \b
    Examples:
      tieout diff draft1.txt draft2.txt
      tieout diff --format json draft1.htm draft2.htm | jq '.changed'
      tieout report draft2.txt --diff draft1.txt -o draft2.html
    """
    read: list[Release] = []
    for _, release, _ in releases((old, new), reading):
        if release is None:
            raise SystemExit(2)
        read.append(release)
    result = compare(read[0], read[1])
    if fmt == "json":
        click.echo(json.dumps(diff_data(result), ensure_ascii=False))
    else:
        click.echo(diff_text(result))
    raise SystemExit(0 if result.empty else 1)
