"""Leads: a pattern made faster to search, finding the same matches.

``re`` looks for a pattern's literal start with a fast scan, but a pattern that ignores
case and begins with alternatives ("reconcil..." or "website...", "first|second quarter")
or with an assertion (``\\breconcil``) has none: a search tries the pattern at every
character of the text. Led by a lookahead of the characters a match may begin with, it
passes every other character at once.
"""

from __future__ import annotations

import re
from typing import Any

try:  # the parser of Python's re module (3.11 on): not public, so read with care
    from re import _constants as _ops  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python: patterns run as they are
    _parser = None
    _ops = None

__all__ = ["led"]


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
