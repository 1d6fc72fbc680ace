"""The release as printed, every figure wrapped in a mark the page can find and explain.

A text release is shown in monospace with its own layout, each line numbered. An HTML
release is shown from its own markup, cleaned (``sanitise.py``). Figures are found by
their place in the source (line and column): a private-use marker is put in the markup
at each figure before it is parsed, and after cleaning each marker becomes a ``span``
round the figure's text, so a figure is marked where the filing printed it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

import lxml.html

from tieout.model import Document
from tieout.report.sanitise import sanitise

_OPEN, _CLOSE = "\ue000", "\ue001"
_MARKER = re.compile(f"{_OPEN}(\\d+){_CLOSE}")
_PRIVATE = re.compile(f"[{_OPEN}{_CLOSE}]")


@dataclass(frozen=True, slots=True)
class Spot:
    """A figure to mark: where it is printed, what it reads, and its element's attributes."""

    line: int
    start: int
    end: int
    text: str  # the figure as printed (its non-space characters are what the mark holds)
    id: str
    classes: str
    title: str = ""


def _span(spot: Spot, text: str) -> str:
    title = f' title="{escape(spot.title)}"' if spot.title else ""
    return f'<span class="{spot.classes}" id="{spot.id}"{title}>{escape(text)}</span>'


def text_document(doc: Document, spots: Sequence[Spot], prefix: str) -> str:
    """A text document as a numbered ``pre``, its figures marked."""
    by_line: dict[int, list[Spot]] = {}
    for spot in spots:
        by_line.setdefault(spot.line, []).append(spot)
    out = []
    for i, line in enumerate(doc.lines):
        number = doc.first_line + i
        here = sorted(by_line.get(number, ()), key=lambda s: s.start)
        parts, at = [], 0
        for spot in here:
            start, end = spot.start, min(spot.end, len(line))
            if start < at or start >= end:
                continue  # overlaps the figure before it, or lies past the line's end
            parts.append(escape(line[at:start]))
            parts.append(_span(spot, line[start:end]))
            at = end
        parts.append(escape(line[at:]))
        out.append(
            f'<span class="ln" id="{prefix}L{number}" data-n="{number}"></span>{"".join(parts)}'
        )
    return '<pre class="doc text">' + "\n".join(out) + "</pre>"


def _inside_tag(markup: str, pos: int) -> bool:
    return markup.rfind("<", 0, pos) > markup.rfind(">", 0, pos)


def _consume(text: str, spot: Spot) -> int:
    """How many characters of ``text`` the figure takes: up to its last printed character."""
    want = [c for c in spot.text if not c.isspace()]
    if not want:
        return 0
    k = 0
    for i, c in enumerate(text):
        if c.isspace() or c == "\xa0":
            continue
        if c != want[k]:
            return i if k else 0
        k += 1
        if k == len(want):
            return i + 1
    return len(text)


def _split(text: str, spots: Sequence[Spot]) -> tuple[str, list[lxml.html.HtmlElement]]:
    """Text holding markers -> the text before the first, and one span per marker (its
    ``tail`` the text up to the next)."""
    pieces = _MARKER.split(text)
    lead = pieces[0]
    spans = []
    for k in range(1, len(pieces), 2):
        spot = spots[int(pieces[k])]
        rest = pieces[k + 1]
        n = _consume(rest, spot)
        el = lxml.html.Element("span")
        el.set("class", spot.classes)
        el.set("id", spot.id)
        if spot.title:
            el.set("title", spot.title)
        el.text, el.tail = rest[:n], rest[n:]
        spans.append(el)
    return lead, spans


def html_document(doc: Document, spots: Sequence[Spot]) -> str:
    """An HTML document from its own markup, cleaned, its figures marked."""
    lines = [_PRIVATE.sub("\ufffd", line) for line in doc.lines]
    starts, at = [], 0
    for line in lines:
        starts.append(at)
        at += len(line) + 1
    markup = "\n".join(lines)
    inserts: list[tuple[int, int]] = []
    for k, spot in enumerate(spots):
        i = spot.line - doc.first_line
        if not 0 <= i < len(lines) or spot.start > len(lines[i]):
            continue
        pos = starts[i] + spot.start
        if not _inside_tag(markup, pos):
            inserts.append((pos, k))
    inserts.sort()
    pieces, at = [], 0
    for pos, k in inserts:
        pieces.append(markup[at:pos])
        pieces.append(f"{_OPEN}{k}{_CLOSE}")
        at = pos
    pieces.append(markup[at:])
    body = sanitise("".join(pieces))
    for el in list(body.iter()):
        if el.text and _OPEN in el.text:
            lead, spans = _split(el.text, spots)
            el.text = lead
            for n, span in enumerate(spans):
                el.insert(n, span)
        if el is not body and el.tail and _OPEN in el.tail:
            lead, spans = _split(el.tail, spots)
            el.tail = lead
            parent = el.getparent()
            if parent is not None:
                where = parent.index(el)
                for n, span in enumerate(spans):
                    parent.insert(where + 1 + n, span)
    body.set("class", "doc html")
    text: str = lxml.html.tostring(body, encoding="unicode")
    return _PRIVATE.sub("", text)
