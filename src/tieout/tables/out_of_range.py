"""Figures of more digits than the checks compute with exactly: kept, reported, unchecked.

A figure of more than ``figures.MAX_DIGITS`` digits is no figure a release prints; it is
a typo, a fused column or hostile input. It stays in the release, exact, so every output
shows it as printed, but no check computes with it: a sum through it would be computed
with rounded digits, and a mismatch found that way would be no proof. The relations are
found on the tables as printed (its row is still an item of its total) and tested in the
columns it is not in; the prose and the non-GAAP stage see its cell as empty. Each one
is reported where it is printed.
"""

from __future__ import annotations

from collections.abc import Sequence

from tieout.figures import MAX_DIGITS
from tieout.model import (
    CellFlag,
    CellRef,
    Finding,
    FindingCode,
    Severity,
    Table,
    printed_cells,
)


def out_of_range(tables: Sequence[Table]) -> tuple[frozenset[CellRef], list[Finding]]:
    """Where the figures too long to compute with are, and a warning at each of them."""
    refs: set[CellRef] = set()
    findings: list[Finding] = []
    for ref, table, row, cell in printed_cells(tables, CellFlag.OUT_OF_RANGE):
        refs.add(ref)
        findings.append(
            Finding.at(
                cell,
                FindingCode.FIGURE_OUT_OF_RANGE,
                Severity.WARNING,
                f"{row.label} ({table.columns[ref.column].label}) is printed "
                f"`{cell.raw.strip()}`: more than {MAX_DIGITS} digits before the point, beyond "
                f"what the checks compute exactly; it is kept as printed and no relation "
                f"through it is checked",
            )
        )
    return frozenset(refs), findings
