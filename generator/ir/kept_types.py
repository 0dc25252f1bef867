"""Named types kept in a cache as the data of their IR snapshot texts, and built back from them.

A front end that takes each type's content digest of its snapshot text
(`serialize.snapshot_digested`) has the type's snapshot data at hand: written as compact JSON
(`pack`) it is what a cache keeps of the type, in place of a pickle (on 6,000 OpenAPI types a
pickle was ~0.3 s of a cold run, the compact text ~0.03 s), and `unpack` builds the type back
from it (`serialize.from_data`). Used by the OpenAPI schema units (`generator.openapi.schema_units`)
and the proto front end's per-file units (`generator.proto.to_ir`).
"""

from __future__ import annotations

import struct
from collections.abc import Iterable

import orjson

from generator import cache_pickle
from generator.ir.model import NamedType
from generator.ir.serialize import from_data

# The first byte of types kept as their texts (`pack`; a pickle's is 0x80, its opcode PROTO), and
# the length before each text
_TEXTS = b"T"
_TEXT_LENGTH = struct.Struct("<I")


def pack(types: Iterable[tuple[str, NamedType]], texts: Iterable[bytes | None]) -> bytes:
    """Types (`types`, as (id, type) pairs) for `unpack` to give back: their `texts`, the data of
    their IR snapshot text as compact JSON (`serialize.snapshot_digested` with `compact`), one
    after another, each after its length; or pickled when one of them has no text (None: the
    snapshot writes it another way). Built from its text, a type is the very type converted:
    every field the snapshot leaves out is at its default, and every value it writes reads back
    as the value written (strings, numbers and flags; JSON values as parsed: lists, string-keyed
    dicts)."""
    kept = list(texts)
    if any(text is None for text in kept):
        return cache_pickle.dumps(tuple(types))
    pieces = [_TEXTS]
    for text in kept:
        assert text is not None
        pieces += (_TEXT_LENGTH.pack(len(text)), text)
    return b"".join(pieces)


def unpack(blob: bytes | memoryview) -> tuple[tuple[str, NamedType], ...] | None:
    """Types as (id, type) pairs, or None when the bytes are not what `pack` wrote."""
    try:
        if blob[:1] == _TEXTS:
            return tuple((named.id, named) for named in _from_texts(memoryview(blob)))
        types = cache_pickle.loads(blob)
        if type(types) is not tuple or not all(_a_pair(item) for item in types):
            return None
    except Exception:  # anything at all: a damaged entry is a miss
        return None
    return types


def _a_pair(item: object) -> bool:
    return type(item) is tuple and len(item) == 2


def _from_texts(blob: memoryview) -> list[NamedType]:
    """The types whose texts `pack` wrote one after another (raises on bytes laid out otherwise,
    or a text that is no named type's)."""
    types: list[NamedType] = []
    end, size = len(_TEXTS), len(blob)
    while end < size:
        start = end + _TEXT_LENGTH.size
        end = start + _TEXT_LENGTH.unpack_from(blob, end)[0]
        if end > size:
            raise ValueError("cached types' texts cut short")
        types.append(from_data(NamedType, orjson.loads(blob[start:end])))
    return types
