"""Accuracy of tieout on the shared corpus: coverage, false alarms, recall of injected errors.

    python -m bench.accuracy [--seed N] [--cap N] [--cap-unrelated N] [--workers N]

For every release in the corpus (``../shared/corpus``, or ``TIEOUT_CORPUS``):

1. coverage: figures extracted, total rows found, and the share of them a relation
   verifies (``verified_share``, see ``bench.coverage``);
2. false alarms: every error and warning on the unmodified release, listed; those that
   ``bench/reviewed.toml`` records as real defects of the document are kept apart, every
   other one is a false alarm;
3. recall: mutated copies of the release, each with one realistic error injected at one
   figure (``bench.mutate``, ``bench.targets``), read from memory; each is caught,
   caught elsewhere or missed (``bench.outcome``). Recall is counted over mutants of
   figures the clean release relates to something; mutants of unrelated figures, which
   no check can catch, are reported apart.
4. recall with the company's other releases (``bench.across``): a mutant of a release
   whose company has other releases in the corpus, not caught by its release alone, is
   judged again by the batch's cross-release check over the company's releases with the
   mutated one; reported beside the recall above, never instead of it.

Mutants are sampled per release and kind with a fixed seed and a cap, and read by a pool
of worker processes, so a run is deterministic and takes a few minutes on two cores.
Writes ``bench/results/accuracy-<date>.json`` (committed) and, beside it, every
mutant's outcome as ``accuracy-<date>-mutants.jsonl`` (not committed).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import tieout
from bench import across, reviewed
from bench.corpus import REPO, RESULTS, corpus_dir, name_of, releases, stamp
from bench.coverage import coverage
from bench.outcome import ALARMS, Clean, clean_of, judge
from bench.targets import Kind, Mutant, plan
from tieout.errors import UnreadableInput
from tieout.limits import deadline
from tieout.model import Release
from tieout.pipeline import read
from tieout.sources.decode import decode

OUTCOMES = ("caught", "caught-elsewhere", "missed", "rejected", "crashed")


def _read(data: bytes, name: str, timeout: float) -> Release:
    with deadline(timeout, name):
        return read(data, name=name)


# ---------------------------------------------------------------- phase 1: clean releases


def _clean_task(job: tuple[str, str, int, int, int, float]) -> dict[str, Any]:
    root, name, seed, cap, cap_unrelated, timeout = job
    path = Path(root) / name
    data = path.read_bytes()
    started = time.perf_counter()
    try:
        release = _read(data, name, timeout)
    except UnreadableInput as error:
        return {"release": name, "bytes": len(data), "error": str(error)}
    seconds = time.perf_counter() - started
    source = decode(data, name)
    planned = plan(release, source, seed, cap, cap_unrelated)
    alarms = [
        {
            "file": name,
            "line": f.line,
            "col": f.evidence[0].start if f.evidence else None,
            "code": f.code,
            "severity": f.severity.value,
            "message": f.message,
        }
        for f in release.findings
        if f.severity in ALARMS
    ]
    return {
        "release": name,
        "bytes": len(data),
        "read_s": round(seconds, 4),
        "coverage": coverage(release),
        "alarms": alarms,
        "candidates": planned.candidates,
        "span_mismatches": planned.span_mismatches,
        "span_mismatch_examples": list(planned.span_mismatch_examples),
        "mutants": planned.mutants,
    }


# ---------------------------------------------------------------- phase 2: mutants

_CACHE: dict[str, Clean] = {}


def _clean(root: str, name: str, timeout: float) -> Clean:
    if name not in _CACHE:
        _CACHE.clear()  # chunks come release by release: one clean release at a time
        data = (Path(root) / name).read_bytes()
        _CACHE[name] = clean_of(_read(data, name, timeout), decode(data, name))
    return _CACHE[name]


def _company_task(job: tuple[str, str, tuple[str, ...], str, float]) -> across.CompanyStore:
    root, key, names, folder, timeout = job
    read_ok = []
    for name in names:
        try:
            read_ok.append((name, _read((Path(root) / name).read_bytes(), name, timeout)))
        except UnreadableInput:
            continue
    return across.build(folder, key, read_ok)


def _with_company(
    result: dict[str, Any], store: across.CompanyStore | None, clean: Clean, mutant: Mutant,
    mutated: Release,
) -> None:  # fmt: skip
    """Judge a mutant again with its company's other releases (``bench.across``), where it
    has some and its release alone did not catch it."""
    if store is None:
        return
    if result["outcome"] == "caught":
        result["with_company"] = "caught-alone"
        return
    found, message = across.caught(
        store, mutant.release, mutant.line, mutant.what, clean.release, mutated
    )
    result["with_company"] = "caught-across" if found else "missed"
    if message is not None:
        result["across_finding"] = message[:240]


def _mutant_task(
    job: tuple[str, float, Sequence[Mutant], dict[str, across.CompanyStore]],
) -> list[dict[str, Any]]:
    root, timeout, mutants, stores = job
    results = []
    for mutant in mutants:
        clean = _clean(root, mutant.release, timeout)
        data = mutant.edit.apply(clean.source).encode("utf-8")
        try:
            mutated = _read(data, mutant.release, timeout)
        except UnreadableInput as error:
            results.append(judge(clean, mutant, None, str(error), rejected=True))
            continue
        except Exception as error:  # a crash of tieout on a mutant is a finding of the bench
            results.append(judge(clean, mutant, None, f"{type(error).__name__}: {error}"))
            continue
        result = judge(clean, mutant, mutated)
        _with_company(result, stores.get(mutant.release), clean, mutant, mutated)
        results.append(result)
    return results


def _chunks(mutants: Sequence[Mutant], size: int) -> Iterable[list[Mutant]]:
    for i in range(0, len(mutants), size):
        yield list(mutants[i : i + size])


# ---------------------------------------------------------------- aggregation


def _origin(result: dict[str, Any]) -> str:
    """Where a mutant's figure is printed: ``prose`` or ``table`` (a table's scale heading
    counts with the table's figures)."""
    return "prose" if result.get("origin") == "prose" else "table"


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _tally(results: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Outcomes of some mutants. ``recall_provable`` leaves out the missed mutants whose new
    value still ties every relation of the clean release at the precision printed
    (``within-tolerance``): no arithmetic on the page can prove them wrong, so they are
    counted, shown and kept in ``recall``, and this second figure says how much of what
    is provable is caught. It never replaces ``recall``."""
    counts = Counter(r["outcome"] for r in results)
    n = len(results)
    hidden = sum(
        1 for r in results if r["outcome"] == "missed" and r.get("reason") == "within-tolerance"
    )
    across_caught = sum(1 for r in results if r.get("with_company") == "caught-across")
    return {
        "mutants": n,
        **{o: counts[o] for o in OUTCOMES},
        "recall": _share(counts["caught"], n),
        "recall_anywhere": _share(counts["caught"] + counts["caught-elsewhere"], n),
        "within_rounding": hidden,
        "recall_provable": _share(counts["caught"], n - hidden),
        # beside, never instead of, the recall of the release alone (``bench.across``)
        "with_company": sum(1 for r in results if "with_company" in r),
        "caught_across": across_caught,
        "recall_with_company": _share(counts["caught"] + across_caught, n),
    }


def _examples(missed: Sequence[dict[str, Any]], per_reason: int) -> list[dict[str, Any]]:
    """A few missed mutants per reason, spread over releases, in a stable order."""
    taken: Counter[str] = Counter()
    out = []
    for r in sorted(missed, key=lambda r: (taken[r.get("reason", "")], r["release"], r["line"])):
        reason = r.get("reason", "")
        if taken[reason] < per_reason:
            taken[reason] += 1
            out.append({k: r[k] for k in ("release", "line", "what", "reason") if k in r})
    return out


def _git() -> dict[str, Any]:
    def run(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False)
        return done.stdout.strip()

    return {
        "commit": run("rev-parse", "HEAD"),
        "dirty": bool(run("status", "--porcelain", "--", "src")),
    }


def summarise(
    cleans: Sequence[dict[str, Any]],
    results: Sequence[dict[str, Any]],
    args: argparse.Namespace,
    root: Path,
) -> dict[str, Any]:
    """The accuracy report as JSON-ready data."""
    read_ok = [c for c in cleans if "error" not in c]
    with_tables = [c for c in read_ok if c["coverage"]["tables"]]
    known = reviewed.load()
    alarms = [a for c in read_ok for a in c["alarms"]]
    defects = [
        {**a, "reason": judged["reason"]}
        for a in alarms
        if (judged := reviewed.judged(a, known)) is not None
    ]
    false = [a for a in alarms if reviewed.judged(a, known) is None]
    read_names = {c["release"] for c in read_ok}  # a run of a few releases (--release)
    lost = [
        d
        for d in known
        if d["file"] in read_names and not reviewed.across(d) and not reviewed.found(d, alarms)
    ]

    related = [r for r in results if r["related"]]
    unrelated = [r for r in results if not r["related"]]
    by_kind = {k.value: _tally([r for r in related if r["kind"] == k.value]) for k in Kind}
    scale = [r for r in related if r["kind"] == Kind.SCALE.value]
    by_kind[Kind.SCALE.value]["by_origin"] = {
        origin: _tally([r for r in scale if r.get("origin") == origin])
        for origin in ("heading", "prose")
    }
    kinds_with = [v["recall"] for v in by_kind.values() if v["recall"] is not None]
    reasons: dict[str, dict[str, int]] = {}
    examples: dict[str, list[dict[str, Any]]] = {}
    for k in Kind:
        missed = [r for r in related if r["kind"] == k.value and r["outcome"] == "missed"]
        reasons[k.value] = dict(Counter(r.get("reason", "?") for r in missed).most_common())
        examples[k.value] = _examples(missed, args.examples)

    total_rows = sum(c["coverage"]["total_rows"] for c in read_ok)
    verified_rows = sum(c["coverage"]["total_rows_verified"] for c in read_ok)
    figures = sum(c["coverage"]["figures"] for c in read_ok)
    per_release = []
    for c in cleans:
        mine = [r for r in related if r["release"] == c["release"]]
        entry: dict[str, Any] = {"release": c["release"], "bytes": c["bytes"]}
        if "error" in c:
            entry["error"] = c["error"]
        else:
            cov = c["coverage"]
            entry.update(
                formats=cov["formats"],
                tables=cov["tables"],
                figures=cov["figures"],
                figures_verified=cov["figures_verified"],
                total_rows=cov["total_rows"],
                total_rows_verified=cov["total_rows_verified"],
                verified_share=_share(cov["total_rows_verified"], cov["total_rows"]),
                claims=cov["claims"],
                claims_tied=cov["claims_tied"],
                false_alarms=sum(1 for a in false if a["file"] == c["release"]),
                span_mismatches=c["span_mismatches"],
                mutants=len(mine),
                caught=sum(1 for r in mine if r["outcome"] == "caught"),
                recall=_share(sum(1 for r in mine if r["outcome"] == "caught"), len(mine)),
            )
        per_release.append(entry)
    caught = sum(1 for r in related if r["outcome"] == "caught")
    return {
        "benchmark": "accuracy",
        "date": stamp(),
        "tieout_version": tieout.__version__,
        **_git(),
        "command": "make bench-accuracy  # python -m bench.accuracy "
        + f"--seed {args.seed} --cap {args.cap} --cap-unrelated {args.cap_unrelated}",
        "seed": args.seed,
        "cap": args.cap,
        "cap_unrelated": args.cap_unrelated,
        "corpus": str(root),
        "releases": len(cleans),
        "releases_unreadable": len(cleans) - len(read_ok),
        "releases_with_tables": len(with_tables),
        "recall": {
            "overall": _share(caught, len(related)),
            "overall_anywhere": _share(
                sum(1 for r in related if r["outcome"] in ("caught", "caught-elsewhere")),
                len(related),
            ),
            "mean_of_kinds": round(sum(kinds_with) / len(kinds_with), 4) if kinds_with else None,
            "mutants": len(related),
            "caught": caught,
            "provable": _tally(related)["recall_provable"],
            "with_company": _with_company_summary(related),
            "by_origin": {
                origin: _tally([r for r in related if _origin(r) == origin])
                for origin in ("table", "prose")
            },
            "by_kind": by_kind,
        },
        "unrelated_mutants": {
            "mutants": len(unrelated),
            "by_kind": {
                k.value: _tally([r for r in unrelated if r["kind"] == k.value]) for k in Kind
            },
        },
        "false_alarms_per_release": _share(len(false), len(read_ok)),
        "false_alarms_per_release_with_tables": _share(len(false), len(with_tables)),
        "false_alarms": false,
        "real_defects": defects,
        "real_defects_not_found": lost,
        "verified_share": _share(verified_rows, total_rows),
        "coverage": {
            "figures": figures,
            "figures_verified": sum(c["coverage"]["figures_verified"] for c in read_ok),
            "figures_verified_share": _share(
                sum(c["coverage"]["figures_verified"] for c in read_ok), figures
            ),
            "total_rows": total_rows,
            "total_rows_verified": verified_rows,
            "claims": sum(c["coverage"]["claims"] for c in read_ok),
            "claims_tied": sum(c["coverage"]["claims_tied"] for c in read_ok),
            "span_mismatches": sum(c["span_mismatches"] for c in read_ok),
            "span_mismatch_examples": [e for c in read_ok for e in c["span_mismatch_examples"]][
                :10
            ],
        },
        "miss_reasons": reasons,
        "missed_examples": examples,
        "crashes": [r for r in results if r["outcome"] in ("crashed", "rejected")][:20],
        "per_release": per_release,
    }


def _with_company_summary(related: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The second recall: caught by the release alone or by the cross-release check."""
    tally = _tally(related)
    return {
        "recall": tally["recall_with_company"],
        "caught": tally["caught"] + tally["caught_across"],
        "caught_across": tally["caught_across"],
        "mutants_of_releases_with_a_company": tally["with_company"],
        "caught_across_examples": [
            {k: r[k] for k in ("release", "what", "across_finding") if k in r}
            for r in related
            if r.get("with_company") == "caught-across"
        ],
    }


def _pct(x: float | None) -> str:
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def render(report: dict[str, Any]) -> str:
    """The report as the terminal shows it."""
    rec = report["recall"]
    cov = report["coverage"]
    lines = [
        f"tieout {report['tieout_version']} accuracy on {report['releases']} releases "
        f"({report['releases_with_tables']} with tables), seed {report['seed']}, cap {report['cap']}",
        "",
        f"coverage: {cov['figures']} figures, {cov['figures_verified']} verified "
        f"({_pct(cov['figures_verified_share']).strip()}); {cov['total_rows']} total rows, "
        f"{cov['total_rows_verified']} verified: verified_share {_pct(report['verified_share']).strip()}; "
        f"{cov['claims']} prose claims, {cov['claims_tied']} tied; {cov['span_mismatches']} spans off their figure",
        "",
        f"false alarms: {len(report['false_alarms'])} "
        f"({report['false_alarms_per_release']} per release, "
        f"{report['false_alarms_per_release_with_tables']} per release with tables); "
        f"real defects found {len(report['real_defects'])}, not found {len(report['real_defects_not_found'])}",
    ]
    for a in report["false_alarms"]:
        lines.append(
            f"  FALSE {a['file']}:{a['line']}: {a['severity']} {a['code']}: {a['message'][:160]}"
        )
    for a in report["real_defects"]:
        lines.append(f"  real  {a['file']}:{a['line']}: {a['severity']} {a['code']} (reviewed)")
    for d in report["real_defects_not_found"]:
        lines.append(f"  LOST  {d['file']}:{d['line']}: {d['code']} is no longer found")
    lines += [
        "",
        f"recall over {rec['mutants']} mutants of related figures: {_pct(rec['overall']).strip()} caught on the line, "
        f"{_pct(rec['overall_anywhere']).strip()} anywhere; "
        f"{_pct(rec['provable']).strip()} of those not hidden in the rounding of every relation",
        f"  with the company's other releases (the batch's cross-release check, over "
        f"{rec['with_company']['mutants_of_releases_with_a_company']} mutants of releases "
        f"whose company has others): {_pct(rec['with_company']['recall']).strip()}, "
        f"{rec['with_company']['caught_across']} more caught",
        "  "
        + "; ".join(
            f"{o} {t['caught']}/{t['mutants']} caught ({_pct(t['recall']).strip()})"
            for o, t in rec["by_origin"].items()
        ),
        f"  {'kind':24} {'mutants':>7} {'caught':>7} {'elsewh.':>7} {'missed':>7} {'recall':>7} "
        f"{'in-rnd':>6} {'provbl':>7} {'w/co.':>7}  top miss reasons",
    ]
    for kind, t in rec["by_kind"].items():
        top = ", ".join(f"{k} {v}" for k, v in list(report["miss_reasons"][kind].items())[:3])
        lines.append(
            f"  {kind:24} {t['mutants']:7} {t['caught']:7} {t['caught-elsewhere']:7} "
            f"{t['missed'] + t['rejected'] + t['crashed']:7} {_pct(t['recall']):>7} "
            f"{t['within_rounding']:6} {_pct(t['recall_provable']):>7} "
            f"{_pct(t['recall_with_company']):>7}  {top}"
        )
    origins = rec["by_kind"][Kind.SCALE.value]["by_origin"]
    lines.append(
        "  scale words: "
        + "; ".join(
            f"{o} {t['caught']}/{t['mutants']} caught ({_pct(t['recall']).strip()})"
            for o, t in origins.items()
        )
    )
    un = report["unrelated_mutants"]
    caught_un = sum(t["caught"] + t["caught-elsewhere"] for t in un["by_kind"].values())
    across_un = sum(t["caught_across"] for t in un["by_kind"].values())
    lines.append(
        f"mutants of unrelated figures (no check can tie them): {un['mutants']}, flagged anyway "
        f"{caught_un}; by the cross-release check {across_un}"
    )
    if report["crashes"]:
        lines.append(f"mutants tieout crashed on or refused: {len(report['crashes'])}")
    return "\n".join(lines)


def _company_stores(
    pool: Any, root: Path, names: Sequence[str], folder: str, timeout: float
) -> dict[str, across.CompanyStore]:
    """The store of each company of two releases or more in the corpus (its releases, not
    only those of the run) with a release in ``names``, by release name."""
    everyone = [name_of(p, root) for p in releases(root)]
    wanted = set(names)
    groups = {k: v for k, v in across.companies(root, everyone).items() if wanted & set(v)}
    jobs = [(str(root), key, group, folder, timeout) for key, group in sorted(groups.items())]
    built = pool.map(_company_task, jobs, chunksize=1)
    return {name: store for store in built for name in store.releases if name in wanted}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.accuracy", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--seed", type=int, default=2004, help="seed of the mutant sample (default 2004)"
    )
    parser.add_argument(
        "--cap", type=int, default=3, help="related mutants per kind per release (default 3)"
    )
    parser.add_argument(
        "--cap-unrelated",
        type=int,
        default=1,
        help="unrelated mutants per kind per release (default 1)",
    )
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument(
        "--timeout", type=float, default=60.0, help="seconds allowed to read one mutant"
    )
    parser.add_argument(
        "--examples", type=int, default=3, help="missed examples per kind and reason"
    )
    parser.add_argument("--out", type=Path, default=RESULTS, help="directory for the results")
    parser.add_argument(
        "--release",
        action="append",
        default=[],
        metavar="TEXT",
        help="only the releases whose name holds TEXT (repeatable; the same mutants as a full run)",
    )
    args = parser.parse_args(argv)

    root = corpus_dir()
    names = [name_of(p, root) for p in releases(root)]
    if args.release:
        names = [n for n in names if any(part in n for part in args.release)]
        if not names:
            parser.error(f"no release of the corpus matches {args.release}")
    started = time.perf_counter()
    folder = tempfile.TemporaryDirectory(prefix="tieout-bench-stores-")
    context = multiprocessing.get_context("fork")
    with context.Pool(args.workers) as pool:
        jobs = [
            (str(root), n, args.seed, args.cap, args.cap_unrelated, args.timeout) for n in names
        ]
        cleans = pool.map(_clean_task, jobs, chunksize=1)
        mutants = [m for c in cleans for m in c.get("mutants", ())]
        stores = _company_stores(pool, root, names, folder.name, args.timeout)
        chunk_jobs = [
            (
                str(root),
                args.timeout,
                chunk,
                {m.release: stores[m.release] for m in chunk if m.release in stores},
            )
            for chunk in _chunks(mutants, 16)
        ]
        results: list[dict[str, Any]] = []
        print(f"{len(cleans)} releases read; {len(mutants)} mutants to read", file=sys.stderr)
        for i, done in enumerate(pool.imap(_mutant_task, chunk_jobs), 1):
            results.extend(done)
            if i % max(1, len(chunk_jobs) // 10) == 0:
                print(
                    f"  {len(results)} / {len(mutants)} mutants read", file=sys.stderr, flush=True
                )
    elapsed = time.perf_counter() - started
    folder.cleanup()
    for c in cleans:
        c.pop("mutants", None)

    report = summarise(cleans, results, args, root)
    report["elapsed_s"] = round(elapsed, 1)
    report["workers"] = args.workers
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"accuracy-{report['date']}.json"
    path.write_text(json.dumps(report, indent=1) + "\n")
    details = args.out / f"accuracy-{report['date']}-mutants.jsonl"
    with details.open("w") as fh:
        for r in results:
            fh.write(json.dumps(r) + "\n")
    print(render(report))
    print(f"\n{len(results)} mutants in {elapsed:.1f} s with {args.workers} workers; wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
