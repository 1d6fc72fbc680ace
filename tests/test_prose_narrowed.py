"""A row's texts read by the prose with their patterns narrowed give what every pattern
gave.

``labels.clean_label``, ``segments.segment_name`` and ``segments._segment_like`` ask a
pattern only of a text that may hold a match (the words its matches need, ``sieve.Sieve``;
a ")" for a note mark; a name ending in "segment"), or search it led by the characters its
matches begin with (``leads.led``); ``subjects._quantity`` asks ``physical_quantity`` only
of a text holding its words: the cost of a row met for the first time. The readings
below, each pattern asked of every text, are their specification: the same answers on
every label, section, column head and title of the corpus, and on generated texts.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from golden import manifest
from tieout import pipeline
from tieout.prose import labels, segments, subjects
from tieout.sources import load
from tieout.vocabulary.spacing import SPACES
from tieout.vocabulary.units import physical_quantity

_ENDS = " -:\u2013*$"


def _clean_label(label: str) -> str:
    text = labels._AS_SHARE_OF.sub("to", labels._LABEL_NOISE.sub(" ", label))
    return SPACES.sub(" ", text).strip(" -:\u2013,")


def _segment_name(text: str) -> str:
    name = SPACES.sub(" ", text).strip(_ENDS)
    name = segments._NOTE_MARK.sub("", name).strip(_ENDS)
    return segments._SEGMENT_WORD.sub("", name).strip(_ENDS)


def _agree(text: str) -> None:
    assert labels.clean_label(text) == _clean_label(text), text
    assert segments.segment_name(text) == _segment_name(text), text
    assert segments._segment_like(text) == (not segments._NOT_SEGMENT.search(text)), text
    assert subjects._quantity(text) == physical_quantity(text), text


_PARTS = [
    "Net income", "(see notes)", "(Note)", "(a)", "( 1 )", "*", "**", "as reported",
    "available to common shareholders", "applicable to common stockholders", "(in millions)",
    "( % )", "%", "as a percentage of", "as a percent of", "total loans", "Segment",
    "segment", "SEGMENT", "Financial Products", "$", "-", "\u2013", ":", "  ", "\t", "\n",
    "\xa0", "(12)", "Corporate", "All other", "consolidated", "kilowatt-hours", "KWh",
    "barrels", "tons", "square feet", "\u212a", "\u017f", "İ", "ı", "E", "(", ")",
]  # fmt: skip


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(_PARTS), max_size=7), st.sampled_from([" ", ""]))
def test_generated_texts_read_as_every_pattern_reads_them(parts: list[str], joint: str) -> None:
    _agree(joint.join(parts))


@pytest.mark.corpus
def test_corpus_texts_read_as_every_pattern_reads_them(corpus_dir: Path) -> None:
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        tables, _, _ = pipeline.layout(documents)
        for table in tables:
            _agree(table.title or "")
            for row in table.rows:
                _agree(row.label)
                _agree(row.section or "")
                _agree(f"{row.section or ''} {row.label}")
            for column in table.columns:
                _agree(column.label)
                _agree(column.segment or "")
