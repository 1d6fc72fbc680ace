"""Cells by reference, and the values a printed figure may take.

Shared by the checks and the prose: a figure printed with an unbalanced parenthesis has
two readings until the relations (or the prose) choose one; ``Chosen`` holds the choices
made so far.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from itertools import product
from typing import TypeVar

from tieout.model import Cell, CellRef, Table

Chosen = Mapping[CellRef, Decimal]
T = TypeVar("T")

# Readings of several ambiguous figures are tried in every combination, at most this
# many: past it, the further ambiguous figures are taken at their first reading. Two to
# the sixth covers six unbalanced parentheses in one relation; releases print one or two.
MAX_COMBINATIONS = 64


def cell_at(tables: Sequence[Table], ref: CellRef) -> Cell | None:
    """The cell at ``ref``; None where the row prints nothing in that column."""
    cells = tables[ref.table].rows[ref.row].cells
    try:  # (the checks look up hundreds of thousands of cells per pass over the corpus)
        return cells[ref.column]
    except IndexError:  # a row printing fewer cells than the table has columns
        if ref.column < len(cells):
            raise  # (a negative column past the first: no cell of any row)
        return None


def options(cell: Cell, ref: CellRef, chosen: Chosen) -> tuple[Decimal, ...]:
    """The values a cell may take: its chosen reading, or every reading it has."""
    if chosen and ref in chosen:  # (an empty mapping: no reference to hash)
        return (chosen[ref],)
    return cell.readings or (cell.value,)


def reading_combinations(
    choices: Sequence[tuple[T, ...]], limit: int = MAX_COMBINATIONS
) -> Iterator[tuple[T, ...]]:
    """Every combination of the figures' values, in order, bounded by ``limit``.

    Choices are kept whole from the first figure on while their product stays within
    ``limit``; every figure after that is taken at its first value. The worst case is
    ``limit`` combinations, whatever the number of ambiguous figures.
    """
    kept: list[tuple[T, ...]] = []
    count = 1
    for values in choices:
        if count * len(values) <= limit:
            kept.append(values)
            count *= len(values)
        else:
            kept.append(values[:1])
    return product(*kept)


def replaced(tables: Sequence[Table], ref: CellRef, cell: Cell | None) -> list[Table]:
    """The tables with ``cell`` printed at ``ref`` (None: printed as nothing)."""
    out = list(tables)
    table = out[ref.table]
    row = table.rows[ref.row]
    cells = list(row.cells)
    cells[ref.column] = cell
    rows = list(table.rows)
    rows[ref.row] = replace(row, cells=tuple(cells))
    out[ref.table] = replace(table, rows=tuple(rows))
    return out


def blank(tables: Sequence[Table], refs: Collection[CellRef]) -> list[Table]:
    """The tables with the cells at ``refs`` printed as nothing."""
    out = list(tables)
    for ref in refs:
        out = replaced(out, ref, None)
    return out
