"""A compiled descriptor set as an IR `API`.

Types: every message and enum declared in the input files, plus whatever they (and the
operations) reference from imported files, well-known types included. Map entry messages
are not types of their own: a map field is `TypeExpr(kind="map")`.

The IR is built one .proto file at a time (`FileIR`): a file's types and operations depend on
the file, the files it imports (its key) and a few facts about the whole set, which go into the
unit's key (`_unit_key`): whether it is an input, the group its package's services fall in, the
numbers of the custom options we read, and (for files whose long-running methods name types in
text) every type and package name. With a cache, a unit whose key is unchanged is reused.

A unit is kept as a `KeptIR`: its types apart, as the data of their IR snapshot texts (compact
JSON, `ir.kept_types`: written from the data converted for their content digests anyway, not
pickled), beside what assembling the set and the renderer's whole-package tables read of each
(id, kind, location, references, content digest).
A regeneration that asks for deferred types (`generator.ir.deferred`) assembles the API from
those alone: an unchanged file's types are built only when something reads them.
"""

from __future__ import annotations

import hashlib
import keyword
from collections.abc import Callable, Iterable, Iterator
from dataclasses import field, replace
from functools import partial
from typing import Any

from google.protobuf import descriptor_pb2

from generator import cache_pickle
from generator.diagnostics import Diagnostics, Problem
from generator.ir import kept_types, limits
from generator.ir.deferred import Deferred, Source, built
from generator.ir.extensions import PROTO_FINGERPRINT, PROTO_SERVICE_DOCS
from generator.ir.model import API, JSONValue, Location, NamedType, Operation
from generator.ir.serialize import Converted, snapshot_digested
from generator.lazy_dataclass import lazy_dataclass
from generator.proto.compile import Compiled, imports_closure
from generator.proto.file_cache import FileCache
from generator.proto.index import EnumDecl, Index, MessageDecl, ServiceDecl
from generator.proto.options import EXACTLY_ONE, FIELD_BEHAVIOR, HTTP, OPERATION, VALIDATION
from generator.proto.scope import package_prefixes
from generator.proto.services import OPERATION_TYPE, group_packages, service_operations
from generator.proto.types import enum_type, message_type, referenced_types

_OPTIONS_READ = (HTTP, FIELD_BEHAVIOR, OPERATION, EXACTLY_ONE, *VALIDATION)
_KEYWORDS = frozenset(keyword.kwlist)
_PLANS: dict[type, Any] = {}  # `limits.within`'s knowledge of the IR classes, shared by units


@lazy_dataclass(frozen=True)
class Outline:
    """What the whole set needs to know of one file before any IR is built."""

    package: str
    has_services: bool
    type_names: tuple[str, ...]  # every message (map entries too) and enum, by full name
    extensions: tuple[tuple[str, int], ...]  # (full name, number) of the extensions it declares
    long_running: bool  # a method returns an operation: its option names types in text


@lazy_dataclass(frozen=True)
class FileIR:
    """The IR one file contributes."""

    # (full name, type, the types it references) of every message (but map entries) and enum
    types: tuple[tuple[str, NamedType, tuple[str, ...]], ...]
    map_entries: frozenset[str]
    # by service full name (input files only): its description, operations, and the
    # problems found building them, in order
    services: tuple[tuple[str, str, tuple[Operation, ...], tuple[Problem, ...]], ...] = ()
    names_digest: str = ""  # the type and package names it resolved against ("" when none)
    # `limits.within` of an API of these types, operations and service docs alone
    within_limits: bool = True
    prose: int = 0
    # the content digest of each type, then of each operation, in order (`_file_ir`)
    digests: tuple[str, ...] = ()
    # whether `prose` is the count `limits.within` makes, or an upper bound of it (`_file_ir`)
    prose_exact: bool = True
    # this run's `serialize.snapshot_text` of each type and operation it took one of (not kept)
    texts: tuple[tuple[NamedType | Operation, bytes], ...] = field(default=(), compare=False)
    # the types as a `KeptIR` keeps them (`kept_types.pack`), when known: made with their
    # digests (`_file_ir`), or as read from the cache; else (b"") pickled when kept
    packed: bytes = field(default=b"", compare=False)


@lazy_dataclass(frozen=True)
class KeptIR:
    """A `FileIR` as the file cache keeps it (see the module docstring)."""

    # (full name, kind, location, the types it references) of each type, in order
    facts: tuple[tuple[str, str, Location | None, tuple[str, ...]], ...]
    types: bytes  # the types, as `kept_types.pack` writes them: built when first read
    map_entries: frozenset[str]
    services: tuple[tuple[str, str, tuple[Operation, ...], tuple[Problem, ...]], ...]
    names_digest: str
    within_limits: bool
    prose: int
    digests: tuple[str, ...]
    prose_exact: bool


def _kept(unit: FileIR) -> KeptIR:
    facts = tuple((name, named.kind, named.location, refs) for name, named, refs in unit.types)
    # (a unit made without its types' texts is pickled: `kept_types.unpack` reads that too)
    types = unit.packed or cache_pickle.dumps(tuple((name, named) for name, named, _ in unit.types))
    return KeptIR(
        facts, types, unit.map_entries, unit.services, unit.names_digest, unit.within_limits,
        unit.prose, unit.digests, unit.prose_exact,
    )  # fmt: skip


def _restored(kept: Any, deferred: bool) -> FileIR | None:
    """The unit `kept` stands for (its types `Deferred` when `deferred`); None for an entry of
    another shape (a miss)."""
    if not isinstance(kept, KeptIR) or not isinstance(kept.types, bytes):
        return None
    facts = kept.facts
    if not (isinstance(facts, tuple) and all(_a_fact(fact) for fact in facts)):
        return None
    if not isinstance(kept.digests, tuple) or len(kept.digests) < len(facts):
        return None
    prose_exact = getattr(kept, "prose_exact", None)
    if type(prose_exact) is not bool:
        return None
    if deferred:
        source = Source(kept.types, partial(_unpacked, names=tuple(fact[0] for fact in facts)))
        types: tuple[tuple[str, Any, tuple[str, ...]], ...] = tuple(
            (name, Deferred(name, digest, (), None, source, kind=kind, location=location), refs)
            for (name, kind, location, refs), digest in zip(facts, kept.digests, strict=False)
        )
    else:
        try:
            built = _unpacked(kept.types, tuple(fact[0] for fact in facts))
        except Exception:  # a damaged entry is a miss
            return None
        types = tuple((name, named, fact[3]) for (name, named), fact in zip(built, facts, strict=True))
    return FileIR(
        types, kept.map_entries, kept.services, kept.names_digest, kept.within_limits, kept.prose,
        kept.digests, prose_exact, packed=kept.types,
    )  # fmt: skip


def _a_fact(fact: Any) -> bool:
    return (
        isinstance(fact, tuple)
        and len(fact) == 4
        and isinstance(fact[0], str)
        and fact[1] in ("object", "enum")
        and (fact[2] is None or isinstance(fact[2], Location))
        and isinstance(fact[3], tuple)
    )


def _unpacked(blob: bytes, names: tuple[str, ...]) -> tuple[tuple[str, NamedType], ...]:
    """A `KeptIR`'s types (refused unless they are the named types it names, in order)."""
    found = kept_types.unpack(blob)
    if found is None or tuple(name for name, _ in found) != names:
        raise ValueError("the kept types are not those the unit names")
    return found


@lazy_dataclass(eq=False)  # (never compared: no __eq__ compiled at import)
class _Whole:
    """Facts about the whole set that units depend on, computed once per run."""

    outlines: dict[str, Outline]
    numbers: dict[str, int]
    groups: dict[str, tuple[str, ...]]
    type_names: frozenset[str]
    packages: frozenset[str]
    options_digest: str
    _names_digest: str = field(default="")

    @property
    def names_digest(self) -> str:
        if not self._names_digest:
            digest = hashlib.sha256("\0".join(sorted(self.type_names)).encode())
            digest.update("\1".join(sorted(self.packages)).encode())
            self._names_digest = digest.hexdigest()
        return self._names_digest


def to_ir(
    compiled: Compiled,
    package: str,
    diagnostics: Diagnostics,
    cache: FileCache | None = None,
    digests: list[tuple[Any, str]] | None = None,
    *,
    deferred: bool = False,
    texts: list[tuple[Any, bytes]] | None = None,
) -> tuple[API, bool]:
    """The IR of `compiled`, and whether it is known to be within `generator.ir.limits` (no
    need to walk it again). With a cache, it is built one file at a time (each unit reused
    while its key holds), else from the whole set at once: both give the same API and problems.
    `digests` is given the types and operations whose content digest is known (`Fragments`),
    `texts` the snapshot texts of those built afresh (`Fragments.know_texts`).
    With `deferred`, the types of reused units are `generator.ir.deferred.Deferred` stand-ins.
    """
    if cache is None or not cache.enabled:
        if cache is not None:
            cache.stats.ir_built = len(compiled.protos)
        return _whole_set_ir(compiled, package, diagnostics), False
    try:
        return _by_file(compiled, package, diagnostics, cache, digests, deferred, texts)
    except _Unusual:
        return _whole_set_ir(compiled, package, diagnostics), False


def _by_file(
    compiled: Compiled,
    package: str,
    diagnostics: Diagnostics,
    cache: FileCache,
    digests: list[tuple[Any, str]] | None,
    deferred: bool,
    texts: list[tuple[Any, bytes]] | None = None,
) -> tuple[API, bool]:
    inputs = set(compiled.files)
    parse = compiled.parse
    protos = {proto.name: proto for proto in compiled.protos}
    outlines = {
        proto.name: cache.derive(
            "outline", proto.name, proto.key, partial(_outline_of, parse, proto.name)
        )
        for proto in compiled.protos
    }
    whole = _whole(outlines, inputs)
    units: dict[str, FileIR] = {}
    stale: list[str] = []
    keys = {
        proto.name: _unit_key(proto.key, proto.name in inputs, outlines[proto.name], whole)
        for proto in compiled.protos
    }
    for proto in compiled.protos:
        key = keys[proto.name]
        found = _restored(cache.lookup("ir", proto.name, key), deferred)
        if found is not None and found.names_digest in ("", whole.names_digest):
            units[proto.name] = found
        else:
            stale.append(proto.name)
    if stale:
        # an index over the stale files and what they import, widened by the whole set's names
        closure = imports_closure(stale, protos)
        needed = [name for name in protos if name in closure]  # in the set's order
        index = Index([parse(name) for name in needed])
        index.widen(whole.numbers, whole.type_names, whole.packages)
        declared = _by_declaring_file(index)
        shared: Converted = {}  # (names and type expressions met again: `serialize.to_data`)
        for name in stale:
            units[name] = _file_ir(
                index, declared.get(name, []), parse(name), name in inputs, whole, package, shared
            )
    changed = set(stale)  # the units to keep
    if sum(unit.prose for unit in units.values()) > limits.MAX_TOTAL_TEXT:
        # some units' prose is only bounded (`_file_ir`), and the bounds add up past the budget:
        # those are counted (and kept counted, so that the next run need not count them again)
        for name, unit in units.items():
            if not unit.prose_exact:
                units[name] = _counted(unit, package, name)
                changed.add(name)
    for name in changed:
        cache.keep("ir", name, keys[name], _kept(units[name]))
    cache.stats.ir_built, cache.stats.ir_reused = len(stale), len(units) - len(stale)
    ordered = [units[p.name] for p in compiled.protos]
    result = _assemble(compiled, package, ordered, inputs, diagnostics)
    if digests is not None:
        digests.extend(digested(ordered))
    if texts is not None:
        texts.extend(text for name in stale for text in units[name].texts)
    return result


def _outline_of(parse: Callable[[str], descriptor_pb2.FileDescriptorProto], name: str) -> Outline:
    return _outline(parse(name))


def _outline(file: descriptor_pb2.FileDescriptorProto) -> Outline:
    prefix = f"{file.package}." if file.package else ""
    names: list[str] = []
    extensions = [(prefix + ext.name, ext.number) for ext in file.extension]
    pending = [(prefix + message.name, message) for message in file.message_type]
    names += [prefix + enum.name for enum in file.enum_type]
    while pending:
        full, message = pending.pop()
        names.append(full)
        names += [f"{full}.{enum.name}" for enum in message.enum_type]
        extensions += [(f"{full}.{ext.name}", ext.number) for ext in message.extension]
        pending += [(f"{full}.{nested.name}", nested) for nested in message.nested_type]
    long_running = any(
        method.output_type.lstrip(".") == OPERATION_TYPE
        for service in file.service
        for method in service.method
    )
    return Outline(file.package, bool(file.service), tuple(names), tuple(extensions), long_running)


def _whole(outlines: dict[str, Outline], inputs: set[str]) -> _Whole:
    numbers: dict[str, int] = {}
    for outline in outlines.values():  # in protoc's order, as `options.Extensions` reads them
        numbers.update(outline.extensions)
    read = sorted((name, numbers[name]) for name in _OPTIONS_READ if name in numbers)
    groups = group_packages(
        sorted({o.package for n, o in outlines.items() if n in inputs and o.has_services})
    )
    return _Whole(
        outlines=outlines,
        numbers=numbers,
        groups=groups,
        type_names=frozenset(name for o in outlines.values() for name in o.type_names),
        packages=package_prefixes({o.package for o in outlines.values()}),
        options_digest=repr(read),
    )


def _unit_key(file_key: str, is_input: bool, outline: Outline, whole: _Whole) -> str:
    group = whole.groups.get(outline.package) if is_input and outline.has_services else None
    return hashlib.sha256(
        f"{file_key} {is_input} {group!r} {whole.options_digest}".encode()
    ).hexdigest()


def _by_declaring_file(index: Index) -> dict[str, list[MessageDecl | EnumDecl | ServiceDecl]]:
    grouped: dict[str, list[MessageDecl | EnumDecl | ServiceDecl]] = {}
    for table in (index.messages, index.enums, index.services):
        for decl in table.values():
            grouped.setdefault(decl.file.name, []).append(decl)
    return grouped


def _file_ir(
    index: Index,
    declared: list[MessageDecl | EnumDecl | ServiceDecl],
    file: descriptor_pb2.FileDescriptorProto,
    is_input: bool,
    whole: _Whole,
    package: str,
    shared: Converted | None = None,
) -> FileIR:
    types: list[tuple[str, NamedType, tuple[str, ...]]] = []
    map_entries: set[str] = set()
    services: list[tuple[str, str, tuple[Operation, ...], tuple[Problem, ...]]] = []
    outline = whole.outlines[file.name]
    for decl in declared:
        if isinstance(decl, MessageDecl):
            if decl.proto.options.map_entry:
                map_entries.add(decl.full_name)
            else:
                refs = tuple(referenced_types(index, decl.proto))
                types.append((decl.full_name, message_type(index, decl), refs))
        elif isinstance(decl, EnumDecl):
            types.append((decl.full_name, enum_type(decl), ()))
        elif is_input:
            found = Diagnostics()
            operations = service_operations(index, decl, whole.groups[file.package], found)
            services.append(
                (
                    decl.full_name,
                    decl.info.description(decl.path),
                    tuple(operations),
                    tuple(found.problems),
                )
            )
    names_digest = whole.names_digest if is_input and outline.long_running else ""
    services.sort(key=lambda s: s[0])
    # each node's text in the IR snapshot gives its content digest (the snapshot takes the text:
    # not encoded twice), and tells whether the node needs the walk of the limits at all
    # (`limits.within_by_repr`): most do not; their prose is bounded by the texts' length
    # (`_counted` counts it when the bounds add up past the budget). A node the snapshot writes
    # another way is digested and sized by its repr.
    walked: set[int] = set()
    digests: list[str] = []
    texts: list[tuple[NamedType | Operation, bytes]] = []
    compact: list[bytes | None] = []  # (each type's snapshot data as the unit keeps it)
    bound = 0
    shared = {} if shared is None else shared
    for place, node in enumerate(_nodes(types, services)):
        is_type = place < len(types)  # (the types come first)
        digest, text, plain = snapshot_digested(node, shared, compact=is_type)
        if is_type:
            compact.append(plain)
        digests.append(digest)
        if text is not None:
            texts.append((node, text))
        size = len(text) if text is not None else len(repr(node))
        if limits.within_by_repr(size):
            bound += size
        else:
            walked.add(id(node))
    alone = _api(
        package,
        [op for service in services for op in service[2] if id(op) in walked],
        [named for _, named, _ in types if id(named) in walked],
        {full_name: description for full_name, description, _, _ in services},
    )
    clean, prose = limits.within(alone, Location(file.name), _PLANS)
    packed = kept_types.pack(((name, named) for name, named, _ in types), compact)
    return FileIR(
        tuple(types), frozenset(map_entries), tuple(services), names_digest, clean, prose + bound,
        tuple(digests), prose_exact=not bound, texts=tuple(texts), packed=packed,
    )  # fmt: skip


def _counted(unit: FileIR, package: str, name: str) -> FileIR:
    """`unit` with its prose counted by the walk of the limits (its types built, if deferred)."""
    types = tuple((full_name, built(named), refs) for full_name, named, refs in unit.types)
    alone = _api(
        package,
        [op for service in unit.services for op in service[2]],
        [named for _, named, _ in types],
        {full_name: description for full_name, description, _, _ in unit.services},
    )
    clean, prose = limits.within(alone, Location(name), _PLANS)
    return replace(unit, types=types, within_limits=clean, prose=prose, prose_exact=True)


def _nodes(
    types: Iterable[tuple[str, NamedType, tuple[str, ...]]],
    services: Iterable[tuple[str, str, tuple[Operation, ...], tuple[Problem, ...]]],
) -> Iterator[NamedType | Operation]:
    yield from (named for _, named, _ in types)
    yield from (op for _, _, operations, _ in services for op in operations)


def digested(units: Iterable[FileIR]) -> Iterator[tuple[NamedType | Operation, str]]:
    """Each type and operation of the units with its content digest."""
    for unit in units:
        yield from zip(_nodes(unit.types, unit.services), unit.digests, strict=True)


def _assemble(
    compiled: Compiled,
    package: str,
    units: list[FileIR],
    inputs: set[str],
    diagnostics: Diagnostics,
) -> tuple[API, bool]:
    """The API the units make, as `_whole_set_ir` makes it from the whole set at once."""
    services = sorted((service for unit in units for service in unit.services), key=lambda s: s[0])
    operations = sorted((op for service in services for op in service[2]), key=lambda op: op.id)
    declared = {name: (named, refs) for unit in units for name, named, refs in unit.types}
    map_entries = frozenset(name for unit in units for name in unit.map_entries)
    pending = [name for unit, proto in zip(units, compiled.protos, strict=True) if proto.name in inputs
               for name, _, _ in unit.types]  # fmt: skip
    for op in operations:
        assert op.rpc is not None
        pending += [op.rpc.request_type, op.rpc.response_type]
        if op.long_running:
            pending += [op.long_running.metadata_type, op.long_running.response_type]
    selected: set[str] = set()
    while pending:
        name = pending.pop()
        if not name or name in selected:
            continue
        parent = name.rsplit(".", 1)[0]
        if parent in map_entries or (parent in declared and declared[parent][0].kind != "enum"):
            pending.append(parent)
        if name in declared:
            selected.add(name)
            pending.extend(declared[name][1])
        elif name in map_entries:
            raise _Unusual  # a map entry as a type of its own: never in a tree protoc accepts
    methods = [f"{op.rpc.service}.{op.rpc.method}" for op in operations if op.rpc is not None]
    # (every part of every name at once: one join and one split, not a split per name)
    if not _KEYWORDS.isdisjoint(".".join([*selected, *methods]).split(".")):
        raise _Unusual  # errors: reported by the whole-set route, in its order
    for _, _, _, problems in services:
        for problem in problems:
            report = diagnostics.warn if problem.severity == "warning" else diagnostics.error
            report(problem.location, problem.message, problem.hint)
    api = _api(
        package,
        operations,
        [declared[name][0] for name in sorted(selected)],
        {full_name: description for full_name, description, _, _ in services},
        compiled,
    )
    # each unit passed the limits alone; together they could only break the total of prose
    within = all(unit.within_limits for unit in units)
    return api, within and sum(unit.prose for unit in units) <= limits.MAX_TOTAL_TEXT


class _Unusual(Exception):
    """The units cannot tell what the whole-set route would do: take that route."""


def _api(
    package: str,
    operations: list[Operation],
    types: list[NamedType],
    service_docs: dict[str, JSONValue],
    compiled: Compiled | None = None,
) -> API:
    fingerprint = compiled.fingerprint if compiled is not None else ""
    return API(
        name=package,
        title=package,
        version="",
        source="proto",
        operations=tuple(operations),
        types=tuple(types),
        extensions=((PROTO_FINGERPRINT, fingerprint), (PROTO_SERVICE_DOCS, service_docs)),
        files=compiled.files if compiled is not None else (),
    )


def _whole_set_ir(compiled: Compiled, package: str, diagnostics: Diagnostics) -> API:
    """The IR built from the whole descriptor set at once (without a cache, and whenever the
    units cannot tell the result)."""
    index = Index(compiled.parsed_files())
    inputs = set(compiled.files)
    services = sorted(
        (decl for decl in index.services.values() if decl.file.name in inputs),
        key=lambda decl: decl.full_name,
    )
    groups = group_packages(sorted({decl.file.package for decl in services}))
    operations: list[Operation] = []
    for decl in services:
        operations.extend(service_operations(index, decl, groups[decl.file.package], diagnostics))
    operations.sort(key=lambda op: op.id)

    wanted = [
        name
        for name, decl in sorted(index.messages.items())
        if decl.file.name in inputs and not decl.proto.options.map_entry
    ]
    wanted += [name for name, decl in sorted(index.enums.items()) if decl.file.name in inputs]
    for op in operations:
        assert op.rpc is not None
        wanted += [op.rpc.request_type, op.rpc.response_type]
        if op.long_running:
            wanted += [op.long_running.metadata_type, op.long_running.response_type]
    types: dict[str, NamedType] = {}
    while wanted:
        name = wanted.pop()
        if not name or name in types:
            continue
        parent = name.rsplit(".", 1)[0]
        if parent in index.messages:  # nested types travel with the type that declares them
            wanted.append(parent)
        message = index.messages.get(name)
        if message is not None:
            types[name] = message_type(index, message)
            wanted.extend(referenced_types(index, message.proto))
        elif name in index.enums:
            types[name] = enum_type(index.enums[name])
    _refuse_keywords(types, operations, diagnostics)
    return _api(
        package,
        operations,
        [types[name] for name in sorted(types)],
        {decl.full_name: decl.info.description(decl.path) for decl in services},
        compiled,
    )


def _refuse_keywords(
    types: dict[str, NamedType], operations: list[Operation], diagnostics: Diagnostics
) -> None:
    """A message, enum, service or method named like a Python keyword (`message class`) is valid
    proto, but protoc's Python modules then hold `x.class` and `def class`: nothing can reach it."""
    named = [(t.id, t.location) for t in types.values()]
    for op in operations:
        assert op.rpc is not None
        named.append((f"{op.rpc.service}.{op.rpc.method}", op.location))
    for full_name, location in named:
        bad = [part for part in full_name.split(".") if keyword.iskeyword(part)]
        if bad:
            diagnostics.error(
                location or Location(full_name),
                f"{full_name!r}: {bad[0]!r} is a Python keyword, which the protobuf modules "
                "protoc writes cannot hold as a name",
                "rename it in the .proto file",
            )
