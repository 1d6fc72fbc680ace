"""A table's columns found for a text by bisection give what a scan of every column gives."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from tieout.readers.html.parts import Slots

_ranges = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 20)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=12,
)


def _scanned(ranges: list[tuple[int, int]], col: int, end: int) -> list[int]:
    return [j for j, (lo, hi) in enumerate(ranges) if col < hi and end > lo]


@given(_ranges, st.integers(-5, 90), st.integers(0, 30))
def test_any_ranges_give_the_columns_a_scan_gives(
    ranges: list[tuple[int, int]], col: int, width: int
) -> None:
    assert list(Slots(ranges).hits(col, col + width)) == _scanned(ranges, col, col + width)


@given(_ranges, st.integers(-5, 90), st.integers(0, 30))
@example([(0, 5), (5, 10)], 5, 1)  # a text starting where a column ends is not in it
@example([(0, 5), (5, 10)], 3, 2)  # nor one ending where a column starts
def test_ascending_ranges_are_bisected_to_the_same_columns(
    ranges: list[tuple[int, int]], col: int, width: int
) -> None:
    ascending = sorted(ranges, key=lambda r: (r[1], r[0]))
    ascending = [r for i, r in enumerate(ascending) if all(r[0] >= p[0] for p in ascending[:i])]
    slots = Slots(ascending)
    assert isinstance(slots.hits(0, 1), range)  # the bisected path, not the scan
    assert list(slots.hits(col, col + width)) == _scanned(ascending, col, col + width)
