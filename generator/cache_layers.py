"""A cache file of many entries that a regeneration changes little: a base and a small overlay.

After a one-field change almost every entry of a large cache (one per .proto file, one per
rendered piece) is what it was, yet writing the whole file again costs tens of megabytes each
run. So `save` writes only what differs from the base file (the entries added or changed, the
keys gone) into an overlay file beside it, which names the base it applies to; once the overlay
would hold more than a quarter of the entries, the base is written afresh and the overlay goes.
Reading gives the base with the overlay applied: the entries of the latest save, where an entry
equal to the base's (same type, `==`) is the base's (the entries kept are strings, bytes and data
classes of them, for which that is sameness).

Both files are pickles read through `cache_pickle`, written with a checksum of their bytes
(`cache_files.write_checked`) and read only when it matches. A missing or damaged base reads as
nothing; a missing or damaged overlay, or one that names another
base (a run sharing the cache folder wrote a new one), as the base alone: at worst a miss.

A file saved `with_buffers` keeps its large bytes values (`cache_pickle.MIN_BUFFER` and up: the
encoded pieces of an IR snapshot, rendered texts) out of the pickle, after it, and reads them
back as read-only views of the mapped file: not copied, and not even paged in unless used (the
80 MB of a large package's units were 40% of the time loading it). Such a file is `BUFFERED`,
then the pickle, the buffers, and last a pickle of the buffers' sizes followed by its own size
(`_SIZE_BYTES`); the checksum covers it all. Sizes that do not fit the file are a damaged file.
"""

from __future__ import annotations

import contextlib
import io
import os
import pickle
from collections.abc import Mapping
from dataclasses import field
from pathlib import Path
from typing import IO, Any

from generator import cache_files, cache_pickle
from generator.cache_files import CHECK_BYTES, map_checked, write_checked
from generator.cache_pickle import Buffer
from generator.lazy_dataclass import lazy_dataclass

Sections = dict[str, dict[Any, Any]]
MIN_OVERLAY = 64  # an overlay may always hold this many changes, however small the cache
OVERLAY_SHARE = 4  # ... or a quarter of the entries: beyond, the base is written afresh


@lazy_dataclass(eq=False)  # (never compared: no __eq__ compiled at import)
class Layered:
    """The sections (named mappings) of one cache file as read, and what `save` compares with."""

    path: Path
    salt: str
    sections: Sections = field(default_factory=dict)
    _base: Sections = field(default_factory=dict)  # the base file's sections, as read
    _base_id: str = ""
    with_buffers: bool = False  # large bytes values kept out of the pickle (see the module)

    @classmethod
    def load(cls, path: Path, salt: str, *, with_buffers: bool = False) -> Layered:
        layered = cls(path, salt, with_buffers=with_buffers)
        try:
            base = _read(path)
            if base is None or base["salt"] != salt or not isinstance(base["id"], str):
                return layered
            sections = {name: entries for name, entries in base["sections"].items() if type(entries) is dict}
        except Exception:  # a missing or damaged base is an empty cache
            return layered
        # the base's sections as read, and a copy of each that the caller may change (one copy:
        # tens of thousands of entries); a section the overlay changes is copied once more
        layered._base, layered._base_id = sections, base["id"]
        layered.sections = {name: dict(entries) for name, entries in sections.items()}
        try:
            overlay = _read(_overlay_path(path))
            if overlay is not None and overlay["salt"] == salt and overlay["base"] == base["id"]:
                applied = dict(layered.sections)
                for name, (changed, gone) in overlay["sections"].items():
                    if changed or gone:
                        entries = applied[name] = dict(applied.get(name, {}))
                        entries.update(changed)
                        for key in gone:
                            entries.pop(key, None)
                layered.sections = applied
        except Exception:  # no overlay, or a damaged one: the base alone
            pass
        return layered

    def save(self, sections: Mapping[str, Mapping[Any, Any]]) -> None:
        """Make the file read back as `sections`; a cache that cannot be written only costs time."""
        changes: dict[str, tuple[dict[Any, Any], list[Any]]] = {}
        for name, entries in sections.items() if self._base_id else ():  # (no base: nothing to compare)
            base = self._base.get(name, {})
            kept = base.get  # (tens of thousands of entries, mostly the very objects read: a
            # first pass picks the others, which alone are compared)
            differ = [key for key, value in entries.items() if kept(key, _NONE) is not value]
            changed = {key: entries[key] for key in differ if not _same(kept(key, _NONE), entries[key])}
            # a key of the base is gone only if fewer of them are among the entries than it holds
            added = sum(1 for key in differ if key not in base)
            gone = [] if len(entries) - added == len(base) else [key for key in base if key not in entries]
            changes[name] = (changed, gone)
        changes.update({name: ({}, list(base)) for name, base in self._base.items() if name not in sections})
        count = sum(len(changed) + len(gone) for changed, gone in changes.values())
        total = sum(len(entries) for entries in sections.values())
        with contextlib.suppress(OSError, pickle.PicklingError, TypeError, AttributeError):
            if self._base_id and count <= max(MIN_OVERLAY, total // OVERLAY_SHARE):
                if count or _overlay_path(self.path).exists():
                    overlay = {"salt": self.salt, "base": self._base_id, "sections": changes}
                    _write(_overlay_path(self.path), overlay, self.with_buffers)
                return
            changes.clear()  # (not needed for a base: let go of it before the pickler's memo grows)
            base = {"salt": self.salt, "id": os.urandom(12).hex(), "sections": dict(sections)}
            _write(self.path, base, self.with_buffers)
            _overlay_path(self.path).unlink(missing_ok=True)
            # a later save compares with the base now on disk
            self._base, self._base_id = {name: dict(entries) for name, entries in sections.items()}, base["id"]


_NONE = object()


def _same(old: Any, new: Any) -> bool:
    return old is not _NONE and type(old) is type(new) and bool(old == new)


BUFFERED = b"apigen buffers\n"  # how a file with buffers begins (a pickle never does)
_SIZE_BYTES = 8  # the size of the pickle of the buffers' sizes, big-endian, last


def _write(path: Path, value: Any, with_buffers: bool) -> None:
    if not with_buffers:
        write_checked(path, lambda stream: cache_pickle.dump(value, stream))
        return

    def write(stream: IO[bytes]) -> None:
        buffers: list[cache_pickle.Buffer] = []
        stream.write(BUFFERED)
        cache_pickle.dump(value, stream, buffers)
        sizes = [memoryview(buffer).nbytes for buffer in buffers]
        _write_gathered(stream, buffers, sizes)
        tail = cache_pickle.dumps(sizes)
        stream.write(tail + len(tail).to_bytes(_SIZE_BYTES, "big"))

    write_checked(path, write)


WRITE_AT_ONCE = 1 << 20  # bytes of buffers gathered into one write (see `_write_gathered`)


def _write_gathered(stream: IO[bytes], buffers: list[Buffer], sizes: list[int]) -> None:
    """Write `buffers` (of `sizes` bytes) one after the other, gathered into writes of about
    `WRITE_AT_ONCE` bytes: the stream's buffer holds 8 KB, so thousands of rendered texts and IR
    pieces of a few KB written one by one cost a system call every few (a large package's 45 MB
    of them: ~40 ms of CPU time, most of it the system's; ~10 ms gathered)."""
    gathered: list[Buffer] = []
    size = 0
    for buffer, nbytes in zip(buffers, sizes, strict=True):
        gathered.append(buffer)
        size += nbytes
        if size >= WRITE_AT_ONCE:
            stream.write(b"".join(gathered))
            gathered, size = [], 0
    if gathered:
        stream.write(b"".join(gathered))


def _read(path: Path) -> Any:
    """What `path` holds, or None when it fails its check (`cache_files.map_checked`)."""
    mapped = map_checked(path)
    if mapped is None:
        return None
    if mapped[: len(BUFFERED)] != BUFFERED:
        with mapped:
            return cache_pickle.load(mapped)  # type: ignore[arg-type]  # (a stream of bytes)
    # (the mapping stays open while a view of it is held, and goes with the last one; where a
    # mapped file cannot be replaced, a copy is read instead)
    stream: IO[bytes] = mapped  # type: ignore[assignment]  # (a stream of bytes)
    if not cache_files.KEEP_MAPPED:
        with mapped:
            stream = io.BytesIO(mapped[:])
    whole = stream.getbuffer() if isinstance(stream, io.BytesIO) else memoryview(mapped)
    end = len(whole) - CHECK_BYTES - _SIZE_BYTES
    start = end - int.from_bytes(whole[end : end + _SIZE_BYTES], "big")
    sizes = cache_pickle.loads(whole[start:end]) if len(BUFFERED) <= start <= end else None
    if type(sizes) is not list or not all(type(size) is int and size >= 0 for size in sizes):
        return None
    position = start - sum(sizes)
    if position < len(BUFFERED):
        return None
    buffers = []
    for size in sizes:
        buffers.append(whole[position : position + size])
        position += size
    stream.seek(len(BUFFERED))
    value = cache_pickle.load(stream, buffers)
    # the pickle ends where the buffers begin, or the sizes are not those written
    return value if stream.tell() == start - sum(sizes) else None


def _overlay_path(path: Path) -> Path:
    return path.with_name(path.name + ".overlay")
