"""What the prose stage builds from a release's tables, built once per set of tables.

Claims are found (``claims_of``) and tied (``tie``, ``support``, asked once per ambiguous
figure) with the same tables; what each derives from them (the terms the tables let the
prose name, the index of rows and columns) costs as much as the rest of the stage, and
built per call it made a release's time grow with the square of its tables.

What is built lives as long as the release's analysis: ``pipeline.analyse`` drops it when
it ends (``forget``), so the next release neither pays to free it nor finds it held.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Sequence
from functools import wraps
from operator import is_
from typing import Any, Protocol, TypeVar

from tieout.model import Table

_T = TypeVar("_T")


class _OfTables(Protocol):
    """A record built from a release's tables (a judged ``Release``)."""

    @property
    def tables(self) -> Sequence[Table]: ...


_K = TypeVar("_K", bound=_OfTables)

# Each live memo's entry (a list of none or one) and what gives the tables of its key.
_ENTRIES: weakref.WeakKeyDictionary[
    Callable[..., object], tuple[list[tuple[Any, Any]], Callable[[Any], Sequence[Table]]]
]
_ENTRIES = weakref.WeakKeyDictionary()


def forget(*tables: Sequence[Table]) -> None:
    """Drop what every memo built from these tables: the end of a release's analysis
    (``pipeline.analyse``).

    A memo holds its entry until it is asked of other tables, so a release's index and
    terms outlived it and were freed in the next release's checks: a large release's
    (a 3.4 MB exhibit's, 3 ms) charged to a small one after it, and its memory held
    between releases. Only entries built from these tables go: another release being
    read in another thread keeps its own (a race between the test and the drop costs
    that release a rebuild, never a wrong answer: an entry is only a rebuildable copy)."""
    for last, tables_of in list(_ENTRIES.values()):
        entry = last[-1] if last else None
        if entry is not None and any(_same(tuple(tables_of(entry[0])), t) for t in tables):
            last.clear()


def holding() -> list[str]:
    """The names of the memos holding an entry now (none once a release is analysed)."""
    return sorted(
        f"{fn.__module__}.{fn.__qualname__}" for fn, (last, _) in _ENTRIES.items() if last
    )


def per_tables(build: Callable[[Sequence[Table]], _T]) -> Callable[[Sequence[Table]], _T]:
    """``build``, remembering what it made for the tables it was last given.

    The same tables are the same ``Table`` records in the same order, whatever sequence
    holds them: the checks are given the pipeline's list and the release's tuple of it
    (``Release.tables``), and a build for one serves the other (a release's index and
    terms were built twice before). The records are immutable, so what was built from
    them still holds. They are kept, in a tuple of their own, beside what was built from
    them, so the identity test cannot meet another object at the same address; one entry
    per function, replaced in one step (another thread reading it sees the old entry or
    the new one)."""
    last: list[tuple[tuple[Table, ...], _T]] = []

    @wraps(build)
    def remembered(tables: Sequence[Table]) -> _T:
        entry = last[-1] if last else None
        if entry is not None and _same(entry[0], tables):
            return entry[1]
        made = build(tables)
        last[:] = [(tuple(tables), made)]
        return made

    _ENTRIES[remembered] = (last, _itself)
    return remembered


def per_object(build: Callable[[_K], _T]) -> Callable[[_K], _T]:
    """``build``, remembering what it made for the very object it was last given (an
    immutable record: a judged ``Release``, which two checks ask the same of).

    ``per_tables`` for one object: the object is kept beside what was built from it, so
    the identity test cannot meet another object at the same address; one entry, replaced
    in one step."""
    last: list[tuple[_K, _T]] = []

    @wraps(build)
    def remembered(key: _K) -> _T:
        entry = last[-1] if last else None
        if entry is not None and entry[0] is key:
            return entry[1]
        made = build(key)
        last[:] = [(key, made)]
        return made

    _ENTRIES[remembered] = (last, _its_tables)
    return remembered


def _same(kept: tuple[Table, ...], tables: Sequence[Table]) -> bool:
    """Whether ``tables`` holds the very records ``kept`` holds, in the same order."""
    # (``is_`` mapped over both: no generator resumed per table, asked per memo and call)
    return len(kept) == len(tables) and all(map(is_, kept, tables))


def _itself(tables: tuple[Table, ...]) -> Sequence[Table]:
    """A ``per_tables`` key: the tables themselves."""
    return tables


def _its_tables(record: _OfTables) -> Sequence[Table]:
    """A ``per_object`` key: the tables of the record."""
    return record.tables
