"""A claim's record made in fewer steps: each shortcut gives what the long way gave.

``claims._claim`` finds the words before a figure not worded as a metric's value without
the pattern in an ASCII text (``_words_before``), asks a figure's words for a sign word
only in a sentence that holds one (``_may_sign``) and makes each period once per prose
(``periods``); ``Paragraph.span`` bisects its pieces without a key. Each is held here to
what was written first, on generated texts and on every corpus release.
"""

from __future__ import annotations

import random
import re
from bisect import bisect_right
from pathlib import Path

import pytest

from golden import manifest
from tieout import pipeline
from tieout.model import Paragraph, Span, Unit
from tieout.prose import claims
from tieout.prose.claims import claims_of
from tieout.prose.numbers import Figure
from tieout.prose.sentences import sentences
from tieout.prose.wording import Draft
from tieout.sources import load

_WORD = re.compile(r"[A-Za-z][A-Za-z'&-]*")


def _words_before_first(text: str, draft: Draft) -> str:
    """``_words_before`` as it was written first."""
    words = _WORD.findall(text[max(0, draft.figure.start - 200) : draft.figure.start])
    return " ".join(words[-12:])


def _draft(start: int) -> Draft:
    return Draft(Figure(start, start + 1, 1, 1, Unit.USD), 0, False)  # type: ignore[arg-type]


_PIECES = [
    "net", "income", "Sales", "of", "the", "U.S.", "AT&T", "year-end", "'s", "’s", "&", "-",
    "'", "--", "'&-x", "-a", "&b", "x'", "1", "2.5", "$", "%", ",", ";", ".", " ", "  ", "\t",
    "\n", "\x1c", "\u00a0", "é", "naïve", "\u0131", "\u017f", "_", "a_b", "Q3", "3Q", "(", ")",
]  # fmt: skip


def test_the_words_before_a_figure_are_the_pattern_s() -> None:
    rng = random.Random(5)
    for _ in range(6000):
        text = rng.choice(["", " ", ""]).join(rng.choices(_PIECES, k=rng.randint(0, 120)))
        for start in {0, len(text), rng.randint(0, len(text)), max(0, len(text) - 1)}:
            draft = _draft(start)
            assert claims._words_before(text, draft) == _words_before_first(text, draft), text


def _sign_word_found(text: str) -> bool:
    return any(
        claims._SIGN_WORD.search(text[max(0, at - 20) : at]) is not None
        for at in range(len(text) + 1)
    )


def test_a_sign_word_is_found_only_where_the_sentence_may_sign() -> None:
    pieces = [
        "negative", "NEGATIVE", "Negat\u0131ve", "pos\u0130tive", "po\u017fitive", "minus",
        "MINUS", "m\u0131nus", "minu\u017f", "nega", "tive", "plus", " ", "\u00a0", "\n", "$5",
        "x", "é",
    ]  # fmt: skip
    rng = random.Random(7)
    found = 0
    for _ in range(3000):
        text = "".join(rng.choices(pieces, k=rng.randint(0, 8)))
        if _sign_word_found(text):
            found += 1
            assert claims._may_sign(text), text
    assert found > 300


def _span_first(para: Paragraph, start: int, end: int) -> Span:
    """``Paragraph.span`` as it was written first."""
    pieces = para.pieces
    k = max(bisect_right(pieces, start, key=lambda p: p[0]) - 1, 0)
    offset, base = pieces[k]
    first = base.start + start - offset
    last = first
    for j in range(k, len(pieces)):
        at, where = pieces[j]
        if j > k and (at >= end or where.line != base.line):
            break
        stop = pieces[j + 1][0] if j + 1 < len(pieces) else len(para.text)
        upto = min(end, stop)
        if upto > max(at, start):
            last = where.start + upto - at
    return Span(
        base.line,
        first,
        max(last, first),
        None if base.offset is None else base.offset + start - offset,
    )


def test_a_paragraph_s_span_is_the_one_bisected_by_key() -> None:
    rng = random.Random(11)
    for _ in range(3000):
        text = "x" * rng.randint(0, 60)
        offsets = sorted(rng.choices(range(len(text) + 3), k=rng.randint(1, 8)))
        if rng.random() < 0.1:
            rng.shuffle(offsets)  # out of order: bisected alike all the same
        line = rng.randint(1, 3)
        pieces = []
        for at in offsets:
            line += rng.random() < 0.4
            offset = rng.choice([None, rng.randint(0, 500)])
            pieces.append((at, Span(line, rng.randint(0, 40), rng.randint(0, 40), offset)))
        para = Paragraph(text, tuple(pieces))
        for _ in range(6):
            start = rng.randint(-2, len(text) + 2)
            end = rng.randint(start - 1, len(text) + 3)
            assert para.span(start, end) == _span_first(para, start, end)


@pytest.mark.corpus
def test_the_corpus_claims_are_made_alike_the_long_way(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every release's claims, each made anew (no period shared, every figure's words
    searched for a sign word, its words before found by the pattern, its span bisected
    by key) are the claims made by the shortcuts."""
    read = []
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        tables, paragraphs, _ = pipeline.layout(documents)
        read.append((name, paragraphs, tables))
    fast = [claims_of(paragraphs, tables) for _, paragraphs, tables in read]
    made = claims._claim

    def long_way(para, s, text, draft, signed=True, periods=None):  # type: ignore[no-untyped-def]
        return made(para, s, text, draft, True, None)

    monkeypatch.setattr(claims, "_claim", long_way)
    monkeypatch.setattr(claims, "_words_before", _words_before_first)
    monkeypatch.setattr(Paragraph, "span", _span_first)
    sentences_read = 0
    for (name, paragraphs, tables), a in zip(read, fast, strict=True):
        b = claims_of(paragraphs, tables)
        assert repr(a) == repr(b), name
        assert [type(c.period) for c in a] == [type(c.period) for c in b]
        sentences_read += sum(len(sentences(p.text)) for p in paragraphs)
    assert sum(map(len, fast)) > 2000 and sentences_read > 3000
