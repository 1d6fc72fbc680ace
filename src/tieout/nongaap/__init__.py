"""Non-GAAP measures held to Regulation G: each found, reconciled, recomputed, and no more
prominent than GAAP.

A stage after the checks (``tieout.pipeline.analyse``): it reads the judged release (its
tables, relations, readings and tied claims) and adds ``Release.non_gaap``, one
``NonGaapMeasure`` per measure presented, and its findings:

- ``non-gaap-unreconciled``: presented, and no reconciliation to its GAAP measure is found
  (a warning where the measure is named for what it is and the release points to no
  reconciliation elsewhere; info otherwise), at the first table and the first prose
  figure that present it;
- ``non-gaap-mismatch``: a reconciliation or recomputation tested here that does not tie
  (an error, under the proof rule: the table's own other columns or rows establish how it
  adds up); a failing relation tieout found is already reported by its check and is only
  recorded here;
- ``non-gaap-prominence``: a period's first result figure is a measure's (``prominence``).

Like a check, the stage cannot lose the release: a bug becomes a ``check-crashed`` finding.
"""

from __future__ import annotations

from collections.abc import Sequence

from tieout.checks.reporting import failure, printed, scale_of, sum_arithmetic
from tieout.model import (
    ClaimStatus,
    Evaluation,
    Finding,
    FindingCode,
    NonGaapMeasure,
    NonGaapReconciliation,
    NonGaapStatus,
    RelationKind,
    Release,
    Severity,
    release_with,
)
from tieout.nongaap.presented import Presented, claims_said, presented
from tieout.nongaap.prominence import prominence
from tieout.nongaap.reconcile import Judged, Seen, reconcile
from tieout.vocabulary.leads import led
from tieout.vocabulary.measures import CONCEPT_METRICS, may_point_elsewhere, points_elsewhere

__all__ = ["measures", "run"]


def run(release: Release) -> Release:
    """The release with its non-GAAP measures and their findings (findings sorted by line)."""
    try:
        found, findings = measures(release)
    except Exception as error:  # a bug here must not lose the release
        first = release.documents[0].first_line if release.documents else 1
        found = ()
        findings = [
            Finding(
                code=FindingCode.CHECK_CRASHED,
                severity=Severity.ERROR,
                message=f"check non-GAAP measures failed on this release: "
                f"{type(error).__name__}: {error}",
                line=first,
            )
        ]
    merged = Finding.in_order((*release.findings, *findings))
    return release_with(release, non_gaap=tuple(found), findings=merged)


def measures(release: Release) -> tuple[tuple[NonGaapMeasure, ...], list[Finding]]:
    """Every measure the release presents, judged, and the findings about them."""
    chosen = {r.cell: r.value for r in release.readings}
    said = claims_said(release)
    seen = Seen(release)
    entries = presented(release, said, seen.columns)
    pointer: bool | None = None
    out = []
    findings: list[Finding] = []
    judgements = [reconcile(release, entry, chosen, seen) for entry in entries]
    for entry, judged in zip(entries, judgements, strict=True):
        if judged.reconciliation is None:
            judged.reconciliation = _numerator(entries, judgements, entry)
    for entry, judged in zip(entries, judgements, strict=True):
        status = _status(release, entry, judged)
        record = NonGaapMeasure(
            name=entry.label,
            basis=tuple(b.value for b in entry.name.basis),
            gaap=entry.name.gaap,
            status=status,
            rows=tuple(dict.fromkeys([*entry.rows, *((c.table, c.row) for c in entry.cells)])),
            claims=tuple(entry.claims),
            reconciliation=judged.reconciliation,
            recomputed=tuple(judged.recomputed),
            recomputations=tuple(judged.recomputations),
            evidence=tuple(sorted(set(entry.spans), key=lambda s: (s.line, s.start))),
            note=_note(release, entry, judged, status),
        )
        out.append(record)
        if status is NonGaapStatus.UNRECONCILED:
            if pointer is None:
                pointer = _points_elsewhere(seen)
            findings.extend(_unreconciled(release, entry, record, judged, pointer=pointer))
        findings.extend(_mismatches(release, entry, judged))
    findings.extend(prominence(release, entries, said))
    return tuple(out), findings


def _numerator(
    entries: Sequence[Presented], judgements: Sequence[Judged], entry: Presented
) -> NonGaapReconciliation | None:
    """The reconciliation of the amount a per-share measure or a margin is a ratio of:
    adjusted net income for adjusted EPS, adjusted EBITDA for its margin."""
    if entry.name.gaap == "EarningsPerShare":
        base = None  # of net income
    elif entry.name.metric.endswith(" margin"):
        base = entry.name.metric.removesuffix(" margin")
    else:
        return None

    def wanted(other: Presented) -> bool:
        return other.name.gaap == "NetIncome" if base is None else other.name.metric == base

    bases = set(entry.name.basis)
    for other, judged in zip(entries, judgements, strict=True):
        found = judged.reconciliation
        if other is not entry and wanted(other) and set(other.name.basis) & bases and found:
            return NonGaapReconciliation("numerator", found.table, found.gaap_rows, found.rows)
    return None


_POINTER = led(points_elsewhere.pattern)


def _points_elsewhere(seen: Seen) -> bool:
    """Whether a document's text (its tags made spaces) points to a reconciliation elsewhere
    (``points_elsewhere``'s pattern, ``led``): asked of its passages that hold the word
    every pointer holds (``reconcile.passages``), where each pointer lies whole, their tags
    made spaces once for both whole-text questions (``Seen.passages``); searched only
    where a passage names a place a pointer names (``may_point_elsewhere``: about half of
    the corpus's passages name none, and the search over them was a third of its time)."""
    return any(
        may_point_elsewhere(passage) and _POINTER.search(passage) is not None
        for _, _, found in seen.passages()
        for passage in found
    )


def _relation_evaluations(
    release: Release, entry: Presented, indexes: Sequence[int]
) -> list[Evaluation]:
    """The evaluations of relations that test one of the measure's figures."""
    rows = set(entry.rows)
    cells = set(entry.cells)
    out: list[Evaluation] = []
    for i in indexes:
        relation = release.relations[i]
        whole = (relation.total.table, relation.total.row) in rows
        out.extend(ev for ev in relation.evaluations if whole or ev.total in cells)
    return out


def _status(release: Release, entry: Presented, judged: Judged) -> NonGaapStatus:
    found = judged.reconciliation
    if found is None:
        return NonGaapStatus.UNRECONCILED
    tests = [
        *_relation_evaluations(release, entry, found.relations),
        *found.evaluations,
        *_relation_evaluations(release, entry, judged.recomputed),
        *judged.recomputations,
    ]
    if any(not ev.holds for ev in tests):
        return NonGaapStatus.MISMATCH
    own = any(ev.holds for ev in judged.recomputations)
    verified = bool(found.holds_in) or (
        found.how in ("columns", "numerator") and any(ev.holds for ev in tests)
    )
    if found.how == "title":  # a sum in the reconciling table closing on it, or its parts
        verified = own or any(
            release.relations[i].holds
            and release.relations[i].kind is RelationKind.SUM
            and release.relations[i].total.table == found.table
            for i in judged.recomputed
        )
    return NonGaapStatus.RECONCILED if verified else NonGaapStatus.UNVERIFIED


# the statuses of a prose figure that ties, as members: ``Enum.value`` is a property, a
# call into Python per figure (a member compares equal to its value: the same count)
_TIED = (ClaimStatus.TIES, ClaimStatus.ROUNDING)


def gaap_words(gaap: str) -> str:
    """The GAAP measure in words ("net income" for ``NetIncome``)."""
    return CONCEPT_METRICS.get(gaap, gaap)


def _where(release: Release, found: NonGaapReconciliation) -> str:
    if found.table is None:
        return "the text"
    table = release.tables[found.table]
    rows = ", ".join(f"line {table.rows[r].line}" for r in found.rows[:3])
    return f"table {found.table + 1}" + (f" ({rows})" if rows else "")


def _note(release: Release, entry: Presented, judged: Judged, status: NonGaapStatus) -> str:
    found = judged.reconciliation
    gaap = gaap_words(entry.name.gaap)
    parts = []
    if found is None:
        parts.append(f"no reconciliation to {gaap} found")
    else:
        how = {
            "relation": "by a sum of its rows",
            "columns": "by GAAP, adjustment and non-GAAP columns",
            "rows": "by its rows, summed here",
            "components": "as computed from the GAAP figures printed with it",
            "text": "where the text says a reconciliation of it is given (not tested)",
            "numerator": "through the amount it is a per-share figure of (not tested)",
            "title": "by a table or section that names it (its arithmetic not tested)",
            "side-by-side": "beside the GAAP figure, with no adjustments printed between",
        }[found.how]
        tested = ""
        if found.holds_in or found.fails_in:
            tested = f"; ties in {len(found.holds_in)} column(s), fails in {len(found.fails_in)}"
        parts.append(f"reconciled to {gaap} {how} in {_where(release, found)}{tested}")
    recomputed = _relation_evaluations(release, entry, judged.recomputed)
    recomputed += judged.recomputations
    if recomputed:
        held = sum(ev.holds for ev in recomputed)
        failing = [
            release.relations[i].name
            for i in judged.recomputed
            if any(not ev.holds for ev in _relation_evaluations(release, entry, [i]))
        ]
        failing += ["recomputed here"] if any(not e.holds for e in judged.recomputations) else []
        fails = f" (fails: {'; '.join(failing[:3])})" if failing else ""
        parts.append(f"recomputed {held} of {len(recomputed)} time(s){fails}")
    if entry.claims:
        claims = release.claims
        tied = sum(claims[i].status in _TIED for i in entry.claims)
        parts.append(f"{tied} of {len(entry.claims)} prose figure(s) tie")
    return f"{status.value}: " + "; ".join(parts)


def _builds(release: Release, entry: Presented, judged: Judged) -> str:
    """Relations that build the measure from another GAAP figure, said beside a missing one."""
    names = [
        release.relations[i].name
        for i in judged.recomputed
        if release.relations[i].source.value == "identity"
    ]
    if not names:
        return ""
    return (
        f"; {names[0]} builds it from another GAAP figure, which does not reconcile it to "
        f"{gaap_words(entry.name.gaap)}"
        + (" (SEC C&DI 103.02)" if entry.name.metric == "EBITDA" else "")
    )


def _unreconciled(
    release: Release,
    entry: Presented,
    record: NonGaapMeasure,
    judged: Judged,
    *,
    pointer: bool,
) -> list[Finding]:
    """One finding at the first table and one at the first prose figure that present it."""
    warn = entry.name.known and not entry.name.descriptive and not pointer
    why = ""
    if not warn:
        why = (
            "; the release points to a reconciliation outside this document"
            if pointer
            else "; a descriptive basis or an unknown metric: not called a defect"
        )
    places = []
    table_spans = sorted(
        [release.row(t, r).label_span for t, r in entry.rows]
        + [c.span for c in (release.cell(ref) for ref in entry.cells) if c is not None],
        key=lambda s: (s.line, s.start),
    )
    if table_spans:
        places.append(("table", table_spans[0]))
    prose_spans = sorted(
        (release.claims[i].span for i in entry.claims), key=lambda s: (s.line, s.start)
    )
    if prose_spans:
        places.append(("prose", prose_spans[0]))
    lines = sorted({s.line for s in record.evidence})
    shown = ", ".join(str(n) for n in lines[:8]) + (" …" if len(lines) > 8 else "")
    out: list[Finding] = []
    for kind, span in places:
        out.append(
            Finding(
                code=FindingCode.NON_GAAP_UNRECONCILED,
                severity=Severity.WARNING if warn else Severity.INFO,
                message=(
                    f"{entry.label} ({'/'.join(record.basis)}) is a non-GAAP measure presented in "
                    f"the {kind} here (lines {shown}), and no reconciliation to "
                    f"{gaap_words(record.gaap)}, its most directly comparable GAAP measure, "
                    f"is found{_builds(release, entry, judged)}{why}"
                ),
                line=span.line,
                evidence=(span, *(s for s in record.evidence if s != span)),
            )
        )
    return out


def _mismatches(release: Release, entry: Presented, judged: Judged) -> list[Finding]:
    """An error for each failing test made here (a failing relation is reported by its check)."""
    found = judged.reconciliation
    failing = [
        (ev, "reconciliation")
        for ev in (found.evaluations if found is not None else ())
        if not ev.holds
    ] + [(ev, "recomputation") for ev in judged.own_failures]
    out = []
    for ev, what in failing:
        cell = release.cell(ev.total)
        if cell is None:
            continue
        scale = scale_of(release, ev.total)
        gaap = gaap_words(entry.name.gaap)
        if len(ev.items) == 2 and what == "recomputation" and not ev.signs:
            arithmetic = (
                f"{_printed(release, ev.items[0])} / {_printed(release, ev.items[1])} = "
                f"{ev.expected}, printed {_printed(release, ev.total)}"
            )
        else:
            arithmetic = f"{gaap} and its adjustments: {sum_arithmetic(release, ev)}"
        message = (
            f"the {what} of {entry.label} ({ev.label}) does not tie: {arithmetic}; "
            f"off by {printed(abs(ev.difference), scale)}"
        )
        out.append(failure(release, ev, FindingCode.NON_GAAP_MISMATCH, message))
    return out


def _printed(release: Release, ref: object) -> str:
    from tieout.model import CellRef

    assert isinstance(ref, CellRef)
    cell = release.cell(ref)
    return cell.raw.replace("$", "").strip() if cell is not None else "?"
