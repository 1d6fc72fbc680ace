"""Where a release presents non-GAAP measures: table rows, non-GAAP columns, prose figures.

A measure is presented by a row whose label names one ("Adjusted EBITDA", "Net income,
Underlying (non-GAAP)", a segment's row under "EBITDA:"), by the figures of a column headed
Non-GAAP / As Adjusted / Underlying, by the cell where a transposed reconciliation's
"Adjusted" row crosses a column naming a metric, and by a figure of the prose whose words
name one ("adjusted profit per share of $2.88", "EBITDA ... totaled $4,307,000"). The
mentions of one measure (the same basis and metric, or a prose figure tied to its cell) are
gathered into one ``Presented``. Forward-looking figures (guidance) are left out: Regulation
G lets a release omit a reconciliation it cannot give without unreasonable efforts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from tieout.model import CellRef, Claim, ClaimTrait, Release, Row, RowKind, Span, Table, Unit
from tieout.vocabulary.basis import Basis, basis_of_head
from tieout.vocabulary.leads import led
from tieout.vocabulary.measures import (
    MeasureBasis,
    MeasureName,
    adjustments_table,
    bases_of,
    clean_label,
    may_name_basis,
    measure_name,
    metric_of,
    names_gaap,
    period_label,
    prose_measure,
)

# A sentence that is a table's note ("(5) Income tax effects were calculated reflecting an
# effective non-GAAP tax rate of ..."): it explains a reconciliation, it presents nothing.
_NOTE = re.compile(r"^\s*(?:\(\w{1,3}\)|\*+|\d{1,2}\)|-\s*-)\s*")
_CONTENTS = led(re.compile(r"\bcontents\b", re.I))  # (led: a search passes other letters)
# enum members read once: a member read by attribute goes through its metaclass's
# ``__getattr__`` in Python 3.11 (about 0.4 us), per row of every table and per claim
_HEADER, _PER_SHARE, _SHARES, _FORWARD_LOOKING = (
    RowKind.HEADER, Unit.USD_PER_SHARE, Unit.SHARES, ClaimTrait.FORWARD_LOOKING
)  # fmt: skip


@dataclass
class Presented:
    """One measure and every place the release presents it."""

    name: MeasureName
    label: str  # as first printed
    rows: list[tuple[int, int]] = field(default_factory=list)  # rows that are the measure's
    cells: list[CellRef] = field(default_factory=list)  # cells of non-GAAP columns / crossings
    claims: list[int] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)

    @property
    def refs(self) -> set[tuple[int, int]]:
        return set(self.rows) | {(c.table, c.row) for c in self.cells}


@dataclass(frozen=True, slots=True)
class BasisColumns:
    """A non-GAAP column with the GAAP column and adjustment columns printed before it."""

    table: int
    gaap: int | None
    adjustments: tuple[int, ...]
    non_gaap: int


def column_basis(head: str) -> Basis | None:
    """A column head's basis: ``basis`` words, then a measure's ("Underlying")."""
    said = basis_of_head(head)
    if said is not None:
        return said
    bases = bases_of(head)
    if bases and not all(b is MeasureBasis.CONSTANT_CURRENCY for b in bases):
        return Basis.NON_GAAP
    return None


def basis_columns(table: Table) -> list[BasisColumns]:
    """Each non-GAAP column of a table, with the GAAP and adjustment columns left of it.

    Read as printed: GAAP | Adj. | ... | Non-GAAP, each period in turn. A change column
    (% Increase in Non-GAAP) presents no figure of the measure and is skipped.
    """
    heads = [
        None if c.change else column_basis(f"{c.label} {c.segment or ''}") for c in table.columns
    ]
    out = []
    for j, basis in enumerate(heads):
        if basis is not Basis.NON_GAAP:
            continue
        adjustments: list[int] = []
        gaap = None
        for k in range(j - 1, -1, -1):
            if heads[k] is Basis.ADJUSTMENTS:
                adjustments.insert(0, k)
            elif heads[k] is Basis.GAAP:
                gaap = k
                break
            else:
                break
        out.append(BasisColumns(table.index, gaap, tuple(adjustments), j))
    return out


def _gather(found: dict[str, Presented], name: MeasureName, label: str) -> Presented:
    entry = found.get(name.key)
    if entry is None:
        entry = found[name.key] = Presented(name, clean_label(label) or label)
    return entry


def names_basis(text: str) -> bool:
    """Whether ``measure_name`` may read a basis in ``text`` (a label or a section head):
    it reads the bases of the text without its footnote marks, which is the text itself
    where it holds no "(" nor "*" (every mark's first character), and a text that holds
    no basis's word (``may_name_basis``, a sieve in C) names none even so. False only
    where the text names no basis."""
    if not may_name_basis(text):
        return False
    return "(" in text or "*" in text or bool(bases_of(text))


def row_measure(row: Row) -> MeasureName | None:
    """``measure_name`` of a row's label under its section head, asked only where one of
    the two may name a basis (``names_basis``): where neither does, the measure is None
    (most rows: each a miss of ``measure_name``'s cache at first sight, its label cleaned
    and searched for nothing)."""
    section = row.section or ""
    if names_basis(row.label) or (section and names_basis(section)):
        return measure_name(row.label, section)
    return None


def in_tables(
    tables: Sequence[Table], columns: Callable[[int], list[BasisColumns]] | None = None
) -> dict[str, Presented]:
    """The measures the tables present, by key (``columns``: ``basis_columns`` of a table
    by its index, when the caller keeps them; the search for reconciliations reads them)."""
    found: dict[str, Presented] = {}
    # ``names_basis`` of each label and section head, asked once per release: a release
    # prints its labels again from table to table ("Net sales", "Net income")
    said_of: dict[str, bool] = {}
    for table in tables:
        if _CONTENTS.search(table.title or "") or adjustments_table(table.title or ""):
            continue  # a table of contents; a summary of significant items (adjustments)
        columns_here = basis_columns(table) if columns is None else columns(table.index)
        shown = {c.non_gaap for c in columns_here}
        for row in table.rows:
            if not row.has_figures or row.kind is _HEADER:
                continue
            # a label or head that names no basis names no measure (``row_measure``)
            section = row.section or ""
            said = said_of.get(row.label)
            if said is None:
                said = said_of[row.label] = names_basis(row.label)
            asked = said
            if not said and section:
                head = said_of.get(section)
                if head is None:
                    head = said_of[section] = names_basis(section)
                asked = head
            own = measure_name(row.label, section) if asked else None
            if own is not None:
                if row.unit is _PER_SHARE:
                    own = own.per_share()
                label = row.label
                if measure_name(row.label) is None and row.section:
                    named = metric_of(clean_label(row.label))
                    section = clean_label(row.section)
                    label = f"{clean_label(row.label)} ({section})" if named else section
                entry = _gather(found, own, label)
                entry.rows.append((table.index, row.index))
                entry.spans.append(row.label_span)
                continue
            # (the sieve first, then the cached question: most labels name no basis)
            if (
                said
                and bases_of(row.label)
                and period_label(row.label)
                and not names_gaap(row.label)
            ):
                _crossings(found, table, row.index)  # "Three Months Ended ... - Adjusted"
                continue
            if not shown or row.unit is _SHARES or names_gaap(row.label):
                continue  # no non-GAAP column to read it in; shares; the GAAP figure
            for j in shown:
                _column_cell(found, table, row.index, j)
    return found


def _crossings(found: dict[str, Presented], table: Table, r: int) -> None:
    """A transposed reconciliation's adjusted row: one measure per column it prints."""
    row = table.rows[r]
    bases = bases_of(row.label)
    for column in table.columns:
        cell = row.cells[column.index]
        if cell is None:
            continue
        name = measure_name(f"{' '.join(b.value for b in bases)} {column.label}")
        if name is None:
            continue
        entry = _gather(found, name, f"{column.label} ({clean_label(row.label)})")
        entry.cells.append(CellRef(table.index, r, column.index))
        entry.spans.append(cell.span)


def _column_cell(found: dict[str, Presented], table: Table, r: int, j: int) -> None:
    """A row's figure in a non-GAAP column: the non-GAAP form of the row's metric.

    An adjustment line (printed in the GAAP column, nothing or zero in the non-GAAP one)
    presents no measure.
    """
    row = table.rows[r]
    cell = row.cells[j]
    if cell is None or cell.value == 0:
        return
    head = table.columns[j]
    bases = bases_of(f"{head.label} {head.segment or ''}") or (MeasureBasis.NON_GAAP,)
    words = clean_label(row.label)
    if row.section and metric_of(words) is None:
        words = f"{clean_label(row.section)} {words}".strip()
    name = measure_name(f"{words} ({' '.join(b.value for b in bases)})")
    if name is None:
        name = measure_name(f"{bases[0].value} {words}")
    if name is None:
        return
    if row.unit is Unit.USD_PER_SHARE:
        name = name.per_share()
    entry = _gather(found, name, f"{head.segment or head.label}: {words}")
    entry.cells.append(CellRef(table.index, r, j))
    entry.spans.append(cell.span)


def after(claim: Claim) -> str:
    """The words of the claim's sentence after its figure."""
    at = claim.sentence.find(claim.text)
    return claim.sentence[at + len(claim.text) :] if at >= 0 else ""


def claim_measure(claim: Claim, sieved: bool = False) -> MeasureName | None:
    """The measure a figure of the prose speaks of; None for a note under a table
    (``sieved``: as ``prose_measure`` takes it)."""
    sentence, text = claim.sentence, claim.text
    if _NOTE.match(sentence):
        return None
    # the words before and after the figure (``Claim.before``, ``after``) cut at one find
    at = sentence.find(text)
    if at < 0:
        return prose_measure(claim.subject, sentence, "", sieved=sieved)
    return prose_measure(claim.subject, sentence[:at], sentence[at + len(text) :], sieved=sieved)


def claims_said(release: Release) -> list[MeasureName | None]:
    """``claim_measure`` of each of the release's claims, None for a forward-looking one:
    asked once per claim for the measures presented and for their prominence.

    A claim's words are its subject and its sentence (``before`` and ``after`` are parts
    of it): where neither names a basis (``may_name_basis``, asked once per sentence:
    its claims share it), the claim is no measure's and is not read further."""
    named: dict[str, bool] = {}
    out: list[MeasureName | None] = []
    for claim in release.claims:
        if _FORWARD_LOOKING in claim.traits:
            out.append(None)
            continue
        sentence = claim.sentence
        may = named.get(sentence)
        if may is None:
            may = named[sentence] = may_name_basis(sentence)
        if not may:  # (a subject asked once too: claims of one metric share it)
            subject = claim.subject
            may = named.get(subject)
            if may is None:
                may = named[subject] = may_name_basis(subject)
        # (sieved: the sentence or the subject holds a basis's word)
        out.append(claim_measure(claim, sieved=True) if may else None)
    return out


def in_prose(
    release: Release,
    found: dict[str, Presented],
    said: Sequence[MeasureName | None] | None = None,
) -> None:
    """Adds each prose figure that speaks of a measure to its measure (or a new one)
    (``said``: the release's ``claims_said``, when already asked)."""
    by_ref: dict[tuple[int, int], Presented] = {}
    by_cell: dict[CellRef, Presented] = {}
    for entry in found.values():
        for ref in entry.rows:
            by_ref.setdefault(ref, entry)
        for cell in entry.cells:
            by_cell.setdefault(cell, entry)
    said = claims_said(release) if said is None else said
    for i, claim in enumerate(release.claims):
        name = said[i]
        if name is None:
            continue
        if claim.unit is _PER_SHARE:
            name = name.per_share()
        target = _tied_measure(claim, name, by_ref, by_cell) or _matching(
            release, claim, found, name
        )
        target = target or _gather(found, name, name.label)
        target.claims.append(i)
        target.spans.append(claim.span)


def _tied_measure(
    claim: Claim,
    name: MeasureName,
    by_ref: dict[tuple[int, int], Presented],
    by_cell: dict[CellRef, Presented],
) -> Presented | None:
    """The measure whose cell the claim ties to, when it answers to the same GAAP measure."""
    for ref in claim.tied_to[:1]:
        entry = by_cell.get(ref) or by_ref.get((ref.table, ref.row))
        if entry is not None and entry.name.gaap == name.gaap:
            return entry
    return None


def _matching(
    release: Release, claim: Claim, found: dict[str, Presented], name: MeasureName
) -> Presented | None:
    """The table measure the claim speaks of: the same key; else the same metric and a basis
    in common; else the same metric and a cell of the very value the claim states."""
    if name.key in found:
        return found[name.key]
    same = [e for e in found.values() if e.name.metric == name.metric or e.name.gaap == name.gaap]
    for entry in same:
        if set(entry.name.basis) & set(name.basis):
            return entry
    for entry in same:
        cells = [*entry.cells]
        cells += [
            CellRef(t, r, j) for t, r in entry.rows for j in range(len(release.tables[t].columns))
        ]
        if any(_states(claim, release, ref) for ref in cells):
            return entry
    return None


def _states(claim: Claim, release: Release, ref: CellRef) -> bool:
    """Whether a cell prints the value the claim states, under both roundings."""
    cell = release.cell(ref)
    if cell is None or release.tables[ref.table].unit_of(ref.row, ref.column) is not claim.unit:
        return False
    return abs(cell.value - claim.value) <= (cell.precision + claim.precision) / 2


def presented(
    release: Release,
    said: Sequence[MeasureName | None] | None = None,
    columns: Callable[[int], list[BasisColumns]] | None = None,
) -> list[Presented]:
    """Every measure the release presents, in the order first presented (``said``: the
    release's ``claims_said``, when already asked; ``columns``: as ``in_tables`` takes)."""
    found = in_tables(release.tables, columns)
    in_prose(release, found, said)
    entries = [e for e in found.values() if e.rows or e.cells or e.claims]
    return sorted(entries, key=lambda e: min((s.line, s.start) for s in e.spans))
