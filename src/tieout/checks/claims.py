"""Checks of the prose against the tables: each a plain function of a judged release.

A claim that contradicts the cell it names is an error on the claim's line, naming both
figures; a claim that ties to no cell is reported as untied (info), so a reader knows
which figures of the prose nothing vouches for. (Claims are also evidence for printing
defects: see ``parentheses``.)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from tieout.checks.entry import ReleaseCheck
from tieout.figures import format_figure
from tieout.model import (
    CellRef,
    Claim,
    ClaimKind,
    ClaimStatus,
    ClaimTrait,
    Finding,
    FindingCode,
    RelationKind,
    RelationSource,
    Release,
    Severity,
    Unit,
)
from tieout.prose.subjects import concept_of, title_metric
from tieout.prose.tie import firm, rescaling
from tieout.rounding import quantized

# enum members read once: a member read by attribute goes through its metaclass's
# ``__getattr__`` in Python 3.11 (about 0.4 us), per finding at a claim (an untied claim
# of every release's prose: 63 a pass of the text releases)
_ATTACHED, _CLAIM_MISMATCH, _INFO, _ERROR, _WARNING = (
    ClaimTrait.ATTACHED, FindingCode.CLAIM_MISMATCH, Severity.INFO, Severity.ERROR, Severity.WARNING
)  # fmt: skip

_SCALES = {1000: "thousands", 1000000: "millions", 1000000000: "billions"}
_RESCALED = {
    Decimal(1000): "a thousand times",
    Decimal("0.001"): "a thousandth of",
    Decimal(10**6): "a million times",
    Decimal("0.000001"): "a millionth of",
}


_DIRECTION = re.compile(
    r"(?:(?:an?\s+)?(?:increase[sd]?|decrease[sd]?|rose|fell|grew|declined|up|down)"
    r"(?:\s+(?:by|of|to))?)\s+$",
    re.I,
)


def _quoted(claim: Claim) -> str:
    """The claim as the sentence words it, with the direction that gives it its sign."""
    at = claim.sentence.find(claim.text)
    if at >= 0 and claim.kind is not ClaimKind.PERCENT:
        direction = _DIRECTION.search(claim.sentence[:at])
        if direction is not None:
            return f"{direction.group(0)}{claim.text}"
    return claim.text


def _about(claim: Claim) -> str:
    """What the claim speaks of, as the sentence words it: metric, segment, period."""
    parts = [claim.subject] if claim.subject and _ATTACHED in claim.traits else []
    if claim.segment and claim.segment.lower() not in claim.subject.lower():
        parts.append(claim.segment)
    if claim.period_text:
        parts.append(claim.period_text)
    return ", ".join(parts) or "a figure of the prose"


def _resolution(claim: Claim, release: Release | None = None) -> str:
    """Which words chose the row, the segment, the period and the basis of a claim (and,
    of a change compared with another period than a year earlier, which)."""
    parts = [f'row by "{claim.subject}"'] if claim.subject else []
    if claim.segment:
        how = (
            "a heading or the paragraph"
            if ClaimTrait.SEGMENT_INFERRED in claim.traits
            else "its words"
        )
        parts.append(f'segment "{claim.segment}" by {how}')
    stated = ClaimTrait.PERIOD_STATED in claim.traits
    if claim.kind in (ClaimKind.CHANGE, ClaimKind.PERCENT_CHANGE):
        if claim.period_text:
            parts.append(f'period "{claim.period_text}"')
        other = _other_base(release, claim) if release is not None and not stated else None
        if other is not None:  # the comparison a percent beside it fits
            parts.append(f"compared with {other}, the comparison the figures beside it fit")
        else:
            parts.append("compared as its words say" if stated else "compared with a year earlier")
    elif claim.period_text:
        where = "its clause" if stated else "its paragraph"
        if ClaimTrait.LISTED in claim.traits:  # borne out by the list's other figures
            where = "its place in a list of dates, as its list's other figures tie"
        parts.append(f'period "{claim.period_text}" by {where}')
    elif ClaimTrait.PERIOD_INFERRED in claim.traits:
        parts.append("period: the release's own")
    parts.append("basis non-GAAP" if ClaimTrait.ADJUSTED in claim.traits else "basis GAAP")
    return "; ".join(parts)


def _other_base(release: Release, claim: Claim) -> str | None:
    """The head of the column a change is compared with, where it is not a year earlier."""
    if len(claim.tied_to) != 2:
        return None
    cur, prior = (release.tables[r.table].columns[r.column] for r in claim.tied_to)
    if cur.period is None or prior.period is None:
        return None
    if cur.period.year is None or prior.period.year == cur.period.year - 1:
        return None
    return prior.label


def _printed(release: Release, ref: CellRef, *, scale_words: bool = True) -> str:
    """A cell as printed, with its table's scale: `27,803 (in thousands)`."""
    cell = release.cell(ref)
    raw = cell.raw.replace("$", "").strip() if cell is not None else "?"
    scale = release.tables[ref.table].scale
    if cell is None or cell.precision < scale or scale == 1 or not scale_words:
        return raw
    return f"{raw} (in {_SCALES.get(int(scale), f'units of {scale}')})"


def _where(release: Release, ref: CellRef) -> str:
    """A row by its label, under its section head when the label is a segment's name."""
    row = release.row(ref.table, ref.row)
    column = release.tables[ref.table].columns[ref.column].label
    label = row.label
    metric = title_metric(release.tables[ref.table])
    if row.section and concept_of(row.label) is None and concept_of(row.section):
        label = f"{row.section}: {row.label}"  # "Net sales: Industrial Seals"
    elif not row.section and metric and concept_of(row.label) is None:
        label = f"{metric}: {row.label}"  # "Profit by Segment": "Profit: Construction Industries"
    return f"{label} ({column}, line {row.line})"


def _amount(claim: Claim, value: Decimal) -> str:
    if claim.unit is Unit.USD_PER_SHARE:
        return format_figure(value, 2, dollar=True)
    if claim.unit is Unit.SHARES:
        return format_figure(value, 0)
    if claim.unit is Unit.PERCENT:  # a margin of 26% against 46%: 20 points
        exponent = claim.precision.normalize().as_tuple().exponent
        places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        return f"{format_figure(value, places)} percentage points"
    return format_figure(value, 0, dollar=True)


def _detail(release: Release, claim: Claim) -> str:
    """The tables' side of a contradiction, with the arithmetic."""
    expected = claim.expected if claim.expected is not None else Decimal(0)
    if claim.kind in (ClaimKind.PERCENT_CHANGE, ClaimKind.CHANGE):
        cur, prior = claim.tied_to
        change = f"{_printed(release, prior, scale_words=False)} -> {_printed(release, cur)}"
        if claim.kind is ClaimKind.CHANGE:
            printed = _printed_change(release, cur, prior)
            return (
                f"{_where(release, cur)} goes {change}, a change of {_amount(claim, expected)}"
                f"{printed}"
            )
        rounded = quantized(expected, claim.precision, ROUND_HALF_UP)
        return f"{_where(release, cur)} goes {change}, {expected:+}%, which rounds to {rounded:+}%"
    ref = claim.tied_to[0]
    text = f"{_where(release, ref)} is printed {_printed(release, ref)}"
    word = _scale_word(claim)
    if word is not None:
        return f"{text}, {word} the amount stated: the digits tie, the scale word does not"
    gap = abs(abs(claim.value) - abs(expected))
    if gap <= max(claim.precision, Decimal(0)) and (claim.value < 0) != (expected < 0):
        return f"{text}: the sign differs"
    if len(claim.tied_to) > 1 and claim.traits & {ClaimTrait.INCREASE, ClaimTrait.DECREASE}:
        word = "an increase" if ClaimTrait.INCREASE in claim.traits else "a decrease"
        prior = claim.tied_to[1]
        return f"{text}, and {_printed(release, prior)} the year before: not {word}"
    return f"{text}; off by {_amount(claim, gap)}"


def _printed_change(release: Release, cur: CellRef, prior: CellRef) -> str:
    """The change the table prints itself for two cells, as a clause, if it prints one."""
    for relation in release.relations:
        if relation.source is not RelationSource.CHANGE or relation.kind is not RelationKind.SUM:
            continue
        for ev in relation.evaluations:
            if ev.items == (cur, prior):
                return f"; the table prints the change itself: {_printed(release, ev.total)}"
    return ""


def _scale_word(claim: Claim) -> str | None:
    """How the figure a claim contradicts stands to it where only its scale word is off
    ("$16.5 million" of 16,452 in millions: a thousand times the amount stated)."""
    return _RESCALED.get(rescaling(claim) or Decimal(0))


def _reading(release: Release, claim: Claim) -> str:
    """The figure a claim ties under another reading than its words', as printed."""
    if claim.kind in (ClaimKind.PERCENT_CHANGE, ClaimKind.CHANGE):
        return _detail(release, claim)
    ref = claim.tied_to[0]
    return f"{_where(release, ref)} is printed {_printed(release, ref)}"


def _finding(release: Release, claim: Claim, code: FindingCode, message: str) -> Finding:
    """A finding at a claim, its evidence the claim and the cells it is tied to."""
    cells = [release.cell(r) for r in claim.tied_to]  # (none of an untied claim)
    evidence = (claim.span, *(c.span for c in cells if c is not None))
    # by position: keywords make a dict per record
    if code is not _CLAIM_MISMATCH:
        return Finding(code, _INFO, message, claim.span.line, evidence, claim.expected, claim.value)
    # of a claim not firmly worded, or of no one reading: not a proof
    return Finding(
        code,
        _ERROR if firm(claim) else _WARNING,
        message,
        claim.span.line,
        evidence,
        claim.expected,
        claim.value,
        claim.value - claim.expected if claim.expected is not None else None,  # difference
        claim.precision / 2,  # tolerance
    )


def _contradiction(release: Release, claim: Claim) -> str:
    """A figure of the prose that contradicts the cell its words name."""
    if ClaimTrait.UNRESOLVED in claim.traits:
        return (
            f'"{_quoted(claim)}" ({_about(claim)}) fits none of the figures its words may '
            f"mean; the closest: {_detail(release, claim)} [read as: {_resolution(claim)}; "
            "no other reading of the release ties it]"
        )
    return (
        f'"{_quoted(claim)}" ({_about(claim)}) does not tie: {_detail(release, claim)}'
        f" [read as: {_resolution(claim, release)}; no other reading of the release ties it]"
    )


def _untied(release: Release, claim: Claim) -> str:
    """A figure of the prose that no cell of the tables speaks of."""
    return f'"{claim.text}" ({_about(claim)}): no figure of the tables ties to it'


def _ambiguity(release: Release, claim: Claim) -> str:
    """A figure of the prose that fits no figure its words name but ties another reading.

    Not an error: its meaning (the period, the comparison, the row) is not resolved, and
    the reading that ties is named so a reviewer can see which the prose meant.
    """
    return (
        f'"{_quoted(claim)}" ({_about(claim)}) fits no figure its words name; '
        f"it ties under another reading: {_reading(release, claim)}"
    )


def _claim_check(
    name: str,
    status: ClaimStatus,
    code: FindingCode,
    says: Callable[[Release, Claim], str],
    *,
    tied: bool = True,
) -> ReleaseCheck:
    """A check with a finding at each claim of a status (where ``tied``, only those tied to a
    figure), its message what ``says`` words."""

    def run(release: Release) -> list[Finding]:
        return [
            _finding(release, claim, code, says(release, claim))
            for claim in release.claims
            if claim.status is status and (claim.tied_to or not tied)
        ]

    return ReleaseCheck(name, code, run)


CLAIM_MISMATCHES: ReleaseCheck = _claim_check(
    "claim mismatches", ClaimStatus.CONTRADICTS, FindingCode.CLAIM_MISMATCH, _contradiction
)
UNTIED: ReleaseCheck = _claim_check(
    "untied claims", ClaimStatus.UNTIED, FindingCode.CLAIM_UNTIED, _untied, tied=False
)
AMBIGUOUS: ReleaseCheck = _claim_check(
    "ambiguous claims", ClaimStatus.AMBIGUOUS, FindingCode.CLAIM_AMBIGUOUS, _ambiguity
)
