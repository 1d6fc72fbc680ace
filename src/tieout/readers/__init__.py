"""Readers: one per format, side by side; each says what is printed where, as drafts.

    text   fixed-width plain text (EDGAR's own, and <pre> inside HTML)
    html   HTML releases, 2001 to today

A reader is a (format, sniff, read) entry of ``READERS``: ``sniff`` says whether a
document's text is written in its format, ``read`` turns a ``Document`` into table
drafts and paragraphs. Readers decide nothing about meaning: ``tieout.tables.assemble``
makes tables of every reader's drafts alike. A new format (PDF, Word) is one folder
here that produces drafts and one line in ``READERS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tieout.model import Document, Format, Paragraph
from tieout.readers.html import html_drafts
from tieout.readers.html.sniff import looks_html
from tieout.readers.text import text_reader
from tieout.tables.drafts import TableDraft

Drafts = tuple[list[TableDraft], list[Paragraph]]


@dataclass(frozen=True, slots=True)
class Reader:
    """A format, how to tell a text is written in it, and how to read a document of it."""

    format: Format
    sniff: Callable[[str], bool]
    read: Callable[[Document], Drafts]


def _any(text: str) -> bool:
    return True


# Tried in order by ``sniff``: the first whose test passes reads the document.
READERS: tuple[Reader, ...] = (
    Reader(Format.HTML, looks_html, html_drafts),
    Reader(Format.TEXT, _any, text_reader),
)


def sniff(text: str) -> Format:
    """The format a document's text is written in."""
    return next(r.format for r in READERS if r.sniff(text))


def reader_for(fmt: Format | str) -> Reader | None:
    """The reader of a format, or None when tieout reads no such format yet."""
    return next((r for r in READERS if r.format == fmt), None)
