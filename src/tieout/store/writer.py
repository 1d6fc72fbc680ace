"""The DuckDB store: opening it, asking what it holds, and writing chunks of files atomically.

Every chunk of files is written in one transaction: a file's ``sources`` row and all its
rows commit together or not at all, so a batch killed at any moment (even SIGKILL) leaves
only whole files behind, and a re-run skips exactly those (by ``source_id``, from the
content's sha256). Inside the transaction the writer checks again which files are already
stored, so two runs over overlapping inputs cannot store a file twice.

DuckDB keeps the blocks it has written in its buffer cache until its memory limit, so a
writer that stays connected grows with the store (about 17 MB per 1,000 releases). The
store is therefore checkpointed and reconnected every ``refresh_files`` files written:
the writer's memory then depends on the chunk, not on how much the store holds.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

import duckdb
import pyarrow as pa

from tieout import __version__
from tieout.errors import TieoutError
from tieout.store.inputs import path_key
from tieout.store.rows import Tables
from tieout.store.schema import (
    ALL_TABLES,
    COMPANIES_VIEWS,
    FIGURES_VIEW,
    META,
    PATHS,
    RELEASE_TABLES,
    SCHEMA_VERSION,
    source_id,
)
from tieout.tables.periods import parse_period


class StoreError(TieoutError):
    """A store that cannot be opened or used: names the file and the reason."""


def connect(
    path: str, *, read_only: bool = False, memory_limit: str = "2GB", threads: int | None = None
) -> Any:
    """A DuckDB connection, with a one-line error when the file is locked or not a store."""
    if read_only and not os.path.exists(path):
        raise StoreError(f"{path}: no such store")
    try:
        con = duckdb.connect(path, read_only=read_only)
    except duckdb.IOException as error:
        text = str(error)
        if "lock" in text.lower():
            raise StoreError(
                f"{path}: in use by another process (a batch still running?); "
                "wait for it or use another --db"
            ) from None
        raise StoreError(f"{path}: cannot be opened: {text.splitlines()[0]}") from None
    except duckdb.Error as error:
        raise StoreError(f"{path}: not a DuckDB store: {str(error).splitlines()[0]}") from None
    con.execute(f"SET memory_limit = '{memory_limit}'")
    con.execute("SET preserve_insertion_order = false")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    return con


def existing(path: str, *, memory_limit: str = "2GB") -> Any:
    """A writable connection to a tieout store that exists at this version, else a
    one-line ``StoreError`` (a missing path is not created: a mistyped --db is named)."""
    if not os.path.exists(path):
        raise StoreError(f"{path}: no such store")
    con = connect(path, memory_limit=memory_limit)
    try:
        found = con.execute("SELECT value FROM store_meta WHERE key = 'schema_version'").fetchone()
    except duckdb.Error:
        con.close()
        raise StoreError(f"{path}: not a tieout store (no store_meta table)") from None
    version = found[0] if found else "?"
    if version != str(SCHEMA_VERSION):
        con.close()
        raise StoreError(
            f"{path}: store schema version {version}, this tieout reads version "
            f"{SCHEMA_VERSION} (a batch into it brings versions 2 and 3 up to date)"
        )
    return con


REFRESH_FILES = 500  # files written between reconnections (see the module docstring)
_UPGRADABLE = ("2", "3")  # store versions ``Store`` brings to SCHEMA_VERSION when it opens them


class Store:
    """A tieout store in a DuckDB file (created with its schema on first use)."""

    def __init__(
        self, path: str, *, memory_limit: str = "2GB", refresh_files: int = REFRESH_FILES
    ) -> None:
        self.path = path
        self.memory_limit = memory_limit
        self.refresh_files = refresh_files
        self.refreshes = 0
        self._written = 0  # files written since the last (re)connection
        self.con = self._connect()
        self._create()

    def _connect(self) -> Any:
        # one thread: many small inserts, where DuckDB's parallelism costs more than it gives
        return connect(self.path, memory_limit=self.memory_limit, threads=1)

    def refresh(self) -> None:
        """Checkpoint and reconnect, which empties DuckDB's cache of the blocks written.

        Another process could take the file in the moment it is closed; the reconnection
        waits a few seconds for it before giving up with the store's one-line error.
        """
        self.con.execute("CHECKPOINT")
        self.con.close()
        for attempt in range(50):
            try:
                self.con = self._connect()
                break
            except StoreError:
                if attempt == 49:
                    raise
                time.sleep(0.1)
        self._written = 0
        self.refreshes += 1

    def _create(self) -> None:
        self.con.execute("BEGIN TRANSACTION")
        for spec in ALL_TABLES:
            self.con.execute(spec.ddl())
        self.con.execute(META)
        self.con.execute(
            "INSERT OR IGNORE INTO store_meta VALUES ('schema_version', ?)",
            [str(SCHEMA_VERSION)],
        )
        found = self.con.execute(
            "SELECT value FROM store_meta WHERE key = 'schema_version'"
        ).fetchone()
        version = found[0] if found else "?"
        if version in _UPGRADABLE:
            self._upgrade()
        elif version != str(SCHEMA_VERSION):
            self.con.execute("ROLLBACK")
            raise StoreError(
                f"{self.path}: store schema version {version}, "
                f"this tieout writes version {SCHEMA_VERSION}"
            )
        self.con.execute(FIGURES_VIEW)
        for view in COMPANIES_VIEWS:
            self.con.execute(view)
        self.con.execute("COMMIT")

    def _upgrade(self) -> None:
        """Bring an older store to this version: the columns it lacks, NULL in old rows."""
        self.con.execute("DROP VIEW IF EXISTS figures")  # it depends on the tables altered
        for spec in ALL_TABLES:
            for column in spec.columns:
                self.con.execute(
                    f"ALTER TABLE {spec.name} ADD COLUMN IF NOT EXISTS {column.name} {column.sql}"
                )
        self._fiscal_quarters()
        self.con.execute(
            "UPDATE store_meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION)]
        )

    def _fiscal_quarters(self) -> None:
        """Fill ``columns.period_quarter`` (version 4) for columns an older version stored.

        A column that names a fiscal quarter but no end date (``Q4'12``) has its quarter
        read again from its stored header text by the function the assembler reads it
        with, kept only where that gives the stored year and a quarter's months: every
        such column of the corpus reads back to its period from its label alone. Without
        it, those columns would be compared across releases by end date only, which they
        lack, until their releases are stored again.
        """
        heads = self.con.execute(
            "SELECT DISTINCT label, period_year FROM columns WHERE period_quarter IS NULL "
            "AND period_end IS NULL AND months = 3 AND period_year IS NOT NULL "
            "AND label IS NOT NULL"
        ).fetchall()
        found = []
        for label, year in heads:
            period = parse_period([label])
            if (
                period is not None
                and period.quarter is not None
                and period.end is None
                and period.year == year
                and period.months == 3
            ):
                found.append((period.quarter, label, year))
        if found:
            self.con.executemany(
                "UPDATE columns SET period_quarter = ? WHERE label = ? AND period_year = ? "
                "AND period_quarter IS NULL AND period_end IS NULL AND months = 3",
                found,
            )

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def known(self, hashes: Sequence[str], *, ok_only: bool = False) -> set[str]:
        """Which of these sha256s the store holds (only stored releases when ``ok_only``)."""
        if not hashes:
            return set()
        ids = pa.table({"source_id": [source_id(h) for h in hashes]})
        self.con.register("_ask", ids)
        try:
            query = "SELECT s.sha256 FROM sources s JOIN _ask USING (source_id)"
            if ok_only:
                query += " WHERE s.status = 'ok'"
            return {row[0] for row in self.con.execute(query).fetchall()}
        finally:
            self.con.unregister("_ask")

    def begin_run(self, *, engine: str, jobs: int, timeout: float | None) -> int:
        """Record the start of a batch run; its id."""
        row = self.con.execute("SELECT coalesce(max(run_id), 0) + 1 FROM runs").fetchone()
        run_id = int(row[0]) if row else 1
        self.con.execute(
            "INSERT INTO runs (run_id, started, engine, jobs, timeout, tieout_version) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            [run_id, _now(), engine, jobs, timeout, __version__],
        )
        return run_id

    def finish_run(
        self, run_id: int, *, seen: int, stored: int, skipped: int, failed: int, ignored: int = 0
    ) -> None:
        self.con.execute(
            "UPDATE runs SET finished = ?, seen = ?, stored = ?, skipped = ?, failed = ?, "
            "ignored = ? WHERE run_id = ?",
            [_now(), seen, stored, skipped, failed, ignored, run_id],
        )

    def write(
        self,
        tables: Tables,
        *,
        run_id: int,
        seen_paths: Iterable[tuple[str, str]] = (),
    ) -> set[int]:
        """Store the rows of a chunk of files in one transaction; the source_ids written.

        ``tables`` holds each file's rows at most once (callers deduplicate a chunk). A
        file already stored is left alone, unless it failed before and now reads: its
        failed rows are removed first. ``seen_paths`` are (sha256, path) pairs of files
        skipped as already stored, recorded in ``paths``.
        """
        sources = tables.get("sources")
        if sources is not None and sources.num_rows:
            self._forget_failed(sources)
        self.con.execute("BEGIN TRANSACTION")
        try:
            written: set[int] = set()
            if sources is not None and sources.num_rows:
                self.con.register("_sources", sources)
                self.con.execute(
                    "CREATE OR REPLACE TEMP TABLE _new AS SELECT DISTINCT n.source_id "
                    "FROM _sources n ANTI JOIN sources s USING (source_id)"
                )
                self.con.unregister("_sources")
                written = {r[0] for r in self.con.execute("SELECT source_id FROM _new").fetchall()}
                for spec in RELEASE_TABLES:
                    table = tables.get(spec.name)
                    if table is not None and table.num_rows and written:
                        self._insert(spec.name, table, run_id)
                self.con.execute("DROP TABLE _new")
            pairs = list(seen_paths)
            if sources is not None:
                names = sources.select(["source_id", "path"]).to_pylist()
                pairs_ids = [(r["source_id"], r["path"]) for r in names]
            else:
                pairs_ids = []
            pairs_ids.extend((source_id(sha), path) for sha, path in pairs)
            if pairs_ids:
                paths = pa.table(
                    {"source_id": [i for i, _ in pairs_ids], "path": [p for _, p in pairs_ids]},
                    schema=PATHS.arrow_schema,
                )
                self.con.register("_paths", paths)
                self.con.execute(
                    "INSERT OR IGNORE INTO paths SELECT DISTINCT source_id, path FROM _paths"
                )
                self.con.unregister("_paths")
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self._written += len(written)
        if self.refresh_files and self._written >= self.refresh_files:
            self.refresh()
        return written

    def _insert(self, name: str, table: pa.Table, run_id: int) -> None:
        self.con.register("_chunk", table)
        try:
            if name == "sources":
                self.con.execute(
                    "INSERT INTO sources BY NAME SELECT * REPLACE "
                    f"({int(run_id)} AS run_id, now()::TIMESTAMP AS stored_at) FROM _chunk "
                    "WHERE source_id IN (SELECT source_id FROM _new)"
                )
            else:
                self.con.execute(
                    f"INSERT INTO {name} BY NAME SELECT * FROM _chunk "
                    "WHERE source_id IN (SELECT source_id FROM _new)"
                )
        finally:
            self.con.unregister("_chunk")

    def _forget_failed(self, sources: pa.Table) -> None:
        """Remove the rows of files that failed before and read now (their own transaction).

        A file that failed with no bytes to hash (gone, a dangling link, a pipe) was keyed
        by its path (``inputs.path_key``): once a file at that path is stored, that row
        goes too, so a path has one row.
        """
        ok_paths = [
            r["path"] for r in sources.select(["path", "status"]).to_pylist() if r["status"] == "ok"
        ]
        by_path = pa.table(
            {"source_id": [source_id(path_key(p)) for p in ok_paths]},
            schema=pa.schema([("source_id", pa.int64())]),
        )
        self.con.register("_sources", sources)
        self.con.register("_by_path", by_path)
        try:
            ids = [
                r[0]
                for r in self.con.execute(
                    "SELECT s.source_id FROM sources s JOIN _sources n USING (source_id) "
                    "WHERE s.status = 'failed' AND n.status = 'ok'"
                ).fetchall()
            ]
            unread = [
                r[0]
                for r in self.con.execute(
                    "SELECT s.source_id FROM sources s JOIN _by_path USING (source_id) "
                    "WHERE s.status = 'failed'"
                ).fetchall()
            ]
        finally:
            self.con.unregister("_sources")
            self.con.unregister("_by_path")
        if not ids and not unread:
            return
        self.con.execute("BEGIN TRANSACTION")
        try:
            for spec in RELEASE_TABLES:
                self.con.execute(
                    f"DELETE FROM {spec.name} WHERE source_id IN (SELECT unnest(?))", [ids + unread]
                )
            if unread:
                self.con.execute(
                    "DELETE FROM paths WHERE source_id IN (SELECT unnest(?))", [unread]
                )
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
