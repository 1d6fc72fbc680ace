"""Fuzzing: thousands of seeded mutants of the corpus releases through tieout, in worker
processes with a hard time limit, counting crashes, hangs and peak memory.

    python -m bench.fuzz [--inputs 2000] [--seed 16] [--size large] [--timeout 60] [--jobs 2]
    python -m bench.fuzz --replay 'submissions/sears_2004q2.txt#17@large' -o mutant.txt

Each input is a ``Recipe`` (release, seed, size) turned into bytes by
``bench.fuzz_mutations`` inside the worker, then ``examine``d: read with
``tieout.pipeline.read`` twice; every output made from the release (the JSON line, the
terminal report, the workpaper page, the typed facts, the store's rows) must come out,
the same both times. What counts against tieout:

- an *internal error*: an exception other than ``UnreadableInput`` out of ``read`` or
  out of an output (the CLI's "internal error ... (please report)");
- a *crashed finding*: a ``*-crashed`` finding (``reader-``, ``prose-``, ``check-``),
  a bug of ours caught and reported in the release;
- a *hang*: a read still running after ``--timeout`` seconds (stopped by a timer, and
  located: the ``file:line`` it was at; work the timer cannot interrupt is killed by
  the pool past twice that);
- a worker that dies (native crash, out of memory);
- *nondeterminism*: the two reads of one input giving different outputs.

Each is listed with its recipe (``--replay`` writes the input), the head of its
traceback and the ``file:line`` in tieout where it was raised. Peak memory is the
highest resident set size any worker reached; each input also records by how much it
raised its worker's peak (``memory_heaviest``). Results go to
``bench/results/fuzz-<date>.json`` and standard output.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import os
import resource
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from bench.corpus import REPO, RESULTS, corpus_dir, name_of, releases, stamp
from bench.fuzz_mutations import SIZES, Recipe, mutant, steps

EXAMPLE = "example"
_CACHE: dict[str, bytes] = {}


def source_path(name: str, corpus: Path | None = None) -> Path:
    """Where a recipe's release is: the bundled example, or a file of the corpus."""
    if name == EXAMPLE:
        return REPO / "examples" / "harbor-valve_2024q2.txt"
    return (corpus or corpus_dir()) / name


def source_bytes(name: str) -> bytes:
    if name not in _CACHE:
        _CACHE[name] = source_path(name).read_bytes()
    return _CACHE[name]


def _where(error: BaseException) -> str | None:
    """The innermost ``file:line`` in tieout's code where ``error`` was raised."""
    from tieout.pipeline import package_file

    frames = [  # the time limit's own handler is not where the time went
        f
        for f in traceback.extract_tb(error.__traceback__)
        if package_file(f.filename) != "tieout/limits.py"
    ]
    # files of the package wherever it lies: a checkout in a folder named tieout holds
    # tests and benches that are not its code
    ours = [f for f in frames if package_file(f.filename) is not None]
    frame = (ours or frames)[-1] if frames else None
    if frame is None:
        return None
    path = package_file(frame.filename) or frame.filename.replace(os.sep, "/")
    return f"{path}:{frame.lineno}"


def _head(error: BaseException, lines: int = 6) -> str:
    text = "".join(traceback.format_exception(type(error), error, error.__traceback__))
    tail = text.strip().splitlines()[-lines:]
    return "\n".join(tail)


def _error(error: BaseException) -> dict[str, Any]:
    return {
        "type": type(error).__name__,
        "message": str(error)[:300],
        "where": _where(error),
        "traceback": _head(error),
    }


def _outputs(release: Any) -> str:
    """A digest of every output of a release: JSON line, terminal report, workpaper, facts,
    store rows; each made and hashed in turn (the harness holds one output at a time)."""
    from tieout.report.facts import facts_table
    from tieout.report.html import render_html
    from tieout.report.safe import json_line, safe_console
    from tieout.report.serialise import release_data
    from tieout.report.terminal import render
    from tieout.store.rows import release_rows

    digest = hashlib.sha256()

    def add(text: str) -> None:
        digest.update(text.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")

    add(json_line(release_data(release)))
    buffer = io.StringIO()
    render(release, safe_console(file=buffer, width=160, highlight=False, soft_wrap=True))
    add(buffer.getvalue())
    del buffer
    add(render_html([release]))
    add(str(facts_table(release).to_pylist()))
    for name, table in sorted(release_rows(release, path="fuzz").items()):
        add(f"{name}: {table.to_pylist()}")
    return digest.hexdigest()


def _check_crash_where(release: Any, message: str) -> tuple[str | None, str | None]:
    """Run again the check a ``check-crashed`` finding names, for its traceback."""
    from tieout.checks.registry import RELATION_CHECKS, RELEASE_CHECKS

    # "check <name> failed on this release: ..." (checks/__init__.py `_crash`); names
    # hold spaces ("layout sums")
    name = message.removeprefix("check ").split(" failed on this release", 1)[0]
    candidates: list[Callable[[], object]] = []
    for relation_check in RELATION_CHECKS:
        if relation_check.name == name:
            candidates.append(partial(relation_check.find, release.tables, ()))
    for release_check in RELEASE_CHECKS:
        if release_check.name == name:
            candidates.append(partial(release_check.run, release))
    if name == "tie":
        from tieout.prose.tie import tie

        candidates.append(lambda: tie(release.claims, release.tables, {}))
    for call in candidates:
        try:
            call()
        except Exception as error:
            return _where(error), _head(error)
    return None, None


def examine(data: bytes, name: str, timeout: float | None = None) -> dict[str, Any]:
    """Read ``data`` twice and make every output; what happened, as plain data.

    ``outcome`` is ``release``, ``unreadable`` (with its ``reason``), ``hang`` (a read
    still running after ``timeout`` seconds) or ``internal-error`` (with ``error``).
    """
    from tieout.errors import UnreadableInput
    from tieout.limits import deadline
    from tieout.pipeline import read

    record: dict[str, Any] = {"bytes": len(data), "crashed": [], "error": None}
    digests: list[str] = []
    started = time.perf_counter()
    for _ in range(2):
        try:
            with deadline(timeout, name):
                release = read(data, name=name)
                text = _outputs(release)
        except UnreadableInput as error:
            text = f"unreadable: {error.reason}"
            record["outcome"] = "unreadable"
            record["reason"] = error.reason
            if timeout and error.reason.startswith("took longer than"):
                record["outcome"] = "hang"
                expired = error.__context__  # raised where the time ran out
                if expired is not None:
                    record["where"] = _where(expired)
                    record["traceback"] = _head(expired, 8)
                break
            if error.__cause__ is not None:  # a bug of ours before any document was found
                record["outcome"] = "internal-error"
                record["error"] = _error(error.__cause__)
                break
        except Exception as error:  # what the CLI would call an internal error
            record["outcome"] = "internal-error"
            record["error"] = _error(error)
            break
        else:
            record["outcome"] = "release"
            record["findings"] = len(release.findings)
            if not digests:
                for finding in release.findings:
                    if finding.code.endswith("-crashed"):
                        crash: dict[str, Any] = {
                            "code": finding.code,
                            "message": finding.message[:400],
                        }
                        if finding.code == "check-crashed":
                            where, head = _check_crash_where(release, finding.message)
                            crash.update(where=where, traceback=head)
                        record["crashed"].append(crash)
            del release  # one release in memory at a time
        digests.append(text)
    record["deterministic"] = len(digests) < 2 or digests[0] == digests[1]
    record["seconds"] = round(time.perf_counter() - started, 3)
    return record


def work(text: str, timeout: float | None = None) -> dict[str, Any]:
    """One fuzz input in a worker process: make it from its recipe, examine it."""
    recipe = Recipe.parse(text)
    data = mutant(recipe, source_bytes(recipe.source))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    record = examine(data, f"fuzz:{recipe}", timeout)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    record["recipe"] = text
    record["steps"] = steps(recipe)
    record["peak_rss_mb"] = round(after / 1024, 1)
    record["peak_raised_mb"] = round((after - before) / 1024, 1)  # this input raised the peak
    return record


def recipes(sources: list[str], count: int, seed: int, size: str) -> list[Recipe]:
    """``count`` recipes spread over the sources in turn, seeds from ``seed`` on."""
    return [Recipe(sources[n % len(sources)], seed * 100_000 + n, size) for n in range(count)]


def sources_of(root: Path) -> list[str]:
    """The bundled example and every release of the corpus, by name."""
    return [EXAMPLE, *(name_of(p, root) for p in releases(root))]


def run(args: argparse.Namespace) -> dict[str, Any]:
    from tieout.store.pool import Failure, Pool

    root = corpus_dir()
    todo = recipes(sources_of(root), args.inputs, args.seed, args.size)
    records: list[dict[str, Any]] = []
    hangs: list[dict[str, Any]] = []
    deaths: list[dict[str, Any]] = []
    started = time.monotonic()
    os.environ.setdefault("TIEOUT_CORPUS", str(root))
    # each read has its own limit (a hang is a read past it, located where the time ran
    # out); the pool's hard limit only stops work that the limit cannot interrupt
    hard = 2 * args.timeout + 60
    with Pool(args.jobs, "bench.fuzz:work", timeout=hard) as pool:
        for n, (recipe, result) in enumerate(pool.run(todo, lambda r: (str(r), args.timeout)), 1):
            assert isinstance(recipe, Recipe)  # no task here is a Direct one
            if isinstance(result, Failure):
                entry = {"recipe": str(recipe), "steps": steps(recipe), "reason": result.reason}
                (hangs if "took longer" in result.reason else deaths).append(entry)
            else:
                records.append(result)
            if n % 100 == 0:
                print(
                    f"fuzz: {n}/{len(todo)} inputs, {time.monotonic() - started:.0f} s", flush=True
                )
    seconds = time.monotonic() - started
    hangs.extend(
        {k: r.get(k) for k in ("recipe", "steps", "reason", "where", "traceback", "bytes")}
        for r in records
        if r["outcome"] == "hang"
    )
    errors = [r for r in records if r["outcome"] == "internal-error"]
    crashed = [dict(c, recipe=r["recipe"], steps=r["steps"]) for r in records for c in r["crashed"]]
    unstable = [r["recipe"] for r in records if not r["deterministic"]]
    by_step: Counter[str] = Counter(s for r in records for s in r["steps"])
    reasons: Counter[str] = Counter(
        r.get("reason", "").split(":")[0] for r in records if r["outcome"] == "unreadable"
    )
    slowest = sorted(records, key=lambda r: -r["seconds"])[:10]
    return {
        "command": " ".join(["python -m bench.fuzz", *sys.argv[1:]]),
        "date": stamp(),
        "seed": args.seed,
        "size": args.size,
        "timeout_s": args.timeout,
        "jobs": args.jobs,
        "inputs": len(todo),
        "sources": len({r.source for r in todo}),
        "seconds": round(seconds, 1),
        "inputs_per_second": round(len(todo) / seconds, 2) if seconds else None,
        "outcomes": dict(Counter(r["outcome"] for r in records)),
        "internal_errors": len(errors),
        "crashed_findings": len(crashed),
        "inputs_with_crashed_findings": len({c["recipe"] for c in crashed}),
        "hangs": len(hangs),
        "worker_deaths": len(deaths),
        "nondeterministic": len(unstable),
        "peak_memory_mb": max((r["peak_rss_mb"] for r in records), default=None),
        "largest_input_bytes": max((r["bytes"] for r in records), default=0),
        "unreadable_reasons": dict(reasons.most_common()),
        "inputs_per_mutator": dict(sorted(by_step.items())),
        "slowest": [{k: r[k] for k in ("recipe", "steps", "seconds", "bytes")} for r in slowest],
        "hang_places": dict(Counter(h.get("where") or "?" for h in hangs).most_common()),
        "memory_heaviest": [
            {k: r[k] for k in ("recipe", "steps", "bytes", "peak_rss_mb", "peak_raised_mb")}
            for r in sorted(records, key=lambda r: -r["peak_raised_mb"])[:10]
        ],
        "internal_error_list": [
            {"recipe": r["recipe"], "steps": r["steps"], **r["error"]} for r in errors
        ],
        "crashed_finding_list": crashed,
        "hang_list": hangs,
        "worker_death_list": deaths,
        "nondeterministic_list": unstable,
    }


def _summary(result: dict[str, Any]) -> str:
    return (
        f"fuzz: {result['inputs']} inputs from {result['sources']} releases "
        f"({result['size']}) in {result['seconds']} s: {result['outcomes']}; "
        f"internal errors {result['internal_errors']}, crashed findings "
        f"{result['crashed_findings']} (in {result['inputs_with_crashed_findings']} inputs), "
        f"hangs {result['hangs']} (a read over {result['timeout_s']} s), worker deaths "
        f"{result['worker_deaths']}, nondeterministic {result['nondeterministic']}; "
        f"peak memory {result['peak_memory_mb']} MB"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.fuzz", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--inputs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--size", choices=sorted(SIZES), default="large")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--replay", help="write the input of one recipe (SOURCE#SEED@SIZE)")
    parser.add_argument("-o", "--output", help="where --replay writes (default: standard output)")
    parser.add_argument("--out", type=Path, default=None, help="result file")
    args = parser.parse_args(argv)
    if args.replay:
        recipe = Recipe.parse(args.replay)
        data = mutant(recipe, source_path(recipe.source).read_bytes())
        if args.output:
            Path(args.output).write_bytes(data)
        else:
            sys.stdout.buffer.write(data)
        return 0
    result = run(args)
    out = args.out or RESULTS / f"fuzz-{result['date']}.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(_summary(result))
    print(f"fuzz: wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
