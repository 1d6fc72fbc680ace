"""The tie-out workpaper: one self-contained HTML page of one or more checked releases.

The page shows each release as printed (``source.py``) with a tick on every figure, a
legend, traffic-light counts, and a findings panel (errors, then warnings, info folded)
whose entries link to their figure and show the arithmetic, the source excerpt and the
evidence. A click on a figure opens its panel; keys step through the findings; the
reviewer accepts or dismisses findings and ticks figures with comments (``review.py``).

Nothing from a filing is trusted: text is escaped, filing markup is cleaned to an
allow-list, and the page's data travels as JSON in a data block (``<`` escaped). The
page's own script is inline and allowed by its hash in a strict content policy, which
lets the page load nothing and connect nowhere (but back to ``tieout serve``, when it
is served from there).
"""

from __future__ import annotations

import base64
import hashlib
import json
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from html import escape
from importlib.resources import files
from typing import Any

from tieout.model import (
    CellRef,
    Claim,
    Document,
    Finding,
    Release,
    Severity,
    Table,
    printed_cells,
)
from tieout.report.arithmetic import Arithmetic, touching
from tieout.report.keys import Keys, release_keys
from tieout.report.marks import (
    TICK_LEGEND,
    TICK_SYMBOLS,
    FigureTick,
    Tick,
    claim_tick,
    figure_ticks,
)
from tieout.report.review import Applied, Entry, Review, apply
from tieout.report.serialise import number, summary
from tieout.report.source import Spot, html_document, text_document
from tieout.report.terminal import source_line

_SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)
_MAX_ARITHMETIC = 12


@cache
def _asset(name: str) -> str:
    return (files("tieout.report") / "assets" / name).read_text(encoding="utf-8")


def _hash(text: str) -> str:
    return base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")


def content_policy(script: str, *, connect: bool = False) -> str:
    """The page's content policy: nothing loaded, the one script by its hash."""
    connect_src = "'self'" if connect else "'none'"
    return (
        f"default-src 'none'; script-src 'sha256-{_hash(script)}'; "
        f"style-src 'unsafe-inline'; connect-src {connect_src}; img-src 'none'; "
        "base-uri 'none'; form-action 'none'"
    )


@dataclass(frozen=True, slots=True)
class Extras:
    """What a page may add to a release: its review and the changes since a draft."""

    review: Review | None = None
    diff: Any = None  # a drafts.Diff, shown as a section and marked on changed figures


def _period(table: Table, column: int) -> str:
    col = table.columns[column]
    period = col.period
    if period is None or not period.known:
        return col.label
    what = "at" if period.instant else (f"{period.months} months to" if period.months else "to")
    return f"{what} {period.end}" + (f" · {col.segment}" if col.segment else "")


def _scale_words(table: Table, precision: Decimal) -> str:
    if table.scale == 1 or precision < table.scale:
        return ""
    words = {1000: "in thousands", 1000000: "in millions", 1000000000: "in billions"}
    return words.get(int(table.scale), f"in units of {table.scale:,}")


def _title(tick: FigureTick) -> str:
    """A mark's tooltip: its tick's symbol and how it was ticked."""
    return f"{TICK_SYMBOLS[tick.tick]} {'; '.join(tick.how) or tick.tick.value}"


def _arith(items: Sequence[Arithmetic]) -> list[list[Any]]:
    ordered = sorted(items, key=lambda a: a.holds)[:_MAX_ARITHMETIC]
    return [[a.name, a.column, a.text, a.holds, a.difference, a.tolerance] for a in ordered]


class _Release:
    """One release laid out for the page: ids, ticks, data and the findings panel."""

    def __init__(self, release: Release, index: int, extras: Extras) -> None:
        self.release = release
        self.prefix = f"r{index}"
        self.extras = extras
        self.keys: Keys = release_keys(release)
        self.ticks = figure_ticks(release)
        self.applied: Applied = apply(release, extras.review or Review(), self.keys)
        self.arith = touching(release)
        self.changed: set[str] = set()
        self.by_span: dict[tuple[int, int], str] = {}
        for ref in self.keys.figures:
            cell = release.cell(ref)
            if cell is not None:
                self.by_span.setdefault((cell.span.line, cell.span.start), self.cell_id(ref))
        for i, claim in enumerate(release.claims):
            self.by_span.setdefault((claim.span.line, claim.span.start), self.claim_id(i))
        if extras.diff is not None:
            self.changed = {c.key for c in extras.diff.changed}

    def cell_id(self, ref: CellRef) -> str:
        return f"{self.prefix}c{ref.table}-{ref.row}-{ref.column}"

    def claim_id(self, index: int) -> str:
        return f"{self.prefix}p{index}"

    def tick(self, ref: CellRef) -> FigureTick:
        return self.ticks.get(ref, FigureTick(Tick.UNCHECKED))

    def anchor_id(self, anchor: CellRef | int | None) -> str | None:
        if isinstance(anchor, CellRef):
            return self.cell_id(anchor)
        if isinstance(anchor, int):
            return self.claim_id(anchor)
        return None

    def finding_severity(self) -> dict[str, Severity]:
        """The gravest finding anchored at each figure."""
        out: dict[str, Severity] = {}
        for finding, anchor in zip(self.release.findings, self.keys.anchors, strict=True):
            fid = self.anchor_id(anchor)
            if fid is not None and (fid not in out or finding.severity.rank < out[fid].rank):
                out[fid] = finding.severity
        return out

    # ---- figures -----------------------------------------------------------------

    def spots(self) -> list[Spot]:
        release = self.release
        severity = self.finding_severity()
        ticked = self.applied.figures
        spots = []
        for ref, _, _, cell in printed_cells(release.tables):
            fid = self.cell_id(ref)
            tick = self.tick(ref)
            classes = self._classes(fid, tick, severity, self.keys.figures[ref], ticked)
            span = cell.span
            spots.append(
                Spot(span.line, span.start, span.end, cell.raw, fid, classes, _title(tick))
            )
        for i, claim in enumerate(release.claims):
            fid = self.claim_id(i)
            tick = claim_tick(release, claim)
            classes = self._classes(fid, tick, severity, self.keys.claims[i], ticked) + " claim"
            end = claim.span.end
            text = claim.text if end - claim.span.start >= len(claim.text) else ""
            spots.append(
                Spot(
                    claim.span.line,
                    claim.span.start,
                    end,
                    text or "x" * (end - claim.span.start),
                    fid,
                    classes,
                    _title(tick),
                )
            )
        return spots

    def _classes(
        self,
        fid: str,
        tick: FigureTick,
        severity: Mapping[str, Severity],
        key: str,
        ticked: Mapping[str, Entry],
    ) -> str:
        classes = ["fig", f"t-{tick.tick.value}"]
        if fid in severity:
            classes.append(f"sev-{severity[fid].value}")
        if key in ticked:
            classes.append("ticked")
        if key in self.changed:
            classes.append("changed")
        return " ".join(classes)

    def figure_data(self) -> dict[str, Any]:
        """What a figure's panel shows, by element id."""
        release = self.release
        claims_of: dict[CellRef, list[int]] = defaultdict(list)
        for i, claim in enumerate(release.claims):
            for ref in claim.tied_to:
                claims_of[ref].append(i)
        findings_of: dict[str, list[int]] = defaultdict(list)
        for k, anchor in enumerate(self.keys.anchors):
            fid = self.anchor_id(anchor)
            if fid is not None:
                findings_of[fid].append(k)
        out: dict[str, Any] = {}
        for ref, table, row, cell in printed_cells(release.tables):
            j = ref.column
            fid = self.cell_id(ref)
            tick = self.tick(ref)
            label = f"{row.section}: {row.label}" if row.section else row.label
            out[fid] = {
                "key": self.keys.figures[ref],
                "label": label,
                "table": f"Table {table.index + 1}: {table.title or '(untitled)'}",
                "t": table.index,
                "column": table.columns[j].label,
                "period": _period(table, j),
                "unit": table.unit_of(row.index, j).value,
                "concept": row.concept,
                "raw": cell.raw.strip(),
                "value": number(cell.value),
                "scaled": _scale_words(table, cell.precision),
                "readings": [number(r) for r in cell.readings] if cell.ambiguous else None,
                "line": cell.span.line,
                "tick": tick.tick.value,
                "how": list(tick.how),
                "arith": _arith(self.arith.get(ref, ())),
                "claims": [
                    [
                        release.claims[i].text,
                        release.claims[i].span.line,
                        release.claims[i].status.value,
                        self.claim_id(i),
                    ]
                    for i in claims_of.get(ref, ())
                ],
                "findings": findings_of.get(fid, []),
            }
        for i, claim in enumerate(release.claims):
            fid = self.claim_id(i)
            out[fid] = self._claim_data(claim, i, findings_of.get(fid, []))
        return out

    def _claim_data(self, claim: Claim, index: int, findings: list[int]) -> dict[str, Any]:
        tick = claim_tick(self.release, claim)
        tied = [self.cell_id(r) for r in claim.tied_to]
        return {
            "key": self.keys.claims[index],
            "label": claim.subject or "(prose)",
            "table": "the prose",
            "t": -1,
            "column": "",
            "period": claim.period_text or "the release's own period",
            "unit": claim.unit.value,
            "concept": claim.concept,
            "raw": claim.text,
            "value": number(claim.value),
            "readings": None,
            "line": claim.span.line,
            "tick": tick.tick.value,
            "how": list(tick.how),
            "sentence": claim.sentence,
            "status": claim.status.value,
            "expected": number(claim.expected),
            "tied": tied,
            "arith": [],
            "claims": [],
            "findings": findings,
        }

    # ---- findings ----------------------------------------------------------------

    def _evidence(self, finding: Finding) -> str:
        links = []
        for span in finding.evidence:
            fid = self.by_span.get((span.line, span.start))
            if fid is not None:
                links.append(
                    f'<a class="ev" href="#{fid}" data-target="{fid}">line {span.line}</a>'
                )
            else:
                links.append(f"line {span.line}")
        return " · ".join(dict.fromkeys(links))

    def _table_of(self, anchor: CellRef | int | None) -> str:
        if isinstance(anchor, CellRef):
            return str(anchor.table)
        return "prose" if isinstance(anchor, int) else ""

    def _line_id(self, line: int) -> str | None:
        """The numbered line of a text document, for a finding at no figure."""
        for doc in self.release.documents:
            if doc.format != "html" and doc.first_line <= line <= doc.last_line:
                return f"{self.prefix}L{line}"
        return None

    def finding_item(self, k: int, finding: Finding, entry: Entry | None) -> str:
        anchor = self.keys.anchors[k]
        fid = self.anchor_id(anchor) or self._line_id(finding.line)
        col = next((e.start for e in finding.evidence if e.line == finding.line), None)
        excerpt = source_line(self.release, finding.line, col)
        go = (
            f'<a class="go" href="#{fid}" data-target="{fid}">line {finding.line}</a>'
            if fid
            else f"line {finding.line}"
        )
        parts = [
            f'<div class="fhead"><span class="sev">{finding.severity.value}</span> '
            f"<code>{escape(finding.code)}</code> {go}"
            '<span class="rstate"></span></div>',
            f'<div class="msg">{escape(finding.message)}</div>',
        ]
        if isinstance(anchor, int):
            claim = self.release.claims[anchor]
            at = claim.sentence.find(claim.text)
            if at >= 0:
                sentence = (
                    escape(claim.sentence[:at])
                    + f"<mark>{escape(claim.text)}</mark>"
                    + escape(claim.sentence[at + len(claim.text) :])
                )
            else:
                sentence = escape(claim.sentence)
            parts.append(f'<blockquote class="sentence">{sentence}</blockquote>')
        elif excerpt:
            parts.append(f'<div class="excerpt"><code>{escape(excerpt)}</code></div>')
        if isinstance(anchor, CellRef):
            rows = _arith(self.arith.get(anchor, ()))
            if rows:
                parts.append(
                    '<ul class="arith">'
                    + "".join(
                        f'<li class="{"holds" if holds else "failsum"}">'
                        f"{'✓' if holds else '✗'} {escape(name)} ({escape(column)}): "
                        f"<code>{escape(text)}</code></li>"
                        for name, column, text, holds, _, _ in rows
                    )
                    + "</ul>"
                )
        evidence = self._evidence(finding)
        if evidence:
            parts.append(f'<div class="evidence">evidence: {evidence}</div>')
        if finding.suggestion:
            parts.append(f'<div class="sugg">suggestion: {escape(finding.suggestion)}</div>')
        status = entry.status.value if entry else ""
        comment = escape(entry.comment) if entry else ""
        parts.append(
            '<div class="review">'
            '<button type="button" data-act="accepted">Accept</button>'
            '<button type="button" data-act="dismissed">Dismiss</button>'
            '<button type="button" data-act="">Reopen</button>'
            f'<input class="comment" type="text" placeholder="comment" value="{comment}"></div>'
        )
        classes = f"finding sev-{finding.severity.value}" + (f" st-{status}" if status else "")
        return (
            f'<li class="{classes}" id="{self.prefix}F{k}" data-k="{k}" '
            f'data-sev="{finding.severity.value}" data-table="{self._table_of(anchor)}" '
            f'data-target="{fid or ""}" data-code="{escape(finding.code)}">'
            + "".join(parts)
            + "</li>"
        )

    def findings_panel(self) -> str:
        release = self.release
        items: dict[Severity, list[tuple[int, Finding]]] = defaultdict(list)
        for k, finding in enumerate(release.findings):
            items[finding.severity].append((k, finding))
        out = []
        for severity in _SEVERITIES:
            group = sorted(items.get(severity, []), key=lambda kf: kf[1].line)
            if not group:
                continue
            if severity is Severity.INFO:
                codes = Counter(f.code for _, f in group)
                what = ", ".join(f"{n} {code}" for code, n in codes.most_common())
                out.append(
                    f'<details class="group info"><summary>info: {len(group)} ({escape(what)})'
                    f'</summary><ol class="findings">'
                    + "".join(self.finding_item(k, f, self.applied.findings[k]) for k, f in group)
                    + "</ol></details>"
                )
            else:
                out.append(
                    f'<div class="group {severity.value}"><h3>{severity.value}s: {len(group)}</h3>'
                    '<ol class="findings">'
                    + "".join(self.finding_item(k, f, self.applied.findings[k]) for k, f in group)
                    + "</ol></div>"
                )
        if not out:
            out.append('<p class="none">No findings: everything checked ties.</p>')
        out.append(self.non_gaap())
        return "".join(out)

    def non_gaap(self) -> str:
        """The non-GAAP measures, each with its status and how it was judged (folded)."""
        measures = self.release.non_gaap
        if not measures:
            return ""
        items = "".join(
            f'<li class="ng-{m.status.value}"><b>{escape(m.name)}</b> '
            f'<span class="ngbasis">{escape("/".join(m.basis))}</span> '
            f'<span class="ngstatus">{escape(m.status.value)}</span>'
            f'<span class="ngnote">{escape(m.note)}; lines '
            f"{escape(', '.join(str(n) for n in sorted({s.line for s in m.evidence})[:8]))}"
            "</span></li>"
            for m in measures
        )
        counts = Counter(m.status.value for m in measures)
        what = ", ".join(f"{n} {status}" for status, n in counts.most_common())
        return (
            f'<details class="group nongaap"><summary>non-GAAP measures: {len(measures)} '
            f'({escape(what)})</summary><ul class="measures">{items}</ul></details>'
        )

    # ---- the whole release -------------------------------------------------------

    def lights(self) -> str:
        counts = summary(self.release)
        tick_counts = Counter(self.tick(ref).tick for ref in self.keys.figures)
        sev = (
            f'<span class="light error" title="errors">{counts["errors"]} errors</span>'
            f'<span class="light warning" title="warnings">{counts["warnings"]} warnings</span>'
            f'<span class="light info" title="info">{counts["infos"]} info</span>'
        )
        ticks = "".join(
            f'<span class="tcount tc-{t.value}">{TICK_SYMBOLS[t]} {tick_counts.get(t, 0)} '
            f"{t.value}</span>"
            for t in Tick
        )
        return (
            f'<div class="lights">{sev}<span class="rcount"></span></div>'
            f'<div class="tcounts">{counts["figures"]} figures in {counts["tables"]} tables: '
            f"{ticks} · {counts['relations']} relations ({counts['relations_holding']} hold, "
            f"{counts['relations_failing']} fail) · {counts['claims']} figures in the prose</div>"
        )

    def _laid_out(self, doc: Document, spots: Sequence[Spot]) -> str:
        """An HTML document as the filer laid it out; its source text, with a note saying
        why, where drawing it fails (a bug of ours must not lose the page)."""
        try:
            return html_document(doc, spots)
        except Exception as error:
            note = (
                f'<p class="note">This document is shown as its source text: drawing it as '
                f"laid out failed (internal error {escape(type(error).__name__)}: "
                f"{escape(str(error)[:200])}; please report).</p>"
            )
            return note + text_document(doc, spots, self.prefix)

    def documents(self, spots: Sequence[Spot]) -> str:
        out = []
        for doc in self.release.documents:
            last = doc.last_line
            mine = [s for s in spots if doc.first_line <= s.line <= last]
            head = " · ".join(
                escape(x) for x in (doc.exhibit, doc.description, doc.filename) if x
            ) or escape(doc.format)
            body = (
                self._laid_out(doc, mine)
                if doc.format == "html"
                else text_document(doc, mine, self.prefix)
            )
            out.append(
                f'<section class="document"><h3 class="dochead">{head} · lines '
                f"{doc.first_line}–{last}</h3>{body}</section>"
            )
        return "".join(out)

    def table_options(self) -> str:
        opts = "".join(
            f'<option value="{t.index}">Table {t.index + 1}: '
            f"{escape((t.title or '(untitled)')[:80])}</option>"
            for t in self.release.tables
        )
        return f'<option value="">all tables</option>{opts}<option value="prose">the prose</option>'

    def render(self) -> str:
        src = self.release.source
        who = " · ".join(
            escape(x)
            for x in (src.company, src.form_type, src.accession_number, str(src.filed or ""))
            if x
        )
        diff = ""
        if self.extras.diff is not None:
            from tieout.report.drafts import diff_html

            diff = diff_html(self.extras.diff, self.prefix)
        unmatched = self.applied.unmatched
        carried = (
            f'<p class="note">{len(unmatched)} review entries of the sidecar match nothing in '
            "this draft.</p>"
            if unmatched
            else ""
        )
        return (
            f'<article class="release" id="{self.prefix}" data-r="{self.prefix}">'
            f'<header class="rhead"><h2>{escape(src.path)}</h2><p class="who">{who}</p>'
            f"{self.lights()}{carried}</header>"
            f'<div class="work"><aside class="findings-panel">'
            f'<div class="filters"><input type="search" class="q" placeholder="search findings '
            'and figures (/)" aria-label="search">'
            '<label><input type="checkbox" class="fsev" value="error" checked> errors</label>'
            '<label><input type="checkbox" class="fsev" value="warning" checked> warnings</label>'
            '<label><input type="checkbox" class="fsev" value="info" checked> info</label>'
            f'<select class="ftable" aria-label="table">{self.table_options()}</select></div>'
            f'<div class="flist">{diff}{self.findings_panel()}</div></aside>'
            f'<div class="source">{self.documents(self.spots())}</div></div></article>'
        )

    def data(self) -> dict[str, Any]:
        from tieout.report.review import data as review_data

        review = self.extras.review or Review()
        return {
            "prefix": self.prefix,
            "path": self.release.source.path,
            "figures": self.figure_data(),
            "findings": [
                {
                    "key": key,
                    "code": f.code,
                    "severity": f.severity.value,
                    "line": f.line,
                    "message": f.message,
                    "target": self.anchor_id(anchor),
                }
                for f, key, anchor in zip(
                    self.release.findings, self.keys.findings, self.keys.anchors, strict=True
                )
            ],
            "review": review_data(review, self.release),
        }


def _legend() -> str:
    items = "".join(
        f'<li><span class="fig t-{t.value}">{TICK_SYMBOLS[t]} 1,234</span> {escape(TICK_LEGEND[t])}</li>'
        for t in Tick
    )
    return (
        '<details class="legend" open><summary>Legend</summary><ul>'
        f"{items}"
        '<li><span class="fig t-read sev-warning">304)</span> outlined: a finding is anchored '
        "here (red error, amber warning, blue info)</li>"
        '<li><span class="fig t-unchecked ticked">1,234</span> ticked by hand on review</li>'
        '<li><span class="fig t-verified changed">1,234</span> changed since the earlier draft</li>'
        "</ul><p>Keys: <kbd>j</kbd>/<kbd>k</kbd> next/previous finding, <kbd>/</kbd> search, "
        "<kbd>Enter</kbd> in search: next matching figure, <kbd>a</kbd> accept, <kbd>d</kbd> "
        "dismiss, <kbd>Esc</kbd> close the panel.</p></details>"
    )


def _json_block(data: Any) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, code)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def render_html(
    releases: Sequence[Release],
    failures: Sequence[tuple[str, str]] = (),
    *,
    extras: Sequence[Extras] | None = None,
    served: bool = False,
) -> str:
    """One page for the releases, and a line for each file that could not be read.

    ``extras`` (one per release) adds a review and the changes since an earlier draft;
    ``served`` makes the page save its review back to ``tieout serve``.
    """
    laid = [_Release(r, i, extras[i] if extras else Extras()) for i, r in enumerate(releases)]
    body = "\n".join(r.render() for r in laid)
    if failures:
        body += (
            '<section class="failures"><h2>Files not read</h2><ul>'
            + "".join(f"<li>{escape(name)}: {escape(reason)}</li>" for name, reason in failures)
            + "</ul></section>"
        )
    data = {"served": served, "releases": [r.data() for r in laid]}
    script = _asset("report.js")
    save = (
        '<button type="button" id="save">Save review</button>'
        if served
        else '<button type="button" id="export">Export review</button>'
    )
    toolbar = (
        f'<div class="toolbar"><h1>tieout workpaper</h1>{save}'
        '<span id="status" role="status"></span></div>'
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="referrer" content="no-referrer">'
        "<title>tieout report</title>"
        f'<meta http-equiv="Content-Security-Policy" content="{content_policy(script, connect=served)}">'
        f"<style>{_asset('report.css')}</style></head><body>\n{toolbar}{_legend()}\n{body}\n"
        '<aside id="panel" hidden><button type="button" class="close" aria-label="close">×'
        '</button><div class="pbody"></div></aside>'
        f'<script type="application/json" id="tieout-data">{_json_block(data)}</script>'
        f"<script>{script}</script></body></html>\n"
    )
