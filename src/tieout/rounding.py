"""The rounding rule, written once: a printed figure stands for an interval.

A printed x with rounding unit u stands for [x - u/2, x + u/2]. A relation holds when the
interval of what its items give meets the interval of the printed total (XBRL
Calculations 1.1, round-to-nearest; touching intervals count). For a sum this is
|T - sum(w_i x_i)| <= (u_T + sum u_i) / 2: ``sum_tolerance`` and ``within`` are that test
in centre-and-radius form, and ``Interval.meets`` the same test on the intervals, which
the quotient relations (a ratio, a percent change) need: over a box whose divisor keeps
its sign they are monotone in each figure, so their range is the range over the corners.

Footing searches many sign patterns, so it uses the rule once more in integer form: on a
``Grid`` every figure and rounding unit is an exact integer, and a sum ties when
|2T - 2s| <= U, U the sum of the units (``sum_ties``).

Arithmetic is exact for the figures releases print; a figure of absurd size (400 zeros
after the point) must not make a quotient raise, so quotients are computed with the
widest exponent range Decimal has, and ``quantized`` leaves a value too long for the
context's precision as it is instead of raising.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal, InvalidOperation
from itertools import compress, count
from operator import eq, ne

from tieout.model import quick_init

HALF = Decimal("0.5")
HUNDRED = Decimal(100)
_WIDE = Context(prec=28, Emax=MAX_EMAX, Emin=MIN_EMIN)
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)  # shifts lose no digit
EXACT = _EXACT  # (the context of ``Grid``'s shifts, for the compiled column of footing)
WIDE = _WIDE  # (the context of the quotients, for the compiled judge of the checks)


@quick_init
@dataclass(frozen=True, slots=True)
class Interval:
    """The closed interval [lo, hi] of values a figure (or a computation) may stand for.

    Never empty (lo <= hi). ``Interval(lo, hi)`` does not test it: the makers here keep it
    (a print's ends with its unit, arithmetic on intervals, an intersection only where
    the two meet, a quotient's least and greatest corners), and the tie makes hundreds
    per release (a frozen record's ``__init__`` and a ``__post_init__`` each, where
    ``model.quick_init`` sets two slots). Ends given from outside are made by
    ``between``, which refuses an empty interval.
    """

    lo: Decimal
    hi: Decimal

    @classmethod
    def between(cls, lo: Decimal, hi: Decimal) -> Interval:
        """[lo, hi], from ends read elsewhere; a ``ValueError`` where it would be empty."""
        if lo > hi:
            raise ValueError(f"empty interval [{lo}, {hi}]")
        return cls(lo, hi)

    @classmethod
    def printed(cls, value: Decimal, unit: Decimal) -> Interval:
        """What a figure printed as ``value`` with rounding unit ``unit`` (not negative)
        stands for."""
        half = unit * HALF  # (``printed_ends``, written out)
        return cls(value - half, value + half)

    @classmethod
    def around(cls, centre: Decimal, radius: Decimal) -> Interval:
        """The values within ``radius`` (not negative) of ``centre``."""
        return cls(centre - radius, centre + radius)

    @property
    def width(self) -> Decimal:
        return self.hi - self.lo

    @property
    def radius(self) -> Decimal:
        return (self.hi - self.lo) / 2

    @property
    def midpoint(self) -> Decimal:
        return (self.lo + self.hi) / 2

    @property
    def holds_zero(self) -> bool:
        return self.lo <= 0 <= self.hi

    def __contains__(self, value: Decimal) -> bool:
        return self.lo <= value <= self.hi

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def scaled(self, factor: Decimal | int) -> Interval:
        """Every value times ``factor`` (a negative factor swaps the ends)."""
        if factor >= 0:
            return Interval(self.lo * factor, self.hi * factor)
        return Interval(self.hi * factor, self.lo * factor)

    def meets(self, other: Interval) -> bool:
        """Whether the two share a value; touching ends count (the rounding rule).
        (``any_meet`` of the two, written out: no generator made per question.)"""
        return self.lo <= other.hi and other.lo <= self.hi

    def overlaps(self, other: Interval) -> bool:
        """Whether the two share more than an end.

        Two prints of one figure at the same precision touch when they differ by one unit
        in the last digit ($0.24 and $0.25): that is a different figure, not a rounding.
        """
        return self.lo < other.hi and other.lo < self.hi

    def intersection(self, other: Interval) -> Interval | None:
        lo, hi = max(self.lo, other.lo), min(self.hi, other.hi)
        return Interval(lo, hi) if lo <= hi else None


def any_meet(firsts: Sequence[Interval], seconds: Sequence[Interval]) -> bool:
    """Whether some interval of ``firsts`` meets some interval of ``seconds``
    (``Interval.meets``, written out: rows are compared by every pair of their figures)."""
    return any(a.lo <= b.hi and b.lo <= a.hi for a in firsts for b in seconds)


def common(intervals: Iterable[Interval]) -> Interval | None:
    """The values every one of ``intervals`` holds; None when there is none."""
    out: Interval | None = Interval(Decimal("-Infinity"), Decimal("Infinity"))
    for interval in intervals:
        if out is None:
            break
        out = out.intersection(interval)
    return out


def total(intervals: Iterable[Interval]) -> Interval:
    """The interval of a sum: the sums of the ends."""
    out = Interval(Decimal(0), Decimal(0))
    for interval in intervals:
        out = out + interval
    return out


def sum_tolerance(units: Iterable[Decimal]) -> Decimal:
    """How far a printed total may lie from the sum of its printed items and still tie.

    Half the rounding unit of every figure, the total's included: [T +- u_T/2] meets
    [s +- sum(u_i)/2] exactly when |T - s| <= (u_T + sum u_i) / 2.
    """
    return sum(map(HALF.__mul__, units), _NONE)


_NONE = Decimal(0)  # the tolerance of no figure


def within(difference: Decimal, tolerance: Decimal) -> bool:
    """The rounding rule on a difference: touching counts."""
    return abs(difference) <= tolerance


# -- quotients: ratios and percent changes over a box ---------------------------------

Monotone = Callable[[Decimal, Decimal], Decimal]


# The quotients compute in the wide context through its own methods (the same results as
# the operators inside ``localcontext(_WIDE)``, without making a context per call: the
# checks compute tens of thousands of them per release).


_divide = _WIDE.divide  # (bound once: a quotient is four corners and its value)
_subtract = _WIDE.subtract
_multiply = _WIDE.multiply


def divide(numerator: Decimal, denominator: Decimal) -> Decimal:
    return _divide(numerator, denominator)


def percent_change(current: Decimal, prior: Decimal) -> Decimal:
    """(current - prior) / prior * 100: the change as printed."""
    return _multiply(_divide(_subtract(current, prior), prior), HUNDRED)


def percent_change_of_magnitude(current: Decimal, prior: Decimal) -> Decimal:
    """(current - prior) / -prior * 100: the other convention for a negative base.

    Against a negative prior this is the change over its magnitude (a loss of 10 that
    becomes a loss of 5 is up 50%); for a change across zero it is the percent with the
    other sign, as releases print the change of an "(expense) income" line.
    """
    return _multiply(_divide(_subtract(current, prior), _WIDE.minus(prior)), HUNDRED)


# the quotients above as they rise (1) or fall (-1) with first / second: a difference
# over the base is the quotient less one, exactly, and each step of their arithmetic
# rounds monotonically, so their least and greatest corners are the quotient's
_WITH_QUOTIENT: dict[Monotone, int] = {
    divide: 1,
    percent_change: 1,
    percent_change_of_magnitude: -1,
}


def image(f: Monotone, first: Interval, second: Interval) -> Interval | None:
    """The range of ``f`` over the box first x second; None when ``second`` holds zero.

    ``f`` is a quotient by its second figure: monotone in each figure on a box whose
    second interval keeps its sign, so its range is the range over the four corners. A
    divisor that may be zero divides nothing.
    """
    ends = image_ends(f, first.lo, first.hi, second.lo, second.hi)
    return None if ends is None else Interval(*ends)


def printed_ends(value: Decimal, unit: Decimal) -> tuple[Decimal, Decimal]:
    """The ends of ``Interval.printed(value, unit)``, as a pair: the checks test tens of
    thousands of quotients per release, and make no record for each."""
    half = unit * HALF
    return value - half, value + half


def image_ends(
    f: Monotone, first_lo: Decimal, first_hi: Decimal, second_lo: Decimal, second_hi: Decimal
) -> tuple[Decimal, Decimal] | None:
    """The ends of ``image`` over the box [first_lo, first_hi] x [second_lo, second_hi]
    (None when the second holds zero). ``f`` computes in a context of its own: the
    quotients above use the wide one, whatever context the caller is in.

    The quotients of this module rise or fall with first / second, whose least and
    greatest corners the signs of the ends tell: each is computed at those two corners
    only (half the work of the four). Any other ``f`` is computed at all four.
    """
    if second_lo <= 0 <= second_hi:
        return None
    direction = _WITH_QUOTIENT.get(f)
    if direction is None:
        corners = (f(first_lo, second_lo), f(first_lo, second_hi), f(first_hi, second_lo),
                   f(first_hi, second_hi))  # fmt: skip
        return min(corners), max(corners)
    low, high = quotient_corners(first_lo, first_hi, second_lo, second_hi)
    if direction < 0:
        low, high = high, low
    return f(*low), f(*high)


def quotient_corners(
    first_lo: Decimal, first_hi: Decimal, second_lo: Decimal, second_hi: Decimal
) -> tuple[tuple[Decimal, Decimal], tuple[Decimal, Decimal]]:
    """The corners of the box (a divisor's interval without zero) where first / second
    is least and greatest.

    Over a positive divisor the quotient rises with the first figure and, for a first
    figure of either sign, falls or rises with the divisor as that figure is positive or
    negative; a negative divisor is the positive one with both signs turned.
    """
    if second_lo > 0:
        low = (first_lo, second_hi if first_lo >= 0 else second_lo)
        high = (first_hi, second_lo if first_hi >= 0 else second_hi)
    else:
        low = (first_hi, second_lo if first_hi <= 0 else second_hi)
        high = (first_lo, second_hi if first_lo <= 0 else second_lo)
    return low, high


def quantized(value: Decimal, places: Decimal, rounding: str | None = None) -> Decimal:
    """``value`` rounded to the exponent of ``places``, or as it is when it cannot be.

    A value whose digits down to ``places`` exceed the context's precision (a quotient
    by a figure with 400 zeros after the point), or that is not finite, is returned
    unrounded: it already holds all the precision the context gives, and quantizing it
    would raise (or, where the context does not trap the error, give NaN).
    """
    try:  # (the checks round tens of thousands of figures per release: no test first)
        out = value.quantize(places, rounding=rounding)
    except InvalidOperation:
        return value
    return value if out.is_nan() else out


def product(value: Decimal, factor: Decimal) -> Decimal:
    """``value`` times ``factor`` with no digit lost, whatever the context's precision."""
    return _EXACT.multiply(value, factor)


def scaled(value: Decimal, factor: Decimal) -> Decimal:
    """``value`` times ``factor`` in whole units, with no digit lost whatever its length.

    A scale is a power of ten, so the product is exact in any precision that holds both;
    a figure in whole units drops the spurious exponent of the product (12.5 million is
    12500000, not 1.25E+7) and keeps the decimals it prints below the unit.
    """
    whole = product(value, factor).normalize(_EXACT)
    exponent = whole.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        return whole.quantize(Decimal(1), context=_EXACT)
    return whole


# -- the rule in integers, for searches over many sign patterns -----------------------


@dataclass(frozen=True, slots=True)
class Grid:
    """Decimals as exact integers: multiples of 10**exponent."""

    exponent: int

    @classmethod
    def fitting(cls, values: Iterable[Decimal]) -> Grid:
        """A grid on which every one of ``values`` is an integer: whole units where every
        value is whole (most columns of figures), else the finest of their exponents.

        The rule in integers is the same on any grid that holds the figures (scaling
        every figure by a power of ten scales both sides of |2T - 2s| <= U), so the
        grid need not be the coarsest one.
        """
        values = values if isinstance(values, list | tuple) else list(values)
        # a comparison with its integral part costs a fifth of reading the exponent
        # through ``as_tuple``, which makes a tuple of the digits
        if all(v == v.to_integral_value() for v in values):
            return cls(0)
        # each object once: figures share their Decimals (a unit, a figure printed again)
        distinct = {id(v): v for v in values}
        exponents = [v.as_tuple().exponent for v in distinct.values()]
        return cls(min((e for e in exponents if isinstance(e, int)), default=0))

    def of(self, value: Decimal) -> int:
        """``value`` on the grid, exactly (for a finite value that lies on it)."""
        return int(value.scaleb(-self.exponent, _EXACT))

    @classmethod
    def integers(cls, values: Sequence[Decimal], units: Sequence[Decimal] = ()) -> list[int]:
        """``values`` as integers on one grid that holds them all, exactly.

        Whole figures (most columns) are their own integers: each is made and compared
        with its figure once. Others are tried on the grid of the finest of ``units``
        (their rounding units, a few Decimals shared by many figures), and only where
        that grid does not hold them all is each one's exponent read (``fitting``).
        """
        whole = [int(v) for v in values]
        exact = list(map(eq, whole, values))
        if all(exact):
            return whole
        exponents = {id(u): u.as_tuple().exponent for u in units}
        finest = min((e for e in exponents.values() if isinstance(e, int)), default=0)
        if finest < 0:
            # the whole figures are their integers times a power of ten; only the others
            # (a per-share row among amounts: a few) are scaled as Decimals
            factor = 10**-finest
            on = [w * factor for w in whole]
            for i in (i for i, ok in enumerate(exact) if not ok):
                scaled = values[i].scaleb(-finest, _EXACT)
                on[i] = int(scaled)
                if on[i] != scaled:
                    break
            else:
                return on
        grid = cls.fitting(values)
        return [grid.of(v) for v in values]

    @classmethod
    def figures(
        cls, values: Sequence[Decimal], units: Sequence[Decimal]
    ) -> tuple[list[int], list[int]]:
        """``values`` and their rounding ``units`` as integers on one grid, exactly: the
        integers ``integers([*values, *units], units)`` gives, each unit converted once
        per object (a column of figures shares a few unit objects)."""
        distinct = dict(zip(map(id, units), units, strict=True))
        shared = list(distinct.values())
        values = values if isinstance(values, list) else list(values)
        whole, whole_units = list(map(int, values)), list(map(int, shared))
        if whole_units == shared:
            # every unit whole: whole figures are their own integers (most columns)
            on_units: list[int] | None = whole_units if whole == values else None
        else:
            # the grid of the finest unit (cents among amounts: a per-share row, a
            # ratio), as ``integers`` takes it: the whole figures are their integers times
            # a power of ten, and only the others are scaled as Decimals
            finest = min(e for u in shared if isinstance(e := u.as_tuple().exponent, int))
            on_units = [int(u.scaleb(-finest, _EXACT)) for u in shared]
            factor = 10**-finest
            on = [w * factor for w in whole]
            for i in compress(count(), map(ne, whole, values)):
                scaled = values[i].scaleb(-finest, _EXACT)
                on[i] = int(scaled)
                if on[i] != scaled:
                    on_units = None  # a figure finer than every unit: the general path
                    break
            whole = on
        if on_units is None:
            n = len(values)
            on_grid = cls.integers([*values, *shared], shared)
            whole, on_units = on_grid[:n], on_grid[n:]
        of_unit = dict(zip(distinct, on_units, strict=True))
        return whole, list(map(of_unit.__getitem__, map(id, units)))


def minus_sums(totals: Sequence[int], items: int, units: int) -> tuple[tuple[int, int], ...]:
    """The sums m of items taken with a minus sign under which a sum ties, on a grid.

    With s the items' sum when all are added, T a reading of the total and U the sum of
    every figure's rounding unit (the total's included): the sum with the items of M
    subtracted is s - 2m, and it ties when |2T - 2(s - 2m)| <= U, that is when 4m lies in
    [2s - 2T - U, 2s - 2T + U]. One range of whole m per reading of the total (none
    where no whole m fits).
    """
    out = []
    for t in totals:
        lo, hi = -((2 * t - 2 * items + units) // 4), (2 * items - 2 * t + units) // 4
        if lo <= hi:
            out.append((lo, hi))
    return tuple(out)


def sum_ties(total: int, items: int, units: int) -> bool:
    """The rounding rule on a grid: |T - s| <= U / 2, as |2T - 2s| <= U."""
    return abs(2 * total - 2 * items) <= units
