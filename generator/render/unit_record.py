"""Recording views of the tables a rendered unit reads, shared by the units of both renderers
(`generator.render.python.http.units`, `generator.render.python.grpc.unit_cache`).

A unit is a pure function of its explicit arguments and of the tables it reads. While it
renders, each table is wrapped in a view that notes every read as `(table, key)`: a key looked
up or tested, `WHOLE` when the unit iterated or sized the table, and the table's name with the
suffix `NONEMPTY` when it asked whether the table is empty. (Tables keyed by one id that others
share may note a key read by the id alone, in a set of ids: `RecordingById`.) A remembered unit
is valid while every read it noted gives the digest it gave then; a read that went unnoticed
would let a stale unit through, so every way of reading a table must be recorded here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping, Set
from typing import Any, TypeVar

from generator.ir.deferred import peek

ABSENT = "-"  # the digest of a key the table does not hold
WHOLE = "*"  # the key recorded when a unit iterated a table
NONEMPTY = "?"  # a table name's suffix recorded when a unit asked if it is empty (`types or {}`)

Reads = set[tuple[str, str]]
S = TypeVar("S")


class _View:
    """What the read-only views below share: a key tested is noted alone; iterating or sizing
    the table, as a read of the whole table; asking whether it is empty, as `NONEMPTY`."""

    __slots__ = ("data", "reads", "table")

    def __init__(self, table: str, data: Any, reads: Reads) -> None:
        self.table, self.data, self.reads = table, data, reads

    def __contains__(self, key: object) -> bool:
        self.reads.add((self.table, str(key)))
        return key in self.data

    def __iter__(self) -> Iterator[str]:
        self.reads.add((self.table, WHOLE))
        return iter(self.data)

    def __len__(self) -> int:
        self.reads.add((self.table, WHOLE))
        return len(self.data)

    def __bool__(self) -> bool:
        self.reads.add((self.table + NONEMPTY, ""))
        return bool(self.data)


class Recording(_View, Mapping[str, Any]):
    """A read-only view of one table that notes each key read."""

    __slots__ = ()  # (made as `Recording(table, data, reads)`: `data` a mapping)

    def __getitem__(self, key: str) -> Any:
        self.reads.add((self.table, key))
        return self.data[key]

    def get(self, key: str, default: Any = None) -> Any:  # (`Mapping.get` costs a call more)
        self.reads.add((self.table, key))
        return self.data.get(key, default)

    def peek(self, key: str) -> Any:
        """`deferred.peek` of the table: the entry as held (a deferred type not built), or None;
        noted as the lookup `get` would note."""
        self.reads.add((self.table, key))
        return peek(self.data, key)


class RecordingMembers(_View, Set[str]):
    """A read-only view of a set table that notes each membership test, and a read of the
    whole set when a unit iterates it or asks its size; `Set`'s operations (`==`, `&`, `<=`,
    ...) and `set(view)` all go through those. Unlike `RecordingSet`, it does not copy the set
    (once per unit, that grew with the size of the API): for code that needs no frozenset."""

    __slots__ = ()  # (made as `RecordingMembers(table, data, reads)`: `data` a set)

    @classmethod
    def _from_iterable(cls, items: Iterable[S]) -> frozenset[S]:
        return frozenset(items)  # what `&`, `|`, `-`, `^` give: a plain set, read already


class _ById(_View):
    """What the views noting key reads by id share (`RecordingById`): how one is made, and a key
    tested noted by id."""

    __slots__ = ("ids",)

    def __init__(self, table: str, data: Any, reads: Reads, ids: set[str]) -> None:
        self.table, self.data, self.reads, self.ids = table, data, reads, ids

    def __contains__(self, key: object) -> bool:
        self.ids.add(str(key))
        return key in self.data


class RecordingById(_ById, Recording):
    """A `Recording` of a table keyed by an id that other tables share (a type's entry, its class
    name, its module): a key read is noted in `ids`, one set of strings for all those tables of
    a unit, which depends on everything they hold under each id it noted (digested together by
    the caller). No tuple per read, and one read where a unit reads the same id in several
    tables (it mostly does: a referenced type's entry, its name and its module). Reading the
    whole table, or asking whether it is empty, is noted in `reads` as by `Recording`."""

    __slots__ = ()

    def __getitem__(self, key: str) -> Any:
        self.ids.add(key)
        return self.data[key]

    def get(self, key: str, default: Any = None) -> Any:
        self.ids.add(key)
        return self.data.get(key, default)

    def peek(self, key: str) -> Any:
        """As `Recording.peek`, noted as an id read."""
        self.ids.add(key)
        return peek(self.data, key)


class RecordingMembersById(_ById, RecordingMembers):
    """A `RecordingMembers` view of a set of ids whose membership tests are noted in `ids`
    (see `RecordingById`)."""

    __slots__ = ()


class RecordingDict(dict[str, Any]):
    """A copy of a small table that must stay a `dict` (code tests `isinstance(x, dict)`), noting
    each key read."""

    def __init__(self, table: str, data: Mapping[str, Any], reads: Reads) -> None:
        super().__init__(data)
        self.table, self.reads = table, reads

    def __getitem__(self, key: str) -> Any:
        self.reads.add((self.table, key))
        return dict.__getitem__(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        self.reads.add((self.table, key))
        return dict.get(self, key, default)

    def __contains__(self, key: object) -> bool:
        self.reads.add((self.table, str(key)))
        return dict.__contains__(self, key)


class RecordingSet(frozenset[str]):
    """A set table that stays a frozenset (code tests membership and iterates it), noting each
    membership test (and a read of the whole set when a unit iterates it or asks its size)."""

    table: str
    reads: Reads

    @classmethod
    def of(cls, table: str, data: frozenset[str] | set[str], reads: Reads) -> RecordingSet:
        recording = cls(data)
        recording.table, recording.reads = table, reads
        return recording

    def __contains__(self, key: object) -> bool:
        self.reads.add((self.table, str(key)))
        return frozenset.__contains__(self, key)

    __hash__ = frozenset.__hash__  # kept explicitly: the comparisons below are replaced


def _reading_whole(base: type, name: str) -> Any:
    """`base`'s method `name`, noting a read of the whole table (of each recording view taking
    part: `a & b` reads all of `b` in C, past its `__iter__`)."""
    method = getattr(base, name)

    def read(self: Any, *args: Any) -> Any:
        for view in (self, *args):
            if isinstance(view, (RecordingDict, RecordingSet)):
                view.reads.add((view.table, WHOLE))
        return method(self, *args)

    read.__name__ = name
    return read


# Every way of reading the whole table goes through these. CPython reads a set view in C
# past all of them when a plain set meets it (`set(view)`, `frozenset(view)`, `a_set & view`):
# units do not copy their set tables or combine them from the right.
for _name in (
    *("__iter__", "__len__", "keys", "values", "items"),
    *("__eq__", "__ne__", "__repr__", "__reversed__", "__or__", "__ror__", "copy"),
):
    setattr(RecordingDict, _name, _reading_whole(dict, _name))
for _name in (
    *("__iter__", "__len__"),
    *("__eq__", "__ne__", "__le__", "__lt__", "__ge__", "__gt__", "__repr__", "copy"),
    *("__and__", "__rand__", "__or__", "__ror__", "__sub__", "__rsub__", "__xor__", "__rxor__"),
    *("isdisjoint", "issubset", "issuperset", "union", "intersection", "difference", "symmetric_difference"),
):
    setattr(RecordingSet, _name, _reading_whole(frozenset, _name))


def repr_digest(value: Any) -> str:
    """The digest of a table entry that is plain data (its repr spells it out; sets sorted)."""
    if isinstance(value, (set, frozenset)):
        value = sorted(value)
    return hashlib.sha256(repr(value).encode()).hexdigest()[:32]
