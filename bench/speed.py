"""Speed of tieout on the shared corpus: time per stage, throughput, peak memory, a profile.

    python -m bench.speed [--repeat N] [--no-memory] [--no-profile]

For every release in the corpus, each stage of the pipeline is timed on its own, as
``tieout.pipeline`` composes them, and the whole is timed end to end:

    read     tieout.sources.load            bytes -> Source, Documents
    layout   tieout.pipeline.layout         Documents -> Tables, Paragraphs
    prose    tieout.prose.claims.claims_of  Paragraphs, Tables -> Claims
    checks   tieout.checks.run              -> Relations, Findings
    output   report.serialise.release_data + json.dumps
    end_to_end  tieout.pipeline.read(path) + the output stage, timed as one call

Each figure is the median of ``--repeat`` runs after one warm-up run. Times are given
against a *peer* measured in the same run on the same file: read the file, decode it,
and find every number in it with one regular expression, turning each into a Decimal:
the least any extractor of figures must do. ``x_peer`` is tieout's time over the peer's.

Peak memory per release: the peak of Python allocations during one end-to-end read
(tracemalloc, in this process), from the path as users call it and from the bytes
already in memory (reading a path first allocates a buffer of the whole size limit,
which dominates the first figure); and the growth of the peak resident set of a fresh
process that reads only that release (``VmHWM`` after the read minus before).

The slowest stage over the corpus is profiled with cProfile; the functions where its
time goes are printed and kept in the results. Writes ``bench/results/speed-<date>.json``.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import os
import platform
import pstats
import re
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import tieout
from bench.corpus import REPO, RESULTS, corpus_dir, name_of, releases, stamp
from tieout import checks, pipeline
from tieout.errors import UnreadableInput
from tieout.prose.claims import claims_of
from tieout.report.serialise import release_data
from tieout.sources import load

NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")


def peer(path: Path) -> int:
    """The baseline every extractor pays: read, decode, find every number, make it a Decimal."""
    text = path.read_bytes().decode("utf-8", errors="replace")
    return sum(1 for m in NUMBER.finditer(text) if Decimal(m.group().replace(",", "")) >= 0)


def _output(release: tieout.Release) -> str:
    return json.dumps(release_data(release))


def stages(path: Path) -> list[tuple[str, float]]:
    """One pass through the pipeline's stages, each timed on its own (seconds).

    Mirrors ``tieout.pipeline.analyse`` stage by stage (keep the two in step).
    """
    clock = time.perf_counter
    out: list[tuple[str, float]] = []
    t = clock()
    source, documents = load(path)
    out.append(("read", clock() - t))
    t = clock()
    tables, paragraphs, notes = pipeline.layout(documents)
    out.append(("layout", clock() - t))
    t = clock()
    claims = claims_of(paragraphs, tables)
    out.append(("prose", clock() - t))
    t = clock()
    release = checks.run(source, documents, tables, findings=notes, claims=claims)
    out.append(("checks", clock() - t))
    t = clock()
    _output(release)
    out.append(("output", clock() - t))
    return out


def end_to_end(path: Path) -> float:
    t = time.perf_counter()
    _output(pipeline.read(path))
    return time.perf_counter() - t


def _timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def _median_ms(values: Sequence[float]) -> float:
    return round(statistics.median(values) * 1000, 3)


def time_release(path: Path, repeat: int) -> dict[str, Any]:
    """Median milliseconds per stage, end to end and for the peer."""
    stages(path)  # warm-up: first-use imports and caches are not what we measure
    peer(path)
    per_stage: dict[str, list[float]] = {}
    e2e: list[float] = []
    base: list[float] = []
    for _ in range(repeat):
        gc.collect()
        for name, seconds in stages(path):
            per_stage.setdefault(name, []).append(seconds)
        gc.collect()
        e2e.append(end_to_end(path))
        gc.collect()
        base.append(_timed(lambda: peer(path)))
    return {
        "stages_ms": {k: _median_ms(v) for k, v in per_stage.items()},
        "end_to_end_ms": _median_ms(e2e),
        "peer_ms": _median_ms(base),
    }


def traced_peak(fn: Callable[[], object]) -> int:
    """Peak bytes of Python allocations while ``fn`` runs."""
    gc.collect()
    tracemalloc.start()
    try:
        fn()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


_RSS_PROBE = """
import json, sys
from tieout.pipeline import read
from tieout.report.serialise import release_data

def hwm():  # the peak resident set of this process image (Linux), in KiB
    with open("/proc/self/status") as fh:
        return next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))

before = hwm()
json.dumps(release_data(read(sys.argv[1])))
print(json.dumps({"before_kb": before, "after_kb": hwm()}))
"""


def rss_growth_kb(path: Path) -> int | None:
    """How much a fresh process's peak resident set grows to read one release (KiB).

    Read from ``VmHWM`` in ``/proc/self/status``, which starts afresh with the new process
    image; ``ru_maxrss`` would not do (Linux carries the parent's peak across exec).
    None where ``/proc`` is missing.
    """
    if not Path("/proc/self/status").is_file():
        return None
    done = subprocess.run(
        [sys.executable, "-c", _RSS_PROBE, str(path)],
        capture_output=True,
        text=True,
        check=False,
        cwd=REPO,
    )
    if done.returncode != 0:
        return None
    probe = json.loads(done.stdout.strip().splitlines()[-1])
    return int(probe["after_kb"]) - int(probe["before_kb"])


def profile(stage: str, paths: Sequence[Path], top: int = 15) -> dict[str, list[dict[str, Any]]]:
    """Where the time of one stage goes over the corpus: the functions by own time."""
    prepared = []
    for path in paths:
        source, documents = load(path)
        tables, paragraphs, notes = pipeline.layout(documents)
        claims = claims_of(paragraphs, tables)
        release = checks.run(source, documents, tables, findings=notes, claims=claims)
        prepared.append((path, source, documents, tables, paragraphs, notes, claims, release))
    run: dict[str, Callable[[tuple[Any, ...]], object]] = {
        "read": lambda p: load(p[0]),
        "layout": lambda p: pipeline.layout(p[2]),
        "prose": lambda p: claims_of(p[4], p[3]),
        "checks": lambda p: checks.run(p[1], p[2], p[3], findings=p[5], claims=p[6]),
        "output": lambda p: _output(p[7]),
    }
    profiler = cProfile.Profile()
    profiler.enable()
    for p in prepared:
        run[stage](p)
    profiler.disable()
    stats = pstats.Stats(profiler)
    rows = []
    for (file, line, func), (_cc, ncalls, tottime, cumtime, callers) in stats.stats.items():  # type: ignore[attr-defined]
        caller = max(callers.items(), key=lambda kv: kv[1][2], default=None)
        rows.append(
            {
                "function": func,
                "where": f"{_short(file)}:{line}",
                "called_from": f"{caller[0][2]} {_short(caller[0][0])}:{caller[0][1]}"
                if caller
                else None,
                "calls": ncalls,
                "own_s": round(tottime, 4),
                "cumulative_s": round(cumtime, 4),
            }
        )
    by_own = sorted(rows, key=lambda r: -r["own_s"])[:top]
    ours = sorted(
        (r for r in rows if r["where"].startswith("tieout/")), key=lambda r: -r["cumulative_s"]
    )
    return {"top_by_own_time": by_own, "tieout_by_cumulative_time": ours[:top]}


def _short(file: str) -> str:
    for marker in ("/src/", "/lib/python"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.speed", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--repeat", type=int, default=5, help="timed runs per release (median; default 5)"
    )
    parser.add_argument(
        "--no-memory", action="store_true", help="skip the peak-memory measurements"
    )
    parser.add_argument(
        "--no-profile", action="store_true", help="skip the profile of the slowest stage"
    )
    parser.add_argument("--out", type=Path, default=RESULTS, help="directory for the results")
    args = parser.parse_args(argv)

    root = corpus_dir()
    paths = releases(root)
    started = time.perf_counter()
    per_release = []
    for path in paths:
        entry: dict[str, Any] = {"release": name_of(path, root), "bytes": path.stat().st_size}
        try:
            entry.update(time_release(path, args.repeat))
        except UnreadableInput as error:
            entry["error"] = str(error)
            per_release.append(entry)
            continue
        entry["x_peer"] = (
            round(entry["end_to_end_ms"] / entry["peer_ms"], 2) if entry["peer_ms"] else None
        )
        if not args.no_memory:
            data = path.read_bytes()
            entry["peak_traced_kb"] = traced_peak(lambda p=path: _output(pipeline.read(p))) // 1024
            entry["peak_traced_from_bytes_kb"] = (
                traced_peak(lambda d=data, n=entry["release"]: _output(pipeline.read(d, name=n)))
                // 1024
            )
            entry["peer_peak_traced_kb"] = traced_peak(lambda p=path: peer(p)) // 1024
            entry["rss_growth_kb"] = rss_growth_kb(path)
        per_release.append(entry)
        print(
            f"{entry['release']:38} {entry['bytes'] / 1e6:6.2f} MB  {entry['end_to_end_ms']:9.1f} ms  "
            f"x{entry['x_peer']} peer  "
            + " ".join(f"{k} {v:.1f}" for k, v in entry["stages_ms"].items()),
            flush=True,
        )

    timed = [e for e in per_release if "error" not in e]
    total_bytes = sum(e["bytes"] for e in timed)
    total_s = sum(e["end_to_end_ms"] for e in timed) / 1000
    peer_s = sum(e["peer_ms"] for e in timed) / 1000
    stage_names = list(dict.fromkeys(k for e in timed for k in e["stages_ms"]))
    stage_totals = {
        k: round(sum(e["stages_ms"].get(k, 0.0) for e in timed), 3) for k in stage_names
    }
    stages_sum = sum(stage_totals.values())
    slowest = max(stage_totals, key=lambda k: stage_totals[k]) if stage_totals else None
    report: dict[str, Any] = {
        "benchmark": "speed",
        "date": stamp(),
        "tieout_version": tieout.__version__,
        "command": f"make bench-speed  # python -m bench.speed --repeat {args.repeat}",
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "peer": (
            "read the file, decode it as UTF-8, find every number with one regular expression "
            "and make each a Decimal (bench.speed.peer), timed on the same file in the same run"
        ),
        "repeat": args.repeat,
        "releases": len(paths),
        "releases_timed": len(timed),
        "total_bytes": total_bytes,
        "end_to_end_s": round(total_s, 4),
        "peer_s": round(peer_s, 4),
        "x_peer": round(total_s / peer_s, 2) if peer_s else None,
        "releases_per_s": round(len(timed) / total_s, 2) if total_s else None,
        "mb_per_s": round(total_bytes / 1e6 / total_s, 3) if total_s else None,
        "peer_mb_per_s": round(total_bytes / 1e6 / peer_s, 3) if peer_s else None,
        "stages_ms": stage_totals,
        "stage_shares": {k: round(v / stages_sum, 4) for k, v in stage_totals.items()}
        if stages_sum
        else {},
        "stages_x_peer": {k: round(v / 1000 / peer_s, 2) for k, v in stage_totals.items()}
        if peer_s
        else {},
        "slowest_stage": slowest,
        "per_release": per_release,
    }
    if not args.no_memory and timed:
        report["peak_traced_kb_max"] = max(e["peak_traced_kb"] for e in timed)
        report["peak_traced_from_bytes_kb_max"] = max(e["peak_traced_from_bytes_kb"] for e in timed)
        report["peak_traced_from_bytes_x_peer"] = round(
            sum(e["peak_traced_from_bytes_kb"] for e in timed)
            / max(1, sum(e["peer_peak_traced_kb"] for e in timed)),
            2,
        )
        growth = [e["rss_growth_kb"] for e in timed if e.get("rss_growth_kb") is not None]
        report["rss_growth_kb_max"] = max(growth) if growth else None
    if slowest and not args.no_profile:
        report["profile"] = {
            "stage": slowest,
            **profile(slowest, [root / e["release"] for e in timed]),
        }
    report["elapsed_s"] = round(time.perf_counter() - started, 1)

    args.out.mkdir(parents=True, exist_ok=True)
    out = args.out / f"speed-{report['date']}.json"
    out.write_text(json.dumps(report, indent=1) + "\n")
    print()
    print(
        f"{len(timed)} releases, {total_bytes / 1e6:.1f} MB: {report['releases_per_s']} releases/s, "
        f"{report['mb_per_s']} MB/s end to end; x{report['x_peer']} the peer "
        f"({report['peer_mb_per_s']} MB/s)"
    )
    print(
        "stages (ms over the corpus): "
        + ", ".join(
            f"{k} {v:.1f} ({report['stage_shares'][k]:.0%})" for k, v in stage_totals.items()
        )
    )
    if "peak_traced_kb_max" in report:
        print(
            f"peak memory: {report['peak_traced_kb_max'] / 1024:.1f} MB traced at most reading from a path, "
            f"{report['peak_traced_from_bytes_kb_max'] / 1024:.1f} MB from bytes in memory "
            f"(x{report['peak_traced_from_bytes_x_peer']} the peer); resident growth of a fresh process at most "
            f"{(report['rss_growth_kb_max'] or 0) / 1024:.1f} MB"
        )
    if "profile" in report:
        print(f"profile of the slowest stage, {slowest}:")
        for r in report["profile"]["top_by_own_time"][:10]:
            print(
                f"  {r['own_s']:8.4f} s own {r['cumulative_s']:8.4f} s cum {r['calls']:>8} calls  "
                f"{r['function']}  {r['where']}  <- {r['called_from']}"
            )
        print("  tieout functions by cumulative time:")
        for r in report["profile"]["tieout_by_cumulative_time"][:8]:
            print(
                f"  {r['cumulative_s']:8.4f} s cum {r['calls']:>8} calls  {r['function']}  {r['where']}"
            )
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
