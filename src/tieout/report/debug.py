"""The readers' view of each table and what the assembler made of it, for every format.

``tieout check --debug-tables`` prints, per table, what the reader saw (the texts that
may title and scale it, the header texts over each column and their extent, each row's
indent, rules, label and figures by column) beside what the assembler decided (scale,
each column's period and unit, each row's kind, level and unit), so a misread table can
be seen at a glance rather than inferred from its output. Text and HTML releases are
shown alike: both readers give the same drafts.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.text import Text

from tieout.model import Rule, Table
from tieout.tables.drafts import RowDraft, TableDraft

_KIND = {"header": "H", "item": "I", "subtotal": "S", "total": "T"}
_RULE = {Rule.SINGLE: "-" * 12, Rule.DOUBLE: "=" * 12}


def _figures(row: RowDraft, columns: int) -> str:
    cells = [""] * columns
    for f in row.figures:
        if 0 <= f.column < columns and not cells[f.column]:
            cells[f.column] = f.raw.strip()
    return "  ".join(f"{c:>14}" for c in cells)


def _table(draft: TableDraft, table: Table | None, number: str, console: Console) -> None:
    scale = f"scale {table.scale} from {table.scale_text!r}" if table else "no table made"
    title = table.title if table else " / ".join(t.text for t in draft.title)
    console.print(Text(f"── table {number}: {title} ({scale}) [{draft.format}]", style="bold"))
    for j, col in enumerate(draft.columns):
        what = "?"
        if table is not None:
            column = table.columns[j]
            period = column.period
            what = f"{period.months}m to {period.end}" if period and period.end else "no period"
            flags = [column.unit.value if column.unit else "", "change" if column.change else ""]
            what = " ".join(x for x in (what, *flags) if x)
        label = " ".join(col.texts)
        console.print(Text(f"   column {j + 1} [{col.start}:{col.end}] {label!r} -> {what}", "dim"))
    for k, row in enumerate(draft.rows):
        if row.rule_above in _RULE:
            console.print(Text(f"{'':>6} {'':12}| {_RULE[row.rule_above]}", style="yellow"))
        made = table.rows[k] if table is not None and k < len(table.rows) else None
        gutter = f"{_KIND[made.kind.value]}{made.level} {made.unit.value:<9}" if made else " " * 12
        indent = f"{row.indent:g}"
        body = f"{indent:>5} {'B' if row.bold else ' '} {row.label[:60]:<60} "
        console.print(
            Text(f"{row.line:>6} {gutter}| ", style="cyan"),
            Text(body + _figures(row, len(draft.columns))),
            sep="",
        )


def render_debug(pairs: Sequence[tuple[TableDraft, Table | None]], console: Console) -> None:
    """Print every table draft under the assembler's reading of it."""
    for draft, table in pairs:
        _table(draft, table, str(table.index + 1) if table else "-", console)
