"""A truncated input: what its readers found that the cut may have spoilt, and the warning.

A file shows it was cut short when a submission's last document has no ``</DOCUMENT>``
(or ``</SEC-DOCUMENT>`` never comes), or an HTML release ends inside a table
(``tieout.sources``). Then, for the document the file ends
in:

- the last thing read (a table or a paragraph, whichever ends last) is dropped: the cut
  fell in it, or after it with nothing whole in between; when it is a paragraph, the last
  table goes with it unless another paragraph lies between them (the cut-off rows of a
  text table, after a blank line, read as prose, leave no whole paragraph after the
  table they belong to);
- figures of the prose are not judged against the tables: a release's prose speaks of
  tables that may lie in the part that is missing (a segment's, say), so a figure that
  does not tie with what was read is not evidence of an error; such claims are left
  untied (info, ``claim-untied``), not contradictions (``claim-mismatch``).

Everything else is read and checked as usual, and one ``truncated-input`` warning says
what the file shows and what was left out.
"""

from __future__ import annotations

from collections.abc import Sequence

from tieout.model import (
    Claim,
    ClaimStatus,
    Document,
    Finding,
    FindingCode,
    Paragraph,
    Release,
    Severity,
    Source,
    Table,
    claim_with,
    release_with,
)

CODE = FindingCode.TRUNCATED_INPUT


def _lines(paragraph: Paragraph) -> tuple[int, int]:
    lines = [span.line for _, span in paragraph.pieces]
    return min(lines), max(lines)


def _table_end(table: Table) -> tuple[int, int]:
    """Where a table's last text lies: (line, column), from its cells and labels."""
    spans = [c.span for r in table.rows for c in r.cells if c is not None]
    spans += [r.label_span for r in table.rows]
    return max(((s.line, s.end) for s in spans), default=(table.last_line, 0))


def _paragraph_end(paragraph: Paragraph) -> tuple[int, int]:
    return max((s.line, s.start) for _, s in paragraph.pieces)


def cut_off(
    doc: Document, tables: list[Table], paragraphs: list[Paragraph]
) -> tuple[list[Table], list[Paragraph], list[str]]:
    """The tables and paragraphs (of every document) kept when ``doc`` is the one the
    file ends in, and what was dropped, in words (see the module docstring).

    The readers give a document's tables and paragraphs in reading order: the last of
    each is the last in its list, and only the last table can go, so tables stay
    numbered without a gap.
    """
    first_line, last_line = doc.first_line, doc.last_line

    def inside(first: int, last: int) -> bool:
        return first_line <= first and last <= last_line

    mine = [p for p in paragraphs if inside(*_lines(p))]
    last_table = (
        tables[-1] if tables and inside(tables[-1].first_line, tables[-1].last_line) else None
    )
    last_para = mine[-1] if mine else None
    drop_table = drop_para = False
    if last_para is not None and (
        last_table is None or _paragraph_end(last_para) > _table_end(last_table)
    ):
        drop_para = True
        drop_table = last_table is not None and not any(
            _paragraph_end(p) > _table_end(last_table) for p in mine[:-1]
        )
    elif last_table is not None:
        drop_table = True
    dropped: list[str] = []
    if drop_para and last_para is not None:
        first, last = _lines(last_para)
        paragraphs = [p for p in paragraphs if p is not last_para]
        dropped.append(f"its last paragraph (lines {first}-{last})")
    if drop_table and last_table is not None:
        tables = tables[:-1]
        title = f' "{last_table.title}"' if last_table.title else ""
        dropped.append(
            f"its last table{title} (lines {last_table.first_line}-{last_table.last_line})"
        )
    return tables, paragraphs, dropped


def unjudged(release: Release) -> tuple[Release, int]:
    """The release with every contradicting claim left untied, its ``claim-mismatch``
    error replaced by a ``claim-untied`` note; and how many claims were."""
    claims: list[Claim] = []
    notes: list[Finding] = []
    for claim in release.claims:
        if claim.status is ClaimStatus.CONTRADICTS:
            claim = claim_with(claim, status=ClaimStatus.UNTIED, tied_to=(), expected=None)
            notes.append(
                Finding(
                    code=FindingCode.CLAIM_UNTIED,
                    severity=Severity.INFO,
                    message=(
                        f'"{claim.text}" ({claim.subject or claim.concept or "no subject"}): not '
                        "judged, as the file is cut short and the table it speaks of may be "
                        "in the part that is missing"
                    ),
                    line=claim.span.line,
                    evidence=(claim.span,),
                    actual=claim.value,
                )
            )
        claims.append(claim)
    kept = [f for f in release.findings if f.code != "claim-mismatch"]
    findings = Finding.in_order([*kept, *notes])
    return release_with(release, claims=tuple(claims), findings=findings), len(notes)


def warning(source: Source, doc: Document | None, dropped: Sequence[str], unjudged: int) -> Finding:
    """The ``truncated-input`` finding: what the file shows, what was left out."""
    where = doc.exhibit or doc.filename or "the release" if doc is not None else None
    parts = [f"the file is cut short: {source.truncated or 'it ends early'}"]
    if doc is None:
        parts.append("the release's documents end before the cut and are read whole")
    else:
        if dropped:
            parts.append(
                f"{' and '.join(dropped)} of {where} not read, the cut falling in or after it"
            )
        parts.append(
            "figures of the prose are not judged against the tables, which may be in the "
            f"missing part ({unjudged} that did not tie left untied)"
        )
    line = doc.last_line if doc is not None else 1
    return Finding(code=CODE, severity=Severity.WARNING, message="; ".join(parts), line=line)
