"""Tying claims to the cells they speak of, under the rounding of both prints.

A claim and a cell each stand for an interval: the printed value plus or minus half its
rounding unit (DESIGN.md). `$27,803,000` ties to 27,803 in thousands; `$33.0 million`
ties to 33,006 (the claim rounds coarser: status ``rounding``); `4%` ties to 26,722 ->
27,803 because the change over the two cells' intervals, about 4.05%, can round to 4.

A claim is tied in two steps.

1. **By meaning.** The rows the sentence names firmly (the metric its figure is
   attached to), in the columns of the claim's period, segment and basis (GAAP or
   non-GAAP), whatever their values. When the claim fits one of them, it ties. When
   they all stand for one figure (one cell, or the same figure printed in several
   tables) and the claim is firmly worded, a claim that does not fit is a
   contradiction of that figure: a wrong figure cannot escape into a tie with some
   other cell that happens to hold its value. Several cells with different values
   (basic and diluted EPS aside) leave the meaning ambiguous, and the claim goes on to
   step 2.
2. **By value.** Candidates are searched strictly (the metric, segment and period as
   the sentence words them), then relaxed (dropping what was only inferred: a
   heading's segment, the release's period, the quarter or year-to-date of a claim
   that names no duration); the first cell the claim fits ties it. Otherwise it is
   untied.

Safeguards: guidance ties to nothing; an adjusted (non-GAAP) claim never ties a GAAP
column nor a GAAP claim a non-GAAP one, and no claim ties an adjustments column; an
adjusted claim contradicts only a figure the tables print as adjusted; a percent level
contradicts only a row of percents that its words name; a cell printed 0 ties by value
no claim of another figure (0 in millions "holds" any amount under $500,000).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
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
from tieout.prose.index import Basis, ColumnView, Index
from tieout.prose.subjects import EPS, Site, clean_label, side_of, words

__all__ = ["Index", "firm", "support", "tie", "tie_claim"]

Chosen = Mapping[CellRef, Decimal]
_HALF = Decimal("0.5")
_HUNDRED = Decimal(100)
_APPROXIMATE = Decimal("0.05")  # "approximately": within 5%
_NEARLY = Decimal("0.9")  # "nearly $X": between 90% of X and X
_BOUND = Decimal("0.25")  # "more than $X": up to a quarter more; "less than": a quarter less
_REVENUE_NOUNS = frozenset({"revenues", "revenue", "sales"})
_FINE = Decimal("1.5")  # prints of one figure within this ratio of widths are equally fine
_NOT_FIRM = frozenset({ClaimTrait.FORWARD_LOOKING, ClaimTrait.OTHER_PERIOD})
_INFERRED = frozenset({ClaimTrait.SEGMENT_INFERRED, ClaimTrait.PERIOD_INFERRED})
Interval = tuple[Decimal | None, Decimal | None]


@dataclass(frozen=True, slots=True)
class _Match:
    """A candidate evaluated: the cells, what they give, whether the claim ties.

    ``low``..``high`` is what the cells allow the claim's figure to be (in the claim's
    terms: its absolute value when its sign says nothing).
    """

    refs: tuple[CellRef, ...]
    expected: Decimal
    ties: bool
    rounding: bool
    low: Decimal
    high: Decimal
    direction_ok: bool = True
    group: tuple[object, ...] = ()  # cells that stand for one figure share a group
    second: bool = False  # of a pair, the member a contradiction names second (basic EPS)


def _unit_fits(claim: Claim, site: Site) -> bool:
    if site.quantity:  # kilowatt-hours: only their percent change can be said of them
        return claim.kind is ClaimKind.PERCENT_CHANGE
    if claim.kind is ClaimKind.PERCENT_CHANGE:
        return site.unit not in (Unit.PERCENT,)
    if claim.kind is ClaimKind.PERCENT:
        return site.unit is Unit.PERCENT
    return site.unit is claim.unit


def _dilution(claim: Claim) -> str | None:
    wording = f"{claim.subject} {claim.text}".lower()
    return "diluted" if "dilut" in wording else ("basic" if "basic" in wording else None)


def _rows(claim: Claim, index: Index) -> tuple[list[Site], list[Site]]:
    """The rows the claim names firmly (strong) and those its words only suggest (weak)."""
    adjusted = ClaimTrait.ADJUSTED in claim.traits
    attached = ClaimTrait.ATTACHED in claim.traits
    key = _bare(clean_label(claim.subject).lower())
    said = words(claim.subject)
    dilution = _dilution(claim)
    side = side_of(claim.sentence)
    strong: list[Site] = []
    weak: list[Site] = []
    for site in index.sites:
        if not _unit_fits(claim, site) or (side and site.side and site.side != side):
            continue  # a sentence of revenues does not speak of an expense row of that name
        named = (claim.concept is not None and site.concept == claim.concept) or _bare(
            site.key
        ) == key
        other_dilution = dilution is not None and site.dilution not in (None, dilution)
        if attached and named and (adjusted or not site.adjusted) and not other_dilution:
            strong.append(site)
        elif named or claim.unit is Unit.SHARES:
            weak.append(site)
        elif site.words and site.words <= said and not (attached and claim.concept):
            weak.append(site)  # the sentence's words name the row, not firmly
    weak.sort(key=lambda site: -len(site.words))  # "commercial sales" before "sales"
    return strong, weak


def _bare(key: str) -> str:
    """A label without the head noun the prose adds: "cloud services ... support revenues".

    Only after a name of two words or more: "net sales" is not "net" of something.
    """
    head, _, last = key.rpartition(" ")
    return head if len(head.split()) >= 2 and last in _REVENUE_NOUNS else key


def _basis_fits(claim: Claim, col: ColumnView) -> bool:
    """Non-GAAP wording never speaks of a GAAP column, nor GAAP wording of a non-GAAP one."""
    if col.basis is Basis.ADJUSTMENTS:
        return False
    if ClaimTrait.ADJUSTED in claim.traits:
        return col.basis is not Basis.GAAP
    return col.basis is not Basis.NON_GAAP


def _columns(
    claim: Claim, index: Index, site: Site, *, strict: bool, any_duration: bool = False
) -> Iterator[ColumnView]:
    """Columns of the site's table the claim may speak of.

    ``any_duration`` keeps the quarter and the year-to-date of the claim's year alike,
    for a claim whose period is only the release's.
    """
    traits = claim.traits
    if ClaimTrait.OTHER_PERIOD in traits:
        return
    period = claim.period
    use_period = period is not None and (strict or ClaimTrait.PERIOD_INFERRED not in traits)
    use_segment = strict or not (ClaimTrait.SEGMENT_INFERRED in traits or claim.segment is None)
    for (table, _), col in index.columns.items():
        if table != site.table or not _basis_fits(claim, col):
            continue
        if use_segment and not _segment_fits(claim.segment, site, col):
            continue
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
                    not any_duration
                    and period.months is not None
                    and col.months is not None
                    and col.months != period.months
                ):
                    continue
                if _other_quarter(period.months, period.quarter, col):
                    continue
                if (
                    not any_duration
                    and period.end is not None
                    and col.end is not None
                    and col.end != period.end
                ):
                    continue
        yield col


def _other_quarter(months: int | None, quarter: int | None, col: ColumnView) -> bool:
    """A column of another quarter; of a year, the four quarters that end before its fourth."""
    if col.quarter is None:
        return False
    if months == 12 and col.months == 12:
        return col.quarter != 4  # trailing four quarters to Q2 are not the fiscal year
    return quarter is not None and quarter != col.quarter


def _segment_fits(segment: str | None, site: Site, col: ColumnView) -> bool:
    """Whether a cell (its row's segment, its column's) is of the segment a claim names.

    A claim that names no segment speaks of the whole company; a row of one segment in a
    column of another (Rubber Group sales in a North America column) is of neither.
    """
    if segment is None:
        return site.segment is None and col.consolidated
    if site.segment == segment:
        return col.consolidated or col.segment == segment
    return col.segment == segment and site.segment is None


def _interval(value: Decimal, precision: Decimal) -> tuple[Decimal, Decimal]:
    return value - precision * _HALF, value + precision * _HALF


def _claim_interval(claim: Claim, value: Decimal) -> Interval:
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


def _overlaps(a: Interval, b: tuple[Decimal, Decimal], *, touching: bool = True) -> bool:
    """Whether two intervals meet; touching ends count unless ``touching`` is False.

    Two prints of one figure at the same precision touch when they differ by one unit in
    the last digit ($0.24 and $0.25): that is a different figure, not a rounding.
    """
    lo, hi = a
    if touching:
        return (lo is None or lo <= b[1]) and (hi is None or b[0] <= hi)
    return (lo is None or lo < b[1]) and (hi is None or b[0] < hi)


def _group(claim: Claim, site: Site, col: ColumnView) -> tuple[object, ...]:
    """Cells that stand for one figure of the claim: basic and diluted EPS of one column.

    A claim of "earnings per share" that says neither basic nor diluted names the pair;
    it contradicts them only when it fits neither.
    """
    if site.concept == EPS and site.dilution is not None and _dilution(claim) is None:
        return (col.table, col.index, EPS, site.segment)
    return ()


def _level(
    claim: Claim, index: Index, site: Site, col: ColumnView, chosen: Chosen, *, by_value: bool
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
    group = _group(claim, site, col) or (ref,)
    for printed in options(cell, ref, chosen):
        meaning = index.meaning(site, printed)
        a, b = (claim.value, meaning) if signed else (abs(claim.value), abs(meaning))
        lo, hi = _interval(b, precision)
        ties = a == b or _overlaps(_claim_interval(claim, a), (lo, hi), touching=False)
        if by_value and printed == 0 and claim.value != 0:
            ties = False  # 0 in millions "holds" $204,500 but does not state it
        rounding = claim.precision > precision or bool(claim.qualifiers)
        prior = _direction(claim, index, site, col, meaning, cell.precision, chosen)
        refs = (ref,) if prior is None else (ref, prior)
        second = site.dilution == "basic" and group != (ref,)
        yield _Match(refs, meaning, ties, rounding, lo, hi, prior is None, group, second)


def _direction(
    claim: Claim,
    index: Index,
    site: Site,
    col: ColumnView,
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
    index: Index, site: Site, col: ColumnView, chosen: Chosen
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
    claim: Claim, index: Index, site: Site, col: ColumnView, chosen: Chosen
) -> Iterator[_Match]:
    group = _group(claim, site, col)
    second = site.dilution == "basic" and bool(group)
    for cur_ref, pri_ref, c, p, uc, up in _pairs(index, site, col, chosen):
        refs = (cur_ref, pri_ref)
        if claim.kind is ClaimKind.CHANGE:
            diff = c - p
            width = (uc + up) * _HALF
            ties = _overlaps(_claim_interval(claim, claim.value), (diff - width, diff + width))
            yield _Match(
                refs, diff, ties, claim.precision > uc, diff - width, diff + width, True,
                group or refs, second,
            )  # fmt: skip
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
        yield _Match(refs, expected, ties, False, lo, hi, True, group or refs, second)


def _found(
    claim: Claim, index: Index, site: Site, col: ColumnView, chosen: Chosen, *, by_value: bool
) -> Iterator[_Match]:
    if claim.kind in (ClaimKind.CHANGE, ClaimKind.PERCENT_CHANGE):
        return _change(claim, index, site, col, chosen)
    return _level(claim, index, site, col, chosen, by_value=by_value)


def _matches(
    claim: Claim, index: Index, sites: Sequence[Site], chosen: Chosen, *, strict: bool
) -> Iterator[_Match]:
    for site in sites:
        for col in _columns(claim, index, site, strict=strict):
            yield from _found(claim, index, site, col, chosen, by_value=True)


def _meant(claim: Claim, index: Index, strong: Sequence[Site], chosen: Chosen) -> list[_Match]:
    """The cells the claim's words name, whatever their values (step 1).

    An adjusted claim names only what the tables print as adjusted: a row "excluding
    one-time items", or a non-GAAP column.
    """
    adjusted = ClaimTrait.ADJUSTED in claim.traits
    inferred = ClaimTrait.PERIOD_INFERRED in claim.traits
    months = claim.period.months if claim.period is not None else None
    out: list[_Match] = []
    release_period = False  # a column of the release's own period is among them
    for site in strong:
        columns = [
            col
            for col in _columns(claim, index, site, strict=True, any_duration=inferred)
            if not adjusted or site.adjusted or col.basis is Basis.NON_GAAP
        ]
        if months is not None and any(col.months == months for col in columns):
            columns = [col for col in columns if col.months is not None]  # "TOTAL", unread
        for col in columns:
            found = list(_found(claim, index, site, col, chosen, by_value=False))
            release_period = release_period or (bool(found) and col.months == months)
            out.extend(found)
    if inferred and not release_period:
        return []  # the quarter is not printed: a year-to-date figure is not what it says
    return out


def _distance(claim: Claim, match: _Match) -> Decimal:
    return abs(abs(claim.value) - abs(match.expected))


def _one_figure(claim: Claim, meant: Sequence[_Match]) -> _Match | None:
    """The candidate the claim contradicts when every candidate stands for one figure.

    Candidates of one group (basic and diluted EPS of one column) count as one figure
    spanning both; the figures of different groups must overlap (the same figure printed
    in two tables, perhaps to two precisions). The closest candidate is returned.
    """
    if not meant:
        return None
    spans: dict[tuple[object, ...], tuple[Decimal, Decimal]] = {}
    for m in meant:
        lo, hi = spans.get(m.group, (m.low, m.high))
        spans[m.group] = (min(lo, m.low), max(hi, m.high))
    if max(lo for lo, _ in spans.values()) > min(hi for _, hi in spans.values()):
        return None
    return min(meant, key=lambda m: (not m.ties, m.second, _distance(claim, m), m.high - m.low))


def _finest(meant: Sequence[_Match]) -> list[_Match]:
    """The candidates printed most precisely, of candidates that all stand for one figure.

    "Sales and revenues increased 15%" fits 11.9 -> 13.6 (in billions) but not 11,887 ->
    13,589 (in millions): the finer print says what the change was.
    """
    narrowest = min(m.high - m.low for m in meant)
    return [m for m in meant if m.high - m.low <= narrowest * _FINE]


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
        for col in _columns(claim, index, group[0], strict=strict):
            cur = [_value(index, s, CellRef(col.table, s.row, col.index), chosen) for s in group]
            if any(v is None for v in cur):
                continue
            total = sum((v[0] for v in cur if v), Decimal(0))
            width = sum((v[1] for v in cur if v), Decimal(0)) * _HALF
            refs = tuple(CellRef(col.table, s.row, col.index) for s in group)
            if claim.kind in (ClaimKind.LEVEL, ClaimKind.PERCENT):
                a, b = abs(claim.value), abs(total)
                ties = _overlaps(_claim_interval(claim, a), (b - width, b + width), touching=False)
                yield _Match(refs, total, ties, True, b - width, b + width)
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
                yield _Match(refs, diff, ties, True, diff - both, diff + both)


def _value(
    index: Index, site: Site, ref: CellRef, chosen: Chosen
) -> tuple[Decimal, Decimal] | None:
    cell = cell_at(index.tables, ref)
    if cell is None:
        return None
    return index.meaning(site, options(cell, ref, chosen)[0]), cell.precision


def firm(claim: Claim) -> bool:
    """Worded firmly enough that, not fitting the figure its words name, it contradicts it.

    Attached to its metric, for a period, not guidance, not of another period; a claim
    whose segment and period are both only inferred (a list "respectively" cannot be
    paired with) is not firm.
    """
    return (
        ClaimTrait.ATTACHED in claim.traits
        and not (claim.traits & _NOT_FIRM)
        and not claim.traits >= _INFERRED
        and claim.period is not None
        and claim.kind is not ClaimKind.DIRECTION
    )


def _with(claim: Claim, match: _Match, status: ClaimStatus) -> Claim:
    return replace(claim, tied_to=match.refs, status=status, expected=match.expected)


def tie_claim(claim: Claim, index: Index, chosen: Chosen) -> Claim:
    """The claim with the cells it ties to (or contradicts) and its status.

    Guidance speaks of periods the tables do not show: it ties to nothing.
    """
    if ClaimTrait.FORWARD_LOOKING in claim.traits:
        return replace(claim, tied_to=(), status=ClaimStatus.UNTIED, expected=None)
    strong, weak = _rows(claim, index)
    meant = _meant(claim, index, strong, chosen)
    target = _one_figure(claim, meant) if firm(claim) else None
    if target is not None:
        meant = _finest(meant)  # one figure: judged where it is printed most precisely
    for match in sorted(meant, key=lambda m: m.second):  # diluted EPS before basic
        if match.ties and match.direction_ok:
            status = ClaimStatus.ROUNDING if match.rounding else ClaimStatus.TIES
            return _with(claim, match, status)
    if target is not None:
        return _with(claim, _one_figure(claim, meant) or target, ClaimStatus.CONTRADICTS)
    for strict in (True, False):
        for sites in (strong, weak):
            for match in _matches(claim, index, sites, chosen, strict=strict):
                if match.ties and match.direction_ok:
                    status = ClaimStatus.ROUNDING if match.rounding else ClaimStatus.TIES
                    return _with(claim, match, status)
            for match in _summed(claim, index, sites, chosen, strict=strict):
                if match.ties:
                    return _with(claim, match, ClaimStatus.ROUNDING)
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
