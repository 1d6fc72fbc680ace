"""A measure's reconciliation to its GAAP measure, tested in every column, and its recomputations.

Where a reconciliation is looked for, in the order a proof is preferred:

1. **relation**: a sum tieout found (a layout sum or an identity) whose total is the
   measure's row and whose items hold the GAAP measure's row: "Net loss, add back D&A,
   interest, taxes = EBITDA". An identity that builds the measure from another GAAP
   figure (EBITDA = operating income + D&A) recomputes it but does not reconcile it: the
   most directly comparable GAAP measure of EBITDA is net income (C&DI 103.02).
2. **columns**: GAAP | Adjustments | Non-GAAP columns printed side by side; each row's
   non-GAAP figure is its GAAP figure plus its adjustments, with the sign convention the
   table's other rows establish.
3. **rows**: a block titled as a reconciliation (or under such a head) from the GAAP row
   down to the measure's row, which no relation closed: its adjustments are summed here,
   every sign (and leaving a row out) tried.
4. **title** and **side-by-side**: a table or section that says it reconciles the measure
   (or whose rows name it), or prints the GAAP measure beside it for the same periods: a
   reconciliation is presented, its arithmetic is not tested.

Recomputations: every relation whose total is one of the measure's figures and that is
not its reconciliation (segment sums, identities, EPS ratios, repeats; not a change
column, which tests the measure's growth), and two made here
where a relation is missing: adjusted EPS = adjusted net income / diluted shares, and an
adjusted margin = the adjusted figure / revenue. A recomputation made here counts only
where it holds in some column (it is then the table's own arithmetic); it fails in others
only by a misprint.
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from html import unescape
from html.entities import html5
from itertools import product
from operator import attrgetter

from tieout.cells import Chosen, cell_at, options
from tieout.checks.evaluate import evaluate_ratio, evaluate_sum
from tieout.extensions import compiled
from tieout.model import (
    CellRef,
    Document,
    Evaluation,
    NonGaapReconciliation,
    RelationKind,
    RelationSource,
    Release,
    Row,
    RowKind,
    Table,
    Unit,
)
from tieout.nongaap.presented import BasisColumns, Presented, basis_columns, row_measure
from tieout.rounding import HUNDRED, Interval, divide, image, quantized
from tieout.vocabulary.dilution import Dilution, dilution_of
from tieout.vocabulary.leads import led
from tieout.vocabulary.measures import (
    CONCEPT_METRICS,
    MeasureName,
    clean_label,
    may_reconcile,
    metric_of,
    names_gaap,
    reconciling,
    tokens,
)

_TAGS = re.compile(r"<[^>]*>?")
# "a reconciliation of average common shareholders' equity to average tangible ...",
# "Reconciliation from GAAP Revenue to Non-GAAP Constant Currency Revenue".
_RECONCILING_TEXT = led(re.compile(r"\breconcil\w*[^.;:]{0,200}", re.I))
# A block summed here has at most this many adjustment rows: 3**8 sign choices.
MAX_ADJUSTMENTS = 8
_SUMS = (RelationSource.LAYOUT, RelationSource.IDENTITY)
# enum members read once: a member read by attribute goes through its metaclass's
# ``__getattr__`` in Python 3.11 (about 0.4 us), in loops over rows and relations
_USD, _SHARES, _PERCENT, _CHANGE = (
    Unit.USD, Unit.SHARES, Unit.PERCENT, RelationSource.CHANGE
)  # fmt: skip
_GAAP_TOKENS = frozenset({"gaap", "reported", "u", "s", "as"})
# A measure computed from the GAAP figures printed above it is reconciled by them, but for
# EBITDA: its most directly comparable GAAP measure is net income (C&DI 103.02), so
# operating income + D&A recomputes it and does not reconcile it.
_COMPONENTS_NOT_ENOUGH = frozenset({"EBITDA"})


@dataclass(frozen=True, slots=True)
class _Index:
    """The relations whose total lies in one table, by row (table, row): every relation
    (``totals``); the sums tieout found, layout sums and identities (``sums``); and those
    sums by each row of their total's table they hold (``through``). Each list in order."""

    totals: dict[tuple[int, int], list[int]]
    sums: dict[tuple[int, int], list[int]]
    through: dict[tuple[int, int], list[int]]


_TOTAL_TABLE = attrgetter("total.table")


class Seen:
    """What the search for every measure reads of one release, each computed once."""

    def __init__(self, release: Release) -> None:
        self.release = release
        self._columns: dict[int, list[BasisColumns]] = {}
        self._lines: list[tuple[int, int | None, frozenset[str]]] | None = None
        self._sentences: list[frozenset[str]] | None = None
        self._passages: list[tuple[bool, str, list[str]]] | None = None
        self._conventions: dict[BasisColumns, tuple[Chosen, Convention]] = {}
        self._by_table: dict[int, list[int]] | None = None
        self._indexes: dict[int, _Index] = {}

    def columns(self, table: int) -> list[BasisColumns]:
        if table not in self._columns:
            self._columns[table] = basis_columns(self.release.tables[table])
        return self._columns[table]

    def lines(self) -> list[tuple[int, int | None, frozenset[str]]]:
        if self._lines is None:
            self._lines = [(t, r, tokens(text)) for t, r, text in _context_lines(self)]
        return self._lines

    def sentences(self) -> list[frozenset[str]]:
        if self._sentences is None:
            found = [
                m for html, text, found in self.passages() for m in _reconciling(html, text, found)
            ]
            self._sentences = [tokens(text) for text in found]
        return self._sentences

    def convention(self, spec: BasisColumns, chosen: Chosen) -> Convention:
        """``column_convention`` of a spec, found once per spec (for one ``chosen``)."""
        known = self._conventions.get(spec)
        if known is None or known[0] is not chosen:
            known = self._conventions[spec] = (
                chosen,
                column_convention(self.release.tables, spec, chosen),
            )
        return known[1]

    def _index(self, table: int) -> _Index:
        """The relations whose total is in ``table``, indexed (``_Index``): made for the
        tables a measure is printed in, where a release's relations are mostly elsewhere
        (each relation's total table is read once, its terms only in those tables)."""
        index = self._indexes.get(table)
        if index is not None:
            return index
        if self._by_table is None:
            self._by_table = {}
            for i, t in enumerate(map(_TOTAL_TABLE, self.release.relations)):
                here = self._by_table.get(t)
                if here is None:
                    self._by_table[t] = [i]
                else:
                    here.append(i)
        index = self._indexes[table] = _Index({}, {}, {})
        relations, kind = self.release.relations, RelationKind.SUM
        for i in self._by_table.get(table, ()):
            relation = relations[i]
            key = (table, relation.total.row)
            index.totals.setdefault(key, []).append(i)
            if relation.kind is not kind or relation.source not in _SUMS:
                continue
            index.sums.setdefault(key, []).append(i)
            for item in dict.fromkeys([(x.table, x.row) for x in relation.items]):
                if item[0] == table:
                    index.through.setdefault(item, []).append(i)
        return index

    def closing(self, key: tuple[int, int]) -> list[int]:
        """The relations whose total is the row ``key`` (table, row), in order."""
        return self._index(key[0]).totals.get(key, [])

    def sums(
        self, totals: Iterable[tuple[int, int]], items: Iterable[tuple[int, int]] = ()
    ) -> list[int]:
        """The sums tieout found (layout sums and identities) whose total is one of the rows
        ``totals`` or that hold one of the rows ``items`` in their total's table, in order."""
        found = {i for key in totals for i in self._index(key[0]).sums.get(key, ())}
        found.update(i for key in items for i in self._index(key[0]).through.get(key, ()))
        return sorted(found)

    def passages(self) -> list[tuple[bool, str, list[str]]]:
        """Each document's text (``document_text``'s, its tags not yet made spaces), whether
        it is HTML, and its ``spaced_passages``: found once, their tags made spaces once,
        for both whole-text questions (the reconciling sentences, a pointer elsewhere)."""
        if self._passages is None:
            self._passages = []
            for doc in self.release.documents:
                html = doc.format == "html"
                text = doc.text
                self._passages.append((html, text, spaced_passages(html, text)))
        return self._passages


@dataclass
class Judged:
    """What the search found for one measure."""

    reconciliation: NonGaapReconciliation | None = None
    recomputed: list[int] = field(default_factory=list)  # relation indexes
    recomputations: list[Evaluation] = field(default_factory=list)  # made here
    own_failures: list[Evaluation] = field(default_factory=list)  # made here, proof-level


def _gaap_words(name: MeasureName) -> str:
    """The GAAP measure in words: "net income" for ``NetIncome``."""
    return CONCEPT_METRICS.get(name.gaap, name.gaap)


def gaap_row(row: Row, name: MeasureName) -> bool:
    """Whether a row is the measure's GAAP measure (not a measure itself).

    A label that is only the GAAP basis ("- As Reported" under "Basic Earnings Per Share")
    is read with its section.
    """
    if row_measure(row) is not None:
        return False
    if row.concept is not None and (
        row.concept == name.gaap
        or (name.gaap == "NetIncome" and row.concept == "NetIncomeToCommon")
    ):
        return True
    label = tokens(clean_label(row.label))
    gaap = names_gaap(row.label)  # (a search of the label: asked once for both questions)
    if gaap and not label - _GAAP_TOKENS and row.section:
        label = tokens(f"{clean_label(row.section)} {clean_label(row.label)}")
    wanted = tokens(_gaap_words(name))
    if not wanted:
        return False
    if gaap and tokens(name.metric) and tokens(name.metric) <= label | {"gaap"}:
        return True
    return wanted <= label and len(label - wanted) <= 2


def _in_context(table: Table, row: Row) -> bool:
    """Whether a row lies in a table or section that says it reconciles."""
    return reconciling(table.title or "") or reconciling(row.section or "")


def reconcile(
    release: Release, entry: Presented, chosen: Chosen, seen: Seen | None = None
) -> Judged:
    """The measure's reconciliation and recomputations (see the module docstring)."""
    seen = seen or Seen(release)
    judged = Judged()
    found = (
        _by_relation(release, entry, seen)
        or _by_columns(release, entry, chosen, seen)
        or _by_rows(release, entry, chosen)
        or _by_components(release, entry, chosen, seen)
        or _by_title(entry, seen)
        or _side_by_side(release, entry)
        or _by_text(entry, seen)
    )
    judged.reconciliation = found
    used = set(found.relations) if found is not None else set()
    cells = set(entry.cells)
    mine = set(entry.rows)
    for i in sorted(i for key in entry.refs for i in seen.closing(key)):
        relation = release.relations[i]
        if i in used or relation.source is _CHANGE:
            continue  # a change column tests the measure's growth, not the measure
        if (relation.total.table, relation.total.row) in mine or any(
            ev.total in cells for ev in relation.evaluations
        ):
            judged.recomputed.append(i)
    if not any(release.relations[i].kind is RelationKind.RATIO for i in judged.recomputed):
        _eps(release, entry, chosen, judged)
    _margins(release, entry, chosen, judged)
    return judged


# -- 1. relations ------------------------------------------------------------------------


def _by_relation(release: Release, entry: Presented, seen: Seen) -> NonGaapReconciliation | None:
    rows = set(entry.rows) | {(c.table, c.row) for c in entry.cells}
    cells = set(entry.cells)
    mine: list[int] = []
    holds: list[str] = []
    fails: list[str] = []
    gaap_rows: list[int] = []
    table = -1
    measure_rows: list[int] = []
    # a sum closing on the measure's row, or one holding it (given by it, ``_reverse``)
    for i in seen.sums(rows, entry.rows):
        relation = release.relations[i]
        key = (relation.total.table, relation.total.row)
        if key not in rows:
            reverse = _reverse(release, entry, i)
            if reverse is not None:
                mine.append(i)
                table = relation.total.table if table < 0 else table
                gaap_rows.append(relation.total.row)
                measure_rows.append(reverse)
                holds.extend(relation.holds_in)
                fails.extend(relation.fails_in)
            continue
        gaap = [
            t.row
            for t in relation.items
            if t.table == relation.total.table
            and (
                gaap_row(release.row(t.table, t.row), entry.name)
                or (key not in entry.rows and names_gaap(release.row(t.table, t.row).label))
            )
        ]
        if not gaap:
            continue
        evaluations = [ev for ev in relation.evaluations if key in entry.rows or ev.total in cells]
        if not evaluations:
            continue
        mine.append(i)
        table = relation.total.table if table < 0 else table
        gaap_rows.extend(gaap)
        measure_rows.append(relation.total.row)
        holds.extend(ev.label for ev in evaluations if ev.holds)
        fails.extend(ev.label for ev in evaluations if not ev.holds)
    if not mine:
        return None
    return NonGaapReconciliation(
        "relation", table, tuple(dict.fromkeys(gaap_rows)), tuple(dict.fromkeys(measure_rows)),
        tuple(mine), (), tuple(dict.fromkeys(holds)), tuple(dict.fromkeys(fails)),
    )  # fmt: skip


def _reverse(release: Release, entry: Presented, i: int) -> int | None:
    """The measure's row when relation ``i`` gives the GAAP measure from it ("income before
    taxes = pre-provision profit - provision"), else None."""
    relation = release.relations[i]
    mine = set(entry.rows)
    row = next(
        (
            t.row
            for t in relation.items
            if (t.table, t.row) in mine and t.table == relation.total.table
        ),
        None,
    )
    total = release.row(relation.total.table, relation.total.row)
    return row if row is not None and gaap_row(total, entry.name) else None


# -- 2. GAAP | Adj. | Non-GAAP columns ----------------------------------------------------


def _column_sum(
    tables: Sequence[Table], spec: BasisColumns, r: int, sign: int, chosen: Chosen
) -> Evaluation | None:
    """non-GAAP = GAAP + sign * adjustments in one row; None where it cannot be tested."""
    table = tables[spec.table]
    assert spec.gaap is not None
    if table.unit_of(r, spec.non_gaap) is not Unit.USD:
        return None  # per-share figures and percents are not sums of their adjustments
    row = table.rows[r]
    if row.cells[spec.gaap] is None or row.cells[spec.non_gaap] is None:
        return None
    if all(row.cells[k] is None for k in spec.adjustments):
        return None  # nothing printed to bridge: a figure the adjustments leave as it is
    items = [(CellRef(spec.table, r, spec.gaap), 1)] + [
        (CellRef(spec.table, r, k), sign) for k in spec.adjustments
    ]
    label = table.columns[spec.non_gaap].label
    return evaluate_sum(tables, label, CellRef(spec.table, r, spec.non_gaap), items, chosen)


Convention = tuple[int, list[Evaluation]] | None  # ``column_convention``'s answer


def column_convention(tables: Sequence[Table], spec: BasisColumns, chosen: Chosen) -> Convention:
    """The sign of the adjustments that most rows bear out, and every row's test under it.

    None when no sign holds in most testable rows: then the columns are no sum.
    """
    if spec.gaap is None or not spec.adjustments:
        return None
    best: tuple[int, list[Evaluation]] | None = None
    for sign in (1, -1):
        evaluations = [
            ev
            for r in range(len(tables[spec.table].rows))
            if (ev := _column_sum(tables, spec, r, sign, chosen)) is not None
        ]
        if best is None or sum(e.holds for e in evaluations) > sum(e.holds for e in best[1]):
            best = (sign, evaluations)
    assert best is not None
    held = sum(e.holds for e in best[1])
    if not best[1] or (held * 2 <= len(best[1]) and not (len(best[1]) == 1 and held == 1)):
        if len(best[1]) == 1 and not held:
            return best  # one row, no sign bridges it: both readings fail
        return None
    return best


def _by_columns(
    release: Release, entry: Presented, chosen: Chosen, seen: Seen
) -> NonGaapReconciliation | None:
    if not entry.cells:
        return None
    evaluations: list[Evaluation] = []
    table = entry.cells[0].table
    gaap_rows: list[int] = []
    found = False
    for cell in entry.cells:
        specs = [s for s in seen.columns(cell.table) if s.non_gaap == cell.column]
        if not specs or specs[0].gaap is None:
            continue
        found = True
        gaap_rows.append(cell.row)
        convention = seen.convention(specs[0], chosen)
        if convention is None:
            continue
        evaluations.extend(ev for ev in convention[1] if ev.total == cell)
    if not found:
        return None
    return NonGaapReconciliation(
        "columns", table, tuple(dict.fromkeys(gaap_rows)),
        tuple(dict.fromkeys(c.row for c in entry.cells if c.table == table)), (),
        tuple(evaluations), tuple(e.label for e in evaluations if e.holds),
        tuple(e.label for e in evaluations if not e.holds),
    )  # fmt: skip


# -- 3. a titled block of rows, summed here -----------------------------------------------


def _block(table: Table, r: int, name: MeasureName) -> tuple[int, list[int]] | None:
    """The GAAP row above a measure's row in a reconciling block, and the rows between."""
    row = table.rows[r]
    for g in range(r - 1, -1, -1):
        above = table.rows[g]
        if (
            above.kind is RowKind.HEADER
            and above.section != row.section
            and g < r - 1
            and not reconciling(above.label)
        ):
            return None
        if gaap_row(above, name) and above.has_figures:
            between = [
                k
                for k in range(g + 1, r)
                if table.rows[k].has_figures and table.rows[k].unit is row.unit
            ]
            return (g, between) if 0 < len(between) <= MAX_ADJUSTMENTS else None
        if row_measure(above) is not None and above.has_figures:
            return None  # another measure's row comes first
    return None


def _pattern_evaluations(
    tables: Sequence[Table], t: int, g: int, r: int, items: Sequence[int], weights: Sequence[int],
    chosen: Chosen,
) -> list[Evaluation]:  # fmt: skip
    table = tables[t]
    out = []
    for column in table.columns:
        if table.rows[r].cells[column.index] is None or column.change:
            continue
        signed = [(CellRef(t, g, column.index), 1)] + [
            (CellRef(t, k, column.index), w) for k, w in zip(items, weights, strict=True) if w
        ]
        ev = evaluate_sum(tables, column.label, CellRef(t, r, column.index), signed, chosen)
        if ev is not None:
            out.append(ev)
    return out


def _by_rows(release: Release, entry: Presented, chosen: Chosen) -> NonGaapReconciliation | None:
    tables = release.tables
    for t, r in entry.rows:
        table = tables[t]
        row = table.rows[r]
        if row.unit is not _USD or not _in_context(table, row):
            continue
        block = _block(table, r, entry.name)
        if block is None:
            continue
        g, items = block
        best: list[Evaluation] | None = None
        for weights in _weights(len(items)):
            evaluations = _pattern_evaluations(tables, t, g, r, items, weights, chosen)
            if not evaluations:
                break
            if all(e.holds for e in evaluations):
                best = evaluations
                break
            full = 0 not in weights
            if full and (best is None or sum(e.holds for e in evaluations) > sum(
                e.holds for e in best
            )):  # fmt: skip
                best = evaluations
        if best is None:
            continue
        return NonGaapReconciliation(
            "rows", t, (g,), (r,), (), tuple(best),
            tuple(e.label for e in best if e.holds), tuple(e.label for e in best if not e.holds),
        )  # fmt: skip
    return None


def _weights(n: int) -> Iterable[tuple[int, ...]]:
    """Every sign of the adjustments, then every sign with rows left out."""
    yield from product((1, -1), repeat=n)
    for weights in product((1, -1, 0), repeat=n):
        if 0 in weights:
            yield weights


# -- the measure computed from the GAAP figures printed with it ---------------------------


def _by_components(
    release: Release, entry: Presented, chosen: Chosen, seen: Seen
) -> NonGaapReconciliation | None:
    """A sum tieout found, or the rows just above, that give the measure from GAAP figures.

    "Pre-tax pre-provision profit" printed under "Total revenue" and "Noninterest expense"
    is their difference in every column: the release shows how it comes from GAAP.
    """
    if entry.name.metric in _COMPONENTS_NOT_ENOUGH:
        return None
    for i in seen.sums(entry.rows):
        relation = release.relations[i]
        key = (relation.total.table, relation.total.row)
        if not relation.holds or not all(
            _gaap_line(release.row(t.table, t.row)) for t in relation.items
        ):
            continue
        return NonGaapReconciliation(
            "components", key[0], tuple(t.row for t in relation.items), (key[1],), (i,), (),
            relation.holds_in, relation.fails_in,
        )  # fmt: skip
    tables = release.tables
    for t, r in entry.rows:
        table = tables[t]
        row = table.rows[r]
        if row.unit is not _USD:
            continue
        above = _rows_above(table, r)
        for n in range(2, len(above) + 1):
            items = above[-n:]
            for weights in product((1, -1), repeat=n - 1):
                g, rest = items[0], items[1:]
                evaluations = _pattern_evaluations(tables, t, g, r, rest, weights, chosen)
                if len(evaluations) >= 2 and all(e.holds for e in evaluations):
                    return NonGaapReconciliation(
                        "components", t, tuple(items), (r,), (), tuple(evaluations),
                        tuple(e.label for e in evaluations),
                    )  # fmt: skip
    return None


def _is_measure(row: Row) -> bool:
    return row_measure(row) is not None


def _gaap_line(row: Row) -> bool:
    """A line of the GAAP statements: a known concept or metric, not a measure, not a segment."""
    if _is_measure(row):
        return False
    return row.concept is not None or metric_of(clean_label(row.label)) is not None


def _rows_above(table: Table, r: int, most: int = 3) -> list[int]:
    """Up to ``most`` rows of GAAP figures just above row ``r``, in its section, in order."""
    row = table.rows[r]
    out: list[int] = []
    for k in range(r - 1, -1, -1):
        above = table.rows[k]
        if not above.has_figures or above.section != row.section or above.unit is not row.unit:
            break
        if not _gaap_line(above) or len(out) == most:
            break
        out.insert(0, k)
    return out


# -- 4. a title, or the GAAP measure printed beside ----------------------------------------


_LABEL, _SECTION = attrgetter("label"), attrgetter("section")


def _context_lines(seen: Seen) -> list[tuple[int, int | None, str]]:
    """(table, row or None, text) of every line of a reconciling table or section.

    A table that is not one is read row by row only where its labels or heads, joined,
    may say they reconcile (``may_reconcile``): 41 of the corpus's 444 such tables."""
    out: list[tuple[int, int | None, str]] = []
    said: dict[str, bool] = {}  # ``reconciling`` of each text, asked once (sections recur)

    def says(text: str) -> bool:
        known = said.get(text)
        if known is None:
            known = said[text] = reconciling(text)
        return known

    for table in seen.release.tables:
        whole = reconciling(table.title or "") or bool(seen.columns(table.index))
        if whole:
            out.append((table.index, None, table.title or ""))
            out.extend((table.index, None, c.label) for c in table.columns)
        elif not may_reconcile("\n".join(map(_LABEL, table.rows))) and not may_reconcile(
            "\n".join(filter(None, map(_SECTION, table.rows)))
        ):
            continue  # no row's label or head says it reconciles
        for row in table.rows:
            if whole or says(row.section or "") or says(row.label):
                out.append((table.index, row.index, f"{row.section or ''} {row.label}"))
    return out


def _wanted(name: MeasureName) -> frozenset[str]:
    """The words a reconciliation of the measure must name (a ratio: what it is a ratio of)."""
    words = tokens(name.metric) - {"return", "ratio", "margin", "growth", "rates", "rate"}
    return words or tokens(name.metric)


def _by_title(entry: Presented, seen: Seen) -> NonGaapReconciliation | None:
    wanted = _wanted(entry.name)
    if not wanted:
        return None
    mine = set(entry.rows)
    for t, r, words in seen.lines():
        if (r is not None and (t, r) in mine) or wanted <= words:
            return NonGaapReconciliation("title", t, (), (r,) if r is not None else ())
    return None


def _by_text(entry: Presented, seen: Seen) -> NonGaapReconciliation | None:
    """The prose says where the measure is reconciled: "The table below presents a
    reconciliation of average common shareholders' equity to average tangible common
    shareholders' equity"."""
    wanted = _wanted(entry.name)
    if not wanted:
        return None
    for words in seen.sentences():
        if wanted <= words:
            return NonGaapReconciliation("text", None, (), ())
    return None


def document_text(doc: Document) -> tuple[bool, str]:
    """Whether the document is HTML, and its text: its lines joined, an HTML document's
    tags each made a space (its entities left as they are)."""
    html = doc.format == "html"
    return html, stripped(html, doc.text)


def stripped(html: bool, text: str) -> str:
    """An HTML text with its tags each made a space (``_tags_spaced``); any other text as
    it is."""
    return _tags_spaced(text) if html else text


def reconciling_sentences(release: Release) -> list[str]:
    """Every stretch of the documents' text that speaks of a reconciliation: each match of
    ``_RECONCILING_TEXT`` in a document's ``document_text``, its entities decoded
    (``unescaped``) and its whitespace squashed (``squashed``); read in its ``passages``."""
    out: list[str] = []
    for doc in release.documents:
        html = doc.format == "html"
        text = doc.text
        out.extend(_reconciling(html, text, spaced_passages(html, text)))
    return out


def _reconciling(html: bool, text: str, found: Sequence[str]) -> list[str]:
    """``reconciling_sentences`` of one document, read in its passages ``found`` (their
    tags made spaces: ``spaced_passages``), or in its whole text where a character
    reference may spell a letter of "reconcil"."""
    if html and _may_spell(text):
        found = [stripped(html, text)]
    out: list[str] = []
    for passage in found:
        if html:
            passage = unescaped(passage)
        out.extend(m.group(0) for m in _RECONCILING_TEXT.finditer(squashed(passage)))
    return out


# Every match of ``_RECONCILING_TEXT`` and of ``points_elsewhere`` holds this word (case
# aside) and no full stop but the one of "exhibit 99.1".
_WORD = "reconcil"
_ANY_CASE = re.compile(_WORD, re.I)
# A character case-blind matching takes for a letter of the word.
_SPELLS = re.compile(f"[{_WORD}]", re.I)
# The references that may decode to such a letter, or to nothing: every numeric one but
# the no-break space's (most of them), and the named ones whose character is such a letter.
_REFS_SPELLING = re.compile(
    r"&#(?!160;)(?:[0-9]+|[xX][0-9a-fA-F]+)|&(?:"
    + "|".join(re.escape(name) for name, value in sorted(html5.items()) if _SPELLS.search(value))
    + ")"
)


def spaced_passages(html: bool, text: str) -> list[str]:
    """``passages`` of a document's text, each with its tags made spaces (``stripped``):
    what both whole-text questions read, made once."""
    return [stripped(html, passage) for passage in passages(html, text)]


def passages(html: bool, text: str) -> list[str]:
    """The stretches of a document's text that hold the word "reconcil" in any case, each
    from the full stop before it to the next, counting only full stops outside tags and
    not after "99"; the text as ``document_text`` takes it, its tags not yet made spaces.

    No match of ``points_elsewhere`` and of ``_RECONCILING_TEXT`` holds such a full stop:
    each lies in one passage, and a passage's tags made spaces (its references decoded,
    its whitespace squashed) are the very characters of the whole text's between the two
    stops (a reference holds no space, and one cut at a full stop decodes to the same).
    The two questions ask the passages, not the whole text, which a document's HTML tags
    make long. A reference that decodes to a letter of the word (``&#82;``) or to nothing
    may spell it where the text does not: ``_reconciling`` reads such a text whole.
    """
    out: list[str] = []
    end = 0
    for at in _word_at(text):
        if at < end:
            continue  # in the passage before
        start = _stop(text, at, html, back=True) + 1
        end = _stop(text, at, html, back=False)
        out.append(text[start:end])
    return out


def _word_at_python(text: str) -> list[int]:
    """Where the word "reconcil" begins in the text, case aside (``_ANY_CASE``): found in
    the lowercased text, whose offsets are the text's but where a capital dotted I
    lowercases to two characters, and which lacks the word where a dotless i spells it.

    The specification of the compiled ``word_at`` (``_places.c``), which gives the same
    places for a text below U+0100 without lowering it."""
    low = text.lower()
    if len(low) != len(text) or (not text.isascii() and "\u0131" in text):
        return [m.start() for m in _ANY_CASE.finditer(text)]
    out = []
    at = low.find(_WORD)
    while at >= 0:
        out.append(at)
        at = low.find(_WORD, at + len(_WORD))
    return out


# What may follow a character reference's "&" (a ";" only last): ``_references_python``.
_STRETCHES = re.compile(r"&[0-9A-Za-z#]*;?")


def _references_python(text: str) -> set[str]:
    """Each distinct stretch of the text from a "&" through the ASCII letters, digits and
    "#" after it and a ";" after those.

    Every match of ``_REFS_SPELLING`` is the start of one (it begins at a "&" and holds no
    other character than those, a ";" only last) and is what the pattern matches at the
    start of that stretch alone (the character after a stretch could not extend a match;
    the look ahead past "&#" reads at most "160;", within it): the distinct matches are
    those of the distinct stretches. The specification of the compiled ``references``
    (``_places.c``), which finds them for a text below U+0100 without a regular
    expression over the whole text."""
    return set(_STRETCHES.findall(text))


def _tags_spaced_python(text: str) -> str:
    """The text with each tag made one space: every match of ``_TAGS``, from a "<" through
    the next ">" (or the text's end).

    The specification of the compiled ``tags_spaced`` (``_places.c``), which makes the
    same text for a text below U+0100 without a regular expression: the passages of the
    corpus's HTML are long runs of tags, about 2 MB a pass, where ``sub`` makes a match
    and a piece per tag."""
    return _TAGS.sub(" ", text)


_Places = tuple[Callable[[str], list[int]], Callable[[str], set[str]], Callable[[str], str]]


def _compiled_places(*, forced: bool = False) -> _Places | None:
    """``_word_at``, ``_references`` and ``_tags_spaced`` through the compiled
    ``word_at``, ``references`` and ``tags_spaced`` (``_places.c``), as
    ``extensions.compiled`` gives them: the Python reads a text they hand back
    (NotImplemented: a character above U+00FF)."""
    module = compiled("tieout.nongaap._places", forced=forced)
    if module is None:
        return None
    word_at, references, tags_spaced = module.word_at, module.references, module.tags_spaced

    def _word_at_compiled(text: str) -> list[int]:
        found = word_at(text)
        return _word_at_python(text) if found is NotImplemented else found

    def _references_compiled(text: str) -> set[str]:
        found = references(text)
        return _references_python(text) if found is NotImplemented else found

    def _tags_spaced_compiled(text: str) -> str:
        spaced = tags_spaced(text)
        return _tags_spaced_python(text) if spaced is NotImplemented else spaced

    return _word_at_compiled, _references_compiled, _tags_spaced_compiled


_compiled = _compiled_places()
COMPILED = _compiled is not None
_word_at, _references, _tags_spaced = (
    _compiled
    if _compiled is not None
    else (_word_at_python, _references_python, _tags_spaced_python)
)


def _stop(text: str, at: int, html: bool, *, back: bool) -> int:
    """The full stop before ``at`` (-1 if none) or after it (the text's length if none)
    that no match of either question holds: outside a tag, not after "99"."""
    stop = text.rfind(".", 0, at) if back else text.find(".", at)
    while stop >= 0:
        if text[max(0, stop - 2) : stop] != "99" and not (html and _in_tag(text, stop)):
            return stop
        stop = text.rfind(".", 0, stop) if back else text.find(".", stop + 1)
    return -1 if back else len(text)


def _in_tag(text: str, at: int) -> bool:
    """Whether ``_TAGS`` makes the character at ``at`` part of a tag: a "<" before it
    with no ">" since."""
    return text.rfind("<", 0, at) > text.rfind(">", 0, at)


def _may_spell(text: str) -> bool:
    """Whether a character reference of the text decodes to a letter of "reconcil" (case
    aside) or to nothing: the references ``_REFS_SPELLING`` finds, read in the text's
    distinct stretches from a "&" (``_references``), each once."""
    if "&" not in text:
        return False
    refs = {m.group() for s in _references(text) if (m := _REFS_SPELLING.match(s)) is not None}
    return any(
        not (decoded := unescape(ref)) or _SPELLS.search(decoded) is not None for ref in refs
    )


# The references ``html.unescape`` replaces, its own pattern (each match's group 1 is the
# reference after its "&").
_CHARREF: re.Pattern[str] | None = getattr(_html, "_charref", None)


def unescaped(text: str) -> str:
    """``html.unescape(text)``, each distinct reference decoded once: a document's text
    holds tens of thousands of them (``&nbsp;``, ``&#8217;``), most alike, and
    ``unescape`` calls back into Python for each.

    A reference is replaced alike wherever it stands (what it decodes to depends on its
    own characters alone), so decoding one on its own gives what ``unescape`` puts there.
    """
    if "&" not in text or _CHARREF is None:
        return unescape(text)
    pieces = _CHARREF.split(text)  # text, reference, text, ..., text
    refs = pieces[1::2]
    decoded = {ref: unescape(f"&{ref}") for ref in set(refs)}
    pieces[1::2] = [decoded[ref] for ref in refs]
    return "".join(pieces)


def squashed(text: str) -> str:
    """``re.sub(r"\\s+", " ", text)``: each run of whitespace one space, by ``str.split``
    (which splits at the very characters ``\\s`` matches, ``str.isspace``)."""
    words = text.split()
    if not words:
        return " " if text else ""
    joined = " ".join(words)
    if text[0].isspace():
        joined = " " + joined
    if text[-1].isspace():
        joined += " "
    return joined


def _side_by_side(release: Release, entry: Presented) -> NonGaapReconciliation | None:
    """The GAAP figure printed next to the measure (at most one row between), for the same
    columns: "Net Income - Excluding One-Time Items" over "- As Reported"."""
    for t, r in entry.rows:
        table = release.tables[t]
        printed = {j for j, c in enumerate(table.rows[r].cells) if c is not None}
        for row in table.rows[max(0, r - 2) : r + 3]:
            if (
                row.index == r
                or row.unit is not table.rows[r].unit
                or not gaap_row(row, entry.name)
            ):
                continue
            between = range(min(r, row.index) + 1, max(r, row.index))
            if sum(table.rows[k].has_figures for k in between) > 1:
                continue
            if printed <= {j for j, c in enumerate(row.cells) if c is not None}:
                return NonGaapReconciliation("side-by-side", t, (row.index,), (r,))
    return None


# -- recomputations made here -------------------------------------------------------------


def _eps(release: Release, entry: Presented, chosen: Chosen, judged: Judged) -> None:
    """Adjusted EPS = adjusted net income / diluted shares, where a table prints the three."""
    if entry.name.gaap != "EarningsPerShare":
        return
    tables = release.tables
    for t, r in entry.rows:
        table = tables[t]
        numerator = _row_of(
            table,
            lambda row: (m := row_measure(row)) is not None
            and m.gaap == "NetIncome"
            and set(m.basis) & set(entry.name.basis) != set()
            and row.unit is _USD,
        )
        shares = [x for x in table.rows if x.unit is _SHARES and x.has_figures]
        diluted = [
            x for x in shares if dilution_of(f"{x.section or ''} {x.label}") is Dilution.DILUTED
        ]
        denominator = diluted[0] if diluted else (shares[0] if len(shares) == 1 else None)
        if numerator is None or denominator is None:
            continue
        evaluations = [
            ev
            for column in table.columns
            if not column.change
            and (
                ev := evaluate_ratio(
                    tables,
                    column.label,
                    CellRef(t, r, column.index),
                    CellRef(t, numerator.index, column.index),
                    CellRef(t, denominator.index, column.index),
                    chosen,
                )  # fmt: skip
            )
            is not None
        ]
        _keep(judged, evaluations)


def _margins(release: Release, entry: Presented, chosen: Chosen, judged: Judged) -> None:
    """An adjusted margin = the adjusted figure / revenue, where the table prints both."""
    if "margin" not in entry.name.metric:
        return
    tables = release.tables
    refs = [
        *(CellRef(t, r, c.index) for t, r in entry.rows for c in tables[t].columns),
        *entry.cells,
    ]
    evaluations = []
    for ref in refs:
        table = tables[ref.table]
        cell = cell_at(tables, ref)
        if cell is None or table.unit_of(ref.row, ref.column) is not _PERCENT:
            continue
        row = table.rows[ref.row]
        base = _margin_base(table, row, ref.column)
        revenue = next(
            (
                x
                for x in table.rows
                if x.concept == "Revenue" and x.has_figures and x.cells[ref.column] is not None
            ),
            None,
        )
        if base is None or revenue is None:
            continue
        ev = _percent_of(tables, ref, CellRef(ref.table, base.index, ref.column),
                         CellRef(ref.table, revenue.index, ref.column), chosen)  # fmt: skip
        if ev is not None:
            evaluations.append(ev)
    _keep(judged, evaluations)


_BASE_EXTRA = frozenset({"income", "profit", "earnings", "total"})


def _margin_base(table: Table, row: Row, column: int) -> Row | None:
    """The amount a margin row is a margin of: "Operating income" for "Operating margin %",
    "Adjusted EBITDA" for "Adjusted EBITDA margin"."""
    words = tokens(clean_label(row.label)) - {"margin"}
    if not words:
        return None
    candidates = [
        x
        for x in table.rows
        if x.unit is _USD
        and x.index != row.index
        and x.cells[column] is not None
        and words <= tokens(clean_label(x.label))
        and tokens(clean_label(x.label)) - words <= _BASE_EXTRA
    ]
    candidates.sort(key=lambda x: len(tokens(clean_label(x.label)) - words))
    return candidates[0] if candidates else None


def _percent_of(
    tables: Sequence[Table], total: CellRef, part: CellRef, whole: CellRef, chosen: Chosen
) -> Evaluation | None:
    """total% = part / whole * 100 over the print intervals."""
    t, a, b = (cell_at(tables, x) for x in (total, part, whole))
    if t is None or a is None or b is None:
        return None
    tv = options(t, total, chosen)[0]
    av = options(a, part, chosen)[0]
    bv = options(b, whole, chosen)[0]
    computed = image(divide, Interval.printed(av, a.precision), Interval.printed(bv, b.precision))
    if computed is None:
        return None
    percent = computed.scaled(HUNDRED)
    printed = Interval.printed(tv, t.precision)
    value = divide(av, bv) * HUNDRED
    places = Decimal("0.01")
    return Evaluation(
        tables[total.table].columns[total.column].label, total, (part, whole),
        quantized(value, places), tv, quantized(tv - value, places),
        quantized(printed.radius + percent.radius, places), percent.meets(printed),
    )  # fmt: skip


def _row_of(table: Table, wanted: Callable[[Row], bool]) -> Row | None:
    return next((row for row in table.rows if row.has_figures and wanted(row)), None)


def _keep(judged: Judged, evaluations: Sequence[Evaluation]) -> None:
    """A recomputation made here counts where it holds somewhere: then its failures are proof."""
    if not evaluations or not any(e.holds for e in evaluations):
        return
    judged.recomputations.extend(evaluations)
    judged.own_failures.extend(e for e in evaluations if not e.holds)
