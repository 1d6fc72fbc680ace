"""The prose tie's round-26 shortcuts answer as the work they stand for (item 47t).

``Index.meaning`` scans a row's cells for a negative only for a row under a loss's label
(it scanned every judged row once per index, and remembered the answer per row);
``tie._as_printed`` answers a claim whose one candidate ties with that candidate at once
(``_one_figure`` of one candidate is that one, ``_finest`` of it the same list, and it is
the first tying match); ``choose_readings`` reads a figure's ambiguity inline. Over the
corpus, each answers as the long way does.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from golden import manifest
from tieout import pipeline
from tieout.model import Cell, Claim, ClaimStatus, Table
from tieout.prose import tie
from tieout.prose.claims import claims_of
from tieout.prose.index import Index
from tieout.prose.members import FORWARD_LOOKING
from tieout.sources import load


def _releases(corpus_dir: Path) -> list[tuple[str, list[Table], tuple[Claim, ...]]]:
    """Each corpus release: its tables and the claims its prose makes, untied."""
    out = []
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        tables, paragraphs, _ = pipeline.layout(documents)
        out.append((name, tables, claims_of(paragraphs, tables)))
    return out


@pytest.fixture(scope="module")
def releases(corpus_dir: Path) -> list[tuple[str, list[Table], tuple[Claim, ...]]]:
    return _releases(corpus_dir)


def _meaning_long(index: Index, table: int, row: int, loss_label: bool, value: Decimal) -> Decimal:
    """``Index.meaning`` as written before round 26: the row's cells scanned first."""
    cells = index.tables[table].rows[row].cells
    printed_negative = any(c is not None and c.value < 0 for c in cells)
    return -value if loss_label and not printed_negative else value


@pytest.mark.corpus
def test_corpus_meaning_is_the_rows_reading_of_its_sign(
    releases: list[tuple[str, list[Table], tuple[Claim, ...]]],
) -> None:
    losses = 0
    for name, tables, _ in releases:
        index = Index(tables)
        labels: dict[tuple[int, int], bool] = {}
        for site in index.sites:
            # the memo is per row: every site of a row reads its label's loss alike
            assert labels.setdefault((site.table, site.row), site.loss_label) == site.loss_label
            for value in (Decimal("12.5"), Decimal(-3), Decimal(0)):
                long = _meaning_long(index, site.table, site.row, site.loss_label, value)
                assert index.meaning(site, value) == long, (name, site.table, site.row)
            losses += site.loss_label
    assert losses > 0  # rows under a loss's label are read, not only the others
    # and a loss's row printed without a negative (none in the corpus: each such row's
    # negatives made positive) flips: the test bites
    flipped = 0
    for name, tables, _ in releases:
        loss_rows = {(s.table, s.row) for s in Index(tables).sites if s.loss_label}
        if not loss_rows:
            continue
        unbracketed = [
            replace(
                table,
                rows=tuple(
                    replace(row, cells=tuple(_positive(c) for c in row.cells))
                    if (table.index, row.index) in loss_rows
                    else row
                    for row in table.rows
                ),
            )
            for table in tables
        ]
        index = Index(unbracketed)
        for site in index.sites:
            long = _meaning_long(index, site.table, site.row, site.loss_label, Decimal(7))
            assert index.meaning(site, Decimal(7)) == long, (name, site.table, site.row)
            flipped += long < 0
    assert flipped > 0


def _positive(cell: Cell | None) -> Cell | None:
    """The cell printed without its sign."""
    return cell if cell is None or cell.value >= 0 else replace(cell, value=-cell.value)


@pytest.mark.corpus
def test_corpus_one_tying_candidate_is_the_answer_of_the_long_way(
    releases: list[tuple[str, list[Table], tuple[Claim, ...]]],
) -> None:
    at_once = 0
    for name, tables, claims in releases:
        index = Index(tables)
        for claim in claims:
            if FORWARD_LOOKING in claim.traits:
                continue
            strong, weak = tie._rows_of(claim, index)
            if not strong or tie._segment_worded(claim, strong) is not None:
                continue
            meant = tie._meant(claim, index, strong, {})
            if not (len(meant) == 1 and meant[0].ties and meant[0].direction_ok):
                continue
            # the long way: the one figure, the finest prints, the first tying match
            target = tie._one_figure(claim, meant) if tie.firm(claim) else None
            judged = tie._finest(meant) if target is not None else meant
            assert target is None or target is meant[0]
            assert judged == meant
            match = next(m for m in judged if m.ties and m.direction_ok)
            status = ClaimStatus.ROUNDING if match.rounding else ClaimStatus.TIES
            answer = tie._as_printed(claim, index, {}, rows=(strong, weak))
            assert answer == tie._with(claim, match, status), (name, claim.text)
            at_once += 1
    assert at_once > 100


@pytest.mark.corpus
def test_corpus_ambiguity_read_inline_is_the_cells(
    releases: list[tuple[str, list[Table], tuple[Claim, ...]]],
) -> None:
    ambiguous = 0
    for _, tables, _ in releases:
        for table in tables:
            for row in table.rows:
                for cell in row.cells:
                    if cell is not None:
                        assert (len(cell.readings) > 1) is cell.ambiguous
                        ambiguous += cell.ambiguous
    assert ambiguous > 0
