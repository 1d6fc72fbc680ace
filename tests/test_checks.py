"""Relations and findings on small releases written in the tests."""

from __future__ import annotations

from decimal import Decimal

from textdoc import release
from tieout.model import RelationSource, Severity

HEADER = """
                         (IN THOUSANDS, EXCEPT PER SHARE AMOUNTS)
                                          2004             2003
                                          ----             ----
"""


def _statement(sales_2003: str = "32,383", gross_2003: str = "3,730") -> str:
    return (
        HEADER
        + f"""
Net sales                               $ 33,006         $ {sales_2003}
Cost of sales                             28,931           28,653
                                        --------         --------
     Gross profit                          4,075            {gross_2003}
Selling and administrative expenses        2,069            2,092
                                        --------         --------
     Income from operations                2,006            1,638
                                        ========         ========
"""
    )


def test_layout_sums_found_with_signs() -> None:
    rel = release(_statement())
    sums = [r for r in rel.relations if r.source is RelationSource.LAYOUT]
    assert [r.name for r in sums] == ["Gross profit", "Income from operations"]
    assert all(r.holds for r in sums)
    assert [t.sign for t in sums[0].items] == [1, -1]
    assert not rel.findings


def test_one_unit_error_in_a_two_line_subtraction_is_caught() -> None:
    # 32,383 - 28,653 = 3,730; printing 3,731 is off by one, beyond the tolerance of 1 only
    # when the difference exceeds (1 + 1 + 1) / 2 = 1.5 thousand: 3,732 is caught. It breaks
    # the gross profit sum and the operating income sum below it: one wrong figure.
    rel = release(_statement(gross_2003="3,732"))
    (gross,) = [f for f in rel.findings if f.severity is Severity.ERROR]
    assert gross.code == "wrong-figure" and gross.line == 8
    assert gross.expected == Decimal(3_730_000) and gross.actual == Decimal(3_732_000)
    assert gross.tolerance == Decimal(1500)  # 3,728.5 to 3,731.5 make both sums tie
    assert "32,383 - 28,653 = 3,730, printed 3,732" in gross.message
    assert "3,732 - 2,092 = 1,640, printed 1,638" in gross.message
    assert gross.suggestion == "print 3,730"


def test_rounding_within_interval_ties() -> None:
    rel = release(_statement(gross_2003="3,731"))
    assert not [f for f in rel.findings if f.severity is Severity.ERROR]


def test_ebitda_four_items_and_eps_ratio() -> None:
    rel = release(
        HEADER
        + """
Net loss                                $   (156)          $   (169)
                                        ========           ========
Net loss per share                      $  (0.03)          $  (0.04)

Weighted average shares outstanding        4,932              4,828

Reconciliation of net loss to EBITDA:
     Net loss                           $   (156)          $   (169)
     Add back:
         Depreciation and amortization     2,301              2,771
         Interest expense                  2,147              1,780
         Income tax provision                 15                 27
                                        --------           --------
     EBITDA                             $  4,307           $  4,409
"""
    )
    names = {r.source: r for r in rel.relations}
    ratio = names[RelationSource.RATIO]
    assert ratio.holds and ratio.kind == "ratio"
    ebitda = next(r for r in rel.relations if r.name == "EBITDA")
    assert len(ebitda.items) == 4 and ebitda.holds
    assert any(r.source is RelationSource.REPEAT and r.holds for r in rel.relations)
    assert not rel.findings


def test_eps_that_cannot_round_is_an_error() -> None:
    rel = release(
        HEADER
        + """
Net income                              $    156           $    169
Net income per share                    $   0.03           $   0.05
Weighted average shares outstanding        4,932              4,828
"""
    )
    codes = [(f.code, f.line) for f in rel.findings]
    assert codes == [("ratio-mismatch", 6)]
    assert "$    169 / 4,828 = 0.0350, printed 0.05; off by 0.0150" in rel.findings[0].message


SEGMENTS = (
    HEADER
    + """
Operating income (loss):
     Rubber Group                        $  3,542           $  2,812
     Metals Group                            (960)              (583)
                                         --------           --------
         Income from operations             2,582              2,229

Depreciation and amortization:
     Rubber Group                           1,740              1,875
     Metals Group                             551                887
                                         --------           --------
         Consolidated depreciation          2,291              2,762

EBITDA:
     Rubber Group                           5,282              4,687
     Metals Group                            (409)              {metals}
                                         --------           --------
         Total EBITDA                    $  4,873           $  4,991
"""
)


def test_stray_parenthesis_resolved_by_relations() -> None:
    rel = release(SEGMENTS.format(metals="304)"))
    assert [(f.code, f.severity, f.line) for f in rel.findings] == [
        ("stray-parenthesis", Severity.WARNING, 19)
    ]
    (reading,) = rel.readings
    assert reading.value == Decimal(304_000) and reading.rejected == (Decimal(-304_000),)
    assert len(reading.supported_by) == 2  # the column sum and the segment identity
    assert "read as 304, not (304)" in rel.findings[0].message


def test_wrong_segment_figure_is_an_error_in_every_relation_it_breaks() -> None:
    rel = release(SEGMENTS.format(metals="(304)"))
    # both the segment identity and the column total fail; (304) alone explains both
    (finding,) = [f for f in rel.findings if f.severity is Severity.ERROR]
    assert finding.code == "wrong-figure" and finding.line == 19
    assert "2 relation(s) fail" in finding.message and "reads 304" in finding.message
    assert {s.line for s in finding.evidence} >= {19, 21}


def test_repeat_across_tables_matches_columns_by_period() -> None:
    table_a = """
                              QUARTERS ENDED MARCH 31
                                 2004         2003
Net sales                      $ 33,006     $ 32,383
Cost of sales                    28,931       28,653
                               --------     --------
  Gross profit                    4,075        3,730
"""
    table_b = """
                              QUARTERS ENDED MARCH 31
                                 2003         2004
Net sales:
  Rubber Group                 $ 26,722     $ 27,803
  Metals Group                    5,661        5,203
                               --------     --------
    Total net sales            $ 32,383     $ 33,004
"""
    rel = release(table_a + "\n" * 8 + table_b)
    repeat = next(r for r in rel.relations if r.source is RelationSource.REPEAT)
    assert repeat.holds_in == ("QUARTERS ENDED MARCH 31 2003",)
    assert repeat.fails_in == ("QUARTERS ENDED MARCH 31 2004",)
    # 33,004 fails its column sum and the repeat of net sales: it is the wrong figure
    (finding,) = rel.findings
    assert finding.code == "wrong-figure" and finding.suggestion == "print 33,006"


SEGMENT_COLUMNS = """
                          (millions)
                     Domestic        Canada      Consolidated
                   2004    2003    2004   2003    2004    2003
Revenues          $7,673  $7,871  $1,027  $980   $8,700  $8,851
Cost of sales      5,536   5,703     746   699    6,282   6,402
Selling            1,776   2,031     288   268    2,064   2,299
Operating income     361     137      -7    13      354     {oi}
"""


def test_segment_columns_cross_foot_row_by_row() -> None:
    rel = release(SEGMENT_COLUMNS.format(oi="150"))
    cross = [r for r in rel.relations if r.name.endswith("segments cross-foot")]
    assert len(cross) == 4 and all(r.holds for r in cross)
    assert cross[0].holds_in == ("Consolidated 2004", "Consolidated 2003")
    assert not rel.findings


def test_segment_column_that_does_not_cross_foot() -> None:
    rel = release(SEGMENT_COLUMNS.format(oi="160"))
    # the 160 fails across (segments) and down (revenues - costs): one wrong figure
    (finding,) = rel.findings
    assert (finding.code, finding.line) == ("wrong-figure", 7)
    assert "137 + 13 = 150, printed 160" in finding.message
    assert "8,851 - 6,402 - 2,299 = 150, printed 160" in finding.message


CHANGES = """
                            (In Millions of Dollars)
                               3 Months Ended December      12 Months Ended December
                                 2004    2003   Change        2004    2003  % Change
 Retail Revenue                $2,194  $1,968     $226      $9,731  $8,875      9.6%
 Wholesale Revenue                305     324      (19)      1,343   1,358     (1.1)%
 Other Revenues                   105     105        -         392     373      5.1%
 Non-regulated Revenues           117     123       (6)        437     438     {pct}
"""


def test_change_and_percent_change_columns() -> None:
    rel = release(CHANGES.format(pct="(0.2)%"))
    changes = [r for r in rel.relations if r.source is RelationSource.CHANGE]
    assert len(changes) == 8 and all(r.holds for r in changes)
    assert {r.kind for r in changes} == {"sum", "percent-change"}
    assert not rel.findings


def test_percent_change_beyond_rounding_is_an_error() -> None:
    # 437 over 438 is -0.46% to 0% for figures rounding to them; -0.9% is beyond
    rel = release(CHANGES.format(pct="(0.9)%"))
    (finding,) = rel.findings
    assert finding.code == "change-mismatch" and finding.line == 7
    assert "(437 - 438) / 438 = -0.23%, printed (0.9)%" in finding.message


NO_RULES = """
                                        ($ millions)
                                            July 3,   June 28,  January 3,
                                             2004       2003       2004
    Assets
      Current assets
        Cash and cash equivalents          $ 3,559    $ 2,921    $ 9,057
        Domestic credit card receivables         -     29,465          -
        Sears Canada credit card
         receivables                         1,813      1,849      1,998
          Less allowance for
           uncollectible accounts               31      1,953         42
          Net credit card receivables        1,782     29,361      1,956
        Other receivables                      557        733        733
        Merchandise inventories, net         5,543      5,447      5,335
          Total current assets              11,441     38,462     17,081

      Property and equipment, net            6,565      6,909      6,788
      Goodwill                                 943        945        943
          Total assets                     $18,949    $46,316    $24,812
"""


def test_sums_without_rules_nest_through_found_totals() -> None:
    rel = release(NO_RULES)
    sums = {r.name: r for r in rel.relations if r.source is RelationSource.LAYOUT}
    net = sums["Net credit card receivables"]
    assert [t.sign for t in net.items] == [1, 1, -1] and net.holds
    current = sums["Total current assets"]
    labels = [rel.row(t.table, t.row).label for t in current.items]
    assert labels == [
        "Cash and cash equivalents",
        "Net credit card receivables",
        "Other receivables",
        "Merchandise inventories, net",
    ]
    total = sums["Total assets"]
    first = total.items[0]
    assert rel.row(first.table, first.row).label == "Total current assets"
    assert all(r.holds for r in sums.values())
    assert not rel.findings


def test_a_failure_no_figure_alone_explains_is_reported_at_its_total() -> None:
    # 27,803 + 5,203 = 33,006 but 33,106 is printed: any of the three could be wrong, and
    # no other relation says which, so the sum is reported where its total is printed
    rel = release(
        """
                              QUARTERS ENDED MARCH 31
                                 2004         2003
Net sales:
  Rubber Group                 $ 27,803     $ 26,722
  Metals Group                    5,203        5,661
                               --------     --------
    Total net sales            $ 33,106     $ 32,383
"""
    )
    (finding,) = rel.findings
    assert (finding.code, finding.line) == ("sum-mismatch", 7)
    assert not rel.culprits


SUMMARY = """
                                            (Units in thousands, Revenue in millions)
                Q1'14        Q4'13        Q1'13     Sequential Change   Year/Year Change
Americas       $20,098      $13,941      $20,341          44%                -1%
Europe          13,073        8,005       12,464          63%                 5%
Japan            4,948        3,341        4,443          48%                11%
Retail           6,998        4,472        6,441          56%                 9%
"""


def test_sequential_and_year_over_year_columns_find_their_pairs() -> None:
    rel = release(SUMMARY)
    changes = [r for r in rel.relations if r.source is RelationSource.CHANGE]
    assert len(changes) == 8 and all(r.holds for r in changes)
    sequential = [r for r in changes if "Sequential" in r.evaluations[0].label]
    yearly = [r for r in changes if "Year/Year" in r.evaluations[0].label]
    assert {r.name.split(": ")[1] for r in sequential} == {"% change, Q1'14 over Q4'13"}
    assert {r.name.split(": ")[1] for r in yearly} == {"% change, Q1'14 over Q1'13"}
    assert not rel.findings


QUARTERS = """
                                       ($ in millions)
                              Fiscal 2013                     Fiscal 2014
              Q1       Q2       Q3       Q4      TOTAL        Q1       Q2
Revenues   $8,181   $8,947   $8,957  $10,944   $37,029     $8,372   $9,275
Expenses    5,805    5,880    5,877    {q4}    23,960      5,923    6,087
Income      2,376    3,067    3,080    4,546    13,069      2,449    3,188
Margin %       29%      34%      34%      40%      35%        29%      34%
"""


def test_quarters_add_to_their_year() -> None:
    rel = release(QUARTERS.format(q4="6,398"))
    quarters = [r for r in rel.relations if r.name.endswith("quarters add to the year")]
    assert [r.name for r in quarters] == [
        "Revenues: quarters add to the year",
        "Expenses: quarters add to the year",
        "Income: quarters add to the year",
    ]
    assert all(r.holds for r in quarters) and not rel.findings


def test_a_quarter_that_does_not_add_up_is_an_error() -> None:
    rel = release(QUARTERS.format(q4="6,389"))
    (finding,) = rel.findings
    assert finding.severity is Severity.ERROR and finding.line == 5


BALANCE = """
                                          (In millions)
                                      December 28,   September 28,
                                          2013           2013
Cash and cash equivalents              $ 14,077       $ 14,259
Short-term marketable securities         26,634         26,287
Accounts receivable                      14,200         13,102
Inventories                               2,122          1,764
Deferred tax assets                       3,742          3,453
Vendor non-trade receivables             10,998          {vendor}
Other current assets                      8,574          6,882
  Total current assets                   80,347         73,286
"""


def test_a_long_total_failing_in_one_of_two_columns_is_reported() -> None:
    assert not release(BALANCE.format(vendor="7,539")).findings
    rel = release(BALANCE.format(vendor="7,593"))  # two digits transposed
    errors = [f for f in rel.findings if f.severity is Severity.ERROR]
    assert [(f.code, f.line) for f in errors] == [("sum-mismatch", 11)]
    assert "off by 54" in errors[0].message


def test_a_negative_share_count_breaks_the_eps_ratio() -> None:
    text = """
                         (IN THOUSANDS, EXCEPT PER SHARE AMOUNTS)
                                          2004             2003
Net loss                               $   (156)        $   (169)
Basic and diluted net loss per share   $  (0.03)        $  (0.04)
Weighted average number of common
  shares outstanding                      {shares}             4,828
"""
    assert not release(text.format(shares="4,932")).findings
    rel = release(text.format(shares="(4,932)"))
    assert [(f.code, f.line) for f in rel.findings] == [("ratio-mismatch", 4)]


def test_a_table_printed_at_another_scale_is_one_finding() -> None:
    statement = """
                         ACME CORP
         (IN THOUSANDS, EXCEPT PER SHARE AMOUNTS)
                                        QUARTERS ENDED MARCH 31
                                          2004             2003
Net sales                               $ 33,006         $ 32,383
Cost of sales                             28,931           28,653
                                        --------         --------
     Gross profit                          4,075            3,730
"""
    segments = """
                    SEGMENT DATA
                   (IN {scale})
                                        QUARTERS ENDED MARCH 31
                                          2004             2003
Net sales:
     Rubber Group                       $ 27,803         $ 26,722
     Metals Group                          5,203            5,661
                                        --------         --------
         Total net sales                $ 33,006         $ 32,383
"""
    clean = release(statement + "\n" * 8 + segments.format(scale="THOUSANDS"))
    assert not clean.findings
    rel = release(statement + "\n" * 8 + segments.format(scale="MILLIONS"))
    (finding,) = rel.findings
    assert finding.code == "scale-mismatch" and finding.line == 19
    assert "a thousand times larger in every column" in finding.message
    assert {s.line for s in finding.evidence} >= {2, 19}


SHEET = """
                                          (In thousands)
                                      March 31,      December 31,
                                          2004           2003
ASSETS
Cash                                   $  1,250       $  1,100
Accounts receivable                       3,400          3,150
  Total current assets                    4,650          4,250
Property, plant and equipment, net        9,800          9,900
Goodwill                                  2,000          2,000
  Total assets                         $ 16,450       $ 16,150

LIABILITIES AND SHAREHOLDERS' EQUITY
Accounts payable                       $  2,100       $  2,050
Long-term debt                            6,000          6,100
  Total liabilities                       8,100          8,150
Common stock                              1,000          1,000
Retained earnings                         7,350          7,000
  Total shareholders' equity              8,350          8,000
  Total liabilities and shareholders'
    equity                             $ 16,450       $ {total}
"""


def test_total_liabilities_and_equity_equals_total_assets() -> None:
    clean = release(SHEET.format(total="16,150"))
    (identity,) = [r for r in clean.relations if r.source is RelationSource.IDENTITY]
    assert identity.name == "total liabilities and equity = total assets"
    assert identity.holds and len(identity.evaluations) == 2
    assert not clean.findings
    # the two totals stand far apart and share no sum: only the identity ties them
    rel = release(SHEET.format(total="16,510"))
    errors = [f for f in rel.findings if f.severity is Severity.ERROR]
    assert [f.line for f in errors] == [20]  # the line its figures are printed on
    assert any("16,150" in f.message for f in errors)


CASH_FLOWS = """
                                              (In thousands)
                                              Six Months Ended
                                          March 31,      March 31,
                                            2004           2003
Operating activities:
  Net income                              $  1,200       $  1,000
  Depreciation                                 300            280
                                           -------        -------
    Cash generated by operating activities   1,500          1,280
Investing activities:
  Purchases of equipment                      (400)          (350)
  Acquisitions                                (100)            --
                                           -------        -------
    Cash used in investing activities         (500)          (350)
Financing activities:
  Repayment of debt                           (200)          (150)
                                           -------        -------
    Cash used in financing activities         (200)          (150)
                                           -------        -------
Increase in cash and cash equivalents          {increase}            780
Cash, beginning of the period                2,000          1,220
                                           -------        -------
Cash, end of the period                   $  2,800       $  2,000
                                           =======        =======
"""


def test_increase_in_cash_over_the_three_activities_fails_in_one_column() -> None:
    name = "Increase in cash and cash equivalents"
    clean = release(CASH_FLOWS.format(increase="800"))
    (sum_,) = [r for r in clean.relations if r.name == name]
    (table,) = clean.tables
    assert sum_.holds
    assert [table.rows[t.row].label for t in sum_.items] == [
        "Cash generated by operating activities",
        "Cash used in investing activities",
        "Cash used in financing activities",
    ]
    assert not clean.findings
    rel = release(CASH_FLOWS.format(increase="900"))
    (sum_,) = [r for r in rel.relations if r.name == name]
    assert [ev.holds for ev in sum_.evaluations] == [False, True]
    (error,) = [f for f in rel.findings if f.severity is Severity.ERROR]
    assert (error.code, error.line) == ("wrong-figure", 20)
    assert error.suggestion == "print 800"


def test_a_figure_with_broken_digit_grouping_is_reported_where_it_is_printed() -> None:
    from pathlib import Path

    from tieout.pipeline import read

    example = Path(__file__).resolve().parent.parent / "examples" / "harbor-valve_2024q2.txt"
    text = example.read_text().replace("36,904", "36,94 ", 1)  # a digit dropped, width kept
    release = read(text.encode(), name="harbor.txt")
    broken = [f for f in release.findings if f.code == "broken-grouping"]
    assert len(broken) == 1 and broken[0].line == 61
    assert "`36,94`" in broken[0].message and "reads 36,904" in broken[0].message
    # the sum it stands in is not dropped: its failure is put on the misprinted figure
    wrong = [f for f in release.findings if f.code == "wrong-figure" and f.line == 61]
    assert wrong and "reads 36,904" in wrong[0].message


def _long_list(rows: int, total_2024: int, rule: bool = False) -> str:
    """A table of ``rows`` product lines and their total, the 2023 total exact."""
    lines = [
        "                               (In thousands)",
        "                             2024        2023",
    ]
    for i in range(rows):
        lines.append(
            f"Product line {i + 1:<3}            {1_000 + 37 * i:>6,}      {900 + 11 * i:>6,}"
        )
    if rule:
        lines.append("                             ------      ------")
    total_2023 = sum(900 + 11 * i for i in range(rows))
    lines.append(f"Total net sales              {total_2024:>6,}      {total_2023:>6,}")
    return "\n".join(lines)


def test_a_total_of_thirteen_rows_off_by_eight_is_caught() -> None:
    # 14 figures printed to the thousand: the sum ties within 14 half units, 7 thousand
    exact = sum(1_000 + 37 * i for i in range(13))
    assert not release(_long_list(13, exact)).findings
    assert not release(_long_list(13, exact + 7)).findings
    rel = release(_long_list(13, exact + 8))
    (error,) = rel.errors
    assert (error.code, error.line) == ("sum-mismatch", 16)
    assert "off by 8" in error.message and "holds in 2023" in error.message
    (total,) = [r for r in rel.relations if r.name == "Total net sales"]
    assert len(total.items) == 13 and total.fails_in == ("2024",)


def test_a_total_over_a_long_list_is_checked() -> None:
    exact = sum(1_000 + 37 * i for i in range(120))
    assert not release(_long_list(120, exact, rule=True)).findings
    (error,) = release(_long_list(120, exact - 61, rule=True)).errors  # tolerance 60.5
    assert error.code == "sum-mismatch" and "off by 61" in error.message


def test_a_total_past_the_bound_is_reported_as_not_checked() -> None:
    exact = sum(1_000 + 37 * i for i in range(260))
    rel = release(_long_list(260, exact + 5_000))
    (note,) = rel.findings
    assert (note.code, note.severity, note.line) == ("sum-not-checked", Severity.INFO, 263)
    assert "more than 250 rows above it" in note.message
    assert not [r for r in rel.relations if r.name == "Total net sales"]


TINY = "0." + "0" * 400 + "1"  # a figure no release prints, but a filing may carry


def _wide(rows: list[tuple[str, ...]]) -> str:
    """A table whose middle column is wide enough for TINY, every figure right-aligned."""
    return "\n".join(
        f"{label:<30}" + "".join(f"{c:>{w}}" for c, w in zip(cells, (10, 410, 12), strict=False))
        for label, *cells in rows
    )


def test_a_tiny_share_count_breaks_the_ratio_without_crashing_it() -> None:
    rel = release(
        _wide(
            [
                ("", "2004", "2003"),
                ("Net income", "156", "169"),
                ("Net income per share", "0.03", "0.03"),
                ("Weighted average shares", "4,932", TINY),
            ]
        )
    )
    assert not [f for f in rel.findings if f.code == "check-crashed"]
    (finding,) = rel.findings
    assert (finding.code, finding.line) == ("ratio-mismatch", 3)
    assert finding.expected is not None and finding.expected > Decimal("1E+400")


def test_a_tiny_prior_breaks_the_percent_change_without_crashing_it() -> None:
    rel = release(
        _wide(
            [
                ("", "2004", "2003", "% Change"),
                ("Retail Revenue", "9,731", "8,875", "9.6%"),
                ("Wholesale Revenue", "1,343", "1,358", "(1.1)%"),
                ("Other Revenues", "392", "373", "5.1%"),
                ("Non-regulated Revenues", "437", TINY, "(0.2)%"),
            ]
        )
    )
    assert not [f for f in rel.findings if f.code == "check-crashed"]
    (finding,) = rel.findings
    assert (finding.code, finding.line) == ("change-mismatch", 5)
    assert "printed (0.2)%" in finding.message
