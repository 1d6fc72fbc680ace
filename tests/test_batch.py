"""``tieout batch``: hostile inputs, archives, resuming after SIGKILL, the CLI around it."""

from __future__ import annotations

import hashlib
import io
import os
import shutil
import signal
import subprocess
import sys
import tarfile
import time
import zipfile
from datetime import date
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from test_store_support import quarterly_filing, query, statement, tiny, write_tiny
from tieout.cli import main
from tieout.store.batch import Event, Options, run
from tieout.store.worker import process
from tieout.store.writer import Store

TIEOUT = [sys.executable, "-m", "tieout"]


def _hostile_corpus(root: Path) -> tuple[set[str], dict[str, str]]:
    """Good files and bad ones side by side; (good names, bad name -> expected reason)."""
    root.mkdir()
    good: set[str] = set()
    for year in (2022, 2023, 2024):
        path = root / f"quill_{year}.txt"
        path.write_text(quarterly_filing(year))
        good.add(str(path))
    for n in range(3):
        path = root / f"tiny_{n}.txt"
        path.write_text(tiny(n))
        good.add(str(path))
    bad = {
        "binary.txt": "binary",
        "empty.txt": "empty file",
        "huge.txt": "too large",
        "notes.txt": "not an earnings release",
        "broken.zip": "not a readable archive",
    }
    (root / "binary.txt").write_bytes(bytes(range(256)) * 64)
    (root / "empty.txt").write_bytes(b"")
    (root / "huge.txt").write_text("words without figures\n" * 180_000)  # 4 MB
    (root / "notes.txt").write_text("Minutes of the picnic committee.\n\nWe met; we ate.\n")
    (root / "broken.zip").write_bytes(b"PK\x03\x04 this is not really a zip archive")
    with zipfile.ZipFile(root / "bundle.zip", "w") as archive:
        archive.writestr("inside/tiny_50.txt", tiny(50))
        archive.writestr("inside/zeros.txt", b"\x00" * 4096)
    good.add(f"{root / 'bundle.zip'}!inside/tiny_50.txt")
    bad["bundle.zip!inside/zeros.txt"] = "binary"
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as archive:
        data = tiny(60).encode()
        info = tarfile.TarInfo("q/tiny_60.txt")
        info.size = len(data)
        archive.addfile(info, io.BytesIO(data))
    (root / "more.tar.gz").write_bytes(buffer.getvalue())
    good.add(f"{root / 'more.tar.gz'}!q/tiny_60.txt")
    return good, {str(root / name): reason for name, reason in bad.items()}


def test_hostile_files_fail_one_by_one_and_every_good_file_is_stored(tmp_path: Path) -> None:
    good, bad = _hostile_corpus(tmp_path / "in")
    shutil.copy(tmp_path / "in" / "tiny_0.txt", tmp_path / "in" / "tiny_0_copy.txt")
    db = tmp_path / "store.duckdb"
    events: list[Event] = []
    summary = run(
        [str(tmp_path / "in")],
        str(db),
        # every good file reads in well under a second; the limit is wall time, so it leaves
        # them room on a loaded machine (2.5 s once failed a tiny file there)
        Options(jobs=2, timeout=10, max_bytes=3_000_000),
        events.append,
    )
    stored = {
        name for name, status in query(db, "SELECT path, status FROM sources") if status == "ok"
    }
    assert stored == good
    failed = dict(query(db, "SELECT path, reason FROM sources WHERE status = 'failed'"))
    assert set(failed) == set(bad)
    for name, reason in bad.items():
        assert reason in failed[name], (name, failed[name])
    # the copy has the same bytes as tiny_0: skipped, its path recorded, stored once
    assert summary.skipped == 1 and summary.stored == len(good) and summary.failed == len(bad)
    paths = query(db, "SELECT count(*) FROM paths p JOIN sources s USING (source_id)")
    assert paths == [(len(good) + len(bad) + 1,)]
    assert {e.name for e in events if e.status == "failed"} == set(bad)
    # a stored release has its figures, exact
    rows = query(
        db,
        "SELECT value, typeof(value) FROM figures WHERE path LIKE '%quill_2024.txt' "
        "AND concept = 'Revenue' AND period_end = DATE '2024-06-30'",
    )
    assert [(str(v), t) for v, t in rows] == [("7024000.0000000000", "DECIMAL(38,10)")]


def test_a_file_read_past_the_time_limit_fails_with_the_reason(tmp_path: Path) -> None:
    """A file whose reading runs past ``timeout`` (wall time) is stored as failed, saying
    so, its worker stopped: 80,000 statements (38 MB; about 10 s of CPU to read on the
    machine of 2026-12-04, which reads it in time linear in its size). A file of a few MB
    no longer serves: a 2.4 MB one that took a minute of CPU reads in 0.6 s now that
    ``rescaled._may_share`` reads a label's rows in one pass."""
    folder = tmp_path / "in"
    folder.mkdir()
    slow = tiny(99) + "".join(
        statement(date(2024, 3, 31), [(3, 2024, 1000 + i % 5000, 600), (3, 2023, 900, 500)])
        for i in range(80_000)
    )
    (folder / "slow.txt").write_text(slow)
    db = tmp_path / "store.duckdb"
    started = time.monotonic()
    summary = run([str(folder)], str(db), Options(jobs=1, timeout=2, max_bytes=64_000_000))
    assert time.monotonic() - started < 60  # stopped at the limit, not read to the end
    assert (summary.stored, summary.failed) == (0, 1)
    [(path, reason)] = query(db, "SELECT path, reason FROM sources WHERE status = 'failed'")
    assert path == str(folder / "slow.txt")
    assert "took longer than" in reason


def test_rerun_skips_everything_and_retry_failed_reads_failures_again(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_tiny(folder, 4)
    (folder / "late.txt").write_text(quarterly_filing(2024))  # larger than the tiny ones
    (folder / "notes.txt").write_text("not a release at all\n")
    db = tmp_path / "s.duckdb"
    first = run([str(folder)], str(db), Options(jobs=1, max_bytes=1000))
    assert (first.stored, first.failed) == (4, 2)
    again = run([str(folder)], str(db), Options(jobs=1, max_bytes=1000))
    assert (again.stored, again.skipped, again.failed) == (0, 6, 0)
    # retry with room for late.txt: it is stored in place of its failed row; notes.txt
    # fails again and its failed row is not doubled
    retried = run([str(folder)], str(db), Options(jobs=1, retry_failed=True))
    assert (retried.stored, retried.skipped, retried.failed) == (1, 4, 1)
    assert query(db, "SELECT count(*), count(DISTINCT sha256) FROM sources") == [(6, 6)]
    assert query(db, "SELECT status FROM sources WHERE path LIKE '%late.txt'") == [("ok",)]
    assert query(db, "SELECT count(*) FROM runs WHERE finished IS NOT NULL") == [(3,)]


def _file_bytes(path: Path) -> int:
    return path.stat().st_size if path.exists() else 0


def test_a_batch_killed_with_sigkill_completes_on_rerun_with_each_file_once(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "corpus"
    files = write_tiny(folder, 2000)
    db = tmp_path / "store.duckdb"
    command = [
        *TIEOUT,
        "batch",
        str(folder),
        "--db",
        str(db),
        "--jobs",
        "2",
        "--chunk",
        "100",
        "--no-restatements",
        "--no-progress",
    ]
    proc = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    # wait until the store has been checkpointed once (500 files written: the file grows
    # past its empty 12 kB) and a chunk more is in the write-ahead log, then kill: the
    # files on both sides of a reconnection must survive. The limit only stops a hang
    # (a loaded machine takes minutes to get there)
    wal = Path(str(db) + ".wal")
    limit = time.monotonic() + 900
    while (
        (_file_bytes(db) < 1_000_000 or _file_bytes(wal) < 100_000)
        and proc.poll() is None
        and time.monotonic() < limit
    ):
        time.sleep(0.05)
    assert proc.poll() is None, "the batch finished before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    (partial,) = query(db, "SELECT count(*) FROM sources")
    assert 500 <= partial[0] < 2000  # type: ignore[operator]
    again = subprocess.run(command, capture_output=True, text=True, timeout=900)
    assert again.returncode == 0, again.stderr
    assert f"{partial[0]} skipped" in again.stderr
    assert query(
        db, "SELECT count(*), count(DISTINCT sha256), count(DISTINCT path) FROM sources"
    ) == [(2000, 2000, 2000)]
    assert {p for (p,) in query(db, "SELECT path FROM sources")} == {str(f) for f in files}
    # nothing doubled below the sources either: one table, 2 columns, 3 rows, 6 cells each
    per_file = query(
        db,
        "SELECT (SELECT count(*) FROM tables), (SELECT count(*) FROM columns), "
        "(SELECT count(*) FROM rows), (SELECT count(*) FROM cells), "
        "(SELECT count(*) FROM (SELECT DISTINCT source_id, table_no, row_no, column_no "
        "FROM cells))",
    )
    assert per_file == [(2000, 4000, 6000, 12000, 12000)]


def test_cli_batch_query_and_export(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_tiny(folder, 3)
    (folder / "empty.txt").write_bytes(b"")
    db = tmp_path / "s.duckdb"
    runner = CliRunner(mix_stderr=False)
    result = runner.invoke(main, ["batch", str(folder), "--db", str(db), "-j", "1"])
    assert result.exit_code == 2  # a file failed (and is in the store)
    assert f"tieout: {folder / 'empty.txt'}: empty file" in result.stderr
    assert "3 stored, 0 skipped (already stored), 1 failed" in result.stderr

    result = runner.invoke(
        main,
        ["query", "SELECT path, status FROM sources ORDER BY path", "--db", str(db), "-f", "csv"],
    )
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "path,status"
    assert lines[1:] == [f"{folder / 'empty.txt'},failed"] + [
        f"{folder / f'tiny_{n:05d}.txt'},ok" for n in range(3)
    ]
    result = runner.invoke(
        main,
        [
            "query",
            "SELECT value FROM figures WHERE concept = 'Revenue' AND period_end = "
            "DATE '2024-03-31' ORDER BY value",
            "--db",
            str(db),
            "--format",
            "json",
        ],
    )
    assert result.exit_code == 0
    import json

    assert json.loads(result.stdout) == [{"value": str((1000 + n) * 1000)} for n in range(3)]
    result = runner.invoke(main, ["query", "SELECT count(*) AS n FROM cells", "--db", str(db)])
    assert result.exit_code == 0 and "18" in result.stdout
    result = runner.invoke(main, ["query", "SELECT nonsense FROM nowhere", "--db", str(db)])
    assert result.exit_code == 2 and "query failed" in result.stderr

    out = tmp_path / "parquet"
    result = runner.invoke(main, ["export", "--db", str(db), "--parquet", str(out)])
    assert result.exit_code == 0, result.stderr
    assert (out / "cells" / "year=2024").is_dir()
    back = duckdb.sql(
        f"SELECT count(*), typeof(any_value(value)) FROM read_parquet('{out}/cells/**/*.parquet',"
        " hive_partitioning = true) WHERE year = 2024"
    ).fetchall()
    assert back == [(18, "DECIMAL(38,10)")]


def test_query_names_a_missing_store(tmp_path: Path) -> None:
    result = CliRunner(mix_stderr=False).invoke(
        main, ["query", "SELECT 1", "--db", str(tmp_path / "none.duckdb")]
    )
    assert result.exit_code == 2
    assert "none.duckdb: no such store" in result.stderr


def test_store_commands_are_documented_with_examples() -> None:
    runner = CliRunner()
    for command in ("batch", "query", "export", "restatements"):
        result = runner.invoke(main, [command, "--help"])
        assert result.exit_code == 0
        assert "Examples:" in result.output and f"tieout {command}" in result.output


def test_store_reconnects_every_refresh_files_and_keeps_every_file(tmp_path: Path) -> None:
    # DuckDB caches the blocks it wrote; reconnecting drops them, so a long batch's memory
    # does not grow with the store (bench/batch.py measures it). Nothing may be lost.
    files = write_tiny(tmp_path / "in", 7)
    db = tmp_path / "s.duckdb"
    with Store(str(db), refresh_files=3) as store:
        run_id = store.begin_run(engine="local", jobs=1, timeout=None)
        reconnected = []
        for n, path in enumerate(files, 1):
            data = path.read_bytes()
            outcome = process(str(path), data, hashlib.sha256(data).hexdigest())
            before = store.con
            assert store.write(outcome.tables, run_id=run_id)
            if store.con is not before:
                reconnected.append(n)
                assert _q_open(store, "SELECT count(*) FROM sources") == [(n,)]
        assert reconnected == [3, 6] and store.refreshes == 2
        store.finish_run(run_id, seen=7, stored=7, skipped=0, failed=0)
    assert query(db, "SELECT count(*), count(DISTINCT sha256) FROM sources") == [(7, 7)]
    assert query(db, "SELECT count(*) FROM cells") == [(7 * 6,)]
    assert query(db, "SELECT finished IS NOT NULL FROM runs") == [(True,)]


def _q_open(store: Store, sql: str) -> list[tuple[object, ...]]:
    return [tuple(row) for row in store.con.execute(sql).fetchall()]


def test_a_batch_hashes_each_file_once_and_stores_that_digest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the batch hashes every input to know whether it is stored; reading it must not
    # hash the same bytes again (0.04 s over the 29 MB corpus), nor store another digest
    import tieout.sources

    db = tmp_path / "s.duckdb"
    files = write_tiny(tmp_path / "in", 2)
    inputs = [(str(p), p.read_bytes()) for p in files]
    digests = [hashlib.sha256(data).hexdigest() for _, data in inputs]

    def no_second_hash(data: bytes) -> object:
        raise AssertionError("the bytes were hashed again")

    with Store(str(db)) as store:
        run_id = store.begin_run(engine="local", jobs=1, timeout=None)
        for (name, data), digest in zip(inputs, digests, strict=True):
            with monkeypatch.context() as patched:  # while the file is read, not stored
                patched.setattr(tieout.sources.hashlib, "sha256", no_second_hash)
                outcome = process(name, data, digest)
            assert outcome.status == "ok" and store.write(outcome.tables, run_id=run_id)
        store.finish_run(run_id, seen=2, stored=2, skipped=0, failed=0)
    assert sorted(row[0] for row in query(db, "SELECT sha256 FROM sources")) == sorted(digests)
