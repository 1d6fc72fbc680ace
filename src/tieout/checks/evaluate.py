"""Testing one relation in one column under the round-to-nearest interval rule.

A printed figure x with rounding unit u stands for [x - u/2, x + u/2]. A sum holds when
|T - sum(w_i x_i)| <= (u_T + sum u_i) / 2 (XBRL Calculations 1.1; touching intervals
count). A ratio holds when the interval of the quotient overlaps the printed ratio's
interval. Figures with two readings (an unbalanced parenthesis) are tried both ways,
unless a reading has already been chosen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
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


def evaluate_ratio(
    tables: Sequence[Table],
    label: str,
    total: CellRef,
    numerator: CellRef,
    denominator: CellRef,
    chosen: Chosen,
) -> Evaluation | None:
    """total = numerator / denominator (EPS = net income / shares), interval-wise."""
    t, n, d = (cell_at(tables, r) for r in (total, numerator, denominator))
    if t is None or n is None or d is None:
        return None
    best: Evaluation | None = None
    for tv, nv, dv in product(
        options(t, total, chosen), options(n, numerator, chosen), options(d, denominator, chosen)
    ):
        d_lo, d_hi = dv - d.precision * _HALF, dv + d.precision * _HALF
        if d_lo <= 0 <= d_hi:
            continue  # a share count that may be zero divides nothing
        n_lo, n_hi = nv - n.precision * _HALF, nv + n.precision * _HALF
        corners = [n_lo / d_lo, n_lo / d_hi, n_hi / d_lo, n_hi / d_hi]
        q_lo, q_hi = min(corners), max(corners)
        t_lo, t_hi = tv - t.precision * _HALF, tv + t.precision * _HALF
        expected = (nv / dv).quantize(Decimal("0.0001"))
        difference = tv - nv / dv
        tolerance = t.precision * _HALF + (q_hi - q_lo) / 2
        holds = q_lo <= t_hi and t_lo <= q_hi
        ev = Evaluation(
            label, total, (numerator, denominator), expected, tv,
            difference.quantize(Decimal("0.0001")), tolerance.quantize(Decimal("0.0001")), holds,
        )  # fmt: skip
        if holds:
            return ev
        if best is None or abs(ev.difference) < abs(best.difference):
            best = ev
    return best


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
    across zero, which some releases print as the change of the expense.
    """
    t, a, b = (cell_at(tables, r) for r in (total, current, prior))
    if t is None or a is None or b is None or CellFlag.DASH_ZERO in t.flags:
        return None
    best: Evaluation | None = None
    for tv, av, bv in product(
        options(t, total, chosen), options(a, current, chosen), options(b, prior, chosen)
    ):
        b_lo, b_hi = bv - b.precision * _HALF, bv + b.precision * _HALF
        if b_lo <= 0 <= b_hi:
            continue
        a_lo, a_hi = av - a.precision * _HALF, av + a.precision * _HALF
        t_lo, t_hi = tv - t.precision * _HALF, tv + t.precision * _HALF
        # across zero ("(expense) income" from 35 to (81)) some print the change of the
        # expense, the percent with the other sign: both readings are the release's own
        across = av * bv < 0
        for base_sign in (1, -1) if bv < 0 or across else (1,):
            corners = [(x - y) / (y * base_sign) * 100 for x in (a_lo, a_hi) for y in (b_lo, b_hi)]
            q_lo, q_hi = min(corners), max(corners)
            computed = (av - bv) / (bv * base_sign) * 100
            holds = q_lo <= t_hi and t_lo <= q_hi
            ev = Evaluation(
                label, total, (current, prior), computed.quantize(Decimal("0.01")), tv,
                (tv - computed).quantize(Decimal("0.01")),
                (t.precision * _HALF + (q_hi - q_lo) / 2).quantize(Decimal("0.01")), holds,
            )  # fmt: skip
            if holds:
                return ev
            if best is None or abs(ev.difference) < abs(best.difference):
                best = ev
    return best
