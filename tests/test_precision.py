"""Errors only where the arithmetic proves them: the patterns seen on releases tieout was
never tuned on, each written here as a fictional release (Osprey Bank Corp and friends).

Each test holds one general rule: the words of the prose, the units and the periods must
be resolved before a figure is called wrong, and a figure that some reading of the
release ties is not an error.
"""

from __future__ import annotations

from decimal import Decimal

from tieout.model import ClaimStatus, Release, Severity, Unit
from tieout.pipeline import read


def _html(prose: str, table: str) -> Release:
    page = f"<html><body>{prose}{table}</body></html>"
    return read(page.encode(), name="osprey.htm")


def _errors(release: Release) -> list[str]:
    return [f.message for f in release.findings if f.severity is not Severity.INFO]


HIGHLIGHTS = """
<p>Consolidated Financial Highlights</p><p>(Dollars in millions, except per share data)</p>
<table>
<tr><td></td><td>4Q20</td><td>3Q20</td><td>4Q19</td><td>Full Year 2020</td><td>Full Year 2019</td>
</tr>
<tr><td>Net income</td><td>$ 1,532</td><td>$ 1,546</td><td>$ 1,369</td><td>$ 7,558</td>
<td>$ 5,369</td></tr>
<tr><td>Diluted earnings per common share</td><td>$ 3.26</td><td>$ 3.39</td><td>$ 2.97</td>
<td>$ 16.96</td><td>$ 11.39</td></tr>
<tr><td>Corporate services</td><td>650</td><td>479</td><td>499</td><td>1,933</td><td>1,806</td></tr>
<tr><td>Service charges on deposits</td><td>134</td><td>119</td><td>185</td><td>474</td>
<td>707</td></tr>
</table>
"""


def test_a_per_share_amount_never_states_a_figure_in_millions() -> None:
    release = _html(
        "<p>OSPREY REPORTS FULL YEAR 2020 NET INCOME OF $7.6 BILLION, $16.96 DILUTED EPS</p>",
        HIGHLIGHTS,
    )
    assert _errors(release) == []
    eps = next(c for c in release.claims if c.text == "$16.96")
    # the metric named right after the figure is its subject, in its unit
    assert eps.unit is Unit.USD_PER_SHARE and eps.status is ClaimStatus.TIES
    income = next(c for c in release.claims if "7.6" in c.text)
    assert income.status is ClaimStatus.ROUNDING


def test_an_amount_below_a_cells_rounding_unit_is_not_compared_with_it() -> None:
    release = _html("<p>Net income in the fourth quarter of 2020 was $3.26.</p>", HIGHLIGHTS)
    assert _errors(release) == []  # $3.26 cannot be 1,532 in millions, whatever it is


def test_a_running_head_printed_on_every_page_is_one_claim() -> None:
    head = "<p>OSPREY REPORTS FULL YEAR 2020 NET INCOME OF $7.6 BILLION – Page {}</p>"
    release = _html("".join(head.format(n) for n in range(2, 9)), HIGHLIGHTS)
    assert sum(1 for c in release.claims if "7.6" in c.text) == 1


def test_a_loss_named_after_its_figure_gives_it_its_sign() -> None:
    release = _html(
        "<p>Treasury contributed $329 million of the Company's net income in the fourth "
        "quarter of 2020, compared with a $23 million net loss in the fourth quarter of "
        "2019.</p>",
        HIGHLIGHTS,
    )
    loss = next(c for c in release.claims if c.text.endswith("$23 million"))
    assert loss.value == Decimal(-23_000_000)


BALANCES = """
<p>Average Balances</p><p>(Dollars in millions)</p>
<table>
<tr><td></td><td>4Q21</td><td>3Q21</td><td>4Q20</td></tr>
<tr><td>Earning assets</td><td>522,535</td><td>514,011</td><td>497,437</td></tr>
<tr><td>Noninterest income</td><td>583</td><td>610</td><td>744</td></tr>
<tr><td>Net interest income</td><td>1,140</td><td>1,102</td><td>1,026</td></tr>
</table>
"""


def test_a_change_worded_after_its_figure_is_a_change() -> None:
    release = _html(
        "<p>Average earning assets were $25.1 billion (5.0 percent) higher in the fourth "
        "quarter of 2021 than in the fourth quarter of 2020.</p>"
        "<p>Revenue fell on a decrease in noninterest income of $161 million (21.6 percent) "
        "in the fourth quarter of 2021 from the fourth quarter of 2020.</p>",
        BALANCES,
    )
    assert _errors(release) == []
    assets = next(c for c in release.claims if "25.1" in c.text)
    assert assets.kind.value == "change" and assets.status is ClaimStatus.ROUNDING
    fees = next(c for c in release.claims if "161" in c.text)
    assert fees.kind.value == "change" and fees.value == Decimal(-161_000_000)
    assert fees.status is ClaimStatus.TIES
    percent = next(c for c in release.claims if c.text.startswith("21.6"))
    assert percent.kind.value == "percent-change" and percent.value == Decimal("-21.6")
    # 583 over 744 can be -21.52% to -21.76%: too coarse to state a tenth, so not judged
    assert percent.status is ClaimStatus.UNTIED


QUARTERS = """
<p>Financial Highlights</p><p>(Dollars in millions, except per share data)</p>
<table>
<tr><td></td><td>4Q21</td><td>3Q21</td><td>2Q21</td><td>1Q21</td><td>4Q20</td></tr>
<tr><td>Diluted earnings per common share</td><td>$ 10.81</td><td>$ 14.93</td><td>$ 15.02</td>
<td>$ 18.60</td><td>$ 12.08</td></tr>
<tr><td>Net loan charge-offs</td><td>229</td><td>155</td><td>160</td><td>180</td><td>209</td></tr>
</table>
"""


def test_each_figure_of_a_list_takes_the_period_printed_after_it() -> None:
    release = _html(
        "<p>Diluted earnings per common share was $10.81 for the fourth quarter of 2021 "
        "compared with $12.08 for the fourth quarter of 2020 and $14.93 for the third "
        "quarter of 2021.</p>",
        QUARTERS,
    )
    assert _errors(release) == []
    assert [c.status for c in release.claims] == [ClaimStatus.TIES] * 3
    third = next(c for c in release.claims if c.text == "$14.93")
    assert third.period is not None and third.period.quarter == 3  # a column shows 3Q21


def test_a_sentence_whose_figures_of_one_row_never_tie_speaks_of_another_quantity() -> None:
    release = _html(
        "<p>Net loan charge-offs were $136 million for the fourth quarter of 2021 compared "
        "with $125 million in the third quarter of 2021 and $154 million in the fourth "
        "quarter of 2020.</p>",
        QUARTERS,
    )
    assert _errors(release) == []  # not one of them is the row's: another measure, untied
    assert {c.status for c in release.claims} == {ClaimStatus.UNTIED}
    # one figure alone that misses its row is still a contradiction
    wrong = _html(
        "<p>Net loan charge-offs were $231 million for the fourth quarter of 2021 compared "
        "with $155 million in the third quarter of 2021.</p>",
        QUARTERS,
    )
    assert [c.status for c in wrong.claims] == [ClaimStatus.CONTRADICTS, ClaimStatus.TIES]


def test_quarters_add_to_the_year_for_flows_only() -> None:
    from textdoc import release

    rel = release(
        """
        OSPREY BANK CORP
        QUARTERLY TRENDS
        (in millions)
                                       1Q21       2Q21       3Q21       4Q21    FULL YEAR 2021
        Net interest income           1,000      1,100      1,200      1,300        4,600
        Noninterest income              500        400        450        550        1,900
        Total net revenue             1,500      1,500      1,650      1,850        6,500
        Total assets (period-end)   900,000    920,000    950,000    980,000      980,000
        Average loans               400,000    410,000    420,000    430,000      415,000
        Net charge-off rate:
          Card                         2.97       2.24       1.39       1.28         1.94
        """
    )
    assert not rel.errors
    summed = {r.name for r in rel.relations if "quarters add to the year" in r.name}
    assert "Total net revenue: quarters add to the year" in summed
    assert not {
        n
        for n in summed
        if n.split(":")[0] in ("Total assets (period-end)", "Average loans", "Card")
    }


def test_segment_columns_short_of_their_total_by_one_shared_gap_hold_an_unprinted_item() -> None:
    rows = [
        ("Net interest income", "3,016", "2,300", "5,316"),
        ("Noninterest income", "1,200", "800", "2,000"),
        ("Total revenue", "4,216", "3,100", "7,316"),
        ("Provision for credit losses", "100", "300", "400"),
        ("Noninterest expense", "2,100", "1,500", "3,600"),
        ("Income before income taxes", "2,016", "1,300", "3,316"),
        ("Income tax expense", "494", "318", "812"),
        ("Net income", "1,522", "982", "2,504"),
        ("Total earning assets (2)", "871,583", "300,694", "918,086"),
        ("Total assets (2)", "910,735", "303,832", "960,376"),
    ]

    def table(rows: list[tuple[str, str, str, str]]) -> str:
        body = "".join(
            f"<tr><td>{a}</td><td>{b}</td><td>{c}</td><td>{d}</td></tr>" for a, b, c, d in rows
        )
        return (
            "<p>Consumer Banking</p><p>(Dollars in millions)</p><table>"
            "<tr><td></td><td colspan='3'>Fourth Quarter 2021</td></tr>"
            "<tr><td></td><td>Deposits</td><td>Consumer Lending</td>"
            f"<td>Total Consumer Banking</td></tr>{body}</table>"
        )

    release = _html("", table(rows))
    assert _errors(release) == []  # both balances 254,191 short: an allocation
    revenue = [r for r in release.relations if r.name.startswith("Total revenue: segments")]
    assert revenue and revenue[0].holds
    # one row off alone is still an error
    wrong = _html("", table([*rows[:2], ("Total revenue", "4,216", "3,100", "7,361"), *rows[3:]]))
    assert [f.code for f in wrong.findings if f.severity is Severity.ERROR] == ["wrong-figure"]


FEES = """
<p>Noninterest Income</p><p>(Dollars in millions)</p>
<table>
<tr><td></td><td>4Q20</td><td>3Q20</td><td>4Q19</td></tr>
<tr><td>Corporate services</td><td>650</td><td>479</td><td>499</td></tr>
<tr><td>Residential mortgage</td><td>99</td><td>137</td><td>87</td></tr>
<tr><td>Total noninterest income</td><td>749</td><td>616</td><td>586</td></tr>
</table>
"""


def test_a_change_that_ties_another_comparison_is_not_called_wrong() -> None:
    release = _html(
        "<p>Noninterest income for the fourth quarter of 2020 increased $133 million "
        "compared with the third quarter. Corporate services increased $171 million and "
        "residential mortgage revenue declined $38 million.</p>",
        FEES,
    )
    assert _errors(release) == []  # linked quarter, not a year ago: not resolved, not wrong
    services = next(c for c in release.claims if "171" in c.text)
    assert services.status is ClaimStatus.AMBIGUOUS
    (note,) = [f for f in release.findings if f.code == "claim-ambiguous" and "171" in f.message]
    assert "goes 479 -> 650" in note.message
    # a change that ties no comparison the tables print is still wrong
    wrong = _html(
        "<p>Corporate services increased $181 million in the fourth quarter of 2020.</p>", FEES
    )
    assert [c.status for c in wrong.claims] == [ClaimStatus.CONTRADICTS]


def test_a_bullet_inside_a_headline_paragraph_is_a_sentence_of_its_own() -> None:
    from tieout.prose.sentences import sentences

    text = (
        "Osprey Reports Fourth Quarter and Full Year 2021 Results • Full year net income of "
        "$8.0 billion • Full year return on average assets of 1.43%"
    )
    assert [text[a:b] for a, b in sentences(text)] == [
        "Osprey Reports Fourth Quarter and Full Year 2021 Results",
        "Full year net income of $8.0 billion",
        "Full year return on average assets of 1.43%",
    ]


def test_a_figure_whose_own_words_name_its_period_is_not_read_in_another() -> None:
    # the prior year's figure printed for this year is wrong, though it ties last year
    release = _html(
        "<p>Net income for the fourth quarter of 2020 was $1,369 million.</p>", HIGHLIGHTS
    )
    (claim,) = release.claims
    assert claim.status is ClaimStatus.CONTRADICTS
    assert [f.code for f in release.findings if f.severity is Severity.ERROR] == ["claim-mismatch"]


SEGMENTS = """
<p>LINE OF BUSINESS FINANCIAL PERFORMANCE</p><p>(Dollars in millions)</p>
<table>
<tr><td>Business Line</td><td>4Q 2021</td><td>4Q 2020</td></tr>
<tr><td>Commercial Banking</td><td>337</td><td>431</td></tr>
<tr><td>Treasury and Corporate Support</td><td>329</td><td>(23)</td></tr>
</table>
<p>TREASURY AND CORPORATE SUPPORT (a)</p><p>(Dollars in millions)</p>
<table>
<tr><td></td><td>4Q 2021</td><td>3Q 2021</td><td>4Q 2020</td></tr>
<tr><td>Net interest income</td><td>75</td><td>76</td><td>(39)</td></tr>
<tr><td>Noninterest income</td><td>198</td><td>201</td><td>234</td></tr>
<tr><td>Securities gains (losses), net</td><td>15</td><td>20</td><td>34</td></tr>
<tr><td>Total net revenue</td><td>288</td><td>297</td><td>229</td></tr>
<tr><td>Net income (loss)</td><td>334</td><td>388</td><td>(17)</td></tr>
<tr><td>Net income (loss) attributable to Osprey</td><td>329</td><td>382</td><td>(23)</td></tr>
</table>
"""


def test_a_paragraph_opening_on_a_line_of_business_speaks_of_it() -> None:
    release = _html(
        "<p>Treasury and Corporate Support contributed $329 million of the Company's net "
        "income in the fourth quarter of 2021, compared with a $23 million net loss in the "
        "fourth quarter of 2020. Total net revenue was higher by $59 million (25.8 percent) "
        "due to an increase of $114 million in net interest income, partially offset by a "
        "decrease in noninterest income of $55 million (20.5 percent).</p>",
        SEGMENTS,
    )
    assert _errors(release) == []
    revenue = next(c for c in release.claims if "$59" in c.text)
    # of the segment, whose table it ties, not the company's
    assert revenue.segment == "Treasury and Corporate Support"
    assert revenue.status is ClaimStatus.TIES and revenue.tied_to[0].table == 1
    # "$23 million net loss": the row attributable to the company, beside the total's
    loss = next(c for c in release.claims if "$23" in c.text)
    assert loss.status is not ClaimStatus.CONTRADICTS
    # a change of noninterest income and its percent, both of another sum (with the
    # securities gains beside it: 213 - 268 = -55, -20.5%): another quantity, not wrong
    fees = [c for c in release.claims if "$55" in c.text or c.text.startswith("20.5")]
    assert {c.status for c in fees} == {ClaimStatus.UNTIED}


def test_other_before_a_metric_names_another_row() -> None:
    release = _html(
        "<p>These increases were partially offset by lower other noninterest income of "
        "$30 million in the fourth quarter of 2021.</p>",
        SEGMENTS,
    )
    assert _errors(release) == []
    (claim,) = release.claims
    assert claim.status is ClaimStatus.UNTIED


def test_profit_per_share_is_earnings_per_share_in_other_industries_words() -> None:
    release = _html(
        "<p>First-quarter 2022 profit per share of $2.86; adjusted profit per share of $2.88.</p>",
        "<p>Consolidated Results</p><p>(Dollars in millions, except per share data)</p>"
        "<table><tr><td></td><td>First Quarter 2022</td><td>First Quarter 2021</td></tr>"
        "<tr><td>Profit 1</td><td>$ 1,537</td><td>$ 1,530</td></tr>"
        "<tr><td>Profit per common share — diluted 2</td><td>$ 2.86</td><td>$ 2.77</td></tr>"
        "</table>",
    )
    # the fragment prints no reconciliation of its adjusted profit per share: that warning
    # is the non-GAAP stage's (tests/test_non_gaap.py); the prose itself raises nothing
    unreconciled = [f.message for f in release.findings if f.code == "non-gaap-unreconciled"]
    assert [m.split(" (")[0] for m in unreconciled] == ["adjusted earnings per share"]
    assert [m for m in _errors(release) if m not in unreconciled] == []
    assert release.tables[0].rows[0].concept == "NetIncome"
    diluted = next(c for c in release.claims if c.text == "$2.86")
    assert diluted.unit is Unit.USD_PER_SHARE and diluted.status is ClaimStatus.TIES


def _segment_sales(total_label: str, totals: tuple[str, str]) -> Release:
    text = (
        "Harbor Valve Inc\nSegment sales\n(in thousands)\n\n"
        f"{'':<34}2024      2023\n"
        f"{'Valves':<30}150,000   140,000\n{'Seals':<30}240,000   230,000\n"
        f"{'Pumps':<30}150,000   130,000\n{'':<30}-------   -------\n"
        f"{total_label:<30}{totals[0]}   {totals[1]}\n"
    )
    return read(text.encode(), name="segments.txt")


def test_a_total_wrong_in_every_column_is_reported_when_its_label_is_total_alone() -> None:
    # a sum was proposed only where it held somewhere: 150,000 + 240,000 + 150,000 =
    # 540,000, printed 546,000 (and 500,000 printed 506,000) gave no finding at all
    release = _segment_sales("Total", ("546,000", "506,000"))
    errors = [f for f in release.findings if f.severity is Severity.ERROR]
    assert [f.code for f in errors] == ["sum-mismatch", "sum-mismatch"]
    assert "150,000 + 240,000 + 150,000 = 540,000, printed 546,000" in errors[0].message
    assert {f.line for f in errors} == {10}
    # the same block adding up holds; a longer label does not name its items alone
    assert not _errors(_segment_sales("Total", ("540,000", "500,000")))
    assert not _errors(_segment_sales("Total pumps and seals", ("546,000", "506,000")))
