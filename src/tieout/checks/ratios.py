"""Per-share figures: EPS = net income / weighted average shares, interval-wise.

A per-share row is paired with the table's net income and with the one share count of
the same basis (basic or diluted). Where the basis is unclear or several share counts
could serve, no relation is proposed: a wrong pairing would raise a false alarm.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from tieout.checks.entry import RelationCheck
from tieout.checks.reporting import printed
from tieout.checks.spec import Spec, holding_somewhere, same_table_places
from tieout.model import (
    Evaluation,
    FindingCode,
    Relation,
    RelationKind,
    RelationSource,
    Release,
    Row,
    Table,
    Term,
    Unit,
)

_PLAIN_EPS = re.compile(
    r"net\s+(?:income|loss|earnings)|earnings\s*(?:/\s*\(loss\)\s*)?per|loss\s+per|income\s+per|^(?:basic|diluted)$|^eps",
    re.I,
)
_NOT_PLAIN = re.compile(
    r"before|continuing|discontinued|excluding|adjusted|cumulative|pro\s*forma|dividend|book\s+value|non-?gaap|extraordinary",
    re.I,
)


def _basis(text: str) -> str:
    t = text.lower()
    basic, diluted = "basic" in t, "diluted" in t or "common equivalent" in t or "dilutive" in t
    if basic and diluted:
        return "both"
    return "basic" if basic else "diluted" if diluted else "any"


def _fits(eps_basis: str, share_basis: str) -> bool:
    if eps_basis in ("both", "any") or share_basis in ("both", "any"):
        return True
    return eps_basis == share_basis


def per_share_ratios(tables: Sequence[Table], found: Sequence[Spec] = ()) -> list[Spec]:
    """EPS = net income / shares for each plain per-share row with a clear pairing."""
    specs: list[Spec] = []
    for table in tables:
        income = next((r for r in table.rows if r.concept == "NetIncome" and r.has_figures), None)
        if income is None:
            continue
        shares = [r for r in table.rows if r.unit is Unit.SHARES and r.has_figures]
        for row in table.rows:
            if row.unit is not Unit.USD_PER_SHARE or not row.has_figures:
                continue
            context = f"{row.section or ''} {row.label}"
            if not _PLAIN_EPS.search(context) or _NOT_PLAIN.search(context):
                continue
            pick = _pair(row, shares)
            if pick is None:
                continue
            specs.append(
                Spec(
                    RelationSource.RATIO,
                    f"{row.label} = {income.label} / {pick.label}",
                    RelationKind.RATIO,
                    Term(table.index, row.index, 1),
                    (Term(table.index, income.index, 1), Term(table.index, pick.index, -1)),
                    same_table_places(tables, table.index, row.index, [income.index, pick.index]),
                )
            )
    return holding_somewhere(specs, tables)


def _pair(row: Row, shares: list[Row]) -> Row | None:
    basis = _basis(f"{row.section or ''} {row.label}")
    fitting = [s for s in shares if _fits(basis, _basis(f"{s.section or ''} {s.label}"))]
    if len(fitting) == 1:
        return fitting[0]
    exact = [s for s in fitting if _basis(f"{s.section or ''} {s.label}") == basis]
    return exact[0] if len(exact) == 1 else None


def describe(release: Release, relation: Relation, ev: Evaluation) -> str:
    """`156 / 4,932 = 0.0316, printed 0.05; off by 0.0184`."""
    n, d = (release.cell(r) for r in ev.items)
    nums = f"{n.raw.strip() if n else '?'} / {d.raw.strip() if d else '?'}"
    arithmetic = f"{nums} = {ev.expected}, printed {printed(ev.actual, Decimal(1))}"
    return f"{arithmetic}; off by {abs(ev.difference)}"


CHECK = RelationCheck(
    "per-share ratios", RelationSource.RATIO, FindingCode.RATIO_MISMATCH, per_share_ratios, describe
)
