"""``tieout report``: the tie-out workpaper as one self-contained HTML page, or an index
over a stored corpus."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from tieout.cli.common import ExitStatus, Reading, fail, one_release, releases
from tieout.cli.options import file_option, output_option, reading_options
from tieout.cli.reviewing import review_for, review_option
from tieout.model import Release
from tieout.report.html import Extras, render_html


@click.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@output_option(
    "Where to write the page (default tieout-report.html); with --db, a folder.",
    folder_too=True,
)
@review_option
@file_option("--diff", "earlier", "An earlier draft of the (one) FILE: show what changed since it.")
@file_option(
    "--db", "store", "Write an index over this store (made by `tieout batch`) into the -o folder."
)
@click.option(
    "--pages/--no-pages",
    default=False,
    help="With --db: also write each stored release's report (reads every file again).",
)
@reading_options
def report(
    files: tuple[str, ...],
    output: str | None,
    review_path: str | None,
    earlier: str | None,
    store: str | None,
    pages: bool,
    reading: Reading,
) -> None:
    """Write the tie-out workpaper of each FILE: the release as printed, every figure
    ticked, the findings linked to their figures, review with comments.

    The page is self-contained (no network; a strict content policy allows only its own
    script). A review saved beside a FILE (FILE.tieout-review.json, written by
    `tieout serve` or `tieout review import`) is shown. Exit status as for `tieout check`.

    \b
    Examples:
      tieout report release.txt -o release.html
      tieout report draft2.txt --diff draft1.txt -o draft2.html
      tieout report --db corpus.duckdb -o corpus-index/
    """
    if store is not None:
        _index(store, output or "tieout-index", pages, reading)
        return
    if not files:
        raise click.UsageError("give FILE... (or --db STORE)")
    if earlier is not None and len(files) != 1:
        raise click.UsageError("--diff compares one FILE with its earlier draft")
    output = output or "tieout-report.html"
    read: list[Release] = []
    extras: list[Extras] = []
    failed: list[tuple[str, str]] = []
    status = ExitStatus()
    old = one_release(earlier, reading) if earlier is not None else None
    for path, release, reason in releases(files, reading):
        if release is None:
            failed.append((path, reason or "unreadable"))
            status.unreadable()
            continue
        read.append(release)
        diff = None
        if old is not None:
            from tieout.report.drafts import compare

            diff = compare(old, release)
        extras.append(Extras(review=review_for(path, review_path), diff=diff))
        status.found(bool(release.errors))
    Path(output).write_text(render_html(read, failed, extras=extras), encoding="utf-8")
    click.echo(f"wrote {output}", err=True)
    sys.exit(status.code)


def _index(store: str, folder: str, pages: bool, reading: Reading) -> None:
    import duckdb

    from tieout.report.corpus import render_index

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    written: dict[int, str] = {}
    if pages:
        con = duckdb.connect(store, read_only=True)
        try:
            stored = con.execute(
                "SELECT source_id, path FROM sources WHERE status = 'ok'"
            ).fetchall()
        finally:
            con.close()
        (out / "releases").mkdir(exist_ok=True)
        for source_id, path in stored:
            if not Path(path).is_file():
                fail(path, "stored, but the file is no longer there: no page written")
                continue
            for _, release, _ in releases((path,), reading):
                if release is not None:
                    name = f"releases/{source_id}.html"
                    (out / name).write_text(render_html([release]), encoding="utf-8")
                    written[source_id] = name
    try:
        page = render_index(store, pages=written)
    except duckdb.Error as error:
        raise click.ClickException(f"{store}: not a tieout store: {error}") from None
    (out / "index.html").write_text(page, encoding="utf-8")
    click.echo(
        f"wrote {out / 'index.html'}" + (f" and {len(written)} pages" if pages else ""), err=True
    )
