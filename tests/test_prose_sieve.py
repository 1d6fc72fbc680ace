"""The prose stage's shortcuts find what the full searches find.

A pattern is run only on sentences holding the words it needs (``vocabulary.sieve``), and the
label and segment phrases are built only for those whose words the release's prose
spells (``TableTerms.within``), and a sentence without figures looks for no metrics
unless it compares with a period (``claims._unnamed_layout``), and the sentences of a
paragraph after the last that prints a figure are not read (``claims._last_printing``).
Each shortcut may only skip work that finds nothing: the words are read from the patterns and must be held by every match, whatever the case and
the letters case-blind matching takes for ASCII ones; and over the corpus the claims are
the same with every shortcut switched off.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from re import _casefix  # type: ignore[attr-defined]

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from golden import manifest
from tieout import pipeline
from tieout.model import Paragraph, Table
from tieout.prose import claims as claims_module
from tieout.prose import (
    frames,
    index,
    labels,
    numbers,
    periods,
    segments,
    sentences,
    subjects,
    wording,
)
from tieout.prose.claims import claims_of
from tieout.prose.subjects import TableTerms
from tieout.prose.wording import FORWARD
from tieout.sources import load
from tieout.vocabulary import basis, measures
from tieout.vocabulary.concepts import PROSE_PHRASES
from tieout.vocabulary.folding import folded
from tieout.vocabulary.measures import QUALIFYING_WORDS
from tieout.vocabulary.per_share import BARE_PER_SHARE
from tieout.vocabulary.sieve import Sieve, _caseless, _least, needs
from tieout.vocabulary.units import physical_quantity

FIGURES = [p for _, p in numbers._SIEVE._given]
PATTERNS = (
    [p for _, p in periods._PATTERNS]
    + [p for _, _, p in PROSE_PHRASES]
    + FIGURES
    + list(QUALIFYING_WORDS)
    + [measures._ANY_BASIS, basis._NON_GAAP, basis._BASIS_WORDING, frames._BOUNDARY, periods._DATES]
    + [wording._QUALIFIER, basis._CONSTANT_CURRENCY]
)


def test_needs_reads_the_words_every_match_holds() -> None:
    # the rarest clause first: every net loss says "loss" and "net"
    assert needs(re.compile(r"\bnet\s+loss(?:es)?\b", re.I)) == (
        frozenset({"loss"}),
        frozenset({"net"}),
    )
    # an optional part needs nothing; a small class is spelled out with the literals
    assert needs(re.compile(r"(?:adjusted\s+)?ebitda", re.I)) == (frozenset({"ebitda"}),)
    assert needs(re.compile(r"\bQ(?P<ord>[1-4])\b", re.I)) == (frozenset({"q1", "q2", "q3", "q4"}),)
    # an alternation needs a word of each branch, or says nothing
    assert needs(re.compile(r"month|weeks?")) == (frozenset({"month", "week"}),)
    assert needs(re.compile(r"month|\d+")) == ()
    # classes and categories say nothing: such a pattern always runs
    assert needs(re.compile(r"[^,;]+\s\d")) == ()
    assert Sieve([("any", re.compile(r"\d+"))])("no digits here") == [("any", re.compile(r"\d+"))]


def test_a_symbol_without_case_is_a_word_of_itself() -> None:
    # "3 cents" or "3¢": a sentence holding neither is not searched for cents
    assert needs(numbers._CENTS) == (frozenset({"cent", "\u00a2"}),)
    # no other character matches such a symbol when case is ignored, and folding keeps it
    others = {chr(c).lower() for c in range(sys.maxunicode + 1) if chr(c).lower() != chr(c)}
    extra = {chr(c) for key, cases in _casefix._EXTRA_CASES.items() for c in (key, *cases)}
    kept = [chr(c) for c in range(sys.maxunicode + 1) if _caseless(chr(c))]
    assert "\u00a2" in kept and "a" not in kept and "\u212a" not in kept
    assert not [c for c in kept if c in others or c in extra or folded(c) != c]


def test_a_clause_is_tested_by_its_words_that_hold_no_other() -> None:
    # "april" holds "apr" and "during" holds "in": a text holding either holds the other
    assert _least(frozenset({"apr", "april", "during", "in", "sept"})) == ("apr", "in", "sept")
    low = "during april"
    for words in ({"apr", "april"}, {"during", "in"}):
        assert any(w in low for w in words) == any(w in low for w in _least(frozenset(words)))


def test_figures_and_qualifying_words_need_their_words() -> None:
    # a money figure needs its dollar sign, a share count "shares", a basis its word
    assert needs(numbers._MONEY) == (frozenset({"$"}),)
    assert needs(numbers._SHARES) == (frozenset({"shares"}),)
    assert {w for p in QUALIFYING_WORDS for w in needs(p)[0]} == {"underlying", "core"}
    # and the words a lookahead needs after the match: "2.03 per share", "core earnings"
    assert needs(BARE_PER_SHARE) == (
        frozenset({"share"}),
        frozenset({"per"}),
        frozenset({"."}),
    )
    assert frozenset({"earnings", "eps", "ffo", "income", "operating", "profit", "results",
                      "revenue", "sales"}) in needs(QUALIFYING_WORDS[1])  # fmt: skip
    # not a negative one: "$5" needs no "%" though the pattern looks for none after it
    assert needs(re.compile(r"\$\d+(?!\s*%)(?=\s*million)")) == (
        frozenset({"million"}),
        frozenset({"$"}),
    )
    assert numbers.figures("up 5% to $3.1 million, or 12 cents; 2.1 million shares") != []


def test_folding_takes_the_letters_case_blind_matching_takes() -> None:
    # U+0130 and U+0131 match "i", U+017F "s" and the Kelvin sign "k" under re.IGNORECASE
    text = "Net \u0130ncome, \u017fales and \u212aWh of the d\u0131vision"
    assert re.search("income", text, re.I) and "income" in folded(text)
    assert re.search("sales", text, re.I) and "sales" in folded(text)
    assert re.search("kwh", text, re.I) and "kwh" in folded(text)
    assert re.search("division", text, re.I) and "division" in folded(text)


_TOKENS = [
    "Underlying", "core", "CORE", "1.5", "12", "cents", "\u00a2", "percent", "million", "mm",
    "net", "NET", "Loss", "losses", "income", "\u0130ncome", "\u017fales", "Sales", "revenues",
    "EBITDA", "earnings", "per", "diluted", "share", "operating", "from", "operations",
    "first", "Second", "quarter", "Q3", "q4", "2004", "1999", "six", "months", "weeks",
    "ended", "March", "31,", "sept.", "as", "of", "at", "year", "ago", "prior", "fiscal",
    "half", "to", "date", "the", "this", "sequentially", "cost", "goods", "sold", "gross",
    "margin", "\u212a", "\u0131", "$", "5%", "in", "compared", "with",
    "adjusted", "As", "non-GAAP", "GAAP", "excluding", "free", "flow", "pro", "forma",
    "constant", "currency", "FTE", "basis", "managed", "organic", "split", "stock", "risk",
    "tangible", "pre-provision", "special", "items", "reported", "while", "But", ";",
    "although", "whereas", "Jan.", "December", "one-time", "without", "impact",
    "approximately", "ABOUT", "nearly", "more", "than", "over", "least", "close", "just",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=14), st.sampled_from([" ", "  ", "-", ""]))
def test_every_match_holds_the_words_its_pattern_needs(words: list[str], gap: str) -> None:
    text = gap.join(words)
    low = folded(text)
    for pattern in PATTERNS:
        if pattern.search(text) is not None:
            for clause in needs(pattern):
                assert any(word in low for word in clause), (pattern.pattern, text, clause)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=14), st.sampled_from([" ", "  ", "-", ""]))
def test_a_clause_without_a_basis_word_names_no_basis(words: list[str], gap: str) -> None:
    # measures._said_last searches for the bases only where the clause holds their words:
    # blanking what is no measure leaves none where there was none
    text = gap.join(words)
    if not measures._BASIS_WORDS(text):
        assert measures._ANY_BASIS.search(measures._NOT_A_MEASURE.sub(" ", text)) is None


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=14))
def test_the_sieve_keeps_every_pattern_that_finds_something(words: list[str]) -> None:
    text = " ".join(words)
    everything = [(p.pattern, m.span()) for p in PATTERNS for m in p.finditer(text)]
    sieve = Sieve([(p.pattern, p) for p in PATTERNS])
    sieved = [(name, m.span()) for name, p in sieve(text) for m in p.finditer(text)]
    assert sieved == everything


def test_an_ascii_paragraph_prints_no_bullet_mark() -> None:
    # sentences looks for bullets inside a paragraph only in one that is not all ASCII
    assert not any(sentences._BULLET_MARK.search(chr(c)) for c in range(128))
    assert sentences.sentences("Sales rose. \u2022 Costs fell.") == [(0, 11), (14, 25)]


def test_within_keeps_phrases_run_together_or_cased_otherwise() -> None:
    phrases = subjects.Phrases(["net income", "cost of goods sold", "sales"])
    prose = "Netincome rose; SALE\u017f fell."
    kept = phrases.within(subjects._Spelled(prose, budget=10**6))
    assert kept is not None
    assert [m.group(0) for m in kept.finditer(prose)] == [
        m.group(0) for m in phrases.finditer(prose)
    ]
    assert [m.group(0) for m in kept.finditer(prose)] == ["Netincome", "SALE\u017f"]
    assert kept._phrases == ("net income", "sales")  # no "goods" in the prose


def test_within_gives_up_past_its_budget() -> None:
    spelled = subjects._Spelled("a prose with many words " * 50, budget=10)
    assert spelled("prose") is True  # a whole run of the text: found without looking
    with pytest.raises(subjects._OutOfBudget):
        spelled("absent")


def _full(terms: TableTerms, prose: object) -> TableTerms:
    return terms


def _none(*args: object) -> None:
    return None


def _every_sentence(text: str, spans: list[tuple[int, int]]) -> tuple[int, None]:
    return len(spans) - 1, None


@pytest.mark.corpus
def test_corpus_claims_are_the_same_without_the_shortcuts(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    read: list[tuple[str, list[Paragraph], list[Table]]] = []
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        tables, paragraphs, _ = pipeline.layout(documents)
        read.append((name, paragraphs, tables))
    fast = [repr(claims_of(paragraphs, tables)) for _, paragraphs, tables in read]

    every = [(name, pattern) for name, pattern in periods._PATTERNS]
    prose = [((c, sign, pattern), pattern) for c, sign, pattern in PROSE_PHRASES]
    monkeypatch.setattr(periods, "_SIEVE", lambda text: every)
    monkeypatch.setattr(periods, "_ORDINAL_WORDS", lambda text: [(True, None)])
    monkeypatch.setattr(subjects, "_PROSE_SIEVE", lambda text: prose)
    monkeypatch.setattr(TableTerms, "within", _full)
    monkeypatch.setattr(claims_module, "_unnamed_layout", _none)
    monkeypatch.setattr(claims_module, "_FORWARD_WORDS", lambda text: [(True, FORWARD)])
    every_sentence = [(what, None) for what, _ in claims_module._SENTENCE_WORDS._given]
    monkeypatch.setattr(claims_module, "_SENTENCE_WORDS", lambda text: every_sentence)
    monkeypatch.setattr(wording, "_QUALIFIER_WORDS", lambda text: [(True, None)])
    figures = list(numbers._SIEVE._given)
    monkeypatch.setattr(numbers, "_SIEVE", lambda text: figures)
    # every table's title and heads searched for a physical quantity
    quantity = (((), (True, physical_quantity.pattern)),)  # no words needed: always searched
    monkeypatch.setattr(physical_quantity, "_patterns", quantity)
    monkeypatch.setattr(subjects, "_quantity", physical_quantity)  # not its remembered answers
    # every clause searched for comparison words and "respectively", every paragraph's
    # opening for a part of the company; the patterns searched word start by word start
    # (``leads.WordLed``) searched as they are
    monkeypatch.setattr(frames, "_MARKER_WORDS", lambda text: [(True, None)])
    monkeypatch.setattr(claims_module, "_PART_OF_WORDS", lambda text: [(True, None)])
    every_paragraph = [(what, None) for what, _ in claims_module._PARAGRAPH_WORDS._given]
    monkeypatch.setattr(claims_module, "_PARAGRAPH_WORDS", lambda text: every_paragraph)
    monkeypatch.setattr(claims_module, "_FORWARD", FORWARD)
    monkeypatch.setattr(frames, "_MARKER_SEARCH", frames._MARKER)
    monkeypatch.setattr(basis, "_BASIS_SEARCH", basis._BASIS_WORDING)
    monkeypatch.setattr(basis, "_NON_GAAP_SEARCH", basis._NON_GAAP)
    monkeypatch.setattr(periods, "_ORDINAL_SEARCH", periods._ORDINAL_MENTION)
    # every sentence read, as if the last of its paragraph printed a figure
    monkeypatch.setattr(claims_module, "_last_printing", _every_sentence)
    slow = [repr(claims_of(paragraphs, tables)) for _, paragraphs, tables in read]
    for (name, _, _), a, b in zip(read, fast, slow, strict=True):
        assert a == b, name


@pytest.mark.corpus
def test_corpus_claims_are_the_same_whatever_the_label_caches_hold(corpus_dir: Path) -> None:
    """A row label's answers and the phrases' patterns are remembered across releases
    (bounded caches keyed by the text): each release's claims are the same read first,
    with the caches empty, and read last, after every other release."""
    read = []
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        tables, paragraphs, _ = pipeline.layout(documents)
        read.append((name, paragraphs, tables))
    caches = [
        subjects._row_label, subjects._named, subjects._segment_name, subjects._quantity,
        subjects._site_said,
        subjects._compiled, subjects._phrase_pattern, subjects._literal_words,
        subjects._literal_runs, subjects._phrase_concept, subjects._phrase_rests,
        subjects._lowering_to, subjects._loss_label, labels.words, labels.row_concept,
        segments._segment_like, segments._label_key, segments._title_said,
        basis.basis_of_head, index._column_segment,
    ]  # fmt: skip
    alone = {}
    for name, paragraphs, tables in read:
        for cache in caches:
            cache.cache_clear()
        alone[name] = repr(claims_of(paragraphs, list(tables)))
    for name, paragraphs, tables in reversed(read):
        assert repr(claims_of(paragraphs, list(tables))) == alone[name], name


_ORDINAL_TOKENS = [
    "first", "Second", "third", "fourth", "1st", "4th", "quarter", "Quarter", "fiscal",
    "Q1", "q3", "Q5", "Q", "2", "-", " ", "\n", ".", "\x00", "the", "x",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_ORDINAL_TOKENS), max_size=8), max_size=5))
def test_the_ordinals_of_joined_sentences_are_each_sentences_in_turn(
    sentences: list[list[str]],
) -> None:
    # release_periods searches its reporting sentences joined by "\0" in one search
    texts = ["".join(words) for words in sentences]
    each = [o for text in texts for o in periods.ordinal_mentions(text)]
    assert periods.ordinal_mentions("\0".join(texts)) == each
    # and release_periods joins only those that hold a word every mention holds
    kept = [text for text in texts if periods._ORDINAL_WORDS(text)]
    assert periods.ordinal_mentions("\0".join(kept)) == each


def test_a_figure_is_searched_for_a_qualifier_only_after_a_qualifiers_word() -> None:
    # attach sieves the words before a figure for the qualifiers' words first
    assert wording._QUALIFIER_WORDS("net revenue of ") == []
    assert wording._QUALIFIER_WORDS("net revenue of more than ") != []
    assert wording._QUALIFIER_WORDS("revenue of ROUGHLY ") != []
    cases = {"revenue of approximately ": True, "sales of just under ": True, "up ": False}
    for before, qualified in cases.items():
        found = wording._QUALIFIER.search(before)
        assert (found is not None) is qualified
        assert found is None or wording._QUALIFIER_WORDS(before)


_TOKEN_TEXT = st.text(alphabet="aboutverndsmeqlyihcxp'-", max_size=16)


@settings(max_examples=500, deadline=None)
@given(st.one_of(_TOKEN_TEXT, st.sampled_from(wording._QUALIFIER_ENDS), st.builds(
    "".join, st.lists(st.sampled_from([*wording._QUALIFIER_ENDS, "turn", "more", "a"]),
                      max_size=3))))  # fmt: skip
def test_a_token_ends_with_a_qualifier_where_the_pattern_finds_one(token: str) -> None:
    """``kind`` pops the tokens before a figure that end with a qualifier of one word
    (``_QUALIFIER_ENDS``): the tokens ``_QUALIFIER`` finds something in, with a space."""
    token = token.lower()
    found = wording._QUALIFIER.search(token + " ") is not None
    assert token.endswith(wording._QUALIFIER_ENDS) == found


_SPACING = [" ", "a", "B", "1", ".", "\t", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x1f", "\x85",
            "\xa0", "\u2003", "é", "\x00", "\x7f"]  # fmt: skip


@settings(max_examples=800, deadline=None)
@given(st.text(alphabet=st.sampled_from(_SPACING), max_size=20))
def test_a_sentence_spaced_already_is_itself(text: str) -> None:
    """``claims._spaced`` gives what ``" ".join(text.split())`` gives, and the text itself
    where that is the same."""
    assert claims_module._spaced(text) == " ".join(text.split())


_FOLDING = ["i", "I", "\u0307", "\u0130", "\u0131", "\u017f", "\u212a", "\u03a3", "\u2019", "s", " "]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*_FOLDING, "forward", "expects", "first quarter", "contributed", "of the", "Q3"]
        ),
        max_size=30,
    ),
    st.integers(0, 60),
    st.integers(0, 60),
)
def test_a_sentence_holds_no_search_its_paragraph_lacks(
    pieces: list[str], start: int, end: int
) -> None:
    # ``claims_of`` asks a paragraph not all ASCII once, as an ASCII one: a piece of a
    # text folded holds no word the whole text folded lacks
    text = "".join(pieces)
    piece = text[start:end]
    whole = {what for what, _ in claims_module._PARAGRAPH_WORDS(text)}
    assert {what for what, _ in claims_module._PARAGRAPH_WORDS(piece)} <= whole
    for need, _ in claims_module._PARAGRAPH_WORDS._made():
        for word in (word for clause in need for word in clause):
            assert word not in folded(piece) or word in folded(text), (piece, text)
