"""Columns from their header texts: period, label, segment, unit, change.

A column's header is the stack of texts printed over it, top to bottom. Its period is
read from them by ``parse_period`` (completed from a title that dates the columns, "For
the 13 Weeks Ended July 3, 2004 and June 28, 2003", when the header alone does not say
it); a change column (`Change`, `% Chg`, `Variance`) has none. Two columns of one period
are told apart by their other words, the segment ("Domestic", "Sears Canada"). A column
counts one thing in every row when its header or its prints say so: percents (`%
Change`, figures printed with `%`) or per-share amounts.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import NamedTuple

from tieout import extensions
from tieout.figures import Figure
from tieout.model import (
    FLAG_DASH_ZERO,
    FLAG_DOLLAR,
    FLAG_PERCENT,
    UNIT_PERCENT,
    UNIT_USD_PER_SHARE,
    CellFlag,
    Column,
    Period,
    Unit,
)
from tieout.tables.drafts import FigureDraft, RowDraft, TableDraft
from tieout.tables.periods import names_period, parse_period
from tieout.vocabulary.leads import led
from tieout.vocabulary.per_share import PER_SHARE
from tieout.vocabulary.sieve import Sieve

CHANGE = re.compile(r"\bchange\b|%|\bvariance\b|\bincrease\b|\bdecrease\b|\bpercent|\bchg\b", re.I)
# a share of a total, not a change: "% of Revenues", "As a percent of net sales"
_SHARE_OF = re.compile(r"%\s*of\b|\bpercent(?:age)?\s+of\b", re.I)
_YEARS = re.compile(r"\b(?:19|20)\d\d\b")
# led (``leads.led``): searched in every title and every table's head, where a pattern that
# ignores case and begins with alternatives or an assertion is tried at every character
_DURATION = led(re.compile(r"\b(?:weeks?|months?|quarters?|years?)\s+ended\b", re.I))
_PERCENT_HEAD = re.compile(r"%|\bpercent", re.I)
BALANCE = led(re.compile(r"balance\s+sheets?|financial\s+(?:position|condition)", re.I))
# Whether a head holds a word every match of ``BALANCE`` holds ("balance", "financial"):
# a table's head is every line above its columns, hundreds of characters (most of them
# spaces in a text release), and two heads in three hold neither.
_BALANCE_WORDS = Sieve([(True, BALANCE)])


def names_balance(head: str) -> bool:
    """Whether a table's head names a balance sheet (``BALANCE``), asked of its words'
    runs of whitespace made one space, where it holds a word every match holds
    (``_BALANCE_WORDS``).

    A text head is every line above the table's columns, hundreds of characters most of
    them spaces, and the pattern is tried at each: with the runs made one space (``\\s``
    and ``str.split`` take the same characters for whitespace) it is tried at a third of
    them. A match's letters are no whitespace and its ``\\s+`` spans a run of it: a head
    holds a match exactly when its runs made one space do."""
    return bool(_BALANCE_WORDS(head)) and BALANCE.search(" ".join(head.split())) is not None


class _Dated:
    """The texts over a table that date its columns ("For the 13 Weeks Ended ...":
    ``_DURATION``), searched for when a column's own header first leaves its period
    unknown, once a table: the columns of one table in three each say their own."""

    __slots__ = ("_found", "_titles")

    def __init__(self, titles: Sequence[str]) -> None:
        self._titles = titles
        self._found: list[str] | None = None

    def __call__(self) -> list[str]:
        if self._found is None:
            self._found = [t for t in self._titles if _DURATION.search(t)]
        return self._found


def _period(texts: Sequence[str], dated: _Dated, balance: bool) -> Period | None:
    """The column's period from its own header, completed from the title when it says more."""
    own = parse_period(list(texts), balance_sheet=balance)
    if own is not None and own.known:
        return own
    titles = dated()
    if not titles:
        return own
    titled = parse_period([*titles, *texts], balance_sheet=balance)
    return titled if titled is not None and titled.known else own


_Counts = tuple[list[int], list[int], list[int]]


def _count_prints_python(
    rows: Sequence[RowDraft], n: int, dash_zero: CellFlag, percent: CellFlag, dollar: CellFlag
) -> _Counts:
    """Per column of ``n``, the prints of ``rows`` not dashes, those with a `%` and those
    with a `$` (the flags given as arguments, as the compiled count is given them).

    The specification of the compiled count (``_cells.c``'s ``prints``)."""
    printed, percents, dollars = [0] * n, [0] * n, [0] * n
    # counted by column and flags first: a table's figures carry a handful of flag sets
    counted = Counter([(f.column, f.figure.flags) for row in rows for f in row.figures])
    for (j, flags), count in counted.items():
        if dash_zero in flags:
            continue
        printed[j] += count
        if percent in flags:
            percents[j] += count
        if dollar in flags:
            dollars[j] += count
    return printed, percents, dollars


def _compiled_count(*, forced: bool = False) -> Callable[..., _Counts] | None:
    """The compiled count (``_cells.c``'s ``prints``), as ``extensions.compiled`` gives it."""
    compiled = extensions.compiled("tieout.tables._cells", forced=forced)
    if compiled is None:
        return None
    count: Callable[..., _Counts] = compiled.prints
    return count


_count_prints: Callable[..., _Counts] = _compiled_count() or _count_prints_python


def _first_change_row(draft: TableDraft, changes: set[int]) -> set[int]:
    """The change columns whose figures are percents by the first row that prints in them.

    Statements print the `%` once, on the first row ("11%" then "8", "(2)"): in the first
    row with a figure in a change column, a column printing a `%` is of percents, and so
    is one printing nothing there (n/m) when a column beside it prints a `%`.
    """
    if not changes:
        return set()  # no row has a figure in one
    for row in draft.rows:
        here = {f.column: f.figure.flags for f in row.figures if f.column in changes}
        if not here:
            continue
        marked = {j for j, flags in here.items() if FLAG_PERCENT in flags}
        if not marked:
            return set()
        return marked | (changes - set(here))
    return set()


def _unit(
    said: _Said, printed: int, percent: int, dollar: int, first: bool, columns: int
) -> Unit | None:
    """PERCENT for a column of percents, USD_PER_SHARE for one headed per share, by what
    its header says (``said``) and its prints (``printed``, not dashes; ``percent``, with
    a `%`; ``dollar``, with a `$`).

    A column is of percents by its header; by its prints when nine in ten of its figures
    carry a `%` (a mixed column, amounts with a few rates, keeps each row's own unit); or,
    for a change column printing no `$`, by its first row (``_first_change_row``).
    """
    by_prints = printed > 0 and percent * 10 >= printed * 9
    by_first = first and not dollar
    if (said.percent or by_prints or by_first) and columns > 1:
        return UNIT_PERCENT
    if said.per_share:
        return UNIT_USD_PER_SHARE
    return None


class _Said(NamedTuple):
    """What a column's header says in words: a change, a share of a total, percents,
    per-share amounts."""

    change: bool
    share_of: bool
    percent: bool
    per_share: bool


# ``_Said``'s four patterns, by their place in it: a header is searched only with those
# whose words its folded text holds (``Sieve``), each led
_SAYS = Sieve([(0, CHANGE), (1, _SHARE_OF), (2, _PERCENT_HEAD), (3, PER_SHARE)])
_SAYS("")  # its words read now, not on a release's first table (every run reads tables)


@lru_cache(maxsize=4096)
def _said(header: str) -> _Said:
    """``_Said`` of a header, asked once per text (heads recur across a release's tables).

    Of the four patterns, those a header holds none of the words of (``_SAYS``: most
    heads are a period's words and a year) find nothing and are not searched: a new
    header at first sight was searched case-blind four times over."""
    said = [False, False, False, False]
    for k, pattern in _SAYS(header):
        said[k] = pattern.search(header) is not None
    return _Said(*said)


@lru_cache(maxsize=4096)
def _segment(texts: tuple[str, ...]) -> str | None:
    """What a column's header says besides its period: a segment's name, or None (asked
    once per header: a release's tables repeat their column heads)."""
    stripped = [_YEARS.sub("", t).strip() for t in texts]
    # the search of a period's words (``names_period``) asked last, of a text holding a
    # letter and no digit: most texts over a column hold a year or a date
    words = [
        t
        for t in stripped
        if any(map(str.isalpha, t)) and not any(map(str.isdigit, t)) and not names_period(t)
    ]
    return " ".join(words) or None


def make_columns(draft: TableDraft, titles: Sequence[str]) -> list[Column]:
    """The ``Column`` records of a table draft; ``titles`` are the texts over the table.

    What each header says (``_said``) is asked once per column, its prints counted once
    per table (``_count_prints``), and the periods printed over several columns counted
    in a dict: every question of a column is then read from lists by its index."""
    head = " ".join(draft.head)
    balance = names_balance(head)
    dated = _Dated(titles)
    per_col = [c.texts for c in draft.columns]
    headers = [" ".join(texts) for texts in per_col]
    said = [_said(header) for header in headers]
    periods = [
        None if s.change else _period(texts, dated, balance)
        for s, texts in zip(said, per_col, strict=True)
    ]
    labels = [" ".join(header.split()) or f"column {j + 1}" for j, header in enumerate(headers)]
    keys = [p.key if p else None for p in periods]
    width = len(draft.columns)
    printed, percents, dollars = _count_prints(
        draft.rows, width, FLAG_DASH_ZERO, FLAG_PERCENT, FLAG_DOLLAR
    )
    changes = [s.change and not s.share_of for s in said]
    first = _first_change_row(
        draft, {j for j, s in enumerate(said) if changes[j] and not s.percent}
    )
    shared: dict[object, int] = {}  # a period printed over several columns: segments
    for key in keys:
        shared[key] = shared.get(key, 0) + 1
    columns = []
    for j, col in enumerate(draft.columns):
        key = keys[j]
        segment = _segment(col.texts) if key is not None and shared[key] > 1 else None
        unit = _unit(said[j], printed[j], percents[j], dollars[j], j in first, width)
        columns.append(
            Column(j, labels[j], periods[j], col.start, col.end, segment, unit, changes[j])
        )
    return columns


class PrintsOf:
    """The prints that say what a row counts: those of its period columns, else those
    outside columns of their own unit (a % change column), else all.

    A change column may print the row's change in another unit (basis points of a
    ratio, "$/bps"), so it speaks for the row only when nothing else does. Made once per
    table: which columns are which is read once, not once per figure.
    """

    __slots__ = ("period", "plain")

    def __init__(self, columns: Sequence[Column]) -> None:
        # by column: a period column; a column of no unit of its own (the compiled row
        # pass of ``tables/_cells.c`` reads the two lists)
        self.period = [c.unit is None and not c.change for c in columns]
        self.plain = [c.unit is None for c in columns]

    def __call__(self, figures: Sequence[FigureDraft]) -> list[Figure]:
        """The prints of a row's figures that say what it counts."""
        period = self.period
        own = [f.figure for f in figures if period[f.column]]
        if not own:
            plain = self.plain
            own = [f.figure for f in figures if plain[f.column]]
        return own or [f.figure for f in figures]
