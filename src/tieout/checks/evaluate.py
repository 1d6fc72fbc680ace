"""Testing one relation in one column under the rounding rule (``tieout.rounding``).

A sum holds when the printed total's interval meets the interval of its items' sum; a
ratio or a percent change when the printed figure's interval meets the range of the
quotient over the intervals of its two figures. Figures with two readings (an
unbalanced parenthesis) are tried both ways, unless a reading has already been chosen.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import cast

from tieout import extensions
from tieout.cells import Chosen, cell_at, options, reading_combinations
from tieout.model import Cell, CellFlag, CellRef, Evaluation, Row, Table
from tieout.rounding import (
    HALF,
    HUNDRED,
    WIDE,
    Monotone,
    divide,
    image_ends,
    percent_change,
    percent_change_of_magnitude,
    printed_ends,
    quantized,
    sum_tolerance,
    within,
)

_ZERO = Decimal(0)
_BLANK = (_ZERO,)  # a blank item: zero, printed exactly


# enum members read once: a member read by attribute goes through its metaclass's
# ``__getattr__`` in Python 3.11 (about 0.4 us), in loops over rows and columns
_DASH_ZERO = CellFlag.DASH_ZERO


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
    combinations, stopping at the first that ties. Where every figure has one value (all
    but a few sums) that one combination is summed directly, in the same order.
    """
    t_cell = cell_at(tables, total)
    if t_cell is None:
        return None
    present: list[CellRef] = []  # the items printed, with their signs and rounding units
    present_signs: list[int] = []
    units = [t_cell.precision]
    t_choice = options(t_cell, total, chosen)
    choices = [t_choice]
    single = len(t_choice) == 1
    expected = _ZERO
    for ref, sign in items:
        cell = cell_at(tables, ref)
        if cell is None:
            choices.append(_BLANK)
            expected += _ZERO * sign  # as the sum over readings adds a blank
        else:
            present.append(ref)
            present_signs.append(sign)
            units.append(cell.precision)
            values = options(cell, ref, chosen)
            choices.append(values)
            if single and len(values) == 1:
                expected += values[0] * sign
            else:
                single = False
    tolerance = sum_tolerance(units)
    if single:
        actual = t_choice[0]
        difference = actual - expected
    else:
        signs = [sign for _, sign in items]
        best: tuple[Decimal, Decimal, Decimal] | None = None
        for combo in reading_combinations(choices):
            expected = sum((v * sign for v, sign in zip(combo[1:], signs, strict=True)), _ZERO)
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


def _judge_sum_python(
    tables: Sequence[Table],
    label: str,
    total: CellRef,
    refs: Sequence[CellRef],
    signs: Sequence[int],
    chosen: Chosen,
) -> Evaluation | None:
    """``evaluate_sum`` of the items ``refs`` with their ``signs`` (a place's and a spec's,
    as ``spec.judge`` holds them): the specification of the compiled ``_judge.sum``."""
    return evaluate_sum(tables, label, total, list(zip(refs, signs, strict=True)), chosen)


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

    The intervals are held as pairs of ends (``rounding.printed_ends`` and
    ``image_ends``, what ``Interval.printed`` and ``image`` are made of): tens of
    thousands of these are tested per release.
    """
    t = cell_at(tables, total)
    a = cell_at(tables, first)
    b = cell_at(tables, second)
    if t is None or a is None or b is None:
        return None
    best: tuple[Decimal, Decimal, Decimal, Decimal, Decimal] | None = None
    t_choice = options(t, total, chosen)
    a_choice = options(a, first, chosen)
    b_choice = options(b, second, chosen)
    combos: Iterable[tuple[Decimal, ...]] = (
        ((t_choice[0], a_choice[0], b_choice[0]),)  # one reading each (all but a few)
        if len(t_choice) == len(a_choice) == len(b_choice) == 1
        else reading_combinations([t_choice, a_choice, b_choice])
    )
    for tv, av, bv in combos:
        a_lo, a_hi = printed_ends(av, a.precision)
        b_lo, b_hi = printed_ends(bv, b.precision)
        t_lo, t_hi = printed_ends(tv, t.precision)
        for f in functions(av, bv):
            ends = image_ends(f, a_lo, a_hi, b_lo, b_hi)
            if ends is None:
                break  # a base that may be zero divides nothing
            lo, hi = ends
            computed = f(av, bv)
            if lo <= t_hi and t_lo <= hi:  # the two meet (``Interval.meets``)
                return _evaluation(
                    label, total, (first, second), places, tv, computed,
                    (t_hi - t_lo) / 2 + (hi - lo) / 2, True,
                )  # fmt: skip
            difference = quantized(tv - computed, places)
            if best is None or abs(difference) < abs(best[0]):
                best = (difference, tv, computed, (t_hi - t_lo) / 2 + (hi - lo) / 2, hi)
    if best is None:
        return None
    return _evaluation(label, total, (first, second), places, best[1], best[2], best[3], False)


def _evaluation(
    label: str,
    total: CellRef,
    items: tuple[CellRef, CellRef],
    places: Decimal,
    printed_value: Decimal,
    computed: Decimal,
    radii: Decimal,
    holds: bool,
) -> Evaluation:
    """The evaluation of a quotient relation, its figures quantized to ``places``
    (``radii``: the printed figure's radius and the computed range's, added)."""
    return Evaluation(
        label, total, items, quantized(computed, places), printed_value,
        quantized(printed_value - computed, places), quantized(radii, places), holds,
    )  # fmt: skip


def _ratio_python(
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
        _quotient, RATIO_PLACES,
    )  # fmt: skip


RATIO_PLACES = Decimal("0.0001")
PERCENT_PLACES = Decimal("0.01")
_QUOTIENT: tuple[Monotone, ...] = (divide,)
_PERCENT: tuple[Monotone, ...] = (percent_change,)
_PERCENT_BOTH: tuple[Monotone, ...] = (percent_change, percent_change_of_magnitude)


def _quotient(numerator: Decimal, denominator: Decimal) -> Sequence[Monotone]:
    return _QUOTIENT


def _percent_readings(current: Decimal, prior: Decimal) -> Sequence[Monotone]:
    """Both conventions against a negative prior or across zero, else the printed one."""
    return _PERCENT_BOTH if prior < 0 or current * prior < 0 else _PERCENT


def _percent_change_python(
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
    if t is None or _DASH_ZERO in t.flags:
        return None

    return _two_figure_relation(
        tables, label, total, current, prior, chosen, _percent_readings, PERCENT_PLACES
    )


# -- the compiled judge (``_judge.c``) and the choice of it ---------------------------

_JudgeSum = Callable[
    [Sequence[Table], str, CellRef, Sequence[CellRef], Sequence[int], Chosen], "Evaluation | None"
]
_Quotient = Callable[[Sequence[Table], str, CellRef, CellRef, CellRef, Chosen], "Evaluation | None"]


def _compiled(*, forced: bool = False) -> tuple[_JudgeSum, _Quotient, _Quotient] | None:
    """The compiled sum, ratio and percent change (``_judge.c``), as ``extensions.compiled``
    gives them, each falling back to its Python function (``_judge_sum_python``,
    ``_ratio_python``, ``_percent_change_python``) where it does not answer (a figure of
    two readings). A relation judged there makes no Python frame, no tuple of ends and
    its ``Evaluation`` by its slots: tens of thousands are judged per pass."""
    module = extensions.compiled("tieout.checks._judge", forced=forced)
    if module is None:
        return None
    module.configure(
        Evaluation, CellRef, Table, Row, Cell, _ZERO, sum_tolerance(()), HALF, HUNDRED, WIDE,
        _DASH_ZERO, InvalidOperation,
    )  # fmt: skip
    summed: Callable[..., object] = module.sum
    quotient: Callable[..., object] = module.quotient

    def _judge_sum_compiled(
        tables: Sequence[Table],
        label: str,
        total: CellRef,
        refs: Sequence[CellRef],
        signs: Sequence[int],
        chosen: Chosen,
    ) -> Evaluation | None:
        made = summed(tables, label, total, refs, signs, chosen)
        if made is NotImplemented:
            return _judge_sum_python(tables, label, total, refs, signs, chosen)
        return cast("Evaluation | None", made)

    def _ratio_compiled(
        tables: Sequence[Table],
        label: str,
        total: CellRef,
        numerator: CellRef,
        denominator: CellRef,
        chosen: Chosen,
    ) -> Evaluation | None:
        made = quotient(tables, label, total, numerator, denominator, chosen, RATIO_PLACES, False)
        if made is NotImplemented:
            return _ratio_python(tables, label, total, numerator, denominator, chosen)
        return cast("Evaluation | None", made)

    def _percent_change_compiled(
        tables: Sequence[Table],
        label: str,
        total: CellRef,
        current: CellRef,
        prior: CellRef,
        chosen: Chosen,
    ) -> Evaluation | None:
        made = quotient(tables, label, total, current, prior, chosen, PERCENT_PLACES, True)
        if made is NotImplemented:
            return _percent_change_python(tables, label, total, current, prior, chosen)
        return cast("Evaluation | None", made)

    return _judge_sum_compiled, _ratio_compiled, _percent_change_compiled


_compiled_judges = _compiled()
COMPILED = _compiled_judges is not None
judge_sum: _JudgeSum
evaluate_ratio: _Quotient
evaluate_percent_change: _Quotient
if _compiled_judges is not None:
    judge_sum, evaluate_ratio, evaluate_percent_change = _compiled_judges
else:
    judge_sum, evaluate_ratio, evaluate_percent_change = (
        _judge_sum_python, _ratio_python, _percent_change_python,
    )  # fmt: skip
