"""The worker pool: a worker stuck where no signal reaches it is killed and replaced; a
worker that crashes costs one file, not the batch.

The per-file work here is the real one (``tieout.store.worker.process``) except for
files that say STUCK or CRASH: those block SIGALRM and spin (as native code would, where
the soft time limit cannot interrupt), or kill their own process.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

from test_store_support import tiny
from tieout.store.batch import Options, run
from tieout.store.pool import Failure, Pool
from tieout.store.worker import Outcome, process

HERE = Path(__file__).parent


def hostile_process(name: str, data: bytes, sha256: str, *rest: Any) -> Outcome:
    """``process``, except that STUCK spins past every soft limit and CRASH dies."""
    if b"STUCK" in data:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        while True:
            pass
    if b"CRASH" in data:
        os.kill(os.getpid(), signal.SIGSEGV)
    return process(name, data, sha256, *rest)


def echo(value: Any) -> Any:
    if value == "raise":
        raise ValueError("asked to")
    return value


@pytest.fixture(autouse=True)
def _importable(monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker processes import this module by name: put the tests folder on their path."""
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(HERE), os.environ.get("PYTHONPATH", "")]))


def test_pool_returns_results_and_errors_and_passes_direct_items_through() -> None:
    from tieout.store.pool import Direct

    with Pool(2, "test_batch_pool:echo", timeout=10) as pool:
        out = list(pool.run([1, Direct("d"), "raise", 3], lambda v: (v,)))
    got = {repr(task): result for task, result in out}
    assert got["1"] == 1 and got["3"] == 3
    assert got[repr(Direct("d"))] == "d"
    assert got["'raise'"] == Failure("ValueError: asked to")


def test_stuck_and_crashing_files_fail_alone_and_the_batch_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(6):
        (folder / f"good_{n}.txt").write_text(tiny(n))
    (folder / "stuck.txt").write_text(tiny(90) + "\nSTUCK\n")
    (folder / "crash.txt").write_text(tiny(91) + "\nCRASH\n")
    db = tmp_path / "s.duckdb"
    started = time.monotonic()
    summary = run(
        [str(folder)],
        str(db),
        Options(jobs=2, timeout=5.0),
        work="test_batch_pool:hostile_process",
    )
    elapsed = time.monotonic() - started
    assert (summary.stored, summary.failed) == (6, 2)
    con = duckdb.connect(str(db), read_only=True)
    reasons = dict(
        con.execute("SELECT path, reason FROM sources WHERE status = 'failed'").fetchall()
    )
    con.close()
    assert reasons[str(folder / "stuck.txt")] == "took longer than 5 s; its worker was stopped"
    assert reasons[str(folder / "crash.txt")] == "worker crashed (signal 11)"
    assert elapsed < 30  # the stuck worker was killed at its deadline, not waited for
