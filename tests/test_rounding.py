"""The rounding core: intervals of printed figures, and the rule in its three forms."""

from __future__ import annotations

import ast
import random
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, localcontext
from pathlib import Path

import pytest

from tieout.rounding import (
    Grid,
    Interval,
    Monotone,
    any_meet,
    common,
    divide,
    image,
    image_ends,
    minus_sums,
    percent_change,
    percent_change_of_magnitude,
    printed_ends,
    quantized,
    sum_ties,
    sum_tolerance,
    total,
    within,
)

D = Decimal
SRC = Path(__file__).resolve().parent.parent / "src" / "tieout"


def test_a_printed_figure_stands_for_half_a_unit_either_side() -> None:
    assert Interval.printed(D("33006000"), D(1000)) == Interval(D("33005500"), D("33006500"))
    assert Interval.printed(D("0.25"), D("0.01")) == Interval(D("0.245"), D("0.255"))
    cents = Interval.printed(D("0.25"), D("0.01"))
    assert cents.width == D("0.01") and cents.midpoint == D("0.25") and cents.radius == D("0.005")
    with pytest.raises(ValueError, match="empty interval"):
        Interval.between(D(2), D(1))
    assert Interval.between(D(1), D(2)) == Interval(D(1), D(2))


def test_interval_arithmetic() -> None:
    a, b = Interval(D(1), D(3)), Interval(D(10), D(20))
    assert a + b == Interval(D(11), D(23))
    assert b - a == Interval(D(7), D(19))
    assert -a == Interval(D(-3), D(-1))
    assert a.scaled(-2) == Interval(D(-6), D(-2)) and a.scaled(D("0.5")) == Interval(
        D("0.5"), D("1.5")
    )
    assert total([a, b, a]) == Interval(D(12), D(26))
    assert D(2) in a and D(4) not in a
    assert a.intersection(Interval(D(2), D(5))) == Interval(D(2), D(3))
    assert a.intersection(b) is None
    assert common([a, Interval(D(2), D(5)), Interval(D("2.5"), D(9))]) == Interval(D("2.5"), D(3))
    assert common([a, b]) is None


def test_touching_intervals_meet_but_do_not_overlap() -> None:
    # $0.24 and $0.25 printed to the cent touch at 0.245: one sum may tie across the
    # touch (the rule counts it), but a claim of 0.24 does not state a cell of 0.25
    low, high = Interval.printed(D("0.24"), D("0.01")), Interval.printed(D("0.25"), D("0.01"))
    assert low.meets(high) and high.meets(low)
    assert not low.overlaps(high) and not high.overlaps(low)
    assert low.overlaps(Interval(D("0.2449"), D(1)))
    assert not low.meets(Interval(D("0.2451"), D(1)))


def test_the_sum_rule_in_its_three_forms_agrees() -> None:
    # |T - s| <= (u_T + sum u) / 2  <=>  the intervals meet  <=>  |2T - 2s| <= U on a grid
    rng = random.Random(11)
    outcomes = []
    for _ in range(2000):
        units = [D(1).scaleb(-rng.randint(0, 2)) * rng.choice((1, 1000)) for _ in range(4)]
        values = [D(rng.randint(-5000, 5000)) * u for u in units]
        total_value = sum(values[1:], D(0)) + D(rng.randint(-3, 3)) * units[0] / 2
        total_value = (total_value / units[0]).to_integral_value() * units[0]
        items = values[1:]
        difference = total_value - sum(items, D(0))
        by_radius = within(difference, sum_tolerance(units))
        printed_total = Interval.printed(total_value, units[0])
        by_intervals = printed_total.meets(
            total(Interval.printed(v, u) for v, u in zip(items, units[1:], strict=True))
        )
        grid = Grid.fitting([total_value, *items, *units])
        by_grid = sum_ties(
            grid.of(total_value), sum(grid.of(v) for v in items), sum(grid.of(u) for u in units)
        )
        assert by_radius == by_intervals == by_grid
        outcomes.append(by_radius)
    assert 200 < sum(outcomes) < 1800  # both outcomes, many times


def test_minus_sums_are_the_rule_with_signs() -> None:
    # 100 - 30 - 20 = 50: the items with a minus sign add to 50, which the range holds
    grid = Grid.fitting([D(50), D(100), D(30), D(20), D(1)])
    items = [grid.of(D(v)) for v in (100, 30, 20)]
    ((lo, hi),) = minus_sums([grid.of(D(50))], sum(items), 4)  # four units of 1
    assert lo <= items[1] + items[2] <= hi
    assert not lo <= items[1] <= hi
    # a total printed one unit off still ties within the four half units: 100 - 30 - 20
    # is 50 +- 2, so 51 ties and 53 does not
    ((lo, hi),) = minus_sums([grid.of(D(51))], sum(items), 4)
    assert lo <= 50 <= hi
    ((lo, hi),) = minus_sums([grid.of(D(53))], sum(items), 4)
    assert not lo <= 50 <= hi
    # against the rule itself, for every m and total near the tie
    for t in range(40, 61):
        for m in range(0, 60):
            fits = any(lo <= m <= hi for lo, hi in minus_sums([t], 150, 4))
            assert fits == sum_ties(t, 150 - 2 * m, 4)


def test_a_grid_holds_decimals_exactly() -> None:
    values = [D("33006000"), D("0.25"), D("-1.5E+3"), D("0." + "0" * 400 + "1")]
    grid = Grid.fitting(values)
    assert grid.exponent == -401
    back = [D(grid.of(v)).scaleb(grid.exponent) for v in values]
    assert all(a == b for a, b in zip(back, values, strict=True))
    assert Grid(0).of(D("-1.5E+3")) == -1500
    # whole figures, whatever their exponents, lie on the grid of whole units
    whole = [D("5.00"), D("-1.5E+3"), D("33006000"), D("0E-2")]
    grid = Grid.fitting(whole)
    assert grid.exponent == 0
    assert [grid.of(v) for v in whole] == [5, -1500, 33006000, 0]


def test_integers_are_the_figures_on_one_grid() -> None:
    # whole figures as they are; cents on the grid of the finest unit; a figure finer
    # than every unit on the grid that fits it
    assert Grid.integers([D("5.00"), D("1E+3"), D(-7)]) == [5, 1000, -7]
    units = [D("0.01"), D(1)]
    assert Grid.integers([D("0.01"), D(1), D("1.25"), D("-3.5")], units) == [1, 100, 125, -350]
    assert Grid.integers([D("0.01"), D("1.255")], [D("0.01")]) == [10, 1255]
    rng = random.Random(3)
    for _ in range(300):
        values = [D(rng.randint(-99999, 99999)).scaleb(-rng.randint(0, 4)) for _ in range(6)]
        units = [D(1).scaleb(-rng.randint(0, 3))]
        on = Grid.integers(values, units)
        exponent = Grid.fitting(values).exponent
        ratios = {
            D(i) / grid_value
            for i, v in zip(on, values, strict=True)
            if (grid_value := Grid(exponent).of(v))
        }
        assert len(ratios) <= 1  # one grid for all: the same power of ten apart from fitting's
        assert all(i == 0 for i, v in zip(on, values, strict=True) if v == 0)


def test_figures_and_their_units_are_exact_integers_on_one_grid() -> None:
    # columns as footing reads them: a few unit objects shared by many figures, whole
    # figures (some held with a positive exponent, 1.5E+3) beside cents and tenths
    rng = random.Random(13)
    shared = [D(1), D("0.01"), D(1000), D("0.1"), D("1E+6")]
    grids = set()
    for _ in range(400):
        n = rng.randint(1, 12)
        units = [rng.choice(shared) for _ in range(n)]
        values = [
            D(rng.randint(-99999, 99999)).scaleb(rng.randint(0, 3)) * unit
            if rng.random() < 0.9
            else D(rng.randint(-999, 999)).scaleb(-rng.randint(0, 4))  # finer than its unit
            for unit in units
        ]
        firsts, unit_ints = Grid.figures(values, units)
        on = Grid.integers([*values, *units], units)
        assert (firsts, unit_ints) == (on[:n], on[n:])
        exact = [
            e
            for e in range(-8, 8)
            if all(
                D(i).scaleb(e) == v
                for i, v in zip([*firsts, *unit_ints], [*values, *units], strict=True)
            )
        ]
        assert exact, (values, units)  # every figure is its integer on one grid
        grids.add(max(exact))
    assert len(grids) >= 3  # whole units, cents and finer grids all met


def test_a_quotient_ranges_over_the_corners_and_divides_nothing_by_zero() -> None:
    # EPS: net income 156 (thousands) over 4,932 shares (thousands), printed to the cent
    income, shares = Interval.printed(D(156), D(1)), Interval.printed(D(4932), D(1))
    eps = image(lambda n, d: n / d, income, shares)
    assert (
        eps is not None
        and eps.lo == D("155.5") / D("4932.5")
        and eps.hi == D("156.5") / D("4931.5")
    )
    assert eps.meets(Interval.printed(D("0.03"), D("0.01")))
    assert not eps.meets(Interval.printed(D("0.05"), D("0.01")))
    assert image(lambda n, d: n / d, income, Interval.printed(D(0), D(1))) is None
    assert image(lambda n, d: n / d, income, Interval(D(0), D(1))) is None


def test_the_checks_pairs_of_ends_are_the_intervals_own() -> None:
    """printed_ends and image_ends (what the checks test quotients with) give the ends
    of Interval.printed and image, whatever context the caller computes in."""
    rng = random.Random(7)
    for _ in range(300):
        unit = D(1).scaleb(-rng.randint(0, 3))
        a, b = D(rng.randint(-99999, 99999)) * unit, D(rng.randint(-9999, 9999)) * unit
        for f in (divide, percent_change, percent_change_of_magnitude):
            first, second = printed_ends(a, unit), printed_ends(b, unit)
            with localcontext() as narrow:
                narrow.prec = 3  # the quotients compute in their own wide context
                ends = image_ends(f, *first, *second)
            box = image(f, Interval.printed(a, unit), Interval.printed(b, unit))
            assert printed_ends(a, unit) == (
                Interval.printed(a, unit).lo,
                Interval.printed(a, unit).hi,
            )
            assert (box is None and ends is None) or (box is not None and ends == (box.lo, box.hi))
    assert image_ends(divide, D(1), D(2), D("-0.5"), D("0.5")) is None


def _anonymous(f: Monotone) -> Monotone:
    """``f`` under another name: image_ends computes it at all four corners."""

    def g(first: D, second: D) -> D:
        return f(first, second)

    return g


def test_the_quotients_least_and_greatest_corners_are_the_four_corners_ends() -> None:
    """image_ends computes the module's quotients at two corners, chosen by the signs of
    the ends: the same ends as all four corners give (any other function), over boxes of
    either sign, a first interval across zero or of one point, and figures far apart in
    size."""
    rng = random.Random(11)

    def figure() -> D:
        return D(rng.randint(-(10 ** rng.randint(0, 12)), 10 ** rng.randint(0, 12))).scaleb(
            rng.choice((-402, -6, -2, -1, 0, 0, 0, 3, 30))
        )

    tested = 0
    while tested < 3000:
        first_lo, first_hi = sorted((figure(), figure()))
        second_lo, second_hi = sorted((figure(), figure()))
        if rng.random() < 0.1:
            first_lo = first_hi
        if second_lo <= 0 <= second_hi:
            continue
        tested += 1
        for f in (divide, percent_change, percent_change_of_magnitude):
            ends = image_ends(f, first_lo, first_hi, second_lo, second_hi)
            four = image_ends(_anonymous(f), first_lo, first_hi, second_lo, second_hi)
            assert ends == four, (f.__name__, first_lo, first_hi, second_lo, second_hi)


def test_percent_change_both_conventions_for_a_negative_base() -> None:
    # a loss of 10 that becomes a loss of 5: -50% as printed, +50% over its magnitude
    assert percent_change(D(-5), D(-10)) == D(-50)
    assert percent_change_of_magnitude(D(-5), D(-10)) == D(50)
    assert percent_change(D(110), D(100)) == D(10)
    # across zero, the other convention gives the percent with the other sign
    assert percent_change_of_magnitude(D(-81), D(35)) == -percent_change(D(-81), D(35))


def test_quantized_leaves_what_it_cannot_round() -> None:
    assert str(quantized(D("1.23456"), D("0.01"))) == "1.23"
    huge = D(437) / D("0." + "0" * 400 + "1")  # raises InvalidOperation if quantized
    assert quantized(huge, D("0.01")) == huge
    assert quantized(D("NaN"), D("0.01")).is_nan()
    assert quantized(D("-Infinity"), D("0.01")) == D("-Infinity")
    assert quantized(D("1.23456"), D("Infinity")) == D("1.23456")
    with localcontext() as context:
        context.prec = 3
        assert str(quantized(D("1.23456"), D("0.01"))) == "1.23"
        assert str(quantized(D("9.996"), D("0.01"))) == "9.996"  # 10.00: four digits
        assert str(quantized(D("12.3456"), D("0.01"))) == "12.3456"
        context.traps[InvalidOperation] = False  # NaN instead of the error
        assert str(quantized(D("12.3456"), D("0.01"))) == "12.3456"
    # within the precision: the value quantized, with the rounding asked for
    rng = random.Random(5)
    for _ in range(500):
        value = D(rng.randint(-(10**12), 10**12)).scaleb(-rng.randint(0, 10))
        places = D(1).scaleb(-rng.randint(0, 4))
        for rounding in (None, ROUND_HALF_UP):
            assert str(quantized(value, places, rounding)) == str(
                value.quantize(places, rounding=rounding)
            )


def test_tiny_figures_do_not_break_quotients() -> None:
    tiny = Interval.printed(D("0." + "0" * 400 + "1"), D("1E-401"))
    assert image(percent_change, Interval.printed(D(437), D(1)), tiny) is not None
    assert percent_change(D(437), D("1E-999990")) > 0  # beyond the default exponent range


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return found


def test_prose_does_not_import_the_checks_and_the_core_imports_only_the_model() -> None:
    prose = {m for p in (SRC / "prose").glob("*.py") for m in _imports(p)}
    assert not [m for m in prose if m == "tieout.checks" or m.startswith("tieout.checks.")]
    for core in ("rounding.py", "cells.py"):
        ours = {m for m in _imports(SRC / core) if m.startswith("tieout")}
        assert ours <= {"tieout.model"}, core
    assert not {m for m in _imports(SRC / "model.py") if m.startswith("tieout")} - {
        "tieout.report.facts",  # display hooks the lead moves out of the model
        "tieout.report.html",
        "tieout.extensions",  # which compiled components are in use (the records' __init__)
    }
    # and that one is a leaf: it imports nothing of tieout's
    assert not {m for m in _imports(SRC / "extensions.py") if m.startswith("tieout")}


def test_any_meet_is_some_pair_meeting() -> None:
    """Rows compared by their figures: some pair meets (touching counts), on random
    printed figures of two scales, exactly when ``Interval.meets`` says so of a pair."""
    rng = random.Random(13)
    seen = {True: 0, False: 0}
    for _ in range(500):
        rows = [
            [
                Interval.printed(D(rng.randint(-40, 40)), D(rng.choice([1, 2, 4])))
                for _ in range(rng.randint(0, 3))
            ]
            for _ in range(2)
        ]
        pairwise = any(a.meets(b) for a in rows[0] for b in rows[1])
        assert any_meet(rows[0], rows[1]) is pairwise
        seen[pairwise] += 1
    assert seen[True] and seen[False]
    # touching ends count; a gap of one hundredth does not
    assert any_meet([Interval(D(0), D(1))], [Interval(D(5), D(6)), Interval(D(1), D(2))])
    assert not any_meet([Interval(D(0), D(1))], [Interval(D("1.01"), D(2))])
    assert not any_meet([], [Interval(D(0), D(1))])
