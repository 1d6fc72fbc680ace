"""Sums the layout shows: a rule line or a "Total" label closes the rows above it.

Releases do not say which rows add up or with which sign, so the finder proposes the
rows above a total back to the previous boundary (a double rule, a section head, the
previous closed total, which enters as an item) and searches the signs. A sum is real
when one set of signs holds in every period column; one that holds in every column
but one is reported as a failing relation, the strongest evidence of an error there.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from itertools import combinations, product

from tieout.checks.evaluate import options
from tieout.checks.spec import Spec, same_table_places
from tieout.model import CellRef, RelationSource, Row, RowKind, Rule, Table, Term, Unit

_MAX_ITEMS = 12
_SUMMABLE = (Unit.USD, Unit.SHARES, Unit.USD_PER_SHARE, Unit.PURE)
_HALF = Decimal("0.5")


def _windows(rows: Sequence[Row], k: int) -> Iterator[list[int]]:
    """Candidate item rows for the total at ``k``, nearest boundary first."""
    total = rows[k]
    items: list[int] = []
    for j in range(k - 1, -1, -1):
        row = rows[j]
        if row.kind is RowKind.HEADER:
            if items:
                yield list(reversed(items))
            if row.level < total.level - 1 or row.rule_above is Rule.DOUBLE:
                return
            continue
        if row.rule_below is Rule.DOUBLE or row.unit is not total.unit or len(items) >= _MAX_ITEMS:
            break
        items.append(j)
        if row.rule_above is Rule.SINGLE or row.rule_above is Rule.DOUBLE:
            break
    if items:
        yield list(reversed(items))


def _sign_vectors(n: int, max_minus: int) -> Iterator[tuple[int, ...]]:
    """Signs for n items, the first always +, fewest minus signs first."""
    for minus in range(min(max_minus, n - 1) + 1):
        for picked in combinations(range(1, n), minus):
            yield tuple(-1 if i in picked else 1 for i in range(n))


def _column_values(
    table: Table, k: int, items: list[int]
) -> list[tuple[str, tuple[Decimal, ...], list[tuple[Decimal, ...]], Decimal]]:
    """Per column with a printed total and some printed item: total readings, item readings, tolerance."""
    out = []
    for col in table.columns:
        if col.unit is Unit.PERCENT and table.rows[k].unit is not Unit.PERCENT:
            continue  # a % change column does not add
        t = table.rows[k].cells[col.index]
        cells = [table.rows[j].cells[col.index] for j in items]
        if t is None or all(c is None for c in cells):
            continue
        tol = t.precision * _HALF + sum(
            (c.precision * _HALF for c in cells if c is not None), Decimal(0)
        )
        values = [
            options(c, CellRef(table.index, j, col.index), {}) if c is not None else (Decimal(0),)
            for j, c in zip(items, cells, strict=True)
        ]
        out.append((col.label, options(t, CellRef(table.index, k, col.index), {}), values, tol))
    return out


def _holds(
    signs: tuple[int, ...],
    totals: tuple[Decimal, ...],
    values: list[tuple[Decimal, ...]],
    tol: Decimal,
) -> bool:
    for combo in product(*values):
        s = sum((v * w for v, w in zip(combo, signs, strict=True)), Decimal(0))
        if any(abs(t - s) <= tol for t in totals):
            return True
    return False


def _search(
    table: Table, k: int, items: list[int], rule_closed: bool
) -> tuple[tuple[int, ...], int, int] | None:
    """The best signs for this window: (signs, columns holding, columns tested)."""
    cols = _column_values(table, k, items)
    if not cols:
        return None
    n = len(items)
    max_minus = n - 1 if n <= 8 else 2
    if len(cols) == 1 and n > 4:
        max_minus = min(max_minus, 1)
    best: tuple[tuple[int, ...], int, int] | None = None
    for signs in _sign_vectors(n, max_minus):
        holding = sum(1 for _, totals, values, tol in cols if _holds(signs, totals, values, tol))
        if holding == len(cols):
            return signs, holding, len(cols)
        if best is None or holding > best[1]:
            best = (signs, holding, len(cols))
    return best


def _acceptable_failure(
    best: tuple[tuple[int, ...], int, int], n_items: int, rule_closed: bool
) -> bool:
    """A sum holding in every column but one counts only when chance cannot explain it."""
    signs, holding, tested = best
    minus = sum(1 for s in signs if s < 0)
    return (
        tested >= 2
        and holding == tested - 1
        and (rule_closed or holding >= 2)
        and n_items >= 2
        and n_items <= 6
        and minus <= 2
    )


def layout_sums(tables: Sequence[Table]) -> list[Spec]:
    """Every sum that a rule line or a Total label closes, with the signs that hold."""
    specs: list[Spec] = []
    for table in tables:
        for k, row in enumerate(table.rows):
            if not row.has_figures or row.unit not in _SUMMABLE:
                continue
            rule_closed = row.rule_above is Rule.SINGLE
            marked = row.kind in (RowKind.SUBTOTAL, RowKind.TOTAL)  # a reader's judgement
            if not (rule_closed or marked or row.label.lower().startswith("total")):
                continue
            fallback: tuple[list[int], tuple[tuple[int, ...], int, int]] | None = None
            found = False
            for items in _windows(table.rows, k):
                best = _search(table, k, items, rule_closed)
                if best is None:
                    continue
                if best[1] == best[2]:
                    specs.append(_spec(tables, table, k, items, best[0], rule_closed))
                    found = True
                    break
                if fallback is None and _acceptable_failure(best, len(items), rule_closed):
                    fallback = (items, best)
            if not found and fallback is not None:
                specs.append(_spec(tables, table, k, fallback[0], fallback[1][0], rule_closed))
    return specs


def _spec(
    tables: Sequence[Table],
    table: Table,
    k: int,
    items: list[int],
    signs: tuple[int, ...],
    rule_closed: bool,
) -> Spec:
    return Spec(
        RelationSource.LAYOUT,
        table.rows[k].label,
        "sum",
        Term(table.index, k, 1),
        tuple(Term(table.index, j, s) for j, s in zip(items, signs, strict=True)),
        same_table_places(tables, table.index, k, items),
        rule_closed,
    )
