"""The compiled period starts (prose/_periods.c) give the Python's period matches.

``periods._found_python`` (the sieve, then each of the fifteen period patterns a
``finditer`` over the sentence) is the specification; whenever the extension was built
``periods._found`` asks each pattern only at the places the C ``starts`` gives. That is
right only if every place a pattern matches at is given: checked here directly (each
pattern tried at every character of generated texts), and by the matches of both on every
paragraph and sentence of every corpus release and on generated texts built from the
patterns' words, spaces and dashes, and the characters re reads by Unicode's rules (a
no-break space, digits of other scripts, the dotted and dotless i, the long s, the Kelvin
sign, characters beyond the Basic Multilingual Plane).
"""

from __future__ import annotations

import hashlib
import importlib.util
import inspect
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from golden import manifest
from tieout import pipeline
from tieout.prose import periods
from tieout.prose.sentences import sentences
from tieout.sources import load

NAME = "tieout.prose._periods"
BUILT = importlib.util.find_spec(NAME) is not None
needs_build = pytest.mark.skipif(not BUILT, reason="the C extension is not built here")


def _found() -> Callable[[str], list[Any]]:
    made = periods._compiled_found(forced=True)  # even when the environment forces Python
    assert made is not None
    return made


def _starts(text: str) -> list[tuple[int, int]]:
    module = importlib.import_module(NAME)
    starts: list[tuple[int, int]] = module.starts(text)
    return starts


def _read(found: list[Any]) -> list[tuple[Any, ...]]:
    """What a match says: where, which pattern, and each group's span."""
    return [
        (f.start, f.end, f.name, f.match.regs, f.match.re.groupindex, f.match.group(0))
        for f in found
    ]


def _agree(text: str) -> list[Any]:
    expected = periods._found_python(text)
    found = _found()(text)
    assert _read(found) == _read(expected), text[:300]
    return found


@needs_build
@pytest.mark.corpus
def test_the_compiled_starts_find_every_corpus_period_alike(corpus_dir: Path) -> None:
    texts = matches = 0
    names: set[str] = set()
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        _, paragraphs, _ = pipeline.layout(documents)
        for para in paragraphs:
            for text in [para.text, *(para.text[s:e] for s, e in sentences(para.text))]:
                found = _agree(text)
                matches += len(found)
                names.update(f.name for f in found)
                texts += 1
    assert texts >= 5000
    assert matches >= 3000
    assert len(names) >= 14  # nearly every pattern matched somewhere, not empty answers


_PIECES = [
    "first", "First", "FIRST", "second", "third", "fourth", "1st", "2nd", "3rd", "4th",
    "quarter", "Quarter", "quarters", "QUARTER", "qtr", "fiscal", "Fiscal", "fi\u017fcal",
    "2004", "1999", "2020", "1899", "2100", "20\u0661\u0662", "\u0662\u0660\u0660\u0664",
    "200", "20045", "Q1", "q4", "Q5", "Q0", "Q", "three", "six", "nine", "twelve", "thirteen",
    "twenty-six", "twenty six", "twenty--six", "thirty-nine", "fifty-two", "fifty three",
    "3", "6", "9", "12", "13", "26", "39", "52", "53", "months", "month", "Months", "weeks",
    "week", "half", "year", "Year", "years", "YEAR", "to", "date", "year-to-date",
    "ended", "ending", "end", "full", "calendar", "a", "one", "ago", "earlier", "before",
    "prior", "previous", "last", "preceding", "'s", "current", "this", "the", "The",
    "sequential", "sequentially", "linked", "latest", "most", "recent", "as", "of", "at",
    "that", "March", "march", "Sept.", "sept", "May", "jan", "Jan.", "December", "31",
    "31,", "1st", "3rd", "in", "In", "\u0131n", "\u0130N", "for", "during", "since", "than",
    "over", "with", "versus", "vs.", "vs", "results", "earnings", "revenues", "revenue",
    "sales", "net", "\u212a", "k", " ", " ", "  ", "-", " - ", "\u00a0", "\n", "\t", ",",
    ".", "\u2009", "\u0663", "\U0001f4c8", "x", "_", "'", "\u00e9",
    # phrases whole, that the words drawn one by one seldom make
    "as of", "at the end of", "quarter ended", "Quarters Ending", "three months ended",
    "13 weeks ending", "thirteen weeks ended", "years ended", "year to date", "June 30",
    "Sept. 30, 2004", "March\u00a031st", "2004 results", "a year ago", "first half of",
]  # fmt: skip


def _generated(rng: random.Random) -> str:
    pieces = rng.choices(_PIECES, k=rng.randint(0, 20))
    return rng.choice([" ", " ", "", "-", "\u00a0", "  "]).join(pieces)


def test_the_compiled_starts_hold_every_place_a_pattern_matches() -> None:
    # the C's promise: each pattern tried at every character, every place it matches at
    # (whether or not finditer reaches it) is among the places given for it
    if not BUILT:
        pytest.skip("the C extension is not built here")
    rng = random.Random(19)
    matched: set[str] = set()
    for _ in range(1500):
        text = _generated(rng)
        given = set(_starts(text))
        for k, (name, pattern) in enumerate(periods._PATTERNS):
            for place in range(len(text)):
                if pattern.match(text, place) is not None:
                    assert (k, place) in given, (name, place, text)
                    matched.add(name)
    assert len(matched) == len(periods._PATTERNS)  # every pattern met and matched


def test_the_compiled_starts_give_the_same_matches_on_generated_texts() -> None:
    if not BUILT:
        pytest.skip("the C extension is not built here")
    rng = random.Random(23)
    names: set[str] = set()
    for _ in range(6000):
        text = _generated(rng)
        names.update(f.name for f in _agree(text))
        if rng.random() < 0.02:
            _agree(text * (2000 // max(1, len(text)) + 1))  # a long text: held on the heap
    assert len(names) == len(periods._PATTERNS)


@needs_build
def test_the_compiled_starts_are_few_beyond_the_matches() -> None:
    text = (
        "Net sales for the second quarter of fiscal 2004 rose 5% from $10 million a year "
        "ago, and for the six months ended June 30, 2004 were $21 million, as of March 31."
    )
    found = _agree(text)
    assert [(f.name, f.match.group(0)) for f in found] == [
        ("quarter", "second quarter of fiscal 2004"),
        ("months", "six months ended June 30, 2004"),
        ("year", "fiscal 2004"),
        ("prior", "a year ago"),
        ("instant", "as of March 31"),
        ("bare-year", "of fiscal 2004"),
    ]
    # the places given are those matched and a few more, not every character
    assert len(_starts(text)) <= len(found) + 2
    phrases = periods.period_phrases(text)
    assert [(p.text, p.ordinal, p.year, p.months, p.relative) for p in phrases] == [
        ("second quarter of fiscal 2004", 2, 2004, 3, None),
        ("a year ago", None, None, None, -1),
        ("six months ended June 30, 2004", None, 2004, 6, None),
        ("as of March 31", None, None, None, None),
    ]


def test_period_phrases_are_the_same_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Second quarter 2004 revenue rose from the prior year and sequentially; Q3 2003."
    built = periods.period_phrases(text)
    assert [p.text for p in built] == [
        "Second quarter 2004",
        "prior year",
        "sequentially",
        "Q3 2003",
    ]
    monkeypatch.setattr(periods, "_found", periods._found_python)
    assert periods.period_phrases(text) == built


@needs_build
def test_the_compiled_starts_refuse_what_is_not_a_str() -> None:
    with pytest.raises(TypeError):
        _starts(b"first quarter")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        _starts(None)  # type: ignore[arg-type]


def _specification() -> str:
    """What ``_periods.c`` was written from: the period patterns, in their order, and the
    functions that read them, as text."""
    from tieout.tables import periods as table_periods

    return "\n".join(
        [f"{name} {p.pattern!r} {p.flags}" for name, p in periods._PATTERNS]
        + [repr(table_periods._DATE.pattern)]
        + [inspect.getsource(f) for f in (periods._found_python, periods._compiled_found)]
    )


def test_the_specification_is_the_one_the_starts_were_written_from() -> None:
    # _periods.c spells each pattern's words up to the first every match needs: a change
    # to a pattern that no corpus sentence or generated text happens to show would leave
    # a match unfound on unseen releases. Change the C with the pattern, then this digest.
    digest = hashlib.sha256(_specification().encode("utf-8")).hexdigest()
    assert digest == "c608d6d763a4ae6fcb392d6200d000ae252efd8ed1883760d9cf38ec3a6ae974", (
        "the period patterns or their reading changed: make prose/_periods.c match them, "
        f"then put {digest} here"
    )
