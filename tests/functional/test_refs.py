"""`$ref` to other files (YAML and JSON, relative refs inside them, recursion across files), and the
refs that make generation impossible (missing, circular): a located message and no output."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import pytest

from generator.cli import main
from tests.support.http_server import LocalServer, Reply

Generate = Any

ROOT = """
openapi: 3.0.3
info: {title: Refs, version: "1"}
paths:
  /orders/{order_id}:
    parameters:
      - $ref: 'shared/params.yaml#/OrderId'
    get:
      operationId: getOrder
      tags: [orders]
      parameters:
        - $ref: 'shared/params.yaml#/Expand'
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Order'}
        "404":
          $ref: 'shared/responses.json#/NotFound'
components:
  schemas:
    Order:
      type: object
      required: [id, total]
      properties:
        id: {type: string}
        total: {$ref: 'shared/money.json#/Money'}
        shipping: {$ref: 'shared/schemas.yaml#/components/schemas/Address'}
        category: {$ref: 'shared/schemas.yaml#/components/schemas/Category'}
        customer: {$ref: 'shared/customer.yaml'}
"""

SCHEMAS = """
components:
  schemas:
    Address:
      type: object
      required: [city]
      properties:
        city: {type: string}
        country: {$ref: '#/components/schemas/Country'}
    Country:
      type: string
      enum: [NO, SE]
    Category:
      type: object
      properties:
        name: {type: string}
        parent: {$ref: '#/components/schemas/Category'}
        price_floor: {$ref: 'money.json#/Money'}
"""

MONEY = json.dumps(
    {
        "Money": {
            "type": "object",
            "required": ["amount", "currency"],
            "properties": {
                "amount": {"type": "integer", "format": "int64"},
                "currency": {"type": "string"},
            },
        }
    }
)

CUSTOMER = """
title: Customer (a whole file that is one schema)
type: object
properties:
  email: {type: string}
  address: {$ref: 'schemas.yaml#/components/schemas/Address'}
"""

PARAMS = """
OrderId: {name: order_id, in: path, required: true, schema: {type: string}}
Expand: {name: expand, in: query, schema: {type: boolean}}
"""

RESPONSES = json.dumps(
    {
        "NotFound": {
            "description": "not found",
            "content": {"application/json": {"schema": {"$ref": "#/Problem"}}},
        },
        "Problem": {"type": "object", "properties": {"message": {"type": "string"}}},
    }
)

FILES = {
    "shared/schemas.yaml": SCHEMAS,
    "shared/money.json": MONEY,
    "shared/customer.yaml": CUSTOMER,
    "shared/params.yaml": PARAMS,
    "shared/responses.json": RESPONSES,
}

ORDER = {
    "id": "o1",
    "total": {"amount": 2**53 + 1, "currency": "NOK"},
    "shipping": {"city": "Oslo", "country": "NO"},
    "category": {"name": "leaf", "parent": {"name": "mid", "parent": {"name": "root"}}},
    "customer": {"email": "a@b.c", "address": {"city": "Lund", "country": "SE"}},
}


def _write(base: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = base / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


@pytest.fixture
def shared_files(tmp_path: Path) -> None:
    # the `generate` fixture writes `files=` flat into its spec folder; nested ones are made here
    _write(tmp_path / "specs", FILES)


async def test_external_refs(generate: Generate, server: LocalServer, shared_files: None) -> None:
    api = generate(ROOT, "fn_ext_refs")
    server.route("GET", "/orders/o1", Reply.json(ORDER))
    server.route("GET", "/orders/gone", Reply.json({"message": "no such order"}, status=404))
    models = importlib.import_module("fn_ext_refs.models")

    def check(order: Any) -> None:
        assert isinstance(order, models.Order)
        assert order.total.amount == 2**53 + 1 and order.total.currency == "NOK"
        assert order.shipping.city == "Oslo" and order.shipping.country == "NO"
        assert order.category.parent.parent.name == "root"
        assert type(order.category.parent).__name__ == "Category"
        assert order.customer.address.city == "Lund"
        assert type(order.shipping) is type(order.customer.address)

    with api.Client(base_url=server.url, max_retries=0) as client:
        check(client.orders.get(order_id="o1", expand=True))
        with pytest.raises(api.NotFoundError) as caught:
            client.orders.get(order_id="gone")
        # the error model declared in another file (`responses.json#/Problem`)
        assert type(caught.value.body).__name__ == "Problem"
        assert caught.value.body.model_dump() == {"message": "no such order"}
    assert server.requests[0].query == {"expand": ["true"]}
    async with api.AsyncClient(base_url=server.url) as aclient:
        check(await aclient.orders.get(order_id="o1"))


@pytest.fixture(autouse=True)
def _cache_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The generator's cache folder is relative to the working directory: keep it out of the repo."""
    monkeypatch.chdir(tmp_path)


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def _tree(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@pytest.mark.parametrize(
    ("files", "needle"),
    [
        pytest.param(
            {"api.yaml": ROOT.replace("shared/money.json#/Money", "shared/missing.json#/Money")},
            "missing.json",
            id="missing-file",
        ),
        pytest.param(
            {"api.yaml": ROOT.replace("shared/money.json#/Money", "shared/money.json#/Nope")},
            "Nope",
            id="missing-pointer",
        ),
        pytest.param(
            {
                "api.yaml": ROOT.replace(
                    "total: {$ref: 'shared/money.json#/Money'}",
                    "total: {$ref: '#/components/schemas/Loop1'}",
                )
                + "    Loop1: {$ref: '#/components/schemas/Loop2'}\n"
                + "    Loop2: {$ref: 'shared/loop.yaml#/Loop3'}\n",
                "shared/loop.yaml": "Loop3: {$ref: '../api.yaml#/components/schemas/Loop1'}\n",
            },
            "Loop",
            id="circular",
        ),
    ],
)
def test_impossible_refs_fail_cleanly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], files: dict[str, str], needle: str
) -> None:
    specs = tmp_path / "specs"
    _write(specs, {**FILES, **files})
    out = tmp_path / "out"
    (out / "python").mkdir(parents=True)
    (out / "python" / "keep.txt").write_text("already here")
    before = _tree(out)
    args = [
        "generate",
        "--openapi",
        str(specs / "api.yaml"),
        "--package",
        "fn_bad_refs",
        "--out",
        str(out),
    ]
    code, text = _run([*args, "--no-cache"], capsys)
    assert code == 1
    assert "Traceback" not in text
    assert needle in text
    assert "api.yaml" in text or "loop.yaml" in text or "money.json" in text
    assert _tree(out) == before


SHAPES_ROOT = """
openapi: 3.1.0
info: {title: Shapes, version: "1"}
paths:
  /shapes:
    post:
      operationId: echoShape
      tags: [shapes]
      requestBody:
        required: true
        content:
          application/json:
            schema: {$ref: 'shapes.yaml#/Shape'}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema:
                type: array
                items: {$ref: 'shapes.yaml#/Shape'}
"""

SHAPES = """
Shape:
  oneOf: [{$ref: '#/Circle'}, {$ref: '#/Square'}]
  discriminator:
    propertyName: kind
    mapping: {round: '#/Circle', boxy: '#/Square'}
Circle:
  type: object
  required: [kind, radius]
  properties: {kind: {const: round}, radius: {type: number}}
Square:
  type: object
  required: [kind, side]
  properties: {kind: {const: boxy}, side: {type: number}}
"""


async def test_external_union_with_mapping_in_other_file(
    generate: Generate, server: LocalServer
) -> None:
    api = generate(SHAPES_ROOT, "fn_ext_shapes", files={"shapes.yaml": SHAPES})
    server.route(
        "POST", "/shapes", lambda r: Reply.json([r.json(), {"kind": "round", "radius": 2}])
    )
    with api.Client(base_url=server.url) as client:
        shapes = client.shapes.echo(body={"kind": "boxy", "side": 3})
    assert [type(s).__name__ for s in shapes] == ["Square", "Circle"]
    assert shapes[0].side == 3 and shapes[1].radius == 2
