"""A percent change of physical quantities the prose names loosely: a fictional utility.

"Residential electricity use increased 3.9 percent" is attached to no metric of the
vocabulary, but every row its words suggest is a row of kilowatt-hours: where it fits the
change of none of them, it is wrong whichever it meant, and is reported (a warning naming
the closest row, not a proof). Where a row of money is among the rows its words suggest,
its meaning is not resolved and nothing is reported.
"""

from __future__ import annotations

from release_views import claim_status, edited
from tieout.model import ClaimStatus, Release, Severity

TIED = (ClaimStatus.TIES, ClaimStatus.ROUNDING)

DYNAMO = """\
DYNAMO POWER COMPANY REPORTS 2025 EARNINGS

ATLANTA -- Dynamo Power Company today reported results for 2025.

Kilowatt-hour sales to retail customers increased 3.6 percent in 2025, compared with \
2024. Residential electricity use increased 3.9 percent. Industrial energy use \
increased 3.6 percent.




                               Kilowatt-Hour Sales
                              (In Millions of KWHs)

                           3 Months Ended December          12 Months Ended December
                         ----------------------------     ----------------------------
                           2025      2024                    2025       2024
                           ----      ----                    ----       ----

Total Retail Sales       37,056    35,474                 157,143    151,618
Residential              10,748    10,275                  49,703     47,833
Industrial               14,039    13,492                  56,399     54,415
"""


def warnings(release: Release) -> list[str]:
    return [f.message for f in release.findings if f.severity is Severity.WARNING]


def test_the_clean_release_ties() -> None:
    release = edited(DYNAMO, "dynamo.txt")
    assert claim_status(release, "3.9 percent") in TIED
    assert not warnings(release)


def test_a_change_that_fits_no_row_of_quantities_its_words_suggest_is_reported() -> None:
    release = edited(DYNAMO, "dynamo.txt", "increased 3.9 percent", "increased 3.1 percent")
    assert claim_status(release, "3.1 percent") is ClaimStatus.CONTRADICTS
    found = [m for m in warnings(release) if '"increased 3.1 percent"' in m]
    assert found and "47,833 -> 49,703" in found[0]


def test_a_row_of_money_among_the_rows_it_suggests_leaves_it_unresolved() -> None:
    text = DYNAMO.replace(
        "Industrial               14,039",
        "Industrial               14,039    13,492                  56,399     54,415\n"
        "\n\n\n\n"
        "                               Revenues by Customer\n"
        "                              (In Millions of Dollars)\n\n"
        "                           3 Months Ended December          12 Months Ended December\n"
        "                         ----------------------------     ----------------------------\n"
        "                           2025      2024                    2025       2024\n"
        "                           ----      ----                    ----       ----\n\n"
        "Residential               1,200     1,100                   5,300      5,000\n"
        "Industrial               1,039",
    )
    release = edited(text, "dynamo.txt", "increased 3.9 percent", "increased 3.1 percent")
    assert claim_status(release, "3.1 percent") is not ClaimStatus.CONTRADICTS
    assert not [m for m in warnings(release) if "3.1 percent" in m]
