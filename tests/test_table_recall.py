"""Errors injected into table figures that the relations lost: each is reported, not dropped.

Fictional releases written here, each failing before its rule: a subtotal printed with no
rule line whose sum breaks in one column, a change column of few rows with one wrong row,
quarters that stop adding when the year loses a digit.
"""

from __future__ import annotations

from textdoc import release
from tieout.model import RelationSource, Severity

FIVE_QUARTERS = """
                                         (Dollars in millions)
                              Dec. 31    Sept. 30   June 30   March 31   Dec. 31
                                 2021       2021      2021       2021      2020
Interest income                 3,435      3,454     3,471      3,522     3,639
Interest expense                  168        193       198        209       245
Net interest income             3,267      3,261     3,273      3,313     3,394
Provision for credit losses      (103)      (324)     (434)        48       177
Net interest income after
  provision for credit losses   3,370      3,585     3,707      3,265     3,217
Noninterest income              2,323      2,365     2,405      2,197     2,285
Noninterest expense             3,700      3,795     4,011      3,610     {expense}
Income before income taxes      1,993      2,155     2,101      1,852     1,669
Provision for income taxes        367        423       415        351       311
Net income                      1,626      1,732     1,686      1,501     1,358
Less:
  Noncontrolling interests          0          1         1          4         1
  Preferred stock dividends        78         88        98        143       {preferred}
Net income available to common  1,548      1,643     1,587      1,354     1,256
"""


def _errors(text: str) -> list[tuple[str, int]]:
    rel = release(text)
    return [(f.code, f.line) for f in rel.findings if f.severity is Severity.ERROR]


def test_a_subtotal_with_no_rule_that_fails_in_one_column_is_reported() -> None:
    # 3,217 + 2,285 - 3,833 = 1,669 in the last column, as the sum holds in the four
    # others; 333 for 3,833 (a digit dropped) leaves it holding in four columns of five.
    # No rule line nor a `Total` label closes it, and the rows back to the top do not
    # add, so the sum of the three rows nearest was dropped with no finding at all.
    assert not _errors(FIVE_QUARTERS.format(expense="3,833", preferred="101"))
    rel = release(FIVE_QUARTERS.format(expense="333", preferred="101"))
    sums = {r.name: r for r in rel.relations if r.source is RelationSource.LAYOUT}
    before_taxes = sums["Income before income taxes"]
    assert [t.sign for t in before_taxes.items] == [1, 1, -1]
    assert list(before_taxes.fails_in) == ["Dec. 31 2020"]
    errors = [f for f in rel.findings if f.severity is Severity.ERROR]
    assert [(f.code, f.line) for f in errors] == [("sum-mismatch", 12)]
    assert "3,217 + 2,285 - 333 = 5,169, printed 1,669" in errors[0].message


def test_items_under_less_are_subtracted_by_their_words() -> None:
    # 1,358 - 1 - 101 = 1,256: three minus signs are more than a sum failing in one
    # column may carry, but two of them "Less:" prints; 10 for 101 is then an error
    rel = release(FIVE_QUARTERS.format(expense="3,833", preferred="10"))
    sums = {r.name: r for r in rel.relations if r.source is RelationSource.LAYOUT}
    common = sums["Net income available to common"]
    assert [t.sign for t in common.items] == [1, -1, -1]
    assert list(common.fails_in) == ["Dec. 31 2020"]
    assert _errors(FIVE_QUARTERS.format(expense="3,833", preferred="10")) == [("sum-mismatch", 18)]


DISCONTINUED = """
                                         (In millions)
                              Three months ended            Year ended
                              Dec. 31    Sept. 30      Dec. 31    Dec. 31
                                 2021       2021         2021       2020
Net income from continuing
  operations                    1,306      1,490        5,725      3,003
Income from discontinued
  operations before taxes                                          5,777
Income taxes from discontinued
  operations                                                       1,222
Net income from discontinued
  operations                                                       4,555
Net income                      1,306      1,490        5,725      7,558
"""


def test_columns_with_the_items_blank_do_not_bear_a_sum_out() -> None:
    # Net income = continuing + discontinued operations; the three columns with nothing
    # discontinued hold any sum of the blank rows, so they bear out none: adding every
    # row above (3,003 + 5,777 + 1,222 + 4,555) is not a sum failing in one column
    assert not _errors(DISCONTINUED)


PARTS = """
                                              June 30, 2025
                                    Harrier      Merlin      Harrier
                                    legacy       Bank      consolidated
Loans (in billions)                  234.2        60.5         294.7
Deposits (in billions)               370.7        82.2         452.9
Legacy net loan charge-offs             58                        {legacy}
Acquired net loan charge-offs                      248             248
Total net loan charge-offs              58         248             306
"""


def test_a_sum_each_part_column_bears_out_an_item_of_fails_where_both_are_printed() -> None:
    # the legacy column prints the legacy charge-offs alone, the acquired bank's column
    # the acquired ones alone, each equal to its total; only the consolidated column
    # prints both. 8 for 58 there (a digit dropped) leaves no column holding with both
    # items: the sum was no longer proposed, and the error went unreported
    assert not _errors(PARTS.format(legacy="58"))
    rel = release(PARTS.format(legacy=" 8"))
    sums = {r.name: r for r in rel.relations if r.source is RelationSource.LAYOUT}
    total = sums["Total net loan charge-offs"]
    labels = [rel.tables[t.table].rows[t.row].label for t in total.items]
    assert labels == ["Legacy net loan charge-offs", "Acquired net loan charge-offs"]
    assert [t.sign for t in total.items] == [1, 1]
    assert [ev.total.column for ev in total.evaluations if not ev.holds] == [2]
    assert [code for code, _ in _errors(PARTS.format(legacy=" 8"))] == ["sum-mismatch"]


NAMED_CHANGES = """
                                              (In millions)
                          Q2'21     Q1'21     Q2'20   % Change Q2'21 vs Q1'21  % Change Q2'21 vs Q2'20
Net interest income       $2,581    $2,348    $2,527              10%                      2%
Noninterest income         2,086     1,872     1,549              11%                     35%
Total revenue             $4,667    $4,220    $4,076              11%                     {pct}
"""


def test_a_change_column_of_three_rows_with_one_wrong_is_an_error() -> None:
    # The header names the pair the column compares (Q2'21 vs Q2'20, not the two columns
    # beside it), and two rows of three bear it out: (4,667 - 4,076) / 4,076 = 14.5%,
    # so 94% is an error. Two rows holding of three were under the three of four asked.
    clean = release(NAMED_CHANGES.format(pct="14%"))
    changes = [r for r in clean.relations if r.source is RelationSource.CHANGE]
    assert {r.name.split(": ")[1] for r in changes} == {
        "% change, Q2'21 over Q1'21",
        "% change, Q2'21 over Q2'20",
    }
    assert len(changes) == 6 and all(r.holds for r in changes) and not clean.findings
    rel = release(NAMED_CHANGES.format(pct="94%"))
    (finding,) = [f for f in rel.findings if f.severity is Severity.ERROR]
    assert (finding.code, finding.line) == ("change-mismatch", 5)
    assert "/ $4,076 = 14.50%, printed 94%" in finding.message


UNITS_AND_REVENUE = """
                                              (Units in thousands, Revenue in millions)
            Q4'15 Units  Q4'15 Revenue  Q3'15 Units  Q3'15 Revenue  Q4'14 Units  Q4'14 Revenue  Sequential Change Units  Sequential Change Revenue  Year/Year Change Units  Year/Year Change Revenue
iPhone           48,046        $32,209       47,534        $31,368       39,272        $23,678                       1%                         3%                     22%                       36%
iPad              9,883          4,276       {ipad}          4,538       12,316          5,316                     (10)%                       (6)%                   (20)%                     (20)%
Mac               5,709          6,882        4,796          6,030        5,520          6,625                      19%                        14%                      3%                        4%
Services                         5,086                       5,028                       4,608                                                 1%                                               10%
Other                            3,048                       2,641                       1,896                                                15%                                               61%
"""


def test_units_compare_the_periods_their_revenue_beside_them_compares() -> None:
    # The units' change columns compare no pair of adjacent columns: the rows decide, and
    # three rows holding is the least for such a pair. With one of the three wrong, the
    # units' pair is still the one the "Sequential Change Revenue" column compares.
    rel = release(UNITS_AND_REVENUE.format(ipad="10,931"))
    assert not rel.findings
    rel = release(UNITS_AND_REVENUE.format(ipad="19,031"))
    errors = [f for f in rel.findings if f.severity is Severity.ERROR]
    assert [(f.code, f.line) for f in errors] == [("change-mismatch", 4)]
    assert "(9,883 - 19,031) / 19,031 = -48.07%" in errors[0].message


DATED_QUARTERS = """
                                                    (In millions)
                   -------------------- Three months ended -------------------    Year ended
                   December 31  September 30    June 30    March 31   December 31  December 31
                          2021          2021       2021        2021          2020         2021
Asset management           251           248        239         226           221          964
Consumer services          508           496        457         384           387        1,845
Corporate services         839           842        688         555           650        2,924
Residential mortgage       101           147        103         105            99          456
Other                      440           449        468         {other}           293        1,840
Total                    2,139         2,182      1,955       1,753         1,650        8,029
"""


def test_dated_quarters_add_to_their_year() -> None:
    # Four quarters named by their end dates beside the year ending on the last: 440 +
    # 449 + 468 + 483 = 1,840. 480 for 483 still lets the column foot within its rounding
    # (five rows and a total may be 3 off), but the four quarters and the year (2.5 at
    # most) no longer add up.
    clean = release(DATED_QUARTERS.format(other="483"))
    quarters = [r for r in clean.relations if r.name.endswith("quarters add to the year")]
    assert len(quarters) == 6 and all(r.holds for r in quarters)
    assert not clean.findings
    rel = release(DATED_QUARTERS.format(other="480"))
    errors = [f for f in rel.findings if f.severity is Severity.ERROR]
    assert errors and all(f.line == 9 for f in errors)
    assert any("480 + 468 + 449 + 440 = 1,837, printed 1,840" in f.message for f in errors)


QUARTERS_OF_A_YEAR = """
                                       ($ in millions)
                              Fiscal 2013                     Fiscal 2014
              Q1       Q2       Q3       Q4      TOTAL        Q1       Q2       Q3       Q4      TOTAL
Revenues   $8,181   $8,947   $8,957  $10,944   $37,029     $8,372   $9,275   $9,307  $11,320   {total}
Expenses    5,805    5,880    5,877    6,398    23,960      5,923    6,087    6,201    6,519    24,730
Income      2,376    3,067    3,080    4,546    13,069      2,449    3,188    3,106    4,801    13,544
"""


def test_a_year_that_lost_a_digit_is_no_average_of_its_quarters() -> None:
    # A year printed within the range of its quarters reads as an average (or a balance),
    # not a sum; 3,827 for 38,274 is below every quarter, which no average can be
    assert not release(QUARTERS_OF_A_YEAR.format(total="$38,274")).findings
    rel = release(QUARTERS_OF_A_YEAR.format(total="$3,827"))
    errors = [f for f in rel.findings if f.severity is Severity.ERROR]
    assert [(f.code, f.line) for f in errors] == [("sum-mismatch", 4)]
    assert "8,372 + 9,275 + 9,307 + 11,320 = 38,274, printed 3,827" in errors[0].message


TWO_TABLES = """
                              ACME BANCORP
                         CONSOLIDATED INCOME STATEMENT
                              (In millions)
                                   Three months ended
                              June 30, 2021   March 31, 2021
Asset management fees               $ 239            $ 226
Consumer services fees                457              384
Corporate services fees               688              555
  Total fees                        1,384            1,165


                              FEE INCOME REVIEW
                              ({scale})
                                Q2'21       Q1'21
Asset management fees            $239        $226
Consumer services fees            457         384
Corporate services fees           688         555
  Total fees                    1,384       1,165
"""


def test_a_table_whose_scale_word_disagrees_with_the_same_figures_elsewhere() -> None:
    # The review prints the statement's figures with the same digits; "(In thousands)"
    # over it makes each a thousand times smaller. Each table foots on its own, the rows
    # name no concept and the columns name their periods in different words, so only
    # the shared labels and digits show it: one finding, at the two scales' lines.
    assert not release(TWO_TABLES.format(scale="In millions")).findings
    rel = release(TWO_TABLES.format(scale="In thousands"))
    (finding,) = rel.findings
    assert finding.code == "scale-mismatch" and finding.severity is Severity.ERROR
    assert {span.line for span in finding.evidence} >= {3, 13}
    assert "a thousand times larger" in finding.message
    assert "prints 8 figure(s)" in finding.message  # four rows in two columns, not 4 rows
