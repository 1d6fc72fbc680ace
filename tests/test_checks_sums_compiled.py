"""The compiled loop over a table's totals (checks/_footing.c's ``sums``) finds the Python sums.

``footing._table_sums_python`` is the specification: for each row that may close a sum,
the windows back to its boundary and then the nearest rows across section heads, each
searched for signs on the columns' integer grids, a sum failing in one column kept where
the others bear it out, a bare "Total" over a short block claimed as printed, and a total
whose rows run past the bound reported as not checked. The compiled loop walks the same
windows in C and calls back for what stays Python; both find the same specs and findings,
in the same order, on every table of the corpus and on generated tables (rules, heads,
levels, units, `Less:` items, subtotal labels and concepts, percent columns, blanks,
figures of two readings and past 2**52, totals that tie, fail in one column, or in all).
"""

from __future__ import annotations

import importlib.util
import random
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pytest

from golden import manifest
from tieout.checks import footing
from tieout.model import Cell, Column, Finding, Row, RowKind, Rule, Span, Table, Unit
from tieout.pipeline import read
from tieout.vocabulary.concepts import Concept

NAME = "tieout.checks._footing"
BUILT = importlib.util.find_spec(NAME) is not None
needs_build = pytest.mark.skipif(not BUILT, reason="the C extension is not built here")


def _compiled() -> footing._TableSums:
    made = footing._compiled_sums(forced=True)  # even when the environment forces Python
    assert made is not None
    return made


def _same(got: Sequence[object], expected: Sequence[object], where: str) -> None:
    assert [repr(x) for x in got] == [repr(x) for x in expected], where


@needs_build
def test_the_compiled_loop_finds_every_corpus_tables_sums_alike(corpus_dir: Path) -> None:
    compiled = _compiled()
    specs = findings = 0
    for name in manifest(corpus_dir):
        tables = read((corpus_dir / name).read_bytes(), name=name).tables
        for table in tables:
            expected = footing._table_sums_python(tables, table)
            _same(compiled(tables, table), expected, f"{name} table {table.index}")
            specs += sum(not isinstance(x, Finding) for x in expected)
            findings += sum(isinstance(x, Finding) for x in expected)
    assert specs > 1000


_LABELS = (
    "Revenue", "Cost of sales", "Other", "Total", "Totals:", "Total assets", "Net income",
    "Less: taxes", "Less", "Gross profit", "Income before taxes", "Cash used in investing "
    "activities", "Net increase in cash", "Operating income", "Adjusted EBITDA", "Interest",
)  # fmt: skip
_SECTIONS = (None, None, "Less:", "Metals Group", "Less: adjustments")
_CONCEPTS = (None, None, None, None, Concept.NetIncome.value, Concept.GrossProfit.value, "Revenue")


def _cell(rng: random.Random, value: int, column: int, line: int, unit: Decimal, odd: bool) -> Cell:
    figure = Decimal(value) * unit
    if odd and rng.random() < 0.005:  # past 2**52 on its grid
        figure = Decimal(2**60 + value) * unit
    readings = (figure, -figure) if odd and rng.random() < 0.005 else (figure,)
    return Cell(str(figure), figure, unit, Span(line, 0, 1), column, frozenset(), readings)


def _table(rng: random.Random, n_rows: int, long: bool = False) -> Table:
    """Rows of items and totals: most totals the signed sum of the rows since the last
    boundary in each column (within the rounding), some off in one column or more. A
    ``long`` table is a run of plain items under one total, past the windows' bound."""
    n_cols = rng.randint(1, 4)
    percent = [rng.random() < 0.15 for _ in range(n_cols)]
    unit = Decimal(rng.choice((1, 1000, "0.01")))
    rows: list[Row] = []
    since: list[int] = []  # item rows since the last boundary
    for r in range(n_rows):
        roll = rng.random()
        kind = RowKind.ITEM
        if roll < 0.08:
            kind = RowKind.HEADER
        elif roll < 0.35 and since:
            kind = rng.choice((RowKind.ITEM, RowKind.SUBTOTAL, RowKind.TOTAL))
        if long:
            roll = 1.0 if r < n_rows - 1 else 0.2
            kind = RowKind.ITEM if r < n_rows - 1 else RowKind.TOTAL
        label = rng.choice(_LABELS)
        row_unit = rng.choice((Unit.USD,) * 30 + (Unit.SHARES, Unit.PERCENT, Unit.USD_PER_SHARE))
        above = rng.choice((Rule.NONE,) * 4 + (Rule.SINGLE, Rule.DOUBLE))
        below = rng.choice((Rule.NONE,) * 20 + (Rule.DOUBLE,))
        if long:
            row_unit, above, below = Unit.USD, Rule.NONE, Rule.NONE
        cells: list[Cell | None] = []
        closing = kind is not RowKind.HEADER and roll < 0.35 and bool(since)
        signs = [rng.choice((1, 1, 1, -1)) for _ in since]
        for c in range(n_cols):
            if kind is RowKind.HEADER or rng.random() < 0.12:
                cells.append(None)
                continue
            if closing:
                value = 0
                for s, j in zip(signs, since, strict=True):
                    cell = rows[j].cells[c]
                    if cell is not None:
                        value += s * int(cell.value / unit)
                value += rng.choice((0,) * 6 + (1, -1, 37))
            else:
                value = rng.randint(-500, 5000)
            cells.append(_cell(rng, value, c, r + 1, unit, not long))
        rows.append(
            Row(
                r,
                label,
                rng.choice((0, 0, 1, 2)),
                kind,
                row_unit,
                tuple(cells),
                r + 1,
                Span(r + 1, 0, 1),
                above,
                below,
                rng.choice(_CONCEPTS),
                rng.choice(_SECTIONS),
            )
        )
        if kind is RowKind.HEADER or closing or rng.random() < 0.05:
            since = [] if closing or kind is RowKind.HEADER else since
        else:
            since.append(r)
    columns = tuple(
        Column(c, f"c{c}", None, 10 * c, 10 * c + 8, unit=Unit.PERCENT if percent[c] else None)
        for c in range(n_cols)
    )
    return Table(0, "t", Decimal(1), "", columns, tuple(rows), 1, n_rows)


@needs_build
def test_the_compiled_loop_finds_generated_tables_sums_alike() -> None:
    compiled = _compiled()
    rng = random.Random(17)
    specs = findings = 0
    for case in range(1500):
        n_rows = rng.choice((1, 2, 3, 5, 8, 12, 20, 40)) if case % 100 else 300
        table = _table(rng, n_rows, long=case % 100 == 0 and case % 200 != 0)
        tables = [table]
        expected = footing._table_sums_python(tables, table)
        _same(compiled(tables, table), expected, f"case {case}")
        specs += sum(not isinstance(x, Finding) for x in expected)
        findings += sum(isinstance(x, Finding) for x in expected)
    assert specs > 800  # sums found, not only none
    assert findings > 0  # and windows past the bound reported


@needs_build
def test_the_compiled_loop_raises_what_its_hooks_raise() -> None:
    rng = random.Random(5)
    module = importlib.import_module(NAME)
    table = _table(rng, 40)
    while not footing._table_sums_python([table], table):
        table = _table(rng, 40)

    def broken(*args: object) -> object:
        raise ZeroDivisionError("planted")

    with pytest.raises(ZeroDivisionError):
        # every window searched in Python: the hook's error comes out
        rows = tuple(
            Row(
                r.index,
                r.label,
                r.level,
                r.kind,
                r.unit,
                r.cells,
                r.line,
                r.label_span,
                r.rule_above,
                r.rule_below,
                r.concept,
                r.section,
            )  # fmt: skip
            for r in table.rows
        )
        columns = tuple(Column(c.index, c.label, None, 0, 1) for c in table.columns)
        two = tuple(
            Row(
                r.index,
                r.label,
                r.level,
                r.kind,
                r.unit,
                tuple(
                    c
                    if c is None
                    else Cell(
                        c.raw, c.value, c.precision, c.span, c.column, c.flags, (c.value, -c.value)
                    )
                    for c in r.cells
                ),
                r.line,
                r.label_span,
                r.rule_above,
                r.rule_below,
                r.concept,
                r.section,
            )  # fmt: skip
            for r in rows
        )
        module.sums(two, columns, broken, broken, broken)
    with pytest.raises(TypeError):
        module.sums(list(table.rows), table.columns, broken, broken, broken)
