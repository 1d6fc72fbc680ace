"""``release_json`` writes exactly the text of ``json.dumps(release_data(release))``.

The JSON of ``tieout check --format json`` is written directly for the tables' rows
and the relations (no dict per figure); it must be the very text ``json.dumps`` makes of
``release_data``, with either ``ensure_ascii``, on every release (``test_golden.py``
asserts it on the corpus as it reads each release) and on text no release printed:
quotes, backslashes, control characters, separators, non-ASCII, numbers with
exponents and negative zero, flags, readings, offsets.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from decimal import Decimal
from json.encoder import encode_basestring, encode_basestring_ascii
from pathlib import Path

from tieout.model import (
    Cell,
    CellFlag,
    Claim,
    ClaimKind,
    ClaimStatus,
    ClaimTrait,
    Column,
    Evaluation,
    Finding,
    FindingCode,
    Period,
    Relation,
    Release,
    Row,
    Severity,
    Span,
    Term,
    Unit,
)
from tieout.pipeline import read
from tieout.report.safe import json_line, json_safe
from tieout.report.serialise import finding_data, release_data, release_json, summary

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "harbor-valve_2024q2.txt"
TRAITS: tuple[ClaimTrait, ...] = tuple(ClaimTrait.__members__.values())
FLAGS = (CellFlag.PARENTHESISED, CellFlag.DOLLAR)  # written sorted: dollar, parenthesised
ODD = 'a "quoted" \\ back\x00\x1b[2J\x7f\x85\u2028\u202e é ₹ 𝄞 \t\n'


def assert_same_json(release: Release) -> None:
    """``release_json`` is ``json.dumps(release_data(...))`` with both ``ensure_ascii``."""
    for ascii_only in (True, False):
        expected = json.dumps(release_data(release), ensure_ascii=ascii_only)
        written = release_json(release, ensure_ascii=ascii_only)
        if written != expected:
            at = next(
                (i for i, (a, b) in enumerate(zip(written, expected, strict=False)) if a != b),
                min(len(written), len(expected)),
            )
            raise AssertionError(
                f"{release.source.path} (ensure_ascii={ascii_only}) differs at {at}:\n"
                f"  written  {written[at - 60 : at + 60]!r}\n  expected {expected[at - 60 : at + 60]!r}"
            )


def _odd_row(row: Row, k: int) -> Row:
    """A row whose every text is odd and whose figures carry every optional part."""
    cells: list[Cell | None] = []
    for j, cell in enumerate(row.cells):
        if cell is None:
            cells.append(None)
            continue
        span = cell.span
        cells.append(
            replace(
                cell,
                raw=f" {ODD}{j} ",
                value=(Decimal("1E+3"), Decimal("-0"), Decimal("-0.00"), cell.value)[(j + k) % 4],
                precision=(Decimal("0.010"), Decimal("1E-2"), cell.precision)[(j + k) % 3],
                span=Span(span.line, span.start, span.end, offset=None if k % 2 else 7 + j),
                flags=frozenset(FLAGS[: (j + k) % 3]),
                readings=(cell.value, -cell.value) if (j + k) % 2 else (cell.value,),
            )
        )
    return replace(
        row,
        label=f"{ODD}{k}",
        concept=None if k % 3 == 0 else f"{ODD}concept",
        section=None if k % 3 == 1 else f"{ODD}section",
        cells=tuple(cells),
    )


def _odd_evaluation(ev: Evaluation, k: int) -> Evaluation:
    """An evaluation with an odd label and numbers written with exponents and zeros."""
    return replace(
        ev,
        label=f"{ODD}{k}",
        expected=(Decimal("1.50E+6"), Decimal("0E-7"), ev.expected)[k % 3],
        actual=(Decimal("12.3400"), ev.actual)[k % 2],
        difference=(Decimal("-0.000"), Decimal("-1E+2"))[k % 2],
        holds=bool(k % 2),
    )


def _odd_claim(claim: Claim, k: int) -> Claim:
    """A claim whose every text is odd, with or without each optional part."""
    period = (None, Period(None, 3), claim.period)[k % 3]
    return replace(
        claim,
        text=f"{ODD}{k}",
        sentence=f"{ODD}{k // 2}",  # two claims share a sentence
        subject=ODD,
        concept=None if k % 2 else ODD,
        segment=ODD if k % 2 else None,
        value=(Decimal("1E+3"), Decimal("-0.00"), claim.value)[k % 3],
        precision=(Decimal("0.010"), claim.precision)[k % 2],
        period=period,
        period_text=ODD,
        qualifiers=((), (ODD, "approximately"))[k % 2],
        tied_to=claim.tied_to if k % 3 else (),
        expected=(None, Decimal("-1E+2"), claim.expected)[k % 3],
        traits=frozenset(TRAITS[: k % 4]),
        unit=tuple(Unit)[k % len(Unit)],
        kind=tuple(ClaimKind)[k % len(ClaimKind)],
        status=tuple(ClaimStatus)[k % len(ClaimStatus)],
    )


def _odd_column(column: Column, k: int) -> Column:
    """A column with an odd label and segment (or none), with no period, an instant, a
    period of weeks or its own by turns, a unit of its own or none, a change or not."""
    periods = (None, Period(date(2024, 6, 30), None, instant=True), Period(None, 3, weeks=13))
    return replace(
        column,
        label=f"{ODD}{k}",
        period=(*periods, column.period)[k % 4],
        segment=None if k % 2 else f"{ODD}segment",
        unit=(None, Unit.PERCENT, Unit.USD)[k % 3],
        change=bool(k % 2),
    )


def _odd(release: Release) -> Release:
    tables = tuple(
        replace(
            t,
            title=f"{ODD}title",
            exhibit=None if n % 2 else f"{ODD}exhibit",
            scale=(Decimal("1E+3"), Decimal("1000.00"), t.scale)[n % 3],
            scale_text=f"{ODD}scale",
            currency=f"{ODD}currency",
            columns=tuple(_odd_column(c, n + j) for j, c in enumerate(t.columns)),
            rows=tuple(_odd_row(r, k) for k, r in enumerate(t.rows)),
        )
        for n, t in enumerate(release.tables)
    )
    relations = tuple(
        replace(
            rel,
            name=f"{ODD}{n}",
            items=(*rel.items, Term(rel.total.table, rel.total.row, -1)),
            evaluations=tuple(_odd_evaluation(ev, n + m) for m, ev in enumerate(rel.evaluations)),
        )
        for n, rel in enumerate(release.relations)
    )
    claims = tuple(_odd_claim(c, k) for k, c in enumerate(release.claims))
    return replace(release, tables=tables, relations=relations, claims=claims,
                   findings=_odd_findings(release))  # fmt: skip


def _odd_findings(release: Release) -> tuple[Finding, ...]:
    """Findings of every severity, with odd messages and suggestions, every number part
    set or not (exponents, a negative zero), and evidence with and without offsets."""
    numbers = (None, Decimal("-0"), Decimal("1.50E+6"), Decimal("12.3400"), Decimal("-100"))
    severities = tuple(Severity)
    found = []
    for k in range(12):
        spans = tuple(Span(k + 1, j, j + 3, None if j % 2 else 40 * j) for j in range(k % 4))
        found.append(
            Finding(
                code=tuple(FindingCode)[k % len(FindingCode)],
                severity=severities[k % len(severities)],
                message=f"{ODD}{k}",
                line=k + 1,
                evidence=spans,
                expected=numbers[k % 5],
                actual=numbers[(k + 1) % 5],
                difference=numbers[(k + 2) % 5],
                tolerance=numbers[(k + 3) % 5],
                suggestion=None if k % 3 else f"{ODD}!",
            )
        )
    return (*release.findings, *found)


def test_release_json_is_json_dumps_of_release_data_on_the_example() -> None:
    release = read(EXAMPLE)
    assert release.tables and release.relations
    assert any(c is not None for t in release.tables for r in t.rows for c in r.cells)
    assert_same_json(release)


def test_release_json_is_json_dumps_of_release_data_on_odd_text_and_numbers() -> None:
    release = _odd(read(EXAMPLE))
    assert_same_json(release)
    data = json.loads(release_json(release))
    rows = [row for table in data["tables"] for row in table["rows"]]
    assert rows[1]["label"] == f"{ODD}1"
    figures = [c for row in rows for c in row["cells"] if c is not None]
    assert {c["value"] for c in figures} >= {"1000", "0"}
    assert any(c["flags"] for c in figures) and any(c["readings"] for c in figures)
    assert any("offset" in c for c in figures) and any("offset" not in c for c in figures)
    assert all(
        c["raw"] == f"{ODD}{c['column']}".strip() or c["raw"].startswith(ODD.strip())
        for c in figures
    )
    evaluations = [ev for rel in data["relations"] for ev in rel["evaluations"]]
    assert {"1500000", "12.34", "-100"} <= {
        v for ev in evaluations for v in ev.values() if isinstance(v, str)
    }
    claims = data["claims"]
    assert {c["expected"] for c in claims} >= {None, "-100"} and {c["value"] for c in claims} >= {
        "1000",
        "0",
    }
    assert {c["period_end"] for c in claims} >= {None} and any(c["tied_to"] for c in claims)
    assert any(c["qualifiers"] for c in claims) and any(len(c["traits"]) > 1 for c in claims)


def test_release_json_takes_the_findings_given_and_json_safe_escapes_as_json_line() -> None:
    release = _odd(read(EXAMPLE))
    findings = [
        {**finding_data(f), "review": {"status": "dismissed", "comment": ODD}}
        for f in release.findings
    ]
    expected = release_data(release)
    expected["findings"] = findings
    assert release_json(release, ensure_ascii=False, findings=findings) == json.dumps(
        expected, ensure_ascii=False
    )
    line = json_safe(release_json(release, ensure_ascii=False, findings=findings))
    assert line == json_line(expected)
    assert "\u2028" not in line and "\x85" not in line and "é" in line


def test_the_words_written_unquoted_are_their_own_json() -> None:
    # the claims' unit, kind and status are written inside quotes as they are, not
    # through json's encoder: each word must be what the encoder writes of it
    for enum in (Unit, ClaimKind, ClaimStatus, Severity):
        for member in enum:
            word = member._value_
            assert encode_basestring_ascii(word) == encode_basestring(word) == f'"{word}"'


def _counted_apart(release: Release) -> tuple[int, int]:
    """The relations holding and failing as the summary counted them first: each relation's
    ``holds``, and its ``fails_in`` made and asked whether empty, in two passes."""
    return (
        sum(1 for r in release.relations if r.holds),
        sum(1 for r in release.relations if r.fails_in),
    )


def test_the_summary_counts_holding_and_failing_relations_as_holds_and_fails_in() -> None:
    release = read(EXAMPLE)
    assert all(len(r.evaluations) > 1 for r in release.relations)

    def mixed(k: int, relation: Relation) -> Relation:
        """By turns: holding in every column, failing in the last only, never evaluated."""
        evaluations = tuple(replace(ev, holds=True) for ev in relation.evaluations)
        if k % 3 == 1:
            evaluations = (*evaluations[:-1], replace(evaluations[-1], holds=False))
        elif k % 3 == 2:
            evaluations = ()
        return replace(relation, evaluations=evaluations)

    case = replace(release, relations=tuple(mixed(k, r) for k, r in enumerate(release.relations)))
    for each in (release, _odd(release), case):
        counts = summary(each)
        assert (counts["relations_holding"], counts["relations_failing"]) == _counted_apart(each)
    counts = summary(case)
    n = len(release.relations)
    assert (counts["relations_holding"], counts["relations_failing"]) == (
        len(range(0, n, 3)),
        len(range(1, n, 3)),
    )


def test_the_summary_counts_relations_as_holds_and_fails_in_on_every_corpus_release(
    corpus_dir: Path,
) -> None:
    from golden import manifest

    failing = 0
    for name in manifest(corpus_dir):
        release = read(corpus_dir / name)
        counts = summary(release)
        assert (counts["relations_holding"], counts["relations_failing"]) == _counted_apart(
            release
        ), name
        failing += counts["relations_failing"]
    assert failing > 0  # the corpus holds failing relations (the alarms)
