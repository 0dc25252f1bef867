"""Regeneration after a change reuses cached work (rendered units, encoded IR, formatted files,
unchanged files left alone) and gives exactly the bytes a cold run from scratch gives,
CHANGES.md included."""

from __future__ import annotations

import dataclasses
import gc
import json
import os
import pickle
import types
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from generator import cache_pickle, write
from generator.cache_location import ENV_VAR
from generator.cache_pickle import MIN_BUFFER
from generator.cli import few_full_collections
from generator.config import load_config
from generator.diagnostics import Diagnostics, SpecError
from generator.encoded import Encoded, Text, as_str
from generator.ir.deferred import built
from generator.pipeline import Outcome, Stats, generate
from generator.proto.to_ir import FileIR
from tests.support.cache_files import as_bytes, plant_cache_file, read_cache_file

OPENAPI = """openapi: 3.1.0
info: {title: T, version: '1'}
paths:
  /things:
    get:
      operationId: listThings
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
  /things/{id}:
    delete:
      operationId: deleteThing
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
      responses:
        '204': {description: gone}
components:
  schemas:
    Thing:
      type: object
      properties:
        id: {type: string}
        owner: {$ref: '#/components/schemas/Owner'}
    Owner:
      type: object
      properties:
        name: {type: string}
        badge: {$ref: '#/components/schemas/Badge00'}
"""
# Types no change touches, so that a regeneration reusing little would show (every other one
# described at length: texts long enough to be kept out of the units file's pickle, `cache_layers`)
FILLER = 20
OPENAPI += "".join(
    f"    Badge{i:02d}:\n      type: object\n      description: Badge {i}.{' Worn.' * 100 * (1 - i % 2)}\n"
    "      properties:\n"
    f"        label: {{type: string}}\n"
    + (
        f"        next: {{$ref: '#/components/schemas/Badge{i + 1:02d}'}}\n"
        if i + 1 < FILLER
        else ""
    )
    for i in range(FILLER)
)

PROTO = """syntax = "proto3";

package demo.v1;

// Says hello.
service Greeter {
  // One greeting.
  rpc Greet(GreetRequest) returns (GreetReply);
}

message GreetRequest {
  string name = 1;
}

message GreetReply {
  string text = 1;
}
"""

CONFIG = """output: ../out
packages:
  - name: rest_pkg
    openapi: api.yaml
  - name: grpc_pkg
    proto_root: proto
"""

CHANGES = {
    "field added": ("api.yaml", "        name: {type: string}\n", "        name: {type: string}\n        email: {type: string}\n"),
    "type renamed": ("api.yaml", "Owner", "Holder"),
    "operation changed": ("api.yaml", "      operationId: listThings\n", "      operationId: listThings\n      summary: Lists the things.\n"),
    "operation removed": ("api.yaml", "  /things/{id}:\n    delete:\n      operationId: deleteThing\n      parameters:\n        - {name: id, in: path, required: true, schema: {type: string}}\n      responses:\n        '204': {description: gone}\n", ""),
    # a new type and a removed one: the data-types page and the index gain or lose an entry
    "type added": ("api.yaml", "      description: Badge 19.\n      properties:\n        label: {type: string}\n", "      description: Badge 19.\n      properties:\n        label: {type: string}\n    Sticker:\n      type: object\n      description: A sticker.\n      properties:\n        shape: {type: string}\n"),
    "type removed": ("api.yaml", "        next: {$ref: '#/components/schemas/Badge19'}\n    Badge19:\n      type: object\n      description: Badge 19.\n      properties:\n        label: {type: string}\n", ""),
    "proto message changed": ("proto/demo/v1/greeter.proto", "  string text = 1;\n", "  string text = 1;\n  int64 count = 2;\n"),
}  # fmt: skip


def write_specs(folder: Path) -> None:
    (folder / "proto" / "demo" / "v1").mkdir(parents=True)
    (folder / "api.yaml").write_text(OPENAPI)
    (folder / "proto" / "demo" / "v1" / "greeter.proto").write_text(PROTO)
    (folder / "generator.yaml").write_text(CONFIG)


def run(specs: Path, *, use_cache: bool = True) -> Outcome:
    config = load_config(specs / "generator.yaml")
    return generate(config, diagnostics=Diagnostics(), use_cache=use_cache)


def tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def change(specs: Path, kind: str) -> None:
    name, old, new = CHANGES[kind]
    text = (specs / name).read_text()
    assert old in text
    (specs / name).write_text(text.replace(old, new))


def as_cold_runs_after(warm: Path, cold: Path, edits: list[Any]) -> None:
    """Assert that the output of `warm` is what cold runs give, one after each of `edits` (a
    `CHANGES` kind, or a function of the specs folder) made to the specs of `cold` in turn."""
    run(cold / "specs", use_cache=False)
    for edit in edits:
        if isinstance(edit, str):
            change(cold / "specs", edit)
        else:
            edit(cold / "specs")
        run(cold / "specs", use_cache=False)
    assert tree(warm / "out") == tree(cold / "out")


@pytest.mark.parametrize("kind", sorted(CHANGES))
def test_regeneration_after_a_change_equals_a_cold_run(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warm, cold = tmp_path / "warm", tmp_path / "cold"
    for project in (warm, cold):
        write_specs(project / "specs")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "warm-cache"))
    first = run(warm / "specs")  # the state before the change: output and caches in place
    # an output file no change touches, edited by hand: the manifest no longer vouches for it
    edited = warm / "out" / "python" / "rest_pkg" / "rest_pkg" / "models" / "badge10.py"
    edited.write_text(edited.read_text() + "# edited\n")
    change(warm / "specs", kind)
    with few_full_collections():  # as the CLI runs it: what the caches load is frozen (`cache_pickle`)
        again = run(warm / "specs")

    # the caches did the work: a few units, snapshot entries and files done afresh, not all
    before, after = first.stats, again.stats
    assert before.units_reused == 0 and before.units_rendered > 2 * FILLER
    assert after.units_rendered + after.units_reused == before.units_rendered or kind.startswith(
        "type"
    )
    # (and, when the symbol tables changed, the models' `__init__` and the model links they make)
    same_outlines = kind in ("field added", "operation changed", "operation removed", "proto message changed")
    assert after.units_rendered <= (6 if same_outlines else 8), after
    assert after.ir_encoded <= 5 and after.ir_reused >= FILLER, after
    # the IR digests of the OpenAPI types came with the replayed schema units, not spelled out
    # again: digested afresh are the operations and the few types converted again
    assert after.ir_digested <= 8 or kind == "proto message changed", after
    assert before.limits_reused == 0 and after.limits_walked <= 3, after
    # the OpenAPI types converted afresh were held to the limits by the size of their snapshot
    # text, not walked (`limits.prose_bound`): on the first run all of them, then the changed
    assert before.limits_sized >= FILLER and after.limits_walked + after.limits_sized <= 3, before
    assert before.limits_walked < FILLER, before
    assert after.limits_reused >= (1 if kind == "proto message changed" else FILLER), after
    # the symbol tables (names, modules, union variants) are made from an outline of each type and
    # operation, remembered by content: outlined afresh are the types converted again; the tables
    # are last run's when no outline changed (a field of a scalar type, an operation's text)
    assert before.symbol_tables_reused == 0 and before.outlines_made > FILLER, before
    assert after.outlines_made <= 3, after
    assert after.symbol_tables_reused == (1 if same_outlines else 0), after
    assert after.files_formatted <= 8 < before.files_formatted, after
    assert 0 < after.files_written <= 12 < before.files_written, after
    # files known unchanged by the manifest were not read back: the changed ones and the edited one
    assert 0 < after.files_compared <= 12 < after.files_rendered, after

    # the reused models modules were not hashed again: their digests came with them (a wrong
    # one would show below: the output's digest noted would not be that of the files)
    assert before.text_digests_known == 0 and after.text_digests_known >= FILLER - 6, after
    # a changed file written as rendered (the IR snapshot) was hashed from the bytes written:
    # its key was not needed before (the length of its text told that it changed)
    assert after.text_digests_of_writes >= 1, after

    # nothing changed since: every package is up to date (the output's digest, noted from the
    # text written, is the digest of what the files hold)
    assert sorted(run(warm / "specs").skipped) == ["grpc_pkg", "rest_pkg"]
    # the proto package: protoc and the IR builder saw the changed file only (its set holds the
    # well-known types too), or nothing when only the OpenAPI document changed
    assert before.protos_compiled == before.proto_ir_built > 1 and before.protos_reused == 0, before
    changed_protos = 1 if kind.startswith("proto") else 0
    assert after.protos_compiled == after.proto_ir_built == changed_protos, after
    assert (
        after.protos_reused == after.proto_ir_reused == before.protos_compiled - changed_protos
    ), after
    # the facts of the unchanged message are last run's (GreetReply changed; GreetRequest, and
    # its shape in params.py, not)
    assert (before.message_facts_made, before.message_facts_reused) == (3, 0), before
    if kind == "proto message changed":
        assert (after.message_facts_made, after.message_facts_reused) == (1, 2), after
    if kind != "proto message changed":  # (else the OpenAPI package is up to date: not loaded)
        # component schemas: the changed one and those that refer to it converted, the rest replayed
        assert before.schemas_converted == FILLER + 2 and before.schemas_reused == 0, before
        kept = FILLER - 1 if kind == "type removed" else FILLER
        assert after.schemas_converted <= 2 and after.schemas_reused >= kept, after
        # operations: the changed one, or one whose entries changed, converted; the rest replayed
        assert before.operations_converted == 2 and before.operations_reused == 0, before
        operations = 1 if kind == "operation removed" else 2
        converted = 1 if kind in ("operation changed", "type renamed") else 0
        assert after.operations_converted == converted, after
        assert after.operations_reused == operations - converted, after
    # the replayed types nothing read were never built (`generator.ir.deferred`): the caches
    # downstream took them by digest; built are those the re-rendered units and operations read
    assert before.types_unbuilt == 0 and after.types_unbuilt >= FILLER - 6, after

    # from scratch: the previous output (so CHANGES.md reports the same change), no cache
    run(cold / "specs", use_cache=False)
    change(cold / "specs", kind)
    run(cold / "specs", use_cache=False)

    assert tree(warm / "out") == tree(cold / "out")


def _generated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path, Path]:
    """Two projects of the same specs (`warm` generated once, with its cache folder)."""
    warm, cold = tmp_path / "warm", tmp_path / "cold"
    for project in (warm, cold):
        write_specs(project / "specs")
    cache = tmp_path / "warm-cache"
    monkeypatch.setenv(ENV_VAR, str(cache))
    run(warm / "specs")
    return warm, cold, cache


def test_damaged_caches_are_misses(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Cache entries of the wrong shape (reads that are no strings, limits that are no numbers,
    manifest entries that are no file status) are rendered, walked and read afresh: same bytes.
    """
    warm, cold, cache = _generated(tmp_path, monkeypatch)
    for path in cache.glob("*.pickle"):
        if path.name.startswith("units-"):  # the rendered units of the OpenAPI package
            data = read_cache_file(path)
            sections = data["sections"]
            sections["units"] = {name: [["not a read"], 1] for name in sections["units"]}
            sections["limits"] = {key: "many" for key in sections["limits"]}
            sections["fragments"] = {key: 1 for key in sections["fragments"]}
            sections["outlines"] = {key: ("object", 1) for key in sections["outlines"]}
            sections["tables"] = {
                key: dataclasses.replace(tables, modules={"T": 1})
                for key, tables in sections["tables"].items()
            }
            plant_cache_file(path, data)
        elif path.name.startswith("proto-units-"):  # each piece a pickle of something else
            data = read_cache_file(path)
            hostile = pickle.dumps(print)
            units = data["sections"]["units"]
            data["sections"]["units"] = {
                name: (read, hostile, token, texts) for name, (read, _, token, texts) in units.items()
            }
            plant_cache_file(path, data)
        elif path.name.startswith("formatted-"):  # the output manifest
            data = read_cache_file(path)
            data["sections"]["files"] = {
                name: ["key", "size"] for name in data["sections"]["files"]
            }
            # the digests of the formatted texts kept: not digests (the texts are hashed again)
            data["sections"]["digests"] = {key: "no digest" for key in data["sections"]["digests"]}
            plant_cache_file(path, data)
        else:  # the other proto caches: not even a pickle
            path.write_bytes(b"damaged")
    change(warm / "specs", "field added")
    again = run(warm / "specs")
    assert again.stats.units_reused == 0 and again.stats.limits_reused == 0, again.stats
    assert again.stats.symbol_tables_reused == 0 and again.stats.outlines_made > FILLER, again.stats
    assert again.stats.protos_reused == 0, again.stats

    run(cold / "specs", use_cache=False)
    change(cold / "specs", "field added")
    run(cold / "specs", use_cache=False)
    assert tree(warm / "out") == tree(cold / "out")
    # the stamp left is that of the files written (no damaged digest was taken for a text's)
    assert sorted(run(warm / "specs").skipped) == ["grpc_pkg", "rest_pkg"]


def test_remembered_reads_that_are_no_strings_are_a_miss(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The digests of the reads kept in the rendered-units file, keyed by something else than a
    read's name (a file of another shape under a valid check): no unit is reused, same bytes."""
    warm, cold, cache = _generated(tmp_path, monkeypatch)
    (path,) = cache.glob("units-*-rest_pkg.pickle")
    data = read_cache_file(path)
    data["sections"]["reads"] = {1: "not a read", **data["sections"]["reads"]}
    plant_cache_file(path, data)
    change(warm / "specs", "field added")
    again = run(warm / "specs")
    assert again.stats.units_rendered > FILLER, again.stats  # (every unit that reads: afresh)

    run(cold / "specs", use_cache=False)
    change(cold / "specs", "field added")
    run(cold / "specs", use_cache=False)
    assert tree(warm / "out") == tree(cold / "out")


@pytest.mark.parametrize("with_buffers", [True, False])
def test_remembered_texts_that_are_not_utf8_are_rendered_afresh(
    with_buffers: bool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A unit's text is kept as its UTF-8 bytes (long ones after the file's pickle, read as views
    of it): a part of a page (an entry of the data-types page) is decoded when reused, and bytes
    that are no UTF-8 under a valid check are a miss, rendered afresh, same bytes."""
    warm, cold, cache = _generated(tmp_path, monkeypatch)
    (path,) = cache.glob("units-*-rest_pkg.pickle")
    data = read_cache_file(path)
    units = data["sections"]["units"]
    texts = [name for name, entry in units.items() if name.startswith('["docs-type"') and type(entry[-1]) is bytes]
    assert sum(len(units[name][-1]) >= MIN_BUFFER for name in texts) >= FILLER // 2
    for name in texts:
        units[name][-1] = b"\xff" + units[name][-1]
    plant_cache_file(path, data, with_buffers=with_buffers)
    change(warm / "specs", "field added")
    again = run(warm / "specs")
    assert again.stats.units_rendered >= len(texts), again.stats

    run(cold / "specs", use_cache=False)
    change(cold / "specs", "field added")
    run(cold / "specs", use_cache=False)
    assert tree(warm / "out") == tree(cold / "out")


def _handed_to_the_writer(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """The texts `write.update_in_place` is given from now on, by path (it writes them as usual)."""
    handed: dict[str, Any] = {}
    update_in_place = write.update_in_place

    def noting(files: Any, *args: Any, **kwargs: Any) -> Any:
        handed.update(files)
        return update_in_place(files, *args, **kwargs)

    monkeypatch.setattr(write, "update_in_place", noting)
    return handed


def test_reused_models_modules_are_passed_on_as_the_bytes_kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A models module reused is handed on as the bytes the units file kept (`Encoded`, long ones
    views of the mapped file), never decoded; with the digest kept with it the format cache and
    the stamp take it by digest, and its file, unchanged, is not read. Same bytes as a cold run."""
    warm, cold, _ = _generated(tmp_path, monkeypatch)
    handed = _handed_to_the_writer(monkeypatch)
    change(warm / "specs", "field added")
    hashed = _hashed_texts(monkeypatch)
    again = run(warm / "specs")
    models = {path: text for path, text in handed.items() if path.startswith("python/rest_pkg/rest_pkg/models/badge")}
    assert len(models) == FILLER and all(type(text) is Encoded for text in models.values())
    assert any(type(piece) is memoryview for text in models.values() for piece in text.pieces)
    assert not {id(text) for text in hashed} & {id(text) for text in models.values()}  # (taken by digest)
    assert again.stats.text_digests_known >= FILLER and again.stats.files_compared <= 12, again.stats
    assert sorted(run(warm / "specs").skipped) == ["grpc_pkg", "rest_pkg"]  # (the stamp is right)

    run(cold / "specs", use_cache=False)
    change(cold / "specs", "field added")
    run(cold / "specs", use_cache=False)
    assert tree(warm / "out") == tree(cold / "out")


def test_the_texts_of_a_reused_resource_are_taken_by_the_digest_kept_with_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A resource's unit gives two output files (its module and its docs page): reused, each text
    comes with the digest kept with it, so the format cache and the stamp do not hash it again;
    kept digests of another shape are not taken (the texts are hashed). Same bytes as a cold run,
    and the stamp left is right."""
    warm, cold, cache = _generated(tmp_path, monkeypatch)
    (path,) = cache.glob("units-*-rest_pkg.pickle")

    def resource_texts() -> list[str]:  # (the kept unit of the resource `things`: two texts)
        units = read_cache_file(path)["sections"]["units"]
        (kept,) = [entry[-1] for name, entry in units.items() if name.startswith('["resource"')]
        return [text for text in kept if isinstance(text, str)]

    def described(specs: Path, badge: int) -> None:  # (a change the resource reads nothing of)
        spec = specs / "api.yaml"
        spec.write_text(spec.read_text().replace(f"Badge {badge}.", f"Badge {badge}, described.", 1))

    texts = resource_texts()
    assert len(texts) == 2
    # (the module's file, written by the first run, is hashed once more: a text written is known
    # by its formatted text's digest; then kept by its own)
    for badge, damaged in ((19, False), (5, False), (7, True)):
        if damaged:  # kept digests of another shape
            data = read_cache_file(path)
            digests = data["sections"]["text digests"]
            assert sum("\0" in name for name in digests) == 2  # (the resource's texts)
            data["sections"]["text digests"] = {name: b"short" for name in digests}
            plant_cache_file(path, data)
        hashed = _hashed_texts(monkeypatch)
        described(warm / "specs", badge)
        again = run(warm / "specs")
        assert again.stats.units_reused >= FILLER and not again.stats.texts_rehashed, again.stats
        assert resource_texts() == texts  # (reused)
        if badge == 5:
            assert not set(texts) & set(hashed)
        elif damaged:
            assert set(texts) <= set(hashed)
    assert sorted(run(warm / "specs").skipped) == ["grpc_pkg", "rest_pkg"]  # (the stamp is right)

    as_cold_runs_after(warm, cold, [partial(described, badge=badge) for badge in (19, 5, 7)])


def test_a_changed_page_without_code_fences_is_written_without_the_formatter(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The data-types page has no code fence: after a change to it, it is not handed to the
    formatter (`write.left_as_rendered`), while a changed page with fences is. Same bytes as a
    cold run (which formats every file), and the stamp left is right."""
    warm, cold, _ = _generated(tmp_path, monkeypatch)
    formatted: list[str] = []
    format_python = write.format_python

    def noting(folder: Path, only: Any = None) -> None:
        formatted.extend(only if only is not None else ["(all)"])
        format_python(folder, only)

    monkeypatch.setattr(write, "format_python", noting)
    for kind in ("field added", "operation changed"):
        change(warm / "specs", kind)
        run(warm / "specs")
    page = "docs/rest_pkg/data-types.md"
    assert b"email" in tree(warm / "out")[page] and b"```" not in tree(warm / "out")[page]
    assert page not in formatted and "docs/rest_pkg/things.md" in formatted, formatted
    assert sorted(run(warm / "specs").skipped) == ["grpc_pkg", "rest_pkg"]  # (the stamp is right)

    as_cold_runs_after(warm, cold, ["field added", "operation changed"])


# Edits of what the templates read of a type or an operation, besides those of `CHANGES`: each
# re-renders the units that read it (by id: `render.python.http.units`), and only a few
TEMPLATE_READS = {
    "description": ("        name: {type: string}\n", "        name: {type: string, description: The owner's name.}\n"),
    "default": ("        name: {type: string}\n", "        name: {type: string, default: anon}\n"),
    "enum values": ("        name: {type: string}\n", "        name: {type: string, enum: [ann, bob]}\n"),
    "nested type": ("        name: {type: string}\n", "        name: {type: string}\n        meta: {type: object, properties: {k: {type: integer}}}\n"),
    "referenced type's name": ("Badge00", "Medal"),
    "referenced type's module": ("        next: {$ref: '#/components/schemas/Badge01'}\n", "        next: {$ref: '#/components/schemas/Badge01'}\n        back: {$ref: '#/components/schemas/Owner'}\n"),
    "union variant": ("        owner: {$ref: '#/components/schemas/Owner'}\n", "        owner: {$ref: '#/components/schemas/Owner'}\n        either: {oneOf: [{$ref: '#/components/schemas/Badge03'}, {type: string}]}\n"),
    "operation parameter": ("      operationId: listThings\n", "      operationId: listThings\n      parameters:\n        - {name: limit, in: query, schema: {type: integer, default: 10}}\n"),
}  # fmt: skip


@pytest.mark.parametrize("kind", sorted(TEMPLATE_READS))
def test_an_edit_of_what_a_template_reads_re_renders_its_units_as_a_cold_run(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warm, cold, _ = _generated(tmp_path, monkeypatch)
    old, new = TEMPLATE_READS[kind]

    def edit(specs: Path) -> None:
        text = (specs / "api.yaml").read_text()
        assert old in text
        (specs / "api.yaml").write_text(text.replace(old, new))

    edit(warm / "specs")
    again = run(warm / "specs")
    assert 0 < again.stats.units_rendered <= 12 and again.stats.units_reused >= FILLER, again.stats
    as_cold_runs_after(warm, cold, [edit])


def _field_added_warm_and_cold(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, prepare: Any
) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The output after "field added" of a project `prepare(specs)` made of the specs, generated
    with the cache before and after the change (most units reused), and from scratch."""
    for project in (tmp_path / "warm", tmp_path / "cold"):
        write_specs(project / "specs")
        prepare(project / "specs")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "warm-cache"))
    for use_cache, project in ((True, tmp_path / "warm"), (False, tmp_path / "cold")):
        run(project / "specs", use_cache=use_cache)
        change(project / "specs", "field added")
        again = run(project / "specs", use_cache=use_cache)
        assert not use_cache or again.stats.units_reused >= FILLER, again.stats
    return tree(tmp_path / "warm" / "out"), tree(tmp_path / "cold" / "out")


def test_a_bundle_lifts_the_runtime_imports_of_models_modules_reused_as_bytes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In a bundle, an API's modules import the bundle's one runtime, a level up: a models module
    reused as the bytes kept (`Encoded`) is lifted as a rendered one is. Same bytes as a cold run."""
    bundle = "output: ../out\npackages:\n  - name: suite\n    apis:\n      - {name: rest, openapi: api.yaml}\n"
    written, cold = _field_added_warm_and_cold(
        tmp_path, monkeypatch, lambda specs: (specs / "generator.yaml").write_text(bundle)
    )
    assert b"from ..._runtime" in written["python/suite/suite/rest/models/badge00.py"]
    assert written == cold


def test_custom_code_importing_models_modules_reused_as_bytes_is_checked_as_on_a_cold_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Custom code's imports of the generated package are checked against its modules' text: a
    models module reused as the bytes kept (`Encoded`) is read as a rendered one is."""
    custom = "from rest_pkg.models.badge00 import Badge00\n\n\ndef badge() -> Badge00:\n    return Badge00(label='x')\n"

    def prepare(specs: Path) -> None:
        (specs / "custom" / "rest_pkg").mkdir(parents=True)
        (specs / "custom" / "rest_pkg" / "badges.py").write_text(custom)

    written, cold = _field_added_warm_and_cold(tmp_path, monkeypatch, prepare)
    assert "python/rest_pkg/rest_pkg/_custom/badges.py" in written
    assert written == cold


def _not_utf8(value: Any) -> Any:
    """`value` with every text kept as bytes (64 bytes and more: not a digest) made no UTF-8."""
    if type(value) is bytes or type(value) is memoryview:
        return b"\xff" + bytes(value) if len(value) >= 64 else value
    if type(value) is dict:
        return {key: _not_utf8(item) for key, item in value.items()}
    if type(value) in (list, tuple):
        return type(value)(_not_utf8(item) for item in value)
    return value


@pytest.mark.parametrize("project", ["plain", "bundle", "custom code"])
def test_kept_texts_that_are_not_utf8_are_a_miss_wherever_they_are_read(
    project: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Texts kept as bytes (models modules, the IR snapshot's parts) pass through a warm run
    unread, but a bundle, custom code's checks and the changes report read them: bytes that are
    no UTF-8 under a valid check are a damaged entry there, and the package is generated again
    without the rendered units (no traceback), same bytes as a cold run."""
    bundle = "output: ../out\npackages:\n  - name: suite\n    apis:\n      - {name: rest, openapi: api.yaml}\n"
    custom = "from rest_pkg.models.badge00 import Badge00\n\n\ndef badge() -> Badge00:\n    return Badge00(label='x')\n"

    def prepare(specs: Path) -> None:
        if project == "bundle":
            (specs / "generator.yaml").write_text(bundle)
        elif project == "custom code":
            (specs / "custom" / "rest_pkg").mkdir(parents=True)
            (specs / "custom" / "rest_pkg" / "badges.py").write_text(custom)

    cache = tmp_path / "warm-cache"
    for folder in ("warm", "cold"):
        write_specs(tmp_path / folder / "specs")
        prepare(tmp_path / folder / "specs")
    monkeypatch.setenv(ENV_VAR, str(cache))
    run(tmp_path / "warm" / "specs")
    (path,) = [path for path in cache.glob("units-*.pickle") if "rest" in path.name]  # (the OpenAPI one)
    data = read_cache_file(path)
    data["sections"] = _not_utf8(data["sections"])
    plant_cache_file(path, data, with_buffers=True)
    change(tmp_path / "warm" / "specs", "field added")
    again = run(tmp_path / "warm" / "specs")
    assert again.stats.packages_without_cache >= 1, again.stats

    for step in ("run", "change", "run"):
        if step == "run":
            run(tmp_path / "cold" / "specs", use_cache=False)
        else:
            change(tmp_path / "cold" / "specs", "field added")
    assert tree(tmp_path / "warm" / "out") == tree(tmp_path / "cold" / "out")


def test_the_reads_kept_are_exactly_those_the_units_kept_make(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The digests kept in the rendered-units file are of the reads its units make, none more,
    none fewer, whatever a run re-rendered or dropped: last run's taken whole when the units
    rendered afresh or gone made no read that this run did not (a field added), else gathered
    unit by unit (a type removed: a unit stops reading it). Same bytes as a cold run."""
    warm, cold, cache = _generated(tmp_path, monkeypatch)
    (path,) = cache.glob("units-*-rest_pkg.pickle")
    kinds = ("field added", "type added", "type removed", "operation removed")
    for kind in kinds:
        change(warm / "specs", kind)
        again = run(warm / "specs")
        assert 0 < again.stats.units_rendered < again.stats.units_reused, (kind, again.stats)
        sections = read_cache_file(path)["sections"]
        overlay = path.with_name(path.name + ".overlay")
        if overlay.is_file():
            for name, (changed, gone) in read_cache_file(overlay)["sections"].items():
                sections[name] = {**sections.get(name, {}), **changed}
                for key in gone:
                    del sections[name][key]
        made = {read for entry in sections["units"].values() for read in entry[:-1]}
        assert set(sections["reads"]) == made, kind

    as_cold_runs_after(warm, cold, list(kinds))


def test_a_schema_unit_whose_types_changed_on_disk_is_converted_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A replayed unit's types are built only when read (`generator.ir.deferred`), too late
    to convert them afresh: so their bytes are checked (by their record's checksum) when the unit is replayed, and a
    unit whose bytes changed is a miss, converted again, with the same output as a cold run."""
    from generator.openapi.schema_units import SchemaUnits

    warm, cold, cache = _generated(tmp_path, monkeypatch)
    (path,) = cache.glob("schema-units-*.pickle")
    units = SchemaUnits(None, "")
    units.path = path
    blob = bytes(units._load()["Badge05"][7])  # (a view of the file mapped: copied)
    units.save()  # (lets go of the file it read)
    data = path.read_bytes()
    assert data.count(blob) == 1 and len(blob) > 8
    middle = len(blob) // 2
    damaged = blob[:middle] + bytes([blob[middle] ^ 0x01]) + blob[middle + 1 :]
    path.write_bytes(data.replace(blob, damaged))
    change(warm / "specs", "operation changed")  # a change no schema reads
    again = run(warm / "specs")
    assert again.stats.schemas_converted == 1 and again.stats.schemas_reused == FILLER + 1, again.stats

    run(cold / "specs", use_cache=False)
    change(cold / "specs", "operation changed")
    run(cold / "specs", use_cache=False)
    assert tree(warm / "out") == tree(cold / "out")


STREAMING = """openapi: 3.1.0
info: {title: T, version: '1'}
paths:
  /chat:
    post:
      operationId: chat
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/ChatRequest'}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Reply'}
            text/event-stream:
              schema: {$ref: '#/components/schemas/Reply'}
components:
  schemas:
    ChatRequest:
      allOf:
        - {$ref: '#/components/schemas/Base'}
        - type: object
          properties:
            prompt: {type: string}
    Base:
      type: object
      properties:
        model: {type: string}
    Reply:
      type: object
      properties:
        text: {type: string}
"""


def test_an_operation_is_converted_afresh_when_a_type_it_looked_into_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An operation's unit records the named types it looked into (here the request body's, for
    a boolean `stream`), by content digest: `Base` gaining `stream` changes `ChatRequest`
    (it merges `Base`), though no entry the operation read changed: converted afresh, as cold."""
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "warm-cache"))
    projects = {name: tmp_path / name / "specs" for name in ("warm", "cold")}
    for specs in projects.values():
        specs.mkdir(parents=True)
        (specs / "api.yaml").write_text(STREAMING)
        (specs / "generator.yaml").write_text("output: ../out\npackages:\n  - name: chat_pkg\n    openapi: api.yaml\n")
    first = run(projects["warm"])
    assert first.stats.operations_converted == 1, first.stats
    run(projects["cold"], use_cache=False)  # (CHANGES.md compares with the previous output)
    stream = ("        model: {type: string}\n", "        model: {type: string}\n        stream: {type: boolean}\n")
    summary = ("      operationId: chat\n", "      operationId: chat\n      summary: Chats.\n")
    for old, new in (stream, summary):  # then a change the recorded type reads do not see
        for specs in projects.values():
            (specs / "api.yaml").write_text((specs / "api.yaml").read_text().replace(old, new))
        cold_before = tree(tmp_path / "cold" / "out")
        again = run(projects["warm"])
        run(projects["cold"], use_cache=False)
        assert tree(tmp_path / "warm" / "out") == tree(tmp_path / "cold" / "out")
        assert again.stats.operations_converted == 1 and again.stats.operations_reused == 0, again.stats
        assert tree(tmp_path / "cold" / "out") != cold_before  # (the change shows in the output)
    # nothing the operation read changed: replayed
    for specs in projects.values():
        (specs / "api.yaml").write_text((specs / "api.yaml").read_text() + "    Other: {type: string}\n")
    again = run(projects["warm"])
    run(projects["cold"], use_cache=False)
    assert tree(tmp_path / "warm" / "out") == tree(tmp_path / "cold" / "out")
    assert again.stats.operations_converted == 0 and again.stats.operations_reused == 1, again.stats


def test_unchanged_specs_skip_generation_until_an_output_file_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stamp a run leaves (made from the text it wrote, not read back) matches the files on
    disk: the next run skips both packages, and an edited output file is put back."""
    write_specs(tmp_path / "specs")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    first = run(tmp_path / "specs")
    assert sorted(first.packages) == ["grpc_pkg", "rest_pkg"] and not first.skipped
    written = tree(tmp_path / "out")

    again = run(tmp_path / "specs")
    assert sorted(again.skipped) == ["grpc_pkg", "rest_pkg"] and not again.packages

    edited = tmp_path / "out" / "python" / "grpc_pkg" / "grpc_pkg" / "__init__.py"
    edited.write_text(edited.read_text() + "# edited\n")
    repaired = run(tmp_path / "specs")
    assert repaired.packages == ["grpc_pkg"] and repaired.skipped == ["rest_pkg"]
    now = tree(tmp_path / "out")
    now.pop("CHANGES.md"), written.pop("CHANGES.md")  # reports the regeneration itself
    assert now == written


def test_output_files_edited_or_deleted_by_hand_are_written_again_as_a_cold_run_writes_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files whose text is as last run's pass through by their digest and their status on disk:
    one deleted or edited by hand (of every kind: a formatted text taken from the format cache
    with its digest, a reused unit's text, a docs page, a stub) is written again exactly,
    and the stamp left after is that of the files (the next run is up to date)."""
    warm, cold, cache = _generated(tmp_path, monkeypatch)
    out = warm / "out"
    reformatted = _reformatted_paths(cache)  # texts the formatter changed: kept with their digest
    assert reformatted
    deleted = [
        reformatted[0],
        "python/rest_pkg/rest_pkg/models/badge10.py",
        next(p.relative_to(out).as_posix() for p in sorted((out / "docs" / "grpc_pkg").rglob("*.md"))),
        next(p.relative_to(out).as_posix() for p in sorted(out.rglob("*_pb2.py"))),
    ]
    for path in deleted:
        (out / path).unlink()
    for path in (reformatted[-1], "python/rest_pkg/rest_pkg/models/badge11.py"):
        (out / path).write_text((out / path).read_text() + "# edited\n")
    change(warm / "specs", "field added")
    run(warm / "specs")

    run(cold / "specs", use_cache=False)
    change(cold / "specs", "field added")
    run(cold / "specs", use_cache=False)
    assert tree(out) == tree(cold / "out")
    assert sorted(run(warm / "specs").skipped) == ["grpc_pkg", "rest_pkg"]


def test_wrong_text_digests_kept_by_the_caches_are_mended_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Digests of output texts kept by the caches (the format cache's formatted texts, the
    reused units' texts) that are digests, but of other texts: a stamp made of them does not
    match the files. The run that finds the stamp of its inputs not matching the output takes
    every digest afresh and keeps those; the run after it is up to date."""
    warm, cold, cache = _generated(tmp_path, monkeypatch)
    for name, section in (("formatted-", "digests"), ("units-", "text digests")):
        for path in cache.glob(f"{name}*.pickle"):
            data = read_cache_file(path)
            data["sections"][section] = dict.fromkeys(data["sections"][section], bytes(32))
            plant_cache_file(path, data)
    change(warm / "specs", "field added")
    run(warm / "specs")  # (its stamp is made of the wrong digests)
    run(cold / "specs", use_cache=False)
    change(cold / "specs", "field added")
    run(cold / "specs", use_cache=False)
    assert tree(warm / "out") == tree(cold / "out")

    mending = run(warm / "specs")
    assert mending.stats.texts_rehashed and sorted(mending.packages) == ["grpc_pkg", "rest_pkg"]
    after = run(warm / "specs")
    assert sorted(after.skipped) == ["grpc_pkg", "rest_pkg"] and not after.stats.texts_rehashed
    written, expected = tree(warm / "out"), tree(cold / "out")
    written.pop("CHANGES.md"), expected.pop("CHANGES.md")  # (reports the mending run itself)
    assert written == expected


def _reformatted_paths(cache: Path) -> list[str]:
    """The output files (relative paths) whose formatted text the format cache keeps (the
    formatter changed their rendered text)."""
    (path,) = cache.glob("formatted-*.pickle")
    sections = read_cache_file(path)["sections"]
    kept = {key for key, value in sections["entries"].items() if isinstance(value, str)}
    return sorted(name for name, entry in sections["files"].items() if entry[0] in kept)


def test_the_regeneration_key_notices_every_edit_to_the_spec_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A .proto file rewritten with the same bytes skips the package; one edited, added (in a
    new folder) or removed regenerates it, and the output is then a cold run's."""
    specs = tmp_path / "specs"
    write_specs(specs)
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    run(specs)
    greeter = specs / "proto" / "demo" / "v1" / "greeter.proto"
    added = specs / "proto" / "demo" / "v2" / "extra.proto"

    def edit_greeter() -> None:
        greeter.write_text(greeter.read_text().replace("string name = 1;", "string name = 2;"))

    def add_one() -> None:
        added.parent.mkdir()
        added.write_text(PROTO.replace("demo.v1", "demo.v2"))

    for edit, regenerated in (
        (lambda: greeter.write_text(greeter.read_text()), False),  # touched, not changed
        (edit_greeter, True),
        (add_one, True),
        (added.unlink, True),
    ):
        edit()
        outcome = run(specs)
        assert ("grpc_pkg" in outcome.packages) is regenerated, (edit, outcome)
        assert ("grpc_pkg" in outcome.skipped) is not regenerated
    warm = tree(tmp_path / "out")
    assert b"`/demo.v2.Greeter/Greet` (`gRPC only`) removed" in warm.pop("CHANGES.md")
    run(specs, use_cache=False)  # the same specs, cold (CHANGES.md: no change since the last run)
    cold = tree(tmp_path / "out")
    cold.pop("CHANGES.md")
    assert cold == warm


# A tree where one file is imported by another and a third stands alone: a change to the imported
# file recompiles it and its importer, nothing else
TREE = {
    "acme/common/v1/money.proto": """syntax = "proto3";
package acme.common.v1;
// An amount.
message Money {
  string currency = 1;
  int64 units = 2;
}
""",
    "acme/shop/v1/shop.proto": """syntax = "proto3";
package acme.shop.v1;
import "acme/common/v1/money.proto";
// Sells things.
service Shop {
  // Prices one item.
  rpc Price(PriceRequest) returns (acme.common.v1.Money);
}
message PriceRequest {
  string item = 1;
}
""",
    "acme/misc/v1/misc.proto": """syntax = "proto3";
package acme.misc.v1;
import "google/protobuf/empty.proto";
service Misc {
  rpc Ping(google.protobuf.Empty) returns (google.protobuf.Empty);
}
""",
}
TREE_CONFIG = "output: ../out\npackages:\n  - name: shop_pkg\n    proto_root: proto\n"


def write_tree(specs: Path) -> None:
    for name, text in TREE.items():
        (specs / "proto" / name).parent.mkdir(parents=True, exist_ok=True)
        (specs / "proto" / name).write_text(text)
    (specs / "generator.yaml").write_text(TREE_CONFIG)


def _trees(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """The specs folders of two projects of `TREE` (`warm` with the cache folder `cache`)."""
    warm, cold = tmp_path / "warm" / "specs", tmp_path / "cold" / "specs"
    for specs in (warm, cold):
        write_tree(specs)
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    return warm, cold


def test_a_change_to_an_imported_proto_recompiles_its_importers_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warm, cold = _trees(tmp_path, monkeypatch)
    money = "acme/common/v1/money.proto"

    def add_field(specs: Path) -> None:
        text = (specs / "proto" / money).read_text()
        (specs / "proto" / money).write_text(
            text.replace("  int64 units = 2;\n", "  int64 units = 2;\n  int32 nanos = 3;\n")
        )

    first = run(warm)
    bases = {path.name: path.read_bytes() for path in (tmp_path / "cache").glob("proto*.pickle")}
    add_field(warm)
    again = run(warm)
    # the proto caches' files took what changed (an overlay beside each), not every entry again
    assert len(bases) == 2 and all(
        (tmp_path / "cache" / name).read_bytes() == data for name, data in bases.items()
    )
    overlays = {path.name for path in (tmp_path / "cache").glob("*.overlay")}
    assert {f"{name}.overlay" for name in bases} <= overlays, overlays
    assert first.stats.protos_compiled > 3 and first.stats.protos_reused == 0
    # money.proto and shop.proto, which imports it; misc.proto and the well-known types are reused
    assert (again.stats.protos_compiled, again.stats.proto_ir_built) == (
        2,
        2,
    ), again.stats
    assert again.stats.protos_reused == first.stats.protos_compiled - 2, again.stats
    # rendering: Shop's service module and docs page read Money and are rendered again, and so is
    # the sections of Money's package on the messages page; the namespaces' __init__ (Money is no
    # request type), Misc's pieces and the other packages' sections (PriceRequest, Empty) come
    # from the last run
    # (and the package's runtime, which depends on our templates only)
    assert (first.stats.units_rendered, first.stats.units_reused) == (10, 0), first.stats
    assert (again.stats.units_rendered, again.stats.units_reused) == (3, 7), again.stats
    # from scratch: the previous output (so CHANGES.md reports the same change), no cache
    run(cold, use_cache=False)
    add_field(cold)
    run(cold, use_cache=False)
    assert tree(warm.parent / "out") == tree(cold.parent / "out")
    assert (
        b"nanos"
        in tree(warm.parent / "out")["python/shop_pkg/shop_pkg/_pb/acme/common/v1/money_pb2.py"]
    )


def test_the_types_of_proto_files_taken_from_the_cache_are_not_built(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """misc.proto changes: money.proto and shop.proto come from the cache, and their types (Money,
    PriceRequest) stay unbuilt (`generator.ir.deferred`): the tables over the whole package read
    their kind, id and file, the reused pieces their digest. The output is a cold run's."""
    warm, cold = _trees(tmp_path, monkeypatch)
    misc = "acme/misc/v1/misc.proto"

    def describe(specs: Path) -> None:
        text = (specs / "proto" / misc).read_text()
        (specs / "proto" / misc).write_text(text.replace("service Misc", "// Pings.\nservice Misc"))

    first = run(warm)
    describe(warm)
    with few_full_collections():
        again = run(warm)
    assert (again.stats.protos_compiled, again.stats.proto_ir_built) == (1, 1), again.stats
    assert first.stats.types_unbuilt == 0 and again.stats.types_unbuilt == 2, again.stats
    # the texts of the 7 reused pieces (the runtime's files among them) came with their digests
    assert first.stats.text_digests_known == 0 and again.stats.text_digests_known >= 30, again.stats
    # the facts of every message came from the last run, by the digest the unbuilt ones carry
    assert (again.stats.message_facts_made, again.stats.message_facts_reused) == (0, 4), again.stats
    run(cold, use_cache=False)
    describe(cold)
    run(cold, use_cache=False)
    assert tree(warm.parent / "out") == tree(cold.parent / "out")


def _describe_misc(specs: Path) -> None:
    """misc.proto's service gains a comment."""
    misc = specs / "proto" / "acme/misc/v1/misc.proto"
    misc.write_text(misc.read_text().replace("service Misc", "// Pings.\nservice Misc"))


def _opened_protos(monkeypatch: pytest.MonkeyPatch, root: Path) -> dict[str, int]:
    """How often each .proto file under `root` is opened by our code from now on, by name."""
    opened: dict[str, int] = {}
    real_open, top = os.open, f"{root}/"

    def counting(path: Any, *args: Any, **kwargs: Any) -> int:
        name = os.fspath(path)
        if isinstance(name, str) and name.startswith(top) and name.endswith(".proto"):
            opened[name.removeprefix(top)] = opened.get(name.removeprefix(top), 0) + 1
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", counting)
    return opened


def test_a_regeneration_reads_each_unchanged_proto_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The bytes the regeneration key was made of are those the proto front end checks and
    digests: each file is read once a run (whether one that protoc compiled changed meanwhile
    is told by its status, without opening it). The output is a cold run's."""
    warm, cold = _trees(tmp_path, monkeypatch)
    run(warm)
    _describe_misc(warm)
    opened = _opened_protos(monkeypatch, (warm / "proto").resolve())
    again = run(warm)
    assert again.stats.protos_compiled == 1, again.stats
    assert opened == {name: 1 for name in TREE}, opened
    run(cold, use_cache=False)
    _describe_misc(cold)
    run(cold, use_cache=False)
    assert tree(warm.parent / "out") == tree(cold.parent / "out")


@pytest.mark.parametrize("edit", ["edited", "edited and put back", "made a FIFO"])
@pytest.mark.parametrize("warm_first", [False, True])
def test_a_proto_file_changed_while_protoc_compiles_it_is_a_located_error(
    warm_first: bool, edit: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """protoc reads the files itself, after the key and the checks read them: what it compiled
    may be other bytes than those digested, so a file changed in between (even put back as it
    was, or replaced by a FIFO, which is not opened) is a located error; no output, entry or
    stamp is made of it. The next run compiles the file as it is: a cold run's output.
    (`warm_first`: the change falls in a regeneration, else in a cold run.)"""
    from generator.proto import compile as compiling

    warm, cold = _trees(tmp_path, monkeypatch)
    money = warm / "proto" / "acme/common/v1/money.proto"
    units_line = "  int64 units = 2;\n"
    read_before = money.read_text()
    if warm_first:
        run(warm)
        read_before = read_before.replace(units_line, units_line + "  int32 nanos = 3;\n")
        money.write_text(read_before)
    before = tree(warm.parent / "out")
    descriptors = compiling._descriptors

    calls = []

    def changed_meanwhile(*args: Any) -> Any:
        calls.append(args)
        if len(calls) > 1:  # (a regeneration that finds the change compiles everything again)
            return descriptors(*args)
        money.write_text(read_before.replace(units_line, units_line + "  bool edited = 9;\n"))
        made = descriptors(*args)
        if edit == "edited and put back":
            money.write_text(read_before)
        elif edit == "made a FIFO":
            money.unlink()
            os.mkfifo(money)
        return made

    monkeypatch.setattr(compiling, "_descriptors", changed_meanwhile)
    _fails_as_changed_during_the_run(warm)
    monkeypatch.setattr(compiling, "_descriptors", descriptors)
    assert tree(warm.parent / "out") == before  # (nothing written)
    money.unlink()
    money.write_text(read_before)
    run(warm)
    (cold / "proto" / "acme/common/v1/money.proto").write_text(read_before)
    run(cold, use_cache=False)
    made, expected = tree(warm.parent / "out"), tree(cold.parent / "out")
    # (after a regeneration, what each saw before differs)
    assert (made.pop("CHANGES.md") != expected.pop("CHANGES.md")) == warm_first
    assert made == expected


def test_a_proto_file_the_key_knew_by_its_remembered_digest_and_changed_before_it_was_read_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key takes an unchanged file's digest from `input_digests` without reading it; the
    front end reads it later. Changed in between, the output would be made of other bytes than
    the stamp names: put back as they were, the next run would call stale output up to date.
    So it is a change during the run (told by the marks the key saw), and the run after it is
    a cold run's."""
    from generator import input_digests
    from generator.proto import compile as compiling

    monkeypatch.setattr(input_digests, "SETTLED", 0)  # (the test's files are seconds old)
    warm, cold = _trees(tmp_path, monkeypatch)
    money = warm / "proto" / "acme/common/v1/money.proto"
    units_line, read_before = "  int64 units = 2;\n", money.read_text()
    run(warm)
    check = compiling.refuse_undecodable

    def changed_after_the_key(*args: Any, **values: Any) -> Any:
        money.write_text(read_before.replace(units_line, units_line + "  bool edited = 9;\n"))
        return check(*args, **values)

    monkeypatch.setattr(compiling, "refuse_undecodable", changed_after_the_key)
    (warm / "proto" / "acme/misc/v1/misc.proto").write_text(
        (warm / "proto" / "acme/misc/v1/misc.proto").read_text() + "\n// a regeneration\n"
    )
    _fails_as_changed_during_the_run(warm)
    monkeypatch.setattr(compiling, "refuse_undecodable", check)
    money.write_text(read_before)
    run(warm)
    (cold / "proto" / "acme/misc/v1/misc.proto").write_text(
        (warm / "proto" / "acme/misc/v1/misc.proto").read_text()
    )
    run(cold, use_cache=False)
    made, expected = tree(warm.parent / "out"), tree(cold.parent / "out")
    assert made.pop("CHANGES.md") != expected.pop("CHANGES.md")  # (what each saw before differs)
    assert made == expected


def _fails_as_changed_during_the_run(specs: Path) -> None:
    """A run of `specs` stops with the one located error of `money.proto` changed during it."""
    diagnostics = Diagnostics()
    with pytest.raises(SpecError):
        generate(load_config(specs / "generator.yaml"), diagnostics=diagnostics)
    assert [str(problem) for problem in diagnostics.problems] == [
        "acme/common/v1/money.proto: error: the file changed while it was being compiled "
        "(run the generator again once the file is saved)"
    ]


def _hashed_texts(monkeypatch: pytest.MonkeyPatch) -> list[Text]:
    """The texts whose digest `write.text_digest` takes from now on (all of them are noted)."""
    from generator import write

    hashed: list[Text] = []
    take = write.text_digest

    def noting(text: Text, relative: str) -> Any:
        hashed.append(text)
        return take(text, relative)

    monkeypatch.setattr(write, "text_digest", noting)
    return hashed


def _stubs_of(out: Path, *names: str) -> dict[str, str]:
    """The stub files written for the .proto files `names` (by path under `out`)."""
    stems = tuple(f"python/shop_pkg/shop_pkg/_pb/{name.removesuffix('.proto')}_pb2" for name in names)
    return {
        path: data.decode()
        for path, data in tree(out).items()
        if path.startswith(stems) and path.rsplit("/", 1)[-1].count("_pb2") == 1
    }


@pytest.mark.parametrize("damage", ["none", "of another shape", "another key"])
def test_the_stubs_of_unchanged_proto_files_are_known_by_their_digest(
    damage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """misc.proto changes: the stubs of money.proto and shop.proto come from the proto cache
    under the keys they had last run, and are known by the digests taken of them then (not hashed
    again); misc.proto's are hashed. Digests kept in another shape, or under other keys, are
    misses: hashed again. The output is a cold run's either way."""
    from generator.cache_layers import Layered

    warm, cold = _trees(tmp_path, monkeypatch)
    misc = "acme/misc/v1/misc.proto"

    def describe(specs: Path) -> None:
        text = (specs / "proto" / misc).read_text()
        (specs / "proto" / misc).write_text(text.replace("service Misc", "// Pings.\nservice Misc"))

    run(warm)
    if damage != "none":
        path, salt, sections = _proto_unit_sections(tmp_path / "cache")
        assert len(sections["passed"]) == 8  # (money.proto has no service: no _pb2_grpc.py)
        sections["passed"] = {
            path: (found[0], 5) if damage == "of another shape" else ("another", found[1])
            for path, found in sections["passed"].items()
        }
        Layered(path, salt).save(sections)
    describe(warm)
    noted = _hashed_texts(monkeypatch)
    run(warm)
    hashed = [as_str(text) for text in noted]  # (a stub kept comes as its bytes, `Encoded`)
    unchanged = _stubs_of(warm.parent / "out", "acme/common/v1/money.proto", "acme/shop/v1/shop.proto")
    changed = _stubs_of(warm.parent / "out", misc)
    assert len(unchanged) == 5 and len(changed) == 3, (unchanged, changed)
    assert all(text in hashed for text in changed.values())
    assert all((text in hashed) == (damage != "none") for text in unchanged.values()), damage
    monkeypatch.undo()
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    run(cold, use_cache=False)
    describe(cold)
    run(cold, use_cache=False)
    assert tree(warm.parent / "out") == tree(cold.parent / "out")


def test_the_stubs_of_unchanged_proto_files_are_handed_on_as_the_bytes_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """misc.proto changes: the stubs of money.proto and shop.proto come from the proto cache as
    the UTF-8 bytes kept there, views of the mapped file (`Encoded`), never decoded; misc.proto's
    are rewritten (text). The output is a cold run's."""
    warm, cold = _trees(tmp_path, monkeypatch)
    misc = "acme/misc/v1/misc.proto"
    run(warm)
    run(cold, use_cache=False)
    for specs in (warm, cold):
        text = (specs / "proto" / misc).read_text()
        (specs / "proto" / misc).write_text(text.replace("service Misc", "// Pings, ¡fast!\nservice Misc"))
    handed = _handed_to_the_writer(monkeypatch)
    run(warm)
    unchanged = _stubs_of(warm.parent / "out", "acme/common/v1/money.proto", "acme/shop/v1/shop.proto")
    changed = _stubs_of(warm.parent / "out", misc)
    assert len(unchanged) == 5 and len(changed) == 3, (unchanged, changed)
    assert all(type(handed[path]) is Encoded for path in unchanged), unchanged
    # (a short stub is kept inside the pickle, as bytes; the others after it)
    assert any(type(piece) is memoryview for path in unchanged for piece in handed[path].pieces)
    assert all(type(handed[path]) is str for path in changed), changed
    monkeypatch.undo()
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    run(cold, use_cache=False)
    assert tree(warm.parent / "out") == tree(cold.parent / "out")


def _proto_cache_sections(cache: Path) -> tuple[Path, str, dict[str, dict[Any, Any]]]:
    from generator.cache_layers import Layered

    [path] = [p for p in cache.glob("proto-*.pickle") if not p.name.startswith("proto-units-")]
    salt = read_cache_file(path)["salt"]
    # (the large bytes kept after the pickle come as views of the file: the pickled results as
    # bytes; protoc's descriptors in the entries stay views, which a save `with_buffers` writes)
    return path, salt, {name: as_bytes(dict(entries)) for name, entries in Layered.load(path, salt).sections.items()}


def test_the_proto_cache_keeps_each_files_stubs_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """protoc's text of a file's stubs is left out of the file's entry once the stubs rewritten
    for the package are kept (as their UTF-8 bytes): a cold run writes them once, a regeneration
    reads them once."""
    specs = tmp_path / "specs"
    write_tree(specs)
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    run(specs)
    _, _, sections = _proto_cache_sections(tmp_path / "cache")
    with_stubs = {name: entry for name, entry in sections["entries"].items() if entry.stubs}
    assert set(TREE) < set(with_stubs)  # (and the well-known types', which protobuf provides)
    for name, entry in with_stubs.items():
        assert not entry.stub_texts and all(text == "" for _, text in entry.stubs), name
    assert set(sections["stubs"]) == set(TREE), sorted(sections["stubs"])
    for _, stubs in sections["stubs"].values():
        assert stubs and all(type(path) is str and type(text) is bytes for path, text in stubs), stubs


@pytest.mark.parametrize(
    "damage", ["left out", "of another shape", "texts as str", "not a pair", "none", "at other paths"]
)
def test_stubs_not_kept_as_written_are_written_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    """The rewritten stubs gone from the cache (protoc's text left out beside them), or kept in
    another shape inside a well-formed cache file (its check sum holds): protoc writes the stubs
    of those files again, without compiling them again; the output is a cold run's."""
    from generator.cache_layers import Layered

    warm, cold = _trees(tmp_path, monkeypatch)
    run(warm)
    path, salt, sections = _proto_cache_sections(tmp_path / "cache")
    kept = sections["stubs"]
    assert kept and all(type(stubs[1][0][1]) is bytes for stubs in kept.values())
    if damage == "left out":
        sections["stubs"] = {}
    elif damage == "of another shape":
        sections["stubs"] = {name: (key, (("x", 1),)) for name, (key, _) in kept.items()}
    elif damage == "texts as str":
        sections["stubs"] = {
            name: (key, tuple((p, text.decode()) for p, text in stubs)) for name, (key, stubs) in kept.items()
        }
    elif damage == "none":
        sections["stubs"] = {name: (key, ()) for name, (key, _) in kept.items()}
    elif damage == "at other paths":  # (one more, one elsewhere, one written over)
        sections["stubs"] = {
            name: (key, (*stubs[1:], ("/tmp/x_pb2.py", b"x = 1\n"), ("_pb/__init__.py", b"")))
            for name, (key, stubs) in kept.items()
        }
    else:
        sections["stubs"] = {name: (key,) for name, (key, _) in kept.items()}
    Layered(path, salt, with_buffers=True).save(sections)  # (protoc's descriptors: views)
    again = _renamed_as_cold(warm, cold)
    assert again.stats.protos_compiled == 1, again.stats  # (shop.proto, renamed in)


def test_kept_types_found_unreadable_when_read_are_generated_again_without_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every file's kept types cut short inside a well-formed cache file (its check sum holds):
    they are unpickled only when a piece rendered afresh reads them, too late to be a miss, so
    the package is generated again without the cache; the output is a cold run's, no traceback."""
    from generator.cache_layers import Layered
    from generator.proto.to_ir import KeptIR

    warm, cold = _trees(tmp_path, monkeypatch)
    run(warm)
    path, salt, sections = _proto_cache_sections(tmp_path / "cache")
    damaged = 0
    for key, (file_key, blob) in list(sections["derived"].items()):
        kept = cache_pickle.loads(blob)
        if isinstance(kept, KeptIR):
            cut = dataclasses.replace(kept, types=kept.types[: len(kept.types) // 2])
            sections["derived"][key] = (file_key, cache_pickle.dumps(cut))
            damaged += 1
    assert damaged > 3
    Layered(path, salt, with_buffers=True).save(sections)  # (protoc's descriptors: views)
    again = _renamed_as_cold(warm, cold)
    assert again.stats.packages_without_cache == 1, again.stats
    # the entries were made and kept afresh: the next regeneration takes them as they are
    for specs in (warm, cold):
        shop = specs / "proto" / "acme/shop/v1/shop.proto"
        shop.write_text(shop.read_text().replace("QuoteRequest", "PriceRequest"))
    mended = run(warm)
    run(cold, use_cache=False)
    assert tree(warm.parent / "out") == tree(cold.parent / "out")
    assert mended.stats.packages_without_cache == 0, mended.stats


def test_a_kept_proto_unit_gives_back_its_types() -> None:
    """A file's IR as the cache keeps it (`KeptIR`) gives the same types, built or deferred; the
    deferred ones carry the kind, location and content digest of the types they stand for."""
    from generator.ir import kept_types
    from generator.ir.deferred import Deferred
    from generator.ir.serialize import content_digest, snapshot_digested
    from generator.proto.to_ir import _kept, _restored

    api = _proto_api(TREE)
    types = tuple((t.id, t, ()) for t in api.types)
    unit = FileIR(types, frozenset(), digests=tuple(content_digest(t) for t in api.types))
    for deferred in (False, True):
        restored = _restored(cache_pickle.loads(cache_pickle.dumps(_kept(unit))), deferred)
        assert restored is not None and len(restored.types) == len(unit.types) > 2
        for (name, named, _), (_, again, _) in zip(unit.types, restored.types, strict=True):
            if deferred:  # (what the tables read of it does not build it)
                assert type(again) is Deferred
                assert (again.id, again.kind, again.location) == (name, named.kind, named.location)
                assert again.digest == content_digest(named) and not again.is_built
        assert [built(again) for _, again, _ in restored.types] == [named for _, named, _ in unit.types]
    # entries of another shape are misses
    assert _restored(unit, True) is None
    assert _restored(dataclasses.replace(_kept(unit), facts=(("x", "alias", None, ()),)), True) is None
    assert _restored(dataclasses.replace(_kept(unit), types=b"not a pickle"), False) is None
    # kept as texts (`kept_types.pack`, as `to_ir` keeps them): built back, the same types; a
    # text that builds no type, texts cut short, or texts of other types are misses
    compact = [snapshot_digested(named, {}, compact=True)[2] for named in api.types]
    as_texts = _kept(dataclasses.replace(unit, packed=kept_types.pack(((t.id, t) for t in api.types), compact)))
    assert as_texts.types[:1] == b"T"
    for deferred in (False, True):
        restored = _restored(as_texts, deferred)
        assert restored is not None
        assert [built(again) for _, again, _ in restored.types] == list(api.types)
    no_type = b"T" + len(b'{"kind": "object"}').to_bytes(4, "little") + b'{"kind": "object"}'
    others = kept_types.pack(((t.id, t) for t in api.types[1:]), compact[1:])
    for forged in (no_type, as_texts.types[:-1], others):
        assert _restored(dataclasses.replace(as_texts, types=forged), False) is None


def test_a_cold_run_keeps_each_files_types_as_their_snapshot_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cold run keeps each file's types as the data of their IR snapshot texts (compact JSON,
    `kept_types.pack`), not pickled; built from those, they are the very types a run without
    the cache makes (equal, and of equal repr: no list for a tuple, no 1 for 1.0), on the AI
    Studio protos (field behaviors, validation bounds, oneofs, maps, enums, well-known types)."""
    from generator.proto import load_proto
    from generator.proto.to_ir import KeptIR, _unpacked
    from tests.support.paths import REPO

    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    root = REPO / "specs" / "proto"
    load_proto(root, [], "pkg", Diagnostics(), use_cache=True)
    _, _, sections = _proto_cache_sections(tmp_path / "cache")
    kept = [cache_pickle.loads(blob) for _, blob in sections["derived"].values()]
    units = [unit for unit in kept if isinstance(unit, KeptIR)]
    assert len(units) > 20 and all(unit.types[:1] == b"T" for unit in units)
    built_back = {
        name: named for unit in units for name, named in _unpacked(unit.types, tuple(f[0] for f in unit.facts))
    }
    api, _ = load_proto(root, [], "pkg", Diagnostics(), use_cache=False)
    assert len(api.types) > 100
    for named in api.types:
        assert built_back[named.id] == named and repr(built_back[named.id]) == repr(named)


def _proto_api(files: dict[str, str]) -> Any:
    import tempfile

    from generator.proto import load_proto

    with tempfile.TemporaryDirectory() as folder:
        for name, text in files.items():
            (Path(folder) / name).parent.mkdir(parents=True, exist_ok=True)
            (Path(folder) / name).write_text(text)
        api, _ = load_proto(Path(folder), [], "pkg", Diagnostics())
    return api


def test_a_broken_proto_after_a_cached_run_is_reported_as_on_a_cold_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from generator.cli import main

    specs = tmp_path / "specs"
    write_tree(specs)
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    config = str(specs / "generator.yaml")
    assert main(["generate", "--config", config]) == 0
    written = tree(tmp_path / "out")
    shop = specs / "proto" / "acme/shop/v1/shop.proto"
    shop.write_text(shop.read_text().replace("  string item = 1;", "  strin item = 1;"))
    capsys.readouterr()
    reports = []
    for flags in ([], ["--no-cache"]):
        assert main(["generate", "--config", config, *flags]) == 1
        reports.append(capsys.readouterr().err)
    assert reports[0] == reports[1]
    assert 'acme/shop/v1/shop.proto:10:3: error: "strin" is not defined.' in reports[0]
    assert tree(tmp_path / "out") == written  # nothing half-written


def _rename_request(specs: Path) -> None:
    shop = specs / "proto" / "acme/shop/v1/shop.proto"
    shop.write_text(shop.read_text().replace("PriceRequest", "QuoteRequest"))


def _renamed_as_cold(warm: Path, cold: Path) -> Outcome:
    """Both projects after PriceRequest is renamed (`cold` without a cache, after a run on the
    tree as it was: CHANGES.md compares with the previous run): the same output. `warm`'s run."""
    run(cold, use_cache=False)
    for specs in (warm, cold):
        _rename_request(specs)
    again = run(warm)
    run(cold, use_cache=False)
    assert tree(warm.parent / "out") == tree(cold.parent / "out")
    return again


def _remove_misc(specs: Path) -> None:
    (specs / "proto" / "acme/misc/v1/misc.proto").unlink()


def _import_tag(specs: Path) -> None:
    tag = 'syntax = "proto3";\npackage acme.common.v1;\n// A label.\nmessage Tag {\n  string key = 1;\n}\n'
    (specs / "proto" / "acme/common/v1/tag.proto").write_text(tag)
    shop = specs / "proto" / "acme/shop/v1/shop.proto"
    text = shop.read_text().replace(
        'import "acme/common/v1/money.proto";\n',
        'import "acme/common/v1/money.proto";\nimport "acme/common/v1/tag.proto";\n',
    )
    shop.write_text(
        text.replace(
            "  string item = 1;\n",
            "  string item = 1;\n  acme.common.v1.Tag tag = 2;\n",
        )
    )


# (the change, texts the messages page holds after it, texts it no longer holds, units rendered
# and reused: Shop's and Misc's module, docs page and namespace, and the messages page's
# sections of each proto package: acme.common.v1, acme.shop.v1, google.protobuf; and the runtime,
# always reused; the message facts worked out and reused: Money's, PriceRequest's and Empty's,
# and the params.py shape of each request message (PriceRequest, and Tag, which it may hold))
TREE_CHANGES = {
    # Shop's three pieces and the renamed message's sections; Misc's, Money's and Empty's reused
    "message renamed": (
        _rename_request,
        ["## QuoteRequest"],
        ["## PriceRequest"],
        (4, 6),
        (2, 2),
    ),
    # Misc's pieces and Empty's sections are gone; Shop's, Money's and PriceRequest's reused
    "file removed": (_remove_misc, ["## Money"], ["## Empty"], (0, 6), (0, 3)),
    # Shop's pieces, PriceRequest's sections (it links to Tag) and Tag's (with Money's); Misc's
    # pieces and Empty's sections reused; PriceRequest's (its new field holds a Tag) and Tag's made
    "import added": (
        _import_tag,
        ["| `tag` | [`Tag`](#tag) |", "\n## Tag\n\n`acme.common.v1.Tag`"],
        [],
        (5, 5),
        (4, 2),
    ),
}


@pytest.mark.parametrize("section", ["derived", "runs"])
def test_a_proto_file_cache_of_another_shape_is_a_miss(
    section: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A proto file cache that reads (right salt, built only of data) but holds entries of
    another shape: the files are compiled afresh, never an error, and the output is a cold run's."""
    from generator.cache_layers import Layered

    warm, cold = _trees(tmp_path, monkeypatch)
    run(warm)
    damaged = 0
    for path in (tmp_path / "cache").glob("proto-*.pickle"):
        if path.name.startswith("proto-units-"):
            continue
        salt = read_cache_file(path)["salt"]
        sections = {
            name: as_bytes(dict(entries)) for name, entries in Layered.load(path, salt).sections.items()
        }
        if section == "derived":  # no (key, pickled value) pairs
            sections["derived"] = {name: 5 for name in sections["derived"]}
        else:  # protoc's messages no list of (file, line)
            sections["runs"] = {**sections["runs"], "messages": 5}
        Layered(path, salt, with_buffers=True).save(sections)  # (protoc's descriptors: views)
        damaged += 1
    assert damaged >= 1
    _renamed_as_cold(warm, cold)


def test_remembered_message_facts_of_another_shape_are_worked_out_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Message facts kept as something else than `MessageFacts` (a plain tuple of the same
    fields, a number) are misses: worked out again, never an error, and the output is a cold run's."""
    from generator.cache_layers import Layered

    warm, cold = _trees(tmp_path, monkeypatch)
    run(warm)
    path, salt, sections = _proto_unit_sections(tmp_path / "cache")
    assert len(sections["facts"]) == 4
    sections["facts"] = {
        digest: 5 if number % 2 else tuple(found)  # (a plain tuple of the same fields)
        for number, (digest, found) in enumerate(sections["facts"].items())
    }
    Layered(path, salt).save(sections)
    again = _renamed_as_cold(warm, cold)
    assert (again.stats.message_facts_made, again.stats.message_facts_reused) == (4, 0), again.stats


def _proto_unit_sections(cache: Path) -> tuple[Path, str, dict[str, dict[Any, Any]]]:
    from generator.cache_layers import Layered

    [path] = cache.glob("proto-units-*.pickle")
    salt = read_cache_file(path)["salt"]
    # (the texts kept after the pickle come as views of the file: as bytes, a save writes them)
    return path, salt, {name: as_bytes(dict(entries)) for name, entries in Layered.load(path, salt).sections.items()}


@pytest.mark.parametrize("damage", ["none", "texts of another kind", "a text too many", "a text too few"])
def test_the_texts_of_reused_proto_pieces_are_passed_on_as_the_bytes_kept(
    damage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A proto piece reused (Misc's service module, namespace `__init__` and docs page, the
    runtime) hands the texts that became output files on as the bytes the pieces file kept
    (`Encoded`, long ones views of the mapped file), never decoded: known by the digest kept
    with them, not hashed, their files not read. Kept texts that are no bytes, or more or fewer
    than the piece's pickle names, are a damaged entry: the piece is rendered again. The output
    is a cold run's either way, and its stamp is right."""
    from generator.cache_layers import Layered

    warm, cold = _trees(tmp_path, monkeypatch)
    for specs in (warm, cold):  # (Misc's texts hold a character of two bytes in UTF-8)
        misc = specs / "proto" / "acme/misc/v1/misc.proto"
        misc.write_text(misc.read_text().replace("service Misc", "// Pings, ¡fast!\nservice Misc"))
    run(warm)
    if damage != "none":
        path, salt, sections = _proto_unit_sections(tmp_path / "cache")
        damaged = 0
        for name, (reads, blob, token, texts) in list(sections["units"].items()):
            if not texts:  # (the messages page's sections: the page is made of them, kept whole)
                continue
            if damage == "texts of another kind":
                texts = tuple(bytes(text).decode() for text in texts)
            else:
                texts = (*texts, b"more") if damage == "a text too many" else texts[:-1]
            sections["units"][name] = (reads, blob, token, texts)
            damaged += 1
        assert damaged >= 5, damaged  # the runtime, and each service's module, page and namespace
        Layered(path, salt, with_buffers=True).save(sections)
    handed = _handed_to_the_writer(monkeypatch)
    hashed = _hashed_texts(monkeypatch)
    _rename_request(warm)
    again = run(warm)
    # (the stubs come as the bytes the proto file cache kept: not the pieces')
    encoded = {
        path: text
        for path, text in handed.items()
        if type(text) is Encoded and not path.startswith("ir/") and "/_pb/" not in path
    }
    misc = [path for path in handed if "misc" in path and "/_pb/" not in path]
    if damage == "none":
        assert set(misc) <= set(encoded) and len(misc) >= 3, (misc, sorted(encoded))
        assert any(type(piece) is memoryview for text in encoded.values() for piece in text.pieces)
        assert not {id(text) for text in hashed} & {id(text) for text in encoded.values()}
        # Misc's texts, of more bytes than characters, are known by their digest (at hand), not by
        # the length noted when a cold run wrote them: their files are not read back (15 were)
        assert again.stats.files_compared <= 10, again.stats
    else:
        assert not encoded and again.stats.units_reused <= 2, again.stats  # (the messages' sections)
    monkeypatch.undo()
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    assert run(warm).skipped == ["shop_pkg"]  # (the stamp is that of the files written)
    run(cold, use_cache=False)
    _rename_request(cold)
    run(cold, use_cache=False)
    assert tree(warm.parent / "out") == tree(cold.parent / "out")


@pytest.mark.parametrize("damage", ["moved to another table", "not a table", "not read names"])
def test_the_reads_of_proto_pieces_are_kept_by_table_and_a_misplaced_one_is_a_miss(
    damage: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The digests the pieces' reads gave are kept by table (`table -> {read: digest}`), so that a
    regeneration checks each table's reads without splitting every read's name. A read kept under
    another table (digest and all: the file reads, its checksum holds), a table that is no mapping, or
    names that are no strings: those reads count as changed, and their pieces are rendered again,
    as on a cold run."""
    from generator.cache_layers import Layered

    warm, cold = _trees(tmp_path, monkeypatch)
    run(warm)
    path, salt, sections = _proto_unit_sections(tmp_path / "cache")
    reads = sections["reads"]
    assert reads and all(
        type(group) is dict and all(read.startswith(f"{table}\0") for read in group)
        for table, group in reads.items()
    ), reads
    assert "types" in reads and "index.refs" in reads, sorted(reads)
    if damage == "moved to another table":  # each read of `types` under `index.refs`, as it was
        reads["index.refs"] = {**reads["index.refs"], **reads.pop("types")}
    elif damage == "not a table":
        reads["types"] = [(read, digest) for read, digest in reads["types"].items()]
    else:
        reads["types"] = {(read,): digest for read, digest in reads["types"].items()}
    Layered(path, salt).save(sections)
    again = _renamed_as_cold(warm, cold)
    # every piece but the runtime (it reads nothing) read some type: rendered again (the
    # rename alone renders 4 and reuses 6, `TREE_CHANGES`)
    assert (again.stats.units_rendered, again.stats.units_reused) == (9, 1), again.stats


@pytest.mark.parametrize("kind", sorted(TREE_CHANGES))
def test_proto_docs_pages_after_a_change_equal_a_cold_run(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The messages page is made of remembered sections: a renamed message, a removed file and a
    newly imported message show on it (and on the service pages) as on a cold run."""
    warm, cold = _trees(tmp_path, monkeypatch)
    edit, shown, gone, units, facts = TREE_CHANGES[kind]
    first = run(warm)
    edit(warm)
    again = run(warm)
    # the sections and pieces the change leaves alone come from the last run
    assert (first.stats.units_rendered, first.stats.units_reused) == (10, 0), first.stats
    assert (again.stats.units_rendered, again.stats.units_reused) == units, again.stats
    # and so do the facts of the messages it leaves alone (what their fields hold, their checks)
    assert (first.stats.message_facts_made, first.stats.message_facts_reused) == (4, 0), first.stats
    assert (again.stats.message_facts_made, again.stats.message_facts_reused) == facts, again.stats
    run(cold, use_cache=False)
    edit(cold)
    run(cold, use_cache=False)
    after = tree(warm.parent / "out")
    assert after == tree(cold.parent / "out")
    messages = after["docs/shop_pkg/messages.md"].decode()
    assert all(text in messages for text in shown) and not any(
        text in messages for text in gone
    ), messages


def test_damaged_resource_units_are_rendered_afresh(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A resource unit whose reads are intact but whose result has another shape (no list, two
    texts and no calls, a call that is no list) is rendered afresh: same bytes, no error.
    """
    warm, cold, cache = _generated(tmp_path, monkeypatch)
    damaged = 0
    for path in cache.glob("units-*.pickle"):
        data = read_cache_file(path)
        shapes = iter(["text", ["a", "b"], ["a", "b", [1]]] * 10)
        units = data["sections"]["units"]
        for name, entry in units.items():
            if name.startswith('["resource"'):
                units[name] = [*entry[:-1], next(shapes)]
                damaged += 1
        plant_cache_file(path, data)
    assert damaged >= 1
    for stamp in cache.glob("stamp-*-rest_pkg.json"):  # the package is rendered again, from its units
        stamp.unlink()
    again = run(warm / "specs")
    assert again.stats.units_reused > 0 and again.skipped == ["grpc_pkg"], again

    for _ in range(2):  # twice, as the warm side (CHANGES.md compares with the previous run)
        run(cold / "specs", use_cache=False)
    assert tree(warm / "out") == tree(cold / "out")


@pytest.mark.parametrize("damaged", ["overlay", "base"])
def test_units_cache_writes_an_overlay_and_a_damaged_layer_is_a_miss(
    damaged: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After a one-schema change the rendered-units file of the OpenAPI package is left as it
    was and only what changed goes into an overlay beside it (`generator.cache_layers`); a
    damaged overlay reads as the base alone and a damaged base as no cache: misses, same bytes.
    """
    warm, cold, cache = _generated(tmp_path, monkeypatch)
    (base,) = cache.glob("units-*-rest_pkg.pickle")
    before = base.read_bytes()
    change(warm / "specs", "field added")
    again = run(warm / "specs")
    overlay = base.with_name(base.name + ".overlay")
    assert base.read_bytes() == before and overlay.is_file()
    # the overlay holds the units rendered again (at most), not every unit
    changed, gone = read_cache_file(overlay)["sections"]["units"]
    assert 1 <= len(changed) <= again.stats.units_rendered < again.stats.units_reused, again.stats
    assert not gone

    (overlay if damaged == "overlay" else base).write_bytes(b"damaged")
    change(warm / "specs", "operation changed")
    last = run(warm / "specs")
    if damaged == "overlay":  # the base alone: the units that did not read Owner are reused
        assert last.stats.units_reused > 0, last.stats
    else:  # no cache: what the limits found comes from the same file (proto units are reused)
        assert last.stats.limits_reused == 0 and not overlay.exists(), last.stats

    for kind in (None, "field added", "operation changed"):
        if kind is not None:
            change(cold / "specs", kind)
        run(cold / "specs", use_cache=False)
    assert tree(warm / "out") == tree(cold / "out")


@pytest.mark.parametrize("kind", ["proto message changed", "field added"])
def test_a_regeneration_leaves_no_reference_cycles_of_our_objects(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run freezes what the caches load, with everything else alive at the time, out of the
    collector (`cache_pickle.long_lived_loads`): a reference cycle that dies later is kept until
    the run ends (a cycle holding last run's proto cache entries kept 6 MB of 300 files). So no
    object the caches load or the front ends make is ever left in a cycle for the collector."""
    specs = tmp_path / "specs"
    write_specs(specs)
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    run(specs)
    change(specs, kind)
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)  # what any collection finds goes to `gc.garbage`
    try:
        with few_full_collections():
            run(specs)
        gc.collect()
        ours = sorted(_held_by(gc.garbage))
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
    assert ours == [], ours


# the modules of what the caches load and the front ends hold (IR, proto cache entries, parsed
# entries); not the renderers' views (a Jinja macro keeps its template's context in a cycle) nor
# the validation library's validators (subclassed in `validate`: they refer to each other)
_LOADED = ("generator.ir.", "generator.proto.", "generator.openapi.", "generator.cache")
_NOT_DATA = ("generator.openapi.validate",)


def _held_by(garbage: list[object]) -> set[str]:
    """The classes of ours among the objects and what they hold through containers and our
    objects' fields (not through functions, modules or classes: they reach everything)."""
    found: set[str] = set()
    seen: set[int] = set()
    stack = list(garbage)
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        module = type(item).__module__
        if module.startswith(_LOADED) and not module.startswith(_NOT_DATA):
            found.add(type(item).__qualname__)
        elif not isinstance(item, (dict, list, tuple, set, frozenset, types.CellType)):
            continue
        stack.extend(gc.get_referents(item))
    return found


def test_schema_units_kept_in_order_are_copied_in_one_stretch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A regeneration keeps the records of the units it replayed (component schemas and
    operations) as they lie in last run's files: those of the base file left there (an overlay
    written beside it), the others copied, adjacent records in one write: each record written
    afresh splits at most one stretch; the files so written replay as well."""
    warm, _, _ = _generated(tmp_path, monkeypatch)

    def copied_in_stretches(stats: Stats) -> None:
        assert stats.schemas_copied == stats.schemas_reused + stats.operations_reused, stats
        afresh = stats.schemas_converted + stats.operations_converted
        assert stats.schema_copy_writes <= afresh + 1, stats
        assert 0 < stats.schemas_left_in_place <= stats.schemas_copied, stats

    change(warm / "specs", "operation changed")  # no schema changed: every schema replayed
    again = run(warm / "specs").stats
    assert again.schemas_reused == FILLER + 2 and again.operations_converted == 1, again
    copied_in_stretches(again)
    assert again.schemas_left_in_place == again.schemas_copied and again.schema_copy_writes == 0, again
    change(warm / "specs", "field added")  # Owner (and Thing, which refers to it) afresh
    third = run(warm / "specs").stats
    assert third.schemas_reused == FILLER and third.schemas_converted == 2, third
    copied_in_stretches(third)
    change(warm / "specs", "type renamed")  # ... and read back from the file written piecewise
    fourth = run(warm / "specs").stats
    assert fourth.schemas_reused >= FILLER, fourth
    copied_in_stretches(fourth)


def test_a_json_spec_with_integers_beyond_64_bits_reads_the_same_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A `.json` description is kept parsed in the cache; an integer no 64-bit number holds comes
    back exact (not as the nearest float), so warm output is a cold run's."""
    from generator.cli import main

    huge = "123456789012345678901234567890"
    spec = tmp_path / "spec" / "api.json"
    spec.parent.mkdir()
    parameter = {"name": "n", "in": "query", "schema": {"type": "integer", "default": int(huge)}}
    operation = {
        "operationId": "listThings",
        "parameters": [parameter],
        "responses": {"204": {"description": "ok"}},
    }
    document = {
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1"},
        "paths": {"/things": {"get": operation}},
    }
    spec.write_text(json.dumps(document))
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    outputs = []
    for folder, cache in (("cold", "--no-cache"), ("first", None), ("warm", None)):
        args = [
            "generate",
            "-q",
            "--openapi",
            str(spec),
            "--package",
            "nx",
            "--out",
            str(tmp_path / folder),
        ]
        assert main(args + ([cache] if cache else [])) == 0
        outputs.append(tree(tmp_path / folder))
    assert huge in outputs[0]["ir/nx.json"].decode()
    assert outputs[0] == outputs[1] == outputs[2]


def test_an_edit_that_keeps_a_files_size_time_and_inode_is_undone_by_the_next_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The output manifest knows a file unchanged by its size, modification time and inode; an
    edit that keeps all three still makes the output differ from its stamp, and that run then
    compares every file: the edit is undone, and the run after it is up to date."""
    write_specs(tmp_path / "specs")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    run(tmp_path / "specs")
    before = tree(tmp_path / "out")
    edited = tmp_path / "out" / "ir" / "rest_pkg.json"
    status = edited.stat()
    with open(edited, "r+b") as handle:  # one byte, in place: the same size and inode
        handle.seek(status.st_size // 2)
        byte = handle.read(1)
        handle.seek(status.st_size // 2)
        handle.write(b"x" if byte != b"x" else b"y")
    os.utime(edited, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert edited.stat().st_ino == status.st_ino and tree(tmp_path / "out") != before
    again = run(tmp_path / "specs")
    assert again.stats.texts_rehashed and again.stats.files_written >= 1, again.stats
    after = tree(tmp_path / "out")
    assert after["ir/rest_pkg.json"] == before["ir/rest_pkg.json"]
    # (CHANGES.md now reports against the snapshot on disk: the previous run's)
    assert {p: t for p, t in after.items() if p != "CHANGES.md"} == {p: t for p, t in before.items() if p != "CHANGES.md"}
    assert sorted(run(tmp_path / "specs").skipped) == ["grpc_pkg", "rest_pkg"]


def test_an_edit_that_keeps_a_files_size_time_and_inode_is_undone_by_a_run_on_changed_specs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the package's specs changed too, its stamp does not tell the output differs (the run
    renders anyway): the manifest's change time does, which an edit moves whatever else it puts
    back."""
    write_specs(tmp_path / "specs")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    run(tmp_path / "specs")
    edited = tmp_path / "out" / "python" / "rest_pkg" / "rest_pkg" / "models" / "badge05.py"
    held = edited.read_bytes()
    status = edited.stat()
    with open(edited, "r+b") as handle:  # one byte, in place: the same size and inode
        handle.seek(status.st_size // 2)
        handle.write(b"x" if held[status.st_size // 2 : status.st_size // 2 + 1] != b"x" else b"y")
    os.utime(edited, ns=(status.st_atime_ns, status.st_mtime_ns))
    assert (edited.stat().st_size, edited.stat().st_ino) == (status.st_size, status.st_ino)
    change(tmp_path / "specs", "field added")  # (another model: badge05.py is rendered as before)
    run(tmp_path / "specs")
    assert edited.read_bytes() == held


def test_schema_units_whose_kept_texts_are_no_types_are_generated_again_without_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every schema unit's kept texts (`kept_types.pack`) replaced by a text that builds no
    type, under sound checksums: the units are replayed (what they read holds), their types
    built only when read, too late to be a miss, so the package is generated again without the
    cache; the output is a cold run's, no traceback."""
    from generator.openapi.schema_units import SchemaUnits

    warm, cold, cache = _generated(tmp_path, monkeypatch)
    (path,) = cache.glob("schema-units-*.pickle")
    units = SchemaUnits(path.parent, path.name.removeprefix("schema-units-").removesuffix(".pickle"))
    forged = b"T" + len(b'{"kind": "object"}').to_bytes(4, "little") + b'{"kind": "object"}'
    for key, record in list(units.previous.items()):
        if type(key) is str:  # (not an operation's)
            assert record[7][:1] == b"T"  # (kept as texts)
            record = (*record[:7], forged)
        units.keep(key, record)
    units.save()
    change(warm / "specs", "operation changed")
    again = run(warm / "specs")
    assert again.stats.packages_without_cache == 1, again.stats

    run(cold / "specs", use_cache=False)
    change(cold / "specs", "operation changed")
    run(cold / "specs", use_cache=False)
    assert tree(warm / "out") == tree(cold / "out")
