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


# "Diluted", "dilutive", "dilution"; "common equivalent shares" are the diluted count.
_DILUTED = ("dilut", "common equivalent")


def dilutions(text: str) -> frozenset[Dilution]:
    """Basic, diluted, both or neither, as a label, a head or a sentence names them."""
    t = text.lower()
    named = set()
    if "basic" in t:
        named.add(Dilution.BASIC)
    if any(w in t for w in _DILUTED):
        named.add(Dilution.DILUTED)
    return frozenset(named)


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


def may_pair(first: frozenset[Dilution], second: frozenset[Dilution]) -> bool:
    """Whether figures of these dilutions may be of one share count: the same one, or
    either says both or neither."""
    return len(first) != 1 or len(second) != 1 or first == second
