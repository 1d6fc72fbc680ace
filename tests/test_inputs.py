"""Inputs a new user meets: UTF-16 releases, truncated files, a folder given to ``check``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from edgar_server import submission
from tieout.cli import main
from tieout.errors import UnreadableInput
from tieout.model import Release, Severity
from tieout.pipeline import read

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "harbor-valve_2024q2.txt"


def run(*args: str) -> Result:
    return CliRunner(mix_stderr=False).invoke(main, list(args))


def alarms(release: Release) -> set[tuple[str, int, str]]:
    """Errors and warnings as (code, line, message)."""
    return {
        (f.code, f.line, f.message)
        for f in release.findings
        if f.severity in (Severity.ERROR, Severity.WARNING)
    }


def outline(release: Release) -> list[tuple[str, int, str | None, int | None]]:
    return [
        (f.code, f.line, f.message, f.evidence[0].start if f.evidence else None)
        for f in release.findings
    ]


# --- encodings ------------------------------------------------------------------------


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-8-sig"])
def test_a_release_with_a_byte_order_mark_reads_like_its_utf8(codec: str) -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    data = text.encode(codec)
    if codec in ("utf-16-le", "utf-16-be"):
        data = "\ufeff".encode(codec) + data  # the mark in that byte order
    release = read(data, name="wide.txt")
    assert outline(release) == outline(read(text.encode(), name="wide.txt"))
    assert release.tables[0].rows[0].cells == read(text.encode(), name="x").tables[0].rows[0].cells


def test_utf16_without_a_mark_reads_when_asked_for(tmp_path: Path) -> None:
    path = tmp_path / "be.txt"
    path.write_bytes(EXAMPLE.read_text(encoding="utf-8").encode("utf-16-be"))
    result = run("check", "--no-tables", str(path))
    assert result.exit_code == 2 and "binary data" in result.stderr  # as bytes, it has NULs
    result = run("check", "--no-tables", "--encoding", "utf-16-be", str(path))
    assert result.exit_code == 1, result.stderr  # the example's deliberate error
    assert "error wrong-figure" in result.stdout
    # UTF-16 that hides binary data is still refused, by the characters it decodes to
    (tmp_path / "bin.txt").write_bytes(("\ufeff" + "\x01\x02\x00" * 400).encode("utf-16-le"))
    assert "binary data" in run("check", str(tmp_path / "bin.txt")).stderr


# --- truncated input ------------------------------------------------------------------

HTML = """<html><body>
<p>Acme Corp reported net sales of $33.0 million for the quarter, compared to $32.4 million.</p>
<p>(In thousands)</p>
<table>
<tr><td></td><td>2024</td><td>2023</td></tr>
<tr><td>Net sales</td><td>33,006</td><td>32,383</td></tr>
<tr><td>Cost of sales</td><td>28,931</td><td>28,653</td></tr>
<tr><td>Gross profit</td><td>4,075</td><td>3,730</td></tr>
</table>
<p>SEGMENT RESULTS</p>
<table>
<tr><td></td><td>2024</td><td>2023</td></tr>
<tr><td>Valves</td><td>20,000</td><td>19,000</td></tr>
<tr><td>Seals</td><td>13,006</td><td>13,383</td></tr>
<tr><td>Total</td><td>33,006</td><td>32,383</td></tr>
</table>
</body></html>
"""


def test_html_cut_mid_table_drops_that_table_and_warns() -> None:
    whole = read(HTML.encode(), name="acme.htm")
    assert len(whole.tables) == 2 and not alarms(whole)
    cut = HTML[: HTML.index("<td>Seals")]  # inside the second table, before its total
    release = read(cut.encode(), name="acme.htm")
    assert len(release.tables) == 1 and release.tables[0].rows[-1].label == "Gross profit"
    (warning,) = [f for f in release.findings if f.code == "truncated-input"]
    assert warning.severity is Severity.WARNING
    assert "it ends inside a table (no </table>)" in warning.message
    assert 'its last table "SEGMENT RESULTS" (lines 11-13)' in warning.message
    assert alarms(release) == {(warning.code, warning.line, warning.message)}


def _cut_submission(fraction: float) -> bytes:
    body = EXAMPLE.read_text(encoding="utf-8")
    data = submission("0009999990-24-000001", 9999990, "HARBOR VALVE CORP", "8-K",
                      __import__("datetime").date(2024, 7, 30), body)  # fmt: skip
    return data[: int(len(data) * fraction)]


def test_a_submission_cut_short_says_so_and_keeps_what_is_whole() -> None:
    whole = read(_cut_submission(1.0), name="hv.txt")
    assert not any(f.code == "truncated-input" for f in whole.findings)
    release = read(_cut_submission(0.8), name="hv.txt")
    codes = [f.code for f in release.findings if f.severity is not Severity.INFO]
    assert codes.count("truncated-input") == 1
    (warning,) = [f for f in release.findings if f.code == "truncated-input"]
    assert "it ends inside document 2 (EX-99.1), with no </DOCUMENT>" in warning.message
    assert alarms(release) - {(warning.code, warning.line, warning.message)} <= alarms(whole)


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("name", "fraction"),
    [
        ("submissions/sears_2004q2.txt", 0.7),
        ("submissions/oracle_2022q4.txt", 0.5),
        ("submissions/caterpillar_2022q1.txt", 0.5),
        ("submissions/southern-co_2006q4.txt", 0.9),
        ("exhibits/wells-fargo_2021q4_ex99-1.htm", 0.5),
    ],
)
def test_a_truncated_corpus_file_raises_no_alarm_the_whole_does_not(
    corpus_dir: Path, name: str, fraction: float
) -> None:
    data = (corpus_dir / name).read_bytes()
    whole = read(data, name=name)
    cut = read(data[: int(len(data) * fraction)], name=name)
    warnings = [f for f in cut.findings if f.code == "truncated-input"]
    assert len(warnings) == 1 and warnings[0].severity is Severity.WARNING
    new = alarms(cut) - alarms(whole) - {("truncated-input", warnings[0].line, warnings[0].message)}
    assert new == set()
    assert not any(f.code == "check-crashed" for f in cut.findings)
    assert [t.index for t in cut.tables] == list(range(len(cut.tables)))


@pytest.mark.corpus
def test_half_a_sears_submission_is_no_longer_ten_false_errors(
    corpus_dir: Path, tmp_path: Path
) -> None:
    data = (corpus_dir / "submissions/sears_2004q2.txt").read_bytes()
    half = tmp_path / "sears_half.txt"
    half.write_bytes(data[: len(data) // 2])
    result = run("check", "--no-tables", str(half))
    # the file ends inside the only table before the cut: nothing whole to check
    assert result.exit_code == 2
    assert result.stderr == (
        f"tieout: {half}: cut short (it ends inside document 2 (EX-99), with no </DOCUMENT>) "
        "before any whole table of figures\n"
    )
    with pytest.raises(UnreadableInput):
        read(half)


@pytest.mark.corpus
def test_half_an_oracle_release_warns(corpus_dir: Path, tmp_path: Path) -> None:
    data = (corpus_dir / "submissions/oracle_2022q4.txt").read_bytes()
    half = tmp_path / "oracle_half.txt"
    half.write_bytes(data[: len(data) // 2])
    result = run("check", "--format", "json", str(half))
    assert result.exit_code == 0
    findings = json.loads(result.stdout)["findings"]
    (warning,) = [f for f in findings if f["code"] == "truncated-input"]
    assert warning["severity"] == "warning" and "its last table" in warning["message"]
    assert not [f for f in findings if f["severity"] == "error"]


# --- a folder given to check ----------------------------------------------------------


def test_check_a_folder(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "README.md").write_text("notes\n")
    result = run("check", str(empty))
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"tieout: {empty}: a folder with no release files (.txt, .htm or .html) in it\n"
    )
    folder = tmp_path / "releases"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "harbor.txt").write_bytes(EXAMPLE.read_bytes())
    (folder / "acme.htm").write_text(HTML)
    (folder / "MANIFEST.tsv").write_text("file\tcompany\n")
    result = run("check", "--format", "json", str(folder))
    assert result.exit_code == 1  # the example's deliberate error
    files = [json.loads(line)["file"] for line in result.stdout.splitlines()]
    assert files == [str(folder / "acme.htm"), str(folder / "sub" / "harbor.txt")]
