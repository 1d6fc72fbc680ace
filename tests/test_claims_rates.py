"""Rates in the prose: a level after its change in basis points, and a level of no one period.

The release here is fictional and written for these tests. "Net interest margin
decreased 9 basis points to 2.66%" words 2.66% as the margin's value (the change in basis
points between them is no other metric). A rate of the release's own period ("Net
interest margin of 2.66%" in a fourth-quarter release) means the quarter's rate or the
year's: fitting neither, and no other reading of the release, it is wrong whichever it
meant, a warning naming the closest (not an error: its period is not resolved).
"""

from __future__ import annotations

import pytest

from release_views import alarms, edited
from tieout.model import ClaimStatus, ClaimTrait, Release, Severity

TIED = (ClaimStatus.TIES, ClaimStatus.ROUNDING)

PENNYWISE = """\
PENNYWISE BANCORP REPORTS FOURTH QUARTER 2024 RESULTS

BOSTON -- Pennywise Bancorp today reported results.

Net interest margin decreased 9 basis points to 2.66%.

Return on average assets was 1.10%, and noninterest expense was $1,030 million.




                              PENNYWISE BANCORP
                            FINANCIAL HIGHLIGHTS
                            (DOLLARS IN MILLIONS)

                                    THREE MONTHS ENDED        YEAR ENDED
                                       DECEMBER 31,          DECEMBER 31,
                                     2024       2023       2024       2023
                                     ----       ----       ----       ----

Net interest income                 1,500      1,460      5,900      5,700
Noninterest expense                 1,030        990      4,010      3,900
Net interest margin                  2.66%      2.75%      2.71%      2.80%
Return on average assets             1.10%      1.02%      1.05%      0.99%
"""


def release(old: str = "", new: str = "") -> Release:
    """The fictional release, with ``old`` (found once) replaced by ``new``."""
    return edited(PENNYWISE, "pennywise.txt", old, new)


def test_the_release_ties_as_written() -> None:
    r = release()
    (margin,) = [c for c in r.claims if c.text == "2.66%"]
    assert margin.status in TIED
    assert ClaimTrait.ATTACHED in margin.traits  # "decreased 9 basis points to"
    assert margin.subject == "Net interest margin"
    assert alarms(r) == []


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("to 2.66%", "to 5.66%", 5),
        ("was 1.10%", "was 1.90%", 7),
    ],
)
def test_a_rate_of_no_period_its_row_prints_is_a_warning(old: str, new: str, line: int) -> None:
    r = release(old, new)
    text = new.split()[-1].rstrip(".")
    (claim,) = [c for c in r.claims if c.text == text]
    assert claim.status is ClaimStatus.CONTRADICTS
    assert ClaimTrait.UNRESOLVED in claim.traits
    assert alarms(r) == [(line, "claim-mismatch", Severity.WARNING)]
    (message,) = [f.message for f in r.findings if f.code == "claim-mismatch"]
    assert "fits none of the figures its words may mean" in message


def test_a_rate_of_either_period_ties() -> None:
    r = release("to 2.66%", "to 2.71%")  # the year's margin: the release's period allows it
    (claim,) = [c for c in r.claims if c.text == "2.71%"]
    assert claim.status in TIED
    assert alarms(r) == []
