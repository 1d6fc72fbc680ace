"""Full EDGAR submission files: the SGML header, and the documents inside.

A submission (``<SEC-DOCUMENT>``) holds a header of ``KEY: value`` lines and one
``<DOCUMENT>`` per file of the filing, each with ``<TYPE>``, ``<FILENAME>``,
``<DESCRIPTION>`` and its ``<TEXT>``. The release is the EX-99 exhibit (EX-99, EX-99.1,
EX-99.01, ...); graphics, XBRL and archives are skipped. Filings before August 2004 put
results under Item 12 (or Items 5 and 7) rather than Item 2.02; the exhibit type is the
same, so selection does not depend on the item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_HEADER_FIELD = re.compile(r"^\s*([A-Z][A-Z0-9 -]+?):\s*(.*?)\s*$")
_DOC_OPEN = re.compile(r"^<DOCUMENT>\s*$", re.I | re.M)
_DOC_CLOSE = re.compile(r"^</DOCUMENT>\s*$", re.I | re.M)
_TAG_LINE = re.compile(r"^<(TYPE|SEQUENCE|FILENAME|DESCRIPTION)>(.*)$", re.I)
_TEXT_OPEN = re.compile(r"^<TEXT>\s*$", re.I | re.M)
_TEXT_CLOSE = re.compile(r"^</TEXT>\s*$", re.I | re.M)
_RELEASE_TYPE = re.compile(r"^EX-99(?:\.\d+)?[A-Z]?$", re.I)
_TEXT_TYPES = re.compile(r"^(?:8-K|8-K/A|6-K|EX-\d+(?:\.\d+)?[A-Z]?)$", re.I)
# tags of HTML that EDGAR's own text markup (<TABLE>, <CAPTION>, <S>, <C>, <FN>, <PAGE>)
# never uses, so a text exhibit with many <TABLE>s is not taken for HTML


@dataclass(frozen=True, slots=True)
class Header:
    """The fields of an EDGAR submission header that say what was filed, by whom, when."""

    accession_number: str | None = None
    cik: str | None = None
    company: str | None = None
    form_type: str | None = None
    filed: date | None = None
    period_of_report: date | None = None
    items: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Part:
    """One ``<DOCUMENT>`` of a submission: its tags and where its text lies in the file."""

    type: str
    filename: str | None
    description: str | None
    start: int  # character offset of the first character of its text
    end: int  # character offset one past its text
    first_line: int  # 1-based line of the first line of its text

    @property
    def is_release(self) -> bool:
        return bool(_RELEASE_TYPE.match(self.type))

    @property
    def is_text(self) -> bool:
        return bool(_TEXT_TYPES.match(self.type))


def is_submission(text: str) -> bool:
    """True for a full EDGAR submission, or a file of ``<DOCUMENT>``s."""
    head = text[:20000]
    return "<SEC-DOCUMENT>" in head or "<SEC-HEADER>" in head or bool(_DOC_OPEN.search(head))


def _date(value: str) -> date | None:
    m = re.fullmatch(r"(\d{4})(\d{2})(\d{2})", value.strip())
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def header(text: str) -> Header:
    """The header fields of a submission (the first filer's company and CIK)."""
    end = text.find("</SEC-HEADER>")
    block = text[: end if end >= 0 else min(len(text), 20000)]
    doc = _DOC_OPEN.search(block)
    if doc:
        block = block[: doc.start()]
    fields: dict[str, str] = {}
    items: list[str] = []
    for line in block.splitlines():
        m = _HEADER_FIELD.match(line)
        if not m:
            continue
        key, value = m.group(1).strip(), m.group(2)
        if key == "ITEM INFORMATION" and value:
            items.append(value)
        elif value and key not in fields:
            fields[key] = value
    return Header(
        accession_number=fields.get("ACCESSION NUMBER"),
        cik=fields.get("CENTRAL INDEX KEY"),
        company=fields.get("COMPANY CONFORMED NAME"),
        form_type=fields.get("CONFORMED SUBMISSION TYPE") or fields.get("FORM TYPE"),
        filed=_date(fields.get("FILED AS OF DATE", "")),
        period_of_report=_date(fields.get("CONFORMED PERIOD OF REPORT", "")),
        items=tuple(items),
    )


def parts(text: str) -> list[Part]:
    """Every ``<DOCUMENT>`` of a submission, with the span of its ``<TEXT>``."""
    found: list[Part] = []
    pos = 0
    while True:
        opened = _DOC_OPEN.search(text, pos)
        if not opened:
            break
        closed = _DOC_CLOSE.search(text, opened.end())
        doc_end = closed.start() if closed else len(text)
        tags: dict[str, str] = {}
        body = text[opened.end() : doc_end]
        text_open = _TEXT_OPEN.search(body)
        tag_area = body[: text_open.start()] if text_open else body[:2000]
        for line in tag_area.splitlines():
            m = _TAG_LINE.match(line.strip())
            if m:
                tags.setdefault(m.group(1).upper(), m.group(2).strip())
        if text_open:
            start = opened.end() + text_open.end() + 1  # after the newline of <TEXT>
            text_close = _TEXT_CLOSE.search(text, start, doc_end)
            end = text_close.start() if text_close else doc_end
        else:
            start, end = opened.end(), doc_end
        start = min(start, end)
        found.append(
            Part(
                type=tags.get("TYPE", ""),
                filename=tags.get("FILENAME"),
                description=tags.get("DESCRIPTION"),
                start=start,
                end=end,
                first_line=text.count("\n", 0, start) + 1,
            )
        )
        pos = closed.end() if closed else len(text)
    return found


def release_parts(all_parts: list[Part]) -> list[Part]:
    """The documents that hold the release: the EX-99 exhibits, else any text document."""
    releases = [p for p in all_parts if p.is_release]
    return releases or [p for p in all_parts if p.is_text]
