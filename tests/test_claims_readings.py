"""Other readings of a prose figure, tried before it is called wrong: fictional releases.

An amount is read as the change of its row ("$133 million higher") only where its
sentence words a change, and only where the change is one the cells can show: "net
income was $6.4 billion" is a level, not the change between two years that happens to
be $6.4 billion; "$128 thousand" is no change of two figures printed in millions.
"""

from __future__ import annotations

from release_views import claim_status, errors
from tieout.model import ClaimStatus
from tieout.pipeline import read

TIED = (ClaimStatus.TIES, ClaimStatus.ROUNDING)

INITROPE = """\
INITROPE CORPORATION REPORTS FISCAL 2025 RESULTS

AUSTIN, Texas -- Initrope Corporation today reported results for fiscal year 2025.

Results of fiscal year 2025 were strong. GAAP net income was $6.7 billion.

Revenues grew in the fourth quarter of fiscal 2025. Cloud infrastructure revenues were \
up 13% to $128 million.



                           INITROPE CORPORATION
                  CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS
                              ($ IN MILLIONS)

                                           Year Ended May 31,
                                       -------------------------
                                          2025           2024
                                         ------         ------
Cloud infrastructure                        456            457
Other revenues                           40,000         39,000
                                         ------         ------
Total revenues                           40,456         39,457
Operating expenses                       33,739         26,357
                                         ------         ------
Net income                                6,717         13,100
                                         ======         ======



                           INITROPE CORPORATION
                        FOURTH QUARTER REVENUES
                              ($ IN MILLIONS)

                                       Three Months Ended May 31,
                                       -------------------------
                                          2025           2024
                                         ------         ------
Cloud infrastructure                        128            113
"""


def test_the_clean_release_ties() -> None:
    release = read(INITROPE.encode(), name="initrope.txt")
    assert claim_status(release, "$6.7 billion") in TIED
    assert claim_status(release, "$128 million") in TIED
    assert not errors(release)


def test_a_level_worded_without_a_change_is_not_read_as_one() -> None:
    text = INITROPE.replace("was $6.7 billion", "was $6.4 billion")  # 13,100 - 6,717 = 6,383
    release = read(text.encode(), name="initrope.txt")
    assert claim_status(release, "$6.4 billion") is ClaimStatus.CONTRADICTS
    assert [m for m in errors(release) if "printed 6,717" in m]


def test_an_amount_below_the_cells_rounding_is_no_change_of_them() -> None:
    text = INITROPE.replace("to $128 million", "to $128 thousand")  # 457 -> 456 "is" -128,000
    release = read(text.encode(), name="initrope.txt")
    assert claim_status(release, "$128 thousand") is ClaimStatus.CONTRADICTS
    assert [m for m in errors(release) if "printed 128 (in millions)" in m]
