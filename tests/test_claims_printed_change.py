"""A change in amount judged against the change the table prints itself: a fictional release.

"Card fees increased $9 million" of 56 -> 65 in millions: the two rounded figures allow
any change from 8 to 10, so "$8 million" fits them; but the table prints the change
itself, computed before rounding, as 9, and "$8 million" does not fit that.
"""

from __future__ import annotations

from release_views import alarms, claim_status, edited, errors
from tieout.model import ClaimStatus

HERON = """\
HERON BANCORP REPORTS FOURTH QUARTER 2025 RESULTS

DAYTON, Ohio -- Heron Bancorp today reported results for the fourth quarter of 2025.

Card fees increased $9 million, driven by higher debit and credit card volumes.




                              HERON BANCORP
                           NONINTEREST INCOME
                              (dollars in millions)

                                                      4Q25 change from 4Q24
                         4Q25        3Q25      4Q24          $          %
                       ------      ------    ------     ------     ------

Capital markets fees      184          72        88         96        109%
Service charges and fees  100         110       104         (4)        (4)
Mortgage banking fees      76         108       193       (117)       (61)
Card fees                  65          66        56          9         16
Total noninterest income  425         356       441        (16)        (4)
                       ======      ======    ======     ======     ======
"""


def test_a_change_that_fits_the_printed_change_ties() -> None:
    release = edited(HERON, "heron.txt")
    assert claim_status(release, "$9 million") is ClaimStatus.TIES
    assert not alarms(release)


def test_a_change_the_rounded_figures_allow_but_the_printed_change_does_not_is_wrong() -> None:
    release = edited(HERON, "heron.txt", "increased $9 million", "increased $8 million")
    assert claim_status(release, "$8 million") is ClaimStatus.CONTRADICTS
    (message,) = errors(release)
    assert "goes 56 -> 65" in message
    assert "the table prints the change itself: 9 (in millions)" in message


def test_without_a_printed_change_the_rounded_figures_decide() -> None:
    # the same table without its change columns: 8 is a change 56 -> 65 may round to
    prose, table = HERON.split("HERON BANCORP\n")
    lines = [line[:58].rstrip() for line in table.splitlines() if "change from" not in line]
    text = prose + "HERON BANCORP\n" + "\n".join(lines) + "\n"
    release = edited(text, "heron.txt", "increased $9 million", "increased $8 million")
    assert claim_status(release, "$8 million") in (ClaimStatus.TIES, ClaimStatus.ROUNDING)
    assert not alarms(release)


def test_a_row_where_the_change_column_is_the_one_wrong_is_judged_on_its_figures() -> None:
    # 65 - 56 is no change of 19: the change column errs in that row (its own finding),
    # and the prose's $9 million, which the figures bear out, is not judged against it
    release = edited(HERON, "heron.txt", "56          9", "56         19")
    assert claim_status(release, "$9 million") is ClaimStatus.TIES
    assert not [m for m in errors(release) if "Card fees increased" in m]
