"""Stretches of a sentence that several patterns found: the ones kept where they overlap.

Figures and period phrases are each found by several patterns, whose matches may cover
the same words: the one kept is the one that starts first, and of two that start
together the longer.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar


class Stretch(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def end(self) -> int: ...


S = TypeVar("S", bound=Stretch)


def leftmost_longest(found: Iterable[S]) -> list[S]:
    """The stretches in order, none overlapping another: of those that overlap, the first
    to start is kept, and of those that start together the longest."""
    kept: list[S] = []
    for stretch in sorted(found, key=lambda s: (s.start, -(s.end - s.start))):
        if not kept or stretch.start >= kept[-1].end:
            kept.append(stretch)
    return kept
