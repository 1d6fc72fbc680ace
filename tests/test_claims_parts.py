"""An amount whose words name one label a table prints twice: a fictional manufacturer.

"Expense for corporate items and eliminations was $261 million" names the two "Corporate
Items and Eliminations" rows of a profit-by-segment table, one under each section: it is
one of them or their sum (244 + 17). Fitting none of them, it is wrong whichever it
meant, and is reported (a warning naming the closest, not a proof).
"""

from __future__ import annotations

from release_views import claim_status, edited
from tieout.model import ClaimStatus, Release, Severity

TIED = (ClaimStatus.TIES, ClaimStatus.ROUNDING)

GANTRY = """\
GANTRY INC. REPORTS FIRST-QUARTER 2025 RESULTS

PEORIA, Ill. -- Gantry Inc. today announced first-quarter 2025 results.

Expense for corporate items and eliminations was $261 million in the first quarter of \
2025, a decrease of $126 million from the first quarter of 2024.




                                GANTRY INC.
                             PROFIT BY SEGMENT
                           (Millions of dollars)

                                            First Quarter   First Quarter
                                                 2025            2024
                                               -------         -------

Segment profit:
  Construction Industries                       1,000             900
  Energy                                          800             700
  Corporate Items and Eliminations               (244)           (350)
                                               -------         -------
  Total segment profit                          1,556           1,250
Other items:
  Restructuring costs                             (30)            (20)
  Corporate Items and Eliminations                (17)            (37)
                                               -------         -------
Operating profit                                1,509           1,193
                                               =======         =======
"""


def warnings(release: Release) -> list[str]:
    return [f.message for f in release.findings if f.severity is Severity.WARNING]


def test_the_clean_release_ties_the_sum_of_the_two_rows() -> None:
    release = edited(GANTRY, "gantry.txt")
    assert claim_status(release, "$261 million") in TIED
    assert not warnings(release)


def test_an_amount_that_fits_neither_row_nor_their_sum_is_reported() -> None:
    release = edited(GANTRY, "gantry.txt", "was $261 million", "was $961 million")
    assert claim_status(release, "$961 million") is ClaimStatus.CONTRADICTS
    assert [m for m in warnings(release) if '"$961 million"' in m]
