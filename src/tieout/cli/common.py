"""What every command shares: reading files with one-line errors, and their options."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import click

from tieout.errors import UnreadableInput
from tieout.limits import deadline
from tieout.model import Release
from tieout.pipeline import read
from tieout.report.safe import one_line
from tieout.sources import MAX_BYTES

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2
F = TypeVar("F", bound=Callable[..., Any])


def reading_options(func: F) -> F:
    """Options that bound how a file is read: size, time, encoding, tracebacks."""
    for option in reversed(
        (
            click.option(
                "--max-bytes",
                type=click.IntRange(min=1),
                default=MAX_BYTES,
                show_default=True,
                help="Refuse files larger than this.",
            ),
            click.option(
                "--timeout",
                type=click.FloatRange(min=0),
                default=60.0,
                show_default=True,
                help="Give up on a file after this many seconds (0: no limit).",
            ),
            click.option(
                "--encoding",
                default="utf-8",
                show_default=True,
                help="Text encoding of the files (EDGAR filings are ASCII).",
            ),
            click.option("--debug", is_flag=True, help="Show a traceback for internal errors."),
        )
    ):
        func = option(func)
    return func


def fail(name: str, reason: str) -> None:
    """One line on standard error naming the file and the reason (control characters
    of either shown escaped: both can come from the filing)."""
    click.echo(one_line(f"tieout: {name}: {reason}"), err=True)


def releases(
    paths: tuple[str, ...],
    *,
    max_bytes: int,
    timeout: float,
    encoding: str,
    debug: bool,
) -> Iterator[tuple[str, Release | None, str | None]]:
    """(path, release, None) for each readable file, (path, None, reason) for the others."""
    for path in paths:
        try:
            with deadline(timeout or None, path):
                release = read(Path(path), max_bytes=max_bytes, encoding=encoding)
        except UnreadableInput as error:
            if debug and error.__cause__ is not None:  # a bug of ours, raised as unreadable
                traceback.print_exception(error.__cause__, file=sys.stderr)
            fail(path, error.reason)
            yield path, None, error.reason
            continue
        except RecursionError:
            fail(path, "nested too deeply to read")
            yield path, None, "nested too deeply to read"
            continue
        except MemoryError:
            fail(path, "ran out of memory reading it")
            yield path, None, "ran out of memory reading it"
            continue
        except Exception as error:  # a bug of ours: one line, the file named, no traceback
            if debug:
                traceback.print_exc(file=sys.stderr)
            reason = f"internal error {type(error).__name__}: {error} (please report)"
            fail(path, reason)
            yield path, None, reason
            continue
        yield path, release, None
