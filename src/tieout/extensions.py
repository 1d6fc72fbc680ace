"""The compiled components: whether one is in use, and the rule that sets them all aside.

Each (the HTML reader's ``_scan``, ``_tree`` and ``_grid``, the assembler's ``_cells``, the
JSON writer's ``_rows``, footing's ``_footing``, the checks' judge ``_judge``, the non-GAAP
finder's ``_places``, the prose's sieve ``_sieve``, figures ``_figures``, the words around a
figure ``_words``, period phrases' starts ``_periods``, sentence cuts ``_sentences`` and the
tie's lookup ``_lookup``, the text reader's ``_runs``, the submission reader's ``_tags``, the records'
``__init__`` ``_records``) is
an optional C extension mirroring a pure-Python pass that stays the fallback and the
specification, and is used when it was built. One rule sets them all aside:
``TIEOUT_PURE_PYTHON`` set to anything but ``0``, which the tests and the benches use to run
the Python passes on the same install.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from types import ModuleType
from typing import Any

PURE_PYTHON = "TIEOUT_PURE_PYTHON"


def python_forced() -> bool:
    """Whether the environment asks for the pure-Python passes."""
    return os.environ.get(PURE_PYTHON, "") not in ("", "0")


def compiled(name: str, *, forced: bool = False) -> ModuleType | None:
    """The compiled component ``name`` (``tieout.tables._cells``), unless it is not built or
    the environment asks for the pure-Python passes and the caller does not insist
    (``forced``: the tests compare both on one install)."""
    if python_forced() and not forced:
        return None
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


def grid_function(name: str) -> Callable[..., Any] | None:
    """A function of the compiled ``_grid`` (the HTML reader's rows and cells), as
    ``compiled`` gives it."""
    module = compiled("tieout.readers.html._grid")
    if module is None:
        return None
    made: Callable[..., Any] = getattr(module, name)
    return made
