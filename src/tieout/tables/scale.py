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
from functools import lru_cache

from tieout.model import (
    FLAG_PERCENT,
    UNIT_PERCENT,
    UNIT_PURE,
    UNIT_SHARES,
    UNIT_USD,
    UNIT_USD_PER_SHARE,
    CellFlag,
    Unit,
)
from tieout.vocabulary.sieve import Sieve
from tieout.vocabulary.units import PER_SHARE, except_shares, percent_label, pure_label, share_count

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
# ``_SCALE_CONTEXT`` (None), then ``_SCALES`` in their order: those a line may match
_NAMES_SCALE: Sieve[Decimal | None] = Sieve(
    [(None, _SCALE_CONTEXT), *((scale, pattern) for pattern, scale in _SCALES)]
)
_NAMES_SCALE("")  # its words read now, not on a release's first table (every run reads tables)
_ONE = Decimal(1)
_IN_SCALE = re.compile(r"\(\s*in\s+|\(\s*(?:thousands|millions|billions)", re.I)


def find_scale(lines: list[str]) -> tuple[Decimal, str]:
    """The scale named in a table's title or header lines, and the words it came from."""
    for text in lines:
        named = _named_scale(text)
        if named is not None:
            return named
    return Decimal(1), ""


@lru_cache(maxsize=4096)
def _named_scale(text: str) -> tuple[Decimal, str] | None:
    """The scale one line names and its words, or None: asked once per text (a release's
    tables repeat their scale and header lines).

    The context and the scales are searched only where the folded line holds their
    words (``_NAMES_SCALE``): a new title or header line at first sight was searched
    case-blind for the context, then for each scale in turn."""
    passing = _NAMES_SCALE(text)
    if not passing or passing[0][0] is not None or not passing[0][1].search(text):
        return None  # no word of a scale's context
    for scale, pattern in passing[1:]:
        if scale is not None and pattern.search(text):  # past the context: a scale's
            return scale, text.strip()
    return None


@lru_cache(maxsize=8192)
def row_scale(label: str) -> Decimal | None:
    """A scale printed in a row's own label, e.g. `Average shares (in millions)`.

    Every match of ``_IN_SCALE`` opens with "(": a label without one (most) is not
    searched, case-blind, from every character."""
    if "(" not in label or not _IN_SCALE.search(label):
        return None
    for pattern, scale in _SCALES:
        if pattern.search(label):
            return scale
    return None


def row_unit(label: str, context: str, flags: frozenset[CellFlag]) -> Unit:
    """What a row counts, from its label, its section heads (``context``) and its prints
    (``flags``: every flag any of them carries)."""
    if FLAG_PERCENT in flags:
        return UNIT_PERCENT
    return _worded_unit(label, context)


# ``_worded_unit``'s questions of a label, by name: a label is asked only those whose
# words its folded text holds (``Sieve``: read from the patterns), each led as the
# vocabulary's ``Words`` asks it
_LABEL_ASKS: Sieve[str] = Sieve(
    [
        ("percent", percent_label.pattern),
        ("per share", PER_SHARE),
        ("shares", share_count.pattern),
        ("pure", pure_label.pattern),
    ]
)
_LABEL_ASKS("")  # its words read now, not on a release's first table (every run reads tables)


@lru_cache(maxsize=8192)
def _worded_unit(label: str, context: str) -> Unit:
    """``row_unit`` of a row printed without a % sign: a function of its words alone,
    decided once per label and heads (rows of one label recur across a release's
    tables, and releases alike).

    The label's own answer (``_label_unit``) is read once per label, the heads' once per
    heads (``_says_per_share``): a release's labels recur under other heads (200 labels
    and heads a first sight of the three text releases, of 142 labels)."""
    unit = _label_unit(label)
    if unit is None or unit is UNIT_PURE:
        # the heads are asked last, and only of a label that answers neither a percent,
        # per share nor shares: most rows sit under no head (an empty context)
        if context and _says_per_share(context):
            return UNIT_USD_PER_SHARE
        return UNIT_USD if unit is None else unit
    return unit


@lru_cache(maxsize=8192)
def _label_unit(label: str) -> Unit | None:
    """What a label's own words say it counts: a percent, per share, shares (not per
    share), a pure number, in that order; None for none of them (money, unless its heads
    say per share, as they also do over a pure number's label).

    The label is searched only with the patterns whose words it holds (``_LABEL_ASKS``:
    most labels hold none): a new label at first sight was searched four times over."""
    passing = _LABEL_ASKS(label)
    if not passing:  # most labels: no question of the label
        return None
    asks = dict(passing)
    pattern = asks.get("percent")
    if pattern is not None and pattern.search(label):
        return UNIT_PERCENT
    pattern = asks.get("per share")
    if pattern is not None and pattern.search(label):
        return UNIT_USD_PER_SHARE
    pattern = asks.get("shares")
    if pattern is not None and pattern.search(label):
        return UNIT_SHARES
    pattern = asks.get("pure")
    if pattern is not None and pattern.search(label):
        return UNIT_PURE
    return None


@lru_cache(maxsize=4096)
def _says_per_share(context: str) -> bool:
    """Whether ``PER_SHARE`` finds a match in a row's heads, searched (led) only where
    their folded text holds its words (``_LABEL_ASKS``' "per share": one head in ten).
    Unled and case-blind, the pattern was tried at every character of the heads of every
    new label under them (56 M instructions of a first sight of the HTML releases).

    Asked once per heads: a table's rows sit under a few heads, and each new label under
    them asked it again (112 times a first sight of the three text releases, of 26
    heads)."""
    for key, pattern in _LABEL_ASKS(context):
        if key == "per share":
            return pattern.search(context) is not None
    return False


def unit_scale(unit: Unit, label: str, table_scale: Decimal, scale_text: str) -> Decimal:
    """The factor that turns a printed figure of this row into units."""
    if unit is UNIT_USD_PER_SHARE or unit is UNIT_PERCENT or unit is UNIT_PURE:
        return _ONE
    own = row_scale(label)
    if own is not None:
        return own
    if unit is UNIT_SHARES and except_shares(scale_text):
        return _ONE
    return table_scale
