"""The compiled components against their pure-Python fallbacks, in one process and run.

    python -m bench.compiled [--repeat N] [--out DIR] [--suffix NAME]

The compiled components: the HTML tag scan (``readers/html/_scan.c``, the pass of
``readers/html/scan.py``) and the positioned tree (``readers/html/_tree.c``, the walk of
``readers/html/parse.py``). For every corpus release, interleaved, round robin:

    scan        the tag scan of each HTML document of the release, as the HTML reader
                scans it: compiled (``scan.scan``) and Python (``scan._scan_python``)
    tree        the positioned tree of each HTML document from lxml's parsed root (the
                parse itself not timed): compiled (``parse.tree``) and Python
                (``parse._tree_python``)
    parse       the reader's parse stage (``parse.parse``: lxml's parse and the tree) of
                each scanned document, with the compiled tree (and the compiled parse of
                the unmarked text) and with the Python one
    end_to_end  ``tieout.pipeline.read(path)`` with both components compiled, with the
                compiled scan and the Python tree (what main had before the tree was
                compiled), and with both in Python (the same process, the same warm caches)

Times are CPU time (``process_time``), the minimum of ``--repeat`` rounds (the machine is
shared), each from a collected heap; the stages run with the cycle collector paused, as
the reader runs them (``tieout.read`` pauses it itself); releases are grouped ``html`` (any HTML document) and ``text``. Writes
``bench/results/compiled-<date>[-NAME].json`` and prints the ratios python / compiled.
Exits 2 when an extension is not built (there is nothing to compare).
"""

from __future__ import annotations

import argparse
import gc
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

# the modules by name: the package's ``parse`` and ``scan`` are also functions it exports
_package: Any = sys.modules["tieout.readers.html"]
_scan: Any = sys.modules["tieout.readers.html.scan"]
_parse: Any = sys.modules["tieout.readers.html.parse"]


def _cpu(fn: Callable[[], object], paused: bool) -> float:
    """CPU time of one call, from a collected heap; ``paused``: with the cycle collector off,
    as the HTML reader runs its stages (``tieout.collector.collector_paused``)."""
    gc.collect()
    if paused:
        gc.disable()
    try:
        start = time.process_time()
        fn()
        return time.process_time() - start
    finally:
        gc.enable()


def _read_with(
    scan: Callable[[str], Any], tree: Callable[..., Any], path: Path
) -> Callable[[], object]:
    def run() -> object:
        _package.scan = scan  # the name html_drafts calls
        _parse.tree = tree  # the name parse.parse calls
        _parse._POSITIONED = _positioned if tree is _tree else None  # the compiled parse too
        try:
            return tieout.pipeline.read(path)
        finally:
            _package.scan = _scan.scan
            _parse.tree = _tree
            _parse._POSITIONED = _positioned

    return run


_tree = _parse.tree
_positioned = _parse._POSITIONED  # the compiled parse of the unmarked text, part of _tree.c
python_scan, python_tree = _scan._scan_python, _parse._tree_python


def _parse_with(tree: Callable[..., Any], scanned: list[tuple[str, Any]]) -> Callable[[], object]:
    def run() -> object:
        _parse.tree = tree
        _parse._POSITIONED = _positioned if tree is _tree else None  # the compiled parse too
        try:
            return [_parse.parse(text, s, "bench.htm") for text, s in scanned]
        finally:
            _parse.tree = _tree
            _parse._POSITIONED = _positioned

    return run


def _each(fn: Callable[..., Any], calls: list[tuple[Any, ...]]) -> Callable[[], object]:
    """A run that calls ``fn`` with each of these arguments."""
    return lambda: [fn(*a) for a in calls]


def _roots(scanned: list[tuple[str, Any]]) -> list[tuple[Any, ...]]:
    """What the tree is built from, per document: lxml's root, its tag and look, the scan."""
    out = []
    for text, s in scanned:
        root = _parse._parse(s.marked, "bench.htm")
        if root is not None and isinstance(root.tag, str):
            style = root.get("style")
            seen = _parse.look(style) if style else _parse.PLAIN
            out.append((root, root.tag, seen, text, s))
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=RESULTS)
    parser.add_argument("--suffix", default="", help="added to the result file's name")
    args = parser.parse_args(argv)
    if not (_scan.COMPILED and _parse.COMPILED):
        print("a compiled component is not in use (not built, or TIEOUT_PURE_PYTHON set)")
        return 2
    root = corpus_dir()
    measured: list[dict[str, Any]] = []
    for path in releases(root):
        name = name_of(path, root)
        docs = load(path)[1]
        html = ["\n".join(d.lines) for d in docs if d.format is Format.HTML]
        scanned = [(t, _scan.scan(t)) for t in html]
        roots = _roots(scanned)
        runs: dict[str, Callable[[], object]] = {
            "scan_compiled": _each(_scan.scan, [(t,) for t in html]),
            "scan_python": _each(python_scan, [(t,) for t in html]),
            "tree_compiled": _each(_tree, roots),
            "tree_python": _each(python_tree, roots),
            "parse_compiled": _parse_with(_tree, scanned),
            "parse_python": _parse_with(python_tree, scanned),
            "end_to_end_compiled": _read_with(_scan.scan, _tree, path),
            "end_to_end_scan_only": _read_with(_scan.scan, python_tree, path),
            "end_to_end_python": _read_with(python_scan, python_tree, path),
        }
        best = dict.fromkeys(runs, float("inf"))
        for _ in range(args.repeat):
            for key, fn in runs.items():
                best[key] = min(best[key], _cpu(fn, not key.startswith("end_to_end")))
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
            **{
                f"{stage}_x_python_over_compiled": _ratio(
                    totals[f"{stage}_python"], totals[f"{stage}_compiled"]
                )
                if any(r["chars"] for r in rows)
                else None  # no HTML document in the group: nothing was timed
                for stage in ("scan", "tree", "parse")
            },
            "end_to_end_x_python_over_compiled": _ratio(
                totals["end_to_end_python"], totals["end_to_end_compiled"]
            ),
            "end_to_end_x_scan_only_over_compiled": _ratio(
                totals["end_to_end_scan_only"], totals["end_to_end_compiled"]
            ),
        }
        print(group, json.dumps(summary[group]))
    command = "python -m bench.compiled " + " ".join(argv if argv is not None else sys.argv[1:])
    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / f"compiled-{stamp()}{'-' + args.suffix if args.suffix else ''}.json"
    result = {"command": command.strip(), "repeat": args.repeat, "summary": summary}
    out.write_text(json.dumps({**result, "releases": measured}, indent=1) + "\n")
    print(f"wrote {out}")
    return 0


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 2) if b else None


if __name__ == "__main__":
    raise SystemExit(main())
