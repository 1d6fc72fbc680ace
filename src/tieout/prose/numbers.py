"""Figures in a sentence: amounts, per-share amounts, percents and share counts.

Only numbers printed as money (`$33,006,000`, `$33.0 million`, `$(156,000)`), as cents
(`3 cents`), as percents (`4%`, `12 percent`), per share (`$0.03 per diluted share`,
`2.03 per share`) or as share counts (`216.5 million common equivalent shares`) are
figures. Dates, phone numbers, addresses, section numbers and years are none of these,
so they are never read as figures. Values are ``Decimal`` in units, with the rounding
unit the print implies (`$33.0 million` is 33,000,000 to the nearest 100,000).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from tieout.extensions import compiled
from tieout.figures import MAX_DIGITS
from tieout.model import Unit, quick_init
from tieout.prose.members import IN_PERCENT, IN_SHARES, IN_USD, IN_USD_PER_SHARE
from tieout.prose.overlaps import leftmost_longest
from tieout.rounding import product
from tieout.vocabulary.ascii_twins import AsciiTwin
from tieout.vocabulary.folding import folded
from tieout.vocabulary.per_share import BARE_PER_SHARE, PER_SHARE_AFTER
from tieout.vocabulary.sieve import Sieve

SCALES = {  # the words of a scale after an amount, and what they multiply it by
    "thousand": Decimal(1000),
    "k": Decimal(1000),
    "million": Decimal(10**6),
    "mil": Decimal(10**6),
    "mm": Decimal(10**6),
    "m": Decimal(10**6),
    "billion": Decimal(10**9),
    "bn": Decimal(10**9),
    "b": Decimal(10**9),
    "trillion": Decimal(10**12),
}
_NUM = r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)"
_SCALE = r"(?:\s*(?P<scale>thousand|million|billion|trillion|mil\.?|mm|bn|[mbk])\b)?"
_MONEY = re.compile(
    r"(?<![\w.])(?:US)?\$\s?(?P<minus>-\s?|\((?=[\d.,]+\)))?" + _NUM + r"\)?" + _SCALE, re.I
)
_CENTS = re.compile(r"(?<![\w.$,])" + _NUM + r"\s*(?:cents?\b|¢)", re.I)
_PERCENT = re.compile(
    r"(?<![\w.$,])(?P<minus>[-\u2013\u2212])?" + _NUM + r"\s*(?:%|percent\b|per\s+cent\b|pct\b)",
    re.I,
)
_SHARES = re.compile(
    r"(?<![\w.$,])" + _NUM + r"(?:\s*(?P<scale>thousand|million|billion)\b)?"
    r"\s+(?:(?:weighted|average|common|equivalent|diluted|basic|outstanding|ordinary)\s+){0,4}"
    r"shares\b",
    re.I,
)
_DIGIT = AsciiTwin(re.compile(r"\d"))  # ``ascii_twins``
# each pattern run only on sentences holding the words its matches need ("$", "shares")
_SIEVE = Sieve(
    [
        ("money", _MONEY),
        ("cents", _CENTS),
        ("percent", _PERCENT),
        ("per share", BARE_PER_SHARE),
        ("shares", _SHARES),
    ]
)
_RANGE_JOIN = re.compile(r"^\s*(?:to|and|or|-|\u2013)\s*$", re.I)


@quick_init  # made per figure, phrase, row or mention
@dataclass(frozen=True, slots=True)
class Figure:
    """A figure printed in a sentence: where, what, and how precisely.

    ``start``..``end`` covers the printed figure with its unit words (`$33.0 million`,
    `3 cents per diluted common share`); ``value`` is its magnitude in units with the
    sign the print itself shows (`$(156,000)`, `-4.1%`); words such as "loss" or
    "negative" are read by the claims stage.
    """

    start: int
    end: int
    value: Decimal
    precision: Decimal
    unit: Unit

    def with_unit(self, unit: Unit, end: int | None = None) -> Figure:
        return Figure(
            self.start, self.end if end is None else end, self.value, self.precision, unit
        )


def _number(num: str) -> tuple[Decimal, int]:
    digits = num.replace(",", "")
    decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
    return Decimal(digits), decimals


_ONE = Decimal(1)
# the rounding unit of a number printed with so many decimals (``_ONE.scaleb(-decimals)``,
# exact in any context: one digit), made once: 1, 0.1, ... 1E-18
_UNITS = tuple(_ONE.scaleb(-decimals) for decimals in range(19))


def _scaled(num: str, scale: str | None, factor: Decimal = _ONE) -> tuple[Decimal, Decimal]:
    """The value of a printed number and its rounding unit, times its scale and ``factor``.

    Most figures print no scale word and are in units (percents, "$33,006,000"): their
    unit is one, by which a product is the number itself (the same digits and exponent),
    so none is made for them."""
    value, decimals = _number(num)
    if scale is None and factor is _ONE:
        if decimals < len(_UNITS):
            return value, _UNITS[decimals]
        return value, _ONE.scaleb(-decimals)
    unit = factor * SCALES.get(folded(scale or "").rstrip("."), _ONE)
    return product(value, unit), product(_ONE.scaleb(-decimals), unit)


def _in_range(pattern: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The pattern's figures short enough to compute with exactly (``figures.MAX_DIGITS``).

    A longer one is no figure a release prints; the tables report theirs, and in the prose
    it is left unread rather than compared with rounded digits.
    """
    for m in pattern.finditer(text):
        num = m.group("num")
        # a number printed in no more characters holds no more digits: most, at once
        if (
            len(num) <= MAX_DIGITS
            or len(num.split(".")[0].replace(",", "").lstrip("0")) <= MAX_DIGITS
        ):
            yield m


_NEAR = 40  # how far around a figure its parentheses may stand (a window keeps it linear)


def _per_share_end(text: str, end: int) -> int | None:
    m = PER_SHARE_AFTER.match(text, end)
    return m.end() if m else None


def _parenthesised(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The widened span of a figure printed in parentheses, `($156,000)`, or None."""
    lead = max(0, start - _NEAR)
    before = text[lead:start].rstrip()
    after = text[end : end + _NEAR]
    stripped = after.lstrip()
    if before.endswith("(") and stripped.startswith(")"):
        return lead + len(before) - 1, end + (len(after) - len(stripped)) + 1
    return None


# What a pattern's match says of a figure before its value is read (``_matches``): the
# pattern that found it (the unit it gives), where it stands (a money figure widened to its
# parentheses), its number and scale words as printed, whether it shows a minus, and where
# the per-share words after it end (None when none follow).
MONEY, CENTS, PERCENT, BARE, SHARES = range(5)
_Match = tuple[int, int, int, str, str | None, bool, int | None]


def _matches_python(text: str) -> list[_Match]:
    """The figures' matches in a sentence, pattern by pattern (money, cents, percents, bare
    per-share amounts, share counts), each pattern's in order, none out of range
    (``_in_range``); a bare per-share amount only with its per-share words.

    The specification of the compiled ``scan`` (``_figures.c``), which finds the same
    matches in one pass of C per pattern, without the regular expressions' calls."""
    out: list[_Match] = []
    if _DIGIT.search(text) is None:
        return out  # every pattern's number holds a digit: half the sentences have none
    # the patterns whose words the text holds, each led (``leads.led``: the money's, led
    # by "$" or "US", passes the other characters at once; it began with a lookbehind)
    run = dict(_SIEVE(text))
    money, cents, percent = run.get("money"), run.get("cents"), run.get("percent")
    bare, shares = run.get("per share"), run.get("shares")
    for m in _in_range(money, text) if money else ():
        start, end = m.start(), m.end()
        negative = bool(m.group("minus"))
        wrapped = _parenthesised(text, start, end)
        if wrapped:
            start, end = wrapped
            negative = True
        after = _per_share_end(text, end)
        out.append((MONEY, start, end, m.group("num"), m.group("scale"), negative, after))
    for m in _in_range(cents, text) if cents else ():
        after = _per_share_end(text, m.end())
        out.append((CENTS, m.start(), m.end(), m.group("num"), None, False, after))
    for m in _in_range(percent, text) if percent else ():
        negative = bool(m.group("minus"))
        out.append((PERCENT, m.start(), m.end(), m.group("num"), None, negative, None))
    for m in _in_range(bare, text) if bare else ():
        after = _per_share_end(text, m.end())
        if after is not None:
            out.append((BARE, m.start(), m.end(), m.group("num"), None, False, after))
    for m in _in_range(shares, text) if shares else ():
        out.append((SHARES, m.start(), m.end(), m.group("num"), m.group("scale"), False, None))
    return out


def _compiled_scan(*, forced: bool = False) -> Callable[[str], list[_Match]] | None:
    """The compiled ``scan`` (``_figures.c``), as ``extensions.compiled`` gives it."""
    module = compiled("tieout.prose._figures", forced=forced)
    return None if module is None else module.scan


_matches: Callable[[str], list[_Match]] = _compiled_scan() or _matches_python
COMPILED = _matches is not _matches_python
_CENT = Decimal("0.01")


def figures(text: str) -> list[Figure]:
    """Every figure in a sentence, in order, none overlapping another."""
    matches = _matches(text)  # none at once where no digit is printed (half the sentences)
    if not matches:
        return []
    found: list[Figure] = []
    for kind, start, end, num, scale, negative, after in matches:
        if kind == CENTS:
            value, precision = _scaled(num, None, _CENT)
            unit = IN_USD if after is None else IN_USD_PER_SHARE
            found.append(Figure(start, after or end, value, precision, unit))
            continue
        value, precision = _scaled(num, scale)
        if negative:
            value = -value
        if kind == MONEY:
            unit = IN_USD
            if after is not None and not scale:
                unit, end = IN_USD_PER_SHARE, after
        elif kind == PERCENT:
            unit = IN_PERCENT
        elif kind == BARE:
            unit, end = IN_USD_PER_SHARE, after or end
        else:
            unit = IN_SHARES
        found.append(Figure(start, end, value, precision, unit))
    if len(found) < 2:
        return found  # one figure (most sentences that print any): none to keep apart
    return _ranges(text, leftmost_longest(found))


def _ranges(text: str, found: list[Figure]) -> list[Figure]:
    """`$0.03 to $0.05 per share`: the first figure of a range takes the unit of the last."""
    out = list(found)
    for i in range(len(out) - 2, -1, -1):
        a, b = out[i], out[i + 1]
        if (
            a.unit is IN_USD
            and b.unit is IN_USD_PER_SHARE
            and a.precision < 1
            and _RANGE_JOIN.match(text[a.end : b.start])
        ):
            out[i] = a.with_unit(IN_USD_PER_SHARE)
    return out
