"""An amount of change judged against the comparison the percent beside it fits.

The release here is fictional and written for these tests. "Mortgage banking revenue
decreased $120 million (28.7 percent)" names no comparison; the table prints the
quarter, the quarter before and the quarter a year earlier. The percent fits the change
from the quarter before (418 -> 298 in millions, 28.5% to 28.9% within the rounding:
too coarse to tie it, enough to say which change the sentence speaks of). A wrong
amount there fits no comparison at all: an error naming the comparison the percent
chose, not the year-ago change the words would default to.
"""

from __future__ import annotations

from release_views import alarms, edited
from tieout.model import ClaimStatus, Release, Severity

QUILLON = """\
QUILLON BANCORP REPORTS FOURTH QUARTER 2024 RESULTS

MINNEAPOLIS -- Quillon Bancorp today reported results for the fourth quarter of 2024.

Noninterest income was lower in the fourth quarter of 2024. Mortgage banking revenue
decreased $120 million (28.7 percent) driven by lower production volume.




                              QUILLON BANCORP
                          CONSOLIDATED STATEMENT OF INCOME
                              (DOLLARS IN MILLIONS)

                                       4Q 2024    3Q 2024     4Q 2023
                                        ----       ----        ----
Card revenue                           1,406      1,409       1,380
Mortgage banking revenue                 298        418         468
Total noninterest income               1,704      1,827       1,848
"""


def release(old: str = "", new: str = "") -> Release:
    """The fictional release, with ``old`` (found once) replaced by ``new``."""
    return edited(QUILLON, "quillon.txt", old, new)


def test_the_release_has_no_alarm_as_written() -> None:
    r = release()
    (amount,) = [c for c in r.claims if c.text == "$120 million"]
    assert amount.status is not ClaimStatus.CONTRADICTS
    assert alarms(r) == []


def test_a_wrong_amount_is_judged_against_the_comparison_of_its_percent() -> None:
    r = release("\ndecreased $120 million", "\ndecreased $125 million")
    (amount,) = [c for c in r.claims if c.text == "$125 million"]
    assert amount.status is ClaimStatus.CONTRADICTS
    assert amount.expected is not None and int(amount.expected) == -120_000_000
    assert alarms(r) == [(6, "claim-mismatch", Severity.ERROR)]
    (message,) = [f.message for f in r.findings if f.code == "claim-mismatch"]
    assert "compared with 3Q 2024" in " ".join(message.split())


def test_a_percent_fitting_no_comparison_leaves_the_amount_unresolved() -> None:
    r = release("$120 million (28.7 percent)", "$125 million (12.0 percent)")
    assert [a for a in alarms(r) if a[2] is Severity.ERROR] == []
