r"""Words: one question of the vocabulary ("does this text use these words?"), defined once.

A question is its pattern, with what it asks said beside it in a comment:
``share_count = Words(r"weighted[\s-]+average|...")`` is asked as ``share_count(label)``.
Case is ignored, as in every reading of a label, a head or a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tieout.vocabulary.leads import led


class Words:
    """Words looked for anywhere in a text; calling it says whether the text uses them.

    The question is asked with the pattern led by the characters a match begins with
    (``leads.led``: the same answer, without trying the pattern at every character)."""

    __slots__ = ("_search", "pattern")

    def __init__(self, pattern: str) -> None:
        self.pattern = re.compile(pattern, re.I)
        self._search: Callable[[str], re.Match[str] | None] | None = None  # led when first asked

    def __call__(self, text: str) -> bool:
        search = self._search
        if search is None:
            search = self._search = led(self.pattern).search
        return search(text) is not None

    def __repr__(self) -> str:
        return f"Words({self.pattern.pattern!r})"
