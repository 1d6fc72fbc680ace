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

def cell_of(td: Any, col: int, span: int, bold: bool, name: str, /) -> Any:
    """The GridCell of a cell Node at slot ``col`` spanning ``span``, as ``row`` reads it in
    a row whose bold is ``bold`` (_tree.c's grids ask it of the cells they leave)."""

def items(role: Any, item: type[Any], empty: Any, cells: tuple[Any, ...], /) -> tuple[Any, ...]:
    """cells._items_python: the cells of a row that hold something, as ``item`` records."""

def run_span(
    span: type[Any],
    fields: tuple[Any, ...],
    near: int,
    starts: list[int],
    first_line: int,
    start_offset: int,
    value: str,
    pieces: tuple[tuple[int, int], ...],
    /,
) -> Any:
    """where.Locator._run_python: the span of a one-run text on one line, else None."""

def run_spans(
    span: type[Any],
    fields: tuple[Any, ...],
    starts: list[int],
    first_line: int,
    start_offset: int,
    value: str,
    pieces: tuple[tuple[int, int], ...],
    /,
) -> tuple[tuple[int, Any], ...]:
    """where.Locator._run_spans_python: each run of a text in the file, with its span."""

def kinds(config: tuple[Any, ...], rows: tuple[Any, ...], /) -> tuple[list[Any], list[list[Any]]]:
    """parts._kinds_python: each row of a grid as a Line of its kind, and its figures."""

def groups(figures: Any, body: list[Any], strong: list[list[Any]], /) -> list[tuple[int, int, int]]:
    """parts._groups_python: a part's figure columns as (lo, hi, rows printing in them)."""

def part_rows(config: tuple[Any, ...], slots: Any, body: list[Any], where: Any, /) -> list[Any]:
    """rows._row_drafts_python: the RowDraft of each row of a part's body as printed."""

def split(config: tuple[Any, ...], rows: tuple[Any, ...], /) -> list[Any]:
    """parts._split_python: a grid's tables of figures as Parts, with their columns."""

def header_texts(part: Any, scanned: int, /) -> tuple[list[list[Any]], list[Any]]:
    """columns._header_texts_python: the header Texts over each column and left of them."""
