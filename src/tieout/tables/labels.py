"""Labels and titles: when a label line runs on into the next, when a line is a sentence."""

from __future__ import annotations

import re

from tieout.vocabulary.leads import led

_CONNECTOR = re.compile(
    r"(?:,|(?<=[a-z])-|&|/|\b(?:and|of|to|for|per|in|on|the|before|from|applicable|attributable|with|or|at|by|net))$",
    re.I,
)
# a connector ends the line: its longest ("attributable") and a newline "$" allows after it,
# and one character before for its "\b" or look-behind, all lie within this many of the end
_CONNECTOR_REACH = len("attributable") + 2
# ``_CONNECTOR`` of an ASCII line's last ``_CONNECTOR_REACH`` characters lowered: its
# source's letters are lowercase, and a match is led by the characters it may begin with
# (``leads.led``). An ASCII text and its lowered copy have their word boundaries and
# letters in the same places, an ASCII letter matching a lowercase one case-blind exactly
# when its lower case is it; a match ends at the line's end and begins at most
# ``_CONNECTOR_REACH - 2`` characters before it, so the characters its "\b" and
# look-behind read are in the cut. Case-blind, it was tried at each of those places with
# every character compared through its lower case (about 7,000 instructions a line).
_CONNECTOR_LOWER = led(re.compile(_CONNECTOR.pattern))


def continues(above: str, below: str) -> bool:
    """True when a label line runs on into the next one.

    It does when it ends on a connecting word or comma, when the next starts in lower
    case or with a parenthesis, or when it is a "Total ..." line without figures (never a
    section head: its figures follow). A line ending in a colon is a head.
    """
    a, b = above.rstrip(), below.lstrip()
    if not a or not b or a.endswith(":"):
        return False
    if b[0].islower() or b[0] == "(":
        return True  # the cheapest answers first: each of the four says so alone
    # "Total " by its first six characters: no character lowers to one of these ASCII
    # letters but their capitals, so the whole line need not be lowered
    if a.lstrip()[:6].lower() == "total ":
        return True
    # searched from near the end only (it must end there), the characters before still
    # seen by the "\b" and the look-behind: a search from every character cost 22 M a pass
    if a.isascii():
        return _CONNECTOR_LOWER.search(a[-_CONNECTOR_REACH:].lower()) is not None
    return _CONNECTOR.search(a, max(0, len(a) - _CONNECTOR_REACH)) is not None


def is_sentence(text: str) -> bool:
    """The end of a sentence, not a title: most words lowercase, a full stop at the end.

    Titles are upper or title case ("CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS",
    "Summary of Certain Significant Items:") or a scale in parentheses; the last, short
    line of a paragraph ("in the fourth quarter of 2003.") is neither.
    """
    text = text.strip()
    if not text.endswith((".", ".)", '."')) or text.startswith("("):
        return False
    words = [w for w in text.split() if w[:1].isalpha()]
    lower = sum(1 for w in words if w[0].islower())
    return len(words) >= 3 and lower * 2 > len(words)
