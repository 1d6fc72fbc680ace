"""The JSON text of a table's rows and head, of the relations, the claims and the
findings, compiled from _rows.c (serialise._rows_json_python,
serialise._table_head_json_python, serialise._relations_python,
serialise._claims_json_python, serialise._findings_json_python)."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

def rows(
    table: Any,
    marks: dict[tuple[int, int], str],
    numbers: Any,
    quote: Callable[[str], str],
    flag_texts: dict[Any, str],
    flags_json: Callable[[Any, Callable[[str], str]], str],
    readings: Callable[[tuple[Decimal, ...], Any, Callable[[str], str]], str],
    unrelated: str,
    /,
) -> tuple[str, int]:
    """serialise._rows_json_python's text of ``table.rows``, with the same helpers, and
    the count of its figures."""

def relations(
    release: Any, numbers: Any, quote: Callable[[str], str], verified: str, fails: str, read: str, /
) -> tuple[str, dict[int, dict[tuple[int, int], str]], int, int]:
    """serialise._relations_python's text of ``release.relations``, the figures' marks by
    table (each the word given) and the counts of relations holding and failing."""

def table_head(table: Any, numbers: Any, quote: Callable[[str], str], /) -> str:
    """serialise._table_head_json_python's text of a table's head, without its closing
    brace."""

def claims(
    release: Any,
    numbers: Any,
    quote: Callable[[str], str],
    traits_json: Callable[[Any, Callable[[str], str]], str],
    /,
) -> str:
    """serialise._claims_json_python's text of ``release.claims``."""

def findings(release: Any, numbers: Any, quote: Callable[[str], str], /) -> str:
    """serialise._findings_json_python's text of ``release.findings``."""
