"""The command line as a user runs it: exit statuses, JSON keys, tidy rows, bad input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from tieout.cli import main

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "harbor-valve_2024q2.txt"

CLEAN = """\
                         ACME CORP
         (IN THOUSANDS, EXCEPT PER SHARE AMOUNTS)
                                          2004             2003
                                          ----             ----
Net sales                               $ 33,006         $ 32,383
Cost of sales                             28,931           28,653
                                        --------         --------
     Gross profit                          4,075            3,730
                                        ========         ========
"""


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner(mix_stderr=False).invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_check_clean_release_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "clean.txt"
    path.write_text(CLEAN)
    code, out, _ = run("check", str(path))
    assert code == 0
    assert "Gross profit" in out and "0 errors" in out


def test_check_example_finds_the_deliberate_error() -> None:
    code, out, _ = run("check", "--no-tables", str(EXAMPLE))
    assert code == 1
    assert "harbor-valve_2024q2.txt:144: error wrong-figure" in out
    assert "1,145 + 1,101 = 2,246, printed 2,264" in out
    assert "5,718 + 2,264 + (1,025) = 6,957, printed 6,939" in out


def test_check_json_has_the_documented_keys() -> None:
    code, out, _ = run("check", "--format", "json", str(EXAMPLE))
    assert code == 1
    (line,) = out.strip().split("\n")
    data = json.loads(line)
    table = data["tables"][0]
    assert {"title", "scale", "columns", "rows"} <= set(table)
    assert table["columns"][2] == {
        "label": "SIX MONTHS ENDED JUNE 30, 2024",
        "period_end": "2024-06-30",
        "months": 6,
        "weeks": None,
        "instant": False,
        "segment": None,
        "unit": None,
        "change": False,
    }
    net_sales = table["rows"][0]
    assert {"label", "level", "kind", "cells"} <= set(net_sales)
    assert net_sales["cells"][0]["value"] == "48215000"
    assert net_sales["cells"][0]["raw"] == "$ 48,215"
    assert net_sales["cells"][0]["line"] == 59
    relation = data["relations"][0]
    assert {"source", "total", "items", "holds_in", "fails_in"} <= set(relation)
    assert relation["total"]["label"] == "Gross profit"
    assert [i["sign"] for i in relation["items"]] == [1, -1]
    findings = data["findings"]
    assert {"code", "severity", "message", "line", "expected", "actual"} <= set(findings[0])
    errors = [(f["line"], f["code"]) for f in findings if f["severity"] == "error"]
    assert (144, "wrong-figure") in errors
    seals = next(f for f in findings if f["line"] == 144)
    assert (seals["expected"], seals["actual"]) == ("2246000", "2264000")
    assert {e["line"] for e in seals["evidence"]} >= {128, 136, 147}


def test_extract_csv_has_a_header_and_one_row_per_figure() -> None:
    code, out, _ = run("extract", "--format", "csv", str(EXAMPLE))
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 94
    first = rows[0]
    assert first["row_label"] == "Net sales"
    assert (first["period_end"], first["months"], first["value"], first["unit"], first["line"]) == (
        "2024-06-30",
        "3",
        "48215000",
        "USD",
        "59",
    )
    eps = [r for r in rows if r["unit"] == "USD/share"]
    assert [r["value"] for r in eps] == ["0.25", "0.18", "0.45", "0.3"]


def test_extract_json_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "facts.json"
    code, _, _ = run("extract", str(EXAMPLE), "-o", str(out))
    assert code == 0
    rows = json.loads(out.read_text())
    shares = [r for r in rows if r["unit"] == "shares"]
    assert shares[0]["value"] == "8412000"


def _bad_inputs(tmp_path: Path) -> dict[str, tuple[Path, str]]:
    files = {
        "empty": (b"", "empty file"),
        "binary": (bytes(range(256)) * 64, "binary data"),
        "prose": (b"Dear shareholder,\nThank you for your support this year.\n" * 50, "not an earnings release"),
        "latin1": ("Net sales \u00e9t\u00e9   $ 1,000\n".encode("latin-1"), "not valid utf-8"),
    }  # fmt: skip
    out = {}
    for name, (data, reason) in files.items():
        path = tmp_path / f"{name}.txt"
        path.write_bytes(data)
        out[name] = (path, reason)
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as fh:
        fh.write(CLEAN.encode() * (50 * 1024 * 1024 // len(CLEAN) + 1))
    out["huge"] = (huge, "too large")
    return out


def test_bad_input_gives_one_line_and_exit_2_quickly(tmp_path: Path) -> None:
    for name, (path, reason) in _bad_inputs(tmp_path).items():
        started = time.monotonic()
        proc = subprocess.run(
            [sys.executable, "-m", "tieout", "check", str(path)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        elapsed = time.monotonic() - started
        assert proc.returncode == 2, (name, proc.stderr)
        lines = proc.stderr.strip().split("\n")
        assert len(lines) == 1, (name, proc.stderr)
        assert lines[0].startswith(f"tieout: {path}: ") and reason in lines[0], lines
        assert "Traceback" not in proc.stderr
        assert elapsed < 10, (name, elapsed)


def test_one_bad_file_among_good_ones(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    code, out, err = run("check", "--format", "json", str(EXAMPLE), str(bad))
    assert code == 2
    first, second = (json.loads(x) for x in out.strip().split("\n"))
    assert first["file"].endswith("harbor-valve_2024q2.txt") and first["tables"]
    assert second == {"file": str(bad), "error": "empty file"}
    assert err.strip() == f"tieout: {bad}: empty file"


def test_hostile_label_is_printed_not_obeyed(tmp_path: Path) -> None:
    path = tmp_path / "markup.txt"
    path.write_text(CLEAN.replace("Cost of sales ", "[bold red]Cost[/]  "))
    code, out, _ = run("check", str(path))
    assert code == 0
    assert "[bold red]Cost[/]" in out


def test_a_table_too_wide_for_a_terminal_is_named_not_drawn(tmp_path: Path) -> None:
    # 3,000 columns took minutes and gigabytes to draw, each folded to a character
    head = "".join(f"<td>Q{i % 4 + 1} {2000 + i // 4}</td>" for i in range(60))
    rows = "".join(
        f"<tr><td>Row {r}</td>" + "".join(f"<td>{(r * 7 + i) % 997:,}</td>" for i in range(60))
        for r in range(4)
    )
    path = tmp_path / "wide.htm"
    path.write_text(f"<html><body><p>Results</p><table><tr><td></td>{head}</tr>{rows}</table>")
    code, out, _ = run("check", str(path))
    assert code in (0, 1)
    assert "4 rows × 60 columns: too wide to draw here (over 40 columns)" in out
    assert "Row 3" not in out  # not drawn


def test_tables_are_drawn_row_by_row_with_long_words_folded(tmp_path: Path) -> None:
    label = "Income from continuing operations before income taxes and equity in earnings"
    path = tmp_path / "long.txt"
    path.write_text(
        "Harbor Valve Inc\n(in thousands)\n\n"
        f"{'':<84}2024      2023\n"
        f"{'Net sales':<80}$ 1,234   $ 1,100\n"
        f"{'Cost of sales':<82}1,000       900\n"
        f"{'':<80}-------   -------\n"
        f"{label:<82}  234       200\n"
    )
    code, out, _ = run("check", str(path))
    assert code in (0, 1)
    lines = out.splitlines()
    net = next(line for line in lines if "Net sales" in line)
    assert net.split()[:2] == ["5", "Net"] and "$ 1,234" in net and "$ 1,100" in net
    first = next(k for k, line in enumerate(lines) if "Income from continuing" in line)
    assert "234" in lines[first] and "200" in lines[first]  # figures on the label's first line
    assert label not in lines[first] and "earnings" in lines[first + 1]  # folded at 56


@pytest.mark.parametrize("command", ["check", "extract", "report", "fetch", "batch"])
def test_every_command_documents_an_example(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0
    assert "Examples:" in out and f"tieout {command}" in out


def test_html_report_escapes_filing_text(tmp_path: Path) -> None:
    path = tmp_path / "hostile.txt"
    path.write_text(CLEAN.replace("Cost of sales ", "<script>x</script>"))
    out = tmp_path / "report.html"
    code, _, err = run("report", str(path), "-o", str(out))
    assert code == 0 and f"wrote {out}" in err
    page = out.read_text()
    assert "<script>x" not in page and page.count("<script") == 2  # its data and its own
    assert "&lt;script&gt;x&lt;/script&gt;" in page
    assert "Content-Security-Policy" in page
    assert 'class="fig t-verified"' in page  # the gross profit sum holds


def test_html_report_of_the_example_shows_the_wrong_figure(tmp_path: Path) -> None:
    out = tmp_path / "example.html"
    code, _, _ = run("report", str(EXAMPLE), "-o", str(out))
    assert code == 1
    page = out.read_text()
    assert "wrong-figure" in page
    assert 'class="fig t-error sev-error" id="r0c1-' in page and ">2,264</span>" in page


def test_debug_tables_shows_the_drafts_and_what_the_assembler_made_of_them() -> None:
    code, out, _ = run("check", "--no-tables", "--debug-tables", str(EXAMPLE))
    assert code == 1
    assert "column 3 [" in out and "SIX MONTHS ENDED JUNE 30, 2024' -> 6m to 2024-06-30" in out
    lines = out.splitlines()
    sales = next(line for line in lines if "Net sales" in line)
    assert sales.split("|")[0].split()[1:] == ["I0", "USD"] and "$ 48,215" in sales
    income = next(line for line in lines if " Net income " in line and "T1" in line)
    assert "$  2,117" in income
    assert any(set(line.split("|")[-1].strip()) == {"="} for line in lines)  # a double rule


def test_debug_tables_shows_html_tables_the_same_way(tmp_path: Path) -> None:
    page = tmp_path / "release.htm"
    page.write_text(
        "<html><body><p>Quill Corp reported results.</p><table>"
        "<tr><td></td><td>Three Months Ended June 30, 2024</td></tr>"
        "<tr><td>(in thousands)</td><td></td></tr>"
        "<tr><td>Net sales</td><td>$ 1,200</td></tr>"
        "<tr><td>Cost of sales</td><td>700</td></tr>"
        "<tr><td>Gross profit</td><td>500</td></tr></table></body></html>"
    )
    code, out, _ = run("check", "--no-tables", "--debug-tables", str(page))
    assert code == 0
    assert "[html]" in out and "scale 1000 from '(in thousands)'" in out
    assert "'Three Months Ended June 30, 2024' -> 3m to 2024-06-30" in out
    gross = next(line for line in out.splitlines() if "Gross profit" in line)
    assert gross.split("|")[0].split()[1:] == ["I0", "USD"] and gross.rstrip().endswith("500")


def test_library_facts_are_typed_and_exact() -> None:
    from decimal import Decimal

    import tieout

    release = tieout.read(str(EXAMPLE))
    facts = release.facts
    assert facts.num_rows == 94
    assert str(facts.schema.field("value").type) == "decimal128(38, 10)"
    first = facts.slice(0, 1).to_pylist()[0]
    assert first["value"] == Decimal(48215000) and first["row_label"] == "Net sales"
    assert "&lt;" not in release._repr_html_()[:200] and "Industrial Seals" in release._repr_html_()
