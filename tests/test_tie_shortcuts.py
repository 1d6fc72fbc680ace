"""The prose tie's shortcuts answer as the work they stand for (round 25, item 46t).

``candidates._compared`` reads a row's pairs from the index whenever no chosen figure is
of that row (with a reading chosen it made them afresh); ``siblings._anchored`` returns at
once for a group with no change and gathers its levels' cells by their ints;
``tie._rows`` reads the strong rows' bare keys from the lookup. Over the corpus, with each
ambiguous figure at each reading and with hostile choices, each answers as the
long way does.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path

import pytest

from golden import manifest
from test_tie_rejudged import _choices
from tieout import pipeline
from tieout.model import CellRef, Claim, ClaimStatus, Table, claim_with
from tieout.prose import candidates, siblings, tie
from tieout.prose.candidates import Chosen
from tieout.prose.claims import claims_of
from tieout.prose.commentary import under_parts
from tieout.prose.index import Index, bare_key
from tieout.prose.members import ADJUSTED, FORWARD_LOOKING, LEVEL, PERIOD_STATED
from tieout.sources import load

_TIED = (ClaimStatus.TIES, ClaimStatus.ROUNDING)


def _releases(corpus_dir: Path) -> list[tuple[str, list[Table], tuple[Claim, ...]]]:
    """Each release with claims: its tables and its claims as the first tie leaves them."""
    out = []
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        tables, paragraphs, _ = pipeline.layout(documents)
        first = tie.tie(claims_of(paragraphs, tables), tables, {})
        if first:
            out.append((name, tables, first))
    return out


@pytest.fixture(scope="module")
def releases(corpus_dir: Path) -> list[tuple[str, list[Table], tuple[Claim, ...]]]:
    return _releases(corpus_dir)


@pytest.mark.corpus
def test_corpus_pairs_kept_are_the_pairs_made_with_the_readings_chosen(
    releases: list[tuple[str, list[Table], tuple[Claim, ...]]],
) -> None:
    asked = touched = 0
    for name, tables, first in releases:
        index = tie._index(tables)
        for chosen in [{}, *_choices(first, tables)]:
            for site in index.sites:
                for col in index.table_columns.get(site.table, ()):
                    prior = index.prior(col)
                    if prior is None:
                        continue
                    made = tuple(candidates._pairs(index, site, col, chosen, prior))
                    kept = candidates._compared(index, site, col, chosen, None)
                    assert kept == made, (name, chosen, site.table, site.row, col.index)
                    asked += 1
                    if candidates._chosen_in_row(chosen, site) and made != tuple(
                        candidates._pairs(index, site, col, {}, prior)
                    ):
                        touched += 1
    assert asked > 5000
    assert touched > 0  # a chosen figure of the row does change its pairs: the test bites


def _anchored_long(group: Sequence[Claim], index: Index, chosen: Chosen) -> dict[int, Claim]:
    """``siblings._anchored`` as written before round 25: its levels' references gathered
    in a set and sorted, no shortcut for a group with no change."""
    levels = [c for c in group if c.kind is LEVEL and c.status in _TIED]
    refs = {ref for c in levels for ref in c.tied_to}
    if not levels or len({(r.table, r.row) for r in refs}) != 1:
        return {}
    ref = next(iter(refs))
    site = index.site(ref.table, ref.row)
    found = [index.columns.get((r.table, r.column)) for r in sorted(refs, key=_column)]
    columns = [c for c in found if c is not None]
    if site is None or site.quantity or len(columns) != len(found):
        return {}
    adjusted = {ADJUSTED in c.traits for c in levels}
    out: dict[int, Claim] = {}
    for n, claim in enumerate(group):
        if claim.kind not in siblings._CHANGES or {ADJUSTED in claim.traits} != adjusted:
            continue
        if len(columns) == 1 and any(level.period != claim.period for level in levels):
            continue
        pair = siblings._pair(claim, group, index, site, columns, chosen)
        matches = siblings._judged(claim, index, site, pair, chosen) if pair is not None else []
        if not matches:
            continue
        tied = siblings._fits(matches)
        if tied is not None:
            status = ClaimStatus.ROUNDING if tied.rounding else ClaimStatus.TIES
            match = tied
        else:
            status = ClaimStatus.CONTRADICTS
            match = min(matches, key=lambda m: abs(abs(claim.value) - abs(m.expected)))
        out[n] = claim_with(
            claim,
            tied_to=match.refs,
            status=status,
            expected=match.expected,
            traits=claim.traits | {PERIOD_STATED},
        )
    return out


def _column(ref: CellRef) -> tuple[int, int]:
    return ref.table, ref.column


@pytest.mark.corpus
def test_corpus_anchored_changes_are_those_of_the_long_way(
    releases: list[tuple[str, list[Table], tuple[Claim, ...]]],
) -> None:
    groups = anchoring = 0
    for name, tables, first in releases:
        index = tie._index(tables)
        claims = under_parts(first, index)
        rows = [None if FORWARD_LOOKING in c.traits else tie._rows_of(c, index) for c in claims]
        for chosen in [{}, *_choices(first, tables)]:
            judged = tie._unheard(
                tuple(
                    tie.tie_claim(c, index, chosen, r) for c, r in zip(claims, rows, strict=True)
                ),
                index,
                chosen,
            )
            by_metric: dict[object, list[int]] = {}
            for i, claim in enumerate(judged):
                key = siblings._metric(claim)
                if key is not None:
                    by_metric.setdefault(key, []).append(i)
            long_way = list(judged)
            for members in by_metric.values():
                if len(members) < 2:
                    continue
                group = [judged[i] for i in members]
                quick = siblings._anchored(group, index, chosen)
                assert repr(quick) == repr(_anchored_long(group, index, chosen)), (name, chosen)
                groups += 1
                anchoring += bool(quick)
                for n, claim in quick.items():
                    long_way[members[n]] = claim
            # the whole: every group of the claims, those of sentences of no change too
            assert repr(siblings.anchored(judged, index, chosen)) == repr(tuple(long_way))
    assert groups > 100
    assert anchoring > 10  # groups that anchor a change are among them


@pytest.mark.corpus
def test_corpus_lookup_bare_keys_are_the_sites_bare_keys(
    releases: list[tuple[str, list[Table], tuple[Claim, ...]]],
) -> None:
    sites = 0
    for _, tables, _ in releases:
        lookup = tie._index(tables).lookup
        for n, site in enumerate(lookup.sites):
            assert lookup.bare[n] == bare_key(site.key)
            sites += 1
    assert sites > 1000


def test_a_chosen_figure_of_another_row_or_table_is_not_of_the_row() -> None:
    site = type("S", (), {"table": 2, "row": 5})()
    one = Decimal(1)
    assert candidates._chosen_in_row({CellRef(2, 5, 0): one}, site)
    assert not candidates._chosen_in_row({CellRef(2, 4, 0): one}, site)
    assert not candidates._chosen_in_row({CellRef(3, 5, 0): one}, site)
    assert not candidates._chosen_in_row({}, site)
