"""Options the commands share: how files are read, the output's format and where to
write it, the store, the filing dates."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from tieout.cli.common import Reading
from tieout.cli.dates import DateParam
from tieout.sources import MAX_BYTES

F = TypeVar("F", bound=Callable[..., Any])


def reading_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """Options that bound how a file is read: size, time, encoding, tracebacks. The
    command gets them as one ``reading`` argument (a ``Reading``)."""

    @functools.wraps(func)
    def command(
        *args: Any, max_bytes: int, timeout: float, encoding: str, debug: bool, **kwargs: Any
    ) -> Any:
        return func(*args, reading=Reading(max_bytes, timeout, encoding, debug), **kwargs)

    for option in reversed(
        (
            max_bytes_option("Refuse files larger than this."),
            timeout_option(60.0, "Give up on a file after this many seconds (0: no limit)."),
            encoding_option("Text encoding of the files (EDGAR filings are ASCII)."),
            click.option("--debug", is_flag=True, help="Show a traceback for internal errors."),
        )
    ):
        command = option(command)
    return command


def max_bytes_option(help: str) -> Callable[[F], F]:
    """``--max-bytes``: the size of the largest file read."""
    return click.option(
        "--max-bytes", type=click.IntRange(min=1), default=MAX_BYTES, show_default=True, help=help
    )


def timeout_option(default: float, help: str) -> Callable[[F], F]:
    """``--timeout``: seconds a file may take (0: no limit)."""
    return click.option(
        "--timeout", type=click.FloatRange(min=0), default=default, show_default=True, help=help
    )


def encoding_option(help: str) -> Callable[[F], F]:
    """``--encoding``: the text encoding of the files."""
    return click.option("--encoding", default="utf-8", show_default=True, help=help)


def count_option(
    *names: str, default: int, help: str, shown: bool | str = True
) -> Callable[[F], F]:
    """A whole number of at least one (workers, files, rows), its default shown (or
    described by ``shown``)."""
    return click.option(
        *names, type=click.IntRange(min=1), default=default, show_default=shown, help=help
    )


def folder_option(
    *names: str, help: str, default: str | None = None, required: bool = False
) -> Callable[[F], F]:
    """A folder to write into or read from; a default one is shown."""
    return click.option(
        *names,
        type=click.Path(file_okay=False),
        default=default,
        show_default=default is not None,
        required=required,
        help=help,
    )


def file_option(name: str, dest: str, help: str) -> Callable[[F], F]:
    """An existing file to read besides the command's own (none by default)."""
    return click.option(
        name, dest, type=click.Path(dir_okay=False, exists=True), default=None, help=help
    )


def store_option(help: str) -> Callable[[F], F]:
    """``--db``: the DuckDB store a command writes or reads (required)."""
    return click.option("--db", required=True, type=click.Path(dir_okay=False), help=help)


def dates_options(since: str, until: str) -> Callable[[F], F]:
    """``--since`` and ``--until``: the first and last day of filing (YYYY[-MM[-DD]])."""

    def add(func: F) -> F:
        func = click.option("--until", type=DateParam(last=True), default=None, help=until)(func)
        return click.option("--since", type=DateParam(), default=None, help=since)(func)

    return add


def format_option(choices: Sequence[str], help: str, *short: str) -> Callable[[F], F]:
    """``--format`` (``fmt``): one of ``choices``, the first the default."""
    return click.option(
        *short,
        "--format",
        "fmt",
        type=click.Choice(list(choices)),
        default=choices[0],
        show_default=True,
        help=help,
    )


def output_option(help: str, *, folder_too: bool = False) -> Callable[[F], F]:
    """``-o/--output``: a file to write (or, with ``folder_too``, a folder), none by default."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=folder_too, writable=True),
        default=None,
        help=help,
    )
