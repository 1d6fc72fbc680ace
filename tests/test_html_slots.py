"""A table's columns found for a text by bisection give what a scan of every column gives."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from tieout.readers.html.parts import _SCANNED, Slots

_ranges = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 20)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=40,
)


def _scanned(ranges: list[tuple[int, int]], col: int, end: int) -> list[int]:
    return [j for j, (lo, hi) in enumerate(ranges) if col < hi and end > lo]


@given(_ranges, st.integers(-5, 90), st.integers(0, 30))
def test_any_ranges_give_the_columns_a_scan_gives(
    ranges: list[tuple[int, int]], col: int, width: int
) -> None:
    assert list(Slots(ranges).hits(col, col + width)) == _scanned(ranges, col, col + width)


@given(_ranges, st.integers(-5, 90), st.integers(0, 30))
@example([(i * 5, i * 5 + 5) for i in range(20)], 5, 1)  # a text from a column's end: not in it
@example([(i * 5, i * 5 + 5) for i in range(20)], 3, 2)  # nor one ending at a column's start
def test_ascending_ranges_are_bisected_to_the_same_columns(
    ranges: list[tuple[int, int]], col: int, width: int
) -> None:
    ascending = sorted(ranges, key=lambda r: (r[1], r[0]))
    ascending = [r for i, r in enumerate(ascending) if all(r[0] >= p[0] for p in ascending[:i])]
    slots = Slots(ascending)
    if len(ascending) > _SCANNED:
        assert isinstance(slots.hits(0, 1), range)  # the bisected path, not the scan
    assert list(slots.hits(col, col + width)) == _scanned(ascending, col, col + width)
