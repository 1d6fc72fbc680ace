"""What a row counts and what its figures are multiplied by: one rule set for every reader.

Both the fixed-width and the HTML reader ask the same questions of a row: is it money,
per-share, a share count, a percent, a count of stores, a physical quantity; and does its
figure take the table's scale, its own ("Average shares (in millions)"), its head's, or
the scale the title gives share counts alone ("shares in thousands")?
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple

from tieout.figures import Figure
from tieout.model import (
    FLAG_DOLLAR,
    FLAG_PERCENT,
    UNIT_PERCENT,
    UNIT_PURE,
    UNIT_SHARES,
    UNIT_USD,
    UNIT_USD_PER_SHARE,
    CellFlag,
    Unit,
)
from tieout.tables.scale import row_scale, row_unit, unit_scale
from tieout.vocabulary.folding import folded
from tieout.vocabulary.units import PER_SHARE, counted, quantity_scale, rate_measure, share_head

_RATE_BOUND = Decimal(1000)  # a rate printed as 1,000 or more is an amount after all
_SHARE_SCALE = re.compile(
    r"\bshares?\b(?:\s+(?:amounts|data|counts?|outstanding))?[^.;()]{0,40}?\bin\s+(thousands|millions|billions)\b"
    r"|\b(thousands|millions|billions)\s+of\s+shares\b",
    re.I,
)
_SCALE_WORDS = {"thousands": Decimal(1000), "millions": Decimal(10**6), "billions": Decimal(10**9)}
_ONE = Decimal(1)

# The vocabulary's questions this module asks of every row, answered once per text: a
# release asks them of the same labels, heads, titles and scale words row after row.
_share_head = lru_cache(maxsize=4096)(share_head)
_rate_measure = lru_cache(maxsize=8192)(rate_measure)
_counted = lru_cache(maxsize=1024)(counted)
_quantity_scale = lru_cache(maxsize=1024)(quantity_scale)


@lru_cache(maxsize=8192)
def _per_share(label: str) -> bool:
    return PER_SHARE.search(label) is not None


def is_quantity(scale_text: str) -> bool:
    """True when the scale counts something other than money ("millions of KWHs")."""
    return _quantity_scale(scale_text)


def share_scale(scale_text: str) -> Decimal | None:
    """A scale the title gives share counts alone ("shares in thousands")."""
    m = _SHARE_SCALE.search(scale_text)
    if m is None:
        return None
    return _SCALE_WORDS[folded(m.group(1) or m.group(2))]


def classify_row(
    label: str,
    section: str | None,
    context: str,
    figures: Sequence[Figure],
    *,
    flags: frozenset[CellFlag],
    scale: Decimal,
    scale_text: str,
    title: str,
) -> Unit:
    """The unit of a row of figures, from its label, its heads, its prints and its table.

    ``figures`` are the row's prints outside columns of their own unit (a % change
    column); ``flags`` every flag any of them carries (``flags_of``: a `$`, a `%`).
    """
    words = _worded(label, section, context, flags, table_words(scale, scale_text, title))
    if (words.rates or words.cents) and figures:
        return by_prints(words, figures)
    return words.unit


def by_prints(words: _Worded, figures: Sequence[Figure]) -> Unit:
    """The unit of a row whose words ask its prints (``words.rates`` or ``words.cents``):
    percents when they read as rates, per-share amounts when they read as cents, else the
    unit of the words. The compiled row pass (``tables/_cells.c``) asks only these rows."""
    if words.rates and figures:
        rates = words.rate_label or _all_read_as_rates(figures)
        if rates and _all_below(figures, _RATE_BOUND):
            # "Return on average equity 12.23"; "Card" under "Net charge-off rate"
            return UNIT_PERCENT
    if words.cents and figures and _all_read_as_cents(figures):
        return UNIT_USD_PER_SHARE  # cents in a table "in millions, except per share"
    return words.unit


# ``by_prints``' three questions of every print, each a loop: ``all`` of a generator that
# stops early leaves it to be closed, an exception thrown into its frame (about 3,000
# instructions a row, three times a plain loop's whole cost)


def _all_read_as_rates(figures: Sequence[Figure]) -> bool:
    """Every print has decimals and is below 100 in size."""
    for f in figures:  # noqa: SIM110 - all/any of a generator: see above
        if not (f.decimals > 0 and abs(f.value) < 100):
            return False
    return True


def _all_below(figures: Sequence[Figure], bound: Decimal) -> bool:
    """Every print is below ``bound`` in size."""
    for f in figures:  # noqa: SIM110 - all/any of a generator: see above
        if not abs(f.value) < bound:
            return False
    return True


def _all_read_as_cents(figures: Sequence[Figure]) -> bool:
    """Every print has two decimals and is below 100 in size."""
    for f in figures:  # noqa: SIM110 - all/any of a generator: see above
        if not (f.decimals == 2 and abs(f.value) < 100):
            return False
    return True


class _Worded(NamedTuple):
    """What ``classify_row`` decides of a row without its prints' values: the unit its
    words give (``unit``), whether its prints are then asked if they are rates
    (``rates``; every one of them, not only those with decimals under 100, when the label
    itself names a rate: ``rate_label``) or cents of a dollar (``cents``)."""

    unit: Unit
    rates: bool
    rate_label: bool
    cents: bool


class TableWords(NamedTuple):
    """What a table's scale and title say of its rows, asked once per table
    (``table_words``): whether its amounts' prints may be cents (``cents``: a scale
    above one that names shares, "in millions, except per share"), whether its title's
    last part counts things (``counts``: "Domestic Retail Stores:"), whether its scale
    counts a physical quantity (``quantity``: "millions of KWHs")."""

    cents: bool
    counts: bool
    quantity: bool


def table_words(scale: Decimal, scale_text: str, title: str) -> TableWords:
    """``TableWords`` of a table's scale, scale words and title: asked of the table once,
    where each row asked them again (and its ``_worded`` was remembered by the three:
    a row met under one table was new under the next)."""
    return TableWords(
        scale > 1 and "share" in scale_text.lower(),
        bool(_counted(title.rsplit(" / ", 1)[-1])),
        is_quantity(scale_text),
    )


@lru_cache(maxsize=8192)
def _worded(
    label: str,
    section: str | None,
    context: str,
    flags: frozenset[CellFlag],
    table: TableWords,
) -> _Worded:
    """``_Worded`` of a row, once per label, heads, flags and its table's words
    (``table_words``): a release's tables repeat their rows; each is a pure function of
    these."""
    percent = FLAG_PERCENT in flags
    dollar = FLAG_DOLLAR in flags
    if section and _share_head(section) and not _per_share(label) and not percent:
        return _Worded(UNIT_SHARES, False, False, False)  # "Basic" under "Shares used in ..."
    unit = row_unit(label, context, flags)
    rates = rate_label = False
    if (unit is UNIT_USD or unit is UNIT_PURE) and not dollar:
        rate_label = bool(_rate_measure(label))
        rates = rate_label or (
            unit is UNIT_USD and section is not None and bool(_rate_measure(section))
        )
    cents = unit is UNIT_USD and table.cents
    if unit is UNIT_USD and not dollar and table.counts:
        unit = UNIT_PURE  # "Domestic Retail Stores:" counts stores
    elif unit is UNIT_USD and table.quantity:
        unit = UNIT_PURE  # counted in the scale's own unit, never dollars
    return _Worded(unit, rates, rate_label, cents)


_NO_FLAGS: frozenset[CellFlag] = frozenset()
_FLAGS = attrgetter("flags")


def flags_of(figures: Sequence[Figure]) -> frozenset[CellFlag]:
    """Every flag any of the figures carries: a row's prints asked once, not per question."""
    return _NO_FLAGS.union(*map(_FLAGS, figures))


@lru_cache(maxsize=4096)
def row_factor(
    unit: Unit, label: str, section: str | None, scale: Decimal, scale_text: str
) -> Decimal:
    """What a printed figure of the row is multiplied by: the row's own scale, its head's
    ("Shares used in computing earnings per share (in thousands):"), the title's (once per
    unit, label, head and table scale: a pure function of them, asked of every row)."""
    if unit is UNIT_PERCENT or unit is UNIT_USD_PER_SHARE:
        return _ONE
    if unit is UNIT_PURE:
        return scale if is_quantity(scale_text) else _ONE
    own = row_scale(label)
    if own is None and section:
        own = row_scale(section)
    if own is not None:
        return own
    if unit is UNIT_SHARES:
        shares = share_scale(scale_text)
        if shares is not None:
            return shares
    return unit_scale(unit, label, scale, scale_text)
