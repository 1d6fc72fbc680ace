"""Whether a text is HTML markup rather than fixed-width text."""

from __future__ import annotations

import re

_HTML = re.compile(r"<(?:html|body|div|p|font|tr|td|th|br|span)\b", re.I)
# what may come before the markup: a byte order mark, an XML declaration, comments, and
# a DOCTYPE, whose internal subset (``[ ... ]``) may run to any length
_PROLOGUE = re.compile(
    r"""\ufeff?(?:\s++|<\?[^>]*+>|<!--(?:[^-]++|-(?!->))*+-->"""
    r"""|<!DOCTYPE(?:[^\[>"']++|"[^"]*+"|'[^']*+')*+(?:\[(?:[^\]"']++|"[^"]*+"|'[^']*+')*+\])?\s*+>)*+""",
    re.I,
)
_WINDOW = 20000


def prologue_end(text: str) -> int:
    """Where a text's prologue (byte order mark, XML declaration, comments, DOCTYPE with
    its internal subset) ends: what looks at the start of a file looks from here."""
    return _PROLOGUE.match(text).end()  # type: ignore[union-attr]  # it matches "" at least


def looks_html(text: str) -> bool:
    """True when a text is HTML markup rather than fixed-width text (three tags early on).

    "Early on" counts from the end of the prologue, so a long DOCTYPE (an internal subset
    of entity declarations) or a long comment before the markup does not hide it.
    """
    start = prologue_end(text)
    # the third tag found ends the search: an HTML page's window holds thousands
    tags = _HTML.finditer(text, start, start + _WINDOW)
    return all(next(tags, None) is not None for _ in range(3))
