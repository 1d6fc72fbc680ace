"""Text folded for case-blind tests of whether it holds an ASCII word.

The prose's patterns ignore case (``re.IGNORECASE``), under which an ASCII letter also
matches a few other letters: dotted and dotless I (U+0130, U+0131), the long s (U+017F)
and the Kelvin sign (U+212A). A text lowercased with those made the ASCII letter they
match holds every ASCII word such a pattern can find in it, so a word missing from the
folded text tells that a pattern needing it finds nothing, without running it.
"""

from __future__ import annotations


def folded(text: str) -> str:
    """The text lowercased, the letters case-blind matching takes for an ASCII one made it.

    For tests of containment only: offsets may move ("İ" lowercases to two characters).
    """
    low = text.lower()
    if low.isascii():
        return low
    # "İ".lower() is "i" and a combining dot; the Kelvin sign lowercases to "k" itself
    return low.replace("i\u0307", "i").replace("\u0131", "i").replace("\u017f", "s")
