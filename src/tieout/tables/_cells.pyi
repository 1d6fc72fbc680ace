"""A row's figures in units, compiled from _cells.c (assemble._cells_python)."""

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

def configure(
    cell: type[Any],
    scaling_of: Callable[[Decimal], Any],
    scaled: Callable[[Decimal, Decimal, bool], Decimal],
    scaled_unit: Callable[[int, Decimal], Decimal],
    ten: Decimal,
    /,
) -> None:
    """Hold the Cell class (its seven slots) and assemble's helpers, once."""

def cells(
    figures: Sequence[Any], own_units: list[bool], by_factor: Any, by_one: Any, powered: bool, /
) -> list[Any]:
    """assemble._cells_python's cells of a row's figures, given its scalings."""
