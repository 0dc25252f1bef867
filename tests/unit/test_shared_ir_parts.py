"""Conversion builds each repeated IR part once: equal type expressions and names are one object,
a `$ref` met again is not resolved again, and a naming place spells out its id and words only
when asked (generator.openapi.shared_exprs,
generator.openapi.naming, generator.ir.words)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.diagnostics import Diagnostics
from generator.ir.model import ObjectType, TypeExpr
from generator.ir.words import make_name
from generator.openapi import load, naming
from generator.openapi.cache import Cache
from generator.openapi.front_end import load_openapi
from generator.openapi.load import Spec
from generator.openapi.naming import Place
from generator.openapi.schema_units import SchemaUnits, unit_key
from generator.openapi.shared_exprs import SharedExprs
from generator.openapi.to_ir import build_api

_SCHEMAS = {
    "Pet": {"type": "object", "properties": {"id": {"type": "string"}}},
    **{
        name: {
            "type": "object",
            "properties": {
                "id": {"type": "string"},
                "count": {"type": "integer", "format": "int64"},
                "tags": {"type": "array", "items": {"type": "string"}},
                "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                "pet": {"$ref": "#/components/schemas/Pet"},
                "maybe": {"type": ["string", "null"]},
            },
        }
        for name in ("A", "B")
    },
}


@pytest.fixture(scope="module")
def types(tmp_path_factory: pytest.TempPathFactory) -> dict[str, ObjectType]:
    document = {"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": {},
                "components": {"schemas": _SCHEMAS}}  # fmt: skip
    path = tmp_path_factory.mktemp("spec") / "openapi.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    api = load_openapi(path, "pkg", Diagnostics(), cache_dir=None)
    return {t.id: t for t in api.types if isinstance(t, ObjectType)}


@pytest.mark.parametrize("wire", ["id", "count", "tags", "labels", "pet"])
def test_equal_field_types_of_two_schemas_are_one_object(types: dict[str, ObjectType], wire: str) -> None:
    a = next(f for f in types["A"].fields if f.name.wire == wire)
    b = next(f for f in types["B"].fields if f.name.wire == wire)
    assert a.type == b.type
    assert a.type is b.type
    assert a.name is b.name


def test_shared_type_expressions_are_those_spelled_out() -> None:
    shared = SharedExprs()
    string = shared.primitive("string")
    assert string == TypeExpr(kind="primitive", primitive="string")
    assert shared.list_of(string) == TypeExpr(kind="list", items=string)
    assert shared.map_of(string) == TypeExpr(kind="map", items=string)
    assert shared.ref("A", nullable=True) == TypeExpr(kind="ref", ref="A", nullable=True)
    assert shared.nullable(string) == TypeExpr(kind="primitive", primitive="string", nullable=True)
    assert shared.nullable(string) is shared.nullable(string)
    assert shared.nullable(string, nullable=False) is string


def test_an_expression_is_not_taken_for_another_that_had_its_id() -> None:
    shared = SharedExprs()
    first = TypeExpr(kind="primitive", primitive="integer")
    made = shared.nullable(first)
    assert made.primitive == "integer"
    other = TypeExpr(kind="primitive", primitive="boolean")
    # (an id may be reused once its object is gone: the expression kept is checked to be it)
    shared._nullable[id(other)] = shared._nullable.pop(id(first))
    assert shared.nullable(other).primitive == "boolean"


def test_a_name_is_made_once_per_spelling() -> None:
    assert make_name("created_at") is make_name("created_at")


def test_a_child_place_spells_its_id_and_words_only_when_asked(monkeypatch: pytest.MonkeyPatch) -> None:
    root = Place.root("CreateRequest")
    split: list[str] = []
    original = naming.split_words
    monkeypatch.setattr(naming, "split_words", lambda text: split.append(text) or original(text))
    places = [root.child(f"field{i}").child("item") for i in range(100)]
    assert split == []
    assert places[7].id == "CreateRequest.field7.item"
    assert places[7].words == ("create", "request", "field7", "item")
    assert places[7] == Place("CreateRequest.field7.item", ("create", "request", "field7", "item"))
    assert split == ["field7", "item"]


def _spec(tmp_path: Path, schemas: dict[str, Any]) -> Path:
    document = {"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": {},
                "components": {"schemas": schemas}}  # fmt: skip
    path = tmp_path / "openapi.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return path


def _referring(count: int) -> dict[str, Any]:
    """`count` schemas, each referring to Pet twice."""
    pet = {"$ref": "#/components/schemas/Pet"}
    return {
        "Pet": {"type": "object", "properties": {"id": {"type": "string"}}},
        **{f"Owner{i}": {"type": "object", "properties": {"pet": pet, "pets": {"type": "array", "items": pet}}}
           for i in range(count)},
    }  # fmt: skip


def test_a_reference_met_again_is_not_resolved_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    resolved: list[str] = []
    target = load.Spec.target
    monkeypatch.setattr(load.Spec, "target", lambda self, ref, at: resolved.append(ref) or target(self, ref, at))
    api = load_openapi(_spec(tmp_path, _referring(20)), "pkg", Diagnostics(), cache_dir=None)
    assert resolved == ["#/components/schemas/Pet"]
    fields = [f for t in api.types if isinstance(t, ObjectType) and t.id.startswith("Owner") for f in t.fields]
    assert {f.type for f in fields} == {TypeExpr(kind="ref", ref="Pet"), TypeExpr(kind="list", items=TypeExpr(kind="ref", ref="Pet"))}


def test_a_unit_that_met_a_reference_again_still_reads_its_target(tmp_path: Path) -> None:
    """Owner1 meets Pet's `$ref` after Owner0 resolved it: Pet becoming nullable converts it again."""
    path, cache = _spec(tmp_path, _referring(2)), tmp_path / "cache"
    first = SchemaUnits(cache, unit_key(path.resolve(), False, "test"))
    build_api(Spec(path, Cache(None)), "pkg", Diagnostics(), first)
    first.save()
    schemas = _referring(2)
    schemas["Pet"]["nullable"] = True
    path = _spec(tmp_path, schemas)
    again = SchemaUnits(cache, unit_key(path.resolve(), False, "test"))
    api = build_api(Spec(path, Cache(None)), "pkg", Diagnostics(), again)
    assert (again.converted, again.reused) == (3, 0)
    owner1 = next(t for t in api.types if t.id == "Owner1")
    assert isinstance(owner1, ObjectType)
    assert owner1.fields[0].type == TypeExpr(kind="ref", ref="Pet", nullable=True)
