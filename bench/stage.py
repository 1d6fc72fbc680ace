"""One stage of the pipeline, warm, over the text releases (or all): for instruction counts.

    python -m bench.stage STAGE PASSES [--all | --html] [--unseen | --emptied]

STAGE is one of read, drafts, assemble, prose, checks (the prose tie inside), nongaap,
output, end_to_end. Every earlier stage's results are made first; then STAGE runs once to
warm it and PASSES times over each selected release (the three text releases of the
corpus, with ``--html`` every other release, or with ``--all`` every release). The passes run with the
collector paused, as ``pipeline.read`` runs a release (left on, a full collection over every
release held prepared lands in some stage's pass). A stage's cost is what PASSES adds:

    (I(PASSES=N) - I(PASSES=0)) / N

with I the instructions counted by ``valgrind --tool=callgrind`` (the machine's counters
are not reachable here, and CPU time does not resolve 10% on a shared machine). The CPU
minimum of a pass is printed too. Each stage is called as ``bench.speed.stages`` calls it.

Warm passes flatter the bounded caches (``functools.lru_cache``): the same release again
hits every entry, where a corpus run meets labels it has mostly not seen. With
``--unseen`` the selected releases are met as a corpus run meets them: every bounded
cache is emptied once they are prepared, the stage then runs over every other release of
the corpus (what the caches hold when a release comes), and a pass over the selected
releases sees each once: ``I(1) - I(0)`` is what a first sight of them costs. With
``--emptied``, its quick and harsher twin, the caches are emptied and nothing else runs
before the pass (other releases' entries are missing too: they barely serve a release).
With ``--html --emptied`` the HTML releases fill the caches for one another, as in a
corpus run where they are most of it.
"""

from __future__ import annotations

import gc
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench import speed
from bench.caches import forget_caches
from bench.corpus import corpus_dir, releases
from tieout import checks, nongaap, pipeline
from tieout.cells import blank
from tieout.prose.claims import claims_of
from tieout.readers import reader_for
from tieout.sources import load
from tieout.tables.assemble import assemble
from tieout.tables.out_of_range import out_of_range

TEXT = ("lexington-precision_2004q1", "sears_2004q2", "southern-co_2004q4")
STAGE_NAMES = ("read", "drafts", "assemble", "prose", "checks", "nongaap", "output", "end_to_end")


def text_releases() -> list[Path]:
    """The corpus's three text releases (``TEXT``), in the manifest's order."""
    paths = [p for p in releases(corpus_dir()) if any(t in p.name for t in TEXT)]
    if len(paths) != len(TEXT):
        raise SystemExit(f"the corpus lacks some of the text releases {TEXT}")
    return paths


def html_releases() -> list[Path]:
    """Every release of the corpus but the text ones (``TEXT``), in the manifest's order."""
    return [p for p in releases(corpus_dir()) if not any(t in p.name for t in TEXT)]


def prepared(path: Path) -> dict[str, Any]:
    """Every stage's result for one release, made by the pipeline's own functions and by
    ``run`` itself: what a stage is given is what its own run before made."""
    source, documents = load(path)
    tables, paragraphs, notes = pipeline.layout(documents)
    pairs = []  # each read document and its drafts: what the assemble stage is given
    for doc in documents:
        reader = reader_for(doc.format)
        if reader is not None:
            pairs.append((doc, reader.read(doc)[0]))
    unchecked, warnings = out_of_range(tables)
    d: dict[str, Any] = dict(
        path=path,
        source=source,
        documents=documents,
        pairs=pairs,
        tables=tables,
        paragraphs=paragraphs,
        findings=[*notes, *warnings],
        unchecked=unchecked,
        blanked=blank(tables, unchecked) if unchecked else tables,
    )
    d["claims"] = run("prose", d)
    d["release"] = run("checks", d)
    d["final"] = replace(run("nongaap", d), tables=d["release"].tables)
    return d


def run(stage: str, d: dict[str, Any]) -> Any:
    """The stage, once, on one release's prepared inputs; what it made."""
    if stage == "read":
        return load(d["path"])
    if stage == "drafts":
        return [reader_for(doc.format).read(doc) for doc, _ in d["pairs"]]  # type: ignore[union-attr]
    if stage == "assemble":
        tables: list[Any] = []
        for _, drafts in d["pairs"]:
            tables.extend(assemble(drafts, len(tables)))
        return tables
    if stage == "prose":
        return claims_of(d["paragraphs"], d["blanked"])
    if stage == "checks":
        return checks.run(
            d["source"],
            d["documents"],
            d["tables"],
            findings=list(d["findings"]),
            claims=d["claims"],
            unchecked=d["unchecked"],
        )
    if stage == "nongaap":  # on the blanked tables, as analyse passes them
        return nongaap.run(replace(d["release"], tables=tuple(d["blanked"])))
    if stage == "output":
        return speed._output(d["final"])
    return speed._output(pipeline.read(d["path"]))


def main(argv: list[str]) -> None:
    if len(argv) < 2 or argv[0] not in STAGE_NAMES:
        raise SystemExit(__doc__)
    stage, passes = argv[0], int(argv[1])
    if "--all" in argv:
        paths = list(releases(corpus_dir()))
    else:
        paths = html_releases() if "--html" in argv else text_releases()
    data = [prepared(p) for p in paths]
    if "--unseen" in argv or "--emptied" in argv:
        if passes > 1 or "--all" in argv:
            raise SystemExit("--unseen, --emptied: one pass (0 or 1), not with --all")
        forget_caches()
        for other in releases(corpus_dir()) if "--unseen" in argv else ():
            if other not in paths:  # what the caches hold when a release comes
                run(stage, prepared(other))
    else:
        for d in data:  # warm: imports, bounded caches
            run(stage, d)
    gc.collect()
    best = [float("inf")] * len(data)
    gc.disable()  # as pipeline.read runs: a release's records are not walked as they are made
    for _ in range(passes):
        for i, d in enumerate(data):
            started = time.process_time()
            run(stage, d)
            best[i] = min(best[i], time.process_time() - started)
    gc.enable()
    if passes:
        print(
            f"{stage}: CPU minimum of a pass {sum(best) * 1000:.3f} ms over {len(data)} releases",
            file=sys.stderr,
        )


if __name__ == "__main__":
    main(sys.argv[1:])
