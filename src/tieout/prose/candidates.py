"""Candidates: the cells a claim may speak of, each evaluated under the rounding rule.

A claim and a cell each stand for an interval: the printed value plus or minus half its
rounding unit (``tieout.rounding``). A level claim is compared with one cell; a change or percent
change with two (current, prior) of one row; "corporate items and eliminations" with the
sum of the rows one table prints twice under that label. Each evaluation is a
``Match``: the cells, what they give, what they allow, and whether the claim fits.

Which columns a claim may speak of: its period (year, duration, quarter, end date), its
segment (a segment's row in a consolidated column, or a segment's column), and its basis
(non-GAAP wording never speaks of a GAAP column, nor GAAP wording of a non-GAAP one, and
nothing speaks of an adjustments column).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import NamedTuple

from tieout.cells import Chosen, cell_at, options
from tieout.model import CellRef, Claim, Period
from tieout.prose.index import ColumnView, Index
from tieout.prose.members import (
    ADJUSTED,
    ADJUSTMENTS,
    ATTACHED,
    CHANGE,
    DASH_ZERO,
    DECREASE,
    GAAP,
    INCREASE,
    LEVEL,
    LISTED,
    NON_GAAP,
    OTHER_PERIOD,
    PERCENT,
    PERCENT_CHANGE,
    PERIOD_INFERRED,
    SEGMENT_INFERRED,
    SIGN_INHERITED,
)
from tieout.prose.periods import fiscal_quarter
from tieout.prose.subjects import Site
from tieout.rounding import HALF, Interval, image, percent_change, quantized
from tieout.vocabulary import Concept

_EPS = Concept.EarningsPerShare

__all__ = [
    "Chosen",
    "Match",
    "columns_of",
    "dilution_said",
    "evaluate",
    "fitting",
    "listed_columns",
    "sum_groups",
    "summable",
    "summed",
]

_APPROXIMATE = Decimal("0.05")  # "approximately": within 5%
_NEARLY = Decimal("0.9")  # "nearly $X": between 90% of X and X
_HUNDREDTH = Decimal("0.01")  # a percent change as printed (``Compared.expected``)
_BOUND = Decimal("0.25")  # "more than $X": up to a quarter more; "less than": a quarter less
# the traits that decide which columns a claim may speak of (``_columns_of``, ``basis_fits``)
_FITTING = frozenset(
    {
        OTHER_PERIOD,
        LISTED,
        PERIOD_INFERRED,
        SEGMENT_INFERRED,
        ADJUSTED,
    }
)


class Match(NamedTuple):
    """A candidate evaluated: the cells, what they give, whether the claim ties.

    ``low``..``high`` is what the cells allow the claim's figure to be (in the claim's
    terms: its absolute value when its sign says nothing). A named tuple: the tie makes
    one per candidate cell or pair of every claim (a frozen slotted record made by
    ``quick_init`` sets each of its nine fields through its slot, about three times the
    instructions of a tuple's making), and none is hashed, compared or kept past its tie.
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


def dilution_said(claim: Claim) -> str | None:
    wording = f"{claim.subject} {claim.text}".lower()
    return "diluted" if "dilut" in wording else ("basic" if "basic" in wording else None)


def basis_fits(claim: Claim, col: ColumnView) -> bool:
    """Non-GAAP wording never speaks of a GAAP column, nor GAAP wording of a non-GAAP one."""
    if col.basis is ADJUSTMENTS:
        return False
    if ADJUSTED in claim.traits:
        return col.basis is not GAAP
    return col.basis is not NON_GAAP


def columns_of(
    claim: Claim, index: Index, site: Site, *, strict: bool, any_duration: bool = False
) -> tuple[ColumnView, ...]:
    """Columns of the site's table the claim may speak of.

    ``any_duration`` keeps the quarter and the year-to-date of the claim's year alike,
    for a claim whose period is only the release's.
    """
    return fitting(claim, index).of(index, site, strict=strict, any_duration=any_duration)


class Fitting:
    """The columns a claim may speak of in an index, by the table and segment of the row
    it names.

    Found once per question in an index: they depend on the claim's traits of period,
    segment and basis (``_FITTING``), its period, whether it is a percent, and its
    segment, and on the site's table and segment only, and a claim asks of
    every row its words name, again at each scale it is tried at (``tie._rescaled``).
    The claims alike share one (``fitting``): a claim asking of its rows looks it up
    once, not once per row. (The index is given with each question, not held: the
    index holds this.)
    """

    __slots__ = ("_claim", "_found", "_meant")

    def __init__(self, claim: Claim) -> None:
        self._claim = claim
        self._found: dict[tuple[object, ...], tuple[ColumnView, ...]] = {}
        self._meant: dict[tuple[object, ...], tuple[ColumnView, ...]] = {}

    def of(
        self, index: Index, site: Site, *, strict: bool, any_duration: bool = False
    ) -> tuple[ColumnView, ...]:
        asked = (site.table, site.segment, strict, any_duration)
        found = self._found.get(asked)
        if found is None:
            found = self._found[asked] = tuple(
                _columns_of(self._claim, index, site, strict=strict, any_duration=any_duration)
            )
        return found

    def meant(self, index: Index, site: Site) -> tuple[ColumnView, ...]:
        """The columns of a row a claim's words name (``tie._meant``) that it is judged in
        whatever its value: its strict columns (of any duration of its year when its
        period is inferred); of an adjusted claim, only the non-GAAP ones unless the row
        is adjusted itself; and where some of them is of the claim's months, only those
        whose months are read (a "TOTAL" column of unread months is not the period said).

        Found once per table, segment and row's adjustment: every trait this asks of the
        claim (adjusted, period inferred, its months) is one the claims sharing this
        ``Fitting`` share, and the claims of a subject ask of the same rows.
        """
        asked = (site.table, site.segment, site.adjusted)
        found = self._meant.get(asked)
        if found is None:
            claim = self._claim
            adjusted = ADJUSTED in claim.traits
            columns = self.of(
                index, site, strict=True, any_duration=PERIOD_INFERRED in claim.traits
            )
            if adjusted and not site.adjusted:
                columns = tuple(col for col in columns if col.basis is NON_GAAP)
            months = claim.period.months if claim.period is not None else None
            if months is not None and any(col.months == months for col in columns):
                columns = tuple(col for col in columns if col.months is not None)
            found = self._meant[asked] = columns
        return found


def fitting(claim: Claim, index: Index) -> Fitting:
    """The columns claims of this claim's period, segment and basis may speak of in this
    index: alike in the traits that choose columns (``_FITTING``), in period and segment,
    and in being a percent or not (a rate at a date, ``_rate_at_end``); claims of one
    period differ in their other traits (attached, increase, stated), and share one."""
    asked = (
        claim.traits & _FITTING,
        claim.period,
        claim.kind is PERCENT,
        claim.segment,
    )
    found = index.fitting.get(asked)
    if found is None:
        found = index.fitting[asked] = Fitting(claim)
    return found


def _columns_of(
    claim: Claim, index: Index, site: Site, *, strict: bool, any_duration: bool
) -> Iterator[ColumnView]:
    traits = claim.traits
    if OTHER_PERIOD in traits:
        return
    period = claim.period
    if not strict and LISTED in traits and period is not None:
        yield from listed_columns(claim, index, site)
        return
    use_period = period is not None and (strict or PERIOD_INFERRED not in traits)
    segment = claim.segment
    use_segment = strict or not (SEGMENT_INFERRED in traits or segment is None)
    # ``basis_fits`` and ``segment_fits`` as read inline (asked of every column of the
    # table): the bases a claim's words rule out, and the row's segment, read once
    unfit = (ADJUSTMENTS, GAAP) if ADJUSTED in traits else (ADJUSTMENTS, NON_GAAP)
    own = site.segment
    for col in index.table_columns.get(site.table, ()):
        basis = col.basis
        if basis is unfit[0] or basis is unfit[1]:
            continue
        if use_segment and not (
            (own is None and col.consolidated)
            if segment is None
            else (
                (col.consolidated or col.segment == segment)
                if own == segment
                else (col.segment == segment and own is None)
            )
        ):
            continue
        if use_period and period is not None:
            if period.instant:
                if not (col.instant or _rate_at_end(claim, col)) or (
                    period.end is not None and col.end != period.end
                ):
                    continue
            else:
                if col.instant:
                    continue
                if period.year is not None and col.year != period.year:
                    continue
                if not any_duration and _known_apart(period.months, col.months):
                    continue
                if _other_quarter(period.months, period.quarter, col):
                    continue
                if not any_duration and _known_apart(period.end, col.end):
                    continue
        yield col


def listed_columns(claim: Claim, index: Index, site: Site) -> Iterator[ColumnView]:
    """The columns a figure of a "respectively" list of dates may speak of, its place in
    the list being only likely (``ClaimTrait.LISTED``): of any segment, but of the date
    of its place. A balance at a date is printed under that date, or under the quarter
    that ends on it (a table of quarterly trends); a year's column of that date prints
    the year's flows beside its balances, and a column of another date is another figure.
    """
    period = claim.period
    if period is None:
        return
    for col in index.table_columns.get(site.table, ()):
        if basis_fits(claim, col) and _ends_on(col, period, index.year_end):
            yield col


def _ends_on(col: ColumnView, period: Period, year_end: int | None) -> bool:
    """Whether a column is of a listed period: a duration of its length ending on its date,
    or (of a date) a column of that date or of the quarter ending on it."""
    end = period.end
    if end is None or (not period.instant and (col.instant or col.months != period.months)):
        return False
    if col.end is not None:
        return col.end == end and (not period.instant or col.months in (None, 3))
    if col.months != 3 or col.quarter is None or year_end is None:
        return False
    fiscal_year = end.year if end.month <= year_end else end.year + 1
    return col.quarter == fiscal_quarter(end, year_end) and col.year == fiscal_year


def _rate_at_end(claim: Claim, col: ColumnView) -> bool:
    """Whether a rate said at a date may be read in a column of the period ending then.

    "The allowance for credit losses to total loans was 2.16% at June 30, 2021" is the
    ratio a highlights table prints under "June 30 2021" among the quarter's figures: a
    rate of a date is the rate at the end of the period that ends on it. (An amount at a
    date is a balance, and a quarter's column prints flows beside its balances: no.)
    """
    period = claim.period
    return (
        claim.kind is PERCENT
        and period is not None
        and period.end is not None
        and col.end == period.end
    )


def _known_apart(said: object, printed: object) -> bool:
    """Both known, and not the same: a month count or an end date the column contradicts."""
    return said is not None and printed is not None and said != printed


def _other_quarter(months: int | None, quarter: int | None, col: ColumnView) -> bool:
    """A column of another quarter; of a year, the four quarters that end before its fourth."""
    if col.quarter is None:
        return False
    if months == 12 and col.months == 12:
        return col.quarter != 4  # trailing four quarters to Q2 are not the fiscal year
    return quarter is not None and quarter != col.quarter


def segment_fits(segment: str | None, site: Site, col: ColumnView) -> bool:
    """Whether a cell (its row's segment, its column's) is of the segment a claim names.

    A claim that names no segment speaks of the whole company; a row of one segment in a
    column of another (Rubber Group sales in a North America column) is of neither.
    """
    if segment is None:
        return site.segment is None and col.consolidated
    if site.segment == segment:
        return col.consolidated or col.segment == segment
    return col.segment == segment and site.segment is None


def claim_interval(claim: Claim, value: Decimal) -> Interval:
    """What the claim allows: its rounding, or what its qualifier allows."""
    if not claim.qualifiers:  # (most claims)
        return Interval.printed(value, claim.precision)
    if "approximately" in claim.qualifiers:
        return Interval.around(value, max(claim.precision * HALF, abs(value) * _APPROXIMATE))
    if "more than" in claim.qualifiers or "at least" in claim.qualifiers:
        return _between(value, value * (1 + _BOUND))
    if "less than" in claim.qualifiers:
        return _between(value * (1 - _BOUND), value)
    if "nearly" in claim.qualifiers:
        return _between(value * _NEARLY, value)
    return Interval.printed(value, claim.precision)


def _between(a: Decimal, b: Decimal) -> Interval:
    return Interval(a, b) if a <= b else Interval(b, a)


def _group(claim: Claim, site: Site, col: ColumnView) -> tuple[object, ...]:
    """Cells that stand for one figure of the claim: basic and diluted EPS of one column.

    A claim of "earnings per share" that says neither basic nor diluted names the pair;
    it contradicts them only when it fits neither.
    """
    if site.concept == _EPS and site.dilution is not None and dilution_said(claim) is None:
        return (col.table, col.index, _EPS, site.segment)
    return ()


def _level(
    claim: Claim, index: Index, site: Site, col: ColumnView, chosen: Chosen, *, by_value: bool
) -> Iterator[Match]:
    ref = CellRef(col.table, site.row, col.index)
    cell = cell_at(index.tables, ref)
    if cell is None:
        return
    traits = claim.traits
    signed = site.signed and ATTACHED in traits and SIGN_INHERITED not in traits
    # only a claim worded as a direction asks of the prior cell (``_direction``): most are not
    directed = INCREASE in traits or DECREASE in traits
    precision = Decimal(0) if DASH_ZERO in cell.flags else cell.precision
    # ``_group`` as it answers at once of a row printed neither basic nor diluted (most)
    group = (_group(claim, site, col) if site.dilution is not None else ()) or (ref,)
    a = claim.value if signed else abs(claim.value)
    said: Interval | None = None  # what the claim allows, asked when no option equals it
    rounding = claim.precision > precision or bool(claim.qualifiers)
    second = site.dilution == "basic" and group != (ref,)
    half = precision * HALF  # ``printed_ends`` of each option: what the cell stands for
    zero_said = by_value and claim.value != 0
    for printed in options(cell, ref, chosen):
        meaning = index.meaning(site, printed)
        b = meaning if signed else abs(meaning)
        lo, hi = b - half, b + half
        if a == b:
            ties = True
        else:
            if said is None:
                said = claim_interval(claim, a)
            ties = said.lo < hi and lo < said.hi  # ``Interval.overlaps``
        if zero_said and printed == 0:
            ties = False  # 0 in millions "holds" $204,500 but does not state it
        prior = (
            _direction(claim, index, site, col, meaning, cell.precision, chosen)
            if directed
            else None
        )
        refs = (ref,) if prior is None else (ref, prior)
        yield Match(refs, meaning, ties, rounding, lo, hi, prior is None, group, second)


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
    up = INCREASE in claim.traits
    down = DECREASE in claim.traits
    if not (up or down):
        return None
    prior = index.prior(col)
    if prior is None:
        return None
    ref = CellRef(prior.table, site.row, prior.index)
    cell = cell_at(index.tables, ref)
    if cell is None:
        return None
    now = Interval.printed(value, precision)
    for printed in options(cell, ref, chosen):
        before = Interval.printed(index.meaning(site, printed), cell.precision)
        if (up and now.hi >= before.lo) or (down and now.lo <= before.hi):
            return None
    return ref


class Compared(NamedTuple):
    """Two cells of a row compared under one reading each: their refs, what they mean,
    and what their change (in amount, and in percent over a positive base) may be.

    A pair depends on the row, its two columns and the readings only: the claims whose
    words name the row ask of it again and again (a percent change is a quotient over
    four corners), so an index keeps the pairs it has made (``Index.compared``). A named
    tuple, as ``Match``: made per reading of each pair of cells a change compares.
    """

    refs: tuple[CellRef, CellRef]
    current: Decimal
    prior: Decimal
    unit: Decimal  # the current cell's rounding unit
    change: Interval
    percent: Interval | None  # None: the base may be nothing or a loss
    expected: Decimal | None  # the percent change the two figures give, to 0.01


def _compared(
    index: Index, site: Site, col: ColumnView, chosen: Chosen, against: ColumnView | None
) -> tuple[Compared, ...]:
    """The pairs of a row's cells a change in ``col`` compares, made once per index with
    the row's readings (a chosen reading of a figure of the row is asked afresh: it is
    asked once per ambiguous figure).

    Both cells are of the site's row: where no chosen figure is of that row, ``options``
    gives each cell its readings as with none chosen, and the pairs are those kept (the
    tie with the readings chosen asks of the rows the first tie asked of).
    """
    prior = against if against is not None else index.prior(col)
    if prior is None:
        return ()
    if chosen and _chosen_in_row(chosen, site):
        return tuple(_pairs(index, site, col, chosen, prior))
    key = (site.table, site.row, site.signed, col.index, prior.index)
    found = index.compared.get(key)
    if found is None:
        found = index.compared[key] = tuple(_pairs(index, site, col, chosen, prior))
    return found


def _chosen_in_row(chosen: Chosen, site: Site) -> bool:
    """Whether a chosen figure is of the site's row (asked by ints: a reference is hashed
    by a Python ``__hash__``, and few figures are chosen)."""
    row, table = site.row, site.table
    return any(ref.row == row and ref.table == table for ref in chosen)


def _pairs(
    index: Index, site: Site, col: ColumnView, chosen: Chosen, prior: ColumnView
) -> Iterator[Compared]:
    """(current, prior) cells of a row with every reading, compared."""
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
            now = Interval.printed(c_value, cur.precision)
            before = Interval.printed(p_value, pri.precision)
            percent = expected = None
            if before.lo > 0:  # a change in percent of a loss or of nothing says nothing
                percent = image(percent_change, now, before)
                expected = quantized(percent_change(c_value, p_value), _HUNDREDTH)
            yield Compared(
                (cur_ref, pri_ref), c_value, p_value, cur.precision, now - before, percent,
                expected,
            )  # fmt: skip


def _change(
    claim: Claim,
    index: Index,
    site: Site,
    col: ColumnView,
    chosen: Chosen,
    against: ColumnView | None = None,
) -> Iterator[Match]:
    pairs = _compared(index, site, col, chosen, against)
    if not pairs:
        return
    group = _group(claim, site, col) if site.dilution is not None else ()  # as ``_level``
    second = site.dilution == "basic" and bool(group)
    said = claim_interval(claim, claim.value)
    for pair in pairs:
        refs = pair.refs
        if claim.kind is CHANGE:
            change = pair.change
            ties = said.meets(change)
            ties = ties and _fits_printed_change(claim, index, refs[0], refs[1], chosen)
            yield Match(
                refs, pair.current - pair.prior, ties, claim.precision > pair.unit, change.lo,
                change.hi, True, group or refs, second,
            )  # fmt: skip
            continue
        changed = pair.percent
        if changed is None or pair.expected is None:
            continue  # a change in percent of a loss or of nothing says nothing
        if changed.width > claim.precision * 2:
            continue  # figures too small to state a change to the claim's precision
        ties = said.meets(changed)
        yield Match(
            refs, pair.expected, ties, False, changed.lo, changed.hi, True, group or refs, second
        )


def _fits_printed_change(
    claim: Claim, index: Index, cur_ref: CellRef, pri_ref: CellRef, chosen: Chosen
) -> bool:
    """Whether an amount of change fits the change the table prints for the two cells, if
    it prints one.

    "Card fees increased $9 million" of 56 -> 65 in millions fits any change from 8 to
    10 the two rounded figures allow; the table's own change column, computed before
    rounding, prints 9: "$8 million" fits the figures but not the change the table
    states, and the finer print says what the change was. (Sizes are compared: a change
    column of a row printed in parentheses may print the change of its size or of its
    sign.)
    """
    ref = index.printed_change(cur_ref.table, cur_ref.row, cur_ref.column, pri_ref.column)
    cell = None if ref is None else cell_at(index.tables, ref)
    if ref is None or cell is None:
        return True
    said = claim_interval(claim, abs(claim.value))
    return any(
        said.overlaps(Interval.printed(abs(value), cell.precision))
        for value in options(cell, ref, chosen)
    )


def meets_coarsely(
    claim: Claim, index: Index, site: Site, col: ColumnView, against: ColumnView, chosen: Chosen
) -> bool:
    """Whether a percent change fits the row's change between two columns, within the
    rounding of the cells however coarse ("28.7 percent" of 418 -> 298 in millions, which
    may be 28.5% to 28.9%: too coarse to tie it, enough to say the words speak of it)."""
    said = claim_interval(claim, claim.value)
    return any(
        pair.percent is not None and said.meets(pair.percent)
        for pair in _compared(index, site, col, chosen, against)
    )


def evaluate(
    claim: Claim,
    index: Index,
    site: Site,
    col: ColumnView,
    chosen: Chosen,
    *,
    by_value: bool,
    against: ColumnView | None = None,
) -> Iterator[Match]:
    """The candidate cells of a claim in one column, judged; a change is of the same period
    a year earlier, or of ``against`` when given."""
    if claim.kind in (CHANGE, PERCENT_CHANGE):
        return _change(claim, index, site, col, chosen, against)
    return _level(claim, index, site, col, chosen, by_value=by_value)


def summed(
    claim: Claim,
    index: Index,
    groups: Sequence[Sequence[Site]],
    chosen: Chosen,
    *,
    strict: bool,
) -> Iterator[Match]:
    """Rows one table prints twice under one label (in two sections): the claim may be their sum.

    "Expense for corporate items and eliminations was $261 million" is the sum of the two
    "Corporate Items and Eliminations" rows of a profit-by-segment table. ``groups``: the
    claim's rows so printed (``sum_groups``), found once for each of its strictnesses.
    """
    for group in groups:
        for col in fitting(claim, index).of(index, group[0], strict=strict):
            cur = [_value(index, s, CellRef(col.table, s.row, col.index), chosen) for s in group]
            if any(v is None for v in cur):
                continue
            total = sum((v[0] for v in cur if v), Decimal(0))
            units = sum((v[1] for v in cur if v), Decimal(0))
            refs = tuple(CellRef(col.table, s.row, col.index) for s in group)
            if claim.kind in (LEVEL, PERCENT):
                a, b = abs(claim.value), abs(total)
                stands_for = Interval.printed(b, units)
                ties = claim_interval(claim, a).overlaps(stands_for)
                yield Match(refs, total, ties, True, stands_for.lo, stands_for.hi)
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
            if claim.kind is CHANGE:
                diff = total - before
                change = Interval.printed(diff, units + sum((v[1] for v in old if v), Decimal(0)))
                ties = claim_interval(claim, claim.value).meets(change)
                yield Match(refs, diff, ties, True, change.lo, change.hi)


def sum_groups(index: Index, sites: Sequence[Site]) -> list[list[Site]]:
    """The rows of these a claim may be the sum of (``summed``): where some of them is one
    its table prints twice (``summable``; few rows are, and nothing is grouped), the rows
    of one table, label and segment, two or more of them, in order."""
    if not summable(index, sites):
        return []
    return _groups(sites)


def _groups(sites: Sequence[Site]) -> list[list[Site]]:
    groups: dict[tuple[int, str, str | None], list[Site]] = {}
    for site in sites:
        groups.setdefault((site.table, site.key, site.segment), []).append(site)
    return [group for group in groups.values() if len(group) >= 2]


def summable(index: Index, sites: Sequence[Site]) -> bool:
    """Whether some of these rows is one its table prints twice under its label
    (``Index.repeated``): only then may a claim of them be a sum (``summed``). Asked of a
    claim's rows once, before it is tried at each strictness against each kind of row."""
    repeated = index.repeated
    return bool(repeated) and any(
        (site.table, site.key, site.segment) in repeated for site in sites
    )


def _value(
    index: Index, site: Site, ref: CellRef, chosen: Chosen
) -> tuple[Decimal, Decimal] | None:
    cell = cell_at(index.tables, ref)
    if cell is None:
        return None
    return index.meaning(site, options(cell, ref, chosen)[0]), cell.precision
