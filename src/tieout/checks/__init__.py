"""Checks: discover relations among a release's figures, judge them, report findings.

Flow: each relation check of the registry (``registry.RELATION_CHECKS``) proposes the
relations it stands behind (layout sums, segment columns that cross-foot, known
identities, per-share ratios, repeated figures) -> the readings of ambiguous figures
are chosen by the relations (and, where they are even, by the prose claims) -> every
relation is judged with those readings, the one figure that explains failing sums is
located, and every prose claim is tied to the cells it names -> each relation check
reports its failing relations, and each release check (``registry.RELEASE_CHECKS``)
turns the judged release into findings. Callers may pass their own registries. A check
that raises becomes a `check-crashed` finding for this release, never a crash.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from tieout.cells import blank
from tieout.checks.entry import RelationCheck, ReleaseCheck
from tieout.checks.locate import locate
from tieout.checks.readings import choose_readings
from tieout.checks.registry import RELATION_CHECKS, RELEASE_CHECKS
from tieout.checks.reporting import mismatches
from tieout.checks.spec import Spec, evaluate, remembering
from tieout.model import (
    CellRef,
    Claim,
    Document,
    Finding,
    FindingCode,
    Relation,
    Release,
    Severity,
    Source,
    Table,
    touches_rows,
)
from tieout.prose.tie import tie

__all__ = ["RELATION_CHECKS", "RELEASE_CHECKS", "RelationCheck", "ReleaseCheck", "run"]


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


def _without(spec: Spec, unchecked: frozenset[CellRef]) -> Spec | None:
    """The spec without the places that compute with an unchecked cell; None if none is left."""
    if not unchecked:
        return spec
    places = tuple(
        p for p in spec.places if p.total not in unchecked and unchecked.isdisjoint(p.items)
    )
    if not places:
        return None
    return spec if len(places) == len(spec.places) else replace(spec, places=places)


def _judged(
    found: Sequence[Spec], tables: Sequence[Table], chosen: dict[CellRef, Decimal]
) -> tuple[Relation, ...]:
    """Each spec judged with the readings chosen.

    A spec none of whose places holds a chosen cell is judged as with no reading chosen
    (``options`` of its cells is the same either way), which the finders have mostly
    done already (``spec.remembering``): only the specs a chosen reading touches are
    judged again. The rows are asked by an int first (``touches_rows``), where a
    reference would be hashed by a Python ``__hash__``.
    """
    if not chosen:
        return tuple([evaluate(s, tables, chosen) for s in found])
    rows = {ref.row for ref in chosen}
    return tuple([evaluate(s, tables, chosen if _touches(s, rows) else {}) for s in found])


def _touches(spec: Spec, rows: set[int]) -> bool:
    """Whether a place of ``spec`` holds a cell of one of ``rows`` (of any table)."""
    return any(touches_rows(place.total, place.items, rows) for place in spec.places)


def _report(check: RelationCheck, release: Release, mine: Sequence[int]) -> list[Finding]:
    if check.report is not None:
        return check.report(release, mine)
    assert check.describe is not None, f"{check.name} has neither describe nor report"
    return mismatches(release, mine, check.code, check.describe)


def run(
    source: Source,
    documents: Sequence[Document],
    tables: Sequence[Table],
    *,
    relation_checks: Sequence[RelationCheck] = RELATION_CHECKS,
    release_checks: Sequence[ReleaseCheck] = RELEASE_CHECKS,
    findings: Sequence[Finding] = (),
    claims: Sequence[Claim] = (),
    unchecked: frozenset[CellRef] = frozenset(),
) -> Release:
    """The release with its relations judged and its findings, sorted by line.

    No relation is tested where it would compute with a cell of ``unchecked`` (figures
    too long to compute with exactly): those places are dropped, and the prose is tied
    to the tables with those cells blank.
    """
    with remembering(tables):
        return _run(
            source, documents, tables, relation_checks, release_checks, findings, claims, unchecked
        )


def _run(
    source: Source,
    documents: Sequence[Document],
    tables: Sequence[Table],
    relation_checks: Sequence[RelationCheck],
    release_checks: Sequence[ReleaseCheck],
    findings: Sequence[Finding],
    claims: Sequence[Claim],
    unchecked: frozenset[CellRef],
) -> Release:
    first_line = documents[0].first_line if documents else 1
    found: list[Spec] = []
    owner: list[int] = []  # the relation check that found each spec
    notes: list[Finding] = list(findings)
    for k, check in enumerate(relation_checks):
        try:
            proposed = check.find(tables, tuple(found))
        except Exception as error:  # a finder's bug must not lose the release
            notes.append(_crash(check.name, error, first_line))
            continue
        for item in proposed:
            if isinstance(item, Finding):
                notes.append(item)
            elif (spec := _without(item, unchecked)) is not None:
                found.append(spec)
                owner.append(k)
    tied_to = tables if not unchecked else blank(tables, unchecked)
    crashes = len(notes)
    claims = _tied(claims, tied_to, {}, notes, first_line)
    readings = choose_readings(tables, found, claims)
    chosen = {r.cell: r.value for r in readings}
    relations = _judged(found, tables, chosen)
    culprits = locate(relations, tables, chosen)
    if chosen or len(notes) > crashes:
        # tying depends on a claim's words and the readings only, so with no reading
        # chosen the claims tied above are already the answer (a third of the stage)
        claims = _tied(claims, tied_to, chosen, notes, first_line)
    release = Release(
        source, tuple(documents), tuple(tables), relations, (), readings, claims, culprits=culprits
    )
    results = list(notes)
    mine: list[list[int]] = [[] for _ in relation_checks]  # each check's relations, in order
    for i, k in enumerate(owner):
        mine[k].append(i)
    for k, check in enumerate(relation_checks):
        try:
            results.extend(_report(check, release, mine[k]))
        except Exception as error:  # a check's bug becomes a finding for this release
            results.append(_crash(check.name, error, first_line))
    for release_check in release_checks:
        try:
            results.extend(release_check.run(release))
        except Exception as error:  # a check's bug becomes a finding for this release
            results.append(_crash(release_check.name, error, first_line))
    return replace(release, findings=Finding.in_order(results))
