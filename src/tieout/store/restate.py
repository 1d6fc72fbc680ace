"""Across releases: a figure reprinted in a later release against its first print.

A company's release prints the current period and, beside it, comparatives: the same
quarter a year earlier, the prior year-end balance sheet. Each comparative was the
current figure of an earlier release. With both releases in the store the two prints
are compared, rounding-aware (|a - b| <= (u_a + u_b) / 2): a difference is a finding on
the later release, ``restated`` when the release says so, an error otherwise.

The same holds for a quarter inside a year-to-date figure: six months ended June less
the three months ended June is the quarter ended March, which the first-quarter release
printed; nine months less the quarter gives the six months of the second-quarter release.

What is compared (a *fact*): company (CIK; else the CIK that had the release's company
name, from the view ``company_names``; else the name), concept, unit,
column segment, period end, duration in months (or instant). A row that names no concept
of the vocabulary is its label under its section head ("Basic" under "Shares used in
computing earnings per share"), footnote marks set aside; a row under no head is not
compared by its label (too many lines are called "Americas" or "Other").

Two prints at the same precision are the same amount rounded the same way, so they are
equal: only prints at different precisions may differ, by half a unit of each. Share
counts and per-share figures a whole multiple apart are a stock split since the first
print, the comparative adjusted for it: a share count is compared with the first print
times the split (to half a unit of the one, and the split's multiple of the other's);
a per-share figure, adjusted from unrounded amounts, is not compared. A reprint off by exactly a
figure one of the two releases prints for the same period (a line merged into this one or
split out of it: "Deferred tax assets" folded into "Other current assets") is a
reclassification, reported as restated (info). Quarters are derived from years to date
of concepts only: a row known by its label may be a count or an average. A release that prints one
fact with two values (two tables that mean different things) is left out of that fact.
The first print of a fact is the release whose latest period end is the fact's period
end (earliest filed, if several). Release text without a company (a bare exhibit, no
EDGAR header) cannot be matched and is not compared.

Findings go into ``findings`` with ``origin = 'restatements'`` and ``related_source_id``
the earlier release; each run replaces the previous run's, in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

import pyarrow as pa

from tieout.model import FindingCode
from tieout.store.rows import figures
from tieout.store.schema import FINDINGS
from tieout.store.writer import existing

RESTATED = FindingCode.RESTATED
MISMATCH = FindingCode.PRIOR_PERIOD_MISMATCH
DERIVED = FindingCode.QUARTER_DERIVATION_MISMATCH
_SAYS = r"(?i)restat|recast|as\s+revised|as\s+adjusted"

# a label or section head as a key: lower case, footnote marks "(c)" and punctuation gone
_NORM = (
    "trim(regexp_replace(regexp_replace(lower({}), '\\([^)]*\\)', ' ', 'g'), "
    "'[^a-z0-9&%$]+', ' ', 'g'))"
)

_FACTS = f"""
CREATE OR REPLACE TEMP TABLE _facts AS
WITH known AS (  -- a name that one CIK alone has had
  SELECT key, any_value(cik) AS cik FROM company_names GROUP BY key HAVING count(DISTINCT cik) = 1
),
f AS (
  SELECT c.source_id,
         coalesce(r.concept, CASE WHEN trim(coalesce(r.section, '')) <> ''
           THEN 'row: ' || {_NORM.format("r.label")} || ' / ' || {_NORM.format("r.section")}
         END) AS key,
         coalesce(s.cik, n.cik, trim(regexp_replace(upper(s.company), '[^A-Z0-9&]+', ' ', 'g')))
           AS company_key,
         s.path, s.filed,
         s.mentions_restated, r.unit, coalesce(k.segment, '') AS segment,
         k.period_end, coalesce(k.months, 0) AS months, coalesce(k.instant, false) AS instant,
         c.value, c.precision, c.raw, c.line, r.label AS row_label, k.label AS column_label,
         t.title
  FROM cells c
  JOIN sources s USING (source_id)
  JOIN rows r ON r.source_id = c.source_id AND r.table_no = c.table_no AND r.row_no = c.row_no
  JOIN columns k ON k.source_id = c.source_id AND k.table_no = c.table_no
                AND k.column_no = c.column_no
  JOIN tables t ON t.source_id = c.source_id AND t.table_no = c.table_no
  LEFT JOIN known n ON n.key = trim(regexp_replace(upper(s.company), '[^A-Z0-9&]+', ' ', 'g'))
  WHERE s.status = 'ok' AND c.value IS NOT NULL
    AND k.period_end IS NOT NULL AND (k.instant OR k.months IS NOT NULL)
    AND coalesce(s.cik, s.company) IS NOT NULL
)
SELECT source_id, company_key, key AS concept, unit, segment, period_end, months, instant,
       any_value(path) AS path, any_value(filed) AS filed,
       any_value(mentions_restated) AS mentions_restated,
       min(value) AS value, max(precision) AS precision, arg_min(raw, line) AS raw,
       min(line) AS line, arg_min(row_label, line) AS row_label,
       arg_min(column_label, line) AS column_label,
       bool_or(regexp_matches(column_label || ' ' || title, '{_SAYS}')) AS says_restated
FROM f
WHERE key IS NOT NULL
GROUP BY source_id, company_key, concept, unit, segment, period_end, months, instant
HAVING count(DISTINCT value) = 1
"""

_CURRENT = """
CREATE OR REPLACE TEMP TABLE _current AS
SELECT source_id, max(period_end) FILTER (WHERE NOT instant) AS current_end
FROM _facts GROUP BY source_id
"""

# A fact's first print: the release whose current period ends on it (earliest filed).
_ORIGIN = """
CREATE OR REPLACE TEMP TABLE _origin AS
SELECT f.* FROM _facts f JOIN _current c USING (source_id)
WHERE f.period_end = c.current_end
QUALIFY row_number() OVER (
  PARTITION BY company_key, concept, unit, segment, period_end, months, instant
  ORDER BY filed NULLS LAST, source_id) = 1
"""

_KEY = (
    "l.company_key = e.company_key AND l.concept = e.concept AND l.unit = e.unit "
    "AND l.segment = e.segment"
)

_REPRINTS = f"""
SELECT l.source_id, e.source_id, l.concept, l.period_end, l.months, l.instant,
       l.value, l.precision, l.raw, l.line, l.row_label, l.column_label,
       l.says_restated, l.mentions_restated,
       e.value, e.precision, e.raw, e.path, e.filed, l.unit
FROM _facts l
JOIN _current lc ON lc.source_id = l.source_id
JOIN _origin e ON {_KEY} AND l.period_end = e.period_end AND l.months = e.months
               AND l.instant = e.instant AND l.source_id <> e.source_id
WHERE lc.current_end > l.period_end
"""

# Quarter q and year-to-date y of one release; the earlier year-to-date p ends ~3 months
# before: y - p should give q.
_DERIVATIONS = f"""
SELECT l.source_id, e.source_id, l.concept, l.period_end, l.months, l.instant,
       q.value, q.precision, q.raw, q.line, l.row_label, l.column_label,
       l.says_restated OR q.says_restated, l.mentions_restated,
       l.value, l.precision, l.raw, e.value, e.precision, e.raw, e.period_end, e.months,
       e.path, e.filed
FROM _facts l
JOIN _current lc ON lc.source_id = l.source_id AND lc.current_end = l.period_end
JOIN _facts q ON q.source_id = l.source_id AND q.company_key = l.company_key
             AND q.concept = l.concept AND q.unit = l.unit AND q.segment = l.segment
             AND q.period_end = l.period_end AND q.months = 3 AND NOT q.instant
JOIN _origin e ON {_KEY} AND NOT e.instant AND e.months = l.months - 3
              AND e.source_id <> l.source_id
              AND date_diff('day', e.period_end, l.period_end) BETWEEN 84 AND 98
WHERE NOT l.instant AND l.months IN (6, 9, 12) AND l.concept NOT LIKE 'row: %'
"""


@dataclass(frozen=True, slots=True)
class Summary:
    """How many reprinted figures were compared, and how many differ."""

    compared: int
    differ: int
    restated: int
    errors: int


def _known_as(key: str) -> str:
    """How a fact's row is known, for a message: its concept, or the section its label is
    printed under (a row the vocabulary names no concept for)."""
    if key.startswith("row: ") and " / " in key:
        return f"under {key.split(' / ', 1)[1]!r}"
    return key


def _fmt(value: Decimal) -> str:
    text = f"{value:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _raw(text: str) -> str:
    return " ".join(text.split())


def _period(end: date, months: int, instant: bool) -> str:
    return f"at {end.isoformat()}" if instant else f"{months} months ended {end.isoformat()}"


def _earlier(path: str, filed: date | None) -> str:
    return f"{path}" + (f" (filed {filed.isoformat()})" if filed else "")


def _severity(says: bool, mentions: bool) -> tuple[str, str]:
    if says:
        return RESTATED, "info"
    if mentions:
        return RESTATED, "warning"
    return "", "error"


# What a reprint's message adds, by its severity: why it is not an error.
_WHY = {
    "info": "; the release marks it restated",
    "warning": "; the release speaks of a restatement",
    "error": "",
}


def _finding(
    lid: int,
    eid: int,
    line: int,
    says: bool,
    mentions: bool,
    *,
    code: str,
    expected: Decimal,
    actual: Decimal,
    tolerance: Decimal,
    said: str,
    why: bool = False,
) -> dict[str, Any]:
    """The finding of a figure off what it should be by more than ``tolerance``: a
    restatement when its release says or speaks of one, else ``code``. The message is
    ``said``, how far off, and (with ``why``) what the release says of a restatement."""
    difference = actual - expected
    restated, severity = _severity(says, mentions)
    message = (
        f"{said}; off by {_fmt(difference)}, tolerance {_fmt(tolerance)}"
        f"{_WHY[severity] if why else ''}"
    )
    return dict(
        source_id=lid, related=eid, code=restated or code, severity=severity, message=message,
        line=line, expected=expected, actual=actual, difference=difference, tolerance=tolerance,
    )  # fmt: skip


def _reprint(row: tuple[Any, ...]) -> dict[str, Any] | None:
    (lid, eid, concept, end, months, instant, lv, lp, lraw, line, label, column, says,
     mentions, ev, ep, eraw, epath, efiled, unit) = row  # fmt: skip
    tolerance = Decimal(0) if lp == ep else (lp + ep) / 2
    if abs(lv - ev) <= tolerance:
        return None
    expected, split = ev, ""
    factor = _split(lv, ev) if unit in _PER_SHARE else None
    if factor is not None:
        if unit != "shares":
            return None  # a per-share figure is adjusted from unrounded amounts
        expected = ev * factor
        tolerance = (lp + ep * factor) / 2
        if abs(lv - expected) <= tolerance:
            return None
        split = f", which a stock split of {_fmt(factor)} to 1 makes {_fmt(expected)}"
    said = (
        f"{label} ({_known_as(concept)}, {_period(end, months, instant)}) is printed {_raw(lraw)} here "
        f"(column {column!r}) but {_raw(eraw)} where it was first printed, in "
        f"{_earlier(epath, efiled)}{split}"
    )
    found = _finding(
        lid, eid, line, says, mentions,
        code=MISMATCH, expected=expected, actual=lv, tolerance=tolerance, said=said, why=True,
    )  # fmt: skip
    found["fact"] = (end, months, instant, unit)
    return found


_MERGED = """
SELECT row_label FROM _facts
WHERE source_id IN (?, ?) AND period_end = ? AND months = ? AND instant = ? AND unit = ?
  AND abs(abs(value) - ?) <= precision
ORDER BY source_id, line LIMIT 1
"""


def _reclassified(con: Any, found: dict[str, Any]) -> None:
    """A reprint's error made a restatement (info) where the two prints differ by exactly
    a figure either release prints for the period: a line merged or split out."""
    if found["severity"] != "error" or "fact" not in found:
        return
    end, months, instant, unit = found["fact"]
    gap = abs(found["difference"])
    row = con.execute(
        _MERGED, [found["source_id"], found["related"], end, months, instant, unit, gap]
    ).fetchone()
    if row is not None:
        found.update(
            code=RESTATED,
            severity="info",
            message=f"{found['message']}; off by exactly {row[0]!r} of the period: a line "
            "merged or split out (reclassified)",
        )


_PER_SHARE = ("shares", "USD/share")
_MAX_SPLIT = 20
_SPLIT_SLACK = Decimal("0.01")


def _split(later: Decimal, earlier: Decimal) -> Decimal | None:
    """The factor of a stock split between two prints of a share count or a per-share
    figure: a whole ratio from 2 to 20 either way, within a hundredth of the larger print
    (per-share figures are adjusted from unrounded amounts); None if they are no split."""
    if later == 0 or earlier == 0 or (later > 0) != (earlier > 0):
        return None
    big, small = max(abs(later), abs(earlier)), min(abs(later), abs(earlier))
    ratio = round(big / small)
    if not 2 <= ratio <= _MAX_SPLIT or abs(big - ratio * small) > big * _SPLIT_SLACK:
        return None
    return Decimal(ratio) if abs(later) > abs(earlier) else 1 / Decimal(ratio)


def _derivation(row: tuple[Any, ...]) -> dict[str, Any] | None:
    (lid, eid, concept, end, months, instant, qv, qp, qraw, line, label, column, says,
     mentions, yv, yp, yraw, pv, pp, praw, pend, pmonths, epath, efiled) = row  # fmt: skip
    derived = yv - pv
    tolerance = (yp + pp + qp) / 2
    if abs(qv - derived) <= tolerance:
        return None
    said = (
        f"{label} ({concept}): {months} months ended {end.isoformat()} ({_raw(yraw)}) less "
        f"{pmonths} months ended {pend.isoformat()} ({_raw(praw)}, first printed in "
        f"{_earlier(epath, efiled)}) gives {_fmt(derived)} for the quarter, but the quarter "
        f"is printed {_raw(qraw)}"
    )
    return _finding(
        lid, eid, line, says, mentions,
        code=DERIVED, expected=derived, actual=qv, tolerance=tolerance, said=said,
    )  # fmt: skip


def restatements(db: str, *, memory_limit: str = "2GB") -> Summary:
    """Compare every reprinted figure in the store at ``db``; replace the findings."""
    con = existing(db, memory_limit=memory_limit)
    try:
        for sql in (_FACTS, _CURRENT, _ORIGIN):
            con.execute(sql)
        found: list[dict[str, Any]] = []
        compared = 0
        for query, judge in ((_REPRINTS, _reprint), (_DERIVATIONS, _derivation)):
            cursor = con.execute(query)
            while rows := cursor.fetchmany(4096):
                compared += len(rows)
                found.extend(f for f in map(judge, rows) if f is not None)
        for f in found:
            _reclassified(con, f)
        _write(con, found)
    finally:
        con.close()
    restated = sum(1 for f in found if f["code"] == RESTATED)
    return Summary(compared, len(found), restated, len(found) - restated)


def _write(con: Any, found: list[dict[str, Any]]) -> None:
    found.sort(key=lambda f: (f["source_id"], f["line"]))
    numbers: dict[int, int] = {}
    data: dict[str, list[Any]] = {c.name: [] for c in FINDINGS.columns}
    for f in found:
        n = numbers.get(f["source_id"], 0)
        numbers[f["source_id"]] = n + 1
        row = {
            "source_id": f["source_id"],
            "finding_no": n,
            "origin": "restatements",
            "code": f["code"],
            "severity": f["severity"],
            "message": f["message"],
            "line": f["line"],
            "suggestion": None,
            "evidence_lines": [f["line"]],
            "related_source_id": f["related"],
            **figures(
                expected=f["expected"],
                actual=f["actual"],
                difference=f["difference"],
                tolerance=f["tolerance"],
            ),
        }
        for name, column in data.items():
            column.append(row[name])
    table = pa.Table.from_pydict(data, schema=FINDINGS.arrow_schema)
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute("DELETE FROM findings WHERE origin = 'restatements'")
        if table.num_rows:
            con.register("_found", table)
            con.execute("INSERT INTO findings BY NAME SELECT * FROM _found")
            con.unregister("_found")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
