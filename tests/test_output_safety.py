"""Text from a filing never drives the terminal: control characters are shown escaped
in every text output, and JSON lines stay one line for readers that split on U+2028."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
from click.testing import CliRunner

from tieout.cli import main
from tieout.report.safe import json_line, one_line, printable
from tieout.store.batch import Options, run

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "harbor-valve_2024q2.txt"
ROW = "Net sales                               $ 48,215"
# Set the window title, clear the screen, plant a link, an 8-bit CSI, a right-to-left
# override, and the separators that split JSON lines.
HOSTILE = (
    "Net \x1b]0;pwned\x07sales\x1b[2J\x1b]8;;http://evil.example/\x1b\\\\here\x1b]8;;\x1b\\\\"
    "\x9b2J\u202e\u2028\x85"
)
RAW = ("\x1b", "\x07", "\x9b", "\u202e", "\u2028", "\x85")


def _hostile_release(tmp_path: Path) -> Path:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert ROW in text
    path = tmp_path / "hostile.txt"
    path.write_text(text.replace(ROW, HOSTILE + ROW[len("Net sales") :], 1), encoding="utf-8")
    return path


def test_printable_escapes_controls_and_keeps_text() -> None:
    assert printable("a\x1b]0;t\x07b") == "a\\x1b]0;t\\x07b"
    assert printable("tab\there\nline ✓ é ₹") == "tab\there\nline ✓ é ₹"
    assert printable("\x9b\u202e\u2028\x7f") == "\\x9b\\u202e\\u2028\\x7f"
    assert one_line("two\nlines\t") == "two\\x0alines\\x09"
    line = json_line({"label": "a\u2028b\x85c\x1bd é"})
    assert "\u2028" not in line and "\x85" not in line and "\x1b" not in line and "é" in line
    assert json.loads(line) == {"label": "a\u2028b\x85c\x1bd é"}


def test_check_report_shows_escapes_instead_of_obeying_them(tmp_path: Path) -> None:
    path = _hostile_release(tmp_path)
    runner = CliRunner(mix_stderr=False)
    for extra in ([], ["--debug-tables"]):
        result = runner.invoke(main, ["check", *extra, str(path)])
        assert result.exit_code in (0, 1), result.stderr
        for char in RAW:
            assert char not in result.stdout, (extra, repr(char))
        assert "\\x1b]0;pwned" in result.stdout  # shown (folded in a narrow column)


def test_check_json_lines_are_one_line_each_and_exact(tmp_path: Path) -> None:
    path = _hostile_release(tmp_path)
    result = CliRunner(mix_stderr=False).invoke(
        main, ["check", "--format", "json", str(path), str(EXAMPLE)]
    )
    assert result.exit_code == 1, result.stderr
    lines = result.stdout.splitlines()  # splits on U+2028 and U+0085 too
    assert len(lines) == 2
    data = json.loads(lines[0])
    labels = [row["label"] for table in data["tables"] for row in table["rows"]]
    assert any(label.startswith("Net \x1b]0;pwned\x07sales") for label in labels)


def test_query_and_batch_messages_escape_filing_text(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    path = _hostile_release(folder)
    (folder / "bad\x1b[2Jname.txt").write_bytes(b"")  # a hostile file name, empty
    db = tmp_path / "s.duckdb"
    summary = run([str(folder)], str(db), Options(jobs=1))
    assert (summary.stored, summary.failed) == (1, 1)
    con = duckdb.connect(str(db), read_only=True)
    stored = con.execute("SELECT count(*) FROM rows WHERE label LIKE 'Net %pwned%'").fetchall()
    con.close()
    assert stored == [(1,)]  # the store keeps the text as it was printed
    runner = CliRunner(mix_stderr=False)
    sql = "SELECT row_label FROM figures WHERE row_label LIKE 'Net %' ORDER BY 1"
    for fmt in ("table", "csv"):
        result = runner.invoke(main, ["query", sql, "--db", str(db), "-f", fmt])
        assert result.exit_code == 0, result.stderr
        for char in RAW:
            assert char not in result.stdout, (fmt, repr(char))
        assert "\\x1b]0;pwned" in result.stdout
    result = runner.invoke(main, ["query", sql, "--db", str(db), "-f", "json"])
    assert json.loads(result.stdout)[0]["row_label"].startswith("Net \x1b]0;pwned")
    result = runner.invoke(
        main, ["batch", str(folder), "--db", str(tmp_path / "t.duckdb"), "-j", "1"]
    )
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert "bad\\x1b[2Jname.txt: empty file" in result.stderr
    result = runner.invoke(main, ["check", str(folder / "bad\x1b[2Jname.txt"), str(path)])
    assert "\x1b" not in result.stderr and "bad\\x1b[2Jname.txt: empty file" in result.stderr
