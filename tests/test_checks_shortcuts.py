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


# -- round 24: the judged relations, the rescaled rows, the named totals ----------------

# the text releases (lexington prints a figure of two readings: one reading is chosen)
TEXT = (
    "lexington-precision_2004q1.txt",
    "submissions/sears_2004q2.txt",
    "submissions/southern-co_2004q4.txt",
)


@pytest.mark.corpus
@pytest.mark.parametrize("name", TEXT)
def test_relations_judged_with_the_readings_are_every_spec_judged_with_them(
    corpus_dir: Path, name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``checks._judged`` judges again only the specs a chosen reading's row touches, the
    others as with no reading chosen (remembered): the relations are those of every spec
    judged anew with the readings chosen."""
    from tieout import checks

    seen: list[tuple[tuple[Relation, ...], tuple[Relation, ...], int]] = []
    judged = checks._judged

    def spy(found: Sequence[Spec], tables: Sequence[Table], chosen: Chosen) -> tuple[Relation, ...]:
        got = judged(found, tables, chosen)
        anew = tuple(spec_module._evaluate(s, tables, chosen) for s in found)
        seen.append((got, anew, len(chosen)))
        return got

    monkeypatch.setattr(checks, "_judged", spy)
    pipeline.read(corpus_dir / name)
    assert seen
    for got, anew, _ in seen:
        assert got == anew
    if name.startswith("lexington"):
        assert any(count for _, _, count in seen)  # a reading chosen: the shortcut taken


def _rescaled_tables() -> list[Table]:
    from textdoc import release_of_tables

    thousands = """
                                    (In thousands)
                                   2021         2020
Noninterest income                  2,086        1,934
Noninterest expense                 5,133        4,871
"""
    millions = """
                                    (In millions)
                                   2021         2020
Noninterest income                  2,086        1,934
Noninterest expense                 5,133        4,871
Other income                          712          655
"""
    agreeing = """
                                    (In thousands)
                                   2021         2020
Other income                      712,118      655,027
"""
    return list(release_of_tables(thousands, millions, agreeing).tables)


@pytest.mark.corpus
def test_rescaled_rows_are_those_read_without_the_scale_filter(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``rescaled._may_share`` drops a label none of whose rows print at scales a power of
    1,000 apart: ``_same_label`` finds the same specs with every label read further, on
    the text releases and on tables that do share figures at another scale."""
    from tieout.checks import rescaled

    releases = [_layout(corpus_dir / name)[0] for name in TEXT] + [_rescaled_tables()]
    filtered = [rescaled._same_label(tables) for tables in releases]
    monkeypatch.setattr(rescaled, "_may_share", lambda *_: True)
    assert filtered == [rescaled._same_label(tables) for tables in releases]
    assert filtered[-1]  # the generated tables print figures 1,000 apart: found


def _may_share_pairwise(found, amounts, apart) -> bool:  # type: ignore[no-untyped-def]
    """The definition ``rescaled._may_share`` answers: some two rows of two tables print
    units a power of 1,000 apart (every pair of rows read)."""
    from tieout.checks import rescaled

    units = []
    for table, row in found:
        mine = {
            row.cells[col.index].precision
            for col in amounts[table.index]
            if row.cells[col.index] is not None
        }
        if mine:
            units.append((table.index, mine))
    return any(
        ta != tb and pb / pa in rescaled._SCALES
        for i, (ta, ua) in enumerate(units)
        for tb, ub in units[i + 1 :]
        for pa in ua
        for pb in ub
    )


_UNITS = [Decimal(1), Decimal("0.01"), Decimal(1000), Decimal("1E+3"), Decimal(10**6), Decimal(5)]


@given(
    st.lists(
        st.tuples(
            st.integers(0, 3),  # the row's table
            st.lists(st.one_of(st.none(), st.sampled_from(_UNITS)), min_size=0, max_size=3),
        ),
        max_size=8,
    )
)
def test_may_share_is_some_pair_of_rows_of_two_tables(rows: list) -> None:  # type: ignore[type-arg]
    """``_may_share`` keeps each unit with two of its tables (one pass over a label's rows,
    where thousands of tables print the label: a hostile file's 5,000 statements took 4 s
    pair by pair) and answers as every pair of rows of two tables read."""
    from types import SimpleNamespace

    from tieout.checks import rescaled

    found = []
    amounts: dict[int, list[SimpleNamespace]] = {}
    for table_index, units in rows:
        cells = tuple(None if u is None else SimpleNamespace(precision=u) for u in units)
        amounts[table_index] = [SimpleNamespace(index=i) for i in range(3)]
        found.append(
            (SimpleNamespace(index=table_index), SimpleNamespace(cells=cells + (None,) * 3))
        )
    assert rescaled._may_share(found, amounts, {}) is _may_share_pairwise(found, amounts, {})


_LABEL_PARTS = (
    "Total", "total", "TOTAL", "Net cash", "net  cash", "Cash provided", "cash used",
    "Cash generated", "(Increase)", "decrease", "Net increase / (decrease)", " in cash",
    "in cash", "activities", "ACTIVITIES", "activitie\u017f", "\u0130", "\u0131", "\u212a",
    "\u017f", "operating", " ", "\n", "-", ":", "Income before", "Gross profit", "ebitda",
    "Adjusted EBITDA", "subtotal", "Net", "earnings per share", "(loss) from", "x",
)  # fmt: skip


def _labels(seed: int, count: int) -> list[str]:
    import random

    rng = random.Random(seed)
    return [
        "".join(rng.choice(_LABEL_PARTS) for _ in range(rng.randint(0, 6))) for _ in range(count)
    ]


@pytest.mark.corpus
def test_named_totals_are_found_as_the_whole_pattern_finds_them(corpus_dir: Path) -> None:
    """``footing.named_total`` (the anchored alternatives matched, ``\\bactivities$``
    searched alone) is the truth of ``_NAMED_TOTAL.search``; ``_SUBTOTAL_LABEL`` matched is
    the truth of it searched: on every row label and section of the text releases and on
    20,000 generated labels (odd case mappings, newlines, near misses)."""
    from tieout.checks import footing

    labels = [
        text
        for name in TEXT
        for table in _layout(corpus_dir / name)[0]
        for row in table.rows
        for text in (row.label, row.section or "")
    ] + _labels(24, 20_000)
    named = [bool(footing._NAMED_TOTAL.search(label)) for label in labels]
    assert [footing.named_total(label) for label in labels] == named
    assert any(named) and not all(named)
    subtotal = [bool(footing._SUBTOTAL_LABEL.search(label)) for label in labels]
    assert [footing._SUBTOTAL_LABEL.match(label) is not None for label in labels] == subtotal
    assert any(subtotal) and not all(subtotal)
    for label in ("Net cash used in investing activities\n", "x activities", "xactivities"):
        assert footing.named_total(label) == bool(footing._NAMED_TOTAL.search(label))


@pytest.mark.corpus
def test_a_reading_judged_in_its_own_places_is_the_spec_evaluated_with_it(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``readings._holds_at`` judges only the places holding the figure: the answer is the
    first evaluation holding it of the whole spec evaluated with the reading chosen (the
    long way), for every spec and reading a release with an unbalanced parenthesis asks."""
    from tieout.checks import readings

    short = readings._holds_at
    asked: list[bool | None] = []

    def both(spec: Spec, tables: Sequence[Table], ref: object, value: Decimal) -> bool | None:
        relation = evaluate(spec, tables, {ref: value})  # type: ignore[dict-item]
        long = next(
            (ev.holds for ev in relation.evaluations if ev.total == ref or ref in ev.items),
            None,
        )
        found = short(spec, tables, ref, value)  # type: ignore[arg-type]
        assert found == long
        asked.append(found)
        return found

    monkeypatch.setattr(readings, "_holds_at", both)
    pipeline.read(corpus_dir / "lexington-precision_2004q1.txt")
    assert len(asked) >= 4 and True in asked and False in asked, asked
