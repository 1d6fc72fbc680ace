"""The compiled lookup of sites (prose/_lookup.c) gives the Python's answers.

``index._filed_python`` (what a release's lookup files its sites under) and
``index._named_python`` (the sites a claim's subject names or suggests among those filed
under its words, and the places of the others it may name) are the specification; the C
``filed`` and ``named`` replace them whenever the extension was built. Both file every
corpus release's sites, and answer every question every
corpus claim asks of its release's lookup (each subject, concept and unit, and the same
of every site, as a count of shares asks), and generated questions built from the pieces
the tests turn on: keys that are a bare key, begin or end one at a word or inside a word,
or are empty; concepts of other rows; words said that hold a site's all, some or none;
lookups of odd labels (none, wide characters, a key longer than a label); places filed
twice and lists empty.

``labels._words_python`` (a text's content words) is the specification of the C ``words``:
both give the same words of every label, section, title, subject and sentence of the
corpus, and of texts generated from the pieces its rules turn on (stop words, "&", "'s",
quotes and dashes after a word, digits, wide characters).
"""

from __future__ import annotations

import importlib.util
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from golden import manifest
from tieout import pipeline
from tieout.model import Unit
from tieout.prose import index as index_module
from tieout.prose import labels, tie
from tieout.prose.claims import claims_of
from tieout.prose.index import Index, SiteLookup
from tieout.prose.subjects import Site, site_with
from tieout.sources import load
from tieout.vocabulary.concepts import Concept

NAME = "tieout.prose._lookup"
BUILT = importlib.util.find_spec(NAME) is not None
needs_build = pytest.mark.skipif(not BUILT, reason="the C extension is not built here")
_WANTED = ((True, Unit.PERCENT), (False, Unit.PERCENT), (False, Unit.USD), (False, Unit.SHARES))


def _named() -> Callable[..., Any]:
    module = index_module._compiled_lookup(forced=True)  # even when the environment forces Python
    assert module is not None
    named: Callable[..., Any] = module.named
    return named


def _filed() -> Callable[..., Any]:
    module = index_module._compiled_lookup(forced=True)
    assert module is not None
    filed: Callable[..., Any] = module.filed
    return filed


def _filed_alike(sites: list[Site]) -> Any:
    expected = index_module._filed_python(sites, index_module._key_parts)
    found = _filed()(sites, index_module._key_parts)
    assert found == expected
    for made, want in zip(found[2:], expected[2:], strict=True):
        assert list(made) == list(want)  # keys in the order first filed
    assert all(a is b for a, b in zip(found[1], expected[1], strict=True))  # units by identity
    return found


def _agree(
    lookup: SiteLookup,
    concept: object,
    key: str,
    said: frozenset[str],
    wanted: tuple[bool, Unit],
    every: bool,
) -> tuple[Any, Any]:
    args = (lookup.sites, lookup.units, lookup.bare, lookup._by, concept, key, said, *wanted, every)
    expected = index_module._named_python(*args)
    found = _named()(*args)
    assert found == expected, (concept, key, sorted(said), wanted, every)
    # the same objects: each entry's site is the lookup's, and its flags are bools
    for (site, n, *flags), (want, _, *_) in zip(found[0], expected[0], strict=True):
        assert site is want and site is lookup.sites[n]
        assert all(type(flag) is bool for flag in flags)
    assert all(type(n) is int for n in found[1])
    return found


@needs_build
@pytest.mark.corpus
def test_the_compiled_lookup_answers_every_corpus_question_alike(corpus_dir: Path) -> None:
    asked = entries = unsaid = sites = 0
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        tables, paragraphs, _ = pipeline.layout(documents)
        lookup = Index(tables).lookup
        filed = _filed_alike(lookup.sites)
        assert filed == (lookup.bare, lookup.units, lookup.by_concept, lookup.by_bare,
                         lookup.by_first, lookup.by_last, lookup.by_word)  # fmt: skip
        sites += len(lookup.sites)
        for claim in claims_of(paragraphs, tables):
            key, said = tie._subject(claim.subject)
            for every in (False, True):
                found = _agree(lookup, claim.concept, key, said, tie._unit_wanted(claim), every)
                entries += len(found[0])
                unsaid += len(found[1])
                asked += 1
    assert asked > 4000  # every claim of the corpus, and every site for each
    assert entries > 10000 and unsaid > 10000  # many sites named or suggested, and not
    assert sites > 5000  # every site of every release filed


def _site(n: int, key: str, concept: Concept | None, unit: Unit, words: frozenset[str]) -> Site:
    return Site(n, n, unit, concept, False, None, key, words, False, False)


def _odd_sites(rng: random.Random) -> list[Site]:
    """Sites of labels the tests turn on: a key and its words, a key extended before or
    after at a word or inside one, wide characters, no words, no label."""
    stems = ["net income", "revenue", "income", "net", "", "é net", "nét income", "total revenue"]
    stems += ["net incomes", "a net income", "net income 😀", "😀 net income", "income net"]
    sites = []
    for n in range(rng.randint(0, 40)):
        key = rng.choice(stems)
        words = frozenset(rng.sample(key.split(), rng.randint(0, len(key.split()))))
        concept = rng.choice([None, None, Concept.Revenue, Concept.NetIncome])
        unit = rng.choice([Unit.USD, Unit.PERCENT, Unit.SHARES, Unit.USD_PER_SHARE])
        sites.append(_site(n, key, concept, unit, words))
    return sites


@needs_build
def test_the_compiled_lookup_answers_generated_questions_alike() -> None:
    rng = random.Random(13)
    keys = ["net income", "income", "net", "", "revenue", "é net", "nét income", "😀", " net"]
    keys += ["net ", "net  income", " ", "income 😀 net"]
    for _ in range(400):
        sites = _odd_sites(rng)
        lookup = SiteLookup(sites, [])
        if sites and rng.random() < 0.3:  # a physical quantity: a unit of None
            n = rng.randrange(len(sites))
            lookup.sites[n] = site_with(lookup.sites[n], quantity=True)
            lookup.units[n] = None
        assert _filed_alike(sites)[1] == lookup.units
        words = sorted({w for s in sites for w in s.words} | {"other"})
        for _ in range(10):
            key = rng.choice(keys)
            said = frozenset(rng.sample(words, rng.randint(0, len(words))))
            concept = rng.choice([None, Concept.Revenue, Concept.NetIncome])
            _agree(lookup, concept, key, said, rng.choice(_WANTED), rng.random() < 0.2)


@needs_build
def test_the_compiled_lookup_reads_places_filed_twice_and_refuses_others() -> None:
    sites = [_site(n, "net income", None, Unit.USD, frozenset({"net", "income"})) for n in range(4)]
    lookup = SiteLookup(sites, [])
    said = frozenset({"net", "income"})
    args = (lookup.sites, lookup.units, lookup.bare)
    rest = (Concept.Revenue, "net income", said, False, Unit.USD, False)
    files: list[dict[str, list[int]]] = [{}, {}, {}, {}, {}]
    for by in [
        files,
        [{}, {"net income": [2, 0, 2]}, {"net": [0, 3]}, {}, {}],
        [{Concept.Revenue: [3, 2, 1, 0]}, {}, {}, {}, {"income": []}],
        [{}, {}, {}, {"income": [1]}, {"net": [1, 1]}],
    ]:
        python = index_module._named_python(*args, tuple(by), *rest)
        assert _named()(*args, tuple(by), *rest) == python
    assert [n for _, n, *_ in python[0]] == [1]
    outside = ({}, {"net income": [4]}, {}, {}, {})
    with pytest.raises(IndexError):
        index_module._named_python(*args, outside, *rest)
    with pytest.raises(IndexError):
        _named()(*args, outside, *rest)
    with pytest.raises(TypeError):
        _named()(*args, ({}, {}, {}, {}), *rest)  # four dicts, not five
    with pytest.raises(TypeError):
        _named()(*args, ({}, {"net income": (0,)}, {}, {}, {}), *rest)  # places not a list
    with pytest.raises(TypeError):
        _named()(list(range(4)), lookup.units, lookup.bare, lookup._by, *rest)  # not sites
    with pytest.raises(ValueError):
        _named()(lookup.sites, lookup.units[:2], lookup.bare, lookup._by, *rest)
    with pytest.raises(TypeError):
        _filed()([*sites, "net income"], index_module._key_parts)  # not a site
    with pytest.raises(TypeError):
        _filed()(sites, lambda key, words: (key,))  # parts not four
    with pytest.raises(ZeroDivisionError):
        _filed()(sites, lambda key, words: 1 / 0)  # its error passed on
    assert _filed()([], index_module._key_parts) == ([], [], {}, {}, {}, {}, {})


def _words() -> Callable[[str], frozenset[str]]:
    found = labels._compiled_words(forced=True)  # even when the environment forces Python
    assert found is not None
    return found


@needs_build
@pytest.mark.corpus
def test_the_compiled_words_are_the_pythons_of_every_corpus_text(corpus_dir: Path) -> None:
    # the texts whose words the prose and the tie ask: every row's label and section, every
    # table's title, every claim's subject and sentence (ASCII or not: the HTML's are not)
    words = _words()
    asked = 0
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        tables, paragraphs, _ = pipeline.layout(documents)
        texts = {t.title or "" for t in tables}
        texts |= {text for t in tables for r in t.rows for text in (r.label, r.section or "")}
        texts |= {text for c in claims_of(paragraphs, tables) for text in (c.subject, c.sentence)}
        for text in texts:
            assert words(text) == labels._words_python(text), text
        asked += len(texts)
    assert asked > 8000  # distinct texts of each release


_PIECES = [
    "Net", "income", "the", "of", "S", "s", "'s", "'S", "'", "-", "&", "$", "1,234.5", "3D",
    "a1b", "Company's", "dogs'", "R&D", "SG&A", " ", "  ", ",", "(", ")", "%", "x-", "--",
    "\u0130", "\u212a", "é", "Total", "and", "AND", "per", "share", "\t", "\n", "_", "a",
]  # fmt: skip


@needs_build
@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14), st.booleans())
def test_the_compiled_words_are_the_pythons_of_generated_texts(
    pieces: list[str], spaced: bool
) -> None:
    text = (" " if spaced else "").join(pieces)
    assert _words()(text) == labels._words_python(text)


@needs_build
def test_the_compiled_words_read_a_long_text_and_refuse_others() -> None:
    text = "Net income & Company's R&D-' " * 40  # past the C's buffer on the stack
    assert _words()(text) == labels._words_python(text) == {"income", "company", "r", "d"}
    with pytest.raises(TypeError):
        _words()(b"net income")  # type: ignore[arg-type]
