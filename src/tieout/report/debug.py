"""The table finder's view of the source: what it took for rows, labels and columns.

``tieout check --debug-tables`` prints each table's source lines with a gutter naming
the row each line became (kind, level, unit) and a ruler under the columns it found,
so a misread table can be seen at a glance rather than inferred from its output.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from tieout.model import Release, Table

_KIND = {"header": "H", "item": "I", "subtotal": "S", "total": "T"}


def _ruler(table: Table, width: int) -> str:
    marks = [" "] * width
    for col in table.columns:
        for x in range(col.start, min(col.end, width)):
            marks[x] = "^"
    return "".join(marks).rstrip()


def render_debug(release: Release, console: Console) -> None:
    """Print every table's source lines under the finder's reading of them."""
    lines: dict[int, str] = {}
    for doc in release.documents:
        if doc.format != "text":
            continue
        for i, text in enumerate(doc.lines):
            lines[doc.source_line(i)] = text
    for table in release.tables:
        console.print(
            Text(f"── table {table.index + 1}: {table.title} (scale {table.scale})", style="bold")
        )
        for j, col in enumerate(table.columns):
            period = col.period
            what = f"{period.months}m to {period.end}" if period and period.end else "no period"
            flags = " ".join(
                x for x in (col.unit.value if col.unit else "", "change" if col.change else "") if x
            )
            console.print(
                Text(
                    f"   column {j + 1} [{col.start}:{col.end}] {col.label!r} -> {what} {flags}",
                    style="dim",
                )
            )
        by_line = {row.line: row for row in table.rows}
        width = max(
            (len(lines.get(n, "")) for n in range(table.first_line, table.last_line + 1)), default=0
        )
        for n in range(table.first_line, table.last_line + 1):
            if n not in lines:
                continue
            row = by_line.get(n)
            gutter = f"{_KIND[row.kind.value]}{row.level} {row.unit.value:<9}" if row else " " * 12
            console.print(Text(f"{n:>6} {gutter}| ", style="cyan"), Text(lines[n]), sep="")
        console.print(Text(f"{'':>6} {'':12}| {_ruler(table, width)}", style="yellow"))
