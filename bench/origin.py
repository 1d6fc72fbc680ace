"""An older tree of tieout timed end to end only, in a process of its own.

    python -m bench.speed --origin SRC        # SRC: a folder holding that tree's tieout

Issue 13 asks for ten times the releases/s of tieout as it was when the issue was filed
(main at 0f857ce). That tree has none of the stage functions ``bench.speed`` times one
by one (no ``tieout.cells``, ``tieout.nongaap``, readers of drafts), so its stage-by-stage
worker cannot import it. This worker imports only what every tree since has had,
``tieout.pipeline.read`` and the report's serialiser, and times what the issue's figure
is: a release read from its path and written as JSON, the CPU time of that one call.
``bench.speed`` asks it for each release in each round, interleaved with its own
timings, so the issue's ratio is measured in one run, under one load.

The protocol is ``bench.speed``'s worker's: a line ``version`` answers the tree's version
and file; a line holding a path answers ``{"sample": {"end_to_end": [cpu, wall]}}``, or
``{"error": ...}``; a line ``forget`` empties its bounded caches (``bench.caches``). It
warms up nothing itself: ``bench.speed``'s first round is a warm-up.
"""

from __future__ import annotations

import gc
import json
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.caches import forget_caches


def writer() -> Callable[[Any], str]:
    """The release as JSON text, by whichever serialiser the tree has: ``release_json``,
    or ``json.dumps(release_data(...))`` in a tree from before it (the same text)."""
    from tieout.report import serialise

    direct = getattr(serialise, "release_json", None)
    if direct is not None:
        return direct  # type: ignore[no-any-return]
    release_data = serialise.release_data
    return lambda release: json.dumps(release_data(release))


def main() -> int:
    import tieout
    from tieout import pipeline

    write = writer()

    def once(path: Path) -> tuple[float, float]:
        gc.collect()  # no collection owed by the last release is charged to this one
        cpu, wall = time.process_time(), time.perf_counter()
        write(pipeline.read(path))
        return time.process_time() - cpu, time.perf_counter() - wall

    for line in sys.stdin:
        request = line.strip()
        if request == "version":
            answer: dict[str, object] = {"version": tieout.__version__, "file": tieout.__file__}
        elif request == "forget":  # the bounded caches emptied (bench.speed's first sight)
            answer = {"forgot": forget_caches()}
        else:
            try:
                answer = {"sample": {"end_to_end": once(Path(request))}}
            except Exception as error:  # an old tree failing on a release is a result too
                answer = {"error": f"{type(error).__name__}: {error}"}
        print(json.dumps(answer), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
