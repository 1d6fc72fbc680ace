"""Checks: each a plain function from a judged release to its findings.

Messages show the arithmetic in the figures as printed (`27,803 + 5,203 = 33,006`), and
every finding carries expected, actual, difference and tolerance in units, so a reader
sees why it passed or failed.
"""

from __future__ import annotations

from decimal import Decimal

from tieout.figures import format_figure
from tieout.model import (
    CellRef,
    Evaluation,
    Finding,
    Relation,
    RelationSource,
    Release,
    Severity,
    Span,
)


def _scale(release: Release, ref: CellRef) -> Decimal:
    """The factor between units and the figure as printed, for showing arithmetic."""
    cell = release.cell(ref)
    if cell is None or cell.precision == 0:
        return Decimal(1)
    table = release.tables[ref.table]
    return table.scale if cell.precision >= table.scale else Decimal(1)


def printed(value: Decimal, scale: Decimal) -> str:
    """A value in units shown as the release prints it (in its table's scale)."""
    shown = value / scale
    decimals = max(0, -shown.normalize().as_tuple().exponent) if shown != shown.to_integral() else 0  # type: ignore[operator]
    return format_figure(shown, min(decimals, 4))


def _arithmetic(release: Release, relation: Relation, ev: Evaluation) -> str:
    scale = _scale(release, ev.total)
    if relation.kind == "percent-change":
        a, b = (release.cell(r) for r in ev.items)
        nums = f"({a.raw.strip() if a else '?'} - {b.raw.strip() if b else '?'})"
        base = b.raw.strip() if b else "?"
        shown = release.cell(ev.total)
        return f"{nums} / {base} = {ev.expected}%, printed {shown.raw.strip() if shown else '?'}"
    if relation.kind == "ratio":
        n, d = (release.cell(r) for r in ev.items)
        nums = f"{n.raw.strip() if n else '?'} / {d.raw.strip() if d else '?'}"
        return f"{nums} = {ev.expected}, printed {printed(ev.actual, Decimal(1))}"
    parts: list[str] = []
    signs = {(t.table, t.row): t.sign for t in relation.items}
    for ref in ev.items:
        cell = release.cell(ref)
        if cell is None:
            continue
        sign = signs.get((ref.table, ref.row), 1)
        text = printed(cell.value, scale)
        parts.append(
            ("- " if sign < 0 else "+ ") + text if parts else ("-" + text if sign < 0 else text)
        )
    lhs = " ".join(parts) if parts else "0"
    return f"{lhs} = {printed(ev.expected, scale)}, printed {printed(ev.actual, scale)}"


def _evidence(release: Release, ev: Evaluation) -> tuple[Span, ...]:
    spans = []
    for ref in (ev.total, *ev.items):
        cell = release.cell(ref)
        if cell is not None:
            spans.append(cell.span)
    return tuple(spans)


def _mismatches(release: Release, source: RelationSource, code: str) -> list[Finding]:
    findings = []
    for relation in release.relations:
        if relation.source is not source:
            continue
        for ev in relation.evaluations:
            if ev.holds:
                continue
            total_cell = release.cell(ev.total)
            row = release.row(ev.total.table, ev.total.row)
            holds = ", ".join(relation.holds_in) or "no column"
            findings.append(
                Finding(
                    code=code,
                    severity=Severity.ERROR,
                    message=(
                        f"{row.label} ({ev.label}) does not tie: {_arithmetic(release, relation, ev)}; "
                        f"off by {printed(abs(ev.difference), _scale(release, ev.total)) if relation.kind == 'sum' else abs(ev.difference)} "
                        f"[{relation.name}; holds in {holds}]"
                    ),
                    line=total_cell.span.line if total_cell else row.line,
                    evidence=_evidence(release, ev),
                    expected=ev.expected,
                    actual=ev.actual,
                    difference=ev.difference,
                    tolerance=ev.tolerance,
                )
            )
    return findings


def sum_mismatches(release: Release) -> list[Finding]:
    """A sum the layout closes that fails in a column where the same sum holds elsewhere."""
    return _mismatches(release, RelationSource.LAYOUT, "sum-mismatch")


def identity_mismatches(release: Release) -> list[Finding]:
    """A known accounting identity that fails in a column."""
    return _mismatches(release, RelationSource.IDENTITY, "identity-mismatch")


def repeat_mismatches(release: Release) -> list[Finding]:
    """The same figure printed with different values in two places."""
    return _mismatches(release, RelationSource.REPEAT, "repeat-mismatch")


def change_mismatches(release: Release) -> list[Finding]:
    """A change or percent-change column that its two period columns do not give."""
    return _mismatches(release, RelationSource.CHANGE, "change-mismatch")


def ratio_mismatches(release: Release) -> list[Finding]:
    """A per-share figure that amount / shares cannot round to."""
    return _mismatches(release, RelationSource.RATIO, "ratio-mismatch")


def stray_parentheses(release: Release) -> list[Finding]:
    """A figure with an unbalanced parenthesis, read the way the relations support."""
    findings = []
    for reading in release.readings:
        cell = release.cell(reading.cell)
        if cell is None:
            continue
        row = release.row(reading.cell.table, reading.cell.row)
        column = release.tables[reading.cell.table].columns[reading.cell.column].label
        scale = _scale(release, reading.cell)
        rejected = ", ".join(printed(v, scale) for v in reading.rejected)
        touching = [
            i for i, r in enumerate(release.relations)
            if any(ev.total == reading.cell or reading.cell in ev.items for ev in r.evaluations)
        ]  # fmt: skip
        holding = [
            i for i in touching
            if all(ev.holds for ev in release.relations[i].evaluations
                   if ev.total == reading.cell or reading.cell in ev.items)
        ]  # fmt: skip
        if touching and not holding:
            continue  # reported by unresolved_figures
        names = "; ".join(release.relations[i].name for i in reading.supported_by)
        if reading.supported_by:
            why = f"{len(reading.supported_by)} relation(s) hold only with this reading: {names}"
        elif holding:
            why = "the relations that touch it hold with either reading"
        else:
            why = "no relation touches it, so the print is read as it most often means"
        findings.append(
            Finding(
                code="stray-parenthesis",
                severity=Severity.WARNING,
                message=(
                    f"{row.label} ({column}) is printed `{cell.raw.strip()}` with an unbalanced "
                    f"parenthesis; read as {printed(reading.value, scale)}, not {rejected}: {why}"
                ),
                line=cell.span.line,
                evidence=(
                    cell.span,
                    *(
                        s
                        for i in reading.supported_by
                        for s in _relation_spans(release, i, reading.cell)
                    ),
                ),
                expected=reading.value,
                actual=cell.value,
                suggestion=f"print {printed(reading.value, scale)}",
            )
        )
    return findings


def _relation_spans(release: Release, index: int, ref: CellRef) -> tuple[Span, ...]:
    for ev in release.relations[index].evaluations:
        if ev.total == ref or ref in ev.items:
            return tuple(s for s in _evidence(release, ev) if s != release.cell(ref).span)  # type: ignore[union-attr]
    return ()


def unresolved_figures(release: Release) -> list[Finding]:
    """An ambiguous figure that no reading makes tie with the relations that touch it."""
    findings = []
    for reading in release.readings:
        cell = release.cell(reading.cell)
        if cell is None:
            continue
        failing = [
            r for r in release.relations
            for ev in r.evaluations
            if (ev.total == reading.cell or reading.cell in ev.items) and not ev.holds
        ]  # fmt: skip
        holding = [
            r for r in release.relations
            for ev in r.evaluations
            if (ev.total == reading.cell or reading.cell in ev.items) and ev.holds
        ]  # fmt: skip
        if failing and not holding:
            row = release.row(reading.cell.table, reading.cell.row)
            findings.append(
                Finding(
                    code="unresolved-figure",
                    severity=Severity.ERROR,
                    message=(
                        f"{row.label} is printed `{cell.raw.strip()}` with an unbalanced parenthesis "
                        f"and ties under no reading: {'; '.join(r.name for r in failing)}"
                    ),
                    line=cell.span.line,
                    evidence=(cell.span,),
                    actual=cell.value,
                )
            )
    return findings
