"""What every command shares: reading files with one-line errors, and the exit status."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import click

from tieout.errors import UnreadableInput
from tieout.limits import deadline
from tieout.model import Release
from tieout.pipeline import read
from tieout.report.safe import one_line

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


class ExitStatus:
    """The exit status of a command over its files: 2 when one cannot be read, else 1
    when an error is found in one, else 0."""

    def __init__(self) -> None:
        self.code = EXIT_OK

    def unreadable(self) -> None:
        self.code = EXIT_UNREADABLE

    def found(self, errors: bool) -> None:
        if errors and self.code == EXIT_OK:
            self.code = EXIT_ERRORS


@dataclass(frozen=True, slots=True)
class Reading:
    """How a file is read: the bounds on its size and time, its encoding, tracebacks."""

    max_bytes: int
    timeout: float
    encoding: str
    debug: bool


def give_up(message: str) -> NoReturn:
    """Stop the command: ``message`` on standard error, exit status 2 (nothing to go on)."""
    click.echo(f"tieout: {message}", err=True)
    sys.exit(EXIT_UNREADABLE)


def fail(name: str, reason: str) -> None:
    """One line on standard error naming the file and the reason (control characters
    of either shown escaped: both can come from the filing)."""
    click.echo(one_line(f"tieout: {name}: {reason}"), err=True)


RELEASE_SUFFIXES = (".txt", ".htm", ".html")


def folder_files(folder: str) -> list[str]:
    """The release files of a folder and its sub-folders (.txt, .htm, .html), sorted;
    hidden files and folders are left out."""
    found: list[str] = []
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(
            os.path.join(root, name)
            for name in sorted(files)
            if not name.startswith(".") and name.lower().endswith(RELEASE_SUFFIXES)
        )
    return found


def expand(args: Iterable[str]) -> Iterator[tuple[str, str | None]]:
    """(path, None) for each file the arguments name, (argument, reason) where none.

    An argument is a file; a folder (its release files); or, where no such file exists,
    ``TICKER:YYYYQn``, the earnings 8-K of that fiscal quarter fetched from EDGAR.
    """
    for arg in args:
        if os.path.isdir(arg):
            files = folder_files(arg)
            if not files:
                yield arg, "a folder with no release files (.txt, .htm or .html) in it"
            for path in files:
                yield path, None
        elif not os.path.exists(arg) and _is_quarter(arg):
            from tieout.edgar import EdgarError
            from tieout.edgar.earnings import quarter_file

            try:
                fetched, note = quarter_file(arg)
            except EdgarError as error:
                yield arg, str(error)
                continue
            if note:
                fail(arg, note)
            yield str(fetched), None
        else:
            yield arg, None


def _is_quarter(arg: str) -> bool:
    from tieout.edgar.targets import is_quarter_target

    return ":" in arg and is_quarter_target(arg)


def releases(
    paths: Iterable[str], reading: Reading
) -> Iterator[tuple[str, Release | None, str | None]]:
    """(path, release, None) for each readable file, (path, None, reason) for the others.

    ``paths`` are expanded first: folders to their release files, ``TICKER:YYYYQn`` to
    the release fetched from EDGAR (see ``expand``).
    """
    for path, unusable in expand(paths):
        if unusable is not None:
            fail(path, unusable)
            yield path, None, unusable
            continue
        try:
            with deadline(reading.timeout or None, path):
                release = read(Path(path), max_bytes=reading.max_bytes, encoding=reading.encoding)
        except UnreadableInput as error:
            if reading.debug and error.__cause__ is not None:  # a bug of ours, raised as unreadable
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
            if reading.debug:
                traceback.print_exc(file=sys.stderr)
            reason = f"internal error {type(error).__name__}: {error} (please report)"
            fail(path, reason)
            yield path, None, reason
            continue
        yield path, release, None


def one_release(path: str, reading: Reading) -> Release:
    """The release of one file, or a click error naming it and why it cannot be read."""
    for name, release, reason in releases((path,), reading):
        if release is None:
            raise click.ClickException(f"{name}: {reason}")
        return release
    raise click.ClickException(f"{path}: not read")
