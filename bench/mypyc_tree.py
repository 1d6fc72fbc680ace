"""A copy of tieout's sources with its Python stages compiled by mypyc (bench/README item 23m).

    python -m bench.mypyc_tree OUT [--set hot|plain|all] [--opt N]

Copies ``src/`` (the C components' built ``.so`` files with it) to ``OUT/src``, compiles
the chosen modules there in place with mypyc (mypy's compiler, the version the project
pins: one group, one shared library, ``gcc -O<N>``) and writes ``OUT/mypyc-build.json``:
the modules compiled, the time mypyc took to write the C and gcc to compile it, the size
of the ``.so`` files made. The tree is then timed against the interpreted one by
``PYTHONPATH=OUT/src:. python -m bench.speed --baseline src`` (or the other way round):
a compiled tree is a source tree with the extension modules beside the ``.py`` files,
which Python imports in their place.

What stays Python in every set: the command line, the reports, the store, the pipeline
(it reads its module's ``__file__``, which a compiled module does not have when its body
runs) and ``release.py`` (a slotted dataclass subclassing ``model.Release``: "mypyc
classes can't have __slots__"). ``--set plain`` compiles the rest as written, but for
``model.py`` and the modules that define ``quick_init`` records: mypyc makes such a
class a Python class and compiles ``==`` of two of its records as ``is`` (it sees no
``__eq__``), so equal records compare unequal. ``--set hot`` (the default) compiles
those but ``model.py``, after three edits made to the copies only: the ``@quick_init``
lines dropped (mypyc's native constructor is what quick_init gives an interpreted class;
with the decorator the class is not native); ``TableTerms``'s ``tables`` given the
default ``()`` (``copy.copy`` of a native instance calls ``__init__`` with no argument
before it sets the copied state); and each ``functools.cached_property`` made a declared
attribute set on first access (mypyc compiles it as a plain property, computed again on
every access: the prose's ``Index.lookup`` was rebuilt per claim, the checks x0.5).
``--set all`` compiles ``model.py`` too, its derived ``Row.has_figures`` made a property
(a native constructor would leave the field unset).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# packages and modules that stay Python in every compiled tree
_STAYS_PYTHON = re.compile(r"^tieout/(cli|report|store)/|^tieout/(__main__|pipeline|release)\.py$")
_MODEL = "tieout/model.py"  # compiled under --set all only

_MYPY_INI = """[mypy]
python_version = 3.11
strict = True

[mypy-pyarrow.*,dask.*,distributed.*,openpyxl.*]
ignore_missing_imports = True
"""

# the edits --set hot makes to the copies, as (module, pattern, replacement, count)
_EDITS = (
    (
        _MODEL,
        "    has_figures: bool = derived(_prints_a_figure)\n",
        "    @property\n    def has_figures(self) -> bool:\n        return _prints_a_figure(self)\n",
        1,
    ),
    (
        "tieout/prose/subjects.py",
        "def __init__(self, tables: Sequence[Table]) -> None:",
        "def __init__(self, tables: Sequence[Table] = ()) -> None:",
        1,
    ),
)


# mypyc compiles functools.cached_property as a plain property (a native instance has no
# __dict__ to keep the value in): computed again on every access, silently. Under --set
# hot each becomes a declared attribute, set on first access.
_CACHED = re.compile(
    r"^    @functools\.cached_property\n    def (\w+)\(self\) -> ([^\n]+):\n", re.M
)
_MEMO = (
    r"    _memo_\1: \2\n\n"
    r"    @property\n"
    r"    def \1(self) -> \2:\n"
    r"        try:\n"
    r"            return self._memo_\1\n"
    r"        except AttributeError:\n"
    r"            self._memo_\1 = self._compute_\1()\n"
    r"            return self._memo_\1\n\n"
    r"    def _compute_\1(self) -> \2:\n"
)


def modules(src: Path, chosen: str) -> list[str]:
    """The modules to compile, as paths relative to ``src``."""
    out = []
    for path in sorted(src.glob("tieout/**/*.py")):
        name = path.relative_to(src).as_posix()
        if _STAYS_PYTHON.search(name):
            continue
        if name == _MODEL and chosen != "all":
            continue
        if chosen == "plain" and re.search(r"^@quick_init\b", path.read_text(), re.M):
            continue
        out.append(name)
    return out


def edit(src: Path, names: list[str]) -> list[str]:
    """Make ``--set hot``'s edits to the copies; what was changed, one line each."""
    done = []
    for name in names:
        path = src / name
        text = path.read_text()
        new, n = re.subn(r"^@quick_init\b.*\n", "", text, flags=re.M)
        if n:
            done.append(f"{name}: {n} @quick_init dropped")
        new, n = re.subn(_CACHED, _MEMO, new)
        if n:
            done.append(f"{name}: {n} cached_property made a memo of its own")
        for module, old, replacement, count in _EDITS:
            if module == name:
                if new.count(old) != count:
                    raise SystemExit(f"{name}: expected {count} of {old!r}")
                new = new.replace(old, replacement)
                done.append(f"{name}: {old!r} -> {replacement!r}")
        if new != text:
            path.write_text(new)
    return done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--set", choices=("hot", "plain", "all"), default="hot")
    parser.add_argument("--opt", default="3", help="gcc's -O level (mypyc's opt_level)")
    args = parser.parse_args(argv)
    src = args.out.resolve() / "src"
    if src.exists():
        shutil.rmtree(src)
    shutil.copytree(REPO / "src", src, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    (src / "mypy.ini").write_text(_MYPY_INI)
    names = modules(src, args.set)
    edits = edit(src, names) if args.set != "plain" else []
    os.chdir(src)  # mypyc names modules by their paths, and builds in place
    from mypyc.build import mypycify
    from setuptools import setup  # type: ignore[import-untyped]

    start = time.perf_counter()
    extensions = mypycify(names, opt_level=args.opt)
    generated = time.perf_counter()
    setup(
        name="tieout-mypyc",
        ext_modules=extensions,
        script_args=["build_ext", "--inplace", "--quiet"],
    )
    built = time.perf_counter()
    made = [p for p in src.rglob("*.so") if "build" not in p.relative_to(src).parts]
    made = [p for p in made if "__mypyc" in p.name or p.with_suffix("").with_suffix(".py").exists()]
    record = {
        "command": "python -m bench.mypyc_tree " + " ".join(sys.argv[1:] if argv is None else argv),
        "set": args.set,
        "opt": args.opt,
        "modules": names,
        "edits": edits,
        "mypyc_s": round(generated - start, 1),
        "gcc_s": round(built - generated, 1),
        "so_files": len(made),
        "so_bytes": sum(p.stat().st_size for p in made),
        "generated_c_bytes": sum(p.stat().st_size for p in (src / "build").rglob("*.c")),
    }
    (args.out / "mypyc-build.json").write_text(json.dumps(record, indent=1) + "\n")
    print(
        f"{len(names)} modules compiled: mypyc {record['mypyc_s']} s, gcc {record['gcc_s']} s, "
        f"{record['so_files']} .so files, {record['so_bytes'] / 1e6:.1f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
