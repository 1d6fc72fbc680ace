"""Golden outputs: what tieout reads and finds in each release, kept in ``tests/golden/``.

    python tests/golden.py            # compare, print what changed (exit 1 when anything did)
    python tests/golden.py --write    # regenerate (``make golden``): a deliberate act

The inputs are the bundled example and every release ``../shared/corpus/MANIFEST.tsv``
lists (read in place, never copied). For each, the golden file holds the outline of every
table (title, scale, columns with their periods and units, rows with their level, kind,
unit, concept, section and figures), every relation (where it came from, its rows and
signs, where it holds and fails), every claim (its meaning and what it ties to), every
finding and every non-GAAP measure (its basis, GAAP measure and reconciliation), as lists
of one-line strings so that a diff reads line by line. A change of behaviour shows as a
golden diff, to be read and committed with the change that made it.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
GOLDEN = REPO / "tests" / "golden"
EXAMPLE = REPO / "examples" / "harbor-valve_2024q2.txt"
CORPUS = Path(os.environ.get("TIEOUT_CORPUS", REPO.parent / "shared" / "corpus"))


def manifest(root: Path = CORPUS) -> list[str]:
    """The release files ``MANIFEST.tsv`` lists, relative to the corpus, in its order."""
    lines = (root / "MANIFEST.tsv").read_text(encoding="utf-8").splitlines()
    return [
        name
        for number, line in enumerate(lines)
        if number and (name := line.split("\t", 1)[0].strip()) and not name.startswith("#")
    ]


def html_documents(root: Path = CORPUS) -> Iterator[tuple[str, str]]:
    """Each HTML document of the releases ``MANIFEST.tsv`` lists: the release's name and
    the document's text as the HTML reader reads it (its lines joined)."""
    from tieout.model import Format
    from tieout.sources import load

    for name in manifest(root):
        for doc in load(root / name)[1]:
            if doc.format is Format.HTML:
                yield name, "\n".join(doc.lines)


def golden_name(name: str) -> str:
    """The golden file of a release: its corpus path with ``/`` as ``__``."""
    return name.replace("/", "__") + ".json"


def _period(period: Any) -> str:
    if period is None:
        return "-"
    parts = [str(period.end or "?")]
    if period.instant:
        parts.append("instant")
    else:
        parts.append(f"{period.months}m" if period.months else "?m")
    if period.weeks:
        parts.append(f"{period.weeks}w")
    if period.year:
        parts.append(f"y{period.year}")
    if period.quarter:
        parts.append(f"q{period.quarter}")
    return " ".join(parts)


def _cell(cell: Any) -> str:
    if cell is None:
        return "."
    text = str(cell.value)
    if cell.ambiguous:
        text += "|" + "|".join(str(r) for r in cell.readings[1:])
    return text


def _term(term: Any) -> str:
    return f"{'+' if term.sign > 0 else '-'}t{term.table + 1}r{term.row}"


def summarise(release: Any) -> dict[str, Any]:
    """The golden record of a release (see the module docstring)."""
    tables = []
    for t in release.tables:
        tables.append(
            {
                "table": t.index + 1,
                "title": t.title,
                "scale": f"{t.scale} {t.scale_text!r}",
                "lines": f"{t.first_line}-{t.last_line}",
                "columns": [
                    f"{c.label} | {_period(c.period)} | seg={c.segment} | unit={c.unit} "
                    f"| change={c.change}"
                    for c in t.columns
                ],
                "rows": [
                    f"{r.line} L{r.level} {r.kind} {r.unit} {r.concept or '-'} "
                    f"[{r.section or ''}] {r.label} | {' '.join(_cell(c) for c in r.cells)}"
                    for r in t.rows
                ],
            }
        )
    relations = [
        f"{r.source} {r.kind} {r.name!r} total=t{r.total.table + 1}r{r.total.row} "
        f"items={','.join(_term(i) for i in r.items)} "
        f"holds={len(r.holds_in)} fails={list(r.fails_in)}"
        for r in release.relations
    ]
    claims = [
        f"{c.span.line}:{c.span.start} {c.text!r} {c.kind} {c.unit} {c.value} "
        f"concept={c.concept} seg={c.segment} period={_period(c.period)} "
        f"traits={','.join(sorted(c.traits))} -> {c.status} "
        f"{' '.join(f't{r.table + 1}r{r.row}c{r.column}' for r in c.tied_to)}"
        for c in release.claims
    ]
    findings = [f"{f.line} {f.severity} {f.code}: {f.message}" for f in release.findings]
    non_gaap = []
    for m in getattr(release, "non_gaap", ()):
        found = m.reconciliation
        how = "-"
        if found is not None:
            where = f"t{found.table + 1}" if found.table is not None else "text"
            how = (
                f"{found.how} {where} gaap={list(found.gaap_rows)} rows={list(found.rows)} "
                f"holds={len(found.holds_in)} fails={list(found.fails_in)}"
            )
        non_gaap.append(
            f"{m.status} {m.name!r} basis={'/'.join(m.basis)} gaap={m.gaap} "
            f"rows={','.join(f't{t + 1}r{r}' for t, r in m.rows)} claims={list(m.claims)} "
            f"recomputed={len(m.recomputed)}+{len(m.recomputations)} -> {how}"
        )
    record: dict[str, Any] = {
        "summary": {
            "tables": len(release.tables),
            "figures": sum(1 for t in release.tables for r in t.rows for c in r.cells if c),
            "relations": len(release.relations),
            "claims": len(release.claims),
            "findings": len(release.findings),
        },
        "findings": findings,
        "relations": relations,
        "claims": claims,
        "tables": tables,
    }
    if non_gaap:  # a release that presents no non-GAAP measure keeps its golden as it was
        record["non_gaap"] = non_gaap
    return record


def inputs() -> list[tuple[str, Path]]:
    """(golden name, path) of every input: the example, then the corpus manifest."""
    out = [("example__harbor-valve_2024q2.txt.json", EXAMPLE)]
    if (CORPUS / "MANIFEST.tsv").is_file():
        out += [(golden_name(n), CORPUS / n) for n in manifest()]
    return out


def render(record: dict[str, Any]) -> str:
    return json.dumps(record, indent=1, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    from tieout.pipeline import read

    write = "--write" in argv
    GOLDEN.mkdir(exist_ok=True)
    changed = 0
    for name, path in inputs():
        text = render(summarise(read(path)))
        target = GOLDEN / name
        if write:
            target.write_text(text, encoding="utf-8")
            continue
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            changed += 1
            print(f"changed: {name}")
    if write:
        print(f"wrote {len(inputs())} golden files to {GOLDEN}")
    return 1 if changed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
