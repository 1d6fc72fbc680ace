"""Checks: discover relations among a release's figures, judge them, report findings.

Flow: each FINDER proposes the relations it stands behind (layout sums, segment columns
that cross-foot, known identities, per-share ratios, repeated figures) -> the readings of
ambiguous figures are chosen by the relations (and, where they are even, by the prose
claims) -> every relation is judged with those readings, and every prose claim is tied to
the cells it names -> each CHECK turns the judged release into
findings. Both registries are immutable tuples; callers may pass their own. A finder or
check that raises becomes a `check-crashed` finding for this release, never a crash.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from decimal import Decimal

from tieout.checks.changes import change_columns
from tieout.checks.claims import claim_mismatches, stray_parentheses_with_prose, untied_claims
from tieout.checks.crossfoot import quarters_crossfoot, segment_crossfoot
from tieout.checks.findings import (
    change_mismatches,
    identity_mismatches,
    ratio_mismatches,
    repeat_mismatches,
    scale_mismatches,
    sum_mismatches,
    unresolved_figures,
    wrong_figures,
)
from tieout.checks.footing import layout_sums
from tieout.checks.identities import known_identities
from tieout.checks.locate import locate
from tieout.checks.ratios import per_share_ratios
from tieout.checks.readings import choose_readings
from tieout.checks.repeats import repeated_figures, rescaled_repeats
from tieout.checks.spec import Spec, evaluate
from tieout.model import (
    CellRef,
    Claim,
    Document,
    Finding,
    FindingCode,
    Release,
    Severity,
    Source,
    Table,
)
from tieout.prose.tie import tie

Finder = Callable[[Sequence[Table], Sequence[Spec]], list[Spec]]
Check = Callable[[Release], list[Finding]]


def _layout(tables: Sequence[Table], found: Sequence[Spec]) -> list[Spec]:
    return layout_sums(tables)


def _identities(tables: Sequence[Table], found: Sequence[Spec]) -> list[Spec]:
    return known_identities(tables, found)


def _ratios(tables: Sequence[Table], found: Sequence[Spec]) -> list[Spec]:
    return per_share_ratios(tables)


def _repeats(tables: Sequence[Table], found: Sequence[Spec]) -> list[Spec]:
    return repeated_figures(tables)


def _rescaled(tables: Sequence[Table], found: Sequence[Spec]) -> list[Spec]:
    return rescaled_repeats(tables)


def _crossfoot(tables: Sequence[Table], found: Sequence[Spec]) -> list[Spec]:
    return segment_crossfoot(tables)


def _quarters(tables: Sequence[Table], found: Sequence[Spec]) -> list[Spec]:
    return quarters_crossfoot(tables)


def _changes(tables: Sequence[Table], found: Sequence[Spec]) -> list[Spec]:
    return change_columns(tables)


FINDERS: tuple[Finder, ...] = (
    _layout,
    _crossfoot,
    _quarters,
    _changes,
    _identities,
    _ratios,
    _repeats,
    _rescaled,
)
CHECKS: tuple[Check, ...] = (
    wrong_figures,
    sum_mismatches,
    identity_mismatches,
    ratio_mismatches,
    repeat_mismatches,
    change_mismatches,
    scale_mismatches,
    stray_parentheses_with_prose,
    unresolved_figures,
    claim_mismatches,
    untied_claims,
)


def _crash(name: str, error: Exception, line: int) -> Finding:
    return Finding(
        code=FindingCode.CHECK_CRASHED,
        severity=Severity.ERROR,
        message=f"check {name} failed on this release: {type(error).__name__}: {error}",
        line=line,
    )


def _tied(
    claims: Sequence[Claim],
    tables: Sequence[Table],
    chosen: dict[CellRef, Decimal],
    crashed: list[Finding],
    line: int,
) -> tuple[Claim, ...]:
    """The claims tied to the tables; left untied (and the bug reported) if tying fails."""
    try:
        return tie(claims, tables, chosen)
    except Exception as error:  # a bug in tying must not lose the release
        crashed.append(_crash("tie", error, line))
        return tuple(claims)


def run(
    source: Source,
    documents: Sequence[Document],
    tables: Sequence[Table],
    *,
    finders: Sequence[Finder] = FINDERS,
    checks: Sequence[Check] = CHECKS,
    findings: Sequence[Finding] = (),
    claims: Sequence[Claim] = (),
) -> Release:
    """The release with its relations judged and its findings, sorted by line."""
    first_line = documents[0].first_line if documents else 1
    found: list[Spec] = []
    crashed: list[Finding] = list(findings)
    for finder in finders:
        try:
            found.extend(finder(tables, tuple(found)))
        except Exception as error:  # a finder's bug must not lose the release
            crashed.append(_crash(getattr(finder, "__name__", repr(finder)), error, first_line))
    claims = _tied(claims, tables, {}, crashed, first_line)
    readings = choose_readings(tables, found, claims)
    chosen = {r.cell: r.value for r in readings}
    relations = tuple(evaluate(s, tables, chosen) for s in found)
    culprits = locate(relations, tables, chosen)
    claims = _tied(claims, tables, chosen, crashed, first_line)
    release = Release(
        source, tuple(documents), tuple(tables), relations, (), readings, claims, culprits=culprits
    )
    results = list(crashed)
    for check in checks:
        try:
            results.extend(check(release))
        except Exception as error:  # a check's bug becomes a finding for this release
            results.append(_crash(getattr(check, "__name__", repr(check)), error, first_line))
    order = {Severity.ERROR: 0, Severity.WARNING: 1, Severity.INFO: 2}
    results.sort(key=lambda f: (f.line, order[f.severity], f.code))
    return replace(release, findings=tuple(results))
