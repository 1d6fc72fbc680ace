"""Non-GAAP measures held to Regulation G: found, reconciled, recomputed, no more prominent.

Fictional releases written here (a statement of operations of "Acme Widget", a fictional
company) change one thing at a time: an adjusted EBITDA with no reconciliation, one that
does not foot, a headline leading with adjusted EPS, a GAAP-only release, and "adjusted for
the split". The reference release and the bundled example (its reconciliation cut out in
memory) are the acceptance cases of issue 17; the outputs (JSON, terminal, workpaper, store)
carry the measures.
"""

from __future__ import annotations

import io
import json
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner
from rich.console import Console

from tieout import nongaap
from tieout.cli import main
from tieout.model import FindingCode, NonGaapStatus, Release, Severity
from tieout.pipeline import read
from tieout.report.html import render_html
from tieout.report.serialise import release_data
from tieout.report.terminal import render
from tieout.store.rows import release_rows

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "harbor-valve_2024q2.txt"

STATEMENT = """
                            ACME WIDGET CORPORATION

                 CONDENSED CONSOLIDATED STATEMENTS OF OPERATIONS
                    (IN THOUSANDS, EXCEPT PER SHARE AMOUNTS)

                                               THREE MONTHS ENDED SEPTEMBER 30,
                                               --------------------------------
                                                    2024              2023
                                                    ----              ----

Net sales                                       $ 48,215          $ 45,902

Cost of sales                                     36,904            35,611
                                                --------          --------

     Gross profit                                 11,311            10,291

Selling, general and administrative
  expenses                                         7,322             7,015
                                                --------          --------

     Income from operations                        3,989             3,276

Interest expense                                   1,204             1,318
                                                --------          --------

     Income before income taxes                    2,785             1,958

Income tax provision                                 668               470
                                                --------          --------

     Net income                                 $  2,117          $  1,488
                                                ========          ========

Diluted net income per share                    $   0.25          $   0.18
                                                ========          ========

Diluted weighted average shares outstanding        8,412             8,390
                                                ========          ========
"""

RECONCILIATION = """
Reconciliation of net income to Adjusted EBITDA:
     Net income                                 $  2,117          $  1,488
     Depreciation and amortization                 2,950             2,874
     Interest expense                              1,204             1,318
     Income tax provision                            668               470
     Restructuring charges                           400               250
                                                --------          --------
     Adjusted EBITDA                            $  {now}          $  {then}
                                                ========          ========
"""

ADJUSTED_EBITDA_ALONE = """
Adjusted EBITDA                                 $  7,339          $  6,400
                                                ========          ========
"""

GAAP_FIRST = """Acme Widget Corporation, a fictional company, reported net income of $2,117,000,
or 25 cents per diluted share, for the third quarter ended September 30, 2024,
compared to net income of $1,488,000, or 18 cents per diluted share, for the
third quarter of 2023.
"""

EBITDA_PROSE = """
Adjusted EBITDA for the third quarter of 2024 was ${now},000, compared to
${then},000 for the third quarter of 2023.
"""


def _release(prose: str, tables: str = "", headline: str = "REPORTS THIRD QUARTER") -> Release:
    text = f"EXHIBIT 99.1\n\nACME WIDGET {headline} RESULTS\n\n{prose}\n{STATEMENT}{tables}"
    return read(text.encode(), name="acme.txt")


def _codes(release: Release, prefix: str = "non-gaap") -> list[tuple[int, str, str]]:
    return [
        (f.line, f.severity.value, f.code) for f in release.findings if f.code.startswith(prefix)
    ]


def test_an_adjusted_ebitda_with_no_reconciliation_is_a_warning_where_presented() -> None:
    release = _release(
        GAAP_FIRST + EBITDA_PROSE.format(now="7,339", then="6,400"), ADJUSTED_EBITDA_ALONE
    )
    (measure,) = release.non_gaap
    assert measure.name == "Adjusted EBITDA"
    assert set(measure.basis) == {"adjusted", "ebitda"} and measure.gaap == "NetIncome"
    assert measure.status is NonGaapStatus.UNRECONCILED and measure.reconciliation is None
    table_line = next(
        r.line for t in release.tables for r in t.rows if r.label == "Adjusted EBITDA"
    )
    assert _codes(release) == [
        (10, "warning", "non-gaap-unreconciled"),  # the prose
        (table_line, "warning", "non-gaap-unreconciled"),  # the table
    ]
    assert [release.claims[i].text for i in measure.claims] == ["$7,339,000", "$6,400,000"]
    assert not release.errors


def test_a_reconciliation_that_ties_in_every_column_reconciles_the_measure() -> None:
    release = _release(
        GAAP_FIRST + EBITDA_PROSE.format(now="7,339", then="6,400"),
        RECONCILIATION.format(now="7,339", then="6,400"),
    )
    (measure,) = release.non_gaap
    found = measure.reconciliation
    assert measure.status is NonGaapStatus.RECONCILED and found is not None
    assert found.how == "relation" and len(found.holds_in) == 2 and not found.fails_in
    gaap = release.row(found.table or 0, found.gaap_rows[0])
    assert gaap.label == "Net income" and gaap.concept == "NetIncome"
    assert not _codes(release)


def test_a_reconciliation_that_does_not_foot_in_any_column_is_an_error() -> None:
    # off by 100 in both columns: no sum the layout suggests holds, so only the
    # reconciliation, read from its title down, finds it
    release = _release(
        GAAP_FIRST + EBITDA_PROSE.format(now="7,439", then="6,500"),
        RECONCILIATION.format(now="7,439", then="6,500"),
    )
    (measure,) = release.non_gaap
    assert measure.status is NonGaapStatus.MISMATCH
    assert measure.reconciliation is not None and measure.reconciliation.how == "rows"
    errors = [f for f in release.errors if f.code is FindingCode.NON_GAAP_MISMATCH]
    assert len(errors) == 2
    assert {(f.expected, f.actual) for f in errors} == {
        (Decimal(7339000), Decimal(7439000)),
        (Decimal(6400000), Decimal(6500000)),
    }
    assert "2,117 + 2,950 + 1,204 + 668 + 400 = 7,339, printed 7,439" in errors[0].message


def test_a_reconciliation_failing_in_one_column_is_reported_once() -> None:
    # the layout sum holds in 2023 and fails in 2024: the footing check reports it; the
    # measure is a mismatch, with no second error for the same figure
    release = _release(
        GAAP_FIRST + EBITDA_PROSE.format(now="7,439", then="6,400"),
        RECONCILIATION.format(now="7,439", then="6,400"),
    )
    (measure,) = release.non_gaap
    assert measure.status is NonGaapStatus.MISMATCH
    assert measure.reconciliation is not None and len(measure.reconciliation.fails_in) == 1
    assert not _codes(release)
    assert [f.code for f in release.errors] == [FindingCode.SUM_MISMATCH]


ADJUSTED_EPS_AND_MARGIN = """
Reconciliation of net income to adjusted net income:
     Net income                                 $  2,117          $  1,488
     Restructuring charges, net of tax               300               190
                                                --------          --------
     Adjusted net income                        $  2,417          $  1,678
                                                ========          ========

Adjusted diluted earnings per share             $   {eps}          $   {then}
{reconciliation}
Adjusted EBITDA margin                              {margin}%             13.9%
"""


def _recomputed(eps: str, margin: str, then: str = "0.20") -> Release:
    block = RECONCILIATION.format(now="7,339", then="6,400")
    tables = ADJUSTED_EPS_AND_MARGIN.format(eps=eps, then=then, margin=margin, reconciliation=block)
    return _release(GAAP_FIRST, tables)


def test_adjusted_eps_and_an_adjusted_margin_are_recomputed_from_their_parts() -> None:
    release = _recomputed("0.29", "15.2")  # 2,417 / 8,412 = 0.287; 7,339 / 48,215 = 15.22%
    by_name = {m.name: m for m in release.non_gaap}
    eps = by_name["Adjusted diluted earnings per share"]
    margin = by_name["Adjusted EBITDA margin"]
    assert eps.gaap == "EarningsPerShare" and margin.gaap == "net income margin"
    for measure in (eps, margin):
        assert measure.status is NonGaapStatus.RECONCILED
        assert len(measure.recomputations) == 2 and all(e.holds for e in measure.recomputations)
    assert margin.reconciliation is not None  # under the reconciliation's head
    assert not _codes(release)


def test_a_recomputation_that_holds_in_one_column_and_not_the_other_is_an_error() -> None:
    release = _recomputed("0.31", "16.2")
    errors = [f for f in release.errors if f.code is FindingCode.NON_GAAP_MISMATCH]
    assert [f.message.split(" does not tie")[0] for f in errors] == [
        "the recomputation of Adjusted diluted earnings per share "
        "(THREE MONTHS ENDED SEPTEMBER 30, 2024)",
        "the recomputation of Adjusted EBITDA margin (THREE MONTHS ENDED SEPTEMBER 30, 2024)",
    ]
    assert "2,417 / 8,412 = 0.2873, printed 0.31" in errors[0].message
    assert {m.status for m in release.non_gaap if m.recomputations} == {NonGaapStatus.MISMATCH}


def test_a_recomputation_that_holds_in_no_column_is_another_reading_not_an_error() -> None:
    # over basic shares, or another numerator: nothing establishes how it is computed
    release = _recomputed("0.40", "15.2", then="0.30").non_gaap
    eps = next(m for m in release if m.name == "Adjusted diluted earnings per share")
    assert eps.recomputations == ()


def test_a_headline_leading_with_adjusted_eps_is_a_prominence_warning() -> None:
    prose = (
        "Acme Widget Corporation, a fictional company, reported adjusted earnings per\n"
        "share of 31 cents for the third quarter ended September 30, 2024. Net income was\n"
        "$2,117,000, or 25 cents per diluted share, for the third quarter of 2024.\n"
    )
    release = _release(prose, headline="REPORTS ADJUSTED EPS OF $0.31 FOR THIRD QUARTER")
    prominence = [f for f in release.findings if f.code is FindingCode.NON_GAAP_PROMINENCE]
    assert len(prominence) == 1 and prominence[0].line == 3
    assert prominence[0].severity is Severity.WARNING
    assert "before the GAAP earnings per share (25 cents per diluted share, line 7)" in (
        prominence[0].message
    )


def test_the_gaap_result_first_is_no_prominence_finding() -> None:
    prose = GAAP_FIRST + (
        "\nExcluding restructuring charges of $400,000, adjusted net income was\n"
        "$2,417,000 for the third quarter of 2024.\n"
    )
    release = _release(prose)
    assert [(m.name, m.basis) for m in release.non_gaap] == [("adjusted net income", ("adjusted",))]
    assert not [f for f in release.findings if f.code is FindingCode.NON_GAAP_PROMINENCE]


def test_a_gaap_only_release_presents_no_measure() -> None:
    release = _release(GAAP_FIRST)
    assert release.non_gaap == ()
    assert not _codes(release)


def test_adjusted_for_the_split_is_no_measure() -> None:
    prose = GAAP_FIRST + (
        "\nNet income per share, adjusted for the two-for-one stock split, was 25 cents\n"
        "for the third quarter of 2024.\n"
    )
    release = _release(prose)
    assert release.non_gaap == ()
    assert not _codes(release)


def test_a_bug_of_the_stage_is_a_finding_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(release: Release) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(nongaap, "measures", broken)
    release = _release(GAAP_FIRST)
    crashed = [f for f in release.findings if f.code is FindingCode.CHECK_CRASHED]
    assert len(crashed) == 1 and "non-GAAP measures failed" in crashed[0].message
    assert release.tables and release.claims


# -- the acceptance cases -----------------------------------------------------------------


@pytest.mark.corpus
def test_the_reference_release_reconciles_ebitda_to_net_income(corpus_dir: Path) -> None:
    release = read(corpus_dir / "lexington-precision_2004q1.txt")
    (ebitda,) = release.non_gaap
    assert ebitda.name == "EBITDA" and ebitda.gaap == "NetIncome"
    assert ebitda.status is NonGaapStatus.RECONCILED
    found = ebitda.reconciliation
    assert found is not None and found.how == "relation"
    assert found.holds_in == ("QUARTERS ENDED MARCH 31 2004", "QUARTERS ENDED MARCH 31 2003")
    assert {release.row(0, r).label for r in found.gaap_rows} == {"Net loss"}
    # presented in both tables: the reconciliation's EBITDA, the segments and Total EBITDA
    assert {t for t, _ in ebitda.rows} == {0, 1}
    labels = {release.row(t, r).label for t, r in ebitda.rows}
    assert {"Rubber Group", "Metals Group", "Corporate Office", "Total EBITDA"} <= labels
    # recomputed per segment: EBITDA = operating income + D&A, each segment, both columns
    segments = [
        release.relations[i]
        for i in ebitda.recomputed
        if release.relations[i].name.startswith("segment EBITDA")
    ]
    assert len(segments) == 3 and all(len(r.holds_in) == 2 for r in segments)
    # every prose mention of EBITDA is one of its claims, and ties
    mentions = [i for i, c in enumerate(release.claims) if c.concept == "EBITDA"]
    assert list(ebitda.claims) == mentions and len(mentions) == 9
    assert all(release.claims[i].status.value == "ties" for i in ebitda.claims)
    assert not _codes(release)


def _without_reconciliation() -> str:
    lines = EXAMPLE.read_text(encoding="utf-8").split("\n")
    start = next(i for i, x in enumerate(lines) if x.startswith("Reconciliation of net income"))
    end = next(i for i, x in enumerate(lines) if i > start and x.strip().startswith("EBITDA "))
    return "\n".join(lines[:start] + lines[end + 2 :])


def test_the_example_without_its_reconciliation_leaves_ebitda_unreconciled() -> None:
    whole = read(EXAMPLE)
    assert [m.status for m in whole.non_gaap] == [NonGaapStatus.MISMATCH]  # a segment misprint
    assert not _codes(whole)
    text = _without_reconciliation()
    assert "Reconciliation of net income to EBITDA" not in text
    release = read(text.encode(), name="harbor-valve-cut.txt")
    (ebitda,) = release.non_gaap
    assert ebitda.status is NonGaapStatus.UNRECONCILED
    findings = [f for f in release.findings if f.code is FindingCode.NON_GAAP_UNRECONCILED]
    prose_line = next(c.span.line for c in release.claims if c.concept == "EBITDA")
    table_line = min(release.row(t, r).label_span.line for t, r in ebitda.rows)
    assert [(f.line, f.severity) for f in findings] == [
        (prose_line, Severity.WARNING),
        (table_line, Severity.WARNING),
    ]
    assert "presented in the prose" in findings[0].message
    assert "presented in the table" in findings[1].message
    # segment EBITDA built from operating income does not reconcile it (C&DI 103.02)
    assert "C&DI 103.02" in findings[1].message


# -- outputs ------------------------------------------------------------------------------


def test_json_terminal_and_workpaper_carry_the_measures() -> None:
    release = _release(
        GAAP_FIRST + EBITDA_PROSE.format(now="7,339", then="6,400"), ADJUSTED_EBITDA_ALONE
    )
    data = json.loads(json.dumps(release_data(release)))
    (measure,) = data["non_gaap"]
    assert measure["measure"] == "Adjusted EBITDA" and measure["gaap"] == "NetIncome"
    assert measure["status"] == "unreconciled" and measure["reconciliation"] is None
    row = next(r.index for r in release.tables[0].rows if r.label == "Adjusted EBITDA")
    assert measure["presented"] == [{"table": 1, "row": row, "label": "Adjusted EBITDA"}]
    assert [data["claims"][i]["text"] for i in measure["claims"]] == ["$7,339,000", "$6,400,000"]

    out = io.StringIO()
    render(release, Console(file=out, width=200, color_system=None), tables=False)
    text = out.getvalue()
    assert "Non-GAAP measures" in text and "Adjusted EBITDA (ebitda/adjusted; lines" in text

    page = render_html([release])
    assert 'class="group nongaap"' in page and "1 unreconciled" in page

    reconciled = _release(GAAP_FIRST, RECONCILIATION.format(now="7,339", then="6,400"))
    found = release_data(reconciled)["non_gaap"][0]["reconciliation"]
    assert found["how"] == "relation" and found["table"] == 1 and len(found["holds_in"]) == 2


def test_filing_text_in_a_measure_name_is_escaped_in_the_workpaper() -> None:
    hostile = ADJUSTED_EBITDA_ALONE.replace("Adjusted EBITDA      ", "Adjusted EBITDA <b>x")
    release = _release(GAAP_FIRST, hostile)
    assert release.non_gaap and "<b>" in release.non_gaap[0].name
    page = render_html([release])
    assert "Adjusted EBITDA &lt;b&gt;x" in page and "Adjusted EBITDA <b>x" not in page


def test_the_store_answers_which_releases_leave_adjusted_ebitda_unreconciled(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = "EXHIBIT 99.1\n\nACME WIDGET REPORTS THIRD QUARTER RESULTS\n\n{}\n" + STATEMENT
    (folder / "alone.txt").write_text(
        text.format(GAAP_FIRST + EBITDA_PROSE.format(now="7,339", then="6,400"))
        + ADJUSTED_EBITDA_ALONE
    )
    (folder / "reconciled.txt").write_text(
        text.format(GAAP_FIRST) + RECONCILIATION.format(now="7,339", then="6,400")
    )
    db = tmp_path / "s.duckdb"
    result = CliRunner(mix_stderr=False).invoke(
        main, ["batch", str(folder), "--db", str(db), "-j", "1"]
    )
    assert result.exit_code == 0, result.stderr
    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute(
            "SELECT s.path, n.measure, n.lines FROM non_gaap n JOIN sources s USING (source_id) "
            "WHERE list_contains(n.basis, 'ebitda') AND list_contains(n.basis, 'adjusted') "
            "AND n.status = 'unreconciled'"
        ).fetchall()
        statuses = sorted(con.execute("SELECT status, reconciled_by FROM non_gaap").fetchall())
    finally:
        con.close()
    assert [(Path(p).name, m) for p, m, _ in rows] == [("alone.txt", "Adjusted EBITDA")]
    assert statuses == [("reconciled", "relation"), ("unreconciled", None)]
    tables = release_rows(read(folder / "alone.txt"), path="alone.txt")
    assert tables["non_gaap"].num_rows == 1


@pytest.mark.corpus
def test_the_corpus_measures_named_in_the_issue(corpus_dir: Path) -> None:
    def measures(name: str) -> dict[str, NonGaapStatus]:
        return {m.name: m.status for m in read(corpus_dir / name).non_gaap}

    oracle = measures("submissions/oracle_2022q4.txt")
    assert oracle["Non-GAAP: NET INCOME"] is NonGaapStatus.RECONCILED  # by its columns
    assert oracle["Non-GAAP: DILUTED EARNINGS PER SHARE"] is NonGaapStatus.RECONCILED
    assert oracle["Non-GAAP: OPERATING MARGIN %"] is NonGaapStatus.RECONCILED  # recomputed
    assert oracle["Free Cash Flow"] is NonGaapStatus.RECONCILED
    caterpillar = measures("submissions/caterpillar_2022q1.txt")
    assert caterpillar["Adjusted Profit Per Share"] is NonGaapStatus.RECONCILED
    citizens = measures("exhibits/citizens-financial_2021q4_ex99-1.htm")
    assert citizens["Underlying net income"] is NonGaapStatus.RECONCILED
    assert "Tangible common equity" in citizens
    assert measures("submissions/apple_2024q1.txt") == {}


def test_the_relations_by_row_are_found_per_table_as_over_every_relation(
    corpus_dir: Path,
) -> None:
    # ``Seen`` indexes only the tables a measure is printed in: for every row any relation
    # closes on or holds, the relations closing on it, the sums (layout sums and
    # identities) closing on it and those holding it in their total's table are those a
    # pass over every relation finds, in order
    from golden import manifest
    from tieout.model import RelationKind, RelationSource
    from tieout.nongaap.reconcile import Seen

    sums_kinds = (RelationSource.LAYOUT, RelationSource.IDENTITY)
    checked = 0
    for name in manifest(corpus_dir):
        release = read(corpus_dir / name)
        relations = release.relations
        seen = Seen(release)
        keys = {(r.total.table, r.total.row) for r in relations}
        keys |= {(t.table, t.row) for r in relations for t in r.items}
        for key in sorted(keys):
            closing = [i for i, r in enumerate(relations) if (r.total.table, r.total.row) == key]
            sums = [
                i
                for i in closing
                if relations[i].kind is RelationKind.SUM and relations[i].source in sums_kinds
            ]
            through = [
                i
                for i, r in enumerate(relations)
                if r.kind is RelationKind.SUM
                and r.source in sums_kinds
                and r.total.table == key[0]
                and any((t.table, t.row) == key for t in r.items)
            ]
            assert seen.closing(key) == closing, (name, key)
            assert seen.sums([key]) == sums, (name, key)
            assert seen.sums([], [key]) == through, (name, key)
            assert seen.sums([key], [key]) == sorted({*sums, *through}), (name, key)
            checked += 1
    assert checked > 5000


def test_a_claims_gaap_result_is_the_one_read_with_its_clause_cut_first(
    corpus_dir: Path,
) -> None:
    # ``prominence._gaap_result`` cuts a claim's clause only when its subject is empty;
    # as first written it cut every claim's: the same result for every corpus claim
    from golden import manifest
    from tieout.nongaap.presented import claims_said
    from tieout.nongaap.prominence import _ANSWERS, RESULTS, _gaap_result
    from tieout.vocabulary.measures import bases_of, clean_label, metric_of, own_clause

    def cut_first(claim: object, said: object) -> str | None:
        from tieout.model import Claim

        assert isinstance(claim, Claim)
        if said is not None or (claim.concept is not None and claim.concept not in _ANSWERS):
            return None
        clause = own_clause(claim.before)
        words = clean_label(claim.subject) or clause[-60:]
        if bases_of(words) or (not claim.subject and bases_of(clause)):
            return None
        if claim.concept in RESULTS:
            return claim.concept
        if claim.concept == "NetIncomeToCommon":
            return "NetIncome"
        known = metric_of(words)
        if known is not None and known[1] in RESULTS and claim.concept is None:
            return known[1]
        return None

    results: list[str | None] = []
    for name in manifest(corpus_dir):
        release = read(corpus_dir / name)
        for claim, said in zip(release.claims, claims_said(release), strict=True):
            result = _gaap_result(claim, said)
            assert result == cut_first(claim, said), (name, claim.sentence)
            results.append(result)
    assert len(results) > 2000 and results.count("NetIncome") > 50


def test_the_reconciling_lines_are_those_read_row_by_row(corpus_dir: Path) -> None:
    # ``_context_lines`` skips a table whose labels and heads, joined, name no word a
    # reconciling text holds (``may_reconcile``): the lines every row asked one by one give
    from golden import manifest
    from tieout.nongaap.reconcile import Seen, _context_lines
    from tieout.vocabulary.measures import may_reconcile, reconciling

    def row_by_row(seen: Seen) -> list[tuple[int, int | None, str]]:
        out: list[tuple[int, int | None, str]] = []
        for table in seen.release.tables:
            whole = reconciling(table.title or "") or bool(seen.columns(table.index))
            if whole:
                out.append((table.index, None, table.title or ""))
                out.extend((table.index, None, c.label) for c in table.columns)
            for row in table.rows:
                if whole or reconciling(row.section or "") or reconciling(row.label):
                    out.append((table.index, row.index, f"{row.section or ''} {row.label}"))
        return out

    lines = 0
    for name in manifest(corpus_dir):
        release = read(corpus_dir / name)
        found = _context_lines(Seen(release))
        assert found == row_by_row(Seen(release)), name
        lines += len(found)
    assert lines > 500
    assert may_reconcile("Net income\nReconciliation of EBITDA") and not may_reconcile("Net sales")
    assert may_reconcile("NON-GAAP") and may_reconcile("Calculations of ROTCE")
