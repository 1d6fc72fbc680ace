"""Judging a mutant: was the injected error caught where it is, elsewhere, or missed, and why.

A mutant is *caught* when the mutated release has a new error or warning (one the clean
release does not have: same code, severity, line and message) on a line the error is on,
or whose evidence spans lie on such a line or overlap a figure the error changes; lines
longer than ``LONG_LINE`` (HTML exhibits written on a few long lines) do not count, only
the spans do. *Caught elsewhere* when its only new errors or warnings point elsewhere;
*missed* when there is none. A missed mutant gets the
first reason that explains it, so the report can say why an error kind is weak:

    not-extracted        the mutated figure no longer appears in any table (or claim)
    misread              tieout reads the mutated print as another value than intended
    within-tolerance     every relation of the clean release that touches the figure still
                         ties with the new value: the change hides inside the rounding
    not-evaluable        a relation that touches the figure cannot be tested with the new
                         value (a per-share ratio over a negative share count)
    relation-dropped     a relation of the clean release would fail with the new value, but
                         on the mutant the finders no longer propose it (a failing sum or
                         repeat is discarded rather than reported)
    relation-refit       the finders propose it again on the mutant with other rows or
                         signs, under which the new value ties
    failure-not-reported the relation fails on the mutant, yet no new error or warning
                         reaches the mutated line
    relation-not-found   (scale words) a relation across tables would fail, but is not kept
    claim-ties / claim-untied / claim-not-reported   the prose claim's status on the mutant
    scale-not-read       no table's scale changed: tieout did not read that word as a scale
    no-cross-table-relation  the rescaled tables tie only among themselves
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from bench.mutate import line_starts
from bench.targets import Kind, Mutant, locate
from tieout.cells import replaced
from tieout.checks.evaluate import evaluate_percent_change, evaluate_ratio, evaluate_sum
from tieout.figures import parse_figure
from tieout.model import (
    Cell,
    CellRef,
    ClaimStatus,
    Evaluation,
    Finding,
    Relation,
    RelationKind,
    Release,
    Severity,
    Span,
    Unit,
)

ALARMS = (Severity.ERROR, Severity.WARNING)
FindingKey = tuple[str, str, int, str]


def finding_key(finding: Finding) -> FindingKey:
    return (finding.code, finding.severity.value, finding.line, finding.message)


@dataclass(frozen=True, slots=True)
class Clean:
    """The unmodified release, its decoded text, and the alarms it already raises."""

    release: Release
    source: str
    starts: list[int]
    keys: frozenset[FindingKey]


def clean_of(release: Release, source: str) -> Clean:
    return Clean(
        release, source, line_starts(source), frozenset(finding_key(f) for f in release.findings)
    )


LONG_LINE = 1000
"""A line this long (an HTML exhibit written on a few lines) says nothing about which
figure a finding points at; on such lines only the finding's evidence spans count."""


@dataclass(frozen=True, slots=True)
class Place:
    """Where an injected error is in the mutated text: its lines (the short ones) and the
    character ranges of the figures it changes."""

    lines: frozenset[int]
    ranges: tuple[tuple[int, int], ...]


def _span_range(span: Span, starts: list[int]) -> tuple[int, int] | None:
    if span.offset is not None:
        start = span.offset
    elif 1 <= span.line <= len(starts):
        start = starts[span.line - 1] + span.start
    else:
        return None
    return start, start + max(span.end - span.start, 1)


def _touches(finding: Finding, place: Place, starts: list[int]) -> bool:
    """True when a finding's line is a (short) line of the error, or an evidence span of
    it lies on such a line or overlaps a figure the error changes."""
    if finding.line in place.lines:
        return True
    for span in finding.evidence:
        if span.line in place.lines:
            return True
        at = _span_range(span, starts)
        if at is not None and any(a < at[1] and at[0] < b for a, b in place.ranges):
            return True
    return False


def _place(
    clean: Clean, mutant: Mutant, mutated_source: str, lines: set[int], figures: list[Span]
) -> Place:
    """The place of the error in the mutated text: the edit, widened to the figures it
    changes (``figures``: clean spans, shifted past the edit)."""
    edit = mutant.edit
    grow = len(edit.text) - (edit.end - edit.start)
    ranges = [(edit.start, edit.start + max(len(edit.text), 1))]
    for span in figures:
        at = _span_range(span, clean.starts)
        if at is not None:
            ranges.append(tuple(p + grow if p >= edit.end else p for p in at))  # type: ignore[arg-type]
    starts = line_starts(mutated_source)
    ends = [*starts[1:], len(mutated_source) + 1]
    short = {
        line
        for line in lines
        if 1 <= line <= len(starts) and ends[line - 1] - starts[line - 1] <= LONG_LINE
    }
    return Place(frozenset(short), tuple(ranges))


def breaks(release: Release, ref: CellRef, new: Cell) -> tuple[list[int], bool]:
    """The relations of the clean release that hold and touch ``ref`` but fail with the cell
    replaced (indexes into ``release.relations``), and whether one could not be evaluated."""
    failing: list[int] = []
    unevaluable = False
    tables = replaced(release.tables, ref, new)
    chosen = {r.cell: r.value for r in release.readings if r.cell != ref}
    for index, relation in enumerate(release.relations):
        signs = {(t.table, t.row): t.sign for t in relation.items}
        for ev in relation.evaluations:
            if not ev.holds or (ev.total != ref and ref not in ev.items):
                continue
            again: Evaluation | None
            if relation.kind is RelationKind.RATIO:
                again = evaluate_ratio(tables, ev.label, ev.total, ev.items[0], ev.items[1], chosen)
            elif relation.kind is RelationKind.PERCENT_CHANGE:
                again = evaluate_percent_change(
                    tables, ev.label, ev.total, ev.items[0], ev.items[1], chosen
                )
            else:
                # a change in amount takes one row twice, with both signs: each printed
                # item's sign is the evaluation's own
                item_signs = ev.signs or tuple(signs.get((r.table, r.row), 1) for r in ev.items)
                signed = list(zip(ev.items, item_signs, strict=True))
                again = evaluate_sum(tables, ev.label, ev.total, signed, chosen)
            if again is None:
                unevaluable = True
            elif not again.holds and index not in failing:
                failing.append(index)
    return failing, unevaluable


def still_ties(release: Release, ref: CellRef, new: Cell) -> bool | None:
    """True when every relation that holds on the clean release and touches ``ref`` still
    holds with the cell replaced (no check built on those relations can see the change),
    False when one fails, None when one can no longer be evaluated."""
    failing, unevaluable = breaks(release, ref, new)
    if failing:
        return False
    return None if unevaluable else True


def _key(relation: Relation) -> tuple[str, str, int, int]:
    return (relation.source.value, relation.name, relation.total.table, relation.total.row)


def _cells_at(
    release: Release, source: str, starts: list[int], start: int, end: int
) -> list[tuple[CellRef, Cell]]:
    """Cells of a release whose located span overlaps ``[start, end)`` of ``source``."""
    found = []
    for table in release.tables:
        for row in table.rows:
            for cell in row.cells:
                if cell is None:
                    continue
                loc = locate(cell.span, starts, source, cell.raw)
                if loc is not None and loc.start < end and start < loc.end:
                    found.append((CellRef(table.index, row.index, cell.column), cell))
    return found


def mutated_cell(clean: Clean, mutant: Mutant) -> Cell | None:
    """The clean cell as the mutant prints it, valued the way the intended print reads.

    Worked out from the edit, not by re-reading the source, so a figure whose parenthesis
    sits in another HTML cell is valued as well as one in a fixed-width line.
    """
    assert mutant.cell is not None
    cell = clean.release.cell(mutant.cell)
    if cell is None:
        return None
    if mutant.kind is Kind.SIGN:
        return replace(cell, value=-cell.value, readings=(-cell.value,), flags=frozenset())
    old, new = parse_figure(mutant.original.strip()), parse_figure(mutant.edit.text.strip())
    if old is None or new is None:
        return None
    magnitude = new.value * (cell.precision / old.precision)
    readings = tuple(magnitude if r >= 0 else -magnitude for r in cell.readings or (cell.value,))
    return replace(cell, value=readings[0], readings=readings)


def _scale_lines(clean: Clean, mutated: Release) -> tuple[set[int], set[int]]:
    """The tables whose scale the mutant changed, and the lines of their figures.

    Tables are matched by index when the mutant has as many as the clean release (the
    usual case: a scale word changes no layout), else by first line and title.
    """
    same_shape = len(mutated.tables) == len(clean.release.tables)
    by_place = {(t.first_line, t.title): t for t in mutated.tables}
    affected: set[int] = set()
    for table in clean.release.tables:
        other = (
            mutated.tables[table.index]
            if same_shape
            else by_place.get((table.first_line, table.title))
        )
        if other is None or other.scale != table.scale:
            affected.add(table.index)
    lines = {
        c.span.line
        for t in clean.release.tables
        if t.index in affected
        for r in t.rows
        for c in r.cells
        if c is not None
    }
    return affected, lines


def _crosses(clean: Release, affected: set[int]) -> bool:
    """True when a relation ties a figure of the affected tables to one outside them, or a
    prose amount is tied to one of their figures (the prose is not rescaled with them; a
    percent change is, in effect, as it compares two figures of the same scale)."""
    for relation in clean.relations:
        for ev in relation.evaluations:
            inside = {r.table in affected for r in (ev.total, *ev.items)}
            if inside == {True, False}:
                return True
    return any(
        claim.unit is not Unit.PERCENT and any(r.table in affected for r in claim.tied_to)
        for claim in clean.claims
    )


def _claim_reason(clean: Clean, mutant: Mutant, mutated: Release, mutated_source: str) -> str:
    assert mutant.claim is not None
    starts = line_starts(mutated_source)
    end = mutant.edit.start + len(mutant.edit.text)
    for claim in mutated.claims:
        loc = locate(claim.span, starts, mutated_source, claim.text)
        if loc is not None and loc.start < end and mutant.edit.start < loc.end:
            if claim.status in (ClaimStatus.TIES, ClaimStatus.ROUNDING):
                return "claim-ties"
            if claim.status is ClaimStatus.UNTIED:
                return "claim-untied"
            return "claim-not-reported"
    return "not-extracted"


def _cell_reason(
    clean: Clean, mutant: Mutant, mutated: Release, mutated_source: str
) -> tuple[str, list[str]]:
    """Why a related cell's mutant was missed, and the clean relations it should break."""
    new = mutated_cell(clean, mutant)
    if new is None:
        return "misread", []
    assert mutant.cell is not None
    start, end = mutant.edit.start, mutant.edit.start + len(mutant.edit.text)
    cell = clean.release.cell(mutant.cell)
    at_clean = _span_range(cell.span, clean.starts) if cell is not None else None
    if at_clean is not None:  # the figure itself, when the edit is only its sign beside it
        grow = len(mutant.edit.text) - (mutant.edit.end - mutant.edit.start)
        start = min(start, at_clean[0])
        end = max(end, at_clean[1] + grow if at_clean[1] >= mutant.edit.end else at_clean[1])
    at = _cells_at(mutated, mutated_source, line_starts(mutated_source), start, end)
    if not at:
        return "not-extracted", []
    if all(c.value != new.value for _, c in at):
        return "misread", []
    failing, unevaluable = breaks(clean.release, mutant.cell, new)
    if not failing:
        return ("not-evaluable" if unevaluable else "within-tolerance"), []
    relations = [clean.release.relations[i] for i in failing]
    names = [f"{r.source.value}: {r.name}" for r in relations]
    on_mutant = {_key(r): r for r in mutated.relations}
    kept = [on_mutant[_key(r)] for r in relations if _key(r) in on_mutant]
    if not kept:
        return "relation-dropped", names
    if any(r.fails_in for r in kept):
        return "failure-not-reported", names
    return "relation-refit", names


def judge(
    clean: Clean,
    mutant: Mutant,
    mutated: Release | None,
    error: str | None = None,
    *,
    rejected: bool = False,
) -> dict[str, Any]:
    """The outcome of one mutant as JSON-ready data.

    ``mutated`` is None when reading the mutant failed: ``rejected`` when tieout refused it
    with its one-line error (a time-out, say), a crash otherwise; ``error`` says which.
    """
    out: dict[str, Any] = {
        "release": mutant.release,
        "kind": mutant.kind.value,
        "line": mutant.line,
        "what": mutant.what,
        "related": mutant.related,
        "origin": "table"
        if mutant.cell is not None
        else "prose"
        if mutant.claim is not None
        else "heading",
    }
    if mutated is None:
        out.update(outcome="rejected" if rejected else "crashed", reason=error)
        return out
    mutated_source = mutant.edit.apply(clean.source)
    starts = line_starts(mutated_source)
    lines = {mutant.line}
    figures: list[Span] = []
    affected: set[int] = set()
    if mutant.kind is Kind.SCALE and mutant.table is not None:
        affected, figure_lines = _scale_lines(clean, mutated)
        lines |= figure_lines
        figures = [
            c.span
            for t in clean.release.tables
            if t.index in affected
            for r in t.rows
            for c in r.cells
            if c is not None
        ]
        out["related"] = _crosses(clean.release, affected or {mutant.table})
        out["tables_rescaled"] = sorted(affected)
    elif mutant.cell is not None:
        cell = clean.release.cell(mutant.cell)
        figures = [cell.span] if cell is not None else []
    elif mutant.claim is not None:
        figures = [clean.release.claims[mutant.claim].span]
    place = _place(clean, mutant, mutated_source, lines, figures)
    new = [f for f in mutated.findings if f.severity in ALARMS and finding_key(f) not in clean.keys]
    here = [f for f in new if _touches(f, place, starts)]
    if here:
        out.update(
            outcome="caught", codes=sorted({f.code for f in here}), finding=here[0].message[:200]
        )
        return out
    if new:
        out.update(
            outcome="caught-elsewhere",
            codes=sorted({f.code for f in new}),
            finding=f"line {new[0].line}: {new[0].message[:200]}",
        )
        return out
    out["outcome"] = "missed"
    if mutant.kind is Kind.SCALE and mutant.table is not None:
        out["reason"] = (
            "scale-not-read"
            if not affected
            else "relation-not-found"
            if out["related"]
            else "no-cross-table-relation"
        )
    elif not out["related"]:
        out["reason"] = "unrelated"
    elif mutant.claim is not None:
        out["reason"] = _claim_reason(clean, mutant, mutated, mutated_source)
    else:
        out["reason"], breaking = _cell_reason(clean, mutant, mutated, mutated_source)
        if breaking:
            out["should_break"] = breaking[:4]
    return out
