"""Wording: how a sentence says what a figure is, word by word.

A figure is *attached* to the metric before it when only linking words stand between
them ("net sales for the first quarter of 2004 *were* $33,006,000", "net sales of the
Rubber Group *increased by* 4% *to* $27,803,000", "..., *or* 3 cents per diluted common
share"); only an attached figure names a figure of the tables firmly enough to
contradict it. Direction words make a figure a change ("increased by 4%", "an increase
of $623,000") or a level with a direction ("increased to $3,542,000"); sign words give
its sign ("net loss of", "negative $409,000"); qualifiers widen it ("approximately").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from tieout.model import ClaimKind, ClaimTrait, Unit
from tieout.prose.frames import masked, tokens
from tieout.prose.numbers import Figure
from tieout.prose.periods import PeriodPhrase, When
from tieout.prose.sentences import wordset
from tieout.prose.subjects import HEAD_NOUNS, Mention
from tieout.vocabulary.concepts import Concept
from tieout.vocabulary.leads import led
from tieout.vocabulary.sieve import Sieve

FORWARD = led(
    re.compile(
        r"\b(?:expects?|expected\s+to|anticipates?|anticipated|outlook|guidance|forecasts?|projected|"
        r"projects|targets?|goal|will\s+be|estimates?|plans?\s+to|intends?|range\s+of|between\s+\$)\b",
        re.I,
    )
)  # led (``leads.led``): searched in every sentence of a paragraph that may look ahead
_INCREASE = wordset(
    """increase increased increases increasing rose rise rises risen grew grow grows growth up
    higher improved improvement gained climbed jumped advanced"""
)
_DECREASE = wordset(
    """decrease decreased decreases decreasing fell fall falls declined decline declines down
    lower dropped drop reduction reduced slipped"""
)
_DIRECTION = _INCREASE | _DECREASE
_LINK = wordset(
    """of was were is are be been being has had have totaled totalled totaling totalling total
    amounted amounting to at for in the a an its their our company's reported reports report
    recorded posted came reached stood increased decreased rose fell grew declined improved
    dropped climbed jumped slipped increase decrease decline rise gain up down by compared
    comparison with versus vs from over and or which during segment group division business
    unit than respectively same period quarter year prior previous last ago also positive
    negative minus approximately about nearly almost roughly some around more less under
    just least excess close each both this current it they generated delivered achieved
    unchanged flat year-over-year usd constant currency trailing basis growth"""
)
_SIGN_WORDS: dict[str, int] = {
    "negative": -1, "minus": -1, "positive": 1, "loss": -1, "losses": -1, "income": 1,
    "profit": 1, "earnings": 1,
}  # fmt: skip
# the words that may stand between a metric and its figure
_SIGN_WORD_SET = frozenset(_SIGN_WORDS)
_LINKING = _LINK | _SIGN_WORD_SET
_QUALIFIER = led(
    re.compile(
        r"(?P<q>approximately|about|around|roughly|nearly|almost|some|more\s+than|less\s+than|over|"
        r"under|at\s+least|in\s+excess\s+of|close\s+to|just\s+(?:over|under))\s+"
        r"(?:(?:negative|positive)\s+)?$",
        re.I,
    )
)  # led (``leads.led``), as are the other patterns searched before a figure: each is tried
# at every character of the words before it (5 us a figure here, 1.4 led)
# Whether the words before a figure hold a qualifier's word at all (``sieve.needs``): 100
# of the corpus's 2,424 figures follow one, and the sieve answers the others in a third of
# the search's time.
_QUALIFIER_WORDS = Sieve([(True, _QUALIFIER)])
QUALIFIER = _QUALIFIER  # sieved for with a sentence's other searches (``prose.claims``)
# What ``_QUALIFIER`` finds at the end of one token and a space ("over "), a token holding
# no space: a qualifier of one word (its other words stand after spaces), which the token
# ends with (the pattern opens with no ``\b``: "turnover " is found too).
_QUALIFIER_ENDS = ("approximately", "about", "around", "roughly", "nearly", "almost", "some",
                   "over", "under")  # fmt: skip
_QUALIFIER_NAMES = {
    "approximately": "approximately", "about": "approximately", "around": "approximately",
    "roughly": "approximately", "some": "approximately", "close to": "nearly",
    "nearly": "nearly", "almost": "nearly", "just under": "nearly", "more than": "more than",
    "over": "more than", "in excess of": "more than", "just over": "more than",
    "at least": "at least", "less than": "less than", "under": "less than",
}  # fmt: skip
# A direction named after the figure, perhaps past a closing parenthesis or an aside in
# parentheses: "up 5% increase", "$25.1 billion (5.0 percent) higher than a year ago".
# Matched at a place, up to ``_WINDOW`` characters after it (``match``'s ``pos`` and
# ``endpos``: the text is not sliced); its ``\b`` reads no character before the place.
_AFTER_DIRECTION = re.compile(
    r"\s*\)?\s*(?:\([^()]{0,40}\)\s*)?(?P<w>increase|rise|gain|improvement|growth|higher|decrease"
    r"|decline|drop|reduction|lower)\b",
    re.I,
)
# The join before the next item of a list: "... of $43 million (2.8 percent) and total ..."
_LIST_JOIN = led(re.compile(r"(?:\band|,)\s*$"))
# A change named before its metric: "a decrease in noninterest income of $55 million".
_CHANGE_IN = led(
    re.compile(
        r"\b(?:(?P<w>increases?|decreases?|growth|declines?|reductions?|improvements?|drops?|gains?"
        r"|rise)\s+(?:in|of)\s+(?:the\s+|its\s+|our\s+)?|(?P<a>higher|lower)\s+)$",
        re.I,
    )
)
# Between an amount of change and the same change in percent: "$31 million (14.2 percent)"
_BESIDE = re.compile(r"\s*(?:\(|,?\s*or\s+)\s*", re.I)
_SPACES = re.compile(r"\s+")
_MAX_GAP = 16
_WINDOW = 200  # characters around a figure its wording is read in (long lines stay linear)
# An abbreviation in parentheses after a name: "(IaaS)", "(EPS)".
_ACRONYM = re.compile(r"\(\s*[A-Z][A-Za-z&]{1,7}\s*\)")
# A metric named right after its figure: "$41 billion in net income", "$2 million of revenue",
# "$16.96 diluted EPS".
_NAMED_AFTER = re.compile(
    r"\)?\s+(?:\([^()]{0,40}\)\s+)?(?:(?:in|of)\s+(?:(?:the|its|our|their|total|average)\s+)?"
    r"|(?:basic|diluted)\s+)?",
    re.I,
)
# A subject printed after the figure: "$62 million of fee income", "$22.0 billion of consumer
# loans"; when no metric the tables print is named there, the figure is of none of them.
_OWN_SUBJECT = re.compile(r"\s+of\s+(?!(?:which|whom|this|that|these|those)\b)[A-Za-z]")
_OF_THE = re.compile(r"\s+of\s+(?:the\s+)?", re.I)
# An aside between commas does not detach a figure: "Earnings, excluding the one-time
# items, were $1.51 billion".
_ASIDE = re.compile(r",\s*(?:excluding|including|before|after|net\s+of)\b[^,;]*,", re.I)
# A change of a rate in basis points between the rate and its level: "net interest margin
# decreased 7 basis points to 2.32%" words the level as the margin's value.
_BASIS_POINTS = re.compile(r"\b\d+(?:\.\d+)?\s*(?:basis[\s-]+points?|bps?)\b", re.I)
# The members asked of each figure, read once here: a member read through its class goes
# through ``EnumType.__getattr__``'s hook (Python 3.11), some 400 instructions a read, about
# fifteen reads a figure.
_PERCENT, _USD, _USD_PER_SHARE = Unit.PERCENT, Unit.USD, Unit.USD_PER_SHARE
_AMOUNTS = (_USD, _USD_PER_SHARE)
_CHANGE = ClaimKind.CHANGE
_PERCENT_CHANGE, _PERCENT_KIND = ClaimKind.PERCENT_CHANGE, ClaimKind.PERCENT
_INCREASE_TRAIT, _DECREASE_TRAIT = ClaimTrait.INCREASE, ClaimTrait.DECREASE


@dataclass(slots=True)  # one per figure, read and written field by field
class Draft:
    """A figure while its sentence is read: what the words around it say."""

    figure: Figure
    clause: int
    frame_prior: bool
    mention: Mention | None = None
    attached: bool = False
    via: int | None = None  # index of the figure it is linked through
    sign: int = 1
    sign_inherited: bool = False
    forward: bool = False  # its metric is named after it: "$41 billion in net income"
    kind: ClaimKind = ClaimKind.LEVEL
    traits: set[ClaimTrait] = field(default_factory=set)
    qualifiers: tuple[str, ...] = ()
    segment: str | None = None
    when: When | None = None
    concept: Concept | None = None


def attach(
    text: str,
    i: int,
    items: list[Draft],
    mentions: Sequence[Mention],
    named: Sequence[tuple[int, int]],
    phrases: Sequence[PeriodPhrase],
    clause_start: int,
    qualified: bool = True,
) -> None:
    """Find the metric a figure speaks of, and whether it is worded as that metric's value.

    ``named`` are the spans of the sentence's segments and period phrases, which may stand
    between a metric and its figure ("net income for the Rubber Group of $5 million"):
    the same for each of its figures, made once per sentence. ``qualified`` is False
    where no qualifier can stand before any figure of the sentence (``qualifier_worded``)."""
    item = items[i]
    fig = item.figure
    fig_start, fig_end = fig.start, fig.end
    before_figure = text[fig_start - 30 if fig_start > 30 else 0 : fig_start]
    if qualified and _QUALIFIER_WORDS(before_figure):
        q = _QUALIFIER.search(before_figure)
        if q is not None:
            key = _SPACES.sub(" ", q.group("q").lower())
            after_percent = i > 0 and items[i - 1].figure.unit is _PERCENT
            if not (key == "over" and after_percent):
                item.qualifiers = (_QUALIFIER_NAMES[key],)
    after = None  # the first metric named after it that may be its subject
    for m in mentions:  # loops, not next(): asked per figure
        if m.anchor and m.start >= fig_end:
            after = m
            break
    # the patterns matched from and to a place of the text (``pos``, ``endpos``), as they
    # matched its slice: they hold no anchor, no lookbehind and no ``\b``
    if after is not None and _NAMED_AFTER.fullmatch(text, fig_end, after.start):
        item.mention, item.attached, item.forward = after, True, True  # "$41 billion in net income"
        item.sign = 1 if fig.value < 0 else after.sign
        return
    if _OWN_SUBJECT.match(text, fig_end):
        for p in phrases:
            if p.start >= fig_end and _OF_THE.fullmatch(text, fig_end, p.start):
                break  # "$5 million of the first quarter": a period, no subject
        else:
            return  # "$62 million of fee income": the figure names a subject of its own
    last = mention = None  # the last metric before it in its clause, and the last anchor
    for m in mentions:
        if clause_start <= m.start and m.end <= fig_start:
            last = m
            if m.anchor:
                mention = m
    item.mention = mention if mention is not None else last
    if mention is None:
        return
    point, via = mention.end, None
    clause = item.clause
    for j in range(i - 1, -1, -1):
        other = items[j]
        if (
            other.clause == clause
            and other.mention is mention
            and other.attached
            and other.figure.end > point
        ):
            point, via = other.figure.end, j
            break
    spans = named
    if text.find(",", point, fig_start) >= 0:  # an aside opens with a comma
        spans = [*spans, *((m.start(), m.end()) for m in _ASIDE.finditer(text, point, fig_start))]
    if text.find("(", point, fig_start) >= 0:  # an abbreviation with its parenthesis
        spans = [*spans, *((m.start(), m.end()) for m in _ACRONYM.finditer(text, point, fig_start))]
    if fig.unit is _PERCENT:
        spans = [
            *spans,
            *((m.start(), m.end()) for m in _BASIS_POINTS.finditer(text, point, fig_start)),
        ]
    words = tokens(masked(text, point, fig_start, spans))
    if via is None and words and words[0] in HEAD_NOUNS:
        words = words[1:]  # "Cloud infrastructure-as-a-service (IaaS) revenues were $128 million"
    if len(words) > _MAX_GAP or not _LINKING.issuperset(words):
        return
    if "by" in words:
        for k, t in enumerate(words):
            if t == "by" and (k == 0 or words[k - 1] not in _DIRECTION):
                return
    item.attached, item.via = True, via
    # the sign the last two words give ("net loss of", "negative"), the last first
    own_sign = _SIGN_WORDS.get(words[-1]) if words else None
    if own_sign is None and len(words) > 1:
        own_sign = _SIGN_WORDS.get(words[-2])
    if fig.value < 0:
        item.sign = 1  # the print carries its own sign: $(156,000)
    elif own_sign is not None:
        item.sign = own_sign
    elif via is None or items[via].figure.unit is _PERCENT:
        item.sign = mention.sign  # "increased 13% to $5,282,000": the metric's own wording
    else:
        item.sign = items[via].sign
        item.sign_inherited = True
    if via is not None and fig.unit is _USD_PER_SHARE and items[via].figure.unit is _USD:
        item.sign_inherited = own_sign is None and fig.value >= 0


def qualifier_worded(text: str) -> bool:
    """Whether a qualifier may stand before some figure of a sentence: an ASCII sentence
    holding none of ``_QUALIFIER``'s words (``_QUALIFIER_WORDS``) holds them in no stretch
    of it, each stretch lowered a piece of the sentence lowered; one not all ASCII is asked
    stretch by stretch (``folding.folded`` may join characters across a stretch's edge).
    Asked once per sentence, where each figure's stretch was sieved anew (and the
    sentence's own table of letters, which the sieve keeps for its next ask, lost)."""
    return not text.isascii() or bool(_QUALIFIER_WORDS(text))


def kind(text: str, i: int, items: list[Draft]) -> None:
    """Level, change or percent change, from the direction words before or after it."""
    item = items[i]
    fig = item.figure
    fig_start = fig.start
    mention = item.mention
    if item.via is not None:
        start = items[item.via].figure.end
    elif mention is not None:
        start = mention.end
    else:
        start = 0
    if mention is not None and (not item.attached or item.forward):
        if item.forward:
            start = 0
        if start < fig_start - 40:
            start = fig_start - 40
    words = _direction_words(text, start, fig_start)
    direction = 0
    last = words[-4:]
    for t in reversed(last):
        if t in _INCREASE:
            direction = 1
            break
        if t in _DECREASE:
            direction = -1
            break
    to_level = bool(words) and words[-1] == "to"
    via = items[item.via] if item.via is not None else None
    if fig.unit is _PERCENT and via is not None and via.kind is _CHANGE and words in ([], ["or"]):
        item.kind = _PERCENT_CHANGE  # "an increase of $1.7 billion, or 14 percent"
        item.sign = via.sign  # "... of $55 million (20.5 percent)"
        return
    if fig.unit is _PERCENT and _beside_change(text, i, items):
        item.kind = _PERCENT_CHANGE  # "an increase of $31 million (14.2 percent) in"
        item.sign = items[i - 1].sign
        return
    if fig.unit is _PERCENT:
        if direction and not to_level:
            item.kind = _PERCENT_CHANGE
            item.sign = direction
            return
        end = _worded_end(item)
        after = _direction_after(text, end)
        if after is not None:
            item.kind = _PERCENT_CHANGE
            item.sign = 1 if after.group("w").lower() in _INCREASE else -1
            return
        item.kind = _PERCENT_KIND
        item.sign = 1
    elif fig.unit in _AMOUNTS and direction and not to_level and words[-1:] != ["from"]:
        if words[-1] in ("by", "of") or words[-1] in _DIRECTION:
            item.kind = _CHANGE
            item.sign = direction
            item.sign_inherited = False
            return
    if fig.unit in _AMOUNTS and not to_level:
        changed = (
            _changed_after(text, _worded_end(item))
            or _changed_before(text, item, words)
            or _changed_in_list(text, i, items, words)
        )
        if changed:
            item.kind = _CHANGE  # "$133 million higher", "a decrease in X of $55 million"
            item.sign = changed
            item.sign_inherited = False
            return
    if to_level and direction and item.via is None:
        item.traits.add(_INCREASE_TRAIT if direction > 0 else _DECREASE_TRAIT)


# How many characters before a figure ``_direction_words`` reads first (most figures:
# enough for the words it keeps).
_TAIL = 60
# How many words ``_direction_words`` must keep from the end for them to be all that ``kind``
# reads of the words before a figure: its last four, and whether they are [], ["or"], ["of"].
_TAIL_WORDS = 4


def _worded_before(text: str, start: int, end: int) -> list[str]:
    """The words between ``start`` and ``end`` that may word a figure's direction, in order:
    its tokens but sign words, with the qualifiers that end them ("about") and a "more
    than" before the figure dropped (the specification of ``_direction_words``)."""
    words = tokens(text[start:end])  # a list of its own, made for this call
    if not _SIGN_WORD_SET.isdisjoint(words):  # most hold none: no list made again
        words = [t for t in words if t not in _SIGN_WORDS]
    while words and words[-1].endswith(_QUALIFIER_ENDS):  # ``_QUALIFIER`` of the word alone
        words.pop()
    if (
        words
        and words[-1] in ("than", "of")
        and len(words) >= 2
        and words[-2] in ("more", "less", "excess")
    ):
        words = words[:-2]
    return words


def _direction_words(text: str, start: int, end: int) -> list[str]:
    """``_worded_before``'s words, or as many of the last of them as ``kind`` reads: at
    least ``_TAIL_WORDS`` when there are more.

    ``start`` is often the sentence's start (a figure attached to no metric): its
    tokens were found from there, hundreds of characters, to read four. A token holds no
    whitespace, so the tokens after a space are the last of the whole text's; the words
    kept from them are the last of those kept from the whole, as soon as some remain once
    the qualifiers and "more than" are dropped from the end; with four or more left, the
    whole's last four are theirs and neither is [], ["or"] nor ["of"]."""
    cut = end - _TAIL
    if cut > start:
        space = text.find(" ", cut, end)
        if space >= 0:
            words = _worded_before(text, space, end)
            if len(words) >= _TAIL_WORDS:
                return words
    return _worded_before(text, start, end)


def _beside_change(text: str, i: int, items: list[Draft]) -> bool:
    """Whether a percent is printed right beside an amount of change, in parentheses or
    after "or": "an increase of $31 million (14.2 percent) in total noninterest income"
    words the same change in percent, whatever metric is named after them."""
    if i == 0:
        return False
    before = items[i - 1]
    return (
        before.kind is _CHANGE
        and before.figure.unit is _USD
        and before.clause == items[i].clause
        and bool(_BESIDE.fullmatch(text[before.figure.end : items[i].figure.start]))
    )


def _worded_end(item: Draft) -> int:
    """Where the words of a figure end: after the metric named after it ("27% revenue
    growth", "a $5 million revenue increase": the direction follows the metric)."""
    if item.forward and item.mention is not None:
        return item.mention.end
    return item.figure.end


# What may open ``_AFTER_DIRECTION``'s match past its whitespace, an ASCII character: a
# parenthesis, or the first letter of a direction word, either case.
_DIRECTION_OPENS = frozenset("()irgdhlIRGDHL")


def _direction_after(text: str, end: int) -> re.Match[str] | None:
    r"""``_AFTER_DIRECTION`` matched at ``end``, up to ``_WINDOW`` characters after it.

    Its match opens with whitespace (``\s``: ``str.lstrip``'s) and then a parenthesis or a
    direction word; where the first other character is ASCII and none of those (most: a
    figure followed by " in", ", " or " to") it is not matched (some 5,000 instructions a
    match: the case-blind words are tried one by one)."""
    first = text[end : end + _WINDOW].lstrip()[:1]
    if first.isascii() and first not in _DIRECTION_OPENS:
        return None  # "" (only whitespace) too: no direction word
    return _AFTER_DIRECTION.match(text, end, end + _WINDOW)


def _changed_after(text: str, end: int) -> int:
    """+1 or -1 when a direction follows the figure ("$133 million higher"), else 0."""
    after = _direction_after(text, end)
    if after is None:
        return 0
    return 1 if after.group("w").lower() in _INCREASE else -1


def _changed_before(text: str, item: Draft, words: Sequence[str]) -> int:
    """+1 or -1 for "a decrease in <metric> of $X", the direction before the metric."""
    mention = item.mention
    if mention is None or not item.attached or item.forward or words != ["of"]:
        return 0
    found = _CHANGE_IN.search(_last_words(text[max(0, mention.start - _WINDOW) : mention.start]))
    if found is None:
        return 0
    word = (found.group("w") or found.group("a")).lower()
    if word == "lower":
        return -1
    return (
        -1 if any(word.startswith(d) for d in ("decrease", "decline", "reduction", "drop")) else 1
    )


def _last_words(window: str) -> str:
    r"""The end of ``window`` that holds every match of ``_CHANGE_IN`` in it: its last three
    pieces between whitespace and the whitespace before them.

    A match ends the window (``$`` after ``\s+``) and spans at most three such pieces (a
    direction, "in" or "of", an article; or "higher", "lower" ending one); the end kept
    opens with whitespace, where no match begins and ``\b`` reads as it did in the window.
    A search of it tries the pattern at some 25 places where the window's tried 200."""
    rest = window.rsplit(None, 3)  # the first, when four: the window's start, stripped
    return window[len(rest[0]) :] if len(rest) == 4 else window


def _changed_in_list(text: str, i: int, items: list[Draft], words: Sequence[str]) -> int:
    """The direction of a list "decreases in A of $X (p percent) and B of $Y": B's figure
    is a change like A's, when it follows A's in its clause after "and" or a comma."""
    item = items[i]
    mention = item.mention
    if mention is None or not item.attached or words != ["of"] or i == 0:
        return 0
    previous = next(
        (
            d
            for d in reversed(items[:i])
            if d.clause == item.clause and d.figure.unit is item.figure.unit
        ),
        None,
    )
    if previous is None or previous.kind is not _CHANGE or previous.mention is mention:
        return 0
    if not _LIST_JOIN.search(text[max(0, mention.start - _WINDOW) : mention.start]):
        return 0
    return previous.sign
