"""The HTML reader's compiled components: whether the environment sets them aside.

Each (``_scan``, ``_tree``, ``_grid``) is an optional C extension mirroring a pure-Python
pass that stays the fallback and the specification, and is used when it was built. One
rule sets them all aside: ``TIEOUT_PURE_PYTHON`` set to anything but ``0``, which the tests and the
benches use to run the Python passes on the same install.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

PURE_PYTHON = "TIEOUT_PURE_PYTHON"


def python_forced() -> bool:
    """Whether the environment asks for the pure-Python passes."""
    return os.environ.get(PURE_PYTHON, "") not in ("", "0")


def grid_function(name: str) -> Callable[..., Any] | None:
    """A function of the compiled ``_grid``, unless it is not built or the environment asks
    for the pure-Python passes."""
    if python_forced():
        return None
    try:
        from tieout.readers.html import _grid
    except ImportError:
        return None
    made: Callable[..., Any] = getattr(_grid, name)
    return made
