"""Growth worded as a noun: "<metric> growth of N%", "N% <metric> growth".

The release here is fictional and written for these tests. A headline "Phones and
Tablets Drive Revenue Growth of 18%" says that revenue grew 18%: the metric before
"growth" is the subject of the figure (whatever drives it), the figure is its change,
and "15% EPS growth" is a change of earnings per share, not a percent level. The
headline's period is only the release's (the quarter or the year to date): a changed
figure that fits neither is wrong whichever it meant, a warning naming the closest (not
an error: its period is not resolved).
"""

from __future__ import annotations

import pytest

from release_views import alarms, edited
from tieout.model import ClaimKind, ClaimStatus, ClaimTrait, Release, Severity

TIED = (ClaimStatus.TIES, ClaimStatus.ROUNDING)

GADGETRY = """\
GADGETRY INC. REPORTS FOURTH QUARTER RESULTS

Phones and Tablets Drive Revenue Growth of 18% and 15% EPS Growth

PALO ALTO -- Gadgetry Inc. today reported results for its fourth quarter ended
December 31, 2024.

"Strong demand drove revenue growth of 18 percent," said the chief executive.




                                 GADGETRY INC.
                     CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS
                      (IN MILLIONS, EXCEPT PER SHARE AMOUNTS)

                                    THREE MONTHS ENDED        YEAR ENDED
                                       DECEMBER 31,          DECEMBER 31,
                                     2024       2023       2024       2023
                                     ----       ----       ----       ----

Net sales                          11,800     10,000     40,000     36,000
Cost of sales                       7,000      6,000     24,000     22,000
                                   ------     ------     ------     ------
Gross margin                        4,800      4,000     16,000     14,000
                                   ======     ======     ======     ======
Diluted earnings per share           2.30       2.00       7.80       7.00
"""


def release(old: str = "", new: str = "") -> Release:
    """The fictional release, with ``old`` (found once) replaced by ``new``."""
    return edited(GADGETRY, "gadgetry.txt", old, new)


def _claim(r: Release, text: str) -> object:
    (claim,) = [c for c in r.claims if c.text == text]
    return claim


def test_growth_after_its_metric_is_its_change() -> None:
    r = release()
    (headline, quote) = [c for c in r.claims if c.text in ("18%", "18 percent")]
    for claim in (headline, quote):
        assert claim.kind is ClaimKind.PERCENT_CHANGE
        assert ClaimTrait.ATTACHED in claim.traits  # "Drive Revenue Growth of", "drove ..."
        assert claim.concept == "Revenue"
        assert claim.status in TIED
    assert alarms(r) == []


def test_growth_after_a_metric_named_after_its_figure_is_its_change() -> None:
    r = release()
    (eps,) = [c for c in r.claims if c.text == "15%"]
    assert eps.kind is ClaimKind.PERCENT_CHANGE  # "15% EPS Growth": not a percent level
    assert eps.status in TIED


@pytest.mark.parametrize(
    ("old", "new", "line"),
    [
        ("Revenue Growth of 18%", "Revenue Growth of 13%", 3),
        ("drove revenue growth of 18 percent", "drove revenue growth of 28 percent", 8),
    ],
)
def test_a_changed_growth_of_no_period_is_a_warning(old: str, new: str, line: int) -> None:
    r = release(old, new)
    (claim,) = [c for c in r.claims if c.text == new.split(" of ")[-1]]
    assert claim.status is ClaimStatus.CONTRADICTS
    assert ClaimTrait.UNRESOLVED in claim.traits
    assert alarms(r) == [(line, "claim-mismatch", Severity.WARNING)]
    (message,) = [f.message for f in r.findings if f.code == "claim-mismatch"]
    assert "fits none of the figures its words may mean" in message


def test_growth_a_part_contributed_is_not_the_metrics() -> None:
    r = release("Strong demand drove", "Acquisitions contributed")
    (quote,) = [c for c in r.claims if c.text == "18 percent"]
    assert ClaimTrait.ATTACHED not in quote.traits  # a part of the growth, not all of it
