"""The digests of a package's input files, remembered by each file's status: a run's cache key
reads only the files changed since they were remembered.

Every run digests every file under its spec folders for its cache key (`pipeline._cache_key`):
on a 1,001-file proto tree ~20 ms of opening, reading and hashing, on a 10 MB description ~10 ms,
whether or not anything changed. A regular file's content digest is kept here with its status
(`file_bytes.marks`: size, modification time, inode, change time, which no edit keeps and a
user cannot set), by path, in one small JSON file per output folder and package in the cache
folder; a file whose status is unchanged is not read again.

File times are coarse (a tick of the clock, milliseconds): a file changed in the same tick as it
was read could keep its status. So a file is remembered only once its change time is `SETTLED`
seconds behind the clock (as git's "racy" entries): a file edited just before a run is read
again by the next one. A damaged or forged file of digests, or an entry of another shape, is a
miss: its files are read.
"""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import IO, Any

import orjson

from generator.cache_files import open_cache_file, replace_atomically
from generator.cache_sweep import mark_used
from generator.file_bytes import marks

SETTLED = 2.0  # seconds: a file changed this recently may change again within the same tick


class InputDigests:
    """The remembered digests at `path` (a file in the cache folder), and this run's."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.known = _read(path)
        self.seen: dict[str, list[Any]] = {}  # this run's: path -> [*marks, digest as hex]

    def digest(self, path: str, status: os.stat_result) -> bytes | None:
        """The remembered digest of the regular file at `path` if `status` is the status it
        was remembered with (None: the file is to be read)."""
        entry = self.known.get(path)
        if entry is None or entry[:4] != marks(status):
            return None
        self.seen[path] = entry
        return bytes.fromhex(entry[4])

    def note(self, path: str, status: os.stat_result, digest: bytes) -> None:
        """Remember `digest`, read from the file at `path` whose status (once opened) was
        `status`, unless it changed too recently to be told apart from an edit (`SETTLED`)."""
        if time.time_ns() - status.st_ctime_ns > SETTLED * 1e9:
            self.seen[path] = [*marks(status), digest.hex()]

    def save(self) -> None:
        """Keep this run's digests, if they are not what was read (a cache that cannot be
        written only costs the next run its reading)."""
        if self.seen == self.known:
            return
        text = orjson.dumps(self.seen)

        def write(stream: IO[bytes]) -> None:
            stream.write(text)

        with contextlib.suppress(OSError):
            replace_atomically(self.path, write)


def _read(path: Path) -> dict[str, list[Any]]:
    """The entries of the file at `path` that have the right shape ({} when there is none)."""
    try:
        with open_cache_file(path) as handle:
            found = orjson.loads(handle.read())
    except (OSError, orjson.JSONDecodeError):
        return {}
    mark_used(path)
    if not isinstance(found, dict):
        return {}
    return {name: entry for name, entry in found.items() if _well_formed(entry)}


def _well_formed(entry: object) -> bool:
    return (
        type(entry) is list
        and len(entry) == 5
        and all(type(value) is int for value in entry[:4])
        and type(entry[4]) is str
        and len(entry[4]) == 64
        and all(character in "0123456789abcdef" for character in entry[4])
    )
