"""Tables from fixed-width text, on small tables written in the tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from textdoc import tables
from tieout.model import CellFlag, RowKind, Rule, Unit
from tieout.tables.periods import parse_period

STATEMENT = """
                      ACME CORP
        CONSOLIDATED STATEMENTS OF OPERATIONS
       (IN THOUSANDS, EXCEPT PER SHARE AMOUNTS)

                                         QUARTERS ENDED MARCH 31
                                        -------------------------
                                          2004             2003
                                          ----             ----
Net sales                               $ 33,006         $ 32,383
Cost of sales                             28,931           28,653
                                        --------         --------
     Gross profit                          4,075            3,730
                                        ========         ========

Net loss per share                      $  (0.03)        $  (0.04)

Weighted average number of common shares
  outstanding                              4,932            4,828
"""


def test_columns_periods_and_scale() -> None:
    (table,) = tables(STATEMENT)
    assert table.scale == Decimal(1000)
    assert "CONSOLIDATED STATEMENTS OF OPERATIONS" in table.title
    assert [c.period.end for c in table.columns if c.period] == [
        date(2004, 3, 31),
        date(2003, 3, 31),
    ]
    assert [c.period.months for c in table.columns if c.period] == [3, 3]


def test_values_in_units_and_positions() -> None:
    (table,) = tables(STATEMENT)
    sales = table.rows[0]
    assert sales.label == "Net sales"
    assert [c.value for c in sales.cells if c] == [Decimal(33006000), Decimal(32383000)]
    first = sales.cells[0]
    assert first is not None and first.span.line == 9 and first.precision == Decimal(1000)
    assert (
        STATEMENT.strip("\n").split("\n")[8][first.span.start : first.span.end].strip()
        == "$ 33,006"
    )


def test_per_share_and_shares_scaling() -> None:
    (table,) = tables(STATEMENT)
    eps = next(r for r in table.rows if "per share" in r.label)
    shares = next(r for r in table.rows if r.label.startswith("Weighted"))
    assert eps.unit is Unit.USD_PER_SHARE
    assert [c.value for c in eps.cells if c] == [Decimal("-0.03"), Decimal("-0.04")]
    assert shares.unit is Unit.SHARES
    assert shares.label == "Weighted average number of common shares outstanding"
    assert [c.value for c in shares.cells if c] == [Decimal(4932000), Decimal(4828000)]


def test_rules_and_kinds() -> None:
    (table,) = tables(STATEMENT)
    gross = next(r for r in table.rows if r.label == "Gross profit")
    assert gross.rule_above is Rule.SINGLE and gross.rule_below is Rule.DOUBLE
    assert gross.kind is RowKind.TOTAL
    assert gross.level > table.rows[0].level


def test_millions_dotted_leaders_dashes_and_section_heads() -> None:
    (table,) = tables(
        """
                 ($ in millions)
                                   Three Months Ended    Six Months Ended
                                        June 30,              June 30,
                                     2024      2023        2024      2023
Revenues:
  Products......................   $ 12.5    $ 11.0      $ 25.1    $ 21.9
  Services......................       --       1.2         0.4       2.2
                                   ------    ------      ------    ------
    Total revenues..............     12.5      12.2        25.5      24.1
"""
    )
    assert table.scale == Decimal(1_000_000)
    assert [c.period.months for c in table.columns if c.period] == [3, 3, 6, 6]
    assert table.columns[2].period is not None and table.columns[2].period.end == date(2024, 6, 30)
    head, products, services, total = table.rows
    assert head.kind is RowKind.HEADER and products.section == "Revenues"
    assert products.label == "Products"
    assert services.cells[0] is not None and CellFlag.DASH_ZERO in services.cells[0].flags
    assert total.cells[3] is not None and total.cells[3].value == Decimal(24_100_000)


def test_weeks_and_edgar_markup() -> None:
    (table,) = tables(
        """
<TABLE>
<CAPTION>
                                     Thirteen Weeks Ended
                                  December 27,   December 28,
                                      2014           2013
<S>                               <C>            <C>
Net sales                           $ 1,000        $   900
- - Adjusted                            950            850
</TABLE>
"""
    )
    period = table.columns[0].period
    assert period is not None and period.weeks == 13 and period.months == 3
    assert period.end == date(2014, 12, 27)
    assert table.rows[1].label == "- Adjusted"


def test_stray_parenthesis_keeps_two_readings() -> None:
    (table,) = tables(
        """
                                  2004       2003
Rubber Group                     5,282      4,687
Metals Group                      (409)      304)
"""
    )
    cell = table.rows[1].cells[1]
    assert cell is not None and cell.ambiguous
    assert cell.readings == (Decimal(304), Decimal(-304))


def test_split_negative_joins_its_parenthesis() -> None:
    (table,) = tables(
        """
                                  2004       2003
Other expense                      (62  )      (15)
Interest                            10          12
"""
    )
    cell = table.rows[0].cells[0]
    assert cell is not None and cell.value == Decimal(-62)


def test_prose_is_not_a_table() -> None:
    assert (
        tables(
            """
Net sales for the first quarter of 2004 were $33,006,000, compared to
$32,383,000 for the first quarter of 2003, an increase of 2%. Net sales of the
company's Rubber Group increased by 4% to $27,803,000.
"""
        )
        == []
    )


CHANGE_TABLE = """
                            (In Millions of Dollars)
                               3 Months Ended December      12 Months Ended December
                               -----------------------      ------------------------
                                 2004    2003  % Change       2004    2003 % Change
                                 ----    ----  --------       ----    ---- --------
 Operating Revenues            $2,721  $2,520      8.0%    $11,903 $11,186     6.4%
 Net Income                       204     125     63.6%      1,532   1,474     4.0%
"""


def test_percent_column_keeps_the_rows_dollars_and_scale() -> None:
    (table,) = tables(CHANGE_TABLE)
    revenues = table.rows[0]
    assert revenues.unit is Unit.USD
    values = [c.value for c in revenues.cells if c is not None]
    assert values == [
        Decimal(2721000000),
        Decimal(2520000000),
        Decimal("8.0"),
        Decimal(11903000000),
        Decimal(11186000000),
        Decimal("6.4"),
    ]
    assert [c.unit for c in table.columns] == [None, None, Unit.PERCENT] * 2
    assert [table.unit_of(0, j) for j in range(6)] == [Unit.USD, Unit.USD, Unit.PERCENT] * 2


def test_year_and_change_printed_with_one_space_head_their_own_columns() -> None:
    (table,) = tables(CHANGE_TABLE)
    assert [c.change for c in table.columns] == [False, False, True] * 2
    twelve = table.columns[4]
    assert twelve.period is not None
    assert (twelve.period.end, twelve.period.months) == (date(2003, 12, 31), 12)


def test_two_dates_printed_with_one_space_head_their_own_columns() -> None:
    (table,) = tables(
        """
    Domestic Inventories:      ($ in millions)
                               July 3,  June 28, January 3,
                                2004     2003      2004

                    -LIFO      $4,945   $4,881    $4,728
                    -FIFO      $5,526   $5,507    $5,308
"""
    )
    ends = [c.period.end for c in table.columns if c.period]
    assert ends == [date(2004, 7, 3), date(2003, 6, 28), date(2004, 1, 3)]


def test_a_period_header_below_a_table_opens_the_next_table() -> None:
    found = tables(
        """
    ($ in millions, except earnings per share)

    Domestic Retail Stores:
                               July 3,  June 28, January 3,
                                2004     2003      2004
      Full-line                   871      869       871
      Specialty                 1,109    1,307     1,105
        Total Domestic Retail
         Stores                 1,980    2,176     1,976


    Summary of Certain Significant Items:

                                   For the 13 Weeks     For the 13 Weeks
                                  Ended July 3, 2004   Ended June 28, 2003
                                            Earnings             Earnings
                                  Pretax   Per Share   Pretax    Per Share

    Special Charges                  41       0.12        28        0.06
"""
    )
    stores, items = found
    assert [r.label for r in stores.rows] == [
        "Full-line",
        "Specialty",
        "Total Domestic Retail Stores",
    ]
    # store counts are counts, not millions of dollars
    assert {r.unit for r in stores.rows} == {Unit.PURE}
    assert stores.rows[2].cells[0] is not None and stores.rows[2].cells[0].value == 1980
    assert len(items.columns) == 4
    assert [c.unit for c in items.columns] == [None, Unit.USD_PER_SHARE] * 2
    charges = items.rows[0].cells
    assert [c.value for c in charges if c is not None] == [
        Decimal(41000000),
        Decimal("0.12"),
        Decimal(28000000),
        Decimal("0.06"),
    ]


def test_a_head_under_a_head_is_a_sub_head() -> None:
    (table,) = tables(
        """
                                       (millions, except per share)
                                         2004     2003
    NET INCOME                          $  53   $  309

    EARNINGS PER COMMON SHARE

    Basic
      Earnings before cumulative
       effect                          $ 0.25   $ 1.04
      Cumulative effect of change      $ (0.10) $    -
      Earnings per share               $ 0.15   $ 1.04
"""
    )
    cumulative = next(r for r in table.rows if r.label.startswith("Cumulative"))
    assert cumulative.unit is Unit.USD_PER_SHARE
    assert cumulative.section == "Basic"


def test_zero_percent_financing_is_an_amount() -> None:
    (table,) = tables(
        """
                               (In millions)
                                   2004      2003
    Zero-percent financing costs     60        40
    Gross margin percentage        27.9      27.5
"""
    )
    assert [r.unit for r in table.rows] == [Unit.USD, Unit.PERCENT]


def test_a_label_run_into_its_first_figure_is_split() -> None:
    (table,) = tables(
        """
                                       3 Months Ended December
                                          2006       2005      Change
Consolidated Earnings-Excluding Synfuels $ 0.25     $ 0.20      $0.05
Consolidated Earnings-As Reported        $ 0.30     $ 0.26      $0.04
"""
    )
    first = table.rows[0]
    assert first.label == "Consolidated Earnings-Excluding Synfuels"
    assert [c.raw.strip() for c in first.cells if c] == ["$ 0.25", "$ 0.20", "$0.05"]
    assert [c.period.year if c.period else None for c in table.columns] == [2006, 2005, None]


def test_the_title_dates_columns_headed_by_segment_and_year() -> None:
    (table,) = tables(
        """
    Segment Income Statements
    For the 13 Weeks Ended July 3, 2004 and June 28, 2003
    (millions)
                              Domestic           Consolidated
                            2004      2003      2004      2003
    Total revenues        $7,673    $9,137    $8,781   $10,196
"""
    )
    assert [(c.segment, c.period.end, c.period.months) for c in table.columns if c.period] == [
        ("Domestic", date(2004, 7, 3), 3),
        ("Domestic", date(2003, 6, 28), 3),
        ("Consolidated", date(2004, 7, 3), 3),
        ("Consolidated", date(2003, 6, 28), 3),
    ]


def test_dashed_items_end_their_flush_section() -> None:
    (table,) = tables(
        """
                 (In Millions of Dollars Except Earnings Per Share)
                                                     2004       2003
Net Income - As Reported                           $  204     $  125

Basic Earnings Per Share-(Notes)

- - Excluding One-Time Items (See Notes)           $ 0.24     $ 0.22
- - As Reported                                    $ 0.27     $ 0.17

Operating Revenues                                 $2,721     $2,520
"""
    )
    _, eps, reported, revenues = (r for r in table.rows if r.has_figures)
    assert eps.section == reported.section == "Basic Earnings Per Share-(Notes)"
    assert eps.unit is Unit.USD_PER_SHARE
    assert revenues.section is None and revenues.unit is Unit.USD
    assert revenues.cells[0] is not None and revenues.cells[0].value == Decimal(2721000000)


def test_the_last_line_of_a_paragraph_is_not_a_title() -> None:
    (table,) = tables(
        """
The company reported strong results across its segments during the quarter and
in the prior year.

                              ACME CORP
                                          2004             2003
Net sales                               $ 33,006         $ 32,383
Cost of sales                             28,931           28,653
"""
    )
    assert table.title == "ACME CORP"


def test_fiscal_quarter_codes_are_periods() -> None:
    q = parse_period(["Q1\u201914 Units"])
    assert q is not None and (q.year, q.quarter, q.months, q.end) == (2014, 1, 3, None)
    fy = parse_period(["Fiscal 2013 Q4"])
    assert fy is not None and (fy.year, fy.quarter) == (2013, 4)
    assert parse_period(["Q4'13"]) != parse_period(["Q1'13"])  # same year, other quarter


def test_a_label_wrapped_across_a_rule_line_is_one_total() -> None:
    (table,) = tables(
        """
        HERON MEDIA INC.
        SEGMENT RESULTS
        (In millions)
                                                    2003        2002
        Publishing                               $   900     $   850
        Networks                                   1,050         950
        TOTAL OPERATING INCOME BEFORE            -------     -------
          DEPRECIATION AND AMORTIZATION          $ 1,950     $ 1,800
                                                 =======     =======
        """
    )
    labels = [r.label for r in table.rows]
    assert labels == [
        "Publishing",
        "Networks",
        "TOTAL OPERATING INCOME BEFORE DEPRECIATION AND AMORTIZATION",
    ]
    total = table.rows[2]
    assert total.rule_above is Rule.SINGLE and total.kind is RowKind.TOTAL
    assert total.concept is None  # not depreciation and amortization
    assert total.cells[0] is not None and total.cells[0].value == Decimal(1_950_000_000)


@pytest.mark.parametrize("header", ["YTD Q1'14", "Year-to-date Q3 2021", "Q3 2021 YTD"])
def test_a_year_to_date_header_is_not_the_quarter_it_names(header: str) -> None:
    """ "YTD Q1'14" is the year to the end of that quarter, not the quarter: no three months."""
    period = parse_period([header])
    assert period is None or period.months != 3


@pytest.mark.parametrize(
    ("header", "end"),
    [
        ("At or for the quarter ended 12/31/2020", date(2020, 12, 31)),
        ("Three months ended 06/30/2021", date(2021, 6, 30)),
        ("1/1/2020 - 3/31/2020", date(2020, 3, 31)),
    ],
)
def test_a_date_written_in_figures_gives_the_column_its_end(header: str, end: date) -> None:
    """A header dated month first in figures ends where it says: "quarter ended 9/30/2020"
    is the third quarter, not any quarter of 2020."""
    period = parse_period([header])
    assert period is not None and period.end == end
