"""A claim's scale word against the tables: the digits right, the word wrong.

The release here is fictional and written for these tests. "$16.5 million" of a row
printed 16,452 in millions ties nothing at its printed scale; its digits tie the row its
words name at another power of 1,000, so the scale word is what is wrong: a
contradiction of that row. Not where the table's own scale may be the one misread (a
row under a head of its own scale, or a table no other claim ties as printed), and no
change below the cells' rounding unit ties a change of cells in millions.
"""

from __future__ import annotations

import pytest

from release_views import alarms, edited
from tieout.model import ClaimStatus, Release, Severity

TIED = (ClaimStatus.TIES, ClaimStatus.ROUNDING)

CHOTCHKIES = """\
CHOTCHKIE'S REPORTS FIRST QUARTER 2024 RESULTS

DALLAS, Texas -- Chotchkie's Inc. today reported results for its first quarter of 2024.
Revenue of $16.5 billion increased 9 percent in the first quarter of 2024.
Net income was $2.21 billion in the first quarter of 2024.
Operating expenses were flat at $3,100 million in the first quarter of 2024.
Loans increased $1.3 billion in the first quarter of 2024.
Cash and equivalents were $5.3 billion at March 31, 2024.

About Chotchkie's: a restaurant company with approximately $194.3 billion in assets.
Chotchkie's holds approximately $88.4 billion in deposits.




                              CHOTCHKIE'S INC.
                            FINANCIAL HIGHLIGHTS
                            (DOLLARS IN MILLIONS)

                                              THREE MONTHS ENDED MARCH 31,
                                              ----------------------------
                                                  2024            2023
                                                  ----            ----

Revenue                                        $ 16,452        $ 15,100
Operating expenses                                3,100           3,100
Net income                                        2,210           1,900
Average loans                                    41,300          40,000




                              CHOTCHKIE'S INC.
                         SELECTED BALANCE SHEET DATA
                            (DOLLARS IN MILLIONS)

                                                MARCH 31,     DECEMBER 31,
                                                  2024            2023
                                                  ----            ----

Cash and equivalents                           $  5,321        $  4,870
Loans                                            42,000          40,000

Balance Sheet Data ($ in billions)
Assets                                            194.3           190.1




                              CHOTCHKIE'S INC.
                               DEPOSIT BALANCES
                            (DOLLARS IN MILLIONS)

                                                MARCH 31,     DECEMBER 31,
                                                  2024            2023
                                                  ----            ----

Deposits                                       $ 88,410        $ 86,000
"""


def release(old: str = "", new: str = "") -> Release:
    """The fictional release, with ``old`` (found once) replaced by ``new``."""
    return edited(CHOTCHKIES, "chotchkies.txt", old, new)


def claim_status(r: Release, text: str) -> ClaimStatus:
    (claim,) = [c for c in r.claims if c.text == text]
    return claim.status


def test_the_release_ties_as_written() -> None:
    r = release()
    tied = (
        "$16.5 billion",
        "$2.21 billion",
        "$3,100 million",
        "$1.3 billion",
        "$5.3 billion",
        "$88.4 billion",
    )
    for text in tied:
        assert claim_status(r, text) in TIED, text
    # a row under a head of its own scale (in billions, in a table in millions): the
    # digits tie it only at another scale, but the table's scale is the one misread
    assert claim_status(r, "$194.3 billion") is ClaimStatus.UNTIED
    assert alarms(r) == []


@pytest.mark.parametrize(
    ("old", "new", "line", "how"),
    [
        ("$16.5 billion", "$16.5 million", 4, "a thousand times the amount stated"),
        ("$2.21 billion", "$2.21 thousand", 5, "a million times the amount stated"),
        ("$3,100 million", "$3,100 billion", 6, "a thousandth of the amount stated"),
    ],
)
def test_a_wrong_scale_word_contradicts_the_row_its_words_name(
    old: str, new: str, line: int, how: str
) -> None:
    r = release(old, new)
    assert claim_status(r, new) is ClaimStatus.CONTRADICTS
    assert alarms(r) == [(line, "claim-mismatch", Severity.ERROR)]
    (message,) = [f.message for f in r.findings if f.code == "claim-mismatch"]
    assert how in message and "the scale word does not" in message


def test_a_wrong_scale_word_of_a_row_the_words_only_suggest_is_a_warning() -> None:
    r = release("$1.3 billion", "$1.3 million")  # "loans": the row "Average loans"
    (claim,) = [c for c in r.claims if c.text == "$1.3 million"]
    assert claim.status is ClaimStatus.CONTRADICTS
    assert r.row(claim.tied_to[0].table, claim.tied_to[0].row).label == "Average loans"
    assert alarms(r) == [(claim.span.line, "claim-mismatch", Severity.WARNING)]


def test_no_wrong_scale_word_of_a_table_no_other_claim_ties_as_printed() -> None:
    r = release("$88.4 billion", "$88.4 million")  # the only figure said of that table
    assert claim_status(r, "$88.4 million") is ClaimStatus.UNTIED
    assert alarms(r) == []


def test_a_change_below_the_cells_rounding_unit_ties_no_change_of_them() -> None:
    r = release(
        "Operating expenses were flat at $3,100 million",
        "Operating expenses increased $16 thousand",
    )
    assert claim_status(r, "$16 thousand") not in TIED
