"""Scale and unit: `(IN THOUSANDS, EXCEPT PER SHARE AMOUNTS)` and what each row counts.

The scale is read only from a table's own title and header lines, never from prose, so a
"billion" in a sentence cannot become the scale. Per-share figures, percents and pure
numbers (rates, store counts) are never scaled; share counts take the table's scale
unless their own label names another ("Average shares outstanding (in millions)") or the
title excepts them.
"""

from __future__ import annotations

import re
from decimal import Decimal

from tieout.model import CellFlag, Unit

_SCALES: tuple[tuple[re.Pattern[str], Decimal], ...] = (
    (re.compile(r"\bbillions?\b|\(\$\s*b\)|\$\s*bn\b", re.I), Decimal(1_000_000_000)),
    (re.compile(r"\bmillions?\b|\(\$\s*m\)|\$\s*mm?\b|\bin\s+\$?mm?\b", re.I), Decimal(1_000_000)),
    (
        re.compile(
            r"\bthousands?\b|\$\s*000'?s?|\b000'?s\s+omitted|\(000'?s?\)|\bin\s+000s?\b", re.I
        ),
        Decimal(1000),
    ),
)
_SCALE_CONTEXT = re.compile(r"\(|\bin\b|\bamounts\b|\bdollars\b|omitted|except", re.I)
_PER_SHARE = re.compile(
    r"per\s+(?:common\s+|diluted\s+|basic\s+|ordinary\s+)*(?:share|unit)|\beps\b|earnings\s+per\b",
    re.I,
)
# share counts, not dollar lines that mention shares ("Common shares" in equity, "Impact of
# additional shares" in an EPS bridge)
_SHARES = re.compile(
    r"weighted[\s-]+average|shares\s+outstanding|number\s+of\s+(?:common\s+)?shares"
    r"|average\s+(?:common\s+)?(?:equivalent\s+)?shares|shares\s+used|(?:diluted|basic)\s+shares",
    re.I,
)
# a row of percents: "% of sales", "Gross margin percentage", "Percent change"; not
# "Zero-percent financing costs", which is an amount
_PERCENT = re.compile(
    r"%|(?<![-\w])percent(?:age)?\b(?!\s+(?:financing|notes?|debentures?|bonds?|senior))"
    r"|\bmargin\s+rate\b|\bas\s+a\s+percent",
    re.I,
)
_PURE = re.compile(
    r"\bexchange\s+rates?\b(?!\s+(?:changes?|fluctuations?|movements?|effects?))|\bstores?\b|\bemployees\b|\bheadcount\b|\bdays\b|\bratio\b|\bnumber\s+of\s+(?!shares)",
    re.I,
)
_EXCEPT_SHARES = re.compile(
    r"except\s+(?:for\s+)?(?:number\s+of\s+)?shares?\b(?!\s+(?:amounts|data))|except\s+share\s+and",
    re.I,
)


def find_scale(lines: list[str]) -> tuple[Decimal, str]:
    """The scale named in a table's title or header lines, and the words it came from."""
    for text in lines:
        if not _SCALE_CONTEXT.search(text):
            continue
        for pattern, scale in _SCALES:
            m = pattern.search(text)
            if m:
                return scale, text.strip()
    return Decimal(1), ""


def row_scale(label: str) -> Decimal | None:
    """A scale printed in a row's own label, e.g. `Average shares (in millions)`."""
    if not re.search(r"\(\s*in\s+|\(\s*(?:thousands|millions|billions)", label, re.I):
        return None
    for pattern, scale in _SCALES:
        if pattern.search(label):
            return scale
    return None


def row_unit(
    label: str, context: str, flags: list[frozenset[CellFlag]], decimals: list[int]
) -> Unit:
    """What a row counts, from its label, its section heads (``context``) and its prints."""
    if any(CellFlag.PERCENT in f for f in flags) or _PERCENT.search(label):
        return Unit.PERCENT
    if _PER_SHARE.search(label) or (_PER_SHARE.search(context) and not _SHARES.search(label)):
        return Unit.USD_PER_SHARE
    if _SHARES.search(label):
        return Unit.SHARES
    if _PURE.search(label):
        return Unit.PURE
    return Unit.USD


def unit_scale(unit: Unit, label: str, table_scale: Decimal, scale_text: str) -> Decimal:
    """The factor that turns a printed figure of this row into units."""
    if unit in (Unit.USD_PER_SHARE, Unit.PERCENT, Unit.PURE):
        return Decimal(1)
    own = row_scale(label)
    if own is not None:
        return own
    if unit is Unit.SHARES and _EXCEPT_SHARES.search(scale_text):
        return Decimal(1)
    return table_scale
