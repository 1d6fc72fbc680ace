"""Claims of the prose, each construction on sentences written here, tied to a release's tables.

The tables are those of Acme Widget Corporation, a fictional company written for these
tests: a statement of operations for the second quarter and six months of 2024 and
2023 (in thousands) and segment data for the quarters. Each test puts a sentence above
them and reads the whole text as a release.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tieout.model import ClaimKind, ClaimStatus, Release, Severity
from tieout.pipeline import read
from tieout.report.serialise import claim_data
from tieout.vocabulary import Concept

TABLES = """\
                            ACME WIDGET CORPORATION

                 CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS
                    (IN THOUSANDS, EXCEPT PER SHARE AMOUNTS)

                                         THREE MONTHS ENDED         SIX MONTHS ENDED
                                              JUNE 30,                  JUNE 30,
                                       ----------------------    ----------------------
                                          2024         2023         2024         2023
                                          ----         ----         ----         ----

Net sales                               $ 20,500     $ 19,000     $ 40,100     $ 37,900

Cost of sales                             15,000       14,200       29,600       28,300
                                        --------     --------     --------     --------

     Gross profit                          5,500        4,800       10,500        9,600

Selling and administrative expenses        4,300        4,900        8,900        9,700
                                        --------     --------     --------     --------

     Income (loss) from operations         1,200         (100)       1,600         (100)

Interest expense                             200          250          400          500
                                        --------     --------     --------     --------

     Income (loss) before income taxes     1,000         (350)       1,200         (600)

Income tax provision (benefit)               250         (100)         300         (150)
                                        --------     --------     --------     --------

     Net income (loss)                  $    750     $   (250)    $    900     $   (450)
                                        ========     ========     ========     ========

Basic and diluted net income (loss)
  per share                             $   0.15     $  (0.05)    $   0.18     $  (0.09)
                                        ========     ========     ========     ========

Weighted average number of common
  shares outstanding                       5,000        5,000        5,000        5,000
                                        ========     ========     ========     ========



                            ACME WIDGET CORPORATION

                         SELECTED SEGMENT FINANCIAL DATA
                                 (IN THOUSANDS)

                                                          THREE MONTHS ENDED JUNE 30
                                                         ---------------------------
                                                           2024              2023
                                                           ----              ----

Net sales:
     Widgets Group                                       $ 12,400          $ 11,500
     Gears Group                                            8,100             7,500
                                                         --------          --------
         Total net sales                                 $ 20,500          $ 19,000
                                                         ========          ========

Operating income (loss):
     Widgets Group                                       $  1,500          $    600
     Gears Group                                             300              (100)
     Corporate Office                                       (600)             (600)
                                                         --------          --------
         Income (loss) from operations                     1,200              (100)
                                                         ========          ========
"""

PAGE = "\n" * 6 + " " * 38 + "-1-\n" + "\n" * 6  # a page break, as EDGAR text prints one
TIES, ROUNDING = ClaimStatus.TIES, ClaimStatus.ROUNDING
CONTRADICTS, UNTIED = ClaimStatus.CONTRADICTS, ClaimStatus.UNTIED
LEVEL, CHANGE, PCT = ClaimKind.LEVEL, ClaimKind.CHANGE, ClaimKind.PERCENT_CHANGE


def acme(prose: str) -> Release:
    """The prose (paragraphs separated by blank lines) a page above Acme's tables, read."""
    text = f"ACME WIDGET REPORTS SECOND QUARTER RESULTS\n\n{prose}\n{PAGE}{TABLES}"
    return read(text.encode(), name="acme.txt")


def said(release: Release) -> list[tuple[str, ClaimKind, Decimal, ClaimStatus]]:
    return [(c.text, c.kind, c.value, c.status) for c in release.claims]


Q2_24 = "for the second quarter of 2024"
Q2_23 = "for the second quarter of 2023"

CASES = {
    "amount in dollars": (
        f"Net sales {Q2_24} were $20,500,000.",
        [("$20,500,000", LEVEL, "20500000", TIES)],
    ),
    "amount in millions, rounded": (
        f"Net sales {Q2_24} were $20.5 million.",
        [("$20.5 million", LEVEL, "20500000", ROUNDING)],
    ),
    "amount in millions, wrong": (
        f"Net sales {Q2_24} were $20.6 million.",
        [("$20.6 million", LEVEL, "20600000", CONTRADICTS)],
    ),
    "cents per diluted share": (
        f"Acme reported net income of $750,000, or 15 cents per diluted share, {Q2_24}.",
        [("$750,000", LEVEL, "750000", TIES), ("15 cents per diluted share", LEVEL, "0.15", TIES)],
    ),
    "dollars per diluted share, wrong": (
        f"Acme reported net income of $750,000, or $0.16 per diluted share, {Q2_24}.",
        [
            ("$750,000", LEVEL, "750000", TIES),
            ("$0.16 per diluted share", LEVEL, "0.16", CONTRADICTS),
        ],
    ),
    "an increase of a percent": (
        f"Net sales {Q2_24} were $20,500,000, compared to $19,000,000 {Q2_23}, an increase of 8%.",
        [
            ("$20,500,000", LEVEL, "20500000", TIES),
            ("$19,000,000", LEVEL, "19000000", TIES),
            ("8%", PCT, "8", TIES),
        ],
    ),
    "an increase of a percent, wrong": (
        f"Net sales {Q2_24} were $20,500,000, compared to $19,000,000 {Q2_23}, an increase of 9%.",
        [
            ("$20,500,000", LEVEL, "20500000", TIES),
            ("$19,000,000", LEVEL, "19000000", TIES),
            ("9%", PCT, "9", CONTRADICTS),
        ],
    ),
    "increased by a percent to an amount, for a segment": (
        f"Net sales of the Widgets Group increased by 8% to $12,400,000 {Q2_24}.",
        [("8%", PCT, "8", TIES), ("$12,400,000", LEVEL, "12400000", TIES)],
    ),
    "decreased by a percent when it rose": (
        f"Net sales of the Gears Group decreased by 8% to $8,100,000 {Q2_24}.",
        [("8%", PCT, "-8", CONTRADICTS), ("$8,100,000", LEVEL, "8100000", TIES)],
    ),
    "up a number of percent from": (
        "Net sales for the first six months of 2024 were $40,100,000, up 6 percent from "
        "$37,900,000.",
        [
            ("$40,100,000", LEVEL, "40100000", TIES),
            ("6 percent", PCT, "6", TIES),
            ("$37,900,000", LEVEL, "37900000", TIES),
        ],
    ),
    "increased to an amount from another": (
        f"Income from operations of the Widgets Group increased to $1,500,000 {Q2_24}, from "
        f"$600,000 {Q2_23}.",
        [("$1,500,000", LEVEL, "1500000", TIES), ("$600,000", LEVEL, "600000", TIES)],
    ),
    "decreased to an amount that rose": (
        f"Income from operations of the Widgets Group decreased to $1,500,000 {Q2_24}, from "
        f"$600,000 {Q2_23}.",
        [("$1,500,000", LEVEL, "1500000", CONTRADICTS), ("$600,000", LEVEL, "600000", TIES)],
    ),
    "an amount of change": (
        f"Net sales {Q2_24} increased by $1,500,000.",
        [("$1,500,000", CHANGE, "1500000", TIES)],
    ),
    "an amount of change, wrong": (
        f"Net sales {Q2_24} increased by $1,600,000.",
        [("$1,600,000", CHANGE, "1600000", CONTRADICTS)],
    ),
    "net loss of": (
        f"Acme reported a net loss of $250,000, or $0.05 per diluted share, {Q2_23}.",
        [
            ("$250,000", LEVEL, "-250000", TIES),
            ("$0.05 per diluted share", LEVEL, "-0.05", TIES),
        ],
    ),
    "net income of a loss": (
        f"Acme reported net income of $250,000 {Q2_23}.",
        [("$250,000", LEVEL, "250000", CONTRADICTS)],
    ),
    "loss from operations of a segment": (
        f"The Corporate Office reported a loss from operations of $600,000 {Q2_24}.",
        [("$600,000", LEVEL, "-600000", TIES)],
    ),
    "negative": (
        f"Operating income of the Corporate Office was negative $600,000 {Q2_24}.",
        [("negative $600,000", LEVEL, "-600000", TIES)],
    ),
    "positive, of a loss": (
        f"Operating income of the Corporate Office was positive $600,000 {Q2_24}.",
        [("positive $600,000", LEVEL, "600000", CONTRADICTS)],
    ),
    "approximately": (
        f"Net sales {Q2_24} were approximately $20 million.",
        [("$20 million", LEVEL, "20000000", ROUNDING)],
    ),
    "more than": (
        f"Net sales {Q2_24} were more than $20 million.",
        [("$20 million", LEVEL, "20000000", ROUNDING)],
    ),
    "nearly": (
        f"Net sales {Q2_24} were nearly $21 million.",
        [("$21 million", LEVEL, "21000000", ROUNDING)],
    ),
    "more than, wrong": (
        f"Net sales {Q2_24} were more than $21 million.",
        [("$21 million", LEVEL, "21000000", CONTRADICTS)],
    ),
    "respectively, by segment": (
        f"Net sales of the Widgets Group and the Gears Group were $12,400,000 and $8,100,000, "
        f"respectively, {Q2_24}.",
        [("$12,400,000", LEVEL, "12400000", TIES), ("$8,100,000", LEVEL, "8100000", TIES)],
    ),
    "respectively, by segment, swapped": (
        f"Net sales of the Widgets Group and the Gears Group were $8,100,000 and $12,400,000, "
        f"respectively, {Q2_24}.",
        [
            ("$8,100,000", LEVEL, "8100000", CONTRADICTS),
            ("$12,400,000", LEVEL, "12400000", CONTRADICTS),
        ],
    ),
    "respectively, by year": (
        "Net sales were $20,500,000 and $19,000,000 for the second quarters of 2024 and 2023, "
        "respectively.",
        [("$20,500,000", LEVEL, "20500000", TIES), ("$19,000,000", LEVEL, "19000000", TIES)],
    ),
    "the quarter, the year from the release": (
        "Net sales for the quarter were $20.5 million.",
        [("$20.5 million", LEVEL, "20500000", ROUNDING)],
    ),
    "year-to-date": (
        "Year-to-date net sales were $40.1 million.",
        [("$40.1 million", LEVEL, "40100000", ROUNDING)],
    ),
    "a figure no table holds": (
        f"Acme bought a warehouse for $3,000,000 {Q2_24}.",
        [("$3,000,000", LEVEL, "3000000", UNTIED)],
    ),
    "guidance is not checked against the quarter": (
        "Acme expects net sales for the third quarter of 2024 of $25 million.",
        [("$25 million", LEVEL, "25000000", UNTIED)],
    ),
    "a non-GAAP figure is not checked against the GAAP one": (
        f"Excluding one-time items, net income {Q2_24} was $900,000.",
        [("$900,000", LEVEL, "900000", UNTIED)],
    ),
}


@pytest.mark.parametrize("case", list(CASES), ids=list(CASES))
def test_each_construction_ties_or_contradicts(case: str) -> None:
    prose, expected = CASES[case]
    release = acme(prose)
    assert said(release) == [(t, k, Decimal(v), s) for t, k, v, s in expected]
    contradicting = {c.span.line for c in release.claims if c.status is CONTRADICTS}
    errors = [f for f in release.errors if f.code == "claim-mismatch"]
    assert {f.line for f in errors} == contradicting
    assert len(errors) == sum(1 for c in release.claims if c.status is CONTRADICTS)
    assert not [f for f in release.errors if f.code != "claim-mismatch"]
    untied = [f for f in release.findings if f.code == "claim-untied"]
    assert all(f.severity is Severity.INFO for f in untied)
    assert len(untied) == sum(1 for c in release.claims if c.status is UNTIED)


def test_a_claim_knows_its_subject_segment_and_period() -> None:
    release = acme(
        f"Net sales of the Widgets Group increased by 8% to $12,400,000 {Q2_24}, while the "
        f"Corporate Office reported a loss from operations of $600,000, compared to a loss "
        f"from operations of $600,000 {Q2_23}."
    )
    pct, level, loss, prior = release.claims
    assert (pct.concept, pct.segment, pct.period and pct.period.months) == (
        Concept.Revenue,
        "Widgets Group",
        3,
    )
    assert pct.period is not None and pct.period.year == 2024
    assert (loss.concept, loss.segment, loss.subject) == (
        Concept.OperatingIncome,
        "Corporate Office",
        "loss from operations",
    )
    assert prior.period is not None and (prior.period.months, prior.period.year) == (3, 2023)
    assert [c.status for c in release.claims] == [TIES] * 4
    cells = [release.row(r.table, r.row).label for r in pct.tied_to]
    assert cells == ["Widgets Group", "Widgets Group"]  # this year and the year before
    assert pct.expected == Decimal("7.83")


def test_a_contradiction_names_both_figures_on_the_claims_line() -> None:
    release = acme(f"Net sales of the Gears Group were\n$8,200,000 {Q2_24}.")
    (finding,) = release.errors
    assert finding.code == "claim-mismatch" and finding.line == 4  # the figure's line
    assert "$8,200,000" in finding.message and "8,100" in finding.message
    assert finding.expected == Decimal(8100000) and finding.actual == Decimal(8200000)
    assert len(finding.evidence) == 2  # the claim and the cell


def test_dates_phones_addresses_and_years_make_no_claims() -> None:
    release = acme(
        "PORTLAND, Maine, July 30, 2024-- Acme Widget Corporation, 100 Main Street, Suite 200, "
        "Portland, Maine 04101, (207) 555-0142, reported results under Item 2.02 and Section 13 "
        "of the Securities Exchange Act of 1934 for fiscal 2024."
    )
    assert release.claims == ()


def test_a_heading_naming_a_segment_gives_the_paragraphs_under_it_their_segment() -> None:
    release = acme(f"Gears Group\n\nNet sales {Q2_24} were $8.1 million.")
    (claim,) = release.claims
    assert claim.segment == "Gears Group" and claim.status is ROUNDING
    assert [release.row(r.table, r.row).label for r in claim.tied_to] == ["Gears Group"]


def test_claims_in_json_keep_their_keys() -> None:
    release = acme(f"Net sales {Q2_24} were $20,500,000, an increase of 8%.")
    data = [claim_data(release, c) for c in release.claims]
    for item in data:
        assert {"line", "text", "value", "unit", "kind", "tied_to", "status"} <= set(item)
    assert data[0]["value"] == "20500000" and data[0]["status"] == "ties"
    assert data[0]["tied_to"]["row"] == "Net sales"
    assert data[1]["kind"] == "percent-change" and len(data[1]["tied_to"]["cells"]) == 2


GLOBEX = """\
                              GLOBEX CORPORATION
                                SELECTED DATA
                                (IN THOUSANDS)

                                         THREE MONTHS ENDED JUNE 30
                                         --------------------------
                                           2024            2023
                                           ----            ----

Net sales                                 9,100           8,700
EBITDA                                    1,250            304)
"""


@pytest.mark.parametrize(("word", "reading"), [("positive", 304000), ("negative", -304000)])
def test_where_no_relation_decides_the_prose_reads_a_stray_parenthesis(
    word: str, reading: int
) -> None:
    prose = f"EBITDA for the second quarter of 2023 was {word} $304,000.\n\n"
    release = read((prose + GLOBEX).encode(), name="globex.txt")
    (chosen,) = release.readings
    assert chosen.value == Decimal(reading)
    (finding,) = [f for f in release.findings if f.code == "stray-parenthesis"]
    assert f'the prose says "{word} $304,000" (line 1)' in finding.message
    assert 1 in {s.line for s in finding.evidence}
    assert [c.status for c in release.claims] == [TIES]
