"""Claims of real releases and of the bundled example: every figure of the prose tied.

The reference release's prose holds 30 figures, every one of which ties to its cell.
Changing one of them in memory (a percent, an amount, a sign word, a direction) must
give exactly one error, on that line, and change nothing else.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from tieout.model import ClaimKind, ClaimStatus, Release, Severity
from tieout.pipeline import read
from tieout.vocabulary import Concept

REPO = Path(__file__).resolve().parent.parent
TIED = (ClaimStatus.TIES, ClaimStatus.ROUNDING)


@pytest.fixture(scope="module")
def reference_bytes(corpus_dir: Path) -> bytes:
    return (corpus_dir / "lexington-precision_2004q1.txt").read_bytes()


@pytest.fixture(scope="module")
def reference(reference_bytes: bytes) -> Release:
    return read(reference_bytes, name="lexington-precision_2004q1.txt")


def _findings(release: Release) -> set[tuple[str, Severity, int]]:
    return {(f.code, f.severity, f.line) for f in release.findings}


@pytest.mark.corpus
def test_the_reference_prose_has_thirty_claims_all_tied(reference: Release) -> None:
    claims = reference.claims
    assert len(claims) == 30
    assert all(c.status in TIED for c in claims), [c.text for c in claims if c.status not in TIED]
    kinds = Counter(c.kind for c in claims)
    assert kinds == {ClaimKind.LEVEL: 25, ClaimKind.PERCENT_CHANGE: 5}
    assert sum(1 for c in claims if c.value < 0) == 13  # losses, negative EBITDA, decreases
    per_share = [c.value for c in claims if c.concept is Concept.EarningsPerShare]
    assert per_share == [Decimal("-0.03"), Decimal("-0.04")]
    segments = Counter(c.segment for c in claims)
    assert segments == {None: 14, "Rubber Group": 6, "Metals Group": 6, "Corporate Office": 4}
    assert not [f for f in reference.findings if f.code.startswith("claim-")]


@pytest.mark.corpus
def test_the_reference_prose_ties_each_claim_to_its_cell(reference: Release) -> None:
    by_text = {c.text: c for c in reference.claims}
    rubber = by_text["$27,803,000"]
    assert [reference.row(r.table, r.row).line for r in rubber.tied_to] == [177]
    four = next(c for c in reference.claims if c.text == "4%")
    assert [reference.cell(r).value for r in four.tied_to] == [  # type: ignore[union-attr]
        Decimal(27803000),
        Decimal(26722000),
    ]
    assert four.expected == Decimal("4.05")
    positive = by_text["positive $304,000"]
    (ref,) = positive.tied_to
    assert reference.cell(ref).raw.strip() == "304)"  # type: ignore[union-attr]


MUTATIONS = [
    ("an increase of 2%", "an increase of 3%", 13),
    # 4% is the Rubber Group's change (26,722 -> 27,803): net sales of the whole company
    # must not tie it.
    ("an increase of 2%", "an increase of 4%", 13),
    ("increased by 4%", "increased by 5%", 14),
    ("$27,803,000", "$27,903,000", 14),
    ("decreased by 8%", "increased by 8%", 15),
    ("$5,203,000", "$5,302,000", 15),
    ("a net loss of $169,000", "net income of $169,000", 9),
    ("3 cents", "4 cents", 8),
    ("a loss from operations of $960,000", "income from operations of $960,000", 21),
    ("increased to $3,542,000", "decreased to $3,542,000", 19),
    ("$75,000", "$57,000", 28),
    ("a decrease of 2%", "an increase of 2%", 32),
    ("13%", "31%", 33),
    ("negative $409,000", "positive $409,000", 34),
    ("positive $304,000", "negative $304,000", 35),
    ("negative $566,000", "negative $556,000", 36),
    ("$33,006,000", "$33.1 million", 12),
]


@pytest.mark.corpus
@pytest.mark.parametrize(("old", "new", "line"), MUTATIONS, ids=[m[1] for m in MUTATIONS])
def test_one_changed_figure_gives_one_error_on_its_line(
    reference: Release, reference_bytes: bytes, old: str, new: str, line: int
) -> None:
    text = reference_bytes.decode()
    at = text.index(old)
    assert text.count("\n", 0, at) + 1 == line or old.count("\n")
    mutated = read((text[:at] + new + text[at + len(old) :]).encode(), name="mutated.txt")
    added = _findings(mutated) - _findings(reference)
    lost = _findings(reference) - _findings(mutated)
    assert added == {("claim-mismatch", Severity.ERROR, line)}
    assert not lost
    (error,) = mutated.errors
    assert error.line == line
    assert [c.status for c in mutated.claims].count(ClaimStatus.CONTRADICTS) == 1
    assert mutated.relations == reference.relations


def _one_digit_changed(text: str) -> str:
    """The figure with its first significant digit raised by one (9 becomes 1)."""
    at = next(i for i, ch in enumerate(text) if ch.isdigit() and ch != "0")
    return text[:at] + str(int(text[at]) % 9 + 1) + text[at + 1 :]


@pytest.mark.corpus
def test_every_figure_of_the_reference_prose_changed_gives_one_error_on_its_line(
    reference: Release, reference_bytes: bytes
) -> None:
    """Each of the 30 figures, one at a time: exactly one new error, a claim-mismatch, on
    the figure's line, and no finding lost (a changed figure never ties another cell)."""
    text = reference_bytes.decode()
    lines = text.split("\n")
    for claim in reference.claims:
        line = lines[claim.span.line - 1]
        figure = line[claim.span.start : claim.span.end]
        assert any(ch.isdigit() for ch in figure), figure
        changed = lines.copy()
        changed[claim.span.line - 1] = (
            line[: claim.span.start] + _one_digit_changed(figure) + line[claim.span.end :]
        )
        mutated = read("\n".join(changed).encode(), name="mutated.txt")
        added = _findings(mutated) - _findings(reference)
        assert added == {("claim-mismatch", Severity.ERROR, claim.span.line)}, (figure, added)
        assert not _findings(reference) - _findings(mutated), figure


# One wrong figure in the prose of a real release: (file, line, old, new, line of the error,
# what its message names). Each was an untied claim (or a false tie) before claims were
# tied by meaning.
REAL_MUTATIONS = [
    # a quote that names no period: the release's quarter, the only one the table prints
    ("apple_20150127.txt", 277, "30 percent", "37 percent", 277, "57,594 -> 74,599"),
    ("apple_2024q1.txt", 75, "EPS of $2.18", "EPS of $2.16", 75, "Diluted"),
    # non-GAAP wording never ties the GAAP column that prints 26%
    ("oracle_2022q4.txt", 498, "46%", "26%", 498, "Non-GAAP, line 4905) is printed 46%"),
    # GAAP net income of the quarter, not the trailing four quarters' table
    ("oracle_2014q4.txt", 308, "$3.6 billion", "$3.3 billion", 308, "is printed 3,646"),
    # Southern Company's earnings, not Gulf Power's 0 (in millions)
    ("southern-co_2004q4.txt", 420, "million, or 27", "thousand, or 27", 419, "printed 204"),
    # a segment named by the heading above the paragraph
    ("sears_2004q2.txt", 189, "$7.7 billion", "$5.7 billion", 189, "Domestic 2004"),
    # a segment named by the rows of a "Profit by Segment" table
    ("caterpillar_2022q1.txt", 72, "$1.057 billion", "$1.157 billion", 72, "Profit: Constr"),
]


@pytest.mark.corpus
@pytest.mark.parametrize(
    ("name", "line", "old", "new", "at", "named"),
    REAL_MUTATIONS,
    ids=[m[0] for m in REAL_MUTATIONS],
)
def test_a_wrong_figure_in_real_prose_contradicts_its_cell(
    corpus_dir: Path, name: str, line: int, old: str, new: str, at: int, named: str
) -> None:
    data = (corpus_dir / "submissions" / name).read_bytes()
    lines = data.split(b"\n")
    assert lines[line - 1].count(old.encode()) == 1
    clean = read(data, name=name)
    lines[line - 1] = lines[line - 1].replace(old.encode(), new.encode())
    mutated = read(b"\n".join(lines), name=name)
    added = _findings(mutated) - _findings(clean)
    assert added == {("claim-mismatch", Severity.ERROR, at)}
    assert not _findings(clean) - _findings(mutated)
    (message,) = [f.message for f in mutated.errors if f.line == at]
    assert named in message


@pytest.mark.corpus
def test_the_reference_stray_parenthesis_cites_the_prose(reference: Release) -> None:
    (finding,) = [f for f in reference.findings if f.code == "stray-parenthesis"]
    assert '"positive $304,000" (line 35)' in finding.message
    assert 35 in {s.line for s in finding.evidence}


def test_the_example_has_one_prose_error_and_ties_the_rest() -> None:
    release = read(REPO / "examples" / "harbor-valve_2024q2.txt")
    contradicting = [c for c in release.claims if c.status is ClaimStatus.CONTRADICTS]
    assert [(c.text, c.span.line, c.segment) for c in contradicting] == [
        ("4%", 16, "Industrial Seals")
    ]
    (claim,) = contradicting
    assert claim.expected == Decimal("3.48")
    assert all(c.status in TIED for c in release.claims if c is not claim)
    assert len(release.claims) == 28
    prose_errors = [f for f in release.errors if f.code == "claim-mismatch"]
    assert [(f.line, f.severity) for f in prose_errors] == [(16, Severity.ERROR)]
    assert "16,017 -> 16,575" in prose_errors[0].message
    assert "rounds to +3%" in prose_errors[0].message


def test_the_example_corrected_ties_entirely() -> None:
    text = (REPO / "examples" / "harbor-valve_2024q2.txt").read_text()
    fixed = text.replace("Seals segment increased by 4%", "Seals segment increased by 3%")
    release = read(fixed.encode(), name="harbor-valve_2024q2.txt")
    assert all(c.status in TIED for c in release.claims)
    assert [f.line for f in release.errors] == [144]  # the table's own error remains


# Contradictions reviewed by hand and found to be the document's own: Southern Company's
# 2006 release says full-year 2005 revenues were "$13.56 billion" while all three of its
# tables print 13,554 (in millions), which is $13.55 billion to the nearest $10 million.
REVIEWED = {("southern-co_2006q4.txt", 719, "$13.56 billion")}
REAL = [
    "sears_2004q2.txt",
    "southern-co_2004q4.txt",
    "southern-co_2006q4.txt",
    "apple_2011q1.txt",
    "apple_20131028.txt",
    "apple_20150127.txt",
    "caterpillar_2022q1.txt",
    "oracle_2014q4.txt",
]


@pytest.mark.corpus
@pytest.mark.parametrize("name", REAL)
def test_real_releases_raise_no_false_prose_errors(corpus_dir: Path, name: str) -> None:
    release = read(corpus_dir / "submissions" / name)
    assert release.claims
    contradicting = {
        (name, c.span.line, c.text) for c in release.claims if c.status is ClaimStatus.CONTRADICTS
    }
    assert contradicting <= REVIEWED
    assert any(c.status in TIED for c in release.claims)
    for claim in release.claims:
        for ref in claim.tied_to:
            assert release.cell(ref) is not None


@pytest.mark.corpus
def test_southern_2006_revenue_figure_that_no_rounding_explains(corpus_dir: Path) -> None:
    release = read(corpus_dir / "submissions" / "southern-co_2006q4.txt")  # its prose is HTML
    errors = [f for f in release.errors if f.code == "claim-mismatch"]
    assert [(f.line, f.actual, f.expected) for f in errors] == [
        (719, Decimal("13560000000"), Decimal("13554000000"))
    ]
