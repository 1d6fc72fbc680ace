"""The error-injection machinery of bench/: each mutator changes exactly one figure.

The release here is fictional (Quillfeather Tools), written for these tests; the bench
itself runs on the real corpus and is kept out of ``make test``.
"""

from __future__ import annotations

import random
import sys
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.mutate import (
    Edit,
    change_digit,
    change_significant_digit,
    digits,
    drop_digit,
    flip_sign,
    line_starts,
    swap_scale_word,
    token_edit,
    transpose_digits,
)
from bench.outcome import breaks, clean_of, judge, mutated_cell
from bench.targets import CELL_KINDS, Kind, Mutant, locate, plan, related_cells

from textdoc import release
from tieout.figures import parse_figure
from tieout.model import CellRef
from tieout.pipeline import read

RELEASE = """QUILLFEATHER TOOLS REPORTS SECOND QUARTER RESULTS

Net sales for the quarter were $33,006,000.

                       QUILLFEATHER TOOLS, INC.
                 CONDENSED STATEMENTS OF OPERATIONS
              (IN THOUSANDS, EXCEPT PER SHARE AMOUNTS)

                                          2024             2023
                                          ----             ----
Net sales                               $ 33,006         $ 32,383
Cost of sales                             28,931           28,653
                                        --------         --------
     Gross profit                          4,075            3,730
Selling and administrative expenses        2,069            2,092
                                        --------         --------
     Income from operations                2,006            1,638
Other expense                               (156)            (169)
                                        --------         --------
     Income before taxes                   1,850            1,469
                                        ========         ========
Employees at quarter end                     412              398
"""


@pytest.fixture(scope="module")
def clean():
    data = RELEASE.encode()
    return clean_of(read(data, name="quillfeather.txt"), RELEASE)


def _differs_only_inside(before: bytes, after: bytes, edit: Edit) -> bool:
    tail = len(before) - edit.end
    return (
        after[: edit.start] == before[: edit.start]
        and after[len(after) - tail :] == before[edit.end :]
        and after[edit.start : len(after) - tail] != before[edit.start : edit.end]
    )


def test_every_cell_mutant_changes_only_its_figure(clean) -> None:
    planned = plan(clean.release, clean.source, seed=7, cap=100, cap_unrelated=100)
    cells = [m for m in planned.mutants if m.kind in CELL_KINDS]
    assert {m.kind for m in cells} == set(CELL_KINDS)
    before = RELEASE.encode()
    starts = line_starts(RELEASE)
    for m in cells:
        after = m.edit.apply(RELEASE).encode()
        assert _differs_only_inside(before, after, m.edit), m.what
        assert len(after) - len(before) in (0, 1, 2)  # only an added parenthesis may widen
        cell = clean.release.cell(m.cell)
        loc = locate(cell.span, starts, RELEASE, cell.raw)
        # the edit lies on the figure (a sign flip may take the blank on either side)
        assert loc.start - 1 <= m.edit.start and m.edit.end <= loc.end + 1, m.what
        new = mutated_cell(clean, m)
        assert new is not None and new.value != cell.value, m.what
        if m.kind is not Kind.SIGN:
            assert len(m.edit.text) == m.edit.end - m.edit.start  # a table keeps its columns


def test_mutants_are_deterministic_for_a_seed(clean) -> None:
    first = plan(clean.release, clean.source, seed=3, cap=4, cap_unrelated=1).mutants
    again = plan(clean.release, clean.source, seed=3, cap=4, cap_unrelated=1).mutants
    other = plan(clean.release, clean.source, seed=4, cap=4, cap_unrelated=1).mutants
    assert first == again
    assert first != other


def test_unrelated_figures_are_kept_apart(clean) -> None:
    planned = plan(clean.release, clean.source, seed=1, cap=100, cap_unrelated=100)
    unrelated = {m.line for m in planned.mutants if m.kind in CELL_KINDS and not m.related}
    related = {m.line for m in planned.mutants if m.kind in CELL_KINDS and m.related}
    employees = (
        RELEASE.split("\n").index(next(x for x in RELEASE.split("\n") if x.startswith("Employees")))
        + 1
    )
    assert employees in unrelated and employees not in related
    assert 11 in related  # Net sales takes part in Gross profit


def test_transposing_33006_gives_another_figure_with_the_same_digits() -> None:
    for seed in range(20):
        new = transpose_digits("33,006", random.Random(seed))
        assert new is not None and new != "33,006"
        assert sorted(digits(new)) == sorted("33006") and new.index(",") == 2
        assert parse_figure(new).value != Decimal(33006)
    assert transpose_digits("11", random.Random(0)) is None
    assert transpose_digits("7", random.Random(0)) is None


def test_changed_digit_and_dropped_digit() -> None:
    for seed in range(20):
        rng = random.Random(seed)
        changed = change_digit("4,075", rng)
        assert changed is not None and len(changed) == 5 and changed != "4,075"
        assert sum(a != b for a, b in zip(changed, "4,075", strict=True)) == 1
        assert not changed.startswith("0")
        dropped = drop_digit("33,006", rng)
        assert dropped is not None and len(digits(dropped)) == 4
        assert parse_figure(dropped) is not None and "," in dropped
    assert drop_digit("7", random.Random(0)) is None
    assert drop_digit("0.03", random.Random(0)) is None


def test_sign_flip_removes_and_adds_parentheses() -> None:
    line = "Other expense                               (156)            (169)"
    start = line.index("(156)")
    edit = flip_sign(line, start, start + 5)
    assert edit is not None
    flipped = edit.apply(line)
    assert flipped == line.replace("(156)", " 156 ") and len(flipped) == len(line)
    assert parse_figure(flipped[start : start + 5]).value == Decimal(156)

    line = "Cost of sales                             28,931           28,653"
    start = line.index("28,931")
    edit = flip_sign(line, start, start + 6)
    assert edit is not None
    flipped = edit.apply(line)
    assert flipped == line.replace(" 28,931 ", "(28,931)") and len(flipped) == len(line)

    assert flip_sign("Net sales $ 33,006)", 10, 19) is None  # unbalanced: already in doubt
    assert flip_sign("Other       --", 12, 14) is None  # a dash has no digits
    assert flip_sign("Other        0", 13, 14) is None  # zero has no sign


def test_scale_word_swaps_keep_case() -> None:
    assert swap_scale_word("THOUSANDS") == "MILLIONS"
    assert swap_scale_word("Millions") == "Thousands"
    assert swap_scale_word("thousand") == "million"
    assert swap_scale_word("billion") == "million"
    assert swap_scale_word("hundreds") is None


def test_table_scale_word_is_a_mutant(clean) -> None:
    planned = plan(clean.release, clean.source, seed=1, cap=10, cap_unrelated=0)
    scale = [m for m in planned.mutants if m.kind is Kind.SCALE]
    assert [(m.original, m.edit.text, m.line) for m in scale] == [("THOUSANDS", "MILLIONS", 7)]


def test_token_edit_pads_a_shorter_figure_on_the_left() -> None:
    text = "x  33,006 y"
    edit = token_edit(text, 3, 9, lambda token, rng: "3,306", random.Random(0), keep_width=True)
    assert edit is not None and edit.apply(text) == "x   3,306 y"


def test_locate_refuses_a_span_off_its_figure(clean) -> None:
    cell = clean.release.tables[0].rows[0].cells[0]
    starts = line_starts(RELEASE)
    assert locate(cell.span, starts, RELEASE, cell.raw) is not None
    assert locate(cell.span, starts, RELEASE, "99,999") is None


def _mutant(clean, row_label: str, column: int, new: str) -> Mutant:
    table = clean.release.tables[0]
    row = next(r for r in table.rows if r.label == row_label)
    cell = row.cells[column]
    loc = locate(cell.span, line_starts(RELEASE), RELEASE, cell.raw)
    token = RELEASE[loc.start : loc.end].strip().lstrip("$ ")
    at = RELEASE.index(token, loc.start)
    edit = Edit(at, at + len(token), new.rjust(len(token)))
    return Mutant(
        "quillfeather.txt",
        Kind.DIGIT,
        edit,
        token,
        cell.span.line,
        True,
        row_label,
        cell=CellRef(0, row.index, column),
    )


def _judged(clean, mutant: Mutant) -> dict:
    data = mutant.edit.apply(RELEASE).encode()
    return judge(clean, mutant, read(data, name="quillfeather.txt"))


def test_an_error_beyond_rounding_is_caught_on_its_line(clean) -> None:
    result = _judged(clean, _mutant(clean, "Gross profit", 1, "3,830"))
    assert result["outcome"] == "caught" and "wrong-figure" in result["codes"]


def test_an_error_within_rounding_is_missed_and_says_why(clean) -> None:
    # 32,383 - 28,653 = 3,730 exactly; 3,731 is inside the tolerance of 1.5 thousand
    result = _judged(clean, _mutant(clean, "Gross profit", 1, "3,731"))
    assert result["outcome"] == "missed" and result["reason"] == "within-tolerance"


def test_prose_claims_become_prose_mutants(clean) -> None:
    # The claim records are built here as the prose stage will build them: the bench
    # mutates the figure at the claim's span, whatever extracted it.
    from dataclasses import replace

    from tieout.model import Claim, ClaimKind, ClaimStatus, Span, Unit

    line = RELEASE.split("\n").index("Net sales for the quarter were $33,006,000.")
    col = RELEASE.split("\n")[line].index("$33,006,000")
    claim = Claim(
        span=Span(line + 1, col, col + len("$33,006,000")),
        text="$33,006,000",
        sentence="Net sales for the quarter were $33,006,000.",
        subject="Net sales",
        value=Decimal(33006000),
        precision=Decimal(1000),
        unit=Unit.USD,
        kind=ClaimKind.LEVEL,
        tied_to=(CellRef(0, 0, 0),),
        status=ClaimStatus.TIES,
    )
    release = replace(clean.release, claims=(claim,))
    planned = plan(release, RELEASE, seed=5, cap=10, cap_unrelated=10)
    prose = [m for m in planned.mutants if m.kind is Kind.PROSE_FIGURE]
    assert len(prose) == 1 and prose[0].related and prose[0].line == line + 1
    after = prose[0].edit.apply(RELEASE)
    changed = [(a, b) for a, b in zip(after, RELEASE, strict=True) if a != b]
    assert len(changed) == 1 and changed[0][0].isdigit()
    # a cell that a claim states is related even when no relation touches it
    employees = next(r for r in clean.release.tables[0].rows if r.label.startswith("Employees"))
    ref = CellRef(0, employees.index, 0)
    assert ref not in related_cells(release)
    assert ref in related_cells(replace(release, claims=(replace(claim, tied_to=(ref,)),)))


def test_sign_flip_of_a_negative_split_across_html_cells() -> None:
    html = '<td>$</td><td align="right">(1,234</td><td>)</td><td>x</td>'
    start = html.index("(1,234")
    edit = flip_sign(html, start, start + len("(1,234"))
    assert edit is not None
    assert edit.apply(html) == '<td>$</td><td align="right"> 1,234</td><td> </td><td>x</td>'


def test_prose_digit_changes_leave_the_rounding_zeros_alone() -> None:
    for seed in range(30):
        rng = random.Random(seed)
        new = change_significant_digit("33,006,000", rng)
        assert new is not None and new.endswith(",000") and new != "33,006,000"
        assert change_significant_digit("960,000", rng)[3:] == ",000"
        assert change_significant_digit("10", rng) != "10"  # a percent's zero is a digit


def test_a_heading_scale_mutant_knows_the_tables_it_rescales(clean) -> None:
    planned = plan(clean.release, clean.source, seed=1, cap=10, cap_unrelated=0)
    (heading,) = [m for m in planned.mutants if m.kind is Kind.SCALE and m.table is not None]
    result = _judged(clean, heading)
    assert result["origin"] == "heading" and result["tables_rescaled"] == [0]
    # related only through the prose: no relation here leaves the one table
    stated = any(c.tied_to and c.unit.value != "percent" for c in clean.release.claims)
    assert result["related"] is stated
    if result["outcome"] == "missed":
        assert result["reason"] in ("relation-not-found", "no-cross-table-relation")


def test_on_a_long_html_line_only_the_evidence_places_a_finding() -> None:
    from bench.outcome import Place, _touches

    from tieout.model import Finding, Severity, Span

    starts = [0]  # one line holding the whole exhibit, as some HTML filings are written
    place = Place(frozenset(), ((5000, 5006),))  # the line is too long to count
    near = Finding("sum-mismatch", Severity.ERROR, "m", 1, (Span(1, 5001, 5004, 5001),))
    far = Finding("sum-mismatch", Severity.ERROR, "m", 1, (Span(1, 90, 95, 90),))
    bare = Finding("claim-mismatch", Severity.ERROR, "m", 1)
    assert _touches(near, place, starts)
    assert not _touches(far, place, starts) and not _touches(bare, place, starts)
    assert _touches(bare, Place(frozenset({1}), ()), starts)  # a short line counts


def test_sign_flip_of_an_html_minus_with_a_non_breaking_space() -> None:
    html = '<TD ALIGN="right">-&nbsp;14%</TD>'
    start = html.index("-&nbsp;14%")
    edit = flip_sign(html, start, start + len("-&nbsp;14%"))
    assert edit is not None
    assert edit.apply(html) == '<TD ALIGN="right">       14%</TD>'


def test_a_change_column_breaks_only_beyond_its_rounding() -> None:
    # A change in amount takes one row twice, with both signs: 146 - 141 = 5. Printed 6
    # it still ties (146.4 - 140.5 = 5.9); printed 8 it does not. Each is judged with the
    # signs of its own evaluation, not one sign per row.
    text = """
                                   (In millions)
                           Q4'21     Q3'21     Change
Equipment and software       146       141          5
Outside services             175       144         31
Occupancy                     86        77          9
"""
    rel = release(text)
    (relation, *_) = [r for r in rel.relations if r.source == "change"]
    ref = relation.evaluations[0].total
    cell = rel.cell(ref)
    assert cell is not None and cell.value == Decimal(5_000_000)
    for printed, breaking in ((6, False), (8, True)):
        value = Decimal(printed * 1_000_000)
        failing, _ = breaks(rel, ref, replace(cell, value=value, readings=(value,)))
        assert bool(failing) is breaking
