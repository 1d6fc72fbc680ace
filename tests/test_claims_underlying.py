"""A bank's "Underlying" measures beside its GAAP ones, and EPS of no one period.

The release here is fictional and written for these tests. It prints "Diluted EPS" (GAAP)
and "Underlying EPS" (non-GAAP) in one table: "EPS of $1.17" names the GAAP row, not the
Underlying one ("Underlying" qualifies the metric away from GAAP as "Adjusted" does), and
"Underlying net income of $569 million and EPS of $1.26" speaks of the Underlying row.
An EPS of the release's own period means the quarter's or the year's: fitting neither
figure, and no other reading of the release, it is wrong whichever it meant (a warning
naming the closest, not an error: its period is not resolved). A figure "excluding
acquisitions" of an Underlying measure is adjusted further than the row the tables
print, and contradicts nothing.
"""

from __future__ import annotations

from release_views import alarms, edited
from tieout.model import ClaimStatus, ClaimTrait, Release, Severity

TIED = (ClaimStatus.TIES, ClaimStatus.ROUNDING)

THRIFTON = """\
THRIFTON FINANCIAL REPORTS FOURTH QUARTER 2024 RESULTS

PROVIDENCE -- Thrifton Financial today reported net income of $530 million and EPS of $1.17.

Underlying net income of $569 million and EPS of $1.26.

Excluding acquisitions, Underlying noninterest expense of $989 million was stable.




                              THRIFTON FINANCIAL
                            FINANCIAL HIGHLIGHTS
                    (DOLLARS IN MILLIONS, EXCEPT PER SHARE)

                                    THREE MONTHS ENDED        YEAR ENDED
                                       DECEMBER 31,          DECEMBER 31,
                                     2024       2023       2024       2023
                                     ----       ----       ----       ----

Net income                            530        428      2,319        990
Underlying net income                 569        449      2,407      1,070
Noninterest expense                 1,070        993      4,200      3,900
Underlying noninterest expense      1,010        970      3,976      3,866
Diluted EPS                          1.17       0.99       5.16       2.22
Underlying EPS                       1.26       1.04       5.34       2.42
"""


def release(old: str = "", new: str = "") -> Release:
    """The fictional release, with ``old`` (found once) replaced by ``new``."""
    return edited(THRIFTON, "thrifton.txt", old, new)


def claim(r: Release, text: str, sentence: str = "") -> object:
    (found,) = [c for c in r.claims if c.text == text and sentence in c.sentence]
    return found


def test_the_release_ties_as_written() -> None:
    r = release()
    gaap = [c for c in r.claims if c.text == "$1.17"]
    underlying = [c for c in r.claims if c.text == "$1.26"]
    assert [c.status in TIED for c in (*gaap, *underlying)] == [True, True]
    assert ClaimTrait.ADJUSTED not in gaap[0].traits
    assert ClaimTrait.ADJUSTED in underlying[0].traits  # "Underlying net income ... and EPS"
    assert alarms(r) == []


def test_a_gaap_eps_off_both_periods_is_a_warning_not_hidden_by_the_underlying_row() -> None:
    r = release("EPS of $1.17", "EPS of $1.27")
    (eps,) = [c for c in r.claims if c.text == "$1.27"]
    assert eps.status is ClaimStatus.CONTRADICTS
    assert ClaimTrait.UNRESOLVED in eps.traits
    assert eps.expected is not None and str(eps.expected) == "1.17"
    assert alarms(r) == [(3, "claim-mismatch", Severity.WARNING)]


def test_a_gaap_eps_of_the_year_ties() -> None:
    r = release("EPS of $1.17", "EPS of $5.16")
    (eps,) = [c for c in r.claims if c.text == "$5.16"]
    assert eps.status in TIED
    assert alarms(r) == []


def test_an_underlying_eps_off_both_periods_is_judged_against_the_underlying_row() -> None:
    r = release("and EPS of $1.26", "and EPS of $1.36")
    (eps,) = [c for c in r.claims if c.text == "$1.36"]
    assert ClaimTrait.ADJUSTED in eps.traits
    assert eps.status is ClaimStatus.CONTRADICTS
    assert eps.expected is not None and str(eps.expected) == "1.26"
    assert alarms(r) == [(5, "claim-mismatch", Severity.WARNING)]


def test_a_measure_adjusted_further_than_its_row_contradicts_nothing() -> None:
    r = release()
    (expense,) = [c for c in r.claims if c.text == "$989 million"]
    assert ClaimTrait.ADJUSTED in expense.traits
    assert expense.status is not ClaimStatus.CONTRADICTS
    assert alarms(r) == []
