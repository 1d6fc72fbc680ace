"""Tying claims to the cells they speak of, under the rounding of both prints.

A claim and a cell each stand for an interval: the printed value plus or minus half its
rounding unit (DESIGN.md). `$27,803,000` ties to 27,803 in thousands; `$33.0 million`
ties to 33,006 (the claim rounds coarser: status ``rounding``); `4%` ties to 26,722 ->
27,803 because the change over the two cells' intervals, about 4.05%, can round to 4.

A claim is tied in two steps (the cells and how each is judged: tieout.prose.candidates).

1. **By meaning.** The rows the sentence names firmly (the metric its figure is
   attached to), in the columns of the claim's period, segment and basis (GAAP or
   non-GAAP), whatever their values. When they all stand for one figure (one cell, or
   the same figure printed in several tables, judged where it is printed most
   precisely) and the claim is firmly worded, the claim ties to it or contradicts it:
   a wrong figure cannot escape into a tie with some other cell that happens to hold
   its value. Several cells with different values leave the meaning ambiguous (basic
   and diluted EPS of one column count as one figure), and the claim goes on to step 2.
   A claim whose period is only the release's ("revenue of $54 billion" in a quote)
   means the quarter or the year-to-date alike, and means nothing where the table does
   not print the quarter (a cash-flow statement of six months).
2. **By value.** Candidates are searched strictly (the metric, segment and period as
   the sentence words them), then relaxed (dropping what was only inferred: a
   heading's segment, the release's period, the quarter or year-to-date of a claim
   that names no duration); the first cell the claim fits ties it. Otherwise it is
   untied.

Safeguards: guidance ties to nothing; an adjusted (non-GAAP) claim never ties a GAAP
column nor a GAAP claim a non-GAAP one, and no claim ties an adjustments column; an
adjusted claim contradicts only a figure the tables print as adjusted; a percent level
contradicts only a row of percents that its words name; a cell printed 0 ties by value
no claim of another figure (0 in millions "holds" any amount under $500,000).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import fields
from decimal import Decimal
from operator import attrgetter, is_

from tieout.cells import cell_at
from tieout.model import (
    CellRef,
    Claim,
    ClaimStatus,
    Table,
    Unit,
    claim_with,
)
from tieout.prose.candidates import (
    Chosen,
    Match,
    basis_fits,
    claim_interval,
    evaluate,
    fitting,
    meets_coarsely,
    segment_fits,
    sum_groups,
    summable,
    summed,
)
from tieout.prose.commentary import under_parts
from tieout.prose.index import ColumnView, Index, Named, SiteLookup, bare_key, unit_fits
from tieout.prose.members import (
    ADJUSTED,
    AMBIGUOUS,
    ATTACHED,
    CHANGE,
    CONTRADICTS,
    DIRECTION,
    EXCLUDING,
    FORWARD_LOOKING,
    IN_PERCENT,
    IN_SHARES,
    IN_USD,
    IN_USD_PER_SHARE,
    LEVEL,
    OTHER_PERIOD,
    PERCENT,
    PERCENT_CHANGE,
    PERIOD_INFERRED,
    PERIOD_STATED,
    ROUNDING,
    SEGMENT_INFERRED,
    TIES,
    UNRESOLVED,
    UNTIED,
)
from tieout.prose.memo import per_tables
from tieout.prose.numbers import SCALES
from tieout.prose.siblings import anchored, dated, listed, metric
from tieout.prose.subjects import Site, clean_label, side_of, words
from tieout.vocabulary.concepts import Concept
from tieout.vocabulary.dilution import Dilution, dilution_said
from tieout.vocabulary.folding import folded
from tieout.vocabulary.leads import led
from tieout.vocabulary.measures import bases_of, own_clause

_EPS = Concept.EarningsPerShare

__all__ = ["Index", "firm", "rescaling", "support", "tie", "tie_claim"]

_ACRONYM = re.compile(r"\(\s*[A-Z][A-Za-z&]{1,7}\s*\)")  # "(SaaS)" after the name it abbreviates
_FINE = Decimal("1.5")  # prints of one figure within this ratio of widths are equally fine
_UNASKED = object()  # a value not yet found (``_rows``: the claim's dilution)
_ROWS_KEPT = 4096  # the claims' rows an index keeps (``_rows_of``): a release has hundreds
_NOT_FIRM = frozenset({FORWARD_LOOKING, OTHER_PERIOD})
_INFERRED = frozenset({SEGMENT_INFERRED, PERIOD_INFERRED})
_TIED = frozenset({TIES, ROUNDING})
# Words of a share row's label a sentence need not repeat to name it.
_COUNT_FILLER = frozenset({"outstanding", "number", "weighted", "used", "computing", "calculation"})
_SCALE_WORD = re.compile(r"\b(thousand|million|billion|trillion)s?\b", re.I)
# Another power of 1,000 than the printed scale word's: one step or two either way.
_FACTORS = (Decimal(1000), Decimal("0.001"), Decimal(10**6), Decimal("0.000001"))
# A sentence that words some change: only there may an amount be read as one.
_CHANGE_WORDS = led(
    re.compile(
        r"\b(?:increas|decreas|rose|rise|risen|fell|fall|grew|grow|declin|up\b|down\b|higher|lower"
        r"|improv|gain|drop|reduc|climb|jump|slip|change|more|less|better|worse)",
        re.I,
    )
)  # led (``leads.led``): searched through a sentence


def _unit_fits(claim: Claim, site: Site) -> bool:
    """Whether a row's unit is one the claim's figure may be of (``_unit_wanted``)."""
    row_unit = None if site.quantity else site.unit  # as ``SiteLookup.units`` holds it
    return unit_fits(row_unit, *_unit_wanted(claim))


def _unit_wanted(claim: Claim) -> tuple[bool, Unit]:
    """The rows a claim's figure may be of by their unit: of a percent change, any row but
    one of percents (a physical quantity too: kilowatt-hours, of which only a percent
    change can be said); else a row of a percent's or the claim's unit (not a quantity)."""
    if claim.kind is PERCENT_CHANGE:
        return True, IN_PERCENT
    return False, IN_PERCENT if claim.kind is PERCENT else claim.unit


@functools.lru_cache(maxsize=4096)
def _subject(subject: str) -> tuple[str, frozenset[str]]:
    """A claim's subject as rows are looked up by it: its bare key (the cleaned label
    without an acronym in parentheses, lowercased) and its words. Claims of one release
    repeat their subjects ("revenue", "net income"), and releases each other's. (The
    acronym is looked for only in a subject holding a parenthesis: few do.)"""
    text = _ACRONYM.sub(" ", subject) if "(" in subject else subject
    return bare_key(clean_label(text).lower()), words(subject)


class _Subject:
    """What a subject's words name in an index (``_named_sites``), and what its claims
    derive from that alone, kept with it: the claims of a subject in a release ask again.

    ``entries`` are the sites the subject names or suggests (``Named``), in index order;
    ``unsaid`` the other sites of the units its figure may be of that it may name (by
    their place in the lookup): only a name before the metric in a row's label, said
    apart in the sentence, makes one named (``_named_apart``; two thirds of the sites a
    subject's words may name, few of which print a name). What claims attached to their
    metric ask of them (``attached``), and the rows suggested to the others by their
    sentence's side (``suggested``), are found once.
    """

    __slots__ = ("_attached", "_sided", "entries", "loose", "unsaid")

    def __init__(self, entries: tuple[Named, ...], unsaid: tuple[int, ...]) -> None:
        self.entries = entries
        self.unsaid = unsaid
        self._attached: tuple[tuple[Named, str | None], ...] | None = None
        self._sided: bool | None = None
        self.loose: dict[str | None, tuple[Site, ...]] = {}

    def sided(self, lookup: SiteLookup) -> bool:
        """Whether a site among these says its side (revenue or expense: ``Site.side``):
        only then may a sentence's side leave one out (``_rows``), and the side is read
        of the sentence (found once; most subjects name no such row)."""
        found = self._sided
        if found is None:
            sites = lookup.sites
            found = self._sided = any(entry[0].side for entry in self.entries) or any(
                sites[n].side for n in self.unsaid
            )
        return found

    def attached(self, lookup: SiteLookup, key: str) -> tuple[tuple[Named, str | None], ...]:
        """The sites a claim attached to its metric may name, in index order, each with
        the name before the metric's ``key`` in its label (``SiteLookup.name_before``;
        None: none, or the site is named outright): the entries, and the unsaid sites
        whose label prints a name (found once)."""
        found = self._attached
        if found is None:
            kept = [
                (entry, None if entry[2] else lookup.name_before(entry[1], key))
                for entry in self.entries
            ]
            sites = lookup.sites
            for n in self.unsaid:
                name = lookup.name_before(n, key)
                if name is not None:
                    kept.append(((sites[n], n, False, False, False), name))
            if len(kept) > len(self.entries):
                kept.sort(key=lambda entry: entry[0][1])  # index order
            found = self._attached = tuple(kept)
        return found

    def suggested(self, side: str | None) -> tuple[Site, ...]:
        """The entries suggested to a claim of a sentence of this side, not attached to its
        metric (``_rows``): a sentence of revenues is not suggested an expense row."""
        found = self.loose.get(side)
        if found is None:
            found = self.loose[side] = tuple(
                sorted(
                    (
                        site
                        for site, _, _, _, _ in self.entries  # each suggested
                        if not (side and site.side and site.side != side)
                    ),
                    key=_wordier,  # "commercial sales" before "sales"
                )
            )
        return found


def _named_sites(
    lookup: SiteLookup,
    concept: str | None,
    key: str,
    said: frozenset[str],
    wanted: tuple[bool, Unit],
    every: bool,
) -> _Subject:
    """The sites a claim's subject may name among those of the units its figure may be of
    (``_unit_wanted``; ``every``: a count of shares, which may name any row), in index
    order, with what the subject's words alone decide of each; found once per subject,
    concept and unit in an index (``SiteLookup.named``): what the claim's own sentence,
    traits and wording decide is asked by ``_rows``."""
    asked = (concept, key, said, wanted, every)
    found = lookup.named.get(asked)
    if found is not None:
        return found  # type: ignore[no-any-return]
    entries, unsaid = lookup.subject_sites(concept, key, said, wanted, every)
    return lookup.remember(asked, _Subject(entries, unsaid))  # type: ignore[no-any-return]


def _rows(claim: Claim, index: Index) -> tuple[list[Site], list[Site]]:
    """The rows the claim names firmly (strong) and those its words only suggest (weak)."""
    adjusted = ADJUSTED in claim.traits
    attached = ATTACHED in claim.traits
    key, said = _subject(claim.subject)
    # what the claim's words say of a per-share figure: asked of the first row printed
    # only basic or only diluted that its words name (few rows are; most claims ask none)
    dilution: Dilution | None | object = _UNASKED
    sentence = claim.sentence
    lookup = index.lookup
    concept = claim.concept
    shares = claim.unit is IN_SHARES  # every row of shares is weakly named
    subject = _named_sites(lookup, concept, key, said, _unit_wanted(claim), shares)
    # the sentence's side leaves out only a row that says its own: read only then
    side = side_of(sentence) if subject.sided(lookup) else None
    if not attached:  # (half the claims) no row is named firmly: only suggested
        return [], list(subject.suggested(side))
    loose = not concept  # the sentence's words may name a row, not firmly
    strong, weak = [], []
    bares = lookup.bare  # each site's bare key, by its place (``bare_key`` of its key)
    prefixes: set[str] = set()  # the strong rows' bare keys and a space
    for (site, n, named, suggested, firmly_suggested), name in subject.attached(lookup, key):
        if side and site.side and site.side != side:
            continue  # a sentence of revenues does not speak of an expense row of that name
        if (
            (adjusted or not site.adjusted)
            and (named or (name is not None and _named_apart(name, sentence)))
            and (
                site.dilution is None
                or (
                    dilution := dilution_said(f"{claim.subject} {claim.text}")
                    if dilution is _UNASKED
                    else dilution
                )
                is None
                or site.dilution == dilution
            )
        ):
            strong.append(site)
            prefixes.add(bares[n] + " ")
        elif suggested if loose else firmly_suggested:
            weak.append(site)
    if claim.segment is not None:  # (``_segment_total`` finds none of a claim of no segment)
        for site in _segment_total(claim, key, lookup, adjusted):
            strong.append(site)
            prefixes.add(bare_key(site.key) + " ")
    # a row extending the one named: "Net income (loss) attributable to ..."
    extending = lookup.extending(tuple(prefixes)) if strong else ()
    if extending:
        taken = {id(s) for s in (*strong, *weak)}
        weak.extend(
            site
            for site in (lookup.sites[n] for n in extending)
            if id(site) not in taken and _unit_fits(claim, site)
        )
    if len(weak) > 1:
        weak.sort(key=_wordier)  # "commercial sales" before "sales"
    return strong, weak


def _rows_of(claim: Claim, index: Index) -> tuple[list[Site], list[Site]]:
    """``_rows``, found once per index for the words it reads of a claim.

    A release's claims are tied again (its second tie with a reading chosen, each reading
    of an ambiguous figure asked by ``support``, a figure settled to another period by
    ``dated``) with the same words: their rows are the same. ``_rows`` reads of a claim
    its subject, sentence, figure as printed, traits, concept, segment, kind and unit
    only (strings and a frozenset: their hashes are kept with them, the members' are
    their strings'). The lists are shared by every claim of those words: no caller
    changes them.
    """
    asked = (
        claim.subject,
        claim.sentence,
        claim.text,
        claim.traits,
        claim.concept,
        claim.segment,
        claim.kind,
        claim.unit,
    )
    kept = index.rows
    found = kept.get(asked)
    if found is None:
        if len(kept) >= _ROWS_KEPT:
            kept.clear()
        found = kept[asked] = _rows(claim, index)
    return found


def _second(match: Match) -> bool:
    """A match's order among a claim's candidates: diluted EPS before basic."""
    return match.second


def _wordier(site: Site) -> int:
    """A site's order among the rows a claim's words suggest: "commercial sales" before
    "sales"."""
    return -len(site.words)


def _segment_total(claim: Claim, key: str, lookup: SiteLookup, adjusted: bool) -> list[Site]:
    """The rows of the claim's segment its metric names but for a word the prose or the
    label adds.

    "An increase of $31 million in total noninterest income" of a line of business names
    its statement's "Noninterest income" (a part's statement prints the total without the
    word where the company's prints "Total noninterest income"); "net interest income of
    $43 million" names its "Net interest income (taxable-equivalent basis)", the only
    net interest income that statement prints. Only in a table of that segment printing
    no row of the claim's own words.
    """
    if claim.segment is None or not key:
        return []
    stem = key.removeprefix("total ")
    bares, sites = lookup.bare, lookup.sites
    segment = claim.segment
    # the stem's rows of the segment first (most claims have none): the pattern after
    picked = [
        n
        for n in lookup.by_first.get(stem.partition(" ")[0], ())
        if sites[n].segment == segment and bares[n] != key and bares[n].startswith(stem)
    ]
    if not picked:
        return []
    whole = {sites[n].table for n in lookup.by_bare.get(key, ())}
    noted = re.compile(rf"{re.escape(stem)}(?:\s*\([^()]*\))?")
    return [
        site
        for n in picked
        if noted.fullmatch(bares[n])
        and (site := sites[n]).table not in whole
        and _unit_fits(claim, site)
        and (adjusted or not site.adjusted)
    ]


@functools.lru_cache(maxsize=4096)
def _named_apart(name: str | None, sentence: str) -> bool:
    """Whether a row's label is the claim's metric after a name (``SiteLookup.name_before``:
    None, it is not) its sentence says elsewhere.

    "Wells Fargo Reports ... Net Income of $21.5 billion" names the row "Wells Fargo net
    income" though the name is not next to the metric: the words of the label before the
    metric are a name (each capitalized) that the sentence prints inside it, not as its
    first words ("Average and period-end loans ..." names no row "Average loans").
    Asked of every claim of a sentence that names the metric (remembered: the claims of
    one sentence ask of the same rows).
    """
    if name is None:
        return False
    found = re.search(rf"(?<=\S)\s+{re.escape(name)}\b", sentence)
    return found is not None and bool(re.search(r"[A-Za-z]", sentence[: found.start()]))


def _matches(
    claim: Claim,
    index: Index,
    sites: Sequence[Site],
    chosen: Chosen,
    *,
    strict: bool,
    tried: bool = False,
) -> Iterator[Match]:
    """The claim judged by value in the columns of these rows it may speak of (``tried``:
    judged strictly already, and none tied: the strict columns are not judged again)."""
    if not sites:
        return  # (most claims: none of their rows may tie by value, ``_may_tie``)
    fits = fitting(claim, index)
    for site in sites:
        columns: Sequence[ColumnView] = fits.of(index, site, strict=strict)
        if tried:
            judged = fits.of(index, site, strict=True)
            if columns == judged:
                continue
            columns = [col for col in columns if col not in judged]
        for col in columns:
            for match in evaluate(claim, index, site, col, chosen, by_value=True):
                if _can_state(claim, index, match):
                    yield match


def _can_state(claim: Claim, index: Index, match: Match) -> bool:
    """Whether the claim's figure is of the kind its cell prints at all.

    An amount printed to the cent ("$16.96", a per-share amount by its print) below the
    rounding unit of a cell in thousands or millions would print as nothing there:
    whatever it speaks of, it is not that cell; nor is a change below the cells' rounding
    unit ("$16 thousand" higher) a change of cells in millions. Units agree before
    anything ties. (An amount with a scale word, "$204.5 thousand", states an amount and
    is compared.)
    """
    return not _fine_amount(claim) or _can_change(claim, index, match)


def _fine_amount(claim: Claim) -> bool:
    """Whether a claim is an amount that a cell's rounding unit may be too coarse to show:
    a change in dollars ("$16 thousand" is no change of cells in millions), or a level
    stated below a dollar ("$16.96")."""
    return (
        claim.unit is IN_USD
        and claim.value != 0
        and (claim.kind is CHANGE or (claim.kind is LEVEL and claim.precision < 1))
    )


def _of_own_segment(claim: Claim, site: Site, strong: Sequence[Site]) -> Claim:
    """A claim that names a segment's row by the row's own label, as of that segment.

    "Net revenues in Consumer banking were $376 million" names the row "Consumer banking"
    under the head "Consumer & Wealth Management": the row is its own business's, and
    the claim speaks of it though it names no segment. Not so a row a concept names
    ("Net revenues" under every segment's head), nor a label printed under several
    segments or in the consolidated tables too ("Noninterest expense"): that takes the
    claim's segment.
    """
    if claim.segment is not None or site.segment is None or site.concept is not None:
        return claim
    key = _subject(claim.subject)[0]
    if bare_key(site.key) != key:
        return claim
    if any(s.segment != site.segment for s in strong if bare_key(s.key) == key):
        return claim
    return claim_with(claim, segment=site.segment)


def _meant(claim: Claim, index: Index, strong: Sequence[Site], chosen: Chosen) -> list[Match]:
    """The cells the claim's words name, whatever their values (step 1).

    An adjusted claim names only what the tables print as adjusted: a row "excluding
    one-time items", or a non-GAAP column.
    """
    if not strong:
        return []  # (half the claims: not attached to their metric, they name no row firmly)
    adjusted = ADJUSTED in claim.traits
    inferred = PERIOD_INFERRED in claim.traits
    months = claim.period.months if claim.period is not None else None
    fine = _fine_amount(claim)  # only then may a cell be too coarse to state it
    own = claim.segment is None  # only then may a row be of its own segment
    out: list[Match] = []
    release_period = False  # a column of the release's own period is among them
    fits = fitting(claim, index)
    for site in strong:
        if adjusted and _excludes_more(claim, index.tables[site.table].rows[site.row].label):
            continue  # "Excluding acquisitions, Underlying expense of $989 million"
        said = (
            _of_own_segment(claim, site, strong)
            if own and site.segment is not None and site.concept is None
            else claim  # (as ``_of_own_segment`` answers at once: most rows)
        )
        for col in (fits if said is claim else fitting(said, index)).meant(index, site):
            found = evaluate(claim, index, site, col, chosen, by_value=False)
            if fine:
                found = (m for m in found if _can_change(claim, index, m))
            size = len(out)
            out.extend(found)
            release_period = release_period or (len(out) > size and col.months == months)
    if inferred and not release_period:
        return []  # the quarter is not printed: a year-to-date figure is not what it says
    return out


def _excludes_more(claim: Claim, label: str) -> bool:
    """Whether an adjusted claim's words leave out items its row's label does not.

    "Excluding acquisitions that closed in the quarter, Underlying noninterest expense of
    $989 million" is not the row "Underlying noninterest expense" (1,010): the words name
    a measure adjusted further than the row, which the tables may not print at all.
    """
    return EXCLUDING in bases_of(claim.before) and (EXCLUDING not in bases_of(label))


def _segment_worded(claim: Claim, strong: Sequence[Site]) -> str | None:
    """The one segment among the rows' whose heading the claim's own clause names by a word.

    "The firm's Standardized Common equity tier 1 capital ratio of 14.7%" names the row
    under "STANDARDIZED CAPITAL RULES", not its namesake under "ADVANCED CAPITAL RULES":
    a word of one segment's heading that no other segment's heading holds, said in the
    clause before the figure, chooses that segment. None where the clause names none, or
    several, or the claim's segment is already read.
    """
    if claim.segment is not None:
        return None  # (most claims name none: their rows' segments are not gathered)
    segments = {site.segment for site in strong}
    if len(segments) < 2 or None in segments:
        return None
    clause = words(own_clause(claim.before))
    heads = {seg: words(seg) for seg in segments if seg is not None}
    named = [
        seg
        for seg, own in heads.items()
        if own.difference(*(w for other, w in heads.items() if other != seg)) & clause
    ]
    return named[0] if len(named) == 1 else None


def _distance(claim: Claim, match: Match) -> Decimal:
    return abs(abs(claim.value) - abs(match.expected))


def _one_figure(claim: Claim, meant: Sequence[Match]) -> Match | None:
    """The candidate the claim contradicts when every candidate stands for one figure.

    Candidates of one group (basic and diluted EPS of one column) count as one figure
    spanning both; the figures of different groups must overlap (the same figure printed
    in two tables, perhaps to two precisions). The closest candidate is returned.
    """
    if len(meant) < 2:  # one candidate is one figure (a match's low is never above its high)
        return meant[0] if meant else None
    # the candidates' intervals all meet: so do their groups' (a group's spans its members'),
    # answered without grouping (most claims: no group's key, a tuple of records, hashed)
    if max(m.low for m in meant) > min(m.high for m in meant):
        spans: dict[tuple[object, ...], tuple[Decimal, Decimal]] = {}
        for m in meant:
            lo, hi = spans.get(m.group, (m.low, m.high))
            spans[m.group] = (min(lo, m.low), max(hi, m.high))
        if max(lo for lo, _ in spans.values()) > min(hi for _, hi in spans.values()):
            return None
    return min(meant, key=lambda m: (not m.ties, m.second, _distance(claim, m), m.high - m.low))


def _finest(meant: Sequence[Match]) -> list[Match]:
    """The candidates printed most precisely, of candidates that all stand for one figure.

    "Sales and revenues increased 15%" fits 11.9 -> 13.6 (in billions) but not 11,887 ->
    13,589 (in millions): the finer print says what the change was. A dash ("—", nothing
    of a row of discontinued operations) has no width, and is no finer print of anything.
    """
    if len(meant) < 2:
        return list(meant)  # one candidate is the finest
    widths = [m.high - m.low for m in meant]
    narrowest = min((w for w in widths if w > 0), default=Decimal(0))  # a dash is no print
    return [m for m in meant if m.high - m.low <= narrowest * _FINE]


def _periods(index: Index, match: Match) -> tuple[object, ...]:
    """The periods of a match's cells: the same figure printed elsewhere has the same."""
    out: list[object] = []
    for ref in match.refs:
        col = index.columns.get((ref.table, ref.column))
        out.append(None if col is None else (col.months, col.year, col.end, col.instant))
    return tuple(out)


def _competing(
    claim: Claim,
    index: Index,
    strong: Sequence[Site],
    weak: Sequence[Site],
    chosen: Chosen,
    meant: tuple[object, ...],
) -> Match | None:
    """A reading of the release under which the claim ties, other than its words' own.

    Tried before a claim is called wrong, so that an error is a proof: the rows its words
    name in every column of their tables (another period than the one resolved; of a
    claim that names no segment, the rows of parts' statements whose part is not named
    too: its heading may be that part), a
    change over every comparison the tables print (linked quarter as well as a year
    ago), an amount as the change of its row ("$133 million higher") where the sentence
    words a change and the cells can show one that small, and the rows its words only
    suggest. The same figure printed more coarsely in another table (the
    ``meant`` periods again) is no other reading: the finest print says what it was.
    Where the claim's own clause names its period (for a change, the base it is compared
    with), the period is resolved: only the rows remain to try.
    """
    stated = PERIOD_STATED in claim.traits
    for site in strong:
        columns = [
            col
            for col in index.table_columns.get(site.table, ())
            if basis_fits(claim, col)
            and (
                segment_fits(claim.segment, site, col)
                or (claim.segment is None and site.table in index.parts)
            )
        ]
        readings = [] if stated else [claim]
        if (
            claim.kind is LEVEL
            and claim.unit is IN_USD
            and not stated
            and _CHANGE_WORDS.search(claim.sentence)
        ):
            readings.append(claim_with(claim, kind=CHANGE))
        for reading in readings:
            for match in _every_column(reading, index, site, columns, chosen):
                if (
                    match.ties
                    and match.direction_ok
                    and _can_state(claim, index, match)
                    and (
                        _periods(index, match) != meant or site.segment != claim.segment
                        if reading.kind is claim.kind
                        else _can_change(claim, index, match)
                    )
                ):
                    return match
    for strict in (True, False):
        for match in _matches(claim, index, weak, chosen, strict=strict, tried=not strict):
            if match.ties and match.direction_ok:
                return match
    return None


def _can_change(claim: Claim, index: Index, match: Match) -> bool:
    """Whether an amount can be the change of the cells of a match: not one below their
    rounding unit ("$128 thousand" is no change two figures in millions can show)."""
    cell = cell_at(index.tables, match.refs[0])
    return cell is None or abs(claim.value) >= cell.precision


def _every_column(
    claim: Claim, index: Index, site: Site, columns: Sequence[ColumnView], chosen: Chosen
) -> Iterator[Match]:
    """A claim judged in every column given; a change against every other of like length."""
    for col in columns:
        if claim.kind is LEVEL or claim.kind is PERCENT:
            yield from evaluate(claim, index, site, col, chosen, by_value=True)
            continue
        for other in columns:
            if (
                other is not col
                and other.months == col.months
                and other.instant == col.instant
                and other.basis == col.basis
                and not _later(other, col)
            ):
                yield from evaluate(claim, index, site, col, chosen, by_value=True, against=other)


def _later(base: ColumnView, col: ColumnView) -> bool:
    """Whether a base column is of a later period than the column compared with it: no
    change is told from a later period to an earlier one (4Q 2020 "against" 3Q 2021)."""
    if base.end is not None and col.end is not None:
        return base.end > col.end
    return base.year is not None and col.year is not None and base.year > col.year


def firm(claim: Claim) -> bool:
    """Worded firmly enough that, not fitting the figure its words name, it contradicts it.

    Attached to its metric, for a period, not guidance, not of another period; a claim
    whose segment and period are both only inferred (a list "respectively" cannot be
    paired with) is not firm.
    """
    return (
        ATTACHED in claim.traits
        and UNRESOLVED not in claim.traits
        and not (claim.traits & _NOT_FIRM)
        and not claim.traits >= _INFERRED
        and claim.period is not None
        and claim.kind is not DIRECTION
    )


def _with(claim: Claim, match: Match, status: ClaimStatus) -> Claim:
    return claim_with(claim, tied_to=match.refs, status=status, expected=match.expected)


def tie_claim(
    claim: Claim, index: Index, chosen: Chosen, rows: tuple[list[Site], list[Site]] | None = None
) -> Claim:
    """The claim with the cells it ties to (or contradicts) and its status (``rows``: the
    rows its words name, when already found).

    Guidance speaks of periods the tables do not show: it ties to nothing.
    """
    if FORWARD_LOOKING in claim.traits:
        return _untied(claim)
    return _as_printed(claim, index, chosen, rows=rows)


def _rescaled(
    claim: Claim,
    index: Index,
    chosen: Chosen,
    confirmed: frozenset[int],
    rows: tuple[list[Site], list[Site]] | None = None,
) -> Claim | None:
    """The claim contradicting the row it ties at another scale than its scale word's.

    A scale word (thousand, million, billion) can be wrong while the digits are right:
    "$16.5 million" where the row its words name prints 16,452 in millions. Where the
    claim ties nothing at the printed scale, and its digits at another power of 1,000
    (the word one step or two away) tie a row its words name (its metric, in the columns
    of its period, as the words say), the scale word is what is wrong. The claim
    contradicts that cell, with the cell's value as expected: a proof (an error) where
    the words name the row firmly; where they only suggest it (``UNRESOLVED``), or the
    claim is not firmly worded, a warning. A sum of rows is no such reading. Only in a table whose
    scale is ``confirmed``: some other figure of the prose ties a cell of it as printed
    (otherwise the table's scale word may be the one misread, a table in billions taken
    for millions).
    """
    if (
        FORWARD_LOOKING in claim.traits
        or claim.unit is not IN_USD
        or claim.kind not in (LEVEL, CHANGE)
        or _SCALE_WORD.search(claim.text) is None
    ):
        return None
    if rows is None:
        rows = _rows_of(claim, index)  # by the words alone: the same at every scale
    if not any(site.table in confirmed for site in (*rows[0], *rows[1])):
        return None  # whatever it tied, it would tie it in a table not confirmed
    # no figure of those rows, nor a change of two of them, comes within a tenth of this,
    # whatever their rounding: a claim scaled past it ties none of them
    largest, smallest = _extent(index, (*rows[0], *rows[1]))
    factors = [
        f
        for f in _FACTORS
        if abs(claim.value * f) - claim.precision * f <= 10 * largest
        # a level is one of the figures: none comes within a tenth of one this small
        and (claim.kind is not LEVEL or abs(claim.value * f) + claim.precision * f >= smallest / 10)
    ]
    # a tie counts only in a confirmed table: a scaling no row of those can tie is not
    # tied again to every row; none of fewer rows either (``_may_tie`` asks whether some
    # row may): the rows the words only suggest are asked with the rest first, once
    every = [s for s in (*rows[0], *rows[1]) if s.table in confirmed]
    scalings = [
        scaled
        for f in factors
        if _may_tie(
            scaled := claim_with(claim, value=claim.value * f, precision=claim.precision * f),
            index,
            every,
        )
    ]  # made once for both tries
    named = [s for s in rows[0] if s.table in confirmed]
    for weak_rows in (False, True):
        for scaled in scalings:
            if not weak_rows and not _may_tie(scaled, index, named):
                continue
            tied = _as_printed(scaled, index, chosen, weak_rows=weak_rows, sums=False, rows=rows)
            if (
                tied.status in _TIED
                and tied.expected
                and all(ref.table in confirmed for ref in tied.tied_to)
                and _prints(scaled, index, tied.tied_to)
            ):
                traits = claim.traits | {UNRESOLVED} if weak_rows else claim.traits
                return claim_with(
                    claim,
                    tied_to=tied.tied_to,
                    status=CONTRADICTS,
                    expected=tied.expected,
                    traits=traits,
                )
    return None


def _may_tie(claim: Claim, index: Index, sites: Sequence[Site]) -> bool:
    """Whether some row of these may print a figure a level or a change of the claim's
    value ties, by meaning or by value.

    A figure ties a cell only where its interval meets the cell's: a level where it meets
    what some figure of the row stands for in magnitude (under any reading; a chosen
    reading is one of them), a change within what two of them may differ by and within
    the largest change over a year the row prints, in a current cell fine enough to
    state it (a percent change, a ratio of two, is judged pair by pair); and an amount
    only where some cell of the row is fine enough to state it (``_can_state``: "$16.5
    thousand", a change tried a thousand times smaller, is no change of cells in
    millions). Most claims tie nothing, and a claim tried at another scale mostly falls
    outside every row its words name: they are answered so instead of judged in every
    column of each of those rows.
    """
    if claim.kind is PERCENT_CHANGE or claim.kind is DIRECTION:
        return bool(sites)  # a ratio of two figures: judged pair by pair
    said = claim_interval(claim, abs(claim.value))  # a negative figure's mirror alike
    lo, hi = said.lo, said.hi
    # below every cell's rounding unit, no cell of the row can state it (``_can_state``)
    least = abs(claim.value) if _fine_amount(claim) else None
    for table, row, signed in {(site.table, site.row, site.signed) for site in sites}:
        figures = index.figures(table, row)
        if not figures.lows or (least is not None and least < figures.finest):
            continue
        if claim.kind is CHANGE:  # of a signed row, a figure may be a negative
            largest = figures.reach[-1]
            if lo > (2 * largest if signed else largest - figures.lows[0]):
                continue
            changes = index.changes(table, row)  # a change is of a column and its prior
            if changes is not None and lo <= changes[0] and (least is None or least >= changes[1]):
                return True
        elif figures.meets(lo, hi):
            return True
    return False


def _extent(index: Index, sites: Sequence[Site]) -> tuple[Decimal, Decimal]:
    """The largest and the smallest magnitude any figure of these rows may stand for,
    under any of its readings and with its rounding."""
    largest, smallest = Decimal(0), None
    for site in {(s.table, s.row) for s in sites}:
        figures = index.figures(*site)
        row_largest, row_smallest = figures.largest, figures.smallest
        largest = max(largest, row_largest)
        if row_smallest is not None:
            smallest = row_smallest if smallest is None else min(smallest, row_smallest)
    return largest, smallest if smallest is not None else Decimal(0)


def _prints(claim: Claim, index: Index, refs: Sequence[CellRef]) -> bool:
    """Whether cells print whole dollars at least as finely as the claim states its amount.

    A table of dollars with decimals is a table whose scale word was not read, not a
    claim's wrong scale ("$1.9 trillion" of assets printed 1,943.4); cells coarser than
    the claim (a change of "$80 thousand" of cells in millions) cannot show it.
    """
    for ref in refs:
        cell = cell_at(index.tables, ref)
        if cell is None or not 1 <= cell.precision <= claim.precision:
            return False
        row = index.tables[ref.table].rows[ref.row]
        said = _SCALE_WORD.findall(f"{row.label} {row.section or ''}")
        decimals = cell.raw.rsplit(".", 1)[1] if "." in cell.raw else ""
        read_at = cell.precision.scaleb(sum(c.isdigit() for c in decimals))
        if any(SCALES[folded(w)] != read_at for w in said):
            return False  # "($ in billions)" over rows read in millions: its own scale
    return True


def _as_printed(
    claim: Claim,
    index: Index,
    chosen: Chosen,
    *,
    weak_rows: bool = True,
    sums: bool = True,
    rows: tuple[list[Site], list[Site]] | None = None,
) -> Claim:
    """The claim tied at its printed value (``weak_rows``: also by value to the rows its
    words only suggest; ``sums``: also to a sum of rows; ``rows``: its rows, when already
    found for the same words)."""
    strong, weak = rows if rows is not None else _rows_of(claim, index)
    if not weak_rows:
        weak = []
    if not strong and not weak:
        return _untied(claim)  # its words name no row: nothing to tie, nor to contradict
    worded = _segment_worded(claim, strong)
    if worded is not None:  # its words chose the segment: the evidence says so
        claim = claim_with(claim, segment=worded)
        strong = [site for site in strong if site.segment == worded]
    meant = _meant(claim, index, strong, chosen)
    if len(meant) == 1 and meant[0].ties and meant[0].direction_ok:
        # (most claims: one candidate, which ties) ``_one_figure`` of one is that one, the
        # finest of one is that one, and it is the first tying match below
        match = meant[0]
        return _with(claim, match, ROUNDING if match.rounding else TIES)
    target = _one_figure(claim, meant) if firm(claim) else None
    if target is not None:
        meant = _finest(meant)  # one figure: judged where it is printed most precisely
    for match in (
        sorted(meant, key=_second) if len(meant) > 1 else meant
    ):  # diluted EPS before basic
        if match.ties and match.direction_ok:
            status = ROUNDING if match.rounding else TIES
            return _with(claim, match, status)
    if target is not None:
        other = _competing(claim, index, strong, weak, chosen, _periods(index, target))
        if other is not None:
            return _with(claim, other, AMBIGUOUS)
        return _with(claim, _one_figure(claim, meant) or target, CONTRADICTS)
    by_value = _may_tie(claim, index, (*strong, *weak))  # most claims tie nothing
    sums = sums and summable(index, (*strong, *weak))  # most rows are printed once
    # the rows of each kind a sum may be of, grouped once for both strictnesses
    kinds = [(sites, sum_groups(index, sites) if sums else []) for sites in (strong, weak)]
    for strict in (True, False):
        for sites, groups in kinds:
            if by_value and sites:  # (most claims: none of their rows may tie by value)
                for match in _matches(claim, index, sites, chosen, strict=strict, tried=not strict):
                    if match.ties and match.direction_ok:
                        status = ROUNDING if match.rounding else TIES
                        return _with(claim, match, status)
            for match in summed(claim, index, groups, chosen, strict=strict) if groups else ():
                if match.ties:
                    return _with(claim, match, ROUNDING)
    closest = (
        _every_period_fails(claim, index, meant)
        or _every_quantity_fails(claim, index, weak, chosen)
        or _every_count_fails(claim, index, weak, chosen)
        or _every_part_fails(claim, index, strong, meant)
    )
    if closest is not None and (
        _competing(claim, index, strong, weak, chosen, _periods(index, closest)) is None
    ):
        unresolved = claim_with(claim, traits=claim.traits | {UNRESOLVED})
        return _with(unresolved, closest, CONTRADICTS)
    return _untied(claim)


def _untied(claim: Claim) -> Claim:
    """The claim tied to nothing: itself when it is already (most claims tie nothing, and
    a record made again per claim and per scale tried costs as much as judging it)."""
    if claim.status is UNTIED and not claim.tied_to and claim.expected is None:
        return claim
    return claim_with(claim, tied_to=(), status=UNTIED, expected=None)


def _every_period_fails(claim: Claim, index: Index, meant: Sequence[Match]) -> Match | None:
    """The closest of the figures of one row of rates a level of the release's period may
    mean, where it fits none of them.

    "Net interest margin of 2.66%" in a fourth-quarter release means the quarter's
    margin or the year's (the period is only the release's), so it contradicts neither
    alone; but when the words name one row, firmly, and the claim fits the figure of no
    period that row prints for it (and no other reading of the release ties it), it is
    wrong whichever period it meant: a warning that names the closest, not a proof. Only
    of a rate: an amount may be a part of the row it names ("includes $871 million of
    loans"). Earnings per share are a rate too ("EPS of $1.17" of a row printing 1.17
    for the quarter and 5.16 for the year): the rows may be several prints of one
    figure per period (basic and diluted, a summary and a statement). So is a percent
    change of a row ("Revenue Growth of 33%" in a headline: of the quarter, or of the
    year to date, over a year earlier).
    """
    rate = claim.kind in (PERCENT, PERCENT_CHANGE) or (
        claim.kind is LEVEL and claim.unit is IN_USD_PER_SHARE and claim.concept == _EPS
    )
    if not rate or not meant or not firm(claim):
        return None  # an amount may be a part of the row ("includes $871 million of loans")
    if PERIOD_INFERRED not in claim.traits:
        return None
    if len({(m.refs[0].table, m.refs[0].row) for m in meant}) != 1 and not _per_period(
        claim, index, meant
    ):
        return None
    return _closest(claim, meant)


def _per_period(claim: Claim, index: Index, meant: Sequence[Match]) -> bool:
    """Whether the candidates of each period stand for one figure (the rows print the
    same figure of every period: one row, printed in several tables)."""
    by_period: dict[tuple[object, ...], list[Match]] = {}
    for m in meant:
        by_period.setdefault(_periods(index, m), []).append(m)
    return all(_one_figure(claim, group) is not None for group in by_period.values())


def _closest(claim: Claim, matches: Sequence[Match]) -> Match | None:
    """The candidate nearest the claim's figure (the narrowest of equals), if any."""
    if not matches:
        return None
    return min(matches, key=lambda m: (_distance(claim, m), m.high - m.low))


def _every_part_fails(
    claim: Claim, index: Index, strong: Sequence[Site], meant: Sequence[Match]
) -> Match | None:
    """The closest of the rows of one label a table prints twice, where an amount its
    words name firmly, for the period its clause names, fits neither nor their sum.

    "Expense for corporate items and eliminations was $261 million in the first quarter"
    names the two "Corporate Items and Eliminations" rows of a profit-by-segment table
    (one under each section): it is one of them or their sum (``summed``). Fitting none of
    them, it is wrong whichever it meant: a warning that names the closest, not a proof.
    """
    if (
        claim.kind is not LEVEL
        or claim.unit is not IN_USD
        or ATTACHED not in claim.traits
        or PERIOD_STATED not in claim.traits
        or claim.traits & _NOT_FIRM
        or len({(s.table, s.key, s.segment) for s in strong}) != 1
        or len({s.row for s in strong}) < 2
        or len({(m.refs[0].table, m.refs[0].row) for m in meant}) != len({s.row for s in strong})
        or len({_precision(index, m.refs[0]) for m in meant}) != 1
    ):
        return None  # parts of one sum are printed alike: not a balance beside its yield
    return _closest(claim, meant)


def _precision(index: Index, ref: CellRef) -> Decimal | None:
    cell = cell_at(index.tables, ref)
    return None if cell is None else cell.precision


def _every_quantity_fails(
    claim: Claim, index: Index, weak: Sequence[Site], chosen: Chosen
) -> Match | None:
    """The closest change of the rows of physical quantities a percent change's words
    suggest, where it fits none of them.

    "Residential electricity use increased 3.1 percent" names no metric firmly, but every
    row its words suggest is a row of quantities (the "Residential" kilowatt-hours of a
    table of sales in kilowatt-hours), and no money or rate is among them: where it fits
    the change of none of them in its period (and no other reading of the release ties
    it), it is wrong whichever it meant: a warning that names the closest, not a proof.
    """
    if (
        claim.kind is not PERCENT_CHANGE
        or claim.period is None
        or not weak
        or not all(site.quantity for site in weak)
    ):
        return None
    matches = list(_matches(claim, index, weak, chosen, strict=True))
    return _closest(claim, matches)


def _every_count_fails(
    claim: Claim, index: Index, weak: Sequence[Site], chosen: Chosen
) -> Match | None:
    """The closest of the rows of shares a share count's sentence names in full, where it
    fits none of them in the period its clause names.

    "... $1.04 per share on an average base of 298.1 million common equivalent shares in
    the second quarter of 2003" names the row "Average common equivalent shares
    outstanding" by every word of its label but "outstanding"; where the count fits none
    of the rows its sentence names so (in the columns of its period, and no other reading
    of the release ties it), it is wrong whichever it meant: a warning that names the
    closest, not a proof. A count whose sentence names no row so ("repurchased 5.2
    million shares") says nothing here.
    """
    if (
        claim.unit is not IN_SHARES
        or claim.kind is not LEVEL
        or PERIOD_STATED not in claim.traits
        or claim.traits & _NOT_FIRM
    ):
        return None
    said = words(claim.sentence)
    named = [
        site
        for site in weak
        if site.unit is IN_SHARES and (label := site.words - _COUNT_FILLER) and label <= said
    ]
    matches = list(_matches(claim, index, named, chosen, strict=True))
    return _closest(claim, matches)


@per_tables
def _index(tables: Sequence[Table]) -> Index:
    """The index of these tables, built once for ``tie`` and every ``support`` question
    (``memo.per_tables``: once for a release's list of tables and the tuple of them a
    stray parenthesis's ``support`` asks of)."""
    return Index(tables)


def tie(claims: Sequence[Claim], tables: Sequence[Table], chosen: Chosen) -> tuple[Claim, ...]:
    """Every claim tied to the tables, with the readings of ambiguous figures chosen so far.

    A claim that ties nothing as printed but ties a row its words name at another power
    of 1,000 ("$16.5 million" of a row printed 16,452 in millions) has a wrong scale
    word: it contradicts that row (``_rescaled``).
    """
    if not claims:
        return ()
    index = _index(tables)
    claims = under_parts(claims, index)
    # the rows a claim's words name, found once for both passes
    rows = [None if FORWARD_LOOKING in c.traits else _rows_of(c, index) for c in claims]
    tied = anchored(_unheard(_judged(claims, rows, index, chosen), index, chosen), index, chosen)
    tied = dated(tied, index, lambda claim: tie_claim(claim, index, chosen))
    tied = listed(tied, index, chosen)
    confirmed = frozenset(ref.table for c in tied if c.status in _TIED for ref in c.tied_to)
    return tuple(
        (_rescaled(c, index, chosen, confirmed, r) or c) if c.status is UNTIED else c
        for c, r in zip(tied, rows, strict=True)
    )


# The fields of a claim its judging reads: all but what the tie gives it (``_same_words``).
_WORDS = attrgetter(
    *(f.name for f in fields(Claim) if f.name not in ("tied_to", "status", "expected"))
)


def _same_words(claim: Claim, other: Claim) -> bool:
    """Whether two claims hold the very same words (each field but what the tie gives it,
    the same object): a claim tied again after its first tie is its first tie's claim
    with those three fields replaced, and shares every other field with it."""
    return claim is other or all(map(is_, _WORDS(claim), _WORDS(other)))


def _judged(
    claims: tuple[Claim, ...],
    rows: Sequence[tuple[list[Site], list[Site]] | None],
    index: Index,
    chosen: Chosen,
) -> tuple[Claim, ...]:
    """Each claim tied as printed (``tie_claim``), the answers with no reading chosen kept
    in the index (``Index.judged``) for the tie with the readings chosen.

    The checks tie a release twice where a figure prints an unbalanced parenthesis: first
    with no reading chosen, then with the readings chosen, the claims given being the
    first tie's answers. A claim's judging reads a reading only of the cells of the rows
    its words name (``_rows_of``: its strong and weak rows; the sums, the competing
    readings, the printed changes and the prior cells it asks of are of those rows), so
    a claim of the same words none of whose rows holds a chosen figure is judged as with
    none chosen: its first answer stands (Lexington, its `304)` chosen: 18 of its 30
    claims). Matched by place (the second tie's claims are the first's answers, in order)
    and words (``_same_words``).
    """
    first = index.judged
    if not chosen or first is None or len(first[0]) != len(claims):
        judged = tuple(tie_claim(c, index, chosen, r) for c, r in zip(claims, rows, strict=True))
        if not chosen:
            index.judged = (claims, judged)
        return judged
    touched = {(ref.table, ref.row) for ref in chosen}
    out: list[Claim] = []
    for claim, found, before, answer in zip(claims, rows, *first, strict=True):
        if (
            found is not None
            and not any((s.table, s.row) in touched for s in (*found[0], *found[1]))
            and _same_words(claim, before)  # (field by field: asked only of those it may keep)
        ):
            out.append(answer)  # as judged with none chosen: no chosen figure in its rows
        else:
            out.append(tie_claim(claim, index, chosen, found))
    return tuple(out)


def rescaling(claim: Claim) -> Decimal | None:
    """The power of 1,000 by which a contradicted amount ties its figure, if it does
    ("$16.5 million" of 16,452 in millions: 1,000), else None."""
    if claim.unit is not IN_USD or claim.kind is PERCENT_CHANGE:
        return None
    if not claim.value or claim.expected is None:
        return None
    for factor in _FACTORS:
        if abs(claim.value * factor - claim.expected) <= claim.precision * factor:
            return factor
    return None


def _unheard(claims: tuple[Claim, ...], index: Index, chosen: Chosen) -> tuple[Claim, ...]:
    """Contradictions of a row that a sentence's other figures of it never bear out.

    A sentence giving one metric of one row for several periods ("$136 million for the
    fourth quarter, compared with $125 million in the third and $154 million a year
    ago"), or a change of it in dollars and in percent that agree with each other, none
    of which ties that row, speaks of another quantity than the row (a part of it,
    another measure, a sum with a row beside it): its meaning is not resolved, so none of
    them is called wrong; they are left untied. A figure of it that ties that row under a
    reading its words do not name (a change over the linked quarter: "increased $8.9
    billion, or 3%, to $359.4 billion") bears the row out. And a percent beside an amount
    that fits the row's change against one comparison the table prints, to within the
    cells' rounding ("decreased $125 million (28.7 percent)": 418 -> 298 in millions),
    says the sentence does speak of that row and of that change: the amount is judged
    against it (``_compared_as_percent``).
    """
    # only a group holding a contradiction is changed: its sentence's claims are grouped
    # (most sentences contradict nothing, and a claim's metric is read from its words)
    contradicted = {c.sentence for c in claims if c.status is CONTRADICTS}
    if not contradicted:
        return claims
    same_metric: dict[tuple[str, str], list[int]] = {}
    for i, claim in enumerate(claims):
        if claim.kind is not DIRECTION and claim.sentence in contradicted:
            key = (claim.sentence, metric(claim))
            same_metric.setdefault(key, []).append(i)
    out = list(claims)
    for group in same_metric.values():
        if len(group) < 2 or any(claims[i].status in _TIED for i in group):
            continue
        rows = {
            (claims[i].tied_to[0].table, claims[i].tied_to[0].row)
            for i in group
            if claims[i].status is CONTRADICTS
        }
        if len(rows) != 1:
            continue  # figures of several rows ("respectively" by segment): each is judged
        if any(
            claims[i].status is AMBIGUOUS and {(r.table, r.row) for r in claims[i].tied_to} & rows
            for i in group
        ):
            continue  # another figure of it ties that row under some reading: it is that row
        judged = _compared_as_percent(claims, group, index, chosen)
        for i in group:
            if judged is not None and claims[i].kind is CHANGE:
                out[i] = judged
            elif claims[i].status is CONTRADICTS:
                out[i] = claim_with(claims[i], tied_to=(), status=UNTIED, expected=None)
    return tuple(out)


def _compared_as_percent(
    claims: Sequence[Claim], group: Sequence[int], index: Index, chosen: Chosen
) -> Claim | None:
    """The one amount of change of a group contradicting the row's change under the one
    comparison the group's one percent change fits, or None.

    The amount contradicts every reading already (``_competing`` found none that ties it);
    the percent beside it resolves which comparison the sentence means, and the amount
    fails that one too.
    """
    amounts = [
        claims[i] for i in group if claims[i].kind is CHANGE and claims[i].status is CONTRADICTS
    ]
    percents = [claims[i] for i in group if claims[i].kind is PERCENT_CHANGE]
    if len(amounts) != 1 or len(percents) != 1 or percents[0].status is not UNTIED:
        return None
    amount, percent = amounts[0], percents[0]
    row = (amount.tied_to[0].table, amount.tied_to[0].row)
    site = index.site(*row)
    if site is None:
        return None
    columns = [c for c in index.table_columns.get(row[0], ()) if basis_fits(amount, c)]
    pairs = [
        (col, other)
        for col in columns
        for other in columns
        if other is not col
        and other.months == col.months
        and other.instant == col.instant
        and meets_coarsely(percent, index, site, col, other, chosen)
    ]
    if len(pairs) != 1:
        return None  # no comparison fits the percent, or several: not resolved
    col, other = pairs[0]
    judged = list(evaluate(amount, index, site, col, chosen, by_value=True, against=other))
    if len(judged) != 1 or judged[0].ties:
        return None
    return _with(amount, judged[0], CONTRADICTS)


def support(
    claims: Sequence[Claim], tables: Sequence[Table], ref: CellRef, values: Sequence[Decimal]
) -> dict[Decimal, tuple[int, ...]]:
    """For each reading of an ambiguous cell, the claims that tie to it only under that reading."""
    index = _index(tables)
    holding: dict[Decimal, set[int]] = {v: set() for v in values}
    for i, claim in enumerate(claims):
        if ref not in claim.tied_to:
            continue
        for v in values:
            tied = tie_claim(claim, index, {ref: v})
            if tied.status in (TIES, ROUNDING) and ref in tied.tied_to:
                holding[v].add(i)
    return {
        v: tuple(
            sorted(i for i in holding[v] if all(i not in holding[o] for o in values if o != v))
        )
        for v in values
    }
