"""A failing evaluation reported once, for every relation check that uses the generic report.

Messages show the arithmetic in the figures as printed (`27,803 + 5,203 = 33,006`), and
every finding carries expected, actual, difference and tolerance in units, so a reader
sees why it passed or failed. A failure that one wrong figure explains is reported at
that figure (the wrong-figure check), not here.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import MAX_EMAX, MIN_EMIN, Decimal, localcontext

from tieout.checks.entry import Describe
from tieout.figures import format_figure
from tieout.model import (
    CellRef,
    Evaluation,
    Finding,
    FindingCode,
    Relation,
    Release,
    Severity,
    Span,
)


def scale_of(release: Release, ref: CellRef) -> Decimal:
    """The factor between units and the figure as printed, for showing arithmetic."""
    cell = release.cell(ref)
    if cell is None or cell.precision == 0:
        return Decimal(1)
    table = release.tables[ref.table]
    return table.scale if cell.precision >= table.scale else Decimal(1)


def printed(value: Decimal, scale: Decimal) -> str:
    """A value in units shown as the release prints it (in its table's scale).

    Exact for a figure of any length: the arithmetic runs with the digits it needs.
    """
    with localcontext() as ctx:
        ctx.prec = max(ctx.prec, len(value.as_tuple().digits) + 8, value.adjusted() + 8)
        ctx.Emax, ctx.Emin = MAX_EMAX, MIN_EMIN
        shown = value / scale
        exponent = shown.normalize().as_tuple().exponent
        assert isinstance(exponent, int)
        decimals = max(0, -exponent) if shown != shown.to_integral() else 0
        return format_figure(shown, min(decimals, 4))


def as_printed(release: Release, ref: CellRef) -> str:
    """A cell's figure as printed, or "?" where none is."""
    cell = release.cell(ref)
    return cell.raw.strip() if cell is not None else "?"


def sum_arithmetic(release: Release, ev: Evaluation) -> str:
    """`5,718 + 2,264 + (1,025) = 6,957, printed 6,939`: a sum in the figures as printed."""
    scale = scale_of(release, ev.total)
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


def describe_sum(release: Release, relation: Relation, ev: Evaluation) -> str:
    """A failing sum: its arithmetic and how far off, in the figures as printed."""
    off = printed(abs(ev.difference), scale_of(release, ev.total))
    return f"{sum_arithmetic(release, ev)}; off by {off}"


def evidence(release: Release, ev: Evaluation) -> tuple[Span, ...]:
    """The spans of the figures an evaluation reads: its total's first."""
    spans = []
    for ref in (ev.total, *ev.items):
        cell = release.cell(ref)
        if cell is not None:
            spans.append(cell.span)
    return tuple(spans)


def failure(release: Release, ev: Evaluation, code: FindingCode, message: str) -> Finding:
    """An error at a failing evaluation's total (its line), citing the figures it reads, with
    its expected and actual value, difference and tolerance."""
    total = release.cell(ev.total)
    return Finding(
        code=code,
        severity=Severity.ERROR,
        message=message,
        line=total.span.line
        if total is not None
        else release.row(ev.total.table, ev.total.row).line,
        evidence=evidence(release, ev),
        expected=ev.expected,
        actual=ev.actual,
        difference=ev.difference,
        tolerance=ev.tolerance,
    )


def mismatches(
    release: Release, relations: Sequence[int], code: FindingCode, describe: Describe
) -> list[Finding]:
    """One error per failing evaluation of the given relations, at its total's line."""
    findings = []
    explained = {key for culprit in release.culprits for key in culprit.explains}
    for i in relations:
        relation = release.relations[i]
        for j, ev in enumerate(relation.evaluations):
            if ev.holds or (i, j) in explained:
                continue  # a failure explained by one wrong figure is reported at that figure
            row = release.row(ev.total.table, ev.total.row)
            holds = ", ".join(relation.holds_in) or "no column"
            message = (
                f"{row.label} ({ev.label}) does not tie: {describe(release, relation, ev)} "
                f"[{relation.name}; holds in {holds}]"
            )
            findings.append(failure(release, ev, code, message))
    return findings
