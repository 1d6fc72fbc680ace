"""End to end on the text releases as a corpus run meets them: every release read once per
round, in the manifest's order, so what a release leaves in the bounded caches is not
there, warm, when it is read again.

    PYTHONPATH=TREE/src:. python -m bench.corpus_order [ROUNDS] [--text-only]

Prints the sum over the three text releases of each one's CPU minimum over ROUNDS
(default 5) of ``release_json(pipeline.read(path))``. ``bench.speed`` times a release's
rounds one after another, each right after that release's own staged pass, and
``bench.stage`` loops over the three text releases alone: both read each release with the
caches it filled itself. ``--text-only`` reads the three alone here too, to compare.
Run it for two trees one after the other (PYTHONPATH) to compare them.
"""

from __future__ import annotations

import sys
import time

from bench.corpus import corpus_dir, releases
from bench.stage import TEXT
from tieout import pipeline
from tieout.report.serialise import release_json


def main(argv: list[str]) -> None:
    rounds = int(next((a for a in argv if a.isdigit()), "5"))
    paths = list(releases(corpus_dir().resolve()))
    text = [p for p in paths if any(t in p.name for t in TEXT)]
    order = text if "--text-only" in argv else paths
    best = dict.fromkeys(text, float("inf"))
    for _ in range(rounds):
        for path in order:
            started = time.process_time()
            release_json(pipeline.read(path))
            spent = time.process_time() - started
            if path in best:
                best[path] = min(best[path], spent)
    each = ", ".join(f"{p.stem} {s * 1000:.1f}" for p, s in best.items())
    print(
        f"text releases, CPU minima over {rounds} rounds: {sum(best.values()) * 1000:.2f} ms ({each})"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
