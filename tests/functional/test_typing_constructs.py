"""Constructs of real specs that once broke `mypy --strict` or the import of a module: an optional
binary request body, types that refer to themselves through `additionalProperties`, `items` or a
pair of unions, and a package without any named type. Each package is generated, every module is
imported, `mypy --strict` passes, and calls work against a real server."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.support.http_server import LocalServer, Reply, Request

Generate = Any

RECURSIVE = """
openapi: 3.1.0
info: {title: Constructs, version: "1"}
paths:
  /blobs:
    put:
      operationId: putBlob
      tags: [blobs]
      requestBody:
        required: false
        content:
          application/octet-stream:
            schema: {type: string, format: binary}
      responses:
        "200":
          description: what the server holds
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Holder'}
components:
  schemas:
    Tree:
      type: object
      additionalProperties: {$ref: '#/components/schemas/Tree'}
    Forest:
      type: array
      items: {$ref: '#/components/schemas/Forest'}
    Json:
      oneOf:
        - type: string
        - type: array
          items: {$ref: '#/components/schemas/Json'}
        - type: object
          additionalProperties: {$ref: '#/components/schemas/Json'}
    Ping:
      anyOf:
        - {$ref: '#/components/schemas/Pong'}
        - type: string
    Pong:
      anyOf:
        - {$ref: '#/components/schemas/Ping'}
        - type: integer
    Holder:
      type: object
      properties:
        size: {type: integer}
        tree: {$ref: '#/components/schemas/Tree'}
        forest: {$ref: '#/components/schemas/Forest'}
        json: {$ref: '#/components/schemas/Json'}
        ping: {$ref: '#/components/schemas/Ping'}
"""

NO_TYPES = """
openapi: 3.1.0
info: {title: Empty, version: "1"}
paths:
  /health:
    get:
      operationId: health
      tags: [health]
      responses:
        "204": {description: fine}
"""

HELD = {
    "tree": {"a": {"b": {}}},
    "forest": [[], [[]]],
    "json": ["x", {"y": ["z"]}],
    "ping": 3,
}


def _import_all(api: ModuleType) -> list[str]:
    names = [m.name for m in pkgutil.walk_packages(api.__path__, api.__name__ + ".")]
    for name in names:
        importlib.import_module(name)
    return names


def _mypy_strict(api: ModuleType) -> None:
    root = Path(api.__path__[0]).parent
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", "--cache-dir", "/dev/null", api.__name__],
        cwd=root, capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:]


def _held(request: Request) -> Reply:
    return Reply.json({**HELD, "size": len(request.body)})


async def test_recursive_types_and_optional_binary_body(generate: Generate, server: LocalServer) -> None:
    api = generate(RECURSIVE, "fn_recursive")
    assert "fn_recursive.models.tree" in _import_all(api)
    _mypy_strict(api)
    server.route("PUT", "/blobs", _held)
    with api.Client(api_key="k", base_url=server.url) as client:
        held = client.blobs.put_blob()
        assert held.size == 0 and server.requests[-1].body == b""
        assert client.blobs.put_blob(content=b"abc").size == 3
    assert held.model_dump(by_alias=True, exclude_none=True, exclude={"size"}) == HELD
    async with api.AsyncClient(api_key="k", base_url=server.url) as aclient:
        assert (await aclient.blobs.put_blob()).size == 0


def test_package_without_types(generate: Generate) -> None:
    api = generate(NO_TYPES, "fn_no_types")
    assert "fn_no_types.models" in _import_all(api)
    _mypy_strict(api)
