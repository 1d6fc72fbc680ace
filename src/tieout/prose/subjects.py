"""Subjects: the metric and segment a sentence speaks of, and what each table row holds.

Two vocabularies meet here. The prose names metrics in its own words ("net loss",
"income from operations", "EBITDA", "revenues") and segments by name ("the Rubber
Group", "Sears Canada"); the tables name them by row labels, section heads and column
heads. Both sides are reduced to the same keys: a canonical concept (tieout.vocabulary),
a cleaned label, a segment name. A prose word that only modifies another noun
("comparable store *sales*", "*earnings* target") names no metric.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from tieout.extensions import compiled
from tieout.model import Table, Unit, quick_init, replacer
from tieout.prose.labels import (
    WORD,
    clean_label,
    concept_of,
    row_concept,
    side_of,
    words,
)
from tieout.prose.memo import per_tables
from tieout.prose.segments import (
    segment_name,
    segment_names,
    title_metric,
    titled_segments,
)
from tieout.prose.sentences import wordset
from tieout.vocabulary.basis import adjusted_row, unadjusted_part
from tieout.vocabulary.concepts import (
    PROSE_PHRASES,
    SIGNED_CONCEPTS,
    Concept,
    loss_label,
    sign_wording,
)
from tieout.vocabulary.dilution import Dilution, dilution_of
from tieout.vocabulary.folding import folded
from tieout.vocabulary.leads import (
    ANY_NEXT,
    NOT_WORD_ASCII,
    SPACES,
    WordLed,
    case_blind,
    led,
    pairs_of,
)
from tieout.vocabulary.measures import qualified
from tieout.vocabulary.per_share import earnings_per_share
from tieout.vocabulary.sieve import Sieve
from tieout.vocabulary.spacing import one_spaced
from tieout.vocabulary.units import physical_quantity

__all__ = [
    "HEAD_NOUNS",
    "Mention",
    "SegmentMention",
    "Site",
    "TableTerms",
    "clean_label",
    "concept_of",
    "segment_name",
    "side_of",
    "title_metric",
    "words",
]

_NOT_LABELS = frozenset({"basic", "diluted", "change"})  # no label to find in the prose alone
_WINDOW = 200  # characters around a mention that decide how it reads
_ACRONYM = re.compile(r"\(\s*[A-Z][A-Za-z&]{1,7}\s*\)")  # "(SaaS)" after what it abbreviates
# the vocabulary's phrases, each run only on sentences holding the words it needs
_PHRASES = [
    ((concept, sign, WordLed(led(pattern))), pattern) for concept, sign, pattern in PROSE_PHRASES
]  # each searched word start by word start (``leads.WordLed``)
_PROSE_SIEVE = Sieve(_PHRASES)


def _branches(pattern: re.Pattern[str]) -> list[re.Pattern[str]]:
    r"""The branches of a prose phrase (``\b(?:B1|B2|...)(?!\w)``), each compiled alone
    with its flags: a match of the phrase is a match of one of them, so the text holds
    what that one needs (``sieve.needs``). The phrase whole where it is not so written."""
    source, head, tail = pattern.pattern, r"\b(?:", r")(?!\w)"
    if not (source.startswith(head) and source.endswith(tail)) or pattern.flags & re.VERBOSE:
        return [pattern]
    inner = source[len(head) : -len(tail)]
    parts, depth, start, i = [], 0, 0, 0
    while i < len(inner):
        char = inner[i]
        if char == "\\":
            i += 1  # an escaped character: "\(" opens no group
        elif char == "[":  # a class: its characters are literal ("[|(]", "[^]|]")
            i += 2 if inner[i + 1 : i + 2] == "^" else 1
            if inner[i : i + 1] == "]":  # a "]" first is one of them
                i += 1
            while inner[i] != "]":  # up to its end ("\]" is one of them)
                i += 2 if inner[i] == "\\" else 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(inner[start:i])
            start = i + 1
        i += 1
    parts.append(inner[start:])
    try:
        return [re.compile(part, pattern.flags) for part in parts]
    except re.error:  # not split where it alternates (a form not read here): whole
        return [pattern]


# ``_PROSE_SIEVE``'s phrases, each entered once per branch, in order: a phrase passes where
# some branch's words are all in the text. ``needs`` reads an alternation as one clause
# (a word of any branch), so "income before income taxes | pre-tax income" passed every
# sentence holding "income"; a branch needs all of its own ("before", "taxes" ...): two
# thirds of the phrases searched in a sentence found nothing, the same ones pass no more
_BRANCH_SIEVE = Sieve(
    [(phrase, branch) for phrase, pattern in _PHRASES for branch in _branches(pattern)]
)
# the module's other patterns, compiled once: they run for every mention
_PUNCT_NEXT = re.compile(r"\s*[,.;:()]")
_FIGURE_NEXT = re.compile(r"\s*(?:\$|\d)")
_PUNCT_BEFORE = re.compile(r"[,;:(]\s*$")
_DILUTION_WORD = re.compile(r"^(?:basic|diluted)\s+")

# Single nouns that other nouns often modify ("comparable store sales", "earnings target").
_GENERIC = frozenset({"sales", "revenue", "revenues", "earnings", "gross margin", "gross profit"})
_BEFORE_OK = wordset(
    """the a an its their our his her total consolidated reported record quarterly annual first
    second third fourth quarter year full-year full fiscal company's group's segment's and
    of for in with to while that which compared as gaap its' higher lower strong solid
    increased decreased overall net period combined segment"""
)
_AFTER_OK = wordset(
    """for of in was were is are totaled totalled total totaling totalling increased decreased
    rose fell grew declined improved dropped climbed jumped slipped at to from by reached
    and or compared amounted came up down on during excluding before would will includes
    included include that which reflected reflects reflect as were of 's with rising falling
    growing while whereas but although partially primarily mainly largely driven due reflecting
    offset growth"""
)
# Nouns that end a label's phrase in prose without changing what it names.
HEAD_NOUNS = frozenset({"revenues", "revenue", "sales", "expenses", "expense", "costs", "income"})
# Verbs that make the metric after them an object, not the sentence's subject:
# "which had the net effect of increasing earnings by $24 million".
_OBJECT_VERBS = wordset(
    """reduced reducing reduce reduces increasing boosting boosted boost lowered lowering lower
    raised raising raise impacted impacting affected affecting affect included including
    excluding excluded offset offsetting hurt benefited benefiting lifted lifting added
    adding drove driving contributed contributing"""
)

# Verbs of which "<metric> growth" is the object as a whole: "iPhone and Mac drive revenue
# growth of 33%" says the revenue grew 33% (not a part, as "contributed" or "added" say).
_GROWTH_VERBS = wordset("drive drives drove driving fuel fuels fueled fuelled")


@quick_init  # made per figure, phrase, row or mention
@dataclass(frozen=True, slots=True)
class Site:
    """A row of a table as the prose may name it."""

    table: int
    row: int
    unit: Unit
    concept: Concept | None  # canonical concept, EarningsPerShare for a per-share row
    adjusted: bool  # the label qualifies the measure away from GAAP ("excluding ...")
    segment: str | None  # the segment the row is of (label or section), None: consolidated
    key: str  # the cleaned label, lowercased
    words: frozenset[str]
    signed: bool  # income-like: its sign means something (a loss is negative)
    loss_label: bool  # "Net loss" printed without parentheses means a negative figure
    dilution: Dilution | None = None  # when the row is only basic or only diluted
    quantity: bool = False  # a physical quantity (kilowatt-hours), whatever unit it was read in
    side: str | None = None  # "revenue" or "expense": what its section or title says it is


# ``dataclasses.replace(site, ...)``, fast: the site with the fields given changed
site_with: Callable[..., Site] = replacer(Site)


@quick_init  # made per figure, phrase, row or mention
@dataclass(frozen=True, slots=True)
class Mention:
    """A metric named in a sentence."""

    start: int
    end: int
    text: str
    concept: Concept | None
    key: str | None  # a row label it matches, lowercased
    sign: int  # -1 for a loss wording
    adjusted: bool
    anchor: bool  # may be the subject of a figure after it (not modified, not an object)


@quick_init  # made per figure, phrase, row or mention
@dataclass(frozen=True, slots=True)
class SegmentMention:
    start: int
    end: int
    name: str


def _blanked(m: re.Match[str]) -> str:
    """A match as as many spaces (its offsets kept)."""
    return " " * len(m.group(0))


class TableTerms:
    """What the tables of one release let the prose name: metrics, labels, segments."""

    def __init__(self, tables: Sequence[Table]) -> None:
        # what each row's texts say is asked once per text (``_LABELS``)
        columns, row_segments, section_segments = segment_names(tables, _segment_name)
        self.segments: frozenset[str] = frozenset(columns | row_segments | section_segments)
        self._row_segments = row_segments
        self._section_segments = section_segments
        self._canonical = {n.lower().replace("&", "and"): n for n in self.segments}
        self._table_segments = titled_segments(tables, self._canonical)
        self._quantities = {  # the title may have been read into the column heads
            t.index
            for t in tables
            if physical_quantity(" ".join([t.title or "", *(c.label for c in t.columns)]))
        }
        self.sites: tuple[Site, ...] = self._sites(tables)
        labels = {s.key for s in self.sites}
        # a key is its label lowercased: the same words when it is all ASCII
        known = {s.key: s.words for s in self.sites if s.key.isascii()}
        phrases = sorted(
            (
                k
                for k in labels
                if (named := known.get(k) or words(k)) and not (named <= _NOT_LABELS)
            ),
            key=len,
            reverse=True,
        )
        self._labels = Phrases(phrases) if phrases else None
        names = sorted(self.segments, key=len, reverse=True)
        self._segment_phrases = Phrases(names) if names else None

    def within(self, prose: Iterable[str]) -> TableTerms:
        """These terms for the sentences of this prose only: the labels and segment names
        that cannot occur in it are left out of the patterns its sentences are searched
        with (the same mentions, fewer patterns to build: a release's prose names a third
        of its labels)."""
        phrases = [p for p in (self._labels, self._segment_phrases) if p is not None]
        # what the patterns cost to build, in proportion to which looking is worth it
        budget = _LOOK_PER_CHARACTER * sum(p.size for p in phrases)
        spelled = _Spelled("\n".join(prose), budget)
        out = copy.copy(self)
        try:
            out._labels = self._labels.within(spelled) if self._labels else None
            out._segment_phrases = (
                self._segment_phrases.within(spelled) if self._segment_phrases else None
            )
        except _OutOfBudget:
            return self  # a prose too large to look through: every phrase, as built
        return out

    def _sites(self, tables: Sequence[Table]) -> tuple[Site, ...]:
        """Each row with figures as the prose may name it, in order. What a table says of
        its rows (the metric its title says they break down, its segment, whether it
        counts a physical quantity) is asked once per table, not per row: a release has
        thousands of rows; what a section says (whether it names a segment), once per run
        of rows under it (the rows of a section are printed together)."""
        row_segments, section_segments = self._row_segments, self._section_segments
        out: list[Site] = []
        for table in tables:
            index, title, metric = table.index, table.title, title_metric(table)
            segment = self._table_segments.get(index)
            quantity = index in self._quantities
            last: str | None = None
            section_segment = _segment_name("") in section_segments  # of no section
            for row in table.rows:
                if not row.has_figures:
                    continue
                label, section = row.label, row.section
                if section != last:
                    last = section
                    section_segment = _segment_name(section or "") in section_segments
                # a label of no concept names one of the segments the rows name: its
                # name asked only where the rows name some (most releases: none)
                named = (
                    bool(row_segments)
                    and _row_label(label).concept is None
                    and _segment_name(label) in row_segments
                )
                out.append(
                    Site(
                        index,
                        row.index,
                        *_site_said(
                            label,
                            section,
                            row.unit,
                            metric,
                            title,
                            named,
                            section_segment,
                            segment,
                            quantity,
                        ),
                    )
                )
        return tuple(out)

    def segment_mentions(self, text: str) -> list[SegmentMention]:
        if self._segment_phrases is None:
            return []
        out = []
        for m in self._segment_phrases.found(text):
            key = one_spaced(m.group(0)).lower().replace("&", "and")
            name = self._canonical.get(key)
            if name is not None:
                out.append(SegmentMention(m.start(), m.end(), name))
        return out

    def segment_named(self, text: str) -> str | None:
        """The segment a heading names, exactly (a heading "Domestic" names Domestic)."""
        key = one_spaced(text).strip(" :.-").lower().replace("&", "and")
        return self._canonical.get(key)

    def mentions(self, text: str, segments: Sequence[SegmentMention] = ()) -> list[Mention]:
        """The metrics a sentence names, longest first where they overlap."""
        found: list[Mention] = []
        made = self._mention  # bound once: called for each match
        entered: object = None  # the phrase of the last branch passed
        for phrase, _ in _BRANCH_SIEVE(text):
            if phrase is entered:  # a phrase's branches are entered one after another
                continue
            entered = phrase
            concept, sign, searched = phrase
            for m in searched.finditer(text):  # a WordLed (or a pattern)
                start, end = m.span()
                found.append(made(text, start, end, concept, None, sign, segments))
        if self._labels is not None:
            # "Cloud software-as-a-service (SaaS) and platform-as-a-service": the label
            # with an abbreviation between its words, which are blanked (offsets kept).
            # (every abbreviation opens with "(": a sentence without one is searched as it is)
            bare = _ACRONYM.sub(_blanked, text) if "(" in text else text
            for m in self._labels.found(bare):
                key = one_spaced(m.group(0)).lower()
                named = concept_of(key) or _phrase_concept(key)
                sign = -1 if _loss_label(key) else 1
                start, end = m.span()
                found.append(made(text, start, end, named, key, sign, segments))
        if len(found) > 1:
            found.sort(key=lambda x: (x.start, -(x.end - x.start), x.key is None))
        kept: list[Mention] = []
        for mention in found:
            if kept and mention.start < kept[-1].end:
                last = kept[-1]
                if (mention.start, mention.end) == (last.start, last.end):
                    kept[-1] = Mention(
                        last.start, last.end, last.text, last.concept or mention.concept,
                        last.key or mention.key, min(last.sign, mention.sign), last.adjusted,
                        last.anchor and mention.anchor,
                    )  # fmt: skip
                continue
            if (
                kept
                and kept[-1].key is not None
                and kept[-1].anchor
                and mention.text.lower() in HEAD_NOUNS
                and not text[kept[-1].end : mention.start].strip()
            ):
                last = kept[-1]  # the label's head noun: one phrase
                kept[-1] = Mention(
                    last.start, mention.end, text[last.start : mention.end], last.concept,
                    last.key, last.sign, last.adjusted, True,
                )  # fmt: skip
                continue
            kept.append(mention)
        return kept

    def _mention(
        self,
        text: str,
        start: int,
        end: int,
        concept: Concept | None,
        key: str | None,
        sign: int,
        segments: Sequence[SegmentMention],
    ) -> Mention:
        phrase = text[start:end]
        lowered = one_spaced(phrase.lower())
        # the words before and after it, in windows (long lines stay linear), read in place
        # (``WORD`` reads nothing around a window: ``pos``/``endpos`` are its slice)
        prev, nxt = _around(text, start, end)  # "" where there is none
        modified = False
        driven = nxt == "growth" and prev in _GROWTH_VERBS  # "drove revenue growth of 27%"
        # each test below is asked only when those before it leave the answer open (the
        # segments beside it last: most mentions are settled by their next word)
        if lowered in _GENERIC:
            prev_ok = (
                not prev
                or prev in _BEFORE_OK
                or prev[0].isdigit()
                or any(s.end <= start and text[s.end : start].strip(" 's") == "" for s in segments)
                or bool(_PUNCT_BEFORE.search(text[max(0, start - _WINDOW) : start]))
                or prev.endswith("'s")
                or prev.endswith("'")
                or driven
            )
            modified = not prev_ok
        head_noun = (
            key is not None and nxt in HEAD_NOUNS
        )  # "merchandise sales and services revenues"
        if not (
            not nxt
            or nxt in _AFTER_OK
            or head_noun
            or _PUNCT_NEXT.match(text, end, end + _WINDOW)
            or (end + _WINDOW >= len(text) and not text[end:].strip())  # at the end
            or _FIGURE_NEXT.match(text, end, end + _WINDOW)
            or any(s.start >= end and text[end : s.start].strip() == "" for s in segments)
        ):
            modified = True
        if prev == "other" and not lowered.startswith("other"):
            modified = True  # "other noninterest expense" is not the total's row
        is_object = prev in _OBJECT_VERBS and not driven
        adjusted = lowered.startswith("adjusted")
        return Mention(
            start, end, phrase, None if modified else concept, key, sign, adjusted,
            not modified and not is_object,
        )  # fmt: skip


_AROUND = 40  # characters before and after a mention its neighbouring words are read in


def _around_python(text: str, start: int, end: int) -> tuple[str, str]:
    """The last word (``WORD``) of the ``_AROUND`` characters before ``start`` and the first
    of those after ``end`` (both 0 or more), lowercased, "" where there is none: the
    specification of the compiled ``around`` (``_words.c``). ``WORD`` reads nothing
    around a window: ``pos``/``endpos`` are its slice."""
    if start < 0 or end < 0:
        raise ValueError("_around needs a start and an end of 0 or more")
    before = WORD.findall(text, start - _AROUND if start > _AROUND else 0, start)
    after = WORD.search(text, end, end + _AROUND)
    return (before[-1].lower() if before else "", after.group().lower() if after else "")


def _compiled_around(*, forced: bool = False) -> Callable[[str, int, int], tuple[str, str]] | None:
    """The compiled ``around`` (``_words.c``), as ``extensions.compiled`` gives it."""
    module = compiled("tieout.prose._words", forced=forced)
    return None if module is None else module.around


# asked of each metric a sentence names (about 100 a pass of the 3 text releases), where
# ``findall`` built every word of the window to read its last
_around: Callable[[str, int, int], tuple[str, str]] = _compiled_around() or _around_python
COMPILED = _around is not _around_python


# What a row's label, section or title says is asked of each row, and the rows repeat
# their texts (4,490 distinct labels in 7,724 rows over the corpus) within a release and
# across releases ("Net income", "Diluted"): each answer is a pure function of its text,
# remembered for this many texts (about 2 KB each at most: a few MB in all).
_LABELS = 8192
_segment_name = functools.lru_cache(maxsize=_LABELS)(segment_name)
_loss_label = functools.lru_cache(maxsize=_LABELS)(loss_label)  # of each label a sentence names
# Whether a row's section and label name a physical quantity (asked once per distinct
# row: most hold none of its words, and ``physical_quantity``, a ``Words``, searches only
# a text that holds one: it was sieved here once more before it sieved it itself)
_quantity = functools.lru_cache(maxsize=_LABELS)(physical_quantity)


@quick_init  # made per distinct label at first sight
@dataclass(frozen=True, slots=True)
class _RowLabel:
    """What a row's label says, asked once per label (a release repeats its labels)."""

    label: str  # cleaned (``clean_label``)
    concept: Concept | None
    adjusted: bool
    # (its name as a segment's, ``_segment_name``, is asked by ``TableTerms._sites`` only
    # of a label of no concept in a release whose rows name segments: most name none)


@functools.lru_cache(maxsize=_LABELS)
def _row_label(text: str) -> _RowLabel:
    return _RowLabel(clean_label(text), row_concept(text), adjusted_row(text) or qualified(text))


@quick_init  # made per distinct label at first sight
@dataclass(frozen=True, slots=True)
class _Named:
    """What a cleaned label names a site by: its key, its words, its sign wording."""

    key: str
    words: frozenset[str]
    signed: bool
    loss: bool


@functools.lru_cache(maxsize=_LABELS)
def _site_said(
    label: str,
    section: str | None,
    unit: Unit,
    metric: str | None,
    title: str | None,
    named_segment: bool,
    section_segment: bool,
    table_segment: str | None,
    quantity_table: bool,
) -> tuple[Any, ...]:
    """What a row says as a site (``Site``'s fields after its table and row), from its
    texts and what its release's tables say of them: ``named_segment``, the label names
    one of the segments the rows name (and no concept); ``section_segment``, its section
    names one the sections name; ``table_segment``, the segment its table's title names;
    ``quantity_table``, its table's title or heads name a physical quantity. Rows repeat
    these within a release and across releases: asked once per distinct row."""
    said = _row_label(label)
    clean = said.label
    segment: str | None = None
    concept = said.concept
    head = section or metric  # the metric a segment's row is of
    if named_segment and head:
        segment = _segment_name(label)  # (asked by ``_sites`` already: remembered)
        concept = concept_of(head)
        clean = clean_label(head)
    elif section_segment:
        segment = _segment_name(section or "")
    else:
        segment = table_segment
    adjusted = said.adjusted
    if adjusted and concept is None:
        base = unadjusted_part(clean_label(label))
        concept = concept_of(base) or concept_of(clean_label(base))
    dilution = None
    if unit is Unit.USD_PER_SHARE:
        context = f"{label} {section or ''}"
        concept = Concept.EarningsPerShare if earnings_per_share(context) else None
        adjusted = adjusted or adjusted_row(context) or qualified(context)
        dilution = dilution_of(context)
    side = side_of(f"{title} {section or ''}") if concept is None else None
    quantity = quantity_table or _quantity(f"{section or ''} {label}")
    if quantity:
        concept = None  # "Total Sales" of a kilowatt-hour table is not revenue
    named = _named(clean)
    signed = concept in SIGNED_CONCEPTS or named.signed
    return (
        unit, concept, adjusted, segment, named.key, named.words, signed, named.loss,
        dilution, quantity, side,
    )  # fmt: skip


@functools.lru_cache(maxsize=_LABELS)
def _named(label: str) -> _Named:
    return _Named(label.lower(), words(label), *sign_wording(label))


@per_tables
def terms_of(tables: Sequence[Table]) -> TableTerms:
    """The terms of these tables, built once for the claims found and the claims tied."""
    return TableTerms(tables)


@functools.lru_cache(maxsize=_LABELS)  # asked of each label a sentence names
def _phrase_concept(key: str) -> Concept | None:
    """The concept a label names in the prose's own words ("diluted EPS"), if the whole
    label is one such phrase, a basic or diluted before it aside."""
    key = _DILUTION_WORD.sub("", key)
    # the phrases whose words the label holds, in order, each led (the others find
    # nothing in it: a label's search was a pass of each of some forty phrases)
    for (concept, _, _), pattern in _PROSE_SIEVE(key):
        m = pattern.search(key)
        if m is not None and m.start() == 0 and m.end() == len(key):
            return concept
    return None


class Phrases:
    r"""Where a sentence names one of many phrases (row labels, segment names): what
    ``re.compile(r"(?<!\w)(?:p1|p2|...)(?!\w)", re.I).finditer`` finds, phrases tried in
    the order given, without trying every phrase at every place. A phrase can only match
    where its first character is, so the phrases are grouped by it (lowercased) and each
    place tries only its group: a release with thousands of rows was sentences x rows.
    The groups are the branches of one pattern, each led by a class of the characters
    that lowercase to its first character (case kept: ``re`` passes a branch whose class
    does not hold the character at once), the rest of its phrases ignoring case: one
    search per sentence, not one per place a phrase may begin. The pattern is built when
    first searched with.

    A phrase begins a word, so past the text's first character it follows a character
    that is no word's (``\\W``); the search is made for that character followed by a phrase
    (``_Built.after_ascii``), which ``re`` scans for as a class of characters (a pattern led
    by a lookahead it tries at every character of a lead, most letters of a word), and
    the phrase's match is then the pattern's own at the place after it (``_Built.pattern``,
    as ``finditer`` would have tried it there): the same Match objects, in order. That
    search is ``vocabulary.leads.WordLed``'s, given the patterns made here
    (``WordLed.built``: reading a pattern of thousands of phrases costs more than it saves)."""

    def __init__(self, phrases: Sequence[str]) -> None:
        self._phrases = tuple(phrases)
        self._built: _Built | None = None

    @property
    def size(self) -> int:
        """The characters of the phrases."""
        return sum(len(p) for p in self._phrases)

    def within(self, spelled: _Spelled) -> Phrases | None:
        """The phrases that may occur in a text, in the same order.

        A phrase occurs only where each of its words does, spelled as it is but for case
        (``and``/``&`` and a ratio's ``to`` may be spelled otherwise); leaving out the
        others changes no match, since they match nowhere in it."""
        # ``spelled.holds`` of each phrase's runs, written out here (a call less per phrase)
        runs, spells = spelled._runs, spelled.spells
        kept = [
            p
            for p in self._phrases
            if runs.issuperset(r := _literal_runs(p)) or all(map(spells, r))
        ]
        return Phrases(kept) if kept else None

    def _build(self) -> _Built:
        groups: dict[str, list[str]] = {}  # first character, lowercased: the rests
        after: dict[str, int] = {}  # and what may follow it (``_phrase_pairs``'s)
        for phrase in self._phrases:
            for key, rest, follow in _phrase_rests(phrase):
                groups.setdefault(key, []).append(rest)
                after[key] = after.get(key, 0) | follow
        branches = []
        leads = []
        for key, rests in groups.items():
            if chars := _lowering_to(key):  # none where no single character lowercases to it
                branches.append(f"[{chars}](?i:{'|'.join(rests)})")
                leads.append(chars)
        self._built = built = _compiled(
            "".join(leads), "|".join(branches), _openings(self._phrases)
        )
        # the pairs its matches begin with, told by the phrases (if the pattern is new)
        built.searched.pairs_from(functools.partial(_pairs_after, after))
        return built

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """What ``pattern.finditer(text)`` finds, searched word start by word start."""
        return (self._built or self._build()).searched.finditer(text)

    def found(self, text: str) -> list[re.Match[str]]:
        """``finditer``'s matches, as a list."""
        return (self._built or self._build()).searched.found(text)


class _Built(NamedTuple):
    """The phrases' patterns (``_compiled``)."""

    pattern: re.Pattern[str]  # any phrase as a whole word (the specification)
    # a character that is no word's, then what ``pattern`` matches, for a text all ASCII
    # (``leads.NOT_WORD_ASCII``; ``_after_any(whole)`` for any other)
    after_ascii: re.Pattern[str]
    whole: str  # the pattern without its lookbehind
    searched: WordLed  # ``pattern`` searched word start by word start, with the two above


_AND = r"(?:and|&)"  # how ``_phrase_pattern`` spells a leading "and" or "&"
# The capitals whose lowercase is a character whose capital (or title case) they are not,
# or more than one character ("İ"); tests/test_prose_phrases.py reads every character.
_ODD_CAPITALS = "\u0130\u03f4\u1e9e\u2126\u212a\u212b"
# each of them by its lowercase: the odd capitals a key may be the lowercase of (the
# others' lowercase is not the key: ``_lowering_chars`` asked each of them per key)
_ODD_LOWERED = {low: "".join(c for c in _ODD_CAPITALS if c.lower() == low) for low in
                {c.lower() for c in _ODD_CAPITALS}}  # fmt: skip


@functools.lru_cache(maxsize=_LABELS)
def _lowering_to(key: str) -> str:
    """The characters whose lowercase (``str.lower``) is ``key``, sorted, each escaped
    (for a class of them: ``_escaped``, ``re.escape`` for a character not alphanumeric)."""
    return "".join(map(_escaped, _lowering_chars(key)))


def _lowering_chars(key: str) -> list[str]:
    """The characters whose lowercase (``str.lower``) is ``key``, sorted: the key, its
    capital and title case, and the odd capitals that lowercase to it (``_ODD_LOWERED``)."""
    chars = {key, key.upper(), key.title(), *_ODD_LOWERED.get(key, "")}
    return [c for c in sorted(chars) if len(c) == 1 and c.lower() == key]


# The patterns of the phrases, compiled once per text of a pattern: a release's labels
# are compiled into one pattern, and a company's next release prints most of them
# again (re's own cache, 512 patterns for every module, is not relied on). 2 KB
# each on average over the corpus (359 patterns, 0.8 MB; the largest 32 KB).
_PATTERNS = 512


def _openings(phrases: Sequence[str]) -> frozenset[str] | None:
    """The first three characters of every match of the phrases' pattern in a plain text,
    lowered (``WordLed.built``'s ``openings``), or None where a phrase's match may begin
    otherwise. A phrase's pattern (``_phrase_pattern``) opens with its first word as it
    is, case aside, then spaces, commas or its next word: where that word has three
    characters or more, all ASCII, a match begins with them (a text all ASCII holds no
    other character case-blind matching takes for one); a first word of one or two, or
    one spelled either way ("and", "&"), says nothing of the third."""
    out = set()
    for phrase in phrases:
        words = phrase.replace("&", " & ").split()
        first = words[0] if words else ""
        if len(first) < 3 or not first[:3].isascii() or first.lower() in ("and", "&"):
            return None
        out.add(first[:3].lower())
    return frozenset(out)


@functools.lru_cache(maxsize=_PATTERNS)
def _compiled(leads: str, branches: str, openings: frozenset[str] | None = None) -> _Built:
    """The phrases' patterns: any of ``branches`` as whole words, led by a lookahead of
    ``leads``, the characters its matches may begin with (escaped for a class), so that a
    search passes the others at once (``vocabulary.leads.led``'s lookahead, written here:
    reading it from a pattern of thousands of phrases costs more than the search saves);
    and the same after a character that is no word's, which ``re`` searches for by its
    class (the pattern begins with one: ``Phrases.finditer``). ``openings``: the first three
    characters of each match (``_openings``), for the search word start by word start."""
    whole = rf"(?=[{leads}])(?:{branches})(?!\w)"
    pattern = re.compile(rf"(?<!\w){whole}")
    after_ascii = re.compile(rf"{NOT_WORD_ASCII}{whole}")
    searched = WordLed.built(pattern, after_ascii, functools.partial(_after_any, whole), openings)
    return _Built(pattern, after_ascii, whole, searched)


@functools.lru_cache(maxsize=_PATTERNS)
def _after_any(whole: str) -> re.Pattern[str]:
    """``_Built.after`` for a text not all ASCII: led by ``\\W`` (compiled when a text
    first needs it: most of a release's sentences are ASCII)."""
    return re.compile(rf"\W{whole}")


_ALNUM = re.compile(r"[a-z0-9]+")
_NOT_RUNS = bytes(c if chr(c) in "abcdefghijklmnopqrstuvwxyz0123456789" else 32 for c in range(256))
_LOOK_PER_CHARACTER = 200  # characters looked through per character of the phrases


class _OutOfBudget(Exception):
    """Looking for words in a text would cost more than it saves."""


def _text_runs_python(text: str) -> frozenset[str]:
    """The distinct runs of ASCII letters and digits of a text, folded (``_ALNUM``'s
    matches): split out by ``bytes.translate``, the text in one C pass (a character not
    ASCII is one "?", then a space, as every other byte not a run's). The specification
    of the compiled ``runs`` (``_words.c``)."""
    ascii_text = folded(text).encode("ascii", "replace")
    return frozenset(ascii_text.translate(_NOT_RUNS).decode("ascii").split())


def _compiled_text_runs(*, forced: bool = False) -> Callable[[str], frozenset[str]] | None:
    """The compiled ``runs`` (``_words.c``), as ``extensions.compiled`` gives it: for every
    text, ASCII or not (a release's prose from HTML is not: its quotes, dashes, bullets)."""
    module = compiled("tieout.prose._words", forced=forced)
    return None if module is None else module.runs


# asked of a release's prose, joined, once a release (and once a pass of the prose stage):
# ``split`` made a str of every run of its 30,000 characters and the frozenset hashed each
_text_runs: Callable[[str], frozenset[str]] = _compiled_text_runs() or _text_runs_python


class _Spelled:
    """Whether a text spells a word somewhere, case aside (``re.IGNORECASE``'s), looking
    through at most ``budget`` characters in all.

    Each run of ASCII letters and digits of the word must be inside one of the text's
    (the word may be run into the next one, as the phrases' patterns allow: "netincome"):
    a run that is one of them is found at once, another by a search through the distinct
    ones. A word of other letters is taken as spelled."""

    def __init__(self, text: str, budget: int) -> None:
        # _ALNUM's distinct runs (``Phrases.within`` reads them too: this module's own)
        self._runs = _text_runs(text)
        self._joined = ""  # the runs joined, for a run inside one of them (made when needed)
        self._budget = budget
        self._seen: dict[str, bool] = {}

    def __call__(self, word: str) -> bool:
        if not word.isascii():
            return True
        return self.holds(_ALNUM.findall(word.lower()))

    def holds(self, runs: Sequence[str]) -> bool:
        """Whether each of these runs (lowercase ASCII letters and digits) is spelled, in
        order: those that are runs of the text at once (most of a release's labels)."""
        return self._runs.issuperset(runs) or all(map(self.spells, runs))

    def spells(self, run: str) -> bool:
        """Whether this run (lowercase ASCII letters and digits) is inside one of the text's."""
        found = self._seen.get(run)
        if found is None:
            found = run in self._runs
            if not found:
                if not self._joined:
                    self._joined = "\n".join(self._runs)
                self._budget -= len(self._joined)
                if self._budget < 0:
                    raise _OutOfBudget
                found = run in self._joined
            self._seen[run] = found
        return found


@functools.lru_cache(maxsize=_LABELS)
def _literal_words(phrase: str) -> tuple[str, ...]:
    """The words of a phrase its pattern (``_phrase_pattern``) spells as they are."""
    out = []
    for n, w in enumerate(phrase.replace("&", " & ").split()):
        lowered = w.lower()
        if lowered not in ("and", "&") and not (lowered == "to" and n > 0):
            out.append(w)
    return tuple(out)


@functools.lru_cache(maxsize=_LABELS)
def _literal_runs(phrase: str) -> tuple[str, ...]:
    """The runs of ASCII letters and digits of a phrase's literal words, lowercased, in
    order (a word of other letters is taken as spelled: ``_Spelled``).

    A phrase all ASCII (nearly every label) is lowered once and split once: its words
    lowered are the lowered phrase's words, and a word of letters and digits alone is its
    one run (``_ALNUM`` searched only in the others): asked of each of a release's labels
    at first sight, where a generator, a ``lower`` and a ``findall`` per word cost more."""
    if not phrase.isascii():
        return tuple(
            run for w in _literal_words(phrase) if w.isascii() for run in _ALNUM.findall(w.lower())
        )
    out: list[str] = []
    for n, w in enumerate(phrase.lower().replace("&", " & ").split()):
        if w == "and" or w == "&" or (w == "to" and n > 0):
            continue  # not spelled as it is (``_literal_words``)
        if w.isalnum():  # ASCII: [a-z0-9]+, one run
            out.append(w)
        else:
            out += _ALNUM.findall(w)
    return tuple(out)


@functools.lru_cache(maxsize=_LABELS)
def _phrase_rests(phrase: str) -> tuple[tuple[str, str, int], ...]:
    """A phrase's pattern (``_phrase_pattern``) as the first characters it may begin
    with, lowercased, each with the pattern of the rest and the characters the rest may
    begin with (``_next_chars``): "and" or "&" for a leading ``(?:and|&)``, else the
    first character of its first word."""
    words = phrase.replace("&", " & ").split()  # the pattern's words
    if not words:
        return ()  # (an empty pattern)
    parts = _pattern_parts(words)  # the pattern's, made here: asked of each new label
    rest = _BETWEEN + _BETWEEN.join(parts[1:]) if len(parts) > 1 else ""
    if parts[0] is _AND:
        return (("a", "nd" + rest, _N), ("&", rest, _next_chars(words, "&")))
    first = words[0]
    return ((first[0].lower(), _escaped(first[1:]) + rest, _next_chars(words, first)),)


_N = case_blind("n")  # after the "a" of a leading "and"
_SEPARATORS = SPACES | case_blind(",")  # ``_phrase_pattern``'s ``[\s,]*`` between words
_AND_FIRST = case_blind("a") | case_blind("&")  # what ``(?:and|&)`` begins with
_TO_FIRST = case_blind("t") | case_blind("a")  # what a ratio's "to" pattern begins with


def _next_chars(words: Sequence[str], first: str) -> int:
    """The characters (lowered ASCII, a mask of bits: ``leads.case_blind``) a match of a
    phrase's pattern may have second, its first word matched as ``first`` ("&" for a
    leading "and"): that word's second letter, or after a word of one, the spacing
    between words or the next word's first letter (``ANY_NEXT`` where there is no next
    word: a match of one character). What ``leads.pair_table`` reads from the pattern,
    told by the words it was made of."""
    if len(first) > 1:
        return case_blind(first[1])
    if len(words) < 2:
        return ANY_NEXT
    word = words[1].lower()  # as ``_phrase_pattern`` spells the second word
    if word in ("and", "&"):
        return _SEPARATORS | _AND_FIRST
    if word == "to":
        return _SEPARATORS | _TO_FIRST
    return _SEPARATORS | case_blind(words[1][0])


def _phrase_pairs(phrases: Sequence[str]) -> bytes:
    """``leads.pair_table`` of the phrases' pattern (``Phrases._build``), told by the
    phrases: each character that lowercases to a first character (``_lowering_to``'s),
    with the characters that may follow it (``_phrase_rests``'). Parsing the pattern for
    it (hundreds of phrases) cost more than all the rest of building it."""
    after: dict[str, int] = {}  # first character, lowercased: what may follow it
    for phrase in phrases:
        for key, _, chars in _phrase_rests(phrase):
            after[key] = after.get(key, 0) | chars
    return _pairs_after(after)


def _pairs_after(after: dict[str, int]) -> bytes:
    """``_phrase_pairs`` of the characters each first character (lowercased) may be
    followed by (``Phrases._build`` gathers them as it reads the phrases' rests)."""
    seconds: dict[int, int] = {}
    for key, chars in after.items():
        if key.isascii() and key.lower() == key:
            # an ASCII key (a lowercase letter, or no letter): what lowercases to it
            # matches it alone of the ASCII characters, case ignored (its capital; "K",
            # the Kelvin sign, "k"): the loop below gives its one bit (as it does for
            # each of the 128), after sets made and sorted and masks of 128 bits taken apart
            first = ord(key)
            seconds[first] = seconds.get(first, 0) | chars
            continue
        for char in _lowering_chars(key):
            mask = case_blind(char)
            while mask:  # each ASCII character it matches (one, or none)
                low = mask & -mask
                first = low.bit_length() - 1
                seconds[first] = seconds.get(first, 0) | chars
                mask ^= low
    return pairs_of(seconds)


@functools.lru_cache(maxsize=_LABELS)
def _phrase_pattern(phrase: str) -> str:
    """A label or name as a pattern: any spacing, `&` and `and` alike, and a ratio's `to`
    as the prose says it too ("allowance for credit losses as a percentage of total
    loans" is the row "Allowance for credit losses to total loans")."""
    return _BETWEEN.join(_pattern_parts(phrase.replace("&", " & ").split()))


_BETWEEN = r"[\s,]*"  # the spacing ``_phrase_pattern`` allows between words
_AS_SHARE_OF = r"(?:to|as[\s,]+a[\s,]+(?:percentage|percent|%)[\s,]+of)"  # a ratio's "to"


def _pattern_parts(words: Sequence[str]) -> list[str]:
    """The pattern of each word of a phrase (``_phrase_pattern``'s: str.split's spaces are
    re's \\s): ``_AND`` itself for "and" or "&"."""
    parts = []
    for w in words:
        lowered = w.lower()  # (once a word: asked of each word of each new label)
        if lowered == "and" or lowered == "&":
            parts.append(_AND)
        elif lowered == "to" and parts:
            parts.append(_AS_SHARE_OF)
        else:
            parts.append(_escaped(w))
    return parts


def _escaped(word: str) -> str:
    """``re.escape(word)``: the word itself where it is letters and digits alone (most
    words of a label), which ``re.escape`` leaves as they are (it escapes only its special
    characters, none a letter or a digit); asked of each word of each new label."""
    return word if word.isalnum() else re.escape(word)
