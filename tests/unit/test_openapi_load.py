"""Reading documents and following `$ref`s (generator.openapi.load, parse, pointers)."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from generator import json_pointer as pointers
from generator.diagnostics import Diagnostics, SpecError
from generator.ir import serialize
from generator.ir.model import API, AliasType, ObjectType, TypeExpr
from generator.openapi.front_end import load_openapi

HEADER = """\
openapi: 3.1.0
info: {title: T, version: "1"}
paths: {}
"""


def doc(body: str) -> str:
    return HEADER + textwrap.dedent(body)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def load(path: Path, diagnostics: Diagnostics | None = None) -> API:
    return load_openapi(path, "pkg", diagnostics or Diagnostics(), cache_dir=None)


def spec_error(path: Path) -> str:
    with pytest.raises(SpecError) as caught:
        load(path)
    return str(caught.value)


def test_pointer_escaping() -> None:
    assert (
        pointers.join("", "paths", "/chat/completions", "a~b") == "/paths/~1chat~1completions/a~0b"
    )
    assert pointers.split("/paths/~1a~1b/~01") == ["paths", "/a/b", "~1"]
    assert pointers.from_fragment("/components/schemas/A%20B") == "/components/schemas/A B"
    assert pointers.lookup({"a": [{"b": 1}]}, "/a/0/b") == 1
    with pytest.raises(LookupError):
        pointers.lookup({"a": [1]}, "/a/01")


def test_json_and_yaml_give_the_same_ir(tmp_path: Path) -> None:
    document = {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "paths": {},
        "components": {
            "schemas": {"A": {"type": "object", "properties": {"x": {"type": "string"}}}}
        },
    }
    from_json = load(write(tmp_path, "a.json", json.dumps(document)))
    from_yaml = load(write(tmp_path, "a.yaml", json.dumps(document, indent=2)))
    as_yaml = serialize.dumps(from_json).replace('"a.json"', '"a.yaml"')
    assert as_yaml == serialize.dumps(from_yaml)
    assert from_json.files == ("a.json",)


def test_yaml_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.yaml", HEADER + "components:\n  schemas: [1, 2\n  x: 3\n")
    with pytest.raises(SpecError) as caught:
        load(path)
    problem = caught.value.problems[0]
    assert problem.location.file.endswith("bad.yaml")
    assert (problem.location.line, problem.location.column) == (6, 4)  # 1-based, at the ":"
    assert "invalid YAML" in problem.message


def test_json_syntax_error_has_line_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.json", '{"openapi": "3.1.0",\n  "info": }\n')
    with pytest.raises(SpecError) as caught:
        load(path)
    location = caught.value.problems[0].location
    assert (location.line, location.column) == (2, 11)


def test_yaml_keeps_dates_as_text_and_status_codes_as_strings(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "openapi.yaml",
        """\
        openapi: 3.1.0
        info: {title: T, version: 2024-01-01}
        paths:
          /a:
            get:
              operationId: getA
              responses:
                200: {description: OK}
        """,
    )
    api = load(path)
    assert api.version == "2024-01-01"
    assert api.operations[0].http is not None
    assert api.operations[0].http.responses[0].status == "200"


def test_external_ref_becomes_a_named_type(tmp_path: Path) -> None:
    write(
        tmp_path,
        "common/pets.yaml",
        """\
        Pet:
          type: object
          properties:
            owner: {$ref: '#/Owner'}
            tag: {$ref: '../openapi.yaml#/components/schemas/Tag'}
        Owner:
          type: object
          properties:
            name: {type: string}
        Tag:
          type: string
        """,
    )
    write(tmp_path, "common/error.yaml", "type: object\nproperties:\n  code: {type: integer}\n")
    root = write(
        tmp_path,
        "openapi.yaml",
        doc(
            """\
        components:
          schemas:
            Tag: {type: string, format: slug}
            Holder:
              type: object
              properties:
                pet: {$ref: 'common/pets.yaml#/Pet'}
                tag: {$ref: 'common/pets.yaml#/Tag'}
                error: {$ref: './common/error.yaml'}
        """
        ),
    )
    api = load(root)
    types = {t.id: t for t in api.types}
    # key when free, <file stem>.<key> on a clash with a component, the stem for a whole file
    assert set(types) == {"Tag", "Holder", "Pet", "Owner", "pets.Tag", "error"}
    holder = types["Holder"]
    assert isinstance(holder, ObjectType)
    assert [f.type for f in holder.fields] == [
        TypeExpr(kind="ref", ref="Pet"),
        TypeExpr(kind="ref", ref="pets.Tag"),
        TypeExpr(kind="ref", ref="error"),
    ]
    pet = types["Pet"]
    assert isinstance(pet, ObjectType)
    assert [f.type.ref for f in pet.fields] == ["Owner", "Tag"]  # back into the root: the component
    assert pet.location is not None and pet.location.file == "common/pets.yaml"
    assert isinstance(types["pets.Tag"], AliasType)
    assert types["pets.Tag"].name.words == ("pets", "tag")  # never the words of "Tag"
    assert api.files == ("common/error.yaml", "common/pets.yaml", "openapi.yaml")


def test_ref_pointer_unescaping_and_percent_decoding(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        "openapi.yaml",
        doc(
            """\
        components:
          schemas:
            A/B: {type: string}
            C D: {type: integer}
            Holder:
              type: object
              properties:
                slash: {$ref: '#/components/schemas/A~1B'}
                space: {$ref: '#/components/schemas/C%20D'}
        """
        ),
    )
    holder = next(t for t in load(root).types if t.id == "Holder")
    assert isinstance(holder, ObjectType)
    assert [f.type.ref for f in holder.fields] == ["A/B", "C D"]


def test_missing_ref_target_names_the_ref_and_the_target(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        "openapi.yaml",
        doc(
            """\
        components:
          schemas:
            Holder:
              type: object
              properties:
                gone: {$ref: '#/components/schemas/Gone'}
        """
        ),
    )
    message = spec_error(root)
    assert "openapi.yaml#/components/schemas/Holder/properties/gone/$ref" in message
    assert "/components/schemas/Gone" in message


def test_missing_ref_file(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        "openapi.yaml",
        doc(
            """\
        components:
          schemas:
            Holder: {$ref: 'nowhere.yaml#/X'}
        """
        ),
    )
    message = spec_error(root)
    assert "#/components/schemas/Holder/$ref" in message
    assert "nowhere.yaml" in message and "not found" in message


def test_circular_ref_chain_is_an_error(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        "openapi.yaml",
        doc(
            """\
        components:
          schemas:
            A: {$ref: '#/components/schemas/B'}
            B: {$ref: '#/components/schemas/A'}
        """
        ),
    )
    assert "circular $ref chain" in spec_error(root)


def test_remote_refs_are_refused(tmp_path: Path) -> None:
    root = write(
        tmp_path,
        "openapi.yaml",
        doc(
            """\
        components:
          schemas:
            A: {$ref: 'https://example.com/schemas.yaml#/A'}
        """
        ),
    )
    assert "remote reference" in spec_error(root)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(SpecError, match="file not found"):
        load(tmp_path / "absent.yaml")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "swagger: '1.2'\ninfo: {title: T, version: '1'}\npaths: {}\n",
            "unsupported OpenAPI version '1.2': this generator reads Swagger 2.0, OpenAPI 3.0 and 3.1",
        ),
        ("- just\n- a list\n", "not an OpenAPI document"),
    ],
)
def test_documents_that_are_not_openapi_2_or_3(tmp_path: Path, text: str, message: str) -> None:
    assert message in spec_error(write(tmp_path, "openapi.yaml", text))


def test_the_search_for_refs_to_files_finds_each_one() -> None:
    """`_may_name_files` (orjson's text searched) says False exactly when no `$ref` string of the
    data leaves out the `#` that keeps it inside the document; `_confine` skips the walk then."""
    import random

    from generator.openapi.load import _may_name_files

    def names_files(node: object) -> bool:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str) and not ref.startswith("#"):
                return True
            return any(names_files(value) for value in node.values())
        if isinstance(node, list):
            return any(names_files(item) for item in node)
        return False

    texts = ["#/a", "other.yaml#/b", "", "#", '"$ref":"x', '{"$ref":"y"}', "\\", "é#", '#"', "x,"]
    keys = ["$ref", "a", '"$ref"', "$ref\\", ',"$ref":"z', "ref"]
    rng = random.Random(7)

    def make(depth: int) -> object:
        roll = rng.random()
        if depth > 3 or roll < 0.3:
            return rng.choice([*texts, 1, 2.5, None, True, float("nan")])
        if roll < 0.5:
            return [make(depth + 1) for _ in range(rng.randint(0, 3))]
        return {rng.choice(keys): make(depth + 1) for _ in range(rng.randint(0, 3))}

    seen = {True: 0, False: 0}
    for _ in range(5000):
        data = make(0)
        assert _may_name_files(data) == names_files(data), data
        seen[names_files(data)] += 1
    assert min(seen.values()) > 100
    assert _may_name_files({"big": 1 << 70, "$ref": "#/a"})  # orjson cannot write it: walk


def test_the_root_document_is_read_and_hashed_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The validation run reads the root document first (for its cache key); the reading of the
    description takes those bytes and their digest (10 MB read and hashed once, not twice and
    three times), with the same IR as ever."""
    from generator.openapi import cache as cache_module

    path = write(tmp_path, "api.yaml", doc("components: {schemas: {A: {type: string}}}\n"))
    expected = serialize.dumps(load(path))
    reads: list[Path] = []
    hashed: list[int] = []
    read_bytes, digest = Path.read_bytes, cache_module.digest

    def counting_read(self: Path) -> bytes:
        reads.append(self)
        return read_bytes(self)

    def counting_digest(data: bytes) -> str:
        hashed.append(len(data))
        return digest(data)

    monkeypatch.setattr(Path, "read_bytes", counting_read)
    for module in ("cache", "load", "parse", "validation_runner"):
        monkeypatch.setattr(f"generator.openapi.{module}.digest", counting_digest)
    api = load_openapi(path, "pkg", Diagnostics(), cache_dir=tmp_path / "cache")
    assert serialize.dumps(api) == expected
    assert reads.count(path) == 1
    assert hashed.count(path.stat().st_size) == 1


def test_the_ir_is_made_with_the_collector_paused_and_frozen_out_of_it(tmp_path: Path) -> None:
    """Within the CLI's run (`cache_pickle.long_lived_loads`) the IR the conversion builds, kept to
    the run's end and in no reference cycle, is made without young collections walking it and is
    frozen out of the collector afterwards, as what the caches load is (and as proto's IR)."""
    import gc

    from generator import cache_pickle

    schemas = "".join(f"    T{i}: {{type: object, properties: {{a: {{type: string}}}}}}\n" for i in range(20))
    path = write(tmp_path, "api.yaml", doc(f"components:\n  schemas:\n{schemas}"))
    gc.collect()
    with cache_pickle.long_lived_loads():
        api = load(path)  # (no cache: nothing loaded)
        assert gc.get_freeze_count() > len(api.types) * 3 and gc.isenabled()
    assert gc.get_freeze_count() == 0
