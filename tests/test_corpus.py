"""Every real release in ../shared/corpus runs, and raises no error we have not reviewed."""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import pytest

from golden import CORPUS
from tieout.model import Release, Severity
from tieout.pipeline import read

pytestmark = pytest.mark.corpus

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench import reviewed  # noqa: E402  (the one list of judged defects, bench/reviewed.toml)

from golden import manifest  # noqa: E402


def _names() -> list[str]:
    """Every release MANIFEST.tsv lists, in every folder (empty when the corpus is missing)."""
    return manifest() if (CORPUS / "MANIFEST.tsv").is_file() else []


def test_corpus_is_there(corpus_dir: Path) -> None:
    assert len(_names()) >= 37


def _digits(text: str) -> str:
    return re.sub(r"\D", "", html.unescape(re.sub(r"<[^>]*>", "", text)))


def _off_their_figures(release: Release, path: Path) -> list[str]:
    """The figures whose span does not show them: a table figure's span holds its digits
    (markup between them aside), a prose figure's span begins with its digits (a figure
    wrapped onto the next line is cut at the line's end)."""
    lines = path.read_bytes().decode("utf-8", "replace").split("\n")
    off = []
    for table in release.tables:
        for row in table.rows:
            for cell in row.cells:
                if cell is None:
                    continue
                shown = lines[cell.span.line - 1][cell.span.start : cell.span.end]
                if _digits(shown) != _digits(cell.raw):
                    off.append(f"line {cell.span.line}: {cell.raw!r} shown as {shown[:60]!r}")
    for claim in release.claims:
        shown = lines[claim.span.line - 1][claim.span.start : claim.span.end]
        if not _digits(shown) or not _digits(claim.text).startswith(_digits(shown)):
            off.append(f"line {claim.span.line}: {claim.text!r} shown as {shown[:60]!r}")
    return off


@pytest.mark.parametrize("name", _names() or ["(corpus missing)"])
def test_release_raises_no_alarm_but_its_reviewed_defects(corpus_dir: Path, name: str) -> None:
    """Every error and warning on a real release is a defect of the document that a person
    judged, with its arithmetic, in bench/reviewed.toml; anything else is a false alarm.
    And every figure, of the tables and of the prose, points at its place in the file."""
    release = read(corpus_dir / name)
    off = _off_their_figures(release, corpus_dir / name)
    assert not off, off[:5]
    crashed = [f for f in release.findings if f.code.endswith("-crashed")]
    assert not crashed, crashed
    judged = reviewed.load()
    alarms = [
        {
            "file": name,
            "line": f.line,
            "col": f.evidence[0].start if f.evidence else None,
            "code": f.code,
            "message": f.message,
        }
        for f in release.findings
        if f.severity is not Severity.INFO
    ]
    false = [a for a in alarms if reviewed.judged(a, judged) is None]
    assert not false, [a["message"][:200] for a in false]
    mine = [e for e in judged if e["file"] == name and not reviewed.across(e)]
    lost = [e for e in mine if not reviewed.found(e, alarms)]
    assert not lost, lost


def test_releases_of_one_company_agree_but_reviewed_defects(corpus_dir: Path) -> None:
    """What the batch's check across releases reports (a comparative against its first
    print) on the corpus's companies of several releases is a defect judged in
    bench/reviewed.toml (``across = true``), and every such defect is still found."""
    from bench.across import corpus_alarms

    names = _names()
    companies, alarms = corpus_alarms(corpus_dir, names)
    assert companies >= 3  # Apple's sixteen consecutive releases, Southern Co, Oracle
    judged = [e for e in reviewed.load() if reviewed.across(e)]
    false = [a for a in alarms if reviewed.judged(a, judged) is None]
    assert not false, [a["message"][:200] for a in false]
    lost = [e for e in judged if not reviewed.found(e, alarms)]
    assert not lost, lost


def test_text_releases_give_tables_and_verified_relations(corpus_dir: Path) -> None:
    for name, tables, relations in (
        ("submissions/sears_2004q2.txt", 10, 80),
        ("submissions/southern-co_2004q4.txt", 5, 90),
        ("submissions/southern-co_2006q4.txt", 7, 90),
    ):
        release = read(corpus_dir / name)
        assert len(release.tables) >= tables, name
        assert sum(1 for r in release.relations if r.holds) >= relations, name


# HTML releases: at least this many tables and relations that hold (floors, so a change
# that loses tables or breaks a reading fails here first).
_HTML_FLOORS = (
    ("apple_2004q3.txt", 6, 85),
    ("apple_2011q1.txt", 5, 70),
    ("apple_20140127.txt", 5, 50),
    ("apple_20150427.txt", 5, 45),
    ("apple_2024q1.txt", 3, 22),
    ("caterpillar_2022q1.txt", 26, 320),
    ("oracle_2014q4.txt", 13, 160),
    ("oracle_2022q4.txt", 12, 100),
)


@pytest.mark.parametrize(("name", "tables", "relations"), _HTML_FLOORS)
def test_html_releases_give_tables_and_verified_relations(
    corpus_dir: Path, name: str, tables: int, relations: int
) -> None:
    release = read(corpus_dir / "submissions" / name)
    assert any(d.format == "html" for d in release.documents)
    assert len(release.tables) >= tables
    assert sum(1 for r in release.relations if r.holds) >= relations
    assert not [f for f in release.findings if f.code == "html-not-read"]
