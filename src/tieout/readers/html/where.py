"""Offsets in a document to places in the file: line, column and character offset.

A document's text is its lines joined by newlines, and its first character is at
``Document.start_offset`` of the file on line ``Document.first_line``, so an offset in
the document is a line and column in the file with no other map than where each line
starts (``Document.line_starts``, found in the text: no line is made).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import fields
from functools import partial

from tieout.extensions import grid_function
from tieout.model import Document, Span
from tieout.readers.html.text import Piece, Text

# A text's first known place is looked for in its first _NEAR + 1 characters, its last
# known place in its last _NEAR.
_NEAR = 65


class Locator:
    """Turns document offsets into ``Span``s of the source file."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._first_line = doc.first_line  # read per figure and per run of text
        self._start_offset = doc.start_offset
        # a list: the compiled run_span and run_spans read it as one
        self._starts = list(doc.line_starts)
        self._run: Callable[[str, tuple[Piece, ...]], Span | None] = (
            self._run_python
            if _RUN_SPAN is None
            else partial(
                _RUN_SPAN, Span, _SPAN_SLOTS, _NEAR, self._starts, doc.first_line, doc.start_offset
            )
        )
        self._runs: Callable[[str, tuple[Piece, ...]], tuple[tuple[int, Span], ...]] = (
            self._run_spans_python
            if _RUN_SPANS is None
            else partial(
                _RUN_SPANS, Span, _SPAN_SLOTS, self._starts, doc.first_line, doc.start_offset
            )
        )
        # the span of a whole text (``span`` with no start or end), compiled: None where
        # not built, or for a text it leaves to the Python (``span``'s own body, its
        # specification); the headers' and titles' words of several runs of the file
        # are searched character by character there
        self._whole: Callable[[str, tuple[Piece, ...], bool], Span | None] | None = (
            None
            if _WHOLE_SPAN is None
            else partial(
                _WHOLE_SPAN, Span, _SPAN_SLOTS, _NEAR, self._starts, doc.first_line,
                doc.start_offset,
            )
        )  # fmt: skip

    def _row(self, offset: int) -> int:
        """The index of the document line an offset lies on."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def line(self, offset: int) -> int:
        """The 1-based file line of a document offset."""
        return self.doc.first_line + self._row(max(offset, 0))

    def place(self, offset: int) -> tuple[int, int, int]:
        """The file line, column and file offset of a document offset (>= 0)."""
        starts = self._starts
        index = bisect_right(starts, offset) - 1
        return (self._first_line + index, offset - starts[index], self._start_offset + offset)

    def point(self, offset: int) -> Span:
        """A zero-width span at a document offset."""
        index = self._row(max(offset, 0))
        col = max(offset, 0) - self._starts[index]
        return Span(self.doc.first_line + index, col, col, self.doc.start_offset + max(offset, 0))

    def span(
        self, text: Text, start: int = 0, end: int | None = None, *, on_last_line: bool = False
    ) -> Span:
        """The file span of ``text.value[start:end]``: from its first character's place.

        The span ends at the place of its last character when that lies on the same
        line, else ``len`` columns after its start (the characters the print takes).
        ``on_last_line`` puts a text printed over two lines on the line of its last
        character instead, from the first character there: a figure's digits, not the
        ``$`` the filer put on the line above them.
        """
        if end is None and start == 0:
            value, pieces = text
            if self._whole is not None:
                whole = self._whole(value, pieces, on_last_line)
                if whole is not None:
                    return whole
            if len(pieces) == 1:
                run = self._run(value, pieces)
                if run is not None:
                    return run
        end = len(text.value) if end is None else end
        first = _first_known(text, start, end)
        if first is None:
            return Span(self.line(0), 0, 0, None)
        index, offset = first
        starts = self._starts
        row = bisect_right(starts, offset) - 1  # a known offset is >= 0: on a line
        col = offset - starts[row]
        stop = col + (end - index)
        last = _last_known(text, start, end)
        if last is not None:
            last_row = bisect_right(starts, last[1]) - 1
            last_col = last[1] - starts[last_row]
            if last_row != row and on_last_line:
                index, offset = last
                for i in range(last[0] - 1, max(start, last[0] - _NEAR) - 1, -1):
                    at = text.offset(i)
                    if at >= 0:
                        if self._row(at) != last_row:
                            break
                        index, offset = i, at
                row, col = last_row, offset - starts[last_row]
            if last_row == row and last_col >= col:
                stop = last_col + (end - last[0])
        return Span(self.doc.first_line + row, col, stop, self.doc.start_offset + offset)

    def run_spans(self, text: Text) -> tuple[tuple[int, Span], ...]:
        """Each run of a text that lies in the file as (its index in the text, its span):
        from the run's first character to where the next run starts, on the run's line."""
        return self._runs(text.value, text.pieces)

    def _run_spans_python(
        self, value: str, runs: tuple[Piece, ...]
    ) -> tuple[tuple[int, Span], ...]:
        """``run_spans``: the specification of the compiled ``_grid.run_spans``."""
        out: list[tuple[int, Span]] = []
        place = self.place
        last = len(runs) - 1
        for k, (index, offset) in enumerate(runs):
            if offset < 0:
                continue
            end = runs[k + 1][0] if k < last else len(value)  # where the next run starts
            line, col, at = place(offset)
            out.append((index, Span(line, col, col + (end - index), at)))
        return tuple(out)

    def _run_python(self, value: str, pieces: tuple[Piece, ...]) -> Span | None:
        """The span of a text that is one run of the file on one line, as most cells print:
        its place from its offset, no search (None for any other text). The specification
        of the compiled ``_grid.run_span``, which makes the same span."""
        if len(pieces) != 1:
            return None
        index, offset = pieces[0]
        size = len(value)
        if offset >= 0 and 0 <= index < size and index <= _NEAR:
            starts = self._starts
            row = bisect_right(starts, offset) - 1
            if row + 1 == len(starts) or offset + size - 1 - index < starts[row + 1]:
                col = offset - starts[row]
                return Span(
                    self._first_line + row, col, col + size - index, self._start_offset + offset
                )
        return None


_RUN_SPAN = grid_function("run_span")  # Locator._run_python
_RUN_SPANS = grid_function("run_spans")  # Locator._run_spans_python
_WHOLE_SPAN = grid_function("span")  # Locator.span of a whole text
# the slots of a Span in the order of its fields, each set by the compiled run_span as
# ``quick_init`` sets them (the defaults, None, too)
_SPAN_SLOTS = tuple(getattr(Span, f.name) for f in fields(Span))


def _first_known(text: Text, start: int, end: int) -> tuple[int, int] | None:
    pieces = text.pieces
    if len(pieces) == 1 and start >= 0:  # one run of the file: no search
        index, offset = pieces[0]
        first = max(start, index)
        if offset < 0 or first >= min(end, start + _NEAR + 1):
            return None
        return first, offset + first - index
    return _known(text, range(start, end)[: _NEAR + 1])


def _last_known(text: Text, start: int, end: int) -> tuple[int, int] | None:
    pieces = text.pieces
    if len(pieces) == 1 and start >= 0:  # one run of the file: no search
        index, offset = pieces[0]
        last = end - 1
        if offset < 0 or last < start or last < index:
            return None
        return last, offset + last - index
    return _known(text, range(end - 1, start - 1, -1)[:_NEAR])


def _known(text: Text, indices: range) -> tuple[int, int] | None:
    """The first of these characters whose place in the document is known, and that place."""
    for i in indices:
        offset = text.offset(i)
        if offset >= 0:
            return i, offset
    return None
