"""The compiled runs of a fixed-width line (readers/text/_runs.c) give the Python answers.

``lines._runs_python`` (every match of ``_CHUNK``: runs of non-space characters joined by
single spaces, a "$" one space after a digit, ")" or "%" opening a new run) is the
specification; the C function replaces it whenever the extension was built, for a str of
any width. Both read every line of every corpus document here (the text documents, and
the HTML ones as odd input in bulk), and generated lines: every mix of spaces, "$",
digits, ")", "%" and letters, the whitespace and digits of other scripts (which the
regular expression's ``\\s`` and ``\\d`` take), characters of two and four bytes.
"""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import pytest

from golden import manifest
from tieout.readers.text import lines
from tieout.sources import load

NAME = "tieout.readers.text._runs"
BUILT = importlib.util.find_spec(NAME) is not None
needs_build = pytest.mark.skipif(not BUILT, reason="the C extension is not built here")


def _agree(text: str) -> None:
    import tieout.readers.text._runs as compiled

    assert compiled.runs(text) == lines._runs_python(text), repr(text[:200])


@needs_build
def test_the_compiled_runs_read_every_corpus_line_alike(corpus_dir: Path) -> None:
    count = 0
    for name in manifest(corpus_dir):
        for doc in load(corpus_dir / name)[1]:
            for text in dict.fromkeys(doc.lines):
                _agree(text)
                _agree(lines.clean(text))  # as read_line asks: tags and tabs blanked
                count += 1
    assert count >= 15000


# spaces of every kind the pattern's \s takes (and a tab, a form feed), its \d's digits
# of other scripts, "$", ")", "%", letters, and characters of two and four bytes
_PIECES = [
    " ", " ", " ", "  ", "$", "$ ", " $", "1", "0", "9", ")", "%", ")%", "(", "a", "Z",
    "-", ".", ",", "\t", "\f", "\x0b", "\x1c", "\x1f", "\x85", "\xa0", "é", "\u0663",
    "\u0966", "\u2003", "\u2028", "\u3000", "\u2014", "\U0001d7d9", "\U0001f600", "²",
]  # fmt: skip


@needs_build
def test_the_compiled_runs_read_generated_lines_alike() -> None:
    rng = random.Random(15)
    for _ in range(20000):
        _agree("".join(rng.choice(_PIECES) for _ in range(rng.randrange(0, 16))))
    for text in ("", " ", "$", " $ ", "1 $", "1) $2", "a $ 1", "5% $", "x  $ 1 $", "1 $$ 2"):
        _agree(text)


@needs_build
def test_a_figure_after_a_label_is_a_run_of_its_own() -> None:
    import tieout.readers.text._runs as compiled

    assert compiled.runs("Net sales  $ 1,234   (56)") == [
        (0, 9, "Net sales"),
        (11, 18, "$ 1,234"),
        (21, 25, "(56)"),
    ]
    # a "$" one space after a figure opens a run; after a word it joins the word
    assert compiled.runs("12 $3") == [(0, 2, "12"), (3, 5, "$3")]
    assert compiled.runs("Synfuels $ 0.25") == [(0, 15, "Synfuels $ 0.25")]
    with pytest.raises(TypeError):
        compiled.runs(b"12")  # type: ignore[arg-type]


def test_the_chunks_are_the_patterns_matches_leaders_blanked() -> None:
    # in use, compiled or not: the runs of the line, its dot leaders as spaces
    assert lines.chunks("Revenue.........  1,234") == [(0, 7, "Revenue"), (18, 23, "1,234")]
    assert lines.chunks("Revenue . . . .  $ 12") == [(0, 7, "Revenue"), (17, 21, "$ 12")]


def _chunks_always_blanked(text: str) -> list[tuple[int, int, str]]:
    """The reference: the leaders blanked on every line, then the pattern's matches."""
    text = lines._LEADER.sub(lines._blanked, text)
    return [(m.start(), m.end(), m.group(0)) for m in lines._CHUNK.finditer(text)]


def test_the_leaders_are_blanked_wherever_one_can_be(corpus_dir: Path) -> None:
    # ``chunks`` blanks leaders only on a line with two periods at most one whitespace
    # apart (or "___"): the same runs as blanking them on every line
    for name in manifest(corpus_dir):
        for doc in load(corpus_dir / name)[1]:
            for text in dict.fromkeys(doc.lines):
                line = lines.clean(text)
                assert lines.chunks(line) == _chunks_always_blanked(line), line
    rng = random.Random(16)
    pieces = [
        ".",
        ". ",
        " .",
        "..",
        ".\xa0",
        ".\u2003",
        "_",
        "__",
        "___",
        " ",
        "  ",
        "1",
        "$",
        "(",
        "a",
    ]
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 14)))
        assert lines.chunks(text) == _chunks_always_blanked(text), repr(text)
