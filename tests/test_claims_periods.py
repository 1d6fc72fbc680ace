"""The period a prose figure speaks of, and the columns of that period: fictional releases.

A quarter's column is the fiscal quarter its end date gives (a quarter ending in
September of a year ending in December is the third, whatever else its header says), so
a claim of the fourth quarter names one figure even where the tables print the linked
quarter beside it, and a wrong figure contradicts it. A period phrase belongs to the
figures it leads into: a headline run together from two lines ("Fourth Quarter ... $1.38
per Diluted Share Full Year 2025 Net Income of $21.5 billion") gives the second figure
the year. Where no column is of a year, a half year's or nine months' column says when
the year ends. A dash (nothing from discontinued operations) is no finer print of the figure
a claim names than the figures printed beside it.
"""

from __future__ import annotations

from tieout.model import ClaimStatus, Release, Severity
from tieout.pipeline import read

TIED = (ClaimStatus.TIES, ClaimStatus.ROUNDING)

GLOBEX = """\
GLOBEX BANCORP REPORTS FOURTH QUARTER 2025 RESULTS

Globex Bancorp Reports Fourth Quarter 2025 Net Income of $5.8 billion, or $1.38 per \
Diluted Share Full Year 2025 Net Income of $21.5 billion, or $4.95 per Diluted Share

SPRINGFIELD -- Globex Bancorp today reported results for the fourth quarter of 2025.

Fourth quarter diluted earnings per share were $1.38.



                              GLOBEX BANCORP
                    SELECTED FINANCIAL INFORMATION
                  (IN MILLIONS, EXCEPT PER SHARE AMOUNTS)

                        Quarter ended   Quarter ended   Quarter ended     Year ended     Year ended
                         Dec 31, 2025    Sep 30, 2025    Dec 31, 2024   Dec 31, 2025   Dec 31, 2024
                        -------------   -------------   -------------   ------------   ------------

Total revenue                 20,856          18,834          18,489         78,492         72,340
Noninterest expense           13,198          13,303          14,802         53,831         57,630
Net income                     5,750           5,122           3,091         21,548         18,700
Diluted earnings per
  common share                  1.38            1.17            0.66           4.95           4.10
"""

HOOLI = """\
HOOLI FINANCIAL REPORTS SECOND QUARTER 2025 RESULTS

The effective tax rate was 16.1% for the second quarter of 2025.



                              HOOLI FINANCIAL
                     CONSOLIDATED FINANCIAL HIGHLIGHTS
                  (IN MILLIONS, EXCEPT PER SHARE AMOUNTS)

                          Three months ended                 Six months ended
                  June 30      March 31      June 30       June 30      June 30
                     2025          2025         2024          2025         2024
                  -------      --------      -------       -------      -------

Net income          1,500         1,400        1,200         2,900        2,300
Effective tax rate   16.1%         16.9%        17.5%         16.5%        17.2%
"""

VANDELAY = """\
VANDELAY INDUSTRIES REPORTS FOURTH QUARTER 2025 RESULTS

Fourth quarter net income was $1.5 billion, $3.26 diluted EPS.



                            VANDELAY INDUSTRIES
                           SUMMARY OF EARNINGS
                  (IN MILLIONS, EXCEPT PER SHARE AMOUNTS)

                                                    FOURTH QUARTER
                                                 --------------------
                                                   2025        2024
                                                   ----        ----

Net income                                        1,456       1,381
Diluted earnings per common share
  from continuing operations                       3.26        2.97
Diluted earnings per common share
  from discontinued operations                        -           -
Diluted earnings per common share                  3.26        2.97
"""


def _claim(release: Release, text: str, sentence: str = ""):  # type: ignore[no-untyped-def]
    found = [c for c in release.claims if c.text == text and sentence in c.sentence]
    assert len(found) == 1, [(c.text, c.sentence) for c in release.claims]
    return found[0]


def _columns(release: Release, claim) -> list[str]:  # type: ignore[no-untyped-def]
    """The columns a claim is tied to, by their heads' last words ("Quarter ended ...")."""
    out = []
    for ref in claim.tied_to:
        label = release.tables[ref.table].columns[ref.column].label
        out.append(label[label.find("Year" if "Year" in label else "Quarter") :])
    return out


def test_a_quarter_claim_ties_the_column_its_end_date_makes_that_quarter() -> None:
    release = read(GLOBEX.encode(), name="globex.txt")
    claim = _claim(release, "$1.38", "Fourth quarter diluted")
    assert claim.status in TIED
    assert _columns(release, claim) == ["Quarter ended Dec 31, 2025"]


def test_a_wrong_quarter_figure_contradicts_though_the_linked_quarter_is_printed() -> None:
    text = GLOBEX.replace("share were $1.38.", "share were $1.30.")
    release = read(text.encode(), name="globex.txt")
    claim = _claim(release, "$1.30", "Fourth quarter diluted")
    assert claim.status is ClaimStatus.CONTRADICTS  # not 1.17 of the quarter to Sep 30
    assert _columns(release, claim) == ["Quarter ended Dec 31, 2025"]
    errors = [f for f in release.findings if f.severity is Severity.ERROR]
    assert [f.code for f in errors] == ["claim-mismatch"]
    assert "is printed 1.38; off by $0.08" in errors[0].message


def test_a_headline_run_together_gives_each_figure_its_own_period() -> None:
    release = read(GLOBEX.encode(), name="globex.txt")
    quarter = _claim(release, "$1.38 per Diluted Share")
    year = _claim(release, "$4.95 per Diluted Share")
    assert quarter.status in TIED and year.status in TIED
    assert _columns(release, quarter) == ["Quarter ended Dec 31, 2025"]
    assert _columns(release, year) == ["Year ended Dec 31, 2025"]
    assert year.period is not None and year.period.months == 12
    assert not [f for f in release.findings if f.severity is Severity.ERROR]


def test_a_wrong_year_figure_of_the_headline_contradicts_the_year() -> None:
    text = GLOBEX.replace("$4.95 per Diluted Share", "$4.35 per Diluted Share")
    release = read(text.encode(), name="globex.txt")
    year = _claim(release, "$4.35 per Diluted Share")
    assert year.status is ClaimStatus.CONTRADICTS
    assert _columns(release, year) == ["Year ended Dec 31, 2025"]


def test_the_year_a_half_year_column_begins_makes_a_quarter_column_the_first() -> None:
    """Six months ended June 30: the year ends in December, so March 31 ends the first quarter."""
    release = read(HOOLI.encode(), name="hooli.txt")
    assert _claim(release, "16.1%").status in TIED
    wrong = read(HOOLI.replace("was 16.1%", "was 16.6%").encode(), name="hooli.txt")
    claim = _claim(wrong, "16.6%")
    assert claim.status is ClaimStatus.CONTRADICTS  # not 16.9% of the quarter to March 31
    assert [wrong.tables[r.table].columns[r.column].period for r in claim.tied_to] == [
        wrong.tables[0].columns[0].period
    ]


def test_a_dash_of_discontinued_operations_is_not_the_figure_a_claim_names() -> None:
    release = read(VANDELAY.encode(), name="vandelay.txt")
    claim = _claim(release, "$3.26")
    assert claim.status in TIED
    assert not [f for f in release.findings if f.severity is Severity.ERROR]
    wrong = read(VANDELAY.replace("$3.26 diluted", "$3.86 diluted").encode(), name="v.txt")
    assert _claim(wrong, "$3.86").status is ClaimStatus.CONTRADICTS
