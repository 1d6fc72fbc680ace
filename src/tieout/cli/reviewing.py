"""What the commands that honour a review share: where its file is, and loading it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from tieout.report.review import BadReview, Review, load, sidecar

F = TypeVar("F", bound=Callable[..., Any])


def review_option(func: F) -> F:
    """``--review PATH``: a review file other than the sidecar beside each FILE."""
    return click.option(
        "--review",
        "review_path",
        type=click.Path(dir_okay=False),
        default=None,
        help="Read the review from this file instead of FILE.tieout-review.json beside "
        "each file (a review of an earlier draft applies where its figures match).",
    )(func)


def review_for(path: str, review_path: str | None) -> Review:
    """The review of a release: the given file, else the sidecar beside it (if any)."""
    try:
        return load(review_path or sidecar(path))
    except BadReview as error:
        raise click.ClickException(str(error)) from None
