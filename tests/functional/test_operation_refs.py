"""Operations given as `$ref` (`get: {$ref: ops/get_item.yaml}`, as a large public cloud provider's
description writes them) are resolved like path items, with the references inside them followed
from the file they live in: parameters, request bodies, responses and (seen in the wild, though
OpenAPI has no `$ref` there) media type objects."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from tests.support.http_server import LocalServer, Reply, Request

ROOT = """
openapi: 3.0.3
info: {title: Refs, version: "1"}
paths:
  /items/{item_id}:
    get: {$ref: 'ops/get_item.yaml'}
    put: {$ref: 'ops/put_item.yaml#/operation'}
  /ping:
    $ref: 'ops/ping.yaml'
components:
  parameters:
    ItemId: {name: item_id, in: path, required: true, schema: {type: string}}
  schemas:
    Item:
      type: object
      required: [id, name]
      properties:
        id: {type: string}
        name: {type: string}
"""

GET_ITEM = """
operationId: getItem
tags: [items]
parameters:
  - $ref: '../api.yaml#/components/parameters/ItemId'
  - {name: verbose, in: query, schema: {type: boolean}}
responses:
  "200":
    $ref: 'responses.yaml#/ItemResponse'
"""

PUT_ITEM = """
operation:
  operationId: putItem
  tags: [items]
  parameters:
    - $ref: '../api.yaml#/components/parameters/ItemId'
  requestBody:
    $ref: 'bodies.yaml#/ItemBody'
  responses:
    "200":
      $ref: 'responses.yaml#/ItemResponse'
"""

RESPONSES = """
ItemResponse:
  description: the item
  content:
    application/json:
      $ref: '#/ItemMedia'
ItemMedia:
  schema: {$ref: '../api.yaml#/components/schemas/Item'}
"""

BODIES = """
ItemBody:
  required: true
  content:
    application/json:
      schema:
        type: object
        required: [name]
        properties:
          name: {type: string}
"""

PING = """
get:
  $ref: 'pong.yaml'
"""

PONG = """
operationId: ping
tags: [health]
responses:
  "200":
    description: pong
    content:
      application/json:
        schema: {type: object, properties: {ok: {type: boolean}}}
"""


@pytest.fixture
def package(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Any:
    specs = tmp_path / "specs"
    (specs / "ops").mkdir(parents=True)
    (specs / "api.yaml").write_text(ROOT)
    for name, text in {
        "get_item.yaml": GET_ITEM, "put_item.yaml": PUT_ITEM, "responses.yaml": RESPONSES,
        "bodies.yaml": BODIES, "ping.yaml": PING, "pong.yaml": PONG,
    }.items():
        (specs / "ops" / name).write_text(text)
    out = tmp_path / "out"
    code = main(["generate", "--openapi", str(specs / "api.yaml"), "--package", "fn_op_refs", "--out", str(out), "--no-cache"])
    messages = capsys.readouterr().err
    assert code == 0, messages
    for line in messages.splitlines():
        if ": warning:" in line:  # OpenAPI has no `$ref` on operations: a validator may say so
            assert line.split(": warning:")[0].endswith(("/get", "/put")), messages
    sys.path.insert(0, str(out / "python" / "fn_op_refs"))
    try:
        yield importlib.import_module("fn_op_refs")
    finally:
        sys.path.remove(str(out / "python" / "fn_op_refs"))
        for name in [m for m in sys.modules if m.split(".")[0] == "fn_op_refs"]:
            del sys.modules[name]


def _item(request: Request) -> Reply:
    name = request.json()["name"] if request.body else "stored"
    return Reply.json({"id": request.path.rsplit("/", 1)[-1], "name": name})


async def test_operations_given_as_refs(package: Any, server: LocalServer) -> None:
    server.route("GET", "/items/i1", _item)
    server.route("PUT", "/items/i1", _item)
    server.route("GET", "/ping", Reply.json({"ok": True}))
    with package.Client(api_key="k", base_url=server.url) as client:
        item = client.items.get_item(item_id="i1", verbose=True)
        assert (item.id, item.name) == ("i1", "stored")
        assert server.requests[-1].query == {"verbose": ["true"]}
        assert client.items.put_item(item_id="i1", name="new").name == "new"
        assert server.requests[-1].json() == {"name": "new"}
        assert client.health.ping().ok is True
    async with package.AsyncClient(api_key="k", base_url=server.url) as aclient:
        assert (await aclient.items.get_item(item_id="i1")).id == "i1"
