"""bench.stage: one stage run alone on inputs made as the pipeline makes them; its
prepared release must be the pipeline's, or the instructions it counts are another
program's."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import speed, stage

from tieout import pipeline

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = next((REPO / "examples").glob("*.txt"))


def test_the_prepared_release_is_the_pipelines() -> None:
    prepared = stage.prepared(EXAMPLE)
    assert speed._output(prepared["final"]) == speed._output(pipeline.read(EXAMPLE))
    assert prepared["claims"] and prepared["tables"]


@pytest.mark.parametrize("name", stage.STAGE_NAMES)
def test_each_stage_runs_on_the_prepared_inputs(name: str) -> None:
    prepared = stage.prepared(EXAMPLE)
    stage.run(name, prepared)
    # a stage leaves its inputs as they were: the next pass measures the same work
    assert speed._output(prepared["final"]) == speed._output(pipeline.read(EXAMPLE))


def test_an_unknown_stage_is_refused_with_the_usage() -> None:
    with pytest.raises(SystemExit) as refused:
        stage.main(["parse", "1"])
    assert "python -m bench.stage STAGE PASSES" in str(refused.value)
