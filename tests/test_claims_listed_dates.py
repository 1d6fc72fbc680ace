"""Figures of a "respectively" list of dates that cannot be paired firmly: fictional releases.

"At December 31, 2025, September 30, 2025, ... the allowance ... was $42 million, $73
million, ..., respectively" gives each figure the date of its place in the list, as a
likely period (``ClaimTrait.LISTED``), not a firm one: a figure may tie by value only a
column of its own date (never a column of another date, nor a year's flows of that date),
and the one figure of a list whose other figures all tie one row at their dates is judged
on that row at its own date (a warning: its words name neither row nor date firmly).
"""

from __future__ import annotations

from datetime import date

from release_views import alarms, claim_status, edited, errors
from tieout.model import Claim, ClaimStatus, ClaimTrait, Release, Severity
from tieout.prose.tie import firm

TIED = (ClaimStatus.TIES, ClaimStatus.ROUNDING)
ALLOWANCE = ("$42 million", "$73 million", "$87 million", "$94 million", "$78 million")


OSPREY = """\
OSPREY FINANCIAL REPORTS FOURTH QUARTER 2025 RESULTS

PROVIDENCE, R.I. -- Osprey Financial today reported results for the fourth quarter of 2025.

Net income was $498 million in the fourth quarter of 2025.

At December 31, 2025, September 30, 2025, June 30, 2025, March 31, 2025 and December 31, 2024, the allowance for credit losses on investment securities was $42 million, $73 million, $87 million, $94 million and $78 million, respectively.

Nonperforming loans held-for-sale were $41 million, $38 million and $35 million and nonperforming leases were $9 million, $8 million and $7 million at December 31, 2025, September 30, 2025 and December 31, 2024, respectively.

Includes allowance for loan and lease losses for small business commercial loans of $1.2 billion, $1.4 billion and $1.5 billion at December 31, 2025, September 30, 2025 and December 31, 2024, respectively.




                              OSPREY FINANCIAL
                          CREDIT QUALITY TRENDS
                              (dollars in millions)

                              4Q25      3Q25      2Q25      1Q25      4Q24
                            ------    ------    ------    ------    ------

Net income                     498       424       455       401       520
Allowance for credit losses:
  Loans and leases           1,640     1,815     1,950     2,300     2,833
  Investment securities         42        73        87        94        78
                            ======    ======    ======    ======    ======




                              OSPREY FINANCIAL
                        NONPERFORMING COMMERCIAL LOANS
                              (dollars in millions)

                       December 31   September 30   June 30   March 31   December 31
                              2025           2025      2025       2025          2024
                         ---------      ---------  --------  ---------     ---------

Commercial                     725            909       960      1,228         1,243
Commercial real estate         382            414       404        354           404
Total commercial             1,107          1,323     1,364      1,582         1,647
                         =========      =========  ========  =========     =========




                              OSPREY FINANCIAL
                        ANNUAL NET CHARGE-OFFS
                              (dollars in millions)

                                      Year Ended December 31
                                        2025          2024
                                      --------      --------

Commercial                                 45           975
Commercial real estate                    351           494
Total commercial                          396         1,469
                                      ========      ========
"""


def _claim(release: Release, text: str) -> Claim:
    found = [c for c in release.claims if c.text == text]
    assert len(found) == 1, [c.text for c in release.claims]
    return found[0]


def test_each_figure_of_a_list_of_dates_ties_its_row_at_its_own_date() -> None:
    release = edited(OSPREY, "osprey.txt")
    for place, text in enumerate(ALLOWANCE):
        claim = _claim(release, text)
        assert claim.status in TIED, text
        assert ClaimTrait.LISTED in claim.traits
        assert [(r.row, r.column) for r in claim.tied_to] == [(3, place)], text
    assert not alarms(release)


def test_a_listed_figure_ties_no_column_of_another_date_nor_a_years_flows() -> None:
    # $1.2 billion is near the commercial loans of March 31 (1,228), a date the list does
    # not name; $1.5 billion near the year's charge-offs to December 31, 2024 (1,469), a
    # flow: neither is the small-business allowance the sentence speaks of
    release = edited(OSPREY, "osprey.txt")
    for text in ("$1.2 billion", "$1.4 billion", "$1.5 billion"):
        assert claim_status(release, text) is ClaimStatus.UNTIED, text


def test_a_listed_figure_still_ties_the_column_of_its_own_date() -> None:
    text = OSPREY.replace("725            909", "725          1,009").replace(
        "1,107          1,323", "1,107          1,423"
    )
    release = edited(text, "osprey.txt")
    claim = _claim(release, "$1.4 billion")
    assert claim.status in TIED
    assert [release.tables[r.table].columns[r.column].period for r in claim.tied_to] == [
        release.tables[1].columns[1].period
    ]


def test_the_figure_its_list_bears_out_contradicts_its_row_at_its_date() -> None:
    release = edited(OSPREY, "osprey.txt", "$73 million, $87", "$43 million, $87")
    claim = _claim(release, "$43 million")
    assert claim.status is ClaimStatus.CONTRADICTS
    assert [(r.row, r.column) for r in claim.tied_to] == [(3, 1)]
    assert not errors(release)  # not a proof: a warning
    assert [(code, severity) for _, code, severity in alarms(release)] == [
        ("claim-mismatch", Severity.WARNING)
    ]


def test_a_list_its_other_figures_do_not_bear_out_says_nothing() -> None:
    release = edited(OSPREY, "osprey.txt", "$42 million, $73 million", "$44 million, $43 million")
    for text in ("$44 million", "$43 million"):
        assert claim_status(release, text) is ClaimStatus.UNTIED, text
    assert not alarms(release)


def test_every_run_of_figures_a_list_of_dates_closes_takes_the_dates_of_its_places() -> None:
    # "... were $41 million, $38 million and $35 million and nonperforming leases were $9
    # million, $8 million and $7 million at [three dates], respectively": the first run is
    # paired with the dates as the last is, not all of it firmly with the first date
    release = edited(OSPREY, "osprey.txt")
    days = (date(2025, 12, 31), date(2025, 9, 30), date(2024, 12, 31))
    for run in (
        ("$41 million", "$38 million", "$35 million"),
        ("$9 million", "$8 million", "$7 million"),
    ):
        for text, day in zip(run, days, strict=True):
            claim = _claim(release, text)
            assert claim.period is not None and claim.period.end == day, text
            assert ClaimTrait.LISTED in claim.traits and not firm(claim), text
