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
compared by its label alone (too many lines are called "Americas" or "Other"), but by its
label among the same lines of its table (three or more): the same table printed again.

A column that names a fiscal quarter and year but no end date (``Q4'12``, ``Q2 2015``) is
a period of the company's fiscal calendar: its facts are matched by fiscal year and
quarter. Its end date is not guessed: a 52/53-week year ends on a different day each
year, and a release dates only some of the quarters it prints. Its first print is the
release whose latest fiscal quarter it is; where no such release prints the row, its
earliest print (two prints of one fact are the same figure either way).

Two prints at the same precision are the same amount rounded the same way, so they are
equal: only prints at different precisions may differ, by half a unit of each. Share
counts and per-share figures a whole multiple apart are a stock split since the first
print, the comparative adjusted for it: a share count is compared with the first print
times the split (to half a unit of the one, and the split's multiple of the other's);
a per-share figure, adjusted from unrounded amounts, is not compared. A reprint off by exactly a
figure one of the two releases prints for the same period (a line merged into this one or
split out of it: "Deferred tax assets" folded into "Other current assets") is a
reclassification, reported as restated (info); so is a reprint whose row's head (or table,
for a row under no head) holds other lines than at the first print: lines added or folded
in redraw what each one holds. Quarters are derived from years to date
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

# The lines printed with figures under each head of each table (the lines of a table
# under no head together), each as its key: what a reprint's row is printed among. A row
# under no head is known by its label among the same lines of its table, if there are
# at least _MIN_LINES of them (a table of one or two lines names nothing).
_MIN_LINES = 3
_HEADS = f"""
CREATE OR REPLACE TEMP TABLE _heads AS
SELECT r.source_id, r.table_no, {_NORM.format("coalesce(r.section, '')")} AS head,
       list_sort(list(DISTINCT {_NORM.format("r.label")})) AS lines
FROM rows r
SEMI JOIN cells c ON c.source_id = r.source_id AND c.table_no = r.table_no
                 AND c.row_no = r.row_no AND c.value IS NOT NULL
GROUP BY ALL
"""

_FACTS = f"""
CREATE OR REPLACE TEMP TABLE _facts AS
WITH known AS (  -- a name that one CIK alone has had
  SELECT key, any_value(cik) AS cik FROM company_names GROUP BY key HAVING count(DISTINCT cik) = 1
),
f AS (
  SELECT c.source_id,
         coalesce(r.concept, CASE WHEN trim(coalesce(r.section, '')) <> ''
           THEN 'row: ' || {_NORM.format("r.label")} || ' / ' || {_NORM.format("r.section")}
           WHEN len(h.lines) >= {_MIN_LINES}
           THEN 'line: ' || {_NORM.format("r.label")} || ' / ' || md5(array_to_string(h.lines, '|'))
         END) AS key,
         coalesce(s.cik, n.cik, trim(regexp_replace(upper(s.company), '[^A-Z0-9&]+', ' ', 'g')))
           AS company_key,
         s.path, s.filed,
         s.mentions_restated, r.unit, coalesce(k.segment, '') AS segment,
         k.period_end, coalesce(k.months, 0) AS months, coalesce(k.instant, false) AS instant,
         CASE WHEN k.period_end IS NULL THEN k.period_year END AS fiscal_year,
         CASE WHEN k.period_end IS NULL THEN k.period_quarter END AS fiscal_quarter,
         c.value, c.precision, c.raw, c.line, r.label AS row_label, k.label AS column_label,
         t.title, c.table_no, {_NORM.format("coalesce(r.section, '')")} AS head
  FROM cells c
  JOIN sources s USING (source_id)
  JOIN rows r ON r.source_id = c.source_id AND r.table_no = c.table_no AND r.row_no = c.row_no
  JOIN columns k ON k.source_id = c.source_id AND k.table_no = c.table_no
                AND k.column_no = c.column_no
  JOIN tables t ON t.source_id = c.source_id AND t.table_no = c.table_no
  LEFT JOIN _heads h ON h.source_id = c.source_id AND h.table_no = c.table_no AND h.head = ''
                    AND trim(coalesce(r.section, '')) = ''
  LEFT JOIN known n ON n.key = trim(regexp_replace(upper(s.company), '[^A-Z0-9&]+', ' ', 'g'))
  WHERE s.status = 'ok' AND c.value IS NOT NULL
    AND (k.period_end IS NOT NULL AND (k.instant OR k.months IS NOT NULL)
         OR k.period_end IS NULL AND k.period_quarter IS NOT NULL AND k.period_year IS NOT NULL)
    AND coalesce(s.cik, s.company) IS NOT NULL
)
SELECT source_id, company_key, key AS concept, unit, segment, period_end, months, instant,
       fiscal_year, fiscal_quarter, fiscal_year * 4 + fiscal_quarter AS fiscal_no,
       any_value(path) AS path, any_value(filed) AS filed,
       any_value(mentions_restated) AS mentions_restated,
       min(value) AS value, max(precision) AS precision, arg_min(raw, line) AS raw,
       min(line) AS line, arg_min(row_label, line) AS row_label,
       arg_min(column_label, line) AS column_label,
       arg_min(table_no, line) AS table_no, arg_min(head, line) AS head,
       bool_or(regexp_matches(column_label || ' ' || title, '{_SAYS}')) AS says_restated
FROM f
WHERE key IS NOT NULL
GROUP BY source_id, company_key, concept, unit, segment, period_end, months, instant,
         fiscal_year, fiscal_quarter
HAVING count(DISTINCT value) = 1
"""

# A release's current period: its latest period end, and its latest fiscal quarter named
# without an end date (``Q2'15`` is 2015 * 4 + 2).
_CURRENT = """
CREATE OR REPLACE TEMP TABLE _current AS
SELECT source_id, max(period_end) FILTER (WHERE NOT instant) AS current_end,
       max(fiscal_no) AS current_quarter
FROM _facts GROUP BY source_id
"""

# The period of a fact: an end date, duration and instant, or a fiscal quarter of a year
# printed without an end date (its period_end NULL); NULL matches NULL here.
_SAME_PERIOD = (
    "l.period_end IS NOT DISTINCT FROM e.period_end AND l.months = e.months "
    "AND l.instant = e.instant AND l.fiscal_year IS NOT DISTINCT FROM e.fiscal_year "
    "AND l.fiscal_quarter IS NOT DISTINCT FROM e.fiscal_quarter"
)

# Whether the release ``c`` prints the fact ``f`` as its current period.
_IS_CURRENT = "(f.period_end = {c}.current_end OR f.fiscal_no = {c}.current_quarter)"

# A fact's first print: the release whose current period it is (earliest filed); for a
# fiscal quarter that no such release prints (under this row), its earliest print.
_ORIGIN = f"""
CREATE OR REPLACE TEMP TABLE _origin AS
SELECT f.* FROM _facts f JOIN _current c USING (source_id)
WHERE {_IS_CURRENT.format(c="c")} OR f.period_end IS NULL
QUALIFY row_number() OVER (
  PARTITION BY company_key, concept, unit, segment, period_end, months, instant,
               fiscal_year, fiscal_quarter
  ORDER BY coalesce({_IS_CURRENT.format(c="c")}, false) DESC, filed NULLS LAST, source_id) = 1
"""

_KEY = (
    "l.company_key = e.company_key AND l.concept = e.concept AND l.unit = e.unit "
    "AND l.segment = e.segment"
)

_REPRINTS = f"""
SELECT l.source_id, e.source_id, l.concept, l.period_end, l.months, l.instant,
       l.value, l.precision, l.raw, l.line, l.row_label, l.column_label,
       l.says_restated, l.mentions_restated,
       e.value, e.precision, e.raw, e.path, e.filed, l.unit, l.fiscal_year, l.fiscal_quarter,
       l.table_no, l.head, e.table_no, e.head
FROM _facts l
JOIN _current lc ON lc.source_id = l.source_id
JOIN _origin e ON {_KEY} AND {_SAME_PERIOD} AND l.source_id <> e.source_id
JOIN _current ec ON ec.source_id = e.source_id
WHERE lc.current_end > l.period_end
   OR l.period_end IS NULL AND lc.current_quarter > ec.current_quarter
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
    if key.startswith("line: "):
        return "among the same lines of its table"
    return key


def _fmt(value: Decimal) -> str:
    text = f"{value:,f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _raw(text: str) -> str:
    return " ".join(text.split())


def _period(
    end: date | None, months: int, instant: bool, fiscal: tuple[int, int] | None = None
) -> str:
    """A fact's period in words: its end date and duration, or the fiscal quarter its
    column names without an end date."""
    if end is None:
        year, quarter = fiscal or (None, None)
        return f"fiscal quarter Q{quarter} {year}, no end date printed"
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
     mentions, ev, ep, eraw, epath, efiled, unit, fiscal_year, fiscal_quarter,
     ltable, lhead, etable, ehead) = row  # fmt: skip
    fiscal = None if fiscal_year is None else (fiscal_year, fiscal_quarter)
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
        f"{label} ({_known_as(concept)}, {_period(end, months, instant, fiscal)}) is printed {_raw(lraw)} here "
        f"(column {column!r}) but {_raw(eraw)} where it was first printed, in "
        f"{_earlier(epath, efiled)}{split}"
    )
    found = _finding(
        lid, eid, line, says, mentions,
        code=MISMATCH, expected=expected, actual=lv, tolerance=tolerance, said=said, why=True,
    )  # fmt: skip
    found["fact"] = (end, months, instant, unit, fiscal_year, fiscal_quarter)
    found["heads"] = ((lid, ltable, lhead), (eid, etable, ehead))
    return found


_MERGED = """
SELECT row_label FROM _facts
WHERE source_id IN (?, ?) AND period_end IS NOT DISTINCT FROM ? AND months = ? AND instant = ?
  AND unit = ? AND fiscal_year IS NOT DISTINCT FROM ? AND fiscal_quarter IS NOT DISTINCT FROM ?
  AND abs(abs(value) - ?) <= precision
ORDER BY source_id, line LIMIT 1
"""


def _reclassified(con: Any, found: dict[str, Any]) -> None:
    """A reprint's error made a restatement (info) where the two prints differ by exactly
    a figure either release prints for the period: a line merged or split out."""
    if found["severity"] != "error" or "fact" not in found:
        return
    gap = abs(found["difference"])  # the fact: end, months, instant, unit, fiscal year, quarter
    row = con.execute(
        _MERGED, [found["source_id"], found["related"], *found["fact"], gap]
    ).fetchone()
    if row is not None:
        found.update(
            code=RESTATED,
            severity="info",
            message=f"{found['message']}; off by exactly {row[0]!r} of the period: a line "
            "merged or split out (reclassified)",
        )


_LINES = "SELECT lines FROM _heads WHERE source_id = ? AND table_no = ? AND head = ?"


def _realigned(con: Any, found: dict[str, Any]) -> None:
    """A reprint's error made a restatement (info) where the lines printed under its
    row's head are not the same in the two releases: lines added or dropped beside it
    (Apple's "Retail" segment folded into the geographic ones) redraw what each line
    holds, so the earlier print is no proof against the later one."""
    if found["severity"] != "error" or "heads" not in found:
        return
    (lid, ltable, head), (eid, etable, ehead) = found["heads"]
    later = con.execute(_LINES, [lid, ltable, head]).fetchone()
    earlier = con.execute(_LINES, [eid, etable, ehead]).fetchone()
    if later is None or earlier is None or set(later[0]) == set(earlier[0]):
        return
    gone = sorted(set(earlier[0]) - set(later[0]))
    new = sorted(set(later[0]) - set(earlier[0]))
    where = f"under {head!r}" if head else "of its table"
    changed = "; ".join(
        f"{what}: {', '.join(repr(x) for x in names)}"
        for what, names in (("only earlier", gone), ("only here", new))
        if names
    )
    found.update(
        code=RESTATED,
        severity="info",
        message=f"{found['message']}; the lines {where} are not those of the first print "
        f"({changed}): lines redrawn (recast)",
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
        for sql in (_HEADS, _FACTS, _CURRENT, _ORIGIN):
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
            _realigned(con, f)
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
