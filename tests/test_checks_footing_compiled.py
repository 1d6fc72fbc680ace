"""The compiled window search and columns (checks/_footing.c) give the Python answers.

``footing._search_window_python`` (a window's columns on their integer grids, the full
search of every set of minus signs up to 8 items, one minus sign or the first pair
beyond) is the specification; the C function replaces it whenever the extension was
built, and hands back to it (NotImplemented) where a figure has two readings or lies
beyond 2**52 on its grid. Both search every window footing searches on every corpus
document here, and generated windows: columns that tie under random signs within their
rounding, blank rows, figures near and past the bound, columns of two readings.

``footing._column_python`` (a table's column on its integer grid) is the specification of
the compiled column, which makes the columns of one reading each on the grid of
``Grid.figures`` (whole units, or the finest unit's) and hands back every other: both make every column of every corpus table here, and
generated columns of whole figures, cents, figures held with a positive exponent, signed
zeros, figures past 64 bits, blanks and figures of two readings. Columns are compared
entry by entry, types included (a figure's integer, not a bool or a Decimal).
"""

from __future__ import annotations

import importlib
import importlib.util
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from golden import manifest
from tieout.checks import footing
from tieout.checks.footing import Best, _Figures, _Grids
from tieout.model import Cell, Row, RowKind, Span, Unit
from tieout.pipeline import read
from tieout.rounding import EXACT

NAME = "tieout.checks._footing"
BUILT = importlib.util.find_spec(NAME) is not None
needs_build = pytest.mark.skipif(not BUILT, reason="the C extension is not built here")


def _compiled() -> footing._Search:
    made = footing._compiled(forced=True)  # even when the environment forces Python
    assert made is not None
    return made


@needs_build
def test_the_compiled_search_answers_every_corpus_window_alike(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled = _compiled()
    windows = 0

    def both(grids: _Grids, k: int, items: list[int], max_minus: int) -> Best | None:
        nonlocal windows
        expected = footing._search_window_python(grids, k, items, max_minus)
        got = compiled(grids, k, items, max_minus)
        assert got == expected and type(got) is type(expected), (k, items, max_minus)
        windows += 1
        return expected

    monkeypatch.setattr(footing, "_search_window", both)
    # every window through the Python loop (the compiled loop searches its own in C)
    monkeypatch.setattr(footing, "_table_sums", footing._table_sums_python)
    for name in manifest(corpus_dir):
        read((corpus_dir / name).read_bytes(), name=name)
    assert windows > 5000


class _Columns:
    """A table's columns as ``_Grids.summing`` gives them (the searches ask nothing else)."""

    def __init__(self, columns: list[_Figures]) -> None:
        self.columns = columns

    def summing(self, k: int) -> list[_Figures]:
        return self.columns


_BOUND = 2**52


def _column(rng: random.Random, rows: int, k: int, items: list[int]) -> _Figures:
    unit = rng.choice((0, 1, 2, 10, 1000))
    scale = rng.choice(
        (1, 10, 1000, 10**6, _BOUND // 4)
        if rng.random() < 0.95
        else (_BOUND - 1, _BOUND, 2**62, 2**70)  # at the bound and past it: Python's answer
    )
    printed = [rng.random() < 0.85 for _ in range(rows)]
    firsts = [rng.randint(-scale, scale) if p else 0 for p in printed]
    units = [unit if p else 0 for p in printed]
    if rng.random() < 0.6:  # a total that ties under some signs, within its rounding
        signs = [1] + [rng.choice((1, 1, -1)) for _ in items[1:]]
        firsts[k] = sum(s * firsts[j] for s, j in zip(signs, items, strict=True)) + rng.randint(
            -unit, unit
        )
        printed[k] = True
        units[k] = unit
    if rng.random() < 0.03:  # a figure with two readings
        j = rng.choice(items)
        readings: list[tuple[int, ...]] = [(f,) for f in firsts]
        readings[j] = (firsts[j], -firsts[j])
        return _Figures(printed, readings, firsts, units, True)
    return _Figures(printed, [], firsts, units, False)


@needs_build
def test_the_compiled_search_answers_generated_windows_alike() -> None:
    compiled = _compiled()
    rng = random.Random(13)
    answered = 0
    for _ in range(6000):
        rows = rng.randint(2, 40)
        k = rng.randrange(rows)
        others = [j for j in range(rows) if j != k]
        n = rng.choice((1, 2, 3, 4, 5, 6, 7, 8, 9, 12, min(len(others), 30)))
        items = sorted(rng.sample(others, min(n, len(others))))
        columns = [_column(rng, rows, k, items) for _ in range(rng.randint(0, 6))]
        max_minus = min(rng.choice((0, 1, 2, 3, 7)), len(items) - 1 if len(items) <= 8 else 2)
        grids = _Columns(columns)
        expected = footing._search_window_python(grids, k, items, max_minus)  # type: ignore[arg-type]
        got = compiled(grids, k, items, max_minus)  # type: ignore[arg-type]
        assert got == expected, (columns, k, items, max_minus)
        answered += expected is not None and expected[1] == expected[2]
    assert answered > 500  # signs found holding everywhere, not only failures


def _compiled_column() -> footing._Column_of:
    made = footing._compiled_column(forced=True)
    assert made is not None
    return made


def _same_column(got: _Figures, expected: _Figures, where: str) -> None:
    assert got == expected, where
    for a, b in zip(
        [*got.printed, *got.firsts, *got.units],
        [*expected.printed, *expected.firsts, *expected.units],
        strict=True,
    ):
        assert type(a) is type(b), where


@needs_build
def test_the_compiled_column_makes_every_corpus_column_alike(corpus_dir: Path) -> None:
    made = _compiled_column()
    columns = 0
    tables = [
        table
        for name in manifest(corpus_dir)
        for table in read((corpus_dir / name).read_bytes(), name=name).tables
    ]
    for table in tables:
        for column in table.columns:
            where = f"{table.title!r} column {column.index}"
            _same_column(
                made(table.rows, column.index),
                footing._column_python(table.rows, column.index),
                where,
            )
            columns += 1
    assert columns > 2000


_VALUES = (
    "0", "-0", "0.00", "7", "-12", "33006000", "1.5E+3", "1E+6", "-2.5E+4", "0.25", "12.34",
    "-0.01", "3.14159", "99999999999999999999999", "-1E+30", "1234567890123456789012.5",
)  # fmt: skip
_UNITS = ("0", "1", "1000", "1E+3", "1E+6", "0.01", "0.1", "1.0", "0.001")


def _row(index: int, cells: tuple[Cell | None, ...]) -> Row:
    return Row(index, f"Row {index}", 0, RowKind.ITEM, Unit.USD, cells, 3, Span(3, 0, 5))


@needs_build
def test_the_compiled_column_makes_generated_columns_alike() -> None:
    made = _compiled_column()
    raw = importlib.import_module(NAME).column
    rng = random.Random(13)
    values = [Decimal(v) for v in _VALUES]
    units = [Decimal(u) for u in _UNITS]
    compiled = 0
    for case in range(3000):
        whole = rng.random() < 0.6  # most columns: whole figures and units
        rows = []
        for r in range(rng.randint(1, 12)):
            cells: list[Cell | None] = []
            for j in range(3):
                if rng.random() < 0.2:
                    cells.append(None)
                    continue
                value = (
                    Decimal(rng.randint(-(10**7), 10**7)) * 1000 if whole else rng.choice(values)
                )
                unit = rng.choice(units[:5] if whole else units)
                readings = (value, -value) if rng.random() < 0.02 else (value,)
                cells.append(
                    Cell(str(value), value, unit, Span(3, r, r + 1), j, frozenset(), readings)
                )
            rows.append(_row(r, tuple(cells)))
        table_rows = tuple(rows)  # (as a table holds them)
        for j in range(3):
            expected = footing._column_python(table_rows, j)
            _same_column(made(table_rows, j), expected, f"case {case} column {j}")
            compiled += raw(table_rows, j, EXACT) is not NotImplemented
    assert 1000 < compiled < 8000  # made in C, and handed back to Python too


# -- the columns ``sums`` makes from their Decimals' coefficients and exponents ---------

_LIMIT = 2**52  # (an entry past it is not valid: the search leaves its window to Python)


def _from_column(made: tuple[list[bool], list[int], list[int]]) -> tuple[list[Any], ...]:
    """What ``sums`` reads of ``column``'s lists: each entry an int under 2**52, else 0
    and the row not valid."""
    printed, firsts, units = made
    valid = [abs(f) < _LIMIT and abs(u) < _LIMIT for f, u in zip(firsts, units, strict=True)]
    return (
        printed,
        [f if abs(f) < _LIMIT else 0 for f in firsts],
        [u if abs(u) < _LIMIT else 0 for u in units],
        valid,
    )


def _same_integers(module: Any, rows: tuple[Row, ...], index: int, where: str) -> bool:
    """Whether the column was made from its coefficients (it then matches ``column``)."""
    got = module.column_integers(rows, index)
    if got is NotImplemented:
        return False
    made = module.column(rows, index, EXACT)
    assert made is not NotImplemented, where  # (what the integers make, `column` makes)
    assert tuple(got) == _from_column(made), where
    assert all(type(f) is int for f in (*got[1], *got[2])), where
    return True


def _integers_module() -> Any:
    assert footing._compiled_sums(forced=True) is not None  # (configured)
    module = importlib.import_module(NAME)
    assert module.configure_integers(Decimal, Row, Cell) is True  # the layout read
    return module


@needs_build
def test_every_corpus_column_is_made_alike_from_its_coefficients(corpus_dir: Path) -> None:
    module = _integers_module()
    columns = made = 0
    for name in manifest(corpus_dir):
        for table in read((corpus_dir / name).read_bytes(), name=name).tables:
            for column in table.columns:
                where = f"{name} {table.title!r} column {column.index}"
                made += _same_integers(module, table.rows, column.index, where)
                columns += 1
    assert columns > 2000 and made > 0.95 * columns


_ODD = (
    "0", "-0", "0.00", "-0.0", "7", "7.00", "-12", "33006000", "1.5E+3", "1E+6", "-2.5E+4",
    "0.25", "12.34", "-0.01", "3.14159", "4503599627370496", "-4503599627370495",
    "999999999999999999", "1000000000000000000", "99999999999999999999999", "-1E+30",
    "1E+20", "1E+31", "1E-31", "1234567890123456789012.5", "Infinity", "NaN",
)  # fmt: skip
_ODD_UNITS = ("0", "1", "1000", "1E+3", "1E+6", "0.01", "0.1", "1.0", "0.001", "5E-20", "1E+40")


@needs_build
def test_generated_columns_are_made_alike_from_their_coefficients() -> None:
    module = _integers_module()
    rng = random.Random(19)
    values = [Decimal(v) for v in _ODD]
    units = [Decimal(u) for u in _ODD_UNITS]
    made = 0
    for case in range(4000):
        whole = rng.random() < 0.5
        rows = []
        for r in range(rng.randint(1, 12)):
            cells: list[Cell | None] = []
            for j in range(3):
                if rng.random() < 0.2:
                    cells.append(None)
                    continue
                if whole:
                    value = Decimal(rng.randint(-(10**7), 10**7)) * rng.choice((1, 1000))
                elif rng.random() < 0.5:
                    value = Decimal(rng.randint(-(10**6), 10**6)).scaleb(rng.randint(-4, 4))
                else:
                    value = rng.choice(values)
                unit = rng.choice(units[:5] if whole else units)
                readings = (value, -value) if rng.random() < 0.02 else (value,)
                if rng.random() < 0.3:
                    readings = ()
                cells.append(
                    Cell(str(value), value, unit, Span(3, r, r + 1), j, frozenset(), readings)
                )
            rows.append(_row(r, tuple(cells)))
        table_rows = tuple(rows)
        for j in range(3):
            made += _same_integers(module, table_rows, j, f"case {case} column {j}")
    assert 2000 < made < 11000  # made from the coefficients, and left to `column` too


@needs_build
def test_a_column_past_what_the_coefficients_hold_is_left_to_column() -> None:
    module = _integers_module()

    def rows_of(*values: str, unit: str = "1") -> tuple[Row, ...]:
        return tuple(
            _row(r, (Cell(v, Decimal(v), Decimal(unit), Span(3, r, r + 1), 0, frozenset(), ()),))
            for r, v in enumerate(values)
        )

    assert module.column_integers(rows_of("5", "7"), 0) == ([True] * 2, [5, 7], [1, 1], [True] * 2)
    assert module.column_integers(rows_of("5", "0.25", unit="0.01"), 0) == (
        [True] * 2, [500, 25], [1, 1], [True] * 2,
    )  # fmt: skip
    assert module.column_integers(rows_of("5", "0.5"), 0) is NotImplemented  # finer than 1
    assert module.column_integers(rows_of("5", "1" * 19), 0) is NotImplemented  # 19 digits
    assert module.column_integers(rows_of("5", "Infinity"), 0) is NotImplemented
    assert module.column_integers(rows_of("5", "1E+31"), 0) is NotImplemented
    past = module.column_integers(rows_of("5", str(2**52)), 0)  # past the bound: not valid
    assert past == ([True] * 2, [5, 0], [1, 1], [True, False])
    two = rows_of("5")[0]
    cell = two.cells[0]
    assert cell is not None
    ambiguous = Cell(
        "5)", cell.value, cell.precision, cell.span, 0, frozenset(), (cell.value, -cell.value)
    )
    assert module.column_integers((_row(0, (ambiguous,)),), 0) is NotImplemented
