"""An index page over a stored corpus (the DuckDB store ``tieout batch`` writes).

Status per release (stored or failed, errors, warnings, info) in a table a reader filters
by text, status and findings; charts of the findings by year and code and of each
company's key figures across quarters, drawn as inline SVG (``svg.py``). The page is
self-contained under the same strict content policy as the report.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from pathlib import Path
from typing import Any

import duckdb

from tieout.report.html import _asset, content_policy
from tieout.report.svg import lines, stacked_bars

KEY_CONCEPTS = ("Revenue", "NetIncome")


@dataclass(frozen=True, slots=True)
class StoredRelease:
    source_id: int
    path: str
    status: str
    reason: str | None
    company: str
    filed: str
    year: int | None
    tables: int | None
    figures: int | None
    errors: int
    warnings: int
    infos: int


def _company(company: str | None, path: str) -> str:
    """The company's name; for a bare exhibit, the name its file begins with."""
    if company:
        return company
    stem = Path(path).name.split("_")[0]
    return re.sub(r"[-_]+", " ", stem).strip() or "(unknown)"


def releases(con: duckdb.DuckDBPyConnection) -> list[StoredRelease]:
    rows = con.execute(
        """
        SELECT s.source_id, s.path, s.status, s.reason, s.company, s.filed, s.year, s.tables,
               s.figures, coalesce(s.errors, 0), coalesce(s.warnings, 0),
               (SELECT count(*) FROM findings f
                 WHERE f.source_id = s.source_id AND f.severity = 'info')
        FROM sources s ORDER BY s.status DESC, s.company, s.filed, s.path
        """
    ).fetchall()
    return [
        StoredRelease(
            r[0],
            r[1],
            r[2],
            r[3],
            _company(r[4], r[1]),
            str(r[5] or ""),
            r[6],
            r[7],
            r[8],
            r[9],
            r[10],
            r[11],
        )  # fmt: skip
        for r in rows
    ]


def findings_by_year(con: duckdb.DuckDBPyConnection) -> tuple[list[str], dict[str, list[int]]]:
    """Errors and warnings per year, by code: the categories and one series per code."""
    rows = con.execute(
        """
        SELECT coalesce(CAST(s.year AS VARCHAR), '?') AS year, f.code, count(*)
        FROM findings f JOIN sources s USING (source_id)
        WHERE f.severity IN ('error', 'warning')
        GROUP BY ALL ORDER BY 1, 2
        """
    ).fetchall()
    years = sorted({r[0] for r in rows})
    series: dict[str, list[int]] = defaultdict(lambda: [0] * len(years))
    for year, code, n in rows:
        series[code][years.index(year)] += n
    return years, dict(series)


def key_figures(
    con: duckdb.DuckDBPyConnection,
) -> dict[str, dict[str, list[tuple[str, Decimal]]]]:
    """Per company, per key concept: the quarter's figure for each quarter any release
    prints (the first such row of a release; the value most releases print)."""
    rows = con.execute(
        f"""
        WITH f AS (
          SELECT source_id, path, cik, company, concept, period_end, value,
                 row_number() OVER (PARTITION BY source_id, concept, period_end
                                    ORDER BY table_no, row_no) AS rn
          FROM figures
          WHERE concept IN ({", ".join("?" for _ in KEY_CONCEPTS)}) AND months = 3
            AND period_end IS NOT NULL AND segment IS NULL AND unit = 'USD'
        )
        SELECT any_value(company), any_value(path), concept, period_end, mode(value)
        FROM f WHERE rn = 1
        GROUP BY coalesce(cik, company, regexp_extract(path, '([^/_]+)_[^/]*$', 1)), concept,
                 period_end
        ORDER BY period_end
        """,
        list(KEY_CONCEPTS),
    ).fetchall()
    out: dict[str, dict[str, list[tuple[str, Decimal]]]] = defaultdict(lambda: defaultdict(list))
    for company, path, concept, period_end, value in rows:
        out[_company(company, path)][concept].append((str(period_end), value))
    return {c: dict(v) for c, v in out.items()}


def _status(r: StoredRelease) -> str:
    if r.status != "ok":
        return "failed"
    return "errors" if r.errors else ("warnings" if r.warnings else "clean")


def render_index(store: str | Path, *, pages: dict[int, str] | None = None) -> str:
    """The index page of a store (``pages`` maps a source id to its report's file name)."""
    con = duckdb.connect(str(store), read_only=True)
    try:
        stored = releases(con)
        years, by_code = findings_by_year(con)
        figures = key_figures(con)
    finally:
        con.close()
    pages = pages or {}
    counts: dict[str, int] = defaultdict(int)
    for r in stored:
        counts[_status(r)] += 1
    rows = []
    for r in stored:
        status = _status(r)
        name = escape(r.path)
        if r.source_id in pages:
            name = f'<a href="{escape(pages[r.source_id])}">{name}</a>'
        rows.append(
            f'<tr class="s-{status}" data-status="{status}"><td>{name}</td>'
            f"<td>{escape(r.company)}</td><td>{escape(r.filed)}</td><td>{r.year or ''}</td>"
            f'<td class="st">{status}</td><td class="n">{r.errors}</td>'
            f'<td class="n">{r.warnings}</td><td class="n">{r.infos}</td>'
            f'<td class="n">{r.tables if r.tables is not None else ""}</td>'
            f'<td class="n">{r.figures if r.figures is not None else ""}</td>'
            f"<td>{escape(r.reason or '')}</td></tr>"
        )
    charts = [stacked_bars("Errors and warnings by year and code", years, by_code)]
    for company, series in sorted(figures.items()):
        quarters = {x for s in series.values() for x, _ in s}
        if len(quarters) >= 3:
            charts.append(
                lines(
                    f"{company}: quarterly {', '.join(series)}",
                    {k: v for k, v in series.items()},
                )
            )
    script = _asset("index.js")
    lights = " ".join(
        f'<span class="light s-{k}">{counts.get(k, 0)} {k}</span>'
        for k in ("clean", "warnings", "errors", "failed")
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="referrer" content="no-referrer"><title>tieout corpus index</title>'
        f'<meta http-equiv="Content-Security-Policy" content="{content_policy(script)}">'
        f"<style>{_asset('index.css')}</style></head><body>"
        f"<h1>tieout corpus index</h1><p>{escape(str(store))}: {len(stored)} files. {lights}</p>"
        f'<section class="charts">{"".join(charts)}</section>'
        '<div class="filters"><input type="search" id="q" placeholder="filter by text" '
        'aria-label="filter"><select id="status" aria-label="status"><option value="">any status'
        "</option><option>clean</option><option>warnings</option><option>errors</option>"
        "<option>failed</option></select></div>"
        '<table id="releases"><thead><tr><th>file</th><th>company</th><th>filed</th>'
        "<th>year</th><th>status</th><th>errors</th><th>warnings</th><th>info</th>"
        "<th>tables</th><th>figures</th><th>reason</th></tr></thead><tbody>"
        + "".join(rows)
        + f"</tbody></table><script>{script}</script></body></html>\n"
    )


def index_data(store: str | Path) -> dict[str, Any]:
    """What the index shows, as data (for tests and scripts)."""
    con = duckdb.connect(str(store), read_only=True)
    try:
        years, by_code = findings_by_year(con)
        return {
            "releases": [r.path for r in releases(con)],
            "years": years,
            "by_code": by_code,
            "key_figures": key_figures(con),
        }
    finally:
        con.close()
