"""Tables from fixed-width text: rows, labels, levels, rules, units, cells.

The layout is all there is: figures line up in columns, a header of years and period
words sits over them, labels sit at the left with indentation for nesting, rule lines
sit between items and their totals. ``blocks`` finds where tables are, ``columns``
their columns and headers; this module builds each into a ``Table`` of rows and cells,
every figure keeping its position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from tieout.concepts import concept_of
from tieout.model import (
    Cell,
    Column,
    Document,
    Period,
    Row,
    RowKind,
    Rule,
    Span,
    Table,
    Unit,
    cell_unit,
)
from tieout.tables.blocks import header_starts, is_prose, regions, title_area
from tieout.tables.columns import column_of, column_units, figure_columns, header_texts
from tieout.tables.labels import continues
from tieout.tables.lines import FigureChunk, TextLine, read_line
from tieout.tables.periods import PERIOD_WORDS, parse_period
from tieout.tables.scale import find_scale
from tieout.tables.units import any_dollar, classify_row, row_factor

_INHERIT_GAP = 15
_NOT_TITLE = re.compile(r"^\(?unaudited\)?$|^\(?see notes?\)?$|^\(?continued\)?$", re.I)
_CHANGE = re.compile(r"\bchange\b|%|\bvariance\b|\bincrease\b|\bdecrease\b|\bpercent", re.I)
_DURATION = re.compile(r"\b(?:weeks?|months?|quarters?|years?)\s+ended\b", re.I)
_BALANCE = re.compile(r"balance\s+sheets?|financial\s+(?:position|condition)", re.I)


@dataclass
class _Draft:
    """A row while its table is being read (rules below are known only later)."""

    label: str
    label_line: int  # index into the document's lines
    label_start: int
    figures_line: int
    figures: tuple[tuple[int, FigureChunk], ...]  # (column index, figure)
    rule_above: Rule = Rule.NONE
    rule_below: Rule = Rule.NONE


def _levels(starts: list[int]) -> dict[int, int]:
    return {s: i for i, s in enumerate(sorted(set(starts)))}


def text_tables(doc: Document, first_index: int = 0) -> list[Table]:
    """Every table of figures in a plain-text document, numbered from ``first_index``."""
    lines = [read_line(t) for t in doc.lines]
    tables: list[Table] = []
    floor = 0
    for start, end in regions(lines):
        cuts = [start, *header_starts(lines, start, end), end]
        seg_start = start
        for k in range(1, len(cuts)):
            seg_end = cuts[k]
            if k < len(cuts) - 1:
                # the next table's title sits above its header line: cut before it
                seg_end = title_area(lines, cuts[k], seg_start + 1)
            previous = tables[-1] if tables and tables[-1].exhibit == doc.exhibit else None
            near = (
                previous is not None
                and doc.source_line(seg_start) - previous.last_line <= _INHERIT_GAP
            )
            inherited = (previous.scale, previous.scale_text) if previous and near else None
            table = _build(
                doc, lines, seg_start, seg_end, floor, first_index + len(tables), inherited
            )
            if table is not None:
                tables.append(table)
            floor = seg_end
            seg_start = seg_end
        floor = end
    return tables


def _build(
    doc: Document,
    lines: list[TextLine],
    start: int,
    end: int,
    floor: int,
    index: int,
    inherited: tuple[Decimal, str] | None = None,
) -> Table | None:
    """One table from the lines [start, end), with its title and header above ``start``."""
    body_first = next(
        (i for i in range(start, end) if lines[i].figures and not lines[i].years_only), None
    )
    if body_first is None:
        return None
    header_end = body_first
    # Label lines directly above the first figure row belong to the body.
    while header_end - 1 >= max(floor, 0) and _is_label_line(lines[header_end - 1]):
        header_end -= 1
    top = title_area(lines, header_end, floor)
    body = [
        lines[i] for i in range(header_end, end) if lines[i].figures and not lines[i].years_only
    ]
    cols = figure_columns(body)
    if not cols:
        return None
    per_col, title_lines = header_texts(lines, top, header_end, cols)
    area_text = [lines[i].text for i in range(top, header_end)]
    scale, scale_text = find_scale(area_text)
    if not scale_text and inherited is not None:
        # a sub-table printed right under another (a segment's detail) keeps its scale
        scale, scale_text = inherited
    title = " / ".join(
        t
        for t in title_lines
        if t and not _NOT_TITLE.match(t) and t is not scale_text and t != scale_text
    )
    balance = bool(_BALANCE.search(" ".join(area_text)))
    # "For the 13 Weeks Ended July 3, 2004 and June 28, 2003" in the title dates columns
    # headed only "Domestic 2004", "Domestic 2003"
    dated_title = [t for t in title_lines if _DURATION.search(t)]
    periods = [
        None if _CHANGE.search(" ".join(texts)) else _period(texts, dated_title, balance)
        for texts in per_col
    ]
    labels = [
        re.sub(r"\s+", " ", " ".join(texts)).strip() or f"column {j + 1}"
        for j, texts in enumerate(per_col)
    ]
    keys = [p.key if p else None for p in periods]
    units = column_units(body, cols, per_col)
    columns = []
    for j, (s, e) in enumerate(cols):
        segment = None
        if keys[j] is not None and keys.count(keys[j]) > 1:
            words = [
                t
                for t in per_col[j]
                if not PERIOD_WORDS.search(t) and not any(c.isdigit() for c in t)
            ]
            segment = " ".join(words) or None
        change = bool(_CHANGE.search(" ".join(per_col[j])))
        columns.append(Column(j, labels[j], periods[j], s, e, segment, units[j], change))
    rows = _rows(doc, lines, header_end, end, cols, columns, scale, scale_text, title)
    if not any(r.has_figures for r in rows):
        return None
    return Table(
        index=index,
        title=title,
        scale=scale,
        scale_text=scale_text,
        columns=tuple(columns),
        rows=tuple(rows),
        first_line=doc.source_line(top),
        last_line=max(r.line for r in rows),
        exhibit=doc.exhibit,
    )


def _period(texts: list[str], dated_title: list[str], balance: bool) -> Period | None:
    """The column's period from its own header, completed from the title when it says more."""
    own = parse_period(texts, balance_sheet=balance)
    if (own is not None and own.known) or not dated_title:
        return own
    titled = parse_period([*dated_title, *texts], balance_sheet=balance)
    return titled if titled is not None and titled.known else own


def _is_label_line(line: TextLine) -> bool:
    return (
        not line.blank
        and not line.figures
        and line.rule is Rule.NONE
        and not line.markup
        and not is_prose(line)
        and line.label_start < 40
        and not PERIOD_WORDS.search(line.text)
    )


def _rows(
    doc: Document,
    lines: list[TextLine],
    start: int,
    end: int,
    cols: list[tuple[int, int]],
    columns: list[Column],
    scale: Decimal,
    scale_text: str,
    title: str = "",
) -> list[Row]:
    """Rows from the body lines: labels joined across lines, figures put in columns."""
    drafts: list[_Draft] = []
    group: list[int] = []  # indexes of label-only lines waiting for their figures
    gap = False  # a blank line since the last label line
    pending_rule = Rule.NONE

    def flush() -> None:
        nonlocal group, pending_rule
        if group:
            text = " ".join(lines[g].text.strip() for g in group)
            drafts.append(
                _Draft(text, group[0], lines[group[0]].label_start, group[0], (), pending_rule)
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
            if group and not gap and continues(lines[group[-1]].text, line.text):
                group.append(i)
            else:
                flush()
                group = [i]
            gap = False
            continue
        label = line.label
        label_line, label_start = i, line.label_start
        if group and not gap and (not label or continues(lines[group[-1]].text, label)):
            label = " ".join([*(lines[g].text.strip() for g in group), label]).strip()
            label_line, label_start = group[0], lines[group[0]].label_start
            group = []
        else:
            flush()
        placed = tuple((column_of(f.num_start, f.num_end, cols), f) for f in line.figures)
        drafts.append(_Draft(label, label_line, label_start, i, placed, pending_rule))
        pending_rule = Rule.NONE
        gap = False
    flush()
    return _freeze(doc, lines, drafts, columns, scale, scale_text, title)


def _freeze(
    doc: Document,
    lines: list[TextLine],
    drafts: list[_Draft],
    columns: list[Column],
    scale: Decimal,
    scale_text: str,
    title: str = "",
) -> list[Row]:
    levels = _levels([d.label_start for d in drafts])
    rows: list[Row] = []
    heads: list[tuple[int, str, bool]] = []  # (level, label, dashed items) of the heads above
    for d in drafts:
        level = levels[d.label_start]
        label = re.sub(r"\s+", " ", d.label).strip()
        label = re.sub(r"^- - ", "- ", label)
        if d.rule_above is Rule.DOUBLE:
            heads.clear()  # a double rule closes everything above it
        if d.figures and heads and heads[-1][0] == level:
            # items printed flush with their head mark themselves with a dash ("- As
            # Reported"); an undashed row after dashed ones is out of the section
            dashed = label.startswith("-")
            if dashed:
                heads[-1] = (level, heads[-1][1], True)
            elif heads[-1][2]:
                heads.pop()
        # a head rules the rows at its level and deeper until a head at its level or above;
        # a head directly under another head at its level is a sub-head ("Basic" under
        # "EARNINGS PER COMMON SHARE"), not its successor
        sub_head = not d.figures and bool(rows) and rows[-1].kind is RowKind.HEADER
        while heads and (
            heads[-1][0] > level or (not d.figures and heads[-1][0] == level and not sub_head)
        ):
            heads.pop()
        section = heads[-1][1].rstrip(":").strip() if heads else None
        context = " ".join(h[1] for h in heads)
        label_span = Span(
            doc.source_line(d.label_line),
            d.label_start,
            d.label_start + len(lines[d.label_line].text.strip()),
        )
        if not d.figures:
            rows.append(
                Row(
                    len(rows),
                    label,
                    level,
                    RowKind.HEADER,
                    Unit.USD,
                    tuple(None for _ in columns),
                    doc.source_line(d.label_line),
                    label_span,
                    d.rule_above,
                    d.rule_below,
                    None,
                    section,
                )
            )
            heads.append((level, label, False))
            continue
        figs = [f for col, f in d.figures if columns[col].unit is None] or [f for _, f in d.figures]
        prints = [f.figure for f in figs]
        unit = classify_row(
            label,
            section,
            context,
            prints,
            dollar=any_dollar([f.flags for f in prints]),
            scale=scale,
            scale_text=scale_text,
            title=title,
        )
        factor = row_factor(unit, label, section, scale, scale_text)
        cells: list[Cell | None] = [None for _ in columns]
        line_no = doc.source_line(d.figures_line)
        for col, f in d.figures:
            fig = f.figure
            own = cell_unit(columns[col].unit, unit) is not unit
            cell_factor = Decimal(1) if own else factor
            if cells[col] is not None:
                continue
            cells[col] = Cell(
                raw=f.raw,
                value=_units(fig.value * cell_factor),
                precision=_units(fig.precision * cell_factor),
                span=Span(line_no, f.start, f.end),
                column=col,
                flags=fig.flags,
                readings=tuple(_units(r * cell_factor) for r in fig.readings),
            )
        kind = _kind(label, d)
        rows.append(
            Row(
                len(rows),
                label,
                level,
                kind,
                unit,
                tuple(cells),
                line_no,
                label_span,
                d.rule_above,
                d.rule_below,
                concept_of(label) if unit is not Unit.PURE else None,  # kWh sales are not revenue
                section,
            )
        )
    return rows


def _units(value: Decimal) -> Decimal:
    """A scaled value without a spurious exponent or trailing zeros (12.5 million: 12500000)."""
    value = value.normalize()
    exponent = value.as_tuple().exponent
    return value.quantize(Decimal(1)) if isinstance(exponent, int) and exponent > 0 else value


def _kind(label: str, d: _Draft) -> RowKind:
    totalish = label.lower().startswith("total")
    if d.rule_above is Rule.SINGLE and (d.rule_below is Rule.DOUBLE or totalish):
        return RowKind.TOTAL
    if d.rule_above is Rule.SINGLE or totalish:
        return RowKind.SUBTOTAL
    return RowKind.ITEM
