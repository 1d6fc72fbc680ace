"""Full EDGAR submission files: the SGML header, and the documents inside.

A submission (``<SEC-DOCUMENT>``) holds a header of ``KEY: value`` lines and one
``<DOCUMENT>`` per file of the filing, each with ``<TYPE>``, ``<FILENAME>``,
``<DESCRIPTION>`` and its ``<TEXT>``. The release is the EX-99 exhibit (EX-99, EX-99.1,
EX-99.01, ...); graphics, XBRL and archives are skipped. Filings before August 2004 put
results under Item 12 (or Items 5 and 7) rather than Item 2.02; the exhibit type is the
same, so selection does not depend on the item.

A submission can have several filers (a utility holding company files its release with
its subsidiaries; a REIT with its operating partnership): one ``FILER:`` block each, in
no meaningful order. The release is credited to its subject, chosen by this rule:

1. the only filer, when there is one;
2. else the filer that submitted the filing: EDGAR's accession number begins with the
   CIK of the submitter, and a group that files for itself and its subsidiaries submits
   under its own CIK (Southern Co's ``0000092122-05-000042``, whose header lists Alabama
   Power first);
3. else (an agent submitted it) the filer the documents name most often, by the
   distinctive words of its conformed name (``SOUTHERN POWER CO`` -> "Southern Power"),
   longer names counted first so a subsidiary's name does not count for its parent's;
4. else the first listed.

Blocks of other roles (``SUBJECT COMPANY``, ``FILED BY``: tender offers, mergers) are
used only when there is no ``FILER`` block, the subject company first.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date

from tieout.extensions import compiled
from tieout.model import Source, quick_init
from tieout.readers.html.sniff import prologue_end

# A header field's line, ``^\s*([A-Z][A-Z0-9 -]+?):\s*(.*?)\s*$``: its key, and its value
# stripped. The key's run is taken whole (``++``: no ":" is in its class, so the lazy run
# of the whole pattern ends where this one does), and the value is the rest of the line
# stripped (a line of ``splitlines`` has no line break for ``.`` to stop at, and
# ``str.strip`` takes the whitespace ``\s`` does): one match of the key per line, where the
# lazy value was tried against the end at each of its characters.
_HEADER_KEY = re.compile(r"\s*([A-Z][A-Z0-9 -]++):")
_ROLE = re.compile(r"^(FILER|SUBJECT COMPANY|FILED BY):\s*$")
_ROLE_FIRST = ("F", "S")  # what a role line begins with
# words of a conformed name that say what kind of company it is, not which
_LEGAL_WORDS = frozenset(
    ("INC", "INCORPORATED", "CORP", "CORPORATION", "CO", "COMPANY", "COS", "LTD", "LIMITED",
     "LLC", "LP", "L", "P", "PLC", "NV", "SA", "AG", "HOLDINGS", "HOLDING", "GROUP", "THE")
)  # fmt: skip
# The tag that opens a document, alone on its line (``^<DOCUMENT>\s*$`` in MULTILINE
# mode): ``_alone`` finds it. Without the ``^`` anchor re skips to each ``<`` at once,
# instead of trying every position of megabytes of HTML. (``parts`` finds it and the
# other three tags in one search: ``_marks``.)
_DOC_OPEN = re.compile(r"<(?i:DOCUMENT)>\s*$", re.M)
_TAG_LINE = re.compile(r"^<(TYPE|SEQUENCE|FILENAME|DESCRIPTION)>(.*)$", re.I)


def _alone(
    tag: re.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
) -> re.Match[str] | None:
    """The first match of ``tag`` from ``pos`` (to ``endpos``) that begins a line: what
    ``^`` would find in MULTILINE mode (the string's start, or just after a newline)."""
    end = len(text) if endpos is None else endpos
    while (found := tag.search(text, pos, end)) is not None:
        at = found.start()
        if at == 0 or text[at - 1] == "\n":
            return found
        pos = at + 1
    return None


_RELEASE_TYPE = re.compile(r"^EX-99(?:\.\d+)?[A-Z]?$", re.I)
_TEXT_TYPES = re.compile(r"^(?:8-K|8-K/A|6-K|EX-\d+(?:\.\d+)?[A-Z]?)$", re.I)
# tags of HTML that EDGAR's own text markup (<TABLE>, <CAPTION>, <S>, <C>, <FN>, <PAGE>)
# never uses, so a text exhibit with many <TABLE>s is not taken for HTML


@quick_init
@dataclass(frozen=True, slots=True)
class Filer:
    """One company block of a submission header: its role, CIK and names."""

    role: str  # FILER, SUBJECT COMPANY or FILED BY
    cik: str | None
    name: str | None
    former_names: tuple[str, ...] = ()


@quick_init
@dataclass(frozen=True, slots=True)
class Part:
    """One ``<DOCUMENT>`` of a submission: its tags and where its text lies in the file."""

    type: str
    filename: str | None
    description: str | None
    start: int  # character offset of the first character of its text
    end: int  # character offset one past its text
    first_line: int  # 1-based line of the first line of its text
    closed: bool = True  # False when the file ends inside it (no </DOCUMENT>)

    @property
    def is_release(self) -> bool:
        return bool(_RELEASE_TYPE.match(self.type))

    @property
    def is_text(self) -> bool:
        return bool(_TEXT_TYPES.match(self.type))


def is_submission(text: str) -> bool:
    """True for a full EDGAR submission, or a file of ``<DOCUMENT>``s (looked for after
    any prologue: a long DOCTYPE before the header does not hide it)."""
    start = prologue_end(text)
    head = text[start : start + 20000]
    return "<SEC-DOCUMENT>" in head or "<SEC-HEADER>" in head or _alone(_DOC_OPEN, head) is not None


def _date(value: str) -> date | None:
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", value.strip())
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def _distinctive(name: str) -> str:
    """The words of a conformed name that tell the company apart: ``SOUTHERN POWER CO`` ->
    ``southern power``; empty when nothing is left."""
    words = re.sub(r"[^A-Za-z0-9&/ ]+", " ", name).upper().split()
    kept = [w for w in words if w not in _LEGAL_WORDS and not w.startswith("/")]
    return " ".join(kept).lower()


def _named_most(filers: list[Filer], body: str) -> Filer | None:
    """The filer whose distinctive name the text uses most, longer names counted first
    (and their words blanked) so that "Southern Power" is not counted as "Southern";
    None on a tie or when none is named."""
    text = body.lower()
    counts: dict[int, int] = {}
    order = sorted(range(len(filers)), key=lambda i: -len(_distinctive(filers[i].name or "")))
    for i in order:
        phrase = _distinctive(filers[i].name or "")
        if not phrase:
            continue
        pattern = re.compile(r"\b" + r"\s+".join(map(re.escape, phrase.split())) + r"\b")
        counts[i] = len(pattern.findall(text))
        text = pattern.sub(" ", text)
    if not counts:
        return None
    best = max(counts.values())
    winners = [i for i, n in counts.items() if n == best]
    return filers[winners[0]] if best > 0 and len(winners) == 1 else None


def subject(filers: list[Filer], accession: str | None, body: str) -> Filer | None:
    """The company a submission is about (the rule of the module docstring)."""
    filing = [f for f in filers if f.role == "FILER"]
    chosen = filing or sorted(filers, key=lambda f: ("SUBJECT COMPANY", "FILED BY").index(f.role))
    if len(chosen) <= 1:
        return chosen[0] if chosen else None
    submitter = (accession or "")[:10]
    by_accession = [f for f in chosen if f.cik and submitter and f.cik.zfill(10) == submitter]
    if len(by_accession) == 1:
        return by_accession[0]
    return _named_most(chosen, body) or chosen[0]


def _field(line: str) -> tuple[str, str] | None:
    """A header line's field, (key, value), the key and value stripped; None for a line
    that is not a field (see ``_HEADER_KEY``)."""
    m = _HEADER_KEY.match(line)
    return None if m is None else (m.group(1).strip(), line[m.end() :].strip())


def _filers(lines: list[str], matched: list[tuple[str, str] | None] | None = None) -> list[Filer]:
    """The company blocks of a header: a role line, then its indented fields.

    ``matched`` holds ``_field`` of each line when the caller has them."""
    blocks: list[tuple[str, dict[str, str], list[str]]] = []
    for k, line in enumerate(lines):
        role = _ROLE.match(line) if line[:1] in _ROLE_FIRST else None
        if role:
            blocks.append((role.group(1), {}, []))
            continue
        if not blocks or not line[:1].isspace():
            if line.strip() and blocks and not line[:1].isspace():
                blocks.append(("", {}, []))  # a field at column 0 ends the block
            continue
        m = matched[k] if matched is not None else _field(line)
        if m and m[1]:
            key, value = m
            if key == "FORMER CONFORMED NAME":
                blocks[-1][2].append(value)
            else:
                blocks[-1][1].setdefault(key, value)
    return [
        Filer(
            role,
            fields.get("CENTRAL INDEX KEY"),
            fields.get("COMPANY CONFORMED NAME"),
            tuple(former),
        )
        for role, fields, former in blocks
        if role
    ]


_HEADER_END = "</SEC-HEADER>"
_HEADER_MAX = 20000  # the header of a file with no ``</SEC-HEADER>`` is looked for in this


def _header_block(text: str) -> str:
    """A submission's header: its text up to ``</SEC-HEADER>`` or the first document.

    An exhibit filed as a submission has no ``</SEC-HEADER>``: it is looked for only
    before the first document (whose ``<DOCUMENT>`` ends the header wherever the first
    ``</SEC-HEADER>`` is after it), not through megabytes of HTML.
    """
    first = _alone(_DOC_OPEN, text)
    if first is not None:
        tag_end = first.start() + len("<DOCUMENT>")
        # one beginning before the <DOCUMENT> tag ends, else the first after (or none)
        if text.find(_HEADER_END, 0, tag_end + len(_HEADER_END) - 1) < 0 and tag_end <= min(
            len(text), _HEADER_MAX
        ):
            return text[: first.start()]
    end = text.find(_HEADER_END)
    block = text[: end if end >= 0 else min(len(text), _HEADER_MAX)]
    doc = _alone(_DOC_OPEN, block)
    return block[: doc.start()] if doc else block


def filers(text: str) -> list[Filer]:
    """Every company block of a submission's header, in the header's order."""
    return _filers(_header_block(text).splitlines())


# The keys a header's fields are read by (``header``, ``_filers``): every other field
# is read by none of them.
_READ_KEYS = (
    "ACCESSION NUMBER",
    "CENTRAL INDEX KEY",
    "COMPANY CONFORMED NAME",
    "CONFORMED SUBMISSION TYPE",
    "FORM TYPE",
    "FILED AS OF DATE",
    "CONFORMED PERIOD OF REPORT",
    "ITEM INFORMATION",
    "FORMER CONFORMED NAME",
)
# A line that begins at the margin (a role, a field of the submission, the end of a
# filer's block): its newline's match, which ``re`` finds by skipping to each newline
# (a pattern anchored by ``^`` is tried at every character); and the line ends
# ``splitlines`` takes but a newline
_AT_MARGIN = re.compile(r"\n(?=\S)")
_OTHER_LINE_ENDS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"


def _read_lines(block: str) -> list[str]:
    """The lines of a header that ``header`` and ``_filers`` read, in order: every line
    that begins at the margin and every line that holds one of the keys they read
    (``_READ_KEYS``); all of ``splitlines`` when the block holds a line end but a newline.

    Whatever these leave out, both skip or keep nothing of: an indented line holding
    no key read is a field nobody reads (or no field), and a blank or empty line ends no
    block. Found by one search of the newlines and a ``str.find`` of each key, where a
    pattern was asked of each of the block's lines (a group's header lists a block of
    twenty lines per filer)."""
    if any(end in block for end in _OTHER_LINE_ENDS):  # a scan each: a set's search is slower
        return block.splitlines()
    starts = {m.start() + 1 for m in _AT_MARGIN.finditer(block)}
    if block[:1] and not block[:1].isspace():
        starts.add(0)
    for key in _READ_KEYS:
        at = block.find(key)
        while at >= 0:
            starts.add(block.rfind("\n", 0, at) + 1)
            at = block.find(key, at + len(key))
    lines = []
    for start in sorted(starts):
        end = block.find("\n", start)
        lines.append(block[start:] if end < 0 else block[start:end])
    return lines


def header(text: str, source: Source) -> Source:
    """The source with its submission's header fields: what was filed, when, and by whom,
    credited to its subject (module docstring)."""
    block = _header_block(text)
    lines = _read_lines(block)
    fields: dict[str, str] = {}
    items: list[str] = []
    matched = [_field(line) for line in lines]  # the filers' blocks ask again
    for m in matched:
        if not m:
            continue
        key, value = m
        if key == "ITEM INFORMATION" and value:
            items.append(value)
        elif value and key not in fields:
            fields[key] = value
    found = _filers(lines, matched)
    accession = fields.get("ACCESSION NUMBER")
    body = text[len(block) :] if len(found) > 1 else ""
    chosen = subject(found, accession, body)
    return replace(
        source,
        accession_number=accession,
        cik=chosen.cik if chosen else fields.get("CENTRAL INDEX KEY"),
        company=chosen.name if chosen else fields.get("COMPANY CONFORMED NAME"),
        form_type=fields.get("CONFORMED SUBMISSION TYPE") or fields.get("FORM TYPE"),
        filed=_date(fields.get("FILED AS OF DATE", "")),
        period_of_report=_date(fields.get("CONFORMED PERIOD OF REPORT", "")),
        items=tuple(items),
        former_names=chosen.former_names if chosen else (),
    )


# The four tags above in one pattern, each alone on its line: their line's newline first,
# so re skips to each "\n<" (a tag at the text's very start is matched on its own).
_MARK = re.compile(r"\n<(/?)((?i:DOCUMENT|TEXT))>\s*$", re.M)
_FIRST_MARK = re.compile(r"<(/?)((?i:DOCUMENT|TEXT))>\s*$", re.M)
_DOCUMENT, _TEXT = 1, 2  # a mark's tag
_OPEN, _CLOSE = 0, 4  # ... opening or closing: a mark's kind is the sum


# Where a mark may begin: its newline and its tag, the whitespace after it aside
_MARK_START = re.compile(r"\n</?(?i:DOCUMENT|TEXT)>")


def _mark_starts_python(text: str) -> list[int]:
    """Where a mark after the text's start may begin, in order: every "\n<" followed by
    an optional "/", "document" or "text" (case aside) and ">".

    The specification of the compiled ``mark_starts`` (``_tags.c``), which finds them for
    a text below U+0100 by a newline's memchr instead of a walk of the regular
    expression over every character."""
    return [m.start() for m in _MARK_START.finditer(text)]


def _newlines_python(text: str, start: int, end: int) -> int:
    """How many newlines ``text[start:end]`` holds.

    The specification of the compiled ``newlines`` (``_tags.c``), which counts them for a
    text below U+0100 by memchr instead of a look at every character."""
    return text.count("\n", start, end)


def _compiled_tags(
    *, forced: bool = False
) -> tuple[Callable[[str], list[int]], Callable[[str, int, int], int]] | None:
    """``_mark_starts`` and ``_newlines`` through the compiled ``mark_starts`` and
    ``newlines`` (``_tags.c``), as ``extensions.compiled`` gives them: the Python reads a
    text they hand back (NotImplemented: a character above U+00FF)."""
    module = compiled("tieout.sources._tags", forced=forced)
    if module is None:
        return None
    mark_starts, newlines = module.mark_starts, module.newlines

    def _mark_starts_compiled(text: str) -> list[int]:
        found = mark_starts(text)
        return _mark_starts_python(text) if found is NotImplemented else found

    def _newlines_compiled(text: str, start: int, end: int) -> int:
        found = newlines(text, start, end)
        return _newlines_python(text, start, end) if found is NotImplemented else found

    return _mark_starts_compiled, _newlines_compiled


_compiled = _compiled_tags()
COMPILED = _compiled is not None
_mark_starts, _newlines = (
    _compiled if _compiled is not None else (_mark_starts_python, _newlines_python)
)


def _marks(text: str) -> list[tuple[int, int, int]]:
    """Every ``<DOCUMENT>``, ``</DOCUMENT>``, ``<TEXT>`` and ``</TEXT>`` alone on its line,
    in order, as (kind, start, end): where ``_alone`` finds each, in one search of the
    text. (A match holds no ``<`` but its first, and ends before a newline or at the
    text's end: it never covers the line start of the next.)

    After the text's start, a mark is ``_MARK`` matched where one may begin
    (``_mark_starts``): every match of ``_MARK`` begins at such a place, and none covers
    another's (the whitespace that ends one holds no "<"), so these are its matches in one
    search."""
    out = []
    first = _FIRST_MARK.match(text)
    found = [m for at in _mark_starts(text) if (m := _MARK.match(text, at)) is not None]
    for m in ([first] if first else []) + found:
        close, name = m.group(1, 2)
        kind = (_CLOSE if close else _OPEN) + (_DOCUMENT if len(name) == 8 else _TEXT)
        out.append((kind, m.start(1) - 1, m.end()))
    return out


def _next(marks: list[tuple[int, int, int]], kind: int, i: int, stop: int) -> int:
    """The index of the first mark of this kind from index ``i`` (before ``stop``), else
    ``stop``."""
    while i < stop and marks[i][0] != kind:
        i += 1
    return i


def parts(text: str) -> list[Part]:
    """Every ``<DOCUMENT>`` of a submission, with the span of its ``<TEXT>``.

    The tags are found in one search of the whole text (``_marks``); the document, its
    text and their ends are then the first of each kind after the last, as ``_alone``
    finds them from there (a mark that begins before a document's end ends before it).
    """
    found: list[Part] = []
    marks = _marks(text)
    count = len(marks)
    lines, counted = 1, 0  # the line of offset ``counted``: each newline counted once
    i = _next(marks, _OPEN + _DOCUMENT, 0, count)
    while i < count:
        opened = marks[i][2]  # where the <DOCUMENT> line's match ends
        j = _next(marks, _CLOSE + _DOCUMENT, i + 1, count)
        doc_end = marks[j][1] if j < count else len(text)
        tags: dict[str, str] = {}
        k = _next(marks, _OPEN + _TEXT, i + 1, j)
        tag_end = marks[k][1] if k < j else min(doc_end, opened + 2000)
        tag_area = text[opened:tag_end]
        for line in tag_area.splitlines():
            m = _TAG_LINE.match(line.strip())
            if m:
                tags.setdefault(m.group(1).upper(), m.group(2).strip())
        if k < j:
            start = marks[k][2] + 1  # after the newline of <TEXT>
            c = _next(marks, _CLOSE + _TEXT, k + 1, j)
            end = marks[c][1] if c < j else doc_end
        else:
            start, end = opened, doc_end
        start = min(start, end)
        lines += _newlines(text, counted, start)  # parts begin in order
        counted = start
        found.append(
            Part(
                type=tags.get("TYPE", ""),
                filename=tags.get("FILENAME"),
                description=tags.get("DESCRIPTION"),
                start=start,
                end=end,
                first_line=lines,
                closed=j < count,
            )
        )
        i = _next(marks, _OPEN + _DOCUMENT, j + 1, count)
    return found


_TABLE_OPEN = re.compile(r"<table\b", re.I)
_TABLE_CLOSE = re.compile(r"</table\s*>", re.I)


def html_cut(text: str) -> str | None:
    """How an HTML document shows it was cut short, or None: its last table is opened
    and never closed. (A missing ``</html>`` alone is not taken as a sign: hand-written
    exhibits leave it out.)"""
    opened = [m.start() for m in _TABLE_OPEN.finditer(text)]
    if opened and _TABLE_CLOSE.search(text, opened[-1]) is None:
        return "it ends inside a table (no </table>)"
    return None


def submission_cut(text: str, all_parts: list[Part]) -> str | None:
    """How a submission shows it was cut short, or None: its last document has no
    ``</DOCUMENT>``, or it opens ``<SEC-DOCUMENT>`` and never closes it."""
    if all_parts and not all_parts[-1].closed:
        last = all_parts[-1]
        return (
            f"it ends inside document {len(all_parts)} ({last.type or 'no type'}), "
            "with no </DOCUMENT>"
        )
    if "<SEC-DOCUMENT>" in text[:20000] and "</SEC-DOCUMENT>" not in text[-20000:]:
        return "it opens <SEC-DOCUMENT> and never closes it"
    return None


def release_parts(all_parts: list[Part]) -> list[Part]:
    """The documents that hold the release: the EX-99 exhibits, else any text document."""
    releases = [p for p in all_parts if p.is_release]
    return releases or [p for p in all_parts if p.is_text]
