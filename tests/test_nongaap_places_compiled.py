"""The compiled places of "reconcil", stretches from a "&" and tags made spaces
(nongaap/_places.c) give the Python answers.

``reconcile._word_at_python`` (where the word begins, case aside, found in the lowered
text), ``reconcile._references_python`` (the distinct stretches from a "&" through the
ASCII letters, digits and "#" after it and a ";" after those) and
``reconcile._tags_spaced_python`` (each "<" through the next ">" or the text's end made a
space: ``_TAGS.sub``) are the specification; the C functions replace them whenever the extension was built, and hand back to them
(NotImplemented) for a text with a character above U+00FF. Both read every document of
every corpus release here, and generated texts: the word in every case and at every
place near a block of sixteen bytes and the text's ends, Latin-1 letters beside it, the
characters whose lowering changes a text's length or spells an "i", references of every
form (numeric, hexadecimal, named, unterminated, cut by the text's end), tags unclosed,
nested, holding a newline or a Latin-1 letter (the spaced text is then ASCII, as sub's).

``_may_spell`` reads the references in those stretches: the same answer as the search of
``_REFS_SPELLING`` over the whole text, on the corpus and the generated texts.
"""

from __future__ import annotations

import importlib.util
import random
import re
import sys
from collections.abc import Callable
from html import unescape
from pathlib import Path

import pytest

import tieout.nongaap  # noqa: F401  (the package shadows its module's name)
from golden import manifest
from tieout.sources import load

reconcile = sys.modules["tieout.nongaap.reconcile"]

NAME = "tieout.nongaap._places"
BUILT = importlib.util.find_spec(NAME) is not None
needs_build = pytest.mark.skipif(not BUILT, reason="the C extension is not built here")


def _compiled() -> tuple[
    Callable[[str], list[int]], Callable[[str], set[str]], Callable[[str], str]
]:
    made = reconcile._compiled_places(forced=True)  # even when the environment forces Python
    assert made is not None
    return made


def _may_spell_whole(text: str) -> bool:
    """``_may_spell`` as it read the whole text: every match of ``_REFS_SPELLING``."""
    if "&" not in text:
        return False
    return any(
        not (decoded := unescape(ref)) or reconcile._SPELLS.search(decoded) is not None
        for ref in set(reconcile._REFS_SPELLING.findall(text))
    )


def _agree(text: str) -> None:
    word_at, references, tags_spaced = _compiled()
    assert word_at(text) == reconcile._word_at_python(text), text[:200]
    assert references(text) == reconcile._references_python(text), text[:200]
    assert reconcile._may_spell(text) == _may_spell_whole(text), text[:200]
    spaced = tags_spaced(text)
    assert spaced == re.sub(r"<[^>]*>?", " ", text), text[:200]  # the specification's sub
    assert spaced == reconcile._tags_spaced_python(text), text[:200]
    # the same str as sub makes: equal, and as narrow (a Latin-1 letter only in a tag)
    assert spaced.isascii() == reconcile._tags_spaced_python(text).isascii(), text[:200]
    for passage in reconcile.passages(True, text):  # and the passages the stage spaces
        assert tags_spaced(passage) == reconcile._tags_spaced_python(passage), passage[:200]


@needs_build
def test_the_compiled_places_read_every_corpus_document_alike(corpus_dir: Path) -> None:
    documents = 0
    for name in manifest(corpus_dir):
        for doc in load(corpus_dir / name)[1]:
            _agree(doc.text)
            documents += 1
    assert documents >= 60


_PIECES = [
    "reconcil", "Reconciliation", "RECONCILE", "rEcOnCiLeD", "reconci", "econcil", "rec",
    "reconcilreconcil", "recon cil", "r", "R", "e", "c", ".", " ", "\n", "<b>", "</b>",
    "99.", "&", "&amp;", "&amp", "&#82;", "&#x52;", "&#X63;", "&#160;", "&#160", "&#1601;",
    "&#0000000000082;", "&#;", "&#x;", "&nbsp;", "&nbsp", "&rcy;", "&Ropf;", "&#8217;",
    "&#99", "&;", "&&", "&a#1;", "&ecirc;", "&iexcl;", "é", "Ê", "ß", "µ", "ÿ", "×",
    "<", ">", "<<", ">>", "<a<b>", "< é >", "<p\n class='x'>", "<!-- . -->", "\x00",
]  # fmt: skip
# outside Latin-1 (the Python reads them): a dotted capital I (lowers to two characters),
# a dotless i, a Kelvin sign, a right quote
_WIDE = ["\u0130", "\u0131", "\u212a", "\u2019", "RECONC\u0130L", "reconc\u0131l"]


def _text(rng: random.Random, wide: bool) -> str:
    pieces = _PIECES + _WIDE if wide else _PIECES
    return "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 40)))


@needs_build
def test_the_compiled_places_read_generated_texts_alike() -> None:
    rng = random.Random(14)
    for _ in range(4000):
        _agree(_text(rng, wide=False))
    for _ in range(1000):
        _agree(_text(rng, wide=True))


@needs_build
def test_the_word_at_every_place_near_a_block_and_the_ends() -> None:
    # the compiled search reads sixteen places at a time, then byte by byte to the end
    for length in range(0, 60):
        for at in range(0, max(1, length - 7)):
            for word in ("reconcil", "RECONCIL", "ReConCiL"):
                text = ("x" * length)[:at] + word + "y" * max(0, length - at - 8)
                _agree(text)
                _agree(text[:-1])  # the word cut by the end
                _agree("é" + text)  # Latin-1, one byte a character still


@needs_build
def test_a_wide_text_is_handed_to_the_python() -> None:
    import tieout.nongaap._places as places

    for text in ("reconcil \u2019", "\u0130", "RECONC\u0130L & &#82;"):
        assert places.word_at(text) is NotImplemented
        assert places.references(text) is NotImplemented
        assert places.tags_spaced(text) is NotImplemented
        _agree(text)
    assert places.word_at("") == [] and places.references("") == set()
    assert places.tags_spaced("") == ""
    assert places.tags_spaced("<") == " " and places.tags_spaced("a<b") == "a "
    assert places.tags_spaced("<é>x") == " x" and places.tags_spaced("<é>x").isascii()
    with pytest.raises(TypeError):
        places.tags_spaced(b"<b>")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        places.word_at(b"reconcil")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        places.references(None)  # type: ignore[arg-type]
