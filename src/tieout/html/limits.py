"""Bounds on what one HTML release may hold, so hostile markup costs bounded time and memory.

Real releases are far inside them: the largest in the corpus (Oracle, 2014, 0.9 MB of
HTML) has 20,000 start tags and tables under 100 slots wide. A document past a bound
is refused with a one-line reason before the costly work starts: the number of ``<``
is counted first (instant), start tags when the document is scanned, nesting depth by
the parser (libxml2 stops at 256 levels), table width and size as each grid is built.
Spans are clamped as browsers clamp them (HTML: colspan to 1000, rowspan to 65534).
"""

from __future__ import annotations

from tieout.errors import UnreadableInput

MAX_MARKUP = 1_000_000  # "<" characters in one document
MAX_TAGS = 250_000  # start tags in one document
MAX_COLSPAN = 1000
MAX_ROWSPAN = 65534
MAX_TABLE_SLOTS = 400_000  # sum over rows of each row's width in slots


def check_markup(text: str, name: str) -> None:
    """Refuse a document with far more markup than any release, before scanning it."""
    count = text.count("<")
    if count > MAX_MARKUP:
        raise UnreadableInput(
            name, f"HTML with {count:,} tags, over the limit of {MAX_MARKUP:,} for one release"
        )


def check_tags(tags: int, name: str) -> None:
    if tags > MAX_TAGS:
        raise UnreadableInput(
            name, f"HTML with {tags:,} elements, over the limit of {MAX_TAGS:,} for one release"
        )
