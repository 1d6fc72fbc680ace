"""Round 29's first-sight steps of the checks and the non-GAAP measures answer as before
(item 50d).

``repeats._Keys`` asks a label key whether it is specific (its words read) only where two
tables print it: the repeats proposed, the rows each two tables share and the tables each
shares rows with are, over every corpus release, those of the former keys (written out
here).

``presented.row_measure`` (and ``in_tables``) ask ``measure_name`` of a row only where its
label or its section head holds a word some basis needs (``may_name_basis``): over every
row of every corpus release, and over generated labels of basis words, footnote marks and
GAAP words, the answer is ``measure_name``'s.
"""

from __future__ import annotations

import importlib
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from tieout.checks import repeats
from tieout.model import Row, RowKind, Span, Table, Unit
from tieout.nongaap.presented import Presented, in_tables, row_measure
from tieout.vocabulary.measures import measure_name


def test_a_rows_measure_is_measure_name_on_every_corpus_row(
    corpus_tables: list[tuple[str, list[Table]]],
) -> None:
    named = 0
    for name, tables in corpus_tables:
        for table in tables:
            for row in table.rows:
                want = measure_name(row.label, row.section or "")
                assert row_measure(row) == want, (name, table.index, row.index, row.label)
                named += want is not None
    assert named > 50  # the corpus names measures


_WORDS = [
    "Adjusted", "adjusted", "Non-GAAP", "non-gaap", "(non-GAAP)", "GAAP", "As Reported",
    "EBITDA", "Core", "Underlying", "excluding", "Excluding special items", "Free cash flow",
    "Organic", "constant currency", "Pro forma", "Tangible", "pre-provision", "Net income",
    "EPS", "per share", "Diluted", "(1)", "(a)", "*", "**", "-", ":", ",", "Total",
    "revenue", "Operating", "margin", "Three Months Ended March 31, 2022", "Segment",
    "Sales", "Rubber Group", "Less: Notable items", "", " ", "  ",
]  # fmt: skip
_TEXT = st.lists(st.sampled_from(_WORDS), max_size=6).map(" ".join)


def _row(label: str, section: str | None) -> Row:
    return Row(
        index=0,
        label=label,
        level=0,
        kind=RowKind.ITEM,
        unit=Unit.USD,
        cells=(),
        line=1,
        label_span=Span(1, 0, len(label)),
        section=section,
    )


@settings(max_examples=400, deadline=None)
@given(_TEXT, st.one_of(st.none(), _TEXT))
def test_a_rows_measure_is_measure_name_on_generated_labels(
    label: str, section: str | None
) -> None:
    assert row_measure(_row(label, section)) == measure_name(label, section or "")


def test_the_tables_present_the_measures_they_did_on_every_corpus_release(
    corpus_tables: list[tuple[str, list[Table]]],
) -> None:
    """``in_tables`` against its former loop, written out here: every row asked
    ``measure_name`` and ``bases_of`` (the same entries, rows, cells and spans)."""
    p = importlib.import_module("tieout.nongaap.presented")  # (the package's name is a function)

    def former(tables: list[Table]) -> dict[str, Presented]:
        found: dict[str, Presented] = {}
        for table in tables:
            if p._CONTENTS.search(table.title or "") or p.adjustments_table(table.title or ""):
                continue
            shown = {c.non_gaap for c in p.basis_columns(table)}
            for row in table.rows:
                if not row.has_figures or row.kind is RowKind.HEADER:
                    continue
                own = measure_name(row.label, row.section or "")
                if own is not None:
                    if row.unit is Unit.USD_PER_SHARE:
                        own = own.per_share()
                    label = row.label
                    if measure_name(row.label) is None and row.section:
                        named = p.metric_of(p.clean_label(row.label))
                        section = p.clean_label(row.section)
                        label = f"{p.clean_label(row.label)} ({section})" if named else section
                    entry = p._gather(found, own, label)
                    entry.rows.append((table.index, row.index))
                    entry.spans.append(row.label_span)
                    continue
                if (
                    p.bases_of(row.label)
                    and p.period_label(row.label)
                    and not p.names_gaap(row.label)
                ):
                    p._crossings(found, table, row.index)
                    continue
                if not shown or row.unit is Unit.SHARES or p.names_gaap(row.label):
                    continue
                for j in shown:
                    p._column_cell(found, table, row.index, j)
        return found

    for name, tables in corpus_tables:
        assert in_tables(tables) == former(tables), name


def _former_keys(tables: list[Table]) -> Any:
    """``repeats._Keys`` as it was before round 29: every label key asked ``_specific``
    and kept, those printed in one table only too."""
    keys = repeats._Keys(tables)
    names = repeats._segment_names(tables)
    keys.keyed = []
    keys.once = {}
    specific: dict[str, bool] = {}
    for table in tables:
        segments = repeats._segment_sections(table)
        labels: dict[int, str] = {}
        recurring = repeats._recurring_labels(table, labels)
        heads: dict[str | None, str] = {}
        found: dict[Any, Row | None] = {}
        for row in table.rows:
            key = repeats._Keys._key(row, segments, recurring, names, labels, heads)
            if key is not None and key[0] == "label":
                if key[1] not in specific:
                    specific[key[1]] = repeats._specific(key[1], names)
                if not specific[key[1]]:
                    key = None
            if key is not None:
                keys.keyed.append((table, row, key))
                found[key] = None if key in found else row
        keys.once[table.index] = {k: r for k, r in found.items() if r is not None}
    return keys


def _ids(pairs: list[tuple[Row, Row]]) -> set[tuple[int, int]]:
    return {(id(x), id(y)) for x, y in pairs}


def test_the_rows_keys_pair_as_before_on_every_corpus_release(
    corpus_tables: list[tuple[str, list[Table]]],
) -> None:
    """A label key printed in one table only is not asked whether it is specific, nor
    kept: the repeats proposed, the rows every two tables share and the tables each
    shares rows with are those of the keys as they were."""
    dropped = 0
    for name, tables in corpus_tables:
        new, old = repeats._Keys(tables), _former_keys(tables)
        dropped += len(old.keyed) - len(new.keyed)
        for by_label in (False, True):
            assert repr(repeats._candidates(tables, new, by_label)) == repr(
                repeats._candidates(tables, old, by_label)
            ), name
        for a in tables:
            assert new.sharing_with(tables, a) == old.sharing_with(tables, a), name
            for b in tables:  # (two tables: ``shared`` is never asked of a table with itself)
                if b is not a:
                    assert _ids(new.shared(a, b)) == _ids(old.shared(a, b)), name
    assert dropped > 100  # the corpus prints many labels in one table only
