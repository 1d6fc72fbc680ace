"""The checks' shortcuts give what the long way gives.

The checks stage stops judging a change column's candidate pair as soon as its rows
cannot bear it out, judges a relation the finders judged once, ties the prose once when no reading of an ambiguous figure was
chosen, and computes quotients with the wide context's methods instead of inside a
context of their own. Each shortcut is compared here with the long way, on real
releases and on generated figures.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal, localcontext
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tieout import pipeline
from tieout.cells import Chosen, blank
from tieout.checks import changes as changes_module
from tieout.checks import spec as spec_module
from tieout.checks.changes import (
    _MIN_ROWS,
    _MIN_ROWS_OTHER,
    _MIN_SHARE,
    _candidates,
    _printing,
    _row_spec,
    _rows,
    change_columns,
)
from tieout.checks.spec import Place, Spec, evaluate, remembering
from tieout.model import Evaluation, Paragraph, Relation, RelationKind, Table
from tieout.prose.claims import claims_of
from tieout.prose.tie import tie
from tieout.report.serialise import number
from tieout.rounding import divide, percent_change, percent_change_of_magnitude
from tieout.sources import load

# releases with prose claims, and with change columns whose candidate pairs the early
# stop decides (judging too few rows changes what these find: checked by mutation)
RELEASES = (
    "lexington-precision_2004q1.txt",
    "submissions/apple_2011q1.txt",
    "exhibits/wells-fargo_2021q4_ex99-1.htm",
)
CHANGE_COLUMNS = (
    "submissions/apple_20150127.txt",
    "submissions/caterpillar_2022q1.txt",
    "exhibits/pnc_2021q2_ex99-1.htm",
)


def _layout(path: Path) -> tuple[list[Table], list[Paragraph]]:
    _, documents = load(path)
    tables, paragraphs, _ = pipeline.layout(documents)
    return tables, list(paragraphs)


def _every_row_judged(tables: Sequence[Table]) -> list[Spec]:
    """change_columns the long way: every row of every candidate pair judged."""
    specs: list[Spec] = []
    for table in tables:
        for change in (c for c in table.columns if c.change):
            best: tuple[int, list[Spec]] | None = None
            for current, prior, natural in _candidates(table, change):
                rows = [
                    _row_spec(table, change, current, prior, r)
                    for r in _rows(_printing(table, change), current, prior)
                ]
                judged = [evaluate(s, tables, {}) for s in rows]
                tested = [s for s, r in zip(rows, judged, strict=True) if r.evaluations]
                holding = sum(1 for r in judged if r.evaluations and r.holds)
                enough = _MIN_ROWS if natural else _MIN_ROWS_OTHER
                if holding >= enough and holding >= _MIN_SHARE * len(tested):
                    if best is None or holding > best[0]:
                        best = (holding, tested)
                    if natural:
                        break
            if best is not None:
                specs.extend(best[1])
    return specs


@pytest.mark.corpus
@pytest.mark.parametrize("name", CHANGE_COLUMNS)
def test_change_columns_stop_early_and_find_the_same(corpus_dir: Path, name: str) -> None:
    tables, _ = _layout(corpus_dir / name)
    found = change_columns(tables)
    assert found  # each of these releases prints change columns
    assert found == _every_row_judged(tables)


@pytest.mark.corpus
@pytest.mark.parametrize("name", CHANGE_COLUMNS)
def test_a_relation_judged_again_is_the_one_remembered(corpus_dir: Path, name: str) -> None:
    """Within one run of the checks a spec judged with no reading chosen is judged once:
    judging it again gives the relation judged the long way, and a spec of other tables
    (a total blanked) is judged on those tables."""
    tables, _ = _layout(corpus_dir / name)
    specs = change_columns(tables)
    assert specs
    fresh = [evaluate(s, tables, {}) for s in specs]
    blanked = blank(tables, [specs[0].places[0].total])
    with remembering(tables):
        first = [evaluate(s, tables, {}) for s in specs]
        again = [evaluate(s, tables, {}) for s in specs]
        on_blanked = evaluate(specs[0], blanked, {})
    assert first == again == fresh
    assert all(a is b for a, b in zip(first, again, strict=True))
    assert on_blanked == evaluate(specs[0], blanked, {}) != fresh[0]


@pytest.mark.corpus
@pytest.mark.parametrize("name", CHANGE_COLUMNS)
def test_change_columns_remember_the_rows_they_propose_only(
    corpus_dir: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The rows of the pairs a change column proposes are remembered as judged (judging
    them again judges nothing), and the rows of the pairs it rejects are not kept."""
    tables, _ = _layout(corpus_dir / name)
    fresh = change_columns(tables)
    judged: list[Spec | Place] = []
    evaluate_once = spec_module._evaluate
    judge_once = spec_module.judge

    def counted(spec: Spec, tables: Sequence[Table], chosen: Chosen) -> Relation:
        judged.append(spec)
        return evaluate_once(spec, tables, chosen)

    def counted_place(
        kind: RelationKind,
        place: Place,
        signs: Sequence[int],
        tables: Sequence[Table],
        chosen: Chosen,
    ) -> Evaluation | None:
        judged.append(place)
        return judge_once(kind, place, signs, tables, chosen)

    monkeypatch.setattr(spec_module, "_evaluate", counted)
    monkeypatch.setattr(changes_module, "judge", counted_place)
    # the rows judged by the Python loop, which judges each through ``judge`` (the compiled
    # loop judges them in C: test_checks_places_compiled.py)
    monkeypatch.setattr(changes_module, "_tested", changes_module._tested_python)
    with remembering(tables):
        specs = change_columns(tables)
        finding = len(judged)
        kept = spec_module._REMEMBERED.get()
        again = [evaluate(s, tables, {}) for s in specs]
    assert specs == fresh and finding > len(specs)  # some candidate rows were rejected
    assert len(judged) == finding  # the proposed rows were not judged again
    assert kept is not None and len(kept[1]) == len(specs)
    assert again == [evaluate_once(s, tables, {}) for s in specs]


@pytest.mark.corpus
@pytest.mark.parametrize("name", RELEASES)
def test_tying_tied_claims_again_changes_nothing(corpus_dir: Path, name: str) -> None:
    """With no reading chosen, the checks keep the claims of the first tie: tying
    depends on a claim's words and the readings, not on how it was tied before."""
    tables, paragraphs = _layout(corpus_dir / name)
    claims = claims_of(paragraphs, tables)
    assert claims
    once = tie(claims, tables, {})
    assert tie(once, tables, {}) == once


_WIDE = Context(prec=28, Emax=MAX_EMAX, Emin=MIN_EMIN)
figures = st.decimals(allow_nan=False, allow_infinity=False)


@given(figures, figures.filter(lambda d: d != 0))
def test_quotients_equal_the_operators_in_the_wide_context(a: Decimal, b: Decimal) -> None:
    with localcontext(_WIDE):
        assert divide(a, b) == a / b
        assert str(divide(a, b)) == str(a / b)
        assert str(percent_change(a, b)) == str((a - b) / b * Decimal(100))
        assert str(percent_change_of_magnitude(a, b)) == str((a - b) / -b * Decimal(100))


def _number_by_format(value: Decimal) -> str:
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@given(st.decimals(allow_nan=False))
def test_numbers_are_written_as_format_f_writes_them(value: Decimal) -> None:
    assert number(value) == _number_by_format(value)
