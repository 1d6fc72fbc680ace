"""Sentences of a paragraph: where one ends and the next begins.

A sentence ends at `.`, `!` or `?` followed by a space and a capital, a digit, a quote
or a `$`, or at a bullet (`•`) printed inside the paragraph, unless the period closes an abbreviation (`Inc.`, `Jan.`, `U.S.`, `a.m.`) or
an initial (`Alan J. Lacy`). Decimal points are never followed by a space, so figures
are never cut.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import partial

from tieout.extensions import compiled


def wordset(text: str) -> frozenset[str]:
    """The words of a text as a set: how the prose stage writes its word lists."""
    return frozenset(text.split())


_ABBREVIATIONS = wordset(
    """inc co corp ltd llc plc no nos mr mrs ms dr st jr sr vs etc approx est dept jan feb mar
    apr jun jul aug sep sept oct nov dec ill calif fla mass conn penn mich minn wash ariz
    colo tenn wis mo md va ky ala ga la miss okla tex e.g i.e a.m p.m u.s u.k n.a n.e n.w
    s.e s.w d.c fig figs ref refs"""
)
_END = re.compile(r"[.!?][\"')\u201d]*\s+(?=[\"'\u201c(]?[A-Z0-9$]|[-\u2022*]\s)")
# a bullet inside a paragraph opens a sentence of its own ("... Results • Full year ...")
_BULLET = re.compile(r"\s+[\u2022\u25aa\u25cf\u25e6\u2023]\s*")
# the bullets themselves: most paragraphs print none, and a search for one character of a
# class is a fast scan, where _BULLET tries its pattern at every space
_BULLET_MARK = re.compile(r"[\u2022\u25aa\u25cf\u25e6\u2023]")


def _abbreviation_before(text: str, dot: int) -> bool:
    """True when the period at ``dot`` closes an abbreviation or an initial."""
    start = dot
    while start > 0 and (text[start - 1].isalpha() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot].lower()
    if not word:
        return False
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "Alan J. Lacy"
    return word in _ABBREVIATIONS


MAX_SENTENCE = 1000  # characters; no sentence of a release is longer


def sentences(text: str) -> list[tuple[int, int]]:
    """The [start, end) offsets of each sentence of a paragraph's text; a bullet printed
    inside the paragraph ends a sentence too.

    A run of text longer than any sentence (a table printed as one line, a file built to
    be slow) is cut into pieces of at most ``MAX_SENTENCE`` characters at a `;` or `,`,
    so reading a paragraph takes time in proportion to its length.
    """
    spans = _spans(text)
    if len(text) <= MAX_SENTENCE:
        return spans  # no sentence of it is longer than the bound (most paragraphs)
    # a sentence no longer than the bound (all but a few) is its own piece
    return [
        piece
        for span in spans
        for piece in (_bounded(text, *span) if span[1] - span[0] > MAX_SENTENCE else (span,))
    ]


def _spans_python(text: str) -> list[tuple[int, int]]:
    """The sentences of a paragraph, no bound applied: cut at each bullet printed inside
    it, then each piece at the ends of its sentences (``_sentences``).

    The specification of the compiled ``spans`` (``_sentences.c``), which finds the same
    spans in one pass of C over the paragraph, without the regular expressions' calls."""
    spans: list[tuple[int, int]] = []
    offset = 0
    # every bullet mark is a character not ASCII: an ASCII text (most) prints none
    marked = not text.isascii() and _BULLET_MARK.search(text)
    for m in _BULLET.finditer(text) if marked else ():
        spans.extend((offset + a, offset + b) for a, b in _sentences(text[offset : m.start()]))
        offset = m.end()
    spans.extend((offset + a, offset + b) for a, b in _sentences(text[offset:]))
    return spans


def _compiled_spans(*, forced: bool = False) -> Callable[[str], list[tuple[int, int]]] | None:
    """The compiled ``spans`` (``_sentences.c``) given the abbreviations, as
    ``extensions.compiled`` gives it."""
    module = compiled("tieout.prose._sentences", forced=forced)
    return None if module is None else partial(module.spans, _ABBREVIATIONS)


def _bounded(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces = []
    while end - start > MAX_SENTENCE:
        limit = start + MAX_SENTENCE
        cut = max(text.rfind("; ", start, limit), text.rfind(", ", start, limit))
        if cut <= start:
            cut = text.rfind(" ", start, limit)
        if cut <= start:
            cut = limit - 1
        pieces.append((start, cut + 1))
        start = cut + 1
        while start < end and text[start] == " ":
            start += 1
    pieces.append((start, end))
    return [(a, b) for a, b in pieces if b > a]


def _sentences(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        dot = m.start()
        if text[dot] == "." and _abbreviation_before(text, dot):
            continue
        end = m.end()
        while end > start and text[end - 1] == " ":
            end -= 1
        if end > start:
            spans.append((start, end))
        start = m.end()
    if start < len(text) and text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


_spans: Callable[[str], list[tuple[int, int]]] = _compiled_spans() or _spans_python
COMPILED = _spans is not _spans_python
