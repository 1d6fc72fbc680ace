"""``tieout batch``: tie out a whole corpus into a DuckDB store, in parallel, resumably."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from datetime import date
from typing import Any

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
)
from rich.table import Column
from rich.text import Text

from tieout.cli.common import EXIT_OK, EXIT_UNREADABLE, give_up
from tieout.cli.options import (
    count_option,
    dates_options,
    encoding_option,
    folder_option,
    max_bytes_option,
    store_option,
    timeout_option,
)
from tieout.report.safe import one_line, safe_console
from tieout.store import inputs
from tieout.store.batch import Event, Options, Summary
from tieout.store.inputs import LINK_FOLDER, LINK_OUT, Select
from tieout.store.writer import StoreError


def _n(count: float | None, scale: float | None = None) -> str:
    """A count in at most six characters, in the unit ``scale`` (or itself) calls for:
    54321, 543.2k, 1.2M."""
    if count is None:
        return "?"
    size = max(count, scale or 0)
    if size < 100_000:
        return str(int(count))
    if size < 1_000_000:
        return f"{count / 1000:.1f}k"
    return f"{count / 1_000_000:.1f}M"


class _Counts(ProgressColumn):
    """Files done of all, and how they went: ``54321/100000 50000 stored 4000 skipped``."""

    def render(self, task: Task) -> Text:
        f = task.fields
        done = f"{_n(task.completed, task.total)}/{_n(task.total)} "
        text = Text(done, style="progress.download")
        text.append(f"{_n(f['stored'])} stored {_n(f['skipped'])} skipped ")
        text.append(f"{_n(f['failed'])} failed", style="red" if f["failed"] else "")
        return text


class _Rate(ProgressColumn):
    """Files per second over the whole run (steadier than rich's moving window)."""

    def render(self, task: Task) -> Text:
        elapsed = task.elapsed or 0.0
        rate = task.completed / elapsed if elapsed > 0 else 0.0
        return Text(f"{_n(rate) if rate >= 1000 else f'{rate:.1f}'}/s", style="progress.data.speed")


class _Left(ProgressColumn):
    """Time left, when it can be told: ``0:11:52 left``."""

    def render(self, task: Task) -> Text:
        left = task.time_remaining
        if left is None or task.total is None:
            return Text("")
        minutes, seconds = divmod(int(left), 60)
        hours, minutes = divmod(minutes, 60)
        return Text(f"{hours}:{minutes:02d}:{seconds:02d} left", style="progress.remaining")


def _progress(console: Console, clock: Callable[[], float] | None = None) -> Progress:
    """One line that fits 80 columns: the bar takes what the counts leave it (at least 4)."""
    return Progress(
        SpinnerColumn(),
        BarColumn(bar_width=None, table_column=Column(ratio=1, min_width=4)),
        _Counts(table_column=Column(no_wrap=True)),
        _Rate(table_column=Column(no_wrap=True)),
        _Left(table_column=Column(no_wrap=True)),
        console=console,
        transient=False,
        expand=True,
        get_time=clock,
    )


@click.command()
@click.argument("paths", nargs=-1)
@store_option("The DuckDB store to write.")
@count_option(
    "-j",
    "--jobs",
    default=os.cpu_count() or 1,
    shown="the number of CPUs",
    help="Worker processes (local engine) or Dask workers to start (dask without --scheduler).",
)
@timeout_option(
    30.0, "Per-file limit in seconds; a worker past it is killed and replaced (0: no limit)."
)
@max_bytes_option("Files larger than this are recorded as failed, unread.")
@encoding_option("Text encoding of the files.")
@count_option("--chunk", default=200, help="Files written per transaction.")
@click.option("--retry-failed", is_flag=True, help="Read again files stored as failed.")
@click.option(
    "--glob",
    "globs",
    multiple=True,
    metavar="PATTERN",
    help="Read only the files of folders and archives whose name or path inside the folder "
    "matches (repeatable) [default: .txt .htm .html .xhtml .nc, and files without a suffix "
    "that start like a filing].",
)
@click.option(
    "--follow-links",
    is_flag=True,
    help="Follow symbolic links that leave a folder, and links to folders [default: not followed].",
)
@click.option(
    "--engine",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="local: worker processes on this machine; dask: a dask.distributed cluster.",
)
@click.option(
    "--scheduler",
    default=None,
    help="Address of a Dask scheduler (tcp://host:8786); none starts a local cluster.",
)
@folder_option(
    "--parts",
    help="Dask engine: folder for Parquet parts, shared with the workers [default: DB.parts].",
)
@click.option(
    "--restatements/--no-restatements",
    default=True,
    show_default=True,
    help="Compare figures across releases of each company when the batch ends.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar [default: when standard error is a terminal].",
)
@click.option(
    "--memory-limit", default="512MB", show_default=True, help="DuckDB's memory limit when writing."
)
@click.option(
    "--edgar",
    "tickers",
    multiple=True,
    help="Also fetch these companies' earnings 8-Ks from EDGAR (AAPL,MSFT; see tieout fetch).",
)
@dates_options("With --edgar: filed on or after.", "With --edgar: filed on or before.")
def batch(
    paths: tuple[str, ...],
    db: str,
    jobs: int,
    timeout: float,
    max_bytes: int,
    encoding: str,
    chunk: int,
    retry_failed: bool,
    globs: tuple[str, ...],
    follow_links: bool,
    engine: str,
    scheduler: str | None,
    parts: str | None,
    restatements: bool,
    progress: bool | None,
    memory_limit: str,
    tickers: tuple[str, ...],
    since: date | None,
    until: date | None,
) -> None:
    """Tie out every release under PATHS into the DuckDB store --db.

    PATHS are files, folders (walked), globs (quote them) and .zip / .tar.gz archives of
    releases or EDGAR submission files. --edgar adds companies' earnings 8-Ks (Item
    2.02, Item 12 before August 2004) filed from --since to --until, fetched into the
    EDGAR cache first (see tieout fetch for the User-Agent EDGAR asks for). In folders
    and archives only release files are read (.txt, .htm, .html, .xhtml, .nc, and files
    without a suffix that start like a filing; --glob chooses others); other files
    (README.md, MANIFEST.tsv) and symbolic links leaving the folder are counted, not
    read. Files already stored (same sha256) are skipped, so an interrupted batch is
    finished by running it again. A file that cannot be read (a named pipe, a dangling
    link, gone), crashes its worker or runs past --timeout is stored as failed with the
    reason.

    Exit status: 0 when every file read was stored or skipped, 2 when some failed (they
    are in the store: SELECT path, reason FROM sources WHERE status = 'failed').

    \b
    Examples:
      tieout batch releases/ --db corpus.duckdb
      tieout batch 'edgar/**/*.txt' archive.tar.gz --db corpus.duckdb --jobs 8
      tieout batch corpus/ --glob '*.txt' --glob '*.htm' --db corpus.duckdb
      tieout batch releases/ --db corpus.duckdb --engine dask --scheduler tcp://head:8786
      tieout batch --edgar AAPL,MSFT --since 2010 --db big-tech.duckdb
    """
    if engine == "dask":
        missing = _dask_missing()
        if missing:
            give_up(
                f"the dask engine needs {missing}, which is not installed: "
                "pip install 'tieout[dask]'"
            )
    fetch_failed = False
    if tickers:
        from tieout.edgar import EdgarError
        from tieout.edgar.earnings import earnings_files

        def fetch_fail(message: str) -> None:
            nonlocal fetch_failed
            fetch_failed = True
            click.echo(f"tieout: {message}", err=True)

        names = [n.strip() for t in tickers for n in t.split(",") if n.strip()]
        try:
            fetched, _ = earnings_files(names, since=since, until=until, fail=fetch_fail)
        except EdgarError as error:
            give_up(str(error))
        paths = (*paths, *fetched)
    elif not paths:
        raise click.UsageError("give PATHS to read, or --edgar TICKERS to fetch")
    elif since or until:
        raise click.UsageError("--since and --until choose filings to fetch: use them with --edgar")
    options = Options(
        jobs=jobs,
        timeout=timeout or None,
        max_bytes=max_bytes,
        encoding=encoding,
        chunk=chunk,
        retry_failed=retry_failed,
        memory_limit=memory_limit,
        select=Select(globs=globs, follow_links=follow_links),
    )
    console = safe_console(stderr=True)
    show = console.is_terminal if progress is None else progress
    total = inputs.count(list(paths), options.select) if show else None
    bar = _progress(console)
    task_id = bar.add_task("tieout batch", total=total, stored=0, skipped=0, failed=0)
    counts = {"stored": 0, "skipped": 0, "failed": 0, "ignored": 0}
    not_read: dict[str, list[str]] = {}  # why a file was not read -> its names

    def on_event(event: Event) -> None:
        counts[event.status] += 1
        if event.status == "ignored":
            not_read.setdefault(event.reason or "", []).append(event.name)
        if event.status == "failed":
            line = Text(one_line(f"tieout: {event.name}: {event.reason}"))
            (bar.console if show else console).print(line, soft_wrap=True)
        if show:
            bar.update(
                task_id,
                advance=1,
                stored=counts["stored"],
                skipped=counts["skipped"],
                failed=counts["failed"],
            )

    started = time.monotonic()
    try:
        if show:
            bar.start()
        summary = _run(engine, paths, db, options, on_event, scheduler, parts)
    except StoreError as error:
        give_up(str(error))
    finally:
        if show:
            bar.stop()
    findings = None
    if restatements:
        from tieout.store.restate import restatements as check_restatements

        findings = check_restatements(db)
    elapsed = time.monotonic() - started
    rate = summary.seen / elapsed if elapsed > 0 else 0.0
    message = (
        f"tieout: {summary.seen} files: {summary.stored} stored, {summary.skipped} skipped "
        f"(already stored), {summary.failed} failed, in {elapsed:.1f} s ({rate:.1f} files/s)"
    )
    if not_read:
        message += "; not read: " + _not_read(not_read)
    if findings is not None:
        message += (
            f"; {findings.compared} figures compared across releases, {findings.differ} differ"
        )
    click.echo(one_line(message), err=True)
    sys.exit(EXIT_UNREADABLE if summary.failed or fetch_failed else EXIT_OK)


def _dask_missing() -> str | None:
    """The name of the Dask package missing (an optional extra), or None."""
    try:
        import dask  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as error:
        return error.name or "dask"
    return None


def _not_read(names: dict[str, list[str]]) -> str:
    """The files a batch did not read, by why: how many, and the first few names."""
    links = {
        LINK_OUT: ("symbolic link", "out of the folder"),
        LINK_FOLDER: ("symbolic link", "to a folder"),
    }
    parts = []
    others = [n for why, ns in names.items() if why not in links for n in ns]
    if others:
        shown = ", ".join(os.path.basename(n) for n in others[:3])
        more = ", ..." if len(others) > 3 else ""
        parts.append(f"{_count(len(others), 'file')} not a release ({shown}{more}; --glob chooses)")
    for why, (what, where) in links.items():
        if names.get(why):
            parts.append(f"{_count(len(names[why]), what)} {where} (--follow-links)")
    return ", ".join(parts)


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _run(
    engine: str,
    paths: tuple[str, ...],
    db: str,
    options: Options,
    on_event: Any,
    scheduler: str | None,
    parts: str | None,
) -> Summary:
    if engine == "dask":
        from tieout.store.dask_engine import run as run_dask

        return run_dask(
            paths, db, options, on_event, scheduler=scheduler, parts=parts or db + ".parts"
        )
    from tieout.store.batch import run

    return run(paths, db, options, on_event)
