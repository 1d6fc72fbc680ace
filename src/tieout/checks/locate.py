"""Locating the error: the one figure whose correction makes the failing sums tie.

A wrong figure usually breaks every sum it stands in: a transposed segment EBITDA fails
both the segment identity and the column total. Reporting each failing sum at its own
total line sends the reader to the wrong place. For each figure of a failing sum, the
range of values that would make every sum it takes part in hold (failing and holding
alike) is the intersection of one interval per sum; a figure with a non-empty range
explains the failures it is in. The figure that explains the most failures, alone, is
the culprit; where several figures explain a failure equally, none is named, and the
sums are reported one by one as before.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from tieout.model import (
    CellRef,
    Culprit,
    Evaluation,
    Relation,
    RelationKind,
    RelationSource,
    Table,
)
from tieout.rounding import Interval, common

Key = tuple[int, int]  # (relation index, evaluation index)


# enum members read once: a member read by attribute goes through its metaclass's
# ``__getattr__`` in Python 3.11 (about 0.4 us), in loops over rows and columns
_SUM, _EQUAL, _SCALE = (
    RelationKind.SUM, RelationKind.EQUAL, RelationSource.SCALE
)  # fmt: skip


def _value(tables: Sequence[Table], ref: CellRef, chosen: Mapping[CellRef, Decimal]) -> Decimal:
    if ref in chosen:
        return chosen[ref]
    cell = tables[ref.table].rows[ref.row].cells[ref.column]
    assert cell is not None
    return cell.value


def _needed(
    ev: Evaluation, ref: CellRef, tables: Sequence[Table], chosen: Mapping[CellRef, Decimal]
) -> Interval:
    """The values of ``ref`` under which this sum holds, the other figures as printed."""
    if ref == ev.total:
        return Interval.around(ev.expected, ev.tolerance)
    sign = ev.signs[ev.items.index(ref)]
    rest = ev.expected - sign * _value(tables, ref, chosen)
    needed = Interval.around(ev.actual - rest, ev.tolerance)
    return needed if sign > 0 else -needed


def _in_scope(relation: Relation) -> bool:
    """A sum or an equality, not of a table printed at another scale (no one figure's
    error): the relations whose failures a figure may explain."""
    return relation.kind in (_SUM, _EQUAL) and relation.source is not _SCALE


def locate(
    relations: Sequence[Relation],
    tables: Sequence[Table],
    chosen: Mapping[CellRef, Decimal],
) -> tuple[Culprit, ...]:
    """The culprit figures of the failing sums, each with the failures it explains."""
    # The sums whose figures may be wrong (``_in_scope``) are walked twice: for the
    # failing ones first, most evaluations holding (and no second walk where none fails),
    # then for the sums each figure of a failing one takes part in.
    scope = [(i, relation) for i, relation in enumerate(relations) if _in_scope(relation)]
    failing: set[Key] = set()
    suspects: set[CellRef] = set()  # the figures of the failing sums
    for i, relation in scope:
        for j, ev in enumerate(relation.evaluations):
            if not ev.holds and len(ev.signs) == len(ev.items):
                failing.add((i, j))
                suspects.add(ev.total)
                suspects.update(ev.items)
    if not failing:
        return ()
    # Only a figure of a failing sum can explain one: the sums each takes part in are
    # gathered for those alone (a reference hashes in Python; its row, an int, does not,
    # and rules out most figures first).
    rows = {ref.row for ref in suspects}
    touching: dict[CellRef, list[Key]] = {}
    for i, relation in scope:
        for j, ev in enumerate(relation.evaluations):
            if len(ev.signs) != len(ev.items):
                continue
            key = None
            for ref in (ev.total, *ev.items):
                if ref.row in rows and ref in suspects:
                    if key is None:
                        key = (i, j)
                    keys = touching.get(ref)
                    if keys is None:
                        touching[ref] = [key]
                    else:
                        keys.append(key)

    def evaluation(key: Key) -> Evaluation:
        return relations[key[0]].evaluations[key[1]]

    explains: dict[CellRef, tuple[Decimal, Decimal, tuple[Key, ...]]] = {}
    for ref, keys in touching.items():
        if chosen and ref in chosen:
            continue  # an ambiguous print was already read by the relations
        needed = common(_needed(evaluation(key), ref, tables, chosen) for key in keys)
        if needed is not None:
            explains[ref] = (needed.lo, needed.hi, tuple(sorted(k for k in keys if k in failing)))
    culprits: list[Culprit] = []
    done: set[Key] = set()
    for ref, (lo, hi, fixed) in sorted(
        explains.items(), key=lambda item: (-len(item[1][2]), item[0].table, item[0].row)
    ):
        if any(k in done for k in fixed):
            continue
        rivals = [
            other
            for other, (_, _, other_keys) in explains.items()
            if other != ref and len(other_keys) >= len(fixed) and set(other_keys) & set(fixed)
        ]
        if rivals:
            continue  # two figures explain the same failures equally: no one to name
        culprits.append(Culprit(ref, lo, hi, fixed))
        done.update(fixed)
    return tuple(culprits)
