"""Pairs of small OpenAPI documents: every change kind, with its exact classification.

`NewPet` only travels in requests, `Pet` and `PetEvent` only in responses, `Address` both ways;
so the same edit is breaking on one type and compatible on another where direction matters.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.diff.pairs import Entry, Spec, entries, openapi_changes


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def json_content(schema: dict[str, Any]) -> dict[str, Any]:
    return {"application/json": {"schema": schema}}


PET_ID = {"name": "pet_id", "in": "path", "required": True, "schema": {"type": "string"}}

BASE: Spec = {
    "openapi": "3.1.0",
    "info": {"title": "Pets", "version": "1"},
    "paths": {
        "/pets": {
            "get": {
                "operationId": "listPets",
                "tags": ["pets"],
                "parameters": [
                    {"name": "limit", "in": "query", "schema": {"type": "integer", "default": 20}},
                    {
                        "name": "species",
                        "in": "query",
                        "required": True,
                        "schema": {"type": "string"},
                    },
                ],
                "responses": {
                    "200": {"description": "ok", "content": json_content(ref("PetList"))}
                },
            },
            "post": {
                "operationId": "createPet",
                "tags": ["pets"],
                "requestBody": {"required": True, "content": json_content(ref("NewPet"))},
                "responses": {"201": {"description": "made", "content": json_content(ref("Pet"))}},
            },
        },
        "/pets/{pet_id}": {
            "get": {
                "operationId": "getPet",
                "tags": ["pets"],
                "parameters": [PET_ID],
                "responses": {"200": {"description": "ok", "content": json_content(ref("Pet"))}},
            },
            "delete": {
                "operationId": "deletePet",
                "tags": ["pets"],
                "parameters": [PET_ID],
                "responses": {"204": {"description": "gone"}},
            },
        },
        "/pets/{pet_id}/events": {
            "get": {
                "operationId": "listPetEvents",
                "tags": ["events"],
                "parameters": [PET_ID],
                "responses": {
                    "200": {"description": "ok", "content": json_content(ref("PetEvent"))}
                },
            },
        },
    },
    "components": {
        "schemas": {
            "Species": {"type": "string", "enum": ["cat", "dog", "fish"]},
            "Address": {
                "type": "object",
                "required": ["city"],
                "properties": {
                    "city": {"type": "string"},
                    "zip": {"type": "integer"},
                    "checked": {"type": "number", "readOnly": True},
                    "stamp": {"$ref": "#/components/schemas/Stamp", "readOnly": True},
                },
            },
            "Stamp": {"type": "object", "properties": {"at": {"type": "number"}}},
            "NewPet": {
                "type": "object",
                "required": ["name"],
                "properties": {
                    "name": {"type": "string"},
                    "species": ref("Species"),
                    "age": {"type": "integer", "default": 1},
                    "note": {"type": "string"},
                    "home": ref("Address"),
                },
            },
            "Pet": {
                "type": "object",
                "required": ["id", "name"],
                "properties": {
                    "id": {"type": "string"},
                    "name": {"type": "string"},
                    "species": ref("Species"),
                    "age": {"type": "integer"},
                    "home": ref("Address"),
                    "created": {"type": "number", "readOnly": True},
                },
            },
            "PetList": {
                "type": "object",
                "properties": {"data": {"type": "array", "items": ref("Pet")}},
            },
            "Born": {"type": "object", "properties": {"when": {"type": "string"}}},
            "Fed": {"type": "object", "properties": {"food": {"type": "string"}}},
            "Groomed": {"type": "object", "properties": {"style": {"type": "string"}}},
            "Walked": {"type": "object", "properties": {"km": {"type": "number"}}},
            "PetEvent": {"oneOf": [ref("Born"), ref("Fed"), ref("Groomed")]},
            "Unused": {"type": "object", "properties": {"x": {"type": "string"}}},
        }
    },
}


def op(spec: Spec, path: str, method: str) -> dict[str, Any]:
    found: dict[str, Any] = spec["paths"][path][method]
    return found


def schema(spec: Spec, name: str) -> dict[str, Any]:
    found: dict[str, Any] = spec["components"]["schemas"][name]
    return found


def prop(spec: Spec, name: str, field: str) -> dict[str, Any]:
    found: dict[str, Any] = schema(spec, name)["properties"][field]
    return found


def add_operation(spec: Spec) -> None:
    spec["paths"]["/toys"] = {
        "get": {
            "operationId": "listToys",
            "tags": ["toys"],
            "responses": {"200": {"description": "ok", "content": json_content(ref("Pet"))}},
        }
    }


def add_operation_with_inline_type(spec: Spec) -> None:
    toy = {"type": "object", "properties": {"color": {"type": "string", "enum": ["red", "blue"]}}}
    spec["paths"]["/toys"] = {
        "get": {
            "operationId": "listToys",
            "tags": ["toys"],
            "responses": {"200": {"description": "ok", "content": json_content(toy)}},
        }
    }


def set_prop(name: str, field: str, value: dict[str, Any]) -> Callable[[Spec], None]:
    def edit(spec: Spec) -> None:
        schema(spec, name)["properties"][field] = value

    return edit


def set_required(name: str, fields: list[str]) -> Callable[[Spec], None]:
    def edit(spec: Spec) -> None:
        schema(spec, name)["required"] = fields

    return edit


def add_param(method: str, path: str, param: dict[str, Any]) -> Callable[[Spec], None]:
    def edit(spec: Spec) -> None:
        op(spec, path, method).setdefault("parameters", []).append(param)

    return edit


def together(*edits: Callable[[Spec], None]) -> Callable[[Spec], None]:
    def edit(spec: Spec) -> None:
        for one in edits:
            one(spec)

    return edit


def move_path(spec: Spec) -> None:
    spec["paths"]["/animals/{pet_id}"] = {"delete": spec["paths"]["/pets/{pet_id}"].pop("delete")}


def change_verb(spec: Spec) -> None:
    spec["paths"]["/pets/{pet_id}"]["post"] = spec["paths"]["/pets/{pet_id}"].pop("delete")


OPS = "/operations"
TYPES = "/types"

CASES: dict[str, tuple[Callable[[Spec], None], list[Entry]]] = {
    # operations
    "operation added": (add_operation, [("operation_added", f"{OPS}/listToys", "minor")]),
    "operation removed": (
        lambda s: s["paths"]["/pets/{pet_id}"].pop("delete"),
        [("operation_removed", f"{OPS}/deletePet", "major")],
    ),
    "operation moved to another resource": (
        lambda s: op(s, "/pets/{pet_id}", "delete").update(tags=["animals"]),
        [("operation_renamed", f"{OPS}/deletePet", "major")],
    ),
    "path changed": (move_path, [("http_changed", f"{OPS}/deletePet/http", "major")]),
    "verb changed": (change_verb, [("http_changed", f"{OPS}/deletePet/http", "major")]),
    # parameters
    "optional parameter added": (
        add_param("get", "/pets", {"name": "offset", "in": "query", "schema": {"type": "integer"}}),
        [("parameter_added", f"{OPS}/listPets/parameters/query/offset", "minor")],
    ),
    "required parameter added": (
        add_param(
            "get",
            "/pets",
            {"name": "X-Tenant", "in": "header", "required": True, "schema": {"type": "string"}},
        ),
        [("parameter_added", f"{OPS}/listPets/parameters/header/X-Tenant", "major")],
    ),
    "parameter removed": (
        lambda s: op(s, "/pets", "get")["parameters"].pop(0),
        [("parameter_removed", f"{OPS}/listPets/parameters/query/limit", "major")],
    ),
    "parameter became required": (
        lambda s: op(s, "/pets", "get")["parameters"][0].update(required=True),
        [("parameter_required_changed", f"{OPS}/listPets/parameters/query/limit", "major")],
    ),
    "parameter became optional": (
        lambda s: op(s, "/pets", "get")["parameters"][1].pop("required"),
        [("parameter_required_changed", f"{OPS}/listPets/parameters/query/species", "patch")],
    ),
    "parameter type widened": (
        lambda s: op(s, "/pets", "get")["parameters"][0].update(
            schema={"type": "number", "default": 20}
        ),
        [("parameter_type_changed", f"{OPS}/listPets/parameters/query/limit", "patch")],
    ),
    "parameter type changed": (
        lambda s: op(s, "/pets", "get")["parameters"][1].update(schema={"type": "integer"}),
        [("parameter_type_changed", f"{OPS}/listPets/parameters/query/species", "major")],
    ),
    "parameter default changed": (
        lambda s: op(s, "/pets", "get")["parameters"][0].update(
            schema={"type": "integer", "default": 50}
        ),
        [("parameter_default_changed", f"{OPS}/listPets/parameters/query/limit", "minor")],
    ),
    # request bodies and responses
    "request body type changed": (
        lambda s: op(s, "/pets", "post")["requestBody"].update(content=json_content(ref("Pet"))),
        [("request_body_type_changed", f"{OPS}/createPet/request_body/application~1json", "major")],
    ),
    "request body became optional": (
        lambda s: op(s, "/pets", "post")["requestBody"].update(required=False),
        [
            (
                "request_body_required_changed",
                f"{OPS}/createPet/request_body/application~1json",
                "patch",
            )
        ],
    ),
    "request body removed": (
        lambda s: op(s, "/pets", "post").pop("requestBody"),
        [("request_body_removed", f"{OPS}/createPet/request_body/application~1json", "major")],
    ),
    "optional request body added": (
        lambda s: op(s, "/pets/{pet_id}", "delete").update(
            requestBody={"content": json_content(ref("NewPet"))}
        ),
        [("request_body_added", f"{OPS}/deletePet/request_body/application~1json", "minor")],
    ),
    "another media type for a required request body": (
        lambda s: op(s, "/pets", "post")["requestBody"]["content"].update(
            {"application/x-www-form-urlencoded": {"schema": ref("NewPet")}}
        ),
        [
            (
                "request_body_added",
                f"{OPS}/createPet/request_body/application~1x-www-form-urlencoded",
                "minor",
            )
        ],
    ),
    "required request body added": (
        lambda s: op(s, "/pets/{pet_id}", "delete").update(
            requestBody={"required": True, "content": json_content(ref("NewPet"))}
        ),
        [("request_body_added", f"{OPS}/deletePet/request_body/application~1json", "major")],
    ),
    "response type changed": (
        lambda s: op(s, "/pets/{pet_id}", "get")["responses"]["200"].update(
            content=json_content(ref("PetList"))
        ),
        [("response_type_changed", f"{OPS}/getPet/responses/200/application~1json", "major")],
    ),
    "error response added": (
        lambda s: op(s, "/pets/{pet_id}", "get")["responses"].update(
            {"404": {"description": "no such pet"}}
        ),
        [("response_added", f"{OPS}/getPet/responses/404", "minor")],
    ),
    "success response removed": (
        lambda s: op(s, "/pets", "post").update(responses={"204": {"description": "made"}}),
        [
            ("response_removed", f"{OPS}/createPet/responses/201/application~1json", "major"),
            ("response_added", f"{OPS}/createPet/responses/204", "minor"),
        ],
    ),
    # fields, by direction
    "optional field added to a request type": (
        set_prop("NewPet", "color", {"type": "string"}),
        [("field_added", f"{TYPES}/NewPet/fields/color", "minor")],
    ),
    "required field added to a request type": (
        together(
            set_prop("NewPet", "color", {"type": "string"}),
            set_required("NewPet", ["name", "color"]),
        ),
        [("field_added", f"{TYPES}/NewPet/fields/color", "major")],
    ),
    "required field added to a response type": (
        together(
            set_prop("Pet", "color", {"type": "string"}),
            set_required("Pet", ["id", "name", "color"]),
        ),
        [("field_added", f"{TYPES}/Pet/fields/color", "minor")],
    ),
    "field removed": (
        lambda s: schema(s, "Pet")["properties"].pop("age"),
        [("field_removed", f"{TYPES}/Pet/fields/age", "major")],
    ),
    "field type changed": (
        set_prop("Pet", "age", {"type": "string"}),
        [("field_type_changed", f"{TYPES}/Pet/fields/age", "major")],
    ),
    "request field type widened": (
        set_prop("NewPet", "age", {"type": "number", "default": 1}),
        [("field_type_changed", f"{TYPES}/NewPet/fields/age", "patch")],
    ),
    "response field type widened": (
        set_prop("Pet", "age", {"type": "number"}),
        [("field_type_changed", f"{TYPES}/Pet/fields/age", "major")],
    ),
    "response field type narrowed": (
        set_prop("Pet", "created", {"type": "integer", "readOnly": True}),
        [("field_type_changed", f"{TYPES}/Pet/fields/created", "patch")],
    ),
    "read-only field of a type used both ways narrowed": (
        set_prop("Address", "checked", {"type": "integer", "readOnly": True}),
        [("field_type_changed", f"{TYPES}/Address/fields/checked", "patch")],
    ),
    "field of a type only a read-only field reaches narrowed": (
        set_prop("Stamp", "at", {"type": "integer"}),
        [("field_type_changed", f"{TYPES}/Stamp/fields/at", "patch")],
    ),
    "field of a type used both ways narrowed": (
        set_prop("Address", "zip", {"type": "integer", "format": "int32"}),
        [("field_type_changed", f"{TYPES}/Address/fields/zip", "major")],
    ),
    "request field became required": (
        set_required("NewPet", ["name", "note"]),
        [("field_required_changed", f"{TYPES}/NewPet/fields/note", "major")],
    ),
    "request field became optional": (
        set_required("NewPet", []),
        [("field_required_changed", f"{TYPES}/NewPet/fields/name", "patch")],
    ),
    "response field became required": (
        set_required("Pet", ["id", "name", "age"]),
        [("field_required_changed", f"{TYPES}/Pet/fields/age", "patch")],
    ),
    "response field became optional": (
        set_required("Pet", ["id"]),
        [("field_required_changed", f"{TYPES}/Pet/fields/name", "major")],
    ),
    "response field became nullable": (
        set_prop("Pet", "age", {"type": ["integer", "null"]}),
        [("field_nullable_changed", f"{TYPES}/Pet/fields/age", "major")],
    ),
    "request field became nullable": (
        set_prop("NewPet", "note", {"type": ["string", "null"]}),
        [("field_nullable_changed", f"{TYPES}/NewPet/fields/note", "patch")],
    ),
    "field default changed": (
        set_prop("NewPet", "age", {"type": "integer", "default": 2}),
        [("field_default_changed", f"{TYPES}/NewPet/fields/age", "minor")],
    ),
    # enums, unions, types
    "enum value added": (
        lambda s: schema(s, "Species")["enum"].append("bird"),
        [("enum_value_added", f"{TYPES}/Species/values/bird", "minor")],
    ),
    "enum value removed": (
        lambda s: schema(s, "Species")["enum"].remove("dog"),
        [("enum_value_removed", f"{TYPES}/Species/values/dog", "major")],
    ),
    "union alternative added": (
        lambda s: schema(s, "PetEvent")["oneOf"].append(ref("Walked")),
        [("union_variant_added", f"{TYPES}/PetEvent/variants/Walked", "minor")],
    ),
    "response union alternative removed": (
        lambda s: schema(s, "PetEvent")["oneOf"].pop(),
        [("union_variant_removed", f"{TYPES}/PetEvent/variants/Groomed", "patch")],
    ),
    "type added": (
        lambda s: s["components"]["schemas"].update(Extra={"type": "object"}),
        [("type_added", f"{TYPES}/Extra", "minor")],
    ),
    "type removed": (
        lambda s: s["components"]["schemas"].pop("Unused"),
        [("type_removed", f"{TYPES}/Unused", "major")],
    ),
    "type kind changed": (
        lambda s: s["components"]["schemas"].update(Species={"type": "string"}),
        [("type_changed", f"{TYPES}/Species", "major")],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_change_kind_and_classification(case: str, tmp_path: Path) -> None:
    edit, expected = CASES[case]
    assert entries(openapi_changes(tmp_path, BASE, edit)) == expected


def test_no_change_no_entries(tmp_path: Path) -> None:
    assert openapi_changes(tmp_path, BASE, lambda s: None) == []


def test_types_of_an_added_operation_are_named_in_its_entry(tmp_path: Path) -> None:
    changes = openapi_changes(tmp_path, BASE, add_operation_with_inline_type)
    assert entries(changes) == [("operation_added", f"{OPS}/listToys", "minor")]
    assert changes[0].group == "toys"
    assert changes[0].message == (
        "operation `listToys` (`GET /toys`) added, "
        "with new types `listToys.response`, `listToys.response.color`"
    )


def test_types_of_a_removed_operation_are_folded_into_its_entry(tmp_path: Path) -> None:
    def edit(spec: Spec) -> None:
        spec["paths"]["/pets/{pet_id}/events"].pop("get")
        for name in ("PetEvent", "Born", "Fed", "Groomed"):
            spec["components"]["schemas"].pop(name)

    changes = openapi_changes(tmp_path, BASE, edit)
    assert entries(changes) == [("operation_removed", f"{OPS}/listPetEvents", "major")]
    assert changes[0].message == (
        "operation `listPetEvents` (`GET /pets/{pet_id}/events`) removed, "
        "with its types `Born`, `Fed`, `Groomed`, `PetEvent`"
    )


def test_a_type_still_used_elsewhere_is_reported_on_its_own(tmp_path: Path) -> None:
    def edit(spec: Spec) -> None:
        spec["paths"]["/pets/{pet_id}"].pop("delete")
        spec["paths"]["/pets"].pop("post")
        spec["components"]["schemas"].pop("NewPet")

    changes = openapi_changes(tmp_path, BASE, edit)
    assert entries(changes) == [
        ("operation_removed", f"{OPS}/createPet", "major"),
        ("operation_removed", f"{OPS}/deletePet", "major"),
    ]
    assert changes[0].message.endswith("removed, with its types `NewPet`")


def test_messages_name_the_change(tmp_path: Path) -> None:
    changes = openapi_changes(tmp_path, BASE, set_prop("Pet", "age", {"type": "string"}))
    assert [c.message for c in changes] == [
        "field `Pet.age` changed type from `integer` to `string` (in responses)"
    ]
    changes = openapi_changes(tmp_path / "2", BASE, set_required("NewPet", ["name", "note"]))
    assert [c.message for c in changes] == ["field `NewPet.note` is now required (in requests)"]
