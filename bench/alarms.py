"""Every error and warning tieout reports on the corpus, judged against ``reviewed.toml``.

    python -m bench.alarms [--only PREFIX] [--label NAME] [--workers N]

Reads every release ``MANIFEST.tsv`` lists (or those whose name starts with one of the
``--only`` prefixes, e.g. ``exhibits/`` for files new to the corpus) and lists each error
and warning. One that ``bench/reviewed.toml`` records as a real defect of the document
(same file, line and code) is kept apart; every other one is a false alarm until a person
judges it. This is the quick half of ``bench.accuracy`` (no mutants): the figure to take
first when releases are added to the corpus, before any rule is tuned on them (the
generalisation figure), and after each change.

Then the same across releases: for each company with two or more releases among those
read, what ``tieout batch --restatements`` reports when its releases are in one store (a
comparative that differs from its first print), judged against the entries of
``reviewed.toml`` marked ``across = true``.

Writes ``bench/results/alarms-<date>[-<label>].json``.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import tieout
from bench import across, reviewed
from bench.corpus import corpus_dir, run_over_corpus, stamp
from tieout.errors import UnreadableInput
from tieout.pipeline import read

ALARM_SEVERITIES = ("error", "warning")


def _task(job: tuple[str, str]) -> dict[str, Any]:
    root, name = job
    started = time.perf_counter()
    try:
        release = read(Path(root) / name)
    except UnreadableInput as error:
        return {"release": name, "error": str(error)}
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
        if f.severity.value in ALARM_SEVERITIES
    ]
    return {
        "release": name,
        "read_s": round(time.perf_counter() - started, 3),
        "tables": len(release.tables),
        "claims": len(release.claims),
        "findings": len(release.findings),
        "alarms": alarms,
    }


def judge(cleans: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Alarms split into reviewed real defects and the rest (false until judged)."""
    known = reviewed.load()
    names = {c["release"] for c in cleans}
    alarms = [a for c in cleans for a in c.get("alarms", ())]
    real = [a for a in alarms if reviewed.judged(a, known)]
    false = [a for a in alarms if not reviewed.judged(a, known)]
    lost = [
        {k: e[k] for k in ("file", "line", "code", "col") if k in e}
        for e in known
        if e["file"] in names and not reviewed.across(e) and not reviewed.found(e, alarms)
    ]
    per_release = []
    for c in cleans:
        mine = [a for a in alarms if a["file"] == c["release"]]
        per_release.append(
            {
                "release": c["release"],
                **({"error": c["error"]} if "error" in c else {}),
                "tables": c.get("tables"),
                "claims": c.get("claims"),
                "read_s": c.get("read_s"),
                "errors": sum(1 for a in mine if a["severity"] == "error"),
                "warnings": sum(1 for a in mine if a["severity"] == "warning"),
                "false": sum(1 for a in false if a["file"] == c["release"]),
                "by_code": dict(Counter(a["code"] for a in mine).most_common()),
            }
        )
    return {
        "releases": len(cleans),
        "unreadable": sum(1 for c in cleans if "error" in c),
        "errors": sum(1 for a in alarms if a["severity"] == "error"),
        "warnings": sum(1 for a in alarms if a["severity"] == "warning"),
        "real_defects": len(real),
        "false_alarms": len(false),
        "false_alarms_per_release": round(len(false) / len(cleans), 3) if cleans else None,
        "by_code": dict(Counter(a["code"] for a in alarms).most_common()),
        "real_defects_not_found": lost,
        "per_release": per_release,
        "alarms": [
            {**a, "judged": "real" if reviewed.judged(a, known) else "false"} for a in alarms
        ],
    }


def judge_across(root: Path, names: Sequence[str]) -> dict[str, Any]:
    """The alarms of the check across each company's releases, judged the same way."""
    known = [e for e in reviewed.load() if reviewed.across(e)]
    companies, alarms = across.corpus_alarms(root, names)
    false = [a for a in alarms if reviewed.judged(a, known) is None]
    lost = [
        {k: e[k] for k in ("file", "line", "code") if k in e}
        for e in known
        if e["file"] in names and not reviewed.found(e, alarms)
    ]
    return {
        "companies": companies,
        "errors": sum(1 for a in alarms if a["severity"] == "error"),
        "warnings": sum(1 for a in alarms if a["severity"] == "warning"),
        "real_defects": len(alarms) - len(false),
        "false_alarms": len(false),
        "real_defects_not_found": lost,
        "alarms": [
            {**a, "judged": "real" if reviewed.judged(a, known) else "false"} for a in alarms
        ],
    }


def main(argv: Sequence[str] | None = None) -> int:
    run = run_over_corpus("python -m bench.alarms", __doc__.split("\n")[0], _task, argv)
    args, cleans = run.args, run.results
    names = [c["release"] for c in cleans]
    report = {
        "benchmark": "alarms",
        "date": stamp(),
        "tieout_version": tieout.__version__,
        "command": run.command,
        "elapsed_s": run.seconds,
        **judge(cleans),
        "across_releases": judge_across(corpus_dir(), names),
    }
    args.out.mkdir(parents=True, exist_ok=True)
    suffix = f"-{args.label}" if args.label else ""
    path = args.out / f"alarms-{report['date']}{suffix}.json"
    path.write_text(json.dumps(report, indent=1) + "\n")
    for r in report["per_release"]:
        print(
            f"{r['release']:50} errors {r['errors']:4} warnings {r['warnings']:3} "
            f"false {r['false']:4}  {r.get('error', '')}"
        )
    print(
        f"{report['releases']} releases: {report['errors']} errors, {report['warnings']} warnings; "
        f"{report['real_defects']} reviewed real, {report['false_alarms']} not (false until judged); "
        f"{len(report['real_defects_not_found'])} reviewed defects no longer found; wrote {path}"
    )
    a = report["across_releases"]
    print(
        f"across the releases of {a['companies']} companies: {a['errors']} errors, "
        f"{a['warnings']} warnings; {a['real_defects']} reviewed real, {a['false_alarms']} not; "
        f"{len(a['real_defects_not_found'])} reviewed defects no longer found"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
