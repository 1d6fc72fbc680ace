"""Claims tied by meaning: a wrong figure contradicts the one figure its words name.

Each release here is fictional and written for these tests. A claim is tied first to the
cells its words name (metric, segment, period, GAAP or non-GAAP), whatever their values;
a figure that fits none of them is a contradiction when they all stand for one figure,
and is left untied when they do not. The safeguards are tested beside it: non-GAAP
wording never ties a GAAP column (nor the other way round), an adjustments column ties
nothing, a cell printed 0 ties no other figure by value, a figure of a table row run
into the text or of a constant-currency growth rate is not worded as a figure of the
tables.
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from tieout.model import ClaimStatus, Release, Severity
from tieout.pipeline import read

TIED = (ClaimStatus.TIES, ClaimStatus.ROUNDING)

INITECH_Q1 = """\
INITECH REPORTS FIRST QUARTER 2024 RESULTS

AUSTIN, Texas -- Initech Corporation today reported results for its first
quarter of 2024.

"Revenue of $13.6 million grew 14 percent, and earnings per share were $0.50,"
said Bill Lumbergh, chief executive officer.




                              INITECH CORPORATION
                               FINANCIAL HIGHLIGHTS
                      (IN MILLIONS, EXCEPT PER SHARE AMOUNTS)

                                              FIRST QUARTER
                                            -----------------
                                             2024       2023
                                             ----       ----

Revenue                                     $ 13.6     $ 11.9




                              INITECH CORPORATION
                 CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS
                     (IN THOUSANDS, EXCEPT PER SHARE AMOUNTS)

                                               THREE MONTHS ENDED MARCH 31,
                                               ----------------------------
                                                   2024            2023
                                                   ----            ----

Revenue                                         $ 13,589        $ 11,887
Cost of revenue                                    8,100           7,300
                                                --------        --------
     Gross profit                                  5,489           4,587
Operating expenses                                 2,889           2,687
                                                --------        --------
     Net income                                 $  2,600        $  1,900
                                                ========        ========

Earnings per share:
     Basic                                      $   0.52        $   0.38
     Diluted                                    $   0.50        $   0.37

Weighted average shares:
     Basic                                         5,000           5,000
     Diluted                                       5,200           5,135
"""

INITECH_Q2 = """\
INITECH REPORTS SECOND QUARTER 2024 RESULTS

"Revenue of $13.6 million and operating cash flow of $4.1 million show the
strength of our business," said Bill Lumbergh, chief executive officer.




                              INITECH CORPORATION
                 CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS
                                 (IN THOUSANDS)

                                     THREE MONTHS ENDED        SIX MONTHS ENDED
                                          JUNE 30,                 JUNE 30,
                                   ----------------------   ----------------------
                                      2024         2023        2024         2023
                                      ----         ----        ----         ----

Revenue                             $ 13,589     $ 11,887    $ 26,100     $ 23,500
Net income                             2,600        1,900       4,900        3,700




                              INITECH CORPORATION
                CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS
                                 (IN THOUSANDS)

                                                    SIX MONTHS ENDED JUNE 30,
                                                    -------------------------
                                                       2024            2023
                                                       ----            ----

Net cash provided by operating activities            $ 7,700         $ 6,900
"""

VANDELAY = """\
VANDELAY INDUSTRIES REPORTS FISCAL 2024 RESULTS

Fiscal year 2024 GAAP operating income was $10.9 million, and GAAP operating
margin was 26%. Non-GAAP operating income was $19.6 million, and non-GAAP
operating margin was 46%.




                              VANDELAY INDUSTRIES
                 CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS
                                 (IN THOUSANDS)

                                               YEAR ENDED DECEMBER 31,
                                              ------------------------
                                                 2024          2023
                                                 ----          ----

Revenues                                       $ 42,440      $ 40,479
Operating expenses                               31,514        30,010
                                               --------      --------
     Operating income                            10,926        10,469
                                               ========      ========




                              VANDELAY INDUSTRIES
          RECONCILIATION OF SELECTED GAAP MEASURES TO NON-GAAP MEASURES
                                 (IN THOUSANDS)

                                   YEAR ENDED DECEMBER 31, 2024
                           -------------------------------------------
                              GAAP       ADJUSTMENTS       NON-GAAP
                              ----       -----------       --------

Revenues                    $ 42,440      $      -        $ 42,440
Operating expenses            31,514        (8,667)         22,847
                            --------      --------        --------
Operating income            $ 10,926      $  8,667        $ 19,593
                            ========      ========        ========
Operating margin                 26%                           46%
"""

GLOBEX = """\
GLOBEX UTILITIES REPORTS FOURTH QUARTER 2024 EARNINGS

ATLANTA -- Globex Utilities today reported fourth quarter earnings of $204.5
million, compared with $125.0 million in the fourth quarter of 2023.

Revenues for the fourth quarter were $2.72 billion, compared with $2.52
billion in the same period a year ago, an increase of 8.0 percent.

Net income for the quarter included $300,000 of interest. Kilowatt-hour
sales to retail customers increased 3.6 percent in the fourth quarter of 2024.








                              GLOBEX UTILITIES
                              FINANCIAL OVERVIEW
                                (IN MILLIONS)

                                       3 MONTHS ENDED DECEMBER
                                   --------------------------------
                                     2024       2023     % CHANGE
                                     ----       ----     --------
Consolidated -
  Operating Revenues               $2,721     $2,520        8.0%
  Net Income                          204        125       63.6%

Alpha Power -
  Operating Revenues               $  971     $  904        7.5%
  Net Income                           66         58       14.7%

Beta Power -
  Operating Revenues               $  235     $  212       10.8%
  Net Income                            0          3      -86.1%




                              GLOBEX UTILITIES
                              KILOWATT-HOUR SALES
                                (IN MILLIONS)

                                       3 MONTHS ENDED DECEMBER
                                   --------------------------------
                                     2024       2023     % CHANGE
                                     ----       ----     --------

  Total Sales                      45,100     43,200        4.4%
  Retail Sales                     37,300     36,000        3.6%
"""

HOOLI = """\
HOOLI MACHINES REPORTS FIRST QUARTER 2024 RESULTS

Total sales for the first quarter of 2024 were $9.2 million, compared with
$8.1 million in the first quarter of 2023.

Mining Equipment's total sales were $6.115 million in the first quarter of
2024, an increase of $656,000, or 12%, compared with $5.459 million in the
first quarter of 2023.

Mining Equipment's profit was $1.057 million in the first quarter of 2024.

Power Systems' total sales were $3.085 million in the first quarter of 2024.




                                 HOOLI MACHINES
                                PROFIT BY SEGMENT
                                 (IN THOUSANDS)

                                                FIRST QUARTER
                                             -------------------
                                               2024       2023
                                               ----       ----

Mining Equipment                              $ 1,057    $ 1,042
Power Systems                                     538        675
                                              -------    -------
     Total                                    $ 1,595    $ 1,717
                                              =======    =======




                                MINING EQUIPMENT
                                  SEGMENT SALES
                                 (IN THOUSANDS)

                                                FIRST QUARTER
                                             -------------------
                                               2024       2023
                                               ----       ----

Total Sales                                   $ 6,115    $ 5,459




                           SALES BY GEOGRAPHIC REGION
                                 (IN THOUSANDS)

                                                FIRST QUARTER
                                             -------------------
                                               2024       2023
                                               ----       ----

North America                                 $ 4,000    $ 3,500
Europe                                          2,115      1,959
                                              -------    -------
     Total Sales                              $ 6,115    $ 5,459
                                              =======    =======




                                 POWER SYSTEMS
                                  SEGMENT SALES
                                 (IN THOUSANDS)

                                                FIRST QUARTER
                                             -------------------
                                               2024       2023
                                               ----       ----

Total Sales                                   $ 3,085    $ 2,641




                                 HOOLI MACHINES
                           CONSOLIDATED RESULTS OF OPERATIONS
                                 (IN THOUSANDS)

                                                FIRST QUARTER
                                             -------------------
                                               2024       2023
                                               ----       ----

Total sales                                   $ 9,200    $ 8,100
Cost of sales                                   7,605      6,383
                                              -------    -------
     Operating profit                         $ 1,595    $ 1,717
                                              =======    =======
"""

PIPER = """\
PIED PIPER REPORTS FISCAL 2024 Q4 RESULTS

Fiscal 2024 Q4 total revenues were up 3% to $3.0 million. Hardware products
revenues were up 2% to $870,000.




                                   PIED PIPER
                     CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS
                                 (IN THOUSANDS)

                                           THREE MONTHS ENDED MAY 31,
                                           --------------------------
                                              2024           2023
                                              ----           ----
REVENUES
   Software                                 $ 2,130        $ 2,060
   Hardware products                            870            853
                                            -------        -------
      Total revenues                          3,000          2,913
OPERATING EXPENSES
   Software                                   1,100          1,080
   Hardware products                            443            430
                                            -------        -------
      Total operating expenses                1,543          1,510
                                            -------        -------
OPERATING INCOME                              1,457          1,403
"""

RELEASES = {
    "initech-q1": INITECH_Q1,
    "initech-q2": INITECH_Q2,
    "vandelay": VANDELAY,
    "globex": GLOBEX,
    "hooli": HOOLI,
    "piper": PIPER,
}


def release(name: str, old: str = "", new: str = "") -> Release:
    """A fictional release, with ``old`` (found once) replaced by ``new``."""
    text = RELEASES[name]
    if old:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return read(text.encode(), name=f"{name}.txt")


def mismatches(r: Release) -> list[tuple[int, str]]:
    return [(f.line, f.message) for f in r.findings if f.code == "claim-mismatch"]


def status(r: Release, text: str) -> ClaimStatus:
    (claim,) = [c for c in r.claims if c.text == text]
    return claim.status


# Every fictional release ties as written (what stays untied is said so).
UNTIED_AS_WRITTEN = {
    "initech-q2": {"$4.1 million"},  # a quarter's cash flow; the table prints six months
    "globex": {"$300,000"},
}


@pytest.mark.parametrize("name", list(RELEASES))
def test_each_release_ties_as_written(name: str) -> None:
    r = release(name)
    assert r.claims
    untied = {c.text for c in r.claims if c.status not in TIED}
    assert untied == UNTIED_AS_WRITTEN.get(name, set())
    assert not r.errors


# (release, old, new, line, what the message must name): one wrong figure each, each a
# contradiction of the figure its words name on its own line, and nothing else.
WRONG = {
    "a figure of a quote, the release's quarter": (
        "initech-q1", "$13.6 million grew", "$13.9 million grew", 6, "13,589",
    ),
    "a percent the coarse highlights allow, the statement not": (
        "initech-q1", "grew 14 percent", "grew 15 percent", 6, "11,887 -> 13,589",
    ),
    "EPS that is neither basic nor diluted names the diluted": (
        "initech-q1", "were $0.50", "were $0.51", 6, "Diluted",
    ),
    "non-GAAP margin printed as the GAAP one": (
        "vandelay", "margin was 46%", "margin was 26%", 5, "46%; off by 20 percentage points",
    ),
    "GAAP margin printed as the non-GAAP one": (
        "vandelay", "margin was 26%", "margin was 46%", 4, "26%; off by 20 percentage points",
    ),
    "GAAP income printed as the non-GAAP one": (
        "vandelay", "income was $10.9 million", "income was $19.6 million", 3, "10,926",
    ),
    "non-GAAP income printed as the adjustments": (
        "vandelay", "income was $19.6 million", "income was $8.7 million", 4, "19,593",
    ),
    "earnings of the company, not of a subsidiary that printed 0": (
        "globex", "$204.5\nmillion", "$204.5\nthousand", 3, "is printed 204 (in millions)",
    ),
    "a percent change beside a table of kilowatt-hours": (
        "globex", "8.0 percent", "8.2 percent", 7, "2,520 -> 2,721",
    ),
    "total sales of the company, not of its segments": (
        "hooli", "$9.2 million", "$9.3 million", 3, "9,200",
    ),
    "a segment's sales, in the table titled with its name": (
        "hooli", "$3.085 million", "$3.185 million", 12, "3,085",
    ),
    "a segment's profit, in the table of profit by segment": (
        "hooli", "$1.057 million", "$1.157 million", 10, "1,057",
    ),
    "a revenue row, not the expense row of the same name": (
        "piper", "$870,000", "$840,000", 4, "870",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", list(WRONG), ids=list(WRONG))
def test_a_wrong_figure_contradicts_the_figure_its_words_name(case: str) -> None:
    name, old, new, line, named = WRONG[case]
    r = release(name, old, new)
    assert [line for line, _ in mismatches(r)] == [line]
    (message,) = [m for _, m in mismatches(r)]
    assert named in message
    assert [f.code for f in r.errors] == ["claim-mismatch"]
    contradicting = [c for c in r.claims if c.status is ClaimStatus.CONTRADICTS]
    assert len(contradicting) == 1 and contradicting[0].span.line == line


def test_a_figure_of_either_eps_fits() -> None:
    r = release("initech-q1", "were $0.50", "were $0.52")
    (claim,) = [c for c in r.claims if c.text == "$0.52"]
    assert claim.status is ClaimStatus.TIES
    assert r.row(claim.tied_to[0].table, claim.tied_to[0].row).label == "Basic"


def test_one_sentence_of_gaap_and_non_gaap_figures_ties_each_to_its_column() -> None:
    r = release(
        "vandelay",
        "Non-GAAP operating income was $19.6 million, and non-GAAP",
        "GAAP operating income was $10.9 million, while non-GAAP operating income was\n"
        "$19.6 million, and non-GAAP",
    )
    assert not r.errors
    labels = {
        c.text: r.tables[c.tied_to[0].table].columns[c.tied_to[0].column].segment
        for c in r.claims
        if c.span.line in (4, 5) and c.text.startswith("$")
    }
    assert labels == {"$10.9 million": None, "$19.6 million": "NON-GAAP"}


def test_a_margin_no_table_prints_stays_untied() -> None:
    r = release("vandelay", "and GAAP operating\nmargin was 26%", "and gross\nmargin was 40%")
    assert status(r, "40%") is ClaimStatus.UNTIED
    assert not r.errors


@pytest.mark.parametrize(
    ("old", "new", "text"),
    [
        ("$13.6 million and", "$13.9 million and", "$13.9 million"),  # quarter or six months?
        ("$4.1 million show", "$7.9 million show", "$7.9 million"),  # the quarter is not printed
    ],
)
def test_a_release_period_figure_with_several_meanings_stays_untied(
    old: str, new: str, text: str
) -> None:
    r = release("initech-q2", old, new)
    assert status(r, text) is ClaimStatus.UNTIED
    assert not r.errors


def test_a_release_period_figure_ties_the_year_to_date_it_states() -> None:
    r = release("initech-q2", "$13.6 million and", "$26.1 million and")
    assert status(r, "$26.1 million") is ClaimStatus.ROUNDING
    assert not r.errors


def test_a_cell_printed_zero_ties_no_other_figure_by_value() -> None:
    r = release("globex")  # Beta Power's net income, 0 (in millions), "holds" $300,000
    (claim,) = [c for c in r.claims if c.text == "$300,000"]
    assert claim.status is ClaimStatus.UNTIED and claim.tied_to == ()
    assert [f.severity for f in r.findings if f.line == claim.span.line] == [Severity.INFO]


def test_a_subsidiary_printed_zero_holds_a_small_figure_said_of_it() -> None:
    r = release(
        "globex",
        "Net income for the quarter included $300,000 of interest.",
        "Beta Power's net income for the quarter was $0.3 million.",
    )
    (claim,) = [c for c in r.claims if c.text == "$0.3 million"]
    assert claim.segment == "Beta Power" and claim.status in TIED
    assert not r.errors


def test_segments_named_by_titles_and_parallel_sections() -> None:
    hooli = release("hooli")
    by_text = {c.text: c for c in hooli.claims}
    assert by_text["$6.115 million"].segment == "Mining Equipment"
    profit = by_text["$1.057 million"]
    assert hooli.tables[profit.tied_to[0].table].title.endswith("PROFIT BY SEGMENT")
    total = by_text["$9.2 million"]
    assert hooli.tables[total.tied_to[0].table].title.endswith("RESULTS OF OPERATIONS")
    globex = release("globex")
    assert {c.segment for c in globex.claims} == {None}
    (earnings,) = [c for c in globex.claims if c.text.startswith("$204.5")]
    assert globex.row(earnings.tied_to[0].table, earnings.tied_to[0].row).section == (
        "Consolidated -"
    )


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        # a table row run into the text: four quarters, not the quarter of the release
        ("North America UP 30% UP 1% UP 19% UP 32%", "30%"),
        # a growth rate in constant currency is no figure of the tables
        ("Revenue was up 14% in USD and up 19% in constant currency", "19%"),
    ],
)
def test_figures_not_worded_as_a_figure_of_the_tables_stay_untied(
    sentence: str, figure: str
) -> None:
    r = release(
        "initech-q1",
        "AUSTIN, Texas -- Initech Corporation today reported results for its first\n"
        "quarter of 2024.",
        f"For the first quarter of 2024: {sentence}.",
    )
    assert status(r, figure) is ClaimStatus.UNTIED
    assert not r.errors


def test_the_quote_figures_tie_to_the_finest_print() -> None:
    r = release("initech-q1")
    by_text = {c.text: c for c in r.claims}
    revenue = by_text["$13.6 million"]
    assert revenue.status is ClaimStatus.ROUNDING
    assert r.cell(revenue.tied_to[0]).value == Decimal(13589000)  # type: ignore[union-attr]
    assert by_text["14 percent"].expected == Decimal("14.32")
