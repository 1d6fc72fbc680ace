"""A sieve of patterns: which of many patterns can find anything in a sentence at all.

A sentence is searched with many patterns (the period phrases, the metrics the vocabulary
names), each a pass over it of its own, and most find nothing in most sentences. Every
match of a pattern holds one of a few words it spells out: a period phrase of ``weeks``
holds "week" or "month", a net loss "loss". ``needs`` reads those words from the compiled
pattern itself (with the parser of Python's ``re``, so they follow the pattern as it is
changed); a sentence whose folded text (``vocabulary.folding``) holds none of them is not
searched with it, which changes no match.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from tieout.extensions import compiled
from tieout.vocabulary.folding import folded
from tieout.vocabulary.leads import led

_T = TypeVar("_T")

try:  # the parser of Python's re module (3.11 on): not public, so read with care
    from re import _constants as _ops  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - another Python: every pattern runs
    _parser = None
    _ops = None


_CLAUSES = 3  # of the words a pattern needs, the rarest clauses looked for


def needs(pattern: re.Pattern[str]) -> tuple[frozenset[str], ...]:
    """What every match of ``pattern`` holds: one word (lowercase ASCII) of each set;
    none when the pattern does not say (then it must always run)."""
    if _parser is None:  # pragma: no cover - another Python
        return ()
    try:
        found = _clauses(_parser.parse(pattern.pattern, pattern.flags))
    except Exception:  # pragma: no cover - a form of the parser's output not known here
        return ()
    found.sort(key=_shortest, reverse=True)  # the rarest first
    return tuple(frozenset(words) for words in found[:_CLAUSES])


def _clauses(items: Iterable[tuple[Any, Any]]) -> list[set[str]]:
    """Of a sequence of parsed items, sets of words of which every match holds one word
    of each: a run of ASCII literals (and small classes of them: ``Q[1-4]``) spells its
    words; a group, a repeat at least once or a positive lookahead or lookbehind has those
    of what it holds (a lookahead's words are in the text, if not in the match); an alternation
    whose every branch has some, their union (of each branch's rarest). Other classes,
    assertions and optional parts give none."""
    found: list[set[str]] = []
    run: list[str] = []  # the words the literals so far spell, each way they may

    def spelled() -> None:
        if run and run[0]:
            found.append(set(run))
        run[:] = [""]

    run.append("")
    for op, av in items:
        chars = _chars(op, av)
        if chars is None and op is _ops.SUBPATTERN and len(av[3]) == 1:
            chars = _chars(*av[3][0])  # a group of one character: "Q(?P<ord>[1-4])"
        if chars is not None:
            if len(run) * len(chars) > _SPELLINGS:
                spelled()
            run[:] = [word + char for word in run for char in chars]
            continue
        spelled()
        if op is _ops.SUBPATTERN:
            found.extend(_clauses(av[3]))
        elif op is _ops.ATOMIC_GROUP:
            found.extend(_clauses(av))
        elif op is _ops.ASSERT:  # a lookahead or lookbehind: the text holds what it matches
            found.extend(_clauses(av[1]))
        elif op is _ops.BRANCH:
            rarest = [_rarest(_clauses(branch)) for branch in av[1]]
            if all(rarest):
                found.append({word for words in rarest if words for word in words})
        elif op in (_ops.MAX_REPEAT, _ops.MIN_REPEAT, _ops.POSSESSIVE_REPEAT) and av[0] >= 1:
            found.extend(_clauses(av[2]))
    spelled()
    return found


_SPELLINGS = 16  # the most ways a run of literals and classes is spelled out


def _chars(op: Any, av: Any) -> list[str] | None:
    """The characters (lowercase ASCII, or a symbol without case: "¢") a literal or a
    small class of them matches."""
    if op is _ops.LITERAL:
        return [chr(av).lower()] if chr(av).isascii() or _caseless(chr(av)) else None
    if op is not _ops.IN:
        return None
    chars: set[str] = set()
    for kind, value in av:
        if kind is _ops.LITERAL and chr(value).isascii():
            chars.add(chr(value).lower())
        elif kind is _ops.RANGE and value[1] < 128 and value[1] - value[0] < _SPELLINGS:
            chars.update(chr(c).lower() for c in range(value[0], value[1] + 1))
        else:
            return None  # a category, a negation, a large or non-ASCII range
    return sorted(chars) if 0 < len(chars) <= _SPELLINGS else None


def _caseless(char: str) -> bool:
    """A character that is no letter and has no other case: matched, case ignored or not,
    by itself only, and kept as it is by ``folded``."""
    return not char.isalpha() and char.lower() == char == char.upper() and char.isprintable()


def _rarest(clauses: list[set[str]]) -> set[str] | None:
    """The clause whose shortest word is longest."""
    return max(clauses, key=_shortest) if clauses else None


def _shortest(words: Iterable[str]) -> int:
    return min(map(len, words))


class _SievingPython:
    """What a sieve is asked: which of its entries (``_patterns``, made by ``_made`` when
    first asked) may find something in a text (``_passing``). The specification of the
    compiled ``Sieving`` (``_sieve.c``), the base of ``Sieve`` where it is built: asked of
    every label and sentence (some 4,500 times a first sight of the three text releases),
    a call of Python's ``__call__`` made a frame of its own for each, some 800
    instructions, most of a short label's sieving."""

    def __init__(self, folding: Callable[[str], str], asks: bool = False) -> None:
        self._folding = folding
        self._asks = asks  # a question (``words.Words``): the answer, not the patterns
        self._patterns: tuple[Any, ...] = ()

    def __call__(self, text: str) -> Any:
        """The patterns that may find something in ``text``, in their order; where it
        asks, whether the first of them (led) finds something there."""
        # one test of the entries made, not two lengths compared
        passing = _passing(text, self._patterns or self._made(), self._folding)
        if not self._asks:
            return passing
        for _, pattern in passing:
            return pattern.search(text) is not None
        return False

    def _made(self) -> tuple[Any, ...]:
        raise NotImplementedError  # pragma: no cover - a sieve's own


def _compiled_sieving(*, forced: bool = False) -> type[_SievingPython] | None:
    """The compiled ``Sieving`` (``_sieve.c``), as ``extensions.compiled`` gives it."""
    module = compiled("tieout.vocabulary._sieve", forced=forced)
    return None if module is None else module.Sieving


if TYPE_CHECKING:
    _Sieving = _SievingPython
else:
    _Sieving = _compiled_sieving() or _SievingPython


class Sieve(_Sieving, Generic[_T]):
    """Patterns, each with what it stands for, and the words each needs (``needs``, read
    when first sieved with: reading them costs a few milliseconds, not at import).

    The patterns it gives are led by the characters their matches begin with
    (``vocabulary.leads.led``, made when first sieved with too): each finds what the
    pattern given finds, with its groups, and passes faster over the other characters.
    Which pass is asked of the compiled ``passing`` (``_sieve.c``) where it is built."""

    def __init__(self, patterns: Sequence[tuple[_T, re.Pattern[str]]]) -> None:
        super().__init__(folded)
        self._given = tuple(patterns)

    if TYPE_CHECKING:  # the call is the base's (``_SievingPython``, or compiled)

        def __call__(self, text: str) -> list[tuple[_T, re.Pattern[str]]]:
            """The patterns that may find something in ``text``, in their order."""
            ...

    def _made(self) -> tuple[_Entry[_T], ...]:
        """The entries, made when first sieved with (none for no patterns: made again)."""
        self._patterns = entries(self._given)
        return self._patterns


def entries(given: Iterable[tuple[_T, re.Pattern[str]]]) -> tuple[_Entry[_T], ...]:
    """A sieve's entries: each pattern's words (a word of each clause of ``needs``, the
    least of them) and what it stands for with the pattern led."""
    return tuple(
        (tuple(_least(words) for words in needs(pattern)), (what, led(pattern)))
        for what, pattern in given
    )


# A pattern as a sieve holds it: the words it needs (a word of each clause), and what it
# stands for with the pattern led (the pair the sieve gives, made once).
_Entry = tuple[tuple[tuple[str, ...], ...], tuple[_T, re.Pattern[str]]]


def _passing_python(
    text: str, patterns: tuple[_Entry[_T], ...], folding: Callable[[str], str] = folded
) -> list[tuple[_T, re.Pattern[str]]]:
    """The pairs of the entries whose words ``text`` holds, folded (``folding``, which is
    ``folding.folded``): a word of each clause. The specification of the compiled
    ``passing`` (``_sieve.c``), which gives the same pairs, folding the text itself (the
    few letters ``folded`` makes ASCII) and calling ``folding`` only for a word not
    ASCII in a text not ASCII."""
    low = folding(text)
    out = []
    for need, pair in patterns:
        for words in need:  # loops, not any(): this runs for every pattern and sentence
            for word in words:
                if word in low:
                    break
            else:
                break  # no word of this clause: the pattern finds nothing
        else:
            out.append(pair)
    return out


def _compiled_passing(*, forced: bool = False) -> Callable[..., Any] | None:
    """The compiled ``passing`` (``_sieve.c``), as ``extensions.compiled`` gives it."""
    module = compiled("tieout.vocabulary._sieve", forced=forced)
    return None if module is None else module.passing


_passing: Callable[..., Any] = _compiled_passing() or _passing_python
COMPILED = _passing is not _passing_python


def _least(words: frozenset[str]) -> tuple[str, ...]:
    """The words of a clause that hold no other of its words: a text holds a word of the
    clause exactly when it holds one of these ("april" holds "apr", "during" holds "in")."""
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))
