"""A word of one segment's heading in the claim's own clause chooses that segment's row.

The release here is fictional and written for these tests. Its table prints "Common
equity tier 1 capital ratio" under "STANDARDIZED CAPITAL RULES" and again under
"ADVANCED CAPITAL RULES". "The firm's Standardized common equity tier 1 capital ratio of
14.7%" names the first: a wrong ratio there is an error naming the segment its words
chose. A clause that names neither heading leaves the two rows competing (two figures:
the meaning is not resolved, no error).
"""

from __future__ import annotations

from release_views import alarms, edited
from tieout.model import ClaimStatus, Release, Severity

GRANITE = """\
GRANITE CAPITAL REPORTS FOURTH QUARTER 2024 RESULTS

NEW YORK -- Granite Capital today reported results.

As of December 31, 2023, the change would have reduced the firm's Standardized common \
equity tier 1 capital ratio of 14.7% by 0.6 percentage points.




                              GRANITE CAPITAL
                              CAPITAL RATIOS

                                            AS OF DECEMBER 31,
                                              2024       2023
                                              ----       ----
STANDARDIZED CAPITAL RULES
  Common equity tier 1 capital ratio          14.2%      14.7%
  Tier 1 capital ratio                        15.8%      16.7%

ADVANCED CAPITAL RULES
  Common equity tier 1 capital ratio          13.9%      13.4%
  Tier 1 capital ratio                        15.4%      15.3%
"""


def release(old: str = "", new: str = "") -> Release:
    """The fictional release, with ``old`` (found once) replaced by ``new``."""
    return edited(GRANITE, "granite.txt", old, new)


def test_the_release_ties_as_written() -> None:
    r = release()
    (ratio,) = [c for c in r.claims if c.text == "14.7%"]
    assert ratio.status is ClaimStatus.TIES
    assert ratio.segment == "STANDARDIZED CAPITAL RULES"
    assert alarms(r) == []


def test_a_wrong_ratio_of_the_segment_its_words_name_is_an_error() -> None:
    r = release("ratio of 14.7%", "ratio of 84.7%")
    (ratio,) = [c for c in r.claims if c.text == "84.7%"]
    assert ratio.status is ClaimStatus.CONTRADICTS
    assert ratio.expected is not None and str(ratio.expected) == "14.7"
    assert alarms(r) == [(5, "claim-mismatch", Severity.ERROR)]
    (message,) = [f.message for f in r.findings if f.code == "claim-mismatch"]
    assert 'segment "STANDARDIZED CAPITAL RULES" by its words' in message


def test_the_other_segments_figure_is_no_tie_of_the_words() -> None:
    r = release("ratio of 14.7%", "ratio of 13.4%")
    (ratio,) = [c for c in r.claims if c.text == "13.4%"]
    assert ratio.status is not ClaimStatus.TIES  # the Advanced row's figure, under another head
    assert ratio.status is not ClaimStatus.UNTIED


def test_a_clause_naming_no_heading_leaves_the_segments_competing() -> None:
    r = release("firm's Standardized common", "firm's common")
    (ratio,) = [c for c in r.claims if c.text == "14.7%"]
    assert ratio.segment is None
    r = release(
        "firm's Standardized common equity tier 1 capital ratio of 14.7%",
        "firm's common equity tier 1 capital ratio of 84.7%",
    )
    assert [a for a in alarms(r) if a[2] is Severity.ERROR] == []
