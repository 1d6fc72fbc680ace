"""The words a table's heads and labels are read for, asked with less work
(``tables.headers``, ``tables.assemble``): each answer is the one the pattern as first
written gives, on every corpus table draft and on generated texts of odd whitespace and of
letters that ignore case in more than one way.

- A label's or a column header's runs of whitespace made one space, the ends stripped,
  by ``str.split`` where ``re.sub(r"\\s+", " ", text).strip()`` made them (``\\s`` and
  ``str.split`` hold the same characters to be whitespace).
- Whether a table's head names a balance sheet (``BALANCE``), searched only where the
  head holds a word every match holds (``_BALANCE_WORDS``), the pattern led.
- Whether a title dates a duration (``_DURATION``), the pattern led.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from golden import manifest
from tieout.readers import reader_for
from tieout.sources import load
from tieout.tables import assemble, headers
from tieout.tables.drafts import TableDraft

_SPACES = re.compile(r"\s+")
_BALANCE_AS_WRITTEN = re.compile(r"balance\s+sheets?|financial\s+(?:position|condition)", re.I)
_DURATION_AS_WRITTEN = re.compile(r"\b(?:weeks?|months?|quarters?|years?)\s+ended\b", re.I)
# every character ``\s`` matches below U+3001, and some that look like spaces and are not
_ODD = [c for c in map(chr, range(0x3001)) if _SPACES.fullmatch(c)] + ["\u200b", "\ufeff", "_"]


def _label_as_written(text: str) -> str:
    label = _SPACES.sub(" ", text).strip()
    return re.sub(r"^- - ", "- ", label) if label.startswith("- - ") else label


def _balance(head: str) -> bool:
    """``make_columns``' question of a table's head (its whitespace made one space)."""
    return headers.names_balance(head)


def _odd_texts(rng: random.Random, words: list[str], count: int) -> list[str]:
    pieces = words + _ODD + [" ", "  ", "- - ", "-", "x"]
    return ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 14))) for _ in range(count)]


def test_whitespace_made_one_space_as_the_pattern_made_it() -> None:
    rng = random.Random(5)
    texts = _odd_texts(rng, ["Net sales", "Total", "(1)", "1,234", "Three Months"], 6000)
    assert len(_ODD) > 20
    for text in texts:
        assert assemble._label(text) == _label_as_written(text), repr(text)
        assert " ".join(text.split()) == _SPACES.sub(" ", text).strip(), repr(text)


def test_a_balance_sheet_and_a_duration_found_as_the_patterns_find_them() -> None:
    rng = random.Random(7)
    words = ["balance", "BALANCE", "Balance", "sheet", "sheets", "SHEETS", "ſheet", "ſheetſ",
             "financial", "FINANCIAL", "fınancıal", "fInancial", "position", "condition",
             "conditions", "weeks", "months", "Quarters", "YEARS", "year", "ended", "ENDED",
             "endedx", "xweeks", "weeks ended", "Months\tEnded", "QUARTER ENDED",
             "years  ended", "\u212a", "balances", "financials", "statement", "at"]  # fmt: skip
    texts = _odd_texts(rng, words, 8000)
    balance = duration = 0
    for text in texts:
        expected = _BALANCE_AS_WRITTEN.search(text) is not None
        assert _balance(text) is expected, repr(text)
        balance += expected
        found = _DURATION_AS_WRITTEN.search(text)
        got = headers._DURATION.search(text)
        assert (got and got.span()) == (found and found.span()), repr(text)
        duration += found is not None
    assert balance > 100 and duration > 100  # both answers among them


def _corpus_drafts(corpus_dir: Path) -> list[TableDraft]:
    drafts: list[TableDraft] = []
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        for doc in documents:
            reader = reader_for(doc.format)
            if reader is not None:
                drafts.extend(reader.read(doc)[0])
    return drafts


@pytest.mark.corpus
def test_every_corpus_draft_read_as_the_patterns_read_it(corpus_dir: Path) -> None:
    drafts = _corpus_drafts(corpus_dir)
    assert len(drafts) > 400
    balances = 0
    for draft in drafts:
        head = " ".join(draft.head)
        expected = _BALANCE_AS_WRITTEN.search(head) is not None
        assert _balance(head) is expected, head
        balances += expected
        for title in draft.title:
            found, got = (
                _DURATION_AS_WRITTEN.search(title.text),
                headers._DURATION.search(title.text),
            )
            assert (got and got.span()) == (found and found.span()), title.text
        for row in draft.rows:
            assert assemble._label(row.label) == _label_as_written(row.label), row.label
        for column in draft.columns:
            header = " ".join(column.texts)
            assert " ".join(header.split()) == _SPACES.sub(" ", header).strip(), header
    assert balances > 20
