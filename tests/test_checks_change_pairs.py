"""Change columns judge a column's other candidate pairs by their rows, most first.

The pair kept is the one judging the candidates in order keeps: the first natural pair
borne out, else the pair whose rows hold most often, the first of equals. Trying the
pairs with most rows first only lets a pair with no more rows than hold in the best so
far be dropped unjudged (``changes._best``). Checked here against that order, on
generated holdings and on every corpus release.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import cast

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from golden import manifest
from tieout import pipeline
from tieout.checks import changes
from tieout.checks.changes import _MIN_ROWS, _MIN_ROWS_OTHER, _Pair, _Refs
from tieout.checks.spec import Spec, remembering
from tieout.model import Column, Relation, Row, Table
from tieout.sources import load

Borne = tuple[int, list[tuple[Spec, Relation]]]


def _in_order(
    tables: Sequence[Table],
    table: Table,
    change: Column,
    tried: Sequence[tuple[int, _Pair, int]],
    refs: _Refs,
) -> Borne | None:
    """The long way: every pair judged in the candidates' order against the best so far."""
    best: Borne | None = None
    for _, (current, prior, natural, rows), enough in tried:
        beat = -1 if best is None else best[0]
        borne = changes._borne_out(
            tables, table, (change, current, prior), enough, beat, rows, refs
        )
        if borne is not None:
            best = borne
            if natural:
                break
    return best


# a pair as generated: natural, rows it prints, rows of those that hold, whether the
# rows hold in a share large enough (the share rule, apart from the counts)
_pairs = st.lists(
    st.tuples(st.booleans(), st.integers(0, 8), st.integers(0, 5), st.booleans()),
    max_size=6,
)


@given(_pairs)
@example([(False, 5, 3, True), (False, 8, 3, True)])  # equals: the first wins, tried second
@example([(True, 2, 1, True), (False, 9, 4, True), (False, 4, 4, True)])
def test_the_pair_kept_is_the_one_judging_in_order_keeps(
    pairs: list[tuple[bool, int, int, bool]],
) -> None:
    table, change = cast(Table, None), cast(Column, None)  # (the stand-in reads neither)
    rows_of = [cast(list[Row], [k] * n) for k, (_, n, _, _) in enumerate(pairs)]
    tried = [
        (k, (change, change, natural, rows_of[k]), _MIN_ROWS if natural else _MIN_ROWS_OTHER)
        for k, (natural, _, _, _) in enumerate(pairs)
    ]

    def borne_out(
        tables: Sequence[Table],
        table: Table,
        pair: tuple[Column, Column, Column],
        enough: int,
        beat: int,
        rows: Sequence[Row],
        refs: _Refs,
    ) -> Borne | None:
        """``_borne_out`` as the generated rows decide it: the pair's index as its spec."""
        k = next(i for i, r in enumerate(rows_of) if r is rows)
        _, n, holding, share = pairs[k]
        holding = min(holding, n)
        if holding < enough or holding <= beat or not share:
            return None
        return holding, [(cast(Spec, k), cast(Relation, k))]

    refs = cast(_Refs, None)
    original = changes._borne_out
    changes._borne_out = borne_out
    try:
        fast = changes._best([], table, change, tried, refs)
        slow = _in_order([], table, change, tried, refs)
    finally:
        changes._borne_out = original
    assert fast == slow


@pytest.mark.corpus
def test_change_columns_keep_what_judging_in_order_keeps(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Over every corpus release: the same specs, and fewer rows judged."""
    found = 0
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        tables = pipeline.layout(documents)[0]
        with remembering(tables):
            fast = changes.change_columns(tables)
        with monkeypatch.context() as patched:
            patched.setattr(changes, "_best", _in_order)
            with remembering(tables):
                slow = changes.change_columns(tables)
        assert fast == slow, name
        found += len(fast)
    assert found > 1000  # the corpus prints thousands of rows of change columns
