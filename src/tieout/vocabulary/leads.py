"""Leads: a pattern made faster to search, finding the same matches.

``re`` looks for a pattern's literal start with a fast scan, but a pattern that ignores
case and begins with alternatives ("reconcil..." or "website...", "first|second quarter")
or with an assertion (``\\breconcil``) has none: a search tries the pattern at every
character of the text. Led by a lookahead of the characters a match may begin with, it
passes every other character at once.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from typing import Any, NamedTuple

from tieout.extensions import compiled
from tieout.vocabulary.ascii_twins import ascii_twin

try:  # the parser of Python's re module (3.11 on): not public, so read with care
    from re import _constants as _ops  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python: patterns run as they are
    _parser = None
    _ops = None

__all__ = [
    "ANY_NEXT",
    "NOT_WORD_ASCII",
    "SPACES",
    "WordLed",
    "begins_words",
    "case_blind",
    "leading",
    "led",
    "led_by",
    "pair_table",
    "pairs_of",
]

# ``\W`` for a text all ASCII (an ASCII character is a word's when it is a letter, a
# digit or "_"), as a class of its own case whatever the pattern's flags: ``re`` tests it
# by one bit of a table, where ``\W`` asks Unicode's tables of each character a search
# passes (most of the instructions of a search led by it, ``WordLed``).
NOT_WORD_ASCII = "(?-i:[^0-9A-Za-z_])"


def led(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """The same pattern, led by a lookahead of the characters a match of it may begin with.

    The lookahead lets a search pass a character no match begins with at once; it finds
    the same matches, the leftmost first. The characters are read from the pattern with the parser of Python's ``re``
    (``_first``); the pattern is returned as it is where they cannot be told.
    """
    if _parser is None:  # pragma: no cover - another Python
        return pattern
    try:
        first, empty = _first(_parser.parse(pattern.pattern, pattern.flags))
        if first is None or empty or not first:
            return pattern
        chars = "".join(re.escape(chr(c)) for c in sorted(first))
        return re.compile(f"(?=[{chars}])(?:{pattern.pattern})", pattern.flags)
    except Exception:  # pragma: no cover - a form of the parser's output not known here
        return pattern


def leading(pattern: re.Pattern[str]) -> frozenset[int] | None:
    """The code points ``led`` leads a pattern by (None where it leaves it as it is)."""
    if _parser is None:  # pragma: no cover - another Python
        return None
    try:
        first, empty = _first(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # pragma: no cover - a form of the parser's output not known here
        return None
    return None if first is None or empty or not first else frozenset(first)


def led_by(pattern: re.Pattern[str], first: frozenset[int] | None) -> re.Pattern[str]:
    """``led(pattern)``, given the code points it leads by (``leading``'s): for a pattern
    its builder made of parts it read once, an alternation leading by the union of its
    branches' (where none is None), without reading the whole again."""
    if first is None:
        return pattern
    chars = "".join(re.escape(chr(c)) for c in sorted(first))
    return re.compile(f"(?=[{chars}])(?:{pattern.pattern})", pattern.flags)


def _first(items: Any) -> tuple[set[int] | None, bool]:
    """The code points a match of the parsed items may begin with (None: any), and
    whether they may match the empty string."""
    out: set[int] = set()
    for op, av in items:
        if op is _ops.AT:  # \b, ^: matches no character
            continue
        if op in (_ops.ASSERT, _ops.ASSERT_NOT) and av[0] < 0:
            continue  # a lookbehind: tests the characters before, matches none
        if op is _ops.LITERAL:
            out.add(av)
            return out, False
        if op is _ops.IN:
            for kind, value in av:
                if kind is _ops.LITERAL:
                    out.add(value)
                elif kind is _ops.RANGE and value[1] - value[0] < 64:
                    out.update(range(value[0], value[1] + 1))
                else:
                    return None, False  # a category, a negation, a wide range
            return out, False
        if op is _ops.SUBPATTERN and not av[1] and not av[2]:  # a group, no flags of its own
            chars, empty = _first(av[3])
        elif op is _ops.BRANCH:
            chars, empty = set(), False
            for branch in av[1]:
                more, maybe = _first(branch)
                if more is None:
                    return None, False
                chars |= more
                empty = empty or maybe
        elif op in (_ops.MAX_REPEAT, _ops.MIN_REPEAT, _ops.POSSESSIVE_REPEAT):
            chars, empty = _first(av[2])
            empty = empty or av[0] == 0
        else:
            return None, False  # any other item: an assertion, a reference, any character
        if chars is None:
            return None, False
        out |= chars
        if not empty:
            return out, False
    return out, True


class WordLed:
    r"""A pattern every match of which begins a word (``\b`` then a word's character, in
    every branch: ``begins_words``), searched word start by word start.

    A match at a place past the text's first character follows a character that is no
    word's; ``re`` searches for such a character followed by the pattern (``after``) by
    the class of the character alone, where a search of the pattern itself, led or not,
    tries it at every character that may begin a match (most letters of every word). The
    match given is then the pattern's own at the place after that character (``re`` reads
    the text before a place, its ``\b`` and lookbehinds, as ``finditer`` does): the same
    matches, in the same order. A pattern that may begin otherwise is searched as it is.
    A plain text (all ASCII: ``ascii_twins.plain``) is searched by the pattern's
    ASCII twin, the character before it as ``NOT_WORD_ASCII``, told by a table of bits:
    the same matches, where Unicode's rules ask its tables of each character passed (the
    lead x1.07 the prose stage's instructions on the text releases, the twin x1.03 more)."""

    __slots__ = (
        "_after",
        "_later",
        "_openings",
        "_pair_source",
        "_pairs",
        "_triples",
        "_twins",
        "pattern",
    )

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self._pairs: bytes | None = None  # ``pair_table(pattern)``, read when first needed
        # the first three characters of every match, lowered (``built``'s, else read with
        # the pairs): None, not known; and their ``triple_table``, made with the pairs
        self._openings: frozenset[str] | None = None
        self._triples = _EVERY_TRIPLE
        self._pair_source: Callable[[], bytes] | None = None  # ``pairs_from``'s
        self._after: re.Pattern[str] | None = None
        self._later: Callable[[], re.Pattern[str]] | None = None  # ``_after``, to be made
        # the twins for a plain text (made when first needed; (pattern, _after) if none)
        self._twins: tuple[re.Pattern[str], re.Pattern[str] | None] | None = None
        if _parser is not None and not pattern.flags & (re.VERBOSE | re.ASCII | re.LOCALE):
            try:
                if begins_words(pattern):
                    self._after = re.compile(rf"\W(?:{pattern.pattern})", pattern.flags)
            except Exception:  # pragma: no cover - a form of the parser's output not known
                self._after = None

    @classmethod
    def built(
        cls,
        pattern: re.Pattern[str],
        after_plain: re.Pattern[str],
        after: Callable[[], re.Pattern[str]],
        openings: frozenset[str] | None = None,
    ) -> WordLed:
        """A pattern whose matches its builder knows begin words, with what it is searched
        for word start by word start: ``after_plain`` in a plain text (a character that is
        no word's as ``NOT_WORD_ASCII`` then the pattern's match; the pattern itself then
        matched there, not its twin), ``after()`` in any other (led by ``\\W``, made when
        a text first needs it). For a pattern of many phrases (``prose.subjects.Phrases``),
        which ``begins_words`` would take longer to read than a search saves.
        ``openings``: where the builder knows them, the first three characters of every
        match of the pattern in a plain text, lowered (ASCII): a word start whose three
        characters are none of them is passed without trying the pattern there (most of a
        sentence's word starts whose first two characters a label may begin with)."""
        self = cls.__new__(cls)
        self.pattern = pattern
        self._openings = openings
        self._triples = _EVERY_TRIPLE
        self._pairs = None
        self._pair_source = None
        self._after = None
        self._later = after
        self._twins = (pattern, after_plain)
        return self

    def _searched(self, text: str) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
        """The pattern a text is matched with, and what a word start of it is searched
        for with (None: the pattern is searched as it is)."""
        if _plain(text):
            return self._twins or self._ascii()
        after = self._after
        if after is None and self._later is not None:
            after = self._after = self._later()
        return self.pattern, after

    def finditer(
        self, text: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        """What ``pattern.finditer(text, pos, endpos)`` finds (found all at once: every
        caller reads them all, and a list is made for less than a generator resumed)."""
        return iter(self.found(text, pos, endpos))

    def found(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> list[re.Match[str]]:
        """What ``pattern.finditer(text, pos, endpos)`` finds, as a list."""
        last = _last_plain  # ``_plain``'s answer kept for the last text, read here first
        if last[1] if last[0] is text else _plain(text):  # ``_searched``, written out
            pattern, after = self._twins or self._ascii()
            if after is not None and COMPILED:
                return self._found_at_starts(pattern, text, pos, endpos)
        elif COMPILED and self._begins_words():  # the pattern itself, at its word starts
            return self._found_at_starts(self.pattern, text, pos, endpos)
        else:
            pattern, after = self._searched(text)
        if after is None:
            return list(pattern.finditer(text, pos, endpos))
        out = []
        found = pattern.match(text, pos, endpos)  # whatever stands before ``pos``
        start = pos  # where the next non-word character may be
        while True:
            if found is not None:
                out.append(found)
                # its last character may be the one before the next match
                start = max(found.end() - 1, pos)
            before = after.search(text, start, endpos)
            if before is None:
                return out
            start = before.start() + 1
            found = pattern.match(text, start, endpos)  # what ``finditer`` tries there

    def _found_at_starts(
        self, pattern: re.Pattern[str], text: str, pos: int, endpos: int
    ) -> list[re.Match[str]]:
        """``found`` in a plain text, the pattern matched only at the places the compiled
        ``word_starts`` gives (``_word_starts_python``): ``pos`` and the word starts after
        it, after a character that is no word's, whose first two characters, lowered, a
        match may begin with (``pair_table``), and first three (``openings``). Every place
        ``after.search`` would stop at and the pattern match is among them (a match begins
        a word, and with a pair of the table), and the places within a match are passed
        over, as ``found``'s search resumes at the match's last character: the same
        matches, where ``re`` tried the pattern after each character that is no word's and
        read every character by a class (and at ``pos``, whatever its first characters)."""
        pairs = self._pairs  # ``_pair_table()``, read here where it is made already
        if pairs is None:
            pairs = self._pair_table()
        out = []
        edge = pos  # the end of the last match: a match after it begins there or later
        for place in _word_starts(text, pos, endpos, pairs, self._triples):
            if place >= edge:
                found = pattern.match(text, place, endpos)
                if found is not None:
                    out.append(found)
                    edge = found.end()
        return out

    def _begins_words(self) -> bool:
        """Whether every match begins a word (``begins_words``, or a builder's word): the
        pattern is then searched word start by word start in any text; ``_after`` is not
        needed (compiled for a text not plain only where ``word_starts`` is not built)."""
        return self._after is not None or self._later is not None

    def _pair_table(self) -> bytes:
        """``pair_table(pattern)``, read when first needed (most patterns never are), and
        with it the pattern's ``openings`` (but a built one's: its builder gives them); from
        the source its builder gave (``pairs_from``) where there is one, the pattern then
        not parsed at all."""
        pairs = self._pairs
        if pairs is None:
            source = self._pair_source
            if source is not None:
                pairs = self._pairs = source()
                self._pair_source = None
            else:
                pattern = self.pattern
                parsed = _parsed(pattern)  # read once for both
                if self._later is None:  # not ``built``
                    self._openings = openings(pattern, parsed)
                pairs = self._pairs = pair_table(pattern, parsed)
            self._triples = triple_table(self._openings)
        return pairs

    def pairs_from(self, source: Callable[[], bytes]) -> None:
        """Take the pairs a match may begin with (``pair_table``'s table, or one holding
        at least every pair a match begins with) from ``source`` when first needed, if
        not read yet: a builder that knows them from what it made the pattern of
        (``prose.subjects.Phrases``: its phrases' first two characters) tells them for
        less than parsing a pattern of hundreds of phrases costs (that parse was most of
        the prose's regular-expression work on a release met at first sight)."""
        if self._pairs is None:
            self._pair_source = source

    def _ascii(self) -> tuple[re.Pattern[str], re.Pattern[str] | None]:
        """The pattern and ``_after`` for a plain text: the pattern's ASCII twin, and it
        led by ``NOT_WORD_ASCII`` (the pattern and ``_after`` themselves for a pattern
        that keeps Unicode's rules in its own text)."""
        pattern = self.pattern
        try:
            twin = ascii_twin(pattern)
        except re.error:  # "(?u)" in the pattern: no twin
            made = self._twins = (pattern, self._after)
            return made
        after = None
        if self._after is not None:
            after = re.compile(rf"{NOT_WORD_ASCII}(?:{pattern.pattern})", twin.flags)
        made = self._twins = (twin, after)
        return made

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """What ``pattern.search(text, pos, endpos)`` finds: the first of ``found``'s,
        searched no further."""
        if COMPILED and not _plain(text) and self._begins_words():
            return self._first_at_starts(self.pattern, text, pos, endpos)  # the pattern itself
        pattern, after = self._searched(text)
        if after is None:
            return pattern.search(text, pos, endpos)
        if COMPILED:  # a plain text: its twin
            return self._first_at_starts(pattern, text, pos, endpos)
        found = pattern.match(text, pos, endpos)
        start = pos
        while found is None:
            before = after.search(text, start, endpos)
            if before is None:
                return None
            start = before.start() + 1
            found = pattern.match(text, start, endpos)
        return found

    def _first_at_starts(
        self, pattern: re.Pattern[str], text: str, pos: int, endpos: int
    ) -> re.Match[str] | None:
        """``search``'s match: the first of ``_found_at_starts``', ``pos`` and the word
        starts after it tried in order."""
        pairs = self._pair_table()
        for place in _word_starts(text, pos, endpos, pairs, self._triples):
            found = pattern.match(text, place, endpos)
            if found is not None:
                return found
        return None


# The text ``_plain`` was last asked of, and its answer: a sentence is searched by many
# patterns one after another (the prose's metrics, periods, comparison words), each
# asking it (one reference kept: the last text).
_last_plain: tuple[str, bool] = ("", True)


def _plain(text: str) -> bool:
    """``ascii_twins.plain(text)``: all ASCII, and no separator U+001C-U+001F. Each
    separator is looked for as a string (a scan of the bytes, where ``plain``'s search
    asks its class of each character: a sentence of 174 characters 0.1 us against 4 by
    ``timeit``), and the answer kept for the same text asked again in a row."""
    global _last_plain
    last = _last_plain
    if last[0] is text:
        return last[1]
    answer = (
        text.isascii()
        and "\x1c" not in text
        and "\x1d" not in text
        and "\x1e" not in text
        and "\x1f" not in text
    )
    _last_plain = (text, answer)
    return answer


def begins_words(pattern: re.Pattern[str]) -> bool:
    r"""Whether every match of ``pattern`` begins a word: each branch opens with ``\b`` (a
    lookahead before it aside), or a lookbehind whose last character is no word's (a
    space: "(?<=higher\s)than"), and then a character of a word (a letter, a digit, "_"),
    so a match at a place past the text's first character follows one that is no word's.
    A pattern that may match the empty string is not taken."""
    if _parser is None:  # pragma: no cover - another Python
        return False
    return _begins_words(list(_parser.parse(pattern.pattern, pattern.flags)))


def _begins_words(items: list[Any]) -> bool:
    if not items:
        return False
    op, av = items[0]
    rest = list(items[1:])
    if op is _ops.ASSERT and av[0] > 0:  # a lookahead: matches no character
        return _begins_words(rest)
    if op is _ops.SUBPATTERN and not av[1] and not av[2]:  # a group, no flags of its own
        return _begins_words(list(av[3]) + rest)
    if op is _ops.BRANCH:
        return all(_begins_words(list(branch) + rest) for branch in av[1])
    if op is _ops.AT and av is _ops.AT_BOUNDARY:
        return _word_first(rest)
    if op is _ops.ASSERT and av[0] < 0:  # a lookbehind: "(?<=higher\s)than"
        behind = list(av[1])
        return bool(behind) and _no_word(behind[-1]) and _word_first(rest)
    return False


def _word_first(items: list[Any]) -> bool:
    """Whether every match of the items begins with a character of a word."""
    first, empty = _first(items)
    return (
        first is not None
        and not empty
        and bool(first)
        and all(chr(c).isalnum() or c == ord("_") for c in first)
    )


def _no_word(item: tuple[Any, Any]) -> bool:
    """Whether a parsed item matches only a character that is no word's: a space
    (``\\s``), or a literal that is none."""
    op, av = item
    if op is _ops.LITERAL:
        return not (chr(av).isalnum() or chr(av) == "_")
    return op is _ops.IN and all(
        kind is _ops.CATEGORY and value in (_ops.CATEGORY_SPACE, _ops.CATEGORY_UNI_SPACE)
        for kind, value in av
    )


# The pairs of characters a match may begin with: a table of 128 x 128 bits, the bit of
# (a, b) at a * 128 + b (byte k >> 3, bit k & 7), a and b lowered ASCII, b 0 also for the
# end of the text searched. ``_Starts`` reads a pattern's parsed items for it.
_ALL = (1 << 128) - 1  # every ASCII character, as a mask of bits
ANY_NEXT = _ALL  # ``pairs_of``: any character after the first (a match of one character)
_TABLE_BYTES = 128 * 128 // 8
_LARGEST = 4000  # the longest pattern read for its pairs (a longer one: every pair)
_EVERY_PAIR = b"\xff" * _TABLE_BYTES


def pairs_of(seconds: Mapping[int, int]) -> bytes:
    """A table of pairs (``pair_table``'s) from the characters each first character may
    be followed by: each lowered ASCII code with the mask of the lowered ASCII characters
    after it (``ANY_NEXT`` where a match may be that character alone), a first not given
    beginning no match."""
    table = bytearray(_TABLE_BYTES)
    for first, after in seconds.items():
        table[first * 16 : first * 16 + 16] = after.to_bytes(16, "little")
    return bytes(table)


def case_blind(char: str) -> int:
    """The ASCII characters, lowered, a character of a pattern matches case ignored, as a
    mask of bits (``pair_table``'s reading of a literal: none for one that matches no
    ASCII character)."""
    return _matched(ord(char))


def pair_table(pattern: re.Pattern[str], parsed: Any = None) -> bytes:
    """Which pairs of ASCII characters, lowered, a match of ``pattern`` may begin with in
    a text all ASCII: the first two characters of the match, or its one character and any
    after it (a match of one character: every pair it begins). A bit set where a match may
    begin so, and more: case is ignored whatever the flags, a lookaround or a word's edge
    is taken to allow anything, a class that is not read (a negation, a category but
    ``\\d``, ``\\s``, ``\\w`` and theirs) to match any character. Every pair is set for a
    pattern not read (too long, or a form of the parser's output not known here).
    ``parsed``: the pattern parsed (``_parsed``), where it is already."""
    if _parser is None or len(pattern.pattern) > _LARGEST:
        return _EVERY_PAIR
    try:
        starts = _Starts.of(parsed if parsed is not None else _parsed(pattern))
    except Exception:  # pragma: no cover - a form of the parser's output not known here
        return _EVERY_PAIR
    return pairs_of(
        {
            first: _ALL if starts.ones >> first & 1 else starts.pairs.get(first, 0)
            for first in range(128)
        }
    )


class _Starts(NamedTuple):
    """How the matches of some parsed items begin, in an ASCII text (characters lowered,
    as masks of bits): whether one may be empty, the characters a match of one character
    is, and for each first character of a longer match the characters its second may be."""

    empty: bool
    ones: int
    pairs: dict[int, int]

    @staticmethod
    def of(items: Any) -> _Starts:
        """The items matched one after another (read up to where every match of those
        read holds two characters: the items after them begin no pair)."""
        out = _NOTHING
        for op, av in items:
            out = out.then(_item_starts(op, av))
            if not out.empty and not out.ones:
                break
        return out

    def first(self) -> int:
        """The characters a non-empty match may begin with."""
        chars = self.ones
        for char in self.pairs:
            chars |= 1 << char
        return chars

    def then(self, after: _Starts) -> _Starts:
        """This followed by ``after``."""
        pairs = dict(self.pairs)
        second = _ALL if after.empty else after.first()  # after one of ours: any, or its first
        for char in _bits(self.ones):
            pairs[char] = pairs.get(char, 0) | second
        if self.empty:
            for char, seconds in after.pairs.items():
                pairs[char] = pairs.get(char, 0) | seconds
        ones = (self.ones if after.empty else 0) | (after.ones if self.empty else 0)
        return _Starts(self.empty and after.empty, ones, pairs)

    def either(self, other: _Starts) -> _Starts:
        """This or ``other``."""
        pairs = dict(self.pairs)
        for char, seconds in other.pairs.items():
            pairs[char] = pairs.get(char, 0) | seconds
        return _Starts(self.empty or other.empty, self.ones | other.ones, pairs)


_NOTHING = _Starts(True, 0, {})  # the empty string (a word's edge, a lookaround)
_ANYTHING = _Starts(True, _ALL, dict.fromkeys(range(128), _ALL))  # an item not read


def _bits(mask: int) -> Iterator[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


def _item_starts(op: Any, av: Any) -> _Starts:
    if op is _ops.LITERAL:
        return _Starts(False, _matched(av), {})
    if op is _ops.NOT_LITERAL or op is _ops.ANY:
        return _Starts(False, _ALL, {})
    if op is _ops.IN:
        return _Starts(False, _class(av), {})
    if op in (_ops.AT, _ops.ASSERT, _ops.ASSERT_NOT):
        return _NOTHING  # matches no character (what it asks of the text is not read)
    if op is _ops.SUBPATTERN:
        return _Starts.of(av[3])
    if op is _ops.ATOMIC_GROUP:
        return _Starts.of(av)
    if op is _ops.BRANCH:
        out: _Starts | None = None
        for branch in av[1]:
            each = _Starts.of(branch)
            out = each if out is None else out.either(each)
        return out or _NOTHING
    if op in (_ops.MAX_REPEAT, _ops.MIN_REPEAT, _ops.POSSESSIVE_REPEAT):
        least, most, item = av
        if most == 0:
            return _NOTHING
        once = _Starts.of(item)
        out = once.either(once.then(once)) if most >= 2 else once  # two begin a pair
        return out if least > 0 else _Starts(True, out.ones, out.pairs)
    return _ANYTHING


def _matched(code: int) -> int:
    """The ASCII characters, lowered, a literal may match, case ignored: itself, its other
    case, and for the four letters beyond ASCII that ``re`` matches with an ASCII one
    (U+0130, U+0131, U+017F, U+212A) that letter."""
    if code < 128:
        return _bit(ord(chr(code).lower()))
    return _BEYOND.get(code, 0)


def _bit(n: int) -> int:
    """``1 << n``, a Python int whatever ``n``'s type: compiled (Cython), ``1 << ord(c)``
    is a shift of C longs, wrong past bit 63, and these masks hold 128 bits."""
    return 1 << n


_BEYOND = {
    0x130: _bit(ord("i")),
    0x131: _bit(ord("i")),
    0x17F: _bit(ord("s")),
    0x212A: _bit(ord("k")),
}


def _class(items: Any) -> int:
    """The ASCII characters, lowered, a class may match (every one for a negation or an
    item not read)."""
    mask = 0
    for kind, value in items:
        if kind is _ops.LITERAL:
            mask |= _matched(value)
        elif kind is _ops.RANGE:
            low, high = value
            for code in range(low, min(high, 127) + 1):
                mask |= _matched(code)
            for code, char in _BEYOND.items():
                mask |= char if low <= code <= high else 0
        elif kind is _ops.CATEGORY and value in _CATEGORIES:
            mask |= _CATEGORIES[value]
        else:
            return _ALL  # a negation, another category
    return mask


def _of(chars: str) -> int:
    return sum(_bit(ord(c)) for c in set(chars.lower()))


_DIGITS = _of("0123456789")
_SPACES = _of(" \t\n\r\f\v\x1c\x1d\x1e\x1f")
SPACES = _SPACES  # the ASCII characters ``\s`` matches, as a mask of bits (``pairs_of``)
_WORDS = _of("0123456789abcdefghijklmnopqrstuvwxyz_")
_CATEGORIES = (
    {}
    if _ops is None
    else {
        _ops.CATEGORY_DIGIT: _DIGITS,
        _ops.CATEGORY_UNI_DIGIT: _DIGITS,
        _ops.CATEGORY_SPACE: _SPACES,
        _ops.CATEGORY_UNI_SPACE: _SPACES,
        _ops.CATEGORY_WORD: _WORDS,
        _ops.CATEGORY_UNI_WORD: _WORDS,
    }
)

_WORD_ASCII = frozenset("0123456789abcdefghijklmnopqrstuvwxyz_")


def _parsed(pattern: re.Pattern[str]) -> Any:
    """The pattern parsed by ``re``'s parser; None where it is not read (too long, no
    parser, a form not known here): ``pair_table`` and ``openings`` then say so."""
    if _parser is None or len(pattern.pattern) > _LARGEST:
        return None
    try:
        return _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # pragma: no cover - a form of the parser's output not known here
        return None


_OPENING = 3  # the characters of an opening
_OPENINGS = 2048  # the most openings a pattern is read for (more: none said)


def openings(pattern: re.Pattern[str], parsed: Any = None) -> frozenset[str] | None:
    """The first three characters, lowered, of every match of ``pattern`` in a plain text
    (all ASCII, ``ascii_twins.plain``), or None where they cannot be told: a match may be
    of one character or none, or begin with a character of a negated class or any
    character, or they are more than ``_OPENINGS``, or the pattern holds a form not read
    here. A match of two characters is its two (it opens every three they begin, and
    them alone at the text's end). ``parsed``: the pattern parsed, where it is already.

    Read from the parsed pattern as ``pair_table`` reads its pairs: a literal or a class
    is the ASCII characters it may match, lowered, case ignored whatever the flags (a
    text's three characters lowered are then among a match's lowered); a word's edge and
    a lookaround match no character (what they ask of the text is not read: the openings
    may be more than the matches', never fewer); a group or a repeat what it holds."""
    if _parser is None or len(pattern.pattern) > _LARGEST:
        return None
    try:
        heads = _heads(parsed if parsed is not None else _parsed(pattern))
    except Exception:  # pragma: no cover - a form of the parser's output not known here
        return None
    if heads is None or any(len(head) < _OPENING - 1 for head in heads):
        return None
    return frozenset(heads)


@functools.lru_cache(maxsize=256)  # the classes of the patterns repeat: "\\s", a letter
def _mask_chars(mask: int) -> frozenset[str]:
    """The characters of a mask of ASCII characters (``_class``'s)."""
    return frozenset(chr(c) for c in _bits(mask))


def _then(heads: set[str], after: set[str], need: int = _OPENING) -> set[str]:
    """The openings of a match of ``heads`` followed by one of ``after`` (each at most
    ``need`` characters long)."""
    return {
        head if len(head) >= need else (head + more)[:need]
        for head in heads
        for more in (after if len(head) < need else ("",))
    }


def _heads(items: Any, need: int = _OPENING) -> set[str] | None:
    """The openings of a sequence of parsed items: each match's first ``need``
    characters lowered, or all of a shorter match; None where not told. Each item is
    read for as many characters as the shortest opening so far lacks."""
    out = {""}
    for op, av in items:
        shortest = min(map(len, out))
        if shortest >= need:
            break
        after = _item_heads(op, av, need - shortest)
        if after is None:
            return None
        out = _then(out, after, need)
        if len(out) > _OPENINGS:
            return None
    return out


def _item_heads(op: Any, av: Any, need: int) -> set[str] | None:
    """The openings of one parsed item, each at most ``need`` characters long."""
    if op is _ops.LITERAL or op is _ops.IN:
        mask = _matched(av) if op is _ops.LITERAL else _class(av)
        return None if mask == _ALL else set(_mask_chars(mask))
    if op in (_ops.AT, _ops.ASSERT, _ops.ASSERT_NOT):
        return {""}  # matches no character
    if op is _ops.SUBPATTERN:
        return _heads(av[3], need)
    if op is _ops.ATOMIC_GROUP:
        return _heads(av, need)
    if op is _ops.BRANCH:
        out: set[str] = set()
        for branch in av[1]:
            heads = _heads(branch, need)
            if heads is None:
                return None
            out |= heads
        return out
    if op in (_ops.MAX_REPEAT, _ops.MIN_REPEAT, _ops.POSSESSIVE_REPEAT):
        least, most, item = av
        once = _heads(item, need)
        if once is None:
            return None
        # copies past the ``need``-th add nothing to ``need`` characters a copy adds one
        # or more to (a copy that may be empty is one of fewer copies)
        out, times = (set(), {""})
        for count in range(min(most, need) + 1):
            if count >= min(least, need):
                out |= times
            times = _then(times, once, need)
            if len(out) > _OPENINGS or len(times) > _OPENINGS:
                return None
        return out
    return None


# Which three characters, lowered, a match may begin with: a table of 4096 bits, the bit
# of (a, b, c) at ``_triple_bit`` (byte k >> 3, bit k & 7), b and c 0 also past the end of
# the text searched. Three characters share a bit with others: the table says where a
# match may not begin, never where one does.
_TRIPLE_BITS = 4096
_TRIPLE_BYTES = _TRIPLE_BITS // 8
_EVERY_TRIPLE = b"\xff" * _TRIPLE_BYTES


def _triple_bit(a: int, b: int, c: int) -> int:
    """The bit of three ASCII characters (their codes, lowered) in a ``triple_table``."""
    return ((a * 131 + b) * 137 + c) % _TRIPLE_BITS


def triple_table(opened: frozenset[str] | None) -> bytes:
    """The table of the three characters matches begin with (``openings``: their first
    three lowered; a match of two with any third, 0 too, as ``word_starts`` reads past
    the end); every bit set where they are not told."""
    if opened is None:
        return _EVERY_TRIPLE
    table = bytearray(_TRIPLE_BYTES)
    for head in opened:
        codes = [ord(c) for c in head[:3]]
        if len(codes) < 2 or any(code > 127 for code in codes):
            return _EVERY_TRIPLE  # (``openings`` gives ASCII only, two characters or more)
        for third in [codes[2]] if len(codes) == 3 else range(128):  # a match of two: any
            k = _triple_bit(codes[0], codes[1], third)
            table[k >> 3] |= 1 << (k & 7)
    return bytes(table)


def _word_starts_python(
    text: str, pos: int, endpos: int, pairs: bytes, triples: bytes = _EVERY_TRIPLE
) -> list[int]:
    """``pos`` and the places past it before ``endpos`` (as ``re`` bounds them) after a
    character that is no word's (ASCII's: not a letter, a digit or "_"), whose character and
    the next, lowered (the next 0 at ``endpos``), are a pair ``pairs`` holds
    (``pair_table``), and whose three, lowered (each past ``endpos`` 0), are a triple
    ``triples`` holds (``triple_table``), in order. In a text not all ASCII, a character
    is no word's as ``re``'s ``\\W`` says (not alphanumeric by Unicode, nor "_"), and a
    place whose first two characters (or three) are not all ASCII passes the tables (which
    tell only ASCII characters; every pair and triple of them they hold a match may begin
    with in any text, case ignored as ``re`` ignores it: ``pair_table``, ``openings``).

    The specification of the compiled ``word_starts`` (``_sieve.c``), which reads the text
    in one pass of C where ``WordLed`` searched for each character that is no word's with
    ``re``, reading every character by a class."""
    if not text.isascii():
        return _word_starts_unicode(text, pos, endpos, pairs, triples)
    if len(pairs) != _TABLE_BYTES:
        raise ValueError("word_starts() needs a table of 128 x 128 bits")
    if len(triples) != _TRIPLE_BYTES:
        raise ValueError("word_starts() needs a table of 4096 bits of triples")
    low = text.lower()
    end = min(endpos, len(text))
    out = []
    first = max(pos, 0)
    for place in range(first, end):
        if place > first and low[place - 1] in _WORD_ASCII:
            continue  # (``pos`` itself whatever stands before it: a match may begin there)
        a = ord(low[place])
        b = ord(low[place + 1]) if place + 1 < end else 0
        k = a * 128 + b
        if pairs[k >> 3] >> (k & 7) & 1:
            t = _triple_bit(a, b, ord(low[place + 2]) if place + 2 < end else 0)
            if triples[t >> 3] >> (t & 7) & 1:
                out.append(place)
    return out


def _word_starts_unicode(
    text: str, pos: int, endpos: int, pairs: bytes, triples: bytes
) -> list[int]:
    """``_word_starts_python`` in a text not all ASCII (lowering it whole may move its
    characters: "\u0130" lowers to two), each character read as it is."""
    if len(pairs) != _TABLE_BYTES:
        raise ValueError("word_starts() needs a table of 128 x 128 bits")
    if len(triples) != _TRIPLE_BYTES:
        raise ValueError("word_starts() needs a table of 4096 bits of triples")
    end = min(endpos, len(text))
    out = []
    first = max(pos, 0)
    for place in range(first, end):
        if place > first and (text[place - 1].isalnum() or text[place - 1] == "_"):
            continue
        a, b, c = (ord(text[k]) if k < end else 0 for k in range(place, place + 3))
        if a < 128 and b < 128:
            a, b = ord(chr(a).lower()), ord(chr(b).lower())
            k = a * 128 + b
            if not pairs[k >> 3] >> (k & 7) & 1:
                continue
            if c < 128:
                t = _triple_bit(a, b, ord(chr(c).lower()))
                if not triples[t >> 3] >> (t & 7) & 1:
                    continue
        out.append(place)
    return out


def _compiled_word_starts(*, forced: bool = False) -> Callable[..., list[int]] | None:
    """The compiled ``word_starts`` (``_sieve.c``), as ``extensions.compiled`` gives it."""
    module = compiled("tieout.vocabulary._sieve", forced=forced)
    return None if module is None else getattr(module, "word_starts", None)


_word_starts: Callable[..., list[int]] = _compiled_word_starts() or _word_starts_python
# Where it is not built, ``WordLed`` searches as ``re`` does (the Python above, the
# specification, is slower than that search): ``found`` and ``search`` ask this
COMPILED = _word_starts is not _word_starts_python
