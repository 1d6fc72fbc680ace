"""Column headers to periods: `QUARTERS ENDED MARCH 31` over `2004` is the quarter to 2004-03-31.

A column's header is the stack of header texts printed above it, top to bottom. The
column's own year is the lowest year printed over it; the end date is the month and day
printed with (or above) that year; the duration comes from words such as "three months",
"13 weeks", "quarter", "year ended".
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from datetime import date
from functools import lru_cache

from tieout.model import Period
from tieout.vocabulary.folding import folded
from tieout.vocabulary.leads import led

_MONTHS = (
    {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
    | {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
    | {"sept": 9}
)

_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DATE = re.compile(
    rf"\b(?P<month>{_MONTH_RE})\.?\s+(?P<day>\d{{1,2}})(?!\d)(?:st|nd|rd|th)?(?:,?\s*(?P<year>(?:19|20)\d\d))?",
    re.IGNORECASE,
)
_MONTH_ONLY = re.compile(
    rf"\b(?P<month>{_MONTH_RE})\b\.?(?:,?\s*(?P<year>(?:19|20)\d\d))?", re.IGNORECASE
)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")
# what every month's name (``_MONTH_RE``) begins with, searched in a folded text: a text
# holding none names no month, and ``_DATE`` and ``_MONTH_ONLY`` find nothing in it
_MONTH_STEM = re.compile("|".join(sorted({name[:3] for name in _MONTHS})))
# a fiscal quarter's code holds a "q" beside a digit of 1 to 4 (``_QUARTER_CODE``'s every
# branch: "Q1", "1Q"), searched in a folded text (a "q" and a digit fold to themselves)
_QUARTER_CODE_WORDS = re.compile("q[1-4]|[1-4]q")
# a date written in figures, month first ("12/31/2020", "9/30/2020"), with its full year
_NUMERIC_DATE = re.compile(
    r"(?<![\d/])(?P<month>1[0-2]|0?[1-9])/(?P<day>3[01]|[12]\d|0?[1-9])/(?P<year>(?:19|20)\d\d)(?![\d/])"
)

_NUMBER_WORDS = {
    "one": 1, "three": 3, "six": 6, "nine": 9, "twelve": 12, "thirteen": 13,
    "twenty-six": 26, "twenty six": 26, "thirty-nine": 39, "thirty nine": 39,
    "fifty-two": 52, "fifty two": 52, "fifty-three": 53, "fifty three": 53,
    "twenty-seven": 27, "fourteen": 14, "forty": 40, "sixteen": 16, "twelve-week": 12,
}  # fmt: skip
_COUNT = r"(\d{1,2}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_MONTHS_DURATION = re.compile(_COUNT + r"[\s-]+months?", re.IGNORECASE)
_WEEKS_DURATION = re.compile(_COUNT + r"[\s-]+weeks?", re.IGNORECASE)
_QUARTER = re.compile(
    r"\bquarters?\b|\bqtr\b|\b(?:first|second|third|fourth|1st|2nd|3rd|4th|q[1-4])\s+quarter\b",
    re.IGNORECASE,
)
_YEAR_DURATION = re.compile(
    r"\b(?:years?\s+ended|year\s+to\s+date|fiscal\s+years?|full[\s-]+year|twelve\s+months|annual)\b",
    re.IGNORECASE,
)
_YEAR_TO_DATE = re.compile(r"\b(?:ytd|year[\s-]to[\s-]date)\b", re.IGNORECASE)
_HALF = re.compile(r"\b(?:first|second)\s+half\b|\bsix\s+months\b", re.IGNORECASE)
_YEAR_ONLY = re.compile(r"\s*(?:19|20)\d\d\*{0,2}\s*")
_INSTANT = re.compile(r"\b(?:as\s+of|at)\b|balance\s+sheet|financial\s+position", re.IGNORECASE)
# a word every match of ``_INSTANT`` holds, searched in a folded text
_INSTANT_WORDS = re.compile("as|at|balance|financial")


def _lowered(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A case-blind pattern whose source is in lowercase, without the flag: what it
    finds in an ASCII text, asked of the text lowered (its folded copy). An ASCII text
    and its lowered copy have their word boundaries, whitespace, digits and letters in
    the same places, and a letter matches case-blind exactly when its lower case does.
    Case-blind, ``re`` compared every character through its lower case at every place
    of the text (no fast scan of the first characters for it): a header's searches for
    its duration and its instant were a third of its period's reading."""
    # a capital but a named group's "P" (\S, \D, a letter) would not find the same
    source = pattern.pattern.replace("(?P<", "(?p<")
    if source != source.lower():
        raise ValueError(f"not a lowercase pattern: {pattern.pattern!r}")
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


# ``_months``' patterns in their order, as they are and lowered; ``_INSTANT``, ``_DATE``
# and ``_MONTH_ONLY`` lowered: each asked of an ASCII header's folded copy
_DURATIONS = (_MONTHS_DURATION, _WEEKS_DURATION, _HALF, _YEAR_DURATION, _QUARTER)
_DURATIONS_LOW = tuple(map(_lowered, _DURATIONS))
_INSTANT_LOW = _lowered(_INSTANT)
_DATE_LOW = _lowered(_DATE)
_MONTH_ONLY_LOW = _lowered(_MONTH_ONLY)


# Texts that head one column each: a date (with its year), a lone year, a change word.
HEADER_ANCHOR = re.compile(
    _DATE.pattern + r"|\b(?:19|20)\d\d\b\*{0,2}|%\s*change|\bchange\b|\bvariance\b",
    re.IGNORECASE,
)
# ``HEADER_ANCHOR`` of an ASCII text lowered (as ``_PERIOD_WORDS_LOWER`` below): its source
# is in lowercase, and a match is led by the characters it may begin with. Case-blind, the
# pattern (a date's alternation of month names first) was tried at every character of
# every new header text; the same places, where a case-blind match begins in an ASCII
# text, begin a match in its lowered copy.
HEADER_ANCHOR_LOWER = led(re.compile(HEADER_ANCHOR.pattern))

_QUARTER_CODE = re.compile(
    r"\bQ(?P<q1>[1-4])\s*(?:['’`]\s*|fy\s*|\s)(?P<y1>\d{2}|(?:19|20)\d\d)\b"
    r"|\b(?:fiscal|fy)\s*(?P<y2>(?:19|20)\d\d|\d{2})\s+Q(?P<q2>[1-4])\b"
    r"|\b(?P<q3>[1-4])Q\s*['’]?(?P<y3>\d{2}|(?:19|20)\d\d)\b",
    re.IGNORECASE,
)

# the words and numbers that name a period, in lowercase: case-blind in ``PERIOD_WORDS``,
# as written in ``_PERIOD_WORDS_LOWER`` (asked of an ASCII text lowered)
_PERIOD_WORDS_SOURCE = (
    rf"\b(?:ended|ending|months?|weeks?|quarters?|years?|fiscal|as of|{_MONTH_RE})\b"
    r"|\b(?:19|20)\d\d\b|\bq[1-4]\b"
)
PERIOD_WORDS = re.compile(_PERIOD_WORDS_SOURCE, re.IGNORECASE)
# ``PERIOD_WORDS`` of an ASCII text lowered: the same pattern, case as written, led by the
# characters a match may begin with (``leads.led``). Case-blind, every character of the
# pattern was compared through its lower case at every place of the text (about 70 k
# instructions a line of a text table); lowered once, a place no match begins at is passed
# at once. An ASCII text and its lowered copy have their word boundaries, digits and
# letters in the same places, and no character beyond ASCII is in either.
_PERIOD_WORDS_LOWER = led(re.compile(_PERIOD_WORDS_SOURCE))


def names_period(text: str) -> bool:
    """Whether ``PERIOD_WORDS`` finds a match in the text: searched in the lowered text
    when it is ASCII (``_PERIOD_WORDS_LOWER``: the cost is the case-blind search, asked of
    a text table's header and label lines), else by ``PERIOD_WORDS`` itself."""
    if text.isascii():
        return _PERIOD_WORDS_LOWER.search(text.lower()) is not None
    return PERIOD_WORDS.search(text) is not None


def _number(word: str) -> int:
    return int(word) if word.isdigit() else _NUMBER_WORDS[folded(word)]


# the most characters a count (``_COUNT``: two digits, or a number word) spans
_LONGEST_COUNT = max(2, *map(len, _NUMBER_WORDS))


def _counted_from(text: str, low: str, word: str) -> int:
    """Where a match of a count and ``word`` (``_MONTHS_DURATION``, ``_WEEKS_DURATION``:
    a count, ``[\\s-]+``, the word) begins at the earliest, in a text holding ``word``
    (``low``: the text folded). In an ASCII text (its folded copy the same characters
    lowered, at the same places) no match begins before the longest count before the run
    of spaces and hyphens before the word's first place: a match ends in the word, at or
    after that place, and what precedes it in the match is a run of spaces and hyphens
    and a count, which holds the word's first place only as a count ending in the word
    does ("twelve-week"), beginning at most the longest count before it. The count's
    alternation was tried at every character of the header before it."""
    if not text.isascii():
        return 0
    at = low.find(word)
    while at > 0 and (low[at - 1] == "-" or low[at - 1].isspace()):
        at -= 1
    return max(0, at - _LONGEST_COUNT)


def _months(text: str, low: str | None = None) -> tuple[int | None, int | None]:
    """Duration in months (and weeks when printed in weeks) named by the header text.

    ``low`` is the text ``folded`` (made here when not given): a pattern is searched
    only when the folded text holds a word each of its matches holds ("month", "week",
    "half", "year", "annual", "q"). Case-blind, each was tried at every character of
    every new header at first sight, the two counts most (an alternation of numbers and
    number words); a folded text lacking the word is one the pattern finds nothing in."""
    if low is None:
        low = folded(text)
    # an ASCII text is searched lowered (``_lowered``: the same places, found without
    # the case-blind comparison of every character); a count read lowered is the same
    # number (``_number`` folds a number word)
    is_ascii = text.isascii()
    searched = low if is_ascii else text
    months_p, weeks_p, half_p, year_p, quarter_p = _DURATIONS_LOW if is_ascii else _DURATIONS
    month = "month" in low
    m = months_p.search(searched, _counted_from(text, low, "month")) if month else None
    if m:
        return _number(m.group(1)), None
    w = weeks_p.search(searched, _counted_from(text, low, "week")) if "week" in low else None
    if w:
        weeks = _number(w.group(1))
        return round(weeks * 12 / 52), weeks
    if (month or "half" in low) and half_p.search(searched):
        return 6, None
    if (month or "year" in low or "annual" in low) and year_p.search(searched):
        return 12, None
    if "q" in low and quarter_p.search(searched):
        return 3, None
    return None, None


def _month_led(
    pattern: re.Pattern[str],
    text: str,
    low: str,
    stems: Sequence[int] | None = None,
    lowered: re.Pattern[str] | None = None,
) -> list[re.Match[str]]:
    """``pattern.finditer(text)``'s matches, for ``_DATE`` and ``_MONTH_ONLY`` (each match
    begins at a word's start with a month's name); ``low`` is the text ``folded``, and
    ``stems`` where ``_MONTH_STEM`` finds a match in it (``_stems``; found here when not
    given: ``_period_of`` finds them once for its two patterns and its test of a date).

    In an ASCII text (its folded copy the same characters lowered, at the same places) a
    match begins where a month's first three letters (``_MONTH_STEM``) begin a word of
    the folded copy: the pattern is matched only there, from the end of the match before
    (as ``finditer`` goes on). Case-blind and led by an alternation of the months' names,
    it was tried at every character of every new header. A stem inside another begins
    no word (letters precede it), so the stems' own non-overlapping search misses none.

    ``lowered`` is the pattern ``_lowered``, when given: matched in the folded copy
    instead (the same places and spans; a month's name and the digits read as before,
    the name being folded by the caller)."""
    if not text.isascii():
        return list(pattern.finditer(text))
    found: list[re.Match[str]] = []
    end = 0
    if lowered is not None:
        pattern, text = lowered, low
    for at in _stems(low) if stems is None else stems:
        if at < end:
            continue
        m = pattern.match(text, at)  # ``\b`` is read against the character before ``at``
        if m is not None:
            found.append(m)
            end = m.end()
    return found


def _stems(low: str) -> list[int]:
    """Where ``_MONTH_STEM``'s matches begin in a folded text, in order."""
    return [m.start() for m in _MONTH_STEM.finditer(low)]


# the days of each month (1 to 12) of a common year
_DAYS = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _last_day(year: int, month: int) -> int:
    """``calendar.monthrange(year, month)[1]`` without the month's first weekday (a
    ``date`` made and asked its weekday, per header)."""
    return 29 if month == 2 and calendar.isleap(year) else _DAYS[month]


def _fiscal_quarter(joined: str) -> Period | None:
    """`Q1'14`, `Q4 2013`, `Fiscal 2013 Q1`, `1Q14`: a fiscal quarter of a year, end unknown."""
    m = _QUARTER_CODE.search(joined)
    if m is None:
        return None
    quarter = int(m.group("q1") or m.group("q2") or m.group("q3"))
    digits = m.group("y1") or m.group("y2") or m.group("y3")
    year = int(digits) if len(digits) == 4 else 2000 + int(digits)
    if _YEAR_DURATION.search(joined) or _YEAR_TO_DATE.search(joined):
        return None
    return Period(end=None, months=3, instant=False, weeks=None, year=year, quarter=quarter)


def _numeric_end(joined: str, year: int) -> date | None:
    """The last date of ``year`` written in figures ("1/1/2020 - 3/31/2020" ends on March
    31), if any."""
    found = [m for m in _NUMERIC_DATE.finditer(joined) if int(m.group("year")) == year]
    if not found:
        return None
    month = int(found[-1].group("month"))
    return date(year, month, min(int(found[-1].group("day")), _last_day(year, month)))


def _instant(joined: str, low: str) -> bool:
    """Whether ``_INSTANT`` finds a match in a header (``low``: its folded copy), an ASCII
    one searched lowered (``_lowered``)."""
    if joined.isascii():
        return _INSTANT_LOW.search(low) is not None
    return _INSTANT.search(joined) is not None


# the first match of a year, or of none, each found by a loop: a generator left at its
# first answer (``next``) is closed by an exception thrown into its frame, about 3,000
# instructions, two or three times a header


def _dated_in(found: list[re.Match[str]], year: int) -> re.Match[str] | None:
    """The first of ``_DATE``'s or ``_MONTH_ONLY``'s matches that names ``year``."""
    for m in found:
        named = m.group("year")
        if named and int(named) == year:
            return m
    return None


def _undated(found: list[re.Match[str]]) -> re.Match[str] | None:
    """The first of ``_DATE``'s or ``_MONTH_ONLY``'s matches that names no year."""
    for m in found:
        if not m.group("year"):
            return m
    return None


def parse_period(texts: Sequence[str], *, balance_sheet: bool = False) -> Period | None:
    """The period named by a column's header texts (top to bottom), or None."""
    return _period_of(tuple(texts), balance_sheet)


@lru_cache(maxsize=4096)
def _period_of(texts: tuple[str, ...], balance_sheet: bool) -> Period | None:
    """``parse_period``, once per header: a release repeats its column heads table after
    table (a Period is immutable: the one made is the one given each time).

    A header whose last text is a year alone ("3 Months Ended December" over "2004",
    then over "2003") has the words above the year read once (``_undated``'s reading,
    its duration and whether it may be an instant), by the words, not per year."""
    last = texts[-1] if texts else ""
    if len(texts) > 1 and last.isascii() and _YEAR_ONLY.fullmatch(last):
        read = _undated_reading(texts[:-1], balance_sheet)
        if read is not None:
            prefix, above, months, weeks, instant = read  # ``above``: the month stems
            lone = last.strip()
            joined = f"{prefix} {lone}"
            # (the header folded: ``folded`` of an ASCII text is its lowercase, a
            # character each, and the year's digits and stars are their own)
            low = joined.lower()
            return _dated(
                joined, low, above, int(lone.rstrip("*")), months, weeks, instant, balance_sheet
            )
    joined = " ".join([s for t in texts if (s := t.strip())])
    if not joined:
        return None
    # for containment tests only (``_months``' docstring): a pattern none of whose words
    # the folded header holds is not searched
    low = folded(joined)
    quarter = _fiscal_quarter(joined) if "q" in low and _QUARTER_CODE_WORDS.search(low) else None
    stems = _stems(low)  # where what a month's name begins with is
    if quarter is not None and not (stems and _DATE.search(joined)):
        return quarter
    year: int | None = None
    for text in reversed(texts):
        if _YEAR_ONLY.fullmatch(text):
            year = int(text.strip().rstrip("*"))
            break
    if year is None:
        years = _YEAR.findall(joined)
        if not years:
            return None
        year = int(years[-1])
    months, weeks = _months(joined, low)
    instant = months is None and (
        balance_sheet or (_INSTANT_WORDS.search(low) is not None and _instant(joined, low))
    )
    return _dated(joined, low, stems, year, months, weeks, instant, balance_sheet)


@lru_cache(maxsize=4096)
def _undated_reading(
    texts: tuple[str, ...], balance_sheet: bool
) -> tuple[str, tuple[int, ...], int | None, int | None, bool] | None:
    """What ``_period_of`` reads of a header ``texts`` then a year alone (``_YEAR_ONLY``),
    the same for every year: the texts joined, where month names begin (``_stems``), the
    duration (``_months``), whether it is an instant if it has an end (``_INSTANT``). None
    (then the header is read whole) for a text beyond ASCII, no text, or a fiscal
    quarter's code ("q" beside a digit: ``_QUARTER_CODE`` may read the year's digits).

    The header joined is these texts joined, a space and the year (digits, one or two
    stars), ASCII, lowercased a character each (``folded``): the same characters at the
    same places, then the year's. No match of ``_MONTH_STEM``, a duration's or
    ``_INSTANT``'s holds the year: each holds a letter after any digit it holds (a count
    before "months"), none begins at a digit or a star, and the year has no letter. What
    they test beside a match (a word's boundary) reads the space before the year as it
    reads the end of these texts, neither being part of a word. So each finds in the
    header what it finds in these texts. No "q" is beside a digit across the space: the
    header holds a quarter's code exactly where these texts do."""
    prefix = " ".join([s for t in texts if (s := t.strip())])
    if not prefix or not prefix.isascii():
        return None
    low = prefix.lower()  # ``folded`` of an ASCII text
    if "q" in low and _QUARTER_CODE_WORDS.search(low):
        return None
    months, weeks = _months(prefix, low)
    instant = months is None and (
        balance_sheet or (_INSTANT_WORDS.search(low) is not None and _instant(prefix, low))
    )
    return prefix, tuple(_stems(low)), months, weeks, instant  # (kept: a tuple)


def _dated(
    joined: str,
    low: str,
    stems: Sequence[int],
    year: int,
    months: int | None,
    weeks: int | None,
    instant: bool,
    balance_sheet: bool,
) -> Period:
    """The period of a header ``joined`` (``low``: folded; ``stems``: ``_stems`` of it) of
    ``year``, its duration and whether it is an instant if it has an end: its end, the
    date of the year it names, or the end of a month it names, or of the year."""
    dates = bool(stems)
    end: date | None = None
    # the months' names are read folded (``_MONTHS`` of the folded name): matched lowered
    dated = _month_led(_DATE, joined, low, stems, _DATE_LOW) if dates else []
    chosen = _dated_in(dated, year)
    if chosen is None:
        chosen = _undated(dated)
    if chosen is not None:
        month = _MONTHS[folded(chosen.group("month")).rstrip(".")]
        day = min(int(chosen.group("day")), _last_day(year, month))
        end = date(year, month, day)
    elif "/" in joined and (numeric := _numeric_end(joined, year)) is not None:
        end = numeric
    else:
        months_only = _month_led(_MONTH_ONLY, joined, low, stems, _MONTH_ONLY_LOW) if dates else []
        pick = _dated_in(months_only, year)
        if pick is None:
            pick = _undated(months_only)
        if pick is not None:
            month = _MONTHS[folded(pick.group("month")).rstrip(".")]
            end = date(year, month, _last_day(year, month))
    if end is None:
        if months == 12 or balance_sheet:
            end = date(year, 12, 31)  # a bare year under "year ended" / a year-end balance
        else:
            return Period(end=None, months=months, instant=False, weeks=weeks, year=year)
        instant = False  # (an instant has an end of its own: one read, not a year's)
    return Period(end=end, months=months, instant=instant, weeks=weeks, year=year)
