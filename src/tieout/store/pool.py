"""Worker processes with a hard time limit per task: a stuck or crashed worker is replaced.

Each worker is a fresh interpreter (``python -m tieout.store.worker``) speaking
length-prefixed pickles over its standard input and output, one task at a time. The pool
gives every task a deadline; a worker still busy past it is killed (SIGKILL) and a new
one started, and the task comes back as a ``Failure`` with the reason. A worker that dies
(a crash in native code, the kernel's out-of-memory killer) is replaced the same way.
Workers are also recycled after ``recycle`` tasks, so a slow leak cannot grow forever.

Plain subprocesses rather than ``multiprocessing``: no fork of a process holding DuckDB
threads, and a pool can start inside a daemonic process such as a Dask worker.
"""

from __future__ import annotations

import os
import pickle
import selectors
import struct
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

T = TypeVar("T")
_LEN = struct.Struct("<Q")
_MAX_FAILED_STARTS = 3


@dataclass(frozen=True, slots=True)
class Failure:
    """Why a task gave no result: timed out, worker crashed, or the work raised."""

    reason: str


@dataclass(frozen=True, slots=True)
class Direct(Generic[T]):
    """A task whose result is already known: passed through in order, no worker used."""

    result: T


def send(stream: Any, message: object) -> None:
    """Write one message (length, then pickle) and flush."""
    data = pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_LEN.pack(len(data)))
    stream.write(data)
    stream.flush()


def _read_exact(fd: int, n: int) -> bytes | None:
    chunks: list[bytes] = []
    while n:
        block = os.read(fd, min(n, 1 << 20))
        if not block:
            return None
        chunks.append(block)
        n -= len(block)
    return b"".join(chunks)


def receive(fd: int) -> object | None:
    """Read one message from a file descriptor; None at end of stream (the peer died)."""
    head = _read_exact(fd, _LEN.size)
    if head is None:
        return None
    body = _read_exact(fd, _LEN.unpack(head)[0])
    return None if body is None else pickle.loads(body)


class _Worker:
    """One worker process and the task it is on."""

    def __init__(self, work: str, stderr: int | None) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tieout.store.worker", work],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            bufsize=0,
        )
        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.stdin = self.proc.stdin
        self.fd = self.proc.stdout.fileno()
        self.ready = False
        self.task: Any = None
        self.busy = False
        self.deadline = 0.0
        self.served = 0

    def give(self, task: Any, args: tuple[Any, ...], deadline: float) -> None:
        self.task, self.busy, self.deadline = task, True, deadline
        send(self.stdin, args)

    def stop(self, *, kill: bool = False) -> None:
        try:
            if kill:
                self.proc.kill()
            else:
                self.stdin.close()
        except OSError:
            pass
        try:
            self.proc.wait(timeout=None if kill else 5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        finally:
            if self.proc.stdout is not None:
                self.proc.stdout.close()

    def why_dead(self) -> str:
        code = self.proc.wait()
        if code < 0:
            return f"worker crashed (signal {-code})"
        return f"worker exited with status {code}"


class Pool:
    """``jobs`` worker processes running ``work`` (``"module:function"``) on tasks.

    ``timeout`` is the hard limit per task, in seconds (None: none). ``grace`` is added
    to it, so work that enforces the limit itself can fail cleanly before it is killed.
    """

    def __init__(
        self,
        jobs: int,
        work: str = "tieout.store.worker:process",
        *,
        timeout: float | None = None,
        grace: float = 2.0,
        recycle: int = 2000,
        quiet: bool = True,
    ) -> None:
        self.jobs = max(1, jobs)
        self.work = work
        self.limit = None if not timeout else timeout + grace
        self.timeout = timeout
        self.recycle = recycle
        self.stderr = subprocess.DEVNULL if quiet else None
        self.selector = selectors.DefaultSelector()
        self.workers: list[_Worker] = []
        self.failed_starts = 0
        for _ in range(self.jobs):
            self._start()

    def _start(self) -> None:
        worker = _Worker(self.work, self.stderr)
        self.workers.append(worker)
        self.selector.register(worker.fd, selectors.EVENT_READ, worker)

    def _drop(self, worker: _Worker, *, kill: bool) -> None:
        self.selector.unregister(worker.fd)
        self.workers.remove(worker)
        worker.stop(kill=kill)

    def _replace(self, worker: _Worker, *, kill: bool) -> None:
        self._drop(worker, kill=kill)
        self._start()

    def close(self) -> None:
        for worker in list(self.workers):
            self._drop(worker, kill=worker.busy)
        self.selector.close()

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def run(
        self,
        tasks: Iterable[T | Direct[Any]],
        args: Callable[[T], tuple[Any, ...]],
    ) -> Iterator[tuple[T | Direct[Any], Any]]:
        """(task, result or Failure) for every task, in the order they finish.

        ``args(task)`` gives the arguments the worker's function is called with. Tasks
        are drawn lazily, one per idle worker, so a long stream costs no memory.
        """
        source = iter(tasks)
        exhausted = False
        while True:
            while not exhausted:
                idle = [w for w in self.workers if w.ready and not w.busy]
                if not idle:
                    break
                try:
                    task = next(source)
                except StopIteration:
                    exhausted = True
                    break
                if isinstance(task, Direct):
                    yield task, task.result
                    continue
                deadline = time.monotonic() + self.limit if self.limit else float("inf")
                try:
                    idle[0].give(task, args(task), deadline)
                except (BrokenPipeError, OSError):
                    reason = idle[0].why_dead()
                    self._replace(idle[0], kill=True)
                    yield task, Failure(reason)
            busy = [w for w in self.workers if w.busy]
            if exhausted and not busy:
                return
            soonest = min((w.deadline for w in busy), default=float("inf"))
            wait = max(0.0, min(0.5, soonest - time.monotonic()))
            for key, _ in self.selector.select(wait):
                worker: _Worker = key.data
                yield from self._on_message(worker)
            now = time.monotonic()
            for worker in [w for w in self.workers if w.busy and w.deadline <= now]:
                task = worker.task
                self._replace(worker, kill=True)
                assert self.timeout is not None
                yield task, Failure(f"took longer than {self.timeout:g} s; its worker was stopped")

    def _on_message(self, worker: _Worker) -> Iterator[tuple[Any, Any]]:
        message = receive(worker.fd)
        if message is None:  # the worker died
            reason = worker.why_dead()
            task, busy = worker.task, worker.busy
            if not worker.ready:
                self.failed_starts += 1
                if self.failed_starts >= _MAX_FAILED_STARTS:
                    raise RuntimeError(f"tieout workers cannot start: {reason}")
            self._replace(worker, kill=True)
            if busy:
                yield task, Failure(reason)
            return
        kind, payload = cast(tuple[str, Any], message)
        if kind == "ready":
            worker.ready = True
            self.failed_starts = 0
            return
        task = worker.task
        worker.task, worker.busy = None, False
        worker.served += 1
        if worker.served >= self.recycle:
            self._replace(worker, kill=False)
        yield task, payload if kind == "ok" else Failure(str(payload))
