"""The non-GAAP measures of every corpus release, how each is reconciled, and their findings.

    python -m bench.non_gaap [--only PREFIX] [--label NAME] [--workers N]

Reads every release ``MANIFEST.tsv`` lists (or those whose name starts with an ``--only``
prefix) and lists each non-GAAP measure it presents (``Release.non_gaap``): its name, basis,
GAAP measure, status and how it is reconciled, where it is presented, and the non-GAAP
findings (``non-gaap-unreconciled``, ``non-gaap-mismatch``, ``non-gaap-prominence``) with
their judgement against ``bench/reviewed.toml`` (an error or warning not recorded there is a
false alarm until a person judges it). Counts by status, basis and how close the file.

Writes ``bench/results/non-gaap-<date>[-<label>].json``.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import tieout
from bench import reviewed
from bench.corpus import run_over_corpus, stamp
from tieout.errors import UnreadableInput
from tieout.pipeline import read

CODES = ("non-gaap-unreconciled", "non-gaap-mismatch", "non-gaap-prominence")


def _task(job: tuple[str, str]) -> dict[str, Any]:
    root, name = job
    try:
        release = read(Path(root) / name)
    except UnreadableInput as error:
        return {"release": name, "error": str(error)}
    measures = []
    for m in release.non_gaap:
        found = m.reconciliation
        measures.append(
            {
                "measure": m.name,
                "basis": list(m.basis),
                "gaap": m.gaap,
                "status": m.status.value,
                "reconciled_by": found.how if found else None,
                "reconciliation_table": (
                    found.table + 1 if found is not None and found.table is not None else None
                ),
                "holds_in": len(found.holds_in) if found else 0,
                "fails_in": list(found.fails_in) if found else [],
                "lines": sorted({s.line for s in m.evidence})[:12],
                "claims": len(m.claims),
                "recomputed": len(m.recomputed) + len(m.recomputations),
                "note": m.note,
            }
        )
    findings = [
        {
            "file": name,
            "line": f.line,
            "col": f.evidence[0].start if f.evidence else None,
            "code": f.code.value,
            "severity": f.severity.value,
            "message": f.message,
        }
        for f in release.findings
        if f.code.value in CODES
    ]
    return {"release": name, "measures": measures, "findings": findings}


def summarise(results: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Counts over the corpus, and each error and warning judged against ``reviewed.toml``."""
    known = reviewed.load()
    measures = [m for r in results for m in r.get("measures", ())]
    findings = [f for r in results for f in r.get("findings", ())]
    alarms = [f for f in findings if f["severity"] in ("error", "warning")]
    for alarm in alarms:
        alarm["judged"] = "real" if reviewed.judged(alarm, known) else "false"
    return {
        "releases": len(results),
        "releases_presenting": sum(1 for r in results if r.get("measures")),
        "measures": len(measures),
        "by_status": dict(Counter(m["status"] for m in measures).most_common()),
        "by_basis": dict(Counter(b for m in measures for b in m["basis"]).most_common()),
        "reconciled_by": dict(
            Counter(m["reconciled_by"] or "none" for m in measures).most_common()
        ),
        "findings": dict(Counter(f"{f['severity']} {f['code']}" for f in findings).most_common()),
        "alarms": len(alarms),
        "false_alarms": sum(1 for a in alarms if a["judged"] == "false"),
    }


def main(argv: Sequence[str] | None = None) -> int:
    run = run_over_corpus("python -m bench.non_gaap", __doc__.split("\n")[0], _task, argv)
    args, results = run.args, run.results
    report = {
        "benchmark": "non-gaap",
        "date": stamp(),
        "tieout_version": tieout.__version__,
        "command": run.command,
        "elapsed_s": run.seconds,
        **summarise(results),
        "per_release": results,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = f"-{args.label}" if args.label else ""
    path = args.out / f"non-gaap-{report['date']}{suffix}.json"
    path.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n")
    for r in results:
        statuses = Counter(m["status"] for m in r.get("measures", ()))
        shown = ", ".join(f"{n} {s}" for s, n in statuses.most_common()) or "none"
        print(f"{r['release']:50} {len(r.get('measures', ())):3} measures ({shown})")
    print(
        f"{report['releases']} releases, {report['releases_presenting']} present non-GAAP "
        f"measures: {report['measures']} measures {report['by_status']}; findings "
        f"{report['findings']}; {report['false_alarms']} of {report['alarms']} errors and "
        f"warnings not judged real; wrote {path}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
