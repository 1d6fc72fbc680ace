"""The lean install: dask, distributed and pandas are optional extras, never needed to check.

``pip install .`` installs the core; ``tieout[dask]`` adds the Dask engine and
``tieout[pandas]`` the data frames of ``release.facts.to_pandas()``. The size of each
install and the cold start of ``tieout check`` are measured by ``python -m bench.install``.
"""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from tieout.cli import main

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "harbor-valve_2024q2.txt"
OPTIONAL = ("dask", "distributed", "pandas")

# Run `tieout check` where the optional packages cannot be imported, and report which of
# the heavy libraries the command loaded.
_BLOCKED = """
import importlib.abc, sys
class Block(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {blocked!r}:
            raise ModuleNotFoundError(f"No module named {{name!r}}", name=name)
        return None
sys.meta_path.insert(0, Block())
from tieout.cli import main
try:
    main([{args}])
finally:
    loaded = sorted(m for m in ("dask", "distributed", "pandas", "pyarrow", "duckdb") if m in sys.modules)
    print("loaded:", ",".join(loaded), file=sys.stderr)
"""


def _without_extras(*args: str) -> subprocess.CompletedProcess[str]:
    code = _BLOCKED.format(blocked=set(OPTIONAL), args=", ".join(repr(a) for a in args))
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )


def _name(requirement: str) -> str:
    return requirement.split("[")[0].split("=")[0].split("<")[0].split(">")[0].strip().lower()


def test_the_core_requires_neither_dask_nor_pandas() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    core = {_name(r) for r in project["dependencies"]}
    assert not core & set(OPTIONAL)
    extras = project["optional-dependencies"]
    assert {_name(r) for r in extras["dask"]} == {"dask", "distributed"}
    assert {_name(r) for r in extras["pandas"]} == {"pandas"}
    assert "tieout[dask,pandas]" in extras["test"]  # the tests need both


def test_check_runs_without_the_extras_and_without_the_store_libraries() -> None:
    done = _without_extras("check", "--no-tables", str(EXAMPLE))
    assert done.returncode == 1, done.stderr  # the example's deliberate error
    assert "error wrong-figure" in done.stdout
    assert done.stderr.strip().splitlines()[-1] == "loaded:"  # no dask, pandas, pyarrow, duckdb


def test_dask_engine_without_the_extra_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    result = CliRunner(mix_stderr=False).invoke(
        main, ["batch", str(EXAMPLE), "--db", str(tmp_path / "s.duckdb"), "--engine", "dask"]
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "tieout: the dask engine needs distributed, which is not installed: "
        "pip install 'tieout[dask]'\n"
    )
    assert not (tmp_path / "s.duckdb").exists()
