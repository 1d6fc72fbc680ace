"""Tables from fixed-width text: blocks, columns by alignment, headers, rows, rules.

The layout is all there is: figures line up in columns, a header of years and period
words sits over them, labels sit at the left with indentation for nesting, rule lines
sit between items and their totals. This module reads that layout into ``Table``s and
keeps every figure's position.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from tieout.concepts import concept_of
from tieout.model import (
    Cell,
    CellFlag,
    Column,
    Document,
    Row,
    RowKind,
    Rule,
    Span,
    Table,
    Unit,
    cell_unit,
)
from tieout.tables.lines import FigureChunk, TextLine, chunks, clean, is_year, read_line
from tieout.tables.periods import HEADER_ANCHOR, PERIOD_WORDS, parse_period
from tieout.tables.scale import _PER_SHARE, find_scale, row_unit, unit_scale

_MAX_TITLE_LINES = 16
_INHERIT_GAP = 15
_BLANKS_END_TITLE = 5
_BLANKS_END_TABLE = 8
_HEADER_INDENT = 24  # a line starting this far right sits over the figure columns
_CONNECTOR = re.compile(
    r"(?:,|(?<=[a-z])-|&|/|\b(?:and|of|to|for|per|in|on|the|before|from|applicable|attributable|with|or|at|by|net))$",
    re.I,
)
_TABLE_OPEN = re.compile(r"^\s*<TABLE>", re.I)
_TABLE_CLOSE = re.compile(r"^\s*</TABLE>", re.I)
_NOT_TITLE = re.compile(r"^\(?unaudited\)?$|^\(?see notes?\)?$|^\(?continued\)?$", re.I)
_EXHIBIT_MARK = re.compile(r"^\s*exhibit\s+\d+(?:\.\d+)?\s*$", re.I)
# a scale of physical quantities, not money: "(In Millions of KWHs)"
_QUANTITY = re.compile(r"\bof\s+(?!dollars|u\.?s\.?\s+dollars|usd)[a-z]+", re.I)
_CHANGE = re.compile(r"\bchange\b|%|\bvariance\b|\bincrease\b|\bdecrease\b|\bpercent", re.I)
_COUNTED = re.compile(r"\bstores?\b|\bemployees\b|\bheadcount\b|\blocations\b|\bcustomers\b", re.I)
_BALANCE = re.compile(r"balance\s+sheets?|financial\s+(?:position|condition)", re.I)


def _is_prose(line: TextLine) -> bool:
    """A line of running text: long, one chunk, starting near the margin."""
    text = line.text.rstrip()
    if line.figures or line.rule is not Rule.NONE or line.markup:
        return False
    stripped = text.strip()
    return len(stripped) >= 60 and len(chunks(clean(text))) == 1 and len(stripped.split()) >= 8


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


def _regions(lines: list[TextLine]) -> list[tuple[int, int]]:
    """Spans [start, end) of lines that hold figure rows and no prose between them."""
    regions: list[tuple[int, int]] = []
    start: int | None = None
    last_fig = -1
    blanks = 0
    in_markup_table = False
    for i, line in enumerate(lines):
        closing = _TABLE_CLOSE.match(line.text) is not None
        opening = _TABLE_OPEN.match(line.text) is not None
        is_row = bool(line.figures) and not line.years_only
        breaks = _is_prose(line) or closing or opening or blanks >= _BLANKS_END_TABLE
        if breaks and start is not None:
            regions.append((start, last_fig + 1))
            start = None
        if opening:
            in_markup_table = True
        if closing:
            in_markup_table = False
        blanks = blanks + 1 if line.blank else 0
        if is_row:
            if start is None:
                start = i
            last_fig = i
        elif line.rule is not Rule.NONE and start is not None:
            last_fig = i
    if start is not None:
        regions.append((start, last_fig + 1))
    del in_markup_table
    return regions


def _header_starts(lines: list[TextLine], start: int, end: int) -> list[int]:
    """Indexes of year-header lines inside a region that open a new table."""
    starts = []
    seen_row = False
    for i in range(start, end):
        line = lines[i]
        if (line.years_only or _period_header(line)) and seen_row:
            starts.append(i)
            seen_row = False
        elif line.figures and not line.years_only:
            seen_row = True
    return starts


def _period_header(line: TextLine) -> bool:
    """A header line over the figure columns: period words, no figures, far from the margin."""
    return (
        not line.figures
        and not line.markup
        and line.rule is Rule.NONE
        and not line.blank
        and not _is_prose(line)
        and len(line.text) - len(line.text.lstrip()) >= _HEADER_INDENT
        and bool(PERIOD_WORDS.search(line.text))
    )


def _title_area(lines: list[TextLine], first: int, floor: int) -> int:
    """The first line of the title and header lines above line ``first``."""
    i = first
    blanks = 0
    top = first
    while i - 1 >= floor and first - (i - 1) <= _MAX_TITLE_LINES:
        line = lines[i - 1]
        if (
            _is_prose(line)
            or (line.figures and not line.years_only)
            or _TABLE_CLOSE.match(line.text)
        ):
            break
        if line.blank:
            blanks += 1
            if blanks >= _BLANKS_END_TITLE:
                break
        else:
            blanks = 0
            top = i - 1
        i -= 1
    return top


def _columns(rows: list[TextLine]) -> list[tuple[int, int]]:
    """Column extents: the union of overlapping digit spans of figures in rows."""
    spans = sorted((f.num_start, f.num_end) for r in rows for f in r.figures)
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    cols = [(s, e) for s, e in merged]
    if any(_conflicts(r, cols) for r in rows):
        cols = _columns_by_right_edge(rows)
    return cols


def _conflicts(row: TextLine, cols: list[tuple[int, int]]) -> bool:
    hits = [_column_of(f.num_start, f.num_end, cols) for f in row.figures]
    return len(hits) != len(set(hits))


def _columns_by_right_edge(rows: list[TextLine]) -> list[tuple[int, int]]:
    """Fallback: group figures whose last digits end within two characters."""
    figs = sorted((f.num_end, f.num_start) for r in rows for f in r.figures)
    groups: list[list[tuple[int, int]]] = []
    for end, start in figs:
        if groups and end - groups[-1][-1][0] <= 2:
            groups[-1].append((end, start))
        else:
            groups.append([(end, start)])
    return [(min(s for _, s in g), max(e for e, _ in g)) for g in groups]


def _column_of(start: int, end: int, cols: list[tuple[int, int]]) -> int:
    """The column a span belongs to: the one it overlaps most, else the nearest."""
    best, best_overlap = -1, 0
    for i, (cs, ce) in enumerate(cols):
        overlap = min(end, ce) - max(start, cs)
        if overlap > best_overlap:
            best, best_overlap = i, overlap
    if best >= 0:
        return best
    centre = (start + end) / 2
    return min(range(len(cols)), key=lambda i: abs((cols[i][0] + cols[i][1]) / 2 - centre))


def _header_texts(
    lines: list[TextLine], start: int, end: int, cols: list[tuple[int, int]]
) -> tuple[list[list[str]], list[str]]:
    """Header words per column (top to bottom), and the title lines left of the columns.

    A year belongs to the column it sits over. Any other header text spans: it owns the
    stretch of its line up to halfway to its neighbours, and heads every column whose
    centre lies in that stretch ("Three Months Ended" over both of its years).
    """
    per_col: list[list[str]] = [[] for _ in cols]
    title: list[str] = []
    left = cols[0][0] - 4 if cols else 0
    centres = [(cs + ce) / 2 for cs, ce in cols]
    years_at = [i for i in range(start, end) if lines[i].years_only]
    for i in range(start, end):
        line = lines[i]
        if (
            line.blank
            or line.markup
            or line.rule is not Rule.NONE
            or _EXHIBIT_MARK.match(line.text)
        ):
            continue
        parts = [q for p in chunks(clean(line.text)) for q in _split_anchors(p, cols)]
        in_area = [p for p in parts if p[1] > left]
        is_header = line.years_only or (in_area and all(p[0] >= left - 2 for p in in_area))
        if not is_header:
            title.append(line.text.strip())
            continue
        title.extend(text for s, e, text in parts if e <= left)
        spanning = [p for p in in_area if not is_year(p[2]) and find_scale([p[2]])[0] == 1]
        title.extend(p[2] for p in in_area if not is_year(p[2]) and find_scale([p[2]])[0] != 1)
        for s, e, text in in_area:
            if is_year(text):
                per_col[_column_of(s, e, cols)].append(text)
        # Over a line of years, fewer texts than columns span; otherwise each heads its own.
        spans = bool(years_at) and i < years_at[-1] and len(spanning) < len(cols)
        for k, (s, e, text) in enumerate(spanning):
            lo = (spanning[k - 1][1] + s) / 2 if k > 0 else float("-inf")
            hi = (e + spanning[k + 1][0]) / 2 if k + 1 < len(spanning) else float("inf")
            if spans:
                hit = [j for j, c in enumerate(centres) if lo <= c < hi]
            else:
                hit = [j for j, (cs, ce) in enumerate(cols) if min(e, ce) - max(s, cs) > 0]
            hit = hit or [_column_of(s, e, cols)]
            for j in hit:
                per_col[j].append(text)
    return per_col, title


def _split_anchors(
    part: tuple[int, int, str], cols: list[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """A header text over several columns cut into one text per column it heads.

    `2003 Change` or `June 28, January 3,` is printed with single spaces over two
    columns; when a text holds as many anchors (a date, a year, a change word) as the
    columns it overlaps, each anchor heads its own column.
    """
    start, end, text = part
    anchors = list(HEADER_ANCHOR.finditer(text))
    if len(anchors) < 2:
        return [part]
    overlapped = [j for j, (cs, ce) in enumerate(cols) if min(end, ce) - max(start, cs) > 0]
    if len(overlapped) != len(anchors):
        return [part]
    pieces = []
    for k, m in enumerate(anchors):
        lo = 0 if k == 0 else m.start()
        hi = anchors[k + 1].start() if k + 1 < len(anchors) else len(text)
        piece = text[lo:hi].rstrip()
        pieces.append((start + lo, start + lo + len(piece), piece))
    return pieces


def _continues(above: str, below: str) -> bool:
    """True when a label line runs on into the next one."""
    a, b = above.rstrip(), below.lstrip()
    if not a or not b or a.endswith(":"):
        return False
    # a "Total ..." line without figures is never a section head: its figures follow
    total = a.lstrip().lower().startswith("total ")
    return bool(_CONNECTOR.search(a)) or b[0].islower() or b[0] == "(" or total


def _levels(starts: list[int]) -> dict[int, int]:
    return {s: i for i, s in enumerate(sorted(set(starts)))}


def text_tables(doc: Document, first_index: int = 0) -> list[Table]:
    """Every table of figures in a plain-text document, numbered from ``first_index``."""
    lines = [read_line(t) for t in doc.lines]
    tables: list[Table] = []
    floor = 0
    for start, end in _regions(lines):
        cuts = [start, *_header_starts(lines, start, end), end]
        seg_start = start
        for k in range(1, len(cuts)):
            seg_end = cuts[k]
            if k < len(cuts) - 1:
                # the next table's title sits above its header line: cut before it
                seg_end = _title_area(lines, cuts[k], seg_start + 1)
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
    top = _title_area(lines, header_end, floor)
    body = [
        lines[i] for i in range(header_end, end) if lines[i].figures and not lines[i].years_only
    ]
    cols = _columns(body)
    if not cols:
        return None
    per_col, title_lines = _header_texts(lines, top, header_end, cols)
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
    periods = [
        None if _CHANGE.search(" ".join(texts)) else parse_period(texts, balance_sheet=balance)
        for texts in per_col
    ]
    labels = [
        re.sub(r"\s+", " ", " ".join(texts)).strip() or f"column {j + 1}"
        for j, texts in enumerate(per_col)
    ]
    keys = [p.key if p else None for p in periods]
    units = _column_units(body, cols, per_col)
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


def _column_units(
    body: list[TextLine], cols: list[tuple[int, int]], per_col: list[list[str]]
) -> list[Unit | None]:
    """The unit a column imposes on every row, or None where each row says its own.

    PERCENT for a column of percents (`% Change`, or figures printed with %);
    USD_PER_SHARE for a column headed per share (`Earnings Per Share` beside `Pretax`).

    A percent column beside dollar columns must not make its rows percent rows: the
    row's other figures keep the row's unit and scale.
    """
    printed = [0 for _ in cols]
    flagged = [0 for _ in cols]
    for line in body:
        for f in line.figures:
            j = _column_of(f.num_start, f.num_end, cols)
            if CellFlag.DASH_ZERO in f.figure.flags:
                continue
            printed[j] += 1
            flagged[j] += CellFlag.PERCENT in f.figure.flags
    units: list[Unit | None] = []
    for j in range(len(cols)):
        header = " ".join(per_col[j])
        by_header = bool(re.search(r"%|\bpercent", header, re.I))
        by_prints = printed[j] > 0 and flagged[j] * 2 > printed[j]
        if (by_header or by_prints) and len(cols) > 1:
            units.append(Unit.PERCENT)
        elif _PER_SHARE.search(header):
            units.append(Unit.USD_PER_SHARE)
        else:
            units.append(None)
    return units


def _is_label_line(line: TextLine) -> bool:
    return (
        not line.blank
        and not line.figures
        and line.rule is Rule.NONE
        and not line.markup
        and not _is_prose(line)
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
            if group and not gap and _continues(lines[group[-1]].text, line.text):
                group.append(i)
            else:
                flush()
                group = [i]
            gap = False
            continue
        label = line.label
        label_line, label_start = i, line.label_start
        if group and not gap and (not label or _continues(lines[group[-1]].text, label)):
            label = " ".join([*(lines[g].text.strip() for g in group), label]).strip()
            label_line, label_start = group[0], lines[group[0]].label_start
            group = []
        else:
            flush()
        placed = tuple((_column_of(f.num_start, f.num_end, cols), f) for f in line.figures)
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
    heads: list[tuple[int, str]] = []  # (level, label) of the section heads above
    for d in drafts:
        level = levels[d.label_start]
        label = re.sub(r"\s+", " ", d.label).strip()
        label = re.sub(r"^- - ", "- ", label)
        # a head rules the rows at its level and deeper until a head at its level or above
        # a head directly under another head at its level is a sub-head ("Basic" under
        # "EARNINGS PER COMMON SHARE"), not its successor
        if d.rule_above is Rule.DOUBLE:
            heads.clear()  # a double rule closes everything above it
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
            heads.append((level, label))
            continue
        figs = [f for col, f in d.figures if columns[col].unit is None] or [f for _, f in d.figures]
        unit = row_unit(
            label, context, [f.figure.flags for f in figs], [f.figure.decimals for f in figs]
        )
        if (
            unit is Unit.USD
            and scale > 1
            and all(f.figure.decimals == 2 and abs(f.figure.value) < 100 for f in figs)
            and "share" in scale_text.lower()
        ):
            unit = Unit.USD_PER_SHARE
        factor = unit_scale(unit, label, scale, scale_text)
        counted = _COUNTED.search(title.rsplit(" / ", 1)[-1])
        if (
            unit is Unit.USD
            and counted
            and not any(CellFlag.DOLLAR in f.figure.flags for f in figs)
        ):
            unit, factor = Unit.PURE, Decimal(1)  # "Domestic Retail Stores:" counts stores
        if unit is Unit.USD and _QUANTITY.search(scale_text):
            unit = Unit.PURE  # counted in the scale's own unit, never dollars
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
                concept_of(label),
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
