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

The read path's Python modules are also compiled as they are written (Cython, listed in
``setup.py``; the build writes ``_compiled_python.txt``: each module and the sha256 of the
source it was compiled from). A compiled module's .so sits beside its .py, and Python would
import the .so whatever the .py now says; ``CompiledOrSource``, installed by ``tieout``'s
``__init__`` before any other module of the package is imported, imports the .py instead
when the same rule asks for the pure-Python passes, and whenever the .py is not the source
the .so was made from (an edit not yet rebuilt: the code as written runs, only slower).
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import os
import sys
from collections.abc import Callable, Sequence
from importlib.machinery import EXTENSION_SUFFIXES, ModuleSpec, PathFinder
from pathlib import Path
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


COMPILED_LIST = "_compiled_python.txt"  # written by setup.py's build_ext


def source_beside(built: str) -> Path | None:
    """The .py a compiled module's file stands beside (``x.cpython-311-*.so`` -> ``x.py``):
    the source Cython compiled it from, if it has one; None for a file no extension."""
    suffix = next((s for s in EXTENSION_SUFFIXES if built.endswith(s)), None)
    return None if suffix is None else Path(built[: -len(suffix)] + ".py")


class CompiledOrSource:
    """The import of a compiled Python module of the package: its .so when that was made
    from the .py beside it and the compiled passes are not set aside, else the .py.

    Every other module of the package (and the hand-written C components, which have no
    .py of the same name) is found as Python would find it.
    """

    def __init__(self, package: Path) -> None:
        self._package = package
        self._made: dict[str, str] | None = None  # module -> its source's sha256, read once

    def made_from(self) -> dict[str, str]:
        """The compiled modules the build listed, with the digest of each one's source."""
        if self._made is None:
            try:
                listed = (self._package / COMPILED_LIST).read_text(encoding="ascii")
            except OSError:
                listed = ""
            rows = (line.split() for line in listed.splitlines())
            self._made = {row[0]: row[1] for row in rows if len(row) == 2}  # a bad line: none
        return self._made

    def find_spec(
        self, name: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if not name.startswith("tieout.") or path is None:
            return None
        spec = PathFinder.find_spec(name, path, target)
        origin = spec.origin if spec is not None else None
        if origin is None:
            return spec
        source = source_beside(origin)
        if source is None or not source.is_file():
            return spec  # a .py, or a hand-written C component: ``compiled`` decides its use
        if not python_forced() and self._fresh(name, source):
            return spec
        return importlib.util.spec_from_file_location(name, source)

    def _fresh(self, name: str, source: Path) -> bool:
        """Whether ``source`` is what the module's .so was compiled from."""
        digest = self.made_from().get(name)
        return digest is not None and hashlib.sha256(source.read_bytes()).hexdigest() == digest


def install_compiled_or_source(package: Path) -> None:
    """Put ``CompiledOrSource`` first among the import finders, once per process."""
    if not any(isinstance(f, CompiledOrSource) for f in sys.meta_path):
        sys.meta_path.insert(0, CompiledOrSource(package))


def compiled_python() -> dict[str, bool]:
    """Each compiled Python module the build listed, and whether it is imported compiled
    (False: its .py runs; the module is imported here if it was not yet)."""
    finder = next((f for f in sys.meta_path if isinstance(f, CompiledOrSource)), None)
    if finder is None:
        return {}
    out = {}
    for name in sorted(finder.made_from()):
        module = importlib.import_module(name)
        out[name] = not (module.__file__ or "").endswith(".py")
    return out
