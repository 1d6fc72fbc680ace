"""The wording's patterns matched at a place of the sentence, as they matched its slice.

``wording.attach`` and ``wording.kind`` match ``_NAMED_AFTER``, ``_OF_THE`` and
``_AFTER_DIRECTION`` from and to places of the sentence (``pos`` and ``endpos``) where they
matched the slice between them: the same answers, since none of the patterns holds an
anchor or a lookbehind, and ``_AFTER_DIRECTION``'s ``\\b`` follows a letter it matched.
``_AFTER_DIRECTION`` was written with a ``^`` for its slice. Here each is held to the
slice's match on every sentence of the corpus, at every figure, and on generated texts.
``_direction_after`` does not try ``_AFTER_DIRECTION`` where the first character after
whitespace is ASCII and can open no match: the same matches. ``_CHANGE_IN`` is searched in
a window's last three words (``_last_words``): the same match as in the whole window.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from golden import manifest
from tieout import pipeline
from tieout.prose import wording
from tieout.prose.numbers import figures
from tieout.prose.sentences import sentences
from tieout.sources import load

# _AFTER_DIRECTION as first written, for the slice after a figure
_AFTER_DIRECTION_SLICED = re.compile(f"^{wording._AFTER_DIRECTION.pattern}", re.I)


def _same_at(text: str, start: int, end: int) -> None:
    window = end + wording._WINDOW
    found = wording._AFTER_DIRECTION.match(text, end, window)
    sliced = _AFTER_DIRECTION_SLICED.match(text[end:window])
    assert (found is None) == (sliced is None), text
    if found is not None and sliced is not None:
        assert found.group("w") == sliced.group("w")
        assert found.span() == (sliced.start() + end, sliced.end() + end)
    sieved = wording._direction_after(text, end)  # not matched where it cannot begin
    assert (sieved is None) == (found is None), text
    assert sieved is None or found is None or sieved.span() == found.span()
    for pattern in (wording._NAMED_AFTER, wording._OF_THE):
        at = pattern.fullmatch(text, start, end)
        cut = pattern.fullmatch(text[start:end])
        assert (at is None) == (cut is None), (pattern.pattern, text)


@pytest.mark.corpus
def test_the_patterns_match_at_a_place_as_on_the_slice(corpus_dir: Path) -> None:
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        _, paragraphs, _ = pipeline.layout(documents)
        for para in paragraphs:
            for s, e in sentences(para.text):
                text = para.text[s:e]
                ends = [0, *(f.end for f in figures(text)), len(text)]
                for a in ends:
                    for b in ends:
                        if a <= b:
                            _same_at(text, a, b)


_PIECES = [
    " ", "  ", "\n", "\u00a0", ")", "(", "(5.0 percent)", "(" + "x" * 41 + ")", "increase",
    "Increases", "HIGHER", "higher-than", "lower", "growth", "gains", "gain", "rise", "of",
    "Of", "in", "the", "The", "its", "net income", "İncrease", "ıncrease", "\u212a", "x",
    "5%", "_", "\u2003", "Drop", "REDUCTION", ".",
]  # fmt: skip


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=10), st.data())
def test_the_patterns_match_at_a_place_as_on_generated_slices(
    pieces: list[str], data: st.DataObject
) -> None:
    text = "".join(pieces)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    _same_at(text, start, end)


def _same_change_in(window: str) -> None:
    """``_CHANGE_IN`` finds in the window's last words what it finds in the window."""
    whole = wording._CHANGE_IN.search(window)
    tail = wording._last_words(window)
    found = wording._CHANGE_IN.search(tail)
    assert window.endswith(tail)
    assert (whole is None) == (found is None), window
    if whole is not None and found is not None:
        assert whole.group("w", "a") == found.group("w", "a")
        assert whole.start() == found.start() + len(window) - len(tail)


@pytest.mark.corpus
def test_a_change_before_its_metric_is_found_in_the_last_words(corpus_dir: Path) -> None:
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        _, paragraphs, _ = pipeline.layout(documents)
        for para in paragraphs:
            for s, e in sentences(para.text):
                text = para.text[s:e]
                if not figures(text):
                    continue  # no figure: no wording read
                for k in range(1, len(text)):  # every place a metric may start
                    if text[k - 1].isspace() and not text[k].isspace():
                        _same_change_in(text[max(0, k - wording._WINDOW) : k])


_CHANGE_PIECES = [
    " ", "  ", "\n", "\t", "\u00a0", "\u2003", "increase", "Increases", "decline",
    "reductions", "higher", "LOWER", "ahigher", "-higher", "in", "of", "the", "its", "our",
    "x", "net income", "İn", "_of", ",", "ſ", "1",
]  # fmt: skip


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(_CHANGE_PIECES), max_size=14))
def test_a_change_before_its_metric_is_found_in_the_last_words_generated(
    pieces: list[str],
) -> None:
    _same_change_in("".join(pieces))


def _no_stretch_qualified(text: str) -> None:
    """Where a sentence is not ``qualifier_worded``, no stretch before a place of it holds a
    qualifier's words (``attach`` then asks none of them)."""
    if wording.qualifier_worded(text):
        return
    assert text.isascii()
    for end in range(len(text) + 1):
        assert not wording._QUALIFIER_WORDS(text[max(0, end - 30) : end]), (text, end)


@pytest.mark.corpus
def test_a_sentence_without_qualifier_words_has_no_figure_qualified(corpus_dir: Path) -> None:
    unqualified = 0
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        _, paragraphs, _ = pipeline.layout(documents)
        for para in paragraphs:
            for s, e in sentences(para.text):
                text = para.text[s:e]
                if figures(text):
                    _no_stretch_qualified(text)
                    unqualified += not wording.qualifier_worded(text)
    assert unqualified >= 500


_QUALIFYING = st.sampled_from(
    ["about", "ABOUT", "Approximately", "more than", "MORE  THAN", "over", "Under", "some",
     "at least", "in excess of", "close to", "just over", "nearly", "almost", "roughly",
     "around", "sales", "rose", "$5", " ", ",", "\u212aelvin", "\u0130n", "ov", "er"]
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(_QUALIFYING, max_size=12), st.sampled_from(["", " "]))
def test_a_generated_sentence_without_qualifier_words_has_no_stretch_qualified(
    pieces: list[str], joint: str
) -> None:
    _no_stretch_qualified(joint.join(pieces))
