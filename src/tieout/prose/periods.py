"""Periods named in prose: `the first quarter of 2004`, `the first six months`, `a year ago`.

A phrase gives some of: a duration in months, a year (stated, or relative to the
release's current year: "prior year", "a year ago"), the quarter's ordinal ("second
quarter"), an end date ("quarter ended March 31, 2004") or an instant ("as of July 3,
2004"). The claims stage combines the phrases of one clause and fills in the rest from
the sentence, the paragraph and the release.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from tieout.extensions import compiled
from tieout.model import Table
from tieout.prose.overlaps import leftmost_longest
from tieout.tables.periods import _DATE, _MONTHS, _number
from tieout.vocabulary.folding import folded
from tieout.vocabulary.leads import WordLed, led
from tieout.vocabulary.sieve import Sieve

_YEAR = r"(?:19|20)\d\d"
_ORD = r"(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)"
_ORDINALS = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "1st": 1,
    "2nd": 2,
    "3rd": 3,
    "4th": 4,
}
_DATE_RE = _DATE.pattern
_DATES = led(_DATE)  # the same pattern led (``leads.led``): searched through phrases and clauses
_COUNT = (
    r"(?P<n>three|six|nine|twelve|thirteen|twenty[\s-]six|thirty[\s-]nine|fifty[\s-]two|"
    r"fifty[\s-]three|3|6|9|12|13|26|39|52|53)"
)

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (name, re.compile(pattern, re.I))
    for name, pattern in (
        (
            "quarter",
            rf"(?:(?:fiscal\s+)?(?P<y1>{_YEAR})\s+)?{_ORD}[\s-]+(?:fiscal\s+)?quarters?"
            rf"(?:\s+(?:ended|ending)\s+(?P<date>{_DATE_RE}))?"
            rf"(?:\s*,?\s+(?:of|in)\s+(?:fiscal\s+)?(?:year\s+)?(?P<y2>{_YEAR})"
            rf"(?:\s+and\s+(?P<y3>{_YEAR}))?)?(?:\s+(?P<y4>{_YEAR})\b)?",
        ),
        (
            "q",
            rf"(?:(?:fiscal\s+)?(?P<y1>{_YEAR})\s+)?\bQ(?P<ord>[1-4])(?:\s+(?:fiscal\s+)?(?P<y2>{_YEAR}))?\b",
        ),
        (
            "months",
            rf"(?:first\s+)?{_COUNT}[\s-]+(?P<u>months?|weeks?)"
            rf"(?:\s+(?:ended|ending)\s+(?P<date>{_DATE_RE}))?"
            rf"(?:\s*,?\s+(?:of|in)\s+(?:fiscal\s+)?(?P<y2>{_YEAR})(?:\s+and\s+(?P<y3>{_YEAR}))?)?",
        ),
        (
            "half",
            rf"(?P<which>first|second)\s+half(?:\s+of\s+(?:fiscal\s+)?(?:the\s+year\s+)?(?P<y2>{_YEAR}))?",
        ),
        (
            "ytd",
            rf"(?:(?P<y1>{_YEAR})\s+)?year[\s-]+to[\s-]+date(?:\s+(?:fiscal\s+)?(?P<y2>{_YEAR})\b)?",
        ),
        (
            "quarter-ended",
            rf"(?:quarters?|three\s+months|13\s+weeks|thirteen\s+weeks)\s+(?:ended|ending)\s+(?P<date>{_DATE_RE})",
        ),
        (
            "year",
            rf"(?:full|fiscal|calendar)[\s-]+year(?:\s+(?:of\s+)?(?:fiscal\s+)?(?P<y2>{_YEAR}))?"
            rf"|(?:fiscal|calendar)\s+(?P<y1>{_YEAR})"
            rf"|years?\s+ended\s+(?P<date>{_DATE_RE})",
        ),
        (
            "prior",
            r"(?:(?:a|one)\s+year\s+(?:ago|earlier|before)|year[\s-]+(?:ago|earlier)"
            r"|(?:prior|previous|last|preceding)[\s-]+(?:fiscal[\s-]+)?year(?:'s)?)"
            r"(?:[\s-]+(?P<unit>quarter|period)\b)?",
        ),
        ("current", r"(?:current|this)[\s-]+(?:fiscal[\s-]+)?year(?:'s)?"),
        (
            "sequential",
            r"\bsequential(?:ly)?\b|(?:prior|previous|preceding|last|linked)[\s-]+quarter",
        ),
        ("the-quarter", r"(?:the|this|current|latest|most\s+recent)\s+quarter\b"),
        ("the-year", r"\b(?:the|this)\s+year\b(?![\s-]+(?:ago|earlier|before|ended|to))"),
        ("instant", rf"(?:as\s+of|at)\s+(?:the\s+end\s+of\s+)?(?P<date>{_DATE_RE})"),
        (
            "bare-year",
            rf"\b(?:in|for|during|of|since|than|over|with|versus|vs\.?)\s+(?:fiscal\s+)?"
            rf"(?P<y2>{_YEAR})(?:\s+and\s+(?P<y3>{_YEAR}))?\b(?![\s-]*(?:quarter|first|second|third|fourth))",
        ),
        (
            "year-adjective",
            rf"(?<![\d,]\s)\b(?P<y1>{_YEAR})\s+(?=(?:results|earnings|revenues?|sales|net)\b)",
        ),
    )
)

# each pattern run only on the sentences holding the words it needs (most name no quarter,
# week, date or year; each pattern is a pass over the sentence of its own)
_SIEVE = Sieve(_PATTERNS)


class PeriodPhrase(NamedTuple):
    """One phrase naming (part of) a period, with what it says.

    A named tuple, not a frozen dataclass: one is made per phrase of every sentence, and
    a record of fifteen fields made by ``model.quick_init`` (a slot's setter called per
    field) took 12,400 instructions by callgrind, a named tuple takes 4,300."""

    start: int
    end: int
    text: str
    months: int | None = None
    year: int | None = None
    relative: int | None = None  # 0 "current year", -1 "prior year", "a year ago"
    ordinal: int | None = None  # the quarter's ordinal: "second quarter" is 2
    end_date: date | None = None
    instant: bool = False
    sequential: bool = False  # "prior quarter", "sequentially": another period
    years: tuple[int, ...] = ()  # "2004 and 2003" (for "respectively")
    year_to_date: bool = False
    bare_year: bool = False  # "in 2003": a year and nothing else
    other_half: bool = False  # "second half": not a column of a release
    fiscal: bool = False  # the year is a fiscal year's name, without a date to place it


# A named tuple (``PeriodPhrase``, ``When``) made from all its fields, in order, as its
# own ``__new__`` makes it, without that Python function's frame and its keywords:
# ``_NEW(When, (months, ..., relative))``. For those made per phrase, frame and figure;
# each such call gives every field (``tests/test_prose_periods_compiled.py`` counts them).
_NEW = tuple.__new__

_FISCAL = re.compile(r"\bfiscal\b", re.I)


def _date(text: str | None) -> date | None:
    if not text:
        return None
    m = _DATES.search(text)
    if m is None or not m.group("year"):
        return None
    month = _MONTHS[folded(m.group("month")).rstrip(".")]
    try:
        return date(int(m.group("year")), month, int(m.group("day")))
    except ValueError:
        return None


# What each pattern's matches say through their groups, read once per pattern (a phrase
# is made per match): the pattern, the year groups it has, in order, and whether it has a
# date group; by the pattern's name (a ``re.Pattern`` hashes its whole text and code)
_GROUPS: dict[str, tuple[re.Pattern[str], tuple[str, ...], bool]] = {
    name: (
        pattern,
        tuple(g for g in ("y1", "y2", "y3", "y4") if g in pattern.groupindex),
        "date" in pattern.groupindex,
    )
    for name, pattern in _PATTERNS
}


def _years(m: re.Match[str]) -> tuple[int, ...]:
    names = [g for g in ("y1", "y2", "y3", "y4") if g in m.re.groupindex]
    return tuple(int(m.group(g)) for g in names if m.group(g))


def _phrase(name: str, m: re.Match[str]) -> PeriodPhrase:
    """The phrase a match of the pattern ``name`` makes: its text, years, end date and
    fiscal word, and what the pattern says beside them (``_SAID``)."""
    text = m.group(0)
    known = _GROUPS.get(name)
    if known is None or known[0] is not m.re:  # not of ``_PATTERNS``: its groups read from it
        years = _years(m)
        end_date = _date(m.group("date")) if "date" in m.re.groupindex else None
    else:
        _, names, dated = known
        if len(names) > 1:
            years = tuple([int(y) for y in m.group(*names) if y])
        else:
            y = m.group(names[0]) if names else None
            years = (int(y),) if y else ()
        end_date = _date_of(m) if dated else None
    # A printed end date fixes the calendar year; "fiscal 2011" may not be calendar 2011.
    year = end_date.year if end_date else (years[0] if years else None)
    # (the pattern asked only of a phrase holding the word, folded as ``re.I`` reads it)
    fiscal = end_date is None and "fiscal" in folded(text) and bool(_FISCAL.search(text))
    return _SAID.get(name, _BARE)(m, text, year, years, end_date, fiscal)


def _date_of(m: re.Match[str]) -> date | None:
    """``_date(m.group("date"))`` read from the date's own groups (``_DATE``'s month, day
    and year, which every pattern with a date group holds), not searched for again: the
    date group is a match of ``_DATE`` where it stands, and nothing after it in a pattern
    can fail (it ends its pattern or is followed by optional groups), so ``_DATE`` searched
    in its text matches at its start, the same way."""
    month, day, year = m.group("month", "day", "year")
    if month is None or not year:  # no date, or a date without its year
        return None
    try:
        return date(int(year), _MONTHS[folded(month).rstrip(".")], int(day))
    except ValueError:
        return None


# What a phrase of each pattern says beside its text, years, end date and fiscal word: the
# phrase made in one step (a phrase is made per match), every field in order.
_Maker = Callable[
    [re.Match[str], str, "int | None", "tuple[int, ...]", "date | None", bool], PeriodPhrase
]


def _quarter(m: re.Match[str], text: str, year: int | None, years: tuple[int, ...],
             end: date | None, fiscal: bool) -> PeriodPhrase:  # fmt: skip
    word = folded(m.group("ord"))
    ordinal = int(word) if word.isdigit() else _ORDINALS[word]
    return _NEW(PeriodPhrase, (
        m.start(), m.end(), text, 3, year, None, ordinal, end, False, False, years, False,
        False, False, fiscal,
    ))  # fmt: skip


def _months(m: re.Match[str], text: str, year: int | None, years: tuple[int, ...],
            end: date | None, fiscal: bool) -> PeriodPhrase:  # fmt: skip
    count = _number(folded(m.group("n")).replace("-", " "))
    months = round(count * 12 / 52) if folded(m.group("u")).startswith("week") else count
    return _NEW(PeriodPhrase, (
        m.start(), m.end(), text, months, year, None, None, end, False, False, years, False,
        False, False, fiscal,
    ))  # fmt: skip


def _half(m: re.Match[str], text: str, year: int | None, years: tuple[int, ...],
          end: date | None, fiscal: bool) -> PeriodPhrase:  # fmt: skip
    other = folded(m.group("which")) == "second"
    return _NEW(PeriodPhrase, (
        m.start(), m.end(), text, 6, year, None, None, None, False, False, years, False,
        False, other, fiscal,
    ))  # fmt: skip


def _prior(m: re.Match[str], text: str, year: int | None, years: tuple[int, ...],
           end: date | None, fiscal: bool) -> PeriodPhrase:  # fmt: skip
    quarter = folded(m.group("unit") or "") == "quarter"
    return _NEW(PeriodPhrase, (
        m.start(), m.end(), text, 3 if quarter else None, year, -1, None, None, False, False,
        years, False, False, False, fiscal,
    ))  # fmt: skip


def _fixed(
    months: int | None = None,
    relative: int | None = None,
    *,
    dated: bool = False,
    instant: bool = False,
    sequential: bool = False,
    year_to_date: bool = False,
    bare_year: bool = False,
) -> _Maker:
    """The maker of a pattern whose phrases say the same beyond their groups."""

    def make(m: re.Match[str], text: str, year: int | None, years: tuple[int, ...],
             end: date | None, fiscal: bool) -> PeriodPhrase:  # fmt: skip
        return _NEW(PeriodPhrase, (
            m.start(), m.end(), text, months, year, relative, None, end if dated else None,
            instant, sequential, years, year_to_date, bare_year, False, fiscal,
        ))  # fmt: skip

    return make


_SAID: dict[str, _Maker] = {
    "quarter": _quarter,
    "q": _quarter,
    "months": _months,
    "half": _half,
    "ytd": _fixed(year_to_date=True),
    "quarter-ended": _fixed(3, dated=True),
    "year": _fixed(12, dated=True),
    "prior": _prior,
    "current": _fixed(relative=0),
    "sequential": _fixed(sequential=True),
    "the-quarter": _fixed(3),
    "the-year": _fixed(12, 0),
    "instant": _fixed(instant=True, dated=True),
}
_BARE = _fixed(bare_year=True)  # "bare-year", "year-adjective": a year and nothing else


def dates_in(text: str) -> list[date]:
    """The full dates (month, day and year) a text names, in order."""
    found = (_date(m.group(0)) for m in _DATES.finditer(text))
    return [day for day in found if day is not None]


class _Found(NamedTuple):
    """A match of a period pattern, where it stands."""

    start: int
    end: int
    name: str
    match: re.Match[str]


def period_phrases(text: str) -> list[PeriodPhrase]:
    """The period phrases of a sentence, in order, none overlapping another."""
    return _phrases(text)


def _phrases_python(text: str) -> list[PeriodPhrase]:
    """The specification of the compiled ``phrases`` (``_compiled_phrases``): every
    pattern's matches (``_found``), the overlaps settled (``leftmost_longest``), then the
    phrases made (a phrase spans its match)."""
    return [_phrase(f.name, f.match) for f in leftmost_longest(_found(text))]


def _found_python(text: str) -> list[_Found]:
    """Every pattern's matches in a sentence, pattern by pattern, each's in order.

    The specification of the compiled ``found`` (``_compiled_found``): the patterns whose
    words the sentence holds (the sieve), each a ``finditer`` over it."""
    return [
        _Found(m.start(), m.end(), name, m)
        for name, pattern in _SIEVE(text)
        for m in pattern.finditer(text)
    ]


def _compiled_found(*, forced: bool = False) -> Callable[[str], list[_Found]] | None:
    """``_found_python``'s matches found with the compiled ``starts`` (``_periods.c``), as
    ``extensions.compiled`` gives it; None when it is not built or set aside."""
    module = compiled("tieout.prose._periods", forced=forced)
    if module is None:
        return None
    starts: Callable[[str], list[tuple[int, int]]] = module.starts

    def found(text: str) -> list[_Found]:
        """Each pattern asked only where ``starts`` says a match of it may begin, not at
        every character: one pass of C over the sentence for all fifteen patterns, where
        the sieve and the ``finditer``s were sixteen. A match at a place is the pattern's
        own (``Pattern.match`` reads the text around the place as ``finditer`` does), and
        the places after a match are passed over up to its end, where ``finditer``
        resumes."""
        out: list[_Found] = []
        last, resume = -1, 0
        for k, place in starts(text):
            if k != last:
                last, resume = k, 0
            if place < resume:
                continue
            name, pattern = _PATTERNS[k]
            m = pattern.match(text, place)
            if m is not None:
                resume = m.end()
                out.append(_Found(place, resume, name, m))
        return out

    return found


_found: Callable[[str], list[_Found]] = _compiled_found() or _found_python
COMPILED = _found is not _found_python


def _compiled_phrases(*, forced: bool = False) -> Callable[[str], list[PeriodPhrase]] | None:
    """``_phrases_python``'s phrases, the matches found at the places the compiled
    ``places`` gives (``_periods.c``: ``starts``' pairs in the order of their places), as
    ``extensions.compiled`` gives it; None when it is not built or set aside."""
    module = compiled("tieout.prose._periods", forced=forced)
    if module is None:
        return None
    places: Callable[[str], list[tuple[int, int]]] = module.places
    patterns = [pattern for _, pattern in _PATTERNS]
    names = [name for name, _ in _PATTERNS]

    def phrases(text: str) -> list[PeriodPhrase]:
        """The matches found as ``_compiled_found`` finds them (each pattern resumes after
        its own match, as ``finditer`` does), met place by place, and the overlaps settled
        as they come, not sorted after: of the matches at a place, the longest (the first
        pattern's of those as long) is kept when it starts at or past the end of the last
        kept, which is then it. Only the kept are made phrases."""
        kept: list[tuple[int, re.Match[str]]] = []
        resume = [0] * len(patterns)
        edge = at = longest = -1  # the end, place and length of the last kept match
        for k, place in places(text):
            if place < resume[k]:
                continue
            m = patterns[k].match(text, place)
            if m is None:
                continue
            end = resume[k] = m.end()
            if place == at:
                if end - place > longest:
                    kept[-1] = (k, m)
                    edge, longest = end, end - place
            elif place >= edge:
                kept.append((k, m))
                edge, at, longest = end, place, end - place
        return [_phrase(names[k], m) for k, m in kept]

    return phrases


_phrases: Callable[[str], list[PeriodPhrase]] = _compiled_phrases() or _phrases_python


# led: searched through every reporting sentence of a release
_ORDINAL_MENTION = led(
    re.compile(rf"\b{_ORD}[\s-]+(?:fiscal\s+)?quarter\b|\bQ(?P<q>[1-4])\b", re.I)
)


# Whether a text holds a word every quarter's mention holds: "quarter" or "Q1" to "Q4".
_ORDINAL_WORDS = Sieve([(True, _ORDINAL_MENTION)])
# the same pattern, for a sieve of whole paragraphs (``claims.claims_of``: a paragraph
# whose text holds none of its words has no sentence that does)
ORDINAL_MENTION = _ORDINAL_MENTION
_ORDINAL_SEARCH = WordLed(_ORDINAL_MENTION)  # searched word start by word start


def _ordinal_mentions_python(text: str) -> list[int]:
    """The quarter ordinals a text mentions ("second quarter" twice gives [2, 2]).

    The specification of the compiled ``ordinals`` (``_periods.c``), which reads
    ``_ORDINAL_MENTION``'s matches where this searches for them."""
    out = []
    for m in _ORDINAL_SEARCH.finditer(text):
        word = folded(m.group("ord") or m.group("q"))
        out.append(int(word) if word.isdigit() else _ORDINALS[word])
    return out


def _compiled_ordinals(*, forced: bool = False) -> Callable[[str], list[int]] | None:
    """``_ordinal_mentions_python`` compiled (``_periods.c``'s ``ordinals``: one pass of C
    over the text, where a word-led search tried the pattern at each word's start), as
    ``extensions.compiled`` gives it; None when it is not built or set aside."""
    module = compiled("tieout.prose._periods", forced=forced)
    if module is None:
        return None
    ordinals: Callable[[str], list[int] | None] = module.ordinals

    def mentions(text: str) -> list[int]:
        """The C's ordinals; the Python's where the C hands the text back (an ordinal
        spelled with a letter beyond ASCII, "ſecond": the Python folds it as case-blind
        matching does)."""
        found = ordinals(text)
        return _ordinal_mentions_python(text) if found is None else found

    return mentions


ordinal_mentions: Callable[[str], list[int]] = _compiled_ordinals() or _ordinal_mentions_python


class When(NamedTuple):
    """A period as the prose names it, before it is matched with the tables' columns.

    A named tuple, not a frozen dataclass (as ``PeriodPhrase``): some 350 are made a pass
    of the three text releases (``combine``, ``fill``, ``prior_of``), and a named tuple is
    made in half the time of a ``model.quick_init`` record of nine fields. Whens are only
    compared and hashed with one another (never with a tuple or another named tuple of
    nine fields), where a named tuple answers as the dataclass did: field by field."""

    months: int | None = None
    year: int | None = None
    ordinal: int | None = None
    end: date | None = None  # when printed ("quarter ended March 31, 2004")
    instant: bool = False
    other: bool = False  # a period none of the columns shows
    text: str = ""
    bare: bool = False  # only a year was named ("in 2003")
    relative: bool = False  # the year was named relative to another ("a year ago")


@dataclass(frozen=True, slots=True)
class ReleasePeriods:
    """What the whole release says about its periods, for sentences that say less."""

    current_year: int | None
    main_ordinal: int | None  # the quarter the release reports ("second quarter")
    default_months: int | None
    durations: frozenset[int]  # the durations its columns show
    year_to_date: int | None
    year_end_month: int | None = None  # the month its fiscal year ends in
    quarters: frozenset[tuple[int | None, int]] = frozenset()  # (year, quarter) columns show


def release_periods(reporting: Iterable[str], tables: Sequence[Table]) -> ReleasePeriods:
    """The release's periods: from its columns, and the quarter its sentences report."""
    years: list[int] = []
    undated: list[int] = []  # "Q1 2011" may name a fiscal year, not a calendar one
    durations: set[int] = set()
    quarters: set[tuple[int | None, int]] = set()
    first_months: int | None = None
    for table in tables:
        for col in table.columns:
            p = col.period
            if p is None or p.instant:
                continue
            if p.quarter and p.months in (3, None):
                quarters.add((p.year, p.quarter))
            if p.end is not None:
                years.append(p.end.year)
            elif p.year:
                undated.append(p.year)
            if p.months:
                durations.add(p.months)
                if first_months is None:
                    first_months = p.months
    # one search of the sentences joined by a character no mention holds (nor a word's
    # edge: "\b" meets it as it meets a sentence's ends), not one per sentence; only of
    # those that hold a word every mention holds (a sentence left out held none)
    ordinals = ordinal_mentions("\0".join(s for s in reporting if _ORDINAL_WORDS(s)))
    main = (
        max(set(ordinals), key=lambda o: (ordinals.count(o), -ordinals.index(o)))
        if ordinals
        else None
    )
    ytd = max((m for m in durations if m > 3), default=None)
    if first_months is None and durations:
        first_months = min(durations)
    current = max(years or undated) if (years or undated) else None
    return ReleasePeriods(
        current, main, first_months, frozenset(durations), ytd,
        year_end_month(tables, main), frozenset(quarters),
    )  # fmt: skip


def _month_of(end: date) -> int:
    """The month a period ends in, a few days into the next counting as the month before."""
    return end.month if end.day > 10 else (end.month - 2) % 12 + 1


def fiscal_quarter(end: date, year_end: int) -> int:
    """The fiscal quarter a quarter ending on ``end`` is, of a year ending in month ``year_end``."""
    return 4 - (year_end - _month_of(end)) % 12 // 3


def year_end_month(tables: Sequence[Table], main_ordinal: int | None) -> int | None:
    """The month the fiscal year ends: of a year's column, else of a year-to-date column's
    (six months ended June 30: the year began in January), else of the reported quarter's."""
    quarters: list[date] = []
    to_date: int | None = None
    for table in tables:
        for col in table.columns:
            p = col.period
            if p is None or p.instant or p.end is None:
                continue
            if p.months == 12:
                return _month_of(p.end)
            if p.months in (6, 9) and to_date is None:
                to_date = (_month_of(p.end) - p.months - 1) % 12 + 1
            if p.months == 3:
                quarters.append(p.end)
    if to_date is not None:
        return to_date
    if not quarters or main_ordinal is None:
        return None
    return (_month_of(max(quarters)) + 3 * (4 - main_ordinal) - 1) % 12 + 1


def _calendar_year(fiscal_year: int, ordinal: int | None, release: ReleasePeriods) -> int:
    """The calendar year a fiscal year's quarter ends in (fiscal years are named by their end)."""
    if ordinal is None or release.year_end_month is None:
        return fiscal_year
    quarter_end = (release.year_end_month - 3 * (4 - ordinal) - 1) % 12 + 1
    return fiscal_year if quarter_end <= release.year_end_month else fiscal_year - 1


def combine(phrases: Sequence[PeriodPhrase], release: ReleasePeriods) -> When | None:
    """What the phrases of one frame say together, or None when they say nothing."""
    if not phrases:
        return None
    # each field the first phrase's that gives it, found in one pass (this runs per frame)
    months: int | None = None
    ordinal: int | None = None
    relative: int | None = None
    dated: PeriodPhrase | None = None
    end: date | None = None
    to_date = bare_year = instant = other = False
    for p in phrases:
        if months is None and p.months and not p.bare_year:
            months = p.months
        if ordinal is None and p.ordinal:
            ordinal = p.ordinal
        if dated is None and p.year:
            dated = p
        if relative is None:
            relative = p.relative
        if end is None and p.end_date:
            end = p.end_date
        to_date = to_date or p.year_to_date
        bare_year = bare_year or p.bare_year
        instant = instant or p.instant
        other = other or p.sequential or p.other_half
    if months is None and to_date:
        months = release.year_to_date
    year = dated.year if dated else None
    if dated is not None and dated.fiscal and year is not None:
        year = _calendar_year(year, ordinal, release)
    if year is None and relative is not None and release.current_year:
        year = release.current_year + relative
    bare = months is None and bare_year and relative is None
    text = " ".join(p.text for p in phrases)
    return _NEW(When, (
        months, year, ordinal, end, instant, other, text, bare,
        dated is None and relative is not None,
    ))  # fmt: skip


def fill(when: When, base: When | None, release: ReleasePeriods, *, current: bool = True) -> When:
    """A frame's period completed from the period it is read against.

    A bare year ("in 2003") is a full year in the current frame, and the base's
    duration when it names the period compared with ("compared to $X in 2003").
    """
    months = when.months
    if months is None and when.bare and current:
        months = 12
    if months is None and not when.instant:
        months = base.months if base else release.default_months
    if when.year is not None:
        year: int | None = when.year
    elif base is not None and not (base.relative and current):
        year = base.year  # a year named relative to another does not carry to new sentences
    else:
        year = release.current_year
    ordinal = (
        when.ordinal
        if when.ordinal is not None
        else (base.ordinal if base and base.months == months else None)
    )
    return _NEW(When, (
        months, year, ordinal, when.end, when.instant, when.other, when.text, False,
        when.relative and when.year is not None,
    ))  # fmt: skip


def prior_of(when: When) -> When:
    """The same period a year earlier."""
    return _NEW(When, (
        when.months, None if when.year is None else when.year - 1, when.ordinal, None,
        when.instant, when.other, f"year before {when.text}".strip(), False, False,
    ))  # fmt: skip


def default_period(release: ReleasePeriods) -> When | None:
    """The period of a sentence whose paragraph names none: the release's own."""
    if release.current_year is None:
        return None
    return When(release.default_months, release.current_year, release.main_ordinal, text="")


def is_other(when: When, release: ReleasePeriods) -> bool:
    """A period none of the columns shows: another quarter, half or duration.

    A quarter other than the one the release reports is shown when a column names it
    ("1Q21" among a bank's five quarters).
    """
    if when.other:
        return True
    if (
        when.months == 3
        and when.ordinal
        and release.main_ordinal
        and when.ordinal != release.main_ordinal
    ):
        shown = {q for y, q in release.quarters if when.year is None or y in (None, when.year)}
        return when.ordinal not in shown
    return bool(when.months and release.durations and when.months not in release.durations)
