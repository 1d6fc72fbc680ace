"""``model.claim_with`` and ``prose.subjects.site_with``: the record
``dataclasses.replace`` makes, made directly (``model.replacer``).

The tie makes a claim again per claim it ties, unties or tries at another scale, and a
site again per row of a part's table; it does so with these. Here each field of corpus claims is changed alone and with others
and both are compared field by field; unknown fields and positional changes are refused
as ``replace`` refuses them; and over the corpus the claims are tied the same with
``dataclasses.replace`` put back in every module of the prose that uses ``claim_with``.
"""

from __future__ import annotations

import dataclasses
import random
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from golden import manifest
from tieout import pipeline
from tieout.model import (
    CellRef,
    Claim,
    ClaimKind,
    ClaimStatus,
    ClaimTrait,
    Period,
    Release,
    Span,
    Table,
    Unit,
    claim_with,
    derived,
    quick_init,
    release_with,
    replacer,
)
from tieout.prose import commentary, headings, siblings, tie
from tieout.prose.claims import claims_of
from tieout.prose.subjects import site_with, terms_of
from tieout.sources import load

CLAIM = Claim(
    Span(4, 10, 16, 300), "$1.5 million", "Net sales were $1.5 million.", "Net sales",
    Decimal(1500000), Decimal(100000), Unit.USD, ClaimKind.LEVEL,
)  # fmt: skip

# a value of each field's type other than the claim's (the whole record changed)
OTHER: dict[str, Any] = {
    "span": Span(5, 1, 2, None),
    "text": "$2 million",
    "sentence": "Other.",
    "subject": "Net income",
    "value": Decimal(-2000000),
    "precision": Decimal(1000000),
    "unit": Unit.USD_PER_SHARE,
    "kind": ClaimKind.CHANGE,
    "concept": "NetIncome",
    "segment": "Domestic",
    "period": Period(end=None, months=3, year=2024, quarter=2),
    "period_text": "second quarter of 2024",
    "qualifiers": ("approximately",),
    "tied_to": (CellRef(1, 2, 3), CellRef(1, 2, 4)),
    "status": ClaimStatus.CONTRADICTS,
    "expected": Decimal("1.6"),
    "traits": frozenset({ClaimTrait.ATTACHED, ClaimTrait.UNRESOLVED}),
}


def _same(a: Claim, b: Claim) -> bool:
    return a == b and all(
        getattr(a, f.name) is getattr(b, f.name) or getattr(a, f.name) == getattr(b, f.name)
        for f in dataclasses.fields(Claim)
    ) and repr(a) == repr(b)  # fmt: skip


def test_every_field_is_named() -> None:
    assert set(OTHER) == {f.name for f in dataclasses.fields(Claim)}


@pytest.mark.parametrize("name", sorted(OTHER))
def test_one_field_changed_is_replace(name: str) -> None:
    made = claim_with(CLAIM, **{name: OTHER[name]})
    assert type(made) is Claim and made is not CLAIM
    assert _same(made, dataclasses.replace(CLAIM, **{name: OTHER[name]}))
    assert getattr(made, name) == OTHER[name]
    assert _same(CLAIM, Claim(*(getattr(CLAIM, f.name) for f in dataclasses.fields(Claim))))


def test_no_field_changed_is_a_copy() -> None:
    made = claim_with(CLAIM)
    assert made is not CLAIM and _same(made, CLAIM) and hash(made) == hash(CLAIM)


def test_fields_changed_together_are_replace() -> None:
    rng = random.Random(13)
    names = sorted(OTHER)
    for _ in range(300):
        changes = {n: OTHER[n] for n in rng.sample(names, rng.randint(1, len(names)))}
        base = claim_with(CLAIM, **{n: OTHER[n] for n in rng.sample(names, 3)})
        assert _same(claim_with(base, **changes), dataclasses.replace(base, **changes))


def test_what_replace_refuses_is_refused() -> None:
    with pytest.raises(TypeError):
        claim_with(CLAIM, colour="red")
    with pytest.raises(TypeError):
        claim_with(CLAIM, CLAIM.span)
    with pytest.raises(dataclasses.FrozenInstanceError):
        claim_with(CLAIM).value = Decimal(0)  # type: ignore[misc]


def test_a_record_it_cannot_make_is_refused() -> None:
    @dataclasses.dataclass(frozen=True)
    class Unslotted:  # its fields are no slots to set
        a: int

    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:  # __post_init__ would be skipped
        a: int

        def __post_init__(self) -> None:
            if self.a < 0:
                raise ValueError(self.a)

    @quick_init
    @dataclasses.dataclass(frozen=True, slots=True)
    class Derived:  # a derived field would be copied, not derived again
        a: int
        b: int = derived(lambda record: record.a * 2)

    for cls in (Unslotted, Checked, Derived):
        with pytest.raises(TypeError):
            replacer(cls)


def test_a_plain_slotted_record_is_made_as_replace_makes_it() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Pair:
        a: int
        b: tuple[int, ...] = ()

    pair_with = replacer(Pair)
    assert pair_with(Pair(1, (2,)), b=(3,)) == Pair(1, (3,))
    assert pair_with(Pair(1), a=5) == dataclasses.replace(Pair(1), a=5)


def _read(corpus_dir: Path) -> list[tuple[tuple[Claim, ...], list[Table]]]:
    read = []
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        tables, paragraphs, _ = pipeline.layout(documents)
        read.append((claims_of(paragraphs, tables), tables))
    return read


@pytest.mark.corpus
def test_corpus_claims_are_tied_the_same_with_replace(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read = _read(corpus_dir)
    made = [0]

    def replaced(claim: Claim, **changes: Any) -> Claim:
        made[0] += 1
        return dataclasses.replace(claim, **changes)

    fast = [repr(tie.tie(claims, tables, {})) for claims, tables in read]
    for module in (tie, siblings, commentary, headings):
        monkeypatch.setattr(module, "claim_with", replaced)
    slow = [repr(tie.tie(claims, tables, {})) for claims, tables in read]
    assert made[0] > 1000  # the tie made its claims through it
    assert fast == slow
    # and every claim of the corpus, each field changed, is the claim replace makes
    for claims, tables in read:
        for site in terms_of(tables).sites:
            for segment in (None, "Part 2", site.segment):
                fast_site = site_with(site, segment=segment)
                slow_site = dataclasses.replace(site, segment=segment)
                assert fast_site == slow_site and repr(fast_site) == repr(slow_site)
        for claim in claims:
            for name, value in OTHER.items():
                assert _same(claim_with(claim, **{name: value}), replaced(claim, **{name: value}))


def test_release_with_is_replace_of_a_release(corpus_dir: Path) -> None:
    # every field of a read release changed in turn, and the fields the non-GAAP stage
    # changes together: the release ``dataclasses.replace`` makes
    release = pipeline.read(corpus_dir / manifest(corpus_dir)[0])
    other = pipeline.read(corpus_dir / manifest(corpus_dir)[1])
    for f in dataclasses.fields(Release):
        made = release_with(release, **{f.name: getattr(other, f.name)})
        assert type(made) is Release and made is not release
        assert made == dataclasses.replace(release, **{f.name: getattr(other, f.name)})
    changes = {"non_gaap": other.non_gaap, "findings": other.findings}
    assert release_with(release, **changes) == dataclasses.replace(release, **changes)
    assert release_with(release) == release
    with pytest.raises(TypeError):
        release_with(release, colour="red")
