"""The compiled starts of a submission's tags and its newline count (sources/_tags.c)
give the Python answers, and the tags found from them are the ones one search of the
whole text found.

``submission._mark_starts_python`` (every "\\n<" followed by an optional "/", "document" or
"text" case aside, and ">") is the specification; the C function replaces it whenever the
extension was built, and hands back to it (NotImplemented) for a text with a character
above U+00FF. ``_marks`` tries the tag's pattern at each start: the same marks as
``_MARK.finditer`` over the whole text, kept here as the reference. ``_newlines_python``
(``str.count`` of the newline) is the specification of ``newlines``, its start and end
read as a slice's. All read every corpus
file, and generated texts: the tags in every case, cut short, with every kind of
whitespace after them, the case-insensitive look-alikes of other scripts (a Kelvin sign,
a dotted capital I), wide characters.
"""

from __future__ import annotations

import importlib
import importlib.util
import random
from pathlib import Path

import pytest

from golden import manifest
from tieout.sources.decode import decode, read_bytes

submission = importlib.import_module("tieout.sources.submission")

NAME = "tieout.sources._tags"
BUILT = importlib.util.find_spec(NAME) is not None
needs_build = pytest.mark.skipif(not BUILT, reason="the C extension is not built here")


def _marks_whole(text: str) -> list[tuple[int, int, int]]:
    """The marks as one search of the whole text found them (the definition ``_marks``
    replaces)."""
    out = []
    first = submission._FIRST_MARK.match(text)
    for m in ([first] if first else []) + list(submission._MARK.finditer(text)):
        close, name = m.group(1, 2)
        kind = (4 if close else 0) + (1 if len(name) == 8 else 2)
        out.append((kind, m.start(1) - 1, m.end()))
    return out


def _agree(text: str) -> None:
    assert submission._marks(text) == _marks_whole(text), repr(text[:200])
    if BUILT:
        made = submission._compiled_tags(forced=True)
        assert made is not None
        mark_starts, newlines = made
        assert mark_starts(text) == submission._mark_starts_python(text), repr(text[:200])
        n = len(text)
        for start, end in ((0, n), (n // 3, n - n // 4), (n // 2, n // 2), (-5, n + 3)):
            assert newlines(text, start, end) == text.count("\n", start, end), repr(text[:200])


def test_the_marks_of_every_corpus_file_are_the_whole_search(corpus_dir: Path) -> None:
    files = 0
    for name in manifest(corpus_dir):
        path = corpus_dir / name
        _agree(decode(read_bytes(path), str(path)))
        files += 1
    assert files >= 30


_PIECES = [
    "\n", "\n", "<", "</", "\n<", "\n</", "DOCUMENT>", "TEXT>", "document>", "tExT>",
    "Document", "TEXT", ">", "/", " ", "\t", "\f", "\x1c", "\x85", "\xa0", "\u2028", "\r",
    "<html>", "<td>", "<DOC>", "DOCUMENTS>", "x", "é", "D", "t",
]  # fmt: skip
# outside Latin-1: look-alikes the pattern's IGNORECASE might take, and wide characters
_WIDE = ["\u212a", "\u0130", "\u0131", "\u017f", "\u2019", "\U0001f600", "ＴＥＸＴ>"]


def _text(rng: random.Random, wide: bool) -> str:
    pieces = _PIECES + _WIDE if wide else _PIECES
    return "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 24)))


def test_the_marks_of_generated_texts_are_the_whole_search() -> None:
    rng = random.Random(15)
    for _ in range(6000):
        _agree(_text(rng, wide=False))
    for _ in range(2000):
        _agree(_text(rng, wide=True))
    for text in ("", "\n<", "\n</", "\n<TEXT", "\n<TEXT>", "\n</document>  \n", "<TEXT>\n"):
        _agree(text)


@needs_build
def test_a_wide_text_is_handed_to_the_python() -> None:
    import tieout.sources._tags as tags

    for text in ("\n<TEXT>\n\u2019", "\u0130\n</DOCUMENT>"):
        assert tags.mark_starts(text) is NotImplemented
        _agree(text)
    assert tags.mark_starts("") == []
    assert tags.mark_starts("a\n<TEXT>\n<text>\n</Document>x\n<TEXTS>") == [1, 8, 15]
    with pytest.raises(TypeError):
        tags.mark_starts(b"\n<TEXT>")  # type: ignore[arg-type]
    assert tags.newlines("\u2019\n", 0, 2) is NotImplemented
    text = "a\nb\n\nc\n"
    for start in range(-12, 12):
        for end in range(-12, 12):
            assert tags.newlines(text, start, end) == text.count("\n", start, end)
    with pytest.raises(TypeError):
        tags.newlines(text, 0)  # type: ignore[call-arg]
