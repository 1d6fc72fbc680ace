"""Bounds on what one HTML release may hold, so hostile markup costs bounded time and memory.

Real releases are far inside them: the largest in the corpus (Oracle, 2014, 0.9 MB of
HTML) has 20,000 start tags, 8,300 entities, no run of text over 3,500 characters and
tables under 100 slots wide. A document past a bound is refused with a one-line reason
before the costly work starts: the numbers of ``<`` and ``&`` are counted first
(instant), start tags when the document is scanned, nesting depth and text length by
the parser (libxml2 stops at 256 levels and 10 MB of text), the length of each block
of text and the size of each table as they are built.
Spans are clamped as browsers clamp them (HTML: colspan to 1000, rowspan to 65534), and
so is a table's width: cells pushed past its 1000th column are not placed, and the rest
of the table and of the release is read.
"""

from __future__ import annotations

from tieout.errors import UnreadableInput

MAX_MARKUP = 1_000_000  # "<" characters in one document
MAX_ENTITIES = 250_000  # "&" characters in one document (the corpus peaks at 8,308)
MAX_TEXT = 1_000_000  # characters in one block of text or one cell
MAX_TAGS = 250_000  # start tags in one document
MAX_COLSPAN = 1000  # also the widest table: columns past it are not placed
MAX_ROWSPAN = 65534
MAX_TABLE_SLOTS = 100_000  # sum over rows of each row's width in slots


def check_markup(count: int, name: str) -> None:
    """Refuse a document with far more markup than any release (``count`` of its "<"),
    before scanning it."""
    if count > MAX_MARKUP:
        raise UnreadableInput(
            name, f"HTML with {count:,} tags, over the limit of {MAX_MARKUP:,} for one release"
        )


def check_entities(count: int, name: str) -> None:
    """Refuse a document with far more entities than any release (an entity flood; its
    ``count`` of "&")."""
    if count > MAX_ENTITIES:
        raise UnreadableInput(
            name,
            f"HTML with {count:,} entities, over the limit of {MAX_ENTITIES:,} for one release",
        )


def check_text(size: int, name: str) -> None:
    """Refuse a block of text or a cell far longer than any release prints."""
    if size > MAX_TEXT:
        raise UnreadableInput(
            name,
            f"HTML with a block of text of {size:,} characters, over the limit of {MAX_TEXT:,}",
        )


def check_tags(tags: int, name: str) -> None:
    if tags > MAX_TAGS:
        raise UnreadableInput(
            name, f"HTML with {tags:,} elements, over the limit of {MAX_TAGS:,} for one release"
        )
