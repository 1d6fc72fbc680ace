"""What a mutant may change in a checked release, and whether anything ties that figure.

A target is a figure tieout extracted from the clean release (a table cell, a prose
claim, or a table's scale word), located in the decoded source text by its span: a
cell's ``Span`` (1-based line, 0-based columns; ``offset`` is the character offset in
the file when the reader sets it, as HTML readers do). A target is *related* when the
clean release ties it to something: a cell that takes part in some relation's
evaluation or that a prose claim states; a claim tied to a cell. A mutant of an
unrelated figure cannot be caught by any check, and is counted apart.

Every mutant is planned here, from the clean release alone, with a seeded generator per
(release, kind, place): the same corpus and seed always give the same mutants.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from enum import StrEnum

from bench.mutate import (
    NUMBER,
    SCALE_WORD,
    Edit,
    change_digit,
    change_significant_digit,
    digits,
    drop_digit,
    flip_sign,
    line_of,
    line_starts,
    swap_scale_word,
    token_edit,
    transpose_digits,
)
from tieout.model import CellFlag, CellRef, Release, Span, Unit


class Kind(StrEnum):
    """The kinds of error injected, one per mutant."""

    DIGIT = "digit-changed"
    TRANSPOSE = "digits-transposed"
    DROP = "digit-dropped"
    SIGN = "sign-flipped"
    PROSE_FIGURE = "prose-figure-changed"
    PROSE_PERCENT = "prose-percent-changed"
    SCALE = "scale-word-changed"


CELL_KINDS = (Kind.DIGIT, Kind.TRANSPOSE, Kind.DROP, Kind.SIGN)


@dataclass(frozen=True, slots=True)
class Mutant:
    """One planned error: where, what it changes, and what a check should point at.

    ``lines`` are the source lines the error is on (the mutated figure's line; for a
    table's scale word the worker adds the lines of the figures the word scales).
    ``cell`` or ``claim`` names the clean release's record the mutant changes.
    """

    release: str
    kind: Kind
    edit: Edit
    original: str
    line: int
    related: bool
    what: str
    cell: CellRef | None = None
    claim: int | None = None
    table: int | None = None  # for a scale word: the table whose heading printed it


@dataclass(frozen=True, slots=True)
class Located:
    """A figure's place in the decoded source: character offsets and the line."""

    start: int
    end: int
    line: int


def locate(span: Span, starts: list[int], source: str, printed: str) -> Located | None:
    """The character range of a span, or None when the source there does not print ``printed``.

    A span that does not land on its figure's digits is a bug of the reader; the bench
    counts such figures (``span_mismatches``) rather than mutating the wrong text.
    """
    if span.offset is not None:
        start = span.offset
    elif 1 <= span.line <= len(starts):
        start = starts[span.line - 1] + span.start
    else:
        return None
    end = start + max(span.end - span.start, 0)
    if not digits(printed) or digits(source[start:end]) != digits(printed):
        return None
    return Located(start, end, line_of(starts, start))


def related_cells(release: Release) -> set[CellRef]:
    """Cells that some relation evaluates, or that a prose claim states."""
    refs: set[CellRef] = set()
    for relation in release.relations:
        for ev in relation.evaluations:
            refs.add(ev.total)
            refs.update(ev.items)
    for claim in release.claims:
        refs.update(claim.tied_to)
    return refs


@dataclass(frozen=True, slots=True)
class Plan:
    """The mutants of one release, and how many figures could not be located."""

    mutants: tuple[Mutant, ...]
    candidates: dict[str, dict[str, int]]  # kind -> {"related": n, "unrelated": n}
    span_mismatches: int
    span_mismatch_examples: tuple[str, ...]


def _rng(seed: int, *parts: object) -> random.Random:
    return random.Random("/".join(str(p) for p in (seed, *parts)))


def _cell_edit(kind: Kind, source: str, loc: Located, rng: random.Random) -> Edit | None:
    if kind is Kind.DIGIT:
        return token_edit(source, loc.start, loc.end, change_digit, rng, keep_width=True)
    if kind is Kind.TRANSPOSE:
        return token_edit(source, loc.start, loc.end, transpose_digits, rng, keep_width=True)
    if kind is Kind.DROP:
        return token_edit(source, loc.start, loc.end, drop_digit, rng, keep_width=True)
    return flip_sign(source, loc.start, loc.end)


def _candidates(
    release: Release, source: str, starts: list[int], seed: int
) -> tuple[list[Mutant], list[str]]:
    name = release.source.path
    related = related_cells(release)
    out: list[Mutant] = []
    missing: list[str] = []
    for table in release.tables:
        for row in table.rows:
            for cell in row.cells:
                if cell is None or CellFlag.DASH_ZERO in cell.flags:
                    continue
                loc = locate(cell.span, starts, source, cell.raw)
                if loc is None:
                    missing.append(
                        f"{name}:{cell.span.line}: cell {cell.raw.strip()!r} ({row.label})"
                    )
                    continue
                ref = CellRef(table.index, row.index, cell.column)
                column = (
                    table.columns[cell.column].label if cell.column < len(table.columns) else "?"
                )
                for kind in CELL_KINDS:
                    if kind is Kind.SIGN and CellFlag.STRAY_PARENTHESIS in cell.flags:
                        continue  # its sign is what the checks already argue about
                    edit = _cell_edit(kind, source, loc, _rng(seed, name, kind, loc.start))
                    if edit is None:
                        continue
                    original = source[edit.start : edit.end]
                    out.append(
                        Mutant(
                            name,
                            kind,
                            edit,
                            original,
                            line_of(starts, edit.start),
                            ref in related,
                            f"{row.label} [{column}] `{cell.raw.strip()}` -> "
                            f"`{_printed_after(cell.raw.strip(), original, edit, kind)}`",
                            cell=ref,
                        )
                    )
    for i, claim in enumerate(release.claims):
        loc = locate(claim.span, starts, source, claim.text)
        if loc is None:
            missing.append(f"{name}:{claim.span.line}: claim {claim.text!r}")
            continue
        kind = Kind.PROSE_PERCENT if claim.unit is Unit.PERCENT else Kind.PROSE_FIGURE
        edit = token_edit(
            source,
            loc.start,
            loc.end,
            change_significant_digit,
            _rng(seed, name, kind, loc.start),
            keep_width=False,
        )
        if edit is not None:
            original = source[edit.start : edit.end]
            out.append(
                Mutant(
                    name,
                    kind,
                    edit,
                    original,
                    line_of(starts, edit.start),
                    bool(claim.tied_to),
                    f"prose {claim.text!r} ({claim.subject}) `{original}` -> `{edit.text}`",
                    claim=i,
                )
            )
        word = SCALE_WORD.search(source, loc.start, loc.end + 12)
        if word is not None and NUMBER.search(source, loc.start, word.start()):
            new = swap_scale_word(word.group(0))
            if new is not None:
                out.append(
                    Mutant(
                        name,
                        Kind.SCALE,
                        Edit(word.start(), word.end(), new),
                        word.group(0),
                        line_of(starts, word.start()),
                        bool(claim.tied_to),
                        f"prose {claim.text!r} ({claim.subject}) `{word.group(0)}` -> `{new}`",
                        claim=i,
                    )
                )
    out.extend(_scale_words(release, source, starts))
    return out, missing


def _printed_after(raw: str, original: str, edit: Edit, kind: Kind) -> str:
    """The figure as the mutant prints it, for the report (without any markup between)."""
    if kind is not Kind.SIGN:
        return raw.replace(original.strip(), edit.text.strip(), 1)
    if "(" in raw:
        return raw.replace("(", "").replace(")", "").strip()
    if raw.startswith(("-", "—", "–")):
        return raw.lstrip("-—– ")
    return f"({raw})"


_SCALE_BASE = {1000: "thousand", 1000000: "million", 1000000000: "billion"}


def _scale_words(release: Release, source: str, starts: list[int]) -> list[Mutant]:
    """The scale word each table's heading prints (``(IN THOUSANDS)``), once per place.

    The word is the last one naming the table's scale between a few lines above the
    table (below the table before it) and its first figure (a heading may wrap, or sit in
    HTML markup); a table that inherits its scale from an earlier heading has none. Whether a scale word
    is related (some relation or claim ties a figure it scales to a figure it does not
    scale) is only known once the mutant shows which tables it rescales; the worker
    decides it.
    """
    out: list[Mutant] = []
    seen: set[int] = set()
    for table in release.tables:
        base = (
            _SCALE_BASE.get(int(table.scale)) if table.scale == table.scale.to_integral() else None
        )
        if base is None or not table.scale_text:
            continue
        cells = [
            loc.start
            for row in table.rows
            for cell in row.cells
            if cell is not None and (loc := locate(cell.span, starts, source, cell.raw)) is not None
        ]
        if not cells:
            continue
        above = [t.last_line for t in release.tables if t.last_line < table.first_line]
        first = max(table.first_line - 5, max(above, default=0) + 1)  # not the table above
        begin = starts[max(1, min(first, len(starts))) - 1]
        words = [
            m for m in SCALE_WORD.finditer(source, begin, min(cells)) if m.group(1).lower() == base
        ]
        if not words or words[-1].start() in seen:
            continue
        word = words[-1]
        seen.add(word.start())
        new = swap_scale_word(word.group(0))
        if new is not None:
            out.append(
                Mutant(
                    release.source.path,
                    Kind.SCALE,
                    Edit(word.start(), word.end(), new),
                    word.group(0),
                    line_of(starts, word.start()),
                    False,
                    f"table {table.index} {table.title[:40]!r} scale `{word.group(0)}` -> `{new}`",
                    table=table.index,
                )
            )
    return out


def plan(release: Release, source: str, seed: int, cap: int, cap_unrelated: int) -> Plan:
    """Up to ``cap`` related and ``cap_unrelated`` unrelated mutants per kind, sampled with a seed.

    Scale words are sampled in two groups: up to ``cap`` table headings (their
    relatedness is decided when they run) and, like other prose mutants, prose claims'
    scale words.
    """
    starts = line_starts(source)
    found, missing = _candidates(release, source, starts, seed)
    chosen: list[Mutant] = []
    counts: dict[str, dict[str, int]] = {}
    for kind in Kind:
        of_kind = [m for m in found if m.kind is kind]
        rng = _rng(seed, release.source.path, kind, "sample")
        headings = [m for m in of_kind if m.table is not None]
        of_kind = [m for m in of_kind if m.table is None]
        rel = [m for m in of_kind if m.related]
        unrel = [m for m in of_kind if not m.related]
        picked = (
            rng.sample(headings, min(cap, len(headings)))
            + rng.sample(rel, min(cap, len(rel)))
            + rng.sample(unrel, min(cap_unrelated, len(unrel)))
        )
        counts[kind.value] = {"related": len(rel), "unrelated": len(unrel)}
        if kind is Kind.SCALE:
            counts[kind.value]["table_headings"] = len(headings)
        chosen.extend(sorted(picked, key=lambda m: (m.edit.start, m.kind.value)))
    return Plan(tuple(chosen), counts, len(missing), tuple(missing[:5]))
