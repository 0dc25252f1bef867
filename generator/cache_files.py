"""Cache files: replaced atomically, and checked.

A file that parses is not proof of an intact file: a flipped byte inside a string or a number
of a pickle or a JSON text reads as other content, which a regeneration would then take for last
run's. So cache files are written with a checksum of their bytes after them (`write_checked`)
and read back only when it matches (`read_checked`): damage is a miss, never other content.
The checksum is XXH3-64 (`xxhash`): ~1 ms per 30 MB, where zlib's CRC-32 took ~12 ms (a
regeneration of the 1,001-file proto tree checks 64 MB of cache files: ~27 ms of CPU then).
"""

from __future__ import annotations

import mmap
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any, BinaryIO

import xxhash

from generator.cache_sweep import mark_used


def replace_atomically(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """`write` the new content into a temporary file of its own beside `path`, then put it in
    place: a reader sees the old file or the new one, and runs sharing the cache folder never
    write into the same partial file. Errors propagate (with no temporary file left behind)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


CHECK_BYTES = 8  # the checksum after a checked file's content (XXH3-64), big-endian


def checksum(data: Any) -> int:
    """The checksum of `data` (bytes or a buffer of them) that a checked file ends with."""
    return xxhash.xxh3_64_intdigest(data)


class _Checking:
    """A stream that takes the checksum of what is written through it (pickles write in frames)."""

    def __init__(self, stream: IO[bytes]) -> None:
        self.stream, self.state = stream, xxhash.xxh3_64()

    def write(self, data: Any) -> int:
        self.state.update(data)
        return self.stream.write(data)


def write_checked(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """`replace_atomically`, with the checksum of what `write` wrote after it (see the module)."""

    def checked(stream: IO[bytes]) -> None:
        checking = _Checking(stream)
        write(checking)  # type: ignore[arg-type]  # (only `write` is asked of it)
        stream.write(checking.state.intdigest().to_bytes(CHECK_BYTES, "big"))

    replace_atomically(path, checked)


def read_checked(path: Path) -> bytes | None:
    """The bytes of a file `write_checked` wrote, when the checksum after its content matches; else
    None (damaged, cut short, or not written so). The check stays at the end, not copied off: a
    pickle reader stops at the end of its pickle. A missing file raises OSError (as does one that
    is no regular file: `open_cache_file`)."""
    with open_cache_file(path) as handle:
        data = handle.read()
    end = len(data) - CHECK_BYTES
    if end < 0 or checksum(memoryview(data)[:end]) != int.from_bytes(data[end:], "big"):
        return None
    mark_used(path)
    return data


def map_checked(path: Path) -> mmap.mmap | None:
    """`read_checked`, the file mapped instead of read: its pages are the page cache's, not
    copied into a fresh buffer of its size (a 74 MB cache mapped costs ~40% fewer page faults and
    a third of the system time of reading it). The mapping reads as a stream (`cache_pickle.load`
    takes it, stopping before the check); the caller closes it. Cache files are replaced, never
    rewritten in place (`replace_atomically`), so a mapped file does not change under its reader;
    another program cutting one short in place under a run would end that run with SIGBUS (the
    README's threat model says so). A missing file raises OSError."""
    found = map_file(path, CHECK_BYTES + 1)
    if found is None:  # (nothing this short was written checked)
        return None
    mapped, status = found
    end = status.st_size - CHECK_BYTES
    with memoryview(mapped) as whole, whole[:end] as content:
        intact = checksum(content) == int.from_bytes(whole[end:], "big")
    if not intact:
        mapped.close()
        return None
    mark_used(path, status.st_mtime)
    return mapped


# Whether a cache file whose contents a run keeps using may stay mapped for the run: where a
# mapped file cannot be replaced (Windows), a run that then writes the file anew reads a copy
KEEP_MAPPED = os.name != "nt"


def map_file(path: Path, least: int = 1) -> tuple[mmap.mmap, os.stat_result] | None:
    """The cache file at `path` mapped for reading (see `map_checked` on why a mapped cache file
    does not change under its reader), with its status; None when shorter than `least` bytes (an
    empty file cannot be mapped). A missing file raises OSError (as does one that is no regular
    file: `open_cache_file`)."""
    with open_cache_file(path) as handle:
        status = os.fstat(handle.fileno())
        if status.st_size < max(least, 1):
            return None
        return mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ), status


# Opened without waiting (a FIFO would block the open) and without following a link at the end
# of the path (which could lead out of the cache folder); flags a platform lacks are left out
_OPEN_CACHE_FILE = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)


def open_cache_file(path: Path | str) -> BinaryIO:
    """The cache file at `path` opened for reading. Only a regular file is: a link, a FIFO, a
    device or a folder put where a cache file goes raises OSError (a miss for every reader), as
    a missing file does; none blocks the run or reads from outside the cache folder."""
    descriptor = os.open(path, _OPEN_CACHE_FILE)
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise OSError(f"not a regular file: {path}")
        return open(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise


class TakenEntryDamaged(Exception):
    """A cache entry taken as sound turned out unreadable when first used (a deferred type's
    bytes, unpacked only when read): too late to count it a miss, so the package is generated
    again with its cached types built as they are taken, where damage is a miss and the entry is
    made and kept afresh (`pipeline.generate`)."""
