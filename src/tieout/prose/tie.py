"""Tying claims to the cells they speak of, under the rounding of both prints.

A claim and a cell each stand for an interval: the printed value plus or minus half its
rounding unit (DESIGN.md). `$27,803,000` ties to 27,803 in thousands; `$33.0 million`
ties to 33,006 (the claim rounds coarser: status ``rounding``); `4%` ties to 26,722 ->
27,803 because the change over the two cells' intervals, about 4.05%, can round to 4.

Candidates are searched strictly first (the metric, segment and period as the sentence
words them), then relaxed (dropping what was only inferred: a heading's segment, the
release's period, a consolidated reading of a claim that names no segment). A claim
that ties nowhere contradicts its cell only when it is worded firmly: attached to its
metric, for a stated period, not forward-looking, not adjusted. Otherwise it is
untied.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from tieout.checks.evaluate import cell_at, options
from tieout.model import (
    CellFlag,
    CellRef,
    Claim,
    ClaimKind,
    ClaimStatus,
    ClaimTrait,
    Table,
    Unit,
)
from tieout.prose.subjects import Site, Vocabulary, clean_label, words
from tieout.tables.periods import parse_period

Chosen = Mapping[CellRef, Decimal]
_HALF = Decimal("0.5")
_HUNDRED = Decimal(100)
_APPROXIMATE = Decimal("0.05")  # "approximately": within 5%
_NEARLY = Decimal("0.9")  # "nearly $X": between 90% of X and X
_CONSOLIDATED = re.compile(r"consolidated|total", re.I)
_QUARTER_LABEL = re.compile(r"\bQ[1-4]\b|\b(?:first|second|third|fourth)\s+quarter\b", re.I)
_BOUND = Decimal("0.25")  # "more than $X": up to a quarter more; "less than": a quarter less
_FIRM_BLOCKERS = frozenset(
    {
        ClaimTrait.FORWARD_LOOKING,
        ClaimTrait.ADJUSTED,
        ClaimTrait.SEGMENT_INFERRED,
        ClaimTrait.PERIOD_INFERRED,
        ClaimTrait.OTHER_PERIOD,
    }
)


@dataclass(frozen=True, slots=True)
class _Column:
    """A column as a claim's period and segment see it."""

    table: int
    index: int
    months: int | None
    year: int | None
    end: date | None
    instant: bool
    segment: str | None
    consolidated: bool


@dataclass(frozen=True, slots=True)
class _Match:
    """A candidate evaluated: the cells, what they give, whether the claim ties."""

    refs: tuple[CellRef, ...]
    expected: Decimal
    ties: bool
    rounding: bool
    direction_ok: bool = True


class Index:
    """The tables of a release, indexed for tying claims: rows as sites, columns as periods."""

    def __init__(self, tables: Sequence[Table]) -> None:
        self.tables = tables
        self.sites = Vocabulary(tables).sites
        self.columns: dict[tuple[int, int], _Column] = {}
        for table in tables:
            title_months = parse_period([table.title]) if table.title else None
            for col in table.columns:
                p = col.period
                if p is None:
                    continue
                months = p.months
                if months is None and not p.instant and _QUARTER_LABEL.search(col.label):
                    months = 3  # "Fiscal 2022 Q1": a quarter the header parser left open
                if months is None and not p.instant and title_months is not None:
                    months = title_months.months
                segment = re.sub(r"\s+", " ", col.segment).strip(" -:*") if col.segment else None
                self.columns[(table.index, col.index)] = _Column(
                    table.index, col.index, months, p.year or (p.end.year if p.end else None),
                    p.end, p.instant, segment, segment is None or bool(_CONSOLIDATED.search(segment)),
                )  # fmt: skip
        self._flip: dict[tuple[int, int], bool] = {}
        for site in self.sites:
            row = tables[site.table].rows[site.row]
            printed_negative = any(c is not None and c.value < 0 for c in row.cells)
            self._flip[(site.table, site.row)] = site.loss_label and not printed_negative

    def meaning(self, site: Site, value: Decimal) -> Decimal:
        """What a printed value means: a "Net loss" row printed without parentheses is negative."""
        return -value if self._flip[(site.table, site.row)] else value

    def prior(self, column: _Column) -> _Column | None:
        """The same period a year earlier in the same table and segment."""
        if column.year is None:
            return None
        for other in self.columns.values():
            if (
                other.table == column.table
                and other.index != column.index
                and other.months == column.months
                and other.instant == column.instant
                and other.segment == column.segment
                and other.year == column.year - 1
            ):
                return other
        return None


def _unit_fits(claim: Claim, site: Site) -> bool:
    if claim.kind is ClaimKind.PERCENT_CHANGE:
        return site.unit not in (Unit.PERCENT,)
    if claim.kind is ClaimKind.PERCENT:
        return site.unit is Unit.PERCENT
    return site.unit is claim.unit


def _rows(claim: Claim, index: Index) -> tuple[list[Site], list[Site]]:
    """The rows the claim names firmly (strong) and those its words only suggest (weak)."""
    adjusted = ClaimTrait.ADJUSTED in claim.traits
    attached = ClaimTrait.ATTACHED in claim.traits
    key = clean_label(claim.subject).lower()
    said = words(claim.subject)
    wording = f"{claim.subject} {claim.text}".lower()
    dilution = "diluted" if "dilut" in wording else ("basic" if "basic" in wording else None)
    strong: list[Site] = []
    weak: list[Site] = []
    for site in index.sites:
        if not _unit_fits(claim, site):
            continue
        named = (claim.concept is not None and site.concept == claim.concept) or site.key == key
        other_dilution = dilution is not None and site.dilution not in (None, dilution)
        if attached and named and (adjusted or not site.adjusted) and not other_dilution:
            strong.append(site)
        elif named or claim.unit is Unit.SHARES:
            weak.append(site)
        elif site.words and site.words <= said and not (attached and claim.concept):
            weak.append(site)  # the sentence's words name the row, not firmly
    weak.sort(key=lambda site: -len(site.words))  # "commercial sales" before "sales"
    return strong, weak


def _columns(
    claim: Claim, index: Index, site: Site, *, strict: bool
) -> Iterator[tuple[_Column, bool]]:
    """Columns of the site's table the claim may speak of, each with whether it is exact."""
    traits = claim.traits
    if ClaimTrait.OTHER_PERIOD in traits:
        return
    period = claim.period
    use_period = period is not None and (strict or ClaimTrait.PERIOD_INFERRED not in traits)
    use_segment = strict or not (ClaimTrait.SEGMENT_INFERRED in traits or claim.segment is None)
    for (table, _), col in index.columns.items():
        if table != site.table:
            continue
        if use_segment:
            if claim.segment is None:
                if site.segment is not None or not col.consolidated:
                    continue
            elif site.segment != claim.segment and col.segment != claim.segment:
                continue
        exact = True
        if use_period and period is not None:
            if period.instant:
                if not col.instant or (period.end is not None and col.end != period.end):
                    continue
            else:
                if col.instant:
                    continue
                if period.year is not None and col.year != period.year:
                    continue
                if (
                    period.months is not None
                    and col.months is not None
                    and col.months != period.months
                ):
                    continue
                if period.end is not None and col.end is not None and col.end != period.end:
                    continue
                exact = col.months is not None and period.months is not None
        yield col, exact


def _interval(value: Decimal, precision: Decimal) -> tuple[Decimal, Decimal]:
    return value - precision * _HALF, value + precision * _HALF


def _claim_interval(claim: Claim, value: Decimal) -> tuple[Decimal | None, Decimal | None]:
    """What the claim allows, with its qualifier: None for an open end."""
    lo, hi = _interval(value, claim.precision)
    if "approximately" in claim.qualifiers:
        width = max(claim.precision * _HALF, abs(value) * _APPROXIMATE)
        return value - width, value + width
    if "more than" in claim.qualifiers or "at least" in claim.qualifiers:
        return (value, value * (1 + _BOUND)) if value >= 0 else (value * (1 + _BOUND), value)
    if "less than" in claim.qualifiers:
        return (value * (1 - _BOUND), value) if value >= 0 else (value, value * (1 - _BOUND))
    if "nearly" in claim.qualifiers:
        return (value * _NEARLY, value) if value >= 0 else (value, value * _NEARLY)
    return lo, hi


def _overlaps(
    a: tuple[Decimal | None, Decimal | None], b: tuple[Decimal, Decimal], *, touching: bool = True
) -> bool:
    """Whether two intervals meet; touching ends count unless ``touching`` is False.

    Two prints of one figure at the same precision touch when they differ by one unit in
    the last digit ($0.24 and $0.25): that is a different figure, not a rounding.
    """
    lo, hi = a
    if touching:
        return (lo is None or lo <= b[1]) and (hi is None or b[0] <= hi)
    return (lo is None or lo < b[1]) and (hi is None or b[0] < hi)


def _level(
    claim: Claim, index: Index, site: Site, col: _Column, chosen: Chosen
) -> Iterator[_Match]:
    ref = CellRef(col.table, site.row, col.index)
    cell = cell_at(index.tables, ref)
    if cell is None:
        return
    signed = (
        site.signed
        and ClaimTrait.ATTACHED in claim.traits
        and ClaimTrait.SIGN_INHERITED not in claim.traits
    )
    precision = Decimal(0) if CellFlag.DASH_ZERO in cell.flags else cell.precision
    for printed in options(cell, ref, chosen):
        meaning = index.meaning(site, printed)
        a, b = (claim.value, meaning) if signed else (abs(claim.value), abs(meaning))
        ties = a == b or _overlaps(
            _claim_interval(claim, a), _interval(b, precision), touching=False
        )
        rounding = claim.precision > precision or bool(claim.qualifiers)
        prior = _direction(claim, index, site, col, meaning, cell.precision, chosen)
        refs = (ref,) if prior is None else (ref, prior)
        yield _Match(refs, meaning, ties, rounding, prior is None)


def _direction(
    claim: Claim,
    index: Index,
    site: Site,
    col: _Column,
    value: Decimal,
    precision: Decimal,
    chosen: Chosen,
) -> CellRef | None:
    """For "increased to $X": the prior period's cell when it says otherwise, else None."""
    up = ClaimTrait.INCREASE in claim.traits
    down = ClaimTrait.DECREASE in claim.traits
    if not (up or down):
        return None
    prior = index.prior(col)
    if prior is None:
        return None
    ref = CellRef(prior.table, site.row, prior.index)
    cell = cell_at(index.tables, ref)
    if cell is None:
        return None
    lo, hi = _interval(value, precision)
    for printed in options(cell, ref, chosen):
        p_lo, p_hi = _interval(index.meaning(site, printed), cell.precision)
        if (up and hi >= p_lo) or (down and lo <= p_hi):
            return None
    return ref


def _pairs(
    index: Index, site: Site, col: _Column, chosen: Chosen
) -> Iterator[tuple[CellRef, CellRef, Decimal, Decimal, Decimal, Decimal]]:
    """(current, prior) cells of a row with every reading: refs, values, precisions."""
    prior = index.prior(col)
    if prior is None:
        return
    cur_ref = CellRef(col.table, site.row, col.index)
    pri_ref = CellRef(prior.table, site.row, prior.index)
    cur, pri = cell_at(index.tables, cur_ref), cell_at(index.tables, pri_ref)
    if cur is None or pri is None:
        return
    for c in options(cur, cur_ref, chosen):
        for p in options(pri, pri_ref, chosen):
            c_value, p_value = index.meaning(site, c), index.meaning(site, p)
            if not site.signed:  # an expense printed in parentheses: its size changes
                c_value, p_value = abs(c_value), abs(p_value)
            yield cur_ref, pri_ref, c_value, p_value, cur.precision, pri.precision


def _change(
    claim: Claim, index: Index, site: Site, col: _Column, chosen: Chosen
) -> Iterator[_Match]:
    for cur_ref, pri_ref, c, p, uc, up in _pairs(index, site, col, chosen):
        if claim.kind is ClaimKind.CHANGE:
            diff = c - p
            width = (uc + up) * _HALF
            ties = _overlaps(_claim_interval(claim, claim.value), (diff - width, diff + width))
            yield _Match((cur_ref, pri_ref), diff, ties, claim.precision > uc)
            continue
        p_lo, p_hi = _interval(p, up)
        if p_lo <= 0:
            continue  # a change in percent of a loss or of nothing says nothing
        c_lo, c_hi = _interval(c, uc)
        corners = [(x / y - 1) * _HUNDRED for x in (c_lo, c_hi) for y in (p_lo, p_hi)]
        expected = ((c / p - 1) * _HUNDRED).quantize(Decimal("0.01"))
        lo, hi = min(corners), max(corners)
        if hi - lo > claim.precision * 2:
            continue  # figures too small to state a change to the claim's precision
        ties = _overlaps(_claim_interval(claim, claim.value), (lo, hi))
        yield _Match((cur_ref, pri_ref), expected, ties, False)


def _matches(
    claim: Claim, index: Index, sites: Sequence[Site], chosen: Chosen, *, strict: bool
) -> Iterator[tuple[_Match, bool]]:
    for site in sites:
        for col, exact in _columns(claim, index, site, strict=strict):
            if claim.kind in (ClaimKind.CHANGE, ClaimKind.PERCENT_CHANGE):
                found = _change(claim, index, site, col, chosen)
            else:
                found = _level(claim, index, site, col, chosen)
            for match in found:
                yield match, exact


def _value(
    index: Index, site: Site, ref: CellRef, chosen: Chosen
) -> tuple[Decimal, Decimal] | None:
    cell = cell_at(index.tables, ref)
    if cell is None:
        return None
    return index.meaning(site, options(cell, ref, chosen)[0]), cell.precision


def _summed(
    claim: Claim, index: Index, sites: Sequence[Site], chosen: Chosen, *, strict: bool
) -> Iterator[_Match]:
    """Rows one table prints twice under one label (in two sections): the claim may be their sum.

    "Expense for corporate items and eliminations was $261 million" is the sum of the two
    "Corporate Items and Eliminations" rows of a profit-by-segment table.
    """
    groups: dict[tuple[int, str, str | None], list[Site]] = {}
    for site in sites:
        groups.setdefault((site.table, site.key, site.segment), []).append(site)
    for group in groups.values():
        if len(group) < 2:
            continue
        for col, _ in _columns(claim, index, group[0], strict=strict):
            cur = [_value(index, s, CellRef(col.table, s.row, col.index), chosen) for s in group]
            if any(v is None for v in cur):
                continue
            total = sum((v[0] for v in cur if v), Decimal(0))
            width = sum((v[1] for v in cur if v), Decimal(0)) * _HALF
            refs = tuple(CellRef(col.table, s.row, col.index) for s in group)
            if claim.kind in (ClaimKind.LEVEL, ClaimKind.PERCENT):
                a, b = abs(claim.value), abs(total)
                ties = _overlaps(_claim_interval(claim, a), (b - width, b + width), touching=False)
                yield _Match(refs, total, ties, True)
                continue
            prior = index.prior(col)
            if prior is None:
                continue
            old = [
                _value(index, s, CellRef(prior.table, s.row, prior.index), chosen) for s in group
            ]
            if any(v is None for v in old):
                continue
            before = sum((v[0] for v in old if v), Decimal(0))
            if not any(site.signed for site in group):
                total, before = abs(total), abs(before)
            both = width + sum((v[1] for v in old if v), Decimal(0)) * _HALF
            if claim.kind is ClaimKind.CHANGE:
                diff = total - before
                ties = _overlaps(_claim_interval(claim, claim.value), (diff - both, diff + both))
                yield _Match(refs, diff, ties, True)


def firm(claim: Claim) -> bool:
    """Worded firmly enough that, tying nowhere, it contradicts the cell it names."""
    return (
        ClaimTrait.ATTACHED in claim.traits
        and not (claim.traits & _FIRM_BLOCKERS)
        and claim.period is not None
        and claim.kind is not ClaimKind.PERCENT
    )


def _distance(claim: Claim, match: _Match) -> Decimal:
    return abs(abs(claim.value) - abs(match.expected))


def tie_claim(claim: Claim, index: Index, chosen: Chosen) -> Claim:
    """The claim with the cells it ties to (or contradicts) and its status.

    Guidance speaks of periods the tables do not show: it ties to nothing.
    """
    if ClaimTrait.FORWARD_LOOKING in claim.traits:
        return replace(claim, tied_to=(), status=ClaimStatus.UNTIED, expected=None)
    strong, weak = _rows(claim, index)
    contradiction: _Match | None = None
    for strict in (True, False):
        for sites in (strong, weak):
            for match, exact in _matches(claim, index, sites, chosen, strict=strict):
                if match.ties and match.direction_ok:
                    status = ClaimStatus.ROUNDING if match.rounding else ClaimStatus.TIES
                    return replace(
                        claim, tied_to=match.refs, status=status, expected=match.expected
                    )
                closer = contradiction is None or (
                    (match.ties and not contradiction.ties)
                    or _distance(claim, match) < _distance(claim, contradiction)
                )
                if strict and sites is strong and exact and closer and firm(claim):
                    contradiction = match
            for match in _summed(claim, index, sites, chosen, strict=strict):
                if match.ties:
                    return replace(
                        claim,
                        tied_to=match.refs,
                        status=ClaimStatus.ROUNDING,
                        expected=match.expected,
                    )
    if contradiction is not None:
        return replace(
            claim,
            tied_to=contradiction.refs,
            status=ClaimStatus.CONTRADICTS,
            expected=contradiction.expected,
        )
    return replace(claim, tied_to=(), status=ClaimStatus.UNTIED, expected=None)


def tie(claims: Sequence[Claim], tables: Sequence[Table], chosen: Chosen) -> tuple[Claim, ...]:
    """Every claim tied to the tables, with the readings of ambiguous figures chosen so far."""
    if not claims:
        return ()
    index = Index(tables)
    return tuple(tie_claim(c, index, chosen) for c in claims)


def support(
    claims: Sequence[Claim], tables: Sequence[Table], ref: CellRef, values: Sequence[Decimal]
) -> dict[Decimal, tuple[int, ...]]:
    """For each reading of an ambiguous cell, the claims that tie to it only under that reading."""
    index = Index(tables)
    holding: dict[Decimal, set[int]] = {v: set() for v in values}
    for i, claim in enumerate(claims):
        if ref not in claim.tied_to:
            continue
        for v in values:
            tied = tie_claim(claim, index, {ref: v})
            if tied.status in (ClaimStatus.TIES, ClaimStatus.ROUNDING) and ref in tied.tied_to:
                holding[v].add(i)
    return {
        v: tuple(
            sorted(i for i in holding[v] if all(i not in holding[o] for o in values if o != v))
        )
        for v in values
    }
