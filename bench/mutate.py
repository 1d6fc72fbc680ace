"""Realistic printing errors, injected at the exact place of one figure in a release's text.

Each mutator changes one printed figure the way a typist or a bad paste does: one digit
changed, two adjacent digits transposed, a digit dropped, the parentheses of a negative
added or removed, a scale word changed (``thousands`` -> ``millions``). A mutant is an
``Edit`` of the decoded source text (character offsets), so the rest of the release keeps
every byte; the edited text is re-encoded and read from memory, never written to disk.

In a table a changed figure keeps its width (a dropped digit is padded with a space on
the left, a figure that gains parentheses takes the blanks beside it where there are
some), so the fixed-width layout around it is not disturbed by the bench itself.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise

# A printed number: digits with thousands commas, or plain digits, with optional decimals.
# Trailing commas and full stops of prose ("$27,803,000,") are not part of it.
NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")
TokenMutator = Callable[[str, random.Random], "str | None"]
# A closing parenthesis after a figure with only blanks, non-breaking spaces and markup
# between: the `)` an HTML table prints in the cell after `(156`.
_SPLIT_CLOSE = re.compile(r"(?:\s|&nbsp;|&#160;|&#xa0;|<[^<>]{0,400}>){0,40}?\)", re.I)
# A minus sign before a figure, with blanks or HTML non-breaking spaces between.
_MINUS_BEFORE = re.compile(r"[-—–](?:\s|&nbsp;|&#160;|&#xa0;)*$", re.I)
SCALE_WORD = re.compile(r"\b(thousand|million|billion)(s?)\b", re.I)
# What a scale word is mistaken for: the next scale up, and millions back to thousands
# (`thousand` -> `million` is the error the issue names; the others keep every mutant
# a change of a factor of a thousand).
_SCALE_SWAP = {"thousand": "million", "million": "thousand", "billion": "million"}


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``source[start:end]`` with ``text`` (character offsets in the decoded source)."""

    start: int
    end: int
    text: str

    def apply(self, source: str) -> str:
        return source[: self.start] + self.text + source[self.end :]


def line_starts(source: str) -> list[int]:
    """The character offset where each line begins (index 0 is line 1)."""
    starts = [0]
    starts.extend(m.end() for m in re.finditer("\n", source))
    return starts


def line_of(starts: list[int], offset: int) -> int:
    """The 1-based line holding a character offset."""
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo + 1


def digits(text: str) -> str:
    """The digits of a text, in order: what two prints of the same figure share."""
    return "".join(ch for ch in text if ch.isdigit())


def number_in(source: str, start: int, end: int) -> tuple[int, int] | None:
    """The offsets of the first printed number within ``source[start:end]``."""
    m = NUMBER.search(source, start, end)
    return (m.start(), m.end()) if m else None


def _digit_places(token: str) -> list[int]:
    return [i for i, ch in enumerate(token) if ch.isdigit()]


def _leading(token: str, index: int) -> bool:
    """True when ``token[index]`` is the first digit of an integer part of two or more digits."""
    whole = token.split(".", 1)[0]
    places = _digit_places(whole)
    return len(places) > 1 and index == places[0]


def change_digit(token: str, rng: random.Random) -> str | None:
    """One digit replaced by another (never a leading zero)."""
    places = _digit_places(token)
    if not places:
        return None
    i = rng.choice(places)
    choices = [d for d in "0123456789" if d != token[i] and not (d == "0" and _leading(token, i))]
    return token[:i] + rng.choice(choices) + token[i + 1 :]


def change_significant_digit(token: str, rng: random.Random) -> str | None:
    """One digit changed among the significant ones: never in the groups of three zeros
    that pad a round whole figure (`$33,006,000` changes in `33,006`, `$960,000` in
    `960`), which stand for the rounding of the table it was copied from."""
    whole = token.split(".", 1)[0]
    places = _digit_places(token)
    if "." not in token:
        bare = whole.replace(",", "")
        padding = (len(bare) - len(bare.rstrip("0"))) // 3 * 3  # whole groups of zeros
        if 0 < padding < len(bare):
            places = places[: len(places) - padding]
    if not places:
        return None
    i = rng.choice(places)
    choices = [d for d in "0123456789" if d != token[i] and not (d == "0" and _leading(token, i))]
    return token[:i] + rng.choice(choices) + token[i + 1 :]


def transpose_digits(token: str, rng: random.Random) -> str | None:
    """Two adjacent, different digits swapped (across a thousands comma too); None if none differ."""
    places = _digit_places(token)
    pairs = [
        (a, b)
        for a, b in pairwise(places)
        if token[a] != token[b] and not (token[b] == "0" and _leading(token, a))
    ]
    if not pairs:
        return None
    a, b = rng.choice(pairs)
    chars = list(token)
    chars[a], chars[b] = chars[b], chars[a]
    return "".join(chars)


def _group(whole: str) -> str:
    return f"{int(whole):,}"


def drop_digit(token: str, rng: random.Random) -> str | None:
    """One digit of the integer part dropped, commas regrouped; None for a one-digit integer part."""
    whole, dot, fraction = token.partition(".")
    bare = whole.replace(",", "")
    if len(bare) < 2:
        return None
    options = [i for i in range(len(bare)) if not (i == 0 and bare[1] == "0")]
    i = rng.choice(options)
    kept = bare[:i] + bare[i + 1 :]
    printed = _group(kept) if "," in whole else kept
    return printed + dot + fraction


def flip_sign(source: str, start: int, end: int) -> Edit | None:
    """The parentheses (or minus) of the figure in ``source[start:end]`` removed, or added.

    A negative loses its marks (each becomes a blank, so the digits stay in place), also
    when its closing parenthesis stands apart after markup (an HTML cell of its own); a
    positive gains parentheses in the blanks beside it, or inserted where there are none.
    Zero has no sign to flip.
    """
    found = number_in(source, start, end)
    if found is None:
        return None
    na, nb = found
    if not digits(source[na:nb]).strip("0"):
        return None
    before = source[start:na]
    close = source.find(")", nb, max(end, nb + 1))
    if "(" in before and close == -1:
        split = _SPLIT_CLOSE.match(source, nb)  # HTML: `(156` in one cell, `)` in the next
        close = split.end() - 1 if split else -1
    if "(" in before and close != -1:
        open_at = start + before.rindex("(")
        middle = source[open_at + 1 : close]
        return Edit(open_at, close + 1, " " + middle + " ")
    if "(" in before or close != -1:
        return None  # an unbalanced parenthesis: its sign is already in doubt
    minus = _MINUS_BEFORE.search(before)
    if minus:
        at = start + minus.start()
        return Edit(at, na, " " * (na - at))
    # a positive figure gains parentheses: "(" before it, ")" after it (after a "%").
    tail = nb
    if tail < len(source) and source[tail] == "%":
        tail += 1
    left = na - 1 if na > 0 and source[na - 1] == " " else na
    right = tail + 1 if tail < len(source) and source[tail] == " " else tail
    return Edit(left, right, "(" + source[na:tail] + ")")


def swap_scale_word(word: str) -> str | None:
    """``thousands`` -> ``millions`` (and back, and billions -> millions), keeping case."""
    m = SCALE_WORD.fullmatch(word)
    if m is None:
        return None
    new = _SCALE_SWAP[m.group(1).lower()] + m.group(2)
    if word.isupper():
        return new.upper()
    if word[0].isupper():
        return new.capitalize()
    return new


def token_edit(
    source: str,
    start: int,
    end: int,
    mutator: TokenMutator,
    rng: random.Random,
    *,
    keep_width: bool,
) -> Edit | None:
    """Apply a token mutator to the first number in ``source[start:end]``.

    With ``keep_width`` a shorter result is padded with blanks on the left, so a figure in
    a fixed-width table stays right-aligned in its column.
    """
    found = number_in(source, start, end)
    if found is None:
        return None
    na, nb = found
    token = source[na:nb]
    new = mutator(token, rng)
    if new is None or new == token:
        return None
    if keep_width and len(new) < len(token):
        new = " " * (len(token) - len(new)) + new
    return Edit(na, nb, new)
