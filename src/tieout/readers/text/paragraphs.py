"""Paragraphs of running text in a plain-text release: the lines no table holds.

A plain-text release interleaves prose with fixed-width tables. Every line that lies
outside the tables found (and outside EDGAR ``<TABLE>`` markup) belongs to the prose;
consecutive non-blank lines form one paragraph, joined with single spaces. A block
whose lines are mostly laid out in columns (a contact list, a table the table reader
did not take) is not prose and is left out. Headings are paragraphs too (one short
line), so later stages can read them as context.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import fields
from functools import partial

from tieout.extensions import compiled
from tieout.model import Document, Paragraph, Span
from tieout.tables.drafts import TableDraft

_MARKUP = re.compile(r"^\s*</?(?:TABLE|CAPTION|S|C|FN|PAGE|PRE|TEXT)\b[^>]*>", re.I)
_TABLE_OPEN = re.compile(r"^\s*<TABLE>", re.I)
_TABLE_CLOSE = re.compile(r"^\s*</TABLE>", re.I)
_BULLET = re.compile(r"^(?:-\s-|[-*•]|\(\w{1,3}\)|\d{1,2}\.)\s+")
_ITEM = re.compile(r"^\s*(?:-\s-\s|\u2022|\*\s|\(\w{1,2}\)\s)")
_SENTENCE_END = re.compile(r"[.!?][\"')]?$")
_GAP = re.compile(r"\S {3,}\S")
_RULE = re.compile(r"^[-=_*#\s]+$")
_LOWER_WORD = re.compile(r"[a-z]{3}")


def _is_columnar(text: str) -> bool:
    """A line laid out in columns: a wide gap between words (after any bullet)."""
    if "   " not in text:  # what a gap needs: most lines of prose have none
        return False
    body = _BULLET.sub("", text.strip())
    return bool(_GAP.search(body))


def _ends_sentence(text: str) -> bool:
    """Whether ``_SENTENCE_END`` finds a match in the text: its last characters read, where
    the search tried the pattern at every character of a table's title area. Its ``$`` is
    the text's end or a last newline's place, the case read by the pattern itself."""
    if text.endswith("\n"):
        return _SENTENCE_END.search(text) is not None
    last = text[-1:]
    if last in _STOPS:
        return True
    return last in _CLOSERS and text[-2:-1] in _STOPS


_STOPS, _CLOSERS = (".", "!", "?"), ('"', "'", ")")  # what ``_SENTENCE_END`` ends with


def _outside_tables(doc: Document, tables: Sequence[TableDraft]) -> list[bool]:
    """For each line of the document, whether it lies outside the tables found (or is
    running text a table's title area took in); markup and rules are set aside by
    ``_prose_blocks``."""
    lines = doc.lines
    keep = [True] * len(lines)
    for table in tables:
        first, last = table.extent
        lo = max(first - doc.first_line, 0)
        hi = min(last + 1 - doc.first_line, len(keep))
        if lo < hi:
            keep[lo:hi] = [False] * (hi - lo)
        _running_text_above(doc, table, keep)
    return keep


def _prose_blocks_python(lines: Sequence[str], keep: list[bool]) -> list[list[int]]:
    """The blocks of prose lines, in order: the lines kept (outside the tables, and
    outside EDGAR ``<TABLE>`` markup, not markup, not a rule) and not blank, one block
    per run of them, a bullet or a note mark opening a new one; a block whose lines are
    mostly laid out in columns left out.

    The specification of the compiled ``prose_blocks`` (``_runs.c``), which walks the
    lines once without a pattern's call per line (the rule, the item and the columns
    asked of most lines of a document)."""
    blocks: list[list[int]] = []
    current: list[int] = []
    in_markup = False
    for i, text in enumerate(lines):
        kept = keep[i]
        if "<" in text:  # what the markup needs; a rule line has none
            if _TABLE_OPEN.match(text):
                in_markup = True
            if in_markup or _MARKUP.match(text):
                kept = False
            if _TABLE_CLOSE.match(text):
                in_markup = False
        elif in_markup or (kept and _RULE.match(text)):
            kept = False
        if kept and text.strip():
            if current and _ITEM.match(text):
                blocks.append(current)  # a bullet or a note mark opens a new paragraph
                current = []
            current.append(i)
            continue
        if current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return [
        block
        for block in blocks
        if sum(1 for i in block if _is_columnar(lines[i])) * 2 <= len(block)
    ]


def _running_text_above(doc: Document, table: TableDraft, keep: list[bool]) -> None:
    """Sentences the table's title area took in above its header are prose after all."""
    lines = doc.lines
    # the first row's label line is the least of the rows': the text reader makes a
    # table's rows top to bottom (``tables._rows``: a row's label lines follow the row's
    # before it), so its every row was not read for it
    rows = table.rows
    first_row = rows[0].label_span.line if rows else table.first_line
    block: list[int] = []
    for line in range(table.first_line, first_row + 1):
        i = line - doc.first_line
        if 0 <= i < len(keep) and lines[i].strip() and line < first_row:
            block.append(i)
            continue
        if not block:
            continue  # a blank line after a blank line, or none above the row: no text
        # the block's text ends with its last line stripped (no line is empty): whether
        # it ends a sentence is read of that line, and the text is joined and its words
        # counted only then (most blocks above a table are titles, ending in none)
        if _ends_sentence(lines[block[-1]].strip()):
            text = " ".join([lines[j].strip() for j in block])
            if (
                len(text.split()) >= 6
                and _LOWER_WORD.search(text)  # running text, not a title in capitals
                and not any(_is_columnar(lines[j]) for j in block)
            ):
                for j in block:
                    keep[j] = True
        block = []


def _paragraph_python(
    lines: Sequence[str], block: list[int], first_line: int, exhibit: str | None
) -> Paragraph:
    """The paragraph of the lines at the block's indexes (a document's lines, its first
    source line and exhibit given): each line stripped, joined by single spaces, each
    line's piece the span of its stripped text on its source line.

    The specification of the compiled ``paragraph`` (``_runs.c``), which makes the same
    records as their ``__init__`` makes them, without two strips, a call and a record's
    ``__init__`` per line in Python (a text release's hundred paragraphs of a few lines)."""
    pieces: list[tuple[int, Span]] = []
    parts: list[str] = []
    offset = 0
    for i in block:
        raw = lines[i]
        stripped = raw.strip()
        col = len(raw) - len(raw.lstrip())
        if parts:
            offset += 1  # the space that joins it to the line before
        pieces.append((offset, Span(first_line + i, col, col + len(stripped))))
        parts.append(stripped)
        offset += len(stripped)
    return Paragraph(" ".join(parts), tuple(pieces), exhibit)


def _slots(kind: type) -> tuple[object, ...]:
    """A record's fields' slots, in its fields' order: what the compiled code sets."""
    return tuple(getattr(kind, f.name) for f in fields(kind))


_compiled = compiled("tieout.readers.text._runs")
COMPILED = _compiled is not None
# a paragraph: the compiled ``paragraph`` given the records' kinds, or its specification
_paragraph: Callable[[Sequence[str], list[int], int, str | None], Paragraph] = (
    partial(_compiled.paragraph, (Paragraph, _slots(Paragraph), Span, _slots(Span)))
    if _compiled is not None
    else _paragraph_python
)
if _compiled is not None:
    _compiled_blocks: Callable[..., list[list[int]]] = _compiled.prose_blocks


def _prose_blocks_compiled(lines: Sequence[str], keep: list[bool]) -> list[list[int]]:
    """``_prose_blocks_python`` compiled: given the markup's patterns, asked of a line
    holding "<"."""
    return _compiled_blocks(lines, keep, _TABLE_OPEN.match, _MARKUP.match, _TABLE_CLOSE.match)


# the prose blocks: the compiled ``prose_blocks`` where it is built, else its specification
_prose_blocks: Callable[[Sequence[str], list[bool]], list[list[int]]] = (
    _prose_blocks_compiled if _compiled is not None else _prose_blocks_python
)


def text_paragraphs(doc: Document, tables: Sequence[TableDraft]) -> list[Paragraph]:
    """The paragraphs of running text of a plain-text document, in order."""
    lines = doc.lines
    first, exhibit = doc.first_line, doc.exhibit
    return [
        _paragraph(lines, block, first, exhibit)
        for block in _prose_blocks(lines, _outside_tables(doc, tables))
    ]
