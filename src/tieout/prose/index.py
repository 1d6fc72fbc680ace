"""The tables of a release as the prose sees them: rows as sites, columns as periods.

A column is a period (months, year, end, instant), perhaps a segment ("Domestic",
"Sears Canada"), and perhaps a basis: a reconciliation prints its figures under
``GAAP``, ``Adj.`` and ``Non-GAAP`` heads. The basis decides which wording may speak of
the column: "non-GAAP operating margin was 46%" is not the GAAP column's 26%, and an
adjustments column is the difference between two measures, the value of none.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum

from tieout.model import Table
from tieout.prose.subjects import Site, Vocabulary, segment_name
from tieout.tables.periods import parse_period

_CONSOLIDATED = re.compile(r"consolidated|total", re.I)
_QUARTER_LABEL = re.compile(r"\bQ[1-4]\b|\b(?:first|second|third|fourth)\s+quarter\b", re.I)
_TOTAL_COLUMN = re.compile(r"\btotal\b|\bfull[\s-]+year\b", re.I)
_TRAILING = re.compile(
    r"\btrailing[\s-]+(?:4|four)[\s-]+quarters?\b|\btrailing[\s-]+(?:12|twelve)[\s-]+months\b"
    r"|\bTTM\b",
    re.I,
)
_ADJUSTMENTS = re.compile(r"\badj\b\.?|\badjustments?\b|\breconciling\s+items\b", re.I)
_NON_GAAP = re.compile(r"\bnon-?\s?gaap\b|\b(?:as\s+)?adjusted\b|\bexclud\w*|\bpro\s*forma\b", re.I)
_GAAP = re.compile(r"\bgaap\b|\bas\s+reported\b|\breported\b", re.I)
# What a column head may add to its segment without naming one: its basis.
_BASIS_WORDS = re.compile(
    r"\bnon-?\s?gaap\b|\bgaap\b|\badj\b\.?|\badjustments?\b|\b(?:as\s+)?adjusted\b"
    r"|\bas\s+reported\b|\breported\b|\bpro\s*forma\b",
    re.I,
)


class Basis(StrEnum):
    """What a column's head says its figures are measured on."""

    GAAP = "gaap"  # "GAAP", "As Reported"
    NON_GAAP = "non-gaap"  # "Non-GAAP", "As Adjusted", "Pro Forma", "Excluding ..."
    ADJUSTMENTS = "adjustments"  # "Adj.", "Adjustments": the difference between two bases


def basis_of(text: str) -> Basis | None:
    """The basis a column head names, if any."""
    if _ADJUSTMENTS.search(text) and not re.search(r"\badjusted\b", text, re.I):
        return Basis.ADJUSTMENTS
    if _NON_GAAP.search(text):
        return Basis.NON_GAAP
    if _GAAP.search(text):
        return Basis.GAAP
    return None


@dataclass(frozen=True, slots=True)
class ColumnView:
    """A column as a claim's period, segment and basis see it."""

    table: int
    index: int
    months: int | None
    year: int | None
    end: date | None
    instant: bool
    segment: str | None
    consolidated: bool
    basis: Basis | None = None
    quarter: int | None = None  # the fiscal quarter a column names ("Q4"; of trailing 4 quarters)


def _segment(text: str | None) -> str | None:
    """A column's segment without its basis words: "GAAP" alone is no segment."""
    if not text:
        return None
    name = segment_name(text)
    if not _BASIS_WORDS.sub(" ", name).strip(" -:*.,()"):
        return None
    return name or None


class Index:
    """The tables of a release, indexed for tying claims: rows as sites, columns as periods."""

    def __init__(self, tables: Sequence[Table]) -> None:
        self.tables = tables
        self.sites = Vocabulary(tables).sites
        self.columns: dict[tuple[int, int], ColumnView] = {}
        for table in tables:
            title_months = parse_period([table.title]) if table.title else None
            trailing = bool(_TRAILING.search(table.title or ""))
            quarters = any(
                c.period is not None and c.period.quarter is not None for c in table.columns
            )
            for col in table.columns:
                p = col.period
                if p is None:
                    continue
                months = 12 if trailing else p.months  # "Q4" of trailing four quarters
                if months is None and not p.instant and _QUARTER_LABEL.search(col.label):
                    months = 3  # "Fiscal 2022 Q1": a quarter the header parser left open
                if months is None and quarters and _TOTAL_COLUMN.search(col.label):
                    months = 12  # "Fiscal 2014 TOTAL" beside its four quarters
                if months is None and not p.instant and title_months is not None:
                    months = title_months.months
                segment = _segment(col.segment)
                self.columns[(table.index, col.index)] = ColumnView(
                    table.index, col.index, months, p.year or (p.end.year if p.end else None),
                    p.end, p.instant, segment,
                    segment is None or bool(_CONSOLIDATED.search(segment)),
                    basis_of(f"{col.label} {col.segment or ''}"),
                    p.quarter if months in (3, 12) else None,
                )  # fmt: skip
        self._flip: dict[tuple[int, int], bool] = {}
        for site in self.sites:
            row = tables[site.table].rows[site.row]
            printed_negative = any(c is not None and c.value < 0 for c in row.cells)
            self._flip[(site.table, site.row)] = site.loss_label and not printed_negative

    def meaning(self, site: Site, value: Decimal) -> Decimal:
        """What a printed value means: a "Net loss" row printed without parentheses is negative."""
        return -value if self._flip[(site.table, site.row)] else value

    def prior(self, column: ColumnView) -> ColumnView | None:
        """The same period a year earlier in the same table, segment and basis."""
        if column.year is None:
            return None
        for other in self.columns.values():
            if (
                other.table == column.table
                and other.index != column.index
                and other.months == column.months
                and other.instant == column.instant
                and other.segment == column.segment
                and other.basis == column.basis
                and other.year == column.year - 1
                and other.quarter == column.quarter
            ):
                return other
        return None
