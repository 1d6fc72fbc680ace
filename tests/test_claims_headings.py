"""A heading that names the comparison of the paragraphs under it: a fictional bank.

Under "Fourth quarter 2025 vs. fourth quarter 2024", "Service charges and fees decreased
$4 million" is the change from a year earlier (104 -> 100): printed "$9 million", it does
not tie, though the linked quarter's change (110 -> 100) may round to it. Under "Fourth
quarter 2025 vs. third quarter 2025" the same words are left to the comparisons the
tables print.
"""

from __future__ import annotations

from release_views import claim_status, edited, errors
from tieout.model import ClaimStatus

TIED = (ClaimStatus.TIES, ClaimStatus.ROUNDING)

OSPREY = """\
OSPREY FINANCIAL REPORTS FOURTH QUARTER 2025 RESULTS

PROVIDENCE, R.I. -- Osprey Financial today reported results for the fourth quarter of 2025.

Fourth quarter 2025 vs. third quarter 2025

Card fees decreased $1 million.

Fourth quarter 2025 vs. fourth quarter 2024

Service charges and fees decreased $4 million, reflecting lower overdraft fees.




                              OSPREY FINANCIAL
                             NONINTEREST INCOME
                            (dollars in millions)

                                        4Q25          3Q25          4Q24
                                      --------      --------      --------

Service charges and fees                   100           110           104
Card fees                                   65            66            56
"""


def test_the_clean_release_ties() -> None:
    release = edited(OSPREY, "osprey.txt")
    assert claim_status(release, "$4 million") in TIED
    # under the linked-quarter heading: 66 -> 65, not the year's 56 -> 65
    assert claim_status(release, "$1 million") is not ClaimStatus.CONTRADICTS
    assert not errors(release)


def test_a_change_under_a_year_over_year_heading_is_judged_against_the_year_before() -> None:
    release = edited(OSPREY, "osprey.txt", "decreased $4 million", "decreased $9 million")
    assert claim_status(release, "$9 million") is ClaimStatus.CONTRADICTS
    assert [m for m in errors(release) if '"decreased $9 million"' in m and "104 -> 100" in m]
