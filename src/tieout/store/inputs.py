"""What a batch reads: files, folders, globs and archives, streamed one file at a time.

Each input becomes an ``Item`` with its bytes and sha256, read once; nothing is listed
ahead (a folder is walked, a glob iterated, a ``.tar.gz`` read as a stream), so memory
does not grow with the corpus. An input that cannot be read becomes an ``Item`` with a
reason, so the batch records it as failed rather than stopping.

A file over ``max_bytes`` is hashed but not held, and fails as too large; hashing stops
at 4 GiB (``HASH_LIMIT``), which bounds the cost of a zip bomb.
"""

from __future__ import annotations

import glob
import hashlib
import os
import tarfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz")
_CHUNK = 1 << 20
HASH_LIMIT = 1 << 32  # an input is keyed by the sha256 of at most its first 4 GiB


@dataclass(frozen=True, slots=True)
class Item:
    """One input file: a name to report it by, its bytes, its sha256, or why it has none.

    ``path`` is set when the file lies on disk (so a remote worker can read it itself);
    an archive member has only ``data``.
    """

    name: str
    size: int
    sha256: str | None
    data: bytes | None = None
    reason: str | None = None
    path: str | None = None


def is_archive(name: str) -> bool:
    return name.lower().endswith(ARCHIVE_SUFFIXES)


def _has_magic(text: str) -> bool:
    return any(ch in text for ch in "*?[")


def _hidden(name: str) -> bool:
    return os.path.basename(name).startswith(".")


def paths(args: tuple[str, ...] | list[str]) -> Iterator[str]:
    """Every file an argument names: itself, a folder's files (walked, sorted), a glob's."""
    for arg in args:
        if os.path.isdir(arg):
            for root, dirs, files in os.walk(arg):
                dirs[:] = sorted(d for d in dirs if not _hidden(d))
                for name in sorted(files):
                    if not _hidden(name):
                        yield os.path.join(root, name)
        elif not os.path.exists(arg) and _has_magic(arg):
            for match in glob.iglob(arg, recursive=True):
                if os.path.isdir(match):
                    yield from paths([match])
                elif not _hidden(match):
                    yield match
        else:
            yield arg


def _bounded(stream: IO[bytes], max_bytes: int) -> tuple[bytes | None, str, int]:
    """(bytes, or None when over ``max_bytes``; sha256 of the whole; bytes hashed).

    Bytes past ``max_bytes`` are hashed, not held; hashing stops at ``HASH_LIMIT``.
    """
    digest = hashlib.sha256()
    held: list[bytes] | None = []
    seen = 0
    while seen < HASH_LIMIT:
        block = stream.read(_CHUNK)
        if not block:
            break
        digest.update(block)
        seen += len(block)
        if held is not None:
            held.append(block)
            if seen > max_bytes:
                held = None
    if held is None:
        return None, digest.hexdigest(), seen
    return b"".join(held), digest.hexdigest(), seen


def _too_large(name: str, size: int, max_bytes: int) -> str:
    shown = f"{size / 1e6:.1f} MB"
    return (
        f"too large: {shown}, over the {max_bytes / 1e6:.1f} MB limit for one release "
        "(raise it with --max-bytes)"
    )


def _item(name: str, stream: IO[bytes], size: int, max_bytes: int, path: str | None) -> Item:
    data, sha, seen = _bounded(stream, max_bytes)
    if data is None:
        size = max(size, seen)
        return Item(name, size, sha, reason=_too_large(name, size, max_bytes), path=path)
    return Item(name, len(data), sha, data=data, path=path)


def read_file(path: str, max_bytes: int) -> Item:
    """One file on disk as an item (bytes and hash, or the reason it cannot be read)."""
    try:
        size = os.path.getsize(path)
        with open(path, "rb") as fh:
            return _item(path, fh, size, max_bytes, path)
    except FileNotFoundError:
        return Item(path, 0, None, reason="no such file", path=path)
    except PermissionError:
        return Item(path, 0, None, reason="permission denied", path=path)
    except IsADirectoryError:
        return Item(path, 0, None, reason="is a directory, not a file", path=path)
    except OSError as error:
        return Item(path, 0, None, reason=f"cannot be read: {error.strerror or error}", path=path)


def _zip(path: str, max_bytes: int) -> Iterator[Item]:
    with zipfile.ZipFile(path) as archive:
        for info in archive.infolist():
            if info.is_dir() or _hidden(info.filename):
                continue
            name = f"{path}!{info.filename}"
            try:
                with archive.open(info) as member:
                    yield _item(name, member, info.file_size, max_bytes, None)
            except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as error:
                yield Item(name, info.file_size, None, reason=f"cannot be unpacked: {error}")


def _tar(path: str, max_bytes: int) -> Iterator[Item]:
    with tarfile.open(path, mode="r|*") as archive:
        for member in archive:
            if not member.isfile() or _hidden(member.name):
                continue
            name = f"{path}!{member.name}"
            stream = archive.extractfile(member)
            if stream is None:
                continue
            yield _item(name, stream, member.size, max_bytes, None)


def _archive(path: str, max_bytes: int) -> Iterator[Item]:
    """The members of an archive; a broken archive is one failed item, by its own hash."""
    try:
        if path.lower().endswith(".zip"):
            yield from _zip(path, max_bytes)
        else:
            yield from _tar(path, max_bytes)
    except (zipfile.BadZipFile, tarfile.TarError, OSError, EOFError) as error:
        whole = read_file(path, max_bytes)
        yield Item(
            path,
            whole.size,
            whole.sha256,
            reason=f"not a readable archive: {error}",
            path=path,
        )


def items(args: tuple[str, ...] | list[str], *, max_bytes: int) -> Iterator[Item]:
    """Every input file of a batch, with its bytes and hash, one at a time."""
    for path in paths(args):
        if is_archive(path) and os.path.isfile(path):
            yield from _archive(path, max_bytes)
        else:
            yield read_file(path, max_bytes)


def count(args: tuple[str, ...] | list[str]) -> int | None:
    """How many items ``items`` will yield, or None when an archive is a stream (tar)."""
    total = 0
    for path in paths(args):
        if is_archive(path) and os.path.isfile(path):
            if not path.lower().endswith(".zip"):
                return None
            try:
                with zipfile.ZipFile(path) as archive:
                    total += sum(
                        1 for i in archive.infolist() if not i.is_dir() and not _hidden(i.filename)
                    )
            except (zipfile.BadZipFile, OSError):
                total += 1
        else:
            total += 1
    return total
