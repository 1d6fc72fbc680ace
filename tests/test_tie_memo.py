"""What tying remembers per release changes no tie.

The columns a claim may speak of are found once per question in the release's index
(``candidates.fitting``: they do not depend on the claim's value, which ``_rescaled``
changes, nor on its traits but those of period, segment and basis), and a row's figures,
its changes over a year and a column's prior once each (``Index.figures``,
``Index.changes``, ``Index.prior``); the sites a subject may name once per subject
(``tie._named_sites``, ``SiteLookup.remember``), a label's name before a metric and the
rows extending the ones named once per index (``SiteLookup.name_before``,
``SiteLookup.extending``), a subject's key, a sentence's naming of a name and a row's
lookup keys once per text (``tie._subject``, ``tie._named_apart``,
``index._key_parts``); what a subject's claims derive from its sites alone once per
subject (``tie._Subject``: the rows suggested to a claim not attached to its metric, by
side; the sites and names before the metric a claim attached to it asks of); the changes a table prints once per table, when a
change of one of its rows is first judged (``Index.printed_change``); over the corpus the
claims are tied the same when each is found afresh every time. The vocabulary's union searches
(``bases_of``, ``metric_of``) find a basis or a metric in a sentence exactly when one
of their patterns does.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from golden import manifest
from tieout import pipeline
from tieout.model import CellRef, Claim, ClaimTrait, Table, Unit
from tieout.prose import candidates, tie
from tieout.prose import index as index_module
from tieout.prose.claims import claims_of
from tieout.prose.index import Basis, ColumnView, Index, RowFigures, SiteLookup
from tieout.prose.subjects import Site, side_of
from tieout.sources import load
from tieout.vocabulary import measures


def _read(corpus_dir: Path) -> list[tuple[str, tuple[Claim, ...], list[Table]]]:
    read = []
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        tables, paragraphs, _ = pipeline.layout(documents)
        read.append((name, claims_of(paragraphs, tables), tables))
    return read


@pytest.mark.corpus
def test_corpus_ties_are_the_same_found_afresh(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = _read(corpus_dir)
    fast = [repr(tie.tie(claims, tables, {})) for _, claims, tables in read]
    asked = [0]

    class Afresh(candidates.Fitting):
        def of(
            self, index: Index, site: Site, *, strict: bool, any_duration: bool = False
        ) -> tuple[ColumnView, ...]:
            asked[0] += 1
            found = candidates._columns_of(
                self._claim, index, site, strict=strict, any_duration=any_duration
            )
            return tuple(found)

        def meant(self, index: Index, site: Site) -> tuple[ColumnView, ...]:
            self._meant.clear()
            return super().meant(index, site)

    def fitting_afresh(claim: Claim, index: Index) -> candidates.Fitting:
        return Afresh(claim)

    figures, changes, prior = Index.figures, Index.changes, Index.prior

    def figures_afresh(self: Index, table: int, row: int) -> RowFigures:
        self._figures.clear()
        return figures(self, table, row)

    def changes_afresh(self: Index, table: int, row: int) -> tuple[Decimal, Decimal] | None:
        self._changes.clear()
        return changes(self, table, row)

    def prior_afresh(self: Index, column: ColumnView) -> ColumnView | None:
        self._priors.clear()
        return prior(self, column)

    name_before, extending = SiteLookup.name_before, SiteLookup.extending

    def name_before_afresh(self: SiteLookup, n: int, key: str) -> str | None:
        self._before.clear()
        return name_before(self, n, key)

    def extending_afresh(self: SiteLookup, prefixes: tuple[str, ...]) -> tuple[int, ...]:
        self._extending.clear()
        return extending(self, prefixes)

    def remember_nothing(self: SiteLookup, asked: tuple[object, ...], found: object) -> object:
        named[0] += 1
        return found

    printed_change = Index.printed_change

    def printed_change_afresh(
        self: Index, table: int, row: int, current: int, prior: int
    ) -> CellRef | None:
        self._printed.clear()
        return printed_change(self, table, row, current, prior)

    named = [0]
    monkeypatch.setattr(SiteLookup, "remember", remember_nothing)
    monkeypatch.setattr(SiteLookup, "name_before", name_before_afresh)
    monkeypatch.setattr(SiteLookup, "extending", extending_afresh)
    monkeypatch.setattr(tie, "_subject", tie._subject.__wrapped__)
    monkeypatch.setattr(tie, "_named_apart", tie._named_apart.__wrapped__)
    monkeypatch.setattr(index_module, "_key_parts", index_module._key_parts.__wrapped__)
    monkeypatch.setattr(tie, "fitting", fitting_afresh)
    monkeypatch.setattr(candidates, "fitting", fitting_afresh)
    monkeypatch.setattr(Index, "figures", figures_afresh)
    monkeypatch.setattr(Index, "changes", changes_afresh)
    monkeypatch.setattr(Index, "prior", prior_afresh)
    monkeypatch.setattr(Index, "printed_change", printed_change_afresh)
    # (an index built per tie: none of the fast pass is given again, with what it kept,
    # though the tables are the same: ``tie._index`` finds it again for a copy of them)
    monkeypatch.setattr(tie, "_index", Index)
    slow = [repr(tie.tie(claims, tables, {})) for _, claims, tables in read]
    assert asked[0] > 1000  # the claims asked of many rows
    assert named[0] > 1000  # and their subjects of many sites
    for (name, _, _), a, b in zip(read, fast, slow, strict=True):
        assert a == b, name


def _meant_columns(claim: Claim, index: Index, site: Site) -> list[ColumnView]:
    """The columns of a row its claim is judged in whatever its value, by the claim's own
    traits and period (the rule ``Fitting.meant`` keeps per table, segment and row's
    adjustment for every claim sharing the ``Fitting``)."""
    adjusted = ClaimTrait.ADJUSTED in claim.traits
    inferred = ClaimTrait.PERIOD_INFERRED in claim.traits
    columns = [
        col
        for col in candidates._columns_of(claim, index, site, strict=True, any_duration=inferred)
        if not adjusted or site.adjusted or col.basis is Basis.NON_GAAP
    ]
    months = claim.period.months if claim.period is not None else None
    if months is not None and any(col.months == months for col in columns):
        columns = [col for col in columns if col.months is not None]
    return columns


@pytest.mark.corpus
def test_a_claims_meant_columns_are_its_own(corpus_dir: Path) -> None:
    """``Fitting.meant`` keeps, per table, segment and row's adjustment, the columns
    ``tie._meant`` judges a claim in: the same, for every claim of the corpus and every
    row its words name firmly, as the rule asked of that claim alone, though the
    ``Fitting`` was made for the first claim of its period, segment and basis; and some
    are narrowed by adjustment or by months, and shared by several claims."""
    asked = narrowed = shared = 0
    for _, claims, tables in _read(corpus_dir):
        index = Index(tables)
        seen: dict[int, Claim] = {}
        for claim in claims:
            if ClaimTrait.ATTACHED not in claim.traits:
                continue
            fits = candidates.fitting(claim, index)
            first = seen.setdefault(id(fits), claim)
            strong, _ = tie._rows(claim, index)
            for site in strong:
                kept = fits.meant(index, site)
                assert list(kept) == _meant_columns(claim, index, site)
                assert fits.meant(index, site) is kept  # found once
                inferred = ClaimTrait.PERIOD_INFERRED in claim.traits
                strict = fits.of(index, site, strict=True, any_duration=inferred)
                narrowed += len(kept) < len(strict)
                shared += first is not claim
                asked += 1
    assert asked > 500  # the rows of every attached claim of the corpus
    assert narrowed > 10  # some by an adjustment or by months
    assert shared > 100  # and many claims share a Fitting


def _may_name(
    lookup: SiteLookup, claim: Claim
) -> list[tuple[tuple[Site, int, bool, bool, bool], str | None]]:
    """Every site of the units a claim's figure may be of among the lookup's candidates for
    its subject, with what its words decide of each and the name before the metric in
    its label, asked of each (the rule ``tie._named_sites`` and ``_Subject`` keep)."""
    key, said = tie._subject(claim.subject)
    concept, every = claim.concept, claim.unit is Unit.SHARES
    percent_change, unit = tie._unit_wanted(claim)
    filed = [lookup.by_bare.get(key, ()), lookup.by_concept.get(concept, ())]
    if key:
        filed += [
            lookup.by_first.get(key.partition(" ")[0], ()),
            lookup.by_last.get(key.rpartition(" ")[2], ()),
        ]
    filed += [lookup.by_word.get(word, ()) for word in said]
    visit = range(len(lookup.sites)) if every else sorted(set().union(*filed))
    out = []
    for n in visit:
        if (lookup.units[n] is not Unit.PERCENT) if percent_change else lookup.units[n] is unit:
            site, bare = lookup.sites[n], lookup.bare[n]
            named = (concept is not None and site.concept == concept) or bare == key
            firmly = (
                named
                or every
                or (bool(key) and (bare.startswith(f"{key} ") or bare.endswith(f" {key}")))
            )
            suggested = firmly or (bool(site.words) and site.words <= said)
            name = None if named else lookup.name_before(n, key)
            out.append(((site, n, named, suggested, firmly), name))
    return out


@pytest.mark.corpus
def test_a_subjects_rows_are_what_its_sites_say(corpus_dir: Path) -> None:
    """``tie._Subject`` keeps, per subject, the sites its words name or suggest, the rows
    suggested to a claim not attached to its metric (by its sentence's side; longest
    label first), and for claims attached to it those sites and the others whose label
    prints a name before the metric: the same as the rule asked of every site the
    subject may name, for every claim of the corpus; most sites it may name are
    neither named, suggested nor printed after a name (no record is made of them)."""
    asked = unsaid = entries = 0
    for _, claims, tables in _read(corpus_dir):
        index = Index(tables)
        lookup = index.lookup
        for claim in claims:
            key, said = tie._subject(claim.subject)
            wanted = tie._unit_wanted(claim)
            every = claim.unit is Unit.SHARES
            subject = tie._named_sites(lookup, claim.concept, key, said, wanted, every)
            each = _may_name(lookup, claim)
            assert list(subject.entries) == [entry for entry, _ in each if entry[3]]
            assert list(subject.attached(lookup, key)) == [
                (entry, name) for entry, name in each if entry[3] or name is not None
            ]
            side = side_of(claim.sentence)
            kept = [
                site
                for (site, _, _, suggested, _), _ in each
                if suggested and not (side and site.side and site.side != side)
            ]
            kept.sort(key=lambda site: -len(site.words))
            assert list(subject.suggested(side)) == kept
            assert subject.suggested(side) is subject.suggested(side)  # found once
            if ClaimTrait.ATTACHED not in claim.traits:
                assert tie._rows(claim, index) == ([], kept)
            asked += 1
            unsaid += sum(not entry[3] and name is None for entry, name in each)
            entries += len(each)
    assert asked > 2000  # every claim of the corpus
    assert unsaid * 2 > entries  # most sites a subject may name it neither names nor suggests


@pytest.mark.corpus
def test_a_tables_printed_changes_are_found_when_asked(corpus_dir: Path) -> None:
    """``Index.printed_change`` reads a table's change columns when a change of one of its
    rows is first judged, whatever the order tables are asked in: the change cell of each
    change column in amounts whose one pair of period columns (``_change_pair``) its row
    prints the difference of (``_prints_change``), and nothing else; a tie reads few of
    a release's tables."""
    found = asked_tables = change_tables = 0
    for _, claims, tables in _read(corpus_dir):
        index = Index(tables)
        expected: dict[tuple[int, int, int, int], CellRef] = {}
        for table in tables:
            for change in table.columns:
                if not change.change or change.unit is Unit.PERCENT:
                    continue
                pair = index_module._change_pair(table, change.index)
                if pair is None:
                    continue
                for row in table.rows:
                    if index_module._prints_change(row, change.index, *pair):
                        ref = CellRef(table.index, row.index, change.index)
                        expected[(table.index, row.index, *pair)] = ref
        periods = {
            table.index: [c.index for c in table.columns if not c.change] for table in tables
        }
        for table in reversed(tables):  # another order than the tables'
            for row in table.rows:
                for current in periods[table.index]:
                    for prior in periods[table.index]:
                        got = index.printed_change(table.index, row.index, current, prior)
                        assert got == expected.get((table.index, row.index, current, prior))
                        found += got is not None
        tie.tie(claims, tables, {})
        asked_tables += len(tie._index(tables)._printed)
        change_tables += sum(any(c.change for c in t.columns) for t in tables)
    assert found > 100  # the corpus prints changes in its tables
    assert asked_tables < change_tables / 2  # the claims judge changes of few of them


@pytest.mark.corpus
def test_union_searches_find_what_their_patterns_find(corpus_dir: Path) -> None:
    seen = 0
    for _, claims, _ in _read(corpus_dir):
        for text in {c.sentence for c in claims} | {c.subject for c in claims}:
            any_basis = any(p.search(text) for _, p in measures._BASIS_RE)
            assert bool(measures._ANY_BASIS.search(text)) == any_basis, text
            seen += any_basis
    assert seen > 100  # the corpus names bases often


def test_the_index_is_found_again_for_the_very_same_tables() -> None:
    """``tie._index`` builds a release's index once for its list of tables and gives it
    again for its release's tuple of them (a stray parenthesis's ``support``); other
    tables, or equal ones that are other objects, get an index of their own."""
    example = Path(__file__).resolve().parent.parent / "examples" / "harbor-valve_2024q2.txt"
    _, documents = load(example)
    tables, _, _ = pipeline.layout(documents)
    assert len(tables) > 1
    index = tie._index(tables)
    assert tie._index(tables) is index
    assert tie._index(tuple(tables)) is index
    assert tie._index(list(tables)) is index
    _, again = load(example)
    others, _, _ = pipeline.layout(again)  # equal tables, other objects
    assert tie._index(tables) is index and tie._index(others) is not index
    fewer = tie._index(tables[:-1])
    assert fewer.tables == tables[:-1] and tie._index(tables) is not index
