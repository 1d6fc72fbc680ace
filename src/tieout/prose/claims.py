"""Claims: every figure of the prose with its subject, segment, period and wording.

For each sentence of each paragraph: its figures (numbers), the metrics and segments it
names (subjects), its periods (periods), its clauses and comparison frames (frames),
and for each figure what the words around it say (wording). A figure's period comes
from its frame, else its clause or sentence, else its paragraph, else the release (the
latest period its tables show); a figure after "compared to" speaks of the same period
a year earlier unless it names its own. Its segment comes from its clause, else from a
heading naming a segment ("Domestic" above the paragraphs about it).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from tieout.extensions import compiled
from tieout.model import (
    Claim,
    ClaimKind,
    ClaimTrait,
    Paragraph,
    Period,
    Table,
)
from tieout.prose.frames import Frame, Layout, layout
from tieout.prose.headings import compared_as_headed, opened_year_over_year, year_over_year
from tieout.prose.members import (
    ADJUSTED,
    ATTACHED,
    DECREASE,
    EARNINGS_PER_SHARE,
    FORWARD_LOOKING,
    IN_SHARES,
    IN_USD,
    IN_USD_PER_SHARE,
    INCREASE,
    LEVEL,
    LISTED,
    NET_INCOME,
    NON_GAAP,
    OTHER_PERIOD,
    PERCENT,
    PERCENT_CHANGE,
    PERIOD_INFERRED,
    PERIOD_STATED,
    SEGMENT_INFERRED,
    SIGN_INHERITED,
    UNTIED,
)
from tieout.prose.numbers import Figure, figures
from tieout.prose.periods import (
    ORDINAL_MENTION,
    PeriodPhrase,
    ReleasePeriods,
    When,
    combine,
    dates_in,
    default_period,
    fill,
    is_other,
    period_phrases,
    prior_of,
    release_periods,
)
from tieout.prose.sentences import sentences
from tieout.prose.subjects import Mention, SegmentMention, TableTerms, terms_of
from tieout.prose.wording import FORWARD, QUALIFIER, Draft, attach, kind
from tieout.vocabulary.basis import (
    BASIS_WORDING,
    CONSTANT_CURRENCY,
    basis_said_last,
    constant_currency_at,
    names_adjusted,
)
from tieout.vocabulary.leads import WordLed, led
from tieout.vocabulary.measures import QUALIFYING_WORDS, prose_measure, qualifying
from tieout.vocabulary.sieve import Sieve

_CHANGES = (ClaimKind.PERCENT_CHANGE, ClaimKind.CHANGE)
_RUN_GAP = re.compile(r"\s*(?:(?:up|down)\s+)?", re.I)
# the page number a running head ends with: "... $16.96 Diluted EPS – Page 7"
_RUNNING_HEAD = re.compile(r"[\s\-\u2013\u2014|]*\bpage\s+\d+\s*$", re.I)
# what stands between a figure and the period phrase it is of: "$12.08 for the fourth quarter"
_LINKS_PERIOD = re.compile(
    r"\s*(?:\([^()]{0,30}\)\s*)?,?\s*(?:for|in|during|at|as\s+of|of)\s+(?:the\s+)?", re.I
)
# a period phrase that begins with its own link word: ".47% at September 30, 2020"
_LINKED_PHRASE = re.compile(r"(?:for|in|during|at|as\s+of)\s", re.I)
_LIST_JOINT = re.compile(r"[\s,;]*(?:and|or)?[\s,]*", re.I)  # between the figures of a list
_JOINT = re.compile(r"[\s,]*(?:and|or)?[\s,]*")  # between the figures of a "respectively" run
# a figure of a "respectively" list paired with neither segments nor periods
_UNPAIRED = (ClaimTrait.SEGMENT_INFERRED, ClaimTrait.PERIOD_INFERRED)
# a list of the parts of the figure before it: "$316 million, including $236 million of ..."
_PARTS = led(re.compile(r"\bincluding\b|\bof\s+which\b|\bincluded\b", re.I))
# a paragraph opening on a part of the company: "X contributed $N of the Company's ..."
_PART_OF = re.compile(
    r"^(?P<name>[A-Z][\w&'’,. -]{2,80}?)\s+(?:contributed|accounted\s+for|generated|earned"
    r"|reported|recorded)\b[^.;]*?\bof\s+the\s+(?:Company|Corporation|Bank|Firm|Group)['’]s\b"
)
# between a whole's figure and a part's listed after it: "$2.8 billion ..., including $880"
_INCLUDING = re.compile(r"[^.;$]{0,60}?,?\s*(?:including|of\s+which)\s+", re.I)
# between a part's figure and the segment it is of: "$880 million acquired from BBVA USA"
_SEGMENT_AFTER = re.compile(
    r"\s+(?:(?:acquired|attributable|contributed|generated|earned)\s+)?(?:from|at|in|by|to)"
    r"\s+(?:the\s+)?",
    re.I,
)
_BULLET = re.compile(r"^(?:[\u2022\u00b7\u25aa\u25cf*-]|-\s-)\s*")


# the module's other patterns, compiled once (each runs per clause, figure or claim); those
# searched for led by the characters a match begins with (``leads.led``)
_SEQUENTIAL = led(re.compile(r"\bsequential", re.I))
_RESPECTIVELY = led(re.compile(r"\brespectively\b", re.I))
_QUALIFIER_CUT = re.compile(r",?\s+and\s+|,\s+")
_SIGN_WORD = led(re.compile(r"(?:negative|positive|minus)\s+$", re.I))
_WORD = re.compile(r"[A-Za-z][A-Za-z'&-]*")


@dataclass
class _Paragraph:
    """What a paragraph has said so far: the period its sentences speak of."""

    current: When | None = None
    forward: bool = False  # a list item under an announcement of guidance


def _is_heading(text: str) -> bool:
    stripped = text.strip()
    return (
        len(stripped) <= 60
        and len(stripped.split()) <= 8
        and not stripped.endswith((".", ",", ";"))
        and not figures(stripped)
    )


# Whether a paragraph's first sentence holds the words every opening on a part of the
# company spells ("contributed", "of the"...): ``_PART_OF`` is matched only then.
_PART_OF_WORDS = Sieve([(True, _PART_OF)])
# Whether a text holds a word every match of FORWARD spells (``sieve.needs``).
_FORWARD_WORDS = Sieve([(True, FORWARD)])
# Which of three searches of its sentences a paragraph's text holds the words of, asked in
# one sieve (the paragraph lowered once): whether they may look forward (``FORWARD``),
# mention a quarter (``release_periods`` sieves each then), open on a part of the company
# (``_PART_OF``). A sentence folded (``folding.folded``) is a piece of its paragraph
# folded, but for a combining dot opening it that the paragraph drops after an "i" (no
# word's character) and a sigma's final form: where the paragraph holds none of a
# search's words, none of its sentences does, ASCII or not (a paragraph not all ASCII,
# a quarter of an HTML release's, was asked sentence by sentence for the last two).
_FORWARD_AT, _ORDINAL_AT, _PART_AT = "forward", "ordinal", "part"
_PARAGRAPH_WORDS = Sieve(
    [(_FORWARD_AT, FORWARD), (_ORDINAL_AT, ORDINAL_MENTION), (_PART_AT, _PART_OF)]
)
_FORWARD = WordLed(FORWARD)  # searched word start by word start
# Which of six searches a sentence with figures holds the words of (``sieve.needs``),
# asked in one sieve where each was a call of its own: a word of a basis that qualifies
# a metric ("underlying", "core": a figure's words, all of them the sentence's, can name
# one only then); of a basis's wording (``basis_worded``: ``basis_said_last`` finds one
# before no figure of a sentence without); "respectively" (its clauses are searched only
# then); "in constant currency" (``constant_currency_at``: asked per figure only
# then); a qualifier (``wording.qualifier_worded``: a figure's 30 characters before it
# are sieved only then, or in a sentence not all ASCII); "sequential" (``_Said.sequential``,
# asked by a change's figure: searched only then, a search of the whole sentence); a sign
# word (``_SIGN_WORD``: ``_claim`` searches before a level's figure only then).
_QUALIFYING_AT, _BASIS_AT, _RESPECTIVELY_AT, _CURRENCY_AT, _QUALIFIER_AT, _SEQUENTIAL_AT = (
    "qualifying", "basis", "respectively", "currency", "qualifier", "sequential",
)  # fmt: skip
_SIGN_AT = "sign"
_SENTENCE_WORDS = Sieve(
    [
        *((_QUALIFYING_AT, pattern) for pattern in QUALIFYING_WORDS),
        (_BASIS_AT, BASIS_WORDING),
        (_RESPECTIVELY_AT, _RESPECTIVELY),
        (_CURRENCY_AT, CONSTANT_CURRENCY),
        (_QUALIFIER_AT, QUALIFIER),
        (_SEQUENTIAL_AT, _SEQUENTIAL),
        (_SIGN_AT, _SIGN_WORD),
    ]
)


def claims_of(paragraphs: Sequence[Paragraph], tables: Sequence[Table]) -> tuple[Claim, ...]:
    """Every figure in the prose as a claim, not yet tied to the tables."""
    cut = [sentences(para.text) for para in paragraphs]  # each paragraph's, found once
    # each paragraph's last sentence that prints a figure, and its figures; None for a
    # heading (asked once, here: the terms are narrowed to the sentences they may be
    # searched in)
    printing = [
        None if _is_heading(para.text) else _last_printing(para.text, spans)
        for para, spans in zip(paragraphs, cut, strict=True)
    ]
    # A sentence's metrics and segments are searched for (``_sentence``) only in a
    # paragraph that is no heading, and up to its last sentence that prints a figure (the
    # sentences after it are not read): the labels and names that occur in none of those
    # find nothing where they are searched for, and are left out of the patterns (the
    # prose after the last figures of its paragraphs and its headings, two thirds of the
    # corpus's, is not read for its words either).
    terms = terms_of(tables).within(
        para.text[s:e]
        for para, spans, reads in zip(paragraphs, cut, printing, strict=True)
        if reads is not None
        for s, e in spans[: reads[0] + 1]
    )
    held = [_paragraph_words(para.text) for para in paragraphs]
    ahead = [  # which of them look forward ("expects", "guidance"), asked once
        _looking_ahead(para.text, spans, words, reads[0] if reads is not None else -1)
        for para, spans, words, reads in zip(paragraphs, cut, held, printing, strict=True)
    ]
    reporting = (  # those of paragraphs that may mention a quarter (each sieved again)
        para.text[s:e]
        for para, spans, forward, words in zip(paragraphs, cut, ahead, held, strict=True)
        if _ORDINAL_AT in words
        for (s, e), looks_ahead in zip(spans, forward, strict=True)
        if not looks_ahead
    )
    release = release_periods(reporting, tables)
    out: list[Claim] = []
    heading_segment: str | None = None
    headed: When | None = None  # the period a heading compares with a year earlier
    exhibit: object = object()
    guidance = False  # inside the list that follows "... the following guidance:"
    seen: set[str] = set()  # the sentences of the exhibit so far
    periods: dict[tuple[object, ...], Period] = {}  # the claims' periods, each made once
    for para, spans, forward, words, reads in zip(
        paragraphs, cut, ahead, held, printing, strict=True
    ):
        if para.exhibit != exhibit:
            heading_segment, headed, exhibit, guidance = None, None, para.exhibit, False
            seen = set()
        guidance = guidance and _is_list_item(para.text)
        if reads is None:  # a heading
            heading_segment = terms.segment_named(para.text)
            headed = year_over_year(para.text, release)
            continue
        state = _Paragraph(forward=guidance)
        part = (
            _part_of_company(para.text[spans[0][0] : spans[0][1]])
            if spans and _PART_AT in words
            else None
        )
        segment = (terms.segment_named(part) or part) if part else heading_segment
        opened: When | None = None  # the comparison the paragraph's first sentence makes
        last, printed = reads
        for n, (start, end) in enumerate(spans):
            said = _spaced(para.text[start:end])
            low = said.lower()
            # ``folded`` holds "page" exactly where the lowered text does: it differs only
            # by "i" and "s" made of other letters and a dot dropped after an "i", and
            # "page" holds neither letter (an HTML sentence is seldom ASCII: not folded)
            if "page" in low:
                low = _RUNNING_HEAD.sub("", said).lower()  # a running head's page number
            said = low
            if said in seen:
                continue  # a running head printed on every page is one sentence
            seen.add(said)
            if n > last:
                continue  # no figure here nor after it in the paragraph: its periods are no one's
            found = _sentence(
                para, start, end, terms, release, state, segment, forward[n],
                printed if n == last else None, periods,
            )  # fmt: skip
            out.extend(compared_as_headed(found, headed or opened))
            if n == 0:
                opened = opened_year_over_year(found)
        stripped = para.text.rstrip()
        guidance = guidance or (stripped.endswith(":") and bool(_FORWARD.search(stripped)))
    return tuple(out)


# What ``str.split`` splits an ASCII text at, but a space: its other spaces, and two spaces
_NOT_ONE_SPACE = ("  ", "\n", "\t", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\x1f")


def _spaced_python(text: str) -> str:
    """``" ".join(text.split())``: the text itself when it is so already (most sentences:
    all ASCII, no space but " ", which stands alone and inside it). The specification of
    the compiled ``spaced`` (``_words.c``)."""
    if text.isascii() and text[:1] != " " and text[-1:] != " ":
        for other in _NOT_ONE_SPACE:  # loops, not any(): asked of every sentence
            if other in text:
                break
        else:
            return text
    return " ".join(text.split())


def _last_printing(text: str, spans: Sequence[tuple[int, int]]) -> tuple[int, list[Figure]]:
    """The last of a paragraph's sentences that prints a figure, and its figures; -1 if
    none does.

    A sentence without figures gives no claim; what it says matters only as the period of
    the sentences after it in its paragraph (``_Paragraph``), so the sentences after the
    last that prints one say nothing to anyone: their periods, metrics and frames are not
    looked for (over the corpus, 2,093 of the 3,297 sentences read lie past it)."""
    for n in range(len(spans) - 1, -1, -1):
        start, end = spans[n]
        printed = figures(text[start:end])
        if printed:
            return n, printed
    return -1, []


def _paragraph_words(text: str) -> list[str]:
    """Which searches a paragraph's sentences may find something of (``_PARAGRAPH_WORDS``)."""
    return [what for what, _ in _PARAGRAPH_WORDS(text)]


def _looking_ahead(
    text: str, spans: Sequence[tuple[int, int]], words: Sequence[str], last: int
) -> list[bool]:
    """Which sentences of a paragraph look forward (``_looks_ahead``), asked of those read:
    the sentences its claims are found in (up to ``last``, its last that prints a figure;
    -1 for none) and, where it may mention a quarter (``_ORDINAL_AT``), every one (those
    that do not look forward are ``release_periods``' to read). The others, read by no
    one, are given as not looking forward (a third of those asked over the text releases)."""
    if _FORWARD_AT not in words:
        return [False] * len(spans)  # a paragraph without its words: none of them
    asked = len(spans) if _ORDINAL_AT in words else last + 1
    return [n < asked and _looks_ahead(text[s:e]) for n, (s, e) in enumerate(spans)]


def _looks_ahead(sentence: str) -> bool:
    """Whether a sentence looks forward: searched only where it holds one of the words
    (most sentences of a paragraph that does hold none; the search is led by characters
    most words begin with)."""
    return bool(_FORWARD_WORDS(sentence)) and _FORWARD.search(sentence) is not None


def _part_of_company(sentence: str) -> str | None:
    """The part of the company a paragraph opens on: "Consumer and Business Banking
    contributed $429 million of the Company's net income" speaks of a line of business,
    and so do the sentences after it, whether or not a table names it."""
    m = _PART_OF.match(sentence) if _PART_OF_WORDS(sentence) else None
    return m.group("name").strip() if m else None


def _is_list_item(text: str) -> bool:
    """A bullet, or a fragment too short to be a paragraph of its own."""
    stripped = text.strip()
    return bool(_BULLET.match(stripped)) or (
        len(stripped.split()) <= 15 and not stripped.endswith(".")
    )


def _phrases_in(phrases: Sequence[PeriodPhrase], start: int, end: int) -> list[PeriodPhrase]:
    return [p for p in phrases if start <= p.start < end]


def _sentence(
    para: Paragraph,
    s: int,
    e: int,
    terms: TableTerms,
    release: ReleasePeriods,
    state: _Paragraph,
    heading_segment: str | None,
    looks_ahead: bool,
    printed: list[Figure] | None = None,  # its figures, when found already
    periods: dict[tuple[object, ...], Period] | None = None,  # ``_claim``'s, made so far
) -> list[Claim]:
    text = para.text[s:e]
    if printed is None:
        printed = figures(text)
    phrases = period_phrases(text)
    if not printed and not phrases:
        return []  # nothing to claim, and no period for the sentences after it
    shape = _unnamed_layout(text, printed, phrases)
    segments: list[SegmentMention] = []
    mentions: list[Mention] = []
    if shape is None:
        segments = terms.segment_mentions(text)
        mentions = terms.mentions(text, segments)
    covered = [(m.start, m.end) for m in mentions] + [(p.start, p.end) for p in phrases]
    figs: list[Figure] = []
    for f in printed:  # the figures outside the metrics' and periods' words
        at = f.start
        for a, b in covered:  # loops, not any(): asked of every figure
            if a <= at < b:
                break
        else:
            figs.append(f)
    if shape is None:
        shape = layout(text, figs, phrases, covered)
    framed: Sequence[PeriodPhrase] = phrases  # periods of the figures' frames (read only)
    if any(shape.bases):  # a base named: not a frame's (most sentences name none)
        bases = {id(p) for base in shape.bases for p in base}
        framed = [p for p in phrases if id(p) not in bases]
    periods_said = _Said(framed, release)
    stated: When | None = None  # what the first frame of the first clause that says one says
    for frames in shape.frames:  # a loop, not next() of a generator: once per sentence
        stated = periods_said.within(frames[0].start, frames[0].end)
        if stated:
            break
    else:
        stated = None
    current: When | None
    if stated is not None:
        state.current = fill(stated, state.current, release)
        current, source = state.current, "sentence"
    elif state.current is not None:
        current, source = state.current, "paragraph"
    else:
        current, source = default_period(release), "release"
    if not figs:
        return []
    forward = state.forward or looks_ahead
    # asked of the whole sentence before its figures' words and its clauses are sieved:
    # the sieve keeps the last text's table of letters, and asked after them the sentence
    # was lowered again (most sentences hold none of their words)
    held = [what for what, _ in _SENTENCE_WORDS(text)]
    qualifies = _QUALIFYING_AT in held  # asked of each figure's words, found once
    worded = _BASIS_AT in held  # whether any basis is worded in it, found once
    respectively = _RESPECTIVELY_AT in held
    currency = _CURRENCY_AT in held
    qualified = _QUALIFIER_AT in held or not text.isascii()  # ``qualifier_worded``
    if _SEQUENTIAL_AT not in held:
        periods_said.not_sequential()  # its words are not there: no search of the sentence
    adjusted_clauses: dict[int, bool] = {}  # whether each clause names an adjusted measure
    named = [(sg.start, sg.end) for sg in segments] + [(p.start, p.end) for p in phrases]
    placed = [shape.frame_of(f.start) for f in figs]  # each figure's frame, and its clause
    drafts = [Draft(f, frame.clause, frame.prior) for f, frame in zip(figs, placed, strict=True)]
    for i, (draft, frame) in enumerate(zip(drafts, placed, strict=True)):
        clause_start = shape.clauses[draft.clause][0]
        attach(text, i, drafts, mentions, named, phrases, clause_start, qualified)
        kind(text, i, drafts)
        earlier = drafts[:i]  # the figures before it, for its segment and its period
        draft.segment = (  # a part's segment asked only of a figure after its whole's
            _part_by_segment(text, i, drafts, segments) if i and not draft.attached else None
        ) or _segment(text, draft, earlier, segments, clause_start, heading_segment)
        _period(
            draft,
            frame,
            text,
            shape,
            periods_said,
            current,
            release,
            earlier,
            inferred=source == "release",
        )
        if forward:
            draft.traits.add(FORWARD_LOOKING)
        said = basis_said_last(text, draft.figure.start, worded=True) if worded else None
        if (
            said is NON_GAAP
            or (said is None and _names_adjusted(text, shape, draft.clause, adjusted_clauses))
            or (draft.mention is not None and draft.mention.adjusted)
            or (qualifies and _qualified(text, draft))
        ):
            draft.traits.add(ADJUSTED)
    if respectively:  # a clause of it may say "respectively"
        _respectively(text, drafts, segments, phrases, shape, release, current)
    for i in _table_runs(text, drafts):
        drafts[i].attached = False  # a table row run into the text: which column is it?
    if currency:  # its words are there (most sentences: none)
        for draft in drafts:
            if constant_currency_at(text, draft.figure.end):
                draft.attached = False  # "up 10% in constant currency": no figure of the tables
    signed = _SIGN_AT in held  # ``_may_sign``, read from the sentence's one sieve
    return [_claim(para, s, text, d, signed, periods) for d in drafts]


def _may_sign(text: str) -> bool:
    """Whether a sentence holds a word ``_SIGN_WORD`` needs (the sentence's sieve,
    ``_SENTENCE_WORDS``, folded as its case-blind letters match: ``folding.folded``); a
    figure's words can say its sign only then. ``_sentence`` reads it from the one ask of
    that sieve it makes of the sentence, where the sentence was lowered again for it."""
    return any(what == _SIGN_AT for what, _ in _SENTENCE_WORDS(text))


def _names_adjusted(text: str, shape: Layout, clause: int, known: dict[int, bool]) -> bool:
    """Whether a clause of a sentence names an adjusted measure ("$1.51, excluding special
    items"), asked once per clause (``known``), not per figure of it."""
    found = known.get(clause)
    if found is None:
        start, end = shape.clauses[clause]
        found = known[clause] = names_adjusted(text[start:end])
    return found


def _unnamed_layout(
    text: str, printed: Sequence[Figure], phrases: Sequence[PeriodPhrase]
) -> Layout | None:
    """The layout of a sentence that prints no figure and compares with no period, or None.

    The metrics such a sentence names change nothing: they only hide comparison words
    from the layout ("income *from* operations"), and a comparison matters there only when
    a period follows it (the base of a change). Half the sentences of a release print no
    figure, so their metrics and segments are not looked for.
    """
    if printed:
        return None
    shape = layout(text, printed, phrases, [(p.start, p.end) for p in phrases])
    return None if any(shape.bases) else shape


def _table_runs(text: str, drafts: Sequence[Draft]) -> set[int]:
    """Figures of a table row printed as text: three or more with nothing but blanks between.

    "Asia/Pacific DOWN 18% DOWN 8% DOWN 4% UP 1%" is a row of four quarters; its first
    figure is not the value of the label before it in the sentence's period.
    """
    out: set[int] = set()
    if len(drafts) < 3:
        return out  # no run of three
    run = [0]
    for i in range(1, len(drafts) + 1):
        if i < len(drafts) and _RUN_GAP.fullmatch(
            text[drafts[i - 1].figure.end : drafts[i].figure.start]
        ):
            run.append(i)
            continue
        if len(run) >= 3:
            out.update(run)
        run = [i]
    return out


# what ``_Said``'s tables give for a stretch not yet asked (their answers may be None)
_UNKNOWN: Any = object()


class _Said:
    """What the period phrases of a sentence's frames (``framed``) say together in each
    stretch of it (``combine``), found once per stretch: every figure of a clause asks
    what its clause's first frame and its prior frames say, and every figure of a frame
    which of the phrases start in it."""

    __slots__ = (
        "_alone", "_clause_periods", "_compared", "_in", "_release", "_sequential", "_within",
        "framed",
    )  # fmt: skip

    def __init__(self, framed: Sequence[PeriodPhrase], release: ReleasePeriods) -> None:
        self.framed = framed
        self._release = release
        self._within: dict[tuple[int, int], When | None] = {}
        self._in: dict[tuple[int, int], list[PeriodPhrase]] = {}
        self._alone: dict[int, tuple[PeriodPhrase, When | None]] = {}
        self._compared: dict[int, list[When | None]] = {}
        self._clause_periods: dict[tuple[int, int], When | None] = {}
        self._sequential: bool | None = None

    def sequential(self, text: str) -> bool:
        """Whether the sentence (``text``, the same for every ask) says "sequential":
        searched once, for the first of its changes that asks."""
        if self._sequential is None:
            self._sequential = _SEQUENTIAL.search(text) is not None
        return self._sequential

    def not_sequential(self) -> None:
        """Known not to say "sequential" (the sentence holds none of its words)."""
        self._sequential = False

    def clause_period(self, first: Frame, current: When | None) -> When | None:
        """The period a clause speaks of: what its first frame says, completed from the
        sentence's ``current`` (one per sentence, as is this record), else ``current``."""
        key = (first.start, first.end)
        known: When | None = self._clause_periods.get(key, _UNKNOWN)  # one look-up if known
        if known is _UNKNOWN:
            said = self.within(first.start, first.end)
            known = self._clause_periods[key] = (
                fill(said, current, self._release) if said else current
            )
        return known

    def phrases_in(self, start: int, end: int) -> list[PeriodPhrase]:
        """The framed phrases starting in ``start``..``end`` (``_phrases_in``), in order;
        the list is shared: not to be changed."""
        key = (start, end)
        found = self._in.get(key)
        if found is None:
            found = self._in[key] = _phrases_in(self.framed, start, end)
        return found

    def within(self, start: int, end: int) -> When | None:
        """What the phrases starting in ``start``..``end`` say."""
        key = (start, end)
        known: When | None = self._within.get(key, _UNKNOWN)  # one look-up if known
        if known is _UNKNOWN:
            known = self._within[key] = combine(self.phrases_in(start, end), self._release)
        return known

    def alone(self, phrase: PeriodPhrase) -> When | None:
        """What one phrase says by itself (``combine([phrase])``), found once per phrase
        (kept beside it, so its identity cannot meet another phrase's)."""
        known = self._alone.get(id(phrase))
        if known is None or known[0] is not phrase:
            known = self._alone[id(phrase)] = (phrase, combine([phrase], self._release))
        return known[1]

    def compared(self, shape: Layout, clause: int) -> list[When | None]:
        """What each prior frame of a clause and each base it names say."""
        if clause not in self._compared:
            self._compared[clause] = [
                self.within(f.start, f.end) for f in shape.frames[clause] if f.prior
            ] + [combine([p], self._release) for p in shape.bases[clause]]
        return self._compared[clause]


def _period(
    draft: Draft,
    frame: Frame,
    text: str,
    shape: Layout,
    said: _Said,
    current: When | None,
    release: ReleasePeriods,
    earlier: Sequence[Draft],
    *,
    inferred: bool,
) -> None:
    """The period a figure speaks of: its frame's, else its clause's, sentence's, paragraph's.

    ``frame`` is the figure's (``Layout.frame_of``, found once per figure by the sentence);
    ``inferred`` says that ``current`` is the release's period, named nowhere near. Of the
    phrases before a figure in its frame, only those that lead into it are its own
    ("Fourth Quarter 2021 Net Income of $5.8 billion ... Full Year 2021 Net Income of
    $21.5 billion": the second is the year's).
    """
    first = shape.frames[draft.clause][0]
    in_frame = said.phrases_in(frame.start, frame.end)  # found once per frame
    # its own phrase; else those before it in its frame ("Fourth Quarter 2021 Net Income of
    # $5.8 billion ... Full Year 2021 ..."); else those after it. A frame naming none
    # (a sixth of the figures) says nothing: ``combine`` of no phrase is None.
    own: When | None = None
    if in_frame:
        attached = _attached_phrase(text, draft, in_frame) if len(in_frame) > 1 else None
        start = draft.figure.start
        before = [p for p in in_frame if p.end <= start]
        if before and attached is None:
            before = _leading(text, draft, before, earlier, frame.start)
        if attached is not None:
            own = said.alone(attached)
        elif before and len(before) < len(in_frame):
            own = combine(before, release)
        else:  # all the frame's phrases (``before`` keeps them in order): found once per frame
            own = said.within(frame.start, frame.end)
    clause_current = said.within(first.start, first.end)
    base = said.clause_period(first, current)
    if draft.kind in _CHANGES:
        draft.when = base
        compared = said.compared(shape, draft.clause)
        if any(named is not None for named in compared):
            draft.traits.add(PERIOD_STATED)  # "... from the year-ago quarter"
        for named in compared:
            if named is None or base is None:
                continue
            full = fill(named, prior_of(base), release, current=False)
            if (
                named.other
                or full.months != base.months
                or (full.year is not None and base.year is not None and full.year != base.year - 1)
                or (full.ordinal and base.ordinal and full.ordinal != base.ordinal)
            ):
                draft.traits.add(OTHER_PERIOD)  # not the year before: sequential
        if said.sequential(text):
            draft.traits.add(OTHER_PERIOD)
    elif draft.frame_prior:
        if own is not None:
            draft.when = fill(own, prior_of(base) if base else None, release, current=False)
        else:
            draft.when = prior_of(base) if base else None
    else:
        draft.when = fill(own, base, release) if own else base
    if draft.kind not in _CHANGES and (own is not None or clause_current is not None):
        draft.traits.add(PERIOD_STATED)
    if own is None and clause_current is None and inferred:
        draft.traits.add(PERIOD_INFERRED)
    if draft.when is not None and is_other(draft.when, release):
        draft.traits.add(OTHER_PERIOD)


def _leading(
    text: str, draft: Draft, before: list[PeriodPhrase], earlier: Sequence[Draft], frame: int
) -> list[PeriodPhrase]:
    """Of the period phrases before a figure in its frame, those that lead into it.

    The last phrase leads when words (a metric) stand between it and the next figure
    ("Full Year 2021 Net Income of $21.5 billion"), not a list's joints ("$461.8 billion
    at September 30, 2020 and $410.3 billion": the date is the figure's before it); the
    phrases after the last figure before it lead with it. Otherwise all of them. Of the
    figures before it (``earlier``), only those of its frame (starting at ``frame`` or
    after) are read.
    """
    last = before[-1]
    last_end, last_start = last.end, last.start
    # the first figure at or after the last phrase: the figure itself, unless one before
    # it stands there (the phrase ends before the figure: ``before``'s are); loops, not
    # min() and max() of generators with a default (parsed as keywords): asked per figure
    following = draft.figure.start
    previous = -1  # the end of the last figure of the frame before the last phrase
    for d in earlier:
        fig = d.figure
        at = fig.start
        if at < frame:
            continue
        if last_end <= at < following:
            following = at
        end = fig.end
        if previous < end <= last_start:
            previous = end
    if _LIST_JOINT.fullmatch(text[last_end:following]):
        return before
    return [p for p in before if p.start >= previous]


def _attached_phrase(
    text: str, draft: Draft, phrases: Sequence[PeriodPhrase]
) -> PeriodPhrase | None:
    """The period phrase printed right after a figure ("$14.93 for the third quarter of
    2021"), when its frame names several: each figure of a list takes its own."""
    if len(phrases) < 2:
        return None
    end = draft.figure.end
    for phrase in phrases:
        if phrase.start < end:
            continue
        gap = text[end : phrase.start]
        if _LINKS_PERIOD.fullmatch(gap) or (
            not gap.strip() and _LINKED_PHRASE.match(text, phrase.start)
        ):
            return phrase
    return None


def _segment(
    text: str,
    draft: Draft,
    before: Sequence[Draft],
    segments: Sequence[SegmentMention],
    clause_start: int,
    heading: str | None,
) -> str | None:
    """The segment a figure speaks of: the last named in its clause before it, unless a
    figure of another metric stands between ("BBVA USA's provision of $1.0 billion ...
    and net loan charge-offs of $306 million": the segment is the provision's; a list
    "including" the parts of that figure keeps it); else the heading's."""
    named = [sg for sg in segments if clause_start <= sg.start and sg.end <= draft.figure.start]
    if named:
        last = named[-1]
        own = draft.mention
        between = [
            d
            for d in before
            if own is not None
            and d.clause == draft.clause
            and last.end <= d.figure.start < own.start
            and not _same_metric(d.mention, own)
            and not _PARTS.search(text, d.figure.end, draft.figure.start)
        ]
        if not between:
            return last.name
    if heading is not None:
        draft.traits.add(SEGMENT_INFERRED)
    return heading


def _part_by_segment(
    text: str, i: int, drafts: Sequence[Draft], segments: Sequence[SegmentMention]
) -> str | None:
    """The segment of a part listed after its whole, named right after the part's figure;
    the figure is then the whole's metric of that segment.

    "Total nonperforming assets of $2.8 billion at June 30, 2021, including $880 million
    acquired from BBVA USA": $880 million is the nonperforming assets of BBVA USA (a
    column of the tables). Only a figure attached to no metric, right after "including"
    or "of which" that follows a figure attached to one in its clause, and before the
    next figure.
    """
    draft = drafts[i]
    if draft.attached or i == 0:
        return None
    whole = drafts[i - 1]
    if (
        not whole.attached
        or whole.mention is None
        or whole.clause != draft.clause
        or whole.figure.unit is not draft.figure.unit
        or not _INCLUDING.fullmatch(text, whole.figure.end, draft.figure.start)
    ):
        return None
    limit = drafts[i + 1].figure.start if i + 1 < len(drafts) else len(text)
    named = next(
        (
            sg
            for sg in segments
            if draft.figure.end <= sg.start < limit
            and _SEGMENT_AFTER.fullmatch(text, draft.figure.end, sg.start)
        ),
        None,
    )
    if named is None:
        return None
    draft.mention, draft.attached = whole.mention, True
    return named.name


def _same_metric(a: Mention | None, b: Mention) -> bool:
    if a is None:
        return False
    return a is b or (a.concept is not None and a.concept == b.concept) or a.key == b.key


def _qualified(text: str, draft: Draft) -> bool:
    """Whether a figure's words name its metric qualified away from GAAP: "Underlying net
    income of $569 million and EPS of $1.26", "$5.34 on an Underlying basis"."""
    if draft.mention is None:
        return False
    start, end = draft.figure.start, draft.figure.end
    measure = prose_measure(draft.mention.text, text[:start], text[end:])
    return measure is not None and qualifying(measure.basis)


def _respectively(
    text: str,
    drafts: list[Draft],
    segments: Sequence[SegmentMention],
    phrases: Sequence[PeriodPhrase],
    shape: Layout,
    release: ReleasePeriods,
    current: When | None,
) -> None:
    """`$27,803,000 and $5,203,000, respectively`: one segment or period to each figure
    (asked of a sentence that holds the word: ``_RESPECTIVELY_AT`` of its sieve)."""
    for ci, (a, b) in enumerate(shape.clauses):
        word = _RESPECTIVELY.search(text[a:b])
        if word is None:
            continue
        at = a + word.start()
        runs = _runs(text, [d for d in drafts if d.clause == ci and d.figure.end <= at])
        group = runs[-1] if runs else []  # the figures listed last before "respectively"
        if len(group) < 2:
            continue
        names = list(dict.fromkeys(sg.name for sg in segments if a <= sg.start < b))
        lists = [p for p in phrases if a <= p.start < b and len(p.years) == len(group)]
        if len(names) == len(group):
            for d, name in zip(group, names, strict=True):
                d.segment = name
                d.traits.discard(SEGMENT_INFERRED)
        elif lists:
            phrase = lists[0]
            for d, year in zip(group, phrase.years, strict=True):
                months = phrase.months or (current.months if current else None)
                d.when = When(months, year, phrase.ordinal, None, False, False, phrase.text)
                d.traits.discard(PERIOD_INFERRED)
                if is_other(d.when, release):
                    d.traits.add(OTHER_PERIOD)
        elif not _pair_listed_metrics(text, a, group):
            for d in group:  # a list we cannot pair with its segments or periods
                d.traits.update(_UNPAIRED)
            if _place_by_dates(text[a:at], group, release):
                # the runs before it as long as it are paired with the dates as it is
                for run in (r for r in runs[:-1] if len(r) == len(group)):
                    if _place_by_dates(text[a:at], run, release):
                        for d in run:
                            d.traits.update(_UNPAIRED)


def _runs(text: str, drafts: Sequence[Draft]) -> list[list[Draft]]:
    """The runs of figures listed one after another ("$279 million, $241 million and $298
    million"), in order.

    "... residential mortgage loans of $279 million, $241 million and $298 million and home
    equity loans of $339 million, $375 million and $437 million at December 31, 2021,
    September 30, 2021 and December 31, 2020, respectively": "respectively" closes the last
    run, and a run before it as long as it is paired with the dates as it is, not all of
    it with the first date.
    """
    runs: list[list[Draft]] = []
    for d in drafts:
        if runs and _JOINT.fullmatch(text[runs[-1][-1].figure.end : d.figure.start]):
            runs[-1].append(d)
        else:
            runs.append([d])
    return runs


def _place_by_dates(clause: str, group: Sequence[Draft], release: ReleasePeriods) -> bool:
    """Give each figure of an unpaired "respectively" list the date of its place in the list
    of dates its clause names, as a likely period, not a firm one (``LISTED``).

    "... loans of $1.2 billion, $1.4 billion and $1.5 billion at December 31, 2021,
    September 30, 2021 and December 31, 2020, respectively": the second figure is most
    likely the balance at September 30, 2021, but a clause may pair otherwise than its
    order says (the dates of another list of it), so the figure stays unfirm: its place only
    narrows the columns it may tie by value (not a column of another date), and a
    contradiction needs the list's other figures to bear the pairing out
    (``tieout.prose.siblings.listed``). Only where the clause names as many dates as the
    list has figures, and each figure's period is one with an end date.
    """
    days = dates_in(clause)
    if len(days) != len(group) or len(set(days)) != len(days):
        return False
    if any(d.when is None or d.when.end is None for d in group):
        return False
    for d, day in zip(group, days, strict=True):
        assert d.when is not None
        said = f"{'at' if d.when.instant else 'ended'} {day:%B} {day.day}, {day.year}"
        d.when = d.when._replace(end=day, year=day.year, ordinal=None, text=said)
        d.traits.add(LISTED)
        if is_other(d.when, release):
            d.traits.add(OTHER_PERIOD)
    return True


# "average and period-end deposits increased": words that each qualify one noun, a list
# that "respectively" pairs with its figures; after a number, a comma or the sentence's start
_QUALIFIED_LIST = re.compile(
    r"(?:^|[\d,;:]\s*|\bthe\s+)((?:[a-z][\w-]*,\s+){0,2}[a-z][\w-]*,?\s+and\s+[a-z][\w-]*)"
    r"\s+([a-z]+)\s+(?:increased|decreased|rose|fell|grew|declined|were|was)\s+(?:by\s+)?$",
    re.I,
)


def _pair_listed_metrics(text: str, start: int, group: list[Draft]) -> bool:
    """Pair each figure of a "respectively" list with the metric its words list; whether
    it could.

    "Average and period-end deposits increased $71.6 billion and $76.8 billion,
    respectively": the first figure is of average deposits, the second of period-end
    deposits (not both of "period-end deposits", the metric named last). Only for figures
    attached to no metric but one inside the list, in a clause that names its period,
    and words that list as many qualifiers of one noun as there are figures, right before
    the first.
    """
    if any(PERIOD_INFERRED in d.traits for d in group):
        return False  # "Average and period-end loans increased ...": of which period?
    found = _QUALIFIED_LIST.search(text, start, group[0].figure.start)
    if found is None:
        return False
    inside = range(found.start(1), found.end(2))
    if any(d.attached and (d.mention is None or d.mention.start not in inside) for d in group):
        return False  # attached to a metric its own words name elsewhere
    qualifiers = _QUALIFIER_CUT.split(found.group(1))
    if len(qualifiers) != len(group):
        return False
    noun = found.group(2)
    for d in group[1:]:  # one verb for all: "increased $71.6 billion and $76.8 billion"
        d.kind = group[0].kind
        d.traits.update(group[0].traits & {INCREASE, DECREASE})
    for d, qualifier in zip(group, qualifiers, strict=True):
        name = f"{qualifier} {noun}"
        d.mention = Mention(found.start(1), found.end(2), name, None, name.lower(), 1, False, True)
        d.attached = True
    return True


def _claim(
    para: Paragraph,
    s: int,
    text: str,
    draft: Draft,
    signed: bool = True,
    periods: dict[tuple[object, ...], Period] | None = None,
) -> Claim:
    """The claim a figure's draft makes. ``signed``: whether the sentence may hold a sign
    word before it (``_may_sign``, asked once per sentence); ``periods``: the periods made
    so far for the claims of the prose, by their fields (equal records, made once)."""
    fig = draft.figure
    unit = fig.unit
    mention = draft.mention
    attached = draft.attached
    kind = draft.kind
    concept = mention.concept if mention is not None else None
    eps = EARNINGS_PER_SHARE
    if unit is IN_USD and concept is eps and fig.precision < 1:
        unit = IN_USD_PER_SHARE  # "earnings per share of $0.24"
    if unit is IN_USD_PER_SHARE:
        concept = eps if concept in (eps, NET_INCOME) else None
    elif concept is eps and kind is not PERCENT_CHANGE:
        concept = None  # "EPS up 16 percent" speaks of the per-share rows
    if kind is PERCENT or unit is IN_SHARES or not attached:
        concept = None
    traits = draft.traits
    if attached or (draft.sign_inherited and kind is LEVEL):
        traits = set(traits)
        if attached:
            traits.add(ATTACHED)
        if draft.sign_inherited and kind is LEVEL:
            traits.add(SIGN_INHERITED)
    start = fig.start
    if signed and kind is LEVEL:
        lead = start - 20 if start > 20 else 0
        sign_word = _SIGN_WORD.search(text[lead:start])
        if sign_word is not None:
            start = lead + sign_word.start()
    value = fig.value  # a percent's as printed, and a value printed negative
    if kind is not PERCENT and value >= 0:
        value = abs(value) * draft.sign
    when = draft.when
    period = None
    if when is not None and (when.months or when.year or when.instant):
        instant, year = when.instant, when.year
        months = None if instant else when.months
        quarter = when.ordinal if when.months == 3 and not instant else None
        # False and 0 are equal keys, not equal fields: the class of ``instant`` is one
        fields = (when.end, months, instant, year, quarter, instant.__class__)
        period = periods.get(fields) if periods is not None else None
        if period is None:
            period = Period(
                end=when.end, months=months, instant=instant, year=year, quarter=quarter
            )
            if periods is not None:
                periods[fields] = period
    if mention is not None and attached:
        subject = _spaced(mention.text)  # str.split's spaces are re's \s
    else:
        subject = _words_before(text, draft)  # words joined by one space: spaced already
    end = fig.end
    # positionally, in the fields' order (a call by name makes a dict of its arguments);
    # ``tied_to``, ``status`` and ``expected`` as their defaults, before ``traits``
    return Claim(
        para.span(s + fig.start, s + end),
        text[start:end],
        text,
        subject,
        value,
        fig.precision,
        unit,
        kind,
        concept,
        draft.segment,
        period,
        when.text if when is not None else "",
        draft.qualifiers,
        (),
        UNTIED,
        None,
        frozenset(traits),
    )


# what ``_WORD`` finds in an ASCII text, each character a word may hold kept and every other
# made a space: the runs ``str.split`` then gives are the words, each with what stands
# before its first letter ("'", "&", "-") left on
_WORD_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'&-"
_NOT_WORD_SPACE = str.maketrans({c: " " for c in range(128) if chr(c) not in _WORD_CHARS})
_LAST_WORDS = 12
_WORDS_BEFORE = 200  # characters before a figure its words are read in


def _last_words_python(text: str, end: int) -> str:
    """The last ``_LAST_WORDS`` of ``_WORD.findall`` in the ``_WORDS_BEFORE`` characters
    before ``end`` (0 or more), joined by one space: the specification of the compiled
    ``last_words`` (``_words.c``)."""
    if end < 0:
        raise ValueError("_last_words needs an end of 0 or more")
    window = text[end - _WORDS_BEFORE if end > _WORDS_BEFORE else 0 : end]
    if not window.isascii():
        words = _WORD.findall(window)
        return " ".join(words[-_LAST_WORDS:])
    # ``_WORD.findall``'s last twelve without the pattern: a word is a run of its
    # characters from its first letter on (``_WORD`` is a letter, then any of them)
    last: list[str] = []
    runs = window.translate(_NOT_WORD_SPACE).split()
    for k in range(len(runs) - 1, -1, -1):
        word = runs[k].lstrip("'&-")
        if word:
            last.append(word)
            if len(last) == _LAST_WORDS:
                break
    last.reverse()
    return " ".join(last)


def _compiled_words(
    *, forced: bool = False
) -> tuple[Callable[[str], str], Callable[[str, int], str]] | None:
    """The compiled ``spaced`` and ``last_words`` (``_words.c``), as
    ``extensions.compiled`` gives them."""
    module = compiled("tieout.prose._words", forced=forced)
    return None if module is None else (module.spaced, module.last_words)


# ``_spaced``: asked of every sentence read and of each attached figure's metric;
# ``_last_words``: of each figure attached to none
_spaced, _last_words = _compiled_words() or (_spaced_python, _last_words_python)
COMPILED = _spaced is not _spaced_python


def _words_before(text: str, draft: Draft) -> str:
    """For a figure not worded as a metric's value: the words of its sentence before it."""
    return _last_words(text, draft.figure.start)
