"""The Dask engine on a small LocalCluster: the same store as the local engine, resumable."""

from __future__ import annotations

import zipfile
from pathlib import Path

import duckdb

from test_store_support import tiny, write_tiny
from tieout.store.batch import Options, run
from tieout.store.dask_engine import run as run_dask

TABLES = ("sources", "tables", "columns", "rows", "cells", "relations", "findings", "paths")


def _counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}  # type: ignore[index]
    finally:
        con.close()


def test_dask_engine_stores_what_the_local_engine_stores_and_skips_on_rerun(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    write_tiny(folder, 30)
    (folder / "empty.txt").write_bytes(b"")
    with zipfile.ZipFile(folder / "more.zip", "w") as archive:
        archive.writestr("tiny_a.txt", tiny(500))
    local_db, dask_db = tmp_path / "local.duckdb", tmp_path / "dask.duckdb"
    run([str(folder)], str(local_db), Options(jobs=1))
    parts = tmp_path / "parts"
    summary = run_dask([str(folder)], str(dask_db), Options(jobs=2), parts=str(parts))
    assert (summary.stored, summary.failed, summary.skipped) == (31, 1, 0)
    assert _counts(dask_db) == _counts(local_db)
    assert not parts.exists()  # every part was loaded, then removed
    con = duckdb.connect(str(dask_db), read_only=True)
    engines = con.execute("SELECT engine, stored, failed FROM runs").fetchall()
    reason = con.execute("SELECT reason FROM sources WHERE status = 'failed'").fetchall()
    con.close()
    assert engines == [("dask", 31, 1)] and reason == [("empty file",)]
    again = run_dask([str(folder)], str(dask_db), Options(jobs=2), parts=str(parts))
    assert (again.stored, again.skipped) == (0, 32)
    assert _counts(dask_db)["sources"] == 32
