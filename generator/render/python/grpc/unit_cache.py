"""Rendered pieces of a proto package remembered between runs, each with exactly what it read.

A piece (a service module with the summaries of its methods the README reads, a namespace's
`__init__`, a service's docs page, the messages page's sections of one proto package) is a
function of the arguments its name spells out and of the tables of the rendering `Context` it
reads. While it renders, those tables are wrapped in recording views; the result is kept with a
digest of every entry it read. Next run, a piece whose reads give the same digests takes the
remembered result without rendering: a changed message re-renders the pieces that read it.

This wraps the rendering functions, it does not change them: `ProtoUnits.render(ctx, name, make)`
calls `make` with a recording copy of `ctx`. A `Context` field this module does not know makes
every piece render afresh (never a stale piece). `salt` covers our code, templates, tool versions
and the package's options; the file keeps the latest run's pieces only.

A piece's texts that became output files are kept with the digest the run took of them
(`write.TextDigests`): a reused piece's texts are known to the format cache and the output's
stamp (`known_texts`), not hashed again. They are kept as their UTF-8 bytes beside the rest of
the result (`_Kept` stands for each in its pickle), out of the file's pickle (`cache_layers`'
buffers), and a reused piece gives them as those bytes (`Encoded`), never decoded: a module or
page unchanged on disk is known by its digest alone (unpickling the texts of the ~1,500 reused
modules and pages of the 1,001-file tree was half the time of taking the pieces). So are the
texts passed through as they came (protoc's stubs, `pass_through`): each comes with a key naming
it, and is known by the digest kept with the key last run.

Beside the pieces, `ProtoUnits.facts` keeps what a pure function of one IR node gave (what a
message's fields hold and its checks, its shape in `params.py`) by the node's content digest: the
tables over the whole package are built from them without reading every message again.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import field
from pathlib import Path
from typing import Any, NamedTuple, TypeVar

from generator import cache_pickle, lifetime
from generator.cache_layers import Layered
from generator.encoded import Encoded, Text, is_piece
from generator.ir.deferred import built, stored
from generator.ir.serialize import Fragments
from generator.lazy_dataclass import lazy_dataclass
from generator.render.python.grpc.names import PyRef
from generator.render.python.grpc.surface import NamespaceInfo, ServiceInfo
from generator.render.python.grpc.views import Context
from generator.render.unit_record import (
    ABSENT,
    NONEMPTY,
    WHOLE,
    Reads,
    Recording,
    RecordingDict,
    RecordingMembers,
    RecordingSet,
    repr_digest,
)
from generator.write import is_text_digest

T = TypeVar("T")
_KNOWN = frozenset({"api", "package", "types", "index", "rules", "enums", "namespaces", "params"})


@lazy_dataclass(eq=False)  # (never compared: no __eq__ compiled at import)
class UnitStats:
    rendered: int = 0
    reused: int = 0
    facts_made: int = 0  # messages whose facts (`ProtoUnits.facts`) were worked out afresh
    facts_reused: int = 0  # ... taken from the last run


class _Whole:
    """Stands for a value read as a whole: any attribute read notes the whole value."""

    def __init__(self, table: str, value: Any, reads: Reads) -> None:
        self._table, self._value, self._reads = table, value, reads

    def __getattr__(self, name: str) -> Any:
        self._reads.add((self._table, WHOLE))
        return getattr(self._value, name)

    def __iter__(self) -> Iterator[Any]:
        self._reads.add((self._table, WHOLE))
        return iter(self._value)


class _RecordingAPI:
    """`ctx.api`: its extensions' tables by key (service docs), anything else as a whole."""

    def __init__(self, api: Any, reads: Reads) -> None:
        self._api, self._reads = api, reads

    @property
    def extensions(self) -> tuple[tuple[str, Any], ...]:
        return tuple(
            (name, RecordingDict(f"api.{name}", value, self._reads) if isinstance(value, dict) else value)
            for name, value in self._api.extensions
        )

    def __getattr__(self, name: str) -> Any:
        self._reads.add(("api", WHOLE))
        return getattr(self._api, name)


def _recording_object(table: str, value: Any, reads: Reads) -> Any:
    """A copy of an object whose attributes are dicts and sets (`TypeIndex`, `RuleSet`) with
    each one recorded; None when it holds anything else (then nothing can be remembered)."""
    if not hasattr(value, "__dict__") or hasattr(type(value), "__slots__"):
        return None
    copy = object.__new__(type(value))
    for name, item in vars(value).items():
        if isinstance(item, dict):
            object.__setattr__(copy, name, Recording(f"{table}.{name}", item, reads))
        elif isinstance(item, (set, frozenset)):
            object.__setattr__(copy, name, RecordingSet.of(f"{table}.{name}", item, reads))
        else:
            return None
    return copy


def _recording(ctx: Context, reads: Reads) -> Context | None:
    if {f.name for f in dataclasses.fields(ctx)} != _KNOWN:
        return None
    index = _recording_object("index", ctx.index, reads)
    rules = _recording_object("rules", ctx.rules, reads)
    if index is None or rules is None:
        return None
    return dataclasses.replace(
        ctx,
        api=_RecordingAPI(ctx.api, reads),  # type: ignore[arg-type]
        types=Recording("types", ctx.types, reads),  # type: ignore[arg-type]
        index=index,
        rules=rules,
        enums=RecordingMembers("enums", ctx.enums, reads),  # type: ignore[arg-type]
        namespaces=_Whole("namespaces", ctx.namespaces, reads),  # type: ignore[arg-type]
        params=Recording("params", ctx.params, reads),  # type: ignore[arg-type]
    )


_SHORT = 64
_UNRESOLVED = object()


class _Digests:
    """Digests of the context's entries, each computed once per run."""

    def __init__(self, ctx: Context, fragments: Fragments) -> None:
        self.ctx, self.fragments = ctx, fragments
        self.tables: dict[str, Mapping[str, Any]] = {}  # tables passed besides the context
        self.known: dict[tuple[str, str], str] = {}
        self._resolved: dict[str, Any] = {}  # each table by name, looked up once

    def digest(self, table: str, key: str) -> str:
        found = self.known.get((table, key))
        if found is None:
            found = self.known[(table, key)] = self._digest(table, key)
        return found

    def _table(self, table: str) -> Any:
        found = self._resolved.get(table, _UNRESOLVED)
        if found is _UNRESOLVED:
            found = self._resolved[table] = self._lookup(table)
        return found

    def _lookup(self, table: str) -> Any:
        if table in self.tables:
            return self.tables[table]
        if table == "api":
            return self.ctx.api
        if table.startswith("api."):
            return dict(self.ctx.api.extensions).get(table[4:], {})
        owner, _, name = table.partition(".")
        value = getattr(self.ctx, owner)
        return getattr(value, name) if name else value

    def _digest(self, table: str, key: str) -> str:
        if table.endswith(NONEMPTY):
            return "1" if self._table(table.removesuffix(NONEMPTY)) else "0"
        return self._entry(table, self._table(table), key)

    def _entry(self, table: str, data: Any, key: str) -> str:
        """The digest of `data[key]` (`data`: the table `table`, resolved)."""
        if key == WHOLE:
            return self.fragments.digest(data) if table == "api" else repr_digest(data)
        if isinstance(data, (set, frozenset)):
            return "1" if key in data else "0"
        if key not in data:
            return ABSENT
        if table == "types":  # (a deferred type by the digest it came with: not built)
            return self.fragments.digest(stored(data, key))
        value = data[key]
        if type(value) is str and len(value) <= _SHORT:
            return f"={value}"  # a short text is its own digest (a link, a module, a class name)
        if type(value) is PyRef:  # (thousands of reads: spelled out, cheaper than its repr's digest)
            return f"@{value.module} {value.path}"
        return repr_digest(value)

    def same(self, table: str, reads: Any) -> list[str]:
        """Those of `reads` (last run's reads of `table`: each read's name, `table\0key`, with
        the digest it gave) that give the same digest now: a table's reads checked together, the
        table resolved once. A name of another table, or anything but names, is no read of it."""
        if type(reads) is not dict:
            return []
        prefix = f"{table}\0"
        cut = len(prefix)
        named = [(read, old) for read, old in reads.items() if type(read) is str and read.startswith(prefix)]
        if table.endswith(NONEMPTY):
            return [read for read, old in named if self.digest(table, read[cut:]) == old]
        data, entry = self._table(table), self._entry
        return [read for read, old in named if entry(table, data, read[cut:]) == old]


@lazy_dataclass(eq=False)  # (never compared: no __eq__ compiled at import)
class ProtoUnits:
    """The pieces of one proto package: last run's (`previous`) and this run's (`current`).

    A piece is kept as (its reads, each `table\0key`; its result pickled, with `_Kept` for
    each of its texts that became an output file; its token; those texts' UTF-8 bytes); the digest
    each read gave is kept once for all pieces (`previous_reads`, by table, `current_reads`), so that a
    piece is checked with a set operation (are all its reads among those found unchanged?) and
    each read's digest is compared once per run, however many pieces made it.
    """

    path: Path | None = None
    salt: str = ""
    fragments: Fragments = field(default_factory=Fragments)
    previous: dict[str, Any] = field(default_factory=dict)
    current: dict[str, Any] = field(default_factory=dict)
    # last run's reads by table: {table: {read: digest}} (grouped when saved: none split when read)
    previous_reads: dict[str, Any] = field(default_factory=dict)
    current_reads: dict[str, str] = field(default_factory=dict)
    current_tables: dict[str, str] = field(default_factory=dict)  # each read made this run: its table
    stats: UnitStats = field(default_factory=UnitStats)
    _digests: _Digests | None = None
    _unchanged: set[str] = field(default_factory=set)  # reads whose digest is as last run
    _checked: set[str] = field(default_factory=set)  # tables whose reads were all compared
    _read_names: dict[tuple[str, str], str] = field(default_factory=dict)
    layered: Layered | None = None  # the file as read
    names: dict[tuple[int, int], tuple[Any, Any, str]] = field(default_factory=dict)  # `service_key`'s
    # what `facts` gave, by its kind and the node's content digest: last run's and this run's
    previous_facts: dict[str, Any] = field(default_factory=dict)
    current_facts: dict[str, Any] = field(default_factory=dict)
    # by piece: (index among the texts of its result, `write.TextDigests` digest) of those kept
    previous_texts: dict[str, Any] = field(default_factory=dict)
    results: dict[str, Any] = field(default_factory=dict)  # this run's results, by piece
    # texts passed through by path: last run's (key, digest), this run's (key, text)
    previous_passed: dict[str, Any] = field(default_factory=dict)
    passed: dict[str, tuple[str, Text]] = field(default_factory=dict)
    known_texts: list[tuple[Text, bytes]] = field(default_factory=list)  # reused pieces' texts
    # the reused pieces' texts (`_texts`) by piece, listed once: `save` reads them again
    _texts_of: dict[str, list[Text]] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path, salt: str, fragments: Fragments) -> ProtoUnits:
        units = cls(path=path, salt=salt, fragments=fragments)
        # a missing or damaged file is an empty one (`Layered`)
        units.layered = Layered.load(path, salt, with_buffers=True)
        units.previous = units.layered.sections.get("units", {})
        units.previous_reads = units.layered.sections.get("reads", {})
        units.previous_facts = units.layered.sections.get("facts", {})
        units.previous_texts = units.layered.sections.get("texts", {})
        units.previous_passed = units.layered.sections.get("passed", {})
        return units

    def facts(self, node: Any, make: Callable[[Any], T], kind: type[T]) -> T:
        """`make(node)` (a pure function of the IR node's content, giving a `kind`: one function
        per kind), or what it gave last run for a node of the same content (the salt names our
        code). A remembered value of another class is a miss."""
        if self.path is None:
            return make(built(node))
        digest = f"{kind.__name__} {self.fragments.digest(node)}"
        found = self.previous_facts.get(digest)
        if type(found) is kind:
            self.stats.facts_reused += 1
        else:
            found = make(built(node))
            self.stats.facts_made += 1
        self.current_facts[digest] = found
        return found

    def pass_through(self, texts: Mapping[str, Text], keys: Mapping[str, str]) -> None:
        """Texts that become output files as they are (by path), each named by its key in `keys`
        (a text without one is hashed as usual): one under the key it had last run is known by
        the digest taken of it then."""
        if self.path is None:
            return
        previous, known = self.previous_passed, self.known_texts
        for path, key in keys.items():
            text = texts.get(path)
            if text is None:
                continue
            self.passed[path] = (key, text)
            kept = previous.get(path)
            digest = kept[1] if type(kept) is tuple and len(kept) == 2 and kept[0] == key else None
            if is_text_digest(digest):
                known.append((text, digest))

    def op_digest(self, op: Any) -> str:
        """An operation's content digest, for the names of pieces that take operations."""
        return self.fragments.digest(op)

    def render(
        self,
        ctx: Context,
        name: str,
        make: Callable[[Context, Mapping[str, Mapping[str, Any]]], T],
        tables: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> tuple[T, str]:
        """`make(ctx, tables)`, or what it gave last run when everything it read is unchanged;
        and a token that changes whenever the result may (for pieces made from this result).

        `name` must spell out every argument of `make` besides `ctx` and `tables` (tables are
        recorded like the context's; the same table must come under the same name all run).
        """
        tables = tables or {}
        if self.path is None:
            return make(ctx, tables), ""
        if self._digests is None or self._digests.ctx is not ctx:
            self._digests = _Digests(ctx, self.fragments)
            self._unchanged, self._checked, self._read_names = set(), set(), {}
        digests = self._digests
        digests.tables.update(tables)
        reused = self._reused(name)
        if reused is not None:
            return reused
        reads: Reads = set()
        recording = _recording(ctx, reads)
        if recording is None:
            return make(ctx, tables), ""
        result = make(recording, {key: Recording(key, value, reads) for key, value in tables.items()})
        self.stats.rendered += 1
        keys = []
        for read in sorted(reads):
            key = self._read_names.get(read)
            if key is None:  # one string per read, however many pieces make it (memory, file size)
                key = self._read_names[read] = f"{read[0]}\0{read[1]}"
                self.current_reads[key] = digests.digest(*read)
                self.current_tables[key] = read[0]
            keys.append(key)
        recorded = "\0".join(f"{key}\0{self.current_reads[key]}" for key in keys)
        token = hashlib.sha256(f"{name}\0{recorded}".encode()).hexdigest()[:32]
        # (pickled when saved: which of its texts became output files is known then)
        self.current[name] = (tuple(keys), None, token, ())
        self.results[name] = result
        self._texts_of.pop(name, None)  # (listed by `save` from this result)
        return result, token

    def _reused(self, name: str) -> tuple[Any, str] | None:
        """Last run's piece `name` when everything it read is unchanged; None otherwise, and for
        an entry of the wrong shape or that does not unpickle (a damaged entry is a miss)."""
        entry = self.previous.get(name)
        try:
            reads, blob, token, texts = entry  # type: ignore[misc]
            if not (isinstance(reads, tuple) and isinstance(token, str) and self._fresh(reads)):
                return None
            result = _with_texts(cache_pickle.loads(blob), texts)
        except Exception:
            return None
        self.stats.reused += 1
        self.current[name], self.results[name] = entry, result
        self._know_texts(name, result)
        return result, token

    def _know_texts(self, name: str, result: Any) -> None:
        texts = self._texts_of[name] = _texts(result)  # (`save` lists them again)
        kept = self.previous_texts.get(name)
        if not isinstance(kept, tuple):
            return
        for item in kept:  # (index, digest) pairs; anything else is a miss
            if _a_text_digest(item, len(texts)):
                self.known_texts.append((texts[item[0]], item[1]))

    def _fresh(self, reads: tuple[str, ...]) -> bool:
        """Whether every read gives the digest it gave last run. The first read of a table
        met checks all of last run's reads of that table at once (each compared once a run)."""
        unchanged = self._unchanged
        if unchanged.issuperset(reads):
            return True
        assert self._digests is not None
        for read in reads:
            if read in unchanged:
                continue
            if not isinstance(read, str):
                return False
            table = read.partition("\0")[0]
            if table in self._checked:  # checked: this read changed, or was not kept last run
                return False
            self._checked.add(table)
            unchanged.update(self._digests.same(table, self.previous_reads.get(table)))
            if read not in unchanged:
                return False
        return True

    def save(self, digests: Mapping[int, bytes] | None = None) -> None:
        """Keep this run's pieces (replacing the last run's); a failed write only costs time.
        `digests`: `write.TextDigests.of`, the digest of each text this run hashed (or knew)."""
        lifetime.keep(self._digests, self.names, self.results)  # (the run's tables: see `lifetime`)
        self._digests, self.names = None, {}
        results, self.results, self.known_texts = self.results, {}, []
        texts_of, self._texts_of = self._texts_of, {}
        passed, self.passed = self.passed, {}
        if self.path is None or not self.current:
            return
        kept_passed = {
            path: (key, digests[id(text)]) for path, (key, text) in passed.items() if digests and id(text) in digests
        }
        texts = {}
        for name, result in results.items():
            piece_reads, blob, token, _ = self.current[name]
            if blob is None:  # rendered this run: its output texts kept apart as their bytes
                blob, kept = _kept_form(result, digests or {})
                self.current[name] = (piece_reads, blob, token, kept)
            if not digests:
                continue
            listed = texts_of.get(name)
            if listed is None:
                listed = _texts(result)
            found = tuple((i, digests[id(t)]) for i, t in enumerate(listed) if id(t) in digests)
            if found:
                texts[name] = found
        del results
        # kept by table, as `_fresh` checks them: this run's reads, and those of the reused
        # pieces, which gave last run's digests again (that is why they were reused)
        current, made_in = self.current_reads, self.current_tables
        wanted = set().union(*(entry[0] for entry in self.current.values()))
        reads: dict[str, dict[str, Any]] = {}
        for read, digest in current.items():
            if read in wanted:
                reads.setdefault(made_in[read], {})[read] = digest
        for table, group in self.previous_reads.items():
            if type(group) is dict:
                again = {read: digest for read, digest in group.items() if read in wanted and read not in current}
                if again:
                    reads.setdefault(table, {}).update(again)
        # on disk, mostly only what changed (`Layered`); a failed write only costs time
        sections = {
            "units": self.current, "reads": reads, "facts": self.current_facts, "texts": texts, "passed": kept_passed
        }
        (self.layered or Layered(self.path, self.salt, with_buffers=True)).save(sections)


def _a_text_digest(item: Any, count: int) -> bool:
    return (
        isinstance(item, tuple)
        and len(item) == 2
        and type(item[0]) is int
        and 0 <= item[0] < count
        and is_text_digest(item[1])
    )


def _texts(result: Any) -> list[Text]:
    """The strings of a piece's result, in order, through tuples (a module's text, a runtime's
    (path, text) pairs), and the texts reused as their bytes: those of them that became output
    files are known by their digest."""
    if type(result) is str or type(result) is Encoded:
        return [result]
    if type(result) is tuple:
        return [text for item in result for text in _texts(item)]
    return []


class _Kept(NamedTuple):  # (no dataclass: none of its methods compiled at each start)
    """Stands for the text kept apart from a piece's pickle at `place` (see `_kept_form`)."""

    place: int


def _kept_form(result: Any, digests: Mapping[int, bytes]) -> tuple[bytes, tuple[bytes, ...]]:
    """A piece's result as kept: pickled, each of its texts (through tuples, as `_texts` finds
    them) that became an output file (`digests` has it) replaced by a `_Kept`; and those texts'
    UTF-8 bytes, in order."""
    kept: list[bytes] = []

    def apart(value: Any) -> Any:
        if type(value) is tuple:
            return tuple(apart(item) for item in value)
        if type(value) is str and id(value) in digests:
            kept.append(value.encode("utf-8"))  # (it was: its digest was taken of these bytes)
            return _Kept(len(kept) - 1)
        return value

    return cache_pickle.dumps(apart(result)), tuple(kept)


def _with_texts(result: Any, texts: Any) -> Any:
    """A kept piece's result with its texts in place of their `_Kept`s, each as the bytes kept
    (`Encoded`). Raises unless they take the texts in order, each once (a damaged entry)."""
    if type(texts) is not tuple or not all(is_piece(text) for text in texts):
        raise ValueError("the kept texts are not bytes")
    taken = [0]

    def placed(value: Any) -> Any:
        if type(value) is tuple:
            return tuple(placed(item) for item in value)
        if type(value) is _Kept:
            if value.place != taken[0] or value.place >= len(texts):
                raise ValueError("the kept texts are not those the piece names")
            taken[0] += 1
            return Encoded((texts[value.place],))
        return value

    found = placed(result)
    if taken[0] != len(texts):
        raise ValueError("the kept texts are not those the piece names")
    return found


def service_key(units: ProtoUnits, namespace: NamespaceInfo, service: ServiceInfo) -> str:
    """A name spelling out a namespace and one of its services, operations by digest (spelled
    once per run: a service module, its namespace and its docs page all take it)."""
    found = units.names.get((id(namespace), id(service)))
    if found is None:  # (the objects are kept with their name, so that their ids stay theirs)
        found = units.names[(id(namespace), id(service))] = (namespace, service, _service_key(units, namespace, service))
    return found[2]


def _service_key(units: ProtoUnits, namespace: NamespaceInfo, service: ServiceInfo) -> str:
    def spelled(info: Any) -> list[tuple[str, Any]]:
        out = []
        for name in _field_names(type(info)):
            value = getattr(info, name)
            if name == "operations":
                value = [units.op_digest(op) for op in value]
            elif name == "services":
                value = [(s.full_name, s.class_name, s.module, s.attribute) for s in value]
            out.append((name, value))
        return out

    return repr((spelled(namespace), spelled(service)))


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    """The names of a data class's fields, in order (asked for each of a thousand services)."""
    found = _FIELD_NAMES.get(cls)
    if found is None:
        found = _FIELD_NAMES[cls] = tuple(item.name for item in dataclasses.fields(cls))
    return found


def namespace_key(units: ProtoUnits, namespace: NamespaceInfo) -> str:
    """A name spelling out a namespace with its services, operations by digest."""
    return repr([service_key(units, namespace, service) for service in namespace.services])
