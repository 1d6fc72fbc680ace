"""Basis: whether a figure is the GAAP measure, a measure adjusted away from it, or the
adjustments between the two.

A release prints GAAP figures and non-GAAP ones side by side ("Net income" and "Adjusted
net income", a "GAAP" column beside an "Adj." and a "Non-GAAP" one) and its prose names
either ("non-GAAP operating margin was 46%"). A figure of one basis is never compared with
a figure of the other. The words are defined here once; each function answers one
question the code asks of them.
"""

from __future__ import annotations

import functools
import re
from enum import StrEnum

from tieout.vocabulary.leads import WordLed, led
from tieout.vocabulary.sieve import Sieve
from tieout.vocabulary.words import Words


class Basis(StrEnum):
    """What a column's head says its figures are measured on."""

    GAAP = "gaap"  # "GAAP", "As Reported"
    NON_GAAP = "non-gaap"  # "Non-GAAP", "As Adjusted", "Pro Forma", "Excluding ..."
    ADJUSTMENTS = "adjustments"  # "Adj.", "Adjustments": the difference between two bases


# The names of a non-GAAP measure ("Non-GAAP", "Adjusted", "As Adjusted", "Pro Forma"); not
# "adjusted for the two-for-one stock split", which restates the GAAP figure.
_NON_GAAP_NAMES = (
    r"\bnon-?\s?gaap\b|\bpro\s*forma\b|\b(?:as\s+)?adjusted\b"
    r"(?!\s+(?:for|to\s+reflect)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}(?:stock\s+)?splits?\b)"
)
# Words that qualify a measure away from its GAAP meaning: "excluding one-time items",
# "before special charges", "without the impact of the charge".
_QUALIFIERS = (
    r"\bexclud\w*|\bexclusive\b|\bbefore\s+(?:special|one-time|unusual|restructuring)"
    r"|\bwithout\s+(?:the\s+)?(?:impact|effect)"
)
# Every word of a non-GAAP measure, in a label, a column head or a sentence.
NON_GAAP = _NON_GAAP_NAMES + "|" + _QUALIFIERS
_NON_GAAP = led(re.compile(NON_GAAP, re.I))  # asked of labels, heads and sentences
# Words that name the GAAP measure explicitly; a column head may say only "Reported".
_GAAP_NAMES = r"\bgaap\b|\bas\s+reported\b"
_GAAP_HEAD = re.compile(_GAAP_NAMES + r"|\breported\b", re.I)
_BASIS_WORDING = led(
    re.compile(r"(?P<adjusted>" + NON_GAAP + r")|(?P<gaap>" + _GAAP_NAMES + r")", re.I)
)  # searched before each figure of the prose
# Column heads of the adjustments between the two: "Adj.", "Adjustments".
_ADJUSTMENTS_HEAD = re.compile(r"\badj\b\.?|\badjustments?\b|\breconciling\s+items\b", re.I)
_ADJUSTED_WORD = re.compile(r"\badjusted\b", re.I)
# What a column head may add to its segment without naming one: the name of its basis.
_HEAD_WORDS = re.compile(
    _NON_GAAP_NAMES + "|" + _GAAP_HEAD.pattern + "|" + _ADJUSTMENTS_HEAD.pattern, re.I
)
# "GAAP Net Income", "Q4 Non-GAAP revenue": a basis word before the metric.
_BASIS_PREFIX = re.compile(r"^\s*(?:q[1-4]\s+)?(?:non-?\s?)?gaap\s+", re.I)
_GAAP_PREFIX = re.compile(r"^\s*gaap\s+", re.I)
# "up 10% in constant currency": a growth rate of no figure the tables print in dollars.
_CONSTANT_CURRENCY = re.compile(
    r"\s*(?:\(\s*)?(?:in|on\s+an?|at)\s+(?:a\s+)?constant[\s-]+currenc(?:y|ies)", re.I
)


# Whether a row label (or its section) names a measure adjusted away from GAAP: asked of
# each new label, searched only where it holds the words a match needs (most labels hold
# none). A question (``words.Words``): one call of the compiled sieve, where a function
# of Python's sieved the label and then searched it.
adjusted_row = Words(NON_GAAP)


def unadjusted_part(label: str) -> str:
    """A label up to its first adjustment word: "Net income, excluding items" -> "Net income, "."""
    return _NON_GAAP.split(label)[0]


# Whether a text holds a word every match of them holds (``sieve.needs``): most of the
# prose names no basis, and a search tries their alternation at most of its characters.
_NON_GAAP_WORDS = Sieve([(True, _NON_GAAP)])
_NON_GAAP_SEARCH = WordLed(_NON_GAAP)  # word start by word start (a clause's)
_BASIS_WORDING_WORDS = Sieve([(True, _BASIS_WORDING)])
# searched word start by word start (``leads.WordLed``): before each figure of a sentence
_BASIS_SEARCH = WordLed(_BASIS_WORDING)
# the patterns ``basis_worded`` and the words of "in constant currency" (``CONSTANT_CURRENCY``,
# before ``constant_currency_at`` is asked per figure) sieve for, for a sieve of many
# searches of one sentence (``prose.claims``: one call, where each was one)
BASIS_WORDING = _BASIS_WORDING


def names_adjusted(text: str) -> bool:
    """Whether a stretch of prose speaks of an adjusted measure anywhere."""
    return bool(_NON_GAAP_WORDS(text)) and _NON_GAAP_SEARCH.search(text) is not None


def basis_worded(text: str) -> bool:
    """Whether a text holds a word every wording of a basis holds (``sieve.needs``): where
    it does not, ``basis_said_last`` finds none before any of its figures."""
    return bool(_BASIS_WORDING_WORDS(text))


def basis_said_last(text: str, end: int, *, worded: bool | None = None) -> Basis | None:
    """The basis the words of ``text`` before ``end`` name last, or None if none does.

    "GAAP net income was $3.2 billion, and non-GAAP net income was $4.2 billion": before
    the second figure the last basis named is non-GAAP. ``worded``: ``basis_worded`` of
    ``text``, when asked already (once per sentence, not per figure).
    """
    last = None
    if not (basis_worded(text) if worded is None else worded):
        return None  # none of their words anywhere in it
    for m in _BASIS_SEARCH.finditer(text, 0, end):
        last = m
    if last is None:
        return None
    return Basis.NON_GAAP if last.group("adjusted") is not None else Basis.GAAP


# Whether a column head holds a word each basis a head may name needs (``sieve.needs``),
# in the order ``basis_of_head`` asks them: most heads name none ("QUARTERS ENDED MARCH
# 31 2004"), and are answered by one sieve, where three patterns were searched through
# each (two of them not led: tried at every character; 40,000 instructions a head).
_HEAD_BASIS_WORDS = Sieve(
    [(Basis.ADJUSTMENTS, _ADJUSTMENTS_HEAD), (Basis.NON_GAAP, _NON_GAAP), (Basis.GAAP, _GAAP_HEAD)]
)


@functools.lru_cache(maxsize=1024)  # the heads repeat: 1,672 asks of 594 texts in a corpus pass
def basis_of_head(text: str) -> Basis | None:
    """The basis a column head names, if any (a pure function of the head's text): the
    adjustments between two bases where it names them ("Adj.") and not "adjusted", else
    non-GAAP, else GAAP. Each is searched for only where the head holds the words it needs
    (a pattern the sieve leaves out matches nowhere in it)."""
    for basis, pattern in _HEAD_BASIS_WORDS(text):  # in that order, each led
        if pattern.search(text) is None:
            continue
        if basis is Basis.ADJUSTMENTS and _ADJUSTED_WORD.search(text):
            continue  # "Adjusted": no adjustments column; perhaps non-GAAP
        return basis
    return None


def without_basis_words(text: str) -> str:
    """A column head with its basis words blanked: "GAAP Domestic" -> " Domestic"."""
    return _HEAD_WORDS.sub(" ", text)


def without_basis_prefix(label: str) -> str:
    """A label without a basis word before its metric: "GAAP Net Income" -> "Net Income",
    "Q4 Non-GAAP revenue" -> "revenue" (the prose's key for a row; its basis is kept apart).
    The prefix matched at the start, its one place (``sub`` tried it at every character)."""
    m = _BASIS_PREFIX.match(label)
    return label if m is None else label[m.end() :]


def without_gaap_prefix(label: str) -> str:
    """A label without "GAAP" before its metric: the GAAP measure itself ("Non-GAAP" stays)."""
    return _GAAP_PREFIX.sub("", label)


CONSTANT_CURRENCY = _CONSTANT_CURRENCY  # (``BASIS_WORDING``'s note)


def constant_currency_at(text: str, at: int) -> bool:
    """Whether the words at ``at`` say "in constant currency" (after a growth rate)."""
    return _CONSTANT_CURRENCY.match(text, at) is not None
