r"""Words: one question of the vocabulary ("does this text use these words?"), defined once.

A question is its pattern, with what it asks said beside it in a comment:
``share_count = Words(r"weighted[\s-]+average|...")`` is asked as ``share_count(label)``.
Case is ignored, as in every reading of a label, a head or a sentence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from tieout.vocabulary.folding import folded
from tieout.vocabulary.sieve import _Entry, _Sieving, entries


class Words(_Sieving):
    """Words looked for anywhere in a text; calling it says whether the text uses them.

    The question is asked only of a text holding the words every match holds
    (``sieve.needs``: most texts asked hold none), with the pattern led by the characters
    a match begins with (``leads.led``): the same answer, without trying the pattern at
    every character of a text that cannot hold a match. A sieve of its one pattern that
    asks (``sieve._SievingPython``, compiled where it is built): the question answered
    without a call of Python's own (some 600 asks a first sight of the three text
    releases, of every label and head)."""

    __slots__ = ("pattern",)

    def __init__(self, pattern: str) -> None:
        super().__init__(folded, True)
        self.pattern = re.compile(pattern, re.I)

    def _made(self) -> tuple[_Entry[bool], ...]:
        """Its one entry, made when first asked (its words read then, not at import)."""
        self._patterns = entries([(True, self.pattern)])
        return self._patterns

    if TYPE_CHECKING:  # the call is the base's

        def __call__(self, text: str) -> bool:
            """Whether ``text`` uses the words."""
            ...

    def __repr__(self) -> str:
        return f"Words({self.pattern.pattern!r})"
