"""The prose stage's parts on text written here: figures, sentences, periods, paragraphs."""

from __future__ import annotations

from decimal import Decimal

import pytest

from textdoc import document
from tieout.model import Unit
from tieout.prose.numbers import figures
from tieout.prose.periods import period_phrases
from tieout.prose.sentences import sentences
from tieout.readers.text.paragraphs import text_paragraphs
from tieout.readers.text.tables import text_drafts


@pytest.mark.parametrize(
    ("text", "value", "precision", "unit"),
    [
        ("net sales were $33,006,000.", "33006000", "1", Unit.USD),
        ("net sales were $33.0 million.", "33000000", "100000", Unit.USD),
        ("revenues were $1.2 billion.", "1200000000", "100000000", Unit.USD),
        ("a net loss of $156,000, or", "156000", "1", Unit.USD),
        ("a net loss of $(156,000), or", "-156000", "1", Unit.USD),
        ("or 3 cents per diluted common share, for", "0.03", "0.01", Unit.USD_PER_SHARE),
        ("or 27 cents a share, compared", "0.27", "0.01", Unit.USD_PER_SHARE),
        ("or $0.03 per diluted share.", "0.03", "0.01", Unit.USD_PER_SHARE),
        ("earnings of $1.47 billion, or 2.03 per share, in", "2.03", "0.01", Unit.USD_PER_SHARE),
        ("an increase of 2%.", "2", "1", Unit.PERCENT),
        ("up 12 percent from", "12", "1", Unit.PERCENT),
        ("sales fell -4.1% in", "-4.1", "0.1", Unit.PERCENT),
        ("a base of 216.5 million common equivalent shares", "216500000", "100000", Unit.SHARES),
    ],
)
def test_figures_in_prose(text: str, value: str, precision: str, unit: Unit) -> None:
    found = [f for f in figures(text) if f.unit is unit]
    assert len(found) == 1
    (figure,) = found
    assert figure.value == Decimal(value)
    assert figure.precision == Decimal(precision)
    assert (
        text[figure.start : figure.end].replace("(", "").startswith(("$", "2", "3", "1", "-", "0"))
    )


def test_a_range_of_per_share_amounts_shares_its_unit() -> None:
    text = "including $0.03 to $0.05 per share of negative carrying cost"
    assert [(f.value, f.unit) for f in figures(text)] == [
        (Decimal("0.03"), Unit.USD_PER_SHARE),
        (Decimal("0.05"), Unit.USD_PER_SHARE),
    ]


def test_dates_phones_addresses_sections_and_years_are_not_figures() -> None:
    text = (
        "NEW YORK, May 17, 2004-- On July 30, 2024, the company, at 100 Main Street, "
        "Suite 200, Portland, Maine 04101, telephone (212) 319-4657 or 1-866-499-4546, "
        "filed under Section 13(a) of the Securities Exchange Act of 1934 and Item 2.02 "
        "for the fiscal years 2003 and 2004, at 10:30 a.m. with a 56k modem."
    )
    assert figures(text) == []


def test_sentences_end_at_periods_not_at_abbreviations_or_decimals() -> None:
    text = (
        "Sears, Roebuck and Co. (NYSE: S) today reported net income of $53 million. "
        '"We were encouraged," said Chairman Alan J. Lacy. Revenues were $1.2 billion '
        "in the U.S. and Canada. - - A note follows."
    )
    parts = [text[a:b] for a, b in sentences(text)]
    assert parts == [
        "Sears, Roebuck and Co. (NYSE: S) today reported net income of $53 million.",
        '"We were encouraged," said Chairman Alan J. Lacy.',
        "Revenues were $1.2 billion in the U.S. and Canada.",
        "- - A note follows.",
    ]


@pytest.mark.parametrize(
    ("text", "months", "year", "ordinal", "relative"),
    [
        ("for the first quarter of 2004", 3, 2004, 1, None),
        ("for the first quarter ended March 31, 2004", 3, 2004, 1, None),
        ("for the 2004 second quarter", 3, 2004, 2, None),
        ("for the first six months of 2024", 6, 2024, None, None),
        ("for the 13 weeks ended July 3, 2004", 3, 2004, None, None),
        ("for the full year", 12, None, None, None),
        ("in the same period a year ago", None, None, None, -1),
        ("in the prior year", None, None, None, -1),
        ("for the quarter", 3, None, None, None),
        ("Q2 2024", 3, 2024, 2, None),
    ],
)
def test_period_phrases(
    text: str, months: int | None, year: int | None, ordinal: int | None, relative: int | None
) -> None:
    (phrase,) = period_phrases(text)
    assert (phrase.months, phrase.year, phrase.ordinal, phrase.relative) == (
        months,
        year,
        ordinal,
        relative,
    )


def test_year_to_date_and_bare_years() -> None:
    (ytd,) = period_phrases("year-to-date results")
    assert ytd.year_to_date
    (bare,) = period_phrases("increased 3.6 percent in 2004")
    assert bare.bare_year and bare.year == 2004
    assert period_phrases("NEW YORK, May 17, 2004-- Lexington") == []
    (listed,) = period_phrases("for the second quarters of 2024 and 2023, respectively")
    assert listed.years == (2024, 2023)


_DOC = """\
EXHIBIT 99.1

Globex reported net sales of $9,100,000 for the second
quarter of 2024, compared to $8,700,000 for the second
quarter of 2023.

Media Contact:    Ann Lee       555-0100
                  Bob Roe       555-0101

                              GLOBEX CORPORATION
                                (IN THOUSANDS)

                                         THREE MONTHS ENDED JUNE 30
                                         --------------------------
                                           2024            2023
                                           ----            ----

Net sales                                 9,100           8,700
Cost of sales                             6,000           5,900
                                        -------         -------
     Gross profit                         3,100           2,800

- - Excludes a gain of $1,000,000 in June 2024.
- - Includes a charge of $2,000,000.
"""


def test_text_paragraphs_are_the_lines_no_table_holds() -> None:
    doc = document(_DOC)
    paragraphs = text_paragraphs(doc, text_drafts(doc))
    texts = [p.text for p in paragraphs]
    assert texts[0] == "EXHIBIT 99.1"
    assert texts[1] == (
        "Globex reported net sales of $9,100,000 for the second quarter of 2024, "
        "compared to $8,700,000 for the second quarter of 2023."
    )
    assert not any("Ann Lee" in t for t in texts)  # laid out in columns: not prose
    assert not any("9,100 " in t or "Gross profit" in t for t in texts)
    assert texts[-2:] == [
        "- - Excludes a gain of $1,000,000 in June 2024.",
        "- - Includes a charge of $2,000,000.",
    ]  # a bullet opens a paragraph of its own


def test_a_paragraph_maps_its_text_back_to_source_lines_and_columns() -> None:
    doc = document(_DOC)
    para = text_paragraphs(doc, text_drafts(doc))[1]
    at = para.text.index("$8,700,000")
    span = para.span(at, at + len("$8,700,000"))
    assert (span.line, span.start, span.end) == (4, 29, 39)
    assert doc.lines[span.line - 1][span.start : span.end] == "$8,700,000"
