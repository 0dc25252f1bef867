"""Component schemas converted in an earlier run, replayed when nothing they read has changed.

A unit is the conversion of one `components/schemas` entry: the named types it makes (its own and
the inline ones it hoists), the ids it claims, the sites it names and the problems it reports.
Recorded with it is everything it read:

- the document entries it looked at: its own and those its `$ref`s reach, each as a digest of the
  whole top-level entry around the node (`components/<kind>/<key>`, `paths/<path>`, `info`, ...):
  of the text the entry was read from when the document was read entry by entry
  (`parse_entries`; the value is the one read, no copy), else of its content;
- the converter's answers about sites other units named (`site_ids`), and the naming places of
  schemas reached through `$ref` (they may come from types other units made);
- the ids it claimed, in order.

The next run converts the components in the same order. A unit whose every read gives the same
answer now is replayed: its claims are made again and must give the same ids (else they are taken
back), then its types, sites and problems are added as recorded. Otherwise it is converted
afresh. Each unit's result is thereby the one a cold run gives in the same state, and the state
after it too: the whole conversion equals the cold one. Units that read another file (external
`$ref`s) are never recorded; Swagger 2.0 descriptions (whose locations are mapped back through the
conversion) do not use units at all.

A unit also keeps the content digest of each type it made (`generator.ir.serialize.content_digest`,
taken when it was converted), with the few facts the converter asks of every type (`Made`). A
replayed unit's types are then not built at all when the caller takes deferred types
(`generator.ir.deferred`): each is a `Deferred` holding its digest, built from the unit's bytes
only if something reads it (the changed types' models modules, a body type an operation looks
into). Otherwise they are built as the unit is replayed, and `digested` hands their digests to
the caches downstream (limits, snapshot fragments, rendered units), which would otherwise spell
out every replayed type again.

An operation is a unit too (`operations.OperationConverter._unit`, keyed by
`("operation", method, path)`): its record adds the operation itself (the IR object) and the content
digest of each named type it looked into (a body's `stream` field, a page's items: a type's
content may change while no entry the operation read did, when it merges another through
`allOf`), checked before it is replayed.

The store is one file per description in the cache folder: pickles of plain data, each unit's
types pickled apart (replayed units keep their bytes, so a regeneration re-pickles only what it
converted; a replayed unit's record is copied as it was read, not pickled again) and read back by
`generator.cache_pickle`, which builds nothing but our own classes. A damaged, foreign or missing
file is a miss; so is a unit whose types' bytes no longer give their CRC-32 (checked when it is
replayed: a deferred type is built later, when a miss could no longer be converted afresh).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import tempfile
import zlib
from collections.abc import Iterable
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from generator import cache_pickle
from generator import json_pointer as pointers
from generator.diagnostics import Problem
from generator.ir.model import NamedType, Operation

# Bump when what a unit records changes meaning.
_VERSION = "4"

# What a unit tells of each type it made without building it: its id, its content digest, its
# name's words (the naming place of a `$ref` to it) and, for an alias or a union, the ids its
# references name (`alias_cycles.alias_refs`; None for other types)
Made = tuple[str, str, tuple[str, ...], tuple[str, ...] | None]

Record = tuple[
    tuple[tuple[str, str, str], ...],  # reads: (file, entry pointer, digest)
    tuple[tuple[str, str, str | None], ...],  # site ids asked for: (file, pointer, id or None)
    tuple[tuple[str, str, str, tuple[str, ...]], ...],  # places: (file, pointer, id, words)
    tuple[tuple[str, tuple[str, ...], str], ...],  # claims: (wanted, where, id)
    tuple[tuple[str, str, str], ...],  # sites named: (file, pointer, id)
    tuple[Made, ...],  # the types made, in order
    tuple[Problem, ...],  # the problems reported
    bytes,  # the types, pickled as (id, type) pairs (`pack`): built when read (`ir.deferred`)
    int,  # the CRC-32 of those bytes (damage found when replaying, not when building)
]


# What an operation's unit keeps: its record, the operation, and the content digest of each named
# type it looked into (`operations.OperationConverter._unit`)
OperationRecord = tuple[Record, Operation, tuple[tuple[str, str], ...]]

# A unit's key: a component schema's name, or ("operation", method, path)
UnitKey = str | tuple[str, str, str]

class UnitCounts(Protocol):
    """Where a run counts the component schemas it converted and those it replayed."""

    schemas_converted: int
    schemas_reused: int
    schemas_copied: int
    schema_copy_writes: int
    operations_converted: int
    operations_reused: int


def unit_key(root: Path, strict: bool, code: str) -> str:
    """What every unit of a description depends on besides what it reads: where the description
    is and where we run (locations in problems), `strict` (warnings or errors), our code."""
    text = f"{_VERSION}\0{root}\0{Path.cwd()}\0{strict}\0{code}"
    return hashlib.sha256(text.encode("utf-8", "backslashreplace")).hexdigest()


def entry_of(pointer: str) -> str:
    """The top-level entry a node belongs to: `/components/schemas/A` for
    `/components/schemas/A/properties/b`, `/paths/~1x` for a node under that path."""
    tokens = pointers.split(pointer)
    depth = 3 if tokens[:1] == ["components"] else 2
    return pointers.join("", *tokens[:depth])


def digest_of(node: Any) -> str:
    # `repr` of parsed data tells every value apart (1, 1.0, True and "1"; key order too)
    return hashlib.blake2b(repr(node).encode("utf-8", "backslashreplace"), digest_size=16).hexdigest()


def pack(types: Iterable[tuple[str, NamedType]]) -> bytes:
    return cache_pickle.dumps(tuple(types))


def unpack(blob: bytes) -> tuple[tuple[str, NamedType], ...] | None:
    """A unit's types as (id, type) pairs, or None when the bytes are not what `pack` wrote."""
    try:
        types = cache_pickle.loads(blob)
        if type(types) is not tuple or not all(type(pair) is tuple and len(pair) == 2 for pair in types):
            return None
    except Exception:  # anything at all: a damaged entry is a miss
        return None
    return types


def check(blob: bytes) -> int:
    return zlib.crc32(blob)


class SchemaUnits:
    """The units of one description: last run's, and this run's, written as they are kept (one
    pickle after another behind a version one; a unit's bytes are not held until the end)."""

    def __init__(self, folder: Path | None, key: str) -> None:
        self.path = None if folder is None else folder / f"schema-units-{key}.pickle"
        # where each of last run's records lies in its file (copied from there when kept as read)
        self._spans: dict[UnitKey, tuple[int, int]] = {}
        self._read: bytes = b""  # last run's file, as read (kept records are copied from it)
        self.previous = self._load()
        self.converted = 0  # units converted afresh in this run
        self.reused = 0  # ... replayed from the last run
        self.operations_converted = 0  # the operations among them (`operations._unit`)
        self.operations_reused = 0
        self.copied = 0  # records kept as last run wrote them (copied, not pickled again)
        self.copy_writes = 0  # ... written in this many stretches of last run's file
        # the types the units of this run made, each with its content digest
        self.digested: list[tuple[NamedType, str]] = []
        self._stream: BinaryIO | None = None
        # the stretch of last run's file (start, end) holding the records copied since the last
        # write: records kept in the order they were read are written in one piece
        self._pending: tuple[int, int] | None = None
        self._temporary: Path | None = None

    def recorded(self, key: UnitKey) -> Any:
        """Last run's record under `key`, as read (checked by whatever replays it), or None."""
        return self.previous.get(key)

    def keep(self, key: UnitKey, record: Record | OperationRecord) -> None:
        if self.path is None:
            return
        try:
            if self._stream is None:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".schema-units-")
                self._temporary = Path(temporary)
                self._stream = os.fdopen(handle, "wb")
                cache_pickle.dump(_VERSION, self._stream)
            span = self._spans.get(key) if record is self.previous.get(key) else None
            if span is not None:  # the bytes it was read from, written with the run they continue
                start, end = span
                if self._pending is not None and self._pending[1] == start:
                    start = self._pending[0]
                else:
                    self._flush()
                self._pending = (start, end)
                self.copied += 1
                return
            self._flush()
            cache_pickle.dump((key, record), self._stream)
        except OSError:  # a cache that cannot be written only costs time
            self._discard()
            self.path = None

    def _flush(self) -> None:
        """Write the records copied but not written yet: one stretch of last run's file."""
        if self._pending is not None and self._stream is not None:
            start, end = self._pending
            self._stream.write(memoryview(self._read)[start:end])
            self.copy_writes += 1
        self._pending = None

    def save(self) -> None:
        """Put this run's units in place of the last run's, and let go of the last run's."""
        try:
            if self._stream is not None and self._temporary is not None and self.path is not None:
                self._flush()
                self._stream.close()
                os.replace(self._temporary, self.path)
                self._stream = self._temporary = None
        except OSError:
            self._discard()
        finally:
            self.previous, self._spans, self._read, self._pending = {}, {}, b"", None

    def _discard(self) -> None:
        with contextlib.suppress(OSError):
            if self._stream is not None:
                self._stream.close()
            if self._temporary is not None:
                self._temporary.unlink(missing_ok=True)
        self._stream = self._temporary = None
        self._pending = None

    def _load(self) -> dict[UnitKey, Any]:
        if self.path is None:
            return {}
        units: dict[UnitKey, Any] = {}
        spans: dict[UnitKey, tuple[int, int]] = {}
        try:
            # read whole and kept: kept records are copied from it (as read, whatever replaces it)
            data = self.path.read_bytes()
            stream = io.BytesIO(data)
            # an unpickler for each pickle: each numbers the objects it shares from 0
            if cache_pickle.load(stream) != _VERSION:
                return {}
            while stream.tell() < len(data):
                start = stream.tell()
                key, record = cache_pickle.load(stream)
                units[key] = record
                spans[key] = (start, stream.tell())
        except Exception:  # missing, damaged or foreign: start afresh
            return {}
        self._spans, self._read = spans, data
        return units
