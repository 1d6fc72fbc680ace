"""The tables of a release as the prose sees them: rows as sites, columns as periods.

A column is a period (months, year, end, instant), perhaps a segment ("Domestic",
"Sears Canada"), and perhaps a basis: a reconciliation prints its figures under
``GAAP``, ``Adj.`` and ``Non-GAAP`` heads. The basis decides which wording may speak of
the column: "non-GAAP operating margin was 46%" is not the GAAP column's 26%, and an
adjustments column is the difference between two measures, the value of none.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from itertools import accumulate
from types import ModuleType
from typing import TYPE_CHECKING, Any

from tieout.cells import cell_at
from tieout.extensions import compiled
from tieout.model import CellRef, Claim, Period, Row, Table, Unit, quick_init
from tieout.prose.members import IN_PERCENT
from tieout.prose.periods import fiscal_quarter, year_end_month
from tieout.prose.subjects import Site, clean_label, segment_name, site_with, terms_of
from tieout.rounding import HALF
from tieout.tables.periods import parse_period
from tieout.vocabulary.basis import Basis, basis_of_head, without_basis_words
from tieout.vocabulary.totals import names_whole, year_total_head

if TYPE_CHECKING:
    from tieout.prose.candidates import Compared, Fitting

__all__ = ["Basis", "ColumnView", "Index"]

_QUARTER_LABEL = re.compile(r"\bQ[1-4]\b|\b(?:first|second|third|fourth)\s+quarter\b", re.I)
_TRAILING = re.compile(
    r"\btrailing[\s-]+(?:4|four)[\s-]+quarters?\b|\btrailing[\s-]+(?:12|twelve)[\s-]+months\b"
    r"|\bTTM\b",
    re.I,
)


@quick_init
@dataclass(frozen=True, slots=True)
class ColumnView:
    """A column as a claim's period, segment and basis see it."""

    table: int
    index: int
    months: int | None
    year: int | None
    end: date | None
    instant: bool
    segment: str | None
    consolidated: bool
    basis: Basis | None = None
    quarter: int | None = None  # the fiscal quarter a column names ("Q4"; of trailing 4 quarters)

    def comparable(self, other: ColumnView) -> bool:
        """Whether a change can compare this column with ``other``: another column of one
        length, kind (flow or instant), segment and basis."""
        return (
            other.index != self.index
            and other.months == self.months
            and other.instant == self.instant
            and other.segment == self.segment
            and other.basis == self.basis
        )


_ZERO = Decimal(0)


@quick_init
@dataclass(frozen=True, slots=True)
class RowFigures:
    """What the figures of a row may stand for in magnitude, under each of their readings
    and with their rounding.

    ``lows`` are the low ends of the figures' intervals (each figure's magnitude plus or
    minus half its rounding unit; a cell's value is its first reading, one figure),
    ascending, and ``reach`` the highest high end among
    the figures up to each of them: whether some figure meets an interval is one bisection,
    not a test per figure. ``largest`` and ``smallest`` bound the magnitudes with a whole
    rounding unit either way (``smallest`` None: the row prints none); ``finest`` is the
    least rounding unit of its cells (0 where it prints none).
    """

    lows: tuple[Decimal, ...]
    reach: tuple[Decimal, ...]
    largest: Decimal
    smallest: Decimal | None
    finest: Decimal

    @classmethod
    def of(cls, row: Row, columns: Sequence[int]) -> RowFigures:
        """The figures of a row in these columns (those of a period: no claim ties a
        change column's figure)."""
        ends: list[tuple[Decimal, Decimal]] = []
        largest, smallest, finest = _ZERO, None, None
        cells = row.cells
        width = len(cells)
        last_unit: Decimal | None = None  # (a row's cells mostly share one unit object)
        half = _ZERO
        for column in columns:
            cell = cells[column] if column < width else None
            if cell is None:
                continue
            unit = cell.precision
            if unit is not last_unit:
                last_unit, half = unit, unit * HALF
            value = cell.value
            size = abs(value)
            readings = cell.readings
            if not readings or (
                len(readings) == 1 and (readings[0] is value or readings[0] == value)
            ):
                # most cells: the print's own value its one reading, one figure
                ends.append((size - half, size + half))
                top, least = size + unit, size - unit
                if not least > _ZERO:  # as max(0, least)
                    least = _ZERO
            else:
                sizes = (size, *map(abs, readings))
                ends.extend([(each - half, each + half) for each in sizes])
                top, least = max(sizes) + unit, max(_ZERO, min(sizes) - unit)
            if top > largest:  # as max(largest, top): the first of equals kept
                largest = top
            if smallest is None or least < smallest:
                smallest = least
            if finest is None or unit < finest:
                finest = unit
        if not ends:
            return cls((), (), largest, None, Decimal(0))
        ends.sort()
        lows, highs = zip(*ends, strict=True)
        reach = tuple(accumulate(highs, max))
        return cls(lows, reach, largest, smallest, Decimal(0) if finest is None else finest)

    def meets(self, lo: Decimal, hi: Decimal) -> bool:
        """Whether what some figure stands for meets [lo, hi]."""
        below = bisect_right(self.lows, hi)  # the figures whose low end is at most hi
        return below > 0 and self.reach[below - 1] >= lo


def _segment(text: str | None) -> str | None:
    """A column's segment without its basis words: "GAAP" alone is no segment."""
    if not text:
        return None
    name = segment_name(text)
    if not without_basis_words(name).strip(" -:*.,()"):
        return None
    return name or None


@functools.lru_cache(maxsize=1024)
def _column_segment(text: str | None) -> tuple[str | None, bool]:
    """A column's segment (``_segment``) and whether it is of the whole company (none, or
    one that names the whole: "Consolidated"), of its header's segment text: remembered,
    as a release's columns repeat a few segments ("Domestic", "Sears Canada") and each
    is cleaned by four substitutions."""
    segment = _segment(text)
    return segment, segment is None or names_whole(segment)


def _quarter(period: Period, months: int | None, year_end: int | None) -> int | None:
    """The fiscal quarter a column of a quarter or a year names, or that its end date gives.

    A quarter ending in September of a year that ends in December is the third, whatever
    its header says: "Quarter ended Sep 30, 2021" beside "Quarter ended Dec 31, 2021" is
    not the fourth quarter a claim names.
    """
    if months not in (3, 12):
        return None
    if period.quarter is None and months == 3 and period.end is not None and year_end:
        return fiscal_quarter(period.end, year_end)
    return period.quarter


_CHANGE_SHARE = Decimal("0.75")  # rows of a change column that must print a pair's difference
_TWO = Decimal(2)  # rows, at least, that print it


def _change_pair(table: Table, change: int) -> tuple[int, int] | None:
    """The one (current, prior) pair of period columns whose difference a change column
    prints, within the rounding of the three figures, in two rows or more and in three
    quarters of the rows that print all three; None where no pair or several fit.

    The rows decide, as for the change relations the checks find, whatever the header
    says ("4Q21 change from 4Q20 $", "Change", "Inc (Dec)").
    """
    periods = [
        c.index
        for c in table.columns
        if not c.change and c.unit is None and c.period is not None and c.index != change
    ]
    # each row's change and period figures, read once for every pair (as _prints_change)
    printed: list[tuple[Decimal, Decimal, dict[int, tuple[Decimal, Decimal]]]] = []
    for row in table.rows:
        d = row.cells[change]
        if row.unit is not IN_PERCENT and d is not None:
            cells = {
                i: (cell.value, cell.precision)
                for i in periods
                if (cell := row.cells[i]) is not None
            }
            if len(cells) >= 2:
                printed.append((d.value, d.precision, cells))
    fits: list[tuple[int, int]] = []
    for current in periods:
        for prior in periods:
            if current == prior:
                continue
            both = [
                (d_value, d_precision, cells[current], cells[prior])
                for d_value, d_precision, cells in printed
                if current in cells and prior in cells
            ]
            # the rows that may fail before the pair cannot fit: most pairs fail at once
            spare = len(both) - max(_TWO, _CHANGE_SHARE * len(both))
            if spare < 0:
                continue
            failed = 0
            for d_value, d_precision, now, before in both:
                if abs(d_value - (now[0] - before[0])) > (d_precision + now[1] + before[1]) / 2:
                    failed += 1
                    if failed > spare:
                        break
            else:
                fits.append((current, prior))
    return fits[0] if len(fits) == 1 else None


def _prints_change(row: Row, change: int, current: int, prior: int) -> bool | None:
    """Whether a row's change cell is its current minus its prior figure, within the
    rounding of the three; None where the row prints not all three amounts."""
    cells = (row.cells[change], row.cells[current], row.cells[prior])
    if row.unit is IN_PERCENT or any(c is None for c in cells):
        return None
    d, c, p = (x for x in cells if x is not None)
    return abs(d.value - (c.value - p.value)) <= (d.precision + c.precision + p.precision) / 2


def _printed_changes(table: Table) -> dict[tuple[int, int, int], CellRef]:
    """The changes in amount a table prints itself, by (row, current column, prior
    column) (``Index.printed_change``)."""
    out: dict[tuple[int, int, int], CellRef] = {}
    for change in table.columns:
        if not change.change or change.unit is IN_PERCENT:
            continue
        pair = _change_pair(table, change.index)
        if pair is None:
            continue
        current, prior = pair
        for row in table.rows:  # where it fails, the change column is the one wrong
            if _prints_change(row, change.index, current, prior):
                out[(row.index, current, prior)] = CellRef(table.index, row.index, change.index)
    return out


_PARTS = 3  # tables alike that are parts' statements, and the rows they share, at least

_REVENUE_NOUNS = frozenset({"revenues", "revenue", "sales"})


def bare_key(key: str) -> str:
    """A label without the head noun the prose adds: "cloud services ... support revenues".

    Only after a name of two words or more: "net sales" is not "net" of something. (Not
    remembered: a release's keys are mostly its own, 12 hits in 196 asks of a first
    sight of the 3 text releases, and the head's words are counted only before a noun.)
    """
    head, _, last = key.rpartition(" ")
    return head if last in _REVENUE_NOUNS and len(head.split()) >= 2 else key


@functools.lru_cache(maxsize=8192)
def _key_parts(key: str, words: frozenset[str]) -> tuple[str, str, str, str | None]:
    """What ``SiteLookup`` looks a row up by, of its key and words: its bare key, the bare
    key's first and last words, and the least of its words (None: it has none). Rows
    repeat labels within a release and across releases ("Net income")."""
    bare = bare_key(key)
    return bare, bare.partition(" ")[0], bare.rpartition(" ")[2], min(words) if words else None


def _parallel(tables: Sequence[Table], named: set[int]) -> dict[int, str]:
    """Tables printed alike for parts of the company, each named for its place among them.

    Tables over the same periods, sharing row labels and printing other figures on them,
    are each a part's statement when three or more print one title ("Selected Financial
    Information" after each segment's paragraph), or when three or more print mostly the
    same rows and none of them names its part (``named``: a segment's title; among named
    parts, an unnamed table alike is the whole). A claim that names no part does not
    speak of them. (A statement carried over pages prints other periods or other rows.)
    """
    by_periods: dict[tuple[object, ...], list[Table]] = {}
    for table in tables:
        if table.columns:
            periods = tuple(c.period.key if c.period else None for c in table.columns)
            by_periods.setdefault(periods, []).append(table)
    groups: list[list[tuple[Table, frozenset[str]]]] = []
    for alike_periods in by_periods.values():
        if len(alike_periods) < _PARTS:
            continue  # too few tables alike to be parts' statements: their labels not read
        members = [(table, labels) for table in alike_periods if len(labels := _labels(table)) >= 2]
        if len(members) >= _PARTS:
            groups.append(members)
    out: dict[int, str] = {}
    printed: dict[int, list[tuple[str, tuple[str, ...]]]] = {}  # a table's rows, read once
    for members in groups:
        titles = {table.index: _own_title(table) for table, _ in members}
        for table, labels in members:
            own = titles[table.index]
            titled: list[tuple[Table, frozenset[str]]] = []
            alike: list[tuple[Table, frozenset[str]]] = []
            for other, theirs in members:
                shared = labels & theirs
                if own and titles[other.index] == own and len(shared) >= 2:
                    titled.append((other, shared))
                if len(shared) * 5 >= min(len(labels), len(theirs)) * 3 and len(shared) >= _PARTS:
                    alike.append((other, shared))
            if (len(titled) >= _PARTS and _differ(table, titled, printed)) or (
                len(alike) >= _PARTS
                and _differ(table, alike, printed)
                and not any(t.index in named for t, _ in alike)
            ):
                out[table.index] = f"{own or 'a table'} (part {table.index})"
    return out


def _labels(table: Table) -> frozenset[str]:
    """The labels of a table's rows that print a figure, lowercased."""
    return frozenset([row.label.strip().lower() for row in table.rows if row.has_figures])


def _own_title(table: Table) -> str:
    """A table's own title, under the page's headings ("Page 4 / Selected Information")."""
    return (table.title or "").rpartition(" / ")[2].strip()


def _differ(
    table: Table,
    alike: Sequence[tuple[Table, frozenset[str]]],
    printed: dict[int, list[tuple[str, tuple[str, ...]]]],
) -> bool:
    """Whether each of the tables alike prints other figures than ``table`` on shared rows
    (``printed``: each table's labels and figures as text, kept for the next question)."""

    def figures(t: Table, shared: frozenset[str]) -> set[tuple[str, tuple[str, ...]]]:
        rows = printed.get(t.index)
        if rows is None:
            rows = printed[t.index] = [  # (a list per row made a tuple: no generator)
                (row.label.strip().lower(), tuple([str(c.value) if c else "" for c in row.cells]))
                for row in t.rows
            ]
        return {row for row in rows if row[0] in shared}

    return all(
        other is table or figures(other, shared) != figures(table, shared)
        for other, shared in alike
    )


_NAMED = 4096  # the subjects' sites a lookup keeps (``SiteLookup.remember``, ``extending``)
_BEFORE = 65536  # the names before a metric a lookup keeps (``SiteLookup.name_before``)


# A site as a subject may name it: the site, its place in the lookup, whether the subject
# names it (its concept or its bare key), whether it suggests it, and whether it does when
# the claim's metric is firm (``SiteLookup.subject_sites``).
Named = tuple[Site, int, bool, bool, bool]


def unit_fits(row_unit: Unit | None, percent_change: bool, unit: Unit | None) -> bool:
    """Whether a row of ``row_unit`` (None: a physical quantity, as ``SiteLookup.units``
    holds it) may print a claim's figure: of a percent change, any row but one of
    percents; else a row of the claim's own unit."""
    return row_unit is not IN_PERCENT if percent_change else row_unit is unit


def _named_python(
    sites: Sequence[Site],
    units: Sequence[Unit | None],
    bares: Sequence[str],
    by: tuple[dict[Any, list[int]], ...],
    concept: object,
    key: str,
    said: frozenset[str],
    percent_change: bool,
    unit: Unit,
    every: bool,
) -> tuple[tuple[Named, ...], tuple[int, ...]]:
    """The sites a subject names or suggests, and the others it may name
    (``SiteLookup.subject_sites``): the specification of the compiled ``_lookup.named``.

    The sites visited (unless ``every`` site is, as a count of shares asks) are those filed
    (``by``: the places by concept, bare key, first and last word of the bare key, and
    least word, as ``_filed_python`` files them) under the subject's concept, its bare
    ``key``, the key's first and last words, and each word ``said``: every site that can
    pass a test below (a superset), in index order. Of those of the units its figure may
    be of (of a percent change, any row but one of percents; else rows of ``unit``;
    ``units`` holds None for a physical quantity), a site is named by its concept or its
    bare key; it is weakly named whatever the claim's wording where it is named, where
    every site is asked, or where its bare key extends the subject's ("Net income
    attributable to the Company", "Globex net income"): firmly suggested; and it is
    suggested, not firmly, where the subject says its words. The rest may yet be named by
    a name before the metric (``prose.tie``).
    """
    by_concept, by_bare, by_first, by_last, by_word = by
    visit: Sequence[int]
    if every:
        visit = range(len(sites))
    else:
        found: set[int] = set(by_bare.get(key, ()))
        if concept is not None:
            found.update(by_concept.get(concept, ()))
        if key:
            found.update(by_first.get(key.partition(" ")[0], ()))
            found.update(by_last.get(key.rpartition(" ")[2], ()))
        for word in said:
            found.update(by_word.get(word, ()))
        visit = sorted(found)
    starting, ending = key + " ", " " + key
    out: list[Named] = []
    unsaid: list[int] = []
    for n in visit:
        if not unit_fits(units[n], percent_change, unit):
            continue
        site, bare = sites[n], bares[n]
        named = (concept is not None and site.concept == concept) or bare == key
        firmly_suggested = (
            named or every or (bool(key) and (bare.startswith(starting) or bare.endswith(ending)))
        )
        if firmly_suggested or (bool(site.words) and site.words <= said):
            out.append((site, n, named, True, firmly_suggested))
        else:
            unsaid.append(n)  # no record: most are never named
    return tuple(out), tuple(unsaid)


Filed = tuple[
    list[str],
    list[Unit | None],
    dict[object, list[int]],
    dict[str, list[int]],
    dict[str, list[int]],
    dict[str, list[int]],
    dict[str, list[int]],
]


def _filed_python(
    sites: Sequence[Site], key_parts: Callable[..., tuple[str, str, str, str | None]]
) -> Filed:
    """What ``SiteLookup`` files its sites under (``key_parts``: ``_key_parts``), in one
    pass: each site's bare key; its unit as a claim's unit is matched against it (None: a
    physical quantity); and the places of the sites by concept, bare key, the bare key's
    first and last words, and the least word of the label (in index order each; a site of
    no concept or no words is not filed under one). The specification of the compiled
    ``_lookup.filed``; plain dicts, so that a key asked and absent is not added."""
    bares: list[str] = []
    units: list[Unit | None] = []
    by_concept: dict[object, list[int]] = {}
    by_bare: dict[str, list[int]] = {}
    by_first: dict[str, list[int]] = {}
    by_last: dict[str, list[int]] = {}
    by_word: dict[str, list[int]] = {}
    for n, site in enumerate(sites):
        bare, first, last, least = key_parts(site.key, site.words)
        bares.append(bare)
        units.append(None if site.quantity else site.unit)
        if site.concept is not None:
            by_concept.setdefault(site.concept, []).append(n)
        by_bare.setdefault(bare, []).append(n)
        by_first.setdefault(first, []).append(n)
        by_last.setdefault(last, []).append(n)
        if least is not None:
            by_word.setdefault(least, []).append(n)
    return bares, units, by_concept, by_bare, by_first, by_last, by_word


def _compiled_lookup(*, forced: bool = False) -> ModuleType | None:
    """The compiled lookup (``_lookup.c``), as ``extensions.compiled`` gives it,
    configured with the site record whose fields it reads."""
    module = compiled("tieout.prose._lookup", forced=forced)
    if module is not None:
        module.configure(Site, IN_PERCENT)
    return module


# the lookup fetched and configured once; its two passes, or their specifications
_LOOKUP = _compiled_lookup()
_named: Callable[..., tuple[tuple[Named, ...], tuple[int, ...]]] = (
    _named_python if _LOOKUP is None else _LOOKUP.named
)
_filed: Callable[..., Filed] = _filed_python if _LOOKUP is None else _LOOKUP.filed
COMPILED = _named is not _named_python


class SiteLookup:
    """The sites of an index looked up by what ``prose.tie`` compares: concept, bare key, the
    first and the last word of the bare key, and the least word of the label (a label whose words the
    sentence says holds that one). ``subject_sites`` visits, in index order, only the sites
    filed under what a subject says (a superset of those that can pass its tests):
    each claim visits a few sites, not all of them (a release with a long table and many
    claims was claims x rows)."""

    def __init__(self, sites: Sequence[Site], tables: Sequence[Table]) -> None:
        self.sites = sites
        self.tables = tables
        self._labels: dict[int, tuple[str, str]] = {}
        self._before: dict[tuple[int, str], str | None] = {}  # ``name_before``
        self._extending: dict[frozenset[str], tuple[int, ...]] = {}  # ``extending``
        # the sites a claim's subject may name, with what its words decide of each, by
        # subject, concept and unit (``prose.tie._named_sites``): claims repeat subjects
        self.named: dict[tuple[object, ...], Any] = {}
        # each site's bare key, and its unit as a claim's unit is matched against it (None:
        # a physical quantity); the places of the sites by what a subject's words may say
        (
            self.bare,
            self.units,
            self.by_concept,
            self.by_bare,
            self.by_first,
            self.by_last,
            self.by_word,
        ) = _filed(sites, _key_parts)
        self._by = (self.by_concept, self.by_bare, self.by_first, self.by_last, self.by_word)

    def subject_sites(
        self,
        concept: object,
        key: str,
        said: frozenset[str],
        wanted: tuple[bool, Unit],
        every: bool,
    ) -> tuple[tuple[Named, ...], tuple[int, ...]]:
        """The sites a subject (its ``concept``, bare ``key`` and words ``said``) names or
        suggests among those of the units its figure may be of (``wanted``: whether it is a
        percent change, and the unit), each with what its words decide of it (``Named``),
        in index order; and the others of those units it may name (their places), in index
        order (``_named_python``; ``every``: a count of shares, which may name any row)."""
        percent_change, unit = wanted
        sites, units, bares, by = self.sites, self.units, self.bare, self._by
        return _named(sites, units, bares, by, concept, key, said, percent_change, unit, every)

    def remember(self, asked: tuple[object, ...], found: Any) -> Any:
        """``found`` kept as what ``asked`` names (``named``), up to ``_NAMED`` questions
        (a release asks one per distinct subject of its claims: a few hundred)."""
        if len(self.named) >= _NAMED:
            self.named.clear()
        self.named[asked] = found
        return found

    def label(self, n: int) -> tuple[str, str]:
        """The cleaned label of site ``n``'s row as printed, and lowercased (found when first
        asked)."""
        found = self._labels.get(n)
        if found is None:
            site = self.sites[n]
            label = clean_label(self.tables[site.table].rows[site.row].label)
            found = self._labels[n] = (label, label.lower())
        return found

    def name_before(self, n: int, key: str) -> str | None:
        """The words of site ``n``'s label (``label``) before a metric's bare ``key`` where
        they end the label and may be a name (each capitalized), else None: "Wells Fargo"
        of "Wells Fargo net income" (``prose.tie._named_apart``). Found once per site and
        key: the claims of a subject ask of the same sites."""
        asked = (n, key)
        if asked in self._before:
            return self._before[asked]
        label, lowered = self.label(n)
        at = lowered.rfind(" " + key)
        name: str | None = None
        if key and at > 0 and at + 1 + len(key) == len(label):
            name = label[:at].strip()
            if not name or not all(w[:1].isupper() for w in name.split()):
                name = None
        if len(self._before) >= _BEFORE:
            self._before.clear()
        self._before[asked] = name
        return name

    def extending(self, prefixes: tuple[str, ...]) -> tuple[int, ...]:
        """Sites whose bare key starts with one of ``prefixes`` (each ends with a space),
        in index order; found once per set of prefixes (the claims of a subject name the
        same rows, and ask of the rows extending them again)."""
        asked = frozenset(prefixes)
        known = self._extending.get(asked)
        if known is not None:
            return known
        found: set[int] = set()
        for prefix in prefixes:
            found.update(self.by_first.get(prefix.partition(" ")[0], ()))
        known = tuple(n for n in sorted(found) if self.bare[n].startswith(prefixes))
        if len(self._extending) >= _NAMED:
            self._extending.clear()
        self._extending[asked] = known
        return known


class Index:
    """The tables of a release, indexed for tying claims: rows as sites, columns as periods."""

    def __init__(self, tables: Sequence[Table]) -> None:
        self.tables = tables
        sites = terms_of(tables).sites
        parts = _parallel(tables, {s.table for s in sites if s.segment is not None})
        self.parts = frozenset(parts)  # the tables that are parts' statements, unnamed
        self.sites = (
            [
                site_with(site, segment=parts[site.table])
                if site.segment is None and site.table in parts
                else site
                for site in sites
            ]
            if parts
            else list(sites)  # (most releases print no parts' statements)
        )
        self.columns: dict[tuple[int, int], ColumnView] = {}
        year_end = year_end_month(tables, None)  # of a year's column, when one is printed
        self.year_end = year_end
        for table in tables:
            # the title's period, read only for a column whose length the header left open
            # (few are: most tables' titles are never parsed)
            title = table.title or ""
            title_months: Period | None = None
            title_read = not title  # (nothing to read of no title)
            trailing = bool(_TRAILING.search(title))
            quarters = any(
                c.period is not None and c.period.quarter is not None for c in table.columns
            )
            for col in table.columns:
                p = col.period
                if p is None:
                    continue
                months = 12 if trailing else p.months  # "Q4" of trailing four quarters
                if months is None and not p.instant and _QUARTER_LABEL.search(col.label):
                    months = 3  # "Fiscal 2022 Q1": a quarter the header parser left open
                if months is None and quarters and year_total_head(col.label):
                    months = 12  # "Fiscal 2014 TOTAL" beside its four quarters
                if months is None and not p.instant:
                    if not title_read:
                        title_months, title_read = parse_period([title]), True
                    if title_months is not None:
                        months = title_months.months
                segment, consolidated = _column_segment(col.segment)
                self.columns[(table.index, col.index)] = ColumnView(
                    table.index, col.index, months, p.year or (p.end.year if p.end else None),
                    p.end, p.instant, segment, consolidated,
                    basis_of_head(f"{col.label} {col.segment or ''}"),
                    _quarter(p, months, year_end),
                )  # fmt: skip
        # the columns a claim may speak of, by what they depend on (``candidates.fitting``)
        self.fitting: dict[tuple[object, ...], Fitting] = {}
        # the rows a claim's words name, by those words (``prose.tie._rows_of``)
        self.rows: dict[tuple[object, ...], tuple[list[Site], list[Site]]] = {}
        # the pairs of a row's cells a change compares (``candidates.Compared``), by row,
        # sign, column and base column: made once, asked by every claim naming the row
        self.compared: dict[tuple[object, ...], tuple[Compared, ...]] = {}
        self._figures: dict[tuple[int, int], RowFigures] = {}
        self._changes: dict[tuple[int, int], tuple[Decimal, Decimal] | None] = {}
        self._printed: dict[int, dict[tuple[int, int, int], CellRef]] = {}  # ``printed_change``
        self._priors: dict[tuple[int, int], ColumnView | None] = {}
        # whether a row's printed values mean their negatives, found when first asked
        self._flip: dict[tuple[int, int], bool] = {}
        # the claims of the last tie with no reading chosen and their answers
        # (``prose.tie._judged``): the tie with the readings chosen keeps most of them
        self.judged: tuple[tuple[Claim, ...], tuple[Claim, ...]] | None = None

    @functools.cached_property
    def table_columns(self) -> dict[int, tuple[ColumnView, ...]]:
        """The columns of each table, in order (a claim looks at one table at a time)."""
        by_table: dict[int, list[ColumnView]] = {}
        for (table, _), col in self.columns.items():
            by_table.setdefault(table, []).append(col)
        return {table: tuple(cols) for table, cols in by_table.items()}

    @functools.cached_property
    def repeated(self) -> frozenset[tuple[int, str, str | None]]:
        """The (table, label, segment) of rows a table prints twice or more (in two sections):
        only rows of these may be summed (``candidates.summed``)."""
        seen: set[tuple[int, str, str | None]] = set()
        twice: set[tuple[int, str, str | None]] = set()
        for site in self.sites:
            key = (site.table, site.key, site.segment)
            (twice if key in seen else seen).add(key)
        return frozenset(twice)

    @functools.cached_property
    def _by_row(self) -> dict[tuple[int, int], Site]:
        return {(site.table, site.row): site for site in reversed(self.sites)}

    def site(self, table: int, row: int) -> Site | None:
        """The site of a table's row, if the prose can name it (the first, if several)."""
        return self._by_row.get((table, row))

    @functools.cached_property
    def lookup(self) -> SiteLookup:
        """The sites by what a claim's words can name (built on first use)."""
        return SiteLookup(self.sites, self.tables)

    def printed_change(self, table: int, row: int, current: int, prior: int) -> CellRef | None:
        """The change in amount a table prints itself of a row's current and prior columns:
        of each change column in amounts, the one pair of period columns whose difference
        it prints in most rows (``_change_pair``), where the row's change cell is that
        difference. Found per table when a change of one of its rows is first judged (most
        tables' changes are never asked of: a release's claims name few of its rows)."""
        found = self._printed.get(table)
        if found is None:
            found = self._printed[table] = _printed_changes(self.tables[table])
        return found.get((row, current, prior))

    def figures(self, table: int, row: int) -> RowFigures:
        """What the figures of a row in the columns of a period may stand for in magnitude
        (``RowFigures``), found once per row: a claim's value is compared with these before
        its row is judged column by column (only those columns are: ``candidates``), and a
        claim tried at other scales asks of the rows its words name."""
        found = self._figures.get((table, row))
        if found is None:
            found = self._figures[(table, row)] = RowFigures.of(
                self.tables[table].rows[row], [c.index for c in self.table_columns.get(table, ())]
            )
        return found

    def changes(self, table: int, row: int) -> tuple[Decimal, Decimal] | None:
        """What a change of a row over a year may be, of each column against the same
        period a year earlier (``prior``), under every reading and with the rounding of
        both cells: the largest magnitude it may have, and the finest rounding unit of a
        current cell among the pairs (None: the row prints no such pair), found once per
        row. An amount of change larger than the one, or below the other, is a change of
        no pair of it (``tie._can_state``)."""
        key = (table, row)
        if key in self._changes:
            return self._changes[key]
        reach: Decimal | None = None
        finest: Decimal | None = None
        for col in self.table_columns.get(table, ()):
            prior = self.prior(col)
            if prior is None:
                continue
            cur = cell_at(self.tables, CellRef(table, row, col.index))
            pri = cell_at(self.tables, CellRef(table, row, prior.index))
            if cur is None or pri is None:
                continue
            apart = max(
                abs(c - p) for c in (cur.value, *cur.readings) for p in (pri.value, *pri.readings)
            )
            apart += (cur.precision + pri.precision) * HALF
            reach = apart if reach is None else max(reach, apart)
            finest = cur.precision if finest is None else min(finest, cur.precision)
        found = None if reach is None or finest is None else (reach, finest)
        self._changes[key] = found
        return found

    def meaning(self, site: Site, value: Decimal) -> Decimal:
        """What a printed value means: a "Net loss" row printed without parentheses is negative."""
        if not site.loss_label:
            return value  # (most rows) only a loss's label may flip its figures
        flip = self._flip.get((site.table, site.row))
        if flip is None:
            row = self.tables[site.table].rows[site.row]
            printed_negative = any(c is not None and c.value < 0 for c in row.cells)
            flip = self._flip[(site.table, site.row)] = not printed_negative
        return -value if flip else value

    def prior(self, column: ColumnView) -> ColumnView | None:
        """The same period a year earlier in the same table, segment and basis (found once
        per column: every change of every row asks it)."""
        key = (column.table, column.index)
        if key in self._priors:
            return self._priors[key]
        found = None
        if column.year is not None:
            for other in self.table_columns.get(column.table, ()):
                if (
                    column.comparable(other)
                    and other.year == column.year - 1
                    and other.quarter == column.quarter
                ):
                    found = other
                    break
        self._priors[key] = found
        return found
