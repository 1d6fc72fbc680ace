"""A table printed at another scale: figures two tables share, a power of 1,000 apart.

A table printed "in thousands" where it means millions still foots on its own; the
figures it shares with other tables are what show it. A repeat (``repeats``) that holds
nowhere but differs by one power of 1,000 in every column is a relation of its own
(``RelationSource.SCALE``), judged as equality, so it fails everywhere; the failures of
one pair of tables are one finding, at the line that states the table's scale.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from tieout.checks.entry import RelationCheck
from tieout.checks.repeats import candidates
from tieout.checks.reporting import evidence
from tieout.checks.spec import Spec, evaluate
from tieout.model import (
    Finding,
    FindingCode,
    Relation,
    RelationSource,
    Release,
    Severity,
    Span,
    Table,
)

_SCALES = tuple(Decimal(10) ** k for k in (3, 6, 9, -3, -6, -9))


def _factor(relation: Relation) -> Decimal | None:
    """The one power of 1,000 by which the two prints differ in every column, if any."""
    found: set[Decimal] = set()
    for ev in relation.evaluations:
        if ev.holds or ev.expected == 0:
            return None
        hit = next(
            (
                f
                for f in _SCALES
                if abs(ev.actual - ev.expected * f) <= ev.tolerance * max(f, Decimal(1))
            ),
            None,
        )
        if hit is None:
            return None
        found.add(hit)
    return found.pop() if len(found) == 1 else None


def rescaled_repeats(tables: Sequence[Table], found: Sequence[Spec] = ()) -> list[Spec]:
    """Repeats that hold nowhere but differ by one power of 1,000 in every column."""
    specs = []
    for spec in candidates(tables):
        relation = evaluate(spec, tables, {})
        if relation.evaluations and _factor(relation) is not None:
            specs.append(replace(spec, source=RelationSource.SCALE))
    return specs


_SCALE_WORD = re.compile(r"thousand|million|billion|\(000\)|000'?s|\$\s*(?:m|mm|k|b|bn)\b", re.I)
_SCALE_NAMES = {3: "a thousand", 6: "a million", 9: "a billion"}


def _scale_line(release: Release, table: Table) -> int:
    """The line of the source that says the table's scale (its heading), else its first."""
    words = table.scale_text.strip()
    for doc in release.documents:
        lo = max(table.first_line - 30, doc.first_line)
        hi = min(table.last_line, doc.first_line + len(doc.lines) - 1)
        for line in range(lo, hi + 1):
            text = doc.lines[line - doc.first_line]
            if (words and words in text) or (not words and _SCALE_WORD.search(text)):
                return line
    return table.first_line


def scale_mismatches(release: Release, mine: Sequence[int]) -> list[Finding]:
    """Figures two tables share, off by one power of 1,000: one finding per pair of tables."""
    pairs: dict[tuple[int, int], list[Relation]] = {}
    for relation in (release.relations[i] for i in mine):
        if relation.evaluations:
            ev = relation.evaluations[0]
            pairs.setdefault((ev.total.table, ev.items[0].table), []).append(relation)
    findings = []
    for (a, b), shared in pairs.items():
        here, there = release.tables[a], release.tables[b]
        ev = shared[0].evaluations[0]
        power = round(math.log10(abs(ev.actual / ev.expected))) if ev.expected else 0
        factor = _SCALE_NAMES.get(abs(power), f"10^{abs(power)}")
        line, other = _scale_line(release, here), _scale_line(release, there)
        names = "; ".join(r.name for r in shared)
        spans: list[Span] = [Span(line, 0, 0), Span(other, 0, 0)]
        for relation in shared:
            for e in relation.evaluations:
                spans.extend(s for s in evidence(release, e) if s not in spans)
        findings.append(
            Finding(
                code=FindingCode.SCALE_MISMATCH,
                severity=Severity.ERROR,
                message=(
                    f"table {here.index + 1} ({here.scale_text or 'no scale printed'}) prints "
                    f"{len(shared)} figure(s) that table {there.index + 1} "
                    f"({there.scale_text or 'no scale printed'}) also prints, each "
                    f"{factor} times {'larger' if power > 0 else 'smaller'} in every column: "
                    f"one of the two scales is wrong [{names}]"
                ),
                line=line,
                evidence=tuple(spans),
                expected=ev.expected,
                actual=ev.actual,
                difference=ev.actual - ev.expected,
                tolerance=ev.tolerance,
            )
        )
    return findings


CHECK = RelationCheck(
    "rescaled repeats",
    RelationSource.SCALE,
    FindingCode.SCALE_MISMATCH,
    rescaled_repeats,
    report=scale_mismatches,
)
