"""A ratio the prose says "as a percentage of" its base is the row printed "to" it.

The release here is fictional and written for these tests. Its table prints "Allowance
for credit losses to total loans"; its prose says "the allowance for credit losses as a
percentage of total loans was 2.20% at March 31, 2025 and 2.55% at June 30, 2024". Read
word for word, the claims' subject is only "total loans", a row of dollars, and a wrong
ratio ties nothing: it is left untied. Said as the table says it, the subject is the
ratio's row, and a wrong ratio contradicts it.
"""

from __future__ import annotations

from release_views import alarms, edited
from tieout.model import ClaimStatus, Release, Severity

VERDANT = """\
VERDANT BANCORP REPORTS SECOND QUARTER 2025 RESULTS

HARTFORD -- Verdant Bancorp today reported results for the second quarter of 2025.

The allowance for credit losses as a percentage of total loans was 2.20% at March 31,
2025 and 2.55% at June 30, 2024.




                              VERDANT BANCORP
                         CONSOLIDATED FINANCIAL HIGHLIGHTS
                              (DOLLARS IN MILLIONS)

                                          June 30    March 31    June 30
                                             2025        2025       2024
                                          -------    --------    -------
Total loans                                 8,412       8,390      8,105
Allowance for credit losses                   176         185        207
Allowance for credit losses to total loans   2.09 %      2.20 %     2.55 %
"""


def release(old: str = "", new: str = "") -> Release:
    """The fictional release, with ``old`` (found once) replaced by ``new``."""
    return edited(VERDANT, "verdant.txt", old, new)


def test_the_ratios_tie_their_row_as_written() -> None:
    r = release()
    ratios = [c for c in r.claims if c.text in ("2.20%", "2.55%")]
    assert [c.status for c in ratios] == [ClaimStatus.TIES, ClaimStatus.TIES]
    for claim in ratios:
        assert "allowance for credit losses" in claim.subject
        (ref,) = claim.tied_to
        assert r.tables[ref.table].rows[ref.row].label.startswith("Allowance for credit losses to")
    assert alarms(r) == []


def test_a_wrong_ratio_contradicts_the_row_its_words_name() -> None:
    r = release("and 2.55% at", "and 2.45% at")
    (ratio,) = [c for c in r.claims if c.text == "2.45%"]
    assert ratio.status is ClaimStatus.CONTRADICTS
    assert ratio.expected is not None and str(ratio.expected) == "2.55"
    assert alarms(r) == [(6, "claim-mismatch", Severity.ERROR)]
