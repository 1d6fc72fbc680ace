"""Testing one relation in one column under the round-to-nearest interval rule.

A printed figure x with rounding unit u stands for [x - u/2, x + u/2]. A sum holds when
|T - sum(w_i x_i)| <= (u_T + sum u_i) / 2 (XBRL Calculations 1.1; touching intervals
count). A ratio holds when the interval of the quotient overlaps the printed ratio's
interval. Figures with two readings (an unbalanced parenthesis) are tried both ways,
unless a reading has already been chosen.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from itertools import product

from tieout.model import Cell, CellFlag, CellRef, Evaluation, Table

Chosen = Mapping[CellRef, Decimal]
_HALF = Decimal("0.5")


def options(cell: Cell, ref: CellRef, chosen: Chosen) -> tuple[Decimal, ...]:
    """The values a cell may take: its chosen reading, or every reading it has."""
    if ref in chosen:
        return (chosen[ref],)
    return cell.readings or (cell.value,)


def cell_at(tables: Sequence[Table], ref: CellRef) -> Cell | None:
    row = tables[ref.table].rows[ref.row]
    return row.cells[ref.column] if ref.column < len(row.cells) else None


def evaluate_sum(
    tables: Sequence[Table],
    label: str,
    total: CellRef,
    items: Sequence[tuple[CellRef, int]],
    chosen: Chosen,
) -> Evaluation | None:
    """total = sum(sign * item) in one column; None when the total's cell is blank.

    A blank item counts as zero printed exactly (a column with nothing to add).
    """
    t_cell = cell_at(tables, total)
    if t_cell is None:
        return None
    cells = [(ref, sign, cell_at(tables, ref)) for ref, sign in items]
    tolerance = t_cell.precision * _HALF + sum(
        (c.precision * _HALF for _, _, c in cells if c is not None), Decimal(0)
    )
    choices = [options(t_cell, total, chosen)] + [
        options(c, ref, chosen) if c is not None else (Decimal(0),) for ref, _, c in cells
    ]
    best: tuple[Decimal, Decimal, Decimal] | None = None
    for combo in product(*choices):
        expected = sum(
            (v * sign for v, (_, sign, _) in zip(combo[1:], cells, strict=True)), Decimal(0)
        )
        difference = combo[0] - expected
        if best is None or abs(difference) < abs(best[2]):
            best = (expected, combo[0], difference)
        if abs(difference) <= tolerance:
            break
    assert best is not None
    expected, actual, difference = best
    present = tuple(ref for ref, _, c in cells if c is not None)
    signs = tuple(sign for _, sign, c in cells if c is not None)
    return Evaluation(
        label, total, present, expected, actual, difference, tolerance,
        abs(difference) <= tolerance, signs,
    )  # fmt: skip


Quotient = Callable[[Decimal, Decimal], Decimal]


def _two_figure_relation(
    tables: Sequence[Table],
    label: str,
    total: CellRef,
    first: CellRef,
    second: CellRef,
    chosen: Chosen,
    functions: Callable[[Decimal, Decimal], Sequence[Quotient]],
    places: Decimal,
) -> Evaluation | None:
    """total = f(first, second) for a monotone f (a quotient), over the print intervals.

    f is monotone in each figure on a box whose second figure keeps its sign, so its
    range over the box is the range over the four corners. ``functions`` gives the
    readings of f to try for the printed values (both conventions of a percent change
    against a negative base); the relation holds when the range of one overlaps the
    printed total's interval. None when the second figure's interval holds zero.
    """
    t, a, b = (cell_at(tables, r) for r in (total, first, second))
    if t is None or a is None or b is None:
        return None
    best: Evaluation | None = None
    for tv, av, bv in product(
        options(t, total, chosen), options(a, first, chosen), options(b, second, chosen)
    ):
        b_lo, b_hi = bv - b.precision * _HALF, bv + b.precision * _HALF
        if b_lo <= 0 <= b_hi:
            continue  # a base that may be zero divides nothing
        a_lo, a_hi = av - a.precision * _HALF, av + a.precision * _HALF
        t_lo, t_hi = tv - t.precision * _HALF, tv + t.precision * _HALF
        for f in functions(av, bv):
            corners = [f(x, y) for x in (a_lo, a_hi) for y in (b_lo, b_hi)]
            q_lo, q_hi = min(corners), max(corners)
            computed = f(av, bv)
            holds = q_lo <= t_hi and t_lo <= q_hi
            ev = Evaluation(
                label, total, (first, second), computed.quantize(places), tv,
                (tv - computed).quantize(places),
                (t.precision * _HALF + (q_hi - q_lo) / 2).quantize(places), holds,
            )  # fmt: skip
            if holds:
                return ev
            if best is None or abs(ev.difference) < abs(best.difference):
                best = ev
    return best


def _quotient(n: Decimal, d: Decimal) -> Decimal:
    return n / d


def evaluate_ratio(
    tables: Sequence[Table],
    label: str,
    total: CellRef,
    numerator: CellRef,
    denominator: CellRef,
    chosen: Chosen,
) -> Evaluation | None:
    """total = numerator / denominator (EPS = net income / shares), interval-wise."""
    return _two_figure_relation(
        tables, label, total, numerator, denominator, chosen,
        lambda n, d: (_quotient,), Decimal("0.0001"),
    )  # fmt: skip


def _change_over(sign: int) -> Quotient:
    return lambda x, y: (x - y) / (y * sign) * 100


_AS_PRINTED, _BY_MAGNITUDE = _change_over(1), _change_over(-1)


def evaluate_percent_change(
    tables: Sequence[Table],
    label: str,
    total: CellRef,
    current: CellRef,
    prior: CellRef,
    chosen: Chosen,
) -> Evaluation | None:
    """percent = (current - prior) / |prior| * 100, interval-wise; None when not testable.

    Not testable: a blank or dashed percent (printed where the change is not meaningful)
    or a prior figure whose interval holds zero. A negative prior is tried both as
    printed and by its magnitude, the two conventions releases use; so is a change
    across zero ("(expense) income" from 35 to (81)), which some releases print as the
    change of the expense, the percent with the other sign.
    """
    t = cell_at(tables, total)
    if t is None or CellFlag.DASH_ZERO in t.flags:
        return None

    def readings(av: Decimal, bv: Decimal) -> Sequence[Quotient]:
        both = bv < 0 or av * bv < 0
        return (_AS_PRINTED, _BY_MAGNITUDE) if both else (_AS_PRINTED,)

    return _two_figure_relation(
        tables, label, total, current, prior, chosen, readings, Decimal("0.01")
    )
