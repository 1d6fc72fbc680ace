"""Sources: EDGAR submission headers, exhibit selection, page furniture, bad bytes."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from tieout.errors import UnreadableInput
from tieout.sources import load, load_bytes
from tieout.sources.decode import decode
from tieout.sources.furniture import blank_furniture

SUBMISSION = """\
<SEC-DOCUMENT>0000000000-24-000001.txt : 20240730
<SEC-HEADER>0000000000-24-000001.hdr.sgml : 20240730
ACCESSION NUMBER:\t\t0000000000-24-000001
CONFORMED SUBMISSION TYPE:\t8-K
PUBLIC DOCUMENT COUNT:\t\t3
CONFORMED PERIOD OF REPORT:\t20240630
ITEM INFORMATION:\t\tResults of Operations and Financial Condition
ITEM INFORMATION:\t\tFinancial Statements and Exhibits
FILED AS OF DATE:\t\t20240730

FILER:

\tCOMPANY DATA:\t
\t\tCOMPANY CONFORMED NAME:\t\t\tHARBOR VALVE CORP
\t\tCENTRAL INDEX KEY:\t\t\t0000999999
</SEC-HEADER>
<DOCUMENT>
<TYPE>8-K
<SEQUENCE>1
<FILENAME>form8k.txt
<DESCRIPTION>FORM 8-K
<TEXT>
Item 2.02 Results of Operations and Financial Condition.
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-99.1
<SEQUENCE>2
<FILENAME>ex99.txt
<DESCRIPTION>PRESS RELEASE
<TEXT>
Net sales                               $ 48,215     $ 45,902
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>GRAPHIC
<SEQUENCE>3
<FILENAME>logo.gif
<TEXT>
begin 644 logo.gif
M1TE&.#EA
end
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
"""


def test_submission_header_fields_and_release_exhibit() -> None:
    source, docs = load_bytes(SUBMISSION.encode(), "sub.txt")
    assert source.format == "submission"
    assert source.accession_number == "0000000000-24-000001"
    assert source.cik == "0000999999"
    assert source.company == "HARBOR VALVE CORP"
    assert source.form_type == "8-K"
    assert source.filed == date(2024, 7, 30)
    assert source.period_of_report == date(2024, 6, 30)
    assert source.items == (
        "Results of Operations and Financial Condition",
        "Financial Statements and Exhibits",
    )
    (doc,) = docs
    assert (doc.exhibit, doc.filename, doc.description) == ("EX-99.1", "ex99.txt", "PRESS RELEASE")
    # the document's first line is the line of the file it stands on
    lines = SUBMISSION.split("\n")
    assert lines[doc.first_line - 1].startswith("Net sales")
    assert doc.lines[0].startswith("Net sales")


def test_pre_2004_item_12_release_is_selected_by_exhibit_type() -> None:
    old = SUBMISSION.replace("Results of Operations and Financial Condition", "Item 12")
    old = old.replace("<TYPE>EX-99.1", "<TYPE>EX-99")
    _, docs = load_bytes(old.encode(), "old.txt")
    assert [d.exhibit for d in docs] == ["EX-99"]


def test_submission_without_exhibit_falls_back_to_the_8k_text() -> None:
    body = SUBMISSION.replace("<TYPE>EX-99.1", "<TYPE>EX-10.1")
    _, docs = load_bytes(body.encode(), "no99.txt")
    assert [d.exhibit for d in docs] == ["8-K", "EX-10.1"]


def test_page_furniture_blanked_in_place() -> None:
    lines = [
        "considered in isolation or used as a substitute",
        "",
        "                                      -5-",
        "",
        "Lexington Precision Corporation",
        "May 17, 2004",
        "",
        "principles. We have presented EBITDA",
        "                                      -6-",
        "Lexington Precision Corporation",
        "May 17, 2004",
        "",
        "<PAGE>",
        "\fNet sales         $ 33,006",
        "Page 7 of 9",
    ]
    out = blank_furniture(lines)
    assert len(out) == len(lines)
    assert out[2] == "" and out[8] == "" and out[12] == "" and out[14] == ""
    assert out[4] == out[5] == out[9] == out[10] == ""  # running head on two page tops
    assert out[0] == lines[0] and out[7] == lines[7]
    assert out[13] == "Net sales         $ 33,006"


def test_single_page_top_line_is_not_a_running_head() -> None:
    lines = ["text", "                -1-", "ACME CORP", "", "Net sales    $ 1,000"]
    assert blank_furniture(lines)[2] == "ACME CORP"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"   \n\n  ", "empty file"),
        (b"\x0b\x0c\r\t \n", "empty file"),  # every byte ``bytes.strip`` takes
        (b"\x00\x01\x02binary\x00" * 10, "binary data"),
        (b"%PDF-1.4 ...", "a PDF file"),
        (b"PK\x03\x04zipzip", "a zip archive"),
        ("Net sales \u00e9".encode("latin-1"), "not valid utf-8 at byte 10"),
    ],
)
def test_bad_bytes_are_refused_with_a_reason(data: bytes, reason: str) -> None:
    with pytest.raises(UnreadableInput) as info:
        decode(data, "bad.txt")
    assert str(info.value).startswith("bad.txt: ")
    assert reason in str(info.value)


def test_legacy_encoding_can_be_asked_for() -> None:
    text = decode("Net sales \u00e9".encode("cp1252"), "old.txt", encoding="cp1252")
    assert text == "Net sales \u00e9"


def test_huge_file_refused_by_size_without_reading(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    with pytest.raises(UnreadableInput, match="too large: 52.4 MB"):
        load(big)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(UnreadableInput, match="no such file"):
        load(tmp_path / "nope.txt")
    with pytest.raises(UnreadableInput, match="is a directory"):
        load(tmp_path)


def test_a_tag_alone_on_its_line_is_found_where_the_anchored_pattern_finds_it() -> None:
    """``submission._alone`` (the tag's literal first, then its line's start checked)
    finds what ``^<TAG>\\s*$`` finds in MULTILINE, IGNORECASE mode, from any position and
    to any end: mid-line tags, other cases, CRLF, trailing blanks, the string's start."""
    import random

    from tieout.sources import submission

    anchored = {
        submission._DOC_OPEN: re.compile(r"^<DOCUMENT>\s*$", re.I | re.M),
        _DOC_CLOSE: re.compile(r"^</DOCUMENT>\s*$", re.I | re.M),
        _TEXT_OPEN: re.compile(r"^<TEXT>\s*$", re.I | re.M),
        _TEXT_CLOSE: re.compile(r"^</TEXT>\s*$", re.I | re.M),
    }
    pieces = ["<DOCUMENT>", "</document>", "<Text>", "</TEXT>", "x", " ", "\n", "\r\n",
              "<p>", "  \n", "<TEXT>x", "</DOCUMENT> \t"]  # fmt: skip
    rng = random.Random(11)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        pos = rng.randint(0, len(text))
        end = rng.randint(pos, len(text))
        for fast, slow in anchored.items():
            got, want = submission._alone(fast, text, pos, end), slow.search(text, pos, end)
            assert (got and got.span()) == (want and want.span()), (text, pos, end)


def test_line_ends_are_made_newlines_alike_with_or_without_a_carriage_return() -> None:
    for raw in ["a\r\nb\rc\n", "\r", "\r\r\n\n", "no carriage return\n", "", "\ufeffx\r\n"]:
        want = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        assert decode((raw + "z").encode(), "t.txt") == want + "z"
        assert decode((raw + "z").encode("utf-16"), "t.txt") == want + "z"


# the other tags ``parts`` once found with ``_alone`` (as it finds ``<DOCUMENT>``), each
# alone on its line: what the reference below searches for
_DOC_CLOSE = re.compile(r"</(?i:DOCUMENT)>\s*$", re.M)
_TEXT_OPEN = re.compile(r"<(?i:TEXT)>\s*$", re.M)
_TEXT_CLOSE = re.compile(r"</(?i:TEXT)>\s*$", re.M)


def _parts_whole(text: str) -> list[tuple[str, int, int, int, bool]]:
    """``submission.parts`` as first written: each document's body cut out and searched
    on its own, each part's line counted from the file's start."""
    from tieout.sources import submission as sub

    found = []
    pos = 0
    while (opened := sub._alone(sub._DOC_OPEN, text, pos)) is not None:
        closed = sub._alone(_DOC_CLOSE, text, opened.end())
        doc_end = closed.start() if closed else len(text)
        body = text[opened.end() : doc_end]
        text_open = sub._alone(_TEXT_OPEN, body)
        tag_area = body[: text_open.start()] if text_open else body[:2000]
        tags: dict[str, str] = {}
        for line in tag_area.splitlines():
            if m := sub._TAG_LINE.match(line.strip()):
                tags.setdefault(m.group(1).upper(), m.group(2).strip())
        if text_open:
            start = opened.end() + text_open.end() + 1
            text_close = sub._alone(_TEXT_CLOSE, text, start, doc_end)
            end = text_close.start() if text_close else doc_end
        else:
            start, end = opened.end(), doc_end
        start = min(start, end)
        first = text.count("\n", 0, start) + 1
        found.append((tags.get("TYPE", ""), start, end, first, closed is not None))
        pos = closed.end() if closed else len(text)
    return found


def test_a_submissions_parts_are_found_as_each_body_searched_on_its_own(
    corpus_dir: Path,
) -> None:
    """``parts`` searches the file in place and counts each newline once: the same parts,
    spans and lines on every corpus submission and on generated ones."""
    import random

    from golden import CORPUS, manifest
    from tieout.sources import submission as sub
    from tieout.sources.decode import read_bytes

    def mine(text: str) -> list[tuple[str, int, int, int, bool]]:
        return [(p.type, p.start, p.end, p.first_line, p.closed) for p in sub.parts(text)]

    submissions = 0
    for name in manifest():
        text = decode(read_bytes(CORPUS / name), name)
        if sub.is_submission(text):
            submissions += 1
            assert mine(text) == _parts_whole(text), name
    assert submissions > 10
    pieces = ["<DOCUMENT>\n", "</DOCUMENT>\n", "<TEXT>\n", "</TEXT>\n", "<TYPE>EX-99.1\n",
              "<type>8-K\n", "<Text>", "x", "\n", " \n", "<FILENAME>a.htm\n", "\n\n"]  # fmt: skip
    rng = random.Random(5)
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert mine(text) == _parts_whole(text), text
    # ``parts`` finds every tag in one search (``_marks``): tags mid-line, in any case,
    # with blanks after them, at the text's start and end, one's blanks running into
    # the next document's end
    pieces += ["</document>", "<DOCUMENT>", "</Text> \t\n", "<TEXT>x", "x<TEXT>\n",
               "  \n", "\r\n", "</DOCUMENT> \t", "<p>", "<TEXT>  \n\n"]  # fmt: skip
    rng = random.Random(13)
    for _ in range(6000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 30)))
        assert mine(text) == _parts_whole(text), text


def _header_whole(text: str) -> str:
    """``submission._header_block`` as first written: ``</SEC-HEADER>`` looked for in the
    whole text."""
    from tieout.sources import submission as sub

    end = text.find("</SEC-HEADER>")
    block = text[: end if end >= 0 else min(len(text), 20000)]
    doc = sub._alone(sub._DOC_OPEN, block)
    return block[: doc.start()] if doc else block


def test_a_submissions_header_is_cut_where_a_search_of_the_whole_text_cuts_it(
    corpus_dir: Path,
) -> None:
    """``_header_block`` looks for ``</SEC-HEADER>`` only before the first document: the
    same header on every corpus file taken for a submission and on generated texts (the
    end tag before, inside, after the first document or missing, a document far in)."""
    import random

    from golden import CORPUS, manifest
    from tieout.sources import submission as sub
    from tieout.sources.decode import read_bytes

    submissions = 0
    for name in manifest():
        text = decode(read_bytes(CORPUS / name), name)
        if sub.is_submission(text):
            submissions += 1
            assert sub._header_block(text) == _header_whole(text), name
    assert submissions > 10
    pieces = ["<DOCUMENT>", "<document>\n", "</SEC-HEADER>", "</SEC-HEADER>\n", "\n", " ",
              "x", "ITEM: y\n", "<DOCUMENT> x\n", "  \n", "</SEC-HEADER", "<TYPE>8-K\n"]  # fmt: skip
    rng = random.Random(17)
    for _ in range(6000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 24)))
        if rng.random() < 0.3:  # about the look-up's limit
            at = rng.randint(0, len(text))
            text = text[:at] + "y" * rng.randint(19950, 20010) + text[at:]
        assert sub._header_block(text) == _header_whole(text), text


def test_the_filers_read_from_the_headers_matches_are_the_filers_read_alone() -> None:
    """``header`` matches each header line once and hands the matches to ``_filers``, which
    tries a role only on a line beginning with one's first letter: the same filers as
    ``_filers`` matching every line itself, on every corpus submission's header and on
    generated ones (roles indented or not, fields at column 0 ending a block)."""
    import random

    from golden import CORPUS, manifest
    from tieout.sources import submission as sub
    from tieout.sources.decode import read_bytes

    def both(lines: list[str]) -> None:
        matched = [sub._field(line) for line in lines]
        assert sub._filers(lines, matched) == sub._filers(lines), lines

    headers = 0
    for name in manifest():
        text = decode(read_bytes(CORPUS / name), name)
        if sub.is_submission(text):
            both(sub._header_block(text).splitlines())
            headers += 1
    assert headers > 10
    pieces = ["FILER:", "SUBJECT COMPANY:", "FILED BY:", " FILER:", "FILER: x", "\tCOMPANY DATA:",
              "\t\tCOMPANY CONFORMED NAME:\tA CORP", "\t\tCENTRAL INDEX KEY:\t0000000001",
              "\t\tFORMER CONFORMED NAME:\tB INC", "FILED AS OF DATE:\t20040101", "", " ",
              "SUBJECT COMPANY:  ", "Fx", "S"]  # fmt: skip
    rng = random.Random(15)
    for _ in range(3000):
        both([rng.choice(pieces) for _ in range(rng.randint(0, 14))])


def test_a_header_field_is_the_field_pattern_s_match() -> None:
    """``_field`` (the key's run matched whole, the rest of the line stripped) gives what
    the pattern it stands for, ``^\\s*([A-Z][A-Z0-9 -]+?):\\s*(.*?)\\s*$``, gives: the key
    stripped and the value, or no field; on every line of every corpus submission's
    header and on generated lines, cut as the header's are, by ``splitlines`` (keys of
    every character, colons in values, whitespace of every kind, nothing after the
    colon)."""
    import random
    import re

    from golden import CORPUS, manifest
    from tieout.sources import submission as sub
    from tieout.sources.decode import read_bytes

    pattern = re.compile(r"^\s*([A-Z][A-Z0-9 -]+?):\s*(.*?)\s*$")

    def agree(line: str) -> None:
        m = pattern.match(line)
        assert sub._field(line) == (None if m is None else (m.group(1).strip(), m.group(2))), line

    lines = 0
    for name in manifest():
        text = decode(read_bytes(CORPUS / name), name)
        if sub.is_submission(text):
            for line in sub._header_block(text).splitlines():
                agree(line)
                lines += 1
    assert lines > 1000
    pieces = ["A", "Z", "a", "0", "9", " ", "-", ":", "::", "\t", "\xa0", "\u2003", "\x1f",
              "\x0b", "\x85", "_", "É", "CIK", "FILER", "x y", "\n", ".", "$"]  # fmt: skip
    rng = random.Random(19)
    for _ in range(20000):  # a header's lines, as ``splitlines`` cuts them
        for line in "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12))).splitlines():
            agree(line)


def test_a_header_read_from_its_read_lines_is_the_header_read_from_every_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """``header`` reads only the lines ``_read_lines`` finds (those at the margin and
    those holding a key it reads): the same ``Source`` as ``header`` reading every line
    ``splitlines`` cuts, on every corpus submission and on generated headers (roles and
    fields of every kind, keys read inside longer keys and values, indentation and line
    ends of every kind, blocks at column 0, the submitter's CIK and an agent's)."""
    import random

    from golden import CORPUS, manifest
    from tieout.model import Format, Source
    from tieout.sources import submission as sub
    from tieout.sources.decode import read_bytes

    source = Source("x", "0" * 64, 1, Format.SUBMISSION)
    read_lines = sub._read_lines

    def both(text: str) -> None:
        fast = sub.header(text, source)
        monkeypatch.setattr(sub, "_read_lines", str.splitlines)
        slow = sub.header(text, source)
        monkeypatch.setattr(sub, "_read_lines", read_lines)
        assert fast == slow, text

    headers = 0
    for name in manifest():
        text = decode(read_bytes(CORPUS / name), name)
        if sub.is_submission(text):
            both(text)
            headers += 1
    assert headers > 10
    pieces = ["FILER:", "SUBJECT COMPANY:", "FILED BY:", " FILER:", "\tCOMPANY DATA:", "",
              "\t\tCOMPANY CONFORMED NAME:\tA CORP", "\t\tCOMPANY CONFORMED NAME:\tB INC",
              "\t\tCENTRAL INDEX KEY:\t0000000001", "\t\tCENTRAL INDEX KEY:\t0000000002",
              "\t\tFORMER CONFORMED NAME:\tC INC", "FILED AS OF DATE:\t20040101",
              "ACCESSION NUMBER:\t0000000001-04-000001", "ACCESSION NUMBER:",
              "CONFORMED SUBMISSION TYPE:\t8-K", "\t\tFORM TYPE:\t8-K/A",
              "CONFORMED PERIOD OF REPORT:\t20031231", "ITEM INFORMATION:\tResults",
              "ITEM INFORMATION:", "\t\tXCENTRAL INDEX KEY:\t3", "\t\tCENTRAL INDEX KEYS:\t4",
              "\t\tSTREET 1:\tCENTRAL INDEX KEY: 5", "\tcompany conformed name:\tD",
              "PUBLIC DOCUMENT COUNT:\t2", "\u2003\tCOMPANY CONFORMED NAME:\tE CO",
              "\x1fCENTRAL INDEX KEY:\t6", "<SEC-HEADER>", " ", "\t", "FILER:  ",
              "\t\tCITY:\tFILER", "A Corp and B Inc", "1 FILER:", "-x"]  # fmt: skip
    ends = ["\n"] * 12 + ["\r", "\r\n", "\x0b", "\x0c", "\x1c", "\x85", "\u2028"]
    rng = random.Random(45)
    for _ in range(3000):
        lines = [rng.choice(pieces) for _ in range(rng.randint(0, 16))]
        mixed = rng.random() < 0.3  # else newlines alone, the lines ``_read_lines`` finds
        head = "".join(line + (rng.choice(ends) if mixed else "\n") for line in lines)
        body = rng.choice(["", "A Corp and B Inc. A Corp, B Inc.", "B Inc. C Inc."])
        both("<SEC-HEADER>\n" + head + "</SEC-HEADER>\n<DOCUMENT>\n" + body)
