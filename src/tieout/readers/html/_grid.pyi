"""The cells of a row of tieout.readers.html.grid, compiled from _grid.c (same outputs)."""

from typing import Any

def configure(kinds: tuple[Any, ...], /) -> None:
    """Hold what ``row`` reads, once: the records, constants and Python fallbacks.

    ``kinds`` is (Node, Text, GridCell, PLAIN, (NONE, SINGLE, DOUBLE), EMPTY, _span_attr,
    _ix, check_text, _BLOCK, _NOT_NESTED, _NOT_BLANK, (MAX_COLSPAN, MAX_ROWSPAN,
    MAX_TEXT)).
    """

def words_of(
    value: str, pieces: tuple[tuple[int, int], ...], /
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """text._words_python: the words of a positioned text one space apart, with places."""

def row(
    tr: Any, div_table: bool, bold: bool, taken: dict[int, int], name: str, /
) -> tuple[list[Any], int]:
    """grid._row_python: the cells of a row, and the slot after its last."""
