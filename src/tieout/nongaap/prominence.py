"""Prominence: the GAAP result comes first (Item 10(e)(1)(i)(A) of Regulation S-K).

For each period whose result the prose reports (net income, earnings per share), the first
figure the release gives of it, the headline included, must not be a non-GAAP measure
given before, or without, its GAAP counterpart: "adjusted EPS of $1.10" leading a release
whose GAAP EPS comes later (or never) is the case SEC staff cite first (C&DI 102.10).
Forward-looking figures are left out, as are figures whose period is not resolved.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tieout.model import (
    Claim,
    ClaimKind,
    ClaimTrait,
    Finding,
    FindingCode,
    Period,
    Release,
    Severity,
    Span,
    Unit,
    quick_init,
)
from tieout.nongaap.presented import Presented, claims_said
from tieout.vocabulary.measures import (
    CONCEPT_METRICS,
    MeasureName,
    bases_of,
    clean_label,
    metric_of,
    names_gaap,
    own_clause,
)

# The results a period is reported by: a measure answering to one of these is judged.
RESULTS = ("NetIncome", "EarningsPerShare")
# The concepts of a figure ``_gaap_result`` may take for a result (net income to common
# shareholders is net income's).
_ANSWERS = frozenset((*RESULTS, "NetIncomeToCommon"))
# enum members read once: a member read by attribute goes through its metaclass's
# ``__getattr__`` in Python 3.11 (about 0.4 us), per claim; the amounts' units as members
# (``Unit.value`` is an enum property, a Python call)
_FORWARD_LOOKING, _LEVEL = ClaimTrait.FORWARD_LOOKING, ClaimKind.LEVEL
_AMOUNTS = (Unit.USD, Unit.USD_PER_SHARE)


@quick_init
@dataclass(frozen=True, slots=True)
class Mention:
    claim: int
    result: str  # the GAAP result it is a figure of (or a measure of); "" when unknown
    measure: Presented | None  # None for the GAAP figure itself (or an unknown one)


def _year(period: Period) -> int | None:
    return period.end.year if period.end is not None else period.year


def same_period(a: Period, b: Period) -> bool:
    """Whether two claims' periods may be one: the same length and year where both are known."""
    if a.instant != b.instant:
        return False
    if a.months is not None and b.months is not None and a.months != b.months:
        return False
    ya, yb = _year(a), _year(b)
    if ya is not None and yb is not None and ya != yb:
        return False
    return a.quarter is None or b.quarter is None or a.quarter == b.quarter


def _gaap_result(claim: Claim, said: MeasureName | None) -> str | None:
    """The GAAP result a figure of the prose states, if it states one unadjusted (``said``:
    the measure it speaks of, its ``claim_measure``).

    Its metric is the one its subject names, or (a headline "Net Income of $530 million",
    whose subject the prose left empty) the one its own clause names: the clause is cut
    only then (a subject left empty by ``clean_label`` is empty or marks alone). The
    result its concept or metric would give is read first, and the bases its words name
    (which make it a measure's, no GAAP result) asked only of a figure that gives one:
    most figures of the prose state no result.
    """
    concept = claim.concept
    if said is not None or (concept is not None and concept not in _ANSWERS):
        return None  # a measure's figure; a figure of another GAAP line ("Revenue")
    words = clean_label(claim.subject)
    clause = None
    if not words:
        clause = own_clause(claim.before)
        words = clause[-60:]
    if concept is None:  # "profit per share of $2.86": EPS in words the concepts lack
        known = metric_of(words)
        result = known[1] if known is not None and known[1] in RESULTS else None
    else:  # a result's concept, or net income to common shareholders (net income's)
        result = concept if concept in RESULTS else "NetIncome"
    if result is None:
        return None
    if bases_of(words) or (clause is not None and not claim.subject and bases_of(clause)):
        return None
    return result


def _unnamed(claim: Claim) -> bool:
    """A figure whose words name no metric ("$530 million and EPS of $1.17", its subject
    on the line before): it may be the GAAP result, so a measure after it is not judged."""
    return (
        claim.concept is None
        and not claim.subject.strip()
        and not own_clause(claim.before).strip()
        and claim.unit in _AMOUNTS
    )


def _both(claim: Claim) -> bool:
    """A sentence that names both measures before the figure ("both GAAP and non-GAAP EPS")."""
    clause = claim.before
    return "both" in clause.lower() and names_gaap(clause) and bool(bases_of(clause))


def mentions(
    release: Release,
    measures: Sequence[Presented],
    said: Sequence[MeasureName | None] | None = None,
) -> list[Mention]:
    """Every figure of a period's result in the prose, GAAP or measure, in reading order
    (``said``: the release's ``claims_said``, when already asked)."""
    of_claim = {i: m for m in measures for i in m.claims}
    said = claims_said(release) if said is None else said
    # whether each sentence says "both" (a sentence's claims share it): ``_both`` asked
    # only of a claim whose sentence does, for the words before its figure are a part of it
    # (lowered, a part of it lowered: only a final sigma lowers by its place, no letter
    # of "both")
    says_both: dict[str, bool] = {}
    out = []
    for i, claim in enumerate(release.claims):
        if _FORWARD_LOOKING in claim.traits or claim.period is None or claim.kind is not _LEVEL:
            continue
        sentence = claim.sentence
        both = says_both.get(sentence)
        if both is None:
            both = says_both[sentence] = "both" in sentence.lower()
        if both and _both(claim):
            continue
        measure = of_claim.get(i)
        if measure is not None:
            if measure.name.gaap in RESULTS:
                out.append(Mention(i, measure.name.gaap, measure))
            continue
        result = _gaap_result(claim, said[i])
        if result is not None:
            out.append(Mention(i, result, None))
        elif _unnamed(claim):
            out.append(Mention(i, "", None))
    claims = release.claims
    return sorted(out, key=lambda m: (claims[m.claim].span.line, claims[m.claim].span.start))


def prominence(
    release: Release,
    measures: Sequence[Presented],
    said: Sequence[MeasureName | None] | None = None,
) -> list[Finding]:
    """A warning where a period's first result figure is a measure's, not the GAAP one's
    (``said``: the release's ``claims_said``, when already asked)."""
    if not any(m.claims and m.name.gaap in RESULTS for m in measures):
        # a finding is a mention of a measure, and ``mentions`` makes one only of a claim
        # of a measure that answers to a result: with none, the prose is not read (a
        # release that presents no measure in its prose, or none of a result)
        return []
    claims = release.claims
    found = mentions(release, measures, said)
    findings = []
    judged: list[tuple[str, Period]] = []
    for k, mention in enumerate(found):
        period = claims[mention.claim].period
        assert period is not None
        if not mention.result:
            judged.append(("", period))
            continue
        if any(
            (r == mention.result or not r) and same_period(p, period) for r, p in judged
        ):  # a period's result already given (or a figure that may be it)
            continue
        judged.append((mention.result, period))
        if mention.measure is None:
            continue
        later = next(
            (
                m
                for m in found[k + 1 :]
                if m.measure is None
                and m.result == mention.result
                and same_period(claims[m.claim].period or period, period)
            ),
            None,
        )
        findings.append(_finding(release, mention, later))
    return findings


def _finding(release: Release, mention: Mention, later: Mention | None) -> Finding:
    claim = release.claims[mention.claim]
    assert mention.measure is not None
    what = CONCEPT_METRICS.get(mention.result, mention.result)
    when = claim.period_text or "its period"
    evidence: tuple[Span, ...]
    if later is None:
        how = f"and the prose gives no GAAP {what} for {when}"
        evidence = (claim.span,)
    else:
        gaap = release.claims[later.claim]
        how = f"before the GAAP {what} ({gaap.text}, line {gaap.span.line})"
        evidence = (claim.span, gaap.span)
    return Finding(
        code=FindingCode.NON_GAAP_PROMINENCE,
        severity=Severity.WARNING,
        message=(
            f"the first figure of {what} for {when} is the non-GAAP {mention.measure.label} "
            f'("{claim.text}"), {how}: Regulation S-K Item 10(e) asks that the GAAP measure '
            "come with equal or greater prominence"
        ),
        line=claim.span.line,
        evidence=evidence,
    )
