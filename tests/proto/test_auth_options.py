"""`options.auth` of a proto package: what a client sends, over gRPC and REST, per scheme.

One inline proto (with a google.api.http binding) is generated once per scheme; each client calls a
real gRPC server and a real HTTP server on 127.0.0.1 that record what arrived.
"""

from __future__ import annotations

import importlib
import inspect
import sys
from collections.abc import Iterator
from concurrent import futures
from pathlib import Path
from types import ModuleType
from typing import Any

import grpc
import pytest

from generator.diagnostics import Diagnostics
from generator.proto import load_proto
from generator.render.python.grpc.package import render_proto_package
from tests.proto.conftest import write_files
from tests.support.http_server import LocalServer, Reply

PROTO = """
syntax = "proto3";
package greet.v1;

import "google/api/annotations.proto";

service Greeter {
  rpc Hello(HelloRequest) returns (HelloReply) {
    option (google.api.http) = {post: "/v1/hello" body: "*"};
  }
}

message HelloRequest { string name = 1; }
message HelloReply { string text = 1; }
"""

SCHEMES: dict[str, dict[str, Any]] = {
    "plain": {},
    "bearer": {"auth": {"scheme": "bearer", "env": "GREET_TOKEN"}},
    "apikey": {"auth": {"scheme": "api_key", "header": "X-Api-Key", "env": "GREET_KEY"}},
    "custom": {
        "auth": {
            "scheme": "api_key",
            "header": "X-Key",
            "metadata_key": "key-bin-less",
            "prefix": "Key",
            "metadata": {"x-tenant-id": "GREET_TENANT"},
        }
    },
}
SECRET_HEADERS = ("authorization", "x-api-key", "x-key", "key-bin-less", "x-folder-id", "x-tenant-id")


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, ModuleType]]:
    root = tmp_path_factory.mktemp("greet-protos")
    (root / "greet" / "v1").mkdir(parents=True)
    (root / "greet" / "v1" / "greet.proto").write_text(PROTO)
    out = tmp_path_factory.mktemp("greet-out")
    loaded: dict[str, ModuleType] = {}
    folders = []
    for scheme, options in SCHEMES.items():
        name = f"greet_{scheme}"
        api, artifacts = load_proto(root, [], name, Diagnostics())
        write_files(render_proto_package(api, artifacts, name, {"grpc_endpoints": {"greet": "x:1"}, **options}), out)
        folders.append(str(out / "python" / name))
        sys.path.insert(0, folders[-1])
        loaded[scheme] = importlib.import_module(name)
    try:
        yield loaded
    finally:
        for folder in folders:
            sys.path.remove(folder)


@pytest.fixture(scope="module")
def grpc_port(packages: dict[str, ModuleType]) -> Iterator[tuple[int, list[dict[str, str]]]]:
    pb = importlib.import_module("greet_plain._pb.greet.v1.greet_pb2")
    pb_grpc = importlib.import_module("greet_plain._pb.greet.v1.greet_pb2_grpc")
    seen: list[dict[str, str]] = []

    class Greeter(pb_grpc.GreeterServicer):  # type: ignore[misc]
        def Hello(self, request: Any, context: Any) -> Any:
            seen.append(dict(context.invocation_metadata()))
            return pb.HelloReply(text=f"hi {request.name}")

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    pb_grpc.add_GreeterServicer_to_server(Greeter(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    yield port, seen
    server.stop(None)


@pytest.fixture(scope="module")
def http_server() -> Iterator[LocalServer]:
    with LocalServer() as server:
        server.route("POST", "/v1/hello", lambda r: Reply.json({"text": f"hi {r.json()['name']}"}))
        yield server


def _grpc_call(package: ModuleType, port: int, seen: list[dict[str, str]], **kwargs: Any) -> dict[str, str]:
    with package.Client(endpoint=f"127.0.0.1:{port}", insecure=True, **kwargs) as client:
        assert client.greet.greeter.hello(name="a").text == "hi a"
    return seen[-1]


def _rest_call(package: ModuleType, server: LocalServer, **kwargs: Any) -> dict[str, str]:
    with package.Client(transport="rest", endpoint=server.url, **kwargs) as client:
        assert client.greet.greeter.hello(name="b").text == "hi b"
    return server.requests[-1].headers


def test_no_options_sends_no_credentials_and_takes_none(
    packages: dict[str, ModuleType], grpc_port: tuple[int, list[dict[str, str]]], http_server: LocalServer
) -> None:
    package = packages["plain"]
    parameters = inspect.signature(package.Client).parameters
    for name in ("api_key", "iam_token", "token", "token_provider", "folder_id"):
        assert name not in parameters
    sent = {**_grpc_call(package, *grpc_port), **_rest_call(package, http_server)}
    assert not set(sent) & set(SECRET_HEADERS)
    client_source = (Path(package.__file__).parent / "_client.py").read_text()
    for yandex in ("Api-Key", "x-folder-id", "IAM", "iam_token", "folder"):
        assert yandex not in client_source
    assert repr(package.Client()) == "Client(auth=none, transport='grpc')"


def test_bearer_token_and_provider(
    packages: dict[str, ModuleType],
    grpc_port: tuple[int, list[dict[str, str]]],
    http_server: LocalServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    package = packages["bearer"]
    assert _grpc_call(package, *grpc_port, token="t1")["authorization"] == "Bearer t1"
    assert _rest_call(package, http_server, token="t2")["authorization"] == "Bearer t2"
    assert _rest_call(package, http_server, token_provider=lambda: "t3")["authorization"] == "Bearer t3"
    monkeypatch.setenv("GREET_TOKEN", "from-env")
    assert _grpc_call(package, *grpc_port)["authorization"] == "Bearer from-env"
    with pytest.raises(ValueError, match="pass one of token, token_provider"):
        package.Client(token="a", token_provider=lambda: "b")
    assert "from-env" not in repr(package.Client())


def test_api_key_in_a_named_header(
    packages: dict[str, ModuleType],
    grpc_port: tuple[int, list[dict[str, str]]],
    http_server: LocalServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    package = packages["apikey"]
    assert "token_provider" not in inspect.signature(package.Client).parameters
    assert _grpc_call(package, *grpc_port, api_key="k1")["x-api-key"] == "k1"
    headers = _rest_call(package, http_server, api_key="k2")
    assert headers["x-api-key"] == "k2" and "authorization" not in headers
    monkeypatch.setenv("GREET_KEY", "k3")
    assert _rest_call(package, http_server)["x-api-key"] == "k3"


def test_metadata_key_prefix_and_custom_metadata(
    packages: dict[str, ModuleType],
    grpc_port: tuple[int, list[dict[str, str]]],
    http_server: LocalServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    package = packages["custom"]
    sent = _grpc_call(package, *grpc_port, api_key="k", tenant_id="t-1")
    assert sent["key-bin-less"] == "Key k" and sent["x-tenant-id"] == "t-1" and "x-key" not in sent
    monkeypatch.setenv("GREET_TENANT", "t-env")
    headers = _rest_call(package, http_server, api_key="k")
    assert headers["x-key"] == "Key k" and headers["x-tenant-id"] == "t-env"


def test_no_empty_args_entries(packages: dict[str, ModuleType]) -> None:
    """The inline proto has no comments: its methods document no argument rather than empty ones."""
    import re

    for path in Path(packages["plain"].__file__).parent.rglob("*.py"):
        if "_pb" not in path.parts:
            text = path.read_text()
            empty = [m for m in re.findall(r"^\s+([a-z_0-9]+):\n", text, re.M) if m not in ("else", "try", "finally")]
            assert not empty, (path, empty)
