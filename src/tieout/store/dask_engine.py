"""The batch on a dask.distributed cluster: the same per-file work, Parquet parts, one store.

    client   lists the inputs (archive members are read here), in chunks of files
    task     on a Dask worker: reads and hashes each file, skips what the store holds,
             runs the rest through a one-process tieout pool (the same hard per-file
             time limit and crash isolation as the local engine), and writes the
             chunk's rows as Parquet parts: PARTS/chunk-000042/<table>.parquet
    client   loads each finished chunk's parts into DuckDB in one transaction
             (already-stored files skipped again there) and deletes them

Workers must see the input files and PARTS at the same paths as the client (a shared
filesystem) and have tieout installed. Tasks in flight are bounded, so the client's
memory does not grow with the corpus; the set of hashes already stored is sent to every
worker once (64 bytes a file).
"""

from __future__ import annotations

import atexit
import os
import shutil
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import pyarrow.parquet as pq

from tieout.store import inputs
from tieout.store.batch import DEFAULTS, Event, Options, Summary
from tieout.store.inputs import Entry, Item
from tieout.store.pool import Failure, Pool
from tieout.store.rows import Tables, concat
from tieout.store.schema import RELEASE_TABLES, source_id
from tieout.store.worker import Outcome, failed
from tieout.store.writer import Store

Ref = Entry | Item  # a file a worker reads itself, or an item settled here (archive members)
_POOLS: dict[int, Pool] = {}
_LOCK = threading.Lock()


def refs(args: Iterable[str], options: Options) -> Iterator[Ref]:
    """Files on disk for the workers; archive members read here, as items with their
    bytes, and files not read (ignored, or failed before any reading) as items too."""
    for entry in inputs.entries(list(args), options.select):
        path = entry.path
        if entry.ignored or entry.error or (inputs.is_archive(path) and inputs.is_regular(path)):
            yield from inputs.entry_items(entry, max_bytes=options.max_bytes, select=options.select)
        else:
            yield entry


def _pool(options: Options) -> Pool:
    """This worker thread's tieout pool (one process), started on first use."""
    key = threading.get_ident()
    with _LOCK:
        pool = _POOLS.get(key)
        if pool is None:
            pool = Pool(1, timeout=options.timeout)
            _POOLS[key] = pool
            atexit.register(pool.close)
        return pool


def tie_chunk(
    number: int, chunk: list[Ref], known: frozenset[str], parts: str, options: Options
) -> tuple[str | None, list[tuple[str, str, str | None, str | None, int]]]:
    """Run one chunk of files on a Dask worker; (its parts folder, its outcomes).

    Each outcome is (status, name, sha256, reason, size); the rows are in the parts.
    """
    pool = _pool(options)
    outcomes: list[Outcome] = []
    seen: set[str] = set()
    for ref in chunk:
        if isinstance(ref, Item):
            item = ref
        else:
            item = inputs.read_file(ref.path, options.max_bytes, sniff=ref.sniff)
        outcomes.append(_one(pool, item, known, seen, options))
    tables = concat(o.tables for o in outcomes if o.status not in ("skipped", "ignored"))
    folder = _write_parts(parts, number, tables) if tables else None
    return folder, [(o.status, o.name, o.sha256, o.reason, o.size) for o in outcomes]


def _one(
    pool: Pool, item: Item, known: frozenset[str], seen: set[str], options: Options
) -> Outcome:
    if item.ignored is not None:
        return Outcome(item.name, None, item.size, "ignored", item.ignored)
    if item.sha256 is not None and (item.sha256 in known or item.sha256 in seen):
        return Outcome(item.name, item.sha256, item.size, "skipped")
    if item.sha256 is not None:
        seen.add(item.sha256)
    if item.reason is not None:
        return failed(item.name, item.sha256, item.size, item.reason)
    args = (item.name, item.data, item.sha256, options.timeout, options.max_bytes, options.encoding)
    for _, result in pool.run([item], lambda _: args):
        if isinstance(result, Failure):
            return failed(item.name, item.sha256, item.size, result.reason)
        assert isinstance(result, Outcome)
        return result
    raise RuntimeError("the pool returned nothing")  # pragma: no cover


def _write_parts(parts: str, number: int, tables: Tables) -> str:
    """Write a chunk's tables under a temporary name, then rename: a part is whole or absent."""
    final = os.path.join(parts, f"chunk-{number:06d}")
    temp = final + f".tmp-{os.getpid()}"
    os.makedirs(temp, exist_ok=True)
    for name, table in tables.items():
        pq.write_table(table, os.path.join(temp, f"{name}.parquet"))
    if os.path.exists(final):
        shutil.rmtree(final)
    os.rename(temp, final)
    return final


def _read_parts(folder: str) -> Tables:
    tables: Tables = {}
    for spec in RELEASE_TABLES:
        path = os.path.join(folder, f"{spec.name}.parquet")
        if os.path.exists(path):
            tables[spec.name] = pq.read_table(path, schema=spec.arrow_schema)
    return tables


def _client(scheduler: str | None, jobs: int) -> Any:
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler)  # type: ignore[no-untyped-call]
    cluster = LocalCluster(  # type: ignore[no-untyped-call]
        n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None
    )
    return Client(cluster)  # type: ignore[no-untyped-call]


def _chunks(stream: Iterable[Ref], size: int) -> Iterator[list[Ref]]:
    chunk: list[Ref] = []
    for ref in stream:
        chunk.append(ref)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run(
    args: Iterable[str],
    db: str,
    options: Options = DEFAULTS,
    on_event: Callable[[Event], None] = lambda event: None,
    *,
    scheduler: str | None = None,
    parts: str | None = None,
    chunk_files: int = 50,
) -> Summary:
    """Read every input named by ``args`` on a Dask cluster into the store at ``db``.

    ``scheduler`` is a scheduler's address; without one a LocalCluster of
    ``options.jobs`` worker processes is started (and stopped at the end).
    """
    from distributed import as_completed

    started = time.monotonic()
    parts = os.path.abspath(parts or db + ".parts")
    os.makedirs(parts, exist_ok=True)
    counts = {"stored": 0, "skipped": 0, "failed": 0, "ignored": 0}
    seen = 0
    total_bytes = 0
    client = _client(scheduler, options.jobs)
    try:
        with Store(
            db, memory_limit=options.memory_limit, refresh_files=options.refresh_files
        ) as store:
            run_id = store.begin_run(engine="dask", jobs=options.jobs, timeout=options.timeout)
            held = store.con.execute(
                "SELECT sha256 FROM sources"
                + (" WHERE status = 'ok'" if options.retry_failed else "")
            ).fetchall()
            (known,) = client.scatter([frozenset(h for (h,) in held)], broadcast=True)
            del held
            workers = max(1, len(client.scheduler_info().get("workers", {})) or options.jobs)
            window = 2 * workers
            pending = as_completed()  # type: ignore[no-untyped-call]
            stream = enumerate(_chunks(refs(args, options), chunk_files))
            for number, chunk in stream:
                pending.add(  # type: ignore[no-untyped-call]
                    client.submit(tie_chunk, number, chunk, known, parts, options, pure=False)
                )
                if pending.count() >= window:  # type: ignore[no-untyped-call]
                    break
            try:
                for future in pending:
                    folder, outcomes = future.result()
                    future.release()
                    seen += sum(1 for o in outcomes if o[0] != "ignored")
                    total_bytes += sum(o[4] for o in outcomes)
                    _load(store, run_id, folder, outcomes, counts, on_event)
                    nxt = next(stream, None)
                    if nxt is not None:
                        pending.add(  # type: ignore[no-untyped-call]
                            client.submit(
                                tie_chunk, nxt[0], nxt[1], known, parts, options, pure=False
                            )
                        )
            finally:
                store.finish_run(run_id, seen=seen, **counts)
    finally:
        cluster = getattr(client, "cluster", None)
        client.close()
        if cluster is not None and not scheduler:
            cluster.close()
    if not os.listdir(parts):
        os.rmdir(parts)
    return Summary.of(run_id, seen, counts, total_bytes, started)


def _load(
    store: Store,
    run_id: int,
    folder: str | None,
    outcomes: list[tuple[str, str, str | None, str | None, int]],
    counts: dict[str, int],
    on_event: Callable[[Event], None],
) -> None:
    """One chunk's parts into the store, in one transaction; then the parts are removed."""
    tables = _read_parts(folder) if folder else {}
    seen_paths = [
        (sha, name) for status, name, sha, _, _ in outcomes if status == "skipped" and sha
    ]
    written = (
        store.write(tables, run_id=run_id, seen_paths=seen_paths) if tables or seen_paths else set()
    )
    for status, name, sha, reason, size in outcomes:
        if status in ("skipped", "ignored"):
            settled = status
        elif sha is None or source_id(sha) in written or status == "failed":
            settled = "stored" if status == "ok" else "failed"
        else:
            settled = "skipped"
        counts[settled] += 1
        on_event(Event(settled, name, reason, size))
    if folder:
        shutil.rmtree(folder, ignore_errors=True)
