"""Page furniture: page numbers, running heads, form feeds and ``<PAGE>`` lines.

Printed releases carry lines that belong to the page, not the text: `-5-` centred at the
foot, the company's name and the date repeated at the top of each page, a form feed, the
EDGAR ``<PAGE>`` tag. They break tables and sentences in two. They are blanked (replaced
by empty lines), never removed, so every remaining line keeps its place in the file.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from tieout.extensions import compiled

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


# Where a ``_PAGE_ENDS`` match may begin: a line's newline, its whitespace but a newline
# (taken as the pattern takes it, never given back), then a character one of the
# pattern's alternatives begins with: "<", "-", "[", "p" (case aside: no other character
# is "p" to ``re.I``) or a digit (``\d``). A match holds no newline but its first.
_PAGE_END_LEAD = re.compile(rf"\n{_S}*+[<\-\[pP\d]")


def _page_end_leads_python(lined: str) -> list[tuple[int, int]]:
    """Each place a ``_PAGE_ENDS`` match may begin in ``lined`` (a text whose every line
    follows a newline), as (its newline's index among the newlines: its line, its offset),
    in order: each match of ``_PAGE_END_LEAD``.

    The specification of the compiled ``page_end_leads`` (``_tags.c``), which finds each
    newline by memchr and looks at its line's first characters, for a text below U+0100:
    most lines lead with a letter, and the pattern's search walked every line's
    indentation to learn it."""
    out = []
    line, at = 0, 0
    for m in _PAGE_END_LEAD.finditer(lined):
        line += lined.count("\n", at, m.start())
        at = m.start()
        out.append((line, at))
    return out


def _compiled_leads(*, forced: bool = False) -> Callable[[str], list[tuple[int, int]]] | None:
    """``_page_end_leads`` through the compiled ``page_end_leads`` (``_tags.c``), as
    ``extensions.compiled`` gives it: the Python reads a text it hands back
    (NotImplemented: a character above U+00FF)."""
    module = compiled("tieout.sources._tags", forced=forced)
    if module is None:
        return None
    leads = module.page_end_leads

    def _page_end_leads_compiled(lined: str) -> list[tuple[int, int]]:
        found = leads(lined)
        return _page_end_leads_python(lined) if found is NotImplemented else found

    return _page_end_leads_compiled


_compiled = _compiled_leads()
COMPILED = _compiled is not None
_page_end_leads = _compiled if _compiled is not None else _page_end_leads_python


def _breaks(lines: list[str], text: str) -> list[int]:
    """Indexes of the lines that end a page: page tags, form feeds, page numbers.

    ``text`` is the lines' join by newlines: ``_PAGE_ENDS`` is tried where a match may
    begin (``_page_end_leads``: the few lines that lead with a character its alternatives
    begin with), where its search tried it at every newline (and a match was once asked
    of every line: the third of a text release's loading). Its matches begin only there,
    and none covers the next one's newline, so these are the search's matches."""
    found = set()
    lined = "\n" + text  # a line's match begins at the newline before it
    match = _PAGE_ENDS.match
    for line, at in _page_end_leads(lined):
        if match(lined, at) is not None:
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
