"""Page furniture: page numbers, running heads, form feeds and ``<PAGE>`` lines.

Printed releases carry lines that belong to the page, not the text: `-5-` centred at the
foot, the company's name and the date repeated at the top of each page, a form feed, the
EDGAR ``<PAGE>`` tag. They break tables and sentences in two. They are blanked (replaced
by empty lines), never removed, so every remaining line keeps its place in the file.
"""

from __future__ import annotations

import re
from collections import Counter

_PAGE_TAG = re.compile(r"^\s*<PAGE>\s*\d*\s*$", re.I)
_PAGE_NUMBER = re.compile(
    r"^\s*(?:-\s*\d{1,3}\s*-|page\s+\d{1,3}(?:\s+of\s+\d{1,3})?|\d{1,3}\s+of\s+\d{1,3}|\[\d{1,3}\])\s*$",
    re.I,
)
_BARE_NUMBER = re.compile(r"^\s{20,}\d{1,3}\s*$")
_HEAD_LINES = 3  # lines at the top of a page that may be a running head


# a page tag or a page number, in one match of a line (most lines are neither)
_PAGE_END = re.compile(f"(?:{_PAGE_TAG.pattern})|(?:{_PAGE_NUMBER.pattern})", re.I)
# ``_PAGE_END`` of every line of a text at once: each line's match begins at the newline
# before it ("\n" put before the text's first line), so the search skips from newline to
# newline as to the first character of a literal; a line's whitespace is ``\s`` but the
# newline (no line holds one), its end the next newline or the text's end. The leading
# whitespace both patterns begin with is taken once and never given back (``*+``: what
# follows it is not whitespace), where each alternative walked a table line's indentation
# and stepped back over it a character at a time.
_S = r"[^\S\n]"
_PAGE_ENDS = re.compile(
    rf"\n{_S}*+(?:<PAGE>{_S}*\d*|-{_S}*\d{{1,3}}{_S}*-|page{_S}+\d{{1,3}}(?:{_S}+of{_S}+\d{{1,3}})?"
    rf"|\d{{1,3}}{_S}+of{_S}+\d{{1,3}}|\[\d{{1,3}}\]){_S}*(?=\n|\Z)",
    re.I,
)


def _breaks(lines: list[str], text: str) -> list[int]:
    """Indexes of the lines that end a page: page tags, form feeds, page numbers.

    ``text`` is the lines' join by newlines: searched once for the lines that match,
    where a match was asked of every line (the third of a text release's loading)."""
    found = set()
    lined = "\n" + text  # a line's match begins at the newline before it
    line, at = 0, 0
    for m in _PAGE_ENDS.finditer(lined):
        line += lined.count("\n", at, m.start())
        at = m.start()
        found.add(line)
    at = text.find("\f")
    while at >= 0:
        found.add(text.count("\n", 0, at))
        at = text.find("\f", at + 1)
    return sorted(found)


def _page_tops(lines: list[str], breaks: list[int]) -> list[list[int]]:
    """For each page break, the first few non-blank lines after it."""
    tops = []
    for b in breaks:
        top: list[int] = []
        i = b + 1
        while i < len(lines) and len(top) < _HEAD_LINES:
            if _PAGE_TAG.match(lines[i]) or "\f" in lines[i]:
                break
            if lines[i].strip():
                top.append(i)
            elif top:
                break  # a running head is followed by a blank line
            i += 1
        tops.append(top)
    return tops


def blank_furniture(lines: list[str], text: str | None = None) -> list[str]:
    """The lines with page furniture replaced by empty strings; same length, same order.

    ``text`` is ``"\\n".join(lines)`` when the caller has it (a document's body, which
    its lines were split from)."""
    if text is None:
        text = "\n".join(lines)
    out = [line.replace("\f", "") for line in lines] if "\f" in text else list(lines)
    breaks = _breaks(lines, text)
    for i in breaks:
        if _PAGE_TAG.match(lines[i]) or _PAGE_NUMBER.match(lines[i]) or not out[i].strip():
            out[i] = ""
    # a bare number is blanked near a break or on a form feed's line (itself a break):
    # the pattern is asked of those few lines alone, not of every line
    near = {b + d for b in breaks for d in (-2, -1, 1, 2)}
    near.update(b for b in breaks if "\f" in lines[b])
    for i in near:
        if 0 <= i < len(lines) and _BARE_NUMBER.match(lines[i].replace("\f", "")):
            out[i] = ""
    # Running heads: the same text at the top of two or more pages.
    tops = _page_tops(out, breaks)
    counts = Counter(out[i].strip() for top in tops for i in top)
    for top in tops:
        for i in top:
            if counts[out[i].strip()] >= 2 and not re.search(r"\d{1,3}(?:,\d{3})+", out[i]):
                out[i] = ""
    return out
