"""Named types remembered from an earlier run, built only when something reads them.

A regeneration after a one-schema change replays thousands of component schemas from the cache
(`generator.openapi.schema_units`). Most of what reads their types needs their content digest
only (the limits memo, the IR snapshot's fragments, the outlines of the symbol tables, the checks
of rendered units): a `Deferred` type stands in for one such type in `API.types`, with its id,
its content digest (as the front end took it of the type it stands for: `content_digest` or
`snapshot_digest`, `generator.ir.serialize`) and the few facts the front end asks of every
type, and is built from its bytes when first read.

Only the generation pipeline asks for deferred types (`load_openapi(..., deferred=True)`); what
it hands them to reads them through `built` (one node) or `Built` (a mapping by id), or walks
them as it walks any IR (`generator.ir.limits`, `generator.ir.serialize`), which build them
first. Everything else gets built types only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any

from generator.cache_files import TakenEntryDamaged
from generator.ir.model import Location, NamedType

Blob = bytes | memoryview  # (a view: of a mapped cache file's bytes)


class Source:
    """The bytes of the types one cached unit made, unpacked once, when the first is read."""

    __slots__ = ("_blob", "_types", "_unpack")

    def __init__(self, blob: Blob, unpack: Callable[[Blob], Sequence[tuple[str, NamedType]]]):
        self._blob, self._unpack = blob, unpack
        self._types: dict[str, NamedType] | None = None

    @property
    def is_built(self) -> bool:
        return self._types is not None

    def type(self, type_id: str) -> NamedType:
        if self._types is None:
            try:
                self._types = dict(self._unpack(self._blob))
            except Exception as exc:  # (the unit's bytes are checked here, not when replayed)
                raise TakenEntryDamaged(f"a cached unit's types: {type(exc).__name__}") from exc
            self._blob = b""
        try:
            return self._types[type_id]
        except KeyError:  # a unit that does not hold the types it was kept with
            raise TakenEntryDamaged(f"a cached unit lacks {type_id!r}") from None


class Deferred:
    """A named type not built yet (see the module docstring): `words` are its name's words,
    `alias_refs` the ids its references name when it is an alias or a union (else None).
    `kind` and `location` are the built type's, given by a front end that knows them (the
    proto front end: its renderer's tables read them of every type), else read when asked."""

    __slots__ = ("_kind", "_location", "_source", "alias_refs", "digest", "id", "words")

    def __init__(
        self,
        type_id: str,
        digest: str,
        words: tuple[str, ...],
        alias_refs: tuple[str, ...] | None,
        source: Source,
        *,
        kind: str = "",
        location: Location | None = None,
    ) -> None:
        self.id, self.digest, self.words, self.alias_refs = type_id, digest, words, alias_refs
        self._source, self._kind, self._location = source, kind, location

    @property
    def kind(self) -> str:
        return self._kind or self.built().kind

    @property
    def location(self) -> Location | None:
        return self._location if self._kind else self.built().location

    @property
    def is_built(self) -> bool:
        return self._source.is_built

    def built(self) -> NamedType:
        return self._source.type(self.id)

    def __repr__(self) -> str:  # (never the content: that is what `built` gives)
        return f"Deferred({self.id!r}, {self.digest!r})"


def built(node: Any) -> Any:
    """`node`, or the type a `Deferred` stands for."""
    return node.built() if type(node) is Deferred else node


class Built(Mapping[str, NamedType]):
    """Named types by id (`stored`: some of them `Deferred`), each built when looked up."""

    __slots__ = ("_stored",)

    def __init__(self, stored: Mapping[str, NamedType | Deferred]) -> None:
        self._stored = stored

    def __getitem__(self, key: str) -> NamedType:
        found = self._stored[key]
        return found.built() if isinstance(found, Deferred) else found

    def __contains__(self, key: object) -> bool:
        return key in self._stored

    def __iter__(self) -> Iterator[str]:
        return iter(self._stored)

    def __len__(self) -> int:
        return len(self._stored)

    def stored(self, key: str) -> NamedType | Deferred:
        """The entry as held: a `Deferred` one is not built."""
        return self._stored[key]

    def stored_items(self) -> Iterable[tuple[str, NamedType | Deferred]]:
        """Each entry with its key, as held: `Deferred` ones are not built."""
        return self._stored.items()


def by_id(types: Mapping[str, Any]) -> Mapping[str, NamedType]:
    """`types` as a mapping of built types: itself when none is deferred (a plain dict is
    faster to read), else a `Built` view of it."""
    if any(type(named) is Deferred for named in types.values()):
        return Built(types)
    return types


def peek(types: Mapping[str, NamedType], key: str) -> NamedType | Deferred | None:
    """The entry `key` of `types` as held (a deferred type of a `Built` view, or of a recording
    view of one, is not built), or None."""
    if type(types) is Built:
        return types.stored(key) if key in types else None
    peeking = getattr(types, "peek", None)  # a view that records its reads (`render.unit_record`)
    return peeking(key) if peeking is not None else types.get(key)


def stored(types: Mapping[str, NamedType], key: str) -> NamedType | Deferred:
    """The entry `key` of `types` as held (a `Built` view's deferred type is not built)."""
    return types.stored(key) if type(types) is Built else types[key]


def stored_items(types: Mapping[str, NamedType]) -> Iterable[tuple[str, NamedType | Deferred]]:
    """Each entry of `types` with its key, as held (a `Built` view's deferred types not built)."""
    return types.stored_items() if type(types) is Built else types.items()


def unbuilt(api: Any) -> int:
    """How many of `api`'s types are deferred and were never built."""
    return sum(1 for named in api.types if type(named) is Deferred and not named.is_built)
