"""What the prose stage builds from a release's tables is built once per set of tables,
whichever sequence holds them (``prose/memo.py``), and again for other tables."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from tieout.model import Format, Release, Source, Table
from tieout.pipeline import layout, read
from tieout.prose import memo
from tieout.prose.claims import claims_of
from tieout.prose.memo import per_object, per_tables
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


def test_forget_drops_only_what_was_built_from_the_given_tables() -> None:
    tables = _tables()
    others = _tables()
    built, remembered = _counted()
    kept_built, kept = _counted()
    remembered(tables)
    kept(others)
    memo.forget(tables)
    assert remembered(tables) == tuple(t.index for t in tables)  # built again
    assert kept(others) == tuple(t.index for t in others)  # still held: not built again
    assert built == [len(tables), len(tables)]
    assert kept_built == [len(others)]


def test_a_memo_of_a_release_is_forgotten_with_its_tables() -> None:
    tables = _tables()
    release = Release(Source("x.txt", "0" * 64, 0, Format.TEXT), (), tuple(tables))
    made: list[int] = []

    def build(record: Release) -> int:
        made.append(1)
        return len(record.tables)

    remembered = per_object(build)
    assert remembered(release) == remembered(release) == len(tables)
    memo.forget(list(tables))  # the list the pipeline holds, the tuple the release does
    remembered(release)
    assert made == [1, 1]


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["lexington-precision_2004q1.txt", "submissions/sears_2004q2.txt"])
def test_nothing_built_from_a_release_outlives_its_reading(corpus_dir: Path, name: str) -> None:
    """The index, terms and fates the prose and the checks remember are freed as the
    release ends, not held until the next release frees them on its own time."""
    tables, paragraphs, _ = layout(load(corpus_dir / name)[1])
    claims_of(paragraphs, tables)  # the prose stage alone: what it built is still held
    assert "tieout.prose.subjects.terms_of" in memo.holding()
    read(corpus_dir / name)
    assert memo.holding() == []
