"""Build documents and releases from text written inside a test."""

from __future__ import annotations

import textwrap

from tieout import checks
from tieout.model import Document, Release, Source, Table
from tieout.readers.text.tables import text_tables


def document(text: str, *, first_line: int = 1) -> Document:
    lines = tuple(textwrap.dedent(text).strip("\n").split("\n"))
    return Document.of_lines(Source("test.txt", "0" * 64, len(text), "text"), lines, first_line)


def tables(text: str) -> list[Table]:
    return text_tables(document(text))


def release(text: str) -> Release:
    doc = document(text)
    return checks.run(doc.source, [doc], text_tables(doc))


_APART = "\n" * 6  # blank lines between tables: each is read as a table of its own


def release_of_tables(*texts: str) -> Release:
    """A release of several tables, printed one after another."""
    return release(_APART.join(texts))


def line_of(figure: str, *texts: str) -> int:
    """The line of ``release_of_tables(*texts)`` (as ``document`` numbers them) that prints
    ``figure``; the figure must be printed once."""
    lines = document(_APART.join(texts)).lines
    (line,) = [n for n, text in enumerate(lines, 1) if figure in text]
    return line
