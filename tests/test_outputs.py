"""Outputs a new user meets: whose figures the CSV holds, tables numbered alike everywhere,
the figures view in the export, numbers never cut in a query, a progress bar in 80 columns."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import duckdb
from click.testing import CliRunner, Result
from rich.console import Console

from test_store_support import submission
from tieout.cli import main
from tieout.cli.batch import _progress

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "harbor-valve_2024q2.txt"


def run(*args: str) -> Result:
    return CliRunner(mix_stderr=False).invoke(main, list(args))


def _quill(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "quill_2024q2.txt"
    path.write_text(
        submission(
            "Quillfeather Instruments Inc",
            "0009999991",
            date(2024, 7, 30),
            date(2024, 6, 30),
            [(3, 2024, 5000, 3000), (3, 2023, 4800, 2900)],
        )  # fmt: skip
    )
    return path


def test_the_extract_csv_says_whose_figures_they_are(tmp_path: Path) -> None:
    result = run("extract", "--format", "csv", str(_quill(tmp_path)))
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    first = rows[0]
    assert {k: first[k] for k in ("company", "cik", "accession_number", "filed")} == {
        "company": "QUILLFEATHER INSTRUMENTS INC",
        "cik": "0009999991",
        "accession_number": "0009999999-24-000001",
        "filed": "2024-07-30",
    }
    assert (first["period_of_report"], first["period_end"], first["months"]) == (
        "2024-06-30",
        "2024-06-30",
        "3",
    )
    assert first["table"] == "1"


def test_tables_are_numbered_from_1_in_every_output(tmp_path: Path) -> None:
    text = run("check", str(EXAMPLE)).stdout
    printed = {int(line.split()[1]) for line in text.splitlines() if line.startswith("Table ")}
    data = json.loads(run("check", "--format", "json", str(EXAMPLE)).stdout)
    in_json = {t["table"] for t in data["tables"]}
    in_relations = {r["total"]["table"] for r in data["relations"]}
    in_relations |= {i["table"] for r in data["relations"] for i in r["items"]}
    in_claims = {c["tied_to"]["table"] for c in data["claims"] if c["tied_to"]}
    rows = csv.DictReader(io.StringIO(run("extract", "--format", "csv", str(EXAMPLE)).stdout))
    in_csv = {int(r["table"]) for r in rows}
    db = tmp_path / "s.duckdb"
    assert run("batch", str(EXAMPLE), "--db", str(db), "-j", "1").exit_code == 0
    con = duckdb.connect(str(db), read_only=True)
    in_store = {n for (n,) in con.execute("SELECT table_no FROM tables").fetchall()}
    in_figures = {n for (n,) in con.execute("SELECT DISTINCT table_no FROM figures").fetchall()}
    in_terms = {n for (n,) in con.execute("SELECT table_no FROM terms").fetchall()}
    con.close()
    assert printed == in_json == in_csv == in_store == in_figures == {1, 2}
    assert in_relations <= {1, 2} and in_claims <= {1, 2} and in_terms <= {1, 2}


def test_export_includes_the_figures_view(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    assert run("batch", str(_quill(tmp_path / "in")), "--db", str(db), "-j", "1").exit_code == 0
    out = tmp_path / "parquet"
    result = run("export", "--db", str(db), "--parquet", str(out))
    assert result.exit_code == 0, result.stderr
    figures = duckdb.sql(
        f"SELECT company, concept, value FROM read_parquet('{out}/figures/**/*.parquet', "
        "hive_partitioning = true) WHERE year = 2024 AND concept = 'Revenue' ORDER BY value"
    ).fetchall()
    assert [(c, k, str(v)) for c, k, v in figures] == [
        ("QUILLFEATHER INSTRUMENTS INC", "Revenue", "4800000.0000000000"),
        ("QUILLFEATHER INSTRUMENTS INC", "Revenue", "5000000.0000000000"),
    ]
    names = duckdb.sql(f"SELECT cik, names FROM read_parquet('{out}/companies.parquet')").fetchall()
    assert names == [("0009999991", ["QUILLFEATHER INSTRUMENTS INC"])]


def test_query_never_cuts_a_number(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    assert run("batch", str(_quill(tmp_path / "in")), "--db", str(db), "-j", "1").exit_code == 0
    sql = (
        "SELECT path, company, row_label, column_label, "
        "CAST(1195750000.123456789 AS DECIMAL(38, 10)) AS value, "
        "CAST(-98765432109876 AS BIGINT) AS big, repeat('long words ', 12) AS note "
        "FROM figures LIMIT 2"
    )
    result = run("query", sql, "--db", str(db))  # not a terminal: 80 columns
    assert result.exit_code == 0, result.stderr
    assert result.stdout.count("1195750000.123456789") == 2
    assert result.stdout.count("-98765432109876") == 2
    assert "…" not in result.stdout


def test_the_progress_bar_fits_80_columns(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    _quill(folder)
    (folder / "example.txt").write_bytes(EXAMPLE.read_bytes())
    result = run("batch", str(folder), "--db", str(tmp_path / "s.duckdb"), "-j", "1", "--progress")
    bar = result.stderr.splitlines()[0]
    assert len(bar) <= 80 and "…" not in bar
    assert "2/2 2 stored 0 skipped 0 failed" in bar

    # a long batch: counts in thousands still fit, the bar shrinking to make room
    for total, done, stored, skipped, failed in ((100_000, 54_321, 50_000, 4_000, 321),
                                                 (2_000_000, 543_210, 500_000, 40_000, 3_210)):  # fmt: skip
        out = io.StringIO()
        now = [0.0]
        console = Console(file=out, width=80, force_terminal=True, color_system=None)
        progress = _progress(console, clock=lambda now=now: now[0])
        task = progress.add_task("tieout batch", total=total, stored=0, skipped=0, failed=0)
        for step in range(1, 11):
            now[0] += 1.0
            progress.update(task, completed=done * step // 10, stored=stored * step // 10,
                            skipped=skipped * step // 10, failed=failed * step // 10)  # fmt: skip
        console.print(progress.make_tasks_table(progress.tasks))
        (line,) = out.getvalue().splitlines()
        assert len(line) <= 80 and "…" not in line, line
        assert " stored " in line and " failed " in line and line.endswith(" left")
