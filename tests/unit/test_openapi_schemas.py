"""Schema Objects -> named types and type expressions (generator.openapi.schemas)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.diagnostics import Diagnostics
from generator.ir.model import (
    API,
    AliasType,
    Discriminator,
    EnumType,
    Field,
    NamedType,
    ObjectType,
    TypeExpr,
    UnionType,
    Validation,
)
from generator.openapi.front_end import load_openapi


def load(tmp_path: Path, schemas: dict[str, Any], version: str = "3.1.0", **extra: Any) -> API:
    document = {
        "openapi": version,
        "info": {"title": "T", "version": "1"},
        "paths": extra.pop("paths", {}),
        "components": {"schemas": schemas},
        **extra,
    }
    path = tmp_path / "openapi.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return load_openapi(path, "pkg", Diagnostics(), cache_dir=None)


def named(api: API, type_id: str) -> NamedType:
    found = [t for t in api.types if t.id == type_id]
    assert found, f"{type_id} not in {[t.id for t in api.types]}"
    return found[0]


def obj(api: API, type_id: str) -> ObjectType:
    found = named(api, type_id)
    assert isinstance(found, ObjectType)
    return found


def field(api: API, type_id: str, wire: str) -> Field:
    return next(f for f in obj(api, type_id).fields if f.name.wire == wire)


def ref(type_id: str, nullable: bool = False) -> TypeExpr:
    return TypeExpr(kind="ref", ref=type_id, nullable=nullable)


def prim(kind: Any, fmt: str = "", nullable: bool = False) -> TypeExpr:
    return TypeExpr(kind="primitive", primitive=kind, format=fmt, nullable=nullable)


def test_component_keys_are_type_ids_exactly_and_sorted(tmp_path: Path) -> None:
    api = load(
        tmp_path,
        {
            "b_thing": {"type": "object", "title": "Ignored Title", "properties": {"x": {}}},
            "A.Dotted-Key": {"type": "string"},
        },
    )
    assert [t.id for t in api.types] == ["A.Dotted-Key", "b_thing"]
    thing = obj(api, "b_thing")
    assert thing.name.words == ("b", "thing")
    assert thing.description == "Ignored Title"  # a title is text, never a name
    assert isinstance(named(api, "A.Dotted-Key"), AliasType)


def test_openapi_30_nullable(tmp_path: Path) -> None:
    api = load(
        tmp_path,
        {"Pet": {"type": "object", "properties": {"name": {"type": "string", "nullable": True}}}},
        version="3.0.3",
    )
    name = field(api, "Pet", "name")
    assert name.type == prim("string", nullable=True)
    assert name.nullable


def test_openapi_31_type_arrays(tmp_path: Path) -> None:
    api = load(
        tmp_path,
        {
            "Pet": {
                "type": "object",
                "properties": {
                    "tag": {"type": ["string", "null"]},
                    "mixed": {"type": ["string", "integer"]},
                    "count": {"anyOf": [{"type": "integer", "minimum": 1}, {"type": "null"}]},
                    "owner": {"oneOf": [{"$ref": "#/components/schemas/Owner"}, {"type": "null"}]},
                },
            },
            "Owner": {"type": "object", "properties": {"id": {"type": "string"}}},
        },
    )
    assert field(api, "Pet", "tag").type == prim("string", nullable=True)
    assert field(api, "Pet", "mixed").type == TypeExpr(
        kind="union", variants=(prim("string"), prim("integer"))
    )
    count = field(api, "Pet", "count")
    assert count.type == prim("integer", nullable=True)
    assert count.validation == Validation(minimum=1.0)
    owner = field(api, "Pet", "owner")
    assert owner.type == ref("Owner", nullable=True) and owner.nullable


def test_field_attributes_and_property_order(tmp_path: Path) -> None:
    api = load(
        tmp_path,
        {
            "Item": {
                "type": "object",
                "required": ["zeta"],
                "properties": {
                    "zeta": {"type": "string", "minLength": 1, "maxLength": 5, "pattern": "^a"},
                    "alpha": {
                        "type": "integer",
                        "default": 3,
                        "readOnly": True,
                        "deprecated": True,
                        "title": "Alpha title",
                        "exclusiveMinimum": 0,
                        "maximum": 10,
                    },
                    "mid": {"type": "array", "items": {"type": "string"}, "minItems": 2},
                    "secret": {"type": "string", "writeOnly": True, "description": "Shh."},
                },
            }
        },
    )
    item = obj(api, "Item")
    assert [f.name.wire for f in item.fields] == ["zeta", "alpha", "mid", "secret"]
    zeta = item.fields[0]
    assert zeta.required and not zeta.has_default
    assert zeta.validation == Validation(required=True, min_length=1, max_length=5, pattern="^a")
    alpha = item.fields[1]
    assert (alpha.default, alpha.has_default, alpha.read_only, alpha.deprecated) == (
        3,
        True,
        True,
        True,
    )
    assert alpha.description == "Alpha title"
    assert alpha.validation == Validation(minimum=0.0, exclusive_minimum=True, maximum=10.0)
    assert item.fields[2].type == TypeExpr(kind="list", items=prim("string"))
    assert item.fields[2].validation == Validation(min_items=2)
    assert item.fields[3].write_only and item.fields[3].description == "Shh."
    assert item.fields[0].location is not None
    assert item.fields[0].location.pointer == "/components/schemas/Item/properties/zeta"


def test_formats_binary_and_base64(tmp_path: Path) -> None:
    props = {
        "when": {"type": "string", "format": "date-time"},
        "day": {"type": "string", "format": "date"},
        "id": {"type": "string", "format": "uuid"},
        "big": {"type": "integer", "format": "int64"},
        "ratio": {"type": "number", "format": "double"},
        "file": {"type": "string", "format": "binary"},
        "raw": {"type": "string", "contentMediaType": "application/octet-stream"},
        "encoded": {"type": "string", "contentEncoding": "base64"},
        "bytes30": {"type": "string", "format": "byte"},
        "flag": {"type": "boolean"},
    }
    api = load(tmp_path, {"F": {"type": "object", "properties": props}})
    types = {f.name.wire: f.type for f in obj(api, "F").fields}
    assert types == {
        "when": prim("string", "date-time"),
        "day": prim("string", "date"),
        "id": prim("string", "uuid"),
        "big": prim("integer", "int64"),
        "ratio": prim("number", "double"),
        "file": prim("binary", "binary"),
        "raw": prim("binary", "binary"),
        "encoded": prim("string", "byte"),
        "bytes30": prim("string", "byte"),
        "flag": prim("boolean"),
    }


def test_maps_any_and_additional_properties(tmp_path: Path) -> None:
    api = load(
        tmp_path,
        {
            "M": {
                "type": "object",
                "properties": {
                    "labels": {"type": "object", "additionalProperties": {"type": "string"}},
                    "free": {"type": "object"},
                    "loose": {"type": "object", "additionalProperties": True},
                    "anything": {},
                    "described": {"description": "no type at all"},
                },
            },
            "Open": {
                "type": "object",
                "properties": {"id": {"type": "string"}},
                "additionalProperties": {"type": "integer"},
            },
            "Closed": {
                "type": "object",
                "properties": {"id": {"type": "string"}},
                "additionalProperties": False,
            },
            "Bag": {"type": "object", "additionalProperties": True},
        },
    )
    types = {f.name.wire: f.type for f in obj(api, "M").fields}
    any_ = TypeExpr(kind="any")
    assert types["labels"] == TypeExpr(kind="map", items=prim("string"))
    assert types["free"] == TypeExpr(kind="map", items=any_)
    assert types["loose"] == TypeExpr(kind="map", items=any_)
    assert types["anything"] == any_ and types["described"] == any_
    assert obj(api, "Open").additional == prim("integer")
    assert obj(api, "Closed").additional is None
    bag = named(api, "Bag")
    assert isinstance(bag, AliasType) and bag.target == TypeExpr(kind="map", items=any_)


def test_enums_keep_spec_order_and_single_values_are_consts(tmp_path: Path) -> None:
    api = load(
        tmp_path,
        {
            "Color": {"type": "string", "enum": ["red", "green", "blue"]},
            "Level": {"type": "integer", "enum": [3, 1, 2]},
            "Only": {"type": "string", "enum": ["only"]},
            "Fixed": {"const": "fixed"},
            "Maybe": {"type": ["string", "null"], "enum": ["b", "a", None]},
            "Holder": {
                "type": "object",
                "properties": {
                    "kind": {"type": "string", "enum": ["k"]},
                    "mode": {"type": "string", "enum": ["z", "y"]},
                },
            },
        },
    )
    color = named(api, "Color")
    assert isinstance(color, EnumType)
    assert [v.value for v in color.values] == ["red", "green", "blue"]
    level = named(api, "Level")
    assert isinstance(level, EnumType) and level.base == "integer"
    assert [v.value for v in level.values] == [3, 1, 2]
    only = named(api, "Only")
    assert isinstance(only, AliasType) and only.target == TypeExpr(kind="const", const="only")
    fixed = named(api, "Fixed")
    assert isinstance(fixed, AliasType) and fixed.target == TypeExpr(kind="const", const="fixed")
    maybe = named(api, "Maybe")
    assert isinstance(maybe, EnumType) and [v.value for v in maybe.values] == ["b", "a"]
    assert field(api, "Holder", "kind").type == TypeExpr(kind="const", const="k")
    assert field(api, "Holder", "mode").type == ref("Holder.mode")
    mode = named(api, "Holder.mode")
    assert isinstance(mode, EnumType) and mode.name.words == ("holder", "mode")


def test_union_of_documented_consts_is_an_enum(tmp_path: Path) -> None:
    api = load(
        tmp_path,
        {
            "Size": {
                "oneOf": [
                    {"const": "small", "description": "Fits."},
                    {"const": "large", "description": "Does not."},
                ]
            }
        },
    )
    size = named(api, "Size")
    assert isinstance(size, EnumType)
    assert [(v.value, v.description) for v in size.values] == [
        ("small", "Fits."),
        ("large", "Does not."),
    ]


def test_allof_merges_properties_and_required(tmp_path: Path) -> None:
    api = load(
        tmp_path,
        {
            "Base": {
                "type": "object",
                "required": ["id"],
                "properties": {"id": {"type": "string"}, "note": {"type": "string"}},
            },
            "Child": {
                "allOf": [
                    {"$ref": "#/components/schemas/Base"},
                    {
                        "type": "object",
                        "required": ["extra"],
                        "properties": {"extra": {"type": "integer"}},
                    },
                ],
                "description": "A child.",
            },
            "Wrapped": {"allOf": [{"$ref": "#/components/schemas/Base"}], "description": "W"},
            "Holder": {
                "type": "object",
                "properties": {
                    "base": {"allOf": [{"$ref": "#/components/schemas/Base"}], "nullable": True}
                },
            },
        },
        version="3.0.3",
    )
    child = obj(api, "Child")
    assert [(f.name.wire, f.required) for f in child.fields] == [
        ("id", True),
        ("note", False),
        ("extra", True),
    ]
    assert child.description == "A child."
    wrapped = named(api, "Wrapped")
    assert isinstance(wrapped, AliasType) and wrapped.target == ref("Base")
    assert field(api, "Holder", "base").type == ref("Base", nullable=True)


def test_allof_with_a_union_part_warns_and_merges_what_it_can(tmp_path: Path) -> None:
    document_schemas = {
        "A": {"type": "object", "properties": {"a": {"type": "string"}}},
        "B": {"type": "object", "properties": {"b": {"type": "string"}}},
        "Mixed": {
            "allOf": [
                {"oneOf": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/B"}]},
                {"type": "object", "required": ["c"], "properties": {"c": {"type": "string"}}},
            ]
        },
    }
    path = tmp_path / "openapi.yaml"
    document = {"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": {}}
    document["components"] = {"schemas": document_schemas}
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    diagnostics = Diagnostics()
    api = load_openapi(path, "pkg", diagnostics, cache_dir=None)
    mixed = obj(api, "Mixed")
    assert [(f.name.wire, f.required) for f in mixed.fields] == [
        ("a", False),
        ("b", False),
        ("c", True),
    ]
    assert any(
        "union" in p.message and p.location.pointer == "/components/schemas/Mixed/allOf/0"
        for p in diagnostics.warnings
    )


def test_oneof_with_discriminator_mapping(tmp_path: Path) -> None:
    api = load(
        tmp_path,
        {
            "Cat": {"type": "object", "properties": {"kind": {"type": "string"}}},
            "Dog": {"type": "object", "properties": {"kind": {"type": "string"}}},
            "Pet": {
                "oneOf": [
                    {"$ref": "#/components/schemas/Cat"},
                    {"$ref": "#/components/schemas/Dog"},
                ],
                "discriminator": {
                    "propertyName": "kind",
                    "mapping": {"meow": "#/components/schemas/Cat", "woof": "Dog"},
                },
            },
        },
    )
    pet = named(api, "Pet")
    assert isinstance(pet, UnionType)
    assert pet.variants == (ref("Cat"), ref("Dog"))
    assert pet.discriminator == Discriminator("kind", (("meow", "Cat"), ("woof", "Dog")))


def test_discriminator_without_mapping_uses_consts_else_names(tmp_path: Path) -> None:
    api = load(
        tmp_path,
        {
            "Cat": {
                "type": "object",
                "properties": {"kind": {"type": "string", "enum": ["cat"]}},
            },
            "Dog": {"type": "object", "properties": {"kind": {"type": "string"}}},
            "Pet": {
                "oneOf": [
                    {"$ref": "#/components/schemas/Cat"},
                    {"$ref": "#/components/schemas/Dog"},
                ],
                "discriminator": {"propertyName": "kind"},
            },
        },
    )
    pet = named(api, "Pet")
    assert isinstance(pet, UnionType)
    assert pet.discriminator == Discriminator("kind", (("Dog", "Dog"), ("cat", "Cat")))


def test_discriminator_is_derived_from_required_consts(tmp_path: Path) -> None:
    def event(name: str) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["type", "data"],
            "properties": {"type": {"const": name}, "data": {"type": "string"}},
        }

    api = load(
        tmp_path,
        {
            "Started": event("job.started"),
            "Stopped": event("job.stopped"),
            "Event": {
                "anyOf": [
                    {"$ref": "#/components/schemas/Started"},
                    {"$ref": "#/components/schemas/Stopped"},
                ]
            },
            "Loose": {  # "type" is not required in the second variant: no discriminator
                "oneOf": [
                    {"$ref": "#/components/schemas/Started"},
                    {"type": "object", "properties": {"type": {"const": "other"}}},
                ]
            },
        },
    )
    event_type = named(api, "Event")
    assert isinstance(event_type, UnionType)
    assert event_type.discriminator == Discriminator(
        "type", (("job.started", "Started"), ("job.stopped", "Stopped"))
    )
    loose = named(api, "Loose")
    assert isinstance(loose, UnionType) and loose.discriminator is None
    # the inline variant is named after its constant, not numbered
    assert loose.variants[1] == ref("Loose.other")


def test_nullable_named_union_keeps_null_as_a_variant(tmp_path: Path) -> None:
    api = load(
        tmp_path,
        {"U": {"anyOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]}},
    )
    union = named(api, "U")
    assert isinstance(union, UnionType)
    assert union.variants == (
        prim("string"),
        prim("integer"),
        TypeExpr(kind="const", const=None, nullable=True),
    )


def test_recursive_schema(tmp_path: Path) -> None:
    api = load(
        tmp_path,
        {
            "Node": {
                "type": "object",
                "properties": {
                    "children": {"type": "array", "items": {"$ref": "#/components/schemas/Node"}},
                    "parent": {"$ref": "#/components/schemas/Node"},
                },
            }
        },
    )
    node = obj(api, "Node")
    assert node.fields[0].type == TypeExpr(kind="list", items=ref("Node"))
    assert node.fields[1].type == ref("Node")


def test_component_aliases(tmp_path: Path) -> None:
    api = load(
        tmp_path,
        {
            "Id": {"type": "string", "format": "uuid", "description": "An id."},
            "Ids": {"type": "array", "items": {"$ref": "#/components/schemas/Id"}},
            "Other": {"$ref": "#/components/schemas/Id"},
        },
    )
    ident = named(api, "Id")
    assert isinstance(ident, AliasType) and ident.target == prim("string", "uuid")
    assert ident.description == "An id."
    ids = named(api, "Ids")
    assert isinstance(ids, AliasType) and ids.target == TypeExpr(kind="list", items=ref("Id"))
    other = named(api, "Other")
    assert isinstance(other, AliasType) and other.target == ref("Id")


def test_inline_types_are_hoisted_with_ids_from_their_place(tmp_path: Path) -> None:
    api = load(
        tmp_path,
        {
            "CreateChatCompletionRequest": {
                "type": "object",
                "properties": {
                    "response_format": {
                        "type": "object",
                        "properties": {
                            "schema": {"type": "object", "properties": {"name": {"type": "string"}}}
                        },
                    },
                    "messages": {
                        "type": "array",
                        "items": {"type": "object", "properties": {"role": {"type": "string"}}},
                    },
                    "tool": {
                        "oneOf": [
                            {
                                "type": "object",
                                "properties": {
                                    "type": {"const": "text"},
                                    "text": {"type": "string"},
                                },
                            },
                            {"type": "object", "properties": {"size": {"type": "integer"}}},
                        ]
                    },
                },
            },
            # a component whose key collides with a hoisted id
            "CreateChatCompletionRequest.messages.item": {"type": "string"},
        },
    )
    ids = [t.id for t in api.types]
    assert "CreateChatCompletionRequest.response_format" in ids
    assert "CreateChatCompletionRequest.response_format.schema" in ids
    assert "CreateChatCompletionRequest.tool.text" in ids
    assert "CreateChatCompletionRequest.tool.variant1" in ids
    assert len(ids) == len(set(ids))
    fmt = named(api, "CreateChatCompletionRequest.response_format")
    assert fmt.name.words == ("create", "chat", "completion", "request", "response", "format")
    messages = field(api, "CreateChatCompletionRequest", "messages")
    assert messages.type.kind == "list" and messages.type.items is not None
    hoisted_item = messages.type.items.ref
    # the component keeps its exact key; the hoisted type gets a distinguishing suffix
    assert isinstance(named(api, "CreateChatCompletionRequest.messages.item"), AliasType)
    assert hoisted_item.startswith("CreateChatCompletionRequest.messages.item.")
    hoisted = named(api, hoisted_item)
    assert isinstance(hoisted, ObjectType)
    component = named(api, "CreateChatCompletionRequest.messages.item")
    assert hoisted.name.words != component.name.words
    assert not any(t.id.startswith("Type") for t in api.types)


@pytest.mark.parametrize("keyword", ["oneOf", "anyOf"])
def test_inline_union_expression(tmp_path: Path, keyword: str) -> None:
    api = load(
        tmp_path,
        {
            "H": {
                "type": "object",
                "properties": {"v": {keyword: [{"type": "string"}, {"type": "integer"}]}},
            }
        },
    )
    assert field(api, "H", "v").type == TypeExpr(
        kind="union", variants=(prim("string"), prim("integer"))
    )


def test_constraint_only_unions_are_not_types(tmp_path: Path) -> None:
    api = load(
        tmp_path,
        {
            "Either": {
                "type": "object",
                "properties": {"a": {"type": "string"}, "b": {"type": "string"}},
                "anyOf": [{"required": ["a"]}, {"required": ["b"]}],
            }
        },
    )
    assert [f.name.wire for f in obj(api, "Either").fields] == ["a", "b"]


def test_an_enum_with_repeated_values_never_refers_to_itself(tmp_path: Path) -> None:
    api = load(
        tmp_path,
        {"Holder": {"type": "object", "properties": {"mode": {"type": "string", "enum": ["a", "a"]}}}},
    )
    holder = named(api, "Holder")
    assert isinstance(holder, ObjectType)
    mode = holder.fields[0].type
    assert (mode.kind, mode.const) == ("const", "a")
    for t in api.types:
        assert not (isinstance(t, AliasType) and t.target.kind == "ref" and t.target.ref == t.id), t.id
