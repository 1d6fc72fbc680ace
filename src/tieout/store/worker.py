"""The per-file work of a batch, and the worker process that runs it for the pool.

``process`` reads one file's bytes with the library (``tieout.pipeline.read``) under a
time limit and returns an ``Outcome``: the store's rows for a release, or the reason it
could not be read. It never raises for bad input or for a bug of ours; the pool's hard
limit covers what the soft limit cannot interrupt (native code).

Run as ``python -m tieout.store.worker module:function``, it serves the pool: reads
argument tuples from standard input, writes ``("ok", result)`` or ``("error", reason)``
to the standard output it had at start (library output is sent to standard error).
"""

from __future__ import annotations

import importlib
import os
import sys
import time
from dataclasses import dataclass, field
from typing import Any, cast

from tieout.errors import UnreadableInput
from tieout.limits import deadline
from tieout.sources import MAX_BYTES
from tieout.store.rows import Tables, release_rows, source_row


@dataclass(frozen=True)
class Outcome:
    """What became of one input file: its rows for the store, or why it has none."""

    name: str
    sha256: str | None
    size: int
    status: str  # "ok", "failed", "skipped" (already stored) or "ignored" (not read)
    reason: str | None = None
    tables: Tables = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def failed(name: str, sha256: str | None, size: int, reason: str) -> Outcome:
    """A failed file's outcome, with its ``sources`` row (none without a hash)."""
    tables: Tables = {}
    if sha256 is not None:
        tables["sources"] = source_row(
            sha256=sha256, path=name, size=size, status="failed", reason=reason
        )
    return Outcome(name, sha256, size, "failed", reason, tables)


def process(
    name: str,
    data: bytes,
    sha256: str,
    timeout: float | None = 30.0,
    max_bytes: int = MAX_BYTES,
    encoding: str = "utf-8",
) -> Outcome:
    """Read and check one file's bytes; its store rows, or a failed outcome with the reason."""
    from tieout.pipeline import read

    started = time.perf_counter()
    try:
        with deadline(timeout or None, name):
            release = read(data, name=name, max_bytes=max_bytes, encoding=encoding, sha256=sha256)
            tables = release_rows(release, path=name, seconds=time.perf_counter() - started)
    except UnreadableInput as error:
        return failed(name, sha256, len(data), error.reason)
    except RecursionError:
        return failed(name, sha256, len(data), "nested too deeply to read")
    except MemoryError:
        return failed(name, sha256, len(data), "ran out of memory reading it")
    except Exception as error:  # a bug of ours: the file fails, the batch goes on
        return failed(
            name,
            sha256,
            len(data),
            f"internal error {type(error).__name__}: {error} (please report)",
        )
    return Outcome(name, sha256, len(data), "ok", None, tables)


def _resolve(spec: str) -> Any:
    module, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module), attr)


def main(argv: list[str]) -> int:
    """Serve tasks on standard input until it closes."""
    from tieout.store.pool import receive, send

    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything printed goes to standard error, not into the protocol
    func = _resolve(argv[1] if len(argv) > 1 else "tieout.store.worker:process")
    import tieout.pipeline  # noqa: F401  (imported before "ready", not on the clock)

    fd = sys.stdin.buffer.fileno()
    send(out, ("ready", os.getpid()))
    while True:
        args = receive(fd)
        if args is None:
            return 0
        try:
            result = func(*cast(tuple[Any, ...], args))
        except Exception as error:
            send(out, ("error", f"{type(error).__name__}: {error}"))
            continue
        send(out, ("ok", result))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
