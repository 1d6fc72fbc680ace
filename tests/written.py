"""The source text of a function as written in its module's .py, whether the module runs
from the .py or compiled from it (Cython, ``setup.py``): the tests that hash what a
hand-written C component was written from read the specification's text, not its form."""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable
from typing import Any

from tieout.extensions import source_beside


def source(function: Callable[..., Any]) -> str:
    """``inspect.getsource`` of ``function``; for a compiled one (no Python code object to
    read), the block at its first line in the .py beside its module's .so."""
    if inspect.isfunction(function):
        return inspect.getsource(function)
    written = source_beside(sys.modules[function.__module__].__file__ or "")
    assert written is not None, f"{function.__module__} is neither Python nor compiled"
    lines = written.read_text(encoding="utf-8").splitlines(keepends=True)
    first = function.__code__.co_firstlineno  # a compiled function's is its def's
    return "".join(inspect.getblock(lines[first - 1 :]))
