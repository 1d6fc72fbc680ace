"""Grids to table drafts: what may title and scale each table of figures, and its rows.

A table's title and scale come from its caption, the label rows above its header, the
header text left of its columns and the short lines printed just above the ``<table>``
(a title, "(In millions, except per share amounts)"). Only lines that read as a note
of scale count there: a sentence of prose that says "billion" never scales a table.
A table with no scale of its own printed right under another keeps that one's (the
assembler decides, from ``TableDraft.continues``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tieout.readers.html.columns import header_texts
from tieout.readers.html.grid import Grid
from tieout.readers.html.parts import Kind, is_scale_note, split
from tieout.readers.html.rows import INDENT_STEP, row_drafts
from tieout.readers.html.text import Text
from tieout.readers.html.where import Locator
from tieout.tables.drafts import ColumnDraft, Located, TableDraft

_FOOTNOTE = re.compile(r"^\s*\(([a-z]|\d{1,2})\)\s*\S")


@dataclass(frozen=True, slots=True)
class Context:
    """What surrounds a grid: the short lines above it, and whether it follows a table."""

    above: tuple[Located, ...]  # nearest last
    continues: bool
    pending: tuple[Located, ...] = ()  # scale notes since the last table, across prose


def located(text: Text, where: Locator) -> Located:
    """A text of the document with its place in the file."""
    return Located(text.value, where.span(text) if text.value else None)


def grid_drafts(
    grid: Grid, context: Context, where: Locator, exhibit: str | None
) -> list[TableDraft]:
    """The drafts of the tables of figures a grid holds."""
    drafts: list[TableDraft] = []
    parts = split(grid)
    if not parts:  # no table of figures (a layout grid, a grid of words)
        return drafts
    notes = tuple(t for t in reversed(context.above) if is_scale_note(t.text))
    footnotes = tuple(
        located(line.items[0].cell.text, where)
        for part in parts
        for line in part.body
        if line.kind is Kind.LABEL and line.items and _FOOTNOTE.match(line.items[0].text)
    )
    caption = located(grid.caption, where)
    for part in parts:
        per_col, left_texts = header_texts(part)
        left = [located(t, where) for t in left_texts]
        titled = [located(item.cell.text, where) for line in part.title for item in line.items]
        columns = [[located(t, where) for t in texts] for texts in per_col]
        inside = (*left, *titled, *(t for texts in columns for t in texts), caption)
        title = (
            *([caption] if caption.text else []),
            *(context.above if not drafts else ()),
            *titled,
            *left,
        )
        rows = row_drafts(part, where)
        if not any(r.figures for r in rows):
            continue
        starts = [line.row.start for line in (*part.title, *part.header, *part.body)]
        top = grid.start if not drafts else min((x for x in starts if x >= 0), default=-1)
        first_line = where.line(top) if top >= 0 else min(r.line for r in rows)
        drafts.append(
            TableDraft(
                format="html",
                exhibit=exhibit,
                first_line=first_line,
                title=title,
                scales=(inside, notes, context.pending),
                head=tuple(t.text for t in title),
                columns=tuple(
                    ColumnDraft(tuple(t.text for t in texts), lo, hi)
                    for texts, (lo, hi) in zip(columns, part.columns, strict=True)
                ),
                rows=tuple(rows),
                indent_step=INDENT_STEP,
                continues=context.continues or bool(drafts),
                notes=footnotes,
            )
        )
    return drafts
