"""The quick tests that spare the tie its by-value judging, against that judging itself.

A claim is judged by value in every column of every row its words name only where
``tie._may_tie`` says some figure of those rows may tie it (a level meeting a figure, a
change within what the row's changes over a year may be, an amount no coarser than some
cell that would show it), and a claim tried at another power of 1,000 likewise. Those
tests must never turn away a claim that a column would tie: over every claim of every
corpus release, and each of its scalings, whatever ties by value is allowed by them. A
row's figures are tested by one bisection (``RowFigures.meets``): the same answer as
testing each figure.
"""

from __future__ import annotations

import random
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from golden import manifest
from tieout import read
from tieout.model import Claim, ClaimKind, ClaimTrait, Table, Unit
from tieout.prose import candidates, tie
from tieout.prose import index as index_module
from tieout.prose.index import Index
from tieout.rounding import printed_ends

_FACTORS = (Decimal(1), Decimal(1000), Decimal("0.001"), Decimal(10**6), Decimal("0.000001"))


def _scalings(claim: Claim) -> list[Claim]:
    return [
        claim if f == 1 else replace(claim, value=claim.value * f, precision=claim.precision * f)
        for f in _FACTORS
    ]


@pytest.fixture(scope="module")
def releases(corpus_dir: Path) -> list[tuple[str, Index, tuple[Claim, ...]]]:
    out = []
    for name in manifest(corpus_dir):
        release = read(corpus_dir / name)
        out.append((name, Index(release.tables), release.claims))
    return out


def test_no_claim_that_ties_by_value_is_turned_away(
    releases: list[tuple[str, Index, tuple[Claim, ...]]],
) -> None:
    judged = tied = 0
    for name, index, claims in releases:
        for claim in claims:
            if ClaimTrait.FORWARD_LOOKING in claim.traits:
                continue
            strong, weak = tie._rows(claim, index)
            sites = (*strong, *weak)
            for scaled in _scalings(claim):
                ties = [
                    m
                    for strict in (True, False)
                    for m in tie._matches(scaled, index, sites, {}, strict=strict)
                    if m.ties
                ]
                judged += 1
                if ties:
                    tied += 1
                    assert tie._may_tie(scaled, index, sites), (name, scaled.text, scaled.value)
    assert judged > 10_000 and tied > 500  # the corpus's claims, and many tie


def test_a_rows_figures_meet_an_interval_as_each_figure_does(
    releases: list[tuple[str, Index, tuple[Claim, ...]]],
) -> None:
    asked = 0
    for _, index, _claims in releases[:12]:
        for site in index.sites:
            figures = index.figures(site.table, site.row)
            row = index.tables[site.table].rows[site.row]
            ends = [
                printed_ends(abs(v), cell.precision)
                for col in index.table_columns.get(site.table, ())
                if (cell := row.cells[col.index] if col.index < len(row.cells) else None)
                is not None
                for v in (cell.value, *cell.readings)
            ]
            # each figure's low end, a cell's value once though it is its first reading too
            assert set(figures.lows) == {low for low, _ in ends}
            assert len(figures.lows) <= len(ends)
            probes = {low for low, _ in ends} | {high for _, high in ends} | {Decimal(0)}
            for lo in probes:
                for width in (Decimal(0), Decimal("0.5"), Decimal(1000)):
                    hi = lo + width
                    want = any(low <= hi and lo <= high for low, high in ends)
                    assert figures.meets(lo, hi) is want, (site, lo, hi)
                    asked += 1
    assert asked > 10_000


def test_a_change_beyond_every_change_over_a_year_is_turned_away(
    releases: list[tuple[str, Index, tuple[Claim, ...]]],
) -> None:
    """The bound is not vacuous: an amount of change half again the largest change over a
    year of the row it ties is not judged in that row, though two of the row's figures
    may differ by that much."""
    turned = 0
    for _, index, claims in releases:
        for claim in claims:
            if claim.kind is not ClaimKind.CHANGE or not claim.tied_to:
                continue
            ref = claim.tied_to[0]
            site = index.site(ref.table, ref.row)
            changes = index.changes(ref.table, ref.row)
            if site is None or changes is None:
                continue
            figures = index.figures(ref.table, ref.row)
            apart = 2 * figures.reach[-1] if site.signed else figures.reach[-1] - figures.lows[0]
            value = changes[0] * Decimal("1.5")
            if value > apart:
                continue  # the figures alone turn it away
            far = replace(claim, value=value, precision=changes[1])
            assert not tie._may_tie(far, index, [site])
            turned += 1
    assert turned > 20


def test_a_claims_dilution_is_asked_only_of_a_row_of_one_dilution(
    releases: list[tuple[str, Index, tuple[Claim, ...]]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # tie._rows asks what a claim's words say of basic or diluted only when a row its
    # words name prints one of them alone; the rows it names keep that dilution
    asked: list[str] = []
    said = tie.dilution_said

    def counted(text: str) -> object:
        asked.append(text)
        return said(text)

    monkeypatch.setattr(tie, "dilution_said", counted)
    claims = 0
    for _, index, release_claims in releases:
        for claim in release_claims:
            if ClaimTrait.FORWARD_LOOKING in claim.traits:
                continue
            claims += 1
            strong, _ = tie._rows(claim, index)
            dilution = said(f"{claim.subject} {claim.text}")
            assert all(
                dilution is None or s.dilution is None or s.dilution == dilution for s in strong
            )
    assert 0 < len(asked) < claims / 5  # most claims name no row of one dilution


def _change_pair_counted(table: Table, change: int) -> tuple[int, int] | None:
    """``index._change_pair`` as its rule reads: every pair's rows counted in full."""
    periods = [
        c.index
        for c in table.columns
        if not c.change and c.unit is None and c.period is not None and c.index != change
    ]
    fits = []
    for current in periods:
        for prior in periods:
            if current == prior:
                continue
            tested = holding = 0
            for row in table.rows:
                d, now, before = row.cells[change], row.cells[current], row.cells[prior]
                present = sum(row.cells[i] is not None for i in periods)
                if row.unit is Unit.PERCENT or d is None or present < 2:
                    continue
                if now is None or before is None:
                    continue
                tested += 1
                slack = (d.precision + now.precision + before.precision) / 2
                holding += abs(d.value - (now.value - before.value)) <= slack
            if holding >= 2 and holding >= Decimal("0.75") * tested:
                fits.append((current, prior))
    return fits[0] if len(fits) == 1 else None


def test_a_change_columns_pair_is_the_one_every_row_counted_finds(
    releases: list[tuple[str, Index, tuple[Claim, ...]]],
) -> None:
    """``_change_pair`` stops counting a pair once too many of its rows fail for it to fit:
    the same pair as counting every row, over the corpus's change columns and the same
    tables with cells dropped and changes misprinted at random (pairs at the threshold)."""
    rng = random.Random(15)
    asked = found = 0
    for _, index, _claims in releases:
        for table in index.tables:
            changes = [c.index for c in table.columns if c.change and c.unit is not Unit.PERCENT]
            for change in changes:
                variants = [table]
                for _ in range(6):
                    rows = []
                    for row in table.rows:
                        cells = list(row.cells)
                        for i, cell in enumerate(cells):
                            if cell is None or rng.random() > 0.2:
                                continue
                            if rng.random() < 0.5:
                                cells[i] = None
                            else:
                                cells[i] = replace(cell, value=cell.value + cell.precision * 3)
                        rows.append(replace(row, cells=tuple(cells)))
                    variants.append(replace(table, rows=tuple(rows)))
                for variant in variants:
                    pair = index_module._change_pair(variant, change)
                    assert pair == _change_pair_counted(variant, change), (table.title, change)
                    asked += 1
                    found += pair is not None
    assert asked > 300 and 50 < found < asked  # pairs found and pairs refused


def test_a_claim_of_rows_printed_once_is_no_sum(
    releases: list[tuple[str, Index, tuple[Claim, ...]]],
) -> None:
    """``tie._as_printed`` asks ``summable`` once of all the rows a claim's words name, not
    ``summed`` per strictness and kind of row: rows none of which a table prints twice
    under its label make no sum (the sum itself, unguarded, finds none), and the corpus's
    rows printed twice are asked and summed."""
    spared = summable = 0
    for _, index, claims in releases:
        for claim in claims:
            if ClaimTrait.FORWARD_LOOKING in claim.traits:
                continue
            strong, weak = tie._rows(claim, index)
            if candidates.summable(index, (*strong, *weak)):
                summable += 1
                continue
            spared += 1
            for sites in (strong, weak):
                for strict in (True, False):
                    groups = candidates._groups(sites)  # unguarded
                    assert not list(candidates.summed(claim, index, groups, {}, strict=strict))
    assert spared > 1000 and summable > 10  # most claims are spared; some rows repeat


def test_fewer_rows_allow_no_more_than_all_of_them(
    releases: list[tuple[str, Index, tuple[Claim, ...]]],
) -> None:
    """``tie._rescaled`` asks ``_may_tie`` of every row a claim's words name first, and of
    the rows they name firmly only for the scalings that passed: whatever the firm rows
    allow, all the rows allow, over every claim of the corpus and each of its scalings."""
    firm = turned = 0
    for _, index, claims in releases:
        for claim in claims:
            if ClaimTrait.FORWARD_LOOKING in claim.traits:
                continue
            strong, weak = tie._rows(claim, index)
            for scaled in _scalings(claim):
                every = tie._may_tie(scaled, index, (*strong, *weak))
                if tie._may_tie(scaled, index, strong):
                    firm += 1
                    assert every, (scaled.text, scaled.value)
                turned += not every
    assert firm > 500 and turned > 5000  # many allowed by the firm rows, more turned away
