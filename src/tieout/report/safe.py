"""Text from a filing made safe to print: control characters shown, never obeyed.

A release is untrusted input. A row label holding ``ESC ] 0 ; ... BEL`` would set the
terminal's title, ``ESC [ 2 J`` clear the screen, an OSC 8 sequence plant a link, and a
right-to-left override reorder what the reader sees. Every text output escapes them at
its boundary:

- ``printable`` for text written to a terminal or a text file: each control character
  (C0 but tab and newline, DEL, C1), line and paragraph separator, and bidirectional
  control becomes a visible escape (``\\x1b``, ``\\u202e``); ``one_line`` escapes tab
  and newline too, for messages that must stay on one line;
- ``safe_console``: a rich ``Console`` that applies ``printable`` to everything it
  prints (after layout, so it covers every renderable of every report);
- ``json_line``: JSON with the characters that JSON leaves raw but that break readers
  splitting on them or reach a terminal (DEL, C1, U+2028, U+2029, bidi controls)
  written as ``\\uXXXX`` escapes (lossless: a JSON parser reads the same string).
"""

from __future__ import annotations

import json
import re
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType, RenderHook, RenderResult
from rich.measure import Measurement
from rich.segment import Segment

# Bidirectional controls: embeddings and overrides, isolates, the marks.
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_UNPRINTABLE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029{_BIDI}]")
_UNPRINTABLE_LINE = re.compile(f"[\x00-\x1f\x7f-\x9f\u2028\u2029{_BIDI}]")
_JSON_RAW = re.compile(f"[\x7f-\x9f\u2028\u2029{_BIDI}]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """``text`` with every control character written as a visible escape (tab and
    newline kept)."""
    return _UNPRINTABLE.sub(_escape, text)


def one_line(text: str) -> str:
    """``text`` as ``printable``, with tab and newline escaped too: one line, always."""
    return _UNPRINTABLE_LINE.sub(_escape, text)


def json_line(data: Any) -> str:
    """``data`` as one line of JSON, non-ASCII text kept, unsafe characters escaped."""
    return json_safe(json.dumps(data, ensure_ascii=False))


def json_safe(text: str) -> str:
    """JSON text written with non-ASCII text kept (``ensure_ascii=False``), its unsafe
    characters escaped as ``json_line`` escapes them."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class _Printable:
    """A renderable whose rendered text is passed through ``printable``."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.renderable, options):
            if segment.control or not _UNPRINTABLE.search(segment.text):
                yield segment
            else:
                yield Segment(printable(segment.text), segment.style)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.renderable)


class _EscapeHook(RenderHook):
    def process_renderables(self, renderables: list[Any]) -> list[Any]:
        return [_Printable(r) for r in renderables]


def safe_console(**options: Any) -> Console:
    """A rich ``Console`` (same options) that never writes a control character of the
    text it is given: rich's own styling is kept, the text's escapes are shown."""
    console = Console(**options)
    console.push_render_hook(_EscapeHook())
    return console
