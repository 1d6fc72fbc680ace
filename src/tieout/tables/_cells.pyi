"""A table's rows, their figures in units and its prints by column, compiled from _cells.c
(assemble._rows_python, assemble._cells_python, headers._count_prints_python)."""

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

def configure_rows(
    row: type[Any], helpers: tuple[Any, ...], members: tuple[Any, ...], max_head: int, /
) -> None:
    """Hold the Row class (its thirteen slots), the Python the row pass asks (label,
    worded, by_prints, flags_of, row_factor, the scalings by factor, concept_of, owns,
    Decimal(1), table_words), the enum members it compares and sections.MAX_HEAD."""

def cells(
    figures: Sequence[Any], own_units: list[bool], by_factor: Any, by_one: Any, powered: bool, /
) -> list[Any]:
    """assemble._cells_python's cells of a row's figures, given its scalings."""

def rows(
    drafts: Sequence[Any],
    level_of: dict[float, int],
    prints_of: Any,
    columns: Sequence[Any],
    scale: Decimal,
    scale_text: str,
    title: str,
    bold_marks: bool,
    /,
) -> list[Any]:
    """assemble._rows_python's Row records of a table's row drafts."""

def prints(
    rows: Sequence[Any], width: int, dash_zero: Any, percent: Any, dollar: Any, /
) -> tuple[list[int], list[int], list[int]]:
    """headers._count_prints_python's prints by column: printed, percent, dollar."""
