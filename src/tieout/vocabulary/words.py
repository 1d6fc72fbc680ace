r"""Words: one question of the vocabulary ("does this text use these words?"), defined once.

A question is its pattern, with what it asks said beside it in a comment:
``share_count = Words(r"weighted[\s-]+average|...")`` is asked as ``share_count(label)``.
Case is ignored, as in every reading of a label, a head or a sentence.
"""

from __future__ import annotations

import re

from tieout.vocabulary.sieve import Sieve


class Words:
    """Words looked for anywhere in a text; calling it says whether the text uses them.

    The question is asked only of a text holding the words every match holds
    (``sieve.needs``: most texts asked hold none), with the pattern led by the characters
    a match begins with (``leads.led``): the same answer, without trying the pattern at
    every character of a text that cannot hold a match."""

    __slots__ = ("_sieve", "pattern")

    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern, re.I)
        self._sieve = Sieve([(True, self.pattern)])  # its words read when first asked

    def __call__(self, text: str) -> bool:
        for _, led in self._sieve(text):  # the pattern led, where the text holds its words
            return led.search(text) is not None
        return False

    def __repr__(self) -> str:
        return f"Words({self.pattern.pattern!r})"
