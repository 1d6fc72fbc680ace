"""``periods.names_period`` answers as ``PERIOD_WORDS.search`` does.

The text reader asks whether a header or label line names a period; ``names_period``
searches an ASCII text lowered with a lowercase pattern led by its first characters, where
``PERIOD_WORDS`` is searched case-blind. Compared on every line and every paragraph of
every corpus release, and on generated texts of period words in every case, years,
quarters, word characters around them, and characters beyond ASCII (U+212A, U+017F, U+0130
and U+0131 among them, which case-blind matching may take for ASCII letters).
"""

from __future__ import annotations

import random
from pathlib import Path

from golden import manifest
from tieout.sources import load
from tieout.tables.periods import _MONTHS, PERIOD_WORDS, names_period


def _spec(text: str) -> bool:
    return PERIOD_WORDS.search(text) is not None


def test_names_period_is_the_pattern_on_every_corpus_line(corpus_dir: Path) -> None:
    texts = [
        line
        for name in manifest(corpus_dir)
        for doc in load(corpus_dir / name)[1]
        for line in doc.lines
    ]
    assert len(texts) > 10_000
    found = [names_period(t) for t in texts]
    assert found == [_spec(t) for t in texts]
    assert 500 < sum(found) < len(texts)


_PIECES = [
    *(m for m in _MONTHS),
    *["ended", "ending", "month", "months", "week", "weeks", "quarter", "quarters", "year", "years", "fiscal"],
    "as of", "as  of", "asof", "q1", "q4", "q5", "q0", "1999", "2004", "2099", "1899", "20044",
    "x", "_", "9", "-", " ", "  ", ".", ",", "(", ")", "/", "\t", "\n",
    "\u212a", "\u017f", "\u0130", "\u0131", "\u00e9", "\u00df", "\u2019", "\u00a0",
]  # fmt: skip


def _case(text: str, rng: random.Random) -> str:
    return "".join(c.upper() if rng.random() < 0.4 else c for c in text)


def test_names_period_is_the_pattern_on_generated_texts() -> None:
    rng = random.Random(46)
    texts = [
        "".join(_case(rng.choice(_PIECES), rng) for _ in range(rng.randint(0, 12)))
        for _ in range(20_000)
    ]
    found = [names_period(t) for t in texts]
    assert found == [_spec(t) for t in texts]
    assert 2_000 < sum(found) < 18_000
    assert sum(1 for t in texts if not t.isascii()) > 1_000


def test_the_exhibit_mark_and_the_sentence_end_are_their_patterns(corpus_dir: Path) -> None:
    """``columns._exhibit_mark`` (the match asked of a line beginning with an e) and
    ``paragraphs._ends_sentence`` (the last characters read) answer as their patterns, on
    every corpus line and on generated texts."""
    from tieout.readers.text import columns, paragraphs

    rng = random.Random(47)
    pieces = ["exhibit", "EXHIBIT", "Exhibit", "e", "E", "x", " ", "\t", "\n", "\u00a0",
              "\u2003", "99", "99.1", "1", ".", "!", "?", '"', "'", ")", "(", "a", "\u212a"]  # fmt: skip
    texts = [
        line
        for name in manifest(corpus_dir)
        for doc in load(corpus_dir / name)[1]
        for line in doc.lines
    ] + ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(20_000)]
    marks = [columns._exhibit_mark(t) for t in texts]
    assert marks == [columns._EXHIBIT_MARK.match(t) is not None for t in texts]
    ends = [paragraphs._ends_sentence(t) for t in texts]
    assert ends == [paragraphs._SENTENCE_END.search(t) is not None for t in texts]
    assert sum(marks) > 20 and sum(ends) > 1_000
