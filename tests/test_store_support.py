"""Fictional releases for the store tests, written here, and a test that they read as meant.

``submission`` writes an EDGAR submission file (header + a plain-text EX-99.1) of a
fictional company's quarterly release: a statement of operations with the quarter, the
same quarter a year earlier and, past the first quarter, the year-to-date columns.
``tiny`` writes a small plain-text release whose hash differs by ``number``, for batches
of thousands of files.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import duckdb

from tieout.pipeline import read

MONTH_NAMES = [
    "JANUARY",
    "FEBRUARY",
    "MARCH",
    "APRIL",
    "MAY",
    "JUNE",
    "JULY",
    "AUGUST",
    "SEPTEMBER",
    "OCTOBER",
    "NOVEMBER",
    "DECEMBER",
]
LABELS = ("Net sales", "Cost of sales", "Gross profit")


def _row(label: str, values: list[int], prefix: str = "") -> str:
    cells = "".join(f"{prefix}{v:>10,}".rjust(13) for v in values)
    return f"{label:<28}{cells}"


def statement(
    end: date,
    columns: list[tuple[int, int, int, int]],
    *,
    restated: bool = False,
) -> str:
    """A statement of operations; each column is (months, year, net sales, cost of sales)."""
    month = MONTH_NAMES[end.month - 1]
    heads = {3: "THREE MONTHS ENDED", 6: "SIX MONTHS ENDED", 9: "NINE MONTHS ENDED"}
    groups = []
    for months in dict.fromkeys(m for m, *_ in columns):
        groups.append((heads[months], [c for c in columns if c[0] == months]))
    line1 = " " * 28 + "".join(f"{h:^26}" for h, _ in groups)
    line2 = " " * 28 + "".join(f"{month + ' ' + str(end.day) + ',':^26}" for _ in groups)
    flat = [c for _, cols in groups for c in cols]
    line3 = " " * 28 + "".join(f"{c[1]:>13}" for c in flat)
    if restated:
        marks = "".join(f"{'RESTATED' if c[1] < end.year else '':>13}" for c in flat)
        line3 += "\n" + " " * 28 + marks
    sales = [c[2] for c in flat]
    cost = [c[3] for c in flat]
    gross = [s - c for s, c in zip(sales, cost, strict=True)]
    rule = " " * 28 + "".join(f"{'--------':>13}" for _ in flat)
    return "\n".join(
        [
            "                  CONDENSED STATEMENTS OF OPERATIONS",
            "                            (IN THOUSANDS)",
            "",
            line1,
            line2,
            line3,
            "",
            _row("Net sales", sales, "$"),
            _row("Cost of sales", cost),
            rule,
            _row("Gross profit", gross),
            "",
        ]
    )


def release_text(
    company: str, end: date, columns: list[tuple[int, int, int, int]], **kw: bool
) -> str:
    return (
        f"EXHIBIT 99.1\n\n{company.upper()} REPORTS RESULTS\n\n"
        f"{company}, a fictional company written for tieout's tests, reported its results "
        f"for the period ended {end.isoformat()}.\n\n" + statement(end, columns, **kw)
    )


def submission(
    company: str,
    cik: str,
    filed: date,
    end: date,
    columns: list[tuple[int, int, int, int]],
    *,
    restated: bool = False,
    note: str = "",
) -> str:
    """A full EDGAR submission file holding the release as its EX-99.1."""
    stamp = filed.strftime("%Y%m%d")
    body = release_text(company, end, columns, restated=restated) + note
    return f"""<SEC-DOCUMENT>0009999999-{stamp[2:4]}-000001.txt : {stamp}
<SEC-HEADER>0009999999-{stamp[2:4]}-000001.hdr.sgml : {stamp}
ACCESSION NUMBER:		0009999999-{stamp[2:4]}-000001
CONFORMED SUBMISSION TYPE:	8-K
PUBLIC DOCUMENT COUNT:		2
CONFORMED PERIOD OF REPORT:	{end.strftime("%Y%m%d")}
ITEM INFORMATION:		Results of Operations and Financial Condition
FILED AS OF DATE:		{stamp}

FILER:

	COMPANY DATA:
		COMPANY CONFORMED NAME:			{company.upper()}
		CENTRAL INDEX KEY:			{cik}
</SEC-HEADER>
<DOCUMENT>
<TYPE>EX-99.1
<SEQUENCE>2
<FILENAME>ex991.txt
<DESCRIPTION>PRESS RELEASE
<TEXT>
{body}
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
"""


def quarterly_filing(year: int) -> str:
    """An EDGAR submission of Quillfeather Instruments for the second quarter of ``year``."""
    return submission(
        "Quillfeather Instruments Inc",
        "0009999991",
        date(year, 7, 30),
        date(year, 6, 30),
        [(3, year, 5000 + year, 3000), (3, year - 1, 4800, 2900)],
    )


def query(db: Path, sql: str) -> list[tuple[object, ...]]:
    """The rows of a query on a store, opened read-only."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def tiny(number: int) -> str:
    """A small plain-text release; ``number`` makes its bytes (and hash) its own."""
    sales = 1000 + number
    return release_text(
        f"Tiny Widgets {number}",
        date(2024, 3, 31),
        [(3, 2024, sales, 600), (3, 2023, 900, 500)],
    )


def write_tiny(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for n in range(count):
        path = folder / f"tiny_{n:05d}.txt"
        path.write_text(tiny(n))
        out.append(path)
    return out


def test_fictional_submission_reads_with_company_periods_and_concepts() -> None:
    text = submission(
        "Quillfeather Instruments Inc",
        "0009999991",
        date(2024, 7, 30),
        date(2024, 6, 30),
        [
            (3, 2024, 5000, 3000),
            (3, 2023, 4800, 2900),
            (6, 2024, 9900, 6000),
            (6, 2023, 9500, 5800),
        ],
    )
    release = read(text.encode(), name="q.txt")
    assert release.source.cik == "0009999991"
    assert release.source.filed == date(2024, 7, 30)
    table = release.tables[0]
    periods = [(c.period.end, c.period.months) for c in table.columns if c.period]
    assert periods == [
        (date(2024, 6, 30), 3),
        (date(2023, 6, 30), 3),
        (date(2024, 6, 30), 6),
        (date(2023, 6, 30), 6),
    ]
    sales = next(r for r in table.rows if r.label == "Net sales")
    assert sales.concept == "Revenue"
    assert [c.value for c in sales.cells if c] == [
        Decimal(v) * 1000 for v in (5000, 4800, 9900, 9500)
    ]
    assert not release.errors


def test_tiny_releases_differ_in_bytes_and_read() -> None:
    assert tiny(1) != tiny(2)
    release = read(tiny(7).encode(), name="t.txt")
    assert release.tables and release.tables[0].rows[0].cells[0] is not None
