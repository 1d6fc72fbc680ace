"""The compiled window search (checks/_footing.c) gives the answers of the Python search.

``footing._search_window_python`` (a window's columns on their integer grids, the full
search of every set of minus signs up to 8 items, one minus sign or the first pair
beyond) is the specification; the C function replaces it whenever the extension was
built, and hands back to it (NotImplemented) where a figure has two readings or lies
beyond 2**52 on its grid. Both search every window footing searches on every corpus
document here, and generated windows: columns that tie under random signs within their
rounding, blank rows, figures near and past the bound, columns of two readings.
"""

from __future__ import annotations

import importlib.util
import random
from pathlib import Path

import pytest

from golden import manifest
from tieout.checks import footing
from tieout.checks.footing import Best, _Figures, _Grids
from tieout.pipeline import read

NAME = "tieout.checks._footing"
BUILT = importlib.util.find_spec(NAME) is not None
needs_build = pytest.mark.skipif(not BUILT, reason="the C extension is not built here")


def _compiled() -> footing._Search:
    made = footing._compiled(forced=True)  # even when the environment forces Python
    assert made is not None
    return made


@needs_build
def test_the_compiled_search_answers_every_corpus_window_alike(
    corpus_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    compiled = _compiled()
    windows = 0

    def both(grids: _Grids, k: int, items: list[int], max_minus: int) -> Best | None:
        nonlocal windows
        expected = footing._search_window_python(grids, k, items, max_minus)
        got = compiled(grids, k, items, max_minus)
        assert got == expected and type(got) is type(expected), (k, items, max_minus)
        windows += 1
        return expected

    monkeypatch.setattr(footing, "_search_window", both)
    for name in manifest(corpus_dir):
        read((corpus_dir / name).read_bytes(), name=name)
    assert windows > 5000


class _Columns:
    """A table's columns as ``_Grids.summing`` gives them (the searches ask nothing else)."""

    def __init__(self, columns: list[_Figures]) -> None:
        self.columns = columns

    def summing(self, k: int) -> list[_Figures]:
        return self.columns


_BOUND = 2**52


def _column(rng: random.Random, rows: int, k: int, items: list[int]) -> _Figures:
    unit = rng.choice((0, 1, 2, 10, 1000))
    scale = rng.choice(
        (1, 10, 1000, 10**6, _BOUND // 4)
        if rng.random() < 0.95
        else (_BOUND - 1, _BOUND, 2**62, 2**70)  # at the bound and past it: Python's answer
    )
    printed = [rng.random() < 0.85 for _ in range(rows)]
    firsts = [rng.randint(-scale, scale) if p else 0 for p in printed]
    units = [unit if p else 0 for p in printed]
    if rng.random() < 0.6:  # a total that ties under some signs, within its rounding
        signs = [1] + [rng.choice((1, 1, -1)) for _ in items[1:]]
        firsts[k] = sum(s * firsts[j] for s, j in zip(signs, items, strict=True)) + rng.randint(
            -unit, unit
        )
        printed[k] = True
        units[k] = unit
    if rng.random() < 0.03:  # a figure with two readings
        j = rng.choice(items)
        readings: list[tuple[int, ...]] = [(f,) for f in firsts]
        readings[j] = (firsts[j], -firsts[j])
        return _Figures(printed, readings, firsts, units, True)
    return _Figures(printed, [], firsts, units, False)


@needs_build
def test_the_compiled_search_answers_generated_windows_alike() -> None:
    compiled = _compiled()
    rng = random.Random(13)
    answered = 0
    for _ in range(6000):
        rows = rng.randint(2, 40)
        k = rng.randrange(rows)
        others = [j for j in range(rows) if j != k]
        n = rng.choice((1, 2, 3, 4, 5, 6, 7, 8, 9, 12, min(len(others), 30)))
        items = sorted(rng.sample(others, min(n, len(others))))
        columns = [_column(rng, rows, k, items) for _ in range(rng.randint(0, 6))]
        max_minus = min(rng.choice((0, 1, 2, 3, 7)), len(items) - 1 if len(items) <= 8 else 2)
        grids = _Columns(columns)
        expected = footing._search_window_python(grids, k, items, max_minus)  # type: ignore[arg-type]
        got = compiled(grids, k, items, max_minus)  # type: ignore[arg-type]
        assert got == expected, (columns, k, items, max_minus)
        answered += expected is not None and expected[1] == expected[2]
    assert answered > 500  # signs found holding everywhere, not only failures
