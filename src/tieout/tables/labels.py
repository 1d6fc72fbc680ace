"""Labels and titles: when a label line runs on into the next, when a line is a sentence."""

from __future__ import annotations

import re

# the words a label line runs on after (``_CONNECTOR``'s last branch)
_CONNECTOR_WORDS = (
    "and", "of", "to", "for", "per", "in", "on", "the", "before", "from", "applicable",
    "attributable", "with", "or", "at", "by", "net",
)  # fmt: skip
_CONNECTOR = re.compile(
    rf"(?:,|(?<=[a-z])-|&|/|\b(?:{'|'.join(_CONNECTOR_WORDS)}))$",
    re.I,
)
# a connector ends the line: its longest ("attributable") and a newline "$" allows after it,
# and one character before for its "\b" or look-behind, all lie within this many of the end
_CONNECTOR_REACH = len("attributable") + 2
_WORD_SET = frozenset(_CONNECTOR_WORDS)
_ASCII_WORD = "abcdefghijklmnopqrstuvwxyz0123456789_"  # ``\w`` of a lowered ASCII text


def _connected_ascii(line: str) -> bool:
    """Whether ``_CONNECTOR`` finds a connector at the end of an ASCII line (its trailing
    whitespace stripped), without the pattern: its last character is ",", "&", "/", or a
    "-" after a letter; or its last word (the run of ``\\w`` characters it ends in, which
    a match's "\\b" begins) lowered is one of ``_CONNECTOR_WORDS``. In ASCII, ``\\w`` is
    letters, digits and "_", and a letter matches case-blind exactly when its lower case
    does. Read from the last ``_CONNECTOR_REACH`` characters: a word filling them is
    longer than any connector. Case-blind, the pattern was tried at each of those places,
    each character compared through its lower case."""
    tail = line[-_CONNECTOR_REACH:].lower()
    last = tail[-1:]
    if last in (",", "&", "/"):
        return True
    if last == "-":
        return tail[-2:-1].isalpha()
    return tail[len(tail.rstrip(_ASCII_WORD)) :] in _WORD_SET


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
        return _connected_ascii(a)
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
