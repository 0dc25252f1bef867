"""The README of a package generated with no options: its sync and async quickstarts run as
written against a real local server, once pointed at it as the README says (`base_url=` for a
REST package, `endpoint=` for a proto package), and make the request the README names."""

from __future__ import annotations

import importlib
import sys
import tomllib
from collections.abc import Iterator
from concurrent import futures
from pathlib import Path
from typing import Any

import grpc
import pytest

from generator.cli import main
from tests.support.http_server import LocalServer, Reply
from tests.support.readme import quickstart_blocks, run, vendored_requirements, with_keyword

OPENAPI = """\
openapi: 3.0.3
info:
  title: Pet shop <script>alert(1)</script>
  version: 1.0.0
  description: |
    Pets and their **owners**.

    ```python
    import os  # an unclosed fence in the spec's prose
servers: [{url: "https://pets.example.invalid/v1"}]
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Api-Key}
  schemas:
    Pet: {type: object, required: [id], properties: {id: {type: string}, name: {type: string}}}
security: [{key: []}]
paths:
  /pets:
    post:
      operationId: createPet
      tags: [pets]
      requestBody: {required: true, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
      responses: {"200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}}
  /pets/{petId}:
    get:
      operationId: getPet
      tags: [pets]
      parameters:
        - {name: petId, in: path, required: true, schema: {type: string}}
        - {name: expand, in: query, required: true, schema: {type: boolean}}
      responses: {"200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}}
"""

PROTO = """\
syntax = "proto3";
package shop.v1;

// Items of the shop.
service ItemService {
  rpc Watch(GetItemRequest) returns (stream Item);
  rpc Get(GetItemRequest) returns (Item);
  rpc List(ListItemsRequest) returns (ListItemsResponse);
}
message GetItemRequest { string item_id = 1; }
message ListItemsRequest { int64 page_size = 1; string page_token = 2; }
message ListItemsResponse { repeated Item items = 1; string next_page_token = 2; }
message Item { string id = 1; string name = 2; }
"""


@pytest.fixture
def generated(tmp_path: Path) -> Iterator[Path]:
    """The output root; packages imported from it are forgotten afterwards."""
    out = tmp_path / "out"
    yield out
    for name in [m for m in sys.modules if m.split(".")[0] in ("pets", "shop")]:
        del sys.modules[name]
    sys.path[:] = [p for p in sys.path if not p.startswith(str(tmp_path))]


def _generate(out: Path, package: str, *source: str) -> str:
    """Generate, make the package importable; its README, whose Vendor section must list the
    pyproject's dependency ranges exactly."""
    assert main(["generate", *source, "--package", package, "--out", str(out), "-q", "--no-cache"]) == 0
    root = out / "python" / package
    sys.path.insert(0, str(root))
    readme = (root / "README.md").read_text()
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    assert vendored_requirements(readme) == project["dependencies"]
    assert f"pip install ./generated/python/{package}\n" in readme
    return readme


def test_rest_quickstart_runs_as_written(tmp_path: Path, generated: Path) -> None:
    spec = tmp_path / "pets.yaml"
    spec.write_text(OPENAPI)
    readme = _generate(generated, "pets", "--openapi", str(spec))
    assert readme.startswith("# Pet shop &lt;script&gt;alert(1)&lt;/script&gt;\n")  # no raw HTML
    assert "\n\\`\\`\\`python\n" in readme  # the prose's fence stays text: the page after it is intact
    assert "`client.pets.get` sends `GET /pets/{petId}`" in readme
    blocks = quickstart_blocks(readme)
    assert len(blocks) == 2, "a sync and an async quickstart"
    with LocalServer() as server:
        server.route("GET", "/v1/pets/...", Reply.json({"id": "p-1", "name": "Rex"}))
        for index, code in enumerate(blocks):
            printed = run(with_keyword(code, "base_url", repr(server.url + "/v1")), f"quickstart {index}")
            assert "Rex" in printed
            request = server.requests[-1]
            assert (request.method, request.path, request.query) == ("GET", "/v1/pets/...", {"expand": ["true"]})
            assert request.headers["x-api-key"] == "..."  # the declared API key header
        assert len(server.requests) == 2


def test_proto_quickstart_runs_as_written(tmp_path: Path, generated: Path) -> None:
    protos = tmp_path / "protos"
    (protos / "shop" / "v1").mkdir(parents=True)
    (protos / "shop" / "v1" / "shop.proto").write_text(PROTO)
    readme = _generate(generated, "shop", "--proto-root", str(protos))
    assert "No credentials are configured" in readme and "x-folder-id" not in readme.lower()
    assert "`client.shop.item.list` calls `/shop.v1.ItemService/List` over gRPC" in readme
    blocks = quickstart_blocks(readme)
    assert len(blocks) == 2, "a sync and an async quickstart"
    calls: list[str] = []
    pb = importlib.import_module("shop._pb.shop.v1.shop_pb2")
    pb_grpc = importlib.import_module("shop._pb.shop.v1.shop_pb2_grpc")

    class Items(pb_grpc.ItemServiceServicer):  # type: ignore[misc]
        def List(self, request: Any, context: Any) -> Any:
            calls.append(f"List page_size={request.page_size}")
            return pb.ListItemsResponse(items=[pb.Item(id="i-1", name="teapot")])

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    pb_grpc.add_ItemServiceServicer_to_server(Items(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    try:
        for index, code in enumerate(blocks):
            printed = run(with_keyword(code, "endpoint", repr(f"127.0.0.1:{port}")), f"quickstart {index}")
            assert "teapot" in printed
            assert calls[-1] == "List page_size=1"
        assert len(calls) == 2
    finally:
        server.stop(None)
