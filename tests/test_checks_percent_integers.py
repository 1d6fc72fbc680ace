"""A percent change decided in integers (checks/_judge.c) answers as the Decimal path does.

A change column's candidate pairs judge thousands of percent rows a pass whose pairs are
then dropped; ``_judge.rows`` decides those rows in 128-bit integers from their figures'
coefficients and exponents, and makes Decimal evaluations only for the rows of a pair
borne out. The specification is ``evaluate._percent_change_python``: whether it holds,
or is not testable (None). ``_judge.percent_holds`` is the integer path alone; it must give
the same answer wherever it answers (NotImplemented: judged in Decimal), on every percent
row the change columns judge over the corpus and on generated figures built to press on
it: signs, zero and near-zero bases, exponents of every sign, units of every size, 18 and
19 digits, and printed percents at and one unit beside the rounded ends of the quotient,
where the wide context's rounding decides.
"""

from __future__ import annotations

import importlib
import importlib.util
import random
import sys
from decimal import Decimal, localcontext
from pathlib import Path
from typing import Any

import pytest

from golden import manifest
from tieout.checks import changes
from tieout.model import Cell, CellFlag, CellRef, Column, Row, RowKind, Span, Table, Unit
from tieout.pipeline import read
from tieout.rounding import (
    percent_change,
    percent_change_of_magnitude,
    printed_ends,
    quotient_corners,
)

NAME = "tieout.checks._judge"
BUILT = importlib.util.find_spec(NAME) is not None
needs_build = pytest.mark.skipif(not BUILT, reason="the C extension is not built here")
evaluate = sys.modules["tieout.checks.evaluate"]


def _module() -> Any:
    assert changes._compiled(forced=True) is not None  # (configured, integers confirmed)
    module = importlib.import_module(NAME)
    assert module.configure_integers(Decimal, __import__("decimal").getcontext) is True
    return module


def _expected(tables: list[Table], total: CellRef, current: CellRef, prior: CellRef) -> Any:
    ev = evaluate._percent_change_python(tables, "x", total, current, prior, {})
    return None if ev is None else ev.holds


@needs_build
def test_every_corpus_percent_row_is_answered_alike(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = _module()
    tested = changes._tested
    counts = {"rows": 0, "decided": 0, True: 0, False: 0, None: 0}

    def pairs(*args: Any) -> Any:
        tables, table, (change, current, prior), _, _, rows, _ = args
        if change.unit is Unit.PERCENT:
            for row in rows:
                refs = (CellRef(table.index, row.index, c.index) for c in (change, current, prior))
                total, first, second = refs
                got = module.percent_holds(tables, total, first, second)
                counts["rows"] += 1
                if got is not NotImplemented:
                    expected = _expected(tables, total, first, second)
                    assert got is expected, (table.index, row.index, change.index)
                    counts["decided"] += 1
                    counts[got] += 1
        return tested(*args)

    monkeypatch.setattr(changes, "_tested", pairs)
    for name in manifest(corpus_dir):
        read((corpus_dir / name).read_bytes(), name=name)
    assert counts["rows"] > 8000 and counts["decided"] > 0.98 * counts["rows"]
    assert counts[True] > 3000 and counts[False] > 1000 and counts[None] > 50


def _figure(rng: random.Random) -> Decimal:
    """A figure of 1 to 20 digits (most of 9 or fewer), either sign (a zero of either), an
    exponent of -3 to 6 (of -12 to 12 for one in five)."""
    digits = rng.choice((1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 15, 17, 18, 18, 19, 20))
    coefficient = rng.randrange(10 ** (digits - 1) if digits > 1 else 0, 10**digits)
    exponent = rng.randint(-3, 6) if rng.random() < 0.8 else rng.randint(-12, 12)
    return Decimal((rng.choice((0, 1)), tuple(map(int, str(coefficient))), exponent))


def _unit(rng: random.Random) -> Decimal:
    return Decimal(rng.choice(("1", "1000", "1E+6", "0.01", "0.1", "1.0", "0", "5", "0.001")))


def _percent_near(rng: random.Random, a: Cell, b: Cell) -> Decimal:
    """A printed percent at, or one unit of its last digit beside, an end of the quotient's
    range (the corners the Decimal path computes, rounded to 28 digits in the wide
    context), cut to 1-18 digits: where the rounding of the quotient decides."""
    a_lo, a_hi = printed_ends(a.value, a.precision)
    b_lo, b_hi = printed_ends(b.value, b.precision)
    if b_lo <= 0 <= b_hi:
        return _figure(rng)
    low, high = quotient_corners(a_lo, a_hi, b_lo, b_hi)
    f = rng.choice((percent_change, percent_change_of_magnitude))
    end = f(*rng.choice((low, high)))
    places = rng.randint(0, 8) if rng.random() < 0.8 else rng.randint(9, 17)
    cut = Decimal(f"{end:.{places}e}") if end else end
    step = Decimal((0, (1,), cut.as_tuple().exponent)) if cut.is_finite() else Decimal(0)
    return cut + rng.choice((-1, 0, 0, 1)) * step  # type: ignore[no-any-return]


def _cell(
    value: Decimal, unit: Decimal, column: int, flags: frozenset[CellFlag] = frozenset()
) -> Cell:
    return Cell(str(value), value, unit, Span(3, 0, 1), column, flags, ())


@needs_build
def test_generated_percent_rows_are_answered_alike() -> None:
    module = _module()
    rng = random.Random(19)
    counts = {"cases": 0, "decided": 0, True: 0, False: 0, None: 0}
    columns = tuple(Column(c, f"C{c}", None, 0, 1) for c in range(3))
    refs = tuple(CellRef(0, 0, c) for c in range(3))
    for _ in range(20000):
        a = _cell(_figure(rng), _unit(rng), 1)
        if rng.random() < 0.1:  # a base at or about zero
            b = _cell(
                Decimal(rng.choice(("0", "-0", "0.4", "-0.5", "0.6", "1", "-1"))), _unit(rng), 2
            )
        else:
            b = _cell(_figure(rng), _unit(rng), 2)
        value = _percent_near(rng, a, b) if rng.random() < 0.7 else _figure(rng)
        flags = frozenset({CellFlag.DASH_ZERO}) if rng.random() < 0.02 else frozenset()
        unit = Decimal(rng.choice(("0.1", "1", "0.01", "0", "1E-8", "1E-9", "0.5")))
        t = _cell(value, unit, 0, flags)
        row = Row(0, "Row", 0, RowKind.ITEM, Unit.PERCENT, (t, a, b), 3, Span(3, 0, 5))
        tables = [Table(0, "T", Decimal(1), "", columns, (row,), 1, 9)]
        got = module.percent_holds(tables, *refs)
        counts["cases"] += 1
        if got is not NotImplemented:
            assert got is _expected(tables, *refs), (t, a, b)
            counts["decided"] += 1
            counts[got] += 1
    # (a third decided: the others, of 19 digits, wide exponents or fine percents, are
    # the Decimal path's, and tested there)
    assert counts["decided"] > 0.3 * counts["cases"]
    assert min(counts[True], counts[False], counts[None]) > 1000


@needs_build
def test_what_the_integers_do_not_decide_is_handed_to_decimal() -> None:
    module = _module()
    columns = tuple(Column(c, f"C{c}", None, 0, 1) for c in range(3))
    refs = tuple(CellRef(0, 0, c) for c in range(3))

    def answer(t: str, a: str, b: str, unit: str = "1", readings: bool = False) -> Any:
        cells = [_cell(Decimal(v), Decimal(unit), c) for c, v in enumerate((t, a, b))]
        if readings:
            value = cells[1].value
            cells[1] = Cell(
                "5)", value, Decimal(unit), Span(3, 0, 1), 1, frozenset(), (value, -value)
            )
        row = Row(0, "Row", 0, RowKind.ITEM, Unit.PERCENT, tuple(cells), 3, Span(3, 0, 5))
        tables = [Table(0, "T", Decimal(1), "", columns, (row,), 1, 9)]
        return module.percent_holds(tables, *refs)

    assert answer("10", "110", "100") is True
    assert answer("12", "110", "100") is False
    assert answer("10", "110", "0") is None  # a base whose interval holds zero
    assert answer("10", "110", "100", readings=True) is NotImplemented  # two readings
    assert answer("10", "1" * 19, "100") is NotImplemented  # 19 digits
    assert answer("10", "110", "Infinity") is NotImplemented
    assert answer("10", "1E+31", "100") is NotImplemented  # an exponent past the bound
    assert answer("10.000000001", "110", "100") is NotImplemented  # a percent of 9 places
    with localcontext() as context:  # a caller's context that may round the printed ends
        context.prec = 20
        assert answer("10", "110", "100") is NotImplemented
    # a printed percent of 8 places the exact quotient passes by less than the wide
    # context's 28th digit may be, |T| |C| past 10**27: judged in Decimal
    a, b = "40000000000000007", "999999999"
    cut = f"{percent_change(Decimal(a), Decimal(b)):.8f}"  # (rounded: within a unit of 1E-8)
    assert answer(cut, a, b, "0") is NotImplemented
    assert answer("33.33", "4" * 12, "3" * 12, "0") is False  # far from it: decided


_SIGNED = ("-0", "0", "0.00", "-0.00", "5", "-5", "0.4", "-0.5", "Infinity", "-Infinity")
_SIGNED += ("1E+400000", "-1E+400000", "NaN", "1234567890123456789012")


@needs_build
def test_signs_read_from_memory_judge_as_the_comparisons_do() -> None:
    """The compiled quotient reads a figure's sign against zero from its memory (finite
    Decimals): every pair of signed zeros, infinities, huge and NaN figures is judged as
    the Python judges it, or raises as it raises."""
    _module()
    _, ratio, percent = evaluate._compiled(forced=True)
    columns = tuple(Column(c, f"C{c}", None, 0, 1) for c in range(3))
    refs = tuple(CellRef(0, 0, c) for c in range(3))
    judged = 0
    for t in ("10", "-0", "NaN"):
        for a in _SIGNED:
            for b in _SIGNED:
                for unit in ("1", "0", "0.5"):
                    cells = (
                        _cell(Decimal(t), Decimal("0.1"), 0),
                        _cell(Decimal(a), Decimal(unit), 1),
                        _cell(Decimal(b), Decimal(unit), 2),
                    )
                    row = Row(0, "Row", 0, RowKind.ITEM, Unit.PERCENT, cells, 3, Span(3, 0, 5))
                    tables = [Table(0, "T", Decimal(1), "", columns, (row,), 1, 9)]
                    for compiled, python in (
                        (percent, evaluate._percent_change_python),
                        (ratio, evaluate._ratio_python),
                    ):
                        try:
                            expected = repr(python(tables, "x", *refs, {}))
                        except Exception as error:  # (a NaN compared, an overflow)
                            with pytest.raises(type(error)):
                                compiled(tables, "x", *refs, {})
                            continue
                        assert repr(compiled(tables, "x", *refs, {})) == expected, (t, a, b)
                        judged += 1
    assert judged > 1000
