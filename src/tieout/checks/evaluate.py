"""Testing one relation in one column under the rounding rule (``tieout.rounding``).

A sum holds when the printed total's interval meets the interval of its items' sum; a
ratio or a percent change when the printed figure's interval meets the range of the
quotient over the intervals of its two figures. Figures with two readings (an
unbalanced parenthesis) are tried both ways, unless a reading has already been chosen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal

from tieout.cells import Chosen, cell_at, options, reading_combinations
from tieout.model import CellFlag, CellRef, Evaluation, Table
from tieout.rounding import (
    Interval,
    Monotone,
    divide,
    image,
    percent_change,
    percent_change_of_magnitude,
    quantized,
    sum_tolerance,
    within,
)

_BLANK = (Decimal(0),)  # a blank item: zero, printed exactly


def evaluate_sum(
    tables: Sequence[Table],
    label: str,
    total: CellRef,
    items: Sequence[tuple[CellRef, int]],
    chosen: Chosen,
) -> Evaluation | None:
    """total = sum(sign * item) in one column; None when the total's cell is blank.

    A blank item counts as zero printed exactly (a column with nothing to add). The
    readings of ambiguous figures are tried in at most ``cells.MAX_COMBINATIONS`` (64)
    combinations, stopping at the first that ties.
    """
    t_cell = cell_at(tables, total)
    if t_cell is None:
        return None
    signs = [sign for _, sign in items]
    present: list[CellRef] = []  # the items printed, with their signs and rounding units
    present_signs: list[int] = []
    units = [t_cell.precision]
    choices = [options(t_cell, total, chosen)]
    for ref, sign in items:
        cell = cell_at(tables, ref)
        if cell is None:
            choices.append(_BLANK)
        else:
            present.append(ref)
            present_signs.append(sign)
            units.append(cell.precision)
            choices.append(options(cell, ref, chosen))
    tolerance = sum_tolerance(units)
    best: tuple[Decimal, Decimal, Decimal] | None = None
    for combo in reading_combinations(choices):
        expected = sum((v * sign for v, sign in zip(combo[1:], signs, strict=True)), Decimal(0))
        difference = combo[0] - expected
        if best is None or abs(difference) < abs(best[2]):
            best = (expected, combo[0], difference)
        if within(difference, tolerance):
            break
    assert best is not None
    expected, actual, difference = best
    return Evaluation(
        label, total, tuple(present), expected, actual, difference, tolerance,
        within(difference, tolerance), tuple(present_signs),
    )  # fmt: skip


def _two_figure_relation(
    tables: Sequence[Table],
    label: str,
    total: CellRef,
    first: CellRef,
    second: CellRef,
    chosen: Chosen,
    functions: Callable[[Decimal, Decimal], Sequence[Monotone]],
    places: Decimal,
) -> Evaluation | None:
    """total = f(first, second) for a quotient f, over the print intervals.

    ``functions`` gives the readings of f to try for the printed values (both
    conventions of a percent change against a negative base); the relation holds when
    the range of one meets the printed total's interval. None when the second figure's
    interval holds zero.
    """
    t, a, b = (cell_at(tables, r) for r in (total, first, second))
    if t is None or a is None or b is None:
        return None
    best: tuple[Decimal, Decimal, Decimal, Interval, Interval] | None = None
    for tv, av, bv in reading_combinations(
        [options(t, total, chosen), options(a, first, chosen), options(b, second, chosen)]
    ):
        base = Interval.printed(bv, b.precision)
        if base.holds_zero:
            continue  # a base that may be zero divides nothing
        figure = Interval.printed(av, a.precision)
        printed = Interval.printed(tv, t.precision)
        for f in functions(av, bv):
            computed_range = image(f, figure, base)
            assert computed_range is not None
            computed = f(av, bv)
            if computed_range.meets(printed):
                return _evaluation(
                    label, total, (first, second), places, tv, computed, printed, computed_range
                )
            difference = quantized(tv - computed, places)
            if best is None or abs(difference) < abs(best[0]):
                best = (difference, tv, computed, printed, computed_range)
    if best is None:
        return None
    return _evaluation(label, total, (first, second), places, *best[1:])


def _evaluation(
    label: str,
    total: CellRef,
    items: tuple[CellRef, CellRef],
    places: Decimal,
    printed_value: Decimal,
    computed: Decimal,
    printed: Interval,
    computed_range: Interval,
) -> Evaluation:
    """The evaluation of a quotient relation, its figures quantized to ``places``."""
    return Evaluation(
        label, total, items, quantized(computed, places), printed_value,
        quantized(printed_value - computed, places),
        quantized(printed.radius + computed_range.radius, places),
        computed_range.meets(printed),
    )  # fmt: skip


def evaluate_ratio(
    tables: Sequence[Table],
    label: str,
    total: CellRef,
    numerator: CellRef,
    denominator: CellRef,
    chosen: Chosen,
) -> Evaluation | None:
    """total = numerator / denominator (EPS = net income / shares), interval-wise."""
    return _two_figure_relation(
        tables, label, total, numerator, denominator, chosen,
        lambda n, d: (divide,), Decimal("0.0001"),
    )  # fmt: skip


def evaluate_percent_change(
    tables: Sequence[Table],
    label: str,
    total: CellRef,
    current: CellRef,
    prior: CellRef,
    chosen: Chosen,
) -> Evaluation | None:
    """percent = (current - prior) / |prior| * 100, interval-wise; None when not testable.

    Not testable: a blank or dashed percent (printed where the change is not meaningful)
    or a prior figure whose interval holds zero. A negative prior is tried both as
    printed and by its magnitude, the two conventions releases use; so is a change
    across zero ("(expense) income" from 35 to (81)), which some releases print as the
    change of the expense, the percent with the other sign.
    """
    t = cell_at(tables, total)
    if t is None or CellFlag.DASH_ZERO in t.flags:
        return None

    def readings(av: Decimal, bv: Decimal) -> Sequence[Monotone]:
        both = bv < 0 or av * bv < 0
        return (percent_change, percent_change_of_magnitude) if both else (percent_change,)

    return _two_figure_relation(
        tables, label, total, current, prior, chosen, readings, Decimal("0.01")
    )
