"""The compiled words around a figure (prose/_words.c) are the Python's, and the direction
words ``kind`` reads from a figure's last characters are those of its whole prefix.

``frames._tokens_python`` (``_TOKEN``'s matches, lowercased), ``claims._spaced_python``
(``" ".join(text.split())``), ``claims._last_words_python`` (the last twelve words of
``_WORD`` before a figure) and ``subjects._around_python`` (the words of ``labels.WORD``
next to a metric) are the specification; the C ``tokens``, ``spaced``, ``last_words`` and
``around`` replace them whenever the extension was built. Both read every sentence of
every corpus release here (and the last words before each of its characters that opens a
figure), and generated texts built from what the patterns turn on: ASCII letters,
apostrophes, ampersands and hyphens, digits of several scripts with their commas, points
and percent signs, dollar signs, every kind of space, letters that lower by Unicode's own
rules (the dotted I, the Kelvin sign, the long s, the dotless i) and characters beyond
the Basic Multilingual Plane.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from golden import manifest
from tieout import pipeline
from tieout.prose import claims, frames, subjects, wording
from tieout.prose.sentences import sentences
from tieout.sources import load
from written import source

NAME = "tieout.prose._words"
BUILT = importlib.util.find_spec(NAME) is not None
needs_build = pytest.mark.skipif(not BUILT, reason="the C extension is not built here")


def _tokens() -> Callable[[str], list[str]]:
    made = frames._compiled_tokens(forced=True)  # even when the environment forces Python
    assert made is not None
    return made


def _words() -> tuple[Callable[[str], str], Callable[[str, int], str]]:
    made = claims._compiled_words(forced=True)
    assert made is not None
    return made


def _around() -> Callable[[str, int, int], tuple[str, str]]:
    made = subjects._compiled_around(forced=True)
    assert made is not None
    return made


def _text_runs() -> Callable[[str], frozenset[str]]:
    made = subjects._compiled_text_runs(forced=True)
    assert made is not None
    return made


def _runs_agree(text: str) -> frozenset[str]:
    """The distinct runs of a text, compiled and Python, alike: the runs."""
    found = _text_runs()(text)
    assert found == subjects._text_runs_python(text), text[:300]
    assert type(found) is frozenset and all(type(r) is str for r in found)
    assert importlib.import_module(NAME).runs(text) == found  # the C's own, any text
    return found


def _agree(text: str, ends: range | list[int] | None = None) -> list[str]:
    """The four functions, compiled and Python, on a text (``last_words`` before each of
    ``ends`` and ``around`` each stretch between two of them, every place of a short text
    by default); the tokens."""
    tokens = _tokens()(text)
    assert tokens == frames._tokens_python(text), text[:300]
    assert all(type(t) is str for t in tokens)
    spaced, last_words = _words()
    made = spaced(text)
    assert made == claims._spaced_python(text), text[:300]
    assert made.isascii() == claims._spaced_python(text).isascii()  # the same kind of str
    places = ends if ends is not None else range(0, len(text) + 2, max(1, len(text) // 40))
    for end in places:
        assert last_words(text, end) == claims._last_words_python(text, end), (text[:300], end)
    around = _around()
    for start, end in zip(places, [*places[1:], len(text)], strict=True):
        for a, b in ((start, end), (end, start), (start, start)):
            said = around(text, a, b)
            assert said == subjects._around_python(text, a, b), (text[:300], a, b)
            assert all(type(w) is str for w in said)
    return tokens


@needs_build
@pytest.mark.corpus
def test_the_compiled_words_read_every_corpus_sentence_alike(corpus_dir: Path) -> None:
    texts = tokens = 0
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        _, paragraphs, _ = pipeline.layout(documents)
        for para in paragraphs:
            for s, e in sentences(para.text):
                text = para.text[s:e]
                ends = [k for k, c in enumerate(text) if c in "$(-" or c.isdigit()]
                tokens += len(_agree(text, [*ends[:20], len(text)]))
                texts += 1
    assert texts >= 3000
    assert tokens >= 50000


@needs_build
@pytest.mark.corpus
def test_the_compiled_runs_split_every_corpus_prose_alike(corpus_dir: Path) -> None:
    # the text ``TableTerms.within`` reads them of: a release's paragraphs joined
    runs = 0
    for name in manifest(corpus_dir):
        _, documents = load(corpus_dir / name)
        _, paragraphs, _ = pipeline.layout(documents)
        prose = "\n".join(para.text for para in paragraphs)
        runs += len(_runs_agree(prose))
        for para in paragraphs[:50]:
            _runs_agree(para.text)
    assert runs >= 20000


_PIECES = [
    "a", "Z", "net", "Income", "don't", "R&D", "year-over-year", "'", "&", "-", "--", "'s",
    "5", "0", "1,234", "3.5", "12.0%", "%", ",", ".", "$", "$5", "US$", "(", ")", ";",
    " ", "  ", "\u00a0", "\n", "\t", "\u2009", "\u3000", "\x1c", "\x1f", "\x0b", "\r\n",
    "\u0660\u0661", "\u0966", "\uff15", "\U0001d7d8", "\u00b2", "\u0130", "\u212a",
    "\u017f", "\u0131", "\u00df", "\u00c9t\u00e9", "\u00e9", "\U0001f4c8", "\u2013", "_",
    "x\u0301", "\u01c5", "increased", "by", "about", "more than", "of", "\u0307", "i\u0307",
    "I\u0307n", "\u0130\u0307", "\u0131\u0307", "\u2019", "\u2022", "\ud800",
]  # fmt: skip


def test_the_compiled_words_read_generated_texts_alike() -> None:
    if not BUILT:
        pytest.skip("the C extension is not built here")
    rng = random.Random(45)
    respaced = odd = 0
    for _ in range(6000):
        pieces = rng.choices(_PIECES, k=rng.randint(0, 40))
        text = rng.choice(["", " ", "", "\u00a0", "\n"]).join(pieces)
        _agree(text)
        _runs_agree(text)
        respaced += claims._spaced_python(text) != text
        odd += not text.isascii()
        if rng.random() < 0.02:
            long = text * (5000 // max(1, len(text)) + 1)  # a long text
            _agree(long, [0, 1, 199, 200, 201, len(long) // 2, len(long), len(long) + 7])
            _runs_agree(long)
            # many distinct runs: the C's table grown many times over
            _runs_agree(" ".join(f"{text[:3]}{k}X" for k in range(rng.randint(100, 3000))))
    assert respaced >= 1000 and odd >= 1000


@needs_build
def test_the_compiled_words_read_each_kind_of_piece() -> None:
    text = "Net sales of R&D's year-over-year \u212aelvin rose 12.5% to $1,234.5 (\u0661\u0662%)"
    assert _agree(text) == [
        "net", "sales", "of", "r", "d's", "year-over-year", "elvin", "rose", "12.5%", "to",
        "$", "1,234.5", "\u0661\u0662%",
    ]  # fmt: skip
    _, last_words = _words()
    assert last_words(text, text.index("$")) == "Net sales of R&D's year-over-year elvin rose to"
    assert last_words("", 0) == "" and last_words("a b", 10) == "a b"
    at = text.index("of")
    assert _around()(text, at, at + 2) == ("sales", "r&d's")
    assert _around()(text, len(text), len(text)) == ("\u0661\u0662", "")  # no "%" in WORD
    spaced, _ = _words()
    said = "Sales rose."
    assert spaced(said) is said  # spaced already: the text itself
    assert spaced(" a\u3000 b\u00a0") == "a b" and spaced(" a\u3000 b\u00a0").isascii()
    assert _runs_agree("Net sales, net SALES: R&D 12.5%; q1_2004") == {
        "net", "sales", "r", "d", "12", "5", "q1", "2004",
    }  # fmt: skip
    assert _runs_agree("") == frozenset() and _runs_agree(" -- ") == frozenset()
    assert _runs_agree("\u212aelvin \u0130n Caf\u00e9") == {"kelvin", "in", "caf"}
    # a combining dot after an "i" of the lowered text is dropped (the "i" runs on),
    # another is no run's: after the dotted capital's own dot, after a dotless i
    assert _runs_agree("ai\u0307b I\u0307c \u0130\u0307d \u0131\u0307e \u0307f") == {
        "aib", "ic", "i", "d", "e", "f",
    }  # fmt: skip


def test_no_other_character_folds_to_an_ascii_one() -> None:
    # ``_words.c``'s folded_bytes knows these lowerings only: any other character is no
    # run's (its "?"), and no other lowers to more than one character
    odd = {}
    for code in range(128, 0x110000):
        low = chr(code).lower()
        if len(low) > 1 or low.isascii() or low in ("\u0131", "\u017f"):
            odd[code] = low
    assert odd == {0x130: "i\u0307", 0x131: "\u0131", 0x17F: "\u017f", 0x212A: "k"}


@needs_build
def test_the_compiled_words_refuse_what_they_cannot_read() -> None:
    module = importlib.import_module(NAME)
    for bad in (b"net sales", None, 5, ["a"]):
        with pytest.raises(TypeError):
            module.tokens(bad)
        with pytest.raises(TypeError):
            module.spaced(bad)
        with pytest.raises(TypeError):
            module.last_words(bad, 3)
        with pytest.raises(TypeError):
            module.around(bad, 0, 3)
        with pytest.raises(TypeError):
            module.runs(bad)
    with pytest.raises(TypeError):
        module.last_words("net sales")
    with pytest.raises(ValueError):
        module.last_words("net sales", -1)
    with pytest.raises(ValueError):
        claims._last_words_python("net sales", -1)
    for start, end in ((-1, 3), (0, -2)):
        with pytest.raises(ValueError):
            module.around("net sales", start, end)
        with pytest.raises(ValueError):
            subjects._around_python("net sales", start, end)


def test_the_direction_words_are_the_last_of_the_whole_prefix() -> None:
    # ``kind`` reads the words of a figure's last characters when they keep four or more:
    # the last four of the whole prefix's, and as the whole's neither [], ["or"] nor ["of"]
    rng = random.Random(46)
    words = [
        "net", "sales", "increased", "by", "about", "approximately", "more", "than", "less",
        "excess", "of", "or", "to", "from", "loss", "negative", "income", "up", "down",
        "some", "over", "turnover", "12%", "$5", "-", "the", "fell",
    ]  # fmt: skip
    tailed = 0
    for _ in range(6000):
        text = " ".join(rng.choices(words, k=rng.randint(0, 40)))
        text = text.replace(" ", rng.choice([" ", "  ", " \n"]), rng.randint(0, 3))
        end = len(text) - rng.randint(0, 3)
        start = rng.randint(0, 20)
        whole = wording._worded_before(text, start, end)
        found = wording._direction_words(text, start, end)
        if found != whole:
            tailed += 1
            assert len(found) >= wording._TAIL_WORDS
            assert found == whole[-len(found) :]
        else:
            assert found == whole
    assert tailed >= 1000


def _specification() -> str:
    """What ``_words.c`` was written from: the patterns, the windows and the functions of
    the specification, as text."""
    from tieout.prose import labels

    patterns = (frames._TOKEN, claims._WORD, labels.WORD)
    functions = (
        frames._tokens_python,
        claims._spaced_python,
        claims._last_words_python,
        subjects._around_python,
        subjects._text_runs_python,
    )
    windows = f"{claims._WORDS_BEFORE} {claims._LAST_WORDS} {subjects._AROUND}"
    windows += f" {subjects._NOT_RUNS!r}"
    return "\n".join(
        [*(f"{p.pattern!r} {p.flags}" for p in patterns), windows] + [source(f) for f in functions]
    )


def test_the_specification_is_the_one_the_words_were_written_from() -> None:
    # _words.c is a hand-written reader of these patterns: a change to one of them that no
    # corpus sentence or generated text happens to show would leave the two apart on unseen
    # releases. Change the C with the pattern, then this digest.
    digest = hashlib.sha256(_specification().encode("utf-8")).hexdigest()
    assert digest == "b18de9b6d7c755f731c9958b7d056aee5eefcefa820e08b857411f8f39279a5c", (
        "the word patterns or functions changed: make prose/_words.c match them, then "
        f"put {digest} here"
    )
