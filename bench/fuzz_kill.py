"""A batch with bad files, killed with SIGKILL and resumed: nothing lost, nothing doubled.

    python -m bench.fuzz_kill [--files 1000] [--bad 0.1] [--kills 2] [--jobs 2] [--seed 16]

A folder of ``--files`` files is written in a temporary directory: copies of the corpus
releases under 1 MB (each made unique by a trailing line) and, one in ten, a bad file
in turn: binary, empty, truncated (a release cut at a random byte), a named pipe, a
dangling symbolic link. ``tieout batch`` ties the folder out once into a clean store,
then again into a second store, killed with SIGKILL (its whole process group) at
``--kills`` random moments and run again until it completes. Checked:

- every file of the folder has exactly one row in ``sources`` (through ``paths``: the
  empty files are one content, stored once under each name), ``ok`` or ``failed``
  with a reason, in both stores;
- each file's status, reason, figures (every cell's place and exact value) and
  findings are the same in the killed-and-resumed store as in the clean one.

Results (the kill moments, rows stored at each kill, times, the checks) go to
``bench/results/fuzz-kill-<date>.json`` and standard output. ``tests/test_fuzz_kill.py``
runs a small version (60 files, one kill) in the suite.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import duckdb

from bench.corpus import RESULTS, corpus_dir, releases, stamp

BAD_KINDS = ("binary", "empty", "truncated", "fifo", "dangling")


def build_folder(
    folder: Path, goods: list[bytes], count: int, bad: float, seed: int
) -> dict[str, str]:
    """``count`` files in ``folder``: releases, and a share ``bad`` of bad ones; path -> kind."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    every = max(1, round(1 / bad)) if bad > 0 else 0
    kinds: dict[str, str] = {}
    bad_made = 0
    for n in range(count):
        good = goods[n % len(goods)] + f"\nreplica {n}\n".encode()
        if every and n % every == every - 1:
            kind = BAD_KINDS[bad_made % len(BAD_KINDS)]
            bad_made += 1
        else:
            kind = "release"
        path = folder / f"{n // 100:03d}" / f"f{n:06d}_{kind}.txt"
        path.parent.mkdir(exist_ok=True)
        if kind == "release":
            path.write_bytes(good)
        elif kind == "binary":
            path.write_bytes(
                bytes(rng.randrange(256) for _ in range(rng.randint(64, 4096))) + b"\0"
            )
        elif kind == "empty":
            path.write_bytes(b"")
        elif kind == "truncated":
            path.write_bytes(good[: rng.randint(1, len(good) - 1)])
        elif kind == "fifo":
            os.mkfifo(path)
        else:
            path.symlink_to(path.with_name(f"missing_{n}.txt"))
        kinds[str(path)] = kind
    return kinds


def command(folder: Path, db: Path, jobs: int, chunk: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "tieout",
        "batch",
        str(folder),
        "--db",
        str(db),
        "--jobs",
        str(jobs),
        "--chunk",
        str(chunk),
        "--timeout",
        "120",
        "--no-restatements",
        "--no-progress",
    ]


def _start(cmd: list[str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )


def rows(db: Path) -> int:
    """The sources a batch, perhaps killed, has stored: none where it was killed before it
    wrote its database or its tables (a kill early in a fast batch does)."""
    if not db.exists():
        return 0
    con = duckdb.connect(str(db), read_only=True)
    try:
        tables = con.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = 'sources'"
        ).fetchone()
        if not tables or not tables[0]:
            return 0
        found = con.execute("SELECT count(*) FROM sources").fetchone()
        return int(found[0]) if found else 0
    finally:
        con.close()


def clean_run(cmd: list[str], limit: float = 3600.0) -> tuple[float, int, str]:
    """(seconds, exit status, last line of standard error) of a batch run to its end.

    A run still going after ``limit`` seconds is killed (its process group) and reported
    as a hang: the batch must never block (a named pipe once did).
    """
    started = time.monotonic()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    try:
        _, err = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise RuntimeError(f"the batch hangs: still running after {limit:g} s") from None
    last = err.strip().splitlines()[-1] if err.strip() else ""
    return time.monotonic() - started, proc.returncode, last


def killed_run(
    cmd: list[str], db: Path, delays: list[float], limit: float = 3600.0
) -> dict[str, Any]:
    """Run, kill after each delay (SIGKILL, whole process group), resume, run to the end."""
    kills = []
    started = time.monotonic()
    for delay in delays:
        proc = _start(cmd)
        try:
            proc.wait(timeout=delay)
            kills.append({"after_s": round(delay, 2), "killed": False, "rows": rows(db)})
            continue  # it finished first: nothing to kill
        except subprocess.TimeoutExpired:
            pass
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        kills.append({"after_s": round(delay, 2), "killed": True, "rows": rows(db)})
    seconds, status, last = clean_run(cmd, limit)
    return {
        "kills": kills,
        "final_run_s": round(seconds, 1),
        "final_status": status,
        "final_summary": last,
        "seconds": round(time.monotonic() - started, 1),
    }


FINGERPRINT = """
SELECT p.path, s.status, s.reason, s.tables, s.figures, s.relations, s.claims, s.errors,
       s.warnings,
       (SELECT md5(string_agg(concat_ws(',', c.table_no, c.row_no, c.column_no, c.value,
                                        c.exact_text), ';'
                              ORDER BY c.table_no, c.row_no, c.column_no))
        FROM cells c WHERE c.source_id = s.source_id) AS cells,
       (SELECT md5(string_agg(concat_ws(',', f.code, f.line, f.message), ';'
                              ORDER BY f.finding_no))
        FROM findings f WHERE f.source_id = s.source_id) AS findings
FROM paths p JOIN sources s USING (source_id)
"""


def fingerprints(db: Path) -> dict[str, tuple[Any, ...]]:
    """Each file's row and a digest of its figures and findings, by path (a path found
    under two rows is an error)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out: dict[str, tuple[Any, ...]] = {}
        for row in con.execute(FINGERPRINT).fetchall():
            assert row[0] not in out, f"{row[0]}: two rows"
            out[row[0]] = tuple(row[1:])
        return out
    finally:
        con.close()


def compare(kinds: dict[str, str], clean: Path, resumed: Path) -> dict[str, Any]:
    """Every file one row in both stores, and the same row, figures and findings in both."""
    a, b = fingerprints(clean), fingerprints(resumed)
    problems = []
    for name, store in (("clean", a), ("resumed", b)):
        missing = sorted(set(kinds) - set(store))
        extra = sorted(set(store) - set(kinds))
        if missing or extra:
            problems.append(
                f"{name}: {len(missing)} files without a row, {len(extra)} rows of no file"
            )
        no_reason = [p for p, r in store.items() if r[0] == "failed" and not r[1]]
        if no_reason:
            problems.append(f"{name}: {len(no_reason)} failed rows without a reason")
    differ = sorted(p for p in set(a) & set(b) if a[p] != b[p])
    if differ:
        problems.append(f"{len(differ)} files differ between the clean and the resumed store")
    outcome = Counter((kinds.get(p, "?"), r[0]) for p, r in b.items())
    return {
        "files": len(kinds),
        "rows_clean": len(a),
        "rows_resumed": len(b),
        "ok": sum(1 for r in b.values() if r[0] == "ok"),
        "failed": sum(1 for r in b.values() if r[0] == "failed"),
        "kind_status": {f"{k}/{s}": n for (k, s), n in sorted(outcome.items())},
        "differ": differ[:20],
        "problems": problems,
    }


def scenario(
    folder: Path,
    work: Path,
    kinds: dict[str, str],
    *,
    kills: int,
    jobs: int,
    chunk: int,
    seed: int,
) -> dict[str, Any]:
    """The clean run, the killed-and-resumed run, and their comparison."""
    rng = random.Random(seed)
    clean_db, killed_db = work / "clean.duckdb", work / "killed.duckdb"
    seconds, status, last = clean_run(command(folder, clean_db, jobs, chunk))
    # kill points at random moments of the run: the first within its first two thirds,
    # later ones (the resumed run has less left to do) within a third of the clean time
    delays = [rng.uniform(0.1, 0.65) * seconds] + [
        rng.uniform(0.05, 0.35) * seconds for _ in range(kills - 1)
    ]
    resumed = killed_run(command(folder, killed_db, jobs, chunk), killed_db, delays)
    return {
        "clean_run_s": round(seconds, 1),
        "clean_status": status,
        "clean_summary": last,
        "resumed": resumed,
        "check": compare(kinds, clean_db, killed_db),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.fuzz_kill", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--bad", type=float, default=0.1)
    parser.add_argument("--kills", type=int, default=2)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--chunk", type=int, default=50)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    root = corpus_dir()
    goods = [p.read_bytes() for p in releases(root) if p.stat().st_size < 1_000_000]
    with tempfile.TemporaryDirectory(prefix="tieout-kill-") as tmp:
        folder = Path(tmp) / "batch"
        kinds = build_folder(folder, goods, args.files, args.bad, args.seed)
        result = scenario(
            folder,
            Path(tmp),
            kinds,
            kills=args.kills,
            jobs=args.jobs,
            chunk=args.chunk,
            seed=args.seed,
        )
    result = {
        "command": " ".join(
            ["python -m bench.fuzz_kill", *(argv if argv is not None else sys.argv[1:])]
        ),
        "date": stamp(),
        "files": args.files,
        "bad_share": args.bad,
        "bad_files": dict(Counter(k for k in kinds.values() if k != "release")),
        "sources": len(goods),
        "jobs": args.jobs,
        "chunk": args.chunk,
        **result,
    }
    out = args.out or RESULTS / f"fuzz-kill-{result['date']}.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    check = result["check"]
    kills = ", ".join(
        f"{k['after_s']} s ({k['rows']} rows)"
        if k["killed"]
        else f"{k['after_s']} s (had finished)"
        for k in result["resumed"]["kills"]
    )
    print(
        f"fuzz-kill: {check['files']} files ({result['bad_files']}); clean run "
        f"{result['clean_run_s']} s; killed at {kills}; resumed to the end "
        f"(exit {result['resumed']['final_status']}); files with one row: clean {check['rows_clean']}, "
        f"resumed {check['rows_resumed']} ({check['ok']} ok, {check['failed']} failed); "
        f"problems: {check['problems'] or 'none'}"
    )
    print(f"fuzz-kill: wrote {out}")
    return 1 if check["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
