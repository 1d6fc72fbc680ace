"""Segments: the parts of a company its tables break figures down by, and their names.

A segment is named by a column head ("Domestic", "Sears Canada"), by rows repeated under
two metric heads (net sales and operating income of the Rubber Group), by the rows of a
table titled "... by Segment", by section heads over the same rows ("AMERICAS", "ASIA
PACIFIC"; "Alabama Power -", "Gulf Power -"), or by a table's title ("CONSTRUCTION
INDUSTRIES / Segment Sales") and the tables that detail it after it.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from tieout.model import Table
from tieout.prose.labels import clean_label, concept_of, row_concept
from tieout.vocabulary.spacing import one_spaced
from tieout.vocabulary.words import Words

# "Sales and Revenues by Segment": the metric whose rows are the segments.
_BY = re.compile(r"^(?P<metric>[A-Za-z][\w ,&'-]*?)\s+by\s+\w", re.I)
_BY_SEGMENT = re.compile(
    r"\bby\s+(?:business\s+|reportable\s+|operating\s+)?segments?\s*$"
    r"|\b(?:lines?\s+of\s+business|business\s+lines?)\b",
    re.I,
)
# Titles of the tables that follow a segment's heading and detail it.
_SEGMENT_DETAIL = re.compile(
    r"\bsegment\b|\bby\s+(?:geographic|region|application|product|end[\s-]+(?:use|market))",
    re.I,
)
_PERIOD_WORDS = re.compile(
    r"\b(?:months?|weeks?|quarters?|years?|ytd|fiscal|(?:19|20)\d\d)\b|\bgrowth\b|\brates?\b", re.I
)
_GENERIC_SEGMENT = re.compile(r"^(?:all\s+)?others?\b|\beliminations?\b|^corporate\s+items\b", re.I)
_NOT_SEGMENT = re.compile(
    r"consolidated|total|pretax|per\s+share|earnings|change|%|percent|variance|as\s+reported"
    r"|excluding|adjusted|gaap|amount|actual|budget|increase|decrease|^\(|\bincludes?\b"
    r"|\binter-?segment\b"
    r"|\b(?:expenses?|costs?|income|revenues?|sales|cash|assets|liabilit\w*|equity|margin|"
    r"tax\w*|profit|loss|ebitda|compensation|shares?)\b",
    re.I,
)

# segment_name's patterns, compiled once: it runs for every label and section of a release
_NOTE_MARK = re.compile(r"\s*\((?:[a-z]|\d{1,2})\)\s*$")
_SEGMENT_WORD = re.compile(r"\s+segment$", re.I)


@functools.lru_cache(maxsize=8192)
def _segment_like(name: str) -> bool:
    """Whether a name may be a segment's: ``_NOT_SEGMENT`` finds nothing in it. Asked of
    every name a release's tables give, again by each rule that meets it, and the search
    tries dozens of branches at every character: a pure function of the name, remembered
    for as many names as the prose remembers labels (names repeat across a release's
    tables and a company's releases)."""
    return not _NOT_SEGMENT_WORDS(name)


# ``_NOT_SEGMENT`` asked as a question (``vocabulary.words.Words``): searched, led, only in
# a name holding one of the words a match holds (most segments' names hold none: "Sears
# Canada", "Gulf Power"), the same answer where the led search was tried on every name
_NOT_SEGMENT_WORDS = Words(_NOT_SEGMENT.pattern)


def segment_name(text: str) -> str:
    """A segment's name as the prose says it: "Financial Products Segment $" is Financial
    Products, "CONSUMER AND BUSINESS BANKING (a)" its name without the footnote mark.

    Each pattern is asked only of a name that may hold a match: runs of spaces where there
    are two spaces in a row or a character that is unprintable (every space but " " is),
    a note mark where there is a ")", "segment" where the name ends in its letters."""
    name = one_spaced(text)
    name = name.strip(" -:\u2013*$")
    if ")" in name:
        name = _NOTE_MARK.sub("", name).strip(" -:\u2013*$")
    if name[-6:].lower() == "egment":  # (no letter but "e", "g", "m", "n", "t" lowers to one)
        name = _SEGMENT_WORD.sub("", name)
    return name.strip(" -:\u2013*$")


def title_part(table: Table) -> str:
    """The last line of a table's title: "(more) / 6 / Sales by Geographic Region" gives its end."""
    return (table.title or "").split(" / ")[-1].strip()


def title_metric(table: Table) -> str | None:
    """The metric a title says its rows break down: "Profit by Segment" gives "Profit"."""
    return _title_said(table.title).metric


class _Title(NamedTuple):
    """What a table's title says of its segments, asked once per title."""

    metric: str | None  # ``title_metric``
    by_segment: bool  # its last line says its rows are the segments ("Profit by Segment")
    detail: bool  # its last line says it details a segment ("Sales by Geographic Region")
    keys: tuple[str, ...]  # each line's segment name as ``TableTerms._canonical`` keys it


@functools.lru_cache(maxsize=8192)
def _title_said(title: str | None) -> _Title:
    """What a title says (``_Title``): a pure function of the title, asked by each rule
    and for each table, remembered as the prose remembers labels (a company's releases
    repeat their titles)."""
    lines = (title or "").split(" / ")
    part = lines[-1].strip()  # ``title_part``
    m = _BY.match(part)
    return _Title(
        m.group("metric") if m else None,
        bool(_BY_SEGMENT.search(part)),
        bool(_SEGMENT_DETAIL.search(part)),
        tuple(segment_name(line).lower().replace("&", "and") for line in lines),
    )


def segment_names(
    tables: Sequence[Table], name_of: Callable[[str], str] = segment_name
) -> tuple[set[str], set[str], set[str]]:
    """Segment names: of columns, of rows repeated under metric heads, of section heads.

    ``name_of`` is ``segment_name``, perhaps remembering its answers."""
    columns: set[str] = set()
    rows: set[str] = set()
    sections: set[str] = set()
    under: defaultdict[str, set[str]] = defaultdict(set)
    siblings: defaultdict[tuple[int, str], set[str]] = defaultdict(set)
    section_metrics: Counter[str] = Counter()
    # each table's sections, by name, with the labels of their rows (``_parallel_sections``):
    # read in the same pass over the rows
    parallel: list[dict[str, set[str]]] = []
    for table in tables:
        for col in table.columns:
            if col.segment and _segment_like(col.segment):
                columns.add(name_of(col.segment))
        labels: defaultdict[str, set[str]] = defaultdict(set)
        last, named, metric_section = "", "", False  # of the last section read
        for row in table.rows:
            section = row.section
            if not section or not row.has_figures:
                continue
            label = row.label
            if section != last:  # what a section says, once per run of rows under it
                last, named, metric_section = section, name_of(section), bool(concept_of(section))
            labels[named].add(_label_key(label))
            # whether the section and the label name a metric
            if metric_section:
                if not row_concept(label):
                    name = name_of(label)
                    lowered = section.lower()
                    under[name].add(lowered)
                    siblings[(table.index, lowered)].add(name)
            elif row_concept(label):
                section_metrics[named] += 1
        parallel.append(labels)
    rows = {name for name, heads in under.items() if len(heads) >= 2 and _segment_like(name)}
    for names in siblings.values():  # "Corporate Office" beside the segments it sits with
        if names & rows:
            rows |= {n for n in names if _segment_like(n)}
    for table in tables:  # "Profit by Segment": its rows are the segments
        if not _title_said(table.title).by_segment:
            continue
        for row in table.rows:
            name = name_of(row.label)
            if (
                row.has_figures
                and not row_concept(row.label)
                and _segment_like(name)
                and not _GENERIC_SEGMENT.search(name)
            ):
                rows.add(name)
    sections = {
        name for name, n in section_metrics.items() if n >= 2 and _segment_like(name) and name
    }
    sections |= _parallel_sections(parallel)
    return columns, rows, sections


@functools.lru_cache(maxsize=8192)
def _label_key(label: str) -> str:
    """A row's label as ``_parallel_sections`` compares it: cleaned, lowercased (asked of
    each row with a section; a pure function of the label, remembered)."""
    return clean_label(label).lower()


def _parallel_sections(tables: Sequence[Mapping[str, set[str]]]) -> set[str]:
    """Sections of one table that print the same rows: "AMERICAS", "ASIA PACIFIC", each with
    its software and hardware revenues, break the same figures down by segment.

    Given, for each table, its sections' names (``name_of`` of each section of a row with
    figures) with the labels of their rows (``_label_key``), in the order the rows give
    them (``segment_names`` reads them in its pass over the rows)."""
    out: set[str] = set()
    for labels in tables:
        by_rows: defaultdict[frozenset[str], list[str]] = defaultdict(list)
        for name, rows in labels.items():
            if len(rows) >= 2:
                by_rows[frozenset(rows)].append(name)
        for names in by_rows.values():
            if len(names) >= 2:
                out |= {n for n in names if n and _segment_like(n) and not _PERIOD_WORDS.search(n)}
    return out


def titled_segments(tables: Sequence[Table], canonical: Mapping[str, str]) -> dict[int, str]:
    """The segment each table is of by its title ("CONSTRUCTION INDUSTRIES / Segment Sales").

    The tables right after it that detail a segment ("Sales by Geographic Region",
    "Segment Profit") are of the same segment, up to a table that is not. ``canonical``
    gives a segment's name by its key (``segment_name`` lowercased, ``&`` read "and").
    """
    out: dict[int, str] = {}
    current: str | None = None
    for table in tables:
        said = _title_said(table.title)
        named = next((name for key in said.keys if (name := canonical.get(key))), None)
        if named is not None:
            current = named
        elif not said.detail:
            current = None
        if current is not None:
            out[table.index] = current
    return out
