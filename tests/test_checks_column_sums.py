"""``spec.column_sums``: the row relations of columns that add across (segments to their
total, quarters to their year), one per row that adds, a place per group of columns
that row prints in full; checked on every corpus table with such groups and on a table
written here with a blank segment figure."""

from __future__ import annotations

from pathlib import Path

from golden import manifest
from textdoc import release
from tieout.checks import crossfoot, quarters
from tieout.checks.spec import Place, Spec, column_sums
from tieout.model import CellRef, Column, RelationKind, RelationSource, Row, Table, Term
from tieout.pipeline import read


def _written_out(
    table: Table, groups: list[tuple[Column, list[Column]]], adds: object, name: str
) -> list[Spec]:
    """What ``column_sums`` says it gives, written out row by row and group by group."""
    n = len(groups[0][1])
    if any(len(columns) != n for _, columns in groups):
        return []
    specs = []
    for row in table.rows:
        if not row.has_figures or not adds(row):  # type: ignore[operator]
            continue
        places = []
        for total, columns in groups:
            if any(row.cells[c.index] is None for c in columns):
                continue
            items = tuple(CellRef(table.index, row.index, c.index) for c in columns)
            places.append(Place(total.label, CellRef(table.index, row.index, total.index), items))
        if places:
            term = Term(table.index, row.index, 1)
            specs.append(
                Spec(
                    RelationSource.LAYOUT,
                    f"{row.label}: {name}",
                    RelationKind.SUM,
                    term,
                    tuple(Term(table.index, row.index, 1) for _ in range(n)),
                    tuple(places),
                )
            )
    return specs


def test_column_sums_on_every_corpus_table_with_groups(corpus_dir: Path) -> None:
    """Every corpus table whose columns add across (segments, or quarters beside their
    year): the relations are those written out, equal and in the same order."""
    met = 0
    for name in manifest(corpus_dir):
        for table in read((corpus_dir / name).read_bytes(), name=name).tables:
            segments = crossfoot._groups(table)
            years = quarters._year_groups(table)
            cases: list[tuple[list[tuple[Column, list[Column]]], object]] = []
            if segments:
                cases.append(([(t, list(c)) for t, c in segments], crossfoot._adds))
            if years:
                groups = [(t, list(c)) for t, c in years]

                def flow(row: Row, groups: list[tuple[Column, list[Column]]] = groups) -> bool:
                    return quarters._flow(row, groups=groups)

                cases.append((groups, flow))
            for groups, adds in cases:
                made = column_sums(table, groups, adds, "x")  # type: ignore[arg-type]
                assert made == _written_out(table, groups, adds, "x"), (name, table.index)
                met += len(made)
    assert met >= 100  # (the corpus's segment and quarter tables: hundreds of rows)


def test_a_blank_segment_figure_leaves_that_period_untested() -> None:
    """Canada's 2003 figure blank in one row: that row is tested in 2004 alone, the
    others in both periods; every relation's items are its own row's, added."""
    text = """
                          (millions)
                     Domestic        Canada      Consolidated
                   2004    2003    2004   2003    2004    2003
Revenues          $7,673  $7,871  $1,027  $980   $8,700  $8,851
Cost of sales      5,536   5,703     746          6,282   6,402
Selling            1,776   2,031     288   268    2,064   2,299
Operating income     361     137      -7    13      354     150
"""
    table = release(text).tables[0]
    groups = [(t, list(c)) for t, c in crossfoot._groups(table)]
    specs = column_sums(table, groups, crossfoot._adds, "segments cross-foot")
    assert [s.name for s in specs] == [
        "Revenues: segments cross-foot",
        "Cost of sales: segments cross-foot",
        "Selling: segments cross-foot",
        "Operating income: segments cross-foot",
    ]
    assert [len(s.places) for s in specs] == [2, 1, 2, 2]
    assert specs[1].places[0].label == "Consolidated 2004"
    for spec in specs:
        row = spec.total.row
        assert spec.items == (Term(0, row, 1), Term(0, row, 1))
        for place in spec.places:
            assert {ref.row for ref in (place.total, *place.items)} == {row}
