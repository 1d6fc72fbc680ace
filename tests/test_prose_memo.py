"""What the prose stage builds from a release's tables is built once per set of tables,
whichever sequence holds them (``prose/memo.py``), and again for other tables."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from tieout.model import Table
from tieout.pipeline import layout
from tieout.prose.memo import per_tables
from tieout.sources import load

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "harbor-valve_2024q2.txt"


def _tables() -> list[Table]:
    tables, _, _ = layout(load(EXAMPLE)[1])
    assert len(tables) >= 2
    return tables


def _counted() -> tuple[list[int], Callable[[Sequence[Table]], tuple[int, ...]]]:
    built: list[int] = []

    def build(tables: Sequence[Table]) -> tuple[int, ...]:
        built.append(len(tables))
        return tuple(t.index for t in tables)

    return built, per_tables(build)


def test_the_list_and_the_tuple_of_one_releases_tables_share_one_build() -> None:
    tables = _tables()
    built, remembered = _counted()
    first = remembered(tables)
    assert remembered(tuple(tables)) is first
    assert remembered(list(tables)) is first
    assert built == [len(tables)]


def test_other_records_or_another_order_are_built_again() -> None:
    tables = _tables()
    built, remembered = _counted()
    remembered(tables)
    remembered(tables[::-1])
    remembered(tables[:-1])
    again = _tables()  # equal records, other objects: not known to be the same
    remembered(again)
    assert built == [len(tables), len(tables), len(tables) - 1, len(again)]


def test_a_list_changed_after_its_build_is_built_again() -> None:
    tables = _tables()
    built, remembered = _counted()
    remembered(tables)
    tables.pop()
    assert remembered(tables) == tuple(t.index for t in tables)
    assert built == [len(tables) + 1, len(tables)]
