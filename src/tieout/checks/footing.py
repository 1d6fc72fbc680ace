"""Sums the layout shows: a rule line or a "Total" label closes the rows above it.

Releases do not say which rows add up or with which sign, so the finder proposes the
rows above a total back to the previous boundary (a double rule, a section head, the
previous closed total, which enters as an item) and searches the signs. A sum is real
when one set of signs holds in every period column; one that holds in every column
but one is reported as a failing relation, the strongest evidence of an error there.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal
from itertools import combinations, product

from tieout.cells import options
from tieout.checks.entry import RelationCheck
from tieout.checks.reporting import describe_sum
from tieout.checks.spec import Spec, same_table_places
from tieout.model import (
    CellRef,
    FindingCode,
    RelationKind,
    RelationSource,
    Row,
    RowKind,
    Rule,
    Table,
    Term,
    Unit,
)
from tieout.rounding import sum_tolerance, within

_MAX_ITEMS = 12
_MAX_NEAREST = 10
_NEAREST_MINUS = 3
# labels that name a subtotal: "Total ...", "Net ...", "Income before ...", "Gross profit"
_SUBTOTAL_LABEL = re.compile(
    r"^(?:total|subtotal|net\b|gross\b|(?:income|earnings|profit|\(?loss\)?)\s*(?:/\s*\(loss\)\s*)?"
    r"(?:before|from|after)\b|operating\s+(?:income|profit|loss|earnings)|earnings\s*"
    r"(?:/\s*\(loss\)\s*)?per\s+share|(?:adjusted\s+)?ebitda)",
    re.I,
)
# a row that says it totals what is above it
_NAMED_TOTAL = re.compile(
    r"^total\b|^net\s+cash\b|^cash\s+(?:provided|used|generated)\b|\bactivities$"
    r"|^(?:net\s+)?\(?(?:increase|decrease)\)?(?:\s*/?\s*\(?(?:increase|decrease)\)?)?"
    r"\s+in\s+cash\b",
    re.I,
)
_SUBTOTAL_CONCEPTS = frozenset(
    {"GrossProfit", "OperatingIncome", "PretaxIncome", "NetIncome", "EBITDA", "OperatingExpenses"}
)
_SUMMABLE = (Unit.USD, Unit.SHARES, Unit.USD_PER_SHARE, Unit.PURE)


def _windows(
    rows: Sequence[Row], k: int, found: Mapping[int, Sequence[int]]
) -> Iterator[list[int]]:
    """Candidate item rows for the total at ``k``, nearest boundary first.

    A total already found stands for its items, as in ``_nearest``.
    """
    total = rows[k]
    items: list[int] = []
    j = k - 1
    while j >= 0:
        row = rows[j]
        if row.kind is RowKind.HEADER:
            if items:
                yield list(reversed(items))
            if row.level < total.level - 1 or row.rule_above is Rule.DOUBLE:
                return
            j -= 1
            continue
        if row.rule_below is Rule.DOUBLE or row.unit is not total.unit or len(items) >= _MAX_ITEMS:
            break
        items.append(j)
        if row.rule_above is Rule.SINGLE or row.rule_above is Rule.DOUBLE:
            break
        j = min(found[j]) - 1 if j in found else j - 1
    if items:
        yield list(reversed(items))


def _nearest(
    rows: Sequence[Row], k: int, found: Mapping[int, Sequence[int]]
) -> Iterator[list[int]]:
    """Windows of the rows nearest above ``k``, shortest first, across section heads.

    A total already found stands for its items: the walk takes the total and jumps
    over the rows it adds, so `Total assets` sees `Total current assets`, not the
    current assets again. A sum that holds in every column is accepted on the shortest
    window, where chance is least able to make one.
    """
    total = rows[k]
    items: list[int] = []
    j = k - 1
    while j >= 0 and len(items) < _MAX_NEAREST:
        row = rows[j]
        if row.kind is RowKind.HEADER:
            j -= 1
            continue
        if row.rule_below is Rule.DOUBLE or row.unit is not total.unit:
            break
        items.append(j)
        if len(items) >= 2:
            yield list(reversed(items))
        j = min(found[j]) - 1 if j in found else j - 1


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
        tol = sum_tolerance([t.precision, *(c.precision for c in cells if c is not None)])
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
        if any(within(t - s, tol) for t in totals):
            return True
    return False


def _search(
    table: Table, k: int, items: list[int], minus_cap: int = _MAX_ITEMS
) -> tuple[tuple[int, ...], int, int] | None:
    """The best signs for this window: (signs, columns holding, columns tested)."""
    cols = _column_values(table, k, items)
    if not cols:
        return None
    n = len(items)
    max_minus = min(n - 1 if n <= 8 else 2, minus_cap)
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
    best: tuple[tuple[int, ...], int, int], n_items: int, rule_closed: bool, named: bool
) -> bool:
    """A sum holding in every column but one counts only when chance cannot explain it.

    Chance fits a few items with free signs in one column; it does not fit a long column
    of items all added as printed under a row that says it is their total (`Total
    current assets`, `Cash used in investing activities` with its outflows in
    parentheses), so such a sum counts even with a single other column to hold in.
    """
    signs, holding, tested = best
    minus = sum(1 for s in signs if s < 0)
    if tested < 2 or holding != tested - 1 or n_items < 2:
        return False
    if (rule_closed or holding >= 2) and n_items <= 6 and minus <= 2:
        return True
    return named and minus == 0 and n_items <= _MAX_ITEMS


def closes_a_sum(row: Row) -> bool:
    """True when the layout or the label says a row may total the rows above it."""
    return (
        row.rule_above is Rule.SINGLE
        or row.kind in (RowKind.SUBTOTAL, RowKind.TOTAL)  # a reader's judgement (HTML)
        or bool(_SUBTOTAL_LABEL.search(row.label))
        or row.concept in _SUBTOTAL_CONCEPTS
    )


def _table_sums(tables: Sequence[Table], table: Table) -> list[Spec]:
    specs: list[Spec] = []
    found: dict[int, list[int]] = {}  # total row -> the rows it adds
    for k, row in enumerate(table.rows):
        if not row.has_figures or row.unit not in _SUMMABLE or not closes_a_sum(row):
            continue
        rule_closed = row.rule_above is Rule.SINGLE
        named = row.kind in (RowKind.SUBTOTAL, RowKind.TOTAL) or bool(
            _NAMED_TOTAL.search(row.label)
        )
        fallback: tuple[list[int], tuple[tuple[int, ...], int, int]] | None = None
        accepted: tuple[list[int], tuple[int, ...]] | None = None
        for items in _windows(table.rows, k, found):
            best = _search(table, k, items)
            if best is None:
                continue
            if best[1] == best[2]:
                accepted = (items, best[0])
                break
            if fallback is None and _acceptable_failure(best, len(items), rule_closed, named):
                fallback = (items, best)
        if accepted is None:
            for items in _nearest(table.rows, k, found):
                best = _search(table, k, items, _NEAREST_MINUS)
                if best is not None and best[1] == best[2] >= 2:
                    accepted = (items, best[0])
                    break
                if (
                    fallback is None
                    and best is not None
                    and named
                    and _acceptable_failure(best, len(items), rule_closed=False, named=True)
                ):
                    # totals across section heads (`Increase in cash` over the three
                    # activities) fail like any other when one of their figures is wrong
                    fallback = (items, best)
        if accepted is None and fallback is not None:
            accepted = (fallback[0], fallback[1][0])
        if accepted is not None:
            specs.append(_spec(tables, table, k, accepted[0], accepted[1], rule_closed))
            found[k] = accepted[0]
    return specs


def layout_sums(tables: Sequence[Table], found: Sequence[Spec] = ()) -> list[Spec]:
    """Every sum that a rule line, a subtotal label or a reader's mark closes, with its signs."""
    return [spec for table in tables for spec in _table_sums(tables, table)]


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
        RelationKind.SUM,
        Term(table.index, k, 1),
        tuple(Term(table.index, j, s) for j, s in zip(items, signs, strict=True)),
        same_table_places(tables, table.index, k, items),
        rule_closed,
    )


CHECK = RelationCheck(
    "layout sums", RelationSource.LAYOUT, FindingCode.SUM_MISMATCH, layout_sums, describe_sum
)
