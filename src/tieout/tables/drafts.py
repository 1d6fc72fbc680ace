"""Drafts: what a reader saw of a table, before anything is decided about its meaning.

A reader (fixed-width text, HTML, later PDF or Word) finds where a table is and what is
printed in it: the texts over each column, each row's label, indent, rules and figures,
and the texts around the table that may give its title and scale. It decides nothing
else. ``tieout.tables.assemble`` turns a draft into a ``Table`` the same way for every
format: levels, sections, units, scale, cells, kinds, concepts, periods and segments.
The drafts are kept on the release as a trace, so ``--debug-tables`` shows every format
the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

from tieout.figures import Figure
from tieout.model import Rule, Span, quick_init


@quick_init
@dataclass(frozen=True, slots=True)
class Located:
    """A text printed somewhere in the source (a title line, a scale note)."""

    text: str
    span: Span | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class FigureDraft:
    """One printed figure of a row, in the column it sits under.

    ``figure`` is the print as read (value before any scale, decimals, flags and every
    reading), with the reader's own marks folded into its flags: a `$` printed in a cell
    of its own, a closing parenthesis printed apart, a footnote mark. ``power`` is a scale
    the figure carries itself (an inline XBRL ``scale`` attribute), in powers of ten.
    """

    column: int
    raw: str
    figure: Figure
    span: Span
    power: int | None = None


@quick_init
@dataclass(frozen=True, slots=True)
class RowDraft:
    """A labelled line of a table as printed: label, indent, rules, emphasis, figures.

    ``indent`` is in the reader's own measure (characters for fixed-width text, points
    for HTML); the table draft's ``indent_step`` says how far apart two levels are.
    ``line`` is the source line of the row's figures (of its label when it has none).
    """

    label: str
    label_span: Span
    indent: float
    line: int
    figures: tuple[FigureDraft, ...] = ()
    rule_above: Rule = Rule.NONE
    rule_below: Rule = Rule.NONE
    bold: bool = False


@quick_init
@dataclass(frozen=True, slots=True)
class ColumnDraft:
    """A column of figures: the header texts over it (top to bottom) and its extent."""

    texts: tuple[str, ...]
    start: int
    end: int


@quick_init
@dataclass(frozen=True, slots=True)
class TableDraft:
    """A table as a reader found it.

    ``title`` lists the texts that may title the table, in reading order; ``scales``
    lists groups of texts that may state its scale, the most trusted group first (the
    table's own head, then notes printed above it). ``continues`` says the table is
    printed right under the one before it, nothing between: without a scale of its own
    it keeps that one's (a segment's detail under the segment table). ``head`` is every
    text of the table's head (title and header lines), where a balance sheet says so.
    ``notes`` are the footnotes printed with the table: a title marked "(b)" may take
    its scale from the note "(b) Dollars in millions".
    """

    format: str
    exhibit: str | None
    first_line: int
    title: tuple[Located, ...]
    scales: tuple[tuple[Located, ...], ...]
    head: tuple[str, ...]
    columns: tuple[ColumnDraft, ...]
    rows: tuple[RowDraft, ...]
    indent_step: float = 1.0
    continues: bool = False
    notes: tuple[Located, ...] = ()  # footnotes printed with the table ("(b) Dollars in millions")

    @property
    def extent(self) -> tuple[int, int]:
        """The first and last source lines the table takes (its head and its rows)."""
        lines = [r.line for r in self.rows]
        return min(self.first_line, *lines), max(lines)
