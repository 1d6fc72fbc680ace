"""Figures the typed outputs cannot hold (``decimal128(38, 10)``, ``DECIMAL(38, 10)``) are
flagged and kept exactly as text, never rounded, never lost, never a crash."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import duckdb

import tieout
from tieout.model import Release
from tieout.store.batch import Options, run
from tieout.store.rows import release_rows

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "harbor-valve_2024q2.txt"
ROW = "Net sales                               $ 48,215"
TINY = "0." + "0" * 400 + "1"
# what the table's "in thousands" makes of it: the exact value in units, as text
TINY_UNITS = "0." + "0" * 397 + "1"


def _with_tiny_figure() -> bytes:
    text = EXAMPLE.read_text(encoding="utf-8")
    assert ROW in text
    return text.replace(ROW, f"Net sales                               $ {TINY}", 1).encode()


def _tiny_cell(release: Release) -> tuple[int, int, int]:
    """The store's (table_no, row_no, column_no) of the tiny figure."""
    for table in release.tables:
        for row in table.rows:
            for cell in row.cells:
                if cell is not None and TINY in cell.raw:
                    return table.index + 1, row.index, cell.column  # tables count from 1
    raise AssertionError("the reader did not keep the tiny figure")


def _huge(release: Release) -> Release:
    """The release with its first figure made 10**40 (no print is read that way yet)."""
    table = release.tables[0]
    row = next(r for r in table.rows if any(r.cells))
    j, cell = next((j, c) for j, c in enumerate(row.cells) if c is not None)
    cells = list(row.cells)
    cells[j] = replace(cell, value=Decimal(10) ** 40)
    rows = list(table.rows)
    rows[row.index] = replace(row, cells=tuple(cells))
    tables = list(release.tables)
    tables[0] = replace(table, rows=tuple(rows))
    return replace(release, tables=tuple(tables))


def test_facts_flag_values_decimal128_cannot_hold() -> None:
    release = tieout.read(_with_tiny_figure())
    facts = release.facts  # raised ArrowInvalid (would lose precision)
    rows = facts.to_pylist()
    tiny = [r for r in rows if TINY in r["raw"]]
    assert [(r["value"], r["value_text"]) for r in tiny] == [(None, TINY_UNITS)]
    assert all(r["value_text"] is None for r in rows if TINY not in r["raw"])
    assert all(r["value"] is not None for r in rows if TINY not in r["raw"])
    huge = _huge(tieout.read(EXAMPLE)).facts.to_pylist()
    assert [(r["value"], r["value_text"]) for r in huge if r["value_text"]] == [
        (None, "1" + "0" * 40)
    ]


def test_store_keeps_unheld_figures_exactly_beside_a_null_decimal(tmp_path: Path) -> None:
    release = tieout.read(_with_tiny_figure())
    table, row, column = _tiny_cell(release)
    cells = release_rows(release, path="x").get("cells")
    assert cells is not None
    found = [
        r
        for r in cells.to_pylist()
        if (r["table_no"], r["row_no"], r["column_no"]) == (table, row, column)
    ]
    assert [r["value"] for r in found] == [None]  # was 0E-10: rounded away, silently
    assert json.loads(found[0]["exact_text"])["value"] == TINY_UNITS
    # through a batch into DuckDB and back: the same text, and no other figure flagged
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "tiny.txt").write_bytes(_with_tiny_figure())
    db = tmp_path / "s.duckdb"
    assert run([str(folder)], str(db), Options(jobs=1)).stored == 1
    con = duckdb.connect(str(db), read_only=True)
    try:
        flagged = con.execute(
            "SELECT value, json_extract_string(exact_text, '$.value') FROM figures "
            "WHERE exact_text IS NOT NULL"
        ).fetchall()
        zeros = con.execute("SELECT count(*) FROM figures WHERE value = 0").fetchall()
    finally:
        con.close()
    assert flagged == [(None, TINY_UNITS)]
    assert zeros == [(0,)]
    big = release_rows(_huge(tieout.read(EXAMPLE)), path="x")["cells"].to_pylist()
    kept = [(r["value"], json.loads(r["exact_text"])) for r in big if r["exact_text"]]
    assert kept == [(None, {"value": "1" + "0" * 40})]
