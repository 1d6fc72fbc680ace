"""Throughput and peak memory of ``tieout batch`` on the shared corpus, replicated.

    python -m bench.batch [--files 10000] [--small 2500] [--engines jobs1,jobs2,dask]

The corpus's releases are copied into a temporary folder (never into the repository)
until there are ``--files`` of them, each copy with its own trailing line so that every
hash differs and nothing is skipped. Each engine then ties out the whole folder into a
fresh store, in its own process, while its process tree's memory is sampled. Figures
are reported as ratios to peers measured in the same run:

    jobs2 / jobs1, dask / jobs1        speed-up of parallel work
    batch / sha256 pass                what reading and storing costs over hashing alone
    peak memory at --files / --small   memory stays flat as the corpus grows (~1.0)

Results go to bench/results/batch-<date>.json and standard output.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import psutil

from bench.corpus import RESULTS, corpus_dir, releases

ENGINES = {
    "jobs1": ["--jobs", "1"],
    "jobs2": ["--jobs", "2"],
    "dask": ["--jobs", "2", "--engine", "dask"],
}


def replicate(sources: list[Path], count: int, folder: Path) -> int:
    """``count`` copies of the sources in ``folder``, each made unique; total bytes."""
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    datas = [p.read_bytes() for p in sources]
    for n in range(count):
        data = datas[n % len(datas)] + f"\nreplica {n}\n".encode()
        sub = folder / f"{n // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"r{n:06d}_{sources[n % len(sources)].name}").write_bytes(data)
        total += len(data)
    return total


def sha_pass(folder: Path) -> float:
    """Seconds to read and hash every file: the floor any batch sits on."""
    started = time.perf_counter()
    for root, _, files in os.walk(folder):
        for name in files:
            with open(os.path.join(root, name), "rb") as fh:
                hashlib.sha256(fh.read()).hexdigest()
    return time.perf_counter() - started


def measure(folder: Path, engine: str, work: Path) -> dict[str, Any]:
    """Run one engine over the folder into a fresh store; seconds and peak memory."""
    db = work / f"{engine}.duckdb"
    for stale in (db, Path(str(db) + ".wal")):
        stale.unlink(missing_ok=True)
    command = [
        sys.executable,
        "-m",
        "tieout",
        "batch",
        str(folder),
        "--db",
        str(db),
        "--no-progress",
        "--no-restatements",
        *ENGINES[engine],
    ]
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    top = psutil.Process(proc.pid)
    peak_main = peak_tree = 0
    while proc.poll() is None:
        try:
            main_rss = top.memory_info().rss
            tree = main_rss + sum(
                c.memory_info().rss for c in top.children(recursive=True) if c.is_running()
            )
        except psutil.Error:
            continue
        peak_main, peak_tree = max(peak_main, main_rss), max(peak_tree, tree)
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    stderr = proc.stderr.read() if proc.stderr else ""
    summary = stderr.strip().splitlines()[-1] if stderr.strip() else ""
    db.unlink(missing_ok=True)
    Path(str(db) + ".wal").unlink(missing_ok=True)
    shutil.rmtree(str(db) + ".parts", ignore_errors=True)
    return {
        "engine": engine,
        "seconds": round(seconds, 2),
        "peak_main_mb": round(peak_main / 1e6, 1),
        "peak_tree_mb": round(peak_tree / 1e6, 1),
        "exit": proc.returncode,
        "summary": summary,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--small", type=int, default=2_500)
    parser.add_argument("--engines", default="jobs1,jobs2,dask")
    args = parser.parse_args()
    sources = releases(corpus_dir())
    work = Path(tempfile.mkdtemp(prefix="tieout-bench-batch-"))
    try:
        runs: list[dict[str, Any]] = []
        for count in (args.small, args.files):
            folder = work / f"corpus-{count}"
            size = replicate(sources, count, folder)
            hashed = sha_pass(folder)
            for engine in args.engines.split(","):
                if count == args.small and engine != "jobs2":
                    continue  # the small corpus is for the memory comparison only
                result = measure(folder, engine, work)
                result.update(
                    files=count,
                    mb=round(size / 1e6, 1),
                    files_per_s=round(count / result["seconds"], 2),
                    mb_per_s=round(size / 1e6 / result["seconds"], 2),
                    sha256_seconds=round(hashed, 2),
                )
                runs.append(result)
                print(json.dumps(result), flush=True)
            shutil.rmtree(folder)
        report = {"runs": runs, "ratios": ratios(runs, args.files, args.small)}
        print(json.dumps(report["ratios"], indent=2))
        RESULTS.mkdir(parents=True, exist_ok=True)
        out = RESULTS / f"batch-{time.strftime('%Y-%m-%d')}.json"
        out.write_text(json.dumps(report, indent=2) + "\n")
        print(f"bench: wrote {out}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def ratios(runs: list[dict[str, Any]], files: int, small: int) -> dict[str, float]:
    by = {(r["engine"], r["files"]): r for r in runs}
    out: dict[str, float] = {}
    one, two, dask = by.get(("jobs1", files)), by.get(("jobs2", files)), by.get(("dask", files))
    if one and two:
        out["jobs2_over_jobs1_throughput"] = round(one["seconds"] / two["seconds"], 2)
    if one and dask:
        out["dask_over_jobs1_throughput"] = round(one["seconds"] / dask["seconds"], 2)
    if two:
        out["jobs2_seconds_over_sha256_pass"] = round(two["seconds"] / two["sha256_seconds"], 1)
    little = by.get(("jobs2", small))
    if two and little:
        out["peak_main_memory_large_over_small"] = round(
            two["peak_main_mb"] / little["peak_main_mb"], 2
        )
        out["peak_tree_memory_large_over_small"] = round(
            two["peak_tree_mb"] / little["peak_tree_mb"], 2
        )
    return out


if __name__ == "__main__":
    main()
