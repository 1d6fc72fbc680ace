"""Positioned text: a string that knows where each of its characters lies in the file.

HTML text is not the file's text: entities (`&nbsp;`, `&#151;`) are decoded, tags are
dropped, whitespace is collapsed. A ``Text`` keeps the decoded string with ``pieces``:
each ``(index, offset)`` says that ``value[index:]`` starts at character ``offset`` of
the document and advances one character per character up to the next piece. An offset
of -1 marks characters that are not in the file (a space put between two cells).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from typing import NamedTuple

from tieout.extensions import grid_function

_WORD = re.compile(r"\S+")  # \s covers the no-break space (U+00A0)
_OTHER_SPACE = re.compile(r"\s\s|[^\S ]")  # whitespace other than single spaces

Piece = tuple[int, int]
# a named tuple made from its fields in order, without the Python-level ``__new__`` the
# class defines (half the cost of making one: a release makes hundreds of thousands)
_make = tuple.__new__


class Text(NamedTuple):
    """A decoded string and the document offsets of its characters.

    A named tuple rather than a dataclass: a release makes one per run of text, hundreds
    of thousands, and a tuple is the cheapest immutable record to make.
    """

    value: str
    pieces: tuple[Piece, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.value)

    def offset(self, index: int) -> int:
        """The document offset of ``value[index]`` (-1 when it is not in the file)."""
        pieces = self.pieces
        if not pieces or index < 0:
            return -1
        if len(pieces) == 1:  # most texts run on in the file from one place
            start, off = pieces[0]
            return -1 if off < 0 or index < start else off + index - start
        k = bisect_right(self.pieces, (index, 1 << 62)) - 1
        if k < 0:
            return -1
        start, off = self.pieces[k]
        return -1 if off < 0 else off + index - start

    def slice(self, start: int, end: int) -> Text:
        """``value[start:end]`` with its positions."""
        start, end = max(0, start), min(len(self.value), end)
        if start >= end:
            return Text("")
        pieces = self.pieces
        if len(pieces) == 1:  # most texts run on in the file from one place
            index, off = pieces[0]
            if index <= start:
                return _make(
                    Text, (self.value[start:end], ((0, off + start - index if off >= 0 else -1),))
                )
        out: list[Piece] = []
        k = max(0, bisect_right(self.pieces, (start, 1 << 62)) - 1)
        while k < len(self.pieces) and self.pieces[k][0] < end:
            index, off = self.pieces[k]
            if index <= start:
                shift = start - index
                out.append((0, off + shift if off >= 0 else -1))
            else:
                out.append((index - start, off))
            k += 1
        return _make(Text, (self.value[start:end], tuple(out)))

    def words(self) -> Text:
        """The text with whitespace runs (no-break spaces too) made one space, ends stripped."""
        value = self.value
        stripped = value.strip()
        # every whitespace character but the space is unprintable: a printable text with
        # no two spaces in a row has nothing to collapse, with no search
        if (stripped.isprintable() and "  " not in stripped) or not _OTHER_SPACE.search(
            stripped
        ):  # nothing to collapse: keep the pieces
            if len(stripped) == len(value):
                return self
            start = value.find(stripped[0]) if stripped else len(value)
            return self.slice(start, start + len(stripped))
        if len(self.pieces) == 1 and self.pieces[0][0] == 0 and self.pieces[0][1] >= 0:
            # one run of the file: each word keeps its place, each space put between is -1
            base = self.pieces[0][1]
            words: list[str] = []
            pieces: list[Piece] = []
            size = 0
            for m in _WORD.finditer(self.value):
                if words:
                    pieces.append((size, -1))
                    size += 1
                pieces.append((size, base + m.start()))
                word = m.group()
                words.append(word)
                size += len(word)
            return _make(Text, (" ".join(words), tuple(pieces)))
        return _words(self)


class TextBuilder:
    """Builds a ``Text`` from chunks, merging pieces that continue one another."""

    __slots__ = ("_parts", "_pieces", "_size")

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._pieces: list[Piece] = []
        self._size = 0

    def __bool__(self) -> bool:
        return self._size > 0

    @property
    def size(self) -> int:
        """Characters added so far."""
        return self._size

    def add(self, value: str, offset: int) -> None:
        """Append ``value`` whose first character is at ``offset`` (advancing 1:1)."""
        if not value:
            return
        self._piece(self._size, offset)
        self._parts.append(value)
        self._size += len(value)

    def extend(self, text: Text) -> None:
        """Append a positioned text."""
        value = text.value
        if not value:
            return
        base = self._size
        for index, off in text.pieces or ((0, -1),):
            self._piece(base + index, off)
        self._parts.append(value)
        self._size = base + len(value)

    def add_words(self, text: Text) -> None:
        """Append the words of a text of several pieces, one space between them: each word
        as ``Text.slice`` would cut it, in one pass over the pieces (the words come in
        order) instead of one search and one text made per word."""
        piece = self._piece
        parts = self._parts
        pieces = text.pieces
        n = len(pieces)
        below = 0  # the pieces that start at or before the word
        for m in _WORD.finditer(text.value):
            start, end = m.span()
            if self._size:
                self.add(" ", -1)
            while below < n and pieces[below][0] <= start:
                below += 1
            k = below - 1 if below else 0
            base = self._size
            if k >= n or pieces[k][0] >= end:
                piece(base, -1)  # no piece of the file in the word
            while k < n and pieces[k][0] < end:
                index, off = pieces[k]
                if index <= start:
                    piece(base, off + start - index if off >= 0 else -1)
                else:
                    piece(base + index - start, off)
                k += 1
            parts.append(m.group())
            self._size = base + end - start

    def _piece(self, index: int, offset: int) -> None:
        if self._pieces:
            last_index, last_off = self._pieces[-1]
            if last_index == index:
                self._pieces[-1] = (index, offset)
                return
            continues = last_off >= 0 and offset >= 0 and last_off + (index - last_index) == offset
            if continues or (last_off < 0 and offset < 0):
                return
        self._pieces.append((index, offset))

    def build(self) -> Text:
        return _make(Text, ("".join(self._parts), tuple(self._pieces)))


def join(texts: Iterable[Text], sep: str = " ") -> Text:
    """Non-empty texts joined by ``sep`` (which is not in the file)."""
    builder = TextBuilder()
    for text in texts:
        if not text.value:
            continue
        if builder:
            builder.add(sep, -1)
        builder.extend(text)
    return builder.build()


def _words_python(text: Text) -> Text:
    """The words of a text of several pieces, one space apart, each with its places
    (``TextBuilder.add_words``): ``Text.words``'s general path.

    The specification of the compiled one (``_grid.c`` ``words_of``), which gives the
    same Text."""
    builder = TextBuilder()
    builder.add_words(text)
    return builder.build()


def _compiled() -> Callable[[Text], Text] | None:
    """The compiled general path of ``Text.words``, unless it is not built or the
    environment asks for Python."""
    words_of = grid_function("words_of")
    if words_of is None:
        return None

    def words_compiled(text: Text) -> Text:
        """The words of a text of several pieces, found in C."""
        return _make(Text, words_of(text.value, text.pieces))

    return words_compiled


_COMPILED = _compiled()
COMPILED = _COMPILED is not None  # whether `_words` is the compiled path
_words: Callable[[Text], Text] = _COMPILED or _words_python
