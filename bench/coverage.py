"""Coverage of one checked release: figures extracted, totals found, totals verified.

A *total row* is a row with figures that its reader marks as a subtotal or total, or
that is the total of a sum relation (a layout sum or a known identity). It is *verified*
when some sum relation with that row as its total holds in every column it is tested
in. ``verified_share`` over the corpus is verified total rows / total rows: the share of
the totals a reader can trust because tieout showed they foot.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from tieout.model import Release, RowKind, Severity
from tieout.report.marks import Mark, cell_marks

_TOTAL_KINDS = (RowKind.SUBTOTAL, RowKind.TOTAL)


def coverage(release: Release) -> dict[str, Any]:
    """Counts for one release (JSON-ready)."""
    figures = [
        (t.index, r.index, c.column)
        for t in release.tables
        for r in t.rows
        for c in r.cells
        if c is not None
    ]
    marks = Counter(cell_marks(release).values())
    sums = [r for r in release.relations if r.kind == "sum"]
    totals = {
        (t.index, r.index)
        for t in release.tables
        for r in t.rows
        if r.has_figures and r.kind in _TOTAL_KINDS
    }
    totals |= {(r.total.table, r.total.row) for r in sums}
    verified = {(r.total.table, r.total.row) for r in sums if r.holds} & totals
    sources = Counter(r.source.value for r in release.relations)
    holding = Counter(r.source.value for r in release.relations if r.holds)
    return {
        "documents": len(release.documents),
        "formats": sorted({d.format for d in release.documents}),
        "tables": len(release.tables),
        "figures": len(figures),
        "figures_verified": marks[Mark.VERIFIED],
        "figures_failing": marks[Mark.FAILS],
        "figures_read": marks[Mark.READ],
        "total_rows": len(totals),
        "total_rows_verified": len(verified),
        "relations": dict(sorted(sources.items())),
        "relations_holding": dict(sorted(holding.items())),
        "claims": len(release.claims),
        "claims_tied": sum(1 for c in release.claims if c.tied_to),
        "infos": sum(1 for f in release.findings if f.severity is Severity.INFO),
    }
