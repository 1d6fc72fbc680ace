"""Row labels printed over several lines: when a line runs on into the next."""

from __future__ import annotations

import re

_CONNECTOR = re.compile(
    r"(?:,|(?<=[a-z])-|&|/|\b(?:and|of|to|for|per|in|on|the|before|from|applicable|attributable|with|or|at|by|net))$",
    re.I,
)


def continues(above: str, below: str) -> bool:
    """True when a label line runs on into the next one.

    It does when it ends on a connecting word or comma, when the next starts in lower
    case or with a parenthesis, or when it is a "Total ..." line without figures (never a
    section head: its figures follow). A line ending in a colon is a head.
    """
    a, b = above.rstrip(), below.lstrip()
    if not a or not b or a.endswith(":"):
        return False
    total = a.lstrip().lower().startswith("total ")
    return bool(_CONNECTOR.search(a)) or b[0].islower() or b[0] == "(" or total
