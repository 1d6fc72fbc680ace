"""Relations accounting knows and the layout cannot show.

Gross profit = net sales - cost of sales; net income = pre-tax income - taxes; EBITDA =
net income + D&A + interest + taxes; operating income = revenue - total costs; total
liabilities and equity = total assets; and per segment, EBITDA = operating income + D&A.
Rows are found by concept, taxes may be printed with either sign, so the sign of such
items is searched like a layout sum's: at most two items of an identity may flip, so at
most four sign patterns are tried per identity and table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import product

from tieout.checks.entry import RelationCheck
from tieout.checks.reporting import describe_sum
from tieout.checks.spec import Spec, evaluate, holding_somewhere, same_table_places
from tieout.model import FindingCode, Relation, RelationKind, RelationSource, Row, Table, Term
from tieout.vocabulary import Concept, concept_of

# name, total concept, items as (concept, sign, sign may flip), strict: holds in every
# column or is dropped (identities that other items, such as other income, may break)
_IDENTITIES: tuple[tuple[str, Concept, tuple[tuple[Concept, int, bool], ...], bool], ...] = (
    (
        "gross profit = net sales - cost of sales",
        Concept.GrossProfit,
        ((Concept.Revenue, 1, False), (Concept.CostOfSales, -1, True)),
        False,
    ),
    (
        "net income = pre-tax income - income taxes",
        Concept.NetIncome,
        ((Concept.PretaxIncome, 1, False), (Concept.IncomeTax, -1, True)),
        False,
    ),
    (
        "operating income = revenue - total costs and expenses",
        Concept.OperatingIncome,
        ((Concept.Revenue, 1, False), (Concept.OperatingExpenses, -1, True)),
        False,
    ),
    (
        "EBITDA = net income + D&A + interest + taxes",
        Concept.EBITDA,
        (
            (Concept.NetIncome, 1, False),
            (Concept.DepreciationAmortization, 1, False),
            (Concept.InterestExpense, 1, True),
            (Concept.IncomeTax, 1, True),
        ),
        False,
    ),
    (
        "total liabilities and equity = total assets",
        Concept.LiabilitiesAndEquity,
        ((Concept.TotalAssets, 1, False),),
        False,
    ),
    (
        "EBITDA = operating income + D&A",
        Concept.EBITDA,
        ((Concept.OperatingIncome, 1, False), (Concept.DepreciationAmortization, 1, False)),
        True,
    ),
)


# enum members read once: a member read by attribute goes through its metaclass's
# ``__getattr__`` in Python 3.11 (about 0.4 us), in loops over rows and columns
_IDENTITY, _SUM = (
    RelationSource.IDENTITY, RelationKind.SUM
)  # fmt: skip


def _section_concepts(table: Table) -> dict[str, Concept | None]:
    """The concept each section head of the table names, read once per head (a table's
    rows share a few heads; reading the head per row was most of this check's time)."""
    return {s: concept_of(s) for s in {row.section for row in table.rows} if s is not None}


def _consolidated(table: Table, sections: Mapping[str, Concept | None]) -> dict[str, int]:
    """The first row of each concept that is not a segment's row."""
    found: dict[str, int] = {}
    for row in table.rows:
        if row.concept and row.has_figures and row.concept not in found:
            section = sections[row.section] if row.section is not None else None
            if row.section is None or section is None or section == row.concept:
                found[row.concept] = row.index
    return found


def _sums_by_total(existing: Sequence[Spec], wanted: set[Term]) -> dict[Term, list[frozenset[int]]]:
    """The rows each total of ``wanted`` is related to by the specs found so far (looked
    up per total: scanning every spec for every identity grew with the square of the
    tables; the few totals an identity may have are looked up, of thousands of specs)."""
    sums: dict[Term, list[frozenset[int]]] = {}
    rows = {t.row for t in wanted}  # (an int tells most specs apart before their term)
    for spec in existing:
        total = spec.total
        if total.row in rows and total in wanted:
            sums.setdefault(total, []).append(frozenset(t.row for t in spec.items))
    return sums


def _interrupted(table: Table, total: int, items: Sequence[int]) -> bool:
    """True when rows of figures lie between the last item and a total printed below it."""
    last = max(items)
    unit = table.rows[total].unit
    return any(
        table.rows[j].has_figures and table.rows[j].unit is unit for j in range(last + 1, total)
    )


def _holds_in_full(relation: Relation, items: int) -> bool:
    """True when it holds in a column that prints every item (a blank is no evidence)."""
    return any(ev.holds and len(ev.items) == items for ev in relation.evaluations)


def known_identities(tables: Sequence[Table], existing: Sequence[Spec] = ()) -> list[Spec]:
    """Identities among consolidated rows of each table, with the signs as printed."""
    specs: list[Spec] = []
    read = [(table, sections, _consolidated(table, sections))
            for table in tables for sections in (_section_concepts(table),)]  # fmt: skip
    wanted = {
        Term(table.index, rows[total], 1)
        for table, _, rows in read
        for _, total, _, _ in _IDENTITIES
        if total in rows
    }
    covered = _sums_by_total(existing, wanted) if wanted else {}
    for table, sections, rows in read:
        for name, total, items, strict in _IDENTITIES:
            if total not in rows:
                continue  # (most tables print few of the identities' totals)
            item_rows = [rows[c] for c, _, _ in items if c in rows]
            if len(item_rows) != len(items):
                continue  # an item not printed
            if len(set(item_rows)) != len(item_rows) or rows[total] in item_rows:
                continue
            term = Term(table.index, rows[total], 1)
            if frozenset(item_rows) in covered.get(term, ()):
                continue
            # rows printed between the items and the total (a cumulative effect of an
            # accounting change) may enter it: then only holding everywhere counts
            # (a balance sheet's two totals stand pages apart: nothing enters an equality)
            strict = strict or (len(item_rows) > 1 and _interrupted(table, rows[total], item_rows))
            places = same_table_places(tables, table.index, rows[total], item_rows)
            flips = [(s, -s) if flip else (s,) for _, s, flip in items]
            chosen: Spec | None = None
            for signs in product(*flips):
                spec = Spec(
                    _IDENTITY, name, _SUM, term,
                    tuple(Term(table.index, r, s) for r, s in zip(item_rows, signs, strict=True)), places,
                )  # fmt: skip
                rel = evaluate(spec, tables, {})
                if rel.holds:
                    chosen = spec
                    break
                if chosen is None and not strict and _holds_in_full(rel, len(item_rows)):
                    chosen = spec
            if chosen is not None:
                specs.append(chosen)
        specs.extend(holding_somewhere(_segment_ebitda(tables, table, sections), tables))
    return specs


# the members read once (an enum's member read by attribute goes through its
# metaclass's ``__getattr__`` in Python 3.11)
_EBITDA, _OPERATING_INCOME, _DA = (
    Concept.EBITDA, Concept.OperatingIncome, Concept.DepreciationAmortization
)  # fmt: skip


def _segment_rows(
    table: Table, sections: Mapping[str, Concept | None], concept: str
) -> dict[str, Row]:
    """Rows under a section head naming ``concept``, by their (segment) label."""
    return {
        row.label.lower(): row
        for row in table.rows
        if row.section
        and row.concept is None
        and sections[row.section] == concept
        and row.has_figures
    }


def _segment_ebitda(
    tables: Sequence[Table], table: Table, sections: Mapping[str, Concept | None]
) -> list[Spec]:
    """Segment EBITDA = segment operating income + segment D&A, segment by segment."""
    if _EBITDA not in sections.values():
        return []  # no section head names EBITDA (most tables): no row to read
    ebitda = _segment_rows(table, sections, _EBITDA)
    if not ebitda:
        return []
    income = _segment_rows(table, sections, _OPERATING_INCOME)
    da = _segment_rows(table, sections, _DA)
    specs = []
    for name, row in ebitda.items():
        if name in income and name in da:
            items = [income[name].index, da[name].index]
            specs.append(
                Spec(
                    _IDENTITY,
                    f"segment EBITDA = operating income + D&A ({row.label})",
                    _SUM,
                    Term(table.index, row.index, 1),
                    tuple(Term(table.index, r, 1) for r in items),
                    same_table_places(tables, table.index, row.index, items),
                )
            )
    return specs


CHECK: RelationCheck = RelationCheck(
    "known identities", _IDENTITY, FindingCode.IDENTITY_MISMATCH, known_identities,
    describe_sum,
)  # fmt: skip
