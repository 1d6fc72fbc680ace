"""tieout's HTML reader beside edgartools' ``EarningsRelease``, on the corpus's HTML releases.

    python -m bench.html_vs_edgartools [--repeat N]      (make bench-html)

For every HTML exhibit (EX-99.x) of every release in the corpus, in one run and on the
same HTML string in memory:

    tables     tables of figures each one finds
    figures    figures each one extracts: tieout, the cells of its tables; edgartools,
               the numeric values of its tables' DataFrames
    time       the median of ``--repeat`` runs after one warm-up run: tieout's reader
               (``tieout.readers.html.html_layout``: parse, tables and paragraphs) and edgartools'
               (``EarningsRelease(...).tables``: parse and tables)
    x_edgartools  tieout's time over edgartools' (below 1: tieout is faster)

Per release file, tieout end to end (``tieout.pipeline.read``: sources, tables, prose,
checks) is timed too, with the relations it verified; edgartools checks nothing.

edgartools runs offline. ``EarningsRelease`` reads only ``.content`` and ``.document`` of
the attachment it is given (edgar/earnings.py: ``EarningsRelease.document``), so it is
given a stand-in holding the exhibit's HTML; and sockets refuse to connect for the whole
run, so a fetch would fail loudly rather than happen. Needs the ``bench`` extra
(``pip install -e '.[bench]'``). Writes ``bench/results/html-vs-edgartools-<date>.json``.
"""

from __future__ import annotations

import argparse
import json
import platform
import socket
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from bench.corpus import RESULTS, corpus_dir, name_of, releases, stamp
from tieout.model import Document
from tieout.pipeline import read
from tieout.readers.html import html_layout
from tieout.sources import load

T = TypeVar("T")
Found = tuple[int, int, list[dict[str, Any]]]


@dataclass(frozen=True)
class _Attachment:
    """What ``EarningsRelease`` reads of an EDGAR attachment: its HTML and its name."""

    content: str
    document: str


def _offline() -> None:
    """Make every socket refuse to connect: nothing in this run may fetch from EDGAR."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("bench.html_vs_edgartools runs offline: no network access")

    socket.socket.connect = refuse  # type: ignore[method-assign]
    socket.create_connection = refuse  # type: ignore[assignment]


def _median_time(run: Callable[[], T], repeat: int) -> tuple[float, T]:
    result = run()  # warm-up, and the result counted
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _edgartools(html: str, name: str) -> Found:
    """Tables, numeric values and a summary of each table edgartools finds."""
    from edgar.earnings import EarningsRelease

    found = EarningsRelease(_Attachment(html, name)).tables
    figures = 0
    summary = []
    for table in found:
        frame = table.dataframe
        values = sum(
            1
            for col in range(frame.shape[1])
            for v in frame.iloc[:, col]
            if isinstance(v, float) and v == v  # NaN is not a figure
        )
        figures += values
        summary.append({"title": table.title, "scale": table.scale.name, "figures": values})
    return len(found), figures, summary


def _tieout(doc: Document) -> Found:
    tables, _ = html_layout(doc, 0)
    counts = [sum(1 for r in t.rows for c in r.cells if c is not None) for t in tables]
    summary: list[dict[str, Any]] = [
        {"title": t.title[:80], "scale": str(t.scale), "figures": n}
        for t, n in zip(tables, counts, strict=True)
    ]
    return len(tables), sum(counts), summary


def _exhibits(path: Path) -> list[Document]:
    _, documents = load(path)
    return [d for d in documents if d.format == "html"]


def run(repeat: int) -> dict[str, Any]:
    _offline()
    import edgar

    root = corpus_dir()
    rows: list[dict[str, Any]] = []
    files: list[dict[str, Any]] = []
    for path in releases(root):
        exhibits = _exhibits(path)
        if not exhibits:
            continue
        name = name_of(path, root)
        for doc in exhibits:
            html = "\n".join(doc.lines)
            label = doc.filename or doc.exhibit or "exhibit"
            t_time, (t_tables, t_figures, t_summary) = _median_time(partial(_tieout, doc), repeat)
            e_error: str | None = None
            try:
                e_time, (e_tables, e_figures, e_summary) = _median_time(
                    partial(_edgartools, html, label), repeat
                )
            except Exception as error:  # a peer that fails on a release is a result too
                e_time, e_tables, e_figures, e_summary = float("nan"), 0, 0, []
                e_error = f"{type(error).__name__}: {error}"
            rows.append(
                {
                    "release": name,
                    "exhibit": doc.exhibit,
                    "bytes": len(html),
                    "tieout": {"tables": t_tables, "figures": t_figures, "seconds": t_time, "tables_found": t_summary},
                    "edgartools": {"tables": e_tables, "figures": e_figures, "seconds": e_time, "tables_found": e_summary, "error": e_error},
                    "x_edgartools": t_time / e_time if e_time == e_time and e_time > 0 else None,
                }
            )  # fmt: skip
        whole, release = _median_time(partial(read, path), repeat)
        files.append(
            {
                "release": name,
                "end_to_end_seconds": whole,
                "relations_verified": sum(1 for r in release.relations if r.holds),
                "errors": len(release.errors),
            }
        )
    t_sum = sum(r["tieout"]["seconds"] for r in rows)
    e_sum = sum(r["edgartools"]["seconds"] for r in rows if r["x_edgartools"] is not None)
    ratios = [r["x_edgartools"] for r in rows if r["x_edgartools"] is not None]
    return {
        "command": f"python -m bench.html_vs_edgartools --repeat {repeat}",
        "date": stamp(),
        "python": platform.python_version(),
        "edgartools": getattr(edgar, "__version__", "?"),
        "repeat": repeat,
        "exhibits": rows,
        "releases": files,
        "totals": {
            "exhibits": len(rows),
            "tieout_tables": sum(r["tieout"]["tables"] for r in rows),
            "edgartools_tables": sum(r["edgartools"]["tables"] for r in rows),
            "tieout_figures": sum(r["tieout"]["figures"] for r in rows),
            "edgartools_figures": sum(r["edgartools"]["figures"] for r in rows),
            "tieout_seconds": t_sum,
            "edgartools_seconds": e_sum,
            "x_edgartools_total": t_sum / e_sum if e_sum else None,
            "x_edgartools_median": statistics.median(ratios) if ratios else None,
            "relations_verified": sum(f["relations_verified"] for f in files),
            # tables read with no scale (figures taken as units): where a scale was missed
            "tieout_tables_in_units": sum(
                1 for r in rows for t in r["tieout"]["tables_found"] if t["scale"] == "1"
            ),
            "edgartools_tables_in_units": sum(
                1 for r in rows for t in r["edgartools"]["tables_found"] if t["scale"] == "UNITS"
            ),
        },
    }


def _print(result: dict[str, Any]) -> None:
    head = f"{'release':30} {'exhibit':9} {'tables t/e':>11} {'figures t/e':>13} {'ms t':>7} {'ms e':>7} {'x_e':>6}"
    print(head)
    for r in result["exhibits"]:
        t, e = r["tieout"], r["edgartools"]
        ratio = f"{r['x_edgartools']:.2f}" if r["x_edgartools"] is not None else "  -"
        print(
            f"{r['release'][:30]:30} {r['exhibit']:9} {t['tables']:>5}/{e['tables']:<5} "
            f"{t['figures']:>6}/{e['figures']:<6} {t['seconds'] * 1000:7.1f} "
            f"{e['seconds'] * 1000:7.1f} {ratio:>6}"
            + (f"  edgartools: {e['error']}" if e["error"] else "")
        )
    totals = result["totals"]
    print(
        f"\n{totals['exhibits']} HTML exhibits: tables {totals['tieout_tables']} (tieout) / "
        f"{totals['edgartools_tables']} (edgartools), figures {totals['tieout_figures']} / "
        f"{totals['edgartools_figures']}; reader time {totals['tieout_seconds']:.2f} s / "
        f"{totals['edgartools_seconds']:.2f} s = x{totals['x_edgartools_total']:.2f} "
        f"(median per exhibit x{totals['x_edgartools_median']:.2f}); "
        f"tieout end to end verified {totals['relations_verified']} relations; tables read "
        f"in units (no scale): {totals['tieout_tables_in_units']} / "
        f"{totals['edgartools_tables_in_units']}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.html_vs_edgartools", description=__doc__.split("\n")[0]
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="timed runs per exhibit (median; default 3)"
    )
    args = parser.parse_args(argv)
    try:
        import edgar  # noqa: F401
    except ImportError:
        print("bench: edgartools is not installed: pip install -e '.[bench]'", file=sys.stderr)
        return 2
    result = run(args.repeat)
    _print(result)
    RESULTS.mkdir(parents=True, exist_ok=True)
    out = RESULTS / f"html-vs-edgartools-{result['date']}.json"
    out.write_text(json.dumps(result, indent=1, default=str) + "\n", encoding="utf-8")
    print(f"\nwrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
