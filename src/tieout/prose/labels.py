"""Labels and words: what a row label or a phrase names, reduced to comparable keys.

A canonical concept (tieout.vocabulary, with a basis word such as "GAAP" dropped), a
cleaned label (notes, footnote marks and "as reported" removed), the content words of a
text, and whether a text speaks of revenues or of expenses.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable

from tieout.extensions import compiled
from tieout.prose.sentences import wordset
from tieout.vocabulary.basis import without_basis_prefix
from tieout.vocabulary.concepts import Concept
from tieout.vocabulary.concepts import concept_of as _concept_of
from tieout.vocabulary.sieve import Sieve
from tieout.vocabulary.spacing import one_spaced

WORD = re.compile(r"[A-Za-z][A-Za-z'&-]*|\d[\d,.]*|\$")
_STOP = wordset(
    """the a an of and or to for in on at by from with as its their our per net total other - &
    s"""
)
_LABEL_NOISE = re.compile(
    r"\((?:see\s+)?notes?\)|\(\s*[a-z0-9]\s*\)|\*+|\bas\s+reported\b|\bavailable\s+to\s+common"
    r"(?:\s+(?:stock|share)holders)?\b|\bapplicable\s+to\s+common\s+(?:stock|share)holders\b"
    r"|\(in\s+(?:thousands|millions)\)|\(\s*%\s*\)|%\s*$",
    re.I,
)
_REVENUE_WORDS = re.compile(r"\brevenues?\b|\bsales\b", re.I)
_EXPENSE_WORDS = re.compile(r"\bexpenses?\b|\bcosts?\b", re.I)


@functools.lru_cache(maxsize=8192)
def concept_of(label: str) -> Concept | None:
    """tieout.vocabulary.concept_of, remembered, with a basis word before the metric dropped.

    "GAAP Net Income" is net income; the prose stage asks of each label often.
    """
    found = _concept_of(label)
    if found is None and (bare := without_basis_prefix(label)) != label:
        found = _concept_of(bare)
    return found


# A claim's subject, a row's label or a segment's head is asked for its words by each
# claim that names it and by the checks' rows: over the corpus 8,345 asks of 5,063 texts in
# one pass of its releases (the subjects a release repeats, "revenue", "net income"). The
# words are a pure function of the text, remembered for this many texts.
_WORDS = 1024


@functools.lru_cache(maxsize=_WORDS)
def words(text: str) -> frozenset[str]:
    """The content words of a text, lowercased, `&` read as `and` (``_words_python``, or
    the compiled ``words`` of ``_lookup.c`` for a text all ASCII)."""
    return _words(text)


def _words_python(text: str) -> frozenset[str]:
    """The content words of a text (``words``): the specification of the compiled
    ``_lookup.words``, which answers a text all ASCII and gives any other to this."""
    if text.isascii():  # lowered first: the same words, each lowered once
        low = text.lower()
        if "&" in low:
            low = low.replace("&", " and ")
        # the words begun by a letter (``_LETTERED``: those ``WORD`` finds but the numbers
        # and "$", which no word is), made in a list: a generator's frame was a third of it
        return frozenset(
            [w.rstrip("'-").removesuffix("'s") for w in _LETTERED.findall(low) if w not in _STOP]
        )
    return frozenset(
        w.lower().strip("'-").removesuffix("'s")
        for w in WORD.findall(text.replace("&", " and "))
        if w.lower() not in _STOP and not w[0].isdigit() and w != "$"
    )


# ``WORD``'s words begun by a letter: a number or "$" it finds ends where a letter begins
# one, so the words this finds are those ``WORD`` finds that begin with a letter.
_LETTERED = re.compile(r"[A-Za-z][A-Za-z'&-]*")


def _compiled_words(*, forced: bool = False) -> Callable[[str], frozenset[str]] | None:
    """The compiled ``words`` (``_lookup.c``), as ``extensions.compiled`` gives it, with the
    stop words and the Python for a text not all ASCII given: asked of each label, subject
    and clause at first sight, where the pattern's words and a list made a str per word
    and two per word kept."""
    module = compiled("tieout.prose._lookup", forced=forced)
    return None if module is None else functools.partial(module.words, _STOP, _words_python)


_words: Callable[[str], frozenset[str]] = _compiled_words() or _words_python
COMPILED = _words is not _words_python


_AS_SHARE_OF = re.compile(r"\bas\s+a\s+(?:percentage|percent|%)\s+of\b", re.I)


# Whether a text holds a word every match of the noise holds ("(", "*", "reported"...),
# and the words of "as a percentage of" (``sieve.needs``): most labels hold no noise, and
# each pattern was tried at every character of them.
# (one sieve of both: a label is folded and sieved once, the noise given first)
_CLEANING_WORDS = Sieve([(True, _LABEL_NOISE), (False, _AS_SHARE_OF)])


@functools.lru_cache(maxsize=8192)
def clean_label(label: str) -> str:
    """A row label without notes, footnote marks, "as reported" and dashes around it; a
    ratio said "as a percentage of" its base said "to" it, as tables print ratios
    ("allowance for credit losses as a percentage of total loans": "... to total loans").

    Each pattern is asked only of a label holding the words its matches need (blanking
    the noise makes no word: a space holds none), led by the characters its matches
    begin with (the noise's nine branches were tried at every character)."""
    text = label
    for noise, pattern in _CLEANING_WORDS(label):  # each led (``leads.led``), as sieved
        text = pattern.sub(" ", label) if noise else pattern.sub("to", text)
    return one_spaced(text).strip(" -:\u2013,")


# Whether a text holds "revenue" or "sales", "expense" or "cost" (``sieve.needs``): a
# table's title and section, asked once per distinct row at first sight, most holding
# neither; each pattern was tried at every character of them.
# (the sieve gives each pattern led by the characters its matches begin with)
_SIDE_WORDS = Sieve([("revenue", _REVENUE_WORDS), ("expense", _EXPENSE_WORDS)])


@functools.lru_cache(maxsize=4096)
def side_of(text: str) -> str | None:
    """Whether a text speaks of revenues or of expenses (or of both, or neither: None).

    "Hardware systems products" is a revenue under REVENUES and an expense under
    OPERATING EXPENSES; the sentence "hardware systems revenues were up 2% ..." says which.
    """
    said = [side for side, pattern in _SIDE_WORDS(text) if pattern.search(text)]
    revenue = "revenue" in said
    expense = "expense" in said
    if revenue == expense:
        return None
    return "revenue" if revenue else "expense"


@functools.lru_cache(maxsize=8192)
def row_concept(label: str) -> Concept | None:
    """The concept a row label names, as is or without its notes and footnote marks
    (remembered: asked of each row by the segments, the sites and the index)."""
    return concept_of(label) or concept_of(clean_label(label))
