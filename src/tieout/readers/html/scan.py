"""Where tags and text lie in the file, found before parsing, since lxml cannot say.

The HTML parser reports no character offsets. So before parsing, one pass over the
document (an HTML5-style tokenizer that only finds boundaries) does two things:

- every start tag gets an attribute naming its own place, ``data-tieout-at="S E"``
  (S the offset of its ``<``, E one past its ``>``), put right after the tag name so it
  wins over any attribute of that name the document carries;
- every run of text between tags is listed with its offsets, so the parsed text can be
  matched back to the file and decoded with a map of its entities.

The pass is linear (``str.find`` over the text, one step per tag) and never backtracks,
whatever the input.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from dataclasses import dataclass

from tieout.readers.html.text import Text, TextBuilder

ATTR = "data-tieout-at"

_NAME = re.compile(r"[A-Za-z][^\s/>]*")
_TAG_STOP = re.compile(r"[>=]")
# the rest of a start tag in one step, when its quotes are all values' quotes (after `=`);
# each character has one way to match, so a failed match costs one pass, never more
_START_TAG = re.compile(r"""(?:[^>"'=]|=\s*"[^"]*"|=\s*'[^']*'|=(?!\s*["']))*>""")
_ENTITY = re.compile(r"&(?:#[0-9]{1,10};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{0,31};?)")
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed"})
_SPACE = " \t\n\r\f"


@dataclass(frozen=True, slots=True)
class Scan:
    """The document marked for parsing, and its runs of text."""

    marked: str
    run_starts: tuple[int, ...]
    run_ends: tuple[int, ...]
    tags: int  # start tags seen


def _tag_end(text: str, i: int) -> int:
    """One past the ``>`` that closes the tag whose attributes start at ``i``."""
    n = len(text)
    while True:
        m = _TAG_STOP.search(text, i)
        if m is None:
            return n
        if m.group() == ">":
            return m.end()
        j = m.end()
        while j < n and text[j] in _SPACE:
            j += 1
        if j < n and text[j] in "\"'":
            k = text.find(text[j], j + 1)
            if k < 0:
                return n
            i = k + 1
        else:
            i = j


def _raw_text_end(text: str, name: str, pos: int) -> int:
    """Where the end tag of a raw-text element (script, style, ...) starts."""
    pattern = re.compile(r"</" + re.escape(name) + r"[\s/>]", re.I)
    m = pattern.search(text, pos)
    return m.start() if m else len(text)


def scan(text: str) -> Scan:
    """Mark every start tag with its offsets and list the runs of text."""
    n = len(text)
    out: list[str] = []
    last = 0
    starts: list[int] = []
    ends: list[int] = []
    run_start = 0
    tags = 0
    pos = 0

    def close_run(end: int) -> None:
        if end > run_start:
            starts.append(run_start)
            ends.append(end)

    while pos < n:
        lt = text.find("<", pos)
        if lt < 0:
            break
        nxt = text[lt + 1 : lt + 2]
        if text.startswith("<!--", lt):
            close_run(lt)
            if text.startswith("<!-->", lt) or text.startswith("<!--->", lt):
                end = text.find(">", lt + 4) + 1
            else:
                found = text.find("-->", lt + 4)
                end = n if found < 0 else found + 3
            pos = run_start = end
        elif nxt in ("!", "?"):
            close_run(lt)
            found = text.find(">", lt + 2)
            pos = run_start = n if found < 0 else found + 1
        elif nxt == "/":
            if not text[lt + 2 : lt + 3].isalpha():
                if text[lt + 2 : lt + 3] == ">":  # "</>" is dropped
                    close_run(lt)
                    pos = run_start = lt + 3
                    continue
                close_run(lt)
                found = text.find(">", lt + 2)
                pos = run_start = n if found < 0 else found + 1
                continue
            close_run(lt)
            pos = run_start = _tag_end(text, lt + 2)
        elif nxt.isascii() and nxt.isalpha():
            close_run(lt)
            m = _NAME.match(text, lt + 1)
            assert m is not None
            quick = _START_TAG.match(text, m.end())
            end = quick.end() if quick else _tag_end(text, m.end())
            out.append(text[last : m.end()])
            out.append(f' {ATTR}="{lt} {end}"')
            last = m.end()
            tags += 1
            name = m.group().lower()
            pos = run_start = end
            if name in _RAW_TEXT:
                pos = run_start = _raw_text_end(text, name, end)
                if name in ("textarea", "title") and pos > end:
                    close_run(pos)  # their text is text (entities decoded), never markup
            elif name == "plaintext":
                pos = run_start = n
        else:
            pos = lt + 1  # a "<" that opens no tag is text
    close_run(n)
    out.append(text[last:])
    return Scan("".join(out), tuple(starts), tuple(ends), tags)


def decode(text: str, start: int, end: int) -> Text:
    """The run ``text[start:end]`` with entities decoded, each character positioned."""
    builder = TextBuilder()
    pos = start
    for m in _ENTITY.finditer(text, start, end):
        if m.start() > pos:
            builder.add(text[pos : m.start()], pos)
        builder.add(html.unescape(m.group()), m.start())
        pos = m.end()
    if end > pos:
        builder.add(text[pos:end], pos)
    return builder.build()


def squash(value: str) -> str:
    """A string without any whitespace, for matching parsed text to a run."""
    return "".join(value.split())


class Runs:
    """The runs of text of a scan, matched in document order to the parser's text."""

    def __init__(self, text: str, result: Scan) -> None:
        self._text = text
        self._starts = result.run_starts
        self._ends = result.run_ends
        self._cursor = 0  # index of the first run not yet matched

    def match(self, parsed: str, at: int) -> Text | None:
        """The positioned text of ``parsed``, which the parser read at or after ``at``.

        Looks at the few runs from ``at`` on and takes the first whose text, alone or
        joined with the runs after it (the parser merges text across a stray end tag),
        is ``parsed``. None when no run matches: the caller keeps the parser's text.
        """
        target = squash(parsed)
        if not target:
            return None
        i = max(self._cursor, bisect_left(self._starts, at))
        for k in range(i, min(i + 6, len(self._starts))):
            got = self._collect(k, target)
            if got is not None:
                return got
        return None

    def _collect(self, k: int, target: str) -> Text | None:
        builder = TextBuilder()
        done = ""
        j = k
        while j < len(self._starts) and j < k + 4:
            piece = decode(self._text, self._starts[j], self._ends[j])
            squashed = squash(piece.value)
            if not target.startswith(done + squashed):
                return None
            builder.extend(piece)
            done += squashed
            j += 1
            if done == target:
                self._cursor = j
                return builder.build()
        return None
