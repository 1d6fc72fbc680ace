"""``tieout serve``: the workpaper on loopback, saving the review beside each release."""

from __future__ import annotations

import click

from tieout.cli.common import Reading, releases
from tieout.cli.options import reading_options
from tieout.model import Release
from tieout.report.review import BadReview
from tieout.report.serve import LOOPBACK, make_server


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, exists=True))
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")  # fmt: skip
@reading_options
def serve(
    files: tuple[str, ...],
    port: int,
    reading: Reading,
) -> None:
    """Serve the workpaper of each FILE on http://127.0.0.1:PORT/ and save the review.

    The page's "Save review" writes FILE.tieout-review.json beside each FILE, which
    `tieout report`, `tieout check` and `tieout exceptions` then honour. The server
    listens on loopback only and refuses requests from other hosts and origins.
    Stop it with Ctrl-C.

    \b
    Examples:
      tieout serve release.txt
      tieout serve --port 0 draft2.txt
    """
    read: list[Release] = []
    for _, release, _ in releases(files, reading):
        if release is not None:
            read.append(release)
    if not read:
        raise click.ClickException("no file could be read")
    try:
        server = make_server(read, port=port, log=lambda line: click.echo(line, err=True))
    except BadReview as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:
        raise click.ClickException(f"cannot listen on {LOOPBACK}:{port}: {error}") from None
    click.echo(
        f"tieout: serving on http://{LOOPBACK}:{server.server_address[1]}/ (Ctrl-C stops)", err=True
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
