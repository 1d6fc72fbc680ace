"""Throughput and peak memory of ``tieout batch`` on the shared corpus, replicated.

    python -m bench.batch [--runs jobs2@1000,jobs1@10000,jobs2@10000,dask@10000] [--append]

Each run is an engine and a corpus size. The corpus's releases are copied into a
temporary folder (never into the repository) until there are that many files, each
copy with its own trailing line so that every hash differs and nothing is skipped. Each engine then ties out the whole folder into a
fresh store, in its own process, while its process tree's memory is sampled. Figures
are reported as ratios to peers measured in the same run:

    jobs2 / jobs1, dask / jobs1        speed-up of parallel work (files/s, each
                                       engine at its largest corpus)
    batch / sha256 pass                what reading and storing costs over hashing alone
    peak memory, largest / smallest    memory stays flat as the corpus grows (~1.0),
                                       per engine run at two sizes
    peak memory, 2nd half / 1st half   the same within one run, from the peak in each
                                       tenth of it (the store grows, memory should not)

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
    samples: list[tuple[float, int, int]] = []  # (seconds in, main rss, tree rss)
    while proc.poll() is None:
        try:
            main_rss = top.memory_info().rss
            tree = main_rss + sum(
                c.memory_info().rss for c in top.children(recursive=True) if c.is_running()
            )
        except psutil.Error:
            continue
        samples.append((time.perf_counter() - started, main_rss, tree))
        time.sleep(0.2)
    seconds = time.perf_counter() - started
    peak_main = max((m for _, m, _ in samples), default=0)
    peak_tree = max((t for _, _, t in samples), default=0)
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
        # the peak in each tenth of the run: files go at a steady rate, so a flat row
        # says memory does not grow with the files stored so far
        "peak_main_mb_by_tenth": _tenths(samples, seconds, 1),
        "peak_tree_mb_by_tenth": _tenths(samples, seconds, 2),
        "exit": proc.returncode,
        "summary": summary,
    }


DEFAULT_RUNS = "jobs2@1000,jobs1@10000,jobs2@10000,dask@10000"


def parse_runs(spec: str) -> list[tuple[str, int]]:
    """``jobs2@1000,dask@10000`` -> [("jobs2", 1000), ("dask", 10000)], checked."""
    out: list[tuple[str, int]] = []
    for item in spec.split(","):
        engine, _, count = item.strip().partition("@")
        if engine not in ENGINES or not count.isdigit() or int(count) < 1:
            raise SystemExit(
                f"bench: bad run {item!r}: want ENGINE@FILES, ENGINE in {list(ENGINES)}"
            )
        out.append((engine, int(count)))
    return out


def _tenths(samples: list[tuple[float, int, int]], seconds: float, which: int) -> list[float]:
    """The peak of one column of the samples in each tenth of the run, in MB."""
    peaks: list[float] = [0] * 10
    for sample in samples:
        tenth = min(int(10 * sample[0] / seconds), 9) if seconds > 0 else 0
        peaks[tenth] = max(peaks[tenth], sample[which])
    return [round(p / 1e6, 1) for p in peaks]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", default=DEFAULT_RUNS, help="ENGINE@FILES,... in this order")
    parser.add_argument(
        "--append", action="store_true", help="add to today's result file instead of replacing it"
    )
    args = parser.parse_args()
    command = "python -m bench.batch --runs " + args.runs
    plan = parse_runs(args.runs)
    earlier = _today() if args.append else {}
    if earlier:
        command = f"{earlier['command']}; then {command} --append"
    sources = releases(corpus_dir())
    work = Path(tempfile.mkdtemp(prefix="tieout-bench-batch-"))
    try:
        runs: list[dict[str, Any]] = list(earlier.get("runs", []))
        folders: dict[int, tuple[Path, int, float]] = {}
        for engine, count in plan:
            if count not in folders:
                folder = work / f"corpus-{count}"
                size = replicate(sources, count, folder)
                folders[count] = (folder, size, sha_pass(folder))
            folder, size, hashed = folders[count]
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
            write(command, runs, complete=False)  # a long run keeps what it has
        out = write(command, runs, complete=True)
        print(json.dumps(ratios(runs), indent=2))
        print(f"bench: wrote {out}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _result_path() -> Path:
    return RESULTS / f"batch-{time.strftime('%Y-%m-%d')}.json"


def _today() -> dict[str, Any]:
    path = _result_path()
    return json.loads(path.read_text()) if path.exists() else {}


def write(command: str, runs: list[dict[str, Any]], complete: bool) -> Path:
    """The report so far, in bench/results/batch-<date>.json."""
    report = {
        "benchmark": "batch",
        "date": time.strftime("%Y-%m-%d"),
        "command": command,
        "cpus": os.cpu_count(),
        "complete": complete,
        "runs": runs,
        "ratios": ratios(runs),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = _result_path()
    out.write_text(json.dumps(report, indent=2) + "\n")
    return out


def ratios(runs: list[dict[str, Any]]) -> dict[str, float]:
    """Speed-ups at each engine's largest corpus; memory at its largest over its smallest."""
    largest: dict[str, dict[str, Any]] = {}
    smallest: dict[str, dict[str, Any]] = {}
    for run in runs:
        engine = run["engine"]
        if engine not in largest or run["files"] >= largest[engine]["files"]:
            largest[engine] = run
        if engine not in smallest or run["files"] < smallest[engine]["files"]:
            smallest[engine] = run
    out: dict[str, float] = {}
    one = largest.get("jobs1")
    for engine in ("jobs2", "dask"):
        other = largest.get(engine)
        if one and other:
            out[f"{engine}_over_jobs1_throughput"] = round(
                other["files_per_s"] / one["files_per_s"], 2
            )
    for engine, big in largest.items():
        out[f"{engine}_seconds_over_sha256_pass"] = round(big["seconds"] / big["sha256_seconds"], 1)
        tenths = big.get("peak_main_mb_by_tenth")
        if tenths and max(tenths[:5]) > 0:
            out[f"{engine}_{big['files']}_peak_main_memory_second_half_over_first"] = round(
                max(tenths[5:]) / max(tenths[:5]), 2
            )
        little = smallest[engine]
        if little["files"] < big["files"]:
            out[f"{engine}_peak_main_memory_{big['files']}_over_{little['files']}"] = round(
                big["peak_main_mb"] / little["peak_main_mb"], 2
            )
            out[f"{engine}_peak_tree_memory_{big['files']}_over_{little['files']}"] = round(
                big["peak_tree_mb"] / little["peak_tree_mb"], 2
            )
    return out


if __name__ == "__main__":
    main()
