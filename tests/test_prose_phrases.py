"""The label and segment phrases are found in one search per sentence.

``subjects.Phrases`` builds one pattern whose branches are its phrases grouped by their
first character, each branch led by a class of the characters that lowercase to it. It
must find what trying each phrase in order finds at each place a word begins whose
character lowercases to the phrase's first: on generated text with the letters
case-blind matching treats apart (the Kelvin sign, the dotted capital I, the long s),
and on every corpus release's prose with its own labels and segment names.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from golden import manifest
from tieout import pipeline
from tieout.prose import subjects
from tieout.prose.subjects import Phrases, TableTerms
from tieout.sources import load
from tieout.vocabulary import leads
from tieout.vocabulary.folding import folded


def _reference(phrases: Sequence[str], text: str) -> list[tuple[int, int]]:
    """Where the phrases are, found the slow way: at each place, each phrase in order
    whose first character (a leading "and" or "&": either) the text's lowercases to."""
    tried: dict[str, list[re.Pattern[str]]] = {}  # by first character
    for phrase in phrases:
        pattern = subjects._phrase_pattern(phrase)
        if not pattern:
            continue
        if pattern.startswith(r"(?:and|&)"):
            firsts = {"a", "&"}
        else:
            firsts = {phrase.replace("&", " & ").strip()[0].lower()}
        for first in firsts:
            tried.setdefault(first, []).append(
                re.compile(r"(?<!\w)(?:" + pattern + r")(?!\w)", re.I)
            )
    found = []
    at = 0
    while at < len(text):
        for compiled in tried.get(text[at].lower(), ()):
            if m := compiled.match(text, at):
                found.append(m.span())
                at = m.end()
                break
        else:
            at += 1
    return found


def _spans(phrases: Sequence[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in Phrases(phrases).finditer(text)]


def test_every_character_lowercasing_to_a_first_character_leads_its_branch() -> None:
    # a character lowercasing and uppercasing to itself is its own key, in its class as built
    cased = [c for c in map(chr, range(sys.maxunicode + 1)) if c.lower() != c or c.upper() != c]
    for char in cased:
        assert re.fullmatch(f"[{subjects._lowering_to(char.lower())}]", char), hex(ord(char))
    assert subjects._lowering_to("k") == "Kk\u212a"  # the Kelvin sign lowercases to k
    assert subjects._lowering_to("i\u0307") == "\u0130"  # "İ" lowercases to two
    assert subjects._lowering_to("\u017f") == "\u017f"  # the long s lowercases to itself


def test_phrases_are_found_as_whole_words_in_order() -> None:
    phrases = ["Net income (loss)", "net income", "Sales & marketing", "and other", "Kg", "İtem"]
    text = "Net Income (Loss) rose; net incomes fell; sales and marketing, & other, \u212ag, İtem"
    assert _spans(phrases, text) == _reference(phrases, text)
    assert [text[a:b] for a, b in _spans(phrases, text)] == [
        "Net Income (Loss)", "sales and marketing", "& other", "\u212ag", "İtem",
    ]  # fmt: skip
    # a ratio's "to" said "as a percentage of"; the long s is not an s's first letter
    ratio = ["allowance for credit losses to total loans", "sales"]
    said = "allowance for credit losses as a percentage of total loans; \u017fales; Sale\u017f"
    assert [said[a:b] for a, b in _spans(ratio, said)] == [
        "allowance for credit losses as a percentage of total loans", "Sale\u017f",
    ]  # fmt: skip


def _as_finditer(phrases: Sequence[str], text: str) -> None:
    """``Phrases.finditer`` (a non-word character and a phrase searched for, then the
    pattern's own match after it) finds what the pattern's ``finditer`` finds: the same
    matches of the same pattern, in order."""
    built = Phrases(phrases)
    found = [(m.re, m.span(), m.group(0)) for m in built.finditer(text)]
    assert built._built is not None
    pattern = built._built.pattern
    assert found == [(m.re, m.span(), m.group(0)) for m in pattern.finditer(text)]


def test_phrases_are_searched_word_start_by_word_start_as_finditer_finds() -> None:
    # a phrase right after one ending in a non-word character, at the text's start and end
    phrases = ["Income (loss)", "income", "(loss)", "& other", "sales", "$"]
    text = "(loss)(loss) (loss)Income (loss)income&& other(loss)(loss) sales,Sales.$"
    _as_finditer(phrases, text)
    assert [text[a:b] for a, b in _spans(phrases, text)] == [
        "(loss)", "(loss)", "Income", "income", "& other", "(loss)", "sales", "Sales", "$",
    ]  # fmt: skip
    assert _spans(phrases, text) == _reference(phrases, text)
    _as_finditer(phrases, "")
    _as_finditer(phrases, "x")


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(["net", "income", "(loss)", "&", "$", "and", "k", "s"]),
            min_size=1,
            max_size=3,
        ),
        min_size=1,
        max_size=5,
    ),
    st.lists(
        st.sampled_from(
            [
                "net",
                "income",
                "(loss)",
                "(",
                ")",
                "&",
                "$",
                " ",
                ",",
                "x",
                "\u212a",
                "s",
                "\u017f",
                "NET",
                "_",
                "1",
            ]
        ),
        max_size=30,
    ),
)
def test_phrases_search_finds_what_the_pattern_finds(
    phrases: list[list[str]], text: list[str]
) -> None:
    _as_finditer([" ".join(words) for words in phrases], "".join(text))


_WORDS = ["net", "income", "sales", "and", "&", "to", "k", "\u212a", "İ", "i", "\u017f", "s"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3), min_size=1, max_size=6),
    st.lists(st.sampled_from([*_WORDS, " ", ",", "(", "x", "1", "NET", "Sales"]), max_size=30),
)
def test_phrases_find_what_each_phrase_tried_in_order_finds(
    phrases: list[list[str]], text: list[str]
) -> None:
    given_phrases = [" ".join(words) for words in phrases]
    joined = "".join(text)
    assert _spans(given_phrases, joined) == _reference(given_phrases, joined)


_LONG_WORDS = ["net", "Net", "income", "INCOMES", "sales", "salary", "inc", "ne", "(loss)"]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.lists(
            st.sampled_from(_LONG_WORDS[:6] + ["(loss)", "and", "to"]), min_size=1, max_size=3
        ),
        min_size=1,
        max_size=6,
    ).filter(lambda phrases: all(words[0] not in ("and", "to") for words in phrases)),
    st.lists(
        st.sampled_from([*_LONG_WORDS, " ", ",", "(", "x", "1", "and", "-", "nets"]), max_size=30
    ),
)
def test_phrases_passed_by_their_openings_find_what_each_phrase_tried_finds(
    phrases: list[list[str]], text: list[str]
) -> None:
    # phrases whose first words have three characters or more: a word start whose three
    # characters, lowered, open none of them is not tried (``subjects._openings``)
    given_phrases = [" ".join(words) for words in phrases]
    openings = subjects._openings(given_phrases)
    assert openings is not None
    joined = "".join(text)
    spans = _spans(given_phrases, joined)
    assert spans == _reference(given_phrases, joined)
    assert all(joined[a : a + 3].lower() in openings for a, _ in spans)


def test_phrases_opening_otherwise_have_no_openings() -> None:
    assert subjects._openings(["Net income", "Sales"]) == frozenset({"net", "sal"})
    for odd in (["Net income", "to total loans"], ["and other"], ["& Co"], ["Q4 sales"], [""]):
        assert subjects._openings(odd) is None, odd
    assert subjects._openings(["\u212aelvin sales"]) is None  # not ASCII: no opening said


@pytest.mark.corpus
def test_corpus_phrases_are_found_where_each_phrase_tried_in_order_finds_them(
    corpus_dir: Path,
) -> None:
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        tables, paragraphs, _ = pipeline.layout(documents)
        texts = [p.text for p in paragraphs]
        terms = TableTerms(tables).within(texts)  # the phrases the prose is searched for
        for phrases in (terms._labels, terms._segment_phrases):
            if phrases is None:
                continue
            for text in texts:
                assert [m.span() for m in phrases.finditer(text)] == _reference(
                    phrases._phrases, text
                ), name


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from("aZ9 _-,.\n\t&éİı\u017f\u212aß\u0307x0")))
def test_the_runs_a_prose_spells_are_its_ascii_letters_and_digits(text: str) -> None:
    # what _Spelled splits out in one pass: each run of ASCII letters and digits, folded
    spelled = subjects._Spelled(text, budget=10**6)
    assert spelled._runs == frozenset(re.findall(r"[a-z0-9]+", folded(text)))


def _read_pairs(phrases: Sequence[str], monkeypatch: pytest.MonkeyPatch) -> tuple[bytes, bytes]:
    """The pairs the phrases tell (``_phrase_pairs``) and those ``leads.pair_table`` reads
    from their pattern, however long (it gives every pair past ``_LARGEST`` characters)."""
    built = Phrases(phrases)
    pattern = built._build().pattern
    monkeypatch.setattr(leads, "_LARGEST", sys.maxsize)
    return subjects._phrase_pairs(phrases), leads.pair_table(pattern)


_PAIR_WORDS = [
    "net", "Income", "(loss)", "and", "AND", "&", "to", "To", "$", "k", "\u212a", "İ", "ı",
    "\u017f", "s", "é", "1", "x,", "Ω", "ß",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(_PAIR_WORDS), min_size=1, max_size=3), min_size=1, max_size=6)
)
def test_the_pairs_the_phrases_tell_are_those_read_from_their_pattern(
    phrases: list[list[str]],
) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        told, read = _read_pairs([" ".join(words) for words in phrases], monkeypatch)
    assert told == read


@pytest.mark.corpus
def test_corpus_pairs_the_phrases_tell_are_those_read_from_their_pattern(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # every release's labels and segment names, all of them and those its prose may name
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        tables, paragraphs, _ = pipeline.layout(documents)
        whole = TableTerms(tables)
        within = whole.within([p.text for p in paragraphs])
        for terms in (whole, within):
            for phrases in (terms._labels, terms._segment_phrases):
                if phrases is not None:
                    told, read = _read_pairs(phrases._phrases, monkeypatch)
                    assert told == read, name


def _literal_runs_spec(phrase: str) -> tuple[str, ...]:
    """``subjects._literal_runs`` as it was written before its ASCII path: the runs of
    each literal word (``_literal_words``) all ASCII, lowered."""
    return tuple(
        run
        for w in subjects._literal_words(phrase)
        if w.isascii()
        for run in subjects._ALNUM.findall(w.lower())
    )


_PHRASE_TEXT = st.text(
    alphabet=st.sampled_from(list("aAnNdDtToO &-,.()/9x\u212a\u0130\u00e9 \t")), max_size=24
)


@settings(max_examples=500, deadline=None)
@given(_PHRASE_TEXT)
def test_literal_runs_are_those_of_the_literal_words(phrase: str) -> None:
    """The ASCII path of ``_literal_runs`` (the phrase lowered and split once) gives the
    runs of its literal words ("and", "&" and a later "to" left out), as each word's."""
    assert subjects._literal_runs.__wrapped__(phrase) == _literal_runs_spec(phrase)


@pytest.mark.corpus
def test_literal_runs_of_the_corpus_labels(corpus_dir: Path) -> None:
    """Every label and segment name of the corpus's tables: the same runs either way."""
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        tables, _, _ = pipeline.layout(documents)
        terms = TableTerms(tables)
        for phrase in [*(s.key for s in terms.sites), *terms.segments]:
            assert subjects._literal_runs.__wrapped__(phrase) == _literal_runs_spec(phrase)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=12))
def test_a_word_escaped_is_as_re_escapes_it(word: str) -> None:
    """``_escaped`` leaves a word of letters and digits as it is, as ``re.escape`` does."""
    assert subjects._escaped(word) == re.escape(word)
