"""A share count whose sentence names its row by the row's words: a fictional retailer.

"$1.04 per share on an average base of 298.0 million common equivalent shares in the
second quarter of 2024" attaches to no metric of the vocabulary, but its sentence says
every word of the row "Average common equivalent shares outstanding" but "outstanding":
where the count fits none of the rows named so, in the columns of the period its clause
names, it is wrong whichever it meant (a warning naming the closest, not a proof). A count
whose sentence names no row so ("repurchased 5.2 million shares") is left alone.
"""

from __future__ import annotations

from release_views import claim_status, edited
from tieout.model import ClaimStatus, Release, Severity

TIED = (ClaimStatus.TIES, ClaimStatus.ROUNDING)

MERCER = """\
MERCER, ROEBLING AND CO. REPORTS SECOND QUARTER 2025 RESULTS

CHICAGO -- Mercer, Roebling and Co. today reported net income of $53 million, or $0.24 per \
share on an average base of 216.5 million common equivalent shares, for the second quarter \
ended July 3, 2025, compared with net income of $309 million, or $1.04 per share on an \
average base of 298.0 million common equivalent shares in the second quarter of 2024. The \
company repurchased 5.2 million shares in the quarter.




                       MERCER, ROEBLING AND CO.
                 CONSOLIDATED STATEMENTS OF INCOME
              (millions, except per common share data)

                                                  13 Weeks Ended
                                            July 3,          June 28,
                                              2025              2024
                                            -------          -------

Revenues                                    $ 9,000          $ 9,500
Costs and expenses                            8,947            9,191
                                            -------          -------
NET INCOME                                  $    53          $   309
                                            =======          =======

Earnings per share                          $  0.24          $  1.04

Average common equivalent shares
  outstanding                                 216.5            298.0
"""


def warnings(release: Release) -> list[str]:
    return [f.message for f in release.findings if f.severity is Severity.WARNING]


def test_the_clean_release_ties() -> None:
    release = edited(MERCER, "mercer.txt")
    assert claim_status(release, "298.0 million common equivalent shares") in TIED
    assert not warnings(release)


def test_a_count_that_fits_no_row_its_sentence_names_is_reported() -> None:
    release = edited(MERCER, "mercer.txt", "base of 298.0 million", "base of 298.4 million")
    assert claim_status(release, "298.4 million common equivalent shares") is (
        ClaimStatus.CONTRADICTS
    )
    found = [m for m in warnings(release) if "298.4 million" in m]
    assert found and "printed 298.0" in found[0]


def test_a_count_whose_sentence_names_no_row_is_left_alone() -> None:
    release = edited(MERCER, "mercer.txt")
    assert claim_status(release, "5.2 million shares") is not ClaimStatus.CONTRADICTS
    assert not [m for m in warnings(release) if "5.2 million" in m]
