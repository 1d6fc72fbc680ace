"""How fast the workpaper of the corpus's largest release opens in chromium, beside the filing.

    python -m bench.report_open [--repeat N] [--file NAME]      (make bench-report)

The largest file ``MANIFEST.tsv`` lists (the 3.5 MB Bank of America supplement) is read
and its report written to a temporary folder; then, in Debian's chromium driven by
Playwright (the ``browser`` extra), each of two pages is opened ``--repeat`` times in a
fresh tab, medians kept:

    report     the workpaper: every figure marked, findings panel, data and script
    filing     the filing's own HTML as EDGAR serves it (the peer: what a reviewer opens
               today), with every request it makes refused

For each: ``load`` (navigation start to the end of the load event, from the page's
Navigation Timing) and ``ready`` (wall time from ``goto`` until it returns, with the
page's script run). For the report also ``step``: pressing ``j`` until the first
finding's figure is highlighted. ``x_filing`` is the report's load over the filing's.
Writes ``bench/results/report-open-<date>.json``.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.corpus import RESULTS, corpus_dir, releases, stamp
from tieout.pipeline import read
from tieout.report.html import render_html

FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CHROMIUM = "/usr/bin/chromium"


def _open(browser: Any, url: str, *, step: bool) -> dict[str, float]:
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.route(
        "**/*", lambda route: route.continue_() if route.request.url == url else route.abort()
    )
    started = time.perf_counter()
    page.goto(url, wait_until="load", timeout=60_000)
    ready = time.perf_counter() - started
    timing = page.evaluate(
        "() => { const n = performance.getEntriesByType('navigation')[0];"
        " return [n.domContentLoadedEventEnd, n.loadEventEnd]; }"
    )
    out = {"ready_s": ready, "dom_s": timing[0] / 1000, "load_s": timing[1] / 1000}
    if step:
        started = time.perf_counter()
        page.keyboard.press("j")
        page.locator(".source .fig.hl").wait_for(timeout=30_000)
        out["step_s"] = time.perf_counter() - started
    page.close()
    return out


def _median(runs: list[dict[str, float]]) -> dict[str, float]:
    return {k: round(statistics.median(r[k] for r in runs), 3) for k in runs[0]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--file", help="a corpus file (default: the largest)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    root = corpus_dir()
    files = releases(root)
    path = root / args.file if args.file else max(files, key=lambda p: p.stat().st_size)
    started = time.perf_counter()
    release = read(path)
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    page = render_html([release])
    render_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.html"
        report.write_text(page, encoding="utf-8")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
            version = browser.version
            try:
                _open(browser, report.as_uri(), step=True)  # warm-up
                mine = [_open(browser, report.as_uri(), step=True) for _ in range(args.repeat)]
                peer = [_open(browser, path.as_uri(), step=False) for _ in range(args.repeat)]
            finally:
                browser.close()
    result: dict[str, Any] = {
        "command": f"python -m bench.report_open --repeat {args.repeat}"
        + (f" --file {args.file}" if args.file else ""),
        "date": stamp(),
        "machine": {"python": platform.python_version(), "platform": platform.platform()},
        "chromium": version,
        "file": str(path.relative_to(root)),
        "file_mb": round(path.stat().st_size / 1e6, 2),
        "report_mb": round(len(page.encode("utf-8")) / 1e6, 2),
        "figures": sum(1 for t in release.tables for r in t.rows for c in r.cells if c is not None),
        "claims": len(release.claims),
        "findings": len(release.findings),
        "read_s": round(read_s, 3),
        "render_s": round(render_s, 3),
        "report": _median(mine),
        "filing": _median(peer),
    }
    result["x_filing_load"] = round(result["report"]["load_s"] / result["filing"]["load_s"], 2)
    out = RESULTS / f"report-open-{result['date']}.json"
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(result, indent=1))
    print(f"wrote {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
