"""What the other figures of a sentence settle about a figure's meaning.

A sentence that gives one metric's level and its change ("Average loans decreased $7.3
billion, or 3%, to $245.8 billion"; "Noninterest income of $594 million increased $80
million, or 16%, from $514 million") says itself which row and which comparison its
change means: the row and column its level ties, against the column its other level
("from $514 million") or its change in dollars ties. A change of that metric is judged
there and nowhere else: a row of another segment or two columns no one compares that
happen to hold its value are no reading of it. A sentence whose other figures, of the same
inferred period, all tie one period ("quarterly revenue of $45.6 billion and quarterly net
profit of $10.2 billion, or $11.62 per diluted share") settles that period for the figure
among them that ties only another one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date

from tieout.model import CellRef, Claim, claim_with
from tieout.prose.candidates import Chosen, Match, evaluate, listed_columns
from tieout.prose.index import ColumnView, Index
from tieout.prose.members import (
    ADJUSTED,
    AMBIGUOUS,
    ATTACHED,
    CHANGE,
    CONTRADICTS,
    FORWARD_LOOKING,
    LEVEL,
    LISTED,
    OTHER_PERIOD,
    PERCENT_CHANGE,
    PERIOD_STATED,
    ROUNDING,
    TIES,
    UNRESOLVED,
    UNTIED,
)
from tieout.prose.subjects import Site, clean_label

_TIED = frozenset({TIES, ROUNDING})
_TIED_OR_CONTRADICTS = _TIED | {CONTRADICTS}
_CHANGES = (CHANGE, PERCENT_CHANGE)
_LOOSE = frozenset({FORWARD_LOOKING, OTHER_PERIOD, UNRESOLVED})


def metric(claim: Claim) -> str:
    """The metric a claim's words name, as a key: its concept, else its cleaned subject."""
    return (claim.concept or clean_label(claim.subject)).lower()


def _metric(claim: Claim) -> tuple[str, str, str | None] | None:
    """The sentence, the metric a claim is attached to and the segment it is of, or None
    when its words name no metric ("net sales of the Rubber Group increased by 4% to
    $27,803,000, while net sales of the Metals Group ..." are two segments' figures)."""
    traits = claim.traits
    if ATTACHED not in traits or not _LOOSE.isdisjoint(traits):  # (no set made)
        return None
    return claim.sentence, metric(claim), claim.segment


def _when(col: ColumnView) -> tuple[int, int, date]:
    """When a column's period ends, as far as its header says: year, quarter, date."""
    return col.year or 0, col.quarter or 0, col.end or date.min


def _judged(
    claim: Claim, index: Index, site: Site, pair: tuple[ColumnView, ColumnView], chosen: Chosen
) -> list[Match]:
    return list(evaluate(claim, index, site, pair[0], chosen, by_value=True, against=pair[1]))


def _fits(matches: Sequence[Match]) -> Match | None:
    return next((m for m in matches if m.ties and m.direction_ok), None)


def _pair(
    claim: Claim,
    group: Sequence[Claim],
    index: Index,
    site: Site,
    levels: Sequence[ColumnView],
    chosen: Chosen,
) -> tuple[ColumnView, ColumnView] | None:
    """The comparison a sentence's other figures of one row settle for a change of it: the
    columns of its two levels (the later one current), or its level's column against the
    one like column that every other change of the sentence ties."""
    if len(levels) == 2:
        a, b = levels
        if not a.comparable(b) or _when(a) == _when(b):
            return None
        return (a, b) if _when(a) > _when(b) else (b, a)
    if len(levels) != 1:
        return None
    current = levels[0]
    bases = [c for c in index.table_columns.get(current.table, ()) if c.comparable(current)]
    if len(bases) == 1:
        return current, bases[0]
    others = [c for c in group if c.kind in _CHANGES and c is not claim]
    fitting = [
        base
        for base in bases
        if others and all(_fits(_judged(c, index, site, (current, base), chosen)) for c in others)
    ]
    return (current, fitting[0]) if len(fitting) == 1 else None


def _anchored(group: Sequence[Claim], index: Index, chosen: Chosen) -> dict[int, Claim]:
    """The changes of one metric of a sentence judged on the row and comparison its other
    figures settle (by position in ``group``)."""
    if not any(c.kind in _CHANGES for c in group):
        return {}  # (most groups) no change to judge
    levels = [c for c in group if c.kind is LEVEL and c.status in _TIED]
    # the levels' cells by their ints (a reference is hashed by a Python ``__hash__``):
    # of one row, a cell is its table and column
    rows = {(r.table, r.row) for c in levels for r in c.tied_to}
    if len(rows) != 1:
        return {}
    table, row = next(iter(rows))
    site = index.site(table, row)
    cells = sorted({(r.table, r.column) for c in levels for r in c.tied_to})
    found = [index.columns.get(cell) for cell in cells]
    columns = [c for c in found if c is not None]
    if site is None or site.quantity or len(columns) != len(found):
        return {}
    adjusted = {ADJUSTED in c.traits for c in levels}
    out: dict[int, Claim] = {}
    for n, claim in enumerate(group):
        if claim.kind not in _CHANGES or {ADJUSTED in claim.traits} != adjusted:
            continue
        if len(columns) == 1 and any(level.period != claim.period for level in levels):
            continue  # its one level is of another period ("compared to $32,383,000 for ...")
        pair = _pair(claim, group, index, site, columns, chosen)
        matches = _judged(claim, index, site, pair, chosen) if pair is not None else []
        if not matches:
            continue
        tied = _fits(matches)
        if tied is not None:
            status = ROUNDING if tied.rounding else TIES
            match = tied
        else:
            status = CONTRADICTS
            match = min(matches, key=lambda m: abs(abs(claim.value) - abs(m.expected)))
        traits = claim.traits | {PERIOD_STATED}  # its sentence names the base
        out[n] = claim_with(
            claim, tied_to=match.refs, status=status, expected=match.expected, traits=traits
        )
    return out


def anchored(claims: Sequence[Claim], index: Index, chosen: Chosen) -> tuple[Claim, ...]:
    """Every claim, the changes of a metric whose level the same sentence gives judged on
    the row and comparison the sentence's figures settle."""
    groups: dict[tuple[str, str, str | None], list[int]] = {}
    # only a group holding a change is judged (``_anchored``): the claims of sentences
    # holding none are not grouped (their groups hold no change)
    changing = {claim.sentence for claim in claims if claim.kind in _CHANGES}
    for i, claim in enumerate(claims):
        if claim.sentence not in changing:
            continue
        key = _metric(claim)
        if key is not None:
            groups.setdefault(key, []).append(i)
    out = list(claims)
    for members in groups.values():
        if len(members) < 2:
            continue
        judged = _anchored([claims[i] for i in members], index, chosen)
        for n, claim in judged.items():
            out[members[n]] = claim
    return tuple(out)


def _period_of(index: Index, refs: Sequence[CellRef]) -> set[tuple[object, ...]]:
    """The periods of cells' columns, as their headers give them."""
    out: set[tuple[object, ...]] = set()
    for ref in refs:
        col = index.columns.get((ref.table, ref.column))
        out.add(() if col is None else (col.months, col.instant, *_when(col)))
    return out


def dated(
    claims: Sequence[Claim], index: Index, retie: Callable[[Claim], Claim]
) -> tuple[Claim, ...]:
    """Every claim, a figure that ties only another period than its own settled to the one
    period its sentence's other figures of that period all tie.

    "The Company posted quarterly revenue of $43.6 billion and quarterly net profit of
    $10.2 billion, or $11.62 per diluted share" takes its period from the paragraph; the
    profit and the per-share figure tie the quarter's column, so the revenue speaks of
    that quarter too, not of the year-ago quarter whose revenue happens to be $43.6
    billion. ``retie``: the claim tied again as if its clause named its period.
    """
    out = list(claims)
    for i, claim in enumerate(claims):
        if (
            claim.status is not AMBIGUOUS
            or claim.kind is not LEVEL
            or claim.period is None
            or PERIOD_STATED in claim.traits
        ):
            continue
        others = [
            c
            for c in claims
            if c is not claim
            and c.sentence == claim.sentence
            and c.period == claim.period
            and PERIOD_STATED not in c.traits
        ]
        periods = {p for c in others for p in _period_of(index, c.tied_to)}
        if not others or any(c.status not in _TIED for c in others) or len(periods) != 1:
            continue
        tied = retie(claim_with(claim, traits=claim.traits | {PERIOD_STATED}))
        if tied.status in _TIED_OR_CONTRADICTS and (_period_of(index, tied.tied_to) == periods):
            out[i] = claim_with(tied, traits=claim.traits)
    return tuple(out)


def _lists(claims: Sequence[Claim]) -> list[list[int]]:
    """The figures of each "respectively" list of dates (``LISTED``), by position: runs of
    them in one sentence, a new list beginning where a date comes round again."""
    runs: list[list[int]] = []
    for i, claim in enumerate(claims):
        if LISTED not in claim.traits or claim.kind is not LEVEL:
            continue
        run = runs[-1] if runs else []
        last = claims[run[-1]] if run else None
        if (
            last is None
            or run[-1] != i - 1
            or last.sentence != claim.sentence
            or any(claims[j].period == claim.period for j in run)
        ):
            runs.append([i])
        else:
            run.append(i)
    return runs


def listed(claims: Sequence[Claim], index: Index, chosen: Chosen) -> tuple[Claim, ...]:
    """Every claim, the one figure of a "respectively" list of dates that ties nothing
    judged on the row every other figure of the list ties at its own date.

    "At December 31, 2021, September 30, 2021, June 30, 2021, March 31, 2021 and
    December 31, 2020, the allowance for credit losses on investment securities was $42
    million, $73 million, $87 million, $94 million and $78 million, respectively": when
    every figure but one ties one row, each in the column of its place's date, the list
    is paired as its places say and speaks of that row; the one left over is that row at
    its date, and fitting it not, contradicts it. Not a proof (the figure's own words
    name neither row nor date firmly): a warning. Lists of three figures or more only:
    two could pair by chance.
    """
    out = list(claims)
    for run in _lists(claims):
        members = [claims[i] for i in run]
        tied = [c for c in members if c.status in _TIED]
        left = [i for i in run if claims[i].status is UNTIED]
        rows = {(r.table, r.row) for c in tied for r in c.tied_to}
        if len(run) < 3 or len(tied) != len(run) - 1 or len(left) != 1 or len(rows) != 1:
            continue
        if any(len(c.tied_to) != 1 for c in tied):
            continue
        claim = claims[left[0]]
        site = index.site(*next(iter(rows)))
        if site is None:
            continue
        matches = [
            m
            for col in listed_columns(claim, index, site)
            for m in evaluate(claim, index, site, col, chosen, by_value=True)
        ]
        if not matches or any(m.ties for m in matches) or len({m.expected for m in matches}) != 1:
            continue
        match = matches[0]
        out[left[0]] = claim_with(
            claim, tied_to=match.refs, status=CONTRADICTS, expected=match.expected
        )
    return tuple(out)
