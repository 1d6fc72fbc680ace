"""A "respectively" list of figures paired with the metrics its words list.

The release here is fictional and written for these tests. "Fourth quarter 2024 average
and period-end deposits increased $71.6 billion and $76.8 billion, respectively, compared
with fourth quarter 2023" speaks of two rows: the first figure is the change of average
deposits, the second of period-end deposits. Each is judged against its own row, so a
wrong first figure is an error on the average; a figure attached to a metric already, or
a list the words do not pair, is left as it was.
"""

from __future__ import annotations

from release_views import alarms, edited
from tieout.model import ClaimKind, ClaimStatus, Release, Severity

TIED = (ClaimStatus.TIES, ClaimStatus.ROUNDING)

TRESTLE = """\
TRESTLE FINANCIAL REPORTS FOURTH QUARTER 2024 RESULTS

PITTSBURGH -- Trestle Financial today reported results.

Fourth quarter 2024 average and period-end deposits increased $71.6 billion and $76.8 \
billion, respectively, compared with fourth quarter 2023.




                              TRESTLE FINANCIAL
                              BALANCE SHEET DATA
                            (DOLLARS IN BILLIONS)

                                          4Q 2024    3Q 2024    4Q 2023
                                          -------    -------    -------
Average deposits                            359.4      350.5      287.8
Period-end deposits                         365.3      355.1      288.5
Average loans                               241.3      244.6      250.0
"""


def release(old: str = "", new: str = "") -> Release:
    """The fictional release, with ``old`` (found once) replaced by ``new``."""
    return edited(TRESTLE, "trestle.txt", old, new)


def test_each_figure_ties_its_own_metric() -> None:
    r = release()
    average, period_end = [c for c in r.claims if c.text in ("$71.6 billion", "$76.8 billion")]
    assert (average.subject, period_end.subject) == ("average deposits", "period-end deposits")
    assert period_end.kind is ClaimKind.CHANGE
    assert average.status in TIED and period_end.status in TIED
    assert average.tied_to[0].row != period_end.tied_to[0].row
    assert alarms(r) == []


def test_a_wrong_first_figure_is_an_error_on_its_own_metric() -> None:
    r = release("increased $71.6 billion", "increased $61.6 billion")
    (average,) = [c for c in r.claims if c.text == "$61.6 billion"]
    assert average.status is ClaimStatus.CONTRADICTS
    assert alarms(r) == [(5, "claim-mismatch", Severity.ERROR)]


def test_a_wrong_second_figure_is_an_error_on_its_own_metric() -> None:
    r = release("and $76.8 ", "and $74.8 ")
    (period_end,) = [c for c in r.claims if c.text == "$74.8 billion"]
    assert period_end.status is ClaimStatus.CONTRADICTS
    assert alarms(r) == [(5, "claim-mismatch", Severity.ERROR)]


def test_a_list_in_a_clause_naming_no_period_is_not_paired() -> None:
    r = release(
        "Fourth quarter 2024 average and period-end deposits increased $71.6 billion",
        "Average and period-end deposits increased $61.6 billion",
    )
    (average,) = [c for c in r.claims if c.text == "$61.6 billion"]
    assert average.subject != "average deposits"
    assert [a for a in alarms(r) if a[2] is Severity.ERROR] == []
