"""Positioned text of the HTML reader: words keep the place of every character in the file."""

from __future__ import annotations

import random
import re

from tieout.readers.html.text import Text, TextBuilder, join


def _from_runs(source: str, runs: list[tuple[int, int]]) -> Text:
    """The text of these runs of ``source`` (start, end), as the reader assembles a cell."""
    builder = TextBuilder()
    for start, end in runs:
        builder.add(source[start:end], start)
    return builder.build()


def test_words_of_several_runs_keep_each_characters_place() -> None:
    source = "<td>Net \u00a0 <b>income\n</b>   from <i>continuing</i>  operations</td>"
    pieces = ["Net \u00a0 ", "income\n", "   from ", "continuing", "  operations"]
    runs = [(source.index(p), source.index(p) + len(p)) for p in pieces]
    text = _from_runs(source, runs)
    assert len(text.pieces) > 1  # several runs of the file, not one
    words = text.words()
    assert words.value == "Net income from continuing operations"
    for i, ch in enumerate(words.value):
        at = words.offset(i)
        if ch == " ":
            assert at == -1  # a space put between two words is not in the file
        else:
            assert source[at] == ch


def test_words_cut_as_slices_of_each_word_would() -> None:
    # the words of a text with spaces to collapse, pieces in the file or not, are its
    # slices word by word
    rng = random.Random(13)
    letters = "ab \u00a0\n$1"
    for _ in range(5000):
        value = "".join(rng.choice(letters) for _ in range(rng.randint(0, 7)))
        value += "a  b" + "".join(rng.choice(letters) for _ in range(rng.randint(0, 7)))
        starts = sorted(rng.sample(range(len(value) + 1), min(rng.randint(0, 4), len(value) + 1)))
        text = Text(value, tuple((s, rng.choice((-1, rng.randint(0, 99)))) for s in starts))
        expected = join(text.slice(*m.span()) for m in re.finditer(r"\S+", value))
        words = text.words()
        assert words == expected
