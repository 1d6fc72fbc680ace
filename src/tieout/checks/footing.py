"""Sums the layout shows: a rule line or a "Total" label closes the rows above it.

Releases do not say which rows add up or with which sign, so the finder proposes the
rows above a total back to the previous boundary (a double rule, a section head, the
previous closed total, which enters as an item) and searches the signs. A sum is real
when one set of signs holds in every period column; one that holds in every column
but one is reported as a failing relation, the strongest evidence of an error there. A
row labelled "Total" alone under a rule, over a short plain block, claims its items as
printed: that sum is checked even where it holds in no column.

Bounds, each stated where it applies: a total's window runs back to its boundary over
any number of rows up to ``_MAX_ITEMS`` (250; a total with more rows above it and no sum
found is reported as ``sum-not-checked``, info); how many minus signs a window may carry
(``_search``) and how far the fallback across section heads looks (``_nearest``) limit
what chance can fit, not what is checked.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Context, Decimal
from functools import cache
from itertools import combinations
from operator import itemgetter
from typing import Any, cast

from tieout import extensions
from tieout.cells import reading_combinations
from tieout.checks.entry import RelationCheck
from tieout.checks.reporting import describe_sum
from tieout.checks.spec import Spec, evaluate, same_table_places
from tieout.model import (
    Cell,
    Evaluation,
    Finding,
    FindingCode,
    RelationKind,
    RelationSource,
    Row,
    RowKind,
    Rule,
    Severity,
    Table,
    Term,
    Unit,
)
from tieout.rounding import EXACT, Grid, minus_sums, sum_ties
from tieout.vocabulary.concepts import SUBTOTAL_CONCEPTS

_MAX_ITEMS = 250  # rows a total's window may hold (releases print a few dozen at most)
_FULL_SEARCH = 8  # windows of up to this many items: every sign pattern
_MAX_NEAREST = 10  # the fallback across section heads: the 10 nearest rows at most
_NEAREST_MINUS = 3  # and 3 minus signs
_BORNE_OUT = 3  # columns that bear out a sum no rule or name closes, failing in one more
# labels that name a subtotal: "Total ...", "Net ...", "Income before ...", "Gross profit"
_SUBTOTAL_LABEL = re.compile(
    r"^(?:total|subtotal|net\b|gross\b|(?:income|earnings|profit|\(?loss\)?)\s*(?:/\s*\(loss\)\s*)?"
    r"(?:before|from|after)\b|operating\s+(?:income|profit|loss|earnings)|earnings\s*"
    r"(?:/\s*\(loss\)\s*)?per\s+share|(?:adjusted\s+)?ebitda)",
    re.I,
)
# a row that says it totals what is above it
_BARE_TOTAL = re.compile(r"^\s*totals?\s*:?\s*$", re.I)  # "Total", and nothing else
_BARE_TOTAL_ITEMS = 12  # items a bare "Total" is held to add, at most
# the labels that begin by naming a total ("Total ...", "Net cash ...", "Cash provided
# ...", "(Decrease) increase in cash ..."); with those ending "... activities", the labels
# that name themselves a total (``_NAMED_TOTAL``, the specification of ``named_total``)
_TOTAL_START = (
    r"total\b|net\s+cash\b|cash\s+(?:provided|used|generated)\b"
    r"|(?:net\s+)?\(?(?:increase|decrease)\)?(?:\s*/?\s*\(?(?:increase|decrease)\)?)?"
    r"\s+in\s+cash\b"
)
_NAMED_TOTAL = re.compile(rf"^(?:{_TOTAL_START})|\bactivities$", re.I)
# ``_NAMED_TOTAL`` asked in two parts: its alternatives anchored at the start matched
# there once, and the one that is not (``\bactivities$``) searched alone. A search of the
# whole pattern tried every alternative at every character of the label (``^`` fails
# at each but the first only once tried): about four times the cost on a long label.
# The same truth (``test_named_totals_are_found_as_the_whole_pattern_finds_them``).
_NAMED_TOTAL_START = re.compile(_TOTAL_START, re.I).match
_ACTIVITIES_END = re.compile(r"\bactivities$", re.I).search


def named_total(label: str) -> bool:
    """Whether a label names itself a total: ``_NAMED_TOTAL`` found in it."""
    return _NAMED_TOTAL_START(label) is not None or _ACTIVITIES_END(label) is not None


_LESS = re.compile(r"^\s*less\b", re.I)  # "Less:", "Less: Net income attributable to ..."
_SUMMABLE = (Unit.USD, Unit.SHARES, Unit.USD_PER_SHARE, Unit.PURE)
# enum members read once: a member read by attribute goes through its metaclass's
# ``__getattr__`` in Python 3.11 (about 0.4 us), per spec and per total's columns
_PERCENT, _LAYOUT, _SUM = Unit.PERCENT, RelationSource.LAYOUT, RelationKind.SUM


def _windows(
    rows: Sequence[Row], k: int, found: Mapping[int, Sequence[int]]
) -> tuple[list[list[int]], bool]:
    """Candidate item rows for the total at ``k``, nearest boundary first, and whether
    the walk stopped at ``_MAX_ITEMS`` rows rather than at a boundary.

    A total already found stands for its items, as in ``_nearest``.
    """
    total = rows[k]
    windows: list[list[int]] = []
    items: list[int] = []
    j = k - 1
    while j >= 0:
        row = rows[j]
        if row.kind is RowKind.HEADER:
            if items:
                windows.append(list(reversed(items)))
            if row.level < total.level - 1 or row.rule_above is Rule.DOUBLE:
                return windows, False
            j -= 1
            continue
        if row.rule_below is Rule.DOUBLE or row.unit is not total.unit:
            break
        if len(items) >= _MAX_ITEMS:
            windows.append(list(reversed(items)))
            return windows, True
        items.append(j)
        if row.rule_above is Rule.SINGLE or row.rule_above is Rule.DOUBLE:
            break
        j = min(found[j]) - 1 if j in found else j - 1
    if items:
        windows.append(list(reversed(items)))
    return windows, False


def _nearest(
    rows: Sequence[Row], k: int, found: Mapping[int, Sequence[int]]
) -> Iterator[list[int]]:
    """Windows of the rows nearest above ``k``, shortest first, across section heads.

    A total already found stands for its items: the walk takes the total and jumps
    over the rows it adds, so `Total assets` sees `Total current assets`, not the
    current assets again. A sum that holds in every column is accepted on the shortest
    window, where chance is least able to make one.
    """
    total = rows[k]
    items: list[int] = []
    j = k - 1
    while j >= 0 and len(items) < _MAX_NEAREST:
        row = rows[j]
        if row.kind is RowKind.HEADER:
            j -= 1
            continue
        if row.rule_below is Rule.DOUBLE or row.unit is not total.unit:
            break
        items.append(j)
        if len(items) >= 2:
            yield list(reversed(items))
        j = min(found[j]) - 1 if j in found else j - 1


Signs = tuple[int, ...]
Best = tuple[Signs, int, int]  # signs, columns where they hold, columns tested
Ranges = tuple[tuple[int, int], ...]


class _Column:
    """One column of a window on its integer grid, ready for the sign search.

    Per combination of the items' readings (``combos``): the items, and the sums m of
    the items taken with a minus sign under which the sum ties (``rounding.minus_sums``);
    and whether it ties with every item added (``plain``: ``holds(())``, the first signs
    searched). A column of one reading each is made with its items, total and units,
    and its ranges are worked out when the search first asks for them: a search stops
    at the first columns in most windows (8,900 of 24,500 columns over the corpus are
    asked).
    """

    __slots__ = ("_added", "_combos", "_items", "_total", "_units", "plain")

    def __init__(
        self,
        plain: bool,
        combos: tuple[tuple[tuple[int, ...], Ranges], ...] | None = None,
        items: tuple[int, ...] = (),
        total: int = 0,
        added: int = 0,
        units: int = 0,
    ) -> None:
        self.plain = plain
        self._combos = combos
        self._items = items
        self._total = total
        self._added = added
        self._units = units

    @property
    def combos(self) -> tuple[tuple[tuple[int, ...], Ranges], ...]:
        combos = self._combos
        if combos is None:
            ranges = minus_sums((self._total,), self._added, self._units)
            combos = self._combos = ((self._items, ranges),)
        return combos

    def holds(self, minus: Sequence[int]) -> bool:
        for items, ranges in self.combos:
            m = sum(items[i] for i in minus)
            for lo, hi in ranges:
                if lo <= m <= hi:
                    return True
        return False

    def holding(self) -> set[int]:
        """The sets of minus signs under which the sum ties, as bit masks (item i, bit
        i-1): from the table of the 2^(n-1) subset sums of the items after the first."""
        out: set[int] = set()
        for items, ranges in self.combos:
            sums = [0]
            for value in items[1:]:
                sums += [x + value for x in sums]
            for lo, hi in ranges:
                out.update([mask for mask, x in enumerate(sums) if lo <= x <= hi])
        return out


@dataclass(frozen=True, slots=True)
class _Figures:
    """One column of a table on its integer grid, by row (blank rows: 0, printed exactly)."""

    printed: list[bool]
    readings: list[tuple[int, ...]]  # each row's readings, where some row has two
    firsts: list[int]  # each row's first reading
    units: list[int]
    ambiguous: bool  # some row has two readings


class _Grids:
    """A table's figures as integers, each column on its own grid, made once a column.

    Every window of every total in the table reads its figures from here, so a figure is
    scaled once however many windows and sign patterns it takes part in.
    """

    def __init__(self, table: Table) -> None:
        self.table = table
        self.columns: dict[int, _Figures] = {}
        self.totals: dict[int, list[_Figures]] = {}
        # each window searched: (total, items, most minus signs) -> its best signs
        self.searched: dict[tuple[int, tuple[int, ...], int], Best | None] = {}

    def column(self, index: int) -> _Figures:
        found = self.columns.get(index)
        if found is None:
            found = self.columns[index] = _column(self.table.rows, index)
        return found

    def summing(self, k: int) -> list[_Figures]:
        """The columns in which the total at row ``k`` is printed and may be a sum."""
        found = self.totals.get(k)
        if found is None:
            percent = self.table.rows[k].unit is _PERCENT
            found = [
                figures
                for col in self.table.columns
                # a % change column does not add
                if not (col.unit is _PERCENT and not percent)
                and (figures := self.column(col.index)).printed[k]
            ]
            self.totals[k] = found
        return found


def _column_python(rows: Sequence[Row], index: int) -> _Figures:
    """A table's column on its grid, by row: the specification of the compiled column
    (``_footing.c``'s ``column``, which makes a column of figures of one reading each on
    the grid of ``Grid.figures``, whole units or the finest unit's, and leaves any other
    to this)."""
    cells = [r.cells[index] for r in rows]
    if any(c is not None and len(c.readings) > 1 for c in cells):
        return _ambiguous(cells)
    # one reading each: the figures and their units on one grid
    units = [_ZERO if c is None else c.precision for c in cells]
    # (a figure's first reading is its value)
    firsts, unit_ints = Grid.figures([_ZERO if c is None else c.value for c in cells], units)
    return _Figures([c is not None for c in cells], [], firsts, unit_ints, False)


def _readings(cell: Cell) -> tuple[Decimal, ...]:
    return cell.readings or (cell.value,)


_ZERO = Decimal(0)  # a blank row: zero, printed exactly


def _ambiguous(cells: Sequence[Cell | None]) -> _Figures:
    """A column of which some figure has two readings, on its grid."""
    printed = [c for c in cells if c is not None]
    grid = Grid.fitting(
        [*(c.precision for c in printed), *(v for c in printed for v in _readings(c))]
    )
    # on the grid of whole units (most columns) a figure's integer is int(value):
    # the same integer as ``grid.of``, without a scaled Decimal per figure
    of: Callable[[Decimal], int] = int if grid.exponent == 0 else grid.of
    readings = [tuple(map(of, _readings(c))) if c is not None else (0,) for c in cells]
    return _Figures(
        [c is not None for c in cells],
        readings,
        [r[0] for r in readings],
        [of(c.precision) if c is not None else 0 for c in cells],
        True,
    )


def _columns(grids: _Grids, k: int, items: list[int]) -> list[_Column]:
    """Per column with a printed total and some printed item: the window on its grid."""
    out = []
    # the items' entries of a column's lists, as a tuple (itemgetter of one index
    # gives the entry itself)
    take: Callable[[Sequence[Any]], tuple[Any, ...]] = (
        itemgetter(*items) if len(items) > 1 else lambda seq: (seq[items[0]],)
    )
    for figures in grids.summing(k):
        if not any(take(figures.printed)):
            continue  # no item printed in this column
        total_units = figures.units[k] + sum(take(figures.units))
        if figures.ambiguous:
            totals = figures.readings[k]
            combos = tuple(reading_combinations(take(figures.readings)))
            each = tuple((c, minus_sums(totals, sum(c), total_units)) for c in combos)
            out.append(_Column(any(lo <= 0 <= hi for _, r in each for lo, hi in r), each))
        else:
            combo = take(figures.firsts)
            total, added = figures.firsts[k], sum(combo)
            plain = sum_ties(total, added, total_units)  # m = 0 in the range
            out.append(_Column(plain, None, combo, total, added, total_units))
    return out


@cache
def _order(n: int, max_minus: int) -> tuple[tuple[tuple[int, ...], int], ...]:
    """Sets of minus signs in search order, each with its bit mask: fewest first."""
    return tuple(
        (minus, sum(1 << (i - 1) for i in minus))
        for count in range(max_minus + 1)
        for minus in combinations(range(1, n), count)
    )


@cache
def _ranks(n: int, max_minus: int) -> dict[int, tuple[int, tuple[int, ...]]]:
    """Each bit mask of ``_order(n, max_minus)``: its place in the order, and its minus signs."""
    return {mask: (rank, minus) for rank, (minus, mask) in enumerate(_order(n, max_minus))}


def _signs(n: int, minus: Sequence[int]) -> Signs:
    return tuple(-1 if i in minus else 1 for i in range(n))


def _search(
    table: Table, grids: _Grids, k: int, items: list[int], minus_cap: int | None = None
) -> Best | None:
    """The best signs for this window: (signs, columns holding, columns tested).

    The first item is always added; the others may be subtracted, fewest minus signs
    first and, among as many, the earliest items first. The first signs that hold in
    every column win. Up to 8 items every pattern is tried (at most 2^7 = 128 per column,
    from a table of the 2^(n-1) subset sums) and the best is the first holding in the
    most columns. Longer windows allow two minus signs at most (one with a single
    column): the search is then linear in the items for none or one, and for two finds
    the partners of each item by bisection on one column's sorted values, so its worst
    case, n items whose pairs all fit that column, is n(n-1)/2 pairs; where no signs
    hold everywhere, the best reported for such a window is all plus, the only signs
    ``_acceptable_failure`` admits for more than 6 items. Each test is the rounding rule
    on integers: a sum of at most two items against a range. Where figures have two
    readings, each of these counts is multiplied by the combinations of readings tried,
    at most ``cells.MAX_COMBINATIONS`` (64) per column: the worst case of a window is
    then 128 x 64 subset sums per column up to 8 items, and n(n-1)/2 x 64 pair tests per
    column beyond.

    A window searched once is not searched again in its table (``_Grids.searched``): the
    fallback across section heads (``_nearest``) meets the windows a boundary closed.
    """
    n = len(items)
    max_minus = n - 1 if n <= _FULL_SEARCH else 2
    if minus_cap is not None:
        max_minus = min(max_minus, minus_cap)
    key = (k, tuple(items), max_minus)
    if key in grids.searched:
        return grids.searched[key]
    best = grids.searched[key] = _search_window(grids, k, items, max_minus)
    return best


def _search_window_python(grids: _Grids, k: int, items: list[int], max_minus: int) -> Best | None:
    """``_search`` with at most ``max_minus`` minus signs.

    The specification of the compiled search (``_footing.c``), and its fallback where
    that search does not answer (a figure with two readings, a figure beyond 2**52 on
    its grid).
    """
    cols = _columns(grids, k, items)
    if not cols:
        return None
    n = len(items)
    if len(cols) == 1 and n > 4:
        max_minus = min(max_minus, 1)
    tested = len(cols)
    if n <= _FULL_SEARCH:
        if all(c.plain for c in cols):  # all plus, the first signs in order (a third)
            return _signs(n, ()), tested, tested
        return _full_search(cols, n, max_minus)
    plain = sum(c.plain for c in cols)
    if plain == tested:
        return _signs(n, ()), plain, tested
    if max_minus >= 1:
        for i in range(1, n):
            if all(c.holds((i,)) for c in cols):
                return _signs(n, (i,)), tested, tested
    if max_minus >= 2:
        pair = _first_pair(cols, n)
        if pair is not None:
            return _signs(n, pair), tested, tested
    return _signs(n, ()), plain, tested


_Search = Callable[[_Grids, int, list[int], int], "Best | None"]


def _compiled(*, forced: bool = False) -> _Search | None:
    """The compiled window search (``_footing.c``), as ``extensions.compiled`` gives it,
    falling back to ``_search_window_python`` where it does not answer."""
    module = extensions.compiled("tieout.checks._footing", forced=forced)
    if module is None:
        return None
    search: Callable[[list[_Figures], int, list[int], int], object] = module.search

    def _search_window_compiled(
        grids: _Grids, k: int, items: list[int], max_minus: int
    ) -> Best | None:
        found = search(grids.summing(k), k, items, max_minus)
        if found is NotImplemented:
            return _search_window_python(grids, k, items, max_minus)
        return cast("Best | None", found)

    return _search_window_compiled


_Column_of = Callable[[Sequence[Row], int], _Figures]


def _compiled_column(*, forced: bool = False) -> _Column_of | None:
    """The compiled column (``_footing.c``), falling back to ``_column_python`` for a
    column it does not make (two readings, a figure finer than every unit)."""
    module = extensions.compiled("tieout.checks._footing", forced=forced)
    if module is None:
        return None
    made_by: Callable[[Sequence[Row], int, Context], object] = module.column

    def _column_compiled(rows: Sequence[Row], index: int) -> _Figures:
        made = made_by(rows, index, EXACT)
        if made is NotImplemented:
            return _column_python(rows, index)
        printed, firsts, units = cast("tuple[list[bool], list[int], list[int]]", made)
        return _Figures(printed, [], firsts, units, False)

    return _column_compiled


_compiled_search = _compiled()
COMPILED = _compiled_search is not None
_search_window: _Search = (
    _compiled_search if _compiled_search is not None else _search_window_python
)
_compiled_columns = _compiled_column()
_column: _Column_of = _compiled_columns if _compiled_columns is not None else _column_python


def _full_search(cols: Sequence[_Column], n: int, max_minus: int) -> Best:
    """Every set of at most ``max_minus`` minus signs of a window of up to 8 items: the
    first in order that holds in every column, else the first that holds in all but one.

    Signs that fail in one column at most hold in the first column or the second, so
    only those two tabulate all their 2^(n-1) subset sums; each further column tests the
    sets still in the running, and none is left in most windows after two columns.
    Where none holds in all columns but one, the best reported is all plus (as for
    longer windows): no caller accepts a sum that fails in two columns.
    """
    ranks = _ranks(n, max_minus)
    tested = len(cols)
    capped = len(ranks) < 1 << (n - 1)  # some sets have more minus signs than allowed
    every = cols[0].holding()  # the sets holding in every column so far
    if capped:
        every.intersection_update(ranks)
    near: set[int] = set()  # and those failing in one column at most (after two columns)
    for i, column in enumerate(cols[1:]):
        if i == 0:
            here = column.holding()
            if capped:
                here.intersection_update(ranks)
            near = here | every  # failing in the first column or in the second at most
        elif near:
            here = {m for m in near if column.holds(ranks[m][1])}
            near = (near & here) | every
        else:
            break
        every &= here
    if every:
        return _signs(n, ranks[min(every, key=ranks.__getitem__)][1]), tested, tested
    if near and tested > 1:
        return _signs(n, ranks[min(near, key=ranks.__getitem__)][1]), tested - 1, tested
    return _signs(n, ()), sum(c.plain for c in cols), tested


def _first_pair(cols: Sequence[_Column], n: int) -> tuple[int, int] | None:
    """The first pair (i, j), 0 < i < j < n, whose minus signs hold in every column."""
    pivot, others = cols[0], cols[1:]
    if len(pivot.combos) != 1:  # ambiguous figures: each pair in turn (combinations bounded)
        return next(
            (p for p in combinations(range(1, n), 2) if all(c.holds(p) for c in cols)), None
        )
    values, ranges = pivot.combos[0]
    order = sorted(range(1, n), key=values.__getitem__)
    keys = [values[j] for j in order]
    for i in range(1, n - 1):
        partner: int | None = None
        for lo, hi in ranges:  # a_i + a_j in [lo, hi]
            for at in range(bisect_left(keys, lo - values[i]), bisect_right(keys, hi - values[i])):
                j = order[at]
                if (
                    i < j
                    and (partner is None or j < partner)
                    and all(c.holds((i, j)) for c in others)
                ):
                    partner = j
        if partner is not None:
            return i, partner
    return None


def _worded_minus(rows: Sequence[Row], items: Sequence[int], signs: Signs) -> int:
    """How many items the sum subtracts as their words say: under a `Less:` head or
    labelled `Less ...` (the printer's sign, not one the search chose)."""
    return sum(
        1
        for j, sign in zip(items, signs, strict=True)
        if sign < 0 and (_LESS.match(rows[j].label) or _LESS.match(rows[j].section or ""))
    )


def _acceptable_failure(
    best: Best, n_items: int, rule_closed: bool, named: bool, worded: int = 0
) -> bool:
    """A sum holding in every column but one counts only when chance cannot explain it.

    Chance fits a few items with free signs in one column; it does not fit a long column
    of items all added as printed under a row that says it is their total (`Total
    current assets`, `Cash used in investing activities` with its outflows in
    parentheses), so such a sum counts even with a single other column to hold in. The
    ``worded`` minus signs (items under `Less:`) are the printer's, not chance's.
    """
    signs, holding, tested = best
    minus = sum(1 for s in signs if s < 0) - worded
    if tested < 2 or holding != tested - 1 or n_items < 2:
        return False
    if (rule_closed or holding >= 2) and n_items <= 6 and minus <= 2:
        return True
    return named and minus == 0


def closes_a_sum(row: Row) -> bool:
    """True when the layout or the label says a row may total the rows above it."""
    return (
        row.rule_above is Rule.SINGLE
        or row.kind in (RowKind.SUBTOTAL, RowKind.TOTAL)  # a reader's judgement (HTML)
        or _SUBTOTAL_LABEL.match(row.label) is not None  # (anchored: no search needed)
        or row.concept in SUBTOTAL_CONCEPTS
    )


def _table_sums_python(tables: Sequence[Table], table: Table) -> list[Spec | Finding]:
    """A table's sums and its totals not checked, in row order: the specification of the
    compiled loop (``_footing.c``'s ``sums``), which walks the same windows and searches
    them on the same grids, and calls back here for what stays Python (a window over a
    column of two readings, ``_borne_out``, ``_printed_total``, the specs made)."""
    grids = _Grids(table)
    specs: list[Spec | Finding] = []
    found: dict[int, list[int]] = {}  # total row -> the rows it adds
    for k, row in enumerate(table.rows):
        if not row.has_figures or row.unit not in _SUMMABLE or not closes_a_sum(row):
            continue
        rule_closed = row.rule_above is Rule.SINGLE
        named = row.kind in (RowKind.SUBTOTAL, RowKind.TOTAL) or named_total(row.label)
        fallback: tuple[list[int], Best] | None = None
        accepted: tuple[list[int], Signs] | None = None
        windows, cut = _windows(table.rows, k, found)
        for items in windows:
            best = _search(table, grids, k, items)
            if best is None:
                continue
            if best[1] == best[2]:
                accepted = (items, best[0])
                break
            if (
                fallback is None
                and _acceptable_failure(best, len(items), rule_closed, named)
                and _borne_out(tables, table, k, items, best[0], 1)
            ):
                fallback = (items, best)
        if accepted is None:
            for items in _nearest(table.rows, k, found):
                best = _search(table, grids, k, items, _NEAREST_MINUS)
                if best is not None and best[1] == best[2] >= 2:
                    accepted = (items, best[0])
                    break
                if (
                    fallback is None
                    and best is not None
                    and _acceptable_failure(
                        best,
                        len(items),
                        rule_closed=False,
                        named=named,
                        worded=_worded_minus(table.rows, items, best[0]),
                    )
                    and (named or best[1] >= _BORNE_OUT)
                    and _borne_out(tables, table, k, items, best[0], 1 if named else 2)
                ):
                    # totals across section heads (`Increase in cash` over the three
                    # activities) fail like any other when one of their figures is wrong;
                    # so does a subtotal printed with no rule (`Net income` under the
                    # taxes) that other columns bear out
                    fallback = (items, best)
        if accepted is None and fallback is not None:
            accepted = (fallback[0], fallback[1][0])
        if accepted is None and rule_closed and _BARE_TOTAL.match(row.label) and windows:
            accepted = _printed_total(table, k, windows[0], found)
        if accepted is not None:
            specs.append(_spec(tables, table, k, accepted[0], accepted[1], rule_closed))
            found[k] = accepted[0]
        elif cut:
            specs.append(_not_checked(row))
    return specs


_TableSums = Callable[[Sequence[Table], Table], list[Spec | Finding]]


def _compiled_sums(*, forced: bool = False) -> _TableSums | None:
    """The compiled loop over a table's totals (``_footing.c``'s ``sums``), configured with
    the kinds, rules, units, concepts and label patterns ``_table_sums_python`` reads;
    the specs and findings are made here from the totals it finds."""
    module = extensions.compiled("tieout.checks._footing", forced=forced)
    if module is None:
        return None
    module.configure(
        RowKind.HEADER,
        RowKind.SUBTOTAL,
        RowKind.TOTAL,
        Rule.SINGLE,
        Rule.DOUBLE,
        Unit.PERCENT,
        _SUMMABLE,
        SUBTOTAL_CONCEPTS,
        _SUBTOTAL_LABEL.match,  # (the whole pattern is anchored at the start)
        named_total,
        _BARE_TOTAL.match,
        _LESS.match,
        EXACT,
    )
    module.configure_integers(Decimal, Row, Cell)
    sums: Callable[..., list[tuple[int, list[int], Signs, bool] | int]] = module.sums

    def _table_sums_compiled(tables: Sequence[Table], table: Table) -> list[Spec | Finding]:
        grids = _Grids(table)
        found = sums(
            table.rows,
            table.columns,
            lambda k, items, max_minus: _search_window(grids, k, items, max_minus),
            lambda k, items, signs, columns: _borne_out(tables, table, k, items, signs, columns),
            lambda k, items, found: _printed_total(table, k, items, found),
        )
        return [
            _not_checked(table.rows[total])
            if isinstance(total, int)
            else _spec(tables, table, *total)
            for total in found
        ]

    return _table_sums_compiled


def _borne_out(
    tables: Sequence[Table], table: Table, k: int, items: list[int], signs: Signs, columns: int
) -> bool:
    """Whether a sum failing in one column is borne out by the others: it holds in
    ``columns`` of them or more, with every item the failing column prints.

    A column where those items are blank says nothing of them: `Net income` equal to
    continuing operations where nothing is discontinued is no evidence that it adds the
    rows of discontinued operations that another year prints.
    """
    relation = evaluate(_spec(tables, table, k, items, signs, False), tables, {}, keep=False)
    failing = [ev for ev in relation.evaluations if not ev.holds]
    if len(failing) != 1:
        return False
    rows = {ref.row for ref in failing[0].items}
    holding = [ev for ev in relation.evaluations if ev.holds]
    full = [ev for ev in holding if rows <= {r.row for r in ev.items}]
    return len(full) >= columns or _each_item_borne_out(rows, holding, signs)


def _each_item_borne_out(rows: set[int], holding: Sequence[Evaluation], signs: Signs) -> bool:
    """Whether the columns a sum holds in bear out each item of its failing column apart,
    where no one of them prints them all.

    A summary of parts ("PNC legacy", "BBVA USA", "PNC consolidated") prints the legacy
    charge-offs only under the legacy part and the acquired ones only under the acquired
    part, each its part's total alone; only the consolidated column prints both. A sum of
    items all added, holding in two columns or more, each item printed and holding in
    one of them at least, is the layout's own sum there too: failing in the one column
    that prints them all, it fails, and is reported (not dropped). An item printed only
    in the failing column is borne out by nothing (discontinued operations a year
    printed where the others print nothing).
    """
    if len(holding) < 2 or any(sign < 0 for sign in signs):
        return False
    borne = {ref.row for ev in holding for ref in ev.items}
    return rows <= borne and all(ev.items for ev in holding)


def _printed_total(
    table: Table, k: int, items: list[int], found: Mapping[int, Sequence[int]]
) -> tuple[list[int], Signs] | None:
    """The sum a row labelled only "Total" under a rule claims, when no signs hold anywhere.

    A sum is otherwise proposed only where it holds somewhere, so a total wrong in every
    column went unreported. "Total" alone, under a rule, over a short block of rows of
    its level, none a total of its own and every one printed in each of its columns,
    names its items without doubt: they are added as printed (the printer's own claim).
    """
    total = table.rows[k]
    rows = [table.rows[j] for j in items]
    if not 2 <= len(items) <= _BARE_TOTAL_ITEMS or any(j in found for j in items):
        return None
    if items != list(range(items[0], k)):
        return None  # a head or a skipped total inside the block
    for row in rows:
        if row.level != rows[0].level or row.kind is not RowKind.ITEM:
            return None
        if row.rule_above is not Rule.NONE and row is not rows[0]:
            return None
        if any(
            (cell is None) != (mine is None)
            for cell, mine in zip(row.cells, total.cells, strict=True)
        ):
            return None
    return items, tuple(1 for _ in items)


def _not_checked(row: Row) -> Finding:
    return Finding(
        code=FindingCode.SUM_NOT_CHECKED,
        severity=Severity.INFO,
        message=(
            f"{row.label}: more than {_MAX_ITEMS} rows above it with no rule line, heading "
            f"or other total between; footing tries {_MAX_ITEMS} rows at most, so its sum "
            "is not checked"
        ),
        line=row.line,
        evidence=(row.label_span,),
    )


_compiled_table_sums = _compiled_sums()
_table_sums: _TableSums = (
    _compiled_table_sums if _compiled_table_sums is not None else _table_sums_python
)


def layout_sums(tables: Sequence[Table], found: Sequence[Spec] = ()) -> list[Spec | Finding]:
    """Every sum that a rule line, a subtotal label or a reader's mark closes, with its signs;
    an info finding for a total whose rows run past the bound footing keeps."""
    return [spec for table in tables for spec in _table_sums(tables, table)]


def _spec(
    tables: Sequence[Table],
    table: Table,
    k: int,
    items: list[int],
    signs: tuple[int, ...],
    rule_closed: bool,
) -> Spec:
    t = table.index
    # (the enum members read once; a list made a tuple: no generator resumed per item)
    return Spec(
        _LAYOUT,
        table.rows[k].label,
        _SUM,
        Term(t, k, 1),
        tuple([Term(t, j, s) for j, s in zip(items, signs, strict=True)]),
        same_table_places(tables, t, k, items),
        rule_closed,
    )


CHECK: RelationCheck = RelationCheck(
    "layout sums", RelationSource.LAYOUT, FindingCode.SUM_MISMATCH, layout_sums, describe_sum
)
