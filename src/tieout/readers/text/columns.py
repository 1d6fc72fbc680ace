"""Columns of a fixed-width table: extents from aligned figures, headers over them.

Figures of one column share the span of their digits (right-aligned); a header text
belongs to the columns under it. What the texts say (period, unit, segment) is the
assembler's to read.
"""

from __future__ import annotations

import itertools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from functools import lru_cache

from tieout.extensions import compiled
from tieout.model import Rule
from tieout.readers.text.lines import FigureChunk, TextLine, is_year
from tieout.tables.periods import HEADER_ANCHOR, HEADER_ANCHOR_LOWER
from tieout.tables.scale import find_scale

# the rule of a line with none, read per line as a module name (through its class an enum
# member is a descriptor's call, about ten times a global's read)
_NO_RULE = Rule.NONE
_EXHIBIT_MARK = re.compile(r"^\s*exhibit\s+\d+(?:\.\d+)?\s*$", re.I)


def _exhibit_mark(text: str) -> bool:
    """Whether ``_EXHIBIT_MARK`` matches the line: asked of a line whose first character
    after its whitespace is an "e" (no other character is one case aside), where the match
    walked every header line's indentation (``str.lstrip`` takes the whitespace ``\\s``
    does)."""
    return text.lstrip()[:1] in _E and _EXHIBIT_MARK.match(text) is not None


_E = ("e", "E")


def figure_columns(rows: list[TextLine]) -> tuple[list[tuple[int, int]], list[list[int]]]:
    """Column extents: the union of overlapping digit spans of figures in rows; and the
    column of each figure of each row (placed once, for the conflicts and the rows)."""
    cols = column_extents(rows)
    placed, conflict = placements(rows, cols)
    if conflict:  # two figures of a row in one column: the columns by their right edges
        cols = _columns_by_right_edge(rows)
        placed, _ = placements(rows, cols)
    return cols, placed


def _placements_python(
    rows: list[TextLine], cols: list[tuple[int, int]]
) -> tuple[list[list[int]], bool]:
    """The column of each figure of each row (``column_of`` of its digits' span), and
    whether a row puts two figures in one column.

    The specification of the compiled ``placements`` (``_runs.c``), which asks each span
    of every column where this keeps each span's answer (``ColumnFinder``): a table's
    columns are few, and the rows were placed twice, a call per row and a lookup per
    figure each time (for the conflicts, then for the rows)."""
    finder = ColumnFinder(cols)
    placed = [finder.place(r.figures) for r in rows]
    return placed, any(len(p) != len(set(p)) for p in placed)


def _column_extents_python(rows: list[TextLine]) -> list[tuple[int, int]]:
    """The union of overlapping digit spans of the figures of ``rows``, left to right.

    The specification of the compiled ``column_extents`` (``_runs.c``), which sorts and
    merges the spans in one array (a table's few hundred figures: a tuple of each, a
    list of them and a list per column here)."""
    spans = sorted([(f.num_start, f.num_end) for r in rows for f in r.figures])
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and s < merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1][1] = e
        else:
            merged.append([s, e])
    return [(s, e) for s, e in merged]


_compiled = compiled("tieout.readers.text._runs")
COMPILED = _compiled is not None
# a table's figure columns: compiled where it is built, else its specification
column_extents: Callable[[list[TextLine]], list[tuple[int, int]]] = (
    _compiled.column_extents if _compiled is not None else _column_extents_python
)
# the columns of a table's figures: compiled where it is built, else its specification
placements: Callable[[list[TextLine], list[tuple[int, int]]], tuple[list[list[int]], bool]] = (
    _compiled.placements if _compiled is not None else _placements_python
)


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


class ColumnFinder:
    """``column_of`` for many spans over the same columns: when the columns run left to
    right (starts and ends in order, as figure columns do), the columns a span overlaps
    and the nearest centre are found by bisection, so a wide table is not rows x columns
    x columns; otherwise by ``column_of`` itself. The answer is ``column_of``'s."""

    def __init__(self, cols: list[tuple[int, int]]) -> None:
        self.cols = cols
        self.starts = [cs for cs, _ in cols]
        self.ends = [ce for _, ce in cols]
        self.centres = [(cs + ce) / 2 for cs, ce in cols]
        self.ordered = all(a <= b for a, b in itertools.pairwise(self.starts)) and all(
            a <= b for a, b in itertools.pairwise(self.ends)
        )
        # the answers by span: a column's figures share their digits' spans, so a table
        # asks the same few spans again and again (at most one entry per distinct span)
        self.known: dict[tuple[int, int], int] = {}

    def place(self, figures: Iterable[FigureChunk]) -> list[int]:
        """The column of each figure (of its digits' span), a row's in one call: each
        distinct span's answer is kept."""
        known = self.known
        out = []
        for f in figures:
            span = (f.num_start, f.num_end)
            col = known.get(span)
            if col is None:
                col = known[span] = self._of(f.num_start, f.num_end)
            out.append(col)
        return out

    def _of(self, start: int, end: int) -> int:
        if not self.ordered:
            return column_of(start, end, self.cols)
        # overlapping columns: start before the span ends and end after it starts
        lo, hi = bisect_right(self.ends, start), bisect_left(self.starts, end)
        best, best_overlap = -1, 0
        for i in range(lo, hi):
            overlap = min(end, self.ends[i]) - max(start, self.starts[i])
            if overlap > best_overlap:
                best, best_overlap = i, overlap
        if best >= 0:
            return best
        centre = (start + end) / 2
        k = bisect_left(self.centres, centre)
        near = [
            bisect_left(self.centres, self.centres[j])
            for j in (k - 1, k)
            if 0 <= j < len(self.cols)
        ]
        return min(near, key=lambda i: (abs(self.centres[i] - centre), i))


def column_of(start: int, end: int, cols: list[tuple[int, int]]) -> int:
    """The column a span belongs to: the one it overlaps most, else the nearest."""
    best, best_overlap = -1, 0
    for i, (cs, ce) in enumerate(cols):
        overlap = (end if end < ce else ce) - (start if start > cs else cs)  # min - max, inline
        if overlap > best_overlap:
            best, best_overlap = i, overlap
    if best >= 0:
        return best
    centre = (start + end) / 2
    return min(range(len(cols)), key=lambda i: abs((cols[i][0] + cols[i][1]) / 2 - centre))


def header_texts(
    lines: list[TextLine], start: int, end: int, cols: list[tuple[int, int]]
) -> tuple[list[list[str]], list[tuple[int, int, str]]]:
    """Header words per column (top to bottom), and the title texts with their places.

    A title text is (line index, start column, text): a line that is not a header line,
    or the words of a header line left of the columns (or stating a scale).

    A year belongs to the column it sits over. Any other header text spans: it owns the
    stretch of its line up to halfway to its neighbours, and heads every column whose
    centre lies in that stretch ("Three Months Ended" over both of its years).
    """
    per_col: list[list[str]] = [[] for _ in cols]
    title: list[tuple[int, int, str]] = []
    left = cols[0][0] - 4 if cols else 0
    centres = [(cs + ce) / 2 for cs, ce in cols]
    # the last line that heads each column on its own: years, or one text per column (Q1
    # .. TOTAL); the texts above it may span. Looked for from the bottom: only the last one
    # counts, and it is most often the line over the figures
    last_years = -1
    for i in range(end - 1, start - 1, -1):
        if lines[i].years_only or _one_per_column(lines[i], cols, left):
            last_years = i
            break
    for i in range(start, end):
        line = lines[i]
        if line.blank or line.markup or line.rule is not _NO_RULE or _exhibit_mark(line.text):
            continue
        parts = []  # each run, or its pieces when it holds anchors over several columns
        for p in line.runs:
            if len(_anchors(p[2])) < 2:  # what _split_anchors cuts needs two anchors
                parts.append(p)
            else:
                parts.extend(_split_anchors(p, cols))
        # the texts over the columns and the first place one begins, by loops: a header
        # line's comprehensions (a frame each) were the most of its cost
        in_area = []
        first_over: int | None = None
        for p in parts:
            if p[1] > left:
                in_area.append(p)
                if first_over is None or p[0] < first_over:
                    first_over = p[0]
        if not (line.years_only or (first_over is not None and first_over >= left - 2)):
            stripped = line.text.strip()
            title.append((i, line.text.find(stripped[:1]) if stripped else 0, stripped))
            continue
        for s, e, text in parts:
            if e <= left:
                title.append((i, s, text))
        # each text over the columns is a year (its column's), a scale (the title's) or a
        # header that spans; asked once per text
        years: list[tuple[int, int, str]] = []
        spanning: list[tuple[int, int, str]] = []
        for p in in_area:
            kind = _kind_over_columns(p[2])
            if kind == _YEAR:
                years.append(p)
            elif kind == _SPANS:
                spanning.append(p)
            else:
                title.append((i, p[0], p[2]))
        for s, e, text in years:
            per_col[column_of(s, e, cols)].append(text)
        # Over a line of years, fewer texts than columns span; otherwise each heads its own.
        spans = i < last_years and len(spanning) < len(cols)
        for k, (s, e, text) in enumerate(spanning):
            lo = (spanning[k - 1][1] + s) / 2 if k > 0 else _BELOW_ALL
            hi = (e + spanning[k + 1][0]) / 2 if k + 1 < len(spanning) else _ABOVE_ALL
            headed = False  # whether the text heads a column by its reach or its overlap
            for j in range(len(cols)):
                if spans:
                    if not lo <= centres[j] < hi:
                        continue
                else:
                    cs, ce = cols[j]
                    if (e if e < ce else ce) <= (s if s > cs else cs):
                        continue
                per_col[j].append(text)
                headed = True
            if not headed:
                per_col[column_of(s, e, cols)].append(text)
    return per_col, title


_YEAR, _SPANS, _SCALE = 0, 1, 2  # what a header text over the columns is
_BELOW_ALL, _ABOVE_ALL = float("-inf"), float("inf")  # the outer texts' reach


@lru_cache(maxsize=4096)
def _kind_over_columns(text: str) -> int:
    """What a header text over the columns is: a year (``is_year``: its column's), a
    scale (a scale but 1 named: the title's), else a header that spans. Asked once per
    text, as ``_anchors`` is: a release's tables repeat their header lines."""
    if is_year(text):
        return _YEAR
    return _SPANS if find_scale([text])[0] == 1 else _SCALE


_COLUMN_PERIOD = re.compile(
    r"^(?:Q[1-4]|(?:19|20)\d\d\*{0,2}|total|change|%\s*change|full\s+year|ytd)$", re.I
)


def _one_per_column(line: TextLine, cols: list[tuple[int, int]], left: int) -> bool:
    """A line of periods with exactly one over each column (`Q1 Q2 Q3 Q4 TOTAL`).

    Like a line of years, it lets the texts above it span the columns they centre over;
    a line of stacked names (`Services Products Other Domestic`) does not.
    """
    if line.blank or line.markup or line.rule is not _NO_RULE or line.figures or len(cols) < 2:
        return False
    # by loops: a comprehension's frame, or a generator left early (closed by an
    # exception thrown into it), costs more than the test of a header line's few texts
    texts = []
    for p in line.runs:
        if p[1] > left:
            if p[0] < left - 2:
                return False
            texts.append(p)
    if len(texts) != len(cols):
        return False
    for _, _, t in texts:
        if not _COLUMN_PERIOD.match(t):
            return False
    return sorted([column_of(s, e, cols) for s, e, _ in texts]) == list(range(len(cols)))


def _split_anchors(
    part: tuple[int, int, str], cols: list[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """A header text over several columns cut into one text per column it heads.

    `2003 Change` or `June 28, January 3,` is printed with single spaces over two
    columns; when a text holds as many anchors (a date, a year, a change word) as the
    columns it overlaps, each anchor heads its own column.
    """
    start, end, text = part
    anchors = _anchors(text)
    if len(anchors) < 2:
        return [part]
    overlapped = [j for j, (cs, ce) in enumerate(cols) if min(end, ce) - max(start, cs) > 0]
    if len(overlapped) != len(anchors):
        return [part]
    pieces = []
    for k, at in enumerate(anchors):
        lo = 0 if k == 0 else at
        hi = anchors[k + 1] if k + 1 < len(anchors) else len(text)
        piece = text[lo:hi].rstrip()
        pieces.append((start + lo, start + lo + len(piece), piece))
    return pieces


_DIGIT = re.compile("[0-9]")


@lru_cache(maxsize=4096)
def _anchors(text: str) -> tuple[int, ...]:
    """Where the anchors of a header text (dates, years, change words) start: asked once
    per text (a release's tables repeat their header lines). An ASCII text is searched
    lowered, by ``HEADER_ANCHOR_LOWER`` (the same places, found faster), and only where
    its lowered copy holds what every anchor holds: a digit (a date's day, a year) or a
    change word ("change", "variance"). Two header texts in three (a title's words, a
    segment's name) hold none."""
    if text.isascii():
        low = text.lower()
        if _DIGIT.search(low) is None and "change" not in low and "variance" not in low:
            return ()
        return tuple(m.start() for m in HEADER_ANCHOR_LOWER.finditer(low))
    return tuple(m.start() for m in HEADER_ANCHOR.finditer(text))
