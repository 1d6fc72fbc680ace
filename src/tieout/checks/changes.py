"""Change columns: `Change` = current - prior, `% Change` = (current - prior) / |prior|.

Tables of results often print, beside each pair of period columns, the change between
them. The header says which column is a change; the two period columns to its left are
the figures it compares, the later period being the current one. As with segment
columns, the rows are the evidence: the relation is taken as real for the table only
when it holds in most rows, and then a row where it fails is an error in that row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal, getcontext

from tieout import extensions
from tieout.checks import evaluate
from tieout.checks.entry import RelationCheck
from tieout.checks.reporting import as_printed, describe_sum
from tieout.checks.spec import COMPILED_PLACES, Place, Spec, judge, judged, remember
from tieout.model import (
    CellRef,
    Column,
    Evaluation,
    FindingCode,
    Relation,
    RelationKind,
    RelationSource,
    Release,
    Row,
    Table,
    Term,
    Unit,
)

_MIN_ROWS = 2
_MIN_ROWS_OTHER = 3  # a pair other than the two columns beside it needs more rows
_MIN_SHARE = 0.75


# enum members read once: a member read by attribute goes through its metaclass's
# ``__getattr__`` in Python 3.11 (about 0.4 us), in loops over rows and columns
_PERCENT, _PERCENT_CHANGE, _SUM, _CHANGE = (
    Unit.PERCENT, RelationKind.PERCENT_CHANGE, RelationKind.SUM, RelationSource.CHANGE
)  # fmt: skip


def _when(col: Column) -> tuple[date, int, int]:
    p = col.period
    if p is None:
        return (date.min, 0, 0)
    if p.end is not None:
        return (p.end, p.months or 0, 0)
    return (date(p.year, 12, 31) if p.year else date.min, p.months or 0, p.quarter or 0)


def _candidates(table: Table, change: Column) -> list[tuple[Column, Column, bool]]:
    """(current, prior, natural) pairs of period columns a change column may compare.

    The natural pair is the one its header names ("Change 2Q21 vs 2Q20"), else the two
    period columns just left of it; "Sequential" and "Year/Year" columns beside three
    quarters compare other pairs, which the rows decide.
    """
    periods = [
        x
        for x in table.columns[: change.index]
        if not x.change and x.unit is None and x.period is not None
    ]
    pairs: list[tuple[Column, Column, bool]] = []
    when = {x.index: _when(x) for x in periods}  # (each column's, once)
    if len(periods) >= 2:
        a, b = periods[-2], periods[-1]
        if a.period is not None and b.period is not None and a.period.months == b.period.months:
            current, prior = (a, b) if when[a.index] >= when[b.index] else (b, a)
            if current.period != prior.period:
                pairs.append((current, prior, True))
    natural = {(p[0].index, p[1].index) for p in pairs}
    # each column with what the pairs compare of it, read once (not once per pair); a
    # column is never paired with itself, as its date is not after its own
    read = [(x, x.index, when[x.index], x.period.months) for x in periods if x.period is not None]
    for a, ai, wa, ma in read:
        for b, bi, wb, mb in read:
            if wa > wb and ma == mb and (ai, bi) not in natural:
                pairs.append((a, b, False))
    if not pairs:
        return pairs
    names = {x.index: _names(change, x) for x in periods}  # (each column's, once)
    named = [(a, b, True) for a, b, _ in pairs if names[a.index] and names[b.index]]
    if len(named) == 1:  # "Change 2Q21 vs 2Q20": the header names the pair it compares
        return [*named, *(p for p in pairs if p[:2] != named[0][:2])]
    return pairs


def _names(change: Column, period: Column) -> bool:
    """Whether a change column's header names a period column by its whole label."""
    label = period.label.strip()
    return bool(label) and _whole_word(label, change.label)


def _whole_word(word: str, text: str) -> bool:
    """Whether ``word`` occurs in ``text`` with no word character either side of it.

    The test of ``(?<!\\w)word(?!\\w)`` without compiling a pattern for each pair of
    columns (a regular expression's ``\\w`` is a character ``isalnum`` or ``_``).
    """
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if (at == 0 or not _is_word(text[at - 1])) and (
            end == len(text) or not _is_word(text[end])
        ):
            return True
        at = text.find(word, at + 1)
    return False


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _printing(table: Table, change: Column) -> list[Row]:
    """The rows that print the change, in amounts (those ``_rows`` takes its pairs' from)."""
    return [
        row
        for row in table.rows
        if row.unit is not _PERCENT and row.cells[change.index] is not None
    ]


def _rows(printing: Sequence[Row], current: Column, prior: Column) -> list[Row]:
    """The rows that print the change and both figures it compares, in amounts
    (``printing``: those that print the change)."""
    return [
        row
        for row in printing
        if row.cells[current.index] is not None and row.cells[prior.index] is not None
    ]


def _place(
    table: Table,
    change: Column,
    current: Column,
    prior: Column,
    row: Row,
    refs: _Refs | None = None,
) -> Place:
    """The place of a row's relation (``refs``: the table's references made so far)."""
    if refs is None:
        refs = _Refs(table)
    return Place(
        change.label,
        refs.cell(row.index, change.index),
        (refs.cell(row.index, current.index), refs.cell(row.index, prior.index)),
    )


class _Refs:
    """A table's cell references and rows' terms, each made once: the candidate pairs of
    a change column judge a row's cells again for each pair (over the corpus, 30,099
    references of 16,311 cells), and a row's terms recur in each change column kept."""

    def __init__(self, table: Table) -> None:
        self.table = table.index
        self.cells: dict[tuple[int, int], CellRef] = {}
        self.terms: dict[int, tuple[Term, Term]] = {}

    def cell(self, row: int, column: int) -> CellRef:
        key = (row, column)
        ref = self.cells.get(key)
        if ref is None:
            ref = self.cells[key] = CellRef(self.table, row, column)
        return ref

    def row_terms(self, row: int) -> tuple[Term, Term]:
        """The row's terms, current - prior: (row, 1) and (row, -1)."""
        terms = self.terms.get(row)
        if terms is None:
            terms = self.terms[row] = (Term(self.table, row, 1), Term(self.table, row, -1))
        return terms


def _kind(change: Column) -> RelationKind:
    return _PERCENT_CHANGE if change.unit is _PERCENT else _SUM


def _row_spec(
    table: Table,
    change: Column,
    current: Column,
    prior: Column,
    row: Row,
    place: Place | None = None,
) -> Spec:
    """The relation of a row and a change column over a pair, tested in ``place`` (made
    here when not given)."""
    if place is None:
        place = _place(table, change, current, prior, row)
    return _spec(_kind(change), _named(change, current, prior), row, place, _Refs(table))


def _named(change: Column, current: Column, prior: Column) -> str:
    """What a row's relation is named after its label, for a change column and pair."""
    percent = change.unit is _PERCENT
    return f": {'% ' if percent else ''}change, {current.label} over {prior.label}"


def _spec(kind: RelationKind, named: str, row: Row, place: Place, refs: _Refs) -> Spec:
    """A row's relation (``_row_spec``) with its kind and name (``_named``) made once per
    pair: a change column's kept pairs make thousands of these per pass."""
    current, prior = refs.row_terms(row.index)  # (the total's term is the first item's)
    return Spec(_CHANGE, row.label + named, kind, current, (current, prior), (place,))


_SIGNS = (1, -1)  # current - prior


def _share(tested: int) -> float:
    """The rows of ``tested`` that must hold: ``_MIN_SHARE`` of them, and all but one of
    a column of three (two rows bear out a change column of three; the third, failing,
    is then an error in that row, not a reason to drop the column)."""
    return min(_MIN_SHARE * tested, tested - 1)


def _borne_out(
    tables: Sequence[Table],
    table: Table,
    pair: tuple[Column, Column, Column],
    enough: int,
    beat: int,
    rows: Sequence[Row],
    refs: _Refs,
) -> tuple[int, list[tuple[Spec, Relation]]] | None:
    """How many rows hold the change and the rows it can be tested in; None when they do
    not bear it out: fewer than ``enough`` or no more than ``beat`` hold, or under
    ``_MIN_SHARE`` of those tested (``_share``). A pair with too few rows to make it is
    judged in none; the others are judged by ``_tested`` (compiled where built).
    ``rows``: those that print the change and both its figures (``_rows``); ``refs``: the
    table's references.
    """
    n = len(rows)
    if not n or n < enough or n <= beat:
        return None  # (too few rows even if each holds: none judged)
    return _tested(tables, table, pair, enough, beat, rows, refs)


# rows judged over a pair borne out: how many hold, and each row tested as its spec and
# relation
_Tested = tuple[int, list[tuple[Spec, Relation]]]


def _tested_python(
    tables: Sequence[Table],
    table: Table,
    pair: tuple[Column, Column, Column],
    enough: int,
    beat: int,
    rows: Sequence[Row],
    refs: _Refs,
) -> _Tested | None:
    """The rows of a change column's pair (``_borne_out``'s) judged in turn, the search
    stopping (None) as soon as the rows left cannot make the count (most candidate pairs
    fail in a few rows), and the spec and relation of each row tested where the pair is
    borne out: the specification of the compiled ``_judge.rows``. No spec is made before
    the end: most rows judged are of pairs dropped."""
    kind = _kind(pair[0])
    n = len(rows)
    tested: list[tuple[Row, Place, Evaluation]] = []
    holding = 0
    for k, row in enumerate(rows, 1):
        place = _place(table, *pair, row, refs)
        ev = judge(kind, place, _SIGNS, tables, {})
        if ev is not None:
            tested.append((row, place, ev))
            holding += ev.holds
        best = holding + n - k  # at best each row left holds
        if best < enough or best <= beat or best < _share(len(tested) + n - k):
            return None
    named = _named(*pair)
    kept: list[tuple[Spec, Relation]] = []  # each row's spec and relation, in one pass
    for row, place, ev in tested:
        spec = _spec(kind, named, row, place, refs)
        kept.append((spec, judged(spec, (ev,))))
    return holding, kept


_Tester = Callable[
    [Sequence[Table], Table, tuple[Column, Column, Column], int, int, Sequence[Row], _Refs],
    "_Tested | None",
]


def _compiled(*, forced: bool = False) -> _Tester | None:
    """``_tested_python`` compiled (``_judge.rows``), as ``extensions.compiled`` gives it: a
    pair's rows judged in one call, each row's references, place and evaluation made
    there (10,000 rows a pass, 4,000 of them of pairs dropped), and the kept rows' specs,
    relations and terms (6,000 a pass) made there by their slots. A figure of two
    readings is judged by ``spec.judge``. A percent row is decided there in integers
    from its figures' coefficients and exponents, as the Decimal path decides it
    (``configure_integers``), and judged in Decimal only when its pair is borne out: most
    pairs are dropped."""
    module = extensions.compiled("tieout.checks._judge", forced=forced)
    if module is None or not evaluate.COMPILED or not COMPILED_PLACES:
        return None
    module.configure_rows(_SIGNS, _MIN_SHARE, Spec, Relation, Term, _CHANGE)
    module.configure_integers(Decimal, getcontext)
    judged_rows: Callable[..., _Tested | None] = module.rows

    def _tested_compiled(
        tables: Sequence[Table],
        table: Table,
        pair: tuple[Column, Column, Column],
        enough: int,
        beat: int,
        rows: Sequence[Row],
        refs: _Refs,
    ) -> _Tested | None:
        change, current, prior = pair
        kind = _kind(change)

        def fallback(place: Place) -> Evaluation | None:
            return judge(kind, place, _SIGNS, tables, {})

        return judged_rows(
            tables, change.label, refs.table, change.index, current.index, prior.index,
            rows if isinstance(rows, list) else list(rows), refs.cells,
            kind is _PERCENT_CHANGE, enough, beat, fallback,
            _named(change, current, prior), refs.terms, kind,
        )  # fmt: skip

    return _tested_compiled


_tested: _Tester = _compiled() or _tested_python


def _periods(current: Column, prior: Column) -> tuple[object, object]:
    return (
        current.period.key if current.period is not None else None,
        prior.period.key if prior.period is not None else None,
    )


# a candidate pair of a change column: current, prior, natural, and the rows printing all three
_Pair = tuple[Column, Column, bool, list[Row]]


def _best(
    tables: Sequence[Table],
    table: Table,
    change: Column,
    tried: Sequence[tuple[int, _Pair, int]],
    refs: _Refs,
) -> tuple[int, list[tuple[Spec, Relation]]] | None:
    """The pair of ``tried`` (position among the candidates, pair, rows it needs) whose
    rows bear the change out: the first natural pair borne out, else the pair whose rows
    hold most often, the first of equals.

    The pairs up to the last natural one are judged in order; the others by their rows,
    most first, as the pair with most rows holding tends to be the one with most rows:
    once a pair is borne out, a pair with no more rows than hold in it is dropped unjudged
    (one placed before it needs as many to hold, as the first of equals wins), and the
    others stop as soon as they cannot beat it. The winner is the one judging them in
    order finds.
    """
    head = max((k + 1 for k, (_, pair, _) in enumerate(tried) if pair[2]), default=0)
    tail = sorted(tried[head:], key=lambda t: -len(t[1][3]))  # (stable: in order among equals)
    best: tuple[int, list[tuple[Spec, Relation]]] | None = None
    best_at = -1
    for position, (current, prior, natural, rows), enough in [*tried[:head], *tail]:
        beat = -1 if best is None else best[0] - (position < best_at)
        borne = _borne_out(tables, table, (change, current, prior), enough, beat, rows, refs)
        if borne is not None:
            best, best_at = borne, position
            if natural:
                break
    return best


def change_columns(tables: Sequence[Table], found: Sequence[Spec] = ()) -> list[Spec]:
    """A relation per row and change column, kept when the table's rows bear it out.

    The natural pair (the two period columns beside the change) wins when its rows bear
    it out; otherwise the pair whose rows hold most often, the first of equals. A pair
    other than the natural one needs ``_MIN_ROWS_OTHER`` rows, unless another change
    column of the table is borne out over the same two periods ("Sequential Change" of
    units beside "Sequential Change" of revenue): then it needs as few as the natural.
    """
    specs: list[Spec] = []
    for table in tables:
        chosen: dict[int, tuple[int, list[tuple[Spec, Relation]]]] = {}
        compared: set[tuple[object, object]] = set()
        pairs: dict[int, list[_Pair]] = {}  # by change column, with their rows (once)
        refs = _Refs(table)
        for again in (False, True):
            if again and not compared:
                break
            for change in (c for c in table.columns if c.change and c.index not in chosen):
                if change.index not in pairs:
                    printing = _printing(table, change)
                    pairs[change.index] = [
                        (current, prior, natural, _rows(printing, current, prior))
                        for current, prior, natural in _candidates(table, change)
                    ]
                tried: list[tuple[int, _Pair, int]] = []  # (position, pair, rows needed)
                for position, pair in enumerate(pairs[change.index]):
                    current, prior, natural, _ = pair
                    seen = again and _periods(current, prior) in compared
                    if again and (natural or not seen):
                        continue  # judged as in the first pass, and not borne out
                    tried.append(
                        (position, pair, _MIN_ROWS if natural or seen else _MIN_ROWS_OTHER)
                    )
                best = _best(tables, table, change, tried, refs)
                if best is not None:
                    chosen[change.index] = best
                    for spec, _ in best[1][:1]:
                        place = spec.places[0]
                        compared.add(
                            _periods(
                                table.columns[place.items[0].column],
                                table.columns[place.items[1].column],
                            )
                        )
        for index in sorted(chosen):
            kept = chosen[index][1]
            remember(kept, tables)
            specs.extend([spec for spec, _ in kept])
    return specs


def describe(release: Release, relation: Relation, ev: Evaluation) -> str:
    """`(437 - 438) / 438 = -0.23%, printed (0.9)%`; a change in amount as a sum."""
    if relation.kind is not _PERCENT_CHANGE:
        return describe_sum(release, relation, ev)
    a, b = (as_printed(release, r) for r in ev.items)
    shown = as_printed(release, ev.total)
    arithmetic = f"({a} - {b}) / {b} = {ev.expected}%, printed {shown}"
    return f"{arithmetic}; off by {abs(ev.difference)}"


CHECK: RelationCheck = RelationCheck(
    "change columns", _CHANGE, FindingCode.CHANGE_MISMATCH, change_columns, describe
)
