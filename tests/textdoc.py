"""Build documents and releases from text written inside a test."""

from __future__ import annotations

import textwrap

from tieout import checks
from tieout.model import Document, Release, Source, Table
from tieout.readers.text.tables import text_tables


def document(text: str, *, first_line: int = 1) -> Document:
    lines = tuple(textwrap.dedent(text).strip("\n").split("\n"))
    return Document(Source("test.txt", "0" * 64, len(text), "text"), lines, first_line)


def tables(text: str) -> list[Table]:
    return text_tables(document(text))


def release(text: str) -> Release:
    doc = document(text)
    return checks.run(doc.source, [doc], text_tables(doc))
