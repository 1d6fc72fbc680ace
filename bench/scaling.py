"""How tieout's time grows with the size of a release: the reference release repeated.

    python -m bench.scaling [--max-copies 16] [--repeat 5]

The reference release (``lexington-precision_2004q1.txt``) is repeated k = 1, 2, 4, 8,
16 times in one file (its text, copies one after the other: k times the tables and the
prose), and each file is read end to end (``tieout.pipeline.read`` on the bytes, plus the
JSON output) ``--repeat`` times, keeping the least CPU time. The growth exponent is the
slope of log(time) over log(k), least squares: 1 when the time grows in proportion to
the input, 2 when it is quadratic. The regex peer (find every number, make each a
Decimal) is timed on the same bytes in the same run, its exponent beside tieout's.
Writes ``bench/results/scaling-<date>.json``.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import time
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from bench.corpus import corpus_dir

RESULTS = Path(__file__).resolve().parent / "results"
REFERENCE = "lexington-precision_2004q1.txt"
_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def _tieout(data: bytes) -> None:
    from tieout.pipeline import read
    from tieout.report.serialise import release_data

    json.dumps(release_data(read(data, name=REFERENCE)))


def _regex(data: bytes) -> None:
    text = data.decode("utf-8", "replace")
    [Decimal(m.group().replace(",", "")) for m in _NUMBER.finditer(text)]


def _least(run: Any, data: bytes, repeat: int) -> float:
    best = math.inf
    for _ in range(repeat):
        started = time.process_time()
        run(data)
        best = min(best, time.process_time() - started)
    return best


def exponent(points: list[tuple[float, float]]) -> float:
    """The least-squares slope of log(seconds) over log(copies)."""
    xs = [math.log(k) for k, _ in points]
    ys = [math.log(max(t, 1e-9)) for _, t in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.scaling", description=__doc__)
    parser.add_argument("--max-copies", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    source = (corpus_dir() / REFERENCE).read_bytes()
    copies = [k for k in (1, 2, 4, 8, 16, 32, 64) if k <= args.max_copies]
    _tieout(source)  # warm: imports, compiled patterns
    rows = []
    for k in copies:
        data = b"\n".join([source] * k)
        seconds = _least(_tieout, data, args.repeat)
        peer = _least(_regex, data, args.repeat)
        rows.append({"copies": k, "bytes": len(data), "seconds": seconds, "regex_peer": peer})
        print(f"k={k:3d} {len(data):9,d} bytes  tieout {seconds:7.3f} s  regex {peer:7.4f} s")
    result = {
        "benchmark": "scaling",
        "date": date.today().isoformat(),
        "command": f"python -m bench.scaling --max-copies {args.max_copies} --repeat {args.repeat}",
        "release": REFERENCE,
        "method": __doc__.split("\n\n", 2)[2].strip(),
        "points": rows,
        "exponent": round(exponent([(r["copies"], r["seconds"]) for r in rows]), 3),
        "regex_peer_exponent": round(exponent([(r["copies"], r["regex_peer"]) for r in rows]), 3),
        "x_regex_peer_at_1": round(rows[0]["seconds"] / rows[0]["regex_peer"], 1),
        "x_regex_peer_at_max": round(rows[-1]["seconds"] / rows[-1]["regex_peer"], 1),
    }
    print(
        f"growth exponent: tieout {result['exponent']}, regex peer "
        f"{result['regex_peer_exponent']} (1 = linear, 2 = quadratic)"
    )
    RESULTS.mkdir(exist_ok=True)
    out = RESULTS / f"scaling-{result['date']}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
