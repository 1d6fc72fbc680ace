"""One assembler: the same table printed as fixed-width text and as HTML means the same.

Pelican Power Co is fictional. Its statement and its kilowatt-hour table are written
twice, once as an EDGAR plain-text exhibit and once as an HTML exhibit a filing agent
might make of it; the two readers see different things (characters and rule lines,
cells, indents in points and borders), give drafts, and the one assembler must make
identical tables of both: titles, scales, periods, segments, column units, levels,
sections, kinds, units, concepts and values.
"""

from __future__ import annotations

import textwrap
from typing import Any

from tieout.model import Document, RowKind, Source, Table, Unit
from tieout.readers.html import html_drafts
from tieout.readers.text.tables import text_drafts
from tieout.tables.assemble import assemble
from tieout.tables.drafts import TableDraft

TEXT = """
                     PELICAN POWER CO AND SUBSIDIARIES
                        STATEMENTS OF OPERATIONS BY SEGMENT
            For the Thirteen Weeks Ended July 3, 2024 and June 28, 2023
                               (In thousands)

                                Domestic     Domestic     Canada       Canada
                                  2024         2023        2024         2023
                                --------     --------     --------     --------
Net sales:
- Products                      $ 12,400     $ 11,900     $  3,100     $  2,950
- Services                         2,600        2,500          900          850
                                --------     --------     --------     --------
Total net sales                   15,000       14,400        4,000        3,800
Cost of sales                      9,000        8,800        2,500        2,400
                                --------     --------     --------     --------
Gross profit                       6,000        5,600        1,500        1,400
                                ========     ========     ========     ========
Gross margin %                     40.0%        38.9%        37.5%        36.8%



                 KILOWATT-HOUR SALES OF PELICAN POWER
                      (In millions of KWHs)
                                  2024         2023       % Chg
Residential                        1,200        1,150       4.3%
Commercial                           800          790       1.3%
                                --------     --------     --------
Total sales                        2,000        1,940       3.1%
"""

_CELL = 'style="text-align:right"'
_RULE = "border-bottom:1px solid #000"
_DOUBLE = "border-bottom:3px double #000"


def _row(label: str, cells: list[str], *, indent: int = 0, under: str = "") -> str:
    style = f' style="{under}"' if under else ""
    tds = "".join(f"<td {_CELL}>{c}</td>" if not under else f"<td{style}>{c}</td>" for c in cells)
    return f'<tr><td style="padding-left:{indent}pt">{label}</td>{tds}</tr>'


HTML = f"""<html><body>
<p align="center">PELICAN POWER CO AND SUBSIDIARIES</p>
<p align="center">STATEMENTS OF OPERATIONS BY SEGMENT</p>
<p align="center">For the Thirteen Weeks Ended July 3, 2024 and June 28, 2023</p>
<p align="center">(In thousands)</p>
<table>
<tr><td></td><td>Domestic</td><td>Domestic</td><td>Canada</td><td>Canada</td></tr>
<tr><td></td><td>2024</td><td>2023</td><td>2024</td><td>2023</td></tr>
<tr><td>Net sales:</td><td></td><td></td><td></td><td></td></tr>
{_row("- Products", ["$ 12,400", "$ 11,900", "$ 3,100", "$ 2,950"])}
<tr><td>- Services</td><td style="{_RULE}">2,600</td><td style="{_RULE}">2,500</td>
<td style="{_RULE}">900</td><td style="{_RULE}">850</td></tr>
{_row("Total net sales", ["15,000", "14,400", "4,000", "3,800"])}
<tr><td>Cost of sales</td><td style="{_RULE}">9,000</td><td style="{_RULE}">8,800</td>
<td style="{_RULE}">2,500</td><td style="{_RULE}">2,400</td></tr>
<tr><td>Gross profit</td><td style="{_DOUBLE}">6,000</td><td style="{_DOUBLE}">5,600</td>
<td style="{_DOUBLE}">1,500</td><td style="{_DOUBLE}">1,400</td></tr>
{_row("Gross margin %", ["40.0%", "38.9%", "37.5%", "36.8%"])}
</table>
<p>Pelican Power sells electricity in two countries and reports it in this release.</p>
<p align="center">KILOWATT-HOUR SALES OF PELICAN POWER</p>
<p align="center">(In millions of KWHs)</p>
<table>
<tr><td></td><td>2024</td><td>2023</td><td>% Chg</td></tr>
{_row("Residential", ["1,200", "1,150", "4.3%"])}
<tr><td>Commercial</td><td style="{_RULE}">800</td><td style="{_RULE}">790</td>
<td style="{_RULE}">1.3%</td></tr>
{_row("Total sales", ["2,000", "1,940", "3.1%"])}
</table>
</body></html>"""


def _text_document() -> Document:
    lines = tuple(textwrap.dedent(TEXT).strip("\n").split("\n"))
    return Document.of_lines(Source("pelican.txt", "0" * 64, len(TEXT), "text"), lines, 1)


def _html_document() -> Document:
    return Document(Source("pelican.htm", "0" * 64, len(HTML), "html"), HTML, 1, "html")


def _outline(table: Table) -> dict[str, Any]:
    return {
        "title": table.title,
        "scale": (table.scale, table.scale_text),
        "columns": [
            (c.label, c.period.key if c.period else None, c.segment, c.unit, c.change)
            for c in table.columns
        ],
        "rows": [
            (
                r.label, r.level, r.kind, r.unit, r.concept, r.section,
                tuple(c.value if c else None for c in r.cells),
            )
            for r in table.rows
        ],
    }  # fmt: skip


def _both() -> tuple[list[TableDraft], list[TableDraft]]:
    return text_drafts(_text_document()), html_drafts(_html_document())[0]


def test_both_readers_give_drafts_of_the_two_tables() -> None:
    text, html = _both()
    assert [d.format for d in text] == ["text", "text"]
    assert [d.format for d in html] == ["html", "html"]
    assert [len(d.rows) for d in text] == [len(d.rows) for d in html] == [7, 3]


def test_the_assembler_makes_the_same_tables_of_text_and_html() -> None:
    text, html = (assemble(d) for d in _both())
    assert [_outline(t) for t in text] == [_outline(t) for t in html]


def test_what_the_assembler_reads_is_what_the_print_means() -> None:
    statement, kwh = assemble(_both()[1])
    assert statement.scale == 1000 and "(In thousands)" in statement.scale_text
    # the title dates columns headed only by a segment and a year
    first = statement.columns[0]
    assert first.segment == "Domestic" and first.period is not None
    assert first.period.months == 3 and str(first.period.end) == "2024-07-03"
    rows = {r.label: r for r in statement.rows}
    # dashed items flush with their head are in its section; the total is out of it
    assert rows["- Products"].section == "Net sales"
    assert rows["Total net sales"].kind is RowKind.TOTAL and rows["Total net sales"].concept
    assert rows["Gross profit"].concept == "GrossProfit"
    assert rows["Total net sales"].cells[0] is not None
    assert rows["Total net sales"].cells[0].value == 15_000_000
    assert rows["Gross margin %"].unit is Unit.PERCENT and rows["Gross margin %"].section is None
    # kilowatt-hours are counted, never revenue, and the % Chg column is a change column
    total = next(r for r in kwh.rows if r.label == "Total sales")
    assert total.unit is Unit.PURE and total.concept is None
    assert kwh.columns[2].change and kwh.columns[2].unit is Unit.PERCENT


CHANGES = """
OSPREY BANK CORP
SELECTED BALANCE SHEET DATA (period-end)
(in millions)
                              Period-end                     Change from
                      Dec 31,       Sep 30,       Dec 31,     Sep 30,     Dec 31,
                       2021          2021          2020        2021        2020
Total assets        3,743,567     3,757,576     3,384,757         --%        11%
Loans               1,077,714     1,044,615     1,012,853          3           6
Deposits            2,462,303     2,402,353     2,144,257          2          15
Headcount             271,025       265,790       255,351          2           6
"""


def test_a_change_column_printing_its_percent_once_at_the_top_is_of_percents() -> None:
    from tieout.pipeline import analyse

    doc = Document.of_lines(
        Source("osprey.txt", "0" * 64, len(CHANGES), "text"),
        tuple(textwrap.dedent(CHANGES).strip("\n").split("\n")),
        1,
    )
    (table,) = assemble(text_drafts(doc))
    assert [c.unit for c in table.columns[3:]] == [Unit.PERCENT, Unit.PERCENT]
    assets = table.rows[0]
    assert assets.unit is Unit.USD and assets.cells[0] is not None
    assert assets.cells[0].value == 3_743_567_000_000  # the row's amounts keep their scale
    loans = table.rows[1]
    assert loans.cells[4] is not None and loans.cells[4].value == 6  # a percent, not $6 million
    release = analyse(doc.source, [doc])
    changes = [r for r in release.relations if r.kind == "percent-change"]
    assert len(changes) >= 3 and all(r.holds for r in changes)
    assert not release.errors


RATIOS = """
OSPREY BANK CORP
FINANCIAL HIGHLIGHTS
(In millions, except per share data)
                                                      Three Months Ended
                                                  Dec 31, 2021    Dec 31, 2020
Net income                                           $   530        $   450
Diluted earnings per share                           $  1.17        $  0.99
Return on average common equity                        12.23          10.90
Efficiency ratio                                        58.71          59.55
Allowance for credit losses to nonaccrual loans           276            262
Net interest margin                                     2.66           2.75
Effect of exchange rate changes on cash                   (16)           (12)
Foreign exchange rate (quarterly average)             0.7353         0.7109
"""


def test_rates_ratios_and_returns_are_percents_whatever_the_scale_says() -> None:
    doc = Document.of_lines(
        Source("osprey.txt", "0" * 64, len(RATIOS), "text"),
        tuple(textwrap.dedent(RATIOS).strip("\n").split("\n")),
        1,
    )
    (table,) = assemble(text_drafts(doc))
    units = {r.label: r.unit for r in table.rows}
    assert units["Net income"] is Unit.USD
    assert units["Diluted earnings per share"] is Unit.USD_PER_SHARE
    for label in (
        "Return on average common equity",  # not cents "except per share"
        "Efficiency ratio",
        "Allowance for credit losses to nonaccrual loans",  # one balance to another
        "Net interest margin",
    ):
        assert units[label] is Unit.PERCENT, label
    # an amount that names a rate, and an exchange rate, are not percents
    assert units["Effect of exchange rate changes on cash"] is Unit.USD
    assert units["Foreign exchange rate (quarterly average)"] is Unit.PURE
    fx = next(r for r in table.rows if r.label.startswith("Effect of exchange"))
    assert fx.cells[0] is not None and fx.cells[0].value == -16_000_000
