"""``tieout fetch``: full submission files from EDGAR, by ticker, CIK, accession or quarter."""

from __future__ import annotations

import os
import shutil
import sys
from datetime import date
from pathlib import Path

import click

from tieout.cli.common import EXIT_OK, EXIT_UNREADABLE
from tieout.cli.options import dates_options, folder_option
from tieout.edgar import EdgarError, parse_target
from tieout.edgar.earnings import session
from tieout.edgar.filings import NEW_ITEMS


def _place(source: Path, target: Path) -> bool:
    """Put a cached file at ``target`` (a hard link, else a copy); False when already there."""
    if target.is_file() and target.stat().st_size == source.stat().st_size:
        return False
    partial = target.with_name(f".{target.name}.part")
    partial.unlink(missing_ok=True)
    try:
        os.link(source, partial)
    except OSError:
        shutil.copyfile(source, partial)
    os.replace(partial, target)
    return True


@click.command()
@click.argument("targets", nargs=-1, required=True)
@click.option(
    "--form",
    "forms",
    multiple=True,
    default=("8-K",),
    show_default=True,
    help="Form type to take (repeat for several).",
)
@click.option(
    "--item",
    "items",
    multiple=True,
    help="8-K item to take, e.g. 2.02 (results of operations; Item 12 before August 2004).",
)
@dates_options("Filed on or after (YYYY[-MM[-DD]]).", "Filed on or before (YYYY[-MM[-DD]]).")
@folder_option(
    "-o",
    "--output",
    default=".",
    help="Folder to put the submission files in.",
)
@click.option("--list", "list_only", is_flag=True, help="List the filings; download nothing.")
@click.option(
    "--refresh",
    is_flag=True,
    help="Ask EDGAR again for the tickers and filing lists (submission files are kept for good).",
)
@click.option(
    "--user-agent",
    default=None,
    help="Your name and e-mail, as the SEC asks [default: TIEOUT_USER_AGENT or the config file].",
)
@folder_option(
    "--cache",
    help="Folder of EDGAR's responses [default: TIEOUT_EDGAR_CACHE, else ~/.cache/tieout/edgar].",
)
def fetch(
    targets: tuple[str, ...],
    forms: tuple[str, ...],
    items: tuple[str, ...],
    since: date | None,
    until: date | None,
    output: str,
    list_only: bool,
    refresh: bool,
    user_agent: str | None,
    cache: str | None,
) -> None:
    """Download full submission files from EDGAR into --output, one per filing.

    TARGET is a ticker (AAPL) or CIK (320193): its filings of --form, naming --item,
    filed from --since to --until; an accession number (0000320193-24-000005), or
    TICKER:ACCESSION; or TICKER:YYYYQn, the earnings 8-K of that fiscal quarter.
    Responses are cached, so a second run downloads nothing and an interrupted one
    resumes. EDGAR asks for a User-Agent with your name and e-mail: set
    TIEOUT_USER_AGENT (or --user-agent); at most 10 requests a second are sent.

    \b
    Examples:
      export TIEOUT_USER_AGENT="Jane Doe jane@example.com"
      tieout fetch AAPL --form 8-K --item 2.02 --since 2023-01-01 -o releases/
      tieout fetch AAPL:2024Q1 MSFT:2024Q2 -o releases/
      tieout fetch 0000320193-24-000005 --list
    """
    status = EXIT_OK

    def fail(message: str) -> None:
        nonlocal status
        status = EXIT_UNREADABLE
        click.echo(f"tieout: {message}", err=True)

    try:
        edgar = session(user_agent, cache, refresh=refresh)
    except EdgarError as error:
        fail(str(error))
        sys.exit(status)
    folder = Path(output)
    placed = kept = 0
    for text in targets:
        try:
            target = parse_target(text)
            wanted = edgar.wanted(target, forms=forms, items=items, since=since, until=until)
            unnamed = edgar.unnamed(target, forms=forms, since=since) if items else 0
        except EdgarError as error:
            fail(str(error))
            continue
        if unnamed:
            click.echo(
                f"tieout: {text}: {unnamed} filing(s) before {NEW_ITEMS.isoformat()} name no "
                "item in EDGAR's list, so --item did not take them (fetch them without --item)",
                err=True,
            )
        if not wanted:
            click.echo(f"tieout: {text}: no filing matches", err=True)
        for w in wanted:
            if w.note:
                click.echo(f"tieout: {text}: {w.note}", err=True)
            if list_only:
                when = w.filed.isoformat() if w.filed else "?"
                click.echo(f"{w.accession}\t{when}\t{w.company.label}")
                continue
            try:
                cached = edgar.download(w)
            except EdgarError as error:
                fail(str(error))
                continue
            folder.mkdir(parents=True, exist_ok=True)
            destination = folder / w.file_name
            if _place(cached, destination):
                placed += 1
            else:
                kept += 1
            click.echo(str(destination))
    stats = edgar.client.stats
    click.echo(
        f"tieout: {placed + kept} file(s) in {folder} ({kept} already there); "
        f"{stats.requests} request(s) to EDGAR ({stats.retries} retried), "
        f"{edgar.downloads} downloaded, {edgar.hits} answer(s) from the cache "
        f"{edgar.settings.cache}",
        err=True,
    )
    sys.exit(status)
