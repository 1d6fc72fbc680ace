"""Each stage warm and cold, over the three text releases: what a release pays for the CPU's
caches holding something else when it starts.

    python -m bench.cold [ROUNDS]

In a corpus run (and in bench-speed's sweeps) a release starts with the CPU's caches holding
the release before it; a warm pass (``bench.stage``, callgrind's counts) starts with them
holding the same release. This times each stage of each text release twice per round, CPU
time, minimum of ROUNDS (default 7): right after the same stage on the same release (warm),
and right after a 64 MB write and read of a buffer of its own (cold), which evicts the CPU's
caches and changes nothing of Python's state (its objects, caches, specialised code). The
difference is what the caches cost, which fewer instructions do not remove (item 46). The
regex peer of bench-speed is timed the same way, last.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from functools import partial
from typing import Any

from bench import speed, stage

_EVICTING = 64 * 1024 * 1024  # bytes: beyond the caches of the machines seen here


def _evict(buffer: bytearray) -> None:
    """Write the buffer whole and read every eighth word of it."""
    buffer[:] = bytes(len(buffer))
    sum(memoryview(buffer).cast("Q")[::8])


def _cpu_ms(run: Callable[[], Any]) -> float:
    started = time.process_time()
    run()
    return (time.process_time() - started) * 1000


def main(argv: list[str]) -> None:
    rounds = int(argv[0]) if argv else 7
    paths = stage.text_releases()
    data = [stage.prepared(p) for p in paths]
    buffer = bytearray(_EVICTING)
    timed: list[tuple[str, list[Callable[[], Any]]]] = [
        (name, [partial(stage.run, name, d) for d in data]) for name in stage.STAGE_NAMES
    ]
    timed.append(("regex peer", [partial(speed.peer, p) for p in paths]))
    for name, runs in timed:
        warm = [float("inf")] * len(runs)
        cold = [float("inf")] * len(runs)
        for run in runs:
            run()
        for _ in range(rounds):
            for i, run in enumerate(runs):
                run()
                warm[i] = min(warm[i], _cpu_ms(run))
                _evict(buffer)
                cold[i] = min(cold[i], _cpu_ms(run))
        each = " ".join(f"{w:.2f}/{c:.2f}" for w, c in zip(warm, cold, strict=True))
        print(
            f"{name:11s} warm {sum(warm):6.2f} ms  cold {sum(cold):6.2f} ms  "
            f"x{sum(cold) / sum(warm):.2f}  (each release warm/cold: {each})"
        )


if __name__ == "__main__":
    main(sys.argv[1:])
