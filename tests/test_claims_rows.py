"""Which row a prose figure names, before its value is looked at: fictional releases.

A row printed under a segment's head and named by its own label ("Consumer banking"
under "Consumer & Wealth Management") is the row a claim of that label means, though the
claim names no segment: a wrong figure of it contradicts it instead of being left
untied because the claim "names no segment". A label printed under several segments
or in the consolidated tables too ("Commercial lending") is not one segment's own: a claim of it
that names no segment is the consolidated figure's.

Three or more tables under one title over the same periods, sharing their rows and not
their figures ("Selected Financial Information" after each segment's paragraph), are
parts' statements though no part is named in them: a claim that names no part means the
consolidated row (a wrong figure contradicts it), and a part's row that ties is another
reading (the claim is ambiguous, not wrong). A row that adds the company's name to the
label named ("Globex net income") is a row the words may mean.
"""

from __future__ import annotations

from release_views import claim_status, errors
from tieout.model import ClaimStatus
from tieout.pipeline import read

TIED = (ClaimStatus.TIES, ClaimStatus.ROUNDING)

ACME = """\
ACME GROUP REPORTS FOURTH QUARTER 2025 RESULTS

NEW YORK -- Acme Group today reported results for the fourth quarter of 2025.

Net revenues in Consumer banking were $376 million, 8% higher than the fourth quarter \
of 2024, reflecting higher credit card balances. Commercial lending revenues were $450 million.



                                ACME GROUP
                        SEGMENT NET REVENUES (UNAUDITED)
                              ($ IN MILLIONS)

                                         THREE MONTHS ENDED
                                   DECEMBER 31,        DECEMBER 31,
                                       2025                2024
                                   ------------        ------------
INVESTMENT BANKING
  Financial advisory                   1,631               1,091
  Underwriting                         1,823               1,491
  Corporate lending                      150                 150
                                   ------------        ------------
  Net revenues                         3,604               2,732
                                   ------------        ------------
CONSUMER & WEALTH MANAGEMENT
  Wealth management                    1,324               1,153
  Consumer banking                       376                 347
  Commercial lending                     300                 300
                                   ------------        ------------
  Net revenues                         2,000               1,800
                                   ------------        ------------
Total net revenues                     5,604               4,532
                                   ============        ============



                                ACME GROUP
                          REVENUES BY PRODUCT (UNAUDITED)
                              ($ IN MILLIONS)

                                         THREE MONTHS ENDED
                                   DECEMBER 31,        DECEMBER 31,
                                       2025                2024
                                   ------------        ------------
Advisory and underwriting              3,454               2,582
Commercial lending                       450                 450
Wealth and consumer                    1,700               1,500
                                   ------------        ------------
Total net revenues                     5,604               4,532
                                   ============        ============
"""


def test_a_segments_row_named_by_its_own_label_ties() -> None:
    release = read(ACME.encode(), name="acme.txt")
    assert claim_status(release, "$376 million") in TIED
    assert claim_status(release, "8%") in TIED
    assert not errors(release)


def test_a_wrong_change_of_a_segments_row_named_by_its_label_contradicts() -> None:
    release = read(ACME.replace("8% higher", "5% higher").encode(), name="acme.txt")
    assert claim_status(release, "5%") is ClaimStatus.CONTRADICTS
    assert [m for m in errors(release) if "goes 347 -> 376" in m and "rounds to +8%" in m]


def test_a_wrong_amount_of_a_segments_row_named_by_its_label_contradicts() -> None:
    release = read(ACME.replace("$376 million", "$316 million").encode(), name="acme.txt")
    assert claim_status(release, "$316 million") is ClaimStatus.CONTRADICTS
    assert [m for m in errors(release) if "Consumer banking" in m and "printed 376" in m]


def test_a_label_printed_in_a_segment_and_consolidated_is_the_consolidated_figure() -> None:
    release = read(ACME.encode(), name="acme.txt")
    assert claim_status(release, "$450 million") in TIED
    assert not errors(release)
    wrong = read(ACME.replace("$450 million", "$480 million").encode(), name="acme.txt")
    assert claim_status(wrong, "$480 million") is ClaimStatus.CONTRADICTS  # not the segment's 300
    assert [m for m in errors(wrong) if "Commercial lending" in m and "printed 450" in m]


def _html_table(head: tuple[str, ...], rows: list[tuple[str, tuple[str, ...]]]) -> str:
    cells = "".join(f"<td>{h}</td>" for h in head)
    body = "".join(
        f"<tr><td>{label}</td>" + "".join(f"<td>{v}</td>" for v in values) + "</tr>"
        for label, values in rows
    )
    return f"<table><tr><td></td>{cells}</tr>{body}</table>"


def _part(name: str, revenue: tuple[str, ...], income: tuple[str, ...], title: str = "") -> str:
    quarters = (
        "Quarter ended Dec 31, 2025",
        "Quarter ended Sep 30, 2025",
        "Quarter ended Dec 31, 2024",
    )
    return (
        f"<p>{name} serves its clients.</p><p><b>Selected Financial Information</b></p>"
        "<p>($ in millions)</p>"
        + _html_table(
            quarters,
            [
                ("Total revenue", revenue),
                ("Noninterest expense", ("1,000", "900", "800")),
                ("Net income", income),
            ],
        )
    )


GLOBEX = (
    "<html><body><p><b>Globex Bancorp Reports Fourth Quarter 2025 Net Income of $5.8 billion"
    "</b></p><p>Full Year 2025 Net Income of $21.5 billion</p>"
    "<p>SPRINGFIELD -- Globex Bancorp today reported results for the fourth quarter of 2025.</p>"
    "<p><b>Company-wide Financial Summary</b></p><p>($ in millions)</p>"
    + _html_table(
        ("Quarter ended Dec 31, 2025", "Quarter ended Dec 31, 2024"),
        [("Total revenue", ("20,856", "18,489")), ("Net income", ("5,750", "3,091"))],
    )
    + "<p><b>Selected Company-wide Financial Information</b></p><p>($ in millions)</p>"
    + _html_table(
        ("Quarter ended Dec 31, 2025", "Year ended Dec 31, 2025", "Year ended Dec 31, 2024"),
        [("Globex net income", ("5,750", "21,548", "18,700"))],
    )
    + _part("Consumer Banking", ("9,000", "8,800", "8,700"), ("2,900", "2,600", "1,700"))
    + _part("Commercial Banking", ("2,284", "2,076", "2,253"), ("954", "759", "472"))
    + _part("Corporate", ("3,120", "1,325", "1,462"), ("1,896", "1,763", "919"))
    + "<ul><li>Revenue increased 113%</li></ul></body></html>"
)


def test_parts_statements_leave_the_consolidated_figure_named() -> None:
    release = read(GLOBEX.encode(), name="globex.htm")
    assert claim_status(release, "$5.8 billion") in TIED
    assert claim_status(release, "$21.5 billion") in TIED  # "Globex net income", the year
    # printed under Corporate's statement: Corporate's 1,462 -> 3,120 (prose.commentary)
    assert claim_status(release, "113%") in TIED
    assert not errors(release)
    wrong = read(GLOBEX.replace("$5.8 billion", "$5.0 billion").encode(), name="globex.htm")
    assert claim_status(wrong, "$5.0 billion") is ClaimStatus.CONTRADICTS  # not a part's figure
    assert [m for m in errors(wrong) if "printed 5,750" in m]


def test_parts_statements_titled_by_names_not_read_as_segments() -> None:
    """Three tables alike under three titles none of which is read as a segment's name."""
    text = GLOBEX
    for name in ("Consumer Banking", "Commercial Banking", "Corporate"):
        text = text.replace(
            f"<p>{name} serves its clients.</p><p><b>Selected Financial Information</b></p>",
            f"<p>{name} serves its clients.</p><p><b>{name} Results</b></p>",
        )
    assert "Selected Financial Information</b>" not in text
    release = read(text.encode(), name="globex.htm")
    assert claim_status(release, "$5.8 billion") in TIED
    assert not errors(release)
    wrong = read(text.replace("$5.8 billion", "$5.0 billion").encode(), name="globex.htm")
    assert claim_status(wrong, "$5.0 billion") is ClaimStatus.CONTRADICTS
