"""A batch of releases and bad files (binary, empty, truncated, a named pipe, a dangling
link), killed with SIGKILL at a random moment and resumed: every file has exactly one
row, and the resumed store holds what a clean run stores, figure for figure.

The small version of ``python -m bench.fuzz_kill`` (1,000 files, two kills)."""

from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.fuzz_kill import build_folder, clean_run, command, compare, killed_run

from test_store_support import tiny


def test_a_killed_batch_resumes_to_what_a_clean_run_stores(tmp_path: Path) -> None:
    goods = [tiny(n).encode() for n in range(6)]
    kinds = build_folder(tmp_path / "batch", goods, 60, 0.1, seed=16)
    assert Counter(kinds.values()) == {
        "release": 54,
        "binary": 2,
        "empty": 1,
        "truncated": 1,
        "fifo": 1,
        "dangling": 1,
    }
    clean_db, killed_db = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    seconds, status, summary = clean_run(command(tmp_path / "batch", clean_db, 2, 5), 300)
    assert status == 2, summary  # the bad files failed, and nothing else went wrong
    assert "60 files: 54 stored, 0 skipped (already stored), 6 failed" in summary
    rng = random.Random(16)
    resumed = {}
    for attempt in range(4):  # a kill that comes after the run has ended kills nothing
        killed_db.unlink(missing_ok=True)
        delay = rng.uniform(0.2, 0.6) * seconds / (2**attempt)
        cmd = command(tmp_path / "batch", killed_db, 2, 5)
        resumed = killed_run(cmd, killed_db, [delay], limit=300)
        if resumed["kills"][0]["killed"]:
            break
    assert resumed["kills"][0]["killed"], resumed
    assert resumed["final_status"] == 2, resumed
    check = compare(kinds, clean_db, killed_db)
    assert check["problems"] == [], check
    assert check["rows_resumed"] == 60 and check["ok"] + check["failed"] == 60
