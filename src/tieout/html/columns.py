"""Column headers: the texts over each column of figures, their periods, units and segments.

A header cell heads every column of figures its slots overlap, so a "Three Months
Ended" spanning two years heads both, and a three-row header keeps all three rows
(the year included). A period named by a label row above the body ("First Quarter
2022") heads every column. What a header says is read by ``parse_period`` exactly as
for plain text.
"""

from __future__ import annotations

import re

from tieout.html.cells import Role
from tieout.html.parts import Kind, Part
from tieout.model import CellFlag, Column, Unit
from tieout.tables.periods import PERIOD_WORDS, parse_period
from tieout.tables.scale import _PER_SHARE

CHANGE = re.compile(r"\bchange\b|%|\bvariance\b|\bincrease\b|\bdecrease\b|\bpercent|\bchg\b", re.I)
# a share of a total, not a change: "% of Revenues", "As a percent of net sales"
_SHARE_OF = re.compile(r"%\s*of\b|\bpercent(?:age)?\s+of\b", re.I)
_YEARS = re.compile(r"\b(?:19|20)\d\d\b")
BALANCE = re.compile(r"balance\s+sheets?|financial\s+(?:position|condition)", re.I)


def header_texts(part: Part) -> tuple[list[list[str]], list[str]]:
    """Header words per column (top to bottom), and header words left of the columns.

    A table cut from the one above it in the same grid (a second header printed lower
    down) keeps the upper header rows of the one above when it does not repeat them.
    """
    per_col: list[list[str]] = [[] for _ in part.columns]
    left: list[str] = []
    first = part.columns[0][0] if part.columns else 0
    for line in part.header:
        for item in line.items:
            hits = [j for j, (lo, hi) in enumerate(part.columns) if item.col < hi and item.end > lo]
            if hits:
                for j in hits:
                    per_col[j].append(item.text)
            elif item.end <= first:
                left.append(item.text)
    above = part.above
    if above is not None and above.columns == part.columns and len(above.header) > 1:
        # a repeated header may print only its lower rows ("Units | Revenue" again, not
        # the quarters over them): the rows above come from the table above
        for j, (lo, hi) in enumerate(part.columns):
            inherited = [
                item.text
                for line in above.header[:-1]
                for item in line.items
                if item.col < hi and item.end > lo and item.text not in per_col[j]
            ]
            per_col[j][:0] = inherited
    if part.period:
        for texts in per_col:
            texts.insert(0, part.period)
    return per_col, left


def _percent_counts(part: Part) -> tuple[list[int], list[int]]:
    """Per column: figures printed (dashes aside), and those printed with a `%`."""
    slot_column: dict[int, int] = {}
    for j, (lo, hi) in enumerate(part.columns):
        for slot in range(lo, hi):
            slot_column.setdefault(slot, j)
    printed = [0] * len(part.columns)
    flagged = [0] * len(part.columns)
    for line in part.body:
        if line.kind is not Kind.FIGURES:
            continue
        last: int | None = None  # column of the figure a `%` cell would close
        for item in line.items:
            if item.role is Role.CLOSER and last is not None and "%" in item.text:
                flagged[last] += 1
                last = None
                continue
            last = None
            if item.role is not Role.FIGURE or item.figure is None:
                continue
            at = slot_column.get(item.end - 1)
            if at is None or CellFlag.DASH_ZERO in item.figure.flags:
                continue
            printed[at] += 1
            if CellFlag.PERCENT in item.figure.flags:
                flagged[at] += 1
            else:
                last = at
    return printed, flagged


def _column_unit(header: str, printed: int, flagged: int, columns: int) -> Unit | None:
    """PERCENT for a column of percents, USD_PER_SHARE for one headed per share."""
    by_header = bool(re.search(r"%|\bpercent", header, re.I))
    if (by_header or (printed and flagged * 10 >= printed * 9)) and columns > 1:
        return Unit.PERCENT
    if _PER_SHARE.search(header):
        return Unit.USD_PER_SHARE
    return None


def make_columns(part: Part, per_col: list[list[str]], balance: bool) -> list[Column]:
    """The ``Column`` records of a part, from its header texts."""
    periods = [
        None if CHANGE.search(" ".join(texts)) else parse_period(texts, balance_sheet=balance)
        for texts in per_col
    ]
    labels = [
        re.sub(r"\s+", " ", " ".join(texts)).strip() or f"column {j + 1}"
        for j, texts in enumerate(per_col)
    ]
    keys = [p.key if p else None for p in periods]
    printed, flagged = _percent_counts(part)
    columns = []
    for j, (lo, hi) in enumerate(part.columns):
        segment = None
        if keys[j] is not None and keys.count(keys[j]) > 1:
            stripped = (_YEARS.sub("", t).strip() for t in per_col[j])
            words = [
                t
                for t in stripped
                if t and not PERIOD_WORDS.search(t) and not any(c.isdigit() for c in t)
            ]
            segment = " ".join(words) or None
        header = " ".join(per_col[j])
        change = bool(CHANGE.search(header)) and not _SHARE_OF.search(header)
        unit = _column_unit(header, printed[j], flagged[j], len(part.columns))
        columns.append(Column(j, labels[j], periods[j], lo, hi, segment, unit, change))
    return columns
