"""A table printed at another scale: figures two tables share, a power of 1,000 apart.

A table printed "in thousands" where it means millions still foots on its own; the
figures it shares with other tables are what show it. A repeat (``repeats``) that holds
nowhere but differs by one power of 1,000 in every column is a relation of its own
(``RelationSource.SCALE``), judged as equality, so it fails everywhere; the failures of
one pair of tables are one finding, at the line that states the table's scale.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from tieout.checks.entry import RelationCheck
from tieout.checks.repeats import candidates
from tieout.checks.reporting import evidence
from tieout.checks.spec import Place, Spec, evaluate
from tieout.model import (
    Cell,
    CellRef,
    Column,
    Finding,
    FindingCode,
    Relation,
    RelationKind,
    RelationSource,
    Release,
    Row,
    Severity,
    Span,
    Table,
    Term,
    Unit,
    quick_init,
)
from tieout.rounding import Interval, any_meet
from tieout.vocabulary.concepts import normalise

_SCALES = tuple(Decimal(10) ** k for k in (3, 6, 9, -3, -6, -9))


# enum members read once: a member read by attribute goes through its metaclass's
# ``__getattr__`` in Python 3.11 (about 0.4 us), in loops over rows and columns
_USD, _EQUAL = (
    Unit.USD, RelationKind.EQUAL
)  # fmt: skip


def _factor(relation: Relation) -> Decimal | None:
    """The one power of 1,000 by which the two prints differ in every column, if any."""
    found: set[Decimal] = set()
    for ev in relation.evaluations:
        if ev.holds or ev.expected == 0:
            return None
        hit = next(
            (
                f
                for f in _SCALES
                if abs(ev.actual - ev.expected * f) <= ev.tolerance * max(f, Decimal(1))
            ),
            None,
        )
        if hit is None:
            return None
        found.add(hit)
    return found.pop() if len(found) == 1 else None


def rescaled_repeats(tables: Sequence[Table], found: Sequence[Spec] = ()) -> list[Spec]:
    """Repeats that hold nowhere but differ by one power of 1,000 in every column: of one
    concept (``repeats.candidates``), or of one label (``_same_label``)."""
    specs = []
    seen: set[tuple[int, int, int, int]] = set()
    for spec in candidates(tables):
        relation = evaluate(spec, tables, {})
        if relation.evaluations and _factor(relation) is not None:
            specs.append(replace(spec, source=RelationSource.SCALE))
            seen.add(_rows_of(spec))
    specs.extend(s for s in _same_label(tables) if _rows_of(s) not in seen)
    return specs


_SCALE_WORD = re.compile(r"thousand|million|billion|\(000\)|000'?s|\$\s*(?:m|mm|k|b|bn)\b", re.I)
_SCALE_NAMES = {3: "a thousand", 6: "a million", 9: "a billion"}


def _scale_line(release: Release, table: Table) -> int:
    """The line of the source that says the table's scale (its heading), else its first."""
    words = table.scale_text.strip()
    for doc in release.documents:
        lo = max(table.first_line - 30, doc.first_line)
        hi = min(table.last_line, doc.last_line)
        for line in range(lo, hi + 1):
            text = doc.line(line - doc.first_line)
            if (words and words in text) or (not words and _SCALE_WORD.search(text)):
                return line
    return table.first_line


def scale_mismatches(release: Release, mine: Sequence[int]) -> list[Finding]:
    """Figures two tables share, off by one power of 1,000: one finding per pair of tables."""
    pairs: dict[tuple[int, int], list[Relation]] = {}
    for relation in (release.relations[i] for i in mine):
        if relation.evaluations:
            ev = relation.evaluations[0]
            pairs.setdefault((ev.total.table, ev.items[0].table), []).append(relation)
    findings = []
    for (a, b), shared in pairs.items():
        here, there = release.tables[a], release.tables[b]
        ev = shared[0].evaluations[0]
        power = round(math.log10(abs(ev.actual / ev.expected))) if ev.expected else 0
        factor = _SCALE_NAMES.get(abs(power), f"10^{abs(power)}")
        line, other = _scale_line(release, here), _scale_line(release, there)
        names = "; ".join(r.name for r in shared)
        spans: list[Span] = [Span(line, 0, 0), Span(other, 0, 0)]
        for relation in shared:
            for e in relation.evaluations:
                spans.extend(s for s in evidence(release, e) if s not in spans)
        findings.append(
            Finding(
                code=FindingCode.SCALE_MISMATCH,
                severity=Severity.ERROR,
                message=(
                    f"table {here.index + 1} ({here.scale_text or 'no scale printed'}) prints "
                    f"{sum(len(r.evaluations) for r in shared)} figure(s) that table {there.index + 1} "
                    f"({there.scale_text or 'no scale printed'}) also prints, each "
                    f"{factor} times {'larger' if power > 0 else 'smaller'} in every column: "
                    f"one of the two scales is wrong [{names}]"
                ),
                line=line,
                evidence=tuple(spans),
                expected=ev.expected,
                actual=ev.actual,
                difference=ev.actual - ev.expected,
                tolerance=ev.tolerance,
            )
        )
    return findings


def _rows_of(spec: Spec) -> tuple[int, int, int, int]:
    a, b = spec.total, spec.items[0]
    return (a.table, a.row, b.table, b.row)


def _same_label(tables: Sequence[Table]) -> list[Spec]:
    """Rows of one label in two tables whose figures agree only a power of 1,000 apart:
    "Noninterest income 2,086" in a table "in thousands" and in another "in millions".
    A table printed at the wrong scale still foots on its own; the figures it shares
    with another table show it. Both tables print a scale; they must share
    ``_MIN_SHARED`` such figures or more, each of three significant digits or more, and
    none of their rows of one label agree at one scale (which says the two scales agree,
    and a figure apart is a coincidence, or another error).
    """
    amounts: dict[int, list[Column]] = {}  # each table's columns of amounts, read once
    for table in tables:
        if table.scale_text.strip():
            amounts[table.index] = [c for c in table.columns if not c.change and c.unit is None]
    if not _units_apart(tables, amounts):
        return []  # (most releases: one scale, or none a power of 1,000 from another)
    by_label: dict[str, list[tuple[Table, Row]]] = {}
    for table in tables:
        if table.index not in amounts:
            continue
        for row in table.rows:
            if row.has_figures and row.unit is _USD:
                label = normalise(row.label)
                if label:
                    by_label.setdefault(label, []).append((table, row))
    pairs: dict[tuple[int, int], list[tuple[Row, Row, list[Place], Decimal | None]]] = {}
    apart: dict[tuple[Decimal, Decimal], bool] = {}  # two rounding units a power of 1,000 apart
    for found in by_label.values():
        # a label's rows are listed in the tables' order: its first and last rows are of
        # one table only where all are (no set of its tables made per label)
        if found[0][0] is found[-1][0]:
            continue  # a label of one table only
        if not _may_share(found, amounts, apart):
            continue  # no two of its rows print at scales a power of 1,000 apart
        rows = [
            a
            for table, row in found
            if (a := _Amounts.of(table, row, amounts[table.index])) is not None
        ]
        for i, a in enumerate(rows):
            for b in rows[i + 1 :]:
                if a.table.index != b.table.index:
                    places, factor = _shared(a, b)
                    if places:
                        key = (a.table.index, b.table.index)
                        pairs.setdefault(key, []).append((a.row, b.row, places, factor))
    specs: list[Spec] = []
    for (a_index, b_index), shared in pairs.items():
        factors = {factor for _, _, _, factor in shared}
        if len(factors) != 1 or None in factors:
            continue  # rows that agree at one scale, or at several: the scales agree
        if sum(len(places) for _, _, places, _ in shared) < _MIN_SHARED:
            continue
        for ra, rb, places, _ in shared:
            specs.append(
                Spec(
                    RelationSource.SCALE,
                    f"{ra.label} = {rb.label} (table {b_index + 1}, line {rb.line})",
                    _EQUAL,
                    Term(a_index, ra.index, 1),
                    (Term(b_index, rb.index, 1),),
                    tuple(places),
                )
            )
    return specs


def _units_apart(tables: Sequence[Table], amounts: dict[int, list[Column]]) -> bool:
    """Whether any two figures ``_may_share`` reads (of the rows of amounts with figures of
    the tables printing a scale, in ``amounts``), whatever their labels, print rounding
    units a power of 1,000 apart. Where none do (most releases: every table in millions,
    or in millions and ten-thousands), no label passes ``_may_share``, so no label is
    normalised and grouped at all (a release's every row of amounts was, to find none)."""
    units: set[Decimal] = set()
    last: Decimal | None = None  # (a table's figures mostly share one unit object)
    for table in tables:
        columns = amounts.get(table.index)
        if columns is None:
            continue
        at = [col.index for col in columns]
        for row in table.rows:
            if row.has_figures and row.unit is _USD:
                printed = row.cells
                for column in at:
                    cell = printed[column]
                    if cell is not None and cell.precision is not last:
                        last = cell.precision
                        units.add(last)
    if len(units) < 2:
        return False
    found = list(units)  # (a power of 1,000 apart one way is the other way too: _SCALES)
    return any(pb / pa in _SCALES for i, pa in enumerate(found) for pb in found[i + 1 :])


def _may_share(
    found: Sequence[tuple[Table, Row]],
    amounts: dict[int, list[Column]],
    apart: dict[tuple[Decimal, Decimal], bool],
) -> bool:
    """Whether two of a label's rows, of two tables, print figures whose rounding units
    are a power of 1,000 apart (``_SCALES``): only such figures can be shared at another
    scale (``_shared`` pairs no other), so a label none of whose rows do (most labels:
    tables of one scale) is not read further. The units are read from every figure in
    ``amounts`` (telling or not: more than ``_Amounts`` keeps), compared once per pair
    of units (``apart``), with no Decimal product or quotient per figure; each unit kept
    with two of the tables printing it at most, so a label thousands of tables print is
    read in one pass, not pair by pair of its rows."""
    tables_of: dict[Decimal, set[int]] = {}  # each unit: two of the tables printing it at most
    for table, row in found:
        printed = row.cells
        for col in amounts[table.index]:
            cell = printed[col.index]
            if cell is not None:  # (no empty set made per figure for ``setdefault``)
                held = tables_of.get(cell.precision)
                if held is None:
                    tables_of[cell.precision] = {table.index}
                elif len(held) < 2:
                    held.add(table.index)
    units = list(tables_of)
    for i, pa in enumerate(units):
        for pb in units[i + 1 :]:
            known = apart.get((pa, pb))
            if known is None:
                known = apart[(pa, pb)] = pb / pa in _SCALES
            # two rows of two tables: unless both units are printed by one and the same table
            if known and (len(tables_of[pa]) > 1 or tables_of[pa] != tables_of[pb]):
                return True
    return False


_MIN_SHARED = 2  # figures two tables share a power of 1,000 apart
_DIGITS = 100  # a figure of three significant digits or more: chance does not match it


def _telling(cell: Cell) -> bool:
    """A figure whose digits say which figure it is: `1` matches anything a power of
    1,000 away within its rounding, `870` does not."""
    return abs(cell.value) >= _DIGITS * cell.precision


@quick_init  # one per row of a label two tables print
@dataclass(frozen=True, slots=True)
class _Amounts:
    """A row's telling figures outside its change columns, and the same by their printed
    digits (value over rounding unit: 2,581 in millions and 2,581 in thousands print the
    same digits); ``intervals``: what each stands for (asked of the few rows whose digits
    another row prints)."""

    table: Table
    row: Row
    cells: tuple[Cell, ...]
    prints: dict[Decimal, list[tuple[int, Cell]]]

    @property
    def intervals(self) -> tuple[Interval, ...]:
        return tuple(Interval.printed(cell.value, cell.precision) for cell in self.cells)

    @classmethod
    def of(cls, table: Table, row: Row, amounts: Sequence[Column]) -> _Amounts | None:
        """The row's telling figures in ``amounts``: the table's columns outside its
        change columns, of no unit of their own."""
        # ``_telling`` written inline, and the digits read in the same loop (a Python
        # call and a second loop per cell of every row of a label two tables print)
        printed = row.cells
        telling: list[Cell] = []
        prints: dict[Decimal, list[tuple[int, Cell]]] = {}
        for col in amounts:
            column = col.index
            cell = printed[column]
            if cell is not None:
                precision = cell.precision
                value = cell.value
                if abs(value) >= _DIGITS * precision:
                    telling.append(cell)
                    key = value / precision
                    found = prints.get(key)
                    if found is None:
                        prints[key] = [(column, cell)]
                    else:
                        found.append((column, cell))
        if not telling:
            return None
        return cls(table, row, tuple(telling), prints)


def _shared(a: _Amounts, b: _Amounts) -> tuple[list[Place], Decimal | None]:
    """The figures two rows of one label print alike, and the one factor (a power of
    1,000; None for 1) by which they agree, if one: within their rounding at one scale,
    or printed with the same digits a power of 1,000 apart (what a wrong scale word
    does; a coarser print, 135 in billions beside 134,804 in millions, is no such
    figure). Figures are matched by value, not by column: two tables name one period in
    different words ("2Q21", "Three months ended June 30, 2021"), and the same three
    significant digits or more are not printed by chance.

    The digits are matched first: few rows of one label print the same digits, and only
    those need their intervals compared."""
    if a.prints.keys().isdisjoint(b.prints):
        return [], None  # no figure printed alike (most rows of one label)
    places: list[Place] = []
    found: set[Decimal] = set()
    for digits, theirs in b.prints.items():
        for a_col, a_cell in a.prints.get(digits, ()):
            for b_col, b_cell in theirs:
                factor = b_cell.precision / a_cell.precision
                if factor not in _SCALES:
                    continue
                found.add(factor)
                places.append(
                    Place(
                        a.table.columns[a_col].label,
                        CellRef(a.table.index, a.row.index, a_col),
                        (CellRef(b.table.index, b.row.index, b_col),),
                    )
                )
    if len(found) != 1 or any_meet(a.intervals, b.intervals):
        return [], None  # no one factor, or they agree at one scale
    return places, found.pop()


CHECK: RelationCheck = RelationCheck(
    "rescaled repeats",
    RelationSource.SCALE,
    FindingCode.SCALE_MISMATCH,
    rescaled_repeats,
    report=scale_mismatches,
)
