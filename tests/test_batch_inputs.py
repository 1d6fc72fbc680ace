"""What a batch reads from a folder: release files only, regular files only, links kept
inside the folder, and a stored row for every file it could not read."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
from click.testing import CliRunner

from test_store_support import quarterly_filing, query, tiny, write_tiny
from tieout.cli import main
from tieout.store.batch import Event, Options, run
from tieout.store.inputs import NOT_FILING, NOT_RELEASE, Select, path_key
from tieout.store.schema import source_id
from tieout.store.writer import Store

TIEOUT = [sys.executable, "-m", "tieout"]


def _batch(args: list[str], limit: float = 120) -> subprocess.CompletedProcess[str]:
    """``tieout batch`` in its own process group, killed whole if it outlives ``limit``."""
    proc = subprocess.Popen(
        [*TIEOUT, "batch", *args, "--no-restatements", "--no-progress"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        out, err = proc.communicate(timeout=limit)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise AssertionError(
            f"tieout batch {args} still running after {limit} s: it hangs"
        ) from None
    return subprocess.CompletedProcess(proc.args, proc.returncode, out, err)


def test_a_named_pipe_in_the_folder_is_a_failed_row_and_the_batch_ends(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_tiny(folder, 2)
    os.mkfifo(folder / "p")  # no suffix: a name that would be sniffed, were it a file
    os.mkfifo(folder / "pipe.txt")  # a release's name
    db = tmp_path / "s.duckdb"
    done = _batch([str(folder), "--db", str(db), "--jobs", "1", "--timeout", "10"])
    assert done.returncode == 2, done.stderr
    rows = dict(query(db, "SELECT path, reason FROM sources WHERE status = 'failed'"))
    for name in ("p", "pipe.txt"):
        reason = rows[str(folder / name)]
        assert "not a regular file: a named pipe" in str(reason)
        assert f"tieout: {folder / name}: not a regular file: a named pipe" in done.stderr
    assert query(db, "SELECT count(*) FROM sources WHERE status = 'ok'") == [(2,)]
    # run again: the pipe's failed row is found again (keyed by its path), not doubled
    again = _batch([str(folder), "--db", str(db), "--jobs", "1"])
    assert "0 stored, 4 skipped" in again.stderr, again.stderr
    assert query(db, "SELECT count(*), count(DISTINCT path) FROM sources") == [(4, 4)]


def test_files_gone_dangling_or_looping_are_stored_as_failed_rows(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_tiny(folder, 1)
    (folder / "dangling.txt").symlink_to(folder / "deleted.txt")
    (folder / "loop_a.txt").symlink_to(folder / "loop_b.txt")
    (folder / "loop_b.txt").symlink_to(folder / "loop_a.txt")
    gone = tmp_path / "gone.txt"  # named, but gone before the batch reads it
    db = tmp_path / "s.duckdb"
    events: list[Event] = []
    summary = run([str(folder), str(gone)], str(db), Options(jobs=1), events.append)
    assert (summary.stored, summary.failed) == (1, 4)
    rows = dict(query(db, "SELECT path, reason FROM sources WHERE status = 'failed'"))
    assert rows == {
        str(folder / "dangling.txt"): f"a dangling symbolic link (to {folder / 'deleted.txt'})",
        str(folder / "loop_a.txt"): "a symbolic link loop",
        str(folder / "loop_b.txt"): "a symbolic link loop",
        str(gone): "no such file",
    }
    assert {e.name for e in events if e.status == "failed"} == set(rows)
    # keyed by path: a re-run skips them; a file that appears at that path replaces its row
    again = run([str(folder), str(gone)], str(db), Options(jobs=1))
    assert (again.stored, again.skipped, again.failed) == (0, 5, 0)
    gone.write_text(tiny(77))
    retried = run([str(gone)], str(db), Options(jobs=1, retry_failed=True))
    assert (retried.stored, retried.failed) == (1, 0)
    assert query(db, f"SELECT status FROM sources WHERE path = '{gone}'") == [("ok",)]
    assert query(db, f"SELECT count(*) FROM paths WHERE path = '{gone}'") == [(1,)]
    assert query(db, "SELECT count(*) FROM sources") == [(5,)]


def test_links_out_of_the_folder_are_not_followed_unless_asked(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_tiny(folder, 2)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "other.txt").write_text(tiny(50))
    (folder / "out.txt").symlink_to(elsewhere / "other.txt")
    (folder / "outdir").symlink_to(elsewhere)
    (folder / "same.txt").symlink_to(folder / "tiny_00000.txt")  # inside: read (same bytes)
    db = tmp_path / "s.duckdb"
    result = CliRunner(mix_stderr=False).invoke(
        main, ["batch", str(folder), "--db", str(db), "-j", "1", "--no-restatements"]
    )
    assert result.exit_code == 0, result.stderr
    assert "3 files: 2 stored, 1 skipped (already stored), 0 failed" in result.stderr
    assert "1 symbolic link out of the folder (--follow-links)" in result.stderr
    assert "1 symbolic link to a folder (--follow-links)" in result.stderr
    assert query(db, "SELECT count(*) FROM sources") == [(2,)]
    assert query(db, "SELECT ignored FROM runs") == [(2,)]
    followed = run([str(folder)], str(db), Options(jobs=1, select=Select(follow_links=True)))
    # out.txt and outdir/other.txt are the same bytes: one stored, one skipped
    assert (followed.stored, followed.ignored) == (1, 0)
    assert {p for (p,) in query(db, "SELECT path FROM paths")} >= {
        str(folder / "out.txt"),
        str(folder / "outdir" / "other.txt"),
    }


def test_batch_reads_release_files_and_counts_the_others(tmp_path: Path) -> None:
    # the corpus's own layout: releases beside README.md and MANIFEST.tsv
    folder = tmp_path / "corpus"
    (folder / "sub").mkdir(parents=True)
    (folder / "README.md").write_text("# Releases\n\nRead in place.\n")
    (folder / "MANIFEST.tsv").write_text("file\tcompany\nsub/a.txt\tTiny\n")
    (folder / "notes.csv").write_text("a,b\n1,2\n")
    (folder / "sub" / "a.txt").write_text(tiny(1))
    (folder / "sub" / "b.htm").write_text(f"<html><body><pre>{tiny(2)}</pre></body></html>")
    (folder / "0000999999-24-000001").write_text(quarterly_filing(2024))  # no suffix
    (folder / "LICENSE").write_text("Permission is granted to read these releases.\n")
    db = tmp_path / "s.duckdb"
    runner = CliRunner(mix_stderr=False)
    result = runner.invoke(
        main, ["batch", str(folder), "--db", str(db), "-j", "1", "--no-restatements"]
    )
    assert result.exit_code == 0, result.stderr
    assert "3 files: 3 stored, 0 skipped (already stored), 0 failed" in result.stderr
    assert (
        "not read: 4 files not a release (LICENSE, MANIFEST.tsv, README.md, ...; --glob chooses)"
        in result.stderr
    )
    stored = {p for (p,) in query(db, "SELECT path FROM sources WHERE status = 'ok'")}
    assert stored == {
        str(folder / "sub" / "a.txt"),
        str(folder / "sub" / "b.htm"),
        str(folder / "0000999999-24-000001"),
    }
    # --glob chooses instead, by name or by path inside the folder
    events: list[Event] = []
    chosen = run(
        [str(folder)],
        str(tmp_path / "g.duckdb"),
        Options(jobs=1, select=Select(globs=("sub/*.txt", "*.md"))),
        events.append,
    )
    assert (chosen.stored, chosen.failed, chosen.ignored) == (1, 1, 5)
    assert {e.name for e in events if e.status == "ignored" and e.reason == NOT_RELEASE} == {
        str(folder / n)
        for n in ("MANIFEST.tsv", "notes.csv", "0000999999-24-000001", "LICENSE", "sub/b.htm")
    }
    # a file named on the command line is read whatever its name
    named = run([str(folder / "notes.csv")], str(tmp_path / "n.duckdb"), Options(jobs=1))
    assert (named.failed, named.ignored) == (1, 0)


def test_archive_members_are_chosen_like_files(tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "bundle.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("r/a.txt", tiny(1))
        zf.writestr("r/README.md", "about")
        zf.writestr("r/plain", "no filing here")
        zf.writestr("r/sub", quarterly_filing(2023))
    events: list[Event] = []
    summary = run([str(archive)], str(tmp_path / "s.duckdb"), Options(jobs=1), events.append)
    assert (summary.stored, summary.failed, summary.ignored) == (2, 0, 2)
    reasons = {e.name.split("!")[1]: e.reason for e in events if e.status == "ignored"}
    assert reasons == {"r/README.md": NOT_RELEASE, "r/plain": NOT_FILING}


def test_the_corpus_folder_reads_with_exit_0(tmp_path: Path, corpus_dir: Path) -> None:
    # `tieout batch ../shared/corpus` exited 2 on README.md and MANIFEST.tsv; the same
    # files beside two of its releases, copied to a temporary folder
    folder = tmp_path / "corpus"
    (folder / "submissions").mkdir(parents=True)
    for name in ("README.md", "MANIFEST.tsv", "lexington-precision_2004q1.txt"):
        shutil.copy(corpus_dir / name, folder / name)
    shutil.copy(corpus_dir / "submissions" / "sears_2004q2.txt", folder / "submissions")
    db = tmp_path / "s.duckdb"
    done = _batch([str(folder), "--db", str(db), "--jobs", "2"])
    assert done.returncode == 0, done.stderr
    assert "2 files: 2 stored, 0 skipped (already stored), 0 failed" in done.stderr
    assert "2 files not a release (MANIFEST.tsv, README.md; --glob chooses)" in done.stderr


def test_a_failed_row_keyed_by_path_goes_when_a_file_at_that_path_is_stored(
    tmp_path: Path,
) -> None:
    from tieout.store.worker import failed, process

    db = tmp_path / "s.duckdb"
    path = str(tmp_path / "later.txt")
    with Store(str(db)) as store:
        run_id = store.begin_run(engine="local", jobs=1, timeout=None)
        store.write(failed(path, path_key(path), 0, "no such file").tables, run_id=run_id)
        data = tiny(5).encode()
        import hashlib

        ok = process(path, data, hashlib.sha256(data).hexdigest())
        store.write(ok.tables, run_id=run_id)
    assert query(db, "SELECT status FROM sources") == [("ok",)]
    assert query(
        db, f"SELECT count(*) FROM paths WHERE source_id = {source_id(path_key(path))}"
    ) == [(0,)]


def _reopened_as(tmp_path: Path, version: str, *older: str) -> Path:
    """A store of two tiny releases made what ``version`` wrote (by the statements
    ``older``), then opened by a batch that stores one release more: upgraded."""
    db = tmp_path / "old.duckdb"
    write_tiny(tmp_path / "in", 2)
    run([str(tmp_path / "in")], str(db), Options(jobs=1))
    con = duckdb.connect(str(db))
    for statement in older:
        con.execute(statement)
    con.execute("UPDATE store_meta SET value = ? WHERE key = 'schema_version'", [version])
    con.close()
    (tmp_path / "in" / "more.txt").write_text(tiny(9))
    summary = run([str(tmp_path / "in")], str(db), Options(jobs=1))
    assert (summary.stored, summary.skipped) == (1, 2)
    assert query(db, "SELECT value FROM store_meta WHERE key = 'schema_version'") == [("4",)]
    return db


def test_a_version_2_store_is_upgraded_when_opened_for_writing(tmp_path: Path) -> None:
    db = _reopened_as(
        tmp_path,
        "2",
        "DROP VIEW figures",
        *(
            f"ALTER TABLE {table} DROP COLUMN exact_text"
            for table in ("tables", "cells", "evaluations", "claims", "findings")
        ),
        "ALTER TABLE columns DROP COLUMN period_quarter",  # added by version 4
        "CREATE TABLE runs_old AS SELECT * EXCLUDE (ignored) FROM runs",
        "DROP TABLE runs",
        "ALTER TABLE runs_old RENAME TO runs",
    )
    assert query(db, "SELECT count(*), count(exact_text) FROM figures") == [(18, 0)]


def test_a_version_3_store_gains_the_fiscal_quarter_of_its_columns(tmp_path: Path) -> None:
    db = _reopened_as(tmp_path, "3", "ALTER TABLE columns DROP COLUMN period_quarter")
    assert query(db, "SELECT count(*) FROM columns WHERE period_quarter IS NOT NULL") == [(0,)]
