"""bench.origin: an older tree timed end to end in a process of its own, and how
bench.speed sums it against this tree (the ratio issue 13 asks for)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tieout.errors import UnreadableInput

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import speed

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = next((REPO / "examples").glob("*.txt"))


def test_the_origin_worker_times_a_tree_end_to_end() -> None:
    worker = speed.Worker("", REPO / "src", module="bench.origin")
    try:
        assert worker.version["file"] == str(REPO / "src" / "tieout" / "__init__.py")
        sample, by_format = worker.once(EXAMPLE)
    finally:
        worker.close()
    assert set(sample) == {"end_to_end"} and by_format == {}
    cpu, wall = sample["end_to_end"]
    assert cpu > 0 and wall > 0


def test_a_release_the_origin_tree_fails_on_is_an_error_named(tmp_path: Path) -> None:
    package = tmp_path / "tieout"
    (package / "report").mkdir(parents=True)
    (package / "__init__.py").write_text('__version__ = "0.0.1"\n')
    (package / "pipeline.py").write_text(
        "def read(path):\n    raise ValueError(f'cannot read {path}')\n"
    )
    (package / "report" / "__init__.py").write_text("")
    (package / "report" / "serialise.py").write_text("def release_data(release):\n    return {}\n")
    worker = speed.Worker("", tmp_path, module="bench.origin")
    try:
        assert worker.version["version"] == "0.0.1"
        with pytest.raises(UnreadableInput, match="ValueError: cannot read"):
            worker.once(EXAMPLE)
    finally:
        worker.close()


def _entry(ours_ms: float, origin_ms: float | None) -> dict[str, object]:
    entry: dict[str, object] = {"ms": {"end_to_end": {"cpu_min_ms": ours_ms}}}
    if origin_ms is None:
        entry["origin_error"] = "ValueError: no"
    else:
        entry["origin_ms"] = {"end_to_end": {"cpu_min_ms": origin_ms}}
    return entry


def test_the_ratio_counts_only_releases_both_trees_read() -> None:
    group = speed._origin_group([_entry(10, 90), _entry(30, 210), _entry(5, None)], "cpu")
    assert group == {
        "releases": 2,
        "failed": 1,
        "seconds": 0.3,
        "releases_per_s": 6.67,
        "now_seconds": 0.04,
        "now_releases_per_s": 50.0,
        "x_faster": 7.5,
    }
    assert speed._origin_group([_entry(5, None)], "cpu") is None
