"""What the proto front end made of each .proto file last time, kept in the cache folder.

protoc's output for a file (its descriptor, its stubs, its messages) depends only on the file and
the files it imports, transitively; so does the IR of its messages, enums and services, given a
few facts about the whole tree that go into the IR's own key (see `to_ir`). Each file's entry is
therefore valid while the file's bytes, where protoc finds it, and the entries of its imports are
unchanged: a one-field change recompiles the changed file and the files importing it, nothing else.
(One thing protoc checks across files that do not import each other, that no two declare one
name, is checked on the entries instead: `clashes`.)

Everything else that shapes an entry goes into the salt: the code of the proto front end and the
IR, the versions of protoc, protobuf and googleapis-common-protos, the include paths, Python's
version (the file is a pickle). A missing, damaged or differently salted file is an empty cache.
The file keeps the entries of the latest run only, so it never grows past one tree's size; a run
writes only the entries that changed (`cache_layers`).

The file is saved `with_buffers` (`cache_layers`): each entry's pickled results and protoc's
descriptors of a file, its large bytes values, are read back as views of the mapped file, not
copied out of the pickle (about 20 MB for the 1,001-file tree of the benchmarks, most of which a
regeneration reads once, or never: half the time of opening the file).

A file's stubs are kept once: rewritten for the package (`STUBS`, see `stubs`); protoc's own text
is left out of the file's entry while those are kept (`compile.keep_stub_texts_once`), and protoc
writes it again when they are not there (`stubs_kept`). They are kept as their UTF-8 bytes, not
pickled (`stub_texts`): read back as views of the file, they are handed on as those bytes
(`Encoded`), never decoded or copied (12 MB for the 1,001-file tree, most of them written before,
and known by their digest: `ProtoArtifacts.stub_keys`).
"""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import field
from pathlib import Path
from typing import Any, TypeVar

from generator import cache_pickle
from generator.artifacts import STUB_FOLDER
from generator.cache_layers import Layered
from generator.cache_location import cache_folder
from generator.cache_pickle import Buffer
from generator.code_digest import code_digest, tool_versions
from generator.lazy_dataclass import lazy_dataclass

T = TypeVar("T")
StubTexts = tuple[tuple[str, Buffer], ...]  # a file's stubs as kept: (path, the text's UTF-8 bytes)
BUFFER_TYPES = (bytes, memoryview)  # what a kept buffer reads back as (`cache_layers`)
_FORMAT = 3  # 3: a unit's types kept as their snapshot data (`to_ir.KeptIR`)
STUBS = "stubs"  # the kind of a file's stubs rewritten for the package
# the code an entry's content depends on: the front end, the IR it builds, what both import
_CODE = (
    *("generator/proto", "generator/ir", "generator/artifacts.py", "generator/diagnostics.py"),
    "generator/cache_pickle.py",  # what may be read back from the file
)


@lazy_dataclass(eq=False)  # (never compared: no __eq__ compiled at import)
class CacheStats:
    compiled: int = 0  # files protoc compiled this run
    reused: int = 0  # files whose descriptor and stubs came from the cache
    ir_built: int = 0  # files whose IR was built this run
    ir_reused: int = 0  # ... taken from the cache


@lazy_dataclass(eq=False)  # (never compared: no __eq__ compiled at import)
class FileCache:
    """Entries by .proto file name (`entries`), and named records of the last run (`runs`)."""

    path: Path | None
    salt: str
    entries: dict[str, Any] = field(default_factory=dict)
    runs: dict[str, Any] = field(default_factory=dict)
    # results made from one file, by (kind, file name): (the file's key, the result pickled on
    # its own, so that a result reused is written back without pickling it again; one read back
    # is a view of the mapped file, see the module docstring)
    derived: dict[tuple[str, str], tuple[str, Buffer]] = field(default_factory=dict)
    made: dict[tuple[str, str], tuple[str, Buffer]] = field(default_factory=dict)  # this run's
    # each file's stubs rewritten for the package, by file name: (their key, ((path, the text's
    # UTF-8 bytes), ...)); as read (each checked where it is used), and this run's
    stubs: dict[str, Any] = field(default_factory=dict)
    kept_stubs: dict[str, tuple[str, StubTexts]] = field(default_factory=dict)
    stats: CacheStats = field(default_factory=CacheStats)
    layered: Layered | None = None  # the file as read
    package: str = ""  # the package the stubs are rewritten for
    # what `lookup` gave this run, by (kind, file name): a value is unpickled once a run
    _found: dict[tuple[str, str], tuple[str, Any]] = field(default_factory=dict)
    # what `stub_texts` found kept this run, by file name: (key, paths asked for, the texts)
    _stubs_seen: dict[str, tuple[str, list[str], StubTexts]] = field(default_factory=dict)

    @classmethod
    def off(cls) -> FileCache:
        return cls(None, "")

    def stub_key(self, file_key: str) -> str:
        """The key of a file's rewritten stubs: the file's key (it and its imports) and the package."""
        return f"{file_key} {self.package}"

    def text_key(self, kind: str, key: str) -> str:
        """A key naming what is kept of `kind` under `key` beyond this file: the salt (protoc's
        and our versions) shapes it too."""
        return hashlib.sha256(f"{self.salt}\0{kind}\0{key}".encode()).hexdigest()[:32]

    def stubs_kept(self, name: str, file_key: str, written: Sequence[str]) -> bool:
        """Whether the file's rewritten stubs are kept for its key (`written`: the paths of
        protoc's stubs for it)."""
        return self.stub_texts(name, self.stub_key(file_key), written) is not None

    def stub_texts(self, name: str, key: str, written: Sequence[str]) -> StubTexts | None:
        """The file's rewritten stubs kept under `key` (`stub_key`) last run, as (path, UTF-8
        bytes) pairs (kept again for the next run); None when none are, or they are of another
        shape, or at paths other than the rewritten stubs of protoc's (`written`) take (a miss:
        made and kept afresh; never files put into the package where they were not made)."""
        seen = self._stubs_seen.get(name)
        if seen is not None and seen[0] == key and seen[1] == written:  # (asked twice a run)
            return seen[2]
        found = self.stubs.get(name)
        if not (type(found) is tuple and len(found) == 2 and found[0] == key and type(found[1]) is tuple):
            return None
        if not all(type(item) is tuple and len(item) == 2 and _typed(item, str, BUFFER_TYPES) for item in found[1]):
            return None
        if not _at_their_paths([path for path, _ in found[1]], written):
            return None
        self.kept_stubs[name] = found
        texts: StubTexts = found[1]
        self._stubs_seen[name] = (key, list(written), texts)
        return texts

    def keep_stub_texts(self, name: str, key: str, stubs: tuple[tuple[str, str], ...]) -> None:
        """Keep the file's rewritten stubs under `key` for the next run."""
        if self.path is not None:
            self.kept_stubs[name] = (key, tuple((path, text.encode("utf-8")) for path, text in stubs))

    @classmethod
    def open(cls, root: Path, package: str, includes: list[str]) -> FileCache:
        folder = cache_folder()
        if folder is None:
            return cls.off()
        tag = hashlib.sha256(f"{root.resolve()}\0{package}".encode()).hexdigest()[:10]
        cache = cls(folder / f"proto-{tag}-{package}.pickle", _salt(includes), package=package)
        assert cache.path is not None
        # a missing or damaged cache is an empty one (`Layered`)
        cache.layered = Layered.load(cache.path, cache.salt, with_buffers=True)
        sections = cache.layered.sections
        cache.entries = sections.get("entries", {})  # each value checked where it is used
        cache.runs = _runs_of(sections.get("runs", {}))
        cache.stubs = sections.get("stubs", {})
        cache.derived = {
            name: found
            for name, found in sections.get("derived", {}).items()
            if isinstance(found, tuple) and len(found) == 2 and _typed(found, str, BUFFER_TYPES)
        }
        return cache

    def lookup(self, kind: str, name: str, key: str) -> Any:
        """What was kept for the file under `key` last run (kept again for the next), or None."""
        seen = self._found.get((kind, name))
        if seen is not None and seen[0] == key:
            return seen[1]
        found = self.derived.get((kind, name))
        if found is None or found[0] != key:
            return None
        try:
            value = cache_pickle.loads(found[1])
        except Exception:  # a damaged entry is a miss
            return None
        self.made[(kind, name)] = found
        self._found[(kind, name)] = (key, value)
        return value

    def keep(self, kind: str, name: str, key: str, value: Any) -> None:
        if self.path is not None:
            self.made[(kind, name)] = (key, cache_pickle.dumps(value))

    def derive(self, kind: str, name: str, key: str, make: Callable[[], T]) -> T:
        """`make()`, or what it gave last run for the same file and key."""
        found: T | None = self.lookup(kind, name, key)
        if found is None:
            found = make()
            self.keep(kind, name, key, found)
        return found

    @property
    def enabled(self) -> bool:
        return self.path is not None

    def save(self) -> None:
        """Keep this run's entries (replacing the last run's; on disk, mostly only what changed:
        `Layered`); failures only cost time."""
        if self.path is None:
            return
        layered = self.layered or Layered(self.path, self.salt, with_buffers=True)
        sections: dict[str, Mapping[Any, Any]] = {
            "entries": self.entries, "runs": self.runs, "derived": self.made, "stubs": self.kept_stubs
        }
        layered.save(sections)


def _runs_of(runs: dict[Any, Any]) -> dict[str, Any]:
    """The whole-run facts kept (inputs, protoc's messages), without any of another shape: a
    damaged entry is a miss, never an error."""
    found: dict[str, Any] = {}
    inputs, messages = runs.get("inputs"), runs.get("messages")
    if isinstance(inputs, tuple) and all(isinstance(name, str) for name in inputs):
        found["inputs"] = inputs
    if isinstance(messages, list) and all(
        isinstance(item, tuple) and len(item) == 2 and _typed(item, str, str) for item in messages
    ):
        found["messages"] = messages
    return found


def _typed(pair: tuple[Any, ...], first: type, second: type | tuple[type, ...]) -> bool:
    return isinstance(pair[0], first) and isinstance(pair[1], second)


def _salt(includes: list[str]) -> str:
    digest = hashlib.sha256(f"{_FORMAT} {sys.version}".encode())
    digest.update(tool_versions("grpcio-tools", "protobuf", "googleapis-common-protos").encode())
    digest.update("\0".join(includes[1:]).encode())  # the root itself is in the file's name
    digest.update(code_digest(*_CODE).encode())
    return digest.hexdigest()


def _at_their_paths(paths: list[str], written: Sequence[str]) -> bool:
    """Whether rewritten stubs lie at `paths` for protoc's at `written`: each in the stub folder,
    in the same order, the services module left out where the file declares no service."""
    rewritten = [f"{STUB_FOLDER}/{path}" for path in written]
    return paths == rewritten or paths == [path for path in rewritten if not path.endswith("_pb2_grpc.py")]
