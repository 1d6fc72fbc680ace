"""Subjects: the metric and segment a sentence speaks of, and what each table row holds.

Two vocabularies meet here. The prose names metrics in its own words ("net loss",
"income from operations", "EBITDA", "revenues") and segments by name ("the Rubber
Group", "Sears Canada"); the tables name them by row labels, section heads and column
heads. Both sides are reduced to the same keys: a canonical concept (tieout.concepts),
a cleaned label, a segment name. A prose word that only modifies another noun
("comparable store *sales*", "*earnings* target") names no metric.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from tieout.concepts import concept_of as _concept_of
from tieout.model import Row, Table, Unit
from tieout.prose.sentences import wordset

EPS = "EarningsPerShare"

# Metrics as the prose words them: (concept, sign, pattern). A sign of -1 marks a loss
# wording: "net loss of $156,000" states -156,000.
_LEXICON: tuple[tuple[str, int, str], ...] = (
    (
        "EBITDA",
        1,
        r"(?:adjusted\s+)?earnings\s+(?:\(loss\)\s+)?before\s+interest,?\s+(?:income\s+)?taxes,?\s+"
        r"depreciation,?\s+(?:and\s+)?amortization(?:\s*\(\s*(?:adjusted\s+)?ebitda\s*\))?"
        r"|(?:adjusted\s+)?\bebitda\b",
    ),
    (
        "OperatingCashFlow",
        1,
        r"(?:net\s+)?cash\s+(?:flows?\s+)?(?:provided\s+by|from|generated\s+(?:by|from))\s+"
        r"(?:operating\s+activities|operations)|operating\s+cash\s+flows?",
    ),
    (
        "OperatingIncome",
        1,
        r"(?:income|earnings|profit)\s+from\s+operations|operating\s+(?:income|profit|earnings)"
        r"(?:\s+\(loss\))?",
    ),
    ("OperatingIncome", -1, r"(?:loss|losses)\s+from\s+operations|operating\s+loss(?:es)?"),
    (
        "PretaxIncome",
        1,
        r"(?:income|earnings)\s+before\s+(?:provision\s+for\s+)?income\s+taxes|pre-?tax\s+(?:income|earnings)",
    ),
    ("PretaxIncome", -1, r"loss\s+before\s+(?:provision\s+for\s+)?income\s+taxes|pre-?tax\s+loss"),
    (
        EPS,
        1,
        r"(?:diluted\s+|basic\s+)?(?:net\s+)?(?:earnings|income)\s+per\s+(?:diluted\s+|basic\s+)?"
        r"(?:common\s+)?share|\beps\b",
    ),
    (
        EPS,
        -1,
        r"(?:diluted\s+|basic\s+)?(?:net\s+)?loss\s+per\s+(?:diluted\s+|basic\s+)?(?:common\s+)?share",
    ),
    (
        "NetIncome",
        1,
        r"net\s+(?:quarterly\s+|annual\s+)?(?:income|earnings|profit)(?:\s+\(loss\))?|\bearnings\b",
    ),
    ("NetIncome", -1, r"net\s+loss(?:es)?"),
    ("GrossProfit", 1, r"gross\s+(?:profit|margin)"),
    ("CostOfSales", 1, r"cost\s+of\s+(?:goods\s+sold|sales|revenues?|products\s+sold)"),
    (
        "SellingAdministrative",
        1,
        r"selling,?\s+general\s+and\s+administrative(?:\s+expenses?)?"
        r"|selling\s+and\s+administrative(?:\s+expenses?)?|\bsg&a\b",
    ),
    (
        "OperatingExpenses",
        1,
        r"(?:total\s+)?operating\s+expenses|(?:total\s+)?costs\s+and\s+expenses",
    ),
    ("InterestExpense", 1, r"interest\s+expense"),
    (
        "IncomeTax",
        1,
        r"(?:provision\s+for\s+)?income\s+tax(?:es)?(?:\s+(?:expense|provision))?|tax\s+provision",
    ),
    ("DepreciationAmortization", 1, r"depreciation\s+and\s+amortization"),
    ("CapitalExpenditures", 1, r"capital\s+expenditures"),
    ("Revenue", 1, r"(?:net\s+|total\s+|operating\s+|consolidated\s+)?(?:sales|revenues?)"),
)
_LEXICON_RE = tuple(
    (concept, sign, re.compile(r"\b(?:" + pattern + r")(?!\w)", re.I))
    for concept, sign, pattern in _LEXICON
)
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
    growing"""
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
_WORD = re.compile(r"[A-Za-z][A-Za-z'&-]*|\d[\d,.]*|\$")
_STOP = wordset(
    """the a an of and or to for in on at by from with as its their our per net total other - &
    s"""
)
_LABEL_NOISE = re.compile(
    r"\((?:see\s+)?notes?\)|\(\s*[a-z0-9]\s*\)|\*+|\bas\s+reported\b|\bavailable\s+to\s+common"
    r"(?:\s+(?:stock|share)holders)?\b|\bapplicable\s+to\s+common\s+(?:stock|share)holders\b"
    r"|\(in\s+(?:thousands|millions)\)|\(\s*%\s*\)|%\s*$",
    re.I,
)
_BASIS_PREFIX = re.compile(r"^\s*(?:q[1-4]\s+)?(?:non-?\s?)?gaap\s+", re.I)
_QUALIFIED = re.compile(
    r"\bexclud\w*|\badjusted\b|\bpro\s*forma\b|\bnon-?gaap\b|\bbefore\s+(?:special|one-time|unusual|restructuring)",
    re.I,
)
_EPS_LABEL = re.compile(r"earn|income|loss|\beps\b|per\s+(?:common\s+)?share", re.I)
_NOT_EPS = re.compile(r"cumulative|dividend|book\s+value|effect\s+of|cash\s+flow", re.I)
_LOSS_LABEL = re.compile(
    r"^(?:net\s+)?loss(?:es)?\b|\bloss\s+(?:from|before)\b|operating\s+loss", re.I
)
_GAIN_WORDS = re.compile(r"\bincome\b|\bearnings\b|\bprofit\b|\(loss\)|/\s*\(?loss", re.I)
_SIGNED_CONCEPTS = frozenset(
    {
        "EBITDA",
        "OperatingCashFlow",
        "OperatingIncome",
        "PretaxIncome",
        "NetIncome",
        "GrossProfit",
        EPS,
    }
)
_SIGNED_LABEL = re.compile(r"income|earnings|profit|loss|ebitda|cash\s+(?:flow|provided)", re.I)
# "Sales and Revenues by Segment": the metric whose rows are the segments.
_BY = re.compile(r"^(?P<metric>[A-Za-z][\w ,&'-]*?)\s+by\s+\w", re.I)
_BY_SEGMENT = re.compile(r"\bby\s+(?:business\s+|reportable\s+|operating\s+)?segments?\s*$", re.I)
# Titles of the tables that follow a segment's heading and detail it.
_SEGMENT_DETAIL = re.compile(
    r"\bsegment\b|\bby\s+(?:geographic|region|application|product|end[\s-]+(?:use|market))",
    re.I,
)
_PERIOD_WORDS = re.compile(
    r"\b(?:months?|weeks?|quarters?|years?|ytd|fiscal|(?:19|20)\d\d)\b|\bgrowth\b|\brates?\b", re.I
)
# Tables of physical quantities, which a money or per-share figure of the prose never states.
_QUANTITY = re.compile(
    r"kilowatt|\b[kmgt]wh\b|\bmegawatt|\bbarrels?\b|\bbbls?\b|\bboe\b|\bmcf\b|\btons\b"
    r"|\btonnes\b|\bsquare\s+(?:feet|foot|meters)\b|\bounces\b",
    re.I,
)
_REVENUE_WORDS = re.compile(r"\brevenues?\b|\bsales\b", re.I)
_EXPENSE_WORDS = re.compile(r"\bexpenses?\b|\bcosts?\b", re.I)
_GENERIC_SEGMENT = re.compile(r"^(?:all\s+)?others?\b|\beliminations?\b|^corporate\s+items\b", re.I)
_NOT_SEGMENT = re.compile(
    r"consolidated|total|pretax|per\s+share|earnings|change|%|percent|variance|as\s+reported"
    r"|excluding|adjusted|gaap|amount|actual|budget|increase|decrease|^\(|\bincludes?\b"
    r"|\binter-?segment\b"
    r"|\b(?:expenses?|costs?|income|revenues?|sales|cash|assets|liabilit\w*|equity|margin|"
    r"tax\w*|profit|loss|ebitda|compensation|shares?)\b",
    re.I,
)


@functools.lru_cache(maxsize=8192)
def concept_of(label: str) -> str | None:
    """tieout.concepts.concept_of, remembered, with a basis word before the metric dropped.

    "GAAP Net Income" is net income; the prose stage asks of each label often.
    """
    found = _concept_of(label)
    if found is None and (bare := _BASIS_PREFIX.sub("", label)) != label:
        found = _concept_of(bare)
    return found


def words(text: str) -> frozenset[str]:
    """The content words of a text, lowercased, `&` read as `and`."""
    return frozenset(
        w.lower().strip("'-").removesuffix("'s")
        for w in _WORD.findall(text.replace("&", " and "))
        if w.lower() not in _STOP and not w[0].isdigit() and w != "$"
    )


def clean_label(label: str) -> str:
    """A row label without notes, footnote marks, "as reported" and dashes around it."""
    text = _LABEL_NOISE.sub(" ", label)
    text = re.sub(r"\s+", " ", text).strip(" -:\u2013,")
    return text


def side_of(text: str) -> str | None:
    """Whether a text speaks of revenues or of expenses (or of both, or neither: None).

    "Hardware systems products" is a revenue under REVENUES and an expense under
    OPERATING EXPENSES; the sentence "hardware systems revenues were up 2% ..." says which.
    """
    revenue = bool(_REVENUE_WORDS.search(text))
    expense = bool(_EXPENSE_WORDS.search(text))
    if revenue == expense:
        return None
    return "revenue" if revenue else "expense"


def segment_name(text: str) -> str:
    """A segment's name as the prose says it: "Financial Products Segment $" is Financial Products."""
    name = re.sub(r"\s+", " ", text).strip(" -:\u2013*$")
    return re.sub(r"\s+segment$", "", name, flags=re.I).strip(" -:\u2013*$")


def _title_part(table: Table) -> str:
    """The last line of a table's title: "(more) / 6 / Sales by Geographic Region" gives its end."""
    return (table.title or "").split(" / ")[-1].strip()


def title_metric(table: Table) -> str | None:
    """The metric a title says its rows break down: "Profit by Segment" gives "Profit"."""
    m = _BY.match(_title_part(table))
    return m.group("metric") if m else None


# Labels tieout.concepts does not know yet, as the prose stage needs them.
_MORE_CONCEPTS = (
    (
        "OperatingCashFlow",
        re.compile(
            r"^(?:net\s+)?cash\s+(?:generated|provided)\s+(?:by|from)\s+operating\s+activities$",
            re.I,
        ),
    ),
)


def _row_concept(label: str) -> str | None:
    found = concept_of(label) or concept_of(clean_label(label))
    if found is None:
        cleaned = clean_label(label)
        found = next((name for name, p in _MORE_CONCEPTS if p.match(cleaned)), None)
    return found


@dataclass(frozen=True, slots=True)
class Site:
    """A row of a table as the prose may name it."""

    table: int
    row: int
    unit: Unit
    concept: str | None  # canonical concept, or EPS for an earnings-per-share row
    adjusted: bool  # the label qualifies the measure away from GAAP ("excluding ...")
    segment: str | None  # the segment the row is of (label or section), None: consolidated
    key: str  # the cleaned label, lowercased
    words: frozenset[str]
    signed: bool  # income-like: its sign means something (a loss is negative)
    loss_label: bool  # "Net loss" printed without parentheses means a negative figure
    dilution: str | None = None  # "basic" or "diluted" when the row is only one of them
    quantity: bool = False  # a physical quantity (kilowatt-hours), whatever unit it was read in
    side: str | None = None  # "revenue" or "expense": what its section or title says it is


@dataclass(frozen=True, slots=True)
class Mention:
    """A metric named in a sentence."""

    start: int
    end: int
    text: str
    concept: str | None
    key: str | None  # a row label it matches, lowercased
    sign: int  # -1 for a loss wording
    adjusted: bool
    anchor: bool  # may be the subject of a figure after it (not modified, not an object)


@dataclass(frozen=True, slots=True)
class SegmentMention:
    start: int
    end: int
    name: str


def _segments(tables: Sequence[Table]) -> tuple[set[str], set[str], set[str]]:
    """Segment names: of columns, of rows repeated under metric heads, of section heads."""
    columns: set[str] = set()
    rows: set[str] = set()
    sections: set[str] = set()
    under: defaultdict[str, set[str]] = defaultdict(set)
    siblings: defaultdict[tuple[int, str], set[str]] = defaultdict(set)
    section_metrics: Counter[str] = Counter()
    for table in tables:
        for col in table.columns:
            if col.segment and not _NOT_SEGMENT.search(col.segment):
                columns.add(segment_name(col.segment))
        for row in table.rows:
            if not row.has_figures:
                continue
            if row.section and concept_of(row.section) and not _row_concept(row.label):
                under[segment_name(row.label)].add(row.section.lower())
                siblings[(table.index, row.section.lower())].add(segment_name(row.label))
            if row.section and not concept_of(row.section) and _row_concept(row.label):
                section_metrics[segment_name(row.section)] += 1
    rows = {
        name for name, heads in under.items() if len(heads) >= 2 and not _NOT_SEGMENT.search(name)
    }
    for names in siblings.values():  # "Corporate Office" beside the segments it sits with
        if names & rows:
            rows |= {n for n in names if not _NOT_SEGMENT.search(n)}
    for table in tables:  # "Profit by Segment": its rows are the segments
        if not _BY_SEGMENT.search(_title_part(table)):
            continue
        for row in table.rows:
            name = segment_name(row.label)
            if (
                row.has_figures
                and not _row_concept(row.label)
                and not _NOT_SEGMENT.search(name)
                and not _GENERIC_SEGMENT.search(name)
            ):
                rows.add(name)
    sections = {
        name
        for name, n in section_metrics.items()
        if n >= 2 and not _NOT_SEGMENT.search(name) and name
    }
    sections |= _parallel_sections(tables)
    return columns, rows, sections


def _parallel_sections(tables: Sequence[Table]) -> set[str]:
    """Sections of one table that print the same rows: "AMERICAS", "ASIA PACIFIC", each with
    its software and hardware revenues, break the same figures down by segment."""
    out: set[str] = set()
    for table in tables:
        labels: defaultdict[str, set[str]] = defaultdict(set)
        for row in table.rows:
            if row.section and row.has_figures:
                labels[segment_name(row.section)].add(clean_label(row.label).lower())
        by_rows: defaultdict[frozenset[str], list[str]] = defaultdict(list)
        for name, rows in labels.items():
            if len(rows) >= 2:
                by_rows[frozenset(rows)].append(name)
        for names in by_rows.values():
            if len(names) >= 2:
                out |= {
                    n
                    for n in names
                    if n and not _NOT_SEGMENT.search(n) and not _PERIOD_WORDS.search(n)
                }
    return out


class Vocabulary:
    """What the tables of one release let the prose name: metrics, labels, segments."""

    def __init__(self, tables: Sequence[Table]) -> None:
        columns, row_segments, section_segments = _segments(tables)
        self.segments: frozenset[str] = frozenset(columns | row_segments | section_segments)
        self._row_segments = row_segments
        self._section_segments = section_segments
        self._canonical = {n.lower().replace("&", "and"): n for n in self.segments}
        self._table_segments = self._titled(tables)
        self.sites: tuple[Site, ...] = tuple(
            site for table in tables for row in table.rows if (site := self._site(table, row))
        )
        labels = {s.key for s in self.sites}
        phrases = sorted(
            (k for k in labels if words(k) and not (words(k) <= {"basic", "diluted", "change"})),
            key=len,
            reverse=True,
        )
        self._labels = (
            re.compile(
                r"(?<!\w)(?:" + "|".join(_phrase_pattern(p) for p in phrases) + r")(?!\w)", re.I
            )
            if phrases
            else None
        )
        names = sorted(self.segments, key=len, reverse=True)
        self._segment_re = (
            re.compile(
                r"(?<!\w)(?:" + "|".join(_phrase_pattern(n) for n in names) + r")(?!\w)", re.I
            )
            if names
            else None
        )

    def _titled(self, tables: Sequence[Table]) -> dict[int, str]:
        """The segment each table is of by its title ("CONSTRUCTION INDUSTRIES / Segment Sales").

        The tables right after it that detail a segment ("Sales by Geographic Region",
        "Segment Profit") are of the same segment, up to a table that is not.
        """
        out: dict[int, str] = {}
        current: str | None = None
        for table in tables:
            parts = (table.title or "").split(" / ")
            named = next(
                (
                    name
                    for part in parts
                    if (name := self._canonical.get(segment_name(part).lower().replace("&", "and")))
                ),
                None,
            )
            if named is not None:
                current = named
            elif not _SEGMENT_DETAIL.search(_title_part(table)):
                current = None
            if current is not None:
                out[table.index] = current
        return out

    def _site(self, table: Table, row: Row) -> Site | None:
        if not row.has_figures:
            return None
        label = clean_label(row.label)
        segment: str | None = None
        concept = _row_concept(row.label)
        section = segment_name(row.section or "")
        head = row.section or title_metric(table)  # the metric a segment's row is of
        if concept is None and segment_name(row.label) in self._row_segments and head:
            segment = segment_name(row.label)
            concept = concept_of(head)
            label = clean_label(head)
        elif section in self._section_segments:
            segment = section
        else:
            segment = self._table_segments.get(table.index)
        adjusted = bool(_QUALIFIED.search(row.label))
        if adjusted and concept is None:
            base = _QUALIFIED.split(clean_label(row.label))[0]
            concept = concept_of(base) or concept_of(clean_label(base))
        if row.unit is Unit.USD_PER_SHARE:
            context = f"{row.label} {row.section or ''}"
            concept = EPS if _EPS_LABEL.search(context) and not _NOT_EPS.search(context) else None
            adjusted = adjusted or bool(_QUALIFIED.search(context))
        dilution = None
        if row.unit is Unit.USD_PER_SHARE:
            context = f"{row.label} {row.section or ''}".lower()
            basic, diluted = "basic" in context, "dilut" in context
            dilution = (
                "basic" if basic and not diluted else ("diluted" if diluted and not basic else None)
            )
        side = side_of(f"{table.title} {row.section or ''}") if concept is None else None
        heads = " ".join(col.label for col in table.columns)  # a title read into the heads
        quantity = bool(_QUANTITY.search(f"{table.title} {heads} {row.section or ''} {row.label}"))
        if quantity:
            concept = None  # "Total Sales" of a kilowatt-hour table is not revenue
        signed = concept in _SIGNED_CONCEPTS or bool(_SIGNED_LABEL.search(label))
        loss = bool(_LOSS_LABEL.search(label)) and not _GAIN_WORDS.search(
            label.lower().replace("loss", "", 1)
        )
        return Site(
            table.index,
            row.index,
            row.unit,
            concept,
            adjusted,
            segment,
            label.lower(),
            words(label),
            signed,
            loss,
            dilution,
            quantity,
            side,
        )

    def segment_mentions(self, text: str) -> list[SegmentMention]:
        if self._segment_re is None:
            return []
        out = []
        for m in self._segment_re.finditer(text):
            key = re.sub(r"\s+", " ", m.group(0)).lower().replace("&", "and")
            name = self._canonical.get(key)
            if name is not None:
                out.append(SegmentMention(m.start(), m.end(), name))
        return out

    def segment_named(self, text: str) -> str | None:
        """The segment a heading names, exactly (a heading "Domestic" names Domestic)."""
        key = re.sub(r"\s+", " ", text).strip(" :.-").lower().replace("&", "and")
        return self._canonical.get(key)

    def mentions(self, text: str, segments: Sequence[SegmentMention] = ()) -> list[Mention]:
        """The metrics a sentence names, longest first where they overlap."""
        found: list[Mention] = []
        for concept, sign, pattern in _LEXICON_RE:
            for m in pattern.finditer(text):
                found.append(self._mention(text, m.start(), m.end(), concept, None, sign, segments))
        if self._labels is not None:
            for m in self._labels.finditer(text):
                key = re.sub(r"\s+", " ", m.group(0)).lower()
                named = concept_of(key)
                sign = (
                    -1
                    if _LOSS_LABEL.search(key)
                    and not _GAIN_WORDS.search(key.replace("loss", "", 1))
                    else 1
                )
                found.append(self._mention(text, m.start(), m.end(), named, key, sign, segments))
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
        concept: str | None,
        key: str | None,
        sign: int,
        segments: Sequence[SegmentMention],
    ) -> Mention:
        phrase = text[start:end]
        lowered = re.sub(r"\s+", " ", phrase.lower())
        before = _WORD.findall(text[max(0, start - 40) : start])
        after_text = text[end:]
        after = _WORD.findall(after_text[:40])
        segment_starts = {s.start for s in segments}
        segment_ends = {s.end for s in segments}
        prev = before[-1].lower() if before else ""
        nxt = after[0].lower() if after else ""
        next_is_punct = bool(re.match(r"\s*[,.;:()]", after_text)) or not after_text.strip()
        next_is_figure = bool(re.match(r"\s*(?:\$|\d)", after_text))
        next_segment = any(s >= end and text[end:s].strip() == "" for s in segment_starts)
        prev_segment = any(e <= start and text[e:start].strip(" 's") == "" for e in segment_ends)
        modified = False
        if lowered in _GENERIC:
            prev_ok = (
                not before
                or prev in _BEFORE_OK
                or prev[0].isdigit()
                or prev_segment
                or bool(re.search(r"[,;:(]\s*$", text[:start]))
                or prev.endswith("'s")
                or prev.endswith("'")
            )
            modified = not prev_ok
        head_noun = (
            key is not None and nxt in HEAD_NOUNS
        )  # "merchandise sales and services revenues"
        if not (
            next_is_punct
            or next_is_figure
            or next_segment
            or head_noun
            or nxt in _AFTER_OK
            or not nxt
        ):
            modified = True
        is_object = prev in _OBJECT_VERBS
        adjusted = lowered.startswith("adjusted")
        return Mention(
            start, end, phrase, None if modified else concept, key, sign, adjusted,
            not modified and not is_object,
        )  # fmt: skip


def _phrase_pattern(phrase: str) -> str:
    """A label or name as a pattern: any spacing, `&` and `and` alike."""
    parts = []
    for w in re.split(r"\s+", phrase.replace("&", " & ").strip()):
        if not w:
            continue
        parts.append(r"(?:and|&)" if w.lower() in ("and", "&") else re.escape(w))
    return r"[\s,]*(?:\(\s*[A-Z][A-Za-z&]{1,7}\s*\)\s*)?".join(parts)
