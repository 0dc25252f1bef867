"""Regeneration after a change reuses cached work (rendered units, encoded IR, formatted files,
unchanged files left alone) and gives exactly the bytes a cold run from scratch gives,
CHANGES.md included."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cache_location import ENV_VAR
from generator.config import load_config
from generator.diagnostics import Diagnostics
from generator.pipeline import Outcome, generate

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
# Types no change touches, so that a regeneration reusing little would show
FILLER = 20
OPENAPI += "".join(
    f"    Badge{i:02d}:\n      type: object\n      description: Badge {i}.\n      properties:\n"
    f"        label: {{type: string}}\n"
    + (f"        next: {{$ref: '#/components/schemas/Badge{i + 1:02d}'}}\n" if i + 1 < FILLER else "")
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
    "operation removed": ("api.yaml", "  /things/{id}:\n    delete:\n      operationId: deleteThing\n      parameters:\n        - {name: id, in: path, required: true, schema: {type: string}}\n      responses:\n        '204': {description: gone}\n", ""),
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
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def change(specs: Path, kind: str) -> None:
    name, old, new = CHANGES[kind]
    text = (specs / name).read_text()
    assert old in text
    (specs / name).write_text(text.replace(old, new))


@pytest.mark.parametrize("kind", sorted(CHANGES))
def test_regeneration_after_a_change_equals_a_cold_run(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warm, cold = tmp_path / "warm", tmp_path / "cold"
    for project in (warm, cold):
        write_specs(project / "specs")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "warm-cache"))
    first = run(warm / "specs")  # the state before the change: output and caches in place
    change(warm / "specs", kind)
    again = run(warm / "specs")

    # the caches did the work: a few units, snapshot entries and files done afresh, not all
    before, after = first.stats, again.stats
    assert before.units_reused == 0 and before.units_rendered > 2 * FILLER
    assert after.units_rendered + after.units_reused == before.units_rendered or kind == "type renamed"
    assert after.units_rendered <= 6, after
    assert after.ir_encoded <= 5 and after.ir_reused >= FILLER, after
    assert after.files_formatted <= 8 < before.files_formatted, after
    assert 0 < after.files_written <= 12 < before.files_written, after
    if kind != "proto message changed":  # (else the OpenAPI package is up to date: not loaded)
        # component schemas: the changed one and those that refer to it converted, the rest replayed
        assert before.schemas_converted == FILLER + 2 and before.schemas_reused == 0, before
        assert after.schemas_converted <= 2 and after.schemas_reused >= FILLER, after

    # from scratch: the previous output (so CHANGES.md reports the same change), no cache
    run(cold / "specs", use_cache=False)
    change(cold / "specs", kind)
    run(cold / "specs", use_cache=False)

    assert tree(warm / "out") == tree(cold / "out")
