"""Seeded mutations of a release's bytes: what broken, hostile and odd filings look like.

Each mutator takes the bytes of a release and a seeded ``random.Random`` and returns new
bytes; ``mutant`` applies one to three of them, chosen by the seed, so a ``Recipe``
(source name, seed, size) gives the same bytes on every machine and every run. Used by
the seeded fuzz test of ``make test`` (``tests/test_fuzz.py``, small sizes) and by the
long run of ``make fuzz`` (``bench/fuzz.py``, large sizes).

The mutators cover damage (bytes flipped, truncation, lines lost or doubled, blocks
swapped, NUL, CR and CRLF, mixed encodings), hostile markup (deep nesting, unclosed
tags, huge spans, a DOCTYPE with a large internal subset, control characters in
attribute names, terminal escapes, entity floods), odd figures (huge and tiny numbers,
digits of other scripts, stray parentheses and dollar signs) and odd structure (wide and
long tables, long lines, bogus EDGAR headers, documents nested in documents).
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass

Mutator = Callable[[bytes, random.Random, "Size"], bytes]
NUMBER = re.compile(rb"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
TAG_CLOSE = re.compile(rb"</(?:td|tr|table|div|p|font|span|b|document|text)\s*>", re.I)
TAG_OPEN = re.compile(rb"<(?:td|th|tr|table|div|p)\b", re.I)


@dataclass(frozen=True, slots=True)
class Size:
    """How large the inserted structures get: small in the test suite, large in make fuzz."""

    name: str
    nesting: int  # elements nested
    long_line: int  # characters of one line
    wide: int  # cells of one table row
    long: int  # rows of one table
    subset: int  # characters of a DOCTYPE's internal subset
    flood: int  # entities, tags or escapes inserted


SMALL = Size("small", nesting=400, long_line=20_000, wide=400, long=600, subset=20_000, flood=2_000)
LARGE = Size(
    "large",
    nesting=5_000,
    long_line=200_000,
    wide=3_000,
    long=10_000,
    subset=150_000,
    flood=100_000,
)
SIZES = {s.name: s for s in (SMALL, LARGE)}


def _line_bounds(data: bytes) -> list[int]:
    """Offsets where lines start (and the end)."""
    starts = [0]
    starts.extend(m.end() for m in re.finditer(rb"\n", data))
    if starts[-1] != len(data):
        starts.append(len(data))
    return starts


def _at_line(data: bytes, rng: random.Random) -> int:
    starts = _line_bounds(data)
    return rng.choice(starts)


def _insert(data: bytes, rng: random.Random, piece: bytes) -> bytes:
    at = _at_line(data, rng)
    return data[:at] + piece + data[at:]


def _numbers(data: bytes) -> list[re.Match[bytes]]:
    return list(NUMBER.finditer(data))


def _replace_numbers(
    data: bytes, rng: random.Random, make: Callable[[bytes, random.Random], bytes], most: int
) -> bytes:
    found = _numbers(data)
    if not found:
        return _insert(data, rng, b"Net sales  " + make(b"1,234", rng) + b"\n")
    chosen = sorted(
        rng.sample(found, min(len(found), rng.randint(1, most))), key=lambda m: m.start()
    )
    out, last = [], 0
    for match in chosen:
        out.append(data[last : match.start()])
        out.append(make(match.group(), rng))
        last = match.end()
    out.append(data[last:])
    return b"".join(out)


def byte_flip(data: bytes, rng: random.Random, size: Size) -> bytes:
    if not data:
        return bytes([rng.randrange(256)])
    buf = bytearray(data)
    for _ in range(rng.randint(1, 32)):
        i = rng.randrange(len(buf))
        buf[i] ^= rng.randint(1, 255)
    return bytes(buf)


def truncate(data: bytes, rng: random.Random, size: Size) -> bytes:
    return data[: rng.randint(0, len(data))]


def delete_lines(data: bytes, rng: random.Random, size: Size) -> bytes:
    starts = _line_bounds(data)
    if len(starts) < 3:
        return data[: len(data) // 2]
    i = rng.randrange(len(starts) - 1)
    j = min(len(starts) - 1, i + rng.randint(1, 60))
    return data[: starts[i]] + data[starts[j] :]


def duplicate_lines(data: bytes, rng: random.Random, size: Size) -> bytes:
    starts = _line_bounds(data)
    if len(starts) < 3:
        return data + data
    i = rng.randrange(len(starts) - 1)
    j = min(len(starts) - 1, i + rng.randint(1, 60))
    block = data[starts[i] : starts[j]]
    return data[: starts[j]] + block * rng.randint(1, 3) + data[starts[j] :]


def swap_blocks(data: bytes, rng: random.Random, size: Size) -> bytes:
    if len(data) < 4:
        return data[::-1]
    a, b, c = sorted(rng.sample(range(len(data)), 3))
    return data[:a] + data[b:c] + data[a:b] + data[c:]


def deep_nesting(data: bytes, rng: random.Random, size: Size) -> bytes:
    depth = rng.randint(size.nesting // 4, size.nesting)
    tag = rng.choice([b"div", b"table", b"font", b"b", b"td"])
    closed = rng.random() < 0.5
    body = (
        (b"<" + tag + b">") * depth
        + b"Net sales 1,234"
        + ((b"</" + tag + b">") * depth if closed else b"")
    )
    return _insert(data, rng, body + b"\n")


def unclosed_tags(data: bytes, rng: random.Random, size: Size) -> bytes:
    closes = list(TAG_CLOSE.finditer(data))
    if closes and rng.random() < 0.7:
        drop = {m.start() for m in rng.sample(closes, min(len(closes), rng.randint(1, 40)))}
        out, last = [], 0
        for match in closes:
            if match.start() in drop:
                out.append(data[last : match.start()])
                last = match.end()
        out.append(data[last:])
        return b"".join(out)
    return _insert(data, rng, b"<table><tr><td>Revenue<td>1,234<tr><td>Total<td>(99\n")


def long_line(data: bytes, rng: random.Random, size: Size) -> bytes:
    words = [
        b"net sales increased 4% to $1.2 million, ",
        b"compared to $33,006,000 in the prior year; ",
        b"diluted earnings per share were $0.03 (",
        b"up 6 percent from 2003, ",
        b"x" * 97 + b" ",
    ]
    target = rng.randint(size.long_line // 4, size.long_line)
    parts: list[bytes] = []
    length = 0
    while length < target:
        word = rng.choice(words)
        parts.append(word)
        length += len(word)
    return _insert(data, rng, b"".join(parts) + b"\n")


def huge_number(data: bytes, rng: random.Random, size: Size) -> bytes:
    def make(old: bytes, rng: random.Random) -> bytes:
        digits = "".join(rng.choice("123456789") for _ in range(rng.randint(26, 80)))
        if rng.random() < 0.4:
            digits = f"{int(digits):,}"
        return digits.encode() + (b"%" if rng.random() < 0.3 else b"")

    return _replace_numbers(data, rng, make, 3)


def tiny_number(data: bytes, rng: random.Random, size: Size) -> bytes:
    def make(old: bytes, rng: random.Random) -> bytes:
        return b"0." + b"0" * rng.randint(12, 400) + rng.choice(b"123456789").to_bytes(1, "big")

    return _replace_numbers(data, rng, make, 3)


_DIGITS = (0x0660, 0x06F0, 0x0966, 0xFF10, 0x1D7CE, 0x09E6, 0x0E50)


def unicode_digits(data: bytes, rng: random.Random, size: Size) -> bytes:
    def make(old: bytes, rng: random.Random) -> bytes:
        zero = rng.choice(_DIGITS)
        text = "".join(chr(zero + int(c)) if c.isdigit() else c for c in old.decode())
        return text.encode("utf-8")

    return _replace_numbers(data, rng, make, 12)


def stray_symbols(data: bytes, rng: random.Random, size: Size) -> bytes:
    def make(old: bytes, rng: random.Random) -> bytes:
        before = rng.choice([b"", b"(", b"$", b"$(", b"-", b"((", b"$ $"])
        after = rng.choice([b"", b")", b"%", b"))", b")%", b"$"])
        return before + old + after

    return _replace_numbers(data, rng, make, 20)


def nul_bytes(data: bytes, rng: random.Random, size: Size) -> bytes:
    buf = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        at = rng.randint(0, len(buf))
        buf[at:at] = b"\x00" * rng.randint(1, 64)
    return bytes(buf)


def newlines(data: bytes, rng: random.Random, size: Size) -> bytes:
    plain = data.replace(b"\r\n", b"\n")
    choice = rng.choice(["cr", "crlf", "mixed", "bare-cr-in-lines"])
    if choice == "cr":
        return plain.replace(b"\n", b"\r")
    if choice == "crlf":
        return plain.replace(b"\n", b"\r\n")
    if choice == "mixed":
        lines = plain.split(b"\n")
        return b"".join(line + rng.choice([b"\n", b"\r\n", b"\r"]) for line in lines)
    buf = bytearray(plain)
    for _ in range(rng.randint(1, 50)):
        at = rng.randint(0, len(buf))
        buf[at:at] = b"\r"
    return bytes(buf)


def mixed_encodings(data: bytes, rng: random.Random, size: Size) -> bytes:
    pieces = [
        b"\x93quoted\x94 \x96 dash \xa0nbsp",  # cp1252
        b"caf\xe9 r\xe9sum\xe9",  # latin-1
        "Net sales – € 1.234,5".encode("utf-16-le"),
        b"\xc3\x28 \xa0\xa1 \xe2\x28\xa1 \xf0\x28\x8c\xbc",  # invalid UTF-8
        b"\xef\xbb\xbf",  # a byte-order mark mid-file
        b"\xff\xfe\x00\x00",
        "Umsatz 1.234 ¥ £ ₹ ﷼".encode(),
    ]
    out = data
    for _ in range(rng.randint(1, 6)):
        at = rng.randint(0, len(out))
        out = out[:at] + rng.choice(pieces) + out[at:]
    return out


def wide_table(data: bytes, rng: random.Random, size: Size) -> bytes:
    cells = rng.randint(size.wide // 4, size.wide)
    kind = rng.choice(["html", "text", "colspan"])
    if kind == "html":
        row = b"".join(
            b"<td>%d,%03d</td>" % (rng.randint(1, 999), rng.randint(0, 999)) for _ in range(cells)
        )
        piece = (
            b"<table><tr><td>Net sales</td>"
            + row
            + b"</tr><tr><td>Total</td>"
            + row
            + b"</tr></table>"
        )
    elif kind == "colspan":
        span = rng.choice([b"99999999", b"1001", b"-5", b"0", b"1e9", b"abc"])
        piece = (
            b'<table><tr><td colspan="' + span + b'">Three months</td></tr>'
            b'<tr><td rowspan="' + span + b'">Net sales</td><td>1,234</td></tr></table>'
        )
    else:
        row = b"".join(b" %10s" % f"{rng.randint(1, 99999):,}".encode() for _ in range(cells))
        piece = b"Net sales     " + row + b"\nCost of sales " + row + b"\n"
    return _insert(data, rng, piece + b"\n")


def long_table(data: bytes, rng: random.Random, size: Size) -> bytes:
    rows = rng.randint(size.long // 4, size.long)
    html = rng.random() < 0.5
    lines = []
    for n in range(rows):
        a, b = rng.randint(1, 99999), rng.randint(1, 99999)
        if html:
            lines.append(
                b"<tr><td>Item %d</td><td>%s</td><td>%s</td></tr>"
                % (n, f"{a:,}".encode(), f"{b:,}".encode())
            )
        else:
            lines.append(b"Item %-20d %12s %12s" % (n, f"{a:,}".encode(), f"{b:,}".encode()))
    body = b"\n".join(lines)
    piece = (
        b"<table>" + body + b"</table>" if html else b"(in thousands)\n" + body + b"\nTotal  1  2"
    )
    return _insert(data, rng, piece + b"\n")


def bogus_edgar_header(data: bytes, rng: random.Random, size: Size) -> bytes:
    fields = [
        b"ACCESSION NUMBER:\t\t"
        + rng.choice([b"0000000000-00-000000", b"garbage", b"", b"9" * 200]),
        b"CONFORMED SUBMISSION TYPE:\t" + rng.choice([b"8-K", b"10-Q", b"", b"8-K/A\x00"]),
        b"PUBLIC DOCUMENT COUNT:\t\t" + rng.choice([b"2", b"-1", b"99999999999999999999", b"two"]),
        b"CONFORMED PERIOD OF REPORT:\t"
        + rng.choice([b"20240230", b"00000000", b"2024", b"99999999"]),
        b"FILED AS OF DATE:\t\t" + rng.choice([b"20241301", b"20240731", b"", b"1e9"]),
        b"ITEM INFORMATION:\t\t" + rng.choice([b"Results of Operations", b"", b"\x1b[2J"]),
        b"CENTRAL INDEX KEY:\t\t" + rng.choice([b"0000320193", b"ABC", b"-1", b"1" * 40]),
        b"COMPANY CONFORMED NAME:\t\t" + rng.choice([b"APPLE INC", b"", b"\xff\xfe", b"A" * 5000]),
    ]
    rng.shuffle(fields)
    kept = fields[: rng.randint(0, len(fields))]
    header = b"<SEC-DOCUMENT>x.txt : 20240731\n<SEC-HEADER>\n" + b"\n".join(kept) + b"\n"
    if rng.random() < 0.7:
        header += b"</SEC-HEADER>\n"
    doc = rng.choice(
        [
            b"<DOCUMENT>\n<TYPE>EX-99.1\n<TEXT>\n",
            b"<DOCUMENT>\n<TYPE>EX-99.1\n",
            b"<DOCUMENT>\n<TEXT>\n",
            b"<DOCUMENT>\n<TYPE>EX-99.1\n<FILENAME>a.htm\n<TEXT>\n<html>",
        ]
    )
    tail = rng.choice([b"\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n", b"", b"\n</DOCUMENT>\n"])
    return header + doc + data + tail


def nested_documents(data: bytes, rng: random.Random, size: Size) -> bytes:
    open_ = b"<DOCUMENT>\n<TYPE>EX-99.%d\n<TEXT>\n"
    depth = rng.randint(1, 40)
    head = b"".join(open_ % n for n in range(1, depth + 1))
    close = b"</TEXT>\n</DOCUMENT>\n" * rng.randint(0, depth + 2)
    half = len(data) // 2
    if rng.random() < 0.5:
        return head + data + close
    return data[:half] + head + data[half:] + close


def terminal_escapes(data: bytes, rng: random.Random, size: Size) -> bytes:
    escapes = [
        b"\x1b]0;pwned\x07",
        b"\x1b[2J\x1b[H",
        b"\x1b]8;;http://example.invalid/\x1b\\link\x1b]8;;\x1b\\",
        "\u202e\u2028\u2029\x85\x9b2J".encode(),
        b"\x07\x08\x7f",
    ]
    return _replace_numbers(data, rng, lambda old, r: r.choice(escapes) + old, 10)


def attribute_controls(data: bytes, rng: random.Random, size: Size) -> bytes:
    pieces = [
        b'<td a\x01b="1">1,234</td>',
        b"<p \x00x=1>",
        b'<td style="\x1b">5</td>',
        b"<td \xff=1>",
    ]
    opens = list(TAG_OPEN.finditer(data))
    if not opens:
        return _insert(data, rng, b"<table><tr>" + rng.choice(pieces) + b"</tr></table>\n")
    match = rng.choice(opens)
    return (
        data[: match.end()]
        + rng.choice([b" a\x01b=1", b" \x02=2", b' x\x1b="y"'])
        + data[match.end() :]
    )


def doctype_subset(data: bytes, rng: random.Random, size: Size) -> bytes:
    n = rng.randint(size.subset // 4, size.subset)
    subset = b'<!ENTITY big "' + b"x" * n + b'">'
    if rng.random() < 0.5:
        subset += b'<!ENTITY lol "&big;&big;&big;&big;">'
    return b"<!DOCTYPE html [" + subset + b"]>\n" + data


def entity_flood(data: bytes, rng: random.Random, size: Size) -> bytes:
    n = rng.randint(size.flood // 8, size.flood)
    piece = rng.choice(
        [b"&amp;", b"&#0;", b"&#99999999;", b"&#x110000;", b"&nbsp;", b"&bogus;", b"<b>"]
    )
    return _insert(data, rng, piece * n + b"\n")


MUTATORS: dict[str, Mutator] = {
    "byte-flip": byte_flip,
    "truncate": truncate,
    "delete-lines": delete_lines,
    "duplicate-lines": duplicate_lines,
    "swap-blocks": swap_blocks,
    "deep-nesting": deep_nesting,
    "unclosed-tags": unclosed_tags,
    "long-line": long_line,
    "huge-number": huge_number,
    "tiny-number": tiny_number,
    "unicode-digits": unicode_digits,
    "stray-symbols": stray_symbols,
    "nul": nul_bytes,
    "newlines": newlines,
    "mixed-encodings": mixed_encodings,
    "wide-table": wide_table,
    "long-table": long_table,
    "bogus-edgar-header": bogus_edgar_header,
    "nested-documents": nested_documents,
    "terminal-escapes": terminal_escapes,
    "attribute-controls": attribute_controls,
    "doctype-subset": doctype_subset,
    "entity-flood": entity_flood,
}


@dataclass(frozen=True, slots=True)
class Recipe:
    """How one fuzz input is made: the release it starts from, the seed, the size."""

    source: str
    seed: int
    size: str = "small"

    def __str__(self) -> str:
        return f"{self.source}#{self.seed}@{self.size}"

    @classmethod
    def parse(cls, text: str) -> Recipe:
        source, _, rest = text.rpartition("#")
        seed, _, size = rest.partition("@")
        return cls(source, int(seed), size or "small")


def steps(recipe: Recipe) -> list[str]:
    """The mutators a recipe applies, in order (one to three, chosen by its seed)."""
    rng = random.Random(f"{recipe.source}#{recipe.seed}")
    names = sorted(MUTATORS)
    return [rng.choice(names) for _ in range(rng.choice([1, 1, 2, 3]))]


def mutant(recipe: Recipe, data: bytes) -> bytes:
    """The bytes of the fuzz input ``recipe`` makes from its release's bytes ``data``."""
    size = SIZES[recipe.size]
    for number, name in enumerate(steps(recipe)):
        rng = random.Random(f"{recipe.source}#{recipe.seed}/{number}/{name}")
        data = MUTATORS[name](data, rng, size)
    return data
