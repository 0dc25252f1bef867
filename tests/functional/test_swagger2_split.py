"""A Swagger 2.0 description split over several files: definitions, shared parameters and responses
in files of their own are converted as 2.0 (not read as 3.x), the client is called against a real
local server and passes `mypy --strict`, problems point into the 2.0 file that has them, and a
`$ref` that leaves the spec's folder is refused like any other."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from urllib.parse import parse_qs

import pytest

from generator.cli import main
from tests.support.http_server import LocalServer, Reply, Request
from tests.support.imports import imported
from tests.support.typecheck import assert_mypy_strict

ROOT = """\
swagger: "2.0"
info: {title: Split store, version: "1.2.0"}
host: store.example.invalid
basePath: /v1
schemes: [https]
consumes: [application/json]
produces: [application/json]
securityDefinitions:
  key: {type: apiKey, in: header, name: X-Api-Key}
security: [{key: []}]
paths:
  /orders:
    get:
      operationId: listOrders
      tags: [orders]
      parameters:
        - $ref: 'parameters.yaml#/Limit'
        - $ref: 'parameters.yaml#/Statuses'
        - $ref: 'parameters.yaml#/Skus'
      responses:
        "200":
          description: the orders
          schema: {type: array, items: {$ref: 'definitions.yaml#/definitions/Order'}}
        "404": {$ref: 'definitions.yaml#/responses/NotFound'}
    post:
      operationId: createOrder
      tags: [orders]
      parameters:
        - $ref: 'parameters.yaml#/OrderBody'
        - $ref: 'parameters.yaml#/RequestId'
      responses:
        "201": {description: created, schema: {$ref: 'definitions.yaml#/definitions/Order'}}
  /orders/{orderId}:
    patch:
      operationId: patchOrder
      tags: [orders]
      consumes: [application/merge-patch+json]
      parameters:
        - $ref: 'parameters.yaml#/OrderId'
        - $ref: 'parameters.yaml#/OrderBody'
      responses:
        "200": {description: patched, schema: {$ref: 'definitions.yaml#/definitions/Order'}}
  /orders/{orderId}/notes:
    post:
      operationId: addOrderNote
      tags: [orders]
      consumes: [application/x-www-form-urlencoded]
      parameters:
        - $ref: 'parameters.yaml#/OrderId'
        - $ref: 'parameters.yaml#/NoteText'
        - {name: pinned, in: formData, type: boolean}
      responses:
        "200": {description: the note, schema: {$ref: 'definitions.yaml#/definitions/Note'}}
"""

DEFINITIONS = """\
definitions:
  Order:
    type: object
    required: [id, item]
    properties:
      id: {type: integer, format: int64}
      item: {type: string}
      status: {$ref: '#/definitions/Status'}
      note: {type: string, x-nullable: true}
      lines: {type: array, items: {$ref: '#/definitions/Line'}}
  Status: {type: string, enum: [open, shipped]}
  Line:
    type: object
    properties:
      sku: {type: string}
      quantity: {type: integer, minimum: 1}
  Note:
    type: object
    required: [text]
    properties:
      text: {type: string}
      pinned: {type: boolean}
  Error:
    type: object
    properties:
      message: {type: string}
responses:
  NotFound:
    description: no such order
    schema: {$ref: '#/definitions/Error'}
"""

PARAMETERS = """\
Limit: {name: limit, in: query, type: integer, minimum: 1, maximum: 100}
Statuses:
  name: status
  in: query
  type: array
  items: {type: string, enum: [open, shipped]}
  collectionFormat: pipes
Skus: {name: sku, in: query, type: array, items: {type: string}, collectionFormat: multi}
OrderBody:
  name: order
  in: body
  required: true
  schema: {$ref: 'definitions.yaml#/definitions/Order'}
RequestId: {name: X-Request-Id, in: header, type: string}
OrderId: {name: orderId, in: path, required: true, type: integer}
NoteText: {name: text, in: formData, required: true, type: string}
"""

ORDER = {"id": 7, "item": "tea", "status": "open", "note": None, "lines": [{"sku": "t-1", "quantity": 2}]}


def write_split(folder: Path, root: str = ROOT, definitions: str = DEFINITIONS, parameters: str = PARAMETERS) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "definitions.yaml").write_text(definitions)
    (folder / "parameters.yaml").write_text(parameters)
    (folder / "api.yaml").write_text(root)
    return folder / "api.yaml"


def generate(spec: Path, out: Path, package: str, *extra: str) -> int:
    return main(["generate", "--openapi", str(spec), "--package", package, "--out", str(out), "--no-cache", *extra])


@pytest.fixture(scope="module")
def split_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ModuleType, Path]]:
    folder = tmp_path_factory.mktemp("split2")
    assert generate(write_split(folder / "specs"), folder / "out", "split_store", "-q") == 0
    root = folder / "out" / "python" / "split_store"
    with imported(root, "split_store") as split_store:
        yield split_store, root


def _echo_order(request: Request) -> Reply:
    return Reply.json({**ORDER, **request.json()}, 201)


def test_split_swagger2_client_against_a_local_server(split_store: tuple[ModuleType, Path]) -> None:
    api, _ = split_store
    with LocalServer() as server:
        server.route("GET", "/v1/orders", Reply.json([ORDER]))
        server.route("POST", "/v1/orders", _echo_order)
        server.route("POST", "/v1/orders/7/notes", Reply.json({"text": "fragile", "pinned": True}))
        client = api.Client(api_key="k-1", base_url=server.url + "/v1")

        orders = client.orders.list(limit=5, status=["open", "shipped"], sku=["a", "b"])
        assert orders[0].note is None and orders[0].lines[0].quantity == 2  # x-nullable from the other file
        listed = server.requests[-1]
        assert listed.headers["x-api-key"] == "k-1"
        assert listed.query == {"limit": ["5"], "status": ["open|shipped"], "sku": ["a", "b"]}  # pipes, multi

        created = client.orders.create(id=8, item="cup", status="shipped", x_request_id="r-9")
        sent = server.requests[-1]
        assert sent.headers["content-type"] == "application/json"  # a body parameter from parameters.yaml
        assert sent.headers["x-request-id"] == "r-9"
        assert sent.json() == {"id": 8, "item": "cup", "status": "shipped"}
        assert (created.id, created.status) == (8, "shipped")

        server.route("PATCH", "/v1/orders/7", _echo_order)
        patched = client.orders.patch(7, id=7, item="mug")  # the same body, its own consumes
        assert server.requests[-1].json() == {"id": 7, "item": "mug"}
        assert server.requests[-1].headers["content-type"] == "application/merge-patch+json"
        assert type(patched) is type(created) and patched.item == "mug"  # Order, as created

        note = client.orders.add_note(7, text="fragile", pinned=True)  # formData from parameters.yaml
        form = server.requests[-1]
        assert form.headers["content-type"] == "application/x-www-form-urlencoded"
        assert parse_qs(form.body.decode()) == {"text": ["fragile"], "pinned": ["true"]}
        assert note.text == "fragile"

        server.route("GET", "/v1/orders", Reply.json({"message": "gone"}, 404))
        with pytest.raises(api.NotFoundError) as caught:  # the shared response of definitions.yaml
            client.orders.list()
        assert caught.value.status_code == 404


def test_split_swagger2_client_passes_mypy_strict(split_store: tuple[ModuleType, Path]) -> None:
    _, root = split_store
    assert_mypy_strict(root, "split_store")


def test_problems_point_into_the_file_that_has_them(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    definitions = DEFINITIONS.replace("item: {type: string}", "item: {type: string, minLength: many}")
    spec = write_split(tmp_path / "specs", definitions=definitions)
    assert generate(spec, tmp_path / "out", "located") == 0
    err = capfd.readouterr().err
    assert f"{spec.with_name('definitions.yaml').as_posix()}#/definitions/Order/properties/item/minLength: warning:" in err

    parameters = PARAMETERS.replace("definitions.yaml#/definitions/Order'", "definitions.yaml#/definitions/Missing'")
    spec = write_split(tmp_path / "broken", parameters=parameters)
    assert generate(spec, tmp_path / "out2", "broken") == 1
    err = capfd.readouterr().err
    assert f"{spec.with_name('parameters.yaml').as_posix()}#/OrderBody/schema/$ref: error:" in err, err
    assert "components" not in err and "requestBod" not in err


SECRET = "SPLIT-SECRET-5d1e"


@pytest.mark.parametrize("where", ["root", "parameters"])
def test_a_ref_out_of_the_folder_is_refused(tmp_path: Path, capfd: pytest.CaptureFixture[str], where: str) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text(f"Secret: {{name: {SECRET}, in: query, type: string}}\n")
    escaping = "../outside/secret.yaml#/Secret"
    if where == "root":
        spec = write_split(tmp_path / "specs", root=ROOT.replace("parameters.yaml#/Limit", escaping))
        shown = "api.yaml#/paths/~1orders/get/parameters/0/$ref"
    else:
        parameters = PARAMETERS.replace("schema: {$ref: 'definitions.yaml#/definitions/Order'}", f"schema: {{$ref: '{escaping}'}}")
        spec = write_split(tmp_path / "specs", parameters=parameters)
        shown = "parameters.yaml#/OrderBody/schema/$ref"
    out = tmp_path / "out"
    assert generate(spec, out, "escaped") == 1
    err = capfd.readouterr().err
    assert shown in err and "refused" in err, err
    assert SECRET not in err and "Traceback" not in err
    assert not out.exists()
