"""Where the tables of a fixed-width text are: blocks of figure rows, their headers.

A table is a run of lines holding figures with no running text between them; a new
table starts where a line of years or period words sits over the figure columns after
rows have been seen; its title and headers are the lines just above its first row.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tieout.extensions import compiled
from tieout.model import Rule
from tieout.readers.text.lines import TextLine
from tieout.tables.labels import is_sentence as sentence
from tieout.tables.periods import names_period

MAX_TITLE_LINES = 16
_BLANKS_END_TITLE = 5
_BLANKS_END_TABLE = 8
_HEADER_INDENT = 24  # a line starting this far right sits over the figure columns
# the rule of a line with none, read per line as a module name (through its class an enum
# member is a descriptor's call, about ten times a global's read)
_NO_RULE = Rule.NONE
TABLE_OPEN = re.compile(r"^\s*<TABLE>", re.I)
TABLE_CLOSE = re.compile(r"^\s*</TABLE>", re.I)


def is_sentence(line: TextLine) -> bool:
    """The end of a sentence, not a title (see ``tieout.tables.labels.is_sentence``)."""
    return not line.figures and sentence(line.text)


def _regions_python(lines: list[TextLine]) -> list[tuple[int, int]]:
    """Spans [start, end) of lines that hold figure rows and no prose between them.

    The specification of the compiled ``regions`` (``_runs.c``), which walks the lines
    in one call (a document's every line, its fields read by their places)."""
    regions: list[tuple[int, int]] = []
    start: int | None = None
    last_fig = -1
    blanks = 0
    for i, line in enumerate(lines):
        tagged = "<" in line.text  # what either tag needs: most lines have no tag
        closing = tagged and TABLE_CLOSE.match(line.text) is not None
        opening = tagged and TABLE_OPEN.match(line.text) is not None
        is_row = bool(line.figures) and not line.years_only
        breaks = line.prose or closing or opening or blanks >= _BLANKS_END_TABLE
        if breaks and start is not None:
            regions.append((start, last_fig + 1))
            start = None
        blanks = blanks + 1 if line.blank else 0
        if is_row:
            if start is None:
                start = i
            last_fig = i
        elif line.rule is not Rule.NONE and start is not None:
            last_fig = i
    if start is not None:
        regions.append((start, last_fig + 1))
    return regions


_compiled = compiled("tieout.readers.text._runs")
COMPILED = _compiled is not None
if _compiled is not None:
    _compiled_regions: Callable[..., list[tuple[int, int]]] = _compiled.regions


def _regions_compiled(lines: list[TextLine]) -> list[tuple[int, int]]:
    """``_regions_python`` compiled: given the tags' patterns, asked of a line holding
    "<", the rule a line's is compared with and the blank lines that end a table."""
    return _compiled_regions(
        lines, TABLE_OPEN.match, TABLE_CLOSE.match, Rule.NONE, _BLANKS_END_TABLE
    )


# where the tables are: the compiled ``regions`` where it is built, else its specification
regions: Callable[[list[TextLine]], list[tuple[int, int]]] = (
    _regions_compiled if _compiled is not None else _regions_python
)


def header_starts(lines: list[TextLine], start: int, end: int) -> list[int]:
    """Indexes of year-header lines inside a region that open a new table."""
    starts = []
    seen_row = False
    for i in range(start, end):
        line = lines[i]
        # a line of figures is a row or years (only a line of figures is years); a period
        # header has none: asked of the lines without figures alone
        if line.figures:
            if not line.years_only:
                seen_row = True
            elif seen_row:
                starts.append(i)
                seen_row = False
        elif seen_row and not line.blank and _period_header(line):  # blank: most, no call
            starts.append(i)
            seen_row = False
    return starts


def words_only(line: TextLine) -> bool:
    """A line of words alone: no figures, no rule, no markup, not blank, not prose."""
    return (
        not line.figures
        and not line.markup
        and line.rule is _NO_RULE
        and not line.blank
        and not line.prose
    )


def _period_header(line: TextLine) -> bool:
    """A header line over the figure columns: period words, no figures, far from the margin."""
    # the indent first: most lines asked are labels at the margin, and it needs no call
    text = line.text
    return (
        len(text) - len(text.lstrip()) >= _HEADER_INDENT and words_only(line) and names_period(text)
    )


def title_area(lines: list[TextLine], first: int, floor: int) -> int:
    """The first line of the title and header lines above line ``first``."""
    i = first
    blanks = 0
    top = first
    while i - 1 >= floor and first - (i - 1) <= MAX_TITLE_LINES:
        line = lines[i - 1]
        if line.blank:
            # a blank line ends nothing but a run of blanks: it is no prose, holds no
            # figure, no tag and no sentence (``is_sentence`` of a blank text is False),
            # so the tests below, a call of ``is_sentence`` among them, are not asked
            blanks += 1
            if blanks >= _BLANKS_END_TITLE:
                break
            i -= 1
            continue
        if (
            line.prose
            or is_sentence(line)
            or (line.figures and not line.years_only)
            or ("<" in line.text and TABLE_CLOSE.match(line.text))  # what the tag needs
        ):
            break
        blanks = 0
        top = i - 1
        i -= 1
    return top
