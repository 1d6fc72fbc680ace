"""What the other figures of a sentence settle about a change's meaning: fictional releases.

"Average loans decreased $7.3 billion, or 3%, to $245.8 billion" names its row and its
comparison itself: the level ties the row's current column, the change in dollars the
linked quarter. Its percent is judged there, not tied to another segment's row that happens
to hold its value; "from $514 million" names the base column outright.
"""

from __future__ import annotations

from release_views import claim_status, edited, errors
from tieout.model import ClaimStatus

TIED = (ClaimStatus.TIES, ClaimStatus.ROUNDING)


KESTREL = """\
KESTREL BANCORP REPORTS FOURTH QUARTER 2025 RESULTS

HARTFORD, Conn. -- Kestrel Bancorp today reported results for the fourth quarter of 2025.

Average loans decreased $7.3 billion, or 3%, to $245.8 billion.

Noninterest income of $594 million increased $80 million, or 16%, from $514 million.




                              KESTREL BANCORP
                           INCOME HIGHLIGHTS
                              (dollars in millions)

                                        4Q25          3Q25          4Q24
                                      --------      --------      --------

Noninterest income                         594           514           578
Net income                                 498           424           520
                                      ========      ========      ========




                              KESTREL BANCORP
                              AVERAGE BALANCES
                              (dollars in billions)

                                      Q4 2025       Q3 2025       Q4 2024
                                      --------      --------      --------

Average loans                            245.8         253.1         249.0
Average deposits                         359.4         350.5         340.2
                                      ========      ========      ========




                              KESTREL BANCORP
                         RETAIL BANKING - AVERAGE BALANCES
                              (dollars in billions)

                                      Q4 2025       Q3 2025       Q4 2024
                                      --------      --------      --------

Average loans                             79.7          81.8          80.1
Average deposits                         190.2         188.0         181.5
                                      ========      ========      ========
"""


def test_the_clean_release_ties_each_change_where_its_sentence_says() -> None:
    release = edited(KESTREL, "kestrel.txt")
    for text in ("$7.3 billion", "3%", "$245.8 billion", "$80 million", "16%"):
        assert claim_status(release, text) in TIED, text
    assert not errors(release)


def test_a_percent_is_judged_on_the_comparison_its_sentence_settles() -> None:
    # 253.1 -> 245.8 is -2.9%; Retail Banking's 81.8 -> 79.7 (-2.6%) may round to 2%
    release = edited(KESTREL, "kestrel.txt", "or 3%, to", "or 2%, to")
    assert claim_status(release, "2%") is ClaimStatus.CONTRADICTS
    assert [m for m in errors(release) if '"2%"' in m and "253.1 -> 245.8" in m]


def test_a_percent_is_judged_against_the_level_it_is_from() -> None:
    # 514 -> 594 is +15.6%; Net income 424 -> 498 (+17.5%) may round to 17%
    release = edited(KESTREL, "kestrel.txt", "or 16%, from", "or 17%, from")
    assert claim_status(release, "17%") is ClaimStatus.CONTRADICTS
    assert [m for m in errors(release) if '"17%"' in m and "514 -> 594" in m]


def test_a_level_whose_change_ties_its_row_under_another_comparison_is_judged() -> None:
    # "$7.3 billion" ties 253.1 -> 245.8 (the linked quarter): the sentence speaks of
    # that row, and its level is not 245.8
    consolidated = KESTREL[: KESTREL.index("RETAIL BANKING")].rstrip(" \n").rsplit("\n", 1)[0]
    release = edited(consolidated, "kestrel.txt", "to $245.8 billion", "to $248.8 billion")
    assert claim_status(release, "$248.8 billion") is ClaimStatus.CONTRADICTS
    assert [m for m in errors(release) if '"$248.8 billion"' in m and "245.8" in m]


def test_no_comparison_is_settled_where_the_sentence_gives_no_other_change() -> None:
    # the level alone: 2% may be the year's change (249.0 -> 245.8, -1.3%) or another's
    release = edited(KESTREL, "kestrel.txt", "decreased $7.3 billion, or 3%,", "decreased 2%")
    assert claim_status(release, "2%") is not ClaimStatus.CONTRADICTS
    assert not errors(release)


PIPPIN = """\
PIPPIN INC. REPORTS SECOND QUARTER RESULTS

CUPERTINO, California -- Pippin Inc. today announced financial results for its fiscal 2025 \
second quarter ended March 29, 2025. The Company posted quarterly revenue of $45.6 billion \
and quarterly net profit of $10.2 billion, or $1.62 per diluted share.




                                PIPPIN INC.
                   CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS
                         (In millions, except per share amounts)

                                              Three Months Ended
                                        March 29,          March 30,
                                          2025               2024
                                        ---------          ---------

Net sales                                $ 45,646           $ 43,603
Cost of sales                              27,699             26,159
                                        ---------          ---------
Net income                               $ 10,223           $  9,547
                                        =========          =========
Diluted earnings per share               $   1.62           $   1.44
"""


def test_the_period_its_sentence_settles_holds_for_each_figure_of_it() -> None:
    release = edited(PIPPIN, "pippin.txt")
    for text in ("$45.6 billion", "$10.2 billion", "$1.62 per diluted share"):
        assert claim_status(release, text) in TIED, text
    assert not errors(release)
    # the year-ago quarter's revenue, printed as this quarter's beside this quarter's profit
    release = edited(PIPPIN, "pippin.txt", "revenue of $45.6 billion", "revenue of $43.6 billion")
    assert claim_status(release, "$43.6 billion") is ClaimStatus.CONTRADICTS
    assert [m for m in errors(release) if '"$43.6 billion"' in m and "45,646" in m]


def test_a_sentence_of_one_figure_settles_no_period() -> None:
    text = PIPPIN.replace(
        " and quarterly net profit of $10.2 billion, or $1.62 per diluted share.", "."
    )
    release = edited(text, "pippin.txt", "revenue of $45.6 billion", "revenue of $43.6 billion")
    assert claim_status(release, "$43.6 billion") is not ClaimStatus.CONTRADICTS
