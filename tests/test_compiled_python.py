"""The read path's Python modules compiled as written (Cython, ``setup.py``): built where a
compiler is, in use when built and made from the .py beside them, set aside by
``TIEOUT_PURE_PYTHON=1`` and by an edit of the .py, and giving the outputs of the .py.

The .py is the specification: a .so compiled from another text of it must never run
(``tieout.extensions.CompiledOrSource``), and the goldens must hold for the pure-Python
modules as they hold for the compiled ones the rest of the suite runs.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import json
import os
import re
import shutil
import subprocess
import sys
from decimal import Decimal
from importlib.machinery import ModuleSpec, PathFinder
from pathlib import Path
from typing import Any

import pytest

import tieout
from tieout.extensions import (
    COMPILED_LIST,
    PURE_PYTHON,
    compiled_python,
    python_forced,
    source_beside,
)

REPO = Path(__file__).resolve().parent.parent
PACKAGE = Path(tieout.__file__).parent


def _declared() -> set[str]:
    """The modules setup.py compiles (its COMPILED_PACKAGES and COMPILED_MODULES)."""
    tree = ast.parse((REPO / "setup.py").read_text(encoding="utf-8"))
    values = {
        node.targets[0].id: ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign)
        and isinstance(node.targets[0], ast.Name)
        and node.targets[0].id in ("COMPILED_PACKAGES", "COMPILED_MODULES")
    }
    root = REPO / "src" / "tieout"
    paths = [p for d in values["COMPILED_PACKAGES"] for p in (root / d).glob("*.py")]
    paths += [root / f"{m}.py" for m in values["COMPILED_MODULES"]]
    return {
        ".".join(p.relative_to(REPO / "src").with_suffix("").parts)
        for p in paths
        if p.name != "__init__.py"
    }


def _run(code: str, *, pure: bool = False, path: Path | None = None) -> str:
    env = {**os.environ}
    env.pop(PURE_PYTHON, None)
    if pure:
        env[PURE_PYTHON] = "1"
    if path is not None:
        env["PYTHONPATH"] = str(path)
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout


def test_every_declared_module_is_built_where_a_compiler_is() -> None:
    if not os.environ.get("CI") or not (shutil.which("cc") or shutil.which("gcc")):
        pytest.skip("only CI promises a C compiler")
    listed = compiled_python()
    assert set(listed) == _declared()


def test_the_compiled_modules_are_the_ones_in_use() -> None:
    listed = compiled_python()
    if not listed:
        pytest.skip("no Python module is compiled here")
    if python_forced():
        assert not any(listed.values())
    else:
        assert all(listed.values()), [name for name, used in listed.items() if not used]


def test_the_environment_forces_the_python_modules() -> None:
    if not compiled_python():
        pytest.skip("no Python module is compiled here")
    code = "import tieout.extensions as e; d = e.compiled_python(); print(len(d), sum(d.values()))"
    count, used = _run(code, pure=True).split()
    assert int(count) == len(compiled_python()) and used == "0"


def test_an_edited_module_runs_as_written(tmp_path: Path) -> None:
    """A .py changed after its .so was built runs from the .py; the others stay compiled."""
    if not compiled_python():
        pytest.skip("no Python module is compiled here")
    copy = tmp_path / "tieout"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    edited = copy / "cells.py"
    edited.write_text(edited.read_text(encoding="utf-8") + "\nEDITED = True\n", encoding="utf-8")
    code = (
        "import tieout.cells as c, tieout.model as m; "
        "print(c.__file__.endswith('.py'), getattr(c, 'EDITED', False), m.__file__.endswith('.py'))"
    )
    assert _run(code, path=tmp_path).split() == ["True", "True", "False"]


def test_a_module_the_build_did_not_list_runs_as_written(tmp_path: Path) -> None:
    """A .so without its line in the build's list (a build that failed for it, or a list
    lost) is never imported."""
    if not compiled_python():
        pytest.skip("no Python module is compiled here")
    copy = tmp_path / "tieout"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    listed = (copy / COMPILED_LIST).read_text(encoding="ascii").splitlines()
    kept = [line for line in listed if not line.startswith("tieout.rounding ")]
    (copy / COMPILED_LIST).write_text("\n".join(kept) + "\n", encoding="ascii")
    code = "import tieout.rounding as r, tieout.cells as c; print(r.__file__.endswith('.py'), c.__file__.endswith('.py'))"
    assert _run(code, path=tmp_path).split() == ["True", "False"]


@pytest.mark.corpus
def test_the_goldens_hold_for_the_python_modules(corpus_dir: Path) -> None:
    """Every golden output (the bundled example and every corpus release) read with the
    pure-Python modules: the compiled ones, which the rest of the suite runs, agree with
    their specification on every release."""
    if not compiled_python():
        pytest.skip("no Python module is compiled here: the suite ran the .py already")
    env = {**os.environ, PURE_PYTHON: "1", "TIEOUT_CORPUS": str(corpus_dir)}
    out = subprocess.run(
        [sys.executable, str(REPO / "tests" / "golden.py")],
        env=env,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0, out.stdout[-4000:] + out.stderr[-4000:]


_DATA = (int, float, str, bytes, bool, type(None), Decimal)


def _canon(value: object, depth: int = 0) -> str | None:
    """A value made at import as text that compares across processes: numbers, text,
    patterns and the containers of them (sets sorted); None for anything else (functions,
    classes, records: what they compute is what the goldens compare)."""
    if depth > 8:
        return None
    if isinstance(value, _DATA):
        return f"{type(value).__name__}:{value!r}"
    if isinstance(value, re.Pattern):
        return f"re:{value.pattern!r}:{value.flags}"
    if isinstance(value, tuple | list):
        items = [_canon(v, depth + 1) for v in value]
        return None if None in items else f"{type(value).__name__}({','.join(items)})"  # type: ignore[arg-type]
    if isinstance(value, set | frozenset):
        items = [_canon(v, depth + 1) for v in value]
        return None if None in items else "{" + ",".join(sorted(items)) + "}"  # type: ignore[arg-type]
    if isinstance(value, dict):
        pairs = [(_canon(k, depth + 1), _canon(v, depth + 1)) for k, v in value.items()]
        if any(k is None or v is None for k, v in pairs):
            return None
        return "{" + ",".join(sorted(f"{k}:{v}" for k, v in pairs)) + "}"
    return None


class _Written:
    """Finds ``names`` as their .py, whatever is built beside them: the hand-written C
    components stay in use (``TIEOUT_PURE_PYTHON`` would set them aside too, and the
    modules that pick them would differ by that alone)."""

    def __init__(self, names: list[str]) -> None:
        self.names = set(names)

    def find_spec(self, name: str, path: Any, target: Any = None) -> ModuleSpec | None:
        if name not in self.names:
            return None
        found = PathFinder.find_spec(name, path, target)
        assert found is not None and found.origin is not None
        return importlib.util.spec_from_file_location(name, source_beside(found.origin))


def constants(names: list[str], *, written: bool = False) -> dict[str, dict[str, str]]:
    """Each module's data made at import (``_canon`` of its globals that are data); from
    the .py of each (``written``), or as this process imports them."""
    if written:
        sys.meta_path.insert(0, _Written(names))
    out = {}
    for name in names:
        module = importlib.import_module(name)
        made = {k: _canon(v) for k, v in vars(module).items() if not k.startswith("__")}
        out[name] = {k: v for k, v in made.items() if v is not None}
    return out


def test_every_module_makes_the_same_data_at_import() -> None:
    """The tables, masks and constants a compiled module computes at import are those its
    .py computes: Cython does arithmetic in C where it types a value as a C integer
    (``1 << ord(c)`` shifted a C long: 128-bit masks cut to 64, ``vocabulary/leads.py``),
    which no corpus release may happen to show."""
    listed = compiled_python()
    if not listed or python_forced():
        pytest.skip("no Python module is compiled here")
    names = sorted(listed)

    def made(written: bool) -> dict[str, dict[str, str]]:
        # each in a fresh process: memos a module fills as it runs are data too
        code = (
            f"import json, sys; sys.path.insert(0, {str(Path(__file__).parent)!r}); "
            "import test_compiled_python as t; "
            f"print(json.dumps(t.constants({names!r}, written={written})))"
        )
        found: dict[str, dict[str, str]] = json.loads(_run(code))
        return found

    pure, compiled = made(True), made(False)
    differ = [
        f"{m}.{k}"
        for m in names
        for k in sorted(set(pure[m]) | set(compiled[m]))
        if pure[m].get(k) != compiled[m].get(k)
    ]
    assert not differ, differ
    assert sum(len(v) for v in compiled.values()) > 500  # the data is there to compare
