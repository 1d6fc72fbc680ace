"""ASCII twins: a pattern searched in an ASCII text as the same pattern under ``re.ASCII``.

``re`` reads ``\\w``, ``\\W``, ``\\b``, ``\\d`` and ``\\s`` of a str pattern by Unicode's rules:
it asks the character database of every character it tests, and a search led by ``\\W``
(``vocabulary.leads.WordLed``, which searches a plain text by twins) spends most of its
time there. Under ``re.ASCII`` it reads a table of 128 entries instead (a search x1.6-2
faster over a release's text). The two read every ASCII character alike but four: the separators U+001C-U+001F are spaces to Unicode's
``\\s`` and not to ASCII's. Case-blind matching of an ASCII letter reaches no other ASCII
character either way (Unicode's adds the Kelvin sign and the long s, which an ASCII text
does not hold). So in a text all of ASCII (``str.isascii``, told without reading it) and
free of those separators (``plain``) a pattern and its twin find the same matches, at the
same places, with the same groups. Any other text is searched with the pattern itself.
"""

from __future__ import annotations

import re
import sys

__all__ = ["AsciiTwin", "ascii_twin", "plain"]

# the ASCII characters Unicode's ``\s`` reads as spaces and ASCII's does not
_SEPARATOR = re.compile("[\x1c-\x1f]")


def plain(text: str) -> bool:
    """Whether a pattern's ASCII twin reads ``text`` as the pattern does: all ASCII, and no
    separator U+001C-U+001F (a control character a filing may hold)."""
    return text.isascii() and _SEPARATOR.search(text) is None


def ascii_twin(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` compiled under ``re.ASCII`` (its other flags kept); a pattern that asks
    for Unicode's rules in its own text (``(?u)``) raises ``re.error``."""
    return re.compile(pattern.pattern, (pattern.flags & ~re.UNICODE) | re.ASCII)


class AsciiTwin:
    """A pattern's ``search``, by its ASCII twin in an ASCII text."""

    __slots__ = ("_twin", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._twin = ascii_twin(pattern)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """What ``pattern.search(text, pos, endpos)`` finds."""
        return (self._twin if plain(text) else self.pattern).search(text, pos, endpos)
