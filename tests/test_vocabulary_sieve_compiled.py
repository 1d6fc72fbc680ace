"""The compiled sieve (vocabulary/_sieve.c) gives the Python's answers.

``sieve._passing_python`` (of a sieve's patterns, those whose words the text folded holds:
a word of each clause) is the specification; the C function replaces it whenever the
extension was built. It lowers an ASCII text itself and folds any other with
``folding.folded``, and looks for a word only where every pair of its bytes is in the
text. Both read every sentence and paragraph of every corpus release here, with every
sieve of the prose, and generated texts: the letters case-blind matching takes for ASCII
ones (dotted and dotless i, long s, Kelvin sign), a combining dot after an "i", symbols
("¢"), characters beyond the Basic Multilingual Plane, texts longer than the C keeps on
its stack, and words of every length (empty, one character, longer than the text).
"""

from __future__ import annotations

import importlib.util
import random
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from golden import manifest
from tieout import pipeline
from tieout.prose import claims, frames, labels, numbers, periods, subjects, wording
from tieout.prose.sentences import sentences
from tieout.sources import load
from tieout.tables import headers, scale
from tieout.vocabulary import basis, concepts, measures, sieve, units
from tieout.vocabulary.folding import folded
from tieout.vocabulary.sieve import Sieve
from tieout.vocabulary.words import Words

NAME = "tieout.vocabulary._sieve"
BUILT = importlib.util.find_spec(NAME) is not None
needs_build = pytest.mark.skipif(not BUILT, reason="the C extension is not built here")

SIEVES: list[Sieve[Any]] = [
    numbers._SIEVE, periods._SIEVE, periods._ORDINAL_WORDS, subjects._PROSE_SIEVE,
    subjects._BRANCH_SIEVE, frames._BOUNDARY_WORDS, frames._MARKER_WORDS,
    claims._FORWARD_WORDS, claims._SENTENCE_WORDS, wording._QUALIFIER_WORDS,
    claims._PART_OF_WORDS, claims._PARAGRAPH_WORDS,
    basis._NON_GAAP_WORDS, basis._BASIS_WORDING_WORDS, basis._HEAD_BASIS_WORDS,
    measures._BASIS_WORDS,
    measures._RECONCILING_WORDS, measures._ELSEWHERE_WORDS, measures._GAAP_WORDS,
    measures._NOT_A_MEASURE_WORDS, measures._EACH_BASIS_WORDS, measures._ACRONYM_WORDS,
    headers._BALANCE_WORDS, headers._SAYS, scale._NAMES_SCALE, scale._LABEL_ASKS,
    measures._MARK_WORDS, measures._EACH_METRIC_WORDS, measures._NAMES_GAAP_WORDS,
    measures._QUALIFYING_SIEVE,
    concepts._AS_REPORTED_WORDS, concepts._CONCEPT_WORDS, concepts._LOSS_WORDS,
    concepts._SIGN_WORDS,
    labels._CLEANING_WORDS, labels._SIDE_WORDS,
]  # fmt: skip


def _compiled() -> Callable[..., Any]:
    made = sieve._compiled_passing(forced=True)  # even when the environment forces Python
    assert made is not None
    return made


def _entries(given: Sieve[Any]) -> Any:
    given("")  # its entries are made when first sieved with
    return given._patterns


def _agree(text: str, entries: Any) -> None:
    expected = sieve._passing_python(text, entries)
    found = _compiled()(text, entries, folded)
    assert found == expected, text[:200]
    assert all(a is b for a, b in zip(found, expected, strict=True))  # the same pairs


def test_every_sieve_of_the_package_is_read_here() -> None:
    made = [
        value
        for name, module in list(sys.modules.items())
        if name.startswith("tieout.")
        for value in vars(module).values()
        if isinstance(value, Sieve)
    ]
    assert len(made) >= len(SIEVES)
    assert {id(s) for s in made} == {id(s) for s in SIEVES}


@needs_build
@pytest.mark.corpus
def test_the_compiled_sieve_reads_every_corpus_sentence_alike(corpus_dir: Path) -> None:
    entries = [_entries(s) for s in SIEVES]
    texts = 0
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        _, paragraphs, _ = pipeline.layout(documents)
        for para in paragraphs:
            for text in [para.text, *(para.text[s:e] for s, e in sentences(para.text))]:
                for made in entries:
                    _agree(text, made)
                texts += 1
    assert texts >= 5000


_PIECES = [
    "Net", "INCOME", "loss", "quarter", "Q3", "first", "Second", "twelve", "weeks", "month",
    "ended", "December", "Sept.", "year", "ago", "prior", "2021", "$", "%", "cents", "¢",
    "per", "diluted", "share", "shares", "Underlying", "CORE", "adjusted", "non-GAAP",
    "excluding", "while", "but", ";", "guidance", "expect", "about", "approximately",
    "ebitda", "operating", "\u0130ncome", "d\u0131vision", "\u017fales", "\u212aWh",
    "i\u0307", "I\u0307ncome", "\u0307", "’", "–", "•", "\U0001f4c8", "\x00", "\x7f",
    "\x80", "é", "ß", " ", "  ", "-", ".", ",", "1.25", "3", "a", "e", "t",
]  # fmt: skip


def test_the_compiled_sieve_reads_generated_texts_alike() -> None:
    if not BUILT:
        pytest.skip("the C extension is not built here")
    rng = random.Random(15)
    entries = [_entries(s) for s in SIEVES]
    words = sorted({w for made in entries for need, _ in made for ws in need for w in ws})
    # a word to each entry, and clauses of two: every word alone and beside another
    odd = ["", "a", "¢", "\u0307", "\U0001f4c8", "x" * 2000, *words]
    entries.append(tuple((((w,),), (w, None)) for w in odd))
    entries.append(
        tuple((((w,), (v, "$")), (w, v)) for w, v in zip(odd, reversed(odd), strict=True))
    )
    for _ in range(3000):
        pieces = rng.choices(_PIECES + words, k=rng.randint(0, 30))
        text = rng.choice(["", " ", "-"]).join(pieces)
        if rng.random() < 0.05:
            text = text * (2000 // max(1, len(text)) + 1)  # past the C's stack buffer
        for made in entries:
            _agree(text, made)


def test_a_sieve_gives_the_same_patterns_either_way(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Net income for the second quarter of 2021 was $1.2 billion, up 12% \u2013 core EPS"
    built = [s(text) for s in SIEVES]
    assert built[0] and built[1]  # figures and periods found: the test reads something
    monkeypatch.setattr(sieve, "_passing", sieve._passing_python)
    # the call of the Python base (the compiled ``Sieving``'s specification), with the
    # Python ``passing``: the same pairs
    assert [sieve._SievingPython.__call__(s, text) for s in SIEVES] == built


@needs_build
def test_the_compiled_sieve_keeps_the_last_table_for_that_text_and_folding_only() -> None:
    # the table of the last text is kept for the next call with the same object: every
    # sieve asked of one text after another, in turn, the same answers as the Python's
    entries = [_entries(s) for s in SIEVES]
    texts = [
        "Net income rose",
        "NET LOSS fell in the quarter",
        "\u212aWh sold",
        "net incom\u00e9",
        "",
    ]
    for order in (texts, texts[::-1], texts * 2):
        for text in order:
            for made in entries:
                _agree(text, made)
    for made in entries:  # texts equal but other objects, asked in turn
        for text in ["".join(["Net ", "loss"]), "".join(["Net ", "loss"])]:
            _agree(text, made)
    passing = _compiled()
    loss = (((("loss",),), "loss"),)
    cents = (((("\u00a2",),), "cents"),)  # a word not ASCII: looked for in ``folding``'s
    text = "n\u00e9t loss \u00a2"
    assert passing(text, loss, folded) == ["loss"] and passing(text, cents, folded) == ["cents"]
    # the ASCII words are looked for in the text folded here; ``folding`` is asked only
    # for a word not ASCII, once for the text and folding (the table made again for another)
    asked: list[str] = []

    def other(t: str) -> str:
        asked.append(t)
        return "profit"

    assert passing(text, loss, other) == ["loss"] and asked == []
    assert passing(text, cents, other) == [] and passing(text, cents, other) == []
    assert asked == [text]
    assert passing(text, cents, folded) == ["cents"]
    with pytest.raises(ZeroDivisionError):  # a folding that fails leaves the table as it is
        passing("t\u00e9xt", cents, lambda t: 1 / 0)
    assert passing(text, loss, folded) == ["loss"]
    assert passing("t\u00e9xt", loss, lambda t: 1 / 0) == []  # no word asks for it

    def sieving(t: str) -> str:  # a folding that sieves another text
        passing("another text", loss, folded)
        return folded(t)

    with pytest.raises(RuntimeError):
        passing("n\u00e9t \u00a2", cents, sieving)
    assert passing("n\u00e9t \u00a2", cents, folded) == ["cents"]


def test_no_other_character_folds_to_an_ascii_one() -> None:
    # ``_sieve.c`` folds a text itself knowing these lowerings only: any other character
    # is no ASCII word's, and none other lowers to more than one character
    odd = {}
    for code in range(128, 0x110000):
        low = chr(code).lower()
        if len(low) > 1 or low.isascii() or folded(low) != low:
            odd[code] = folded(low)
    assert odd == {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}
    for text in ("I\u0307n", "i\u0307\u0307n", "\u0130\u0307n", "\u0131\u0307n", "\u0307in"):
        for word in ("in", "i", "n", "\u0307n"):
            entries = ((((word,),), word),)
            assert _compiled()(text, entries, folded) == sieve._passing_python(text, entries)


@needs_build
def test_the_compiled_sieve_refuses_what_is_not_a_sieve() -> None:
    passing = _compiled()
    with pytest.raises(TypeError):
        passing(b"bytes", (), folded)
    with pytest.raises(TypeError):
        passing("text", [], folded)
    with pytest.raises(TypeError):
        passing("text", ((("w",), "pair"),), folded)  # a clause that is not a tuple
    with pytest.raises(TypeError):
        passing("text", ((((b"w",),), "pair"),), folded)  # a word that is not a str
    with pytest.raises(TypeError):
        passing("text", ((((),),),), folded)  # an entry that is not (need, pair)
    cents = (((("\u00a2",),), "cents"),)  # a word not ASCII: ``folding`` asked
    with pytest.raises(TypeError):
        passing("t\u00e9xt", cents, lambda text: 1)  # a folding that gives no str
    with pytest.raises(ZeroDivisionError):
        passing("t\u00e9xt", cents, lambda text: 1 / 0)
    with pytest.raises(TypeError):
        passing("text", ())


# Every question of the vocabulary (``words.Words``): a sieve of one pattern that asks.
QUESTIONS = [
    w
    for module in (units, measures, basis, concepts)
    for w in vars(module).values()
    if isinstance(w, Words)
]


def _answers_alike(text: str) -> None:
    for given in SIEVES:
        assert given(text) == sieve._SievingPython.__call__(given, text), text[:200]
    for question in QUESTIONS:
        expected = question.pattern.search(text) is not None
        assert question(text) is expected, (question, text[:200])
        assert sieve._SievingPython.__call__(question, text) is expected


@needs_build
def test_the_compiled_sieving_is_the_base_of_every_sieve_and_question() -> None:
    compiled = sieve._compiled_sieving(forced=True)
    assert compiled is not None and compiled is not sieve._SievingPython
    if sieve.COMPILED:
        assert all(isinstance(s, compiled) for s in [*SIEVES, *QUESTIONS])
    assert len(QUESTIONS) >= 10


@pytest.mark.corpus
def test_a_sieve_and_a_question_answer_as_their_python_call_on_every_corpus_text(
    corpus_dir: Path,
) -> None:
    # the compiled call (where built) against ``_SievingPython.__call__``, and a question
    # against its pattern searched (the definition of ``Words``), on every paragraph and
    # sentence of the corpus
    texts = 0
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        _, paragraphs, _ = pipeline.layout(documents)
        for para in paragraphs[::3]:
            for text in [para.text, *(para.text[s:e] for s, e in sentences(para.text))]:
                _answers_alike(text)
                texts += 1
    assert texts >= 1500


def test_a_sieve_and_a_question_answer_as_their_python_call_on_generated_texts() -> None:
    rng = random.Random(29)
    for _ in range(400):
        pieces = rng.choices(_PIECES, k=rng.randint(0, 12))
        _answers_alike(rng.choice(["", " ", "-"]).join(pieces))


def test_a_sieve_makes_its_entries_when_first_asked() -> None:
    made = Sieve([(True, measures._GAAP)])
    assert made._patterns == ()
    assert made("gaap") == [(True, made._patterns[0][1][1])]
    assert made._patterns and made("net income") == []
    empty = Sieve([])
    assert empty("anything") == [] and empty._patterns == ()  # made again: none to make
    question = Words(r"\bper\s+share\b")
    assert question._patterns == ()
    assert question("Earnings per share") is True and question("Earnings") is False
    assert question._patterns


@needs_build
def test_the_compiled_sieving_refuses_what_is_not_a_call_of_a_sieve() -> None:
    compiled = sieve._compiled_sieving(forced=True)
    assert compiled is not None
    with pytest.raises(TypeError):
        compiled()  # no folding
    with pytest.raises(TypeError):
        compiled(folded, True, 3)
    with pytest.raises(TypeError):
        compiled(folded, asks=True)
    made = compiled(folded)  # the compiled base itself, whatever base ``Sieve`` has here
    made._patterns = sieve.entries([(True, measures._GAAP)])
    assert made("gaap") == [(True, made._patterns[0][1][1])]
    with pytest.raises(TypeError):
        made()
    with pytest.raises(TypeError):
        made("a", "b")
    with pytest.raises(TypeError):
        made(text="gaap")
    with pytest.raises(TypeError):
        made(b"gaap")
    with pytest.raises(AttributeError):
        made._folding = str.lower  # type: ignore[misc]
    made._patterns = [(((), (True, None)))]  # entries that are not a tuple: refused
    with pytest.raises(TypeError):
        made("gaap")


def test_a_sieve_in_a_cycle_is_collected() -> None:
    import gc
    import weakref

    made = Sieve([(True, measures._GAAP)])
    made("gaap")
    made.me = made  # type: ignore[attr-defined]
    gone = weakref.ref(made)
    del made
    gc.collect()
    assert gone() is None


def test_a_sieve_whose_entries_are_replaced_while_asked_answers_as_python() -> None:
    # the entries' truth is asked of an object whose ``__bool__`` may run Python that
    # replaces them: the call holds them first (the compiled call read them freed)
    import re

    made = Sieve([(1, re.compile("x"))])

    class Replacing:
        def __bool__(self) -> bool:
            made._patterns = ()
            return True

    made._patterns = Replacing()  # type: ignore[assignment]
    with pytest.raises(TypeError):  # not iterable: what the Python call raises too
        made("x")
    assert made("x") == [(1, made._patterns[0][1][1])]  # made afresh, and still sound


def test_a_sieve_made_again_forgets_its_entries() -> None:
    import re

    made = Sieve([("old", re.compile("net"))])
    assert [what for what, _ in made("net zzz")] == ["old"]
    made.__init__([("new", re.compile("zzz"))])  # type: ignore[misc]
    assert [what for what, _ in made("net zzz")] == ["new"]
