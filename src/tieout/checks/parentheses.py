"""Figures printed with an unbalanced parenthesis: the reading chosen, or none that ties.

`304)` may be 304 with a stray parenthesis or -304 that lost its opening one; the
readings are chosen by the relations (``readings``). A chosen reading is a warning on the
figure, citing the relations that hold only with it, or, where they are even, the prose
that ties only with it. A figure that ties under no reading is an error.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from tieout.checks.entry import ReleaseCheck
from tieout.checks.reporting import evidence, printed, scale_of
from tieout.model import (
    Cell,
    CellRef,
    Claim,
    Finding,
    FindingCode,
    Reading,
    Release,
    Severity,
    Span,
    touches_rows,
)
from tieout.prose.memo import per_object
from tieout.prose.tie import support

_EVEN = "the relations that touch it hold with either reading"
_UNTOUCHED = "no relation touches it, so the print is read as it most often means"


def _fates(release: Release, refs: Iterable[CellRef]) -> dict[CellRef, dict[int, list[bool]]]:
    """For each figure of ``refs``, each relation it takes part in and whether it holds in
    each place it does: one pass over the relations for all the figures."""
    fates: dict[CellRef, dict[int, list[bool]]] = {ref: {} for ref in refs}
    if not fates:
        return fates  # (most releases print no unbalanced parenthesis)
    wanted = fates.keys()
    rows = {ref.row for ref in wanted}  # (an int tells most figures apart: no record hashed)
    for i, relation in enumerate(release.relations):
        for ev in relation.evaluations:
            if not touches_rows(ev.total, ev.items, rows):
                continue  # no figure of a wanted row: none of ``refs``
            for ref in wanted & {ev.total, *ev.items}:
                fates[ref].setdefault(i, []).append(ev.holds)
    return fates


@per_object  # the stray and the unresolved parentheses both ask them of the same release
def _release_fates(release: Release) -> dict[CellRef, dict[int, list[bool]]]:
    """``_fates`` of the release's ambiguous figures, found once per release (a release
    is immutable; no caller changes what it is given)."""
    return _fates(release, (reading.cell for reading in release.readings))


def _ambiguous(release: Release) -> Iterator[tuple[Reading, Cell, dict[int, list[bool]]]]:
    """Each figure printed with an unbalanced parenthesis, with the fates of its relations."""
    if not release.readings:
        return  # (most releases print no unbalanced parenthesis)
    fates = _release_fates(release)
    for reading in release.readings:
        cell = release.cell(reading.cell)
        if cell is not None:
            yield reading, cell, fates[reading.cell]


def _stray_parentheses(release: Release) -> list[Finding]:
    """A figure with an unbalanced parenthesis, read the way the relations support."""
    findings = []
    for reading, cell, fates in _ambiguous(release):
        holding = [i for i, held in fates.items() if all(held)]
        if fates and not holding:
            continue  # reported by unresolved_figures
        row = release.row(reading.cell.table, reading.cell.row)
        column = release.tables[reading.cell.table].columns[reading.cell.column].label
        scale = scale_of(release, reading.cell)
        rejected = ", ".join(printed(v, scale) for v in reading.rejected)
        names = "; ".join(release.relations[i].name for i in reading.supported_by)
        if reading.supported_by:
            why = f"{len(reading.supported_by)} relation(s) hold only with this reading: {names}"
        elif holding:
            why = _EVEN
        else:
            why = _UNTOUCHED
        findings.append(
            Finding.at(
                cell,
                FindingCode.STRAY_PARENTHESIS,
                Severity.WARNING,
                f"{row.label} ({column}) is printed `{cell.raw.strip()}` with an unbalanced "
                f"parenthesis; read as {printed(reading.value, scale)}, not {rejected}: {why}",
                evidence=[
                    s
                    for i in reading.supported_by
                    for s in _relation_spans(release, i, reading.cell)
                ],
                expected=reading.value,
                suggestion=f"print {printed(reading.value, scale)}",
            )
        )
    return findings


def _relation_spans(release: Release, index: int, ref: CellRef) -> tuple[Span, ...]:
    for ev in release.relations[index].evaluations:
        if ev.total == ref or ref in ev.items:
            return tuple(s for s in evidence(release, ev) if s != release.cell(ref).span)  # type: ignore[union-attr]
    return ()


def _agreeing(release: Release, reading: Reading) -> list[Claim]:
    """The claims that tie to an ambiguous figure under the chosen reading only."""
    values = (reading.value, *reading.rejected)
    only = support(release.claims, release.tables, reading.cell, values)
    return [release.claims[i] for i in only.get(reading.value, ())]


def stray_parentheses(release: Release) -> list[Finding]:
    """Stray parentheses read the way the relations support, citing the prose that agrees."""
    findings = _stray_parentheses(release)
    out = []
    for finding in findings:
        reading = next(
            (
                r
                for r in release.readings
                if (cell := release.cell(r.cell)) is not None
                and cell.span.line == finding.line
                and r.value == finding.expected
            ),
            None,
        )
        claims = _agreeing(release, reading) if reading is not None else []
        if reading is None or not claims:
            out.append(finding)
            continue
        scale = release.tables[reading.cell.table].scale
        said = "; ".join(f'"{c.text}" (line {c.span.line})' for c in claims)
        prose = f"the prose says {said}, which ties only as {printed(reading.value, scale)}"
        message = finding.message
        for why in (_EVEN, _UNTOUCHED):
            if message.endswith(why):
                message = message[: -len(why)] + prose
                break
        else:
            message = f"{message}; {prose}"
        out.append(
            replace(
                finding, message=message, evidence=(*finding.evidence, *(c.span for c in claims))
            )
        )
    return out


def unresolved_figures(release: Release) -> list[Finding]:
    """An ambiguous figure that no reading makes tie with the relations that touch it."""
    findings = []
    for reading, cell, fates in _ambiguous(release):
        failing = [release.relations[i] for i, held in fates.items() for h in held if not h]
        holding = [i for i, held in fates.items() if any(held)]
        if failing and not holding:
            row = release.row(reading.cell.table, reading.cell.row)
            findings.append(
                Finding.at(
                    cell,
                    FindingCode.UNRESOLVED_FIGURE,
                    Severity.ERROR,
                    f"{row.label} is printed `{cell.raw.strip()}` with an unbalanced parenthesis "
                    f"and ties under no reading: {'; '.join(r.name for r in failing)}",
                )
            )
    return findings


STRAY: ReleaseCheck = ReleaseCheck(
    "stray parentheses", FindingCode.STRAY_PARENTHESIS, stray_parentheses
)
UNRESOLVED: ReleaseCheck = ReleaseCheck(
    "unresolved figures", FindingCode.UNRESOLVED_FIGURE, unresolved_figures
)
