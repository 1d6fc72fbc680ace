"""A comparison word opens a frame when a figure follows it with only small words between.

``frames._markers`` tests a comparison word against the first figure after it only: the
words before any later figure hold the words before that one (a figure's first character
extends no word of ``_BEFORE_COMPARED``), so a later figure follows it only if the first
does. Here the layouts are the same as with every later figure tried, on every sentence of
the corpus and on generated ones; and with every clause searched for comparison words,
those of a sentence that holds none of their words too (``frames._MARKER_WORDS``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from golden import manifest
from tieout import pipeline
from tieout.prose import frames
from tieout.prose.frames import (
    _ARTICLE,
    _BEFORE_COMPARED,
    _MARKER,
    _PERCENT_BEFORE,
    _STOP,
    masked,
    tokens,
)
from tieout.prose.numbers import Figure, figures
from tieout.prose.periods import PeriodPhrase, period_phrases
from tieout.prose.sentences import sentences
from tieout.sources import load


def _every_figure(
    text: str,
    clause: tuple[int, int],
    figs: Sequence[Figure],
    phrases: Sequence[PeriodPhrase],
    covered: Sequence[tuple[int, int]],
    compares: bool = True,
) -> tuple[list[int], list[PeriodPhrase]]:
    """``_markers`` with each figure after a comparison word tried in turn, every clause
    searched (``compares``, the sentence's comparison words sieved, is not read: the
    sieve changes no layout)."""
    opens: list[int] = []
    bases: list[PeriodPhrase] = []
    a, b = clause
    for m in _MARKER.finditer(text, a, b):
        if any(s <= m.start() < e for s, e in covered):
            continue
        word = m.group(0).lower()
        if word == "over" and not _PERCENT_BEFORE.search(text[a : m.start()]):
            continue
        head = _ARTICLE.match(text[m.end() : b])
        at = m.end() + (head.end() if head else 0)
        phrase = next((p for p in phrases if p.start == at), None)
        if phrase is not None:
            bases.append(phrase)
            continue
        figure_next = any(
            f.start >= m.end()
            and set(tokens(masked(text, m.end(), f.start, covered))) <= _BEFORE_COMPARED
            and not _STOP.search(text[m.end() : f.start])
            for f in figs
        )
        later = any(m.end() <= f.start < b for f in figs)
        if figure_next or (later and word not in ("from", "over", "against")):
            opens.append(m.start())
    return opens, bases


def _same_layout(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    figs = figures(text)
    phrases = period_phrases(text)
    covered = [(p.start, p.end) for p in phrases]
    fast = frames.layout(text, figs, phrases, covered)
    with monkeypatch.context() as patched:
        patched.setattr(frames, "_markers", _every_figure)
        slow = frames.layout(text, figs, phrases, covered)
    assert fast == slow, text


@pytest.mark.corpus
def test_corpus_layouts_are_the_same_with_every_figure_tried(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        _, paragraphs, _ = pipeline.layout(documents)
        for para in paragraphs:
            for s, e in sentences(para.text):
                _same_layout(para.text[s:e], monkeypatch)


_TOKENS = [
    "compared to", "compared with", "versus", "vs.", "from", "over", "against", "higher than",
    "lower than", "$5 million", "$(3.2) million", "US$4", "12%", "-4.1%", "3 cents", "the",
    "a", "negative", "approximately", "net income", "income from operations", "of", "loss",
    "the prior year", "the third quarter of 2020", "2021", "x'", "a'-", "in", ";", ":", ",",
    "(", ")", "record", "level", "up", "and",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_TOKENS), max_size=16), st.sampled_from([" ", "", "  "]))
def test_generated_layouts_are_the_same_with_every_figure_tried(words: list[str], gap: str) -> None:
    with pytest.MonkeyPatch.context() as monkeypatch:
        _same_layout(gap.join(words), monkeypatch)


def _tokens_spec(text: str) -> list[str]:
    """``tokens`` as first written: ``_TOKEN``'s matches of the text, each lowercased."""
    return [t.lower() for t in frames._TOKEN.findall(text)]


# every kind of character a token holds or stops at, and every whitespace ``split`` takes
_TOKEN_CHARS = "aZq'-,.%$09(;:_\u00e9\u0130\u212a \t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u2003"


@pytest.mark.corpus
def test_tokens_are_the_pattern_s_on_the_corpus(corpus_dir: Path) -> None:
    """``tokens`` (pieces between whitespace, a piece of letters or digits alone taken
    whole) finds what ``_TOKEN.findall`` finds, on every sentence of the corpus and on
    every stretch of it before each figure."""
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        _, paragraphs, _ = pipeline.layout(documents)
        for para in paragraphs:
            for s, e in sentences(para.text):
                text = para.text[s:e]
                assert tokens(text) == _tokens_spec(text), text
                for f in figures(text):
                    assert tokens(text[: f.start]) == _tokens_spec(text[: f.start]), text


@settings(max_examples=3000, deadline=None)
@given(st.text(alphabet=_TOKEN_CHARS, max_size=40))
def test_tokens_are_the_pattern_s_on_generated_texts(text: str) -> None:
    assert tokens(text) == _tokens_spec(text)
    ascii_only = text.encode("ascii", "ignore").decode()
    assert tokens(ascii_only) == _tokens_spec(ascii_only)


@settings(max_examples=1000, deadline=None)
@given(
    st.text(alphabet="ab ,", max_size=30),
    st.integers(0, 30),
    st.integers(0, 30),
    st.lists(st.tuples(st.integers(-5, 35), st.integers(-5, 35)), max_size=5),
)
def test_masked_blanks_the_spans_inside(
    text: str, start: int, end: int, spans: list[tuple[int, int]]
) -> None:
    """``masked`` is the stretch with each character of a span blanked, character by
    character."""
    start, end = min(start, len(text)), min(end, len(text))
    chars = list(text[start:end])
    for a, b in spans:
        for k in range(max(a, start), min(b, end)):
            chars[k - start] = " "
    assert masked(text, start, end, spans) == "".join(chars)
