"""The patterns searched by their ASCII twins (``vocabulary.ascii_twins``) find what the
patterns find: the same spans and groups, with the same ``pos`` and ``endpos``, on every
corpus paragraph and sentence and on generated text, ASCII or not (a text with a character
beyond ASCII is searched with the pattern itself)."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from golden import manifest
from tieout import pipeline
from tieout.prose import claims as claims_module
from tieout.prose import frames, numbers
from tieout.prose.sentences import sentences
from tieout.sources import load
from tieout.vocabulary import basis
from tieout.vocabulary.ascii_twins import AsciiTwin, ascii_twin, plain
from tieout.vocabulary.leads import WordLed

# every search word start by word start (``leads.WordLed``) that a plain text searches by
# its twins, and the one pattern searched by its twin
WORD_LED = {
    "_FORWARD": claims_module._FORWARD,
    "_MARKER_SEARCH": frames._MARKER_SEARCH,
    "_BASIS_SEARCH": basis._BASIS_SEARCH,
    "_NON_GAAP_SEARCH": basis._NON_GAAP_SEARCH,
}
TWINS = {"_DIGIT": numbers._DIGIT}


def _fuzz(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    words = ["first", "Quarter", " ", "  ", ", ", "2020", "\u0663", "Q4", "$", "1.2", "(", ")",
             "%", "net", "income", "non-GAAP", "Non-GAAP", "nongaap", "adjusted", "as adjusted",
             "adjusted for the stock split", "excluding", "exclusive", "before special",
             "without the impact", "GAAP", "as reported", "pro forma", "İ", "ı", "ſ", "\u212a",
             "\u00a0", "\u2003", "é", "_", "compared to", "COMPARED WITH", "versus", "vs.",
             "vs", "against", "from", "over", "higher than", "lower  than", "higherthan",
             "expects", "expected to", "guidance", "will be", "between $", "range of",
             "plans to", "x", "-", ";", "\n", "\t", "\x1c", "\x1f"]  # fmt: skip
    return ["".join(rng.choice(words) for _ in range(rng.randint(0, 30))) for _ in range(n)]


def _bounds(text: str) -> list[tuple[int, int]]:
    n = len(text)
    return [(0, n), (0, n + 5), (1, n), (0, max(0, n - 3)), (n // 3, 2 * n // 3), (n // 2, n)]


def _spans(found: object) -> list[tuple[tuple[int, int], tuple[object, ...]]]:
    return [(m.span(), m.groups()) for m in found]  # type: ignore[attr-defined]


def _same(text: str) -> None:
    for name, twin in WORD_LED.items():
        pattern = twin.pattern
        for pos, endpos in _bounds(text):
            got = _spans(twin.finditer(text, pos, endpos))
            assert got == _spans(pattern.finditer(text, pos, endpos)), (name, text, pos, endpos)
            first, also = twin.search(text, pos, endpos), pattern.search(text, pos, endpos)
            assert (first and first.span()) == (also and also.span()), (name, text)
    for name, single in TWINS.items():
        for pos, endpos in _bounds(text):
            first, also = single.search(text, pos, endpos), single.pattern.search(text, pos, endpos)
            assert (first and first.span()) == (also and also.span()), (name, text)


def test_twins_find_what_their_patterns_find() -> None:
    assert all(twin._after is not None for twin in WORD_LED.values())  # word start by word start
    texts = [*_fuzz(23, 600), "", " ", "Non-GAAP", "nonGAAP", "non- gaap", "as  adjusted",
             "adjusted for a two-for-one stock split", "higher than", "higher\u2003than",
             "vs.  ", "\u212a", "ſ", "expects\u00a0guidance", "higher\x1cthan",
             "compared\x1fto", "non-GAAP\x1dadjusted"]  # fmt: skip
    for text in texts:
        _same(text)


def test_a_twin_is_its_pattern_under_ascii_and_stands_aside_for_other_text() -> None:
    pattern = re.compile(r"\bnet\b", re.I)
    twin = ascii_twin(pattern)
    assert twin.flags & re.ASCII and not twin.flags & re.UNICODE and twin.flags & re.I
    # Unicode's word characters: "é" is one, under ASCII it is none
    assert pattern.search("énet") is None and twin.search("énet") is not None
    assert AsciiTwin(pattern).search("énet") is None  # not ASCII: the pattern itself
    assert WordLed(pattern).search("énet") is None
    assert WordLed(pattern).search("é net").span() == (2, 5)  # type: ignore[union-attr]
    assert WordLed(re.compile(r"(?x) \b net  # a comment"))._after is None  # verbose
    assert _spans(WordLed(re.compile(r"net")).finditer("a net, net")) == [
        ((2, 5), ()),
        ((7, 10), ()),
    ]


@pytest.mark.corpus
def test_twins_find_the_same_in_every_corpus_paragraph_and_sentence(corpus_dir: Path) -> None:
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        _, paragraphs, _ = pipeline.layout(documents)
        for para in paragraphs:
            _same(para.text)
            for start, end in sentences(para.text):
                _same(para.text[start:end])


def test_a_separator_unicode_reads_as_a_space_keeps_the_pattern_itself() -> None:
    # U+001C-U+001F are spaces to Unicode's \s, not to ASCII's: such a text is not plain
    pattern = re.compile(r"\bhigher\s+than\b", re.I)
    assert ascii_twin(pattern).search("higher\x1cthan") is None
    for text in ("higher\x1cthan", "higher\x1fthan"):
        assert not plain(text)
        assert WordLed(pattern).search(text).span() == (0, 11)  # type: ignore[union-attr]
        assert AsciiTwin(pattern).search(text).span() == (0, 11)  # type: ignore[union-attr]
    assert plain("higher than") and not plain("higher\u2003than")
