"""A fiscal quarter (``AAPL:2024Q1``) -> the earnings 8-K filed for it.

The rule, from what EDGAR says of the company (``fiscalYearEnd``, MMDD):

- fiscal year YYYY is the one that ends in calendar year YYYY (Apple's fiscal 2024 ends
  in September 2024), except a year ending in the first seven days of January, which is
  a December year of 52 or 53 weeks and is named by the year before (Sears's fiscal
  2004 ended on 1 January 2005); with no fiscal year end, December 31;
- quarter n ends 3 x (4 - n) months before the year's end, on the same day (a 52/53-week
  quarter ends within a few days of it);
- its release is the first 8-K naming Item 2.02 (Item 12 before 23 August 2004) filed
  from a week before the quarter's end to 90 days after it. Before August 2004 many 8-Ks
  name no item in EDGAR's list: when none names one, the first such 8-K in the window is
  taken, and the note says so.

A company that names its fiscal years otherwise (by the calendar year they begin in)
is reached by the accession number instead: ``TICKER:0000000000-00-000000``.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from tieout.edgar.filings import NEW_ITEMS, RESULTS, Filing

BEFORE = timedelta(days=7)
AFTER = timedelta(days=90)
EARNINGS_FORMS = ("8-K",)


@dataclass(frozen=True, slots=True)
class Quarter:
    """A fiscal quarter of a company and the filing dates its release is looked for in."""

    year: int
    quarter: int
    end: date
    first: date
    last: date

    @property
    def label(self) -> str:
        return f"{self.year}Q{self.quarter}"


def _shift(day: date, months: int) -> date:
    """The same day ``months`` earlier (clamped to the month's length)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def quarter(fiscal_year_end: str | None, year: int, number: int) -> Quarter:
    """Fiscal quarter ``number`` of fiscal year ``year`` (see the module docstring)."""
    if not 1 <= number <= 4:
        raise ValueError(f"no quarter {number}")
    mmdd = fiscal_year_end if fiscal_year_end and len(fiscal_year_end) == 4 else "1231"
    month, day = int(mmdd[:2]), int(mmdd[2:])
    if not 1 <= month <= 12:
        month, day = 12, 31
    end_year = year + 1 if month == 1 and day <= 7 else year
    year_end = date(end_year, month, min(max(day, 1), calendar.monthrange(end_year, month)[1]))
    end = _shift(year_end, 3 * (4 - number))
    return Quarter(year, number, end, end - BEFORE, end + AFTER)


def release_of(filings: Iterable[Filing], period: Quarter) -> tuple[Filing | None, str | None]:
    """The earnings 8-K of ``period``, and a note when it was taken by the fallback."""
    window = [
        f
        for f in filings
        if f.form.upper() in EARNINGS_FORMS and period.first <= f.filed <= period.last
    ]
    named = sorted((f for f in window if f.has_item(RESULTS)), key=lambda f: f.filed)
    if named:
        return named[0], None
    unnamed = sorted(
        (f for f in window if not f.items and f.filed < NEW_ITEMS), key=lambda f: f.filed
    )
    if unnamed:
        return unnamed[0], (
            f"EDGAR names no item for the 8-Ks filed then; took the first 8-K filed from "
            f"{period.first.isoformat()} to {period.last.isoformat()} "
            f"({unnamed[0].accession}, filed {unnamed[0].filed.isoformat()})"
        )
    return None, None
