"""One line of a fixed-width table: its label, its figures and their columns, or a rule.

Fixed-width releases separate a row's label from its figures, and figures from each
other, by runs of two or more spaces (or by dot leaders); a single space never does. A
figure's column is known by the span of its digits, which right-aligned columns share.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple

from tieout import figures
from tieout.extensions import compiled
from tieout.figures import MAX_DIGITS, Figure, flag_set, general_figure
from tieout.model import CellFlag, Rule

_LEADER = re.compile(r"(?:\.\s?){3,}|_{3,}(?=\s*\$?\s*[\d(])")
# what a leader of periods holds: two periods at most one whitespace apart (a figure's
# decimal points and a sentence's full stops are not; the pattern is tried where it is)
_PERIODS_NEAR = re.compile(r"\.\s?\.")
# runs of text joined by single spaces; a `$` one space after a figure opens a new one
_CHUNK = re.compile(r"\S+(?: (?!\$)\S+|(?<![\d)%]) \$\S*)*")
_MARKUP = re.compile(r"^\s*(?:</?(?:TABLE|CAPTION|S|C|FN|PAGE|TEXT|DOCUMENT)>\s*)+$", re.IGNORECASE)
_INLINE_TAGS = re.compile(r"</?(?:S|C|FN)>", re.IGNORECASE)
_RULE_RUN = re.compile(r"[-=_]{3,}")
_RULE_ONLY = re.compile(r"^[-=_]{3,}$")
_RULE_CHARS_ONLY = re.compile(r"[-=_\s]+")
_YEAR = re.compile(r"^(?:19[5-9]\d|20[0-4]\d)(?:\*{1,2}|\s*\([a-z0-9]\))?$")
_TOUCHING_DOLLAR = re.compile(
    r"^(?P<label>.*?[A-Za-z):\-])\s(?P<figure>\$\s*\(?\d[\d,]*(?:\.\d+)?\)?)$"
)
_FOOTNOTE_ONLY = re.compile(r"^(?:\([a-z]\)|\*{1,3})$")


class FigureChunk(NamedTuple):
    """A figure printed on a line: its text, its span, and the span of its digits (a
    named tuple: made for every figure of every line, it is cheap to make)."""

    raw: str
    start: int
    end: int
    num_start: int
    num_end: int
    figure: Figure


class TextLine(NamedTuple):
    """What one line of a table holds: a label and figures, or a rule (under a label,
    for a label wrapped across the rule). A named tuple: one is made for every line.

    What the blocks and columns ask of a line again and again (whether it is blank, or
    running text; its runs of text) is decided once, when the line is read.
    """

    text: str
    label: str
    label_start: int
    figures: tuple[FigureChunk, ...]
    rule: Rule
    rule_spans: tuple[tuple[int, int], ...]
    markup: bool
    years_only: bool  # a header line holding only years over the figure columns
    blank: bool  # nothing but whitespace
    prose: bool  # running text: long, one run, near the margin (see ``read_line``)
    # the runs of text of the cleaned line (``chunks(clean(text))``), for a line that is
    # neither markup nor a rule alone; () for those
    runs: tuple[tuple[int, int, str], ...]


# a TextLine or FigureChunk made of its fields in order, without the named tuple's own
# ``__new__`` (a Python function with a parameter per field: a call more per record)
_made = tuple.__new__


def clean(text: str) -> str:
    """The line with EDGAR's inline column tags (<S>, <C>) blanked, positions kept."""
    if "\t" in text:
        text = text.replace("\t", " ")
    if "<" not in text:  # most lines: no tag to blank
        return text
    return _INLINE_TAGS.sub(_blanked, text)


def _blanked(m: re.Match[str]) -> str:
    return " " * len(m.group(0))


def _runs_python(text: str) -> list[tuple[int, int, str]]:
    """Every match of ``_CHUNK`` in the text, as (start, end, text), in order.

    The specification of the compiled ``runs`` (``_runs.c``), which finds the same runs
    without a match object and three method calls per run (asked of every distinct line
    of a text document)."""
    return [(m.start(), m.end(), m.group(0)) for m in _CHUNK.finditer(text)]


_compiled = compiled("tieout.readers.text._runs")
COMPILED = _compiled is not None
_runs: Callable[[str], list[tuple[int, int, str]]] = (
    _compiled.runs if _compiled is not None else _runs_python
)
# the compiled ``_read_line_python``: given the runs' figure lookup and the records it
# makes, a line's TextLine, or None for a line it leaves (see ``_read_line_compiled``)
if _compiled is not None:
    _compiled_line: Callable[..., TextLine | None] = _compiled.read_line
    _compiled_lines: Callable[..., list[TextLine]] = _compiled.read_lines


def figure_marks(zero_dashes: Iterable[str]) -> tuple[str, ...]:
    """What a run prints a figure only when it holds (a decimal digit and a "$" aside):
    one of these texts, each a substring of the zero dashes (``figures._ZERO_DASHES``:
    with the dashes and spaces alone that ``parse_figure`` reads as zero, and which hold
    a "-", the only figures printed without a digit, ``figures._FIGURE`` reading a number
    of ``\\d``), the shortest that cover them all: a dash holding another mark, or a
    digit, needs none of its own.

    ``parse_figure`` takes the "$" out before it looks a dash up (it may join the letters
    of one): a run holding one is asked as well."""
    marks: list[str] = []
    for dash in sorted(zero_dashes, key=lambda d: (len(d), d)):
        if not any(c.isdecimal() for c in dash) and not any(m in dash for m in marks):
            marks.append(dash)
    return tuple(marks)


# the compiled reading asks the figure lookup of a run only when it may print one: a run
# of a label's words ("Revenues") has no digit, "$" or mark, and is none (its lookup was a
# call from C, and on a release's new words ``parse_figure`` in Python)
_FIGURE_MARKS = figure_marks(figures._ZERO_DASHES)
if _compiled is not None:
    _compiled.configure_figures(_FIGURE_MARKS)


def chunks(text: str) -> list[tuple[int, int, str]]:
    """Runs of text separated by two or more spaces (dot leaders count as spaces)."""
    if "___" in text or (text.count(".") >= 3 and _PERIODS_NEAR.search(text)):
        text = _LEADER.sub(_blanked, text)  # only where a leader can be: see _PERIODS_NEAR
    return _runs(text)


_FIRST_OF_NUMBER = re.compile(r"[\d(\-—–.]")
_LAST_OF_NUMBER = re.compile(r"[\d\-—–](?=[^\d\-—–]*$)")


def _digits_span(raw: str) -> tuple[int, int]:
    """The span of the number itself inside a figure chunk, without `$` and padding."""
    first = _FIRST_OF_NUMBER.search(raw)
    last = _LAST_OF_NUMBER.search(raw)
    return (first.start() if first else 0, (last.start() if last else len(raw) - 1) + 1)


# the characters a printed figure may begin with besides a digit (``figures._FIGURE``: a
# `$`, a parenthesis, a sign, a point; a dash standing for zero), and "n" of "nil"
_FIGURE_LEADS = frozenset("$(-—–.n")


def _may_be_figure(raw: str) -> bool:
    """Whether ``parse_figure`` may read the run as a figure: its first character past
    whitespace is one a figure begins with (``_FIGURE_LEADS``) or a digit (``\\d``: a
    decimal digit of any script). A figure is the pattern's match from the stripped
    text's first character, or a zero dash (with `$` and a `%` around it), whose first
    character is the stripped text's own or a `$`; anything else is no figure."""
    text = raw.lstrip()
    if not text:
        return False
    first = text[0]
    return first in _FIGURE_LEADS or first.isdecimal()


@lru_cache(maxsize=8192)
def _figure(raw: str) -> tuple[Figure, int, int, bool] | None:
    """The figure a run of text prints, the span of its digits within the run, and
    whether it is a year; None when the run is not a figure.

    Asked once per distinct run (keyed by the run's text alone): a release prints the
    same figures, years and words in many rows and tables, and a figure is immutable.

    A run whose first character no figure begins with (``_may_be_figure``) is none: half
    the runs a release asks of are words (its prose lines, its labels), each new at first
    sight, and ``parse_figure`` read each through its dashes and its pattern.
    """
    if not _may_be_figure(raw):
        return None
    read = _plain_run(raw)
    if read is not None:
        return read
    # parse_figure without its own plain try (the same figure: ``plain_figure`` reads as
    # ``general_figure`` does), which the runs that reach here seldom pass
    fig = general_figure(raw)
    if fig is None:
        return None
    first, end = _digits_span(raw)
    return fig, first, end, _YEAR.match(raw.strip()) is not None


# The shapes most figures of a text table print, read without ``parse_figure``'s dashes,
# its pattern of nine groups and its span searches: a `$` and spaces, a parenthesis or a
# minus sign, digits (thousands grouped by threes, or none), decimals, a `%`, the closing
# parenthesis. ``_plain_figure`` reads a match as ``parse_figure`` does.
_PLAIN_FIGURE = re.compile(
    r"(\$ *)?(?:(\()|(-))?([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(\.[0-9]+)?(%)?(\))?"
)


# ``parse_figure``'s flags of a plain figure, by (a `$`, a `%`, its sign): the sign 0
# none, 1 a parenthesis pair, 2 a minus sign; added in ``parse_figure``'s order
_PLAIN_FLAGS = {
    (dollar, percent, sign): flag_set(
        *([CellFlag.DOLLAR] if dollar else []),
        *([CellFlag.PERCENT] if percent else []),
        *([(), (CellFlag.PARENTHESISED,), (CellFlag.MINUS,)][sign]),
    )
    for dollar in (False, True)
    for percent in (False, True)
    for sign in (0, 1, 2)
}


def _plain_figure(m: re.Match[str]) -> tuple[Figure, int, int, bool] | None:
    """``_figure`` of a text ``_PLAIN_FIGURE`` matches whole, or None where it is not
    plain after all (one parenthesis; more digits than ``MAX_DIGITS``): the figure
    ``parse_figure`` reads (its value, decimals, flags in their order and readings), the
    span of its digits (from its first sign or digit to its last digit, as
    ``_digits_span``) and whether it is a year."""
    dollar, opened, minus, whole, fraction, percent, closed = m.groups()
    if (opened is None) != (closed is None):
        return None  # one parenthesis: two readings
    if len(whole) > MAX_DIGITS and len(whole.replace(",", "").lstrip("0")) > MAX_DIGITS:
        return None  # kept exact and flagged
    num = whole + fraction if fraction is not None else whole
    magnitude = Decimal(num.replace(",", "") if "," in num else num)
    sign = 1 if opened is not None else 2 if minus is not None else 0
    flags = _PLAIN_FLAGS[dollar is not None, percent is not None, sign]
    value = -magnitude if sign else magnitude
    figure = Figure(value, len(fraction) - 1 if fraction else 0, flags, (value,))
    # a year (``_YEAR``, of the text stripped: the match is all of it) is four digits alone
    year = len(whole) == 4 and sign == 0 and _YEAR.match(m.string) is not None
    return figure, len(dollar) if dollar else 0, m.end(5) if fraction else m.end(4), year


def _plain_run_python(raw: str) -> tuple[Figure, int, int, bool] | None:
    """``_figure`` of a run printed in a plain shape (``_PLAIN_FIGURE`` matches it whole,
    ``_plain_figure`` reads the match), else None (the general reading answers).

    The specification of the compiled ``plain_figure`` (``_runs.c``), which the compiled
    line reading asks before the lookup: most runs a text table prints are plain figures,
    each new at first sight, and the lookup's miss (a call from C, the cache's key, two
    Python frames, the pattern's match and its groups) cost 9,000 instructions a run
    where the reading itself is a Decimal and a record."""
    m = _PLAIN_FIGURE.fullmatch(raw)
    return _plain_figure(m) if m is not None else None


# what the compiled plain reading makes and asks (``configure_plain``): the record and the
# number it makes, the flags by (a `$`, a `%`, the sign) as ``dollar * 6 + percent * 3 +
# sign``, the most digits, and what a figure begins with besides a digit (``_may_be_figure``)
_PLAIN_CONFIGURATION = (
    Figure,
    Decimal,
    tuple(_PLAIN_FLAGS[d, p, s] for d in (False, True) for p in (False, True) for s in (0, 1, 2)),
    MAX_DIGITS,
    "".join(sorted(_FIGURE_LEADS)),
)
# what reads a plain run: compiled where it is built, else its specification
_plain_run: Callable[[str], tuple[Figure, int, int, bool] | None] = _plain_run_python
if _compiled is not None:
    _compiled.configure_plain(*_PLAIN_CONFIGURATION)
    _plain_run = _compiled.plain_figure


def _merge_dollars(parts: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Join a lone `$` to the figure after it, and a lone `)` or `%` to the one before."""
    merged: list[tuple[int, int, str]] = []
    for start, end, text in parts:
        if merged and text in {")", "%", ")%"} and _figure(merged[-1][2]) is not None:
            p_start, _, p_text = merged[-1]
            merged[-1] = (p_start, end, p_text + text)
            continue
        if merged and merged[-1][2] == "$":
            p_start, p_end, _ = merged[-1]
            merged[-1] = (p_start, end, "$" + " " * (start - p_end) + text)
            continue
        merged.append((start, end, text))
    return merged


def _read_line_python(text: str) -> TextLine:
    """Split a line into label and figures, or recognise it as a rule or markup.

    Also decides what the blocks ask of every line: whether it is blank, and whether it
    is running text (at least 60 characters and 8 words in one run, no figure).

    The specification of the compiled ``read_line`` (``_runs.c``), and the reader of the
    lines that one leaves (see ``_read_line_compiled``).
    """
    if "<" in text and _MARKUP.match(text):
        return _made(TextLine, (text, "", 0, (), Rule.NONE, (), True, False, False, False, ()))
    line = clean(text)
    if not line or line.isspace():
        blank = not text.strip()
        return _made(TextLine, (text, "", 0, (), Rule.NONE, (), False, False, blank, False, ()))
    rule_runs = list(_RULE_RUN.finditer(line)) if _RULE_CHARS_ONLY.fullmatch(line) else None
    if rule_runs:
        doubles = sum(m.group(0).count("=") for m in rule_runs)
        total = sum(len(m.group(0)) for m in rule_runs)
        kind = Rule.DOUBLE if doubles * 2 > total else Rule.SINGLE
        spans = tuple((m.start(), m.end()) for m in rule_runs)
        return _made(TextLine, (text, "", 0, (), kind, spans, False, False, False, False, ()))
    runs = chunks(line)
    # a lone `$`, `)` or `%` to join needs one of them on the line
    # (unmerged, the runs are the parts: a label run into a figure needs a `$`, and only it
    # changes a part)
    parts = _merge_dollars(runs) if "$" in line or ")" in line or "%" in line else runs
    # rule runs after a label: the last run is a rule
    ruled = _label_over_rule(parts) if parts and parts[-1][2][0] in "-=_" else None
    if ruled is not None:
        return ruled_label(text, parts, ruled)
    figures: list[FigureChunk] = []
    years = True
    cut = len(parts)
    for i in range(len(parts) - 1, -1, -1):
        start, end, raw = parts[i]
        if figures and raw[0] in "(*" and _FOOTNOTE_ONLY.match(raw):  # what a mark needs
            cut = i
            continue
        found = _figure(raw)
        if found is None:
            touching = _TOUCHING_DOLLAR.match(raw) if figures else None
            if touching:  # "Earnings-Excluding Synfuels $ 0.25": a label run into a figure
                fig_at = start + touching.start("figure")
                fig_raw = touching.group("figure")
                found = _figure(fig_raw)
                if found is not None:
                    fig, first, last, year = found
                    figures.append(
                        _made(
                            FigureChunk, (fig_raw, fig_at, end, fig_at + first, fig_at + last, fig)
                        )
                    )
                    years = years and year
                    parts[i] = (
                        start,
                        start + len(touching.group("label")),
                        touching.group("label"),
                    )
                    cut = i + 1
            break
        fig, first, last, year = found
        figures.append(_made(FigureChunk, (raw, start, end, start + first, start + last, fig)))
        years = years and year
        cut = i
    figures.reverse()
    label_parts = parts[:cut]
    label = label_parts[0][2] if len(label_parts) == 1 else " ".join([p[2] for p in label_parts])
    label_start = label_parts[0][0] if label_parts else (figures[0].start if figures else 0)
    years_only = bool(figures) and (not label or len(figures) >= 2) and years
    # not blank: cleaning only blanks characters, and the cleaned line is not blank
    prose = not figures and len(runs) == 1 and len(text) >= 60 and _running(text.strip())
    return _made(
        TextLine,
        (
            text,
            label,
            label_start,
            tuple(figures),
            Rule.NONE,
            (),
            False,
            years_only,
            False,
            prose,
            tuple(runs),
        ),
    )


# the rules the compiled reading gives a line: none, and a rule's two kinds
_RULES = (Rule.NONE, Rule.SINGLE, Rule.DOUBLE)


def _read_line_compiled(text: str) -> TextLine:
    """``_read_line_python`` compiled: the same line, read without a regular expression,
    a Python record or a call per run but the figure's lookup (``_figure``, shared).

    The compiled reading leaves (None) the lines that need a pattern of the
    specification or a record of another shape: a tag or a tab (EDGAR's column tags
    blanked) but EDGAR's markup alone on an ASCII line, rule characters with no run of
    three, a leader, rule runs after a label, a label run into a figure; this reads them
    as ``_read_line_python`` does.
    """
    made = _compiled_line(text, _figure, TextLine, FigureChunk, _RULES)
    return made if made is not None else _read_line_python(text)


# what reads a line: the compiled reading where it is built, else its specification
read_line: Callable[[str], TextLine] = (
    _read_line_compiled if _compiled is not None else _read_line_python
)


def _read_lines_python(texts: tuple[str, ...]) -> list[TextLine]:
    """Every line of a document read, each distinct text once: blank lines and rules
    repeat.

    The specification of the compiled ``read_lines`` (``_runs.c``), which reads them
    without a Python call, a wrapper and a lookup per line (a document's 500 lines and
    more: the loop and its calls were as long as the reading)."""
    known: dict[str, TextLine] = {}
    lines = []
    for text in texts:
        line = known.get(text)
        if line is None:
            line = known[text] = read_line(text)
        lines.append(line)
    return lines


def _read_lines_compiled(texts: tuple[str, ...]) -> list[TextLine]:
    """``_read_lines_python`` compiled: ``read_line``'s compiled reading of each distinct
    text, ``_read_line_python`` reading the lines it leaves."""
    return _compiled_lines(texts, _figure, TextLine, FigureChunk, _RULES, _read_line_python)


# what reads a document's lines: compiled where it is built, else its specification
read_lines: Callable[[tuple[str, ...]], list[TextLine]] = (
    _read_lines_compiled if _compiled is not None else _read_lines_python
)


def _running(words: str) -> bool:
    """Words long enough for running text: 60 characters and 8 words."""
    return len(words) >= 60 and len(words.split()) >= 8


def _label_over_rule(parts: list[tuple[int, int, str]]) -> int | None:
    """Where rule runs begin after a label on one line, or None.

    A label wrapped across a rule ("TOTAL OPERATING INCOME BEFORE" printed on the line of
    the rule, "DEPRECIATION AND AMORTIZATION  $1,950" under it) shares its line with the
    rule runs over the figure columns.
    """
    runs = 0
    for _, _, text in reversed(parts):
        if not _RULE_ONLY.match(text):
            break
        runs += 1
    if runs == 0 or runs == len(parts):
        return None
    return len(parts) - runs


def ruled_label(text: str, parts: list[tuple[int, int, str]], cut: int) -> TextLine:
    """A line holding a label and, over the figure columns, a rule."""
    rules = parts[cut:]
    doubles = sum(p[2].count("=") for p in rules)
    kind = Rule.DOUBLE if doubles * 2 > sum(len(p[2]) for p in rules) else Rule.SINGLE
    label = " ".join(p[2] for p in parts[:cut])
    spans = tuple((p[0], p[1]) for p in rules)
    return TextLine(text, label, parts[0][0], (), kind, spans, False, False, False, False, ())


def is_year(text: str) -> bool:
    """True for a column-header year such as `2004` or `2003*`."""
    return bool(_YEAR.match(text.strip()))
