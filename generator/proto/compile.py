"""Run grpc_tools' protoc in-process: one run gives the descriptor set and the Python stubs.

protoc writes its messages to file descriptor 2, not to `sys.stderr`, so the descriptor is
redirected into a temporary file while it runs and parsed into located problems afterwards.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import struct
import sys
import tempfile
import zipfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import field, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from google.protobuf import descriptor_pb2

from generator.cache_pickle import Buffer
from generator.diagnostics import Diagnostics
from generator.file_bytes import KeySeen, marks
from generator.ir.model import Location
from generator.lazy_dataclass import lazy_dataclass
from generator.proto import wire
from generator.proto.clashes import Declared, clash, declared, well_formed
from generator.proto.confine import refuse_escapes, refuse_unsafe_names, unsafe_names
from generator.proto.file_cache import BUFFER_TYPES, FileCache
from generator.proto.source import undecodable_comments
from generator.proto.stub_input import without_source_text
from generator.proto.text_check import is_utf8, refuse_undecodable
from generator.proto.tree import ProtoTree, scan


@lazy_dataclass(frozen=True)
class ProtoFile:
    """One file of the descriptor set, as protoc wrote it."""

    name: str
    # its FileDescriptorProto, source info kept (read back from the cache: a view of its mapped
    # file, `file_cache`)
    descriptor: Buffer
    dependencies: tuple[str, ...]  # its imports, in the order written
    # the digest of the descriptor and of its imports' keys: everything made from the file (its
    # stubs, its IR) depends on what it holds and on what it imports, and on nothing else
    key: str = ""

    def parse(self) -> descriptor_pb2.FileDescriptorProto:
        return descriptor_pb2.FileDescriptorProto.FromString(bytes(self.descriptor))


@lazy_dataclass(frozen=True)
class Compiled:
    """What protoc produced for a set of inputs, kept in memory."""

    files: tuple[str, ...]  # the inputs, relative to the root, sorted
    protos: tuple[ProtoFile, ...]  # every file of the descriptor set, in protoc's order
    # (path relative to the output dir, text), sorted; the text is "" where the cache keeps
    # the file's stubs rewritten instead (`keep_stub_texts_once`: `stubs.stub_files` takes those)
    stubs: tuple[tuple[str, str], ...]
    fresh: frozenset[str] = frozenset()  # the files protoc compiled in this run (else: cached)
    # the files parsed so far this run, by name: each is parsed once, whoever needs it first
    parsed: dict[str, descriptor_pb2.FileDescriptorProto] = field(
        default_factory=dict, compare=False, repr=False
    )

    @cached_property
    def descriptor_set(self) -> bytes:
        """The FileDescriptorSet with imports and source info, byte for byte as protoc writes it
        (a set is its files' records one after the other)."""
        return b"".join(_record(1, proto.descriptor) for proto in self.protos)

    @cached_property
    def fingerprint(self) -> str:  # (the IR and the artifacts both name it)
        return hashlib.sha256(self.descriptor_set).hexdigest()[:16]

    def parse(self, name: str) -> descriptor_pb2.FileDescriptorProto:
        """The file `name` of the set, parsed (once; read it, never change it)."""
        found = self.parsed.get(name)
        if found is None:
            found = self.parsed[name] = self._by_name[name].parse()
        return found

    def parsed_files(self) -> list[descriptor_pb2.FileDescriptorProto]:
        """Every file of the set, parsed, in protoc's order."""
        return [self.parse(proto.name) for proto in self.protos]

    @cached_property
    def _by_name(self) -> dict[str, ProtoFile]:
        return {proto.name: proto for proto in self.protos}


# Compiled with every input so that option strings such as `response: "google.protobuf.Empty"`
# resolve even when no input imports the file.
WELL_KNOWN = tuple(
    f"google/protobuf/{name}.proto"
    for name in ("any", "duration", "empty", "field_mask", "struct", "timestamp", "wrappers")
)

_LOCATED = re.compile(r"^(?P<file>[^:\n]+):(?P<line>\d+):(?P<col>\d+): (?P<message>.*)$")
_FILE_ONLY = re.compile(r"^(?P<file>[^:\n]+): (?P<message>.*)$")


def include_paths(root: Path) -> list[str]:
    """The root first (its own google/api copies win), then googleapis-common-protos, then WKTs."""
    import google.api
    import grpc_tools

    paths = [str(root)]
    for api_dir in google.api.__path__:
        site = Path(api_dir).parent.parent
        if (site / "google" / "api" / "annotations.proto").is_file():
            paths.append(str(site))
            break
    paths.append(str(Path(grpc_tools.__file__).parent / "_proto"))
    return paths


def compile_protos(
    root: Path,
    files: tuple[str, ...],
    diagnostics: Diagnostics,
    cache: FileCache | None = None,
    tree: ProtoTree | None = None,
    read: Mapping[str, KeySeen] | None = None,
) -> Compiled:
    """Compile `files` (relative to `root`); protoc errors become located problems.

    Two protoc runs: the first parses the sources into a descriptor set (with comments, for
    the IR); the second writes the stubs from that set stripped of all source text (see
    `stub_input`), so no comment can reach the copied stubs. With a `cache`, each run takes
    only the files whose entry is stale (see `file_cache`); anything that would make the result
    differ from a run without it (an error, a message whose place in protoc's output could
    move, a name two files declare: `clashes`) makes it compile everything instead, so problems
    are reported as on a cold run.
    `tree`: what lies under the root, if scanned already (`tree.scan`); `read`: files under it
    read already this run, by path (`text_check.refuse_undecodable`). A file changed between its
    reading and protoc's is a located error (`_refuse_changed_since_read`).
    """
    includes = include_paths(root)
    tree = tree or scan(root)
    links = tree.links
    # before protoc: it would abort
    seen: dict[str, list[int]] = {}  # each file's marks when its bytes were read
    sources = refuse_undecodable(root, tree.protos, diagnostics, links=links, read=read, seen=seen)
    inputs = (*files, *(name for name in WELL_KNOWN if name not in files))
    if cache is not None and cache.enabled and not links:  # links: checked by a full compile
        try:
            found = _from_cache(root, files, inputs, includes, sources, cache, seen, diagnostics)
        except _Stale:
            found = None
        if found is not None:
            compiled, messages, undecodable = found
            _replay(messages, includes, undecodable, diagnostics)
            return compiled
    compiled, entries, runs = _compile_all(root, files, inputs, includes, sources, diagnostics, links, seen)
    if cache is not None:
        cache.stats.compiled = len(compiled.protos)
        cache.entries.clear()
        cache.entries.update(entries)
        cache.runs.update(runs)
    return compiled


class _Stale(Exception):
    """The cached route cannot give exactly what a full compile gives: compile everything."""


@lazy_dataclass
class _Entry:
    """A file's cache entry: what protoc read (`source`, found in include path `place`) and made."""

    source: str
    place: int
    proto: ProtoFile
    stubs: tuple[tuple[str, str], ...] | None  # None: no stubs were asked for
    messages: tuple[str, ...]  # protoc's message lines about the file, in order
    undecodable: tuple[Location, ...]
    # False: the stubs' texts are left out (each ""), their rewritten form is kept (`file_cache`)
    stub_texts: bool = True
    declared: Declared | None = None  # what it puts in the pool's shared scopes (`clashes`)


def keep_stub_texts_once(cache: FileCache) -> None:
    """Leave protoc's text of a file's stubs out of its entry where the cache keeps them
    rewritten for this run (`FileCache.stub_texts`): a cold run writes them once, a regeneration
    reads them once. (Protoc writes them again for a file whose rewritten stubs are missing.)
    The stubs of files the runtime provides are never copied: their text is not kept at all."""
    for name, entry in cache.entries.items():
        if not (isinstance(entry, _Entry) and entry.stub_texts and entry.stubs):
            continue
        if name in cache.kept_stubs or runtime_provided(name):
            paths = tuple((path, "") for path, _ in entry.stubs)
            cache.entries[name] = replace(entry, stubs=paths, stub_texts=False)


def _compile_all(
    root: Path,
    files: tuple[str, ...],
    inputs: tuple[str, ...],
    includes: list[str],
    sources: dict[str, bytes],
    diagnostics: Diagnostics,
    links: bool,
    seen: Mapping[str, list[int]],
) -> tuple[Compiled, dict[str, _Entry], dict[str, Any]]:
    with tempfile.TemporaryDirectory(prefix="apigen-protoc-") as tmp:
        work = Path(tmp)
        code, messages, protos = _descriptors(list(inputs), includes, work)
        _refuse_changed_since_read(root, [proto.name for proto in protos], seen, diagnostics)
        _report(messages, files, includes, diagnostics, failed=code != 0)
        if code != 0:
            diagnostics.raise_if_errors()
            raise diagnostics.fail(Location(files[0] if files else str(root)), "protoc failed")
        ordered = _in_protoc_order(inputs, protos)
        parsed = {proto.name: proto.parse() for proto in ordered}
        refuse_escapes(list(parsed.values()), root, includes, diagnostics, links=links)
        refuse_unsafe_names(list(parsed.values()), lambda name: not runtime_provided(name), diagnostics)
        undecodable = {name: _undecodable(name, file, sources) for name, file in parsed.items()}
        _warn(undecodable, diagnostics)
        targets = _stub_targets(inputs, ordered)
        stubs = _stubs(parsed, targets, work, diagnostics)
    by_file = _stubs_by_file(stubs)
    lines = _attributed(messages, includes)
    entries = {
        proto.name: _Entry(
            *_source_of(proto.name, includes, sources),
            proto=proto,
            stubs=by_file.get(proto.name, ()) if proto.name in targets else None,
            messages=tuple(line for name, line in lines or () if name == proto.name),
            undecodable=undecodable[proto.name],
            declared=declared(parsed[proto.name]),
        )
        for proto in ordered
    }
    runs = {"inputs": inputs, "messages": lines}
    compiled = Compiled(
        files, ordered, tuple(sorted(stubs.items())), frozenset(p.name for p in ordered), parsed
    )
    return compiled, entries, runs


def _from_cache(
    root: Path,
    files: tuple[str, ...],
    inputs: tuple[str, ...],
    includes: list[str],
    sources: dict[str, bytes],
    cache: FileCache,
    seen: Mapping[str, list[int]],
    diagnostics: Diagnostics,
) -> tuple[Compiled, list[tuple[str, str]], dict[str, tuple[Location, ...]]] | None:
    """The compiled set from the cache, protoc running on the stale files only."""
    # (an entry of another shape is left out: its file is compiled again)
    old: dict[str, _Entry] = {name: e for name, e in cache.entries.items() if _well_formed(e)}
    if not old:
        return None
    digests: dict[str, tuple[int, str]] = {}
    valid: dict[str, bool] = {}
    check = _Validity(old, valid, digests, includes, sources)
    stale = sorted(name for name in _reachable(inputs, old, check.is_valid) if not valid[name])
    entries = dict(old)
    fresh: set[str] = set()
    messages: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory(prefix="apigen-protoc-") as tmp:
        work = Path(tmp)
        if stale:
            code, text, protos = _descriptors(stale, includes, work)
            # (said here: compiled again, a file made a FIFO meanwhile would block protoc)
            _refuse_changed_since_read(root, [proto.name for proto in protos], seen, diagnostics)
            lines = _attributed(text, includes)
            if code != 0 or lines is None:
                raise _Stale
            compiled_now = {proto.name: proto for proto in protos}
            # what protoc compiled: the stale files and whatever they import (unchanged
            # imports come out the same, and keep their stubs)
            for name, proto in compiled_now.items():
                entry = old.get(name)
                if (
                    entry is not None
                    and valid.get(name)
                    and entry.proto.descriptor == proto.descriptor
                ):
                    continue
                place, source = _source_digest(name, includes, sources)
                entries[name] = _Entry(source, place, proto, None, (), ())
                fresh.add(name)
            messages = [(name, line) for name, line in lines if name in fresh]
        # (a list: a set would hash every descriptor, and a view of a writable copy of the
        # cache file, where it is not kept mapped, cannot be hashed)
        ordered = _in_protoc_order(inputs, [e.proto for e in entries.values()])
        names = {proto.name for proto in ordered}
        parsed: dict[str, descriptor_pb2.FileDescriptorProto] = {}
        for name in sorted(fresh & names):
            parsed[name] = entries[name].proto.parse()
            entries[name].undecodable = _undecodable(name, parsed[name], sources)
            entries[name].declared = declared(parsed[name])
        if _may_clash(entries[name] for name in names):
            raise _Stale  # reported by protoc, compiling the whole set
        if unsafe_names([n for n in names if not runtime_provided(n)]):
            raise _Stale  # refused with located errors by the full compile
        targets = _stub_targets(inputs, ordered)
        keys = {proto.name: proto.key for proto in ordered}
        wanted = [n for n in targets if n in fresh or not _has_stubs(entries[n], keys[n], cache)]
        if wanted:
            needed = imports_closure(wanted, {p.name: p for p in ordered})
            for name in needed - parsed.keys():
                parsed[name] = entries[name].proto.parse()
            made = _stubs_by_file(_stubs({n: parsed[n] for n in needed}, wanted, work, None))
            for name in wanted:  # a new entry: the cache's file keeps only the entries that changed
                entries[name] = replace(entries[name], stubs=made.get(name, ()), stub_texts=True)
    # protoc's messages about unchanged files are last run's, in last run's order; a message
    # about a recompiled file (new or old) has no known place among them
    previous = cache.runs.get("messages")
    if previous is None or messages or any(old[name].messages for name in fresh if name in old):
        raise _Stale
    carried = [(name, line) for name, line in previous if name in names]
    if carried and not _same_order(old, entries, fresh, inputs, cache):
        raise _Stale
    cache.entries.clear()
    cache.entries.update({name: entries[name] for name in names})
    cache.runs.update({"inputs": inputs, "messages": carried})
    cache.stats.compiled, cache.stats.reused = len(fresh & names), len(names - fresh)
    stubs = sorted(item for name in targets for item in entries[name].stubs or ())
    compiled = Compiled(files, ordered, tuple(stubs), frozenset(fresh & names), parsed)
    return compiled, carried, {name: entries[name].undecodable for name in names}


def _well_formed(entry: object) -> bool:
    """Whether `entry` has the shape this code writes (a cache file is checked against damage,
    not against content of another shape written under a sound checksum: that is a miss too)."""
    if type(entry) is not _Entry:
        return False
    proto, stubs = entry.proto, entry.stubs
    return (
        type(entry.source) is str
        and type(entry.place) is int
        and type(proto) is ProtoFile
        and type(proto.name) is str
        and isinstance(proto.descriptor, BUFFER_TYPES)
        and _strings(proto.dependencies)
        and type(proto.key) is str
        and (stubs is None or (type(stubs) is tuple and all(
            type(stub) is tuple and len(stub) == 2 and _strings(stub) for stub in stubs
        )))
        and _strings(entry.messages)
        and type(entry.undecodable) is tuple
        and all(type(place) is Location for place in entry.undecodable)
        and type(entry.stub_texts) is bool
    )


def _strings(values: object) -> bool:
    return type(values) is tuple and all(type(value) is str for value in values)


def _may_clash(entries: Iterable[_Entry]) -> bool:
    """Whether two files of the set may clash (`clashes`): yes when unsure (an entry of an
    earlier shape, or damaged)."""
    kept = [entry.declared for entry in entries]
    found = [item for item in kept if well_formed(item)]
    return len(found) != len(kept) or clash(found)


def _has_stubs(entry: _Entry, key: str, cache: FileCache) -> bool:
    """Whether the file's stubs are at hand: protoc's text in its entry, or their rewritten form
    in the cache for the file's key (protoc's text left out, `keep_stub_texts_once`), or not
    needed (the runtime provides the file's modules)."""
    if entry.stubs is None:
        return False
    name = entry.proto.name
    if entry.stub_texts or runtime_provided(name):
        return True
    return cache.stubs_kept(name, key, [path for path, _ in entry.stubs])


@lazy_dataclass(eq=False)  # (never compared: no __eq__ compiled at import)
class _Validity:
    """Whether a file's cache entry holds: its source as last time, and so for its imports.

    (A class, not a nested function: one that calls itself by name is a reference cycle, and
    kept the whole cache for the collector; the loads freeze such garbage: `cache_pickle`.)"""

    old: dict[str, _Entry]
    valid: dict[str, bool]
    digests: dict[str, tuple[int, str]]
    includes: list[str]
    sources: dict[str, bytes]

    def current(self, name: str) -> tuple[int, str]:
        if name not in self.digests:
            self.digests[name] = _source_digest(name, self.includes, self.sources)
        return self.digests[name]

    def is_valid(self, name: str) -> bool:
        valid = self.valid
        if name not in valid:
            entry = self.old.get(name)
            valid[name] = False  # an import cycle (never cached) reads as stale
            valid[name] = (
                entry is not None
                and (entry.place, entry.source) == self.current(name)
                and all(self.is_valid(dep) for dep in entry.proto.dependencies)
            )
        return valid[name]


def _same_order(
    old: dict[str, _Entry],
    entries: dict[str, _Entry],
    fresh: set[str],
    inputs: tuple[str, ...],
    cache: FileCache,
) -> bool:
    """protoc reports on files in the order it meets them: kept when the inputs and every
    recompiled file's imports are as before (then it walks the same graph the same way)."""
    if cache.runs.get("inputs") != inputs:
        return False
    return all(
        name in old and old[name].proto.dependencies == entries[name].proto.dependencies
        for name in fresh
    )


def _replay(
    messages: list[tuple[str, str]],
    includes: list[str],
    undecodable: dict[str, tuple[Location, ...]],
    diagnostics: Diagnostics,
) -> None:
    _report("\n".join(line for _, line in messages), (), includes, diagnostics, failed=False)
    _warn(undecodable, diagnostics)


def _reachable(
    inputs: tuple[str, ...], entries: dict[str, _Entry], is_valid: Callable[[str], bool]
) -> list[str]:
    """The inputs and, through the cached imports of files still valid, what they import."""
    seen: list[str] = []
    known: set[str] = set()
    pending = list(reversed(inputs))
    while pending:
        name = pending.pop()
        if name in known:
            continue
        known.add(name)
        seen.append(name)
        if is_valid(name):
            pending.extend(reversed(entries[name].proto.dependencies))
    return seen


def imports_closure(names: Iterable[str], protos: Mapping[str, ProtoFile]) -> set[str]:
    """The files and everything they import, transitively."""
    out: set[str] = set()
    pending = list(names)
    while pending:
        name = pending.pop()
        if name not in out:
            out.add(name)
            pending.extend(protos[name].dependencies)
    return out


def _refuse_changed_since_read(
    root: Path, names: list[str], seen: Mapping[str, list[int]], diagnostics: Diagnostics
) -> None:
    """A located error for each of `names` (files protoc just read) changed since its bytes were
    read (`seen`), perhaps well before protoc ran (for the regeneration key): what protoc made
    may be of other bytes than those checked and digested, so no entry, output or stamp made of
    it could be trusted (`_changed_since_read`)."""
    for name in _changed_since_read(root, names, seen):
        diagnostics.error(
            Location(name), "the file changed while it was being compiled",
            hint="run the generator again once the file is saved",
        )  # fmt: skip
    diagnostics.raise_if_errors()


def _changed_since_read(root: Path, names: list[str], seen: Mapping[str, list[int]]) -> list[str]:
    """Those of `names` under `root` whose status is no longer the one they had when their bytes
    were read (`seen`: `file_bytes.marks`). Any write moves a file's change time, even one that
    puts its bytes back; and the status is taken without opening the file (a FIFO put in its
    place would block a read)."""
    top = str(root)
    changed = []
    for name in names:
        before = seen.get(name)
        if before is None:  # (not under the root: the bundled includes, digested when read)
            continue
        try:
            now = marks(os.stat(os.path.join(top, name)))
        except OSError:
            now = None
        if now != before:
            changed.append(name)
    return changed


def _source_of(name: str, includes: list[str], sources: dict[str, bytes]) -> tuple[str, int]:
    place, digest = _source_digest(name, includes, sources)
    return digest, place


def _source_digest(name: str, includes: list[str], sources: dict[str, bytes]) -> tuple[int, str]:
    """Which include path protoc finds `name` in, and the digest of the bytes it reads there."""
    for place, include in enumerate(includes):
        if place == 0:
            data = sources.get(name)
            if data is not None:
                return 0, hashlib.sha256(data).hexdigest()
            continue
        path = Path(include) / name
        if path.is_file():
            return place, hashlib.sha256(path.read_bytes()).hexdigest()
    return -1, ""


def _descriptors(
    inputs: list[str], includes: list[str], work: Path
) -> tuple[int, str, list[ProtoFile]]:
    """protoc's exit code, its messages, and the files of the set it wrote (their records as
    written: re-serializing a parsed descriptor need not give the same bytes)."""
    descriptor_path = work / "descriptors.binpb"
    code, messages = _run_protoc(
        [
            *(f"-I{path}" for path in includes),
            f"--descriptor_set_out={descriptor_path}",
            "--include_imports",
            "--include_source_info",
            *inputs,
        ],
        work,
    )
    if code != 0:
        return code, messages, []
    protos = []
    for number, _, record in wire.fields(descriptor_path.read_bytes()):
        assert number == 1 and isinstance(record, bytes)
        head = wire.by_number(record)  # the file's top-level fields: name and imports
        name = wire.text(head[1][-1])
        dependencies = tuple(wire.text(dep) for dep in head.get(3, []))
        protos.append(ProtoFile(name, record, dependencies))
    return code, messages, protos


def _in_protoc_order(inputs: tuple[str, ...], protos: Iterable[ProtoFile]) -> tuple[ProtoFile, ...]:
    """The files reached from `inputs` in the order `--include_imports` writes them (each file
    after its imports, depth first in import order), with their keys."""
    by_name = {proto.name: proto for proto in protos}
    ordered: list[ProtoFile] = []
    keys: dict[str, str] = {}
    seen: set[str] = set()
    for top in inputs:
        if top in seen:
            continue
        seen.add(top)
        stack = [(top, iter(by_name[top].dependencies))]
        while stack:
            name, imports = stack[-1]
            for dep in imports:
                if dep not in seen:
                    seen.add(dep)
                    stack.append((dep, iter(by_name[dep].dependencies)))
                    break
            else:
                stack.pop()
                proto = by_name[name]
                digest = hashlib.sha256(hashlib.sha256(proto.descriptor).digest())
                for dep in proto.dependencies:
                    digest.update(keys[dep].encode())
                keys[name] = digest.hexdigest()
                ordered.append(ProtoFile(name, proto.descriptor, proto.dependencies, keys[name]))
    return tuple(ordered)


def _stub_targets(inputs: tuple[str, ...], ordered: tuple[ProtoFile, ...]) -> list[str]:
    """The files to write stubs of: the inputs, and the imports that neither the protobuf
    runtime nor googleapis-common-protos provides."""
    given = set(inputs)  # (a thousand inputs: a set, not a look through the tuple per file)
    missing = [p.name for p in ordered if p.name not in given and not runtime_provided(p.name)]
    return [*inputs, *sorted(missing)]


def _stubs_by_file(stubs: dict[str, str]) -> dict[str, tuple[tuple[str, str], ...]]:
    grouped: dict[str, list[tuple[str, str]]] = {}
    for path, text in sorted(stubs.items()):
        grouped.setdefault(proto_of(path), []).append((path, text))
    return {name: tuple(items) for name, items in grouped.items()}


def proto_of(path: str) -> str:
    """The .proto file a stub was written for."""
    stem = path.removesuffix(".pyi").removesuffix(".py")
    stem = stem.removesuffix("_grpc").removesuffix("_pb2")
    return stem + ".proto"


def _attributed(messages: str, includes: list[str]) -> list[tuple[str, str]] | None:
    """protoc's message lines with the file each is about; None when one names no file."""
    out: list[tuple[str, str]] = []
    for line in messages.splitlines():
        if not line.strip():
            continue
        match = _LOCATED.match(line.strip()) or _FILE_ONLY.match(line.strip())
        if match is None:
            return None
        out.append((_relative(match["file"], includes), line))
    return out


def _stubs(
    files: dict[str, descriptor_pb2.FileDescriptorProto],
    targets: list[str],
    work: Path,
    diagnostics: Diagnostics | None,
) -> dict[str, str]:
    """`_pb2.py`, `_pb2.pyi` and `_pb2_grpc.py` of `targets`, written from a comment-free set
    of `files` (the targets and everything they import)."""
    stub_input = work / "stub-input.binpb"
    stub_input.write_bytes(without_source_text(files.values()).SerializeToString(deterministic=True))
    # each generator writes one zip archive: three files instead of three per proto
    archives = {flag: work / f"{flag}.zip" for flag in ("python_out", "pyi_out", "grpc_python_out")}
    # no -I: with a proto path protoc would parse the sources again, comments included
    code, messages = _run_protoc(
        [
            f"--descriptor_set_in={stub_input}",
            *(f"--{flag}={archive}" for flag, archive in archives.items()),
            *targets,
        ],
        work,
    )
    if code != 0:
        if diagnostics is None:
            raise _Stale
        raise diagnostics.fail(Location(targets[0]), f"protoc failed: {messages.strip()}")
    stubs: dict[str, str] = {}
    for archive in archives.values():
        # read whole, then taken apart in memory: a read from the file is three system calls
        # per entry (seek, header, data), thousands on a large tree
        stubs.update(archive_texts(archive.read_bytes()))
    return stubs


_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, ..., name length, extra field length


def archive_texts(data: bytes) -> Iterator[tuple[str, str]]:
    """Each file of a zip archive (as protoc writes one: entries stored as they are) with its
    UTF-8 text. A stored entry is taken as its slice of `data`, where its local header says
    (`zipfile` opens a stream, seeks and checks a CRC for each: 0.045 s -> 0.015 s for the
    ~3,000 stubs of the 1,001-file tree; the archive was written by protoc in this process a
    moment ago); any other entry is read through `zipfile`."""
    view = memoryview(data)
    with zipfile.ZipFile(io.BytesIO(data)) as opened:
        for entry in opened.infolist():
            if entry.is_dir():
                continue
            start = entry.header_offset
            if entry.compress_type == zipfile.ZIP_STORED and start + _LOCAL_HEADER.size <= len(data):
                signature, name, extra = _LOCAL_HEADER.unpack_from(data, start)
                begin = start + _LOCAL_HEADER.size + name + extra
                if signature == b"PK\x03\x04" and begin + entry.file_size <= len(data):
                    yield entry.filename, str(view[begin : begin + entry.file_size], "utf-8")
                    continue
            yield entry.filename, opened.read(entry).decode("utf-8")


def _undecodable(
    name: str, file: descriptor_pb2.FileDescriptorProto, sources: dict[str, bytes]
) -> tuple[Location, ...]:
    """Where comments of `file` hold bytes that are not UTF-8. None when protoc read it from the
    root (the root is the first include path; `sources` holds what was read there) and those
    bytes are UTF-8 throughout: no need to look at every element's comments."""
    data = sources.get(name)
    if data is not None and is_utf8(data):
        return ()
    return tuple(undecodable_comments(file))


def _warn(undecodable: dict[str, tuple[Location, ...]], diagnostics: Diagnostics) -> None:
    for where in (where for found in undecodable.values() for where in found):
        diagnostics.warn(
            where,
            "comment is not UTF-8 text: its invalid bytes are shown as U+FFFD in the docs",
            hint="save the .proto file as UTF-8",
        )


def _record(number: int, payload: Buffer) -> bytes:
    """A length-delimited field as protobuf writes it: key, length, bytes."""
    out = bytearray()
    for value in ((number << 3) | 2, len(payload)):
        while value >= 0x80:
            out.append((value & 0x7F) | 0x80)
            value >>= 7
        out.append(value)
    return bytes(out) + payload


@cache  # (asked of each file several times a run, a disk lookup each: what is installed stays)
def runtime_provided(proto_file: str) -> bool:
    """True for google/... files whose _pb2 module ships with protobuf or googleapis-common-protos."""
    if not proto_file.startswith("google/"):
        return False
    import google

    module = proto_file.removesuffix(".proto").removeprefix("google/") + "_pb2.py"
    return any((Path(base) / module).is_file() for base in google.__path__)


def _run_protoc(flags: list[str], tmp: Path) -> tuple[int, str]:
    from grpc_tools import protoc

    args = ["grpc_tools.protoc", *flags]
    stderr_path = tmp / "stderr.txt"
    sys.stderr.flush()
    saved = os.dup(2)
    try:
        with open(stderr_path, "wb") as sink:
            os.dup2(sink.fileno(), 2)
            try:
                code = int(protoc.main(args))
            finally:
                os.dup2(saved, 2)
    finally:
        os.close(saved)
    return code, _without_log_noise(stderr_path.read_text(encoding="utf-8", errors="replace"))


# what protoc's logging library adds to a message: a notice that logging is not set up, and before
# each logged line its severity, the time, the thread and the source line ("E0000
# 00:00:1796662656.135343   24613 descriptor_database.cc:279] "), which differ from run to run
_LOG_NOTICE = re.compile(r"^WARNING: All log messages before absl::InitializeLog\(\) is called are written to STDERR\n", re.M)
_LOG_PREFIX = re.compile(r"^[IWEF]\d{4} \d\d:\d\d:\d+(?:\.\d+)? +\d+ [\w.+-]+:\d+\] ", re.M)


def _without_log_noise(messages: str) -> str:
    """protoc's messages without what its logging library adds (`_LOG_NOTICE`, `_LOG_PREFIX`):
    the same input gives the same messages on every run."""
    return _LOG_PREFIX.sub("", _LOG_NOTICE.sub("", messages))


def _relative(file: str, includes: list[str]) -> str:
    """protoc names files by disk path at times: report them relative to their include path."""
    for include in includes:
        prefix = include.rstrip("/") + "/"
        if file.startswith(prefix):
            return file[len(prefix) :]
    return file


def _report(
    messages: str,
    files: tuple[str, ...],
    includes: list[str],
    diagnostics: Diagnostics,
    *,
    failed: bool,
) -> None:
    for line in messages.splitlines():
        line = line.strip()
        if not line:
            continue
        match = _LOCATED.match(line)
        if match:
            location = Location(
                _relative(match["file"], includes),
                line=int(match["line"]),
                column=int(match["col"]),
            )
            message = match["message"]
        else:
            match = _FILE_ONLY.match(line)
            where = match["file"] if match else (files[0] if files else "")
            location = Location(_relative(where, includes))
            message = match["message"] if match else line
        if message.startswith("warning: "):
            diagnostics.warn(location, message.removeprefix("warning: "))
        elif failed:
            diagnostics.error(location, message, hint="fix the .proto file and run again")
        else:
            diagnostics.warn(location, message)
