"""The wrong figure: one printed figure that alone explains the failing sums it is in.

``locate`` finds it (the range of values under which every sum it takes part in holds);
this check reports it once, where it is printed, with the value it should read and the
arithmetic of every relation it breaks.
"""

from __future__ import annotations

from decimal import Decimal

from tieout.checks.entry import ReleaseCheck
from tieout.checks.reporting import evidence, printed, scale_of, sum_arithmetic
from tieout.model import Finding, FindingCode, Release, Severity, Span
from tieout.rounding import Interval


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
        scale = scale_of(release, culprit.cell)
        needs = Interval.between(culprit.low, culprit.high)  # the values that make its sums tie
        best = printed(_on_grid(needs.midpoint, cell.precision), scale)
        span = _needed_text(culprit.low, culprit.high, cell.precision, scale)
        needed = best if span == best else f"{best} (any of {span})"
        names = []
        spans: list[Span] = [cell.span]
        for i, j in culprit.explains:
            relation = release.relations[i]
            ev = relation.evaluations[j]
            names.append(f"{relation.name} ({sum_arithmetic(release, ev)})")
            spans.extend(s for s in evidence(release, ev) if s not in spans)
        middle = needs.midpoint
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
                tolerance=needs.radius,
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
        return printed(_on_grid(Interval.between(low, high).midpoint, precision), scale)
    return f"{printed(first, scale)} to {printed(last, scale)}"


CHECK: ReleaseCheck = ReleaseCheck("wrong figures", FindingCode.WRONG_FIGURE, wrong_figures)
