"""Conversion builds each repeated IR part once: equal type expressions and names are one object,
and a naming place spells out its id and words only when asked (generator.openapi.shared_exprs,
generator.openapi.naming, generator.ir.words)."""

from __future__ import annotations

import pytest
import yaml

from generator.diagnostics import Diagnostics
from generator.ir.model import ObjectType, TypeExpr
from generator.ir.words import make_name
from generator.openapi import load_openapi, naming
from generator.openapi.naming import Place
from generator.openapi.shared_exprs import SharedExprs

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
