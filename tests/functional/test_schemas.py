"""Schemas: unions (with and without discriminator), allOf, nullable, additionalProperties, const,
formats, open enums and recursive types, each parsed from a real server's answer."""

from __future__ import annotations

import base64
import datetime
import importlib
import json
from types import ModuleType
from typing import Any

from tests.support.http_server import LocalServer, Reply

Generate = Any


def _models(api: ModuleType) -> ModuleType:
    return importlib.import_module(f"{api.__name__}.models")


def _echo(request: Any) -> Reply:
    return Reply.json(request.json())


# --- discriminated unions (OpenAPI 3.1, YAML text) -------------------------------------------

UNIONS_31 = """
openapi: 3.1.0
info: {title: Zoo, version: "1"}
paths:
  /owners:
    post:
      operationId: createOwner
      tags: [owners]
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/Owner'}
      responses:
        "200":
          description: the owner as stored
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Owner'}
components:
  schemas:
    Cat:
      type: object
      required: [type, meow]
      properties:
        type: {const: cat}
        meow: {type: string}
    Dog:
      type: object
      required: [type]
      properties:
        type: {const: dog}
        bark_volume: {type: integer}
    Pet:
      oneOf:
        - $ref: '#/components/schemas/Cat'
        - $ref: '#/components/schemas/Dog'
      discriminator: {propertyName: type}
    Circle:
      type: object
      required: [kind, radius]
      properties:
        kind: {const: circle}
        radius: {type: number}
    Square:
      type: object
      required: [kind, side]
      properties:
        kind: {const: square}
        side: {type: number}
    Shape:
      description: no discriminator keyword; `kind` is a shared required constant
      anyOf:
        - $ref: '#/components/schemas/Circle'
        - $ref: '#/components/schemas/Square'
    Owner:
      type: object
      required: [name, pets]
      properties:
        name: {type: string}
        pets: {type: array, items: {$ref: '#/components/schemas/Pet'}}
        favorite: {$ref: '#/components/schemas/Pet'}
        badge: {$ref: '#/components/schemas/Shape'}
"""


async def test_union_round_trip_from_dicts(generate: Generate, server: LocalServer) -> None:
    api = generate(UNIONS_31, "fn_union_dicts")
    server.route("POST", "/owners", _echo)
    pets = [{"type": "cat", "meow": "purr"}, {"type": "dog", "bark_volume": 11}]
    badge = {"kind": "square", "side": 2.5}

    with api.Client(api_key="k", base_url=server.url) as client:
        owner = client.owners.create(name="ann", pets=pets, favorite=pets[1], badge=badge)
    assert server.requests[-1].json() == {
        "name": "ann",
        "pets": pets,
        "favorite": pets[1],
        "badge": badge,
    }
    assert [type(p).__name__ for p in owner.pets] == ["Cat", "Dog"]
    assert isinstance(owner.pets[0], _models(api).Cat) and owner.pets[0].meow == "purr"
    assert isinstance(owner.favorite, _models(api).Dog) and owner.favorite.bark_volume == 11
    assert isinstance(owner.badge, _models(api).Square) and owner.badge.side == 2.5

    async with api.AsyncClient(api_key="k", base_url=server.url) as aclient:
        again = await aclient.owners.create(name="bob", pets=pets[::-1])
    assert [type(p).__name__ for p in again.pets] == ["Dog", "Cat"]
    assert again.favorite is None and again.badge is None


async def test_union_round_trip_from_model_instances(
    generate: Generate, server: LocalServer
) -> None:
    """A variant built as a model (its constant left to the default) must still send the constant."""
    api = generate(UNIONS_31, "fn_union_models")
    server.route("POST", "/owners", _echo)
    m = _models(api)

    with api.Client(api_key="k", base_url=server.url) as client:
        owner = client.owners.create(
            name="ann",
            pets=[m.Cat(meow="purr"), {"type": "dog"}],
            favorite=m.Dog(bark_volume=3),
            badge=m.Circle(radius=1.0),
        )
    sent = server.requests[-1].json()
    assert sent["pets"][0] == {"type": "cat", "meow": "purr"}
    assert sent["favorite"] == {"type": "dog", "bark_volume": 3}
    assert sent["badge"] == {"kind": "circle", "radius": 1.0}
    assert isinstance(owner.pets[0], m.Cat) and isinstance(owner.pets[1], m.Dog)
    assert isinstance(owner.favorite, m.Dog) and isinstance(owner.badge, m.Circle)

    async with api.AsyncClient(api_key="k", base_url=server.url) as aclient:
        owner = await aclient.owners.create(name="ann", pets=[m.Dog(), m.Cat(meow="m")])
    assert [type(p).__name__ for p in owner.pets] == ["Dog", "Cat"]


def test_const_field_defaults_and_parses(generate: Generate, server: LocalServer) -> None:
    api = generate(UNIONS_31, "fn_const")
    cat = _models(api).Cat(meow="m")
    assert cat.type == "cat"
    assert _models(api).Cat.model_validate({"type": "cat", "meow": "x"}).type == "cat"


# --- discriminator with an explicit mapping (OpenAPI 3.0) ------------------------------------

MAPPING_30 = """
openapi: 3.0.3
info: {title: Mapped, version: "1"}
paths:
  /pets/{name}:
    get:
      operationId: getPet
      tags: [pets]
      parameters: [{name: name, in: path, required: true, schema: {type: string}}]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Pet'}
  /vehicles:
    post:
      operationId: echoVehicle
      tags: [vehicles]
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [vehicle]
              properties:
                vehicle: {$ref: '#/components/schemas/Vehicle'}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  vehicle: {$ref: '#/components/schemas/Vehicle'}
components:
  schemas:
    Cat:
      type: object
      required: [pet_type]
      properties:
        pet_type: {type: string}
        lives: {type: integer}
    Dog:
      type: object
      required: [pet_type]
      properties:
        pet_type: {type: string}
        lives: {type: integer}
        good: {type: boolean}
    Pet:
      oneOf:
        - $ref: '#/components/schemas/Cat'
        - $ref: '#/components/schemas/Dog'
      discriminator:
        propertyName: pet_type
        mapping:
          kitty: '#/components/schemas/Cat'
          doggo: '#/components/schemas/Dog'
    Car:
      type: object
      required: [kind]
      properties:
        kind: {type: string, enum: [car]}
        doors: {type: integer}
    Bike:
      type: object
      required: [kind]
      properties:
        kind: {type: string, enum: [bike]}
        gears: {type: integer}
    Vehicle:
      anyOf:
        - $ref: '#/components/schemas/Car'
        - $ref: '#/components/schemas/Bike'
      discriminator:
        propertyName: kind
        mapping: {car: '#/components/schemas/Car', bike: '#/components/schemas/Bike'}
"""


async def test_explicit_mapping_with_single_value_enums(
    generate: Generate, server: LocalServer
) -> None:
    api = generate(MAPPING_30, "fn_mapping_enum")
    server.route("POST", "/vehicles", _echo)
    with api.Client(base_url=server.url) as client:
        out = client.vehicles.echo(vehicle={"kind": "bike", "gears": 21})
    assert isinstance(out.vehicle, _models(api).Bike) and out.vehicle.gears == 21
    async with api.AsyncClient(base_url=server.url) as aclient:
        out = await aclient.vehicles.echo(vehicle={"kind": "car", "doors": 4})
    assert isinstance(out.vehicle, _models(api).Car) and out.vehicle.doors == 4


async def test_explicit_mapping_picks_the_mapped_class(
    generate: Generate, server: LocalServer
) -> None:
    """The mapping decides, even when the payload would also fit the other variant."""
    api = generate(MAPPING_30, "fn_mapping_plain")
    server.route("GET", "/pets/tom", Reply.json({"pet_type": "kitty", "lives": 9}))
    server.route("GET", "/pets/rex", Reply.json({"pet_type": "doggo", "lives": 1}))
    with api.Client(base_url=server.url) as client:
        tom = client.pets.get(name="tom")
        rex = client.pets.get(name="rex")
    assert isinstance(tom, _models(api).Cat) and tom.lives == 9
    assert isinstance(rex, _models(api).Dog), f"pet_type 'doggo' maps to Dog, got {rex!r}"
    async with api.AsyncClient(base_url=server.url) as aclient:
        rex = await aclient.pets.get(name="rex")
    assert isinstance(rex, _models(api).Dog)


# --- allOf, nullable, additionalProperties, formats, enums, recursion (OpenAPI 3.0) ---------

RECORDS_30 = """
openapi: 3.0.3
info: {title: Records, version: "1"}
paths:
  /records/{record_id}:
    get:
      operationId: getRecord
      tags: [records]
      parameters: [{name: record_id, in: path, required: true, schema: {type: string}}]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Record'}
  /records:
    post:
      operationId: putRecord
      tags: [records]
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: '#/components/schemas/RecordInput'}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Record'}
  /tree:
    get:
      operationId: getTree
      tags: [records]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Node'}
components:
  schemas:
    Base:
      type: object
      required: [id]
      properties:
        id: {type: string, format: uuid}
        created_at: {type: string, format: date-time}
    Record:
      allOf:
        - $ref: '#/components/schemas/Base'
        - type: object
          required: [status]
          additionalProperties: true
          properties:
            status: {$ref: '#/components/schemas/Status'}
            day: {type: string, format: date}
            big: {type: integer, format: int64}
            blob: {type: string, format: byte}
            note: {type: string, nullable: true}
            priority: {type: integer, enum: [1, 2, 3]}
            labels:
              type: object
              additionalProperties: {type: string}
    RecordInput:
      type: object
      required: [status]
      properties:
        status: {$ref: '#/components/schemas/Status'}
        note: {type: string, nullable: true}
        day: {type: string, format: date}
        when: {type: string, format: date-time}
    Status:
      type: string
      enum: [active, archived]
    Node:
      type: object
      required: [name]
      properties:
        name: {type: string}
        parent: {$ref: '#/components/schemas/Node'}
        children:
          type: array
          items: {$ref: '#/components/schemas/Node'}
"""

RECORD_ID = "6f1c1c1e-9a55-4c1f-9c1e-7b2f3d4e5a6b"


async def test_allof_formats_extra_keys_and_unknown_enum(
    generate: Generate, server: LocalServer
) -> None:
    api = generate(RECORDS_30, "fn_records")
    payload = {
        "id": RECORD_ID,
        "created_at": "2024-05-06T07:08:09Z",
        "status": "frozen_new_value",
        "day": "2024-02-29",
        "big": 2**62 + 1,
        "blob": base64.b64encode(b"\x00\xffbytes").decode(),
        "note": None,
        "priority": 7,
        "labels": {"env": "prod"},
        "surprise": {"nested": [1, 2]},
    }
    server.route("GET", "/records/r1", Reply.json(payload))

    def check(record: Any) -> None:
        assert isinstance(record, _models(api).Record)
        assert str(record.id) == RECORD_ID
        assert record.created_at == datetime.datetime(2024, 5, 6, 7, 8, 9, tzinfo=datetime.UTC)
        assert record.day == datetime.date(2024, 2, 29)
        assert record.big == 2**62 + 1
        blob = record.blob if isinstance(record.blob, bytes) else base64.b64decode(record.blob)
        assert blob == b"\x00\xffbytes"
        assert record.note is None
        assert record.labels == {"env": "prod"}
        # an enum value the spec does not list is kept, and compares equal to its text
        assert record.status == "frozen_new_value"
        assert str(record.status) == "frozen_new_value"
        assert record.priority == 7
        # keys the spec does not declare are kept
        assert record.model_extra == {"surprise": {"nested": [1, 2]}}

    with api.Client(base_url=server.url) as client:
        check(client.records.get(record_id="r1"))
    async with api.AsyncClient(base_url=server.url) as aclient:
        check(await aclient.records.get(record_id="r1"))

    known = _models(api).Record.model_validate({**payload, "status": "active"})
    assert known.status == _models(api).Status.ACTIVE
    assert known.status is _models(api).Status.ACTIVE


async def test_nullable_and_formats_on_the_wire(generate: Generate, server: LocalServer) -> None:
    api = generate(RECORDS_30, "fn_records_wire")
    server.route("POST", "/records", lambda r: Reply.json({"id": RECORD_ID, **r.json()}))
    when = datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=datetime.UTC)
    with api.Client(base_url=server.url) as client:
        record = client.records.put(
            status=_models(api).Status.ARCHIVED, note=None, day=datetime.date(2024, 1, 2), when=when
        )
    sent = server.requests[-1].json()
    assert sent["status"] == "archived"
    assert sent["note"] is None and "note" in sent
    assert sent["day"] == "2024-01-02"
    assert datetime.datetime.fromisoformat(sent["when"].replace("Z", "+00:00")) == when
    assert record.status == _models(api).Status.ARCHIVED
    assert record.note is None

    async with api.AsyncClient(base_url=server.url) as aclient:
        await aclient.records.put(status="active")
    assert server.requests[-1].json() == {"status": "active"}


async def test_recursive_schema(generate: Generate, server: LocalServer) -> None:
    api = generate(RECORDS_30, "fn_tree")

    def node(name: str, depth: int) -> dict[str, Any]:
        if depth == 0:
            return {"name": name}
        return {"name": name, "children": [node(f"{name}.{i}", depth - 1) for i in range(2)]}

    tree = node("root", 5)
    tree["parent"] = {"name": "above", "parent": {"name": "top"}}
    server.route("GET", "/tree", Reply.json(tree))

    def check(root: Any) -> None:
        Node = _models(api).Node
        assert isinstance(root, Node)
        leaf = root
        path = []
        while leaf.children:
            leaf = leaf.children[-1]
            path.append(leaf.name)
            assert isinstance(leaf, Node)
        assert path == ["root.1", "root.1.1", "root.1.1.1", "root.1.1.1.1", "root.1.1.1.1.1"]
        assert isinstance(root.parent.parent, Node) and root.parent.parent.name == "top"
        assert root.model_dump(exclude_none=True) == tree

    with api.Client(base_url=server.url) as client:
        check(client.records.get_tree())
    async with api.AsyncClient(base_url=server.url) as aclient:
        check(await aclient.records.get_tree())


# --- nullable in OpenAPI 3.1 (type arrays, anyOf with null), spec given as a JSON text --------

NULLABLE_31 = {
    "openapi": "3.1.0",
    "info": {"title": "Nulls", "version": "1"},
    "paths": {
        "/profile": {
            "put": {
                "operationId": "updateProfile",
                "tags": ["profile"],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": "#/components/schemas/Profile"}}
                    },
                },
                "responses": {
                    "200": {
                        "description": "ok",
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Profile"}}
                        },
                    }
                },
            }
        }
    },
    "components": {
        "schemas": {
            "Address": {"type": "object", "properties": {"city": {"type": "string"}}},
            "Profile": {
                "type": "object",
                "required": ["nickname", "address"],
                "properties": {
                    "nickname": {"type": ["string", "null"]},
                    "age": {"type": ["integer", "null"], "format": "int64"},
                    "address": {
                        "anyOf": [{"$ref": "#/components/schemas/Address"}, {"type": "null"}]
                    },
                    "tags": {"type": ["array", "null"], "items": {"type": "string"}},
                    "mode": {"const": "strict"},
                },
            },
        }
    },
}


async def test_nullable_31_type_arrays_and_anyof_null(
    generate: Generate, server: LocalServer
) -> None:
    api = generate(json.dumps(NULLABLE_31, indent=1), "fn_nullable31")
    server.route("PUT", "/profile", _echo)

    with api.Client(base_url=server.url) as client:
        profile = client.profile.update(nickname=None, address=None, tags=None)
    assert server.requests[-1].json() == {"nickname": None, "address": None, "tags": None}
    assert profile.nickname is None and profile.address is None and profile.tags is None

    async with api.AsyncClient(base_url=server.url) as aclient:
        profile = await aclient.profile.update(
            nickname="nick", address={"city": "Oslo"}, age=2**40, mode="strict"
        )
    assert server.requests[-1].json() == {
        "nickname": "nick",
        "address": {"city": "Oslo"},
        "age": 2**40,
        "mode": "strict",
    }
    assert isinstance(profile.address, _models(api).Address) and profile.address.city == "Oslo"
    assert profile.age == 2**40 and profile.mode == "strict"


MIXED_31 = """
openapi: 3.1.0
info: {title: Mixed, version: "1"}
paths:
  /embed:
    post:
      operationId: embed
      tags: [embeddings]
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [input, model]
              properties:
                input:
                  oneOf:
                    - {type: string}
                    - {type: array, items: {type: string}}
                    - {type: array, items: {type: array, items: {type: integer}}}
                model:
                  anyOf:
                    - {type: string}
                    - {type: string, enum: [small, large]}
                stop:
                  oneOf: [{type: string}, {type: array, items: {type: string}}, {type: "null"}]
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/EmbedResult'}
components:
  schemas:
    Vector:
      type: object
      required: [values]
      properties:
        values: {type: array, items: {type: number}}
    EmbedResult:
      type: object
      required: [by_name, matrix, value]
      properties:
        by_name:
          type: object
          additionalProperties: {$ref: '#/components/schemas/Vector'}
        matrix:
          type: array
          items: {type: array, items: {type: number}}
        value:
          oneOf: [{type: string}, {type: integer}, {$ref: '#/components/schemas/Vector'}]
        anything: {}
"""


async def test_primitive_unions_maps_of_models_and_any(
    generate: Generate, server: LocalServer
) -> None:
    api = generate(MIXED_31, "fn_mixed")
    answers = iter(
        [
            {
                "by_name": {"a": {"values": [1.0, 2.5]}},
                "matrix": [[1, 2], [3]],
                "value": 7,
                "anything": [1, "x"],
            },
            {"by_name": {}, "matrix": [], "value": {"values": [0.5]}, "anything": {"k": None}},
            {"by_name": {}, "matrix": [], "value": "text"},
        ]
    )
    server.route("POST", "/embed", lambda _r: Reply.json(next(answers)))
    with api.Client(base_url=server.url) as client:
        first = client.embeddings.embed(input="one", model="large", stop=None)
        second = client.embeddings.embed(input=["a", "b"], model="custom-model", stop=["\n"])
    async with api.AsyncClient(base_url=server.url) as aclient:
        third = await aclient.embeddings.embed(input=[[1, 2], [3]], model="small")
    sent = [r.json() for r in server.requests]
    assert sent == [
        {"input": "one", "model": "large", "stop": None},
        {"input": ["a", "b"], "model": "custom-model", "stop": ["\n"]},
        {"input": [[1, 2], [3]], "model": "small"},
    ]
    Vector = _models(api).Vector
    assert isinstance(first.by_name["a"], Vector) and first.by_name["a"].values == [1.0, 2.5]
    assert first.matrix == [[1, 2], [3]] and first.value == 7 and first.anything == [1, "x"]
    assert isinstance(second.value, Vector) and second.anything == {"k": None}
    assert third.value == "text" and third.anything is None
