"""The tie with the readings chosen keeps the first tie's answers only where it may.

The checks tie a release twice where a figure prints an unbalanced parenthesis: first
with no reading chosen, then with the readings chosen, given the first tie's answers.
``tie._judged`` keeps, for each claim of the very same words none of whose rows (the
strong and weak rows its words name) holds a chosen figure, its answer with none
chosen; every other claim is judged again. Over the corpus, with each ambiguous
figure's readings chosen and with hostile choices (a tied figure chosen at another
value), the second tie is the same as one that judges every claim again.
"""

from __future__ import annotations

from dataclasses import fields
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from golden import manifest
from tieout import pipeline
from tieout.cells import cell_at
from tieout.model import CellRef, Claim, ClaimKind, ClaimStatus, Span, Table, Unit, claim_with
from tieout.prose import tie
from tieout.prose.candidates import Match
from tieout.prose.claims import claims_of
from tieout.sources import load


def _choices(claims: tuple[Claim, ...], tables: list[Table]) -> list[dict[CellRef, Decimal]]:
    """Readings to choose in a release: each ambiguous figure at each of its readings, and
    the first cell of some tied claims at ten times its value (a reading no figure has:
    the claims of its row tie otherwise), one cell at a time and all of them at once."""
    out: list[dict[CellRef, Decimal]] = []
    for table in tables:
        for row in table.rows:
            for cell in row.cells:
                if cell is not None and cell.ambiguous:
                    ref = CellRef(table.index, row.index, cell.column)
                    out.extend({ref: value} for value in cell.readings)
    hostile: dict[CellRef, Decimal] = {}
    for claim in claims:
        if claim.status in (ClaimStatus.TIES, ClaimStatus.ROUNDING) and len(hostile) < 3:
            ref = claim.tied_to[0]
            cell = cell_at(tables, ref)
            if cell is not None and ref not in hostile:
                hostile[ref] = cell.value * 10 + 7
                out.append({ref: hostile[ref]})
    if hostile:
        out.append(hostile)
    return out


@pytest.mark.corpus
def test_corpus_second_ties_are_the_same_judged_afresh(corpus_dir: Path) -> None:
    kept = changed = 0
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        tables, paragraphs, _ = pipeline.layout(documents)
        first = tie.tie(claims_of(paragraphs, tables), tables, {})
        if not first:
            continue  # no claim: nothing tied, nothing kept
        index = tie._index(tables)
        remembered = index.judged
        assert remembered is not None, name
        for chosen in _choices(first, tables):
            index.judged = remembered  # as the first tie left it
            again = tie.tie(first, tables, chosen)
            index.judged = None  # nothing remembered: every claim judged again
            afresh = tie.tie(first, tables, chosen)
            assert repr(again) == repr(afresh), (name, chosen)
            assert tie._index(tables) is index, name
            changed += sum(a.status != b.status for a, b in zip(first, afresh, strict=True))
            kept += len(first)
    assert kept > 1000
    assert changed > 0  # the hostile choices do change ties: the rows' test is not idle


def _claim(**changes: object) -> Claim:
    base = Claim(
        span=Span(line=1, start=0, end=4),
        text="$5.1 million",
        sentence="Revenue was $5.1 million.",
        subject="revenue",
        value=Decimal("5.1"),
        precision=Decimal("0.1"),
        unit=Unit.USD,
        kind=ClaimKind.LEVEL,
    )
    return claim_with(base, **changes) if changes else base


def test_a_claim_tied_again_has_the_same_words() -> None:
    claim = _claim()
    tied = claim_with(
        claim,
        tied_to=(CellRef(0, 1, 2),),
        status=ClaimStatus.CONTRADICTS,
        expected=Decimal("5.3"),
    )
    assert tie._same_words(claim, tied)
    assert tie._same_words(tied, claim)
    # every other field is words: a claim differing in one is judged again
    assert not tie._same_words(claim, claim_with(claim, segment="Retail"))
    assert not tie._same_words(claim, claim_with(claim, value=Decimal("5.2")))
    # equal but not the very same object: judged again (the test is by identity)
    assert not tie._same_words(claim, claim_with(claim, text="".join(["$5.1 ", "million"])))
    words = {f.name for f in fields(Claim)} - {"tied_to", "status", "expected"}
    assert len(tie._WORDS(claim)) == len(words)


def _one_figure_grouped(claim: Claim, meant: list[Match]) -> Match | None:
    """``tie._one_figure`` as it was written before its shortcut: every group's span."""
    if len(meant) < 2:
        return meant[0] if meant else None
    spans: dict[tuple[object, ...], tuple[Decimal, Decimal]] = {}
    for m in meant:
        lo, hi = spans.get(m.group, (m.low, m.high))
        spans[m.group] = (min(lo, m.low), max(hi, m.high))
    if max(lo for lo, _ in spans.values()) > min(hi for _, hi in spans.values()):
        return None
    return min(meant, key=lambda m: (not m.ties, m.second, tie._distance(claim, m), m.high - m.low))


_ENDS = st.integers(min_value=-30, max_value=30)


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(_ENDS, st.integers(0, 12), st.integers(0, 2)), max_size=6))
def test_one_figure_is_the_same_without_grouping_where_all_meet(
    spans: list[tuple[int, int, int]],
) -> None:
    # candidates of a few groups (a group: basic and diluted EPS of one column)
    claim = _claim()
    meant = [
        Match(
            (CellRef(0, n, 1),),
            Decimal(low + width / 2),
            False,
            False,
            Decimal(low),
            Decimal(low + width),
            group=(CellRef(0, 0, group),) if group else (CellRef(0, n, 1),),
        )
        for n, (low, width, group) in enumerate(spans)
    ]
    assert tie._one_figure(claim, meant) is _one_figure_grouped(claim, meant)
