"""Grids to ``Table``s: titles, scale, columns and rows of each table of figures.

A table's title and scale come from its caption, the label rows above its header, the
header text left of its columns and the short lines printed just above the ``<table>``
(a title, "(In millions, except per share amounts)"). Only lines that read as a note
of scale count there: a sentence of prose that says "billion" never scales a table.
A table with no scale of its own printed right under another keeps that one's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from tieout.html.columns import BALANCE, header_texts, make_columns
from tieout.html.grid import Grid
from tieout.html.parts import Part, is_scale_note, split
from tieout.html.rows import Scale, build_rows
from tieout.html.where import Locator
from tieout.model import Table
from tieout.tables.scale import find_scale

_NOT_TITLE = re.compile(r"^\(?unaudited\)?$|^\(?see notes?\)?$|^\(?continued\)?$", re.I)


@dataclass(frozen=True, slots=True)
class Context:
    """What surrounds a grid: the short lines above it, and the scale of the table before."""

    above: tuple[str, ...]  # nearest last
    inherited: tuple[Decimal, str] | None


def _scale(
    part: Part, left: list[str], per_col: list[list[str]], caption: str, context: Context
) -> tuple[Decimal, str]:
    inside = [
        *left,
        *(item.text for line in part.title for item in line.items),
        *(t for texts in per_col for t in texts),
        caption,
    ]
    scale, text = find_scale([t for t in inside if t])
    if text:
        return scale, text
    notes = [t for t in reversed(context.above) if is_scale_note(t)]
    scale, text = find_scale(notes)
    if text:
        return scale, text
    if context.inherited is not None:
        return context.inherited
    return Decimal(1), ""


def grid_tables(
    grid: Grid, first_index: int, context: Context, where: Locator, exhibit: str | None
) -> list[Table]:
    """The tables of figures a grid holds, numbered from ``first_index``."""
    tables: list[Table] = []
    inherited = context.inherited
    for part in split(grid):
        per_col, left = header_texts(part)
        caption = grid.caption.value
        scale, scale_text = _scale(part, left, per_col, caption, Context(context.above, inherited))
        title_parts = [
            *([caption] if caption else []),
            *(context.above if not tables else ()),
            *(item.text for line in part.title for item in line.items),
            *left,
        ]
        title = " / ".join(
            t for t in title_parts if t and not _NOT_TITLE.match(t) and t != scale_text
        )
        balance = bool(BALANCE.search(" ".join([title, *left])))
        columns = make_columns(part, per_col, balance)
        rows = build_rows(part, columns, Scale(scale, scale_text, title), where)
        if not any(r.has_figures for r in rows):
            continue
        starts = [line.row.start for line in (*part.title, *part.header, *part.body)]
        top = grid.start if not tables else min((x for x in starts if x >= 0), default=-1)
        first_line = where.line(top) if top >= 0 else min(r.line for r in rows)
        tables.append(
            Table(
                index=first_index + len(tables),
                title=title,
                scale=scale,
                scale_text=scale_text,
                columns=tuple(columns),
                rows=tuple(rows),
                first_line=min(first_line, *(r.line for r in rows)),
                last_line=max(r.line for r in rows),
                exhibit=exhibit,
            )
        )
        if scale_text:
            inherited = (scale, scale_text)
    return tables
