"""Words matched case-blind are read case-blind.

The vocabulary's patterns ignore case (``re.IGNORECASE``), under which an ASCII letter also
matches dotted and dotless I (U+0130, U+0131), the long s (U+017F) and the Kelvin sign
(U+212A). A word a pattern matched was then looked up by its ``lower()`` in a table of
ASCII words: "ſecond quarter" failed the prose (a KeyError reported as tieout's own bug),
"Sıx Months" or "Auguſt 31," over the columns failed the reader, and "$23.5 thouſand" was
read as 23.5. Each lookup now folds the word as case-blind matching does
(``vocabulary.folding.folded``): a release spelled with those letters reads as the same
release spelled in ASCII.
"""

from __future__ import annotations

import pytest

from tieout import pipeline
from tieout.prose.numbers import figures

_RELEASE = """FICTIONAL WIDGETS INC. REPORTS SECOND QUARTER RESULTS

Fictional Widgets Inc. today reported net sales of $12.5 million for the second quarter of
2004, up from $11.0 million in the first quarter. Net sales for the quarter ended August 31,
2004 were $12.5 million. Sales for the six months rose 5% to $23.5 thousand.

                         FICTIONAL WIDGETS INC.
          CONDENSED STATEMENTS OF OPERATIONS (in thousands, shares in thousands)
                                   Three Months Ended       Six Months Ended
                                       August 31,              August 31,
                                    2004        2003        2004        2003
Net sales                        $12,500     $11,000     $23,500     $21,000
Cost of sales                      8,000       7,000      15,000      13,500
                                 -------     -------     -------     -------
Gross profit                       4,500       4,000       8,500       7,500
Shares outstanding                 1,000       1,000       1,000       1,000
"""

_SPELLINGS = [
    ("second quarter of", "ſecond quarter of"),  # an ordinal: the prose's periods
    ("first quarter", "fırst quarter"),
    ("first quarter", "FİRST quarter"),
    ("August 31,\n2004 were", "Auguſt 31,\n2004 were"),  # a month in a sentence's date
    ("   August 31,   ", "   Auguſt 31,   "),  # a month over the columns: the reader
    ("Six Months", "Sıx Months"),  # a number word over the columns
    ("shares in thousands", "shares in thouſands"),  # the share scale of a title
    ("$23.5 thousand", "$23.5 thouſand"),  # a scale word after an amount
]


def _read(text: str) -> tuple[list[tuple[object, ...]], list[str]]:
    release = pipeline.read(text.encode())
    claims = [(c.value, c.precision, c.kind, c.period) for c in release.claims]
    return claims, sorted(f.code.value for f in release.findings)


@pytest.mark.parametrize(("ascii", "spelled"), _SPELLINGS, ids=[s for _, s in _SPELLINGS])
def test_a_release_spelled_with_case_blind_letters_reads_as_in_ascii(
    ascii: str, spelled: str
) -> None:
    text = _RELEASE.replace(ascii, spelled, 1)
    assert text != _RELEASE
    claims, codes = _read(text)
    assert not [c for c in codes if c.endswith("crashed")]
    assert (claims, codes) == _read(_RELEASE)
    assert len(claims) == 5


@pytest.mark.parametrize("word", ["thousand", "thouſand", "THOUSAND", "million", "MİLLION"])
def test_a_scale_word_multiplies_its_amount_however_it_is_spelled(word: str) -> None:
    (figure,) = figures(f"sales of $23.5 {word}")
    base = 1000 if word[0] in "tT" else 1_000_000
    assert figure.value == 23 * base + base // 2
