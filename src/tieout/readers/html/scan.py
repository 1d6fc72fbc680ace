"""Where tags and text lie in the file, found before parsing, since lxml cannot say.

The HTML parser reports no character offsets. So before parsing, one pass over the
document (an HTML5-style tokenizer that only finds boundaries, one compiled regular
expression stepping from tag to tag) does two things:

- every start tag is listed: ``Scan.tag_starts[K]`` is the offset of its ``<`` and
  ``Scan.tag_ends[K]`` one past its ``>``; in the copy of the document that is parsed
  (``Scan.marked``) it gets an attribute naming its ordinal, ``data-tieout-at="K"``, put
  right after the tag name (``Scan.cuts[K]``) so it wins over any attribute of that name
  the document carries. The copy is made when it is asked for: the compiled parse reads
  the document itself and learns each element's start tag from the parser (parse.py);
- every run of text between tags is listed with its offsets, so the parsed text can be
  matched back to the file and decoded with a map of its entities.

The pass is linear: each step is one match of a pattern whose every part is possessive
or atomic (a failed match never backtracks), whatever the input.

The pass below in Python (``_scan_python``) is the specification. The same pass compiled
in C (``_scan.c``, an optional extension built at install when a C compiler is there) is
used when it imports; ``TIEOUT_PURE_PYTHON=1`` in the environment forces the Python pass.
Both give the same Scan on every input (tests/test_html_scan_compiled.py).
"""

from __future__ import annotations

import html
import re
from array import array
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from tieout.extensions import python_forced
from tieout.readers.html.text import Piece, Text, TextBuilder

ATTR = "data-tieout-at"
OFFSET = "q"  # the array type of the scan's offsets: C's long long, 64 bits

_SPACE = "[ \\t\\n\\r\\f]"
# the rest of a tag after its name: up to the ">" outside quoted values, or the end of
# the text (a quote opened after "=" runs to its closing quote, or to the end)
_TAG_REST = rf"""(?:[^>=]++|={_SPACE}*+(?:"[^"]*+(?:"|\Z)|'[^']*+(?:'|\Z))?+)*+(?:>|\Z)"""
# the rest of a start tag in one step, when its quotes are all values' quotes (after `=`);
# tried first, as browsers read most tags; a tag it cannot read is read by _TAG_REST
_QUICK = r"""(?>(?:[^>"'=]++|=\s*"[^"]*"|=\s*'[^']*'|=(?!\s*["']))*)>"""
_RAW = "script|style|textarea|title|xmp|iframe|noembed"
_TOKEN = re.compile(
    r"<(?:"
    # a start tag (groups 1 and 4: where its name and the tag end); the text of a
    # raw-text element (script, style...) runs to its end tag and is neither markup nor
    # a run of text, nor is anything after <plaintext>
    rf"((?P<raw>(?i:{_RAW}))(?![^\s/>])|(?P<all>(?i:plaintext))(?![^\s/>])"
    r"|[A-Za-z][^\s/>]*+)"
    rf"(?:{_QUICK}|{_TAG_REST})()"
    r"(?(raw)((?i:.*?(?=</(?P=raw)[\s/>])|.*)))(?(all)(.*))"
    rf"|/(?=[^\W\d_]){_TAG_REST}"  # an end tag
    r"|/[^>]*+>?"  # "</>" and "</ ...>": dropped
    r"|!--(?:>|->|.*?-->|.*)"  # a comment, to its "-->" or to the end
    r"|[!?][^>]*+>?"  # a doctype, processing instruction or bogus comment: to the next ">"
    r")",
    re.S,
)
_ENTITY = re.compile(r"&(?:#[0-9]{1,10};?|#[xX][0-9a-fA-F]{1,8};?|[A-Za-z][A-Za-z0-9]{0,31};?)")
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed"})


@dataclass(frozen=True, slots=True)
class Scan:
    """The document's start tags and its runs of text, and its copy marked for parsing.

    The offsets are arrays of 64-bit integers (``array("q")``), not tuples: a release has
    hundreds of thousands of tags and runs, and an int object for each would be made and
    freed for nothing (the tree reads them as numbers, the compiled tree as a buffer).
    """

    text: str  # the document scanned
    cuts: array[int]  # per start tag: where its name ends (its marker goes there)
    run_starts: array[int]
    run_ends: array[int]
    tag_starts: array[int]  # per start tag: the offset of its "<"
    tag_ends: array[int]  # per start tag: one past its ">"

    @property
    def tags(self) -> int:
        """Start tags seen."""
        return len(self.tag_starts)

    @property
    def marked(self) -> str:
        """The document with every start tag marked with its ordinal (made when asked)."""
        return mark(self.text, self.cuts)


def _mark_python(text: str, cuts: array[int]) -> str:
    """The document with the marker of start tag K put at ``cuts[K]``."""
    parts: list[str] = []
    at = 0
    for k, cut in enumerate(cuts):
        parts.append(text[at:cut])
        parts.append(f' {ATTR}="{k}"')
        at = cut
    parts.append(text[at:])
    return "".join(parts)


def _scan_python(text: str) -> Scan:
    """List every start tag (where its marker goes) and every run of text."""
    starts: list[int] = []
    ends: list[int] = []
    tag_starts: list[int] = []
    tag_ends: list[int] = []
    cuts: list[int] = []
    run_start = 0
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        if start > run_start:
            starts.append(run_start)
            ends.append(start)
        run_start = end
        cut = m.end(1)
        if cut >= 0:  # a start tag: where its name ends, and where the tag itself ends
            cuts.append(cut)
            tag_starts.append(start)
            # (group 4 is empty, right after the tag: a raw-text element's token runs on
            # past it, to the end of its text)
            tag_ends.append(m.end(4))
    n = len(text)
    if n > run_start:
        starts.append(run_start)
        ends.append(n)
    return Scan(
        text,
        array(OFFSET, cuts),
        array(OFFSET, starts),
        array(OFFSET, ends),
        array(OFFSET, tag_starts),
        array(OFFSET, tag_ends),
    )


def scanned(text: str, raw: tuple[bytes, bytes, bytes, bytes, bytes]) -> Scan:
    """The Scan of what the compiled pass returns (its offsets as bytes of 64-bit ints)."""
    cuts, run_starts, run_ends, tag_starts, tag_ends = raw
    return Scan(
        text,
        array(OFFSET, cuts),
        array(OFFSET, run_starts),
        array(OFFSET, run_ends),
        array(OFFSET, tag_starts),
        array(OFFSET, tag_ends),
    )


def _counts_python(text: str) -> tuple[int, int]:
    """The numbers of "<" and of "&" in a text (what limits.py bounds before scanning it)."""
    return text.count("<"), text.count("&")


def _compiled() -> (
    tuple[Callable[[str], Scan], Callable[[str, array[int]], str], Callable[[str], tuple[int, int]]]
    | None
):
    """The compiled pass, marking and counts, unless not built or the environment asks
    for Python."""
    if python_forced():
        return None
    try:
        from tieout.readers.html import _scan
    except ImportError:
        return None
    compiled = _scan.scan

    def scan_compiled(text: str) -> Scan:
        """List every start tag and every run of text."""
        return scanned(text, compiled(text))

    return scan_compiled, _scan.mark, _scan.counts


_COMPILED = _compiled()
COMPILED = _COMPILED is not None  # whether `scan`, `mark` and `counts` are the compiled ones
scan: Callable[[str], Scan] = _COMPILED[0] if _COMPILED else _scan_python
mark: Callable[[str, array[int]], str] = _COMPILED[1] if _COMPILED else _mark_python
counts: Callable[[str], tuple[int, int]] = _COMPILED[2] if _COMPILED else _counts_python


@lru_cache(maxsize=4096)
def _unescape(entity: str) -> str:
    return html.unescape(entity)


def decode(text: str, start: int, end: int) -> Text:
    """The run ``text[start:end]`` with entities decoded, each character positioned."""
    if text.find("&", start, end) < 0:
        return Text(text[start:end], ((0, start),)) if end > start else Text("")
    parts: list[str] = []
    pieces: list[Piece] = []
    size = 0
    pos = start
    # a piece starts wherever the decoded text stops advancing one to one with the file
    for m in _ENTITY.finditer(text, start, end):
        at = m.start()
        if at > pos:
            if not pieces or pieces[-1][1] + size - pieces[-1][0] != pos:
                pieces.append((size, pos))
            parts.append(text[pos:at])
            size += at - pos
        value = _unescape(m.group())
        if value:
            if not pieces or pieces[-1][1] + size - pieces[-1][0] != at:
                pieces.append((size, at))
            parts.append(value)
            size += len(value)
        pos = m.end()
    if end > pos:
        if not pieces or pieces[-1][1] + size - pieces[-1][0] != pos:
            pieces.append((size, pos))
        parts.append(text[pos:end])
    return Text("".join(parts), tuple(pieces))


def squash(value: str) -> str:
    """A string without any whitespace, for matching parsed text to a run."""
    return "".join(value.split())


class Runs:
    """The runs of text of a scan, matched in document order to the parser's text.

    The compiled tree (``_tree.c``) repeats ``match`` and ``decode`` step for step: a
    change here is a change there (tests/test_html_tree_compiled.py compares the two).
    """

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
        if parsed.isspace():
            return None  # nothing to match it by (no-break spaces alone, say)
        starts = self._starts
        i = max(self._cursor, bisect_left(starts, at))
        if i >= len(starts):
            return None
        start, end = starts[i], self._ends[i]
        if (
            end - start == len(parsed)
            and "&" not in parsed
            and self._text.startswith(parsed, start)
        ):
            self._cursor = i + 1  # the run as it is in the file: nothing to decode
            return Text(parsed, ((0, start),))
        target = squash(parsed)
        first = decode(self._text, start, end)
        if squash(first.value) == target:  # the next run alone, once decoded
            self._cursor = i + 1
            return first
        for k in range(i, min(i + 6, len(starts))):
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
