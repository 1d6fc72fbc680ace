"""The compiled components against their pure-Python fallbacks, in one process and run.

    python -m bench.compiled [--repeat N] [--out DIR]

Today's one compiled component is the HTML tag scan (``readers/html/_scan.c``, the pass
of ``readers/html/scan.py``). For every corpus release, interleaved, round robin:

    scan        the tag scan of each HTML document of the release, as the HTML reader
                scans it: compiled (``scan.scan``) and Python (``scan._scan_python``)
    end_to_end  ``tieout.pipeline.read(path)``, with the reader's scan the compiled one
                and then the Python one (the same process, the same warm caches)

Times are CPU time (``process_time``), the minimum of ``--repeat`` rounds (the machine is
shared); releases are grouped ``html`` (any HTML document) and ``text``. Writes
``bench/results/compiled-<date>.json`` and prints the ratios python / compiled. Exits 2
when the extension is not built (there is nothing to compare).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import tieout.pipeline
import tieout.readers.html
from bench.corpus import RESULTS, corpus_dir, name_of, releases, stamp
from tieout.model import Format
from tieout.sources import load

_package = sys.modules["tieout.readers.html"]
_scan = sys.modules["tieout.readers.html.scan"]


def _cpu(fn: Callable[[], object]) -> float:
    start = time.process_time()
    fn()
    return time.process_time() - start


def _read_with(scan: Callable[[str], object], path: Path) -> Callable[[], object]:
    def run() -> object:
        _package.scan = scan  # the name html_drafts calls
        try:
            return tieout.pipeline.read(path)
        finally:
            _package.scan = _scan.scan

    return run


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)
    if not _scan.COMPILED:
        print("the compiled scan is not in use (not built, or TIEOUT_PURE_PYTHON set)")
        return 2
    root = corpus_dir()
    measured: list[dict[str, Any]] = []
    for path in releases(root):
        name = name_of(path, root)
        docs = load(path)[1]
        html = ["\n".join(d.lines) for d in docs if d.format is Format.HTML]
        runs: dict[str, Callable[[], object]] = {
            "scan_compiled": lambda h=html: [_scan.scan(t) for t in h],
            "scan_python": lambda h=html: [_scan._scan_python(t) for t in h],
            "end_to_end_compiled": _read_with(_scan.scan, path),
            "end_to_end_python": _read_with(_scan._scan_python, path),
        }
        best = dict.fromkeys(runs, float("inf"))
        for _ in range(args.repeat):
            for key, fn in runs.items():
                best[key] = min(best[key], _cpu(fn))
        group = "html" if html else "text"
        measured.append({"release": name, "group": group, "chars": sum(map(len, html)), **best})
        print(f"{name}: {group}, " + ", ".join(f"{k} {v * 1000:.1f} ms" for k, v in best.items()))
    summary: dict[str, dict[str, float | None]] = {}
    for group in ("html", "text"):
        rows = [r for r in measured if r["group"] == group]
        totals = {k: sum(r[k] for r in rows) for k in runs}
        summary[group] = {
            "releases": len(rows),
            **{f"{k}_s": round(v, 4) for k, v in totals.items()},
            "scan_x_python_over_compiled": _ratio(totals["scan_python"], totals["scan_compiled"])
            if any(r["chars"] for r in rows)
            else None,  # no HTML document in the group: no scan was timed
            "end_to_end_x_python_over_compiled": _ratio(
                totals["end_to_end_python"], totals["end_to_end_compiled"]
            ),
        }
        print(group, json.dumps(summary[group]))
    command = "python -m bench.compiled " + " ".join(argv if argv is not None else sys.argv[1:])
    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / f"compiled-{stamp()}.json"
    result = {"command": command.strip(), "repeat": args.repeat, "summary": summary}
    out.write_text(json.dumps({**result, "releases": measured}, indent=1) + "\n")
    print(f"wrote {out}")
    return 0


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 2) if b else None


if __name__ == "__main__":
    raise SystemExit(main())
