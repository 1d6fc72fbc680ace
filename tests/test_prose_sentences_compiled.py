"""The compiled sentence cuts (prose/_sentences.c) give the Python's spans.

``sentences._spans_python`` (the bullets printed inside a paragraph, then each piece's
sentence ends, a period after an abbreviation or an initial passed over) is the
specification; the C ``spans`` replaces it whenever the extension was built. Both read
every paragraph of every corpus release here, and generated texts built from what the
patterns turn on: the ends of sentences, closing and opening quotes, capitals, digits,
dashes and bullets after the spaces, abbreviations and initials (some lowered only by
Unicode's rules: the dotted I, the Kelvin sign), spaces re and ``str.strip`` read by
Unicode's rules, and characters beyond the Basic Multilingual Plane.
"""

from __future__ import annotations

import hashlib
import importlib.util
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from golden import manifest
from tieout import pipeline
from tieout.prose import sentences
from tieout.sources import load
from written import source

NAME = "tieout.prose._sentences"
BUILT = importlib.util.find_spec(NAME) is not None
needs_build = pytest.mark.skipif(not BUILT, reason="the C extension is not built here")


def _spans() -> Callable[[str], list[tuple[int, int]]]:
    made = sentences._compiled_spans(forced=True)  # even when the environment forces Python
    assert made is not None
    return made


def _agree(text: str) -> list[tuple[int, int]]:
    expected = sentences._spans_python(text)
    found = _spans()(text)
    assert found == expected, text[:300]
    return found


@needs_build
@pytest.mark.corpus
def test_the_compiled_spans_cut_every_corpus_paragraph_alike(corpus_dir: Path) -> None:
    texts = cuts = 0
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        _, paragraphs, _ = pipeline.layout(documents)
        for para in paragraphs:
            cuts += max(0, len(_agree(para.text)) - 1)
            texts += 1
    assert texts >= 3000
    assert cuts >= 1000  # paragraphs of several sentences, not only whole ones


_PIECES = [
    ".", ". ", "!", "?", "...", '"', "'", ")", "\u201d", "\u201c", "(", " ", "  ", "\u00a0",
    "\n", "\t", "\u2009", "\x1c", "A", "a", "Z", "z", "5", "0", "$", "-", "*", " - ", "\u2022",
    "\u25aa", "\u25cf", "\u25e6", "\u2023", " \u2022 ", "\u2013", "Inc", "inc", "U.S", "u.s",
    "e.g", "i.e", "J", "j", "\u0130", "K\u0130", "\u212ay", "\u212a", "\u00c9", "\u00e9",
    "Tex", "Sept", "Mr", "No", "a.m", "word", "Revenue", "Net", "sales", "rose", "$5",
    "10%", "\U0001f4c8", "\u00d7", "_", ";", ",",
]  # fmt: skip


def test_the_compiled_spans_cut_generated_texts_alike() -> None:
    if not BUILT:
        pytest.skip("the C extension is not built here")
    rng = random.Random(29)
    cut = bulleted = passed = 0
    for _ in range(8000):
        pieces = rng.choices(_PIECES, k=rng.randint(0, 30))
        text = rng.choice(["", " ", "", "\u00a0"]).join(pieces)
        found = _agree(text)
        cut += len(found) > 1
        bulleted += any(c in text for c in "\u2022\u25aa\u25cf\u25e6\u2023") and len(found) > 1
        passed += ". " in text and len(found) == 1
        if rng.random() < 0.02:
            _agree(text * (3000 // max(1, len(text)) + 1))  # a long text
    assert cut >= 1000 and bulleted >= 100 and passed >= 100


@needs_build
def test_the_compiled_spans_cut_each_kind_of_end() -> None:
    text = (
        'Sales rose. "Net income fell." Alan J. Lacy said U.S. sales at Sears, Roebuck and '
        "Co. grew! Why? $5 million \u2022 Full year: up (10%). - Outlook: flat"
    )
    found = _agree(text)
    assert [text[s:e] for s, e in found] == [
        "Sales rose.",
        '"Net income fell."',
        "Alan J. Lacy said U.S. sales at Sears, Roebuck and Co. grew!",
        "Why?",
        "$5 million",
        "Full year: up (10%).",
        "- Outlook: flat",
    ]


def test_sentences_are_the_same_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    long = "Revenue, net of returns, rose; " * 60 + "Costs fell. Margins rose."
    for text in ("Sales rose. Costs fell \u2022 Margins rose.", long):
        built = sentences.sentences(text)
        monkeypatch.setattr(sentences, "_spans", sentences._spans_python)
        assert sentences.sentences(text) == built
        monkeypatch.undo()
    assert max(e - s for s, e in sentences.sentences(long)) <= sentences.MAX_SENTENCE


@needs_build
def test_the_compiled_spans_refuse_what_they_cannot_read() -> None:
    module = importlib.import_module(NAME)
    with pytest.raises(TypeError):
        module.spans(frozenset(), b"Sales rose. Costs fell.")
    with pytest.raises(TypeError):
        module.spans(["inc"], "Sales rose. Costs fell.")
    with pytest.raises(TypeError):
        module.spans(frozenset())


def _specification() -> str:
    """What ``_sentences.c`` was written from: the patterns and the functions of the
    specification, as text (the abbreviations are the set the C is given)."""
    patterns = (sentences._END, sentences._BULLET, sentences._BULLET_MARK)
    functions = (sentences._spans_python, sentences._sentences, sentences._abbreviation_before)
    return "\n".join(
        [f"{p.pattern!r} {p.flags}" for p in patterns] + [source(f) for f in functions]
    )


def test_the_specification_is_the_one_the_spans_were_written_from() -> None:
    # _sentences.c is a hand-written reader of these patterns: a change to one of them that
    # no corpus paragraph or generated text happens to show would leave the two apart on
    # unseen releases. Change the C with the pattern, then this digest.
    digest = hashlib.sha256(_specification().encode("utf-8")).hexdigest()
    assert digest == "6a9c0ae12c70cc56d7e0290411b6523f077418feff4f7dbade261b9b9ea23749", (
        "the sentence patterns or functions changed: make prose/_sentences.c match them, "
        f"then put {digest} here"
    )
