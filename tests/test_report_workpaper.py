"""The workpaper without a browser: its page, marks, review, drafts, exceptions and index.

The page's safety (content policy, cleaned filing markup, data that cannot close its
script block), the ticks (the one wrong figure apart from the figures of its failing
sums), the review carried to a new draft by table, row and period, ``tieout serve``
refusing other hosts and origins, the exceptions list, ``tieout diff`` and the corpus
index over a store.
"""

from __future__ import annotations

import base64
import csv
import hashlib
import http.client
import io
import json
import re
import shutil
import threading
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from tieout.cli import main
from tieout.model import CellRef
from tieout.pipeline import read
from tieout.report.html import render_html
from tieout.report.keys import release_keys
from tieout.report.marks import Tick, figure_ticks
from tieout.report.review import Entry, Review, Status, load, save, sidecar
from tieout.report.sanitise import clean_style, sanitise
from tieout.report.serve import make_server

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "harbor-valve_2024q2.txt"
UNTIED = """\
                         ACME CORP
         (IN THOUSANDS, EXCEPT PER SHARE AMOUNTS)
                                          2004             2003
                                          ----             ----
Net sales                               $ 33,006         $ 32,383
Cost of sales                             28,931           28,653
                                        --------         --------
     Gross profit                          4,075            3,730
                                        ========         ========

Net sales for 2004 were $33,006,000. The company's backlog was $12,500,000 at the end
of the year.
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner(mix_stderr=False).invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def _page_parts(page: str) -> tuple[str, str, str]:
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', page)
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    data = re.search(r'<script type="application/json" id="tieout-data">(.*?)</script>', page, re.S)
    assert policy and len(scripts) == 1 and data
    return policy.group(1), scripts[0], data.group(1)


# ---- the page ------------------------------------------------------------------------


def test_the_page_allows_only_its_own_script_by_hash() -> None:
    page = render_html([read(EXAMPLE)])
    policy, script, _ = _page_parts(page)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in policy
    assert "default-src 'none'" in policy and "connect-src 'none'" in policy
    assert "unsafe-eval" not in policy and "eval(" not in script and "innerHTML" not in script
    assert not re.search(r"""\s(?:src|href)=["'](?!#)""", page)  # nothing to load


def test_filing_text_cannot_close_the_data_block(tmp_path: Path) -> None:
    path = tmp_path / "label.txt"
    path.write_text(UNTIED.replace("Cost of sales ", "</script><b>x"))
    page = render_html([read(path)])
    _, _, data = _page_parts(page)
    assert "</script" not in data and "\\u003c/script\\u003e" in data
    label = json.loads(data)["releases"][0]["figures"]["r0c0-1-0"]["label"]
    assert label.startswith("</script><b>x")
    assert "&lt;/script&gt;&lt;b&gt;x" in page  # and in the text view, escaped


def test_styles_keep_layout_and_lose_anything_that_fetches_or_runs() -> None:
    assert clean_style("text-align: right; border-top: 1px solid #000") == (
        "text-align: right; border-top: 1px solid #000"
    )
    assert clean_style("background: url(http://x/y.png); color: red") == "color: red"
    assert clean_style("background-color: rgb(1, 2, 3)") == "background-color: rgb(1, 2, 3)"
    assert clean_style("width: expression(alert(1))") == ""
    assert clean_style("color: red; background-image: u\\72l(x)") == ""
    assert clean_style("display: none") == "display: none"
    assert clean_style("display: -webkit-box; position: fixed") == ""
    assert clean_style("position: absolute; z-index: 99; top: 0") == ""


def test_filing_markup_is_cleaned_to_an_allow_list() -> None:
    body = sanitise(
        '<p onclick="x()" style="font-weight:bold">A<script>bad()</script><a href="javascript:y()">'
        'link</a><img src="http://x/p.gif" onerror="z()"></p><table background="b.png" '
        'border="1"><tr><td colspan="2" class="c" id="i">1,234</td></tr></table>'
        '<div style="display:none"><ix:header>hidden facts</ix:header></div><iframe src="f">'
        "</iframe><style>p{}</style><svg onload=q()></svg>"
    )
    import lxml.html

    html = lxml.html.tostring(body, encoding="unicode")
    for banned in ("script", "onclick", "javascript", "img", "onerror", "iframe", "<style",
                   "svg", "background=", "class=", "id=", "hidden facts", "href"):  # fmt: skip
        assert banned not in html, banned
    assert '<p style="font-weight: bold">Alink</p>' in html
    assert '<td colspan="2">1,234</td>' in html and 'border="1"' in html


CONTROLS = (
    "<html><body><p>Harbor Valve \x1b[31mInc\x07</p><p>(in thousands)</p>"
    '<table><tr><td bo\x01rder="1" colspan="2">Net sales\x08</td><td>2024</td></tr>'
    "<tr><td>Net sales</td><td>1,234</td></tr><tr><td>Cost</td><td>1,000</td></tr>"
    "<tr><td>Gross profit</td><td>234</td></tr></table></body></html>"
)


def test_control_characters_in_filing_markup_are_shown_not_fatal(tmp_path: Path) -> None:
    # lxml refuses C0 controls in text and in attribute names it is asked for: a terminal
    # escape in a filing ended `tieout report` with a traceback
    body = sanitise(CONTROLS)
    import lxml.html

    html = lxml.html.tostring(body, encoding="unicode")
    assert "\x1b" not in html and "\ufffd[31mInc\ufffd" in html
    assert "rder=" not in html and '<td colspan="2">Net sales\ufffd</td>' in html
    path = tmp_path / "controls.htm"
    path.write_text(CONTROLS, encoding="utf-8")
    code, _, err = run("report", str(path), "-o", str(tmp_path / "r.html"))
    assert code in (0, 1) and "internal error" not in err and "Traceback" not in err
    assert "Gross profit" in (tmp_path / "r.html").read_text(encoding="utf-8")


def test_a_document_that_cannot_be_drawn_is_shown_as_its_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tieout.report.html as page

    def broken(*_: object) -> str:
        raise ValueError("no <b>drawing</b> today")

    monkeypatch.setattr(page, "html_document", broken)
    release = read(CONTROLS.encode(), name="broken.htm")
    html = render_html([release])
    assert "drawing it as laid out failed (internal error ValueError: no &lt;b&gt;" in html
    assert "Gross profit" in html  # the source text is still there, every figure with it


@pytest.mark.corpus
def test_every_release_of_the_corpus_renders_with_every_figure_marked(corpus_dir: Path) -> None:
    from golden import manifest

    for name in manifest(corpus_dir):
        release = read(corpus_dir / name)
        page = render_html([release])
        ids = set(re.findall(r'<span class="fig [^"]*" id="(r0[cp][\d-]+)"', page))
        figures = {
            f"r0c{t.index}-{r.index}-{j}"
            for t in release.tables
            for r in t.rows
            for j, c in enumerate(r.cells)
            if c is not None
        }
        claims = {f"r0p{i}" for i in range(len(release.claims))}
        assert figures <= ids, (name, sorted(figures - ids)[:5])
        assert len(claims - ids) <= len(claims) // 20, (name, sorted(claims - ids)[:5])
        assert "<script>" not in page.split('<script type="application/json"')[0], name


def test_the_wrong_figure_is_told_from_the_figures_of_its_failing_sums() -> None:
    release = read(EXAMPLE)
    ticks = figure_ticks(release)
    (culprit,) = release.culprits
    assert ticks[culprit.cell].tick is Tick.ERROR
    assert release.cell(culprit.cell).raw.strip() == "2,264"  # type: ignore[union-attr]
    partners = {
        ref
        for i, j in culprit.explains
        for ref in (
            release.relations[i].evaluations[j].total,
            *release.relations[i].evaluations[j].items,
        )
    } - {culprit.cell}
    assert partners and all(ticks[ref].tick is Tick.FAILS for ref in partners)
    page = render_html([release])
    assert re.search(r'class="fig t-error sev-error" id="r0c\d+-\d+-\d+"[^>]*>2,264<', page)


def test_how_a_figure_is_verified() -> None:
    release = read(EXAMPLE)
    ticks = figure_ticks(release)
    hows = {how for tick in ticks.values() for how in tick.how}
    assert {"foots", "recomputed"} <= hows
    assert any(h.startswith("agrees to table ") for h in hows)
    assert any(h.startswith("ties to the prose (line ") for h in hows)
    assert any(t.tick is Tick.ROUNDING for t in ticks.values())


# ---- review, drafts, serve -----------------------------------------------------------


def _draft(corpus_dir: Path, folder: Path) -> tuple[Path, Path]:
    """The reference release and a next draft of it: three lines added at the top (every
    line moves), a figure changed, a row renamed."""
    folder.mkdir(parents=True, exist_ok=True)
    first = folder / "draft1.txt"
    shutil.copyfile(corpus_dir / "lexington-precision_2004q1.txt", first)
    text = first.read_text()
    assert text.count("   1,740   ") == 1 and text.count("Capital expenditures:") == 1
    second = folder / "draft2.txt"
    second.write_text(
        "DRAFT 2 -- FOR REVIEW\n\n\n"
        + text.replace("   1,740   ", "   1,790   ").replace(
            "Capital expenditures:", "Capital spending:"
        )
    )
    return first, second


@pytest.mark.corpus
def test_a_review_carries_to_the_next_draft(corpus_dir: Path, tmp_path: Path) -> None:
    first, second = _draft(corpus_dir, tmp_path)
    one = read(first)
    keys = release_keys(one)
    (stray,) = [k for k in keys.findings if k.startswith("stray-parenthesis")]
    metals = next(
        name
        for ref, name in keys.figures.items()
        if one.cell(ref).raw.strip() == "(960)"  # type: ignore[union-attr]
    )
    save(
        sidecar(first),
        Review(
            {stray: Entry(Status.DISMISSED, "printer's error", "2026-01-01T00:00:00+00:00")},
            {metals: Entry(Status.TICKED, "agreed to the ledger")},
        ),
        one,
    )
    code, _, err = run("review", "import", str(second), str(sidecar(first)))
    assert code == 0, err
    assert "1 finding decisions and 1 ticks imported, 0 matched nothing" in err
    carried = load(sidecar(second))
    assert carried.findings[stray].comment == "printer's error"
    code, out, _ = run("check", "--no-tables", str(second))
    assert code == 1  # the figure changed in this draft breaks its sums: an open error
    findings, dismissed = out.split("Dismissed on review (1)")
    assert "error wrong-figure" in findings and "stray-parenthesis" not in findings
    assert "draft2.txt:207: warning stray-parenthesis" in dismissed  # its line moved by three
    assert "dismissed on review 2026-01-01: printer's error" in dismissed
    code, out, _ = run("check", "--format", "json", str(second))
    (warning,) = [f for f in json.loads(out)["findings"] if f["code"] == "stray-parenthesis"]
    assert warning["review"]["status"] == "dismissed" and warning["line"] == 207


@pytest.mark.corpus
def test_diff_matches_figures_by_table_row_and_period(corpus_dir: Path, tmp_path: Path) -> None:
    first, second = _draft(corpus_dir, tmp_path)
    code, out, _ = run("diff", str(first), str(second))
    assert code == 1
    assert (
        "changed  SELECT CONSOLIDATED AND SEGMENT FINANCIAL DATA | Depreciation and "
        "amortization: Rubber Group | QUARTERS ENDED MARCH 31 2004: 1,740 -> 1,790 "
        "(line 194 -> 197)"
    ) in out
    code, out, _ = run("diff", "--format", "json", str(first), str(second))
    data = json.loads(out)
    assert len(data["changed"]) == 1
    assert {r["label"] for r in data["removed_rows"]} == {
        "Capital expenditures:: Rubber Group",
        "Capital expenditures:: Metals Group",
        "Capital expenditures:: Corporate Office",
        "Capital expenditures:: Total capital expenditures",
    } or all("Capital expenditures" in r["label"] for r in data["removed_rows"])
    assert len(data["added_rows"]) == len(data["removed_rows"]) > 0
    assert all("Capital spending" in r["label"] for r in data["added_rows"])
    new = {f["code"] for f in data["new_findings"]}
    assert new and new <= {"sum-mismatch", "identity-mismatch", "wrong-figure", "claim-mismatch"}
    assert data["resolved_findings"] == []
    code, out, _ = run("diff", str(first), str(first))
    assert code == 0 and "no change of figures, rows or findings" in out
    # and as a section of the report, the changed figure marked
    page_path = tmp_path / "draft2.html"
    code, _, _ = run("report", str(second), "--diff", str(first), "-o", str(page_path))
    page = page_path.read_text()
    assert "Since " in page and "1 figures changed" in page
    assert re.search(r'class="fig [^"]*changed"[^>]*>1,790<', page)


def _request(
    port: int, method: str, path: str, body: bytes = b"", **headers: str
) -> tuple[int, Any]:
    con = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        con.request(method, path, body=body or None, headers=headers)
        answer = con.getresponse()
        return answer.status, answer.read()
    finally:
        con.close()


@pytest.mark.corpus
def test_serve_saves_a_review_only_for_its_own_origin(corpus_dir: Path, tmp_path: Path) -> None:
    first, _ = _draft(corpus_dir, tmp_path)
    release = read(first)
    server = make_server([release], port=0)
    assert server.server_address[0] == "127.0.0.1"
    port = server.server_address[1]
    threading.Thread(target=server.serve_forever, daemon=True).start()
    own = f"127.0.0.1:{port}"
    (stray,) = [k for k in release_keys(release).findings if k.startswith("stray")]
    review = json.dumps(
        {"tieout_review": 1, "findings": {stray: {"status": "accepted", "comment": "ok"}}}
    ).encode()
    json_type = "application/json"
    try:
        status, page = _request(port, "GET", "/", Host=own)
        assert status == 200 and b"connect-src 'self'" in page and b'id="save"' in page
        assert _request(port, "GET", "/", Host="evil.example")[0] == 403
        for origin in ("http://evil.example", "null", f"http://{own}.evil.example"):
            code, _ = _request(port, "POST", "/review/0", review, Host=own, Origin=origin,
                               **{"Content-Type": json_type})  # fmt: skip
            assert code == 403, origin
        assert _request(port, "POST", "/review/0", review, Host=own,
                        **{"Content-Type": json_type})[0] == 403  # fmt: skip
        assert _request(port, "POST", "/review/0", review, Host=own, Origin=f"http://{own}",
                        **{"Content-Type": "text/plain"})[0] == 415  # fmt: skip
        assert not sidecar(first).exists()
        bad = b'{"tieout_review": 1, "findings": {"x": {"status": "rm -rf"}}}'
        assert _request(port, "POST", "/review/0", bad, Host=own, Origin=f"http://{own}",
                        **{"Content-Type": json_type})[0] == 400  # fmt: skip
        code, answer = _request(port, "POST", "/review/0", review, Host=own,
                                Origin=f"http://{own}", **{"Content-Type": json_type})  # fmt: skip
        assert code == 200 and json.loads(answer)["saved"] == str(sidecar(first))
        assert load(sidecar(first)).findings[stray].status is Status.ACCEPTED
        status, page = _request(port, "GET", "/", Host=f"localhost:{port}")
        assert status == 200 and b"finding sev-warning st-accepted" in page
    finally:
        server.shutdown()
        server.server_close()


def test_a_broken_review_file_is_one_line_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "clean.txt"
    path.write_text(UNTIED)
    sidecar(path).write_text('{"tieout_review": 1, "findings": []}')
    code, _, err = run("check", str(path))
    assert code == 1
    assert err.strip().startswith(f"Error: {sidecar(path)}: findings:") and "\n" not in err.strip()


# ---- the terminal, exceptions, the corpus index -------------------------------------


def test_check_shows_info_only_when_asked_and_always_counts_it(tmp_path: Path) -> None:
    path = tmp_path / "untied.txt"
    path.write_text(UNTIED)
    code, out, _ = run("check", "--no-tables", str(path))
    assert code == 0
    assert "claim-untied" not in out
    assert "0 errors, 0 warnings, 1 info (1 not shown: --severity info shows them)" in out
    code, out, _ = run("check", "--no-tables", "--severity", "info", str(path))
    assert f"{path}:11: info claim-untied" in out and "$12,500,000" in out
    assert out.rstrip().endswith("0 errors, 0 warnings, 1 info")


def test_exceptions_as_csv_and_xlsx(tmp_path: Path) -> None:
    release_path = tmp_path / "harbor-valve_2024q2.txt"
    shutil.copyfile(EXAMPLE, release_path)
    release = read(release_path)
    keys = release_keys(release)
    wrong = next(k for k in keys.findings if k.startswith("wrong-figure"))
    save(sidecar(release_path), Review({wrong: Entry(Status.ACCEPTED, '=HYPERLINK("x")')}), release)
    code, out, _ = run("exceptions", str(release_path))
    assert code == 1
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == len(release.findings)
    assert list(rows[0]) == [
        "file", "line", "code", "severity", "figure", "arithmetic", "message", "excerpt",
        "review_status", "comment", "key",
    ]  # fmt: skip
    seals = next(r for r in rows if r["code"] == "wrong-figure")
    assert seals["line"] == "144" and seals["review_status"] == "accepted"
    assert "Industrial Seals" in seals["figure"] and "2,264" in seals["figure"]
    assert "FAILS: Total EBITDA" in seals["arithmetic"]
    assert "5,718 + 2,264 + (1,025) = 6,957, printed 6,939" in seals["arithmetic"]
    assert all(r["review_status"] == "open" for r in rows if r is not seals)
    assert [r["severity"] for r in rows] == sorted(
        (r["severity"] for r in rows), key=["error", "warning", "info"].index
    )
    xlsx = tmp_path / "exceptions.xlsx"
    code, _, err = run("exceptions", str(release_path), "--format", "xlsx", "-o", str(xlsx))
    assert code == 1 and f"wrote {xlsx}: {len(rows)} findings" in err
    from openpyxl import load_workbook

    sheet = load_workbook(xlsx).active
    assert sheet is not None
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:4] == ("file", "line", "code", "severity") and len(values) == len(rows) + 1
    comment = next(v for v in values if v[2] == "wrong-figure")[9]
    assert comment == '=HYPERLINK("x")'
    cell = next(r for r in sheet.iter_rows() if r[2].value == "wrong-figure")[9]
    assert cell.data_type == "s"  # text, not a formula


def test_report_index_over_a_store(tmp_path: Path) -> None:
    folder = tmp_path / "releases"
    folder.mkdir()
    shutil.copyfile(EXAMPLE, folder / "harbor-valve_2024q2.txt")
    (folder / "untied.txt").write_text(UNTIED)
    (folder / "empty.txt").write_text("")
    store = tmp_path / "corpus.duckdb"
    code, _, err = run("batch", str(folder), "--db", str(store))
    assert code in (0, 1, 2), err
    out = tmp_path / "index"
    code, _, err = run("report", "--db", str(store), "-o", str(out), "--pages")
    assert code == 0, err
    page = (out / "index.html").read_text()
    policy = re.search(r'content="(default-src[^"]+)"', page)
    (script,) = re.findall(r"<script>(.*?)</script>", page, re.S)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert policy and f"'sha256-{digest}'" in policy.group(1)
    assert page.count('<tr class="s-') == 3
    assert 'data-status="errors"' in page and 'data-status="failed"' in page
    assert "<svg" in page and "wrong-figure" in page  # findings by year and code
    assert "empty file" in page
    pages = sorted(p.name for p in (out / "releases").iterdir())
    assert len(pages) == 2 and all(f'href="releases/{p}"' in page for p in pages)


def test_render_html_keeps_its_signature_for_the_notebook_hook() -> None:
    import tieout

    release = tieout.read(EXAMPLE)  # the library's release, with its views
    assert "Industrial Seals" in release._repr_html_()
    page = render_html([release], [("missing.txt", "no such file")])
    assert "Files not read" in page and "missing.txt: no such file" in page
    ref = next(iter(figure_ticks(release)))
    assert isinstance(ref, CellRef)
