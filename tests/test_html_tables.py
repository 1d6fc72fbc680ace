"""HTML tables as filing agents mark them up, each construction on a small table written here.

The companies are fictional; each test names the construction it reads.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from tieout.model import CellFlag, Document, Paragraph, RowKind, Rule, Source, Table, Unit
from tieout.pipeline import read
from tieout.readers.html import html_layout

D = Decimal


def layout(markup: str) -> tuple[list[Table], list[Paragraph]]:
    doc = Document(Source("t.htm", "0" * 64, len(markup), "html"), markup, 1, "html")
    return html_layout(doc, 0)


def tables(markup: str) -> list[Table]:
    return layout(markup)[0]


def values(table: Table, label: str) -> list[Decimal | None]:
    row = next(r for r in table.rows if r.label == label)
    return [c.value if c else None for c in row.cells]


STATEMENT = """<html><body>
<p align="center"><b>HARBOR VALVE INC.</b></p>
<p align="center">CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS</p>
<p align="center">(In thousands, except per share amounts)</p>
<table cellpadding="0" cellspacing="0" width="100%">
<tr><td rowspan="2" width="60%"></td>
    <td colspan="7" align="center" style="border-bottom:1px solid #000"><b>Three Months Ended</b></td></tr>
<tr><td colspan="3" align="center"><b>March&nbsp;31,<br>2024</b></td><td>&nbsp;</td>
    <td colspan="3" align="center"><b>March 31,<br>2023</b></td></tr>
<tr><td>Net sales</td><td>$</td><td align="right"><font size="2">33,006</font></td><td></td><td></td>
    <td>$</td><td align="right">32,383</td><td></td></tr>
<tr><td>Cost of sales</td><td style="border-bottom:1px solid #000"></td>
    <td align="right" style="border-bottom:1px solid #000">28,931</td><td></td><td></td>
    <td style="border-bottom:1px solid #000"></td>
    <td align="right" style="border-bottom:1px solid #000">28,653</td><td></td></tr>
<tr><td style="padding-left:10pt">Gross profit</td><td></td><td align="right">4,075</td><td></td><td></td>
    <td></td><td align="right">3,730</td><td></td></tr>
<tr><td>Interest expense</td><td></td><td align="right">(4,231</td><td>)</td><td></td>
    <td></td><td align="right">(3,872</td><td>)</td></tr>
<tr><td style="padding-left:10pt">Net loss</td><td style="border-top:1px solid #000;border-bottom:3px double #000">$</td>
    <td align="right" style="border-top:1px solid #000;border-bottom:3px double #000">(156</td><td>)</td><td></td>
    <td style="border-top:1px solid #000;border-bottom:3px double #000">$</td>
    <td align="right" style="border-top:1px solid #000;border-bottom:3px double #000">(142</td><td>)</td></tr>
<tr><td>Net loss per share <sup>(a)</sup></td><td>$</td><td align="right">(0.03</td><td>)</td><td></td>
    <td>$</td><td align="right">(0.03</td><td>)</td></tr>
<tr><td>Weighted average shares outstanding</td><td></td><td align="right">4,932</td><td></td><td></td>
    <td></td><td align="right">4,828</td><td></td></tr>
</table>
<p>Net sales were $33.0 million, up 2%. The company expects revenue of about $1 billion in 2030.</p>
</body></html>
"""


def test_dollar_cells_split_negatives_and_spacer_columns() -> None:
    (table,) = tables(STATEMENT)
    assert len(table.columns) == 2
    assert values(table, "Net sales") == [D(33006000), D(32383000)]
    assert values(table, "Interest expense") == [D(-4231000), D(-3872000)]
    cell = table.rows[3].cells[0]
    assert cell is not None
    assert cell.raw == "(4,231)" and CellFlag.SPLIT in cell.flags
    assert CellFlag.PARENTHESISED in cell.flags
    net = table.rows[4].cells[0]
    assert net is not None and CellFlag.DOLLAR in net.flags


def test_colspan_rowspan_and_br_headers_give_periods() -> None:
    (table,) = tables(STATEMENT)
    assert [c.period.end for c in table.columns if c.period] == [
        date(2024, 3, 31),
        date(2023, 3, 31),
    ]
    assert [c.period.months for c in table.columns if c.period] == [3, 3]
    assert table.columns[0].label == "Three Months Ended March 31, 2024"


def test_scale_from_the_line_above_not_from_prose() -> None:
    (table,) = tables(STATEMENT)
    assert table.scale == D(1000)
    assert table.scale_text == "(In thousands, except per share amounts)"
    assert "STATEMENTS OF OPERATIONS" in table.title


def test_per_share_rows_are_never_scaled_and_shares_take_the_scale() -> None:
    (table,) = tables(STATEMENT)
    eps = next(r for r in table.rows if r.label.startswith("Net loss per share"))
    assert eps.unit is Unit.USD_PER_SHARE and values(table, eps.label) == [D("-0.03"), D("-0.03")]
    assert eps.label == "Net loss per share"  # the superscript footnote mark is not label text
    shares = next(r for r in table.rows if r.label.startswith("Weighted"))
    assert shares.unit is Unit.SHARES and values(table, shares.label) == [D(4932000), D(4828000)]


def test_rules_from_borders_and_kinds() -> None:
    (table,) = tables(STATEMENT)
    rows = {r.label: r for r in table.rows}
    assert rows["Gross profit"].rule_above is Rule.SINGLE
    assert rows["Gross profit"].kind is RowKind.SUBTOTAL
    assert rows["Net loss"].rule_above is Rule.SINGLE
    assert rows["Net loss"].rule_below is Rule.DOUBLE
    assert rows["Net loss"].kind is RowKind.TOTAL
    assert rows["Net sales"].rule_above is Rule.NONE  # the header's underline is not a rule
    assert rows["Gross profit"].level > rows["Net sales"].level


def test_positions_are_line_column_and_offset_in_the_file() -> None:
    (table,) = tables(STATEMENT)
    lines = STATEMENT.split("\n")
    for row in table.rows:
        for cell in row.cells:
            if cell is None:
                continue
            text = lines[cell.span.line - 1][cell.span.start : cell.span.end]
            assert text == cell.raw.rstrip(")").lstrip("$")
            assert cell.span.offset is not None
            assert STATEMENT[cell.span.offset : cell.span.offset + len(text)] == text
    label = table.rows[0].label_span
    assert lines[label.line - 1][label.start : label.end] == "Net sales"


def test_release_relations_hold_through_the_pipeline() -> None:
    release = read(STATEMENT.encode(), name="harbor.htm")
    assert release.source.format == "html"
    names = {r.name for r in release.relations if r.holds}
    assert "Gross profit" in names
    assert not release.errors


RECONCILIATION = """<table>
<tr><td></td><td colspan="2">As Reported</td><td>&nbsp;</td><td colspan="2">Adjustments</td>
<td>&nbsp;</td><td colspan="2">Non-GAAP</td></tr>
<tr><td>Operating expenses</td><td>$</td><td>1,427</td><td></td><td>$</td><td>(18</td><td>)(a)</td>
<td>$</td><td>1,409</td></tr>
<tr><td>Research and development</td><td></td><td>367</td><td></td><td></td><td></td><td></td>
<td></td><td>367</td></tr>
<tr><td>Restructuring costs</td><td></td><td>18</td><td></td><td></td><td>(18</td><td>)</td>
<td></td><td>&#151;</td></tr>
<tr><td>(a) Restructuring costs of the quarter</td></tr>
</table>"""


def test_blank_cells_never_shift_figures_into_the_wrong_column() -> None:
    (table,) = tables(RECONCILIATION)
    assert [c.label for c in table.columns] == ["As Reported", "Adjustments", "Non-GAAP"]
    assert values(table, "Research and development") == [D(367), None, D(367)]
    assert values(table, "Restructuring costs") == [D(18), D(-18), D(0)]
    adjusted = table.rows[0].cells[1]
    assert adjusted is not None and adjusted.value == D(-18)
    assert CellFlag.FOOTNOTE in adjusted.flags  # `)(a)`: the mark is not a figure


FOOTNOTES = """<table>
<tr><td></td><td>2024</td><td></td><td>2023</td><td></td></tr>
<tr><td>Revenue</td><td>1,000</td><td>(a)</td><td>900</td><td></td></tr>
<tr><td>Cost</td><td>600</td><td>(b)</td><td>500</td><td>*</td></tr>
<tr><td>Margin</td><td>400</td><td></td><td>400</td><td></td></tr>
</table>"""


def test_footnote_marks_in_their_own_cells_are_not_figures() -> None:
    (table,) = tables(FOOTNOTES)
    assert len(table.columns) == 2
    assert values(table, "Cost") == [D(600), D(500)]


WEEKS = """<p>(Dollars in millions)</p>
<table>
<tr><td></td><td colspan="3">Thirteen Weeks Ended</td><td colspan="3">Twenty-Six Weeks Ended</td></tr>
<tr><td></td><td>August 3,</td><td></td><td>July 29,</td><td>August 3,</td><td></td><td>July 29,</td></tr>
<tr><td></td><td>2024</td><td></td><td>2023</td><td>2024</td><td></td><td>2023</td></tr>
<tr><td>Net sales</td><td>$10.5</td><td></td><td>$9.8</td><td>$20.1</td><td></td><td>$19.0</td></tr>
<tr><td>Effective tax rate</td><td>22.0</td><td>%</td><td>21.5%</td><td>22.1%</td><td></td><td>21.9%</td></tr>
</table>"""


def test_three_row_headers_keep_the_year_and_weeks_are_periods() -> None:
    (table,) = tables(WEEKS)
    periods = [c.period for c in table.columns]
    assert all(p is not None for p in periods)
    assert [(p.end, p.weeks) for p in periods if p] == [
        (date(2024, 8, 3), 13),
        (date(2023, 7, 29), 13),
        (date(2024, 8, 3), 26),
        (date(2023, 7, 29), 26),
    ]
    assert [p.months for p in periods if p] == [3, 3, 6, 6]  # year to date is not a quarter


def test_dollars_in_millions_and_a_tax_rate_stays_a_percent() -> None:
    (table,) = tables(WEEKS)
    assert table.scale == D(1_000_000)
    assert values(table, "Net sales")[0] == D(10_500_000)
    rate = next(r for r in table.rows if r.label == "Effective tax rate")
    assert rate.unit is Unit.PERCENT
    assert values(table, "Effective tax rate") == [D("22.0"), D("21.5"), D("22.1"), D("21.9")]


GUIDANCE = """<table>
<caption>($ in millions, except per share data)</caption>
<tr><td></td><td>Low</td><td>High</td></tr>
<tr><td>Revenue</td><td>$1,200</td><td>$1,300</td></tr>
<tr><td>Diluted earnings per share</td><td>$2.10</td><td>$2.30</td></tr>
</table>"""


def test_guidance_keeps_its_high_column_and_caption_scale() -> None:
    (table,) = tables(GUIDANCE)
    assert [c.label for c in table.columns] == ["Low", "High"]
    assert values(table, "Revenue") == [D(1_200_000_000), D(1_300_000_000)]
    assert values(table, "Diluted earnings per share") == [D("2.10"), D("2.30")]


SCALE_IN_ROWS = """<table>
<tr><td>(Amounts in thousands)</td><td>Fiscal 2024</td><td>Fiscal 2023</td></tr>
<tr><td>Orders</td><td>500</td><td>450</td></tr>
</table>
<table>
<tr><td></td><td>2024</td><td>2023</td></tr>
<tr><td>(In millions)</td><td></td><td></td></tr>
<tr><td>Backlog</td><td>7</td><td>6</td></tr>
</table>"""


def test_scale_in_a_header_cell_and_in_a_row() -> None:
    first, second = tables(SCALE_IN_ROWS)
    assert first.scale == D(1000) and values(first, "Orders") == [D(500000), D(450000)]
    assert second.scale == D(1_000_000) and values(second, "Backlog") == [
        D(7_000_000),
        D(6_000_000),
    ]


SHARES_IN_THOUSANDS = """<p>(In millions, except number of shares, which are reflected in thousands, and per share amounts)</p>
<table>
<tr><td></td><td>2024</td><td>2023</td></tr>
<tr><td>Net income</td><td>$ 33,916</td><td>$ 29,998</td></tr>
<tr><td>Shares used in computing earnings per share:</td><td></td><td></td></tr>
<tr><td style="padding-left:9pt">Basic</td><td>15,509,763</td><td>15,892,723</td></tr>
<tr><td>Earnings per share:</td><td></td><td></td></tr>
<tr><td style="padding-left:9pt">Basic</td><td>$ 2.19</td><td>$ 1.89</td></tr>
</table>"""


def test_weighted_shares_in_thousands_get_the_share_scale() -> None:
    (table,) = tables(SHARES_IN_THOUSANDS)
    shares, eps = (r for r in table.rows if r.label == "Basic")
    assert (
        shares.unit is Unit.SHARES
        and shares.section == "Shares used in computing earnings per share"
    )
    assert [c.value for c in shares.cells if c] == [D(15_509_763_000), D(15_892_723_000)]
    assert eps.unit is Unit.USD_PER_SHARE and [c.value for c in eps.cells if c] == [
        D("2.19"),
        D("1.89"),
    ]
    release = read(SHARES_IN_THOUSANDS.encode(), name="eps.htm")
    assert any(r.kind == "ratio" and r.holds for r in release.relations)


INDENTS = """<table>
<tr><td></td><td>2024</td><td>2023</td></tr>
<tr><td>Operating expenses:</td><td></td><td></td></tr>
<tr><td>&nbsp;&nbsp;&nbsp;&nbsp;Research</td><td>10</td><td>9</td></tr>
<tr><td><p style="margin-left:20pt;text-indent:-10pt">Selling</p></td><td>5</td><td>4</td></tr>
<tr><td><div style="padding-left:10pt">Other</div></td><td>1</td><td>1</td></tr>
<tr><td style="text-indent:20pt"><b>Total operating expenses</b></td><td><b>16</b></td><td><b>14</b></td></tr>
</table>"""


def test_indents_from_nbsp_margins_padding_and_text_indent() -> None:
    (table,) = tables(INDENTS)
    rows = {r.label: r for r in table.rows}
    assert rows["Operating expenses:"].kind is RowKind.HEADER
    assert rows["Research"].level == rows["Selling"].level == rows["Other"].level == 1
    assert rows["Total operating expenses"].level == 2
    assert all(rows[x].section == "Operating expenses" for x in ("Research", "Selling", "Other"))
    assert rows["Total operating expenses"].kind is RowKind.SUBTOTAL


BOLD_TOTAL = """<table>
<tr><td></td><td>Q1</td><td>Q2</td><td>Q3</td></tr>
<tr><td>Americas</td><td>10</td><td>20</td><td>30</td></tr>
<tr><td>Europe</td><td>5</td><td>6</td><td>7</td></tr>
<tr><td>Asia</td><td>1</td><td>2</td><td>3</td></tr>
<tr style="font-weight:bold"><td>All regions</td><td>16</td><td>28</td><td>40</td></tr>
</table>"""


def test_a_bold_row_closes_a_sum() -> None:
    (table,) = tables(BOLD_TOTAL)
    assert table.rows[-1].kind is RowKind.SUBTOTAL
    release = read(BOLD_TOTAL.encode(), name="bold.htm")
    assert [r.name for r in release.relations if r.holds] == ["All regions"]


DIVS = """<div style="display:table">
<div style="display:table-row"><div style="display:table-cell"></div>
<div style="display:table-cell">2024</div><div style="display:table-cell">2023</div></div>
<div style="display:table-row"><div style="display:table-cell">Revenue</div>
<div style="display:table-cell">120</div><div style="display:table-cell">100</div></div>
<div style="display:table-row"><div style="display:table-cell">Costs</div>
<div style="display:table-cell">(70)</div><div style="display:table-cell">(60)</div></div>
</div>"""


def test_tables_built_from_divs() -> None:
    (table,) = tables(DIVS)
    assert [c.period.year for c in table.columns if c.period] == [2024, 2023]
    assert values(table, "Costs") == [D(-70), D(-60)]


ROW_TABLES = """<table><tr><td width="60%"></td><td width="20%">2024</td><td width="20%">2023</td></tr></table>
<table><tr><td width="60%">Revenue</td><td width="20%">120</td><td width="20%">100</td></tr></table>
<table><tr><td width="60%">Costs</td><td width="20%">70</td><td width="20%">60</td></tr></table>
<table><tr><td width="60%" style="border-top:1px solid">Total</td>
<td width="20%" style="border-top:1px solid">190</td><td width="20%" style="border-top:1px solid">160</td></tr></table>"""


def test_one_table_per_row_is_one_table() -> None:
    (table,) = tables(ROW_TABLES)
    assert [r.label for r in table.rows] == ["Revenue", "Costs", "Total"]
    assert [c.period.year for c in table.columns if c.period] == [2024, 2023]
    assert table.rows[-1].rule_above is Rule.SINGLE


INLINE_XBRL = """<p>CONDENSED STATEMENT</p>
<table>
<tr><td></td><td>2024</td><td>2023</td></tr>
<tr><td>Revenue</td>
<td><ix:nonFraction name="us-gaap:Revenues" scale="6" decimals="-6" format="ixt:num-dot-decimal">1,234</ix:nonFraction></td>
<td><ix:nonFraction name="us-gaap:Revenues" scale="6" decimals="-6">1,100</ix:nonFraction></td></tr>
<tr><td>Other expense</td>
<td>(<ix:nonFraction name="x:Other" scale="6" sign="-">12</ix:nonFraction></td>
<td><ix:nonFraction name="x:Other" scale="6">9</ix:nonFraction></td></tr>
</table>"""


def test_inline_xbrl_scale_and_sign_are_used_as_hints() -> None:
    (table,) = tables(INLINE_XBRL)
    assert values(table, "Revenue") == [D(1_234_000_000), D(1_100_000_000)]
    other = table.rows[1].cells[0]
    assert other is not None and other.value == D(-12_000_000) and not other.ambiguous


def test_prose_paragraphs_with_positions() -> None:
    _, paragraphs = layout(STATEMENT)
    texts = [p.text for p in paragraphs]
    assert "HARBOR VALVE INC." in texts
    prose = next(p for p in paragraphs if p.text.startswith("Net sales were"))
    start = prose.text.index("$33.0 million")
    span = prose.span(start, start + len("$33.0 million"))
    assert span.offset is not None
    assert STATEMENT[span.offset : span.offset + 13] == "$33.0 million"
    assert STATEMENT.split("\n")[span.line - 1][span.start : span.end] == "$33.0 million"


ENTITIES = """<p>AT&amp;T&#146;s revenue was&nbsp;$1,234 million,
up 5&nbsp;percent &#151; a record.</p>"""


def test_paragraph_text_decodes_entities_and_maps_back_across_them() -> None:
    _, (para,) = layout(ENTITIES)
    assert para.text == "AT&T’s revenue was $1,234 million, up 5 percent — a record."
    start = para.text.index("$1,234")
    span = para.span(start, start + 6)
    assert ENTITIES[span.offset : span.offset + 6] == "$1,234"  # type: ignore[index]
    up = para.text.index("up 5")
    assert ENTITIES.split("\n")[para.span(up, up + 2).line - 1].startswith("up 5")


MARKUP_IN_FIGURE = """<p>Net revenues were <b>$</b><font style="font-size:2pt">&nbsp;</font><b>2.88&nbsp;billion</b> for the quarter and <b>$739&nbsp;
million</b> for the year.</p>"""


def test_a_span_covers_markup_inside_a_figure_and_stops_at_the_line_end() -> None:
    _, (para,) = layout(MARKUP_IN_FIGURE)
    line = MARKUP_IN_FIGURE.split("\n")[0]
    start = para.text.index("$ 2.88 billion")
    span = para.span(start, start + len("$ 2.88 billion"))
    printed = line[span.start : span.end]
    assert printed.startswith("$</b>") and printed.endswith("2.88&nbsp;billion")
    wrapped = para.text.index("$739 million")
    cut = para.span(wrapped, wrapped + len("$739 million"))
    assert cut.line == 1 and line[cut.start : cut.end].startswith("$739")  # "million": line 2
    assert cut.end <= len(line)


DOLLAR_ABOVE = """<table><tr><td></td><td>2024</td><td>2023</td></tr>
<tr><td>Net sales</td><td>$&nbsp;<font size="1">&nbsp;</font>
1,443</td><td>$
1,210</td></tr></table>"""


def test_a_figure_whose_dollar_sign_is_on_the_line_above_is_placed_on_its_digits() -> None:
    (table,) = tables(DOLLAR_ABOVE)
    lines = DOLLAR_ABOVE.split("\n")
    spans = [c.span for c in table.rows[0].cells if c is not None]
    assert [lines[s.line - 1][s.start : s.end] for s in spans] == ["1,443", "1,210"]


PRE = """<html><body><pre>
                      ACME CORP
                (In thousands)
                                  2024        2023
Net sales                     $ 33,006    $ 32,383
Cost of sales                   28,931      28,653
                              --------    --------
Gross profit                     4,075       3,730
</pre></body></html>"""


def test_preformatted_text_is_read_by_the_fixed_width_reader() -> None:
    (table,) = tables(PRE)
    assert table.scale == D(1000)
    assert values(table, "Gross profit") == [D(4075000), D(3730000)]
    cell = table.rows[0].cells[0]
    assert cell is not None and cell.span.offset is not None
    assert PRE[cell.span.offset :].startswith("$ 33,006")
    assert cell.span.line == 5


SUBMISSION = """<SEC-DOCUMENT>0000000000-24-000001.txt : 20240501
<SEC-HEADER>0000000000-24-000001.hdr.sgml : 20240501
ACCESSION NUMBER:\t\t0000000000-24-000001
CONFORMED SUBMISSION TYPE:\t8-K
FILED AS OF DATE:\t\t20240501
COMPANY CONFORMED NAME:\t\tHARBOR VALVE INC
</SEC-HEADER>
<DOCUMENT>
<TYPE>EX-99.1
<SEQUENCE>2
<FILENAME>ex991.htm
<TEXT>
{body}
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
"""


def test_an_html_exhibit_of_a_submission_keeps_file_positions() -> None:
    text = SUBMISSION.replace("{body}", STATEMENT)
    release = read(text.encode(), name="sub.txt")
    assert release.source.format == "submission"
    (table,) = release.tables
    assert table.exhibit == "EX-99.1"
    lines = text.split("\n")
    for row in table.rows:
        for cell in row.cells:
            if cell is not None:
                assert cell.span.offset is not None
                assert text[cell.span.offset :].startswith(cell.raw.rstrip(")").lstrip("$"))
                assert lines[cell.span.line - 1][cell.span.start :].startswith(
                    cell.raw.rstrip(")").lstrip("$")
                )


BILLION_ABOVE = """<p>Revenue for the quarter was $2.014 billion, up 30 percent, and the company expects
revenue of about $2.1 billion in the fourth quarter of fiscal 2004.</p>
<table>
<tr><td></td><td>2024</td><td>2023</td></tr>
<tr><td>Stores opened</td><td>12</td><td>9</td></tr>
</table>"""


def test_a_billion_in_the_prose_above_is_not_the_scale() -> None:
    (table,) = tables(BILLION_ABOVE)
    assert table.scale == D(1) and table.scale_text == ""
    assert values(table, "Stores opened") == [D(12), D(9)]


BULLETS = """<table>
<tr><td>&#8226;</td><td>Revenue between $46 billion and $48 billion</td></tr>
<tr><td>&#8226;</td><td>Gross margin between 38.5 percent and 39.5 percent</td></tr>
</table>
<table><tr><td>(1)</td><td>Includes share-based compensation of $142 million.</td></tr></table>"""


def test_tables_without_figures_are_prose() -> None:
    found, paragraphs = layout(BULLETS)
    assert found == []
    assert [p.text for p in paragraphs] == [
        "• Revenue between $46 billion and $48 billion",
        "• Gross margin between 38.5 percent and 39.5 percent",
        "(1) Includes share-based compensation of $142 million.",
    ]
    start = paragraphs[0].text.index("$46")
    span = paragraphs[0].span(start, start + 3)
    assert span.offset is not None and BULLETS[span.offset : span.offset + 3] == "$46"


REPEATED_HEADER = """<table>
<tr><td></td><td colspan="2">Q3 2024</td><td colspan="2">Q3 2023</td></tr>
<tr><td></td><td>Units</td><td>Revenue</td><td>Units</td><td>Revenue</td></tr>
<tr><td>Americas</td><td>361</td><td>881</td><td>452</td><td>831</td></tr>
<tr><td>Europe</td><td>187</td><td>449</td><td>144</td><td>297</td></tr>
<tr><td></td><td>Units</td><td>Revenue</td><td>Units</td><td>Revenue</td></tr>
<tr><td>Desktops</td><td>217</td><td>252</td><td>287</td><td>301</td></tr>
</table>"""


def test_a_second_header_lower_in_the_table_keeps_the_rows_above_it() -> None:
    first, second = tables(REPEATED_HEADER)
    assert (
        [c.label for c in first.columns]
        == [c.label for c in second.columns]
        == [
            "Q3 2024 Units",
            "Q3 2024 Revenue",
            "Q3 2023 Units",
            "Q3 2023 Revenue",
        ]
    )
    assert [r.label for r in second.rows] == ["Desktops"]


def test_a_dollar_sign_scale_note_above_the_table_scales_it() -> None:
    (table,) = tables(
        "<html><body><p><b>Segment Net Revenues</b></p><p><i>$ in millions</i></p>"
        "<table><tr><td></td><td>2021</td><td>2020</td></tr>"
        "<tr><td>Net revenues</td><td>$ 22,077</td><td>$ 15,543</td></tr></table></body></html>"
    )
    assert table.scale == 1_000_000 and table.scale_text == "$ in millions"
    assert values(table, "Net revenues") == [D(22_077_000_000), D(15_543_000_000)]


def test_a_footnote_the_title_marks_gives_the_scale() -> None:
    ratios, statement = tables(
        "<html><body><table>"
        "<tr><td>PROFITABILITY (a)</td><td></td><td></td></tr>"
        "<tr><td></td><td>4Q21</td><td>4Q20</td></tr>"
        "<tr><td>Efficiency ratio</td><td>62.3</td><td>57.8</td></tr>"
        "<tr><td>INCOME STATEMENT (b)</td><td></td><td></td></tr>"
        "<tr><td></td><td>4Q21</td><td>4Q20</td></tr>"
        "<tr><td>Net interest income</td><td>3,252</td><td>3,292</td></tr>"
        "<tr><td>(a) See Non-GAAP Financial Measures reconciliation</td><td></td><td></td></tr>"
        "<tr><td>(b) Dollars in millions, except per share data</td><td></td><td></td></tr>"
        "</table></body></html>"
    )
    assert ratios.scale == 1  # its mark (a) names no scale
    assert statement.scale == 1_000_000 and "(b) Dollars in millions" in statement.scale_text
    assert values(statement, "Net interest income")[0] == D(3_252_000_000)


def test_a_scale_note_heading_a_section_reaches_its_table_across_prose() -> None:
    intro = "The Corporation evaluates its business based on ratios that use tangible equity. " * 3
    (table,) = tables(
        "<html><body><p>Reconciliations to GAAP Financial Measures</p>"
        "<p>(Dollars in millions, except per share information)</p>"
        f"<p>{intro}</p>"
        "<table><tr><td></td><td>2021</td><td>2020</td></tr>"
        "<tr><td>Income before income taxes</td><td>33,976</td><td>18,995</td></tr></table>"
        f"<p>{intro}</p>"
        "<table><tr><td></td><td>2021</td><td>2020</td></tr>"
        "<tr><td>Headcount</td><td>208,248</td><td>212,505</td></tr></table>"
        "</body></html>"
    )[:1]
    assert table.scale == 1_000_000
    assert values(table, "Income before income taxes")[0] == D(33_976_000_000)


def test_a_scale_note_is_read_once_per_text_with_the_same_answer() -> None:
    # is_scale_note keeps its answers in a bounded cache: the same short lines stand
    # above table after table; a note is a note whether asked first or again
    import sys

    parts = sys.modules["tieout.readers.html.parts"]
    texts = ["(In millions, except per share amounts)", "Dollars in thousands", "Apple Inc.",
             "- more -", "(000's omitted)", "Revenue rose to $5 billion in millions of homes"
             " across the country, as the company said it would in its filing last year."
             " It also said that it had more to do"]  # fmt: skip
    expected = [len(t) <= parts._MAX_NOTE and bool(parts._SCALE_NOTE.search(t)) for t in texts]
    assert expected == [True, True, False, False, True, False]
    parts.is_scale_note.cache_clear()
    assert [parts.is_scale_note(t) for t in texts] == expected
    assert [parts.is_scale_note(t) for t in texts] == expected
    info = parts.is_scale_note.cache_info()
    assert info.hits == len(texts) and info.misses == len(texts) and info.maxsize == 4096
