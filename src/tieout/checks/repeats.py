"""The same figure printed twice: net sales in the statement and in the segment table.

Two rows that name the same concept (and are not a segment's rows) must print the same
value for the same period. A row that names no concept of the vocabulary pairs by its
label when the label is specific ("Noninterest expense", not "Total", "Other" or a
segment's name), under the same section head, and the pair is proposed only when it
holds in every column but one (a coincidence of one column is no evidence).

Columns are matched by period, never by position, and only consolidated columns take
part (a segment column of a segment table is not the total). A column whose period is
partly read (an end date, no duration: "Dec 31, 2021" under a spanner the reader did not
place) pairs with the column of the other table that ends on that date only when the
two agree on the rows the tables share: a quarter and a year both end on Dec 31, and the
agreement of their figures is what says which one it is.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from tieout.checks.entry import RelationCheck
from tieout.checks.reporting import describe_sum
from tieout.checks.spec import Place, Spec, evaluate, holding_somewhere
from tieout.model import (
    Cell,
    CellRef,
    Column,
    FindingCode,
    RelationKind,
    RelationSource,
    Row,
    Table,
    Term,
    Unit,
    quick_init,
)
from tieout.prose.labels import clean_label, words
from tieout.prose.memo import per_tables
from tieout.rounding import sum_tolerance, within
from tieout.vocabulary import concept_of
from tieout.vocabulary.totals import consolidated_segment, names_whole

# Two columns whose periods are partly read are the same period when at least this many
# figures of the rows both tables print are equal (not zero), and at most one differs:
# an error injected into one figure must not unpair the columns that prove it wrong.
MIN_AGREEING = 3
MAX_DIFFERING = 1
# A specific label: at least this many content words ("Noninterest expense"; not
# "Deposits", "Other", "Total", "Net")
MIN_LABEL_WORDS = 2
# A row pairs by its label only between tables that print the same figures: at least
# MIN_AGREEING equal, and this many equal for each that differs
AGREEING_PER_DIFFERING = 3

RowKey = tuple[str, str, str, str]


# enum members read once: a member read by attribute goes through its metaclass's
# ``__getattr__`` in Python 3.11 (about 0.4 us), in loops over rows and columns
_REPEAT, _EQUAL = (
    RelationSource.REPEAT, RelationKind.EQUAL
)  # fmt: skip
# a unit's value by its member: ``Unit.value`` is an enum property (a Python call, about
# 0.4 us), asked of every row with a key; a member hashes as its string, in C
_UNIT_VALUES: dict[Unit, str] = {unit: unit.value for unit in Unit}
_NONE: dict[RowKey, Row] = {}  # (never written: the rows of a table not keyed)


def _segment_sections(table: Table) -> set[tuple[str, str]]:
    """(concept, section) pairs where a concept recurs under several section heads.

    "Operating Revenues" under "Alabama Power -" and again under "Georgia Power -" are
    the subsidiaries' figures, not the consolidated one.
    """
    first: dict[str, str] = {}  # each concept's first section head
    sections: dict[str, set[str]] = {}  # those of the concepts under two heads or more
    for row in table.rows:
        concept, section = row.concept, row.section
        if concept and section:
            head = first.get(concept)
            if head is None:
                first[concept] = section  # (no set made for a concept under one head)
            elif head != section:
                heads = sections.get(concept)
                if heads is None:
                    sections[concept] = {head, section}
                else:
                    heads.add(section)
    return {
        (concept, section)
        for concept, names in sections.items()
        for section in names
        if not names_whole(section)
    }


def _eligible(row: Row, segments: set[tuple[str, str]]) -> bool:
    if not row.concept or not row.has_figures:
        return False
    if row.section is not None and (row.concept, row.section) in segments:
        return False
    section = concept_of(row.section or "")
    return row.section is None or section is None or section == row.concept


# A row's label or section head cleaned and lowered, and whether a cleaned label has the
# words of a specific one: asked of every row with figures of every release (about 9,400
# and 3,600 asks of a pass over the corpus, most of them texts seen before: "net income",
# "total revenues"), pure functions of the text, remembered for this many texts
_LABELS = 8192


@functools.lru_cache(maxsize=_LABELS)
def _label(text: str) -> str:
    return clean_label(text).lower()


def _wordy(label: str) -> bool:
    """Whether a label has several content words ("Noninterest expense"; not "Other").
    (Not remembered: ``_Keys`` asks it once per label of a release that two of its tables
    print, and releases share few labels that reach it.)"""
    return len(words(label)) >= MIN_LABEL_WORDS


def _recurring_labels(table: Table, labels: dict[int, str] | None = None) -> set[str]:
    """Labels printed under several section heads of one table: each section's own figure
    ("Commercial real estate" under loans and again under net charge-offs). ``labels``:
    where given, each row with figures' label (``_label``) is put there by its index."""
    first: dict[str, str | None] = {}  # each label's first section head (or None)
    recurring: set[str] = set()
    for row in table.rows:
        if row.has_figures:
            label = _label(row.label)
            if labels is not None:
                labels[row.index] = label
            # (no set of heads made per label: a second head is all that is asked)
            if label not in first:
                first[label] = row.section
            elif first[label] != row.section:
                recurring.add(label)
    return recurring


def _segment_names(tables: Sequence[Table]) -> set[str]:
    """The names of segments the release prints: its segment columns' heads."""
    return {
        _label(col.segment)
        for table in tables
        for col in table.columns
        if col.segment is not None and not consolidated_segment(col.segment)
    }


def _specific(label: str, segments: set[str]) -> bool:
    """Whether a label names one figure: several content words, and no segment's name."""
    return label not in segments and _wordy(label)  # (the set first: no words read)


class _Keys:
    """What each row of the release is, for pairing: its concept, or its specific label
    under its section head (None for a row that pairs with nothing)."""

    def __init__(self, tables: Sequence[Table]) -> None:
        names = _segment_names(tables)
        self.keyed: list[tuple[Table, Row, RowKey]] = []  # the rows with a key, in order
        # per pair of tables, computed once: a release prints many rows twice
        self.matched: dict[tuple[int, int], list[tuple[Column, int]]] = {}
        self.same: dict[tuple[int, int], bool] = {}
        # per table, computed once: the rows it prints once each by key, and its columns
        # as matching reads them
        self.once: dict[int, dict[RowKey, Row]] = {}
        # by table: the other tables printing once a row it prints once (``sharing``)
        self.sharing: dict[int, set[int]] | None = None
        self.columns: dict[int, _Columns] = {}
        # the repeats proposed by concept and by label (``candidates``), made once: the
        # repeated figures and the rescaled ones both ask, and judge the same specs
        self.candidates: dict[bool, list[Spec]] = {}
        # each row's key, but that a label's is not yet asked whether it is specific
        # (``_specific``: its words read, a miss of ``words`` at first sight): only a label
        # key printed in two tables or more can pair (``shared`` pairs the keys of two
        # tables, ``_candidates`` a key with one of another table), so only those are asked
        drafted: list[tuple[Table, Row, RowKey]] = []
        printed_in: dict[RowKey, int] = {}  # a label key's table, -1 once another prints it
        for table in tables:
            segments = _segment_sections(table)
            labels: dict[int, str] = {}  # of the rows with figures, cleaned once
            recurring = _recurring_labels(table, labels)
            heads: dict[str | None, str] = {}  # the section heads, cleaned once each
            for row in table.rows:
                key = self._key(row, segments, recurring, names, labels, heads)
                if key is not None:
                    drafted.append((table, row, key))
                    if key[0] == "label":
                        there = printed_in.get(key)
                        if there is None:
                            printed_in[key] = table.index
                        elif there != table.index:
                            printed_in[key] = -1
        specific: dict[str, bool] = {}  # by label: a release prints many labels again
        # the rows each table prints once each by key (``_once``), made in the same pass
        found: dict[int, dict[RowKey, Row | None]] = {table.index: {} for table in tables}
        for table, row, key in drafted:
            if key[0] == "label":
                if printed_in[key] != -1:
                    continue  # printed in one table only: it pairs with nothing
                named = specific.get(key[1])
                if named is None:
                    named = specific[key[1]] = _specific(key[1], names)
                if not named:
                    continue
            self.keyed.append((table, row, key))
            once = found[table.index]
            once[key] = None if key in once else row
        for index, once in found.items():
            self.once[index] = {k: r for k, r in once.items() if r is not None}

    @staticmethod
    def _key(
        row: Row,
        segments: set[tuple[str, str]],
        recurring: set[str],
        names: set[str],
        labels: dict[int, str],
        heads: dict[str | None, str],
    ) -> RowKey | None:
        """The row's key, a label's not yet asked whether it is specific (``labels``: the
        cleaned labels of the table's rows with figures, by index; ``heads``: the section
        heads cleaned so far)."""
        if row.concept:
            if _eligible(row, segments):
                return ("concept", row.concept, "", _UNIT_VALUES[row.unit])
            return None
        if not row.has_figures:
            return None
        label = labels[row.index]
        section = heads.get(row.section)
        if section is None:
            section = heads[row.section] = _label(row.section or "")
        if label in recurring or section in names:
            return None
        return ("label", label, section, _UNIT_VALUES[row.unit])

    def shared(self, a: Table, b: Table) -> list[tuple[Row, Row]]:
        """The rows two tables both print once each, as pairs (two tables: a table is not
        asked with itself, whose keys printed in it alone are not kept)."""
        in_a, in_b = self._once(a), self._once(b)
        return [(in_a[k], in_b[k]) for k in in_a.keys() & in_b.keys()]

    def sharing_with(self, tables: Sequence[Table], table: Table) -> set[int]:
        """The indexes of the other tables that print once a row ``table`` prints once:
        the only tables ``shared`` finds rows with. Read from an index of every table's
        rows by key, built once per release, where a finder asking ``shared`` of every
        pair of tables (``quarters_across``: 896 pairs a pass, 692 sharing no row) made
        each pair's keys meet."""
        if self.sharing is None:
            by_key: dict[RowKey, list[int]] = {}
            for t in tables:
                for key in self._once(t):
                    by_key.setdefault(key, []).append(t.index)
            sharing: dict[int, set[int]] = {t.index: set() for t in tables}
            for printing in by_key.values():
                if len(printing) > 1:
                    for index in printing:
                        sharing[index].update(printing)
            for index, others in sharing.items():
                others.discard(index)
            self.sharing = sharing
        return self.sharing[table.index]

    def _once(self, table: Table) -> dict[RowKey, Row]:
        """The rows a table prints once each, by key (made with the keys)."""
        return self.once.get(table.index, _NONE)

    def columns_of(self, table: Table) -> _Columns:
        """A table's columns as ``_matching`` reads them, read once per table."""
        done = self.columns.get(table.index)
        if done is None:
            amounts = [
                col for col in table.columns if _amount_column(col) and col.period is not None
            ]
            done = self.columns[table.index] = _Columns(
                [(col, _column_key(table, col)) for col in table.columns],
                amounts,
                any(_partial_end(col) is not None for col in amounts),
            )
        return done


@quick_init
@dataclass(frozen=True, slots=True)
class _Columns:
    """A table's columns with their period keys (None: no known period of the whole
    company), its columns of amounts with a period (those matched by their end), and
    whether one of those has an end and no duration (``_partial_end``)."""

    keyed: list[tuple[Column, object | None]]
    amounts: list[Column]
    partial: bool


# the keys of the tables read last: both kinds of repeat and the rescaled figures ask
_keys_of = per_tables(_Keys)


def _amount_column(col: Column) -> bool:
    return consolidated_segment(col.segment) and not col.change and col.unit is None


def _column_key(table: Table, col: Column) -> object | None:
    if not consolidated_segment(col.segment):
        return None
    if col.period is not None and col.period.known:
        return col.period.key
    return None


def _partial_end(col: Column) -> object | None:
    """The end date of a column whose duration is unread, else None."""
    period = col.period
    if period is None or period.end is None or period.instant or period.months is not None:
        return None
    return period.end


def _equal(x: Cell, y: Cell) -> bool:
    # the same value ties whatever the rounding (most figures two tables share)
    return x.value == y.value or within(
        x.value - y.value, sum_tolerance((x.precision, y.precision))
    )


def _tally(shared: Sequence[tuple[Row, Row]], pairs: Sequence[tuple[int, int]]) -> tuple[int, int]:
    """How many figures other than zero the rows two tables share print equal, and how
    many differ, in the given pairs of columns."""
    agreeing = differing = 0
    for ra, rb in shared:
        for ca, cb in pairs:
            x, y = ra.cells[ca], rb.cells[cb]
            if x is None or y is None or x.value == 0 or y.value == 0:
                continue
            if _equal(x, y):
                agreeing += 1
            else:
                differing += 1
    return agreeing, differing


def _agree(shared: Sequence[tuple[Row, Row]], ca: int, cb: int) -> bool:
    """Whether two columns print the same figures on the rows their tables share."""
    agreeing, differing = _tally(shared, ((ca, cb),))
    return agreeing >= MIN_AGREEING and differing <= MAX_DIFFERING


def _same_figures(ta: Table, tb: Table, keys: _Keys) -> bool:
    """Whether two tables print the same figures where they meet: in the columns of one
    period, the rows both print agree (a segment's page beside another's does not)."""
    found = keys.same.get((ta.index, tb.index))
    if found is None:
        found = keys.same[(ta.index, tb.index)] = _agreeing_tables(ta, tb, keys)
    return found


def _agreeing_tables(ta: Table, tb: Table, keys: _Keys) -> bool:
    shared = keys.shared(ta, tb)
    if not shared:
        return False  # no row in common (most pairs of a release's tables): none agrees
    pairs = [(col.index, cb) for col, cb in _matched_columns(ta, tb, keys)]
    agreeing, differing = _tally(shared, pairs)
    return agreeing >= MIN_AGREEING and differing * AGREEING_PER_DIFFERING <= agreeing


def _matched_columns(ta: Table, tb: Table, keys: _Keys) -> list[tuple[Column, int]]:
    """Each column of ``ta`` with the column of ``tb`` of the same period."""
    found = keys.matched.get((ta.index, tb.index))
    if found is None:
        found = keys.matched[(ta.index, tb.index)] = _matching(ta, tb, keys)
    return found


def _matching(ta: Table, tb: Table, keys: _Keys) -> list[tuple[Column, int]]:
    cols_a, cols_b = keys.columns_of(ta), keys.columns_of(tb)
    keys_b: dict[object, int] = {}
    for col, key in cols_b.keyed:
        if key is not None and key not in keys_b:
            keys_b[key] = col.index
    matched = {
        col.index: keys_b[key] for col, key in cols_a.keyed if key is not None and key in keys_b
    }
    partial: list[tuple[Column, Column]] = []
    if cols_a.partial or cols_b.partial:  # a column of one table ends with no duration
        partial = [
            (ca, cb)
            for ca in cols_a.amounts
            for cb in cols_b.amounts
            if ca.index not in matched
            and cb.index not in matched.values()
            and ca.period is not None
            and cb.period is not None
            and ca.period.end == cb.period.end
            and (_partial_end(ca) is not None or _partial_end(cb) is not None)
        ]
    if partial:
        shared = keys.shared(ta, tb)
        agreeing = [(ca, cb) for ca, cb in partial if _agree(shared, ca.index, cb.index)]
        for ca, cb in agreeing:
            # one reading only: a column that agrees with two is not matched
            if sum(1 for a, b in agreeing if a is ca or b is cb) == 1:
                matched[ca.index] = cb.index
    return [(col, matched[col.index]) for col in ta.columns if col.index in matched]


def paired_rows(tables: Sequence[Table], a: Table, b: Table) -> list[tuple[Row, Row]]:
    """The rows two tables both print once each (``a``'s first), as pairs: the same line
    of the release, by concept or specific label; none unless the tables print the same
    figures where they meet (the pairing the repeats rest on)."""
    keys = _keys_of(tables)
    if a.index == b.index or not _same_figures(a, b, keys):
        return []
    return keys.shared(a, b)


def sharing(tables: Sequence[Table], table: Table) -> set[int]:
    """The indexes of the tables ``paired_rows`` may pair rows of ``table`` with: those
    that print one of its rows (by concept or specific label). A finder that pairs every
    table with every other asks this first, the pairs left out having no row in common."""
    return _keys_of(tables).sharing_with(tables, table)


def _places(
    tables: Sequence[Table], a: tuple[int, int], b: tuple[int, int], keys: _Keys
) -> tuple[Place, ...]:
    ta, tb = tables[a[0]], tables[b[0]]
    # (a list made and turned into a tuple: a generator resumed per place costs more)
    ia, ra, ib, rb = ta.index, a[1], tb.index, b[1]
    if ia == ib:
        return tuple(
            [
                Place(c.label, CellRef(ia, ra, c.index), (CellRef(ib, rb, c.index),))
                for c in ta.columns
            ]
        )
    return tuple(
        [
            Place(col.label, CellRef(ia, ra, col.index), (CellRef(ib, rb, cb),))
            for col, cb in _matched_columns(ta, tb, keys)
        ]
    )


def candidates(tables: Sequence[Table], by_label: bool = False) -> list[Spec]:
    """A relation `a = b` between each occurrence of a concept and the next one (or, with
    ``by_label``, of a specific label that names no concept).

    Made once per release (the same specs each time: the relations judged of them are
    remembered by the checks, ``spec.remembering``)."""
    keys = _keys_of(tables)
    made = keys.candidates.get(by_label)
    if made is None:
        made = keys.candidates[by_label] = _candidates(tables, keys, by_label)
    return list(made)


def _candidates(tables: Sequence[Table], keys: _Keys, by_label: bool) -> list[Spec]:
    kind = "label" if by_label else "concept"
    seen: dict[RowKey, tuple[int, int]] = {}
    specs: list[Spec] = []
    for table, row, key in keys.keyed:
        if key[0] != kind:
            continue
        here = (table.index, row.index)
        there = seen.get(key)
        seen[key] = here
        if there is None or (
            by_label
            and (
                there[0] == table.index  # one label twice in a table: two sections'
                or not _same_figures(table, tables[there[0]], keys)
            )
        ):
            continue
        places = _places(tables, here, there, keys)
        if places:
            other = tables[there[0]].rows[there[1]]
            specs.append(
                Spec(
                    _REPEAT,
                    f"{row.label} = {other.label} (table {there[0] + 1}, line {other.line})",
                    _EQUAL,
                    Term(table.index, row.index, 1),
                    (Term(there[0], there[1], 1),),
                    places,
                )
            )
    return specs


def _borne_out(spec: Spec, tables: Sequence[Table]) -> bool:
    """Whether a repeat by label is the same figure: it ties a printed figure other than
    zero, and fails in at most one column (one error strikes one figure)."""
    relation = evaluate(spec, tables, {})
    tied = any(e.holds and e.actual != 0 != e.expected for e in relation.evaluations)
    return tied and len(relation.fails_in) <= MAX_DIFFERING


def repeated_figures(tables: Sequence[Table], found: Sequence[Spec] = ()) -> list[Spec]:
    """The repeats that hold in some column: the same figure printed twice."""
    by_label = [s for s in candidates(tables, by_label=True) if _borne_out(s, tables)]
    return holding_somewhere(candidates(tables), tables) + by_label


CHECK: RelationCheck = RelationCheck(
    "repeated figures", _REPEAT, FindingCode.REPEAT_MISMATCH, repeated_figures,
    describe_sum,
)  # fmt: skip
