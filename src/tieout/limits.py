"""A wall-clock limit on reading one file, so hostile input costs bounded time.

Uses a POSIX interval timer, which interrupts pure-Python work such as a regular
expression gone slow; where no timer is available (not the main thread, Windows) the
limit is not enforced and batch runs rely on their worker processes' time-outs instead.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from tieout.errors import UnreadableInput


class _Expired(BaseException):
    """Raised inside the timed work; a BaseException so no ``except Exception`` eats it."""


@contextmanager
def deadline(seconds: float | None, name: str) -> Iterator[None]:
    """Raise ``UnreadableInput`` for ``name`` when the block runs past ``seconds``."""
    usable = (
        seconds is not None
        and seconds > 0
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )
    if not usable:
        yield
        return
    assert seconds is not None

    def expire(signum: int, frame: FrameType | None) -> None:
        raise _Expired

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _Expired:
        raise UnreadableInput(name, f"took longer than {seconds:g} s to read; gave up") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
