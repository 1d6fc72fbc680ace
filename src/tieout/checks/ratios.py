"""Per-share figures: EPS = net income / weighted average shares, interval-wise.

A per-share row is paired with the table's net income and with the one share count of
the same basis (basic or diluted). Where the basis is unclear or several share counts
could serve, no relation is proposed: a wrong pairing would raise a false alarm.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from tieout.checks.entry import RelationCheck
from tieout.checks.reporting import as_printed, printed
from tieout.checks.spec import Spec, evaluate, same_table_places
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
from tieout.vocabulary import Concept
from tieout.vocabulary.dilution import dilutions, may_pair
from tieout.vocabulary.per_share import plain_earnings_per_share

# enum members read once: a member read by attribute goes through its metaclass's
# ``__getattr__`` in Python 3.11 (about 0.4 us), in loops over rows and columns
_SHARES, _USD_PER_SHARE, _RATIO_SOURCE, _RATIO = (
    Unit.SHARES, Unit.USD_PER_SHARE, RelationSource.RATIO, RelationKind.RATIO
)  # fmt: skip


def per_share_ratios(tables: Sequence[Table], found: Sequence[Spec] = ()) -> list[Spec]:
    """EPS = net income / shares for each plain per-share row with a clear pairing.

    The numerator is the net income available to common shareholders where the table
    prints it (after preferred dividends: what EPS is computed from), else net income.
    The ratio is tested in the period columns only: a change column holds differences;
    it counts when it holds in at least half of them.
    """
    specs: list[Spec] = []
    for table in tables:
        income = _numerator(table)
        if income is None:
            continue
        shares = [r for r in table.rows if r.unit is _SHARES and r.has_figures]
        for row in table.rows:
            if row.unit is not _USD_PER_SHARE or not row.has_figures:
                continue
            # the pairing first: its words are read cheaply, and a row of no one share
            # count is not searched for earnings' words (two long patterns)
            pick = _pair(row, shares)
            if pick is None or not plain_earnings_per_share(f"{row.section or ''} {row.label}"):
                continue
            specs.append(
                Spec(
                    _RATIO_SOURCE,
                    f"{row.label} = {income.label} / {pick.label}",
                    _RATIO,
                    Term(table.index, row.index, 1),
                    (Term(table.index, income.index, 1), Term(table.index, pick.index, -1)),
                    tuple(
                        place
                        for place in same_table_places(
                            tables, table.index, row.index, [income.index, pick.index]
                        )
                        if not table.columns[place.total.column].change
                    ),
                )
            )
    return [s for s in specs if _bears_out(s, tables)]


def _bears_out(spec: Spec, tables: Sequence[Table]) -> bool:
    """Whether the rows are the ones the EPS is computed from: the ratio holds in at least
    half of the columns it is tested in. Holding in one column of seven is chance (a
    numerator near the true one, such as net income before an allocation to other
    shares); a wrong EPS is one or two columns out of many."""
    relation = evaluate(spec, tables, {})
    tested = len(relation.evaluations)
    return tested > 0 and len(relation.holds_in) * 2 >= tested


def _numerator(table: Table) -> Row | None:
    """Net income available to common shareholders where printed, else net income."""
    for concept in (Concept.NetIncomeToCommon, Concept.NetIncome):
        row = next((r for r in table.rows if r.concept == concept and r.has_figures), None)
        if row is not None:
            return row
    return None


def _pair(row: Row, shares: list[Row]) -> Row | None:
    basis = dilutions(f"{row.section or ''} {row.label}")
    fitting = [s for s in shares if may_pair(basis, dilutions(f"{s.section or ''} {s.label}"))]
    if len(fitting) == 1:
        return fitting[0]
    exact = [s for s in fitting if dilutions(f"{s.section or ''} {s.label}") == basis]
    return exact[0] if len(exact) == 1 else None


def describe(release: Release, relation: Relation, ev: Evaluation) -> str:
    """`156 / 4,932 = 0.0316, printed 0.05; off by 0.0184`."""
    n, d = (as_printed(release, r) for r in ev.items)
    arithmetic = f"{n} / {d} = {ev.expected}, printed {printed(ev.actual, Decimal(1))}"
    return f"{arithmetic}; off by {abs(ev.difference)}"


CHECK: RelationCheck = RelationCheck(
    "per-share ratios", _RATIO_SOURCE, FindingCode.RATIO_MISMATCH, per_share_ratios, describe
)
