"""A relation before it is judged: which rows, which signs, which columns.

Finders propose ``Spec``s; a spec is evaluated into a ``Relation`` once with every
reading of an ambiguous figure allowed (to discover it), and again with the readings
the checks chose (to judge it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from tieout import extensions
from tieout.cells import Chosen
from tieout.checks.evaluate import (
    COMPILED,
    PERCENT_PLACES,
    RATIO_PLACES,
    evaluate_percent_change,
    evaluate_ratio,
    judge_sum,
)
from tieout.model import (
    CellRef,
    Column,
    Evaluation,
    Relation,
    RelationKind,
    RelationSource,
    Row,
    Table,
    Term,
    Unit,
    quick_init,
)

# enum members read once: a member read by attribute goes through its metaclass's
# ``__getattr__`` in Python 3.11 (about 0.4 us), in loops over rows and columns
_PERCENT, _RATIO, _PERCENT_CHANGE, _LAYOUT, _SUM = (
    Unit.PERCENT, RelationKind.RATIO, RelationKind.PERCENT_CHANGE, RelationSource.LAYOUT, RelationKind.SUM
)  # fmt: skip


@quick_init  # one per candidate row of change columns, per column of a sum
@dataclass(frozen=True, slots=True)
class Place:
    """One column in which a relation is tested: the total's cell and each item's cell."""

    label: str
    total: CellRef
    items: tuple[CellRef, ...]


@quick_init
@dataclass(frozen=True, slots=True)
class Spec:
    """A relation a check proposes, before it is judged (``evaluate``): its total and its
    items (terms with their signs), and the places (columns) in which it is tested."""

    source: RelationSource
    name: str
    kind: RelationKind
    total: Term
    items: tuple[Term, ...]
    places: tuple[Place, ...]
    rule_closed: bool = False  # the total sits under a rule line: the layout says it is a sum


# Within ``remembering``: the tables, and each spec evaluated there with no reading chosen
# (by its id, the spec kept beside its relation so that the id is not reused)
_REMEMBERED: ContextVar[tuple[Sequence[Table], dict[int, tuple[Spec, Relation]]] | None] = (
    ContextVar("remembered", default=None)
)


@contextmanager
def remembering(tables: Sequence[Table]) -> Iterator[None]:
    """Within it, a spec of ``tables`` evaluated with no reading chosen is evaluated once.

    The finders judge their specs to decide which to propose (change columns and
    cross-footing columns by every row), and the checks judge every spec again once the
    readings are chosen; where none is chosen (most releases), that is the same relation.
    """
    token = _REMEMBERED.set((tables, {}))
    try:
        yield
    finally:
        _REMEMBERED.reset(token)


def evaluate(spec: Spec, tables: Sequence[Table], chosen: Chosen, *, keep: bool = True) -> Relation:
    """The relation with one evaluation per place whose total is printed.

    ``keep=False``: not remembered (a finder judging many specs of which it proposes
    few, ``remember`` then keeping those it proposes). What is remembered lives to the
    end of the checks, and thousands of records kept for nothing make every collection
    of the garbage collector slower.
    """
    memo = _REMEMBERED.get()
    if memo is None or chosen or memo[0] is not tables:
        return _evaluate(spec, tables, chosen)
    found = memo[1].get(id(spec))
    if found is not None and found[0] is spec:
        return found[1]
    relation = _evaluate(spec, tables, chosen)
    if keep:
        memo[1][id(spec)] = (spec, relation)
    return relation


def remember(judged: Iterable[tuple[Spec, Relation]], tables: Sequence[Table]) -> None:
    """Within ``remembering(tables)``: each relation of ``judged`` is its spec evaluated
    with no reading chosen (as ``evaluate(spec, tables, {}, keep=False)`` gave it). (The
    memo is read once for all of them: a change column keeps a spec per row.)"""
    memo = _REMEMBERED.get()
    if memo is not None and memo[0] is tables:
        kept = memo[1]
        for spec, relation in judged:
            kept[id(spec)] = (spec, relation)


def _evaluate(spec: Spec, tables: Sequence[Table], chosen: Chosen) -> Relation:
    signs = tuple([t.sign for t in spec.items])  # of a sum's items (once, not per place)
    return judged(spec, _judged_places(spec.kind, spec.places, signs, tables, chosen))


def judge(
    kind: RelationKind, place: Place, signs: Sequence[int], tables: Sequence[Table], chosen: Chosen
) -> Evaluation | None:
    """A relation of ``kind`` tested in one place (``signs``: of a sum's items); None
    where its total is blank or, for a quotient, its divisor may be zero.

    A finder that judges many candidate places before it proposes a few specs (change
    columns) judges them here and makes a spec only of those it keeps (``judged``).
    """
    if kind is _RATIO:
        return evaluate_ratio(
            tables, place.label, place.total, place.items[0], place.items[1], chosen
        )
    if kind is _PERCENT_CHANGE:
        return evaluate_percent_change(
            tables, place.label, place.total, place.items[0], place.items[1], chosen
        )
    return judge_sum(tables, place.label, place.total, place.items, signs, chosen)


def _judged_places_python(
    kind: RelationKind,
    places: Sequence[Place],
    signs: Sequence[int],
    tables: Sequence[Table],
    chosen: Chosen,
) -> tuple[Evaluation, ...]:
    """Each of ``places`` judged (``judge``), in order, those whose total is printed: the
    evaluations of a spec, and the specification of the compiled ``_judge.places``."""
    evaluations: list[Evaluation] = []
    for place in places:
        ev = judge(kind, place, signs, tables, chosen)
        if ev is not None:
            evaluations.append(ev)
    return tuple(evaluations)


def judged(spec: Spec, evaluations: tuple[Evaluation, ...]) -> Relation:
    """The relation of ``spec`` with the evaluations of its places (``judge``)."""
    return Relation(spec.source, spec.name, spec.total, spec.items, evaluations, spec.kind)


def same_table_places(
    tables: Sequence[Table], table: int, total: int, items: Sequence[int]
) -> tuple[Place, ...]:
    """A place per column of one table, for a relation among rows of that table."""
    t = tables[table]
    unit = t.rows[total].unit
    columns = [
        (col.label, col.index)
        for col in t.columns
        if col.unit is not _PERCENT or unit is _PERCENT  # % changes do not add
    ]
    return _table_places(table, total, list(items), columns)


def _table_places_python(
    table: int, total: int, items: list[int], columns: list[tuple[str, int]]
) -> tuple[Place, ...]:
    """A place per (label, index) of ``columns``, of the row ``total`` and the rows
    ``items`` of the table of index ``table``: the specification of the compiled
    ``_judge.table_places`` (layout sums' and the identities' places, 29,000 references a
    pass)."""
    return tuple(
        [
            Place(label, CellRef(table, total, c), tuple([CellRef(table, r, c) for r in items]))
            for label, c in columns
        ]
    )


def holding_somewhere(specs: Sequence[Spec], tables: Sequence[Table]) -> list[Spec]:
    """The specs that hold in at least one place: evidence that the rows are related."""
    return [s for s in specs if evaluate(s, tables, {}).holds_in]


def borne_out(
    rows: Sequence[Spec], tables: Sequence[Table], min_rows: int, min_share: float
) -> list[Spec]:
    """Row relations of one table, kept when most rows hold them; none otherwise.

    Columns that cross-foot say so only through their rows: when the relation holds in
    at least ``min_rows`` rows and in ``min_share`` of the rows it can be tested in, it
    is taken as real for the table, and a row where it fails is an error in that row.
    A row that fails in every one of two or more groups of columns is of another kind
    (an allocated balance, a ratio printed without its sign): an error strikes one
    column, so the relation is not asserted on that row.
    """
    judged = [(s, evaluate(s, tables, {})) for s in rows]
    tested = [(s, r) for s, r in judged if r.evaluations]
    holding = [s for s, r in tested if r.holds]
    if len(holding) >= min_rows and len(holding) >= min_share * len(tested):
        shared = _shared_gaps([r for _, r in tested])
        return [
            s
            for s, r in tested
            if (r.holds_in or len(r.evaluations) < 2)
            and not (r.fails_in and all(e in shared for e in r.evaluations if not e.holds))
        ]
    return []


def _shared_gaps(relations: Sequence[Relation]) -> set[Evaluation]:
    """Failing evaluations whose gap another row shares in the same column.

    Two rows of one column off by the same amount (Total earning assets and Total assets
    both 254,191 short of their segments) are not two misprints: the total column holds
    an item the segment columns do not print (an allocation, an elimination).
    """
    failing = [e for r in relations for e in r.evaluations if not e.holds]
    shared: set[Evaluation] = set()
    for i, a in enumerate(failing):
        for b in failing[i + 1 :]:
            same_column = a.total.table == b.total.table and a.total.column == b.total.column
            if same_column and abs(a.difference - b.difference) <= a.tolerance + b.tolerance:
                shared.update((a, b))
    return shared


def column_sums(
    table: Table,
    groups: Sequence[tuple[Column, Sequence[Column]]],
    adds: Callable[[Row], bool],
    name: str,
) -> list[Spec]:
    """One relation per row that ``adds``: each group's total column = the sum of its columns.

    A row is tested in the groups where every column it adds is printed; the groups must
    add as many columns each, a row's relation having one item per column.
    """
    n = len(groups[0][1]) if groups else 0
    if any(len(columns) != n for _, columns in groups):
        return []
    t = table.index
    # each group's total (label, index) and its columns' indexes, read once per table
    read = [(total.label, total.index, [c.index for c in columns]) for total, columns in groups]
    specs = []
    for row in table.rows:
        if not row.has_figures or not adds(row):
            continue
        cells, r = row.cells, row.index
        made: list[
            Place
        ] = []  # (loops, not comprehensions: no frame and no list per group of a row)
        for label, c_total, indexes in read:
            for c in indexes:
                if cells[c] is None:
                    break  # a column of the group not printed: not tested there
            else:
                refs = tuple([CellRef(t, r, c) for c in indexes])
                made.append(Place(label, CellRef(t, r, c_total), refs))
        if made:
            places = tuple(made)
            term = Term(t, r, 1)  # (the total and each item: one row, one record)
            specs.append(
                Spec(
                    _LAYOUT,
                    f"{row.label}: {name}",
                    _SUM,
                    term,
                    (term,) * n,
                    places,
                )
            )
    return specs


def cross_foot(
    tables: Sequence[Table],
    groups_of: Callable[[Table], Sequence[tuple[Column, Sequence[Column]]]],
    adds: Callable[[Row], bool],
    name: str,
    min_rows: int,
    min_share: float,
) -> list[Spec]:
    """Columns that add across, row by row, in every table where the rows bear it out."""
    specs: list[Spec] = []
    for table in tables:
        groups = groups_of(table)
        if groups:
            rows = column_sums(table, groups, adds, name)
            specs.extend(borne_out(rows, tables, min_rows, min_share))
    return specs


# -- the compiled judge of places (``_judge.c``) and the choice of it -----------------

_JudgePlaces = Callable[
    [RelationKind, Sequence[Place], Sequence[int], Sequence[Table], Chosen],
    "tuple[Evaluation, ...]",
]
_TablePlaces = Callable[[int, int, list[int], list[tuple[str, int]]], tuple[Place, ...]]


def _compiled(*, forced: bool = False) -> tuple[_JudgePlaces, _TablePlaces] | None:
    """``_judged_places_python`` and ``_table_places_python`` compiled (``_judge.places``
    and ``table_places``), as ``extensions.compiled`` gives them: a spec's places judged in
    one call, without a Python call per place (9,000 places a pass; a place whose figure
    has two readings, or of another shape than a ``Place`` of a tuple of items, is judged
    by ``judge``), and a table's places made with their references by their slots."""
    module = extensions.compiled("tieout.checks._judge", forced=forced)
    if module is None or not COMPILED:
        return None
    module.configure_places(Place, RATIO_PLACES, PERCENT_PLACES)
    judge_places: Callable[..., tuple[Evaluation, ...]] = module.places
    codes = {_RATIO: 1, _PERCENT_CHANGE: 2}  # any other: a sum

    def _judged_places_compiled(
        kind: RelationKind,
        places: Sequence[Place],
        signs: Sequence[int],
        tables: Sequence[Table],
        chosen: Chosen,
    ) -> tuple[Evaluation, ...]:
        if not isinstance(places, tuple):
            return _judged_places_python(kind, places, signs, tables, chosen)
        # (a place it cannot judge: judge(kind, place, signs, tables, chosen), called by
        # the C with these arguments: no function made per call to hold them)
        return judge_places(codes.get(kind, 0), places, signs, tables, chosen, judge, kind)

    table_places: _TablePlaces = module.table_places
    return _judged_places_compiled, table_places


_compiled_places = _compiled()
COMPILED_PLACES = _compiled_places is not None  # (and the Place class configured there)
_judged_places: _JudgePlaces
_table_places: _TablePlaces
if _compiled_places is not None:
    _judged_places, _table_places = _compiled_places
else:
    _judged_places, _table_places = _judged_places_python, _table_places_python
