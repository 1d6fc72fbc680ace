"""Headings that name the comparison the paragraphs under them make.

Banks print their discussion twice, under "Fourth quarter 2021 vs. third quarter 2021"
and "Fourth quarter 2021 vs. fourth quarter 2020": "Service charges and fees decreased $4
million" under the second is the change from a year earlier, whatever the first section
says of the same row. A heading that compares a period with the same period a year
earlier settles the base of every change under it that names none of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tieout.model import Claim, claim_with
from tieout.prose.members import (
    CHANGE,
    FORWARD_LOOKING,
    OTHER_PERIOD,
    PERCENT_CHANGE,
    PERIOD_INFERRED,
    PERIOD_STATED,
)
from tieout.prose.periods import ReleasePeriods, When, combine, period_phrases

_VERSUS = re.compile(r"\s+(?:vs\.?|versus|compared\s+(?:with|to))\s+", re.I)
_CHANGES = (CHANGE, PERCENT_CHANGE)
# the traits asked of each claim of a paragraph, made once (``members``: no read of a
# member through its class)
_NOT_OPENING = frozenset({OTHER_PERIOD, FORWARD_LOOKING})
_STATED_OR_OTHER = frozenset({PERIOD_STATED, OTHER_PERIOD})
_INFERRED = frozenset({PERIOD_INFERRED})
_STATED = frozenset({PERIOD_STATED})


def year_over_year(heading: str, release: ReleasePeriods) -> When | None:
    """The current period of a heading comparing it with the same period a year earlier
    ("Fourth quarter 2021 vs. fourth quarter 2020"), else None."""
    sides = _VERSUS.split(heading.strip())
    if len(sides) != 2:
        return None
    now, then = (combine(period_phrases(side), release) for side in sides)
    if now is None or then is None or now.months is None or now.year is None:
        return None
    if (
        then.months == now.months
        and then.year == now.year - 1
        and then.ordinal == now.ordinal
        and not (now.other or then.other)
    ):
        return now
    return None


def opened_year_over_year(claims: Sequence[Claim]) -> When | None:
    """The current period of a paragraph's first sentence when it words a change over the
    same period a year earlier ("Noninterest income for the second quarter of 2021
    increased $537 million compared with the second quarter of 2020"), else None: the
    sentences after it that name no base of their own ("Service charges on deposits
    increased $52 million") make the same comparison, as under a heading."""
    for claim in claims:
        period = claim.period
        if (
            claim.kind in _CHANGES
            and period is not None
            and period.months is not None
            and period.year is not None
            and PERIOD_STATED in claim.traits
            and not claim.traits & _NOT_OPENING
        ):
            return When(period.months, period.year, period.quarter)
    return None


def compared_as_headed(claims: Sequence[Claim], now: When | None) -> list[Claim]:
    """The claims of a paragraph under a heading comparing ``now`` with a year earlier,
    each change of that period whose words name no base of their own compared as the
    heading says (its period is the heading's, no longer only the release's)."""
    if now is None:
        return list(claims)
    return [
        claim_with(
            claim,
            traits=(claim.traits - _INFERRED) | _STATED,
        )
        if claim.kind in _CHANGES
        and claim.period is not None
        and (claim.period.months, claim.period.year) == (now.months, now.year)
        and (now.ordinal is None or claim.period.quarter == now.ordinal)
        and not claim.traits & _STATED_OR_OTHER
        else claim
        for claim in claims
    ]
