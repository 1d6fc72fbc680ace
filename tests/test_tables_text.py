"""Tables from fixed-width text, on small tables written in the tests."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from textdoc import tables
from tieout.model import CellFlag, RowKind, Rule, Unit

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
