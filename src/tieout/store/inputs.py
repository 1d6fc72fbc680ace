"""What a batch reads: files, folders, globs and archives, streamed one file at a time.

Each input becomes an ``Item`` with its bytes and sha256, read once; nothing is listed
ahead (a folder is walked, a glob iterated, a ``.tar.gz`` read as a stream), so memory
does not grow with the corpus. An input that cannot be read becomes an ``Item`` with a
reason, so the batch records it as failed rather than stopping; one that is not read at
all (not a release file, a link out of the folder) an ``Item`` with why it was ignored.

Which files of a folder (or an archive) are read:

- release files by name: ``.txt``, ``.htm``, ``.html``, ``.xhtml``, ``.nc`` (EDGAR
  submission and exhibit files); archives are opened and their members chosen the same
  way; a file without a suffix is read when its first bytes are those of a filing
  (an EDGAR header, ``<DOCUMENT>``, HTML); anything else (``README.md``,
  ``MANIFEST.tsv``) is ignored, counted, not failed. ``--glob`` patterns replace the
  rule: a file is read when its name or its path inside the folder matches one. Files
  and globs named as arguments are always read;
- only regular files: a named pipe, socket or device is a failed item with its reason,
  never opened for reading (opening a pipe would block the batch);
- symbolic links are followed inside the folder; a link whose target lies outside it,
  or a link to a folder, is ignored and counted unless ``follow_links``; a dangling or
  looping link is a failed item.

An item that has no bytes to hash (gone before it was read, a dangling link, a pipe) is
keyed by ``path_key``: the sha256 of its name, so its failure is stored once and a
re-run skips it like any failed file.

A file over ``max_bytes`` is hashed but not held, and fails as too large; hashing stops
at 4 GiB (``HASH_LIMIT``), which bounds the cost of a zip bomb.
"""

from __future__ import annotations

import errno
import fnmatch
import glob
import hashlib
import os
import stat
import tarfile
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import IO

ARCHIVE_SUFFIXES = (".zip", ".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz")
RELEASE_SUFFIXES = (".txt", ".htm", ".html", ".xhtml", ".nc")
_CHUNK = 1 << 20
_HEAD = 4096  # bytes sniffed of a file without a suffix
HASH_LIMIT = 1 << 32  # an input is keyed by the sha256 of at most its first 4 GiB
# What the first bytes of a filing hold: an EDGAR header or document, or HTML.
_FILING_MARKS = (
    b"<sec-document>",
    b"<sec-header>",
    b"<ims-document>",
    b"<ims-header>",
    b"-----begin privacy-enhanced message-----",
    b"accession number:",
    b"<document>",
    b"<html",
    b"<!doctype html",
    b"<body",
    b"<table",
)

NOT_RELEASE = "not a release file (by its name; --glob chooses the files to read)"
NOT_FILING = "not a release file (no suffix, and its first bytes are not a filing's)"
LINK_OUT = "a symbolic link out of the folder, not followed (--follow-links reads it)"
LINK_FOLDER = "a symbolic link to a folder, not followed (--follow-links walks it)"


@dataclass(frozen=True, slots=True)
class Item:
    """One input file: a name to report it by, its bytes, its sha256, or why it has none.

    ``path`` is set when the file lies on disk (so a remote worker can read it itself);
    an archive member has only ``data``. ``ignored`` says why a file is not read at all.
    """

    name: str
    size: int
    sha256: str | None
    data: bytes | None = None
    reason: str | None = None
    path: str | None = None
    ignored: str | None = None


@dataclass(frozen=True, slots=True)
class Select:
    """Which files of a folder or archive a batch reads (see the module docstring)."""

    globs: tuple[str, ...] = ()
    follow_links: bool = False


EVERY_RELEASE = Select()


@dataclass(frozen=True, slots=True)
class Entry:
    """A path an argument names: to read (sniffing its first bytes when ``sniff``), or
    ``ignored`` with the reason, or failed with ``error``."""

    path: str
    ignored: str | None = None
    sniff: bool = False
    error: str | None = None


def is_archive(name: str) -> bool:
    return name.lower().endswith(ARCHIVE_SUFFIXES)


def path_key(name: str) -> str:
    """The key of an input that has no bytes to hash: the sha256 of its name."""
    return hashlib.sha256(
        b"tieout: unread path\0" + name.encode("utf-8", "surrogateescape")
    ).hexdigest()


def looks_like_filing(head: bytes) -> bool:
    """Whether the first bytes of a file are those of a filing (EDGAR header, HTML)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", "replace").encode("ascii", "replace")
    low = head[:_HEAD].lower()
    return any(mark in low for mark in _FILING_MARKS)


def _has_magic(text: str) -> bool:
    return any(ch in text for ch in "*?[")


def _hidden(name: str) -> bool:
    return os.path.basename(name).startswith(".")


def _verdict(name: str, relative: str, select: Select) -> str:
    """What to do with a file, by its name: read it, sniff it (no suffix: its first bytes
    decide) or ignore it."""
    base = os.path.basename(name)
    if is_archive(base):
        return "read"
    if select.globs:
        chosen = any(fnmatch.fnmatch(relative, g) or fnmatch.fnmatch(base, g) for g in select.globs)
        return "read" if chosen else "ignore"
    if base.lower().endswith(RELEASE_SUFFIXES):
        return "read"
    return "sniff" if not os.path.splitext(base)[1] else "ignore"


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _walk(
    folder: str, root: str, real_root: str, select: Select, seen: set[str]
) -> Iterator[Entry]:
    """A folder's files (sorted; subfolders after the files), chosen by ``select``."""
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as error:
        yield Entry(folder, error=f"folder cannot be listed: {error.strerror or error}")
        return
    subfolders: list[str] = []
    for entry in entries:
        if _hidden(entry.name):
            continue
        full = entry.path
        relative = os.path.relpath(full, root)
        if entry.is_symlink():
            verdict = _verdict(full, relative, select)
            if os.path.isdir(full):
                real = os.path.realpath(full)
                if select.follow_links and real not in seen:
                    seen.add(real)
                    subfolders.append(full)
                elif not select.follow_links:
                    yield Entry(full, ignored=LINK_FOLDER)
                continue
            if verdict == "ignore":
                yield Entry(full, ignored=NOT_RELEASE)
            elif not os.path.exists(full):  # dangling or looping: fails when read
                yield Entry(full)
            elif not select.follow_links and not _inside(os.path.realpath(full), real_root):
                yield Entry(full, ignored=LINK_OUT)
            else:
                yield Entry(full, sniff=verdict == "sniff")
        elif entry.is_dir(follow_symlinks=False):
            real = os.path.realpath(full)
            if real not in seen:
                seen.add(real)
                subfolders.append(full)
        else:
            verdict = _verdict(full, relative, select)
            if verdict == "ignore":
                yield Entry(full, ignored=NOT_RELEASE)
            else:
                yield Entry(full, sniff=verdict == "sniff")
    for sub in subfolders:
        yield from _walk(sub, root, real_root, select, seen)


def entries(args: tuple[str, ...] | list[str], select: Select = EVERY_RELEASE) -> Iterator[Entry]:
    """Every path an argument names: itself, a folder's files (walked, sorted), a glob's."""
    for arg in args:
        if os.path.isdir(arg):
            real = os.path.realpath(arg)
            yield from _walk(arg, arg, real, select, {real})
        elif not os.path.lexists(arg) and _has_magic(arg):
            for match in glob.iglob(arg, recursive=True):
                if os.path.isdir(match):
                    yield from entries([match], select)
                elif not _hidden(match):
                    yield Entry(match)
        else:
            yield Entry(arg)


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


def unread(name: str, reason: str, *, size: int = 0, path: str | None = None) -> Item:
    """A failed item with no bytes to hash, keyed by its name (``path_key``)."""
    return Item(name, size, path_key(name), reason=reason, path=path)


_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def _notis_regular(mode: int) -> str | None:
    """Why a file of this mode is not read (None for a regular file)."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "is a directory, not a file"
    kind = next((what for test, what in _KINDS if test(mode)), "not a regular file")
    return f"not a regular file: {kind}; only regular files are read"


def _missing(path: str) -> str:
    if os.path.islink(path):
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        return f"a dangling symbolic link (to {target})"
    return "no such file"


def read_file(path: str, max_bytes: int, *, sniff: bool = False) -> Item:
    """One file on disk as an item (bytes and hash, or the reason it cannot be read).

    Only a regular file is opened for reading: its type is checked before it is opened
    and again on the open descriptor (opened without blocking, so a pipe put in its
    place meanwhile cannot hang the batch). With ``sniff``, a file whose first bytes are
    not a filing's is ignored.
    """
    try:
        why = _notis_regular(os.stat(path).st_mode)
        if why is not None:
            return unread(path, why, path=path)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        return unread(path, _missing(path), path=path)
    except PermissionError:
        return unread(path, "permission denied", path=path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return unread(path, "a symbolic link loop", path=path)
        return unread(path, f"cannot be read: {error.strerror or error}", path=path)
    try:
        with os.fdopen(fd, "rb") as fh:
            info = os.fstat(fh.fileno())
            why = _notis_regular(info.st_mode)
            if why is not None:
                return unread(path, why, path=path)
            if sniff and not looks_like_filing(os.pread(fh.fileno(), _HEAD, 0)):
                return Item(path, info.st_size, None, path=path, ignored=NOT_FILING)
            return _item(path, fh, info.st_size, max_bytes, path)
    except OSError as error:
        return unread(path, f"cannot be read: {error.strerror or error}", path=path)


def _member(member: str, select: Select) -> str | None:
    """Why an archive member is ignored by its name (None: read it, sniffing if needed)."""
    return NOT_RELEASE if _verdict(member, member, select) == "ignore" else None


def _chosen(item: Item, member: str, select: Select) -> Item:
    """An archive member's item, ignored when it has no suffix and is no filing."""
    if (
        item.data is not None
        and _verdict(member, member, select) == "sniff"
        and not looks_like_filing(item.data[:_HEAD])
    ):
        return Item(item.name, item.size, None, ignored=NOT_FILING)
    return item


def _members(
    path: str, select: Select, listing: Iterable[tuple[str, int, Callable[[str], Item | None]]]
) -> Iterator[Item]:
    """The items of an archive's members, each listed as (name, size, how to read it):
    hidden ones left out, those whose name is no release's ignored, the others read (by
    their item's name) and, without a suffix, sniffed."""
    for member, size, read in listing:
        if _hidden(member):
            continue
        name = f"{path}!{member}"
        ignored = _member(member, select)
        if ignored is not None:
            yield Item(name, size, None, ignored=ignored)
            continue
        item = read(name)
        if item is not None:
            yield _chosen(item, member, select)


def _zip_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, max_bytes: int, name: str) -> Item:
    try:
        with archive.open(info) as member:
            return _item(name, member, info.file_size, max_bytes, None)
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as error:
        return unread(name, f"cannot be unpacked: {error}", size=info.file_size)


def _zip(path: str, max_bytes: int, select: Select) -> Iterator[Item]:
    with zipfile.ZipFile(path) as archive:
        yield from _members(
            path,
            select,
            (
                (info.filename, info.file_size, partial(_zip_member, archive, info, max_bytes))
                for info in archive.infolist()
                if not info.is_dir()
            ),
        )


def _tar_member(
    archive: tarfile.TarFile, member: tarfile.TarInfo, max_bytes: int, name: str
) -> Item | None:
    stream = archive.extractfile(member)
    return None if stream is None else _item(name, stream, member.size, max_bytes, None)


def _tar(path: str, max_bytes: int, select: Select) -> Iterator[Item]:
    with tarfile.open(path, mode="r|*") as archive:
        yield from _members(
            path,
            select,
            (
                (member.name, member.size, partial(_tar_member, archive, member, max_bytes))
                for member in archive
                if member.isfile()
            ),
        )


def _archive(path: str, max_bytes: int, select: Select) -> Iterator[Item]:
    """The members of an archive; a broken archive is one failed item, by its own hash."""
    try:
        if path.lower().endswith(".zip"):
            yield from _zip(path, max_bytes, select)
        else:
            yield from _tar(path, max_bytes, select)
    except (zipfile.BadZipFile, tarfile.TarError, OSError, EOFError) as error:
        whole = read_file(path, max_bytes)
        yield Item(
            path,
            whole.size,
            whole.sha256,
            reason=f"not a readable archive: {error}",
            path=path,
        )


def entry_items(entry: Entry, *, max_bytes: int, select: Select) -> Iterator[Item]:
    """The items of one entry: an archive's members, a file, or why it is not read."""
    if entry.ignored is not None:
        yield Item(entry.path, 0, None, path=entry.path, ignored=entry.ignored)
    elif entry.error is not None:
        yield unread(entry.path, entry.error, path=entry.path)
    elif is_archive(entry.path) and is_regular(entry.path):
        yield from _archive(entry.path, max_bytes, select)
    else:
        yield read_file(entry.path, max_bytes, sniff=entry.sniff)


def is_regular(path: str) -> bool:
    """Whether ``path`` is a regular file (following links)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def items(
    args: tuple[str, ...] | list[str], *, max_bytes: int, select: Select = EVERY_RELEASE
) -> Iterator[Item]:
    """Every input file of a batch, with its bytes and hash, one at a time."""
    for entry in entries(args, select):
        yield from entry_items(entry, max_bytes=max_bytes, select=select)


def count(args: tuple[str, ...] | list[str], select: Select = EVERY_RELEASE) -> int | None:
    """How many items ``items`` will yield, or None when an archive is a stream (tar)."""
    total = 0
    for entry in entries(args, select):
        path = entry.path
        if entry.ignored is None and entry.error is None and is_archive(path) and is_regular(path):
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
