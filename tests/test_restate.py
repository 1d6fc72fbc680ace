"""Across releases: prior-year figures against the release a year earlier, and quarters
derived from year-to-date figures, on a fictional company's releases written here."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
from click.testing import CliRunner

from test_store_support import query, submission
from tieout.cli import main
from tieout.store.batch import Options, run
from tieout.store.restate import restatements

COMPANY = ("Quillfeather Instruments Inc", "0009999991")


def _write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text)


def _second_quarters(folder: Path, *, prior_2023_sales: int, restated: bool = False) -> None:
    """Q2 2023 (first print of the 2023 quarter) and Q2 2024 (reprints it as prior year)."""
    _write(
        folder,
        "quill_2023q2.txt",
        submission(*COMPANY, date(2023, 7, 27), date(2023, 6, 30),
                   [(3, 2023, 4800, 2900), (3, 2022, 4500, 2800)]),
    )  # fmt: skip
    _write(
        folder,
        "quill_2024q2.txt",
        submission(*COMPANY, date(2024, 7, 30), date(2024, 6, 30),
                   [(3, 2024, 5000, 3000), (3, 2023, prior_2023_sales, 2900)],
                   restated=restated),
    )  # fmt: skip


def test_a_prior_year_figure_that_differs_is_an_error_on_the_later_release(tmp_path: Path) -> None:
    _second_quarters(tmp_path / "in", prior_2023_sales=4850)
    db = tmp_path / "s.duckdb"
    run([str(tmp_path / "in")], str(db), Options(jobs=1))
    summary = restatements(str(db))
    # compared: net sales, cost of sales, gross profit of the 2023 quarter
    assert (summary.compared, summary.differ, summary.errors) == (3, 2, 2)
    rows = query(
        db,
        "SELECT s.path, e.path, f.code, f.severity, f.expected, f.actual, f.difference, f.line "
        "FROM findings f JOIN sources s USING (source_id) "
        "JOIN sources e ON e.source_id = f.related_source_id "
        "WHERE f.origin = 'restatements' ORDER BY f.line",
    )
    later, earlier = (
        str(tmp_path / "in" / "quill_2024q2.txt"),
        str(tmp_path / "in" / "quill_2023q2.txt"),
    )
    assert [(r[0], r[1], r[2], r[3]) for r in rows] == [
        (later, earlier, "prior-period-mismatch", "error"),
        (later, earlier, "prior-period-mismatch", "error"),
    ]
    # net sales 4,850 against 4,800 first printed; gross profit follows (1,950 against 1,900)
    assert [(int(r[4]), int(r[5]), int(r[6])) for r in rows] == [  # type: ignore[call-overload]
        (4_800_000, 4_850_000, 50_000),
        (1_900_000, 1_950_000, 50_000),
    ]
    (message,) = query(
        db, "SELECT message FROM findings WHERE origin = 'restatements' ORDER BY line LIMIT 1"
    )[0]
    assert "Net sales (Revenue, 3 months ended 2023-06-30) is printed $ 4,850" in str(message)
    assert "4,800 where it was first printed" in str(message) and "off by 50,000" in str(message)
    # the check replaces its findings when run again
    restatements(str(db))
    assert query(db, "SELECT count(*) FROM findings WHERE origin = 'restatements'") == [(2,)]


def test_equal_reprints_give_no_finding(tmp_path: Path) -> None:
    _second_quarters(tmp_path / "in", prior_2023_sales=4800)
    db = tmp_path / "s.duckdb"
    run([str(tmp_path / "in")], str(db), Options(jobs=1))
    summary = restatements(str(db))
    assert (summary.compared, summary.differ) == (3, 0)


def test_a_column_marked_restated_gives_restated_info(tmp_path: Path) -> None:
    _second_quarters(tmp_path / "in", prior_2023_sales=4850, restated=True)
    db = tmp_path / "s.duckdb"
    result = CliRunner(mix_stderr=False).invoke(
        main, ["batch", str(tmp_path / "in"), "--db", str(db), "-j", "1"]
    )
    assert result.exit_code == 0, result.stderr
    assert "3 figures compared across releases, 2 differ" in result.stderr
    assert set(query(db, "SELECT code, severity FROM findings WHERE origin = 'restatements'")) == {
        ("restated", "info")
    }
    result = CliRunner(mix_stderr=False).invoke(main, ["restatements", "--db", str(db)])
    assert result.exit_code == 0  # restated, not an error
    assert "2 differ (2 marked restated, 0 errors)" in result.stderr


def test_a_quarter_derived_from_year_to_date_figures(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    # Q1 2024 prints the quarter ended March; Q2 prints June's quarter and six months.
    _write(folder, "q1.txt", submission(*COMPANY, date(2024, 4, 30), date(2024, 3, 31),
                                        [(3, 2024, 4900, 2950), (3, 2023, 4700, 2850)]))  # fmt: skip
    # six months 9,910 - March 4,900 = 5,010, but June's quarter says 5,000: off by 10
    # (cost of sales 5,950 - 2,950 = 3,000 ties)
    _write(folder, "q2.txt", submission(*COMPANY, date(2024, 7, 30), date(2024, 6, 30),
                                        [(3, 2024, 5000, 3000), (3, 2023, 4800, 2900),
                                         (6, 2024, 9910, 5950), (6, 2023, 9500, 5750)]))  # fmt: skip
    db = tmp_path / "s.duckdb"
    run([str(folder)], str(db), Options(jobs=1))
    restatements(str(db))
    rows = query(
        db,
        "SELECT code, severity, expected, actual, message FROM findings "
        "WHERE origin = 'restatements' ORDER BY line",
    )
    codes = [(r[0], r[1]) for r in rows]
    assert codes == [("quarter-derivation-mismatch", "error")] * 2  # net sales, gross profit
    code, _, expected, actual, message = rows[0]
    assert (int(expected), int(actual)) == (5_010_000, 5_000_000)  # type: ignore[call-overload]
    assert "6 months ended 2024-06-30" in str(message) and "3 months ended 2024-03-31" in str(
        message
    )


def test_releases_without_a_company_are_not_compared(tmp_path: Path) -> None:
    from test_store_support import release_text

    folder = tmp_path / "in"
    _write(folder, "a.txt", release_text("Nameless", date(2023, 6, 30), [(3, 2023, 10, 5), (3, 2022, 9, 4)]))  # fmt: skip
    _write(folder, "b.txt", release_text("Nameless", date(2024, 6, 30), [(3, 2024, 11, 5), (3, 2023, 99, 4)]))  # fmt: skip
    db = tmp_path / "s.duckdb"
    run([str(folder)], str(db), Options(jobs=1))
    assert restatements(str(db)).compared == 0


def test_restatements_on_what_is_not_a_store_says_so_in_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "typo.duckdb"
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    for db, reason in ((missing, "no such store"), (empty, "not a tieout store")):
        result = CliRunner(mix_stderr=False).invoke(main, ["restatements", "--db", str(db)])
        assert result.exit_code == 2
        assert result.stderr == f"tieout: {db}: {reason}" + (
            " (no store_meta table)\n" if db == empty else "\n"
        )
    assert not missing.exists()  # a mistyped --db is not created


def _shares(year: int, current: tuple[int, int], prior: tuple[int, int], extra: str = "") -> str:
    """A table of share counts whose rows name no concept: "Basic" and "Diluted" under
    their section head (and ``extra`` rows)."""
    return f"""

                     SHARES USED IN COMPUTING EARNINGS PER SHARE
                                  (IN THOUSANDS)

                                        THREE MONTHS ENDED
                                             JUNE 30,
                                        {year}          {year - 1}

Shares used in computing earnings per share:
  Basic                             {current[0]:>9,}     {prior[0]:>9,}
  Diluted                           {current[1]:>9,}     {prior[1]:>9,}
{extra}"""


def _share_releases(
    folder: Path, reprinted: tuple[int, int], extra: str = ""
) -> list[tuple[object, ...]]:
    """Q2 2023 prints its shares (and ``extra`` rows); Q2 2024 reprints them as
    ``reprinted``: the findings."""
    first = _shares(2023, (5_793_799, 5_834_858), (5_700_000, 5_750_000), extra)
    again = _shares(2024, (5_600_000, 5_650_000), reprinted)
    _write(folder, "q2_2023.txt", submission(*COMPANY, date(2023, 7, 27), date(2023, 6, 30),
                                             [(3, 2023, 4800, 2900), (3, 2022, 4500, 2800)],
                                             note=first))  # fmt: skip
    _write(folder, "q2_2024.txt", submission(*COMPANY, date(2024, 7, 30), date(2024, 6, 30),
                                             [(3, 2024, 5000, 3000), (3, 2023, 4800, 2900)],
                                             note=again))  # fmt: skip
    db = folder.parent / "s.duckdb"
    run([str(folder)], str(db), Options(jobs=1))
    restatements(str(db))
    return query(
        db,
        "SELECT code, severity, expected, actual, tolerance FROM findings "
        "WHERE origin = 'restatements' ORDER BY line",
    )


def test_rows_known_by_label_under_their_head_are_compared(tmp_path: Path) -> None:
    # basic 5,793,799 reprinted 5,797,399 (two digits swapped); diluted one unit off at
    # the same precision: the same amount rounded the same way cannot differ at all
    rows = _share_releases(tmp_path / "in", (5_797_399, 5_834_859))
    assert [(code, severity) for code, severity, *_ in rows] == [
        ("prior-period-mismatch", "error"),
        ("prior-period-mismatch", "error"),
    ]
    assert [(int(e), int(a), int(t)) for _, _, e, a, t in rows] == [  # type: ignore[call-overload]
        (5_793_799_000, 5_797_399_000, 0),
        (5_834_858_000, 5_834_859_000, 0),
    ]
    (message,) = query(
        tmp_path / "s.duckdb",
        "SELECT message FROM findings WHERE origin = 'restatements' ORDER BY line LIMIT 1",
    )[0]
    # the row is named by the head it is printed under, not by the store's key for it
    assert str(message).startswith("Basic (under 'shares used in computing earnings per share'")


def test_shares_reprinted_after_a_stock_split_are_compared_split(tmp_path: Path) -> None:
    # a 7-for-1 split since: the reprints are the first prints times 7, within rounding
    assert _share_releases(tmp_path / "a", (5_793_799 * 7 + 3, 5_834_858 * 7)) == []
    # 5,793,799 x 7 = 40,556,593; printed 40,556,660: off by 67 thousand, beyond the
    # rounding of the one print and seven times the other's (4 thousand)
    rows = _share_releases(tmp_path / "b", (40_556_660, 5_834_858 * 7))
    assert [(c, s, int(e), int(a), int(t)) for c, s, e, a, t in rows] == [  # type: ignore[call-overload]
        ("prior-period-mismatch", "error", 40_556_593_000, 40_556_660_000, 4_000)
    ]


def test_a_reprint_off_by_a_line_of_the_first_print_is_a_reclassification(
    tmp_path: Path,
) -> None:
    # the first print shows participating shares apart; the reprint's basic count holds
    # them (5,793,799 + 100,000): the same total, a line merged, not a misprint
    extra = "  Participating securities            100,000        90,000\n"
    rows = _share_releases(tmp_path / "in", (5_893_799, 5_834_858), extra)
    assert [(code, severity) for code, severity, *_ in rows] == [("restated", "info")]


def _summary(
    quarters: tuple[str, str, str], lines: dict[str, tuple[int, int, int]], head: str
) -> str:
    """A data summary whose columns name fiscal quarters (``Q2'24``) and no end date:
    revenue by segment under ``head`` (none if empty), the segments' ``lines`` and their
    total."""
    rows = "\n".join(
        f"  {name:<22}{a:>8,}    {b:>8,}    {c:>8,}" for name, (a, b, c) in lines.items()
    )
    totals = [sum(v[i] for v in lines.values()) for i in range(3)]
    return f"""

                          UNAUDITED SUMMARY DATA
                           (Revenue in millions)

                          {quarters[0]:>8}    {quarters[1]:>8}    {quarters[2]:>8}
{head}
{rows}
  Total                 {totals[0]:>8,}    {totals[1]:>8,}    {totals[2]:>8,}
"""


_SEGMENTS = {"Americas": 1_316, "Europe": 704, "Japan": 257}


def _quarter_releases(
    folder: Path,
    *,
    q2_24_reprinted: dict[str, int],
    first: bool = True,
    retail: bool = False,
    head: str = "Operating Segments",
) -> list[tuple[object, ...]]:
    """Fiscal Q2'24 (its current quarter, if ``first``), Q3'24 (Q2'24 as the sequential
    quarter) and Q2'25 (Q2'24 a year ago, as ``q2_24_reprinted``); with ``retail``, the
    first two also print a "Retail" segment the last one has folded into the others."""
    q2 = dict(_SEGMENTS)

    def lines(
        figures: dict[str, tuple[int, int, int]], shop: tuple[int, int, int]
    ) -> dict[str, tuple[int, int, int]]:
        return {**figures, "Retail": shop} if retail else figures

    releases = [
        ("q3_24.txt", date(2024, 7, 30), date(2024, 6, 29), ("Q3'24", "Q2'24", "Q3'23"),
         lines({k: (v + 10, v, v - 20) for k, v in q2.items()}, (320, 300, 270))),
        ("q2_25.txt", date(2025, 4, 29), date(2025, 3, 29), ("Q2'25", "Q1'25", "Q2'24"),
         {k: (v + 40, v + 60, q2_24_reprinted.get(k, v)) for k, v in q2.items()}),
    ]  # fmt: skip
    if first:
        releases.append(
            ("q2_24.txt", date(2024, 4, 30), date(2024, 3, 30), ("Q2'24", "Q1'24", "Q2'23"),
             lines({k: (v, v + 30, v - 50) for k, v in q2.items()}, (300, 310, 280)))
        )  # fmt: skip
    for name, filed, end, quarters, figures in releases:
        note = _summary(quarters, figures, head)
        _write(folder, name, submission(*COMPANY, filed, end,
                                        [(3, end.year, 4800, 2900), (3, end.year - 1, 4500, 2800)],
                                        note=note))  # fmt: skip
    db = folder.parent / "s.duckdb"
    run([str(folder)], str(db), Options(jobs=1))
    restatements(str(db))
    return _across(db)


def _across(db: Path) -> list[tuple[object, ...]]:
    """The store's findings across releases: each with its release and the earlier one."""
    return query(
        db,
        "SELECT s.path, e.path, f.code, f.severity, f.expected, f.actual, f.message "
        "FROM findings f JOIN sources s USING (source_id) "
        "JOIN sources e ON e.source_id = f.related_source_id "
        "WHERE f.origin = 'restatements' ORDER BY s.path, f.line",
    )


def test_a_fiscal_quarter_printed_without_an_end_date_is_compared_by_its_name(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    # Americas Q2'24 is 1,316 where Q2'24 is current and as Q3'24's sequential quarter;
    # the Q2'25 release prints 1,317 for it a year later: the same precision, not equal
    # (and its total with it, 2,278 against 2,277)
    rows = _quarter_releases(folder, q2_24_reprinted={"Americas": 1_317})
    assert [(Path(str(r[0])).name, Path(str(r[1])).name, r[2], r[3]) for r in rows] == [
        ("q2_25.txt", "q2_24.txt", "prior-period-mismatch", "error")
    ] * 2
    assert [(int(r[4]), int(r[5])) for r in rows] == [  # type: ignore[call-overload]
        (1_316_000_000, 1_317_000_000),
        (2_277_000_000, 2_278_000_000),
    ]
    message = rows[0][6]
    assert str(message).startswith(
        "Americas (under 'operating segments', fiscal quarter Q2 2024, no end date printed) "
        'is printed 1,317 here (column "Q2\'24") but 1,316 where it was first printed'
    )


def test_equal_fiscal_quarter_reprints_give_no_finding(tmp_path: Path) -> None:
    assert _quarter_releases(tmp_path / "in", q2_24_reprinted={}) == []
    db = tmp_path / "s.duckdb"
    # Americas, Europe, Japan and Total of Q2'24 in Q3'24 and in Q2'25 (Q2'23 and
    # Q3'23 have no print as current quarter but each one print only)
    assert restatements(str(db)).compared == 8


def test_a_fiscal_quarter_no_release_prints_as_current_is_compared_with_its_earliest_print(
    tmp_path: Path,
) -> None:
    # Q2'24's own release is not in the store: Q3'24's print of it is the earliest
    rows = _quarter_releases(tmp_path / "in", q2_24_reprinted={"Japan": 258}, first=False)
    assert [(Path(str(r[0])).name, Path(str(r[1])).name, r[2], r[3]) for r in rows] == [
        ("q2_25.txt", "q3_24.txt", "prior-period-mismatch", "error")
    ] * 2  # Japan and the total


def test_a_fiscal_quarter_reprinted_with_its_lines_redrawn_is_a_recast(tmp_path: Path) -> None:
    # the later release has folded "Retail" into the geographic segments: each one
    # differs from its first print, which is no misprint
    reprinted = {"Americas": 1_516, "Europe": 764, "Japan": 297}
    rows = _quarter_releases(tmp_path / "in", q2_24_reprinted=reprinted, retail=True)
    assert {(r[2], r[3]) for r in rows} == {("restated", "info")}
    assert len(rows) == 3  # the total is the same: 1,316 + 704 + 257 + 300 = 2,577
    assert "(only earlier: 'retail'): lines redrawn (recast)" in str(rows[0][6])


def test_a_row_under_no_head_is_known_among_the_same_lines_of_its_table(tmp_path: Path) -> None:
    # no "Operating Segments" head: "Europe" alone names nothing, but "Europe" among
    # Americas, Europe, Japan and Total, in a table of the same lines, is the same line
    (tmp_path / "a").mkdir()
    rows = _quarter_releases(tmp_path / "a" / "in", q2_24_reprinted={"Europe": 714}, head="")
    assert [(Path(str(r[0])).name, r[2], r[3]) for r in rows] == [
        ("q2_25.txt", "prior-period-mismatch", "error")
    ] * 2  # Europe and the total
    assert str(rows[0][6]).startswith(
        "Europe (among the same lines of its table, fiscal quarter Q2 2024, no end date "
        "printed) is printed 714 here"
    )
    # where the later table's lines are not the same (Retail folded in), nothing is compared
    reprinted = {"Americas": 1_516, "Europe": 764, "Japan": 297}
    (tmp_path / "b").mkdir()
    assert (
        _quarter_releases(tmp_path / "b" / "in", q2_24_reprinted=reprinted, retail=True, head="")
        == []
    )


def test_a_version_3_store_has_its_fiscal_quarters_read_again_from_their_headers(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "in"
    before = _quarter_releases(folder, q2_24_reprinted={"Americas": 1_317})
    assert len(before) == 2
    db = tmp_path / "s.duckdb"
    (named,) = query(db, "SELECT count(*) FROM columns WHERE period_quarter IS NOT NULL")
    assert named[0] == 9  # three releases, three quarter columns each
    con = duckdb.connect(str(db))  # make it what version 3 wrote
    con.execute("ALTER TABLE columns DROP COLUMN period_quarter")
    con.execute("UPDATE store_meta SET value = '3' WHERE key = 'schema_version'")
    con.execute("DELETE FROM findings WHERE origin = 'restatements'")
    con.close()
    run([str(folder)], str(db), Options(jobs=1))  # opened for writing: upgraded
    assert query(db, "SELECT value FROM store_meta WHERE key = 'schema_version'") == [("4",)]
    assert query(db, "SELECT count(*) FROM columns WHERE period_quarter IS NOT NULL") == [named]
    restatements(str(db))
    assert _across(db) == before
