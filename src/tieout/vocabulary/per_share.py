"""Per-share words: which rows, columns and printed figures are amounts per share.

A per-share figure is never scaled with its table ("in thousands, except per share
amounts"), is never summed with dollars, and is earnings per share only when its words say
earnings and not a dividend, a book value or a part of earnings.
"""

from __future__ import annotations

import re

from tieout.vocabulary.basis import NON_GAAP
from tieout.vocabulary.leads import led

# A row label, section head or column head of amounts per share: "Diluted earnings per
# common share", "EPS", "Distributions per unit".
PER_SHARE = re.compile(
    r"per\s+(?:common\s+|diluted\s+|basic\s+|ordinary\s+)*(?:share|unit)|\beps\b|earnings\s+per\b",
    re.I,
)
# After a printed figure: "$0.03 per diluted share", "2.03 a share".
PER_SHARE_AFTER = re.compile(
    r"\s*(?:per|a)\s+(?:basic\s+and\s+diluted\s+|diluted\s+|basic\s+|fully[\s-]diluted\s+)?"
    r"(?:common\s+|ordinary\s+)?share\b",
    re.I,
)
# A figure of two decimals followed by "per ... share" without a `$`: "2.03 per share".
BARE_PER_SHARE = re.compile(
    r"(?<![\w.$,])(?P<num>\d+\.\d{2})(?=\s+per\s+(?:\w+\s+){0,3}share\b)", re.I
)
# Per-share rows that the prose may call earnings per share, and those it may not: a
# dividend, a book value, a cash flow, a part of earnings ("cumulative effect of").
_EARNINGS = re.compile(r"earn|income|loss|\beps\b|per\s+(?:common\s+)?share", re.I)
_NOT_EARNINGS = r"cumulative|dividend|book\s+value|effect\s+of|cash\s+flow"
_NOT_EARNINGS_RE = re.compile(_NOT_EARNINGS, re.I)
# Per-share rows of plain net income per share, which a table's net income and share
# count must give; not a part of it ("before ...", "from continuing operations"), not a
# non-GAAP one, and none of the rows above that are not earnings.
_PLAIN = re.compile(
    r"net\s+(?:income|loss|earnings)|earnings\s*(?:/\s*\(loss\)\s*)?per|loss\s+per|income\s+per"
    r"|^profit\s+per|^(?:basic|diluted)$|^eps",
    re.I,
)
_NOT_PLAIN = re.compile(
    r"before|continuing|discontinued|extraordinary|" + NON_GAAP + "|" + _NOT_EARNINGS, re.I
)


def names_per_share(text: str) -> bool:
    """Whether a label or head speaks of amounts per share."""
    return bool(PER_SHARE.search(text))


# The four, led by the characters their matches begin with (``leads.led``: the same
# matches), as searched: each was tried at every character of a new per-share row's
# label and section (some 40,000 instructions a row, in the sites and the ratio checks).
_EARNINGS_LED, _NOT_EARNINGS_LED = led(_EARNINGS), led(_NOT_EARNINGS_RE)
_PLAIN_LED, _NOT_PLAIN_LED = led(_PLAIN), led(_NOT_PLAIN)


def earnings_per_share(context: str) -> bool:
    """Whether a per-share row (its label and section) is earnings per share to the prose."""
    return bool(_EARNINGS_LED.search(context)) and not _NOT_EARNINGS_LED.search(context)


def plain_earnings_per_share(context: str) -> bool:
    """Whether a per-share row (section and label) is net income per share, unqualified."""
    return bool(_PLAIN_LED.search(context)) and not _NOT_PLAIN_LED.search(context)
