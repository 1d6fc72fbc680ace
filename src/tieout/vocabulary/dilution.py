"""Basic and diluted: which share count a per-share figure or a share count is of.

"Diluted earnings per share" divides by the diluted share count, "Basic" by the basic
one; a label that says both ("Basic and diluted") or neither may stand for either.
"""

from __future__ import annotations

from enum import StrEnum


class Dilution(StrEnum):
    """The share count a per-share figure is of."""

    BASIC = "basic"
    DILUTED = "diluted"


# "Diluted", "dilutive", "dilution"; a share count of "common equivalent shares" is diluted.
_DILUTED = ("dilut",)
_DILUTED_SHARES = ("diluted", "dilutive", "common equivalent")


def _named(text: str, diluted_words: tuple[str, ...]) -> frozenset[Dilution]:
    t = text.lower()
    named = set()
    if "basic" in t:
        named.add(Dilution.BASIC)
    if any(w in t for w in diluted_words):
        named.add(Dilution.DILUTED)
    return frozenset(named)


def dilutions(text: str) -> frozenset[Dilution]:
    """Basic, diluted, both or neither, as a text names them."""
    return _named(text, _DILUTED)


def share_dilutions(text: str) -> frozenset[Dilution]:
    """Basic, diluted, both or neither, as an EPS or share-count row of a table names them."""
    return _named(text, _DILUTED_SHARES)


def dilution_of(text: str) -> Dilution | None:
    """Basic or diluted when a row's words name only one of them."""
    named = dilutions(text)
    return next(iter(named)) if len(named) == 1 else None


def dilution_said(text: str) -> Dilution | None:
    """What a sentence says of a per-share figure: diluted when it says diluted at all."""
    named = dilutions(text)
    if Dilution.DILUTED in named:
        return Dilution.DILUTED
    return Dilution.BASIC if Dilution.BASIC in named else None
