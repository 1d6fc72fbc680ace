"""A table's phrases (row labels, segment names: ``subjects.Phrases``) searched word start
by word start by ``vocabulary.leads.WordLed`` (``WordLed.built``, its patterns made where
the phrases are compiled) find what the phrases' own pattern finds: the same Match
objects' patterns, spans and texts, on every sentence of every corpus release (as the
claims read it, and with its abbreviations blanked as ``TableTerms.mentions`` searches
it), on the same with a character not ASCII or a separator U+001C-U+001F in it (the
search led by ``\\W``, made when first needed), and on odd texts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from golden import manifest
from tieout import pipeline
from tieout.prose import subjects
from tieout.prose.sentences import sentences
from tieout.prose.subjects import Phrases, TableTerms
from tieout.sources import load
from tieout.vocabulary import leads
from tieout.vocabulary.leads import WordLed


def _same(phrases: Phrases, text: str) -> None:
    """``found`` and ``finditer`` give what the phrases' pattern's ``finditer`` gives."""
    found = phrases.found(text)
    built = phrases._built
    assert built is not None
    expected = [(m.re, m.span(), m.group(0)) for m in built.pattern.finditer(text)]
    assert [(m.re, m.span(), m.group(0)) for m in found] == expected, text
    assert [(m.re, m.span(), m.group(0)) for m in phrases.finditer(text)] == expected, text


def _variants(text: str) -> list[str]:
    """The text, its abbreviations blanked, and it with characters that make it not plain
    (not ASCII; a separator) before, inside and after it."""
    half = len(text) // 2
    return [
        text,
        subjects._ACRONYM.sub(subjects._blanked, text),
        "\u00e9" + text,
        text[:half] + "\x1c" + text[half:],
        text + "\u2003",
        text[:half] + "\u212a" + text[half:],
    ]


@pytest.mark.corpus
def test_phrases_find_what_their_pattern_finds_in_every_corpus_sentence(
    corpus_dir: Path,
) -> None:
    searched = 0
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        tables, paragraphs, _ = pipeline.layout(documents)
        texts = [p.text for p in paragraphs]
        full = TableTerms(tables)
        terms = full.within(texts)  # as claims_of searches the prose
        cut = [t[s:e] for t in texts for s, e in sentences(t)]
        for phrases in (terms._labels, terms._segment_phrases, full._labels):
            if phrases is None:
                continue
            for text in cut:
                for variant in _variants(text):
                    _same(phrases, variant)
                    searched += 1
    assert searched > 10_000


def test_phrases_find_what_their_pattern_finds_in_odd_texts() -> None:
    phrases = Phrases(["net income", "Net sales", "income", "R&D", "and other", "ſales"])
    texts = [
        "", " ", "x", "net income", "Net Income.", "(net income)", "net incomenet income",
        "net\x1cincome", "net\x1dincome net income", "\x1fnet income", "éincome income",
        "\u212a net sales", "net  sales and other", "R & D and R and D", "ſales sales",
        "income\u2003income", "net income" * 50, "İncome income",
    ]  # fmt: skip
    for text in texts:
        _same(phrases, text)
    # the search led by \W is made when a text first needs it, and kept; a text not plain
    # needs it only where the word starts are not compiled (they read any text)
    fresh = Phrases(["alpha beta", "gamma"])
    _same(fresh, "alpha beta gamma")
    assert fresh._built is not None and fresh._built.searched._after is None
    _same(fresh, "é alpha beta gamma")
    assert (fresh._built.searched._after is None) == leads.COMPILED


def test_a_built_word_led_search_is_its_patterns() -> None:
    pattern = re.compile(r"(?<!\w)(?=[nN])(?:[nN](?i:et))(?!\w)")
    after_plain = re.compile(r"(?-i:[^0-9A-Za-z_])(?=[nN])(?:[nN](?i:et))(?!\w)")
    searched = WordLed.built(
        pattern, after_plain, lambda: re.compile(r"\W(?=[nN])(?:[nN](?i:et))(?!\w)")
    )
    for text in ["net", "a net, net", "anet net", "é net net", "net\x1cnet", "NET.Net"]:
        for pos, endpos in [(0, len(text)), (1, len(text)), (0, len(text) - 1)]:
            got = [m.span() for m in searched.found(text, pos, endpos)]
            assert got == [m.span() for m in pattern.finditer(text, pos, endpos)]
            first = searched.search(text, pos, endpos)
            also = pattern.search(text, pos, endpos)
            assert (first and first.span()) == (also and also.span())
