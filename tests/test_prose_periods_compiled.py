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

``periods._phrases_python`` (those matches, the overlaps settled by ``leftmost_longest``,
then each kept match made a phrase) is the specification of the compiled
``periods._phrases``, which meets the matches place by place as the C ``places`` orders
them and settles the overlaps as they come: both are held to give the same phrases, field
by field, on the same texts.
"""

from __future__ import annotations

import hashlib
import importlib.util
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from golden import manifest
from tieout import pipeline
from tieout.extensions import compiled
from tieout.prose import periods
from tieout.prose.sentences import sentences
from tieout.sources import load
from written import source

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


def _phrases() -> Callable[[str], list[periods.PeriodPhrase]]:
    made = periods._compiled_phrases(forced=True)
    assert made is not None
    return made


def _fields(phrases: list[periods.PeriodPhrase]) -> list[tuple[Any, ...]]:
    """Every field of each phrase, with the type of each (``True`` is not ``1`` here)."""
    return [
        tuple((name, type(v), v) for name in p._fields for v in [getattr(p, name)]) for p in phrases
    ]


def _agree(text: str) -> list[Any]:
    expected = periods._found_python(text)
    found = _found()(text)
    assert _read(found) == _read(expected), text[:300]
    if BUILT:
        pairs = _starts(text)
        by_place = importlib.import_module(NAME).places(text)
        assert by_place == sorted(pairs, key=lambda pair: (pair[1], pair[0])), text[:300]
        made = _fields(_phrases()(text))
        assert made == _fields(periods._phrases_python(text)), text[:300]
    for f in expected:  # a date read from the match's groups is the date searched again
        if "date" in f.match.re.groupindex:
            assert periods._date_of(f.match) == periods._date(f.match.group("date")), text
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
    monkeypatch.setattr(periods, "_phrases", periods._phrases_python)
    assert periods.period_phrases(text) == built


@needs_build
def test_the_compiled_starts_refuse_what_is_not_a_str() -> None:
    places = importlib.import_module(NAME).places
    for function in (_starts, places):
        with pytest.raises(TypeError):
            function(b"first quarter")
        with pytest.raises(TypeError):
            function(None)


def test_a_word_s_edge_is_read_as_re_reads_it() -> None:
    # "\b(?:in|for|...)", "\b(?:the|this)", "\bsequential", "\b2004 results": a place
    # after a character of a word (a letter or a digit of any script, "_") begins none
    for before in ["", " ", "\u00a0", "\x1c", "\x1f", "(", "-", "\U0001f4c8", ".", "'",
                   "x", "_", "9", "\u00e9", "\u0663", "\u0131", "\u212a", "\u00b2", "\u2167"]:  # fmt: skip
        for words in ["in 2004", "the year", "sequentially", "2004 results", "of fiscal 2003"]:
            text = f"{before}{words}"
            _agree(text)
            _agree(f"up 5% {text} and {text.upper()}")
    assert [p.text for p in periods.period_phrases("rose 5% in 2004")] == ["in 2004"]
    assert periods.period_phrases("rose 5% _in 2004") == []
    assert [p.text for p in periods.period_phrases("\u00e9in 2004 results")] == ["2004 "]


def test_the_phrases_are_the_python_s_in_use_or_forced(monkeypatch: pytest.MonkeyPatch) -> None:
    if not BUILT:
        pytest.skip("the C extension is not built here")
    if periods.COMPILED:
        assert periods._phrases is not periods._phrases_python
    else:  # set aside (TIEOUT_PURE_PYTHON=1): the specification in use
        assert periods._phrases is periods._phrases_python
    assert (periods._found is periods._found_python) is (
        periods._phrases is periods._phrases_python
    )


def test_the_phrases_are_the_same_on_edge_texts() -> None:
    for text in [
        "", " ", "\x1c\x1d\x1e\x1f", "first quarter\x1csecond quarter",
        "second quarter second quarter of 2004", "the first six months ended June 30, 2004",
        "quarters ended March 31, 2004 and fiscal 2003", "Q1 Q2 2004 Q3 fiscal 2005",
        "as of the end of Sept. 30, 2004 at June 31, 2004", "2004 and 2003 results",
        "fi\u017fcal 2004 in \u0662\u0660\u0660\u0664", "the \u0130N 2004 \u212a year",
        "a year ago a year earlier, prior year's quarter, this year to date 2004",
    ]:  # fmt: skip
        _agree(text)
        _agree(text * 300)  # held on the heap


def _specification() -> str:
    """What ``_periods.c`` was written from: the period patterns, in their order, and the
    functions that read them, as text."""
    from tieout.tables import periods as table_periods

    return "\n".join(
        [f"{name} {p.pattern!r} {p.flags}" for name, p in periods._PATTERNS]
        + [repr(table_periods._DATE.pattern)]
        + [source(f) for f in (periods._found_python, periods._compiled_found)]
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


_ORDINAL_PIECES = [
    "first", "Second", "THIRD", "fourth", "1st", "2nd", "3rd", "4th", "quarter", "Quarter",
    "quarters", "QUARTER", "fiscal", "FI\u017fCAL", "Q1", "q3", "Q4", "Q5", "Q0", "Q", "2",
    "-", " ", "  ", "\n", "\u00a0", "\x1c", "\x00", ".", "the", "x", "_", "\u00e9", "\u0663",
    "\U0001f4c8", "\u017fecond", "fir\u017ft", "th\u0130rd", "th\u0131rd", "\u212a",
]  # fmt: skip


def _ordinals_alike(text: str) -> list[int]:
    """The compiled ordinals of a text, held to the Python's."""
    compiled = periods._compiled_ordinals(forced=True)
    assert compiled is not None
    answers = [periods._ordinal_mentions_python(text), compiled(text)]
    assert answers[0] == answers[1], text
    return answers[1]


@needs_build
def test_the_compiled_ordinals_are_the_python_s() -> None:
    rng = random.Random(29)
    said: set[int] = set()
    handed_back = 0
    ordinals = compiled("tieout.prose._periods", forced=True).ordinals  # type: ignore[union-attr]
    for n in range(8000):
        if n % 2:
            text = _generated(rng)
        else:
            pieces = rng.choices(_ORDINAL_PIECES, k=rng.randint(0, 12))
            text = rng.choice(["", " ", "-", "\x00"]).join(pieces)
        said.update(_ordinals_alike(text))
        # an ordinal spelled with a letter beyond ASCII ("\u017fecond"): the C hands the text
        # back, and the Python reads the word folded as case-blind matching does
        handed_back += ordinals(text) is None
    assert said == {1, 2, 3, 4}
    assert handed_back > 0  # the texts the C hands back were met
    for text in ["", "\x00", "second quarter", "Q2", "q2\x00Q3 fiscal\x00first  fiscal quarter"]:
        _ordinals_alike(text)
        _ordinals_alike(text * 500)  # held on the heap
    assert periods.ordinal_mentions("Q2 and the second fiscal quarter, not Q23") == [2, 2]


@needs_build
@pytest.mark.corpus
def test_the_compiled_ordinals_are_the_python_s_on_the_corpus(corpus_dir: Path) -> None:
    mentions = 0
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        _, paragraphs, _ = pipeline.layout(documents)
        found = _ordinals_alike("\0".join(para.text for para in paragraphs))
        assert not isinstance(found, str)
        mentions += len(found)
    assert mentions >= 500


@needs_build
def test_the_compiled_ordinals_refuse_what_is_not_a_str() -> None:
    with pytest.raises(TypeError):
        importlib.import_module(NAME).ordinals(b"second quarter")


def test_phrases_and_periods_made_whole_hold_every_field() -> None:
    """``periods._NEW`` makes a named tuple from all its fields in order: each phrase of
    every pattern, and each period ``combine``, ``fill`` and ``prior_of`` make, holds as
    many as its class names, and equals the record its class makes of them."""
    release = periods.ReleasePeriods(2021, 2, 3, frozenset({3, 6, 12}), 6, 12)
    texts = [
        "Second quarter 2021 net income rose from the prior quarter and a year ago.",
        "For the six months ended June 30, 2021, sales were $5 million in fiscal 2021.",
        "In the second half of 2020 and 2019, respectively, and year-to-date 2021 results.",
        "Sales in the quarter ended March 31, 2021 and the current year, sequentially 4Q20.",
        "Fiscal year 2020 results; the year ended December 31, 2020; as of June 30, 2021.",
    ]
    made = 0
    for text in texts:
        found = periods.period_phrases(text)
        for phrase in found:
            assert len(phrase) == len(periods.PeriodPhrase._fields)
            assert phrase == periods.PeriodPhrase(*phrase)
            made += 1
        when = periods.combine(found, release)
        if when is None:
            continue
        for one in (when, periods.fill(when, None, release), periods.prior_of(when)):
            assert type(one) is periods.When
            assert len(one) == len(periods.When._fields)
            assert one == periods.When(*one)
    assert made >= 10
