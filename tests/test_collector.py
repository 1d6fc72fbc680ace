"""A read runs with the cycle collector paused, and leaves it as it found it: safe because
reading a release makes no reference cycles (asserted on real releases here)."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

import tieout
from tieout import pipeline
from tieout.collector import collector_paused
from tieout.errors import UnreadableInput

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "harbor-valve_2024q2.txt"


def test_a_read_pauses_the_collector_and_restores_it(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[bool] = []
    analyse = pipeline.analyse

    def watched(*args: object, **kwargs: object) -> object:
        seen.append(gc.isenabled())
        return analyse(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline, "analyse", watched)
    assert gc.isenabled()
    tieout.read(EXAMPLE)
    assert seen == [False]
    assert gc.isenabled()


def test_the_collector_comes_back_after_an_error_and_stays_off_if_it_was() -> None:
    with pytest.raises(UnreadableInput):
        tieout.read(b"")
    assert gc.isenabled()
    gc.disable()
    try:
        tieout.read(EXAMPLE)
        assert not gc.isenabled()  # the caller's choice is left alone
    finally:
        gc.enable()


def test_nested_pauses_end_with_the_outermost() -> None:
    states: list[bool] = []

    @collector_paused
    def inner() -> None:
        states.append(gc.isenabled())

    @collector_paused
    def outer() -> None:
        inner()
        states.append(gc.isenabled())

    outer()
    assert states == [False, False] and gc.isenabled()


@pytest.mark.parametrize(
    "name",
    [
        "lexington-precision_2004q1.txt",
        "submissions/apple_20150427.txt",
        "exhibits/truist_2021q4_ex99-2.htm",
    ],
)
def test_reading_a_release_leaves_no_cycles_to_collect(corpus_dir: Path, name: str) -> None:
    """What the pause rests on: with the collector off, a read leaves nothing that only
    the collector could free (a cycle made per read would grow the heap until it ran)."""
    path = corpus_dir / name
    gc.collect()
    gc.disable()
    try:
        release = tieout.read(path)
        assert release.tables
        del release
        assert gc.collect() == 0
    finally:
        gc.enable()
