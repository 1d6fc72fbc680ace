"""``concepts.concept_of`` sieves the label before it normalises it, and ``sign_wording``
answers ``signed_label`` and ``loss_label`` with one sieve: both give what the patterns
give run in full (``_spec``, ``signed_label``, ``loss_label``), on every corpus table
label and section and on generated labels (marks, "as reported", a GAAP prefix, runs of
spaces, the letters case-blind matching takes for ASCII ones)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from golden import manifest
from tieout import pipeline
from tieout.sources import load
from tieout.vocabulary import concepts
from tieout.vocabulary.concepts import Concept, loss_label, sign_wording, signed_label


def _spec(label: str) -> Concept | None:
    """``concept_of`` as it read before any sieve: normalised, then every qualifier
    searched and every label pattern matched in full."""
    text = concepts.normalise.__wrapped__(label)
    if not text or concepts._QUALIFIED.search(text):
        return None
    for concept, pattern in concepts._LABELS:
        if pattern.match(text):
            return concept
    return None


def _agree(label: str) -> None:
    assert concepts.concept_of.__wrapped__(label) == _spec(label), label
    assert sign_wording(label) == (signed_label(label), loss_label(label)), label


def test_the_sieved_words_hold_no_space() -> None:
    # (what lets the label be sieved before ``normalise`` makes its runs of spaces one)
    concepts._CONCEPT_WORDS("")
    for need, _ in concepts._CONCEPT_WORDS._patterns:
        for words in need:
            assert all(not any(c.isspace() for c in w) for w in words)


_PIECES = [
    "Net", "net", "INCOME", "income", "(loss)", "Loss", "sales", "Revenues", "Total", "total",
    "operating", "Operating", "from", "operations", "before", "income taxes", "Provision for",
    "GAAP", "gaap", "Non-GAAP", "as reported", "- As Reported", "(See Notes)", "(a)", "(1)",
    "*", "**", "1", ":", "-", "%", "per share", "continuing", "adjusted", "EBITDA", "Gross",
    "profit", "margin", "Cost of", "goods sold", "assets", "liabilities and equity",
    "weighted average", "shares", "\u0130ncome", "\u017fales", "\u212a", "i\u0307", "\u03a3",
    "\t", "  ", " ", "\u00a0", "\x1c", "é", "selling, general and administrative",
]  # fmt: skip


def test_generated_labels() -> None:
    rng = random.Random(29)
    for _ in range(4000):
        pieces = rng.choices(_PIECES, k=rng.randint(0, 8))
        _agree(rng.choice([" ", "", "  "]).join(pieces))


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES) | st.text(max_size=3), max_size=8))
def test_hypothesis_labels(pieces: list[str]) -> None:
    _agree(" ".join(pieces))


@pytest.mark.corpus
def test_every_corpus_label_and_section(corpus_dir: Path) -> None:
    seen: set[str] = set()
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        tables, _, _ = pipeline.layout(documents)
        for table in tables:
            for row in table.rows:
                for text in (row.label, row.section or ""):
                    if text not in seen:
                        seen.add(text)
                        _agree(text)
    assert len(seen) >= 1000
