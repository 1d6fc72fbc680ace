"""The prose's and the vocabulary's patterns searched led (``vocabulary.leads.led``) find
what the patterns find: the same spans and groups, on every corpus paragraph and on
generated text (case-blind letters, dates, years after a comma, figures); a lookbehind at
a pattern's start leads with what follows it; a ``Sieve`` gives its patterns led and a
``Words`` question answers as its pattern does."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from golden import manifest
from tieout import pipeline
from tieout.prose import claims as claims_module
from tieout.prose import frames as frames_module
from tieout.prose import numbers, periods, subjects, wording
from tieout.sources import load
from tieout.vocabulary import ascii_twins, basis, leads, measures, units
from tieout.vocabulary.concepts import PROSE_PHRASES
from tieout.vocabulary.leads import WordLed, begins_words, led
from tieout.vocabulary.measures import QUALIFYING_WORDS
from tieout.vocabulary.words import Words

SIEVED = (
    [p for _, p in periods._PATTERNS]
    + [p for _, _, p in PROSE_PHRASES]
    + [p for _, p in numbers._SIEVE._given]
    + list(QUALIFYING_WORDS)
)
# the patterns led where they are compiled, searched for in every sentence or figure
LED_AT_HOME = {
    "FORWARD": wording.FORWARD,
    "_BOUNDARY": frames_module._BOUNDARY,
    "_SEQUENTIAL": claims_module._SEQUENTIAL,
    "_RESPECTIVELY": claims_module._RESPECTIVELY,
    "_ORDINAL_MENTION": periods._ORDINAL_MENTION,
    "_NON_GAAP": basis._NON_GAAP,
    "_BASIS_WORDING": basis._BASIS_WORDING,
    # the measures' words, asked of every claim's clause (``prose_measure``) and label
    "_ANY_BASIS": measures._ANY_BASIS,
    "_NOT_A_MEASURE": measures._NOT_A_MEASURE,
    "_GAAP_WORD": measures._GAAP_WORD,
    "_GAAP": measures._GAAP,
    "_ANY_ACRONYM": measures._ANY_ACRONYM,
}  # (``measures._FIGURE``, led by its first class: held to its first form in
# test_measures_vocabulary.py)
_LEAD = re.compile(r"\(\?=\[(?:[^\]\\]|\\.)*\]\)\(\?:(?P<pattern>.*)\)", re.S)


def _unled(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The pattern a led one was made of (``led`` wraps it in a group after its lead)."""
    m = _LEAD.fullmatch(pattern.pattern)
    assert m is not None, pattern.pattern
    return re.compile(m.group("pattern"), pattern.flags)


# (led, as written) pairs
PAIRS = [(led(p), p) for p in SIEVED] + [(p, _unled(p)) for p in LED_AT_HOME.values()]
WORDS = [w for module in (units, measures) for w in vars(module).values() if isinstance(w, Words)]


def _fuzz(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    words = ["first", "Quarter", "quarter", " ", "  ", ", ", "2020", "1999", "Q4", "fiscal",
             "year", "ended", "March 31", "$", "1.2", "(", ")", "%", "percent", "net", "income",
             "loss", "non-GAAP", "adjusted", "excluding", "İ", "ı", "ſ", "\u212a", "kWh",
             "sequentially", "prior", "as of", "at", "respectively", "while", ";", "cents",
             "per diluted share", "shares", "expects", "guidance", "-", "x"]  # fmt: skip
    return ["".join(rng.choice(words) for _ in range(rng.randint(0, 40))) for _ in range(n)]


def _found(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[object, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


def test_a_lookbehind_at_the_start_leads_with_what_follows() -> None:
    pattern = re.compile(r"(?<![\d,]\s)\b(?P<y>(?:19|20)\d\d)\s+(?=results\b)", re.I)
    quick = led(pattern)
    assert quick is not pattern and quick.pattern.startswith("(?=[12])")
    texts = ["2020 results", "1, 2020 results", "x2020 results", "5 2020 results 2021 results"]
    for text in texts + _fuzz(3, 300):
        assert _found(quick, text) == _found(pattern, text), text
    # a lookahead at the start still says nothing of the first character
    assert led(re.compile(r"(?=x)y")).pattern == "(?=x)y"


def test_the_led_patterns_find_the_same_on_generated_text() -> None:
    texts = _fuzz(11, 400)
    assert sum(quick is not plain for quick, plain in PAIRS) > 40
    for quick, plain in PAIRS:
        for text in texts:
            assert _found(quick, text) == _found(plain, text), (plain.pattern, text)
    for words in WORDS:
        for text in texts:
            assert words(text) == (words.pattern.search(text) is not None), words


def test_a_sieve_gives_its_patterns_led() -> None:
    text = "Net income for the first quarter of 2021 was $1.2 billion, up 4% sequentially."
    given = dict(periods._SIEVE._given)
    sieved = periods._SIEVE(text)
    assert sieved and all(pattern is not given[name] for name, pattern in sieved)
    for name, pattern in sieved:
        assert _found(pattern, text) == _found(given[name], text)


@pytest.mark.corpus
def test_the_led_patterns_find_the_same_in_every_corpus_paragraph(corpus_dir: Path) -> None:
    texts = []
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        _, paragraphs, _ = pipeline.layout(documents)
        texts.extend(para.text for para in paragraphs)
    assert len(texts) > 1000
    for quick, plain in PAIRS:
        for text in texts:
            assert _found(quick, text) == _found(plain, text), (plain.pattern, text[:80])
    for words in WORDS:
        for text in texts:
            assert words(text) == (words.pattern.search(text) is not None), words


def test_spelled_holds_as_its_words_are_asked() -> None:
    prose = "Net income rose; SALE\u017f fell in Asia-Pacific and EMEA."
    for phrase in ["net income", "sales", "asia-pacific revenue", "emea", "cost of goods", "-"]:
        one = subjects._Spelled(prose, budget=10**6)
        each = subjects._Spelled(prose, budget=10**6)
        assert one.holds(subjects._literal_runs(phrase)) == all(
            map(each, subjects._literal_words(phrase))
        ), phrase


# the patterns searched word start by word start where they are used (``leads.WordLed``)
WORD_LED = {
    "FORWARD": claims_module._FORWARD,
    "_MARKER": frames_module._MARKER_SEARCH,
    "_BASIS_SEARCH": basis._BASIS_SEARCH,
    "_ORDINAL_SEARCH": periods._ORDINAL_SEARCH,
    **{
        f"PROSE_PHRASES[{n}]": searched
        for n, ((_, _, searched), _) in enumerate(subjects._PROSE_SIEVE._given)
    },
}


def _bounds(text: str) -> list[tuple[int, int]]:
    """Places to search between: the whole text, and stretches of it (``finditer``'s
    ``pos`` and ``endpos``, as ``basis_said_last`` searches before each figure)."""
    n = len(text)
    return sorted({(0, n), (0, n // 2), (n // 3, n), (n // 4, 3 * n // 4), (1, n), (0, n - 1)})


def _word_led_found(searched: WordLed, text: str) -> None:
    for pos, endpos in _bounds(text):
        # the same matches (a plain text's are its pattern's ASCII twin's: ``m.re`` aside)
        quick = [(m.span(), m.groups()) for m in searched.finditer(text, pos, endpos)]
        plain = searched.pattern.finditer(text, pos, endpos)
        assert quick == [(m.span(), m.groups()) for m in plain], (text, pos, endpos)
        listed = [(m.span(), m.groups()) for m in searched.found(text, pos, endpos)]
        assert listed == quick, (text, pos, endpos)
        first = searched.search(text, pos, endpos)
        also = searched.pattern.search(text, pos, endpos)
        assert (first and first.span()) == (also and also.span())


def test_word_led_patterns_begin_words_and_search_as_they_do() -> None:
    # every pattern searched so is taken (its matches begin words), and finds the same
    assert all(searched._after is not None for searched in WORD_LED.values())
    texts = [
        *_fuzz(17, 400),
        "expects", "(expects)", "xexpects expects", "non-GAAP", "GAAP,non-GAAP", "Q4Q4 Q4",
        "second-quarter", "net incomenet income", "net income", "", " ", "\u212awh",
        "higher than", "higher  than", "higherthan", "lower\u2003than", "vs. versus", "from",
    ]  # fmt: skip
    for searched in WORD_LED.values():
        for text in texts:
            _word_led_found(searched, text)


def test_a_pattern_that_may_begin_otherwise_is_searched_as_it_is() -> None:
    # a match may begin inside a word, after a lookbehind, with a symbol, or be empty
    for source in [r"income", r"\bfrom\b|(?<=higher)than\b", r"\b\$\d", r"\b(?:x)?", r"(?i)\bß"]:
        pattern = re.compile(source)
        assert begins_words(pattern) is (source == r"(?i)\bß"), source
    assert not begins_words(re.compile(r"(?<=x)than|\bfrom"))  # after a word's character
    assert begins_words(frames_module._MARKER)  # "than" after "higher ": after a space
    assert WordLed(re.compile(r"(?x) \b net  # a comment"))._after is None  # verbose
    assert WordLed(re.compile(r"\bnet", re.A))._after is None  # ASCII words
    for source in [r"income", r"\bfrom\b|(?<=higher\s)than\b", r"\b(?:as\s+)?net\b"]:
        searched = WordLed(re.compile(source, re.I))
        for text in ["netincome income", "higher than from", "as  net; net", *_fuzz(5, 100)]:
            _word_led_found(searched, text)


@pytest.mark.corpus
def test_word_led_patterns_find_the_same_in_every_corpus_paragraph(corpus_dir: Path) -> None:
    texts = []
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        _, paragraphs, _ = pipeline.layout(documents)
        texts.extend(para.text for para in paragraphs)
    for searched in WORD_LED.values():
        for text in texts:
            _word_led_found(searched, text)


def test_plainness_is_read_again_for_another_text() -> None:
    # ``_plain`` keeps its last answer for the same text only: an equal text made anew,
    # and another text, are read again
    texts = ["net income", "net\x1cincome", "n\u00e9t income", "", "net income"]
    for text in texts * 2:
        assert leads._plain(text) is ascii_twins.plain(text)
        assert leads._plain(text) is ascii_twins.plain(text)
    for code in [*range(0x180), 0x2028, 0x3000, 0x212A, 0xFEFF, 0x1F600]:
        for text in (chr(code), f"net {chr(code)} income", f"{chr(code)}net income"):
            assert leads._plain(text) is ascii_twins.plain(text), hex(code)
    made = "".join(["net", "\x1c", "income"])
    assert leads._plain("net income") is True and leads._plain(made) is False
    assert leads._plain(made[:3] + " " + made[4:]) is True


def _opens_every_match(pattern: re.Pattern[str], text: str) -> None:
    """Each match of a pattern in a plain text opens with three characters its
    ``openings`` hold, lowered, or is of two they hold."""
    opening = leads.openings(pattern)
    if opening is None:
        return
    for m in pattern.finditer(text):
        head = text[m.start() : m.start() + 3].lower()
        assert head in opening or head[:2] in opening, (pattern.pattern, text, m)
        if head not in opening:
            assert m.end() - m.start() == 2, (pattern.pattern, text, m)


def test_openings_hold_every_match_of_the_word_led_patterns() -> None:
    texts = [t for t in _fuzz(13, 300) if ascii_twins.plain(t)]
    texts += ["vs", "vs.", "as vs", "Q4", "q4 and Q1", "NON-GAAP", "pro forma", "Versus"]
    for name, searched in WORD_LED.items():
        assert leads.openings(searched.pattern) is not None, name  # each is read
        for text in texts:
            _opens_every_match(searched.pattern, text)


def test_openings_are_read_from_the_pattern() -> None:
    assert leads.openings(re.compile(r"\bnet\s+income", re.I)) == frozenset({"net"})
    assert leads.openings(re.compile(r"(?:Net|gross)\b")) == frozenset({"net", "gro"})
    assert leads.openings(re.compile(r"a[b-c]+d")) == frozenset(
        {"abb", "abc", "acb", "acc", "abd", "acd"}
    )
    two = leads.openings(re.compile(r"\bvs\b", re.I))
    assert two == frozenset({"vs"})
    # a match of one character or none, any character, a negation: not told
    for odd in (r"a", r"a?b", r"\bx", r".ab", r"[^a]bc", r"(?:ab)*"):
        assert leads.openings(re.compile(odd)) is None, odd
    # the Kelvin sign and the long s matched case-blind: the ASCII letters they match
    assert leads.openings(re.compile("\u212aey", re.I)) == frozenset({"key"})


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["net", "Net", "(?:a|bc)", "\\s+", "[xy]", "-?", "\\b", "(?:q|Q)[1-4]"]),
        min_size=1,
        max_size=5,
    ),
    st.text(alphabet=st.sampled_from("netNETabcxyq14 -\t,"), max_size=40),
)
def test_openings_hold_every_match_of_generated_patterns(parts: list[str], text: str) -> None:
    for flags in (0, re.I):
        _opens_every_match(re.compile("".join(parts), flags), text)
