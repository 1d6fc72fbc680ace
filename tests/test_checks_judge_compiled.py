"""The compiled judge (checks/_judge.c) makes the Python's evaluations, digit for digit.

``evaluate._judge_sum_python`` (a sum of signed items in one place), ``_ratio_python`` and
``_percent_change_python`` (a quotient over the print intervals, both conventions of a
percent change against a negative base) are the specification; the C functions replace
them whenever the extension was built, and hand back to them (NotImplemented) where a
figure has two readings. Both judge here every relation the checks judge on every corpus
release (with no reading chosen, and with the readings the checks chose), and generated
places: blanks, rows printing fewer cells than the table has columns, figures of one and
two readings, readings chosen, dashed percents, divisors whose interval holds zero,
negative and signed-zero figures, exponents of every sign, signs other than one, and
quotients too long to quantize. Evaluations are compared by their reprs: a Decimal's
exponent (1.0 against 1) and a zero's sign count, not only its value.
"""

from __future__ import annotations

import decimal
import importlib
import importlib.util
import random
import sys
from collections.abc import Sequence
from decimal import ROUND_FLOOR, Context, Decimal, localcontext
from pathlib import Path
from typing import Any

import pytest

from golden import manifest
from tieout.cells import Chosen
from tieout.checks import changes, spec
from tieout.model import (
    Cell,
    CellFlag,
    CellRef,
    Column,
    Evaluation,
    Row,
    RowKind,
    Span,
    Table,
    Unit,
)
from tieout.pipeline import read

NAME = "tieout.checks._judge"
BUILT = importlib.util.find_spec(NAME) is not None
needs_build = pytest.mark.skipif(not BUILT, reason="the C extension is not built here")
evaluate = sys.modules["tieout.checks.evaluate"]  # (the package binds the name to a function)


def _judges() -> tuple[Any, Any, Any]:
    made = evaluate._compiled(forced=True)  # even when the environment forces Python
    assert made is not None
    return made


def _same(got: Evaluation | None, expected: Evaluation | None, where: object) -> None:
    assert repr(got) == repr(expected), where
    if got is not None and expected is not None:
        assert type(got) is type(expected)
        assert type(got.holds) is bool, where
        assert got.items == expected.items and got.signs == expected.signs, where


@needs_build
def test_the_compiled_judge_makes_every_corpus_evaluation_alike(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    judge_sum, ratio, percent = _judges()
    raw = importlib.import_module(NAME)
    counts = {"sum": 0, "ratio": 0, "percent": 0, "answered": 0, "chosen": 0}

    def both(kind: str, python: Any, compiled: Any, *args: Any) -> Evaluation | None:
        expected = python(*args)
        _same(compiled(*args), expected, (kind, args[1:]))
        counts[kind] += 1
        counts["chosen"] += bool(args[-1])
        return expected  # type: ignore[no-any-return]

    def sums(*args: Any) -> Evaluation | None:
        tables, label, total, refs, signs, chosen = args
        direct = raw.sum(tables, label, total, refs, signs, chosen)
        counts["answered"] += direct is not NotImplemented
        return both("sum", evaluate._judge_sum_python, judge_sum, *args)

    # every relation through spec.judge: the places of a spec and the rows of a change
    # column's pair judged by their Python loops (their compiled loops judge in C, and are
    # compared with these in test_checks_places_compiled.py)
    monkeypatch.setattr(spec, "_judged_places", spec._judged_places_python)
    monkeypatch.setattr(changes, "_tested", changes._tested_python)
    monkeypatch.setattr(spec, "judge_sum", sums)
    monkeypatch.setattr(
        spec, "evaluate_ratio", lambda *a: both("ratio", evaluate._ratio_python, ratio, *a)
    )
    monkeypatch.setattr(
        spec,
        "evaluate_percent_change",
        lambda *a: both("percent", evaluate._percent_change_python, percent, *a),
    )
    for name in manifest(corpus_dir):
        read((corpus_dir / name).read_bytes(), name=name)
    assert counts["sum"] > 9000 and counts["percent"] > 8000 and counts["ratio"] > 300
    assert counts["answered"] > 0.99 * counts["sum"]  # the C answers all but a few
    assert counts["chosen"] > 0  # readings chosen: the final evaluation of some release


_VALUES = (
    "0", "-0", "0.00", "-0.0", "7", "-12", "33006000", "1.5E+3", "1E+6", "-2.5E+4", "0.25",
    "12.34", "-0.01", "3.14159", "99999999999999999999999", "-1E+30",
    "1234567890123456789012.5", "1E-400", "-7E+400", "0.5", "-0.5", "100", "-100",
)  # fmt: skip
_UNITS = ("0", "1", "1000", "1E+3", "1E+6", "0.01", "0.1", "1.0", "0.001", "1E-400")


def _cell(rng: random.Random, column: int, values: Sequence[Decimal]) -> Cell | None:
    if rng.random() < 0.12:
        return None
    if rng.random() < 0.5:
        value = Decimal(rng.randint(-(10**6), 10**6)) * rng.choice((1, 1, 1000, Decimal("0.01")))
    else:
        value = rng.choice(values)
    unit = Decimal(rng.choice(_UNITS[:-1] if rng.random() < 0.98 else _UNITS))
    draw = rng.random()
    readings: tuple[Decimal, ...] = (
        (value, -value) if draw < 0.04 else (value,) if draw < 0.5 else ()
    )
    flags = frozenset({CellFlag.DASH_ZERO}) if rng.random() < 0.05 else frozenset()
    return Cell(str(value), value, unit, Span(3, 0, 1), column, flags, readings)


def _tables(rng: random.Random, values: Sequence[Decimal]) -> list[Table]:
    tables = []
    for t in range(2):
        rows = []
        for r in range(6):
            width = 4 if rng.random() < 0.8 else rng.randint(0, 3)  # short rows print less
            cells = tuple(_cell(rng, c, values) for c in range(width))
            rows.append(Row(r, f"Row {r}", 0, RowKind.ITEM, Unit.USD, cells, 3, Span(3, 0, 5)))
        columns = tuple(Column(c, f"C{c}", None, 0, 1) for c in range(4))
        tables.append(Table(t, "T", Decimal(1), "", columns, tuple(rows), 1, 9))
    return tables


def _ref(rng: random.Random) -> CellRef:
    return CellRef(rng.randrange(2), rng.randrange(6), rng.randrange(4))


@needs_build
def test_the_compiled_judge_makes_generated_evaluations_alike() -> None:
    judge_sum, ratio, percent = _judges()
    raw = importlib.import_module(NAME)
    rng = random.Random(14)
    values = [Decimal(v) for v in _VALUES]
    answered = {"sum": 0, "quotient": 0}
    for case in range(4000):
        tables = _tables(rng, values)
        chosen: Chosen = {}
        if rng.random() < 0.2:
            chosen = {_ref(rng): rng.choice(values) for _ in range(rng.randint(1, 6))}
        total = _ref(rng)
        refs = tuple(_ref(rng) for _ in range(rng.randint(0, 7)))
        signs = tuple(rng.choice((1, 1, -1, 2, 0)) for _ in refs)
        args = (tables, "C", total, refs, signs, chosen)
        _same(judge_sum(*args), evaluate._judge_sum_python(*args), (case, args))
        answered["sum"] += raw.sum(*args) not in (NotImplemented, None)
        first, second = _ref(rng), _ref(rng)
        for compiled, python, places, is_percent in (
            (ratio, evaluate._ratio_python, evaluate.RATIO_PLACES, False),
            (percent, evaluate._percent_change_python, evaluate.PERCENT_PLACES, True),
        ):
            qargs = (tables, "C", total, first, second, chosen)
            _same(compiled(*qargs), python(*qargs), (case, qargs))
            direct = raw.quotient(*qargs, places, is_percent)
            answered["quotient"] += direct not in (NotImplemented, None)
    assert answered["sum"] > 1500 and answered["quotient"] > 1500


# Figures about the 18 digits a sum adds without multiplying by its sign (read from the
# Decimal's memory, ``_judge.c``'s ``direct_term``), and exponents about its bound of 30.
_WIDE_VALUES = (
    "999999999999999999", "-999999999999999999", "1000000000000000000", "123456789012345678.9",
    "1E+30", "-1E+31", "1E-30", "1E-31", "-0E+30", "0E-31", "5E+29", "-12345678901234567E+13",
)  # fmt: skip


def _configured() -> Any:
    """The extension configured as the checks configure it (``evaluate``, ``spec`` and
    ``changes`` do, where the compiled paths are taken), whatever the environment forces."""
    _judges()
    raw = importlib.import_module(NAME)
    raw.configure_places(spec.Place, evaluate.RATIO_PLACES, evaluate.PERCENT_PLACES)
    raw.configure_integers(Decimal, decimal.getcontext)
    return raw


class _OwnContext(Context):
    """A context of a class of the caller's own: the judge reads it by its attributes."""


@needs_build
@pytest.mark.parametrize(
    "context",
    [
        Context(),  # (the caller's: 28 digits)
        Context(prec=6),  # figures of more digits rounded as they are multiplied and added
        Context(prec=28, Emax=60, Emin=-60),  # an exponent range the sums may leave
        Context(prec=17, rounding=ROUND_FLOOR),  # -0 where a sum of zeros rounds down
        Context(prec=27),  # each bound the context is read for (from its memory), just past
        Context(prec=28, Emax=99),
        Context(prec=28, Emin=-99),
        Context(prec=28, Emax=100, Emin=-100),  # (and just within)
        _OwnContext(prec=6),  # a class of the caller's own: read by its attributes
        _OwnContext(),
    ],
    ids=[
        "default", "six digits", "narrow exponents", "floor", "27 digits", "Emax 99",
        "Emin -99", "exponents 100", "own class, six digits", "own class",
    ],
)  # fmt: skip
def test_the_compiled_judge_adds_figures_by_their_signs_as_python_multiplies(
    context: Context,
) -> None:
    """A sum's figures of up to 18 digits added or subtracted by their signs 1 and -1, in
    a context of 28 digits and a wide exponent range, give the very Evaluation the
    products give (Decimals' repr: digits, exponents, negative zeros), and in any other
    context the products are made, as the Python makes them; the halved units of a sum
    made once per run of equal units alike."""
    judge_sum, _, _ = _judges()
    rng = random.Random(46)
    values = [Decimal(v) for v in (*_VALUES, *_WIDE_VALUES)]
    cases = []
    for _ in range(1500):  # (made in the default context)
        tables = _tables(rng, values)
        refs = tuple(_ref(rng) for _ in range(rng.randint(0, 9)))
        signs = tuple(rng.choice((1, -1, 1, -1, 2)) for _ in refs)
        cases.append((tables, "C", _ref(rng), refs, signs, {}))
    with localcontext(context):
        for case, args in enumerate(cases):
            try:
                expected: Evaluation | None | Exception = evaluate._judge_sum_python(*args)
            except ArithmeticError as error:  # (an exponent out of range)
                expected = error
            try:
                got: Evaluation | None | Exception = judge_sum(*args)
            except ArithmeticError as error:
                got = error
            if isinstance(expected, Exception):
                assert type(got) is type(expected), (case, args)
            else:
                assert not isinstance(got, Exception), (case, args, got)
                _same(got, expected, (case, args))


@needs_build
@pytest.mark.parametrize("trapped", [False, True])
def test_a_clamping_context_sets_and_traps_clamped_as_the_products_do(trapped: bool) -> None:
    """With ``clamp`` set, a product by 1 may be clamped (its exponent brought under
    ``Emax - prec + 1``) where the sum it feeds is not: the compiled sum adds by the signs
    only where ``clamp`` is 0, so the flags raised, and a trap, are the Python's."""
    judge_sum, _, _ = _judges()
    unit = Decimal("1E-25")
    row = Row(
        0,
        "R",
        0,
        RowKind.ITEM,
        Unit.USD,
        tuple(
            Cell(str(v), v, unit, Span(3, 0, 1), c, frozenset(), ())
            for c, v in enumerate(map(Decimal, ("1E-25", "5", "5.0000000000000000000000001")))
        ),
        3,
        Span(3, 0, 5),
    )
    table = Table(
        0,
        "T",
        Decimal(1),
        "",
        tuple(Column(c, f"C{c}", None, 0, 1) for c in range(3)),
        (row,),
        1,
        9,
    )
    args = ([table], "C", CellRef(0, 0, 2), (CellRef(0, 0, 0), CellRef(0, 0, 1)), (1, 1), {})
    outcomes = []
    for judge in (evaluate._judge_sum_python, judge_sum):
        traps = [decimal.Clamped] if trapped else []
        with localcontext(Context(prec=121, Emax=100, Emin=-100, clamp=1, traps=traps)) as ctx:
            try:
                made = repr(judge(*args))
            except ArithmeticError as error:
                made = type(error).__name__
            outcomes.append((made, sorted(k.__name__ for k, v in ctx.flags.items() if v)))
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][1] == ["Clamped"] or outcomes[0][0] == "Clamped"


@needs_build
def test_the_compiled_sum_hands_back_what_it_does_not_judge() -> None:
    judge_sum, _, _ = _judges()
    raw = importlib.import_module(NAME)
    value, unit = Decimal(5), Decimal(1)
    two = Cell("5)", value, unit, Span(3, 0, 1), 0, frozenset(), (value, -value))
    one = Cell("5", value, unit, Span(3, 0, 1), 1, frozenset(), ())
    row = Row(0, "Row", 0, RowKind.ITEM, Unit.USD, (two, one), 3, Span(3, 0, 5))
    tables = [
        Table(
            0,
            "T",
            Decimal(1),
            "",
            (Column(0, "A", None, 0, 1), Column(1, "B", None, 0, 1)),
            (row,),
            1,
            9,
        )
    ]
    a, b = CellRef(0, 0, 0), CellRef(0, 0, 1)
    assert raw.sum(tables, "A", b, (a,), (1,), {}) is NotImplemented  # two readings
    assert raw.sum(tables, "A", b, (a,), (1, 1), {}) is NotImplemented  # lengths differ
    with pytest.raises(ValueError):  # as the Python's strict zip
        judge_sum(tables, "A", b, (a,), (1, 1), {})
    chosen = {a: -value}  # a reading chosen: the C judges it
    got = raw.sum(tables, "A", b, (a,), (1,), chosen)
    assert repr(got) == repr(evaluate._judge_sum_python(tables, "A", b, (a,), (1,), chosen))
    assert got.difference == 10 and not got.holds
    with pytest.raises(IndexError):  # a column before the first of every row, as Python
        raw.sum(tables, "A", CellRef(0, 0, -3), (a,), (1,), {})
    assert raw.sum(tables, "A", CellRef(0, 0, 7), (a,), (1,), {}) is None  # past the row


@needs_build
def test_what_the_judge_makes_of_untracked_fields_is_left_untracked() -> None:
    """The references and places ``table_places`` makes (ints, a str) and the evaluations
    of them (Decimals, a bool, tuples of those) are left to reference counting, as CPython
    leaves a tuple of ints: the collector need not visit what no cycle can pass through.
    An evaluation holding a reference made in Python (tracked) stays tracked, and each is
    the same record either way."""
    import gc

    raw = _configured()
    rng = random.Random(47)
    values = [Decimal(v) for v in _VALUES]
    untracked = tracked = 0
    for _ in range(200):
        tables = _tables(rng, values)
        table = rng.randrange(len(tables))
        rows = len(tables[table].rows)
        total, items = rng.randrange(rows), [rng.randrange(rows) for _ in range(3)]
        columns = [(f"C{c}", c) for c in range(len(tables[table].columns))]
        places = raw.table_places(table, total, items, columns)
        assert places == spec._table_places_python(table, total, items, columns)
        for place in places:
            assert not gc.is_tracked(place) and not gc.is_tracked(place.items)
            assert not gc.is_tracked(place.total)
            assert not any(gc.is_tracked(ref) for ref in place.items)
            ev = raw.sum(tables, place.label, place.total, place.items, (1, -1, 1), {})
            if isinstance(ev, Evaluation):
                assert not gc.is_tracked(ev)
                untracked += 1
            made = CellRef(place.total.table, place.total.row, place.total.column)
            assert gc.is_tracked(made)  # (made by the class: tracked)
            ev = raw.sum(tables, place.label, made, place.items, (1, -1, 1), {})
            if isinstance(ev, Evaluation):
                assert gc.is_tracked(ev) and ev.total is made
                tracked += 1
    assert untracked > 50 and tracked > 50


@needs_build
@pytest.mark.parametrize(
    "context",
    [Context(), Context(prec=6), Context(prec=17, rounding=ROUND_FLOOR), Context(clamp=1)],
    ids=["default", "six digits", "floor", "clamp"],
)
def test_a_sums_tolerance_of_one_unit_is_the_pythons(context: Context) -> None:
    """A sum whose figures all print one rounding unit (most sums) has its halved unit
    added as its product by their count where the context is exact: the same Decimal as
    the Python's one by one (digits, exponent), for units of every exponent, sums of up to
    40 items, blanks among them, and in contexts where the products are made."""
    from dataclasses import replace

    judge_sum, _, _ = _judges()
    rng = random.Random(48)
    values = [Decimal(v) for v in _VALUES]
    units = (*_UNITS, "5E-31", "0.0000001", "123456789012345678", "999999999999999999E-30")
    runs = 0
    for case in range(600):
        unit = Decimal(units[case % len(units)])
        tables = [
            replace(
                t,
                rows=tuple(
                    replace(
                        row,
                        cells=tuple(
                            None if c is None else replace(c, precision=unit) for c in row.cells
                        ),
                    )
                    for row in t.rows
                ),
            )
            for t in _tables(rng, values)
        ]
        refs = tuple(_ref(rng) for _ in range(rng.randint(0, 40)))
        signs = tuple(rng.choice((1, -1, 1, 2)) for _ in refs)
        args = (tables, "C", _ref(rng), refs, signs, {})
        with localcontext(context):
            try:
                expected: Any = evaluate._judge_sum_python(*args)
            except ArithmeticError as error:
                expected = type(error)
            try:
                got: Any = judge_sum(*args)
            except ArithmeticError as error:
                got = type(error)
        if isinstance(expected, Evaluation):
            _same(got, expected, (case, args))
            runs += len(expected.items) >= 2
        else:
            assert got == expected or repr(got) == repr(expected), (case, args)
    assert runs > 300


class _Holder:
    """An object a cycle passes through."""

    held: object = None


@needs_build
@pytest.mark.parametrize("where", ["label", "row"])
def test_a_record_holding_an_untracked_dict_stays_tracked(where: str) -> None:
    """A dict CPython left untracked (empty) is tracked again once a tracked object goes in:
    a place or a reference holding one must stay tracked, or a cycle through it is never
    collected (CPython's own rule for a tuple's items; tracked only where the field may be)."""
    import gc
    import weakref

    raw = _configured()
    d: dict[str, object] = {}
    assert not gc.is_tracked(d)
    if where == "label":
        place = raw.table_places(0, 0, [1], [(d, 0)])[0]
    else:
        place = raw.table_places(0, 0, [d], [("A", 0)])[0]
    holder = _Holder()
    holder.held = place
    d["holder"] = holder  # the cycle: place -> d -> holder -> place
    gone = weakref.ref(holder)
    del d, place, holder
    gc.collect()
    assert gone() is None
