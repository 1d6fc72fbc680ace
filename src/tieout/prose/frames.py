"""Frames: how a sentence splits into clauses, and each clause into what it compares.

A sentence is read in clauses (split at `;`, "while", "whereas", "but") and each clause
in frames: the words before a comparison ("compared to", "from", "versus") speak of
the current period, the words after it of the period compared with. A comparison
followed by a period and a comma ("Compared to the first quarter of 2003, net sales
...") names the base of the comparison without opening a frame.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tieout.extensions import compiled
from tieout.model import quick_init
from tieout.prose.numbers import Figure
from tieout.prose.periods import PeriodPhrase
from tieout.prose.sentences import wordset
from tieout.vocabulary.leads import WordLed, led
from tieout.vocabulary.sieve import Sieve

# led (``leads.led``): searched through every sentence laid out
_BOUNDARY = led(re.compile(r";|\bwhile\b|\bwhereas\b|\balthough\b|\bbut\b", re.I))
_MARKER = led(
    re.compile(
        r"\b(?:as\s+)?compared\s+(?:to|with)\b|\bversus\b|\bvs\.?(?=\s)|\bagainst\b|\bfrom\b"
        r"|\bover\b|(?<=higher\s)than\b|(?<=lower\s)than\b",
        re.I,
    )
)  # led too: searched through every clause laid out
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'-]*|\d[\d,.]*%?|\$")
# What may stand between "compared to" / "from" and the figure compared with.
_BEFORE_COMPARED = wordset(
    """a an the positive negative minus approximately about nearly almost some roughly around
    just over under more less than of its their reported record level loss income profit"""
)
# _markers' other patterns, compiled once: they run for every comparison word
_PERCENT_BEFORE = re.compile(r"(?:%|percent)\s*$")
_ARTICLE = re.compile(r"\s*(?:the\s+|a\s+|an\s+)?")
_STOP = re.compile(r"[;:]")


@quick_init  # made per figure, phrase, row or mention
@dataclass(frozen=True, slots=True)
class Frame:
    """A stretch of a clause: before any comparison (current) or after one (prior)."""

    clause: int
    start: int
    end: int
    prior: bool


@quick_init  # made per sentence laid out
@dataclass(frozen=True, slots=True)
class Layout:
    """The clauses and frames of a sentence, and the periods named as comparison bases."""

    clauses: tuple[tuple[int, int], ...]
    frames: tuple[tuple[Frame, ...], ...]  # per clause, in order; the first is current
    bases: tuple[tuple[PeriodPhrase, ...], ...]  # per clause

    def clause_of(self, at: int) -> int:
        for i, (a, b) in enumerate(self.clauses):  # loops, not next(): asked per figure
            if a <= at < b:
                return i
        raise StopIteration  # what next() of none raised

    def frame_of(self, at: int) -> Frame:
        for f in self.frames[self.clause_of(at)]:
            if f.start <= at < f.end:
                return f
        raise StopIteration


def masked(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> str:
    """``text[start:end]`` with the given spans blanked out."""
    out = text[start:end]
    for a, b in spans:  # each span's part inside, blanked by slices (not per character)
        if a < start:  # clipped by comparisons (``max`` and ``min`` calls cost more)
            a = start
        if b > end:
            b = end
        if a < b:
            a -= start
            b -= start
            out = f"{out[:a]}{' ' * (b - a)}{out[b:]}"
    return out


def _tokens_python(text: str) -> list[str]:
    """The words and numbers of a text, lowercased (``_TOKEN``'s matches): the
    specification of the compiled ``tokens`` (``_words.c``)."""
    if not text.isascii():
        return [t.lower() for t in _TOKEN.findall(text)]
    # Lowered first: the same tokens (no letter lowers into another). A token holds no
    # whitespace, so the tokens of the text are those of its pieces between whitespace,
    # in order; a piece of letters alone, or of digits alone, is one token. The others are
    # found by ``_TOKEN``: ``findall`` costs about 1,500 instructions a token (each match
    # a search of its own, the alternation's stack grown anew), ``split`` a tenth of it.
    out: list[str] = []
    for piece in text.lower().split():
        if piece.isalpha() or piece.isdigit():  # ASCII: [a-z]+ or [0-9]+
            out.append(piece)
        else:
            out += _TOKEN.findall(piece)
    return out


def _compiled_tokens(*, forced: bool = False) -> Callable[[str], list[str]] | None:
    """The compiled ``tokens`` (``_words.c``), as ``extensions.compiled`` gives it."""
    module = compiled("tieout.prose._words", forced=forced)
    return None if module is None else module.tokens


# asked of the words between a metric and its figure, before a figure (``wording``) and
# after a comparison word: about 250 texts a pass of the 3 text releases
tokens: Callable[[str], list[str]] = _compiled_tokens() or _tokens_python
COMPILED = tokens is not _tokens_python


# Whether a sentence holds a word every boundary holds (``sieve.needs``): most hold none,
# and are one clause without a search
_BOUNDARY_WORDS = Sieve([(True, _BOUNDARY)])
# Whether a sentence holds a word every comparison word holds ("compared", "from",
# "over", "than"...): about half the sentences laid out hold none, and their clauses are
# not searched (a search tries the pattern at every character its matches may begin with).
_MARKER_WORDS = Sieve([(True, _MARKER)])
_MARKER_SEARCH = WordLed(_MARKER)  # searched word start by word start


def clauses(text: str) -> list[tuple[int, int]]:
    if not _BOUNDARY_WORDS(text):  # most sentences: one clause, no cut to pair
        return [(0, len(text))] if text else []
    cuts = [0, *[m.start() for m in _BOUNDARY.finditer(text)], len(text)]
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def _markers(
    text: str,
    clause: tuple[int, int],
    figs: Sequence[Figure],
    phrases: Sequence[PeriodPhrase],
    covered: Sequence[tuple[int, int]],
    compares: bool = True,
) -> tuple[list[int], list[PeriodPhrase]]:
    """Where prior frames open in a clause, and periods named as the base of a comparison.

    A comparison word followed by a period ("up 30 percent from the year-ago quarter",
    "grew 30 percent over last year to $74.6 billion") names the base of a change; one
    followed by a figure ("compared to $32,383,000", "from positive $304,000") opens
    a frame that speaks of the period compared with. ``figs`` are in order; ``compares``
    is False when the sentence holds no comparison word (``_MARKER_WORDS``): none opens.
    """
    opens: list[int] = []
    bases: list[PeriodPhrase] = []
    a, b = clause
    for m in _MARKER_SEARCH.finditer(text, a, b) if compares else ():
        at = m.start()
        inside = False
        for s, e in covered:  # loops, not any(): asked per comparison word
            if s <= at < e:
                inside = True
                break
        if inside:
            continue  # "from" inside "income from operations"
        word = m.group(0).lower()
        if word == "over" and not _PERCENT_BEFORE.search(text[a:at]):
            continue  # "over $1 billion" is a qualifier
        end = m.end()
        head = _ARTICLE.match(text, end, b)  # as on the slice: no anchor, no lookbehind
        at = head.end() if head else end
        phrase = None
        for p in phrases:
            if p.start == at:
                phrase = p
                break
        if phrase is not None:
            bases.append(phrase)
            continue
        # the figures are in order, and the words before a later one hold those before
        # the first after the word (a figure's first character extends no word of
        # _BEFORE_COMPARED): only that first one can follow the word
        after = None
        for f in figs:
            if f.start >= end:
                after = f.start
                break
        figure_next = (
            after is not None
            and _BEFORE_COMPARED.issuperset(tokens(masked(text, end, after, covered)))
            and not _STOP.search(text, end, after)
        )
        later = after is not None and after < b
        if figure_next or (later and word not in ("from", "over", "against")):
            opens.append(m.start())
    return opens, bases


def layout(
    text: str,
    figs: Sequence[Figure],
    phrases: Sequence[PeriodPhrase],
    covered: Sequence[tuple[int, int]],
) -> Layout:
    """The clauses and frames of a sentence (``figs`` in order); ``covered`` spans hold no
    comparison word."""
    parts = clauses(text)
    compares = bool(_MARKER_WORDS(text))  # asked once per sentence, not per clause
    frames: list[tuple[Frame, ...]] = []
    bases: list[tuple[PeriodPhrase, ...]] = []
    for ci, clause in enumerate(parts):
        if not compares:  # no comparison word: one current frame, no base
            frames.append((Frame(ci, clause[0], clause[1], False),))
            bases.append(())
            continue
        opens, base = _markers(text, clause, figs, phrases, covered, compares)
        cuts = [clause[0], *opens, clause[1]]
        frames.append(
            tuple([Frame(ci, a, b, i > 0) for i, (a, b) in enumerate(itertools.pairwise(cuts))])
        )
        bases.append(tuple(base))
    return Layout(tuple(parts), tuple(frames), tuple(bases))
