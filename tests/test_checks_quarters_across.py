"""Quarters printed in one table, their year (or year to date) in another: the rows the
repeats pair add across the two tables, as a year's quarters add within one."""

from __future__ import annotations

from textdoc import line_of, release_of_tables
from tieout.model import FindingCode, Release, Severity

# the statement: the quarter and the year to date, the year's duration unread
STATEMENT = """
                                    Quarter Ended          Year-to-Date
                                 Dec. 31,   Dec. 31,    Dec. 31,   Dec. 31,
                                   2021       2020        2021       2020
Service charges on deposits      $   273    $   266     $ 1,060    $ 1,020
Wealth management income             359        340       1,429      1,300
Card and payment fees                240        225         940        880
Software expense                     238        215         945        862
"""

# the five-quarter trend of the same rows
TREND = """
                                                  Quarter Ended
                                 Dec. 31,  Sept. 30,  June 30,  March 31,  Dec. 31,
                                   2021      2021       2021      2021       2020
Service charges on deposits      $   273   $  {q3}    $   253   $   258    $   266
Wealth management income             359       360        355       355        340
Card and payment fees                240       236        234       230        225
Software expense                     238       251        246       210        215
"""

# the statement of a third quarter: the quarter and the nine months to date
NINE_STATEMENT = """
                                  Three Months Ended       Nine Months Ended
                                 Sept. 30,   Sept. 30,    Sept. 30,   Sept. 30,
                                   2021        2020         2021        2020
Service charges on deposits      $   276     $   262      $  {nine}    $   754
Wealth management income             360         330        1,070         960
Card and payment fees                236         221          700         655
Software expense                     251         212          707         647
"""

# its trend: the figures of the statement's rows in every quarter since a year before
NINE_TREND = """
                                            Quarter Ended
                                 Sept. 30,  June 30,  March 31,  Dec. 31,   Sept. 30,
                                   2021       2021      2021       2020       2020
Service charges on deposits      $  276     $  253    $   258    $   266    $   262
Wealth management income            360        355        355        340        330
Card and payment fees               236        234        230        225        221
Software expense                    251        246        210        215        212
"""

# the year to date of a table that prints no quarter's sum there: the rows bear out no
# count of quarters, and nothing is proposed
OTHER_YEAR = """
                                    Quarter Ended          Year-to-Date
                                 Dec. 31,   Dec. 31,    Dec. 31,   Dec. 31,
                                   2021       2020        2021       2020
Service charges on deposits      $   273    $   266     $   912    $ 1,020
Wealth management income             359        340       1,300      1,300
Card and payment fees                240        225         811        880
Software expense                     238        215         803        862
"""


def _across(rel: Release) -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    return {
        r.name.split(":")[0]: (r.holds_in, r.fails_in)
        for r in rel.relations
        if "quarters in table" in r.name
    }


def test_the_quarters_of_a_trend_add_to_the_year_to_date_of_the_statement() -> None:
    rel = release_of_tables(STATEMENT, TREND.format(q3="276"))
    across = _across(rel)
    assert set(across) == {
        "Service charges on deposits",
        "Wealth management income",
        "Card and payment fees",
        "Software expense",
    }
    # the year to date of 2021 is four quarters (its duration read by the rows); 2020's
    # quarters are not all printed
    assert all(
        held == ("Year-to-Date Dec. 31, 2021",) and not failed for held, failed in across.values()
    ), across
    assert not [f for f in rel.findings if f.severity is Severity.ERROR]


def test_a_quarter_changed_in_the_trend_fails_its_year_in_the_other_table() -> None:
    statement, trend = STATEMENT, TREND.format(q3="271")
    rel = release_of_tables(statement, trend)
    errors = [
        f
        for f in rel.findings
        if f.severity is Severity.ERROR and f.code == FindingCode.SUM_MISMATCH
    ]
    changed = line_of("$  271", statement, trend)
    assert [f.line for f in errors] == [line_of("$ 1,060", statement, trend)]
    assert changed in {span.line for span in errors[0].evidence}
    assert "1,060" in errors[0].message and "off by 5" in errors[0].message


def test_nine_months_are_the_three_quarters_of_the_trend() -> None:
    rel = release_of_tables(NINE_STATEMENT.format(nine="787"), NINE_TREND)
    across = _across(rel)
    assert len(across) == 4
    assert all(held == ("Nine Months Ended Sept. 30, 2021",) for held, _ in across.values())
    assert not [f for f in rel.findings if f.severity is Severity.ERROR]
    rel = release_of_tables(NINE_STATEMENT.format(nine="797"), NINE_TREND)
    assert [(f.code, f.line) for f in rel.findings if f.severity is Severity.ERROR] == [
        (FindingCode.SUM_MISMATCH, 4)
    ]


def test_a_year_to_date_the_rows_do_not_bear_out_is_left_alone() -> None:
    rel = release_of_tables(OTHER_YEAR, TREND.format(q3="276"))
    assert not _across(rel)
    assert not [f for f in rel.findings if f.severity is Severity.ERROR]
