"""A row named by a metric and a name its sentence prints apart from it.

The release here is fictional and written for these tests. "Initrode Reports Full Year
2024 Net Income of $21.5 billion" names the row "Initrode net income": the company's
name is in the sentence (after its dateline), not next to the metric. Such a row is named firmly, so a wrong
figure contradicts it. A capitalized first word of a sentence is no such name:
"Average and period-end loans increased ..." does not name the row "Average loans".
"""

from __future__ import annotations

from release_views import edited
from tieout.model import ClaimStatus, Release, Severity

TIED = (ClaimStatus.TIES, ClaimStatus.ROUNDING)

INITRODE = """\
News Release | January 14, 2025
Initrode Reports Fourth Quarter 2024 Net Income of $5.8 billion
Full Year 2024 Net Income of $21.5 billion

AUSTIN, Texas -- Initrode Corporation today reported results for the fourth quarter
and full year of 2024.

Average and period-end loans increased $7.0 billion and $9.0 billion, respectively.




                              INITRODE CORPORATION
                            SELECTED FINANCIAL DATA
                            (DOLLARS IN MILLIONS)

                                       QUARTER ENDED           YEAR ENDED
                                        DECEMBER 31,          DECEMBER 31,
                                      2024       2023       2024       2023
                                      ----       ----       ----       ----

Total revenue                       20,856     18,489     78,492     74,264
Initrode net income                  5,750      3,091     21,548     17,742
Average loans                      875,000    868,000    870,000    863,000




                              INITRODE CORPORATION
                        CONSOLIDATED STATEMENT OF INCOME
                            (DOLLARS IN MILLIONS)

                                                  QUARTER ENDED DECEMBER 31,
                                                    2024            2023
                                                    ----            ----

Total revenue                                     20,856          18,489
Net income                                         5,750           3,091
Loans                                            895,000         886,000
"""


def release(old: str = "", new: str = "") -> Release:
    """The fictional release, with ``old`` (found once) replaced by ``new``."""
    return edited(INITRODE, "initrode.txt", old, new)


def test_the_release_ties_as_written() -> None:
    r = release()
    for text in ("$5.8 billion", "$21.5 billion", "$7.0 billion"):
        (claim,) = [c for c in r.claims if c.text == text]
        assert claim.status in TIED, text
    assert [f for f in r.findings if f.severity is not Severity.INFO] == []


def test_a_wrong_figure_contradicts_the_row_named_with_the_company() -> None:
    r = release("$21.5 billion", "$25.5 billion")
    (claim,) = [c for c in r.claims if c.text == "$25.5 billion"]
    assert claim.status is ClaimStatus.CONTRADICTS
    assert r.row(claim.tied_to[0].table, claim.tied_to[0].row).label == "Initrode net income"
    assert [(f.line, f.code, f.severity) for f in r.errors] == [
        (3, "claim-mismatch", Severity.ERROR)
    ]


def test_a_sentences_first_word_names_no_row() -> None:
    r = release("$7.0 billion", "$5.0 billion")  # "Average ... loans": not a name apart
    assert r.errors == ()
