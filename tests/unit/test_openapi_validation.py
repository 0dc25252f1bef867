"""Validation findings: located, strict mode, our own checks, the worker process and the cache."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from generator.diagnostics import Diagnostics, SpecError
from generator.openapi import validation_runner
from generator.openapi.front_end import load_openapi
from generator.openapi.validate import Finding

SPEC = """\
openapi: 3.1.0
info: {title: T, version: "1"}
paths:
  /items/{item_id}:
    get:
      operationId: getItem
      parameters:
        - {name: other, in: path, required: true, schema: {type: string}}
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Item'}
components:
  schemas:
    Item:
      type: object
      required: [id, name, id]
      properties:
        id: {type: string}
        name: {type: string}
        size: {type: integer, default: big}
"""


def write(folder: Path, text: str = SPEC) -> Path:
    path = folder / "openapi.yaml"
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def messages(diagnostics: Diagnostics, pointer: str) -> list[str]:
    return [p.message for p in diagnostics.problems if p.location.pointer == pointer]


def test_validation_problems_become_located_warnings(tmp_path: Path) -> None:
    diagnostics = Diagnostics()
    api = load_openapi(write(tmp_path), "pkg", diagnostics, cache_dir=None)
    assert [o.id for o in api.operations] == ["getItem"]
    assert not diagnostics.errors
    required = messages(diagnostics, "/components/schemas/Item/required")
    assert any("non-unique" in m for m in required)  # openapi-spec-validator
    assert any("duplicate entries in `required`: id" in m for m in required)  # our check
    assert messages(diagnostics, "/components/schemas/Item/properties/size/default")
    operation = messages(diagnostics, "/paths/~1items~1{item_id}/get")
    assert any("{item_id} has no `in: path` parameter" in m for m in operation)
    assert any("'other' does not appear in the path template" in m for m in operation)
    assert all(p.location.file.endswith("openapi.yaml") for p in diagnostics.problems)


def test_strict_mode_turns_every_finding_into_an_error(tmp_path: Path) -> None:
    diagnostics = Diagnostics(strict=True)
    with pytest.raises(SpecError) as caught:
        load_openapi(write(tmp_path), "pkg", diagnostics, cache_dir=None)
    pointers = {p.location.pointer for p in caught.value.problems}
    assert "/components/schemas/Item/required" in pointers
    assert "/components/schemas/Item/properties/size/default" in pointers


def test_a_valid_description_has_no_findings(tmp_path: Path) -> None:
    text = SPEC.replace("[id, name, id]", "[id, name]").replace("default: big", "default: 3")
    text = text.replace("name: other", "name: item_id")
    diagnostics = Diagnostics(strict=True)
    load_openapi(write(tmp_path, text), "pkg", diagnostics, cache_dir=None)
    assert diagnostics.problems == []


def _forbid_in_process_validation(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(root: str, document: object, documents: object = None) -> list[Finding]:
        raise AssertionError("validated in-process")

    monkeypatch.setattr(validation_runner, "validate", refuse)


def test_findings_are_cached_by_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    spec, cache = write(tmp_path), tmp_path / "cache"
    first = Diagnostics()
    load_openapi(spec, "pkg", first, cache_dir=cache)
    assert len(list(cache.glob("validated-*.json"))) == 1
    # the parsed document: whole, or entry by entry (generator.openapi.parse_entries)
    assert len([*cache.glob("parsed-*.json"), *cache.glob("entries-*.pickle")]) == 1

    _forbid_in_process_validation(monkeypatch)
    second = Diagnostics()
    load_openapi(spec, "pkg", second, cache_dir=cache)
    assert [str(p) for p in second.problems] == [str(p) for p in first.problems]

    spec.write_text(SPEC.replace("default: big", "default: 7"), encoding="utf-8")
    with pytest.raises(AssertionError, match="validated in-process"):
        load_openapi(spec, "pkg", Diagnostics(), cache_dir=cache)


def test_findings_cached_for_one_file_name_another_file_of_the_same_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The key is the content's: a copy of the description under another name takes the entry,
    and its warnings name the copy, as a run without the cache names it."""
    spec, cache = write(tmp_path), tmp_path / "cache"
    load_openapi(spec, "pkg", Diagnostics(), cache_dir=cache)
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(spec.read_bytes())
    cold = Diagnostics()
    load_openapi(copy, "pkg", cold, cache_dir=None)
    _forbid_in_process_validation(monkeypatch)
    warm = Diagnostics()
    load_openapi(copy, "pkg", warm, cache_dir=cache)
    assert [str(p) for p in warm.problems] == [str(p) for p in cold.problems]
    assert all(p.location.file.endswith("copy.yaml") for p in warm.problems)


def test_cache_entry_covers_external_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "item.yaml").write_text("type: object\nproperties: {id: {type: string}}\n")
    spec = write(
        tmp_path, SPEC.replace("{$ref: '#/components/schemas/Item'}", "{$ref: 'item.yaml'}")
    )
    cache = tmp_path / "cache"
    load_openapi(spec, "pkg", Diagnostics(), cache_dir=cache)
    (tmp_path / "item.yaml").write_text("type: object\nproperties: {id: {type: integer}}\n")
    _forbid_in_process_validation(monkeypatch)
    with pytest.raises(AssertionError, match="validated in-process"):
        load_openapi(spec, "pkg", Diagnostics(), cache_dir=cache)


def test_worker_process_gives_the_same_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = write(tmp_path)
    in_process = Diagnostics()
    load_openapi(spec, "pkg", in_process, cache_dir=None)

    monkeypatch.setattr(validation_runner, "BACKGROUND_MIN_BYTES", 0)
    _forbid_in_process_validation(monkeypatch)  # so the findings must come from the worker
    in_worker = Diagnostics()
    load_openapi(spec, "pkg", in_worker, cache_dir=None)
    assert [str(p) for p in in_worker.problems] == [str(p) for p in in_process.problems]


SPLIT_SWAGGER2 = {
    "api.yaml": """\
swagger: "2.0"
info: {title: T, version: "1"}
paths:
  /items:
    get:
      operationId: listItems
      parameters: [{$ref: 'parameters.yaml#/Tags'}, {$ref: 'parameters.yaml#/Limit'}]
      responses:
        "200": {description: OK, schema: {$ref: 'definitions.yaml#/Item'}}
        "404": {$ref: 'definitions.yaml#/NotFound'}
""",
    "parameters.yaml": (
        "Tags: {name: tags, in: query, type: array, items: {type: string}, collectionFormat: pipes}\n"
        "Limit: {name: limit, in: query, type: integer, default: lots}\n"
    ),
    "definitions.yaml": (
        "Item: {type: object, properties: {size: {type: integer, minimum: many}, note: {type: string, x-nullable: true}}}\n"
        "NotFound: {description: no item, schema: {$ref: '#/Item'}}\n"
    ),
}


def test_other_files_of_a_swagger2_description_are_validated_as_converted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In the process and in the worker: read as 3.x, the 2.0 parameter has no `schema` to check
    its default against; converted, it has, and the finding points into the 2.0 file."""
    for name, text in SPLIT_SWAGGER2.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    expected = [
        f"{tmp_path / 'definitions.yaml'}#/Item/properties/size/minimum: warning: 'many' is not of type 'number'",
        f"{tmp_path / 'parameters.yaml'}#/Limit/default: warning: 'lots' is not of type 'integer'",
    ]
    in_process = Diagnostics()
    load_openapi(tmp_path / "api.yaml", "pkg", in_process, cache_dir=None)
    assert [str(p) for p in in_process.problems] == expected

    monkeypatch.setattr(validation_runner, "BACKGROUND_MIN_BYTES", 0)
    _forbid_in_process_validation(monkeypatch)
    in_worker = Diagnostics()
    load_openapi(tmp_path / "api.yaml", "pkg", in_worker, cache_dir=None)
    assert [str(p) for p in in_worker.problems] == expected


def test_a_finding_says_what_is_wrong_without_spelling_out_the_node_checked(tmp_path: Path) -> None:
    """The library's message for a bad schema name goes on with the schema path and the whole
    `components/schemas` object; the warning keeps its first paragraph, bounded."""
    many = "".join(
        f"    Type{i}: {{type: object, description: {'words ' * 40}}}\n" for i in range(200)
    )
    spec = f'openapi: 3.1.0\ninfo: {{title: T, version: "1"}}\npaths: {{}}\ncomponents:\n  schemas:\n{many}'
    spec += "    Typé: {type: object}\n"
    diagnostics = Diagnostics()
    load_openapi(write(tmp_path, spec), "pkg", diagnostics, cache_dir=None)
    [found] = messages(diagnostics, "/components/schemas")
    assert found == '"Typé" does not match "^[a-zA-Z0-9._-]+$"'


def test_a_long_first_paragraph_is_cut() -> None:
    from generator.openapi.validate import MAX_MESSAGE, finding_message

    long = "x" * (MAX_MESSAGE * 3)
    assert finding_message(f"{long}\n\nmore") == f"{'x' * (MAX_MESSAGE - 3)}..."
    assert finding_message("short\n\nFailed validating ...") == "short"
    assert finding_message("one\ntwo") == "one\ntwo"


# Two bad properties of one 3.0 schema: jsonschema meets them in the order of a set of names,
# which follows the process's hash seed
TWO_BAD_PROPERTIES = """\
openapi: 3.0.3
info: {title: T, version: "1"}
paths: {}
components:
  schemas:
    Gadget:
      properties:
        serial: {type: string}
        kind: {type: string, description: 7}
        tags: {type: array, items: {type: 5}}
        more: {type: string, title: 8}
      type: object
"""


def test_the_finding_reported_does_not_follow_the_hash_seed(tmp_path: Path) -> None:
    spec = tmp_path / "api.yaml"
    spec.write_text(TWO_BAD_PROPERTIES)
    program = (
        "import sys; from generator.openapi import validate; from generator.openapi.parse import parse_bytes\n"
        "data = open(sys.argv[1], 'rb').read()\n"
        "for f in validate.validate(sys.argv[1], parse_bytes(data, '.yaml')): print(f.pointer, f.message)\n"
    )
    said = {
        subprocess.run(
            [sys.executable, "-c", program, str(spec)], capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout
        for seed in range(6)
    }  # fmt: skip
    assert len(said) == 1
    # the first bad property as written
    assert "/components/schemas/Gadget/properties/kind/description 7 is not of type 'string'" in said.pop()
