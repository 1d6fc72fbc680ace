"""The arithmetic of a relation in one column, in the figures as the release prints them.

A reviewer checks ``(583) + 887 = 304, printed 304)`` at a glance; a value in units
(``304000``) makes them convert first. Each figure is shown in its table's scale, with
the reading the checks chose for an ambiguous print.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tieout.checks.reporting import printed as printed_in
from tieout.checks.reporting import scale_of
from tieout.model import CellRef, Evaluation, Relation, Release


@dataclass(frozen=True, slots=True)
class Arithmetic:
    """One evaluation of one relation, ready to show."""

    relation: int  # index into Release.relations
    name: str
    source: str  # layout, identity, ratio, repeat, change, scale
    column: str  # the column (or pair of columns) it was judged in
    text: str  # "5,282 + (409) + (566) = 4,307, printed 4,307"
    holds: bool
    difference: str  # as printed: "0", "1"
    tolerance: str


def _value(release: Release, ref: CellRef) -> Decimal | None:
    """The value the checks used: the chosen reading of an ambiguous print."""
    for reading in release.readings:
        if reading.cell == ref:
            return reading.value
    cell = release.cell(ref)
    return None if cell is None else cell.value


def _raw(release: Release, ref: CellRef) -> str:
    cell = release.cell(ref)
    return "?" if cell is None else cell.raw.replace("$", "").strip()


def evaluation_text(release: Release, relation: Relation, ev: Evaluation) -> str:
    """``a + b - c = x, printed y`` (or the ratio, or the percent change)."""
    scale = scale_of(release, ev.total)
    printed = _raw(release, ev.total)
    if relation.kind == "percent-change" and len(ev.items) == 2:
        a, b = (_raw(release, r) for r in ev.items)
        return f"({a} - {b}) / {b} = {printed_in(ev.expected, Decimal(1))}%, printed {printed}"
    if relation.kind == "ratio" and len(ev.items) == 2:
        n, d = (_raw(release, r) for r in ev.items)
        return f"{n} / {d} = {printed_in(ev.expected, Decimal(1))}, printed {printed}"
    parts: list[str] = []
    signs = ev.signs or (1,) * len(ev.items)
    for ref, sign in zip(ev.items, signs, strict=False):
        value = _value(release, ref)
        if value is None:
            continue
        text = printed_in(value, scale)
        if parts:
            parts.append(("- " if sign < 0 else "+ ") + text)
        else:
            parts.append("-" + text if sign < 0 else text)
    lhs = " ".join(parts) if parts else "0"
    return f"{lhs} = {printed_in(ev.expected, scale)}, printed {printed}"


def arithmetic(release: Release, index: int, ev_index: int) -> Arithmetic:
    relation = release.relations[index]
    ev = relation.evaluations[ev_index]
    scale = scale_of(release, ev.total) if relation.kind == "sum" else Decimal(1)
    return Arithmetic(
        relation=index,
        name=relation.name,
        source=relation.source.value,
        column=ev.label,
        text=evaluation_text(release, relation, ev),
        holds=ev.holds,
        difference=printed_in(abs(ev.difference), scale),
        tolerance=printed_in(ev.tolerance, scale),
    )


def touching(release: Release) -> dict[CellRef, list[Arithmetic]]:
    """For every figure, the arithmetic of each evaluation it takes part in."""
    out: dict[CellRef, list[Arithmetic]] = {}
    for i, relation in enumerate(release.relations):
        for j, ev in enumerate(relation.evaluations):
            shown_once = arithmetic(release, i, j)
            for ref in dict.fromkeys((ev.total, *ev.items)):
                out.setdefault(ref, []).append(shown_once)
    return out
