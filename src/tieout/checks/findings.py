"""Checks: each a plain function from a judged release to its findings.

Messages show the arithmetic in the figures as printed (`27,803 + 5,203 = 33,006`), and
every finding carries expected, actual, difference and tolerance in units, so a reader
sees why it passed or failed.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal

from tieout.figures import format_figure
from tieout.model import (
    CellRef,
    Evaluation,
    Finding,
    FindingCode,
    Relation,
    RelationKind,
    RelationSource,
    Release,
    Severity,
    Span,
    Table,
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
    if relation.kind is RelationKind.PERCENT_CHANGE:
        a, b = (release.cell(r) for r in ev.items)
        nums = f"({a.raw.strip() if a else '?'} - {b.raw.strip() if b else '?'})"
        base = b.raw.strip() if b else "?"
        shown = release.cell(ev.total)
        return f"{nums} / {base} = {ev.expected}%, printed {shown.raw.strip() if shown else '?'}"
    if relation.kind is RelationKind.RATIO:
        n, d = (release.cell(r) for r in ev.items)
        nums = f"{n.raw.strip() if n else '?'} / {d.raw.strip() if d else '?'}"
        return f"{nums} = {ev.expected}, printed {printed(ev.actual, Decimal(1))}"
    parts: list[str] = []
    for ref, sign in zip(ev.items, ev.signs or (1,) * len(ev.items), strict=True):
        cell = release.cell(ref)
        if cell is None:
            continue
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


def _explained(release: Release) -> set[tuple[int, int]]:
    return {key for culprit in release.culprits for key in culprit.explains}


def _mismatches(release: Release, source: RelationSource, code: FindingCode) -> list[Finding]:
    findings = []
    explained = _explained(release)
    for i, relation in enumerate(release.relations):
        if relation.source is not source:
            continue
        for j, ev in enumerate(relation.evaluations):
            if ev.holds or (i, j) in explained:
                continue  # a failure explained by one wrong figure is reported at that figure
            total_cell = release.cell(ev.total)
            row = release.row(ev.total.table, ev.total.row)
            holds = ", ".join(relation.holds_in) or "no column"
            findings.append(
                Finding(
                    code=code,
                    severity=Severity.ERROR,
                    message=(
                        f"{row.label} ({ev.label}) does not tie: {_arithmetic(release, relation, ev)}; "
                        f"off by {printed(abs(ev.difference), _scale(release, ev.total)) if relation.kind is RelationKind.SUM else abs(ev.difference)} "
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


def wrong_figures(release: Release) -> list[Finding]:
    """One figure that alone explains failing sums: reported once, where it is printed."""
    findings = []
    for culprit in release.culprits:
        cell = release.cell(culprit.cell)
        if cell is None:
            continue
        table = release.tables[culprit.cell.table]
        row = table.rows[culprit.cell.row]
        column = table.columns[culprit.cell.column].label
        scale = _scale(release, culprit.cell)
        best = printed(_on_grid((culprit.low + culprit.high) / 2, cell.precision), scale)
        span = _needed_text(culprit.low, culprit.high, cell.precision, scale)
        needed = best if span == best else f"{best} (any of {span})"
        names = []
        spans: list[Span] = [cell.span]
        for i, j in culprit.explains:
            relation = release.relations[i]
            ev = relation.evaluations[j]
            names.append(f"{relation.name} ({_arithmetic(release, relation, ev)})")
            spans.extend(s for s in _evidence(release, ev) if s not in spans)
        middle = (culprit.low + culprit.high) / 2
        findings.append(
            Finding(
                code=FindingCode.WRONG_FIGURE,
                severity=Severity.ERROR,
                message=(
                    f"{row.label} ({column}) is printed `{cell.raw.strip()}`, and "
                    f"{len(names)} relation(s) fail with it that all tie if it reads "
                    f"{needed}: " + "; ".join(names)
                ),
                line=cell.span.line,
                evidence=tuple(spans),
                expected=_on_grid(middle, cell.precision),
                actual=cell.value,
                difference=cell.value - _on_grid(middle, cell.precision),
                tolerance=(culprit.high - culprit.low) / 2,
                suggestion=f"print {best}",
            )
        )
    return findings


def _on_grid(value: Decimal, precision: Decimal) -> Decimal:
    """The printable value (a multiple of the print's rounding unit) nearest ``value``."""
    if precision <= 0:
        return value
    return (value / precision).to_integral_value() * precision


def _needed_text(low: Decimal, high: Decimal, precision: Decimal, scale: Decimal) -> str:
    """`2,246`, or `2,245 to 2,247` when more than one printed value would do."""
    first = _on_grid(low, precision)
    if first < low:
        first += precision
    last = _on_grid(high, precision)
    if last > high:
        last -= precision
    if last <= first:
        return printed(_on_grid((low + high) / 2, precision), scale)
    return f"{printed(first, scale)} to {printed(last, scale)}"


_SCALE_WORD = re.compile(r"thousand|million|billion|\(000\)|000'?s|\$\s*(?:m|mm|k|b|bn)\b", re.I)
_SCALE_NAMES = {3: "a thousand", 6: "a million", 9: "a billion"}


def _scale_line(release: Release, table: Table) -> int:
    """The line of the source that says the table's scale (its heading), else its first."""
    words = table.scale_text.strip()
    for doc in release.documents:
        lo = max(table.first_line - 30, doc.first_line)
        hi = min(table.last_line, doc.first_line + len(doc.lines) - 1)
        for line in range(lo, hi + 1):
            text = doc.lines[line - doc.first_line]
            if (words and words in text) or (not words and _SCALE_WORD.search(text)):
                return line
    return table.first_line


def scale_mismatches(release: Release) -> list[Finding]:
    """Figures two tables share, off by one power of 1,000: one finding per pair of tables."""
    pairs: dict[tuple[int, int], list[Relation]] = {}
    for relation in release.relations:
        if relation.source is RelationSource.SCALE and relation.evaluations:
            ev = relation.evaluations[0]
            pairs.setdefault((ev.total.table, ev.items[0].table), []).append(relation)
    findings = []
    for (a, b), relations in pairs.items():
        here, there = release.tables[a], release.tables[b]
        ev = relations[0].evaluations[0]
        power = round(math.log10(abs(ev.actual / ev.expected))) if ev.expected else 0
        factor = _SCALE_NAMES.get(abs(power), f"10^{abs(power)}")
        line, other = _scale_line(release, here), _scale_line(release, there)
        names = "; ".join(r.name for r in relations)
        spans: list[Span] = [Span(line, 0, 0), Span(other, 0, 0)]
        for relation in relations:
            for e in relation.evaluations:
                spans.extend(s for s in _evidence(release, e) if s not in spans)
        findings.append(
            Finding(
                code=FindingCode.SCALE_MISMATCH,
                severity=Severity.ERROR,
                message=(
                    f"table {here.index + 1} ({here.scale_text or 'no scale printed'}) prints "
                    f"{len(relations)} figure(s) that table {there.index + 1} "
                    f"({there.scale_text or 'no scale printed'}) also prints, each "
                    f"{factor} times {'larger' if power > 0 else 'smaller'} in every column: "
                    f"one of the two scales is wrong [{names}]"
                ),
                line=line,
                evidence=tuple(spans),
                expected=ev.expected,
                actual=ev.actual,
                difference=ev.actual - ev.expected,
                tolerance=ev.tolerance,
            )
        )
    return findings


def sum_mismatches(release: Release) -> list[Finding]:
    """A sum the layout closes that fails in a column where the same sum holds elsewhere."""
    return _mismatches(release, RelationSource.LAYOUT, FindingCode.SUM_MISMATCH)


def identity_mismatches(release: Release) -> list[Finding]:
    """A known accounting identity that fails in a column."""
    return _mismatches(release, RelationSource.IDENTITY, FindingCode.IDENTITY_MISMATCH)


def repeat_mismatches(release: Release) -> list[Finding]:
    """The same figure printed with different values in two places."""
    return _mismatches(release, RelationSource.REPEAT, FindingCode.REPEAT_MISMATCH)


def change_mismatches(release: Release) -> list[Finding]:
    """A change or percent-change column that its two period columns do not give."""
    return _mismatches(release, RelationSource.CHANGE, FindingCode.CHANGE_MISMATCH)


def ratio_mismatches(release: Release) -> list[Finding]:
    """A per-share figure that amount / shares cannot round to."""
    return _mismatches(release, RelationSource.RATIO, FindingCode.RATIO_MISMATCH)


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
                code=FindingCode.STRAY_PARENTHESIS,
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
                    code=FindingCode.UNRESOLVED_FIGURE,
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
