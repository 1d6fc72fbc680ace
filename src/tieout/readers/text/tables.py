"""The fixed-width text reader: where each table is and what is printed in it, as drafts.

The layout is all there is: figures line up in columns, a header of years and period
words sits over them, labels sit at the left with indentation for nesting, rule lines
sit between items and their totals. ``blocks`` finds where tables are, ``columns``
their columns and headers; this module reads each into a ``TableDraft`` (labels joined
across lines, figures put in columns, rules), every figure keeping its position. What
the print means is decided by ``tieout.tables.assemble``, as for every format.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from functools import partial
from operator import attrgetter

from tieout.extensions import compiled
from tieout.model import Document, Rule, Span, Table
from tieout.readers.text.blocks import header_starts, regions, title_area, words_only
from tieout.readers.text.columns import figure_columns, header_texts
from tieout.readers.text.lines import FigureChunk, TextLine, read_lines
from tieout.tables.assemble import assemble
from tieout.tables.drafts import ColumnDraft, FigureDraft, Located, RowDraft, TableDraft
from tieout.tables.labels import continues
from tieout.tables.periods import names_period

_INHERIT_GAP = 15
_LINE = attrgetter("line")  # a row's source line: read of every row of every table


@dataclass(slots=True)
class _Draft:
    """A row while its table is being read (rules below are known only later)."""

    label: str
    label_line: int  # index into the document's lines
    label_start: int
    figures_line: int
    columns: list[int]  # the column of each figure
    figures: tuple[FigureChunk, ...]
    rule_above: Rule = Rule.NONE
    rule_below: Rule = Rule.NONE


def text_tables(doc: Document, first_index: int = 0) -> list[Table]:
    """Every table of figures in a plain-text document, numbered from ``first_index``."""
    return assemble(text_drafts(doc), first_index)


def text_drafts(doc: Document) -> list[TableDraft]:
    """The drafts of every table of figures in a plain-text document."""
    lines = read_lines(doc.lines)
    drafts: list[TableDraft] = []
    floor = 0
    last_line: int | None = None  # source line of the last row of the table before
    for start, end in regions(lines):
        cuts = [start, *header_starts(lines, start, end), end]
        seg_start = start
        for k in range(1, len(cuts)):
            seg_end = cuts[k]
            if k < len(cuts) - 1:
                # the next table's title sits above its header line: cut before it
                seg_end = title_area(lines, cuts[k], seg_start + 1)
            near = last_line is not None and doc.source_line(seg_start) - last_line <= _INHERIT_GAP
            draft = _draft(doc, lines, seg_start, seg_end, floor, near)
            if draft is not None:
                drafts.append(draft)
                last_line = max(map(_LINE, draft.rows))
            floor = seg_end
            seg_start = seg_end
        floor = end
    return drafts


def _draft(
    doc: Document, lines: list[TextLine], start: int, end: int, floor: int, near: bool
) -> TableDraft | None:
    """One table's draft from the lines [start, end), with its title and header above."""
    body_first = _first_row(lines, start, end)
    if body_first is None:
        return None
    header_end = body_first
    # Label lines directly above the first figure row belong to the body.
    while header_end - 1 >= max(floor, 0) and _is_label_line(lines[header_end - 1]):
        header_end -= 1
    top = title_area(lines, header_end, floor)
    body = [line for line in lines[header_end:end] if line.figures and not line.years_only]
    first = doc.first_line  # a line's source line is first + its index
    cols, placed = figure_columns(body)
    if not cols:
        return None
    per_col, titles = header_texts(lines, top, header_end, cols)
    area = [_located(lines[i].text, first + i) for i in range(top, header_end)]
    rows = _rows(lines, header_end, end, placed, first)
    if not _any_figures(rows):
        return None
    return TableDraft(
        format="text",
        exhibit=doc.exhibit,
        first_line=doc.source_line(top),
        title=tuple([Located(text, Span(first + i, at, at + len(text))) for i, at, text in titles]),
        scales=(tuple(area),),
        head=tuple([t.text for t in area]),
        columns=tuple([ColumnDraft(tuple(per_col[j]), s, e) for j, (s, e) in enumerate(cols)]),
        rows=tuple(rows),
        continues=near,
    )


# the first row and whether a row holds figures, each found by a loop: a generator left
# at its first answer is closed by an exception thrown into its frame (about 3,000
# instructions, three times a loop's whole cost), twice a table


def _first_row(lines: list[TextLine], start: int, end: int) -> int | None:
    """The index of the first line of [start, end) with figures that are not years alone."""
    for i in range(start, end):
        line = lines[i]
        if line.figures and not line.years_only:
            return i
    return None


def _any_figures(rows: list[RowDraft]) -> bool:
    """Whether a row holds a figure."""
    for r in rows:  # noqa: SIM110 - all/any of a generator: see above
        if r.figures:
            return True
    return False


def _located(text: str, line: int) -> Located:
    """A title or header line on its source line, its span that of its stripped text."""
    stripped = text.strip()
    at = len(text) - len(text.lstrip()) if stripped else 0  # where its first character is
    return Located(text, Span(line, at, at + len(stripped)))


def _is_label_line(line: TextLine) -> bool:
    return words_only(line) and line.label_start < 40 and not names_period(line.text)


def _rows_python(
    lines: list[TextLine],
    start: int,
    end: int,
    placed: list[list[int]],
    first: int,
) -> list[RowDraft]:
    """Rows from the body lines: labels joined across lines, figures put in columns.

    ``placed`` holds the columns of each figure row's figures, in order: the lines of
    [start, end) with figures that are not years alone, the rows ``figure_columns`` placed.
    ``first`` is the document's first source line (a line's is ``first`` + its index).

    The specification of the compiled ``rows`` (``_runs.c``), which walks the lines and
    makes the rows' drafts in one call (the loop, a record per row and a call per row
    and per label line were a fifth of the reader's time).
    """
    columns = iter(placed)
    drafts: list[_Draft] = []
    group: list[int] = []  # indexes of label-only lines waiting for their figures
    gap = False  # a blank line since the last label line
    pending_rule = Rule.NONE

    def flush() -> None:
        nonlocal group, pending_rule
        if group:
            text = " ".join(_words(lines[g]) for g in group)
            drafts.append(
                _Draft(text, group[0], lines[group[0]].label_start, group[0], [], (), pending_rule)
            )
            pending_rule = Rule.NONE
        group = []

    for i in range(start, end):
        line = lines[i]
        if line.markup:
            continue
        if line.blank:
            gap = True
            continue
        if line.rule is not Rule.NONE and line.label:
            # a label wrapped across a rule: the label runs on, the rule is above its row
            if group and not gap and continues(_words(lines[group[-1]]), line.label):
                group.append(i)
            else:
                flush()
                group = [i]
            if drafts and drafts[-1].figures and drafts[-1].rule_below is Rule.NONE:
                drafts[-1].rule_below = line.rule
            pending_rule = line.rule
            gap = False
            continue
        if line.rule is not Rule.NONE:
            flush()
            if drafts and drafts[-1].figures and drafts[-1].rule_below is Rule.NONE:
                drafts[-1].rule_below = line.rule
            if line.rule is Rule.DOUBLE or pending_rule is Rule.NONE:
                pending_rule = line.rule
            gap = False
            continue
        if line.years_only:
            continue
        if not line.figures:
            if group and not gap and continues(_words(lines[group[-1]]), line.text):
                group.append(i)
            else:
                flush()
                group = [i]
            gap = False
            continue
        label = line.label
        label_line, label_start = i, line.label_start
        if group and not gap and (not label or continues(_words(lines[group[-1]]), label)):
            label = " ".join([*(_words(lines[g]) for g in group), label]).strip()
            label_line, label_start = group[0], lines[group[0]].label_start
            group = []
        else:
            flush()
        drafts.append(
            _Draft(label, label_line, label_start, i, next(columns), line.figures, pending_rule)
        )
        pending_rule = Rule.NONE
        gap = False
    flush()
    return [_row(first, lines, d) for d in drafts]


def _words(line: TextLine) -> str:
    """The words of a label line (without the rule a wrapped label shares its line with)."""
    return line.label if line.rule is not Rule.NONE else line.text.strip()


def _row(first: int, lines: list[TextLine], d: _Draft) -> RowDraft:
    return _row_draft(
        d.label,
        first + d.label_line,
        d.label_start,
        d.label_start + len(_words(lines[d.label_line])),
        first + d.figures_line,
        d.columns,
        d.figures,
        d.rule_above,
        d.rule_below,
    )


def _row_draft_python(
    label: str,
    label_line: int,
    label_start: int,
    label_end: int,
    line: int,
    columns: list[int],
    figures: tuple[FigureChunk, ...],
    rule_above: Rule,
    rule_below: Rule,
) -> RowDraft:
    """A row's draft: its label's span on ``label_line``, each figure in its column with
    its span on ``line`` (the source line of the figures), the rules above and below.

    The specification of the compiled ``row_draft`` (``_runs.c``), which makes the same
    records as their ``__init__`` makes them, without a call of it per record (a row's
    records were 5 us of the reader's time a row)."""
    drafts = [
        FigureDraft(col, f.raw, f.figure, Span(line, f.start, f.end))
        for col, f in zip(columns, figures, strict=True)
    ]
    # positional, in RowDraft's order: label, label_span, indent, line, figures, rules
    return RowDraft(
        label,
        Span(label_line, label_start, label_end),
        label_start,
        line,
        tuple(drafts),
        rule_above,
        rule_below,
    )


def _slots(kind: type) -> tuple[object, ...]:
    """A record's fields' slots, in its fields' order: what the compiled code sets."""
    return tuple(getattr(kind, f.name) for f in fields(kind))


_compiled = compiled("tieout.readers.text._runs")
COMPILED = _compiled is not None
# a row's draft: the compiled ``row_draft`` given the records' kinds, or its specification
_ROW_KINDS = (RowDraft, _slots(RowDraft), FigureDraft, _slots(FigureDraft), Span, _slots(Span))
_row_draft: Callable[..., RowDraft] = (
    partial(_compiled.row_draft, _ROW_KINDS) if _compiled is not None else _row_draft_python
)
if _compiled is not None:
    _compiled_rows: Callable[..., list[RowDraft]] = _compiled.rows


def _rows_compiled(
    lines: list[TextLine], start: int, end: int, placed: list[list[int]], first: int
) -> list[RowDraft]:
    """``_rows_python`` compiled: given the records' kinds, the label joining
    (``continues``) and the rules it compares a line's with."""
    return _compiled_rows(
        _ROW_KINDS, lines, start, end, placed, first, continues, Rule.NONE, Rule.DOUBLE
    )


# a table's rows: the compiled ``rows`` where it is built, else its specification
_rows: Callable[[list[TextLine], int, int, list[list[int]], int], list[RowDraft]] = (
    _rows_compiled if _compiled is not None else _rows_python
)
