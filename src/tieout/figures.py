"""Printed figures: what `$ (0.03)`, `33,006`, `304)`, `--` and `12.5%` stand for.

A figure is parsed into the value *as printed* (before any table scale) and the number of
decimals printed, which fixes its rounding unit. A figure with an unbalanced parenthesis
keeps both readings; the checks choose between them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from tieout.model import CellFlag, quick_init

_DASHES = {"-", "--", "---", "—", "–", "—-", "- -", "-0-", "nil", "n/a", "N/A", "NM", "nm"}
_ZERO_DASHES = {"-", "--", "---", "—", "–", "—-", "- -", "-0-", "nil"}

# One figure: optional $, optional sign or parenthesis, digits with thousands commas or
# plain digits, optional decimals, optional closing parenthesis, optional %, optional
# footnote mark. Whitespace may stand between $ and the number ("$   (156)").
_FIGURE = re.compile(
    r"""^
    (?P<dollar1>\$\s*)?
    (?P<open>\()?\s*
    (?P<minus>-\s?-?\s*|—\s*|–\s*)?
    (?P<dollar2>\$\s*)?
    (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+|\d{1,4}(?:,\d{2,4})+(?:\.\d+)?)
    \s*(?P<pct1>%)?
    (?P<close>\))?
    (?P<pct2>\s*%)?
    (?P<foot>\s*(?:\*{1,3}|\([a-z]\)|\(\d\)(?=$)|[a-z](?=$)))?
    $""",
    re.VERBOSE,
)


_GROUPED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")

# The most digits before the point a figure may print and still be checked. Scaled by a
# billion and summed, such figures stay within the 28 digits the checks compute with
# exactly; the largest amounts releases print have 15 digits in units.
MAX_DIGITS = 18


@quick_init
@dataclass(frozen=True, slots=True)
class Figure:
    """A figure as printed: value and decimals before scaling, flags, every reading."""

    value: Decimal
    decimals: int
    flags: frozenset[CellFlag]
    readings: tuple[Decimal, ...]

    @property
    def precision(self) -> Decimal:
        """The rounding unit of the print, before scaling (1 for whole, 0.01 for cents)."""
        return precision_of(self.decimals)


_UNITS = {decimals: Decimal(1).scaleb(-decimals) for decimals in range(16)}


def precision_of(decimals: int) -> Decimal:
    """The rounding unit of a print of ``decimals`` decimals (1 for whole, 0.01 for cents)."""
    unit = _UNITS.get(decimals)  # made once per count of decimals
    return unit if unit is not None else Decimal(1).scaleb(-decimals)


# The shapes most printed figures take, read by one match (``plain_figure``) before
# ``parse_figure``'s dashes and its pattern of nine groups: a `$` and one space, a
# parenthesis on either side or both, or a minus sign, digits (thousands grouped by
# threes, or none; or only decimals), decimals, a `%` after. ASCII digits only: a digit
# of another script is read by the general pattern (``\d``).
_PLAIN = re.compile(
    r"(\$ ?)?(?:(\()|(-))?((?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+)(\))?(%)?"
)


def flag_set(*flags: CellFlag) -> frozenset[CellFlag]:
    """The flags as ``parse_figure`` makes them: a set filled in the order given (its
    order), then frozen (a frozenset iterates as the set it was made from)."""
    made: set[CellFlag] = set()
    for flag in flags:
        made.add(flag)
    return frozenset(made)


# the sign of a plain print: none, a parenthesis pair, an opening or a closing one alone
# (two readings), a minus sign
_NONE, _PAIR, _OPENED, _CLOSED, _MINUS = range(5)
_SIGN_FLAGS: tuple[tuple[CellFlag, ...], ...] = (
    (),
    (CellFlag.PARENTHESISED,),
    (CellFlag.STRAY_PARENTHESIS,),
    (CellFlag.STRAY_PARENTHESIS,),
    (CellFlag.MINUS,),
)
# ``parse_figure``'s flags of a plain print by (a `$`, a `%`, its sign), added in its order
_PLAIN_FLAGS = {
    (dollar, percent, sign): flag_set(
        *((CellFlag.DOLLAR,) if dollar else ()),
        *((CellFlag.PERCENT,) if percent else ()),
        *_SIGN_FLAGS[sign],
    )
    for dollar in (False, True)
    for percent in (False, True)
    for sign in range(len(_SIGN_FLAGS))
}


def plain_figure(text: str) -> Figure | None:
    """The figure of a text printed in one of the plain shapes (``_PLAIN``, the whole
    text), as ``parse_figure`` reads it (value, decimals, flags in their order,
    readings); None for any other text, and for a plain print of more digits than
    ``MAX_DIGITS`` (flagged by ``parse_figure``).

    Most figures a table prints are plain (`42,934`, `3.57`, `(489)`, `$1,720`, `(1,173`
    with its parenthesis closed in the next cell): one match and a Decimal read them,
    where ``parse_figure``'s general reading tries the dashes, its pattern of nine groups
    and the grouping of the digits first."""
    m = _PLAIN.fullmatch(text)
    if m is None:
        return None
    dollar, opened, minus, num, closed, percent = m.groups()
    if len(num) > MAX_DIGITS:
        return None  # perhaps out of range: the general reading counts its digits
    magnitude = Decimal(num.replace(",", "") if "," in num else num)
    point = num.find(".")
    decimals = len(num) - point - 1 if point >= 0 else 0
    if opened is not None:
        sign = _PAIR if closed is not None else _OPENED
    elif closed is not None:
        sign = _CLOSED
    else:
        sign = _MINUS if minus is not None else _NONE
    flags = _PLAIN_FLAGS[dollar is not None, percent is not None, sign]
    if sign == _NONE:
        return Figure(magnitude, decimals, flags, (magnitude,))
    negative = -magnitude
    if sign == _OPENED:
        return Figure(negative, decimals, flags, (negative, magnitude))
    if sign == _CLOSED:
        return Figure(magnitude, decimals, flags, (magnitude, negative))
    return Figure(negative, decimals, flags, (negative,))


def parse_figure(text: str) -> Figure | None:
    """Parse one printed figure, or return None when the text is not a figure.

    Dashes standing alone mean zero. `(156)` and `-156` are negative. `304)` and `(304`
    are ambiguous: their readings are both signs, the likelier first (`304)` most often
    has a stray closing parenthesis; `(304` most often lost its closing one). A figure
    whose thousands groups are broken (`36,94`: a digit dropped) is read as its digits
    and flagged: the relations it stands in show what it should read. A figure of more
    than ``MAX_DIGITS`` digits before the point is kept exactly and flagged: no check
    computes with it.
    """
    plain = plain_figure(text)
    return plain if plain is not None else general_figure(text)


def general_figure(text: str) -> Figure | None:
    """``parse_figure`` of any text: its dashes, then its pattern of nine groups (the
    specification ``plain_figure`` reads its plain shapes by)."""
    raw = text.strip()
    if not raw:
        return None
    bare = raw.replace("$", "").strip()
    percent = bare.endswith("%") and bare[:-1].strip() in _ZERO_DASHES
    if percent:
        bare = bare[:-1].strip()  # "--%", "—%": no change, in a column of percents
    if bare in _ZERO_DASHES or (bare and set(bare) <= {"-", " "} and len(bare) <= 4):
        zero = Decimal(0)
        dash = {CellFlag.DASH_ZERO}
        if "$" in raw:
            dash.add(CellFlag.DOLLAR)
        if percent:
            dash.add(CellFlag.PERCENT)
        return Figure(zero, 0, frozenset(dash), (zero,))
    m = _FIGURE.match(raw)
    if m is None:
        return None
    num = m.group("num")
    flags: set[CellFlag] = set()
    if "," in num and not _GROUPED.fullmatch(num):
        if sum(ch.isdigit() for ch in num.split(".")[0]) < 4:
            return None  # "1,2": footnote marks, not a figure
        flags.add(CellFlag.BROKEN_GROUPING)  # read as its digits; the checks find its value
    magnitude = Decimal(num.replace(",", ""))
    if len(num.split(".")[0].replace(",", "").lstrip("0")) > MAX_DIGITS:
        flags.add(CellFlag.OUT_OF_RANGE)  # kept exact; no check computes with it
    decimals = len(num.split(".", 1)[1]) if "." in num else 0
    if m.group("dollar1") or m.group("dollar2"):
        flags.add(CellFlag.DOLLAR)
    if m.group("pct1") or m.group("pct2"):
        flags.add(CellFlag.PERCENT)
    if m.group("foot"):
        flags.add(CellFlag.FOOTNOTE)
    opened, closed = bool(m.group("open")), bool(m.group("close"))
    minus = bool(m.group("minus"))
    if opened and closed:
        flags.add(CellFlag.PARENTHESISED)
        readings: tuple[Decimal, ...] = (-magnitude,)
    elif opened or closed:
        flags.add(CellFlag.STRAY_PARENTHESIS)
        negative = -magnitude if not minus else magnitude
        readings = (magnitude, -magnitude) if closed else (negative, -negative)
    elif minus:
        flags.add(CellFlag.MINUS)
        readings = (-magnitude,)
    else:
        readings = (magnitude,)
    if minus and (opened and closed):
        readings = (magnitude,)  # "(-5)" prints a double negative; rare, read literally
    return Figure(readings[0], decimals, frozenset(flags), readings)


def is_dash(text: str) -> bool:
    """True for the marks that stand for zero or 'not applicable' in a figure column."""
    return text.strip().replace("$", "").strip() in _DASHES


def format_figure(
    value: Decimal, decimals: int, *, dollar: bool = False, parens: bool = True
) -> str:
    """Print a value the way releases do: thousands commas, parentheses for negatives."""
    magnitude = abs(value).quantize(Decimal(1).scaleb(-decimals)) if decimals else abs(value)
    body = f"{magnitude:,.{decimals}f}"
    sign = value < 0
    if sign and parens:
        body = f"({body})"
    elif sign:
        body = f"-{body}"
    return f"${body}" if dollar else body
