"""Size of a fresh install and cold start of ``tieout check``, against an earlier commit.

    python -m bench.install [--ref COMMIT] [--runs N] [--keep DIR]

Builds fresh virtual environments in a temporary folder, each with ``pip install`` (not
editable) from a clean copy of the sources:

    before        the sources at ``--ref`` (default: the merge base with main)
    after         the working tree (tracked and untracked files git does not ignore)
    after+extras  the working tree with ``[dask,pandas]``

For each: the size of its ``site-packages`` (``du -sk``, as a user sees it; pip itself
and setuptools are counted, they are in every venv) and the packages installed; and the
wall time of ``tieout check examples/harbor-valve_2024q2.txt`` in a new process (the
console script, as a user runs it), median of ``--runs`` runs after one warm-up, the
environments taking turns so that a busy machine slows each alike. ``x_before`` is the
ratio to the ``before`` environment measured in the same run. Writes
``bench/results/install-<date>.json``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.corpus import REPO, RESULTS, stamp

EXAMPLE = "examples/harbor-valve_2024q2.txt"


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=REPO, check=True, capture_output=True, text=True
    ).stdout.strip()


def _sources_at(ref: str, into: Path) -> None:
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", ref], cwd=REPO, check=True, capture_output=True)
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive.stdout, check=True)


def _working_tree(into: Path) -> None:
    files = _git("ls-files", "-co", "--exclude-standard", "-z").split("\0")
    for name in filter(None, files):
        source = REPO / name
        if source.is_file():
            target = into / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def _venv(root: Path, sources: Path, extras: str = "") -> dict[str, Any]:
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, "--upgrade", "pip==25.1.1"], check=True, capture_output=True)
    started = time.monotonic()
    subprocess.run([*pip, f"{sources}{extras}"], check=True, capture_output=True)
    seconds = time.monotonic() - started
    (site,) = (venv / "lib").glob("python3*/site-packages")
    kb = int(subprocess.run(["du", "-sk", str(site)], capture_output=True, text=True,
                            check=True).stdout.split()[0])  # fmt: skip
    listed = subprocess.run(
        [str(venv / "bin" / "python"), "-m", "pip", "list", "--format", "json"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    packages = sorted(f"{p['name']}=={p['version']}" for p in json.loads(listed))
    return {
        "tieout": str(venv / "bin" / "tieout"),
        "site_packages_mb": round(kb / 1024, 1),
        "packages": packages,
        "install_seconds": round(seconds, 1),
    }


def _time(tieout: str, example: Path) -> float:
    started = time.perf_counter()
    subprocess.run([tieout, "check", str(example)], capture_output=True, check=False)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ref", default=None, help="the commit to compare with")
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--keep", default=None, help="build the environments here and keep them")
    args = parser.parse_args(argv)
    ref = args.ref or _git("merge-base", "HEAD", "main")
    work = Path(args.keep or tempfile.mkdtemp(prefix="tieout-install-"))
    example = REPO / EXAMPLE
    try:
        _sources_at(ref, work / "src-before")
        _working_tree(work / "src-after")
        envs = {
            "before": _venv(work / "before", work / "src-before"),
            "after": _venv(work / "after", work / "src-after"),
            "after+extras": _venv(work / "after-extras", work / "src-after", "[dask,pandas]"),
        }
        times: dict[str, list[float]] = {name: [] for name in envs}
        for env in envs.values():
            _time(env["tieout"], example)  # warm-up: the first run writes no cache, but pages in
        for _ in range(args.runs):
            for name, env in envs.items():
                times[name].append(_time(env["tieout"], example))
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    base_size = envs["before"]["site_packages_mb"]
    base_time = statistics.median(times["before"])
    result: dict[str, Any] = {
        "command": "python -m bench.install" + (f" --ref {args.ref}" if args.ref else ""),
        "before_ref": ref,
        "after": _git("rev-parse", "HEAD")
        + (" + working tree" if _git("status", "--porcelain") else ""),
        "runs": args.runs,
        "python": platform.python_version(),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs",
        "environments": {},
    }
    for name, env in envs.items():
        median = statistics.median(times[name])
        result["environments"][name] = {
            "site_packages_mb": env["site_packages_mb"],
            "size_x_before": round(env["site_packages_mb"] / base_size, 2),
            "check_cold_start_s": round(median, 3),
            "check_cold_start_x_before": round(median / base_time, 2),
            "check_cold_start_all_s": [round(t, 3) for t in times[name]],
            "install_seconds": env["install_seconds"],
            "packages": env["packages"],
        }
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"install-{stamp()}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    for name, data in result["environments"].items():
        print(
            f"{name:13} site-packages {data['site_packages_mb']:6.1f} MB "
            f"(x{data['size_x_before']:.2f})  tieout check cold start "
            f"{data['check_cold_start_s'] * 1000:5.0f} ms (x{data['check_cold_start_x_before']:.2f}), "
            f"{len(data['packages'])} packages"
        )
    print(f"wrote {out.relative_to(REPO)}")


if __name__ == "__main__":
    main()
