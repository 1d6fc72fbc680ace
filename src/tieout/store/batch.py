"""A batch: inputs streamed through worker processes into the store, a chunk per transaction.

    inputs  (files, folders, globs, archives)  -> Items (bytes + sha256), one at a time;
                                                  files not read (not releases) counted
    skip    (the store already holds the hash) -> recorded in ``paths``, not read again
    pool    (worker processes, hard time limit) -> Outcomes (Arrow rows, or a reason)
    writer  (a chunk of files per transaction)  -> the DuckDB store

Memory is bounded by the chunk and the number of workers, never by the corpus: inputs
are drawn lazily as workers free up, rows are written and dropped chunk by chunk, and
the store reconnects every ``refresh_files`` files so DuckDB does not keep what it wrote.
Hashes in flight (sent to a worker, not yet committed) are remembered so that a file
repeated within one run is read once.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from tieout.sources import MAX_BYTES
from tieout.store import inputs
from tieout.store.inputs import EVERY_RELEASE, Item, Select
from tieout.store.pool import Direct, Failure, Pool
from tieout.store.rows import concat
from tieout.store.schema import source_id
from tieout.store.worker import Outcome, failed
from tieout.store.writer import REFRESH_FILES, Store

GROUP_FILES = 32  # files hashed and looked up in the store together
GROUP_BYTES = 64 << 20  # ... or fewer, when their bytes add up to this


@dataclass(frozen=True, slots=True)
class Options:
    """How a batch runs: workers, per-file time limit, size limit, chunk per transaction."""

    jobs: int = 1
    timeout: float | None = 30.0
    max_bytes: int = MAX_BYTES
    encoding: str = "utf-8"
    chunk: int = 200  # files per transaction
    flush_seconds: float = 5.0  # ... or fewer, when this long has passed since the last
    retry_failed: bool = False
    memory_limit: str = "512MB"
    refresh_files: int = REFRESH_FILES  # files written between reconnections of the store
    select: Select = EVERY_RELEASE  # which files of a folder or archive are read


DEFAULTS = Options()


@dataclass(frozen=True, slots=True)
class Event:
    """One file settled: stored, skipped (already stored), failed (with the reason), or
    ignored (not read: not a release file, a link out of the folder; with the reason)."""

    status: str
    name: str
    reason: str | None = None
    size: int = 0


@dataclass(frozen=True, slots=True)
class Summary:
    """What a batch did."""

    run_id: int
    seen: int
    stored: int
    skipped: int
    failed: int
    bytes: int
    seconds: float
    ignored: int = 0  # files not read (not release files, links out of the folder)

    @classmethod
    def of(
        cls, run_id: int, seen: int, counts: dict[str, int], read: int, started: float
    ) -> Summary:
        """A run's summary from its files by outcome (``counts``: stored, skipped, failed,
        ignored), the bytes read, and when it started (``time.monotonic``)."""
        return cls(
            run_id,
            seen,
            counts["stored"],
            counts["skipped"],
            counts["failed"],
            read,
            time.monotonic() - started,
            counts["ignored"],
        )


def groups(stream: Iterable[Item]) -> Iterator[list[Item]]:
    """Items in small groups (by count and by bytes held) for one store lookup each."""
    group: list[Item] = []
    held = 0
    for item in stream:
        group.append(item)
        held += len(item.data or b"")
        if len(group) >= GROUP_FILES or held >= GROUP_BYTES:
            yield group
            group, held = [], 0
    if group:
        yield group


class _Tally:
    """Counts and the chunk being gathered for the next transaction."""

    def __init__(self, store: Store, run_id: int, on_event: Callable[[Event], None]) -> None:
        self.store = store
        self.run_id = run_id
        self.on_event = on_event
        self.pending: set[str] = set()  # hashes sent to workers or buffered, not committed
        self.buffer: list[Outcome] = []
        self.skipped: list[Outcome] = []
        self.last_flush = time.monotonic()
        self.counts = {"stored": 0, "skipped": 0, "failed": 0, "ignored": 0}
        self.bytes = 0
        self.seen = 0

    def add(self, outcome: Outcome) -> None:
        if outcome.status == "ignored":
            self._settle(outcome, "ignored")
            return
        self.seen += 1
        self.bytes += outcome.size
        if outcome.status == "skipped":
            self.skipped.append(outcome)
        elif outcome.sha256 is None:  # no key: cannot be stored (inputs key every item)
            self._settle(outcome, "failed")
        elif any(o.sha256 == outcome.sha256 for o in self.buffer):  # same bytes twice
            self.skipped.append(outcome)
        else:
            self.buffer.append(outcome)

    def due(self, chunk: int, seconds: float) -> bool:
        size = len(self.buffer) + len(self.skipped)
        return size >= chunk or (size > 0 and time.monotonic() - self.last_flush >= seconds)

    def flush(self) -> None:
        seen = [(o.sha256, o.name) for o in self.skipped if o.sha256]
        written = self.store.write(
            concat(o.tables for o in self.buffer), run_id=self.run_id, seen_paths=seen
        )
        for outcome in self.buffer:
            assert outcome.sha256 is not None
            if source_id(outcome.sha256) in written:
                self._settle(outcome, "stored" if outcome.ok else "failed")
            elif not outcome.ok:  # failed again: its failed row is already stored
                self._settle(outcome, "failed")
            else:  # stored meanwhile by another run: nothing lost, nothing doubled
                self._settle(outcome, "skipped")
            self.pending.discard(outcome.sha256)
        for outcome in self.skipped:
            self._settle(outcome, "skipped")
        self.buffer, self.skipped = [], []
        self.last_flush = time.monotonic()

    def _settle(self, outcome: Outcome, status: str) -> None:
        self.counts[status] += 1
        self.on_event(Event(status, outcome.name, outcome.reason, outcome.size))


def _tasks(
    items: Iterable[Item], store: Store, tally: _Tally, options: Options
) -> Iterator[Item | Direct[Outcome]]:
    """Items to read, and Direct outcomes for those failed or skipped before any work."""
    for group in groups(items):
        known = store.known([i.sha256 for i in group if i.sha256], ok_only=options.retry_failed)
        for item in group:
            if item.ignored is not None:
                yield Direct(Outcome(item.name, None, item.size, "ignored", item.ignored))
            elif item.sha256 is not None and (item.sha256 in known or item.sha256 in tally.pending):
                yield Direct(Outcome(item.name, item.sha256, item.size, "skipped"))
            elif item.reason is not None:
                if item.sha256 is not None:
                    tally.pending.add(item.sha256)
                yield Direct(failed(item.name, item.sha256, item.size, item.reason))
            else:
                assert item.sha256 is not None
                tally.pending.add(item.sha256)
                yield item


def run(
    args: Iterable[str],
    db: str,
    options: Options = DEFAULTS,
    on_event: Callable[[Event], None] = lambda event: None,
    *,
    work: str = "tieout.store.worker:process",
) -> Summary:
    """Read every input named by ``args`` into the store at ``db``; what was done.

    ``work`` names the per-file function the workers run (tests replace it).
    """
    started = time.monotonic()
    with Store(db, memory_limit=options.memory_limit, refresh_files=options.refresh_files) as store:
        run_id = store.begin_run(engine="local", jobs=options.jobs, timeout=options.timeout)
        tally = _Tally(store, run_id, on_event)
        stream = inputs.items(list(args), max_bytes=options.max_bytes, select=options.select)

        def arguments(item: Item) -> tuple[Any, ...]:
            return (
                item.name,
                item.data,
                item.sha256,
                options.timeout,
                options.max_bytes,
                options.encoding,
            )

        try:
            with Pool(options.jobs, work, timeout=options.timeout) as pool:
                for task, result in pool.run(_tasks(stream, store, tally, options), arguments):
                    if isinstance(result, Failure):
                        assert isinstance(task, Item)
                        result = failed(task.name, task.sha256, task.size, result.reason)
                    tally.add(result)
                    if tally.due(options.chunk, options.flush_seconds):
                        tally.flush()
        finally:
            tally.flush()  # every outcome already in hand is complete: keep it
            store.finish_run(run_id, seen=tally.seen, **tally.counts)
    return Summary.of(run_id, tally.seen, tally.counts, tally.bytes, started)
