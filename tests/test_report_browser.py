"""The workpaper opened in a real browser (Debian's chromium, driven by Playwright).

A reviewer's session on the reference release: find the figure the warning is about,
follow the finding to it, read the arithmetic, dismiss the finding with a comment, tick a
figure by hand, save through ``tieout serve``, and find it all again in the report made
afresh and in ``tieout check``. A hostile filing runs nothing: no dialog, no console
error, no request. Screenshots go to build/test-artifacts/.
"""

from __future__ import annotations

import json
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from browser import Watch, launch, shot
from tieout.cli import main
from tieout.pipeline import read
from tieout.report.html import render_html
from tieout.report.review import sidecar
from tieout.report.serve import make_server

HOSTILE = """<html><head><title>x</title>
<base href="http://198.51.100.7/">
<meta http-equiv="refresh" content="0;url=javascript:alert('refresh')">
<link rel="stylesheet" href="http://198.51.100.7/a.css">
<style>body { background: url(http://198.51.100.7/bg.png); }</style>
<script>alert("script ran")</script>
</head><body onload="alert('onload')">
<p>ACME CORP REPORTS RESULTS <img src="http://198.51.100.7/pixel.gif" onerror="alert('img')"></p>
<p>Net sales were $33,006,000, <a href="javascript:alert('link')">see here</a>
&lt;/style&gt;&lt;script&gt;alert('text')&lt;/script&gt;</p>
<div style="background-image: url(http://198.51.100.7/div.png); color: red">styled</div>
<div style="width: expression(alert('css'))">expr</div>
<iframe src="http://198.51.100.7/frame"></iframe><object data="http://198.51.100.7/o.swf"></object>
<svg onload="alert('svg')"><script>alert('svg script')</script></svg>
<table style="background:url('http://198.51.100.7/t.png')" background="http://198.51.100.7/b.png">
<tr><td></td><td>2004</td><td>2003</td></tr>
<tr><td onclick="alert('td')" onmouseover="alert('hover')">Net sales &lt;/style&gt;</td>
<td>$ 33,006</td><td>$ 32,383</td></tr>
<tr><td>Cost of sales</style><script>alert('after style')</script></td><td>28,931</td>
<td>28,653</td></tr>
<tr><td style="border-top: 1px solid black">Gross profit</td>
<td style="border-top:1px solid black">4,075</td><td style="border-top:1px solid black">3,730</td></tr>
</table>
<form action="http://198.51.100.7/f"><input name=a autofocus onfocus="alert('focus')"></form>
</body></html>
"""


def expect(locator: Any) -> Any:
    from playwright.sync_api import expect as playwright_expect

    return playwright_expect(locator)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch()


@pytest.fixture
def reference(corpus_dir: Path, tmp_path: Path) -> Path:
    """The reference release, copied to a folder of the test's own (its review is written
    beside it; the corpus is read-only)."""
    path = tmp_path / "lexington-precision_2004q1.txt"
    shutil.copyfile(corpus_dir / "lexington-precision_2004q1.txt", path)
    return path


def _serve(path: Path) -> tuple[Any, str]:
    server = make_server([read(path)], port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def test_a_review_of_the_reference_release(browser: Any, reference: Path, tmp_path: Path) -> None:
    server, url = _serve(reference)
    try:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        watch = Watch(page, url)
        page.goto(url)
        # line 204's figure, `304)`, is marked as the warning's figure (and as read)
        warned = page.locator(".source .fig.sev-warning")
        assert warned.count() == 1
        assert warned.text_content() == "304)"
        assert "t-read" in (warned.get_attribute("class") or "")
        finding = page.locator("li.finding.sev-warning")
        assert finding.count() == 1 and "stray-parenthesis" in finding.inner_text()
        assert page.locator(".light.warning").inner_text() == "1 warnings"
        shot(page, "reference-opened")

        # follow the finding to its figure: it scrolls into view, highlighted, its panel open
        page.keyboard.press("j")
        assert "current" in (finding.get_attribute("class") or "")
        page.locator(".source .fig.sev-warning.hl").wait_for()
        assert warned.is_visible()
        box = warned.bounding_box()
        assert box is not None and 0 <= box["y"] <= 900
        panel = page.locator("#panel")
        assert panel.is_visible()
        text = panel.inner_text()
        assert "line\n204" in text or "line\t204" in text
        assert "segment EBITDA = operating income + D&A (Metals Group)" in text
        assert "(583) + 887 = 304, printed 304)" in text
        assert "4,687 + 304 + (582) = 4,409" in text  # Total EBITDA, 2003 column
        assert "ties to the prose (line 35)" in text
        shot(page, "reference-finding-followed")

        # dismiss the finding with a comment, tick a figure by hand, save
        finding.locator(".comment").fill("printer's error; the 10-Q prints 304")
        finding.locator("button[data-act=dismissed]").click()
        assert "st-dismissed" in (finding.get_attribute("class") or "")
        assert "printer's error" in finding.locator(".rstate").inner_text()
        total = page.locator(".source .fig", has_text="33,006").first
        total.click()
        page.locator("#panel .tickcomment").fill("agreed to the trial balance")
        page.locator("#panel button.tick").click()
        assert "ticked" in (total.get_attribute("class") or "")
        page.locator("#save").click()
        expect(page.locator("#status")).to_have_text(re.compile("^saved: "))
        shot(page, "reference-reviewed")
        assert watch.clean(), (watch.dialogs, watch.errors, watch.requests)
        page.close()
    finally:
        server.shutdown()
        server.server_close()

    saved = json.loads(sidecar(reference).read_text())
    ((key, entry),) = saved["findings"].items()
    assert key.startswith("stray-parenthesis @ select consolidated and segment financial data")
    assert "metals group" in key and "2003-03-31" in key
    assert (
        entry["status"] == "dismissed"
        and entry["comment"] == "printer's error; the 10-Q prints 304"
    )
    assert [e["comment"] for e in saved["figures"].values()] == ["agreed to the trial balance"]

    # the report made again shows the review; tieout check lists the finding apart
    out = tmp_path / "again.html"
    result = CliRunner(mix_stderr=False).invoke(main, ["report", str(reference), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    watch = Watch(page, out.as_uri())
    page.goto(out.as_uri())
    again = page.locator("li.finding.sev-warning")
    assert "st-dismissed" in (again.get_attribute("class") or "")
    assert "printer's error" in again.locator(".rstate").inner_text()
    assert "dismissed" in (page.locator(".source .fig.sev-warning").get_attribute("class") or "")
    assert page.locator(".source .fig.ticked").count() == 1
    assert "1 dismissed, 1 ticked" in page.locator(".rcount").inner_text()
    shot(page, "reference-reopened")
    assert watch.clean(), (watch.dialogs, watch.errors, watch.requests)
    page.close()
    check = CliRunner(mix_stderr=False).invoke(main, ["check", "--no-tables", str(reference)])
    assert check.exit_code == 0
    assert "Dismissed on review (1)" in check.stdout
    assert "printer's error; the 10-Q prints 304" in check.stdout
    assert "\nFindings\n" not in check.stdout


def test_the_page_exports_a_review_that_imports(
    browser: Any, reference: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.html"
    out.write_text(render_html([read(reference)]), encoding="utf-8")
    page = browser.new_page()
    watch = Watch(page, out.as_uri())
    page.goto(out.as_uri())
    finding = page.locator("li.finding").first
    finding.click()
    page.keyboard.press("a")  # accept the current finding
    assert "st-accepted" in (finding.get_attribute("class") or "")
    with page.expect_download() as caught:
        page.locator("#export").click()
    exported = tmp_path / "exported.json"
    caught.value.save_as(exported)
    assert watch.clean(), (watch.dialogs, watch.errors, watch.requests)
    page.close()
    result = CliRunner(mix_stderr=False).invoke(
        main, ["review", "import", str(reference), str(exported)]
    )
    assert result.exit_code == 0, result.stderr
    assert "1 finding decisions and 0 ticks imported" in result.stderr
    status = CliRunner().invoke(main, ["review", "status", str(reference)])
    assert "1 findings: 0 open, 1 accepted, 0 dismissed" in status.output


def test_a_hostile_filing_runs_nothing(browser: Any, tmp_path: Path) -> None:
    source = tmp_path / "hostile.htm"
    source.write_text(HOSTILE, encoding="utf-8")
    out = tmp_path / "hostile.html"
    result = CliRunner(mix_stderr=False).invoke(main, ["report", str(source), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    page = browser.new_page()
    watch = Watch(page, out.as_uri())
    page.goto(out.as_uri())
    page.wait_for_timeout(300)
    # the figures were read and marked, and the words are shown as text
    assert page.locator(".source .fig.t-verified").count() == 6
    assert "</style><script>alert('text')</script>" in page.locator(".doc.html").inner_text()
    assert (
        page.locator(".doc.html script, .doc.html img, .doc.html iframe, .doc.html a").count() == 0
    )
    # hover and click what had handlers, click every figure and finding: still nothing runs
    page.locator("td", has_text="Net sales").first.hover()
    page.locator("td", has_text="Net sales").first.click()
    for fig in page.locator(".fig[id]").all():
        fig.click()
    page.keyboard.press("j")
    shot(page, "hostile")
    assert watch.clean(), (watch.dialogs, watch.errors, watch.requests)
    page.close()


@pytest.mark.corpus
def test_the_largest_release_opens(browser: Any, corpus_dir: Path, tmp_path: Path) -> None:
    """The 3.5 MB bank supplement: every figure marked, the page opens cleanly and steps
    through findings (how fast is measured by bench/report_open.py, not here)."""
    release = read(corpus_dir / "exhibits" / "bank-of-america_2021q4_ex99-3.htm")
    out = tmp_path / "bofa.html"
    out.write_text(render_html([release]), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    watch = Watch(page, out.as_uri())
    page.goto(out.as_uri())
    figures = sum(1 for t in release.tables for r in t.rows for c in r.cells if c is not None)
    assert page.locator(".fig[id]").count() == figures + len(release.claims)
    page.keyboard.press("j")
    page.locator(".source .fig.hl").wait_for()
    shot(page, "bank-of-america")
    assert watch.clean(), (watch.dialogs, watch.errors, watch.requests)
    page.close()
