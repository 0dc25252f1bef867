"""The proto front end's per-file cache: what invalidates an entry, and that the cached route
gives exactly what a run without the cache gives (descriptor set, stubs, IR, problems)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from generator.cache_layers import BUFFERED
from generator.cache_location import ENV_VAR
from generator.diagnostics import Diagnostics
from generator.encoded import as_str
from generator.proto import load_proto
from generator.proto.compile import compile_protos, include_paths
from generator.proto.file_cache import CacheStats, FileCache
from generator.proto.tree import scan

MONEY = 'syntax = "proto3";\npackage acme.common.v1;\nmessage Money {\n  int64 units = 1;\n}\n'
SHOP = (
    'syntax = "proto3";\npackage acme.shop.v1;\nimport "acme/common/v1/money.proto";\n'
    "service Shop {\n  rpc Price(Item) returns (acme.common.v1.Money);\n}\n"
    "message Item {\n  string name = 1;\n}\n"
)
MISC = (
    'syntax = "proto3";\npackage acme.misc.v1;\nimport "google/protobuf/empty.proto";\n'
    "service Misc {\n  rpc Ping(google.protobuf.Empty) returns (google.protobuf.Empty);\n}\n"
)
FILES = {
    "acme/common/v1/money.proto": MONEY,
    "acme/shop/v1/shop.proto": SHOP,
    "acme/misc/v1/misc.proto": MISC,
}


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    folder = tmp_path / "protos"
    for name, text in FILES.items():
        write(folder, name, text)
    return folder


def write(root: Path, name: str, text: str) -> None:
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    (root / name).write_text(text)


def compile_cached(root: Path) -> tuple[set[str], CacheStats]:
    """Compile every file with the cache; the files protoc compiled, after checking the result
    against a compile without the cache."""
    cache = FileCache.open(root, "pkg", include_paths(root))
    files = scan(root).protos
    found = Diagnostics()
    compiled = compile_protos(root, files, found, cache)
    cache.save()
    expected_problems = Diagnostics()
    expected = compile_protos(root, files, expected_problems)
    assert compiled.descriptor_set == expected.descriptor_set
    assert compiled.stubs == expected.stubs
    assert found.problems == expected_problems.problems
    return set(compiled.fresh), cache.stats


def test_an_unchanged_tree_compiles_nothing(root: Path) -> None:
    first, _ = compile_cached(root)
    assert set(FILES) < first
    again, stats = compile_cached(root)
    assert again == set() and stats.reused == len(first)


def test_a_change_invalidates_the_file_and_whatever_imports_it(root: Path) -> None:
    compile_cached(root)
    write(
        root,
        "acme/common/v1/money.proto",
        MONEY.replace("units = 1;", "units = 1;\n  int32 nanos = 2;"),
    )
    fresh, _ = compile_cached(root)
    assert fresh == {"acme/common/v1/money.proto", "acme/shop/v1/shop.proto"}


def test_a_new_file_that_shadows_an_include_invalidates_its_importers(root: Path) -> None:
    """protoc reads the root's copy of a file first: where a file is found is part of its key."""
    compile_cached(root)
    write(
        root,
        "google/protobuf/empty.proto",
        'syntax = "proto3";\npackage google.protobuf;\nmessage Empty {}\n',
    )
    fresh, _ = compile_cached(root)
    assert {"google/protobuf/empty.proto", "acme/misc/v1/misc.proto"} <= fresh
    assert "acme/shop/v1/shop.proto" not in fresh


def test_a_damaged_cache_is_an_empty_one(root: Path) -> None:
    first, _ = compile_cached(root)
    cache = FileCache.open(root, "pkg", include_paths(root))
    assert cache.path is not None and cache.path.is_file()
    cache.path.write_bytes(b"\x80\x05not a pickle")
    fresh, _ = compile_cached(root)
    assert fresh == first


def test_the_large_bytes_of_the_cache_are_read_as_views_of_the_file(root: Path) -> None:
    """The file keeps its large bytes (each file's results pickled apart, protoc's descriptors)
    after its pickle and reads them back as views of the mapped file, not copied out of it; a
    regeneration from those views compiles and builds nothing, and gives what a run without the
    cache gives; so does one after a change (the descriptors of unchanged files, read as views,
    go into the descriptor set, the files' keys and the IR's fingerprint)."""
    load(root, use_cache=True)
    cache = FileCache.open(root, "pkg", include_paths(root))
    assert cache.path is not None and cache.path.read_bytes().startswith(BUFFERED)
    assert any(type(blob) is memoryview for _, blob in cache.derived.values())
    views = [
        name for name, entry in cache.entries.items() if type(entry.proto.descriptor) is memoryview
    ]
    assert "google/protobuf/timestamp.proto" in views, views  # (ours are shorter than a buffer)
    same, same_problems, stats = load(root, use_cache=True)
    assert stats.ir_reused == stats.reused == len(cache.entries), stats
    assert (same, same_problems) == load(root, use_cache=False)[:2]
    write(
        root,
        "acme/common/v1/money.proto",
        MONEY.replace("units = 1;", "units = 1;\n  int32 nanos = 2;"),
    )
    cached, cached_problems, stats = load(root, use_cache=True)
    assert stats.ir_reused > 0 and stats.reused > 0, stats
    assert (cached, cached_problems) == load(root, use_cache=False)[:2]


def test_protoc_warnings_come_back_in_place(root: Path) -> None:
    """An unused import is a warning from protoc: replayed from the cache in protoc's order, and
    a change to a file with a warning compiles everything again (its place could move)."""
    unused = 'import "google/protobuf/timestamp.proto";\n'
    write(root, "acme/misc/v1/misc.proto", MISC.replace("\nservice", f"\n{unused}service"))
    write(
        root,
        "acme/a/v1/a.proto",
        f'syntax = "proto3";\npackage acme.a.v1;\n{unused}message A {{}}\n',
    )
    compile_cached(root)
    write(root, "acme/common/v1/money.proto", MONEY.replace("units", "amount"))
    fresh, _ = compile_cached(root)  # compares the warnings with a run without the cache
    assert fresh == {"acme/common/v1/money.proto", "acme/shop/v1/shop.proto"}
    write(
        root,
        "acme/a/v1/a.proto",
        f'syntax = "proto3";\npackage acme.a.v1;\n{unused}message B {{}}\n',
    )
    fresh, _ = compile_cached(root)
    assert "acme/misc/v1/misc.proto" in fresh  # everything


def load(root: Path, *, use_cache: bool) -> tuple[object, list[str], CacheStats]:
    found, stats = Diagnostics(), CacheStats()
    api, artifacts = load_proto(root, [], "pkg", found, use_cache=use_cache, stats=stats)
    # (stubs taken from the cache come as the bytes kept there, `Encoded`: compared as text)
    stubs = {path: as_str(text) for path, text in artifacts.stubs.items()}
    return (api, replace(artifacts, stubs=stubs)), [str(p) for p in found.problems], stats


def test_the_ir_of_a_file_is_rebuilt_when_an_import_changes(root: Path) -> None:
    load(root, use_cache=True)
    write(
        root,
        "acme/common/v1/money.proto",
        MONEY.replace("units = 1;", "units = 1;\n  int32 nanos = 2;"),
    )
    cached, cached_problems, stats = load(root, use_cache=True)
    assert (stats.ir_built, stats.compiled) == (2, 2), stats
    assert stats.ir_reused > 0
    assert (cached, cached_problems) == load(root, use_cache=False)[:2]


def test_whole_tree_facts_reach_the_units_that_read_them(root: Path) -> None:
    """A service in a new top-level package changes the group of every operation (the common
    prefix of the packages goes), though no other file changed."""
    before, _, _ = load(root, use_cache=True)
    write(
        root,
        "other/v1/other.proto",
        'syntax = "proto3";\npackage other.v1;\nservice Other {\n  rpc Do(O) returns (O);\n}\nmessage O {}\n',
    )
    cached, cached_problems, stats = load(root, use_cache=True)
    assert stats.compiled == 1 and stats.ir_built > 1, stats
    assert (cached, cached_problems) == load(root, use_cache=False)[:2]
    assert cached != before


def test_a_long_running_option_resolves_against_every_type(root: Path) -> None:
    """`(api.operation)` names types in text, resolved against the whole tree: a new file that
    declares the named type changes the IR of a file that does not import it."""
    write(
        root,
        "yandex/cloud/operation/operation.proto",
        'syntax = "proto3";\npackage yandex.cloud.operation;\nmessage Operation { string id = 1; }\n',
    )
    write(root, "yandex/cloud/api/operation.proto",
          'syntax = "proto3";\npackage yandex.cloud.api;\nimport "google/protobuf/descriptor.proto";\n'
          "message Operation { string metadata = 1; string response = 2; }\n"
          "extend google.protobuf.MethodOptions { Operation operation = 87334; }\n")  # fmt: skip
    write(
        root,
        "acme/jobs/v1/jobs.proto",
        'syntax = "proto3";\npackage acme.jobs.v1;\nimport "yandex/cloud/api/operation.proto";\n'
        'import "yandex/cloud/operation/operation.proto";\n'
        "service Jobs {\n  rpc Run(Job) returns (yandex.cloud.operation.Operation) {\n"
        '    option (yandex.cloud.api.operation) = { response: "acme.late.v1.Done" };\n  }\n}\n'
        "message Job {}\n",
    )
    _, problems, _ = load(root, use_cache=True)
    assert any("does not resolve" in problem for problem in problems)
    write(
        root,
        "acme/late/v1/done.proto",
        'syntax = "proto3";\npackage acme.late.v1;\nmessage Done {}\n',
    )
    cached, cached_problems, _ = load(root, use_cache=True)
    assert not any("does not resolve" in problem for problem in cached_problems)
    assert (cached, cached_problems) == load(root, use_cache=False)[:2]


FORGED = {
    "descriptor not bytes": lambda e: replace(e, proto=replace(e.proto, descriptor="text")),
    "dependencies not a tuple": lambda e: replace(e, proto=replace(e.proto, dependencies=None)),
    "no proto": lambda e: replace(e, proto=None),
    "stubs a string": lambda e: replace(e, stubs="abc"),
    "a message not a string": lambda e: replace(e, messages=(1,)),
}


@pytest.mark.parametrize("forge", sorted(FORGED))
def test_an_entry_of_another_shape_is_a_miss(root: Path, forge: str) -> None:
    """An entry that passes the file's checksum but is not of the shape this code writes (a
    forged or foreign one) is a miss, not a traceback: the result is a compile without the
    cache's."""
    compile_cached(root)
    cache = FileCache.open(root, "pkg", include_paths(root))
    name = "acme/shop/v1/shop.proto"
    forged = cache.entries[name] = FORGED[forge](cache.entries[name])
    cache.save()
    assert FileCache.open(root, "pkg", include_paths(root)).entries[name] == forged  # (kept)
    fresh, _ = compile_cached(root)  # (compared with a compile without the cache)
    assert name in fresh
