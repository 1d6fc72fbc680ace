"""Totals: the column or section that holds the whole of what others break down.

A segment table prints each segment's figures and a "Total" or "Consolidated" column; a
release's figure is the consolidated one unless its words name a segment. A year's
column ("Total", "Full Year", "FY") beside its four quarters holds their sum.
"""

from __future__ import annotations

import re

_WHOLE = re.compile(r"consolidated|total", re.I)
_TOTAL_HEAD = re.compile(r"^\s*(?:total|consolidated)\b", re.I)
_CONSOLIDATED_NAMES = frozenset({"consolidated", "total", "total company"})
_YEAR_TOTAL = re.compile(r"\btotal\b|\bfull[\s-]+year\b|\bfiscal\s+year\b|\bFY\b", re.I)


def names_whole(text: str) -> bool:
    """Whether a segment name or section head speaks of the whole: "Total", "Consolidated",
    "PNC consolidated", but also "Total Domestic" (the prose and the sections of a table)."""
    return bool(_WHOLE.search(text))


def total_head(text: str) -> bool:
    """Whether a column's head starts as the total of the columns beside it (cross-footing).

    Stricter than ``names_whole``: "PNC consolidated" is not read as the total here.
    """
    return bool(_TOTAL_HEAD.match(text))


def consolidated_segment(segment: str | None) -> bool:
    """Whether a column's segment is the consolidated whole: no segment, or exactly one of
    the names "Consolidated", "Total", "Total Company" (repeated figures).

    Stricter than ``names_whole``, and must stay so for now: wells-fargo_2021q4 prints
    "Consolidated Company" beside "Corporate (2)" and "Reconciling Items (3)" columns that
    the reader leaves without a segment, and reading it as consolidated makes the figures
    of those columns repeat-mismatch errors.
    """
    return segment is None or segment.lower() in _CONSOLIDATED_NAMES


def year_total_head(text: str) -> bool:
    """Whether a column head beside quarters is the year's: "Total", "Full Year", "FY"."""
    return bool(_YEAR_TOTAL.search(text))
