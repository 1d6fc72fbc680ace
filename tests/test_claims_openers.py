"""A paragraph whose first sentence names its comparison: a fictional bank.

"Noninterest income for the fourth quarter of 2025 increased $20 million compared with
the fourth quarter of 2024." opens a paragraph; "Service charges and fees increased $4
million" after it names no base of its own and makes the same comparison (104 -> 108),
as under a heading that says so. Printed "$2 million" it does not tie, though the linked
quarter's change (106 -> 108) does: the paragraph resolved the comparison. After an
opening sentence comparing with the linked quarter, the same words are left to the
comparisons the tables print.
"""

from __future__ import annotations

from release_views import claim_status, edited, errors
from tieout.model import ClaimStatus, ClaimTrait

TIED = (ClaimStatus.TIES, ClaimStatus.ROUNDING)

HERON = """\
HERON FINANCIAL REPORTS FOURTH QUARTER 2025 RESULTS

HARTFORD, CONN. -- Heron Financial today reported results for the fourth quarter of 2025.

Noninterest income for the fourth quarter of 2025 increased $20 million compared with \
the fourth quarter of 2024. Service charges and fees increased $4 million driven by \
higher transaction volumes.




                              HERON FINANCIAL
                             NONINTEREST INCOME
                            (dollars in millions)

                                        4Q25          3Q25          4Q24
                                      --------      --------      --------

Service charges and fees                   108           106           104
Card fees                                   70            66            54
                                      --------      --------      --------
Total noninterest income                   178           172           158
"""


def test_the_clean_paragraph_ties_as_its_opening_compares() -> None:
    release = edited(HERON, "heron.txt")
    (fees,) = [c for c in release.claims if c.text == "$4 million"]
    assert fees.status in TIED
    assert ClaimTrait.PERIOD_STATED in fees.traits  # by the paragraph's first sentence
    assert not errors(release)


def test_a_change_after_a_year_over_year_opening_is_judged_against_the_year_before() -> None:
    release = edited(HERON, "heron.txt", "increased $4 million", "increased $2 million")
    assert claim_status(release, "$2 million") is ClaimStatus.CONTRADICTS
    assert [m for m in errors(release) if '"increased $2 million"' in m and "104 -> 108" in m]


def test_after_a_linked_quarter_opening_the_change_is_left_open() -> None:
    text = HERON.replace(
        "increased $20 million compared with the fourth quarter of 2024",
        "increased $6 million compared with the third quarter of 2025",
    )
    release = edited(text, "heron.txt", "increased $4 million", "increased $2 million")
    assert claim_status(release, "$2 million") is not ClaimStatus.CONTRADICTS  # 106 -> 108
    assert not errors(release)
