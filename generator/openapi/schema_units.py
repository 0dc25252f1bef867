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

A unit also keeps the content digest of each type it made, taken when it was converted: of the
type's text in the IR snapshot (`generator.ir.serialize.snapshot_digest`; the text is handed on
with the type, `texts`, for the snapshot to take as it is: a cold run encodes each type once, not
spelled out for a digest and then encoded), or `content_digest` where the snapshot writes it
another way; with the few facts the converter asks of every type (`Made`). A
replayed unit's types are then not built at all when the caller takes deferred types
(`generator.ir.deferred`): each is a `Deferred` holding its digest, built from the unit's bytes
only if something reads it (the changed types' models modules, a body type an operation looks
into). Otherwise they are built as the unit is replayed, and `digested` hands their digests to
the caches downstream (limits, snapshot fragments, rendered units), which would otherwise spell
out every replayed type again.

An operation is a unit too (`operations.OperationConverter._unit`, keyed by
`("operation", method, path)`): its record adds the operation itself (the IR object), the content
digest of each named type it looked into (a body's `stream` field, a page's items: a type's
content may change while no entry the operation read did, when it merges another through
`allOf`), checked before it is replayed, and the operation's own content digest, handed on
(`operations_digested`) as a type's is.

The store is one file per description in the cache folder: pickles of plain data, each unit's
types kept apart as the data of their IR snapshot texts, compact JSON (`kept_types`: from the data
converted for their digests anyway; pickled only when the snapshot writes one of them another
way), and rebuilt from those texts when read (`serialize.from_data`); replayed units keep their
bytes, so a regeneration encodes only what it converted (a replayed unit's record is copied as
it was read, not pickled again). Records are read back by `generator.cache_pickle`, which builds
nothing but our own classes. The file is mapped, not read, and those bytes lie outside their
record's pickle (`_dump_record`): read back, they are views of the mapping, not ~20 MB (8,000
units) copied into objects of their own. As with `cache_layers`, a regeneration that changed few
units leaves the file (the base) as it is and writes the records that differ from it, and the
keys gone, into an overlay file beside it, which names the base it applies to; once the overlay
would hold more than a quarter of the records, the base is written afresh (the records kept from
it copied as read) and the overlay goes. A damaged, foreign or missing base is a miss; so is a
record whose bytes no longer give the checksum written before it (checked when the store is
read, before anything is replayed: the bytes of a unit's types lie within its record, so they
are sound when a deferred type is built later, when a miss could no longer be converted afresh;
they are not checked again: ~20 MB, ~7 ms, on 8,000 units). An overlay that does not read, or
names another base, is not applied: the base's records are replayed where they still hold (each
is checked against what it read, as ever).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import mmap
import os
import pickle
import struct
import tempfile
from pathlib import Path
from typing import Any, BinaryIO, Protocol

from generator import cache_files, cache_pickle
from generator import json_pointer as pointers
from generator.cache_files import checksum, map_file
from generator.cache_sweep import mark_used
from generator.diagnostics import Problem
from generator.ir.model import NamedType, Operation

# Bump when what a unit records changes meaning.
_VERSION = "11"
# An overlay may always hold this many changed records, or a quarter of all (`cache_layers`)
MIN_OVERLAY = 64
OVERLAY_SHARE = 4

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
    bytes | memoryview,  # the types, as their snapshot texts or pickled (`ir.kept_types.pack`): built when read
    # (`ir.deferred`); as read back, a view of the store file's bytes (see `_dump_record`)
]


# What an operation's unit keeps: its record, the operation, the content digest of each named type
# it looked into, and the operation's own content digest (`operations.OperationConverter._unit`)
OperationRecord = tuple[Record, Operation, tuple[tuple[str, str], ...], str]

# A unit's key: a component schema's name, or ("operation", method, path)
UnitKey = str | tuple[str, str, str]
# a store file's bytes: mapped (`cache_files.map_file`), or none; and where a record lies in them
Stored = bytes | mmap.mmap
Span = tuple[Stored, int, int]

class UnitCounts(Protocol):
    """Where a run counts the component schemas it converted and those it replayed."""

    schemas_converted: int
    schemas_reused: int
    schemas_copied: int
    schema_copy_writes: int
    schemas_left_in_place: int
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
    if "~" in pointer or not pointer.startswith("/"):
        return _entry_by_tokens(pointer)
    # nothing escaped (as in most pointers, of every site a unit read): the pointer's start, cut
    # after its third token under `/components`, its second elsewhere, as `_entry_by_tokens` has it
    depth = 3 if pointer.startswith("/components/") or pointer == "/components" else 2
    return "/".join(pointer.split("/", depth + 1)[: depth + 1])


def _entry_by_tokens(pointer: str) -> str:
    tokens = pointers.split(pointer)
    depth = 3 if tokens[:1] == ["components"] else 2
    return pointers.join("", *tokens[:depth])


def digest_of(node: Any) -> str:
    # `repr` of parsed data tells every value apart (1, 1.0, True and "1"; key order too)
    return hashlib.blake2b(repr(node).encode("utf-8", "backslashreplace"), digest_size=16).hexdigest()


class SchemaUnits:
    """The units of one description: last run's, and this run's, written as they are kept (one
    pickle after another behind a header; a unit's bytes are not held until the end)."""

    def __init__(self, folder: Path | None, key: str) -> None:
        self.path = None if folder is None else folder / f"schema-units-{key}.pickle"
        # where each of last run's records lies: (its file's bytes, start, end), copied from
        # there when kept as read; the base file's, and the overlay's
        self._spans: dict[UnitKey, Span] = {}
        self._base: Stored = b""  # last run's base file, as mapped
        self._base_id = ""
        self._base_keys: set[UnitKey] = set()  # the keys whose record is the base file's
        self._base_all: frozenset[UnitKey] = frozenset()  # every key the base file holds
        self.previous = self._load()
        self.converted = 0  # units converted afresh in this run
        self.reused = 0  # ... replayed from the last run
        self.operations_converted = 0  # the operations among them (`operations._unit`)
        self.operations_reused = 0
        self.copied = 0  # records kept as last run wrote them (copied or left in place, not pickled again)
        self.copy_writes = 0  # ... written in this many stretches of last run's files
        self.left_in_place = 0  # ... left in the base file (only an overlay written)
        # the types the units of this run made, each with its content digest; and the operations
        # (a replayed one's digest as recorded: 1,600 operations are ~25 ms to spell out again)
        self.digested: list[tuple[NamedType, str]] = []
        # the text in the IR snapshot of those types converted this run (`serialize.snapshot_text`,
        # taken for their digests: `SchemaConverter._digest`)
        self.texts: list[tuple[NamedType, bytes]] = []
        self.operations_digested: list[tuple[Operation, str]] = []
        # the records this run keeps that are not the base's, as written (an overlay when there
        # is a base, else a base): one pickle after another behind the header
        self._stream: BinaryIO | None = None
        self._written: set[UnitKey] = set()  # the keys of the records in it
        self._header_end = 0  # where its records begin
        self._in_place: list[UnitKey] = []  # the keys kept as the base holds them, in order
        # the stretch of one of last run's files (bytes, start, end) holding the records copied
        # since the last write: records kept in the order they were read are written in one piece
        self._pending: Span | None = None
        self._temporary: Path | None = None

    def recorded(self, key: UnitKey) -> Any:
        """Last run's record under `key`, as read (checked by whatever replays it), or None."""
        return self.previous.get(key)

    def keep(self, key: UnitKey, record: Record | OperationRecord) -> None:
        if self.path is None:
            return
        try:
            span = self._spans.get(key) if record is self.previous.get(key) else None
            if span is not None and key in self._base_keys:  # left where the base holds it
                self._in_place.append(key)
                self.copied += 1
                return
            stream = self._stream or self._open()
            self._written.add(key)
            if span is not None:  # the bytes it was read from, written with the run they continue
                data, start, end = span
                if self._pending is not None and self._pending[0] is data and self._pending[2] == start:
                    start = self._pending[1]
                else:
                    self._flush()
                self._pending = (data, start, end)
                self.copied += 1
                return
            self._flush()
            _dump_record(stream, key, record)
        except OSError:  # a cache that cannot be written only costs time
            self._discard()
            self.path = None

    def _open(self) -> BinaryIO:
        """The stream of this run's records: an overlay of the base when there is one."""
        assert self.path is not None
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".schema-units-")
        self._temporary = Path(temporary)
        self._stream = stream = os.fdopen(handle, "wb")
        if self._base_id:
            cache_pickle.dump((_VERSION, "overlay", self._base_id), stream)
        else:
            cache_pickle.dump((_VERSION, "base", os.urandom(12).hex()), stream)
        self._header_end = stream.tell()
        return stream

    def _flush(self) -> None:
        """Write the records copied but not written yet: one stretch of one of last run's files."""
        if self._pending is not None and self._stream is not None:
            data, start, end = self._pending
            self._stream.write(memoryview(data)[start:end])
            self.copy_writes += 1
        self._pending = None

    def save(self) -> None:
        """Put this run's units in place of the last run's, and let go of the last run's."""
        try:
            if self.path is not None and (self._stream is not None or self._in_place):
                stream = self._stream or self._open()
                self._flush()
                overlay = _overlay_path(self.path)
                if not self._base_id:  # no base: what was written is the base
                    self._put(stream, self.path)
                    overlay.unlink(missing_ok=True)
                    return
                kept = set(self._in_place)
                gone = [key for key in self._base_all if key not in kept and key not in self._written]
                total = len(self._in_place) + len(self._written)
                if len(self._written) + len(gone) <= max(MIN_OVERLAY, total // OVERLAY_SHARE):
                    for key in gone:
                        _dump_record(stream, key, None)
                    self._put(stream, overlay)
                    self.left_in_place = len(self._in_place)
                    return
                self._rewrite_base(stream)
                overlay.unlink(missing_ok=True)
        except OSError:
            self._discard()
        finally:  # (a second save finds nothing to write)
            self._discard()
            self.previous, self._spans, self._base, self._base_keys, self._base_all = {}, {}, b"", set(), frozenset()
            self._in_place, self._written = [], set()

    def _put(self, stream: BinaryIO, path: Path) -> None:
        """Close the stream written and put its file at `path`."""
        stream.close()
        assert self._temporary is not None
        os.replace(self._temporary, path)
        self._stream = self._temporary = None

    def _rewrite_base(self, changes: BinaryIO) -> None:
        """A new base: the records left in place copied from the old one, then those written."""
        assert self.path is not None and self._temporary is not None
        changes.close()
        written = self._temporary.read_bytes()[self._header_end :]
        self._temporary.unlink()
        self._stream = self._temporary = None
        self._base_id = ""  # (what `_open` writes next is a base)
        stream = self._open()
        for key in self._in_place:
            data, start, end = self._spans[key]
            if self._pending is not None and self._pending[0] is data and self._pending[2] == start:
                start = self._pending[1]
            else:
                self._flush()
            self._pending = (data, start, end)
        self._flush()
        stream.write(written)
        self._put(stream, self.path)

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
        try:
            # mapped and kept: kept records are copied from it (as read, whatever replaces it)
            data = _mapped(self.path)
            units, spans, header = _records(data)
            if header[:2] != (_VERSION, "base") or type(header[2]) is not str:
                return {}
            mark_used(self.path)
        except Exception:  # missing, damaged or foreign: start afresh
            return {}
        self._base, self._base_id, self._base_keys, self._base_all = data, header[2], set(units), frozenset(units)
        try:
            changed, changed_spans, header = _records(_mapped(_overlay_path(self.path)))
            if header == (_VERSION, "overlay", self._base_id):
                for key, record in changed.items():
                    if record is None:  # a key gone
                        units.pop(key, None)
                        spans.pop(key, None)
                    else:
                        units[key], spans[key] = record, changed_spans[key]
                self._base_keys.difference_update(changed)
        except Exception:  # no overlay, or a damaged one: the base alone
            pass
        self._spans = spans
        return units


# a record's head: the length of its body and the checksum of it (`cache_files.checksum`); and the
# length before each piece of the body
_HEAD = struct.Struct("<IQ")
_LENGTH = struct.Struct("<I")
# a store file's header is this short (three short strings pickled); read through a stream of its
# own, not one over the whole file
_HEADER_BYTES = 256


def _dump_record(stream: BinaryIO, key: UnitKey, record: Any) -> None:
    """One record: its head, then its body: the pickle of (key, record), then the bytes the pickle
    leaves out (`cache_pickle.dump_out_of_band`: a unit's types, `_types_apart`), each piece after
    its length. Read back, those are views of the store file's bytes: 21 MB of 8,000 units' types
    not copied into objects of their own."""
    buffers: list[cache_pickle.Buffer] = []
    pickled = io.BytesIO()
    cache_pickle.dump_out_of_band((key, _types_apart(key, record)), pickled, buffers)
    pieces = [pickled.getbuffer(), *buffers]
    body = b"".join(part for piece in pieces for part in (_LENGTH.pack(len(piece)), piece))
    stream.write(_HEAD.pack(len(body), checksum(body)))
    stream.write(body)


def _types_apart(key: UnitKey, record: Any) -> Any:
    """`record` with the bytes of its unit's types (where a `Record` holds them: last; in an
    operation's, its own record's) as a `pickle.PickleBuffer`, which is pickled out of band.
    (None, an overlay's mark of a key gone, stays None.)"""
    if record is None:
        return None
    if type(key) is tuple:  # an operation's: (record, operation, types looked into, digest)
        return (_types_apart("", record[0]), *record[1:])
    return (*record[:-1], pickle.PickleBuffer(record[-1]))


def _mapped(path: Path) -> Stored:
    """The store file's bytes, mapped: a unit's types are views of them until the run ends (where
    a mapped file cannot be replaced, as on Windows, a copy is read: `cache_files.KEEP_MAPPED`)."""
    if not cache_files.KEEP_MAPPED:
        with cache_files.open_cache_file(path) as handle:
            return handle.read()
    found = map_file(path)
    return b"" if found is None else found[0]


def _records(data: Stored) -> tuple[dict[UnitKey, Any], dict[UnitKey, Span], Any]:
    """The records of a store file by key, where each lies in it, and the file's header. A record
    whose bytes do not give their checksum is left out unread (a miss: a flipped byte in a string
    still unpickles, as other content). Raises what unpickling raises on a damaged header, or on
    a body not laid out as `_dump_record` lays it out."""
    units: dict[UnitKey, Any] = {}
    spans: dict[UnitKey, Span] = {}
    stream = io.BytesIO(data[:_HEADER_BYTES])
    view = memoryview(data)
    # an unpickler for each pickle: each numbers the objects it shares from 0
    header = cache_pickle.load(stream)
    if type(header) is not tuple or len(header) != 3:
        raise ValueError("not a store of schema units")
    start = stream.tell()
    sound: list[tuple[int, int]] = []  # where the records whose checksum holds lie
    head, size = _HEAD.size, len(data)
    while start + head <= size:
        length, check = _HEAD.unpack_from(view, start)
        end = start + head + length
        if end > size:
            break  # cut short: the records before it stand
        if checksum(view[start + head : end]) == check:
            sound.append((start, end))
        start = end
    loaded = cache_pickle.load_all(_pieces(view[start + head : end]) for start, end in sound)
    for (key, record), (start, end) in zip(loaded, sound, strict=True):
        units[key] = record
        spans[key] = (data, start, end)
    return units, spans, header


def _pieces(body: memoryview) -> tuple[memoryview, list[memoryview]]:
    """A record's pickle and the bytes values left out of it (see `_dump_record`)."""
    pieces = []
    end, size = 0, len(body)
    while end < size:
        start = end + _LENGTH.size
        end = start + _LENGTH.unpack_from(body, end)[0]
        pieces.append(body[start:end])
    if end != size or not pieces:  # (under a sound checksum: forged)
        raise ValueError("a record's body is not laid out as records are")
    return pieces[0], pieces[1:]


def _overlay_path(path: Path) -> Path:
    return path.with_name(path.name + ".overlay")
