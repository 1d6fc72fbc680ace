"""The compiled word starts (vocabulary/_sieve.c's ``word_starts``) give the Python's, and
the pairs a match may begin with (``leads.pair_table``) hold every match's.

``leads._word_starts_python`` (the places after a character that is no word's whose first
two characters, lowered, are a pair of a table) is the specification; the C function
replaces it whenever the extension was built, and ``WordLed`` then matches its pattern
only at those places in any text (its ASCII twin in a plain one, itself in another).
Both read every paragraph of every corpus release with the table of every pattern
searched word start by word start, between the bounds ``finditer`` is given; and
generated texts: empty, longer than a sentence, non-ASCII (a character no word's by
Unicode, or one whose pairs the tables do not tell), and the letters case-blind matching
takes for ASCII ones (U+0130, U+0131, U+017F, U+212A), whose patterns' tables must hold
the ASCII letter they match.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from golden import manifest
from test_leads import WORD_LED, _bounds, _fuzz
from tieout import pipeline
from tieout.sources import load
from tieout.vocabulary import leads
from tieout.vocabulary.leads import WordLed, openings, pair_table, triple_table

needs_build = pytest.mark.skipif(
    leads._compiled_word_starts(forced=True) is None, reason="the C extension is not built here"
)


def _compiled() -> Callable[..., Any]:
    made = leads._compiled_word_starts(forced=True)  # even when the environment forces Python
    assert made is not None
    return made


def _tables() -> list[tuple[bytes, bytes]]:
    """Each word-led pattern's pairs and triples (``openings``: every triple where not told)."""
    return [
        (pair_table(searched.pattern), triple_table(openings(searched.pattern)))
        for searched in WORD_LED.values()
    ]


_RANDOM_TRIPLES = bytes(random.Random(17).randrange(256) for _ in range(512))


def _agree(text: str, tables: list[tuple[bytes, bytes]]) -> None:
    compiled = _compiled()
    for table, triples in tables:
        for pos, endpos in [*_bounds(text), (-3, 10**9), (5, 2), (0, 0)]:
            expected = leads._word_starts_python(text, pos, endpos, table)
            assert compiled(text, pos, endpos, table) == expected, (text, pos, endpos)
            for each in (triples, _RANDOM_TRIPLES):
                expected = leads._word_starts_python(text, pos, endpos, table, each)
                assert compiled(text, pos, endpos, table, each) == expected, (text, pos, endpos)


def _holds_every_match(pattern: re.Pattern[str], text: str) -> None:
    """Each match of the pattern in a plain text begins at a pair its table holds (its next
    character, or 0 at the end)."""
    table = pair_table(pattern)
    low = text.lower()
    for m in pattern.finditer(text):
        if m.end() == m.start():
            continue
        after = ord(low[m.start() + 1]) if m.start() + 1 < len(text) else 0
        k = ord(low[m.start()]) * 128 + after
        assert table[k >> 3] >> (k & 7) & 1, (pattern.pattern, text, m.span())


@needs_build
def test_word_starts_agree_on_generated_texts() -> None:
    rng = random.Random(7)
    texts = _fuzz(11, 300)
    texts += ["", " ", "a", " a", "_a", "a b", "(net income)", "x" * 5000, " net" * 3000]
    texts += ["n\u00e9t", "\u00e9net", "\u2019net \u201cnet\u201d", "\u0130ncome", "\u212awh",
              "\u00a0net", "\u0660net", "\U0001f600 net", "net\u0307 n\u00e9"]  # fmt: skip
    texts += ["".join(rng.choice(" -(\t\x1cAbZz_09.$\u00e9\u2019\u0130\u212a\u00a0")
                      for _ in range(rng.randint(0, 60)))
              for _ in range(300)]  # fmt: skip
    tables = [*_tables(), (bytes(2048), bytes(512)), (b"\xff" * 2048, b"\xff" * 512)]
    for text in texts:
        _agree(text, tables)


@needs_build
def test_word_starts_refuse_what_they_do_not_read() -> None:
    compiled = _compiled()
    table = b"\xff" * 2048
    for function in (compiled, leads._word_starts_python):
        for text in ("net", "n\u00e9t"):
            with pytest.raises(ValueError):
                function(text, 0, 3, b"\xff" * 10)
            with pytest.raises(ValueError):
                function(text, 0, 3, table, b"\xff" * 511)
    with pytest.raises(TypeError):
        compiled("net", 0, 3, table, bytearray(512))
    with pytest.raises(TypeError):
        compiled("net", 0, 3, table, b"\xff" * 512, None)
    with pytest.raises(TypeError):
        compiled(b"net", 0, 3, table)
    with pytest.raises(TypeError):
        compiled("net", 0, 3, bytearray(table))
    with pytest.raises(TypeError):
        compiled("net", "0", 3, table)
    with pytest.raises(TypeError):
        compiled("net", 0, 3)
    with pytest.raises(OverflowError):
        compiled("net", 0, 10**30, table)


def test_the_table_holds_every_match_of_the_word_led_patterns() -> None:
    texts = [t for t in _fuzz(3, 400) if t.isascii()]
    texts += ["net income", "Q4", "q4 Q1", "vs. 2003", "Non-GAAP", "as adjusted", "X"]
    for searched in WORD_LED.values():
        for text in texts:
            _holds_every_match(searched.pattern, text)


def test_the_table_reads_case_classes_repeats_and_the_odd_letters() -> None:
    # a literal beyond ASCII that case-blind matching takes for an ASCII letter
    for source, text in [("\u212awh", "kwh"), ("\u017fales", "sales"), ("\u0130ncome", "income"),
                         ("\u0131ncome", "INCOME"), ("[\u0130-\u0131]n", "in"),
                         ("[\u0100-\u2200]x", "kx"), (r"\bnet\b", "NET"), (r"a?b", "b"),
                         (r"(?:ab)*c", "ababc"), (r"x{0,3}y", "xxy"), (r"\d\s", "4 "),
                         (r"\w\W", "_!"), (r"[^a]b", "zb"), (r"(?=n)net", "net"),
                         (r"(a)\1", "aa"), (r"q", "q"), (r".", "~"), (r"(?-i:N)et", "Net"),
                         (r"(?>ab)c", "abc"), (r"(?:a|)z", "z")]:  # fmt: skip
        pattern = re.compile(source, re.I)
        assert pattern.fullmatch(text), source
        _holds_every_match(pattern, text)
        _holds_every_match(pattern, f"{text} {text}")
    # and leaves out what no match begins with
    table = pair_table(re.compile(r"\bnet\b", re.I))
    k = ord("n") * 128 + ord("o")
    assert not table[k >> 3] >> (k & 7) & 1
    assert table == pair_table(re.compile(r"\bNET\b"))  # case ignored either way
    assert pair_table(re.compile("x" * 5000)) == b"\xff" * 2048  # too long: every pair


def test_word_led_finds_the_same_with_the_word_starts_and_without() -> None:
    # ``found`` and ``search`` by the word starts (compiled or not) and by ``re``'s search
    # in a text not plain (not all ASCII, or a separator in it) the pattern itself
    texts = [*_fuzz(5, 200), "net income, net", "(net) net", "\u2019net\u00a0income", "x\x1cnet"]
    for searched in WORD_LED.values():
        for text in texts:
            pattern = (searched._twins or searched._ascii())[0]
            pattern = pattern if leads._plain(text) else searched.pattern
            for pos, endpos in _bounds(text):
                by_starts = searched._found_at_starts(pattern, text, pos, endpos)
                by_re = list(searched.pattern.finditer(text, pos, endpos))
                spans = [m.span() for m in by_re]
                assert [m.span() for m in by_starts] == spans, text
                assert [m.span() for m in searched.found(text, pos, endpos)] == spans, text
                first = searched.search(text, pos, endpos)
                assert (first and first.span()) == (spans[0] if spans else None), text
    assert WordLed(re.compile(r"\bnet", re.I)).search("a net") is not None


def test_the_triples_hold_every_match_of_the_word_led_patterns() -> None:
    # a word start past the pairs is tried only where its three characters are a triple
    # of the pattern's openings (``leads.openings``): every match begins with one
    texts = [t for t in _fuzz(9, 400) if t.isascii()]
    texts += ["net income", "Q4", "q4 Q1", "vs", "vs. 2003", "Non-GAAP", "as adjusted", "\0Q4\0"]
    for searched in WORD_LED.values():
        triples = triple_table(openings(searched.pattern))
        assert triples != b"\xff" * 512  # each pattern's openings are told
        for text in texts:
            low = text.lower()
            for m in searched.pattern.finditer(text):
                a, b, c = (
                    ord(low[k]) if k < len(text) else 0 for k in range(m.start(), m.start() + 3)
                )
                t = leads._triple_bit(a, b, c)
                assert triples[t >> 3] >> (t & 7) & 1, (searched.pattern.pattern, text, m)
    assert triple_table(None) == b"\xff" * 512
    assert triple_table(frozenset({"n\u00e9t"})) == b"\xff" * 512


@pytest.mark.corpus
@needs_build
def test_word_starts_agree_on_every_corpus_paragraph(corpus_dir: Path) -> None:
    tables = _tables()
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        _, paragraphs, _ = pipeline.layout(documents)
        for para in paragraphs:
            _agree(para.text, tables)
