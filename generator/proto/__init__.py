"""The proto front end: .proto files -> protoc (in-process) -> descriptor set -> IR, plus the
stubs as an explicit artifact."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from generator.artifacts import ProtoArtifacts
from generator.cache_pickle import long_lived
from generator.diagnostics import Diagnostics
from generator.file_bytes import KeySeen
from generator.ir import limits
from generator.ir.model import API, Location
from generator.proto.artifacts import proto_artifacts
from generator.proto.compile import compile_protos, include_paths, keep_stub_texts_once
from generator.proto.file_cache import CacheStats, FileCache
from generator.proto.to_ir import to_ir
from generator.proto.tree import scan

__all__ = ["load_proto"]


def load_proto(
    root: Path,
    files: Sequence[str],
    package: str,
    diagnostics: Diagnostics,
    *,
    use_cache: bool = False,
    stats: CacheStats | None = None,
    limits_at: Location | None = None,
    digests: list[tuple[Any, str]] | None = None,
    deferred: bool = False,
    texts: list[tuple[Any, bytes]] | None = None,
    read: Mapping[str, KeySeen] | None = None,
) -> tuple[API, ProtoArtifacts]:
    """Compile `files` (relative to `root`; empty = every .proto under it): their IR, and the
    stubs (imports pointing at `package`) that rendering the package needs besides it.

    With `use_cache` (and a cache folder, see `cache_location`), what each file gave last time
    is reused while the file and its imports are unchanged (`file_cache`; off by default: the
    cache keeps a file per proto root, right for a project's specs, not for scratch folders); `stats` is told how
    many files were compiled and built afresh. With `limits_at`, the IR is held to
    `generator.ir.limits` (problems without a place of their own are put there). `digests` is
    given the types and operations whose content digest is known (`serialize.Fragments.know`),
    `texts` the snapshot texts taken of those built afresh (`serialize.Fragments.know_texts`).
    With `deferred`, the types of files taken from the cache are `generator.ir.deferred`
    stand-ins, built when read (the caller reads them through `deferred.built`). `read`: the
    bytes of files under `root` read already this run (for the regeneration key), by path as
    `os.path.join(str(root), name)` spells it: not read again."""
    if not root.is_dir():
        raise diagnostics.fail(Location(str(root)), "proto root is not a directory")
    tree = scan(root)
    chosen = tuple(sorted(Path(f).as_posix() for f in files)) if files else tree.protos
    if not chosen:
        raise diagnostics.fail(Location(str(root)), "no .proto files found under the proto root")
    # (the files the scan found are known to be files or not without a `stat` each)
    missing = tree.not_files if not files else {name for name in chosen if not (root / name).is_file()}
    for name in chosen:
        if name in missing:
            raise diagnostics.fail(Location(name), "proto file not found under the proto root")
    cache = FileCache.open(root, package, include_paths(root)) if use_cache else FileCache.off()
    if stats is not None:
        cache.stats = stats
    compiled = compile_protos(root, chosen, diagnostics, cache, tree, read)
    # the IR and the cache's records of it live to the run's end, in no reference cycle: no
    # collection walks them while they are made (on 1,000 files, 0.06 s of young collections)
    with long_lived():
        api, within_limits = to_ir(compiled, package, diagnostics, cache, digests, deferred=deferred, texts=texts)
    diagnostics.raise_if_errors()
    if limits_at is not None and not within_limits:
        api = limits.enforce(api, diagnostics, limits_at)
    artifacts = proto_artifacts(compiled, package, cache)
    keep_stub_texts_once(cache)
    cache.save()
    return api, artifacts
