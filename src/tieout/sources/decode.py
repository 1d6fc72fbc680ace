"""Bytes to text, refusing what is not a text release: empty, binary, huge, undecodable.

Every refusal is an ``UnreadableInput`` that names the file and the reason in one line,
raised before any parsing starts, so bad input costs at most one read of its first bytes
(a huge file is refused by its size, without being read).

A byte-order mark decides the encoding (UTF-8, UTF-16 or UTF-32, either byte order), as
does ``--encoding utf-16`` (or another UTF-16/32 codec) given for a file without one: the
NUL bytes of such text are not taken for binary data; the decoded text is checked
instead.
"""

from __future__ import annotations

import codecs
import os
import stat
from collections.abc import Callable
from pathlib import Path

from tieout.errors import UnreadableInput
from tieout.extensions import compiled

MAX_BYTES = 32 * 1024 * 1024
"""Largest input read by default. Earnings 8-K submissions run to a few MB; a file far
larger is a 10-K with exhibits, an archive, or built to be slow."""

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a zip archive"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\xd0\xcf\x11\xe0", "a Microsoft Office file"),
    (b"\x7fELF", "an executable"),
)
_SNIFF = 64 * 1024
# the control bytes no text holds (tab, newline, form feed and carriage return do)
_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def _controls_python(head: bytes) -> int:
    """How many control bytes the head holds (``_CONTROLS``: below 0x20, not a tab,
    newline, form feed or carriage return).

    The specification of the compiled ``controls`` (``_tags.c``), which counts them in one
    loop, where ``bytes.translate`` copied every other byte of the 64 KB looked at."""
    return len(head) - len(head.translate(None, _CONTROLS))


_tags = compiled("tieout.sources._tags")
COMPILED = _tags is not None
# the control bytes of a head: the compiled ``controls`` where it is built, else its
# specification
_controls: Callable[[bytes], int] = _tags.controls if _tags is not None else _controls_python


def _binary_reason(head: bytes) -> str | None:
    for magic, what in _MAGIC:
        if head.startswith(magic):
            return f"{what}, not a text release"
    if b"\x00" in head:
        return "binary data (NUL bytes), not a text release"
    controls = _controls(head)
    if head and controls / len(head) > 0.05:
        return "binary data (control bytes), not a text release"
    return None


# longest first: the UTF-32 LE mark begins with the UTF-16 LE one
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _wide(data: bytes, encoding: str) -> str | None:
    """The codec of text whose bytes may hold NULs: by its byte-order mark, or asked for."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        return None
    return encoding if name.startswith(("utf-16", "utf-32")) else None


def _text_reason(text: str) -> str | None:
    """Why decoded text is not a text release (NULs, control characters), or None."""
    if "\x00" in text:
        return "binary data (NUL characters), not a text release"
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\f\r")
    if text and controls / len(text) > 0.05:
        return "binary data (control characters), not a text release"
    return None


def _decode_wide(data: bytes, name: str, codec: str) -> str:
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise UnreadableInput(name, f"{what}, not a text release")
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as error:
        raise UnreadableInput(
            name, f"not valid {codec.removesuffix('-sig')} at byte {error.start}"
        ) from None
    reason = _text_reason(text[:_SNIFF])
    if reason:
        raise UnreadableInput(name, reason)
    if not text.strip():
        raise UnreadableInput(name, "empty file")
    return text


def decode(data: bytes, name: str, *, encoding: str = "utf-8") -> str:
    """The text of a release from its bytes, or a one-line error naming the file."""
    if not data or data.isspace():  # ``not data.strip()``, without copying the data
        raise UnreadableInput(name, "empty file")
    codec = _wide(data, encoding)
    if codec is not None:
        text = _decode_wide(data, name, codec)
        return _newlines(text.lstrip("\ufeff"))
    reason = _binary_reason(data[:_SNIFF])
    if reason:
        raise UnreadableInput(name, reason)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise UnreadableInput(
            name,
            f"not valid {encoding} at byte {error.start} "
            f"(0x{data[error.start]:02x}); EDGAR filings are ASCII: "
            "pass --encoding cp1252 if the file is in a legacy encoding",
        ) from None
    except LookupError:
        raise UnreadableInput(name, f"unknown encoding {encoding!r}") from None
    return _newlines(text.lstrip("\ufeff"))


def _newlines(text: str) -> str:
    """The text with each CR LF and each lone CR made a newline (one scan where none)."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_bytes(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of a file no larger than ``max_bytes``, or a one-line error."""
    p = Path(path)
    name = str(path)
    try:
        # one stat says whether it is a directory and its size (``is_dir`` took one more;
        # the errors it hides, a missing file or a link loop, this stat raised after it)
        found = os.stat(p)
        if stat.S_ISDIR(found.st_mode):
            raise UnreadableInput(name, "is a directory, not a file")
        size = found.st_size
        if size > max_bytes:
            raise UnreadableInput(
                name,
                f"too large: {size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB limit "
                "for one release (raise it with --max-bytes)",
            )
        with p.open("rb") as fh:
            data = fh.read(size + 1)  # not max_bytes: read() allocates what it is asked for
            if len(data) > size:  # grew while we read it
                data += fh.read(max_bytes + 1 - len(data))
    except FileNotFoundError:
        raise UnreadableInput(name, "no such file") from None
    except PermissionError:
        raise UnreadableInput(name, "permission denied") from None
    except IsADirectoryError:
        raise UnreadableInput(name, "is a directory, not a file") from None
    except OSError as error:
        raise UnreadableInput(name, f"cannot be read: {error.strerror or error}") from None
    if len(data) > max_bytes:  # grew while we looked, or a device
        raise UnreadableInput(name, f"too large: over the {max_bytes / 1e6:.1f} MB limit")
    return data
