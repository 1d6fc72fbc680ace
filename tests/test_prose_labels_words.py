"""``prose.labels.words`` reads the words ``labels.WORD`` finds, numbers and "$" left out.

The ASCII text's words are found by ``_LETTERED`` (the words begun by a letter) in a list;
the words are those of the definition below, ``WORD``'s, for any text.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tieout.prose import labels


def _words_spec(text: str) -> frozenset[str]:
    """The words as first defined: ``WORD``'s, lowered, stripped, stop words, numbers and
    "$" left out."""
    return frozenset(
        w.lower().strip("'-").removesuffix("'s")
        for w in labels.WORD.findall(text.replace("&", " and "))
        if w.lower() not in labels._STOP and not w[0].isdigit() and w != "$"
    )


_PIECES = [
    "Net", "income", "the", "of", "S", "'s", "'", "-", "&", "$", "1,234.5", "3D", "a1b",
    "Company's", "dogs'", "R&D", "SG&A", " ", "  ", ",", "(", ")", "%", "x-", "--", "İ",
    "\u212a", "Total", "and", "per", "share", "\t",
]  # fmt: skip


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12))
def test_words_are_those_word_finds(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert labels.words.__wrapped__(text) == _words_spec(text)
    assert labels.words.__wrapped__(" ".join(pieces)) == _words_spec(" ".join(pieces))
