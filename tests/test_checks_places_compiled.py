"""The compiled judging of many places at once (checks/_judge.c) gives what the Python gives.

Three Python functions are the specification: ``changes._tested_python`` (the rows of a
change column's candidate pair judged in turn, stopping as soon as the rows left cannot
bear it out, and the specs and relations of the rows of a pair borne out), ``spec._judged_places_python`` (a spec's places judged in order) and
``spec._table_places_python`` (the places of a relation among rows of one table). The C
functions replace them where the extension was built. Both run here on every call the
checks make over the corpus, and on generated inputs: blanks, short rows, figures of two
readings (judged by the Python fallback), dashed percents, readings chosen, items and
signs of different lengths (the Python's error), every bound of the early stop. Results
are compared by their reprs (a Decimal's exponent and a zero's sign count), and the
references and row terms a pair's rows make are compared with the table's after each (the
C makes a row's references only where it judges the row in Decimal: a percent row of a
pair dropped is decided in integers, test_checks_percent_integers.py).
"""

from __future__ import annotations

import importlib
import importlib.util
import random
import sys
from dataclasses import replace
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import pytest

from golden import manifest
from test_checks_judge_compiled import _VALUES, _ref, _tables
from tieout.cells import Chosen
from tieout.checks import changes, spec
from tieout.model import Cell, CellRef, Column, RelationKind, Span, Table, Unit
from tieout.pipeline import read

NAME = "tieout.checks._judge"
BUILT = importlib.util.find_spec(NAME) is not None
needs_build = pytest.mark.skipif(not BUILT, reason="the C extension is not built here")
evaluate = sys.modules["tieout.checks.evaluate"]


def _compiled() -> tuple[Any, Any, Any]:
    tested = changes._compiled(forced=True)
    made = spec._compiled(forced=True)
    assert tested is not None and made is not None
    return tested, made[0], made[1]


def _same_tested(got: Any, expected: Any, where: object) -> None:
    if expected is None:
        assert got is None, where
        return
    assert got is not None, where
    assert got[0] == expected[0], where
    assert len(got[1]) == len(expected[1]), where
    for (spec_, relation), (spec2, relation2) in zip(got[1], expected[1], strict=True):
        assert repr(spec_) == repr(spec2) and type(spec_) is type(spec2), where
        assert repr(relation) == repr(relation2) and type(relation) is type(relation2), where
        assert spec_ == spec2 and relation == relation2, where
        assert type(spec_.places[0]) is type(spec2.places[0]), where
        assert all(type(t) is type(t2) for t, t2 in zip(spec_.items, spec2.items, strict=True))
        assert relation.items is spec_.items and relation.name is spec_.name, where
        assert relation.total is spec_.total is spec_.items[0], where
        (ev,) = relation.evaluations
        assert type(ev.holds) is bool, where


def _refs_copy(refs: changes._Refs) -> changes._Refs:
    copy = changes._Refs.__new__(changes._Refs)
    copy.table, copy.cells, copy.terms = refs.table, dict(refs.cells), dict(refs.terms)
    return copy


def _both_tested(tested: Any, args: tuple[Any, ...]) -> Any:
    """Both on one call (each with its own copy of the table's references); the Python's
    answer, its references kept in the caller's."""
    tables, table, pair, enough, beat, rows, refs = args
    mine, theirs = _refs_copy(refs), _refs_copy(refs)
    expected = changes._tested_python(tables, table, pair, enough, beat, rows, theirs)
    got = tested(tables, table, pair, enough, beat, rows, mine)
    _same_tested(got, expected, (table.index, [c.index for c in pair], enough, beat))
    # the C makes a row's references only where it judges the row in Decimal (a percent
    # row decided in integers, of a pair dropped, makes none): each is the Python's
    assert all(theirs.cells[key] == ref for key, ref in mine.cells.items())
    if got is not None:
        for spec_, _ in got[1]:
            place = spec_.places[0]
            for ref in (place.total, *place.items):
                assert mine.cells[(ref.row, ref.column)] is ref
    assert list(mine.terms.items()) == list(theirs.terms.items())
    if got is not None:  # a row's terms are the table's, made once
        for spec_, _ in got[1]:
            assert spec_.items == mine.terms[spec_.total.row]
            assert spec_.total is mine.terms[spec_.total.row][0]
    refs.cells, refs.terms = theirs.cells, theirs.terms
    return expected


@needs_build
def test_the_compiled_places_are_the_pythons_on_every_corpus_release(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tested, judged_places, table_places = _compiled()
    counts = {"pairs": 0, "kept": 0, "specs": 0, "places": 0, "tables": 0}

    def pairs(*args: Any) -> Any:
        expected = _both_tested(tested, args)
        counts["pairs"] += 1
        counts["kept"] += expected is not None
        return expected

    def places(*args: Any) -> Any:
        expected = spec._judged_places_python(*args)
        got = judged_places(*args)
        assert repr(got) == repr(expected), args[:2]
        assert type(got) is tuple
        counts["specs"] += 1
        counts["places"] += len(args[1])
        return expected

    def made(*args: Any) -> Any:
        expected = spec._table_places_python(*args)
        got = table_places(*args)
        assert repr(got) == repr(expected), args
        assert all(type(p) is spec.Place for p in got)
        counts["tables"] += 1
        return expected

    monkeypatch.setattr(changes, "_tested", pairs)
    monkeypatch.setattr(spec, "_judged_places", places)
    monkeypatch.setattr(spec, "_table_places", made)
    for name in manifest(corpus_dir):
        read((corpus_dir / name).read_bytes(), name=name)
    assert counts["pairs"] > 1000 and 0 < counts["kept"] < counts["pairs"]
    assert counts["specs"] > 2000 and counts["places"] > 8000 and counts["tables"] > 1000


@needs_build
def test_the_compiled_rows_of_a_pair_are_the_pythons_on_generated_tables() -> None:
    tested, _, _ = _compiled()
    rng = random.Random(15)
    values = [Decimal(v) for v in _VALUES]
    outcomes = {"none": 0, "kept": 0, "fallback": 0}
    for _ in range(3000):
        tables = _tables(rng, values)
        table = tables[rng.randrange(2)]
        unit = Unit.PERCENT if rng.random() < 0.6 else None
        change = Column(3, "Chg", None, 0, 1, change=True, unit=unit)
        current, prior = (Column(i, f"C{i}", None, 0, 1) for i in rng.sample(range(3), 2))
        if rng.random() < 0.5:  # the change printed right in most rows: pairs kept
            table = tables[table.index] = _printing_changes(rng, table, current, prior, unit)
        rows = [r for r in table.rows if rng.random() < 0.85]
        enough, beat = rng.randint(0, 4), rng.randint(-1, 4)
        refs = changes._Refs(table)
        if rng.random() < 0.3:  # references made before, by an earlier pair
            refs.cell(rows[0].index if rows else 0, 3)
        if rng.random() < 0.3:  # a row's terms made before, by another change column kept
            refs.row_terms(rows[-1].index if rows else 0)
        two = any(c is not None and len(c.readings) > 1 for r in rows for c in r.cells)
        expected = _both_tested(
            tested, (tables, table, (change, current, prior), enough, beat, rows, refs)
        )
        outcomes["none" if expected is None else "kept"] += 1
        outcomes["fallback"] += two and expected is not None
    assert min(outcomes.values()) > 30, outcomes


def _printing_changes(
    rng: random.Random, table: Table, current: Column, prior: Column, unit: Unit | None
) -> Table:
    """``table`` with its last column the change of ``current`` over ``prior`` in most
    rows that print both (a percent rounded to one decimal, or the difference)."""
    rows = []
    for row in table.rows:
        cells = list(row.cells) + [None] * (4 - len(row.cells))
        a, b = cells[current.index], cells[prior.index]
        if a is not None and b is not None and b.value != 0 and rng.random() < 0.9:
            if unit is Unit.PERCENT:
                try:
                    value = ((a.value - b.value) / abs(b.value) * 100).quantize(Decimal("0.1"))
                except InvalidOperation:  # (a quotient too long to quantize: left as drawn)
                    rows.append(row)
                    continue
                precision = Decimal("0.1")
            else:
                value, precision = a.value - b.value, max(a.precision, b.precision)
            cells[3] = Cell(str(value), value, precision, Span(3, 0, 1), 3, frozenset(), ())
        rows.append(replace(row, cells=tuple(cells)))
    return replace(table, rows=tuple(rows))


def _place(rng: random.Random, items: int) -> spec.Place:
    return spec.Place(f"C{rng.randrange(4)}", _ref(rng), tuple(_ref(rng) for _ in range(items)))


@needs_build
def test_the_compiled_places_of_a_spec_are_the_pythons_on_generated_places() -> None:
    _, judged_places, _ = _compiled()
    rng = random.Random(16)
    values = [Decimal(v) for v in _VALUES]
    kinds = (RelationKind.SUM, RelationKind.EQUAL, RelationKind.RATIO, RelationKind.PERCENT_CHANGE)
    judged = errors = 0
    for case in range(3000):
        tables = _tables(rng, values)
        chosen: Chosen = {}
        if rng.random() < 0.2:
            chosen = {_ref(rng): rng.choice(values) for _ in range(rng.randint(1, 6))}
        kind = rng.choice(kinds)
        n = rng.randint(0, 5) if kind in (RelationKind.SUM, RelationKind.EQUAL) else 2
        signs = tuple(rng.choice((1, 1, -1, 2, 0)) for _ in range(n))
        places = tuple(_place(rng, n) for _ in range(rng.randint(0, 5)))
        if places and rng.random() < 0.03:  # a place of another length than the signs
            places = (*places, _place(rng, n + 1))
        args = (kind, places, signs, tables, chosen)
        try:
            expected = spec._judged_places_python(*args)
        except (ValueError, IndexError) as error:
            with pytest.raises(type(error)):
                judged_places(*args)
            errors += 1
            continue
        got = judged_places(*args)
        assert repr(got) == repr(expected), (case, args)
        judged += len(got)
    assert judged > 3000 and errors > 10


@needs_build
def test_the_compiled_table_places_are_the_pythons() -> None:
    _, _, table_places = _compiled()
    rng = random.Random(17)
    for _ in range(500):
        table, total = rng.randrange(9), rng.randrange(40)
        items = [rng.randrange(40) for _ in range(rng.randint(0, 9))]
        columns = [(f"C{c}", c) for c in range(rng.randint(0, 6))]
        got = table_places(table, total, items, columns)
        assert repr(got) == repr(spec._table_places_python(table, total, items, columns))
        assert all(type(r) is CellRef for p in got for r in (p.total, *p.items))
        assert hash(got) == hash(spec._table_places_python(table, total, items, columns))
    with pytest.raises(TypeError):
        table_places(0, 1, (2, 3), [("A", 0)])  # items as a list only


@needs_build
def test_the_kept_rows_records_are_configured_by_their_slots() -> None:
    """The compiled rows make the kept rows' Spec, Relation and Term by their slots: a
    class of other slots is refused when configured (before anything is held), and a call
    of the old arity or without the row terms is refused."""
    from tieout.model import Relation, RelationSource, Term

    module = importlib.import_module(NAME)
    changes._compiled(forced=True)  # configured as the checks configure it
    for classes in (
        (Term, Relation, Term),
        (spec.Spec, spec.Place, Term),
        (spec.Spec, Relation, Relation),
    ):
        with pytest.raises(TypeError):
            module.configure_rows(
                changes._SIGNS, changes._MIN_SHARE, *classes, RelationSource.CHANGE
            )
    with pytest.raises(TypeError):
        module.configure_rows((1,), changes._MIN_SHARE, spec.Spec, Relation, Term, "change")
    with pytest.raises(TypeError):
        module.rows([], "L", 0, 3, 0, 1, [], {}, True, 0, -1, None)
    with pytest.raises(TypeError):
        module.rows([], "L", 0, 3, 0, 1, [], {}, True, 0, -1, None, "named", [], "kind")
    # still configured as before: a kept pair of no rows is no rows
    assert module.rows([], "L", 0, 3, 0, 1, [], {}, True, 0, -1, None, ": c", {}, "k") == (0, [])
