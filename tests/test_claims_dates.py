"""Rates said at a date, and the date printed after each figure of a list.

The release here is fictional and written for these tests. Its highlights table prints
the quarter's figures under "THREE MONTHS ENDED June 30 2024", its rates among them: "the
allowance for credit losses to total loans was 2.16% at June 30, 2024" is the rate at
the end of that quarter, so a wrong rate is an error (a rate of a date is the rate at the
end of the period ending then; an amount at a date is a balance, which a quarter's column
does not print as such). "... .47% at March 31, 2024 and .43% at June 30, 2023": each
figure takes the date printed right after it, not the date of the figure before it.
"""

from __future__ import annotations

import pytest

from release_views import alarms, edited
from tieout.model import ClaimStatus, Release, Severity

TIED = (ClaimStatus.TIES, ClaimStatus.ROUNDING)

LEDGERLY = """\
LEDGERLY BANCORP REPORTS SECOND QUARTER 2024 RESULTS

PITTSBURGH -- Ledgerly Bancorp today reported net income of $310 million.

The allowance for credit losses to total loans was 2.16% at June 30, 2024 compared with 2.20% at March 31, 2024.

Nonperforming assets to total assets were .50% at June 30, 2024 compared with .47% at March 31, 2024 and .43% at June 30, 2023.




                              LEDGERLY BANCORP
                     CONSOLIDATED FINANCIAL HIGHLIGHTS
                           (DOLLARS IN MILLIONS)

                                                       THREE MONTHS ENDED
                                               June 30     March 31     June 30
                                                 2024        2024        2023
                                                 ----        ----        ----
Net income                                           310         295         280
Allowance for credit losses to total loans         2.16%       2.20%       2.55%
Nonperforming assets to total assets                .50%        .47%        .43%
"""


def release(old: str = "", new: str = "") -> Release:
    """The fictional release, with ``old`` (found once) replaced by ``new``."""
    return edited(LEDGERLY, "ledgerly.txt", old, new)


def test_the_release_ties_as_written() -> None:
    r = release()
    assert {c.text: c.status in TIED for c in r.claims} == {
        "$310 million": True,
        "2.16%": True,
        "2.20%": True,
        ".50%": True,
        ".47%": True,
        ".43%": True,
    }
    assert alarms(r) == []


def test_each_figure_of_a_list_takes_the_date_after_it() -> None:
    r = release()
    (last,) = [c for c in r.claims if c.text == ".43%"]
    assert last.period_text == "at June 30, 2023"
    assert last.tied_to and last.tied_to[0].column == 2


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("was 2.16% at", "was 2.12% at", 5),
        ("and .43% at", "and .48% at", 7),
    ],
)
def test_a_wrong_rate_at_a_date_is_an_error(old: str, new: str, line: int) -> None:
    r = release(old, new)
    text = new.split()[1]
    (claim,) = [c for c in r.claims if c.text == text]
    assert claim.status is ClaimStatus.CONTRADICTS
    assert alarms(r) == [(line, "claim-mismatch", Severity.ERROR)]


def test_an_amount_at_a_date_is_not_read_in_a_quarters_column() -> None:
    r = release("net income of $310 million.", "net income of $310 million at June 30, 2024.")
    (amount,) = [c for c in r.claims if c.text == "$310 million"]
    assert amount.status not in TIED
