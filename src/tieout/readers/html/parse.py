"""HTML to a small positioned tree, with lxml (libxml2) doing the parsing.

libxml2's HTML parser is tolerant of what filing agents write (unclosed tags, upper-
case markup, ``<font>`` everywhere, stray end tags) and bounded: it stops at a nesting
depth of 256, which is reported here as unreadable input rather than silently
dropping the rest. The tree keeps what later stages read: tag, attributes, inline
style, the offset of each start tag, and text with the offset of every character.
Hidden elements (``display:none``), scripts, styles, comments and the ``<head>`` are
left out.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import lxml.etree as etree
import lxml.html

from tieout.errors import UnreadableInput
from tieout.readers.html.scan import ATTR, Runs, Scan
from tieout.readers.html.style import Look, look
from tieout.readers.html.text import Text

_SKIP = frozenset({"head", "script", "style", "noscript", "template", "title", "meta", "link"})


@dataclass(frozen=True, slots=True)
class Node:
    """An element: tag, attributes, inline style, where it starts, what it holds."""

    tag: str
    attrs: Mapping[str, str]
    look: Look  # what its inline style says
    start: int  # offset of the "<" of its start tag in the document; -1 if implied
    children: tuple[Node | Text, ...]

    def attr(self, name: str) -> str | None:
        return self.attrs.get(name)

    def iter(self) -> list[Node]:
        """This node and every node under it, in document order."""
        out: list[Node] = []
        stack: list[Node] = [self]
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(c for c in reversed(node.children) if isinstance(c, Node))
        return out


def _place(el: etree._Element) -> tuple[int, int]:
    value = el.get(ATTR)
    if value:
        start, _, end = value.partition(" ")
        if start.isdigit() and end.isdigit():
            return int(start), int(end)
    return -1, -1


def _parse(marked: str, name: str) -> etree._Element | None:
    parser = lxml.html.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        huge_tree=False,
        default_doctype=False,
    )
    try:
        root = lxml.html.document_fromstring(marked.encode("utf-8", "surrogatepass"), parser=parser)
    except etree.ParserError:
        return None  # "Document is empty"
    except (ValueError, etree.LxmlError) as error:
        raise UnreadableInput(name, f"HTML that cannot be parsed: {error}") from None
    for entry in parser.error_log:
        message = entry.message.strip()
        if "depth" in message.lower():
            raise UnreadableInput(
                name, "HTML nested more than 256 elements deep; refusing to read it"
            )
        if entry.level_name == "FATAL":
            reason = message.split(", try XML_PARSE_HUGE")[0]
            raise UnreadableInput(name, f"HTML the parser gave up on: {reason}")
    return root


def parse(text: str, scanned: Scan, name: str) -> Node | None:
    """The tree of a document (its ``<body>``, or everything when there is none)."""
    root = _parse(scanned.marked, name)
    if root is None:
        return None
    runs = Runs(text, scanned)
    stack: list[list[Node | Text]] = [[]]
    cursor = 0

    def add_text(value: str | None, at: int) -> None:
        if not value or not value.strip(" \t\n\r\f"):
            if value:
                stack[-1].append(Text(value, ((0, at),)))
            return
        found = runs.match(value, at)
        stack[-1].append(found if found is not None else Text(value, ((0, at),)))

    walker = etree.iterwalk(root, events=("start", "end"))
    opened: list[int] = []  # per open element: its start offset, or -2 when skipped
    for event, el in walker:
        if event == "start":
            start, end = _place(el)
            tag = el.tag
            if not isinstance(tag, str) or tag in _SKIP or look(el.get("style")).hidden:
                opened.append(-2)
                walker.skip_subtree()
                # its text is not read: later text is matched from past its last tag
                cursor = max([cursor, end, *(_place(d)[1] for d in el.iter())])
                continue
            opened.append(start)
            cursor = max(cursor, end)
            stack.append([])
            add_text(el.text, end if end >= 0 else cursor)
            continue
        start = opened.pop()
        if start != -2:
            children = stack.pop()
            attrs: dict[str, str] = dict(el.attrib)
            attrs.pop(ATTR, None)
            tag = str(el.tag)
            stack[-1].append(Node(tag, attrs, look(attrs.get("style")), start, tuple(children)))
        if el.tail:
            add_text(el.tail, cursor)
    top = [c for c in stack[0] if isinstance(c, Node)]
    if not top:
        return None
    html_node = top[0]
    body = next((c for c in html_node.children if isinstance(c, Node) and c.tag == "body"), None)
    return body or html_node
