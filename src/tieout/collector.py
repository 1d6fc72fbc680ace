"""Python's cycle collector paused while a stage makes many records and no cycles.

A stage that makes hundreds of thousands of small immutable records (the HTML reader's
trees, the assembler's cells, the checks' relations) makes no reference cycles worth
collecting while it runs; left on, the collector would walk all of them again and again.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

_P = ParamSpec("_P")
_R = TypeVar("_R")


def collector_paused(fn: Callable[_P, _R]) -> Callable[_P, _R]:
    """Run ``fn`` with Python's cycle collector paused, as it was before once it returns.

    Left on, the collector would walk the records already made again and again: a tenth
    of the HTML reader's time on the corpus, a twentieth of the checks' and of the
    assembler's.
    """

    @wraps(fn)
    def paused(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if not gc.isenabled():
            return fn(*args, **kwargs)
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            gc.enable()

    return paused
