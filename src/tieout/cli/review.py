"""``tieout review``: bring a review (exported from the page, or of an earlier draft) to a
release's sidecar, and show where a release's review stands."""

from __future__ import annotations

import click

from tieout.cli.common import Reading, one_release
from tieout.cli.options import reading_options
from tieout.report.keys import release_keys
from tieout.report.review import BadReview, Review, apply, carry, load, save, sidecar


@click.group()
def review() -> None:
    """Review state: FILE.tieout-review.json beside each release.

    \b
    Examples:
      tieout review import release.txt release.txt.tieout-review.json
      tieout review import draft2.txt draft1.txt.tieout-review.json
      tieout review status draft2.txt
    """


@review.command("import")
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
@click.argument("source", type=click.Path(dir_okay=False, exists=True))
@click.option("--replace", is_flag=True, help="Drop the decisions already in FILE's sidecar.")
@reading_options
def import_(
    file: str,
    source: str,
    replace: bool,
    reading: Reading,
) -> None:
    """Import SOURCE (a review the page exported, or an earlier draft's sidecar) into
    FILE's sidecar: each decision whose figure or finding FILE has (matched by table,
    row label and period) is kept; the others are counted and left out.

    \b
    Examples:
      tieout review import release.txt ~/Downloads/release.txt.tieout-review.json
      tieout review import draft2.txt draft1.txt.tieout-review.json
    """
    release = one_release(file, reading)
    try:
        incoming = load(source)
        target = sidecar(file)
        current = Review() if replace else load(target)
    except BadReview as error:
        raise click.ClickException(str(error)) from None
    keys = release_keys(release)
    kept, unmatched = carry(release, incoming, keys)
    merged = Review({**current.findings, **kept.findings}, {**current.figures, **kept.figures})
    save(target, merged, release)
    click.echo(
        f"wrote {target}: {len(kept.findings)} finding decisions and {len(kept.figures)} "
        f"ticks imported, {unmatched} matched nothing in {file}",
        err=True,
    )


@review.command("status")
@click.argument("file", type=click.Path(dir_okay=False, exists=True))
@reading_options
def status(file: str, reading: Reading) -> None:
    """Count FILE's findings by review status, and its ticks.

    \b
    Examples:
      tieout review status release.txt
    """
    release = one_release(file, reading)
    try:
        state = load(sidecar(file))
    except BadReview as error:
        raise click.ClickException(str(error)) from None
    applied = apply(release, state)
    counts = {"open": 0, "accepted": 0, "dismissed": 0}
    for entry in applied.findings:
        counts[entry.status.value if entry else "open"] += 1
    click.echo(
        f"{file}: {len(release.findings)} findings: {counts['open']} open, "
        f"{counts['accepted']} accepted, {counts['dismissed']} dismissed; "
        f"{len(applied.figures)} figures ticked by hand"
        + (f"; {len(applied.unmatched)} review entries match nothing" if applied.unmatched else "")
    )
