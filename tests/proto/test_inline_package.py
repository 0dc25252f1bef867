"""A package generated from an inline proto: odd names, every streaming kind, no operations."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from concurrent import futures
from pathlib import Path
from types import ModuleType
from typing import Any

import grpc
import pytest

from tests.proto.conftest import inline_package

PROTO = """
syntax = "proto3";
package echo.v2;

// Echoes what it gets.
service EchoService {
  // One in, one out.
  rpc Say(Shout) returns (Shout);
  rpc Collect(stream Shout) returns (Shout);
  rpc Repeat(Shout) returns (stream Shout);
  rpc Chat(stream Shout) returns (stream Shout);
}

message Shout {
  string from = 1;          // a Python keyword
  string metadata = 2;      // clashes with the per-call argument
  int32 times = 3;
  repeated string words = 4;
  map<int64, string> by_id = 5;
}
"""

PACKAGE = "echo_client"


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    with inline_package(tmp_path_factory, PACKAGE, "echo/v2/echo.proto", PROTO, {"grpc_endpoints": {"echo": "localhost:1"}}) as package:
        yield package


@pytest.fixture(scope="module")
def port(package: ModuleType) -> Iterator[int]:
    pb = importlib.import_module(f"{PACKAGE}._pb.echo.v2.echo_pb2")
    pb_grpc = importlib.import_module(f"{PACKAGE}._pb.echo.v2.echo_pb2_grpc")

    class Echo(pb_grpc.EchoServiceServicer):  # type: ignore[misc]
        def Say(self, request: Any, context: Any) -> Any:
            return pb.Shout(**{"from": getattr(request, "from")}, metadata=request.metadata, times=request.times)

        def Collect(self, requests: Any, context: Any) -> Any:
            return pb.Shout(words=[getattr(r, "from") for r in requests])

        def Repeat(self, request: Any, context: Any) -> Iterator[Any]:
            for i in range(request.times):
                yield pb.Shout(times=i)

        def Chat(self, requests: Any, context: Any) -> Iterator[Any]:
            for r in requests:
                yield pb.Shout(words=[w.upper() for w in r.words])

    server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))
    pb_grpc.add_EchoServiceServicer_to_server(Echo(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    yield port
    server.stop(None)


def test_keyword_and_clashing_field_names(package: ModuleType, port: int) -> None:
    with package.Client(endpoint=f"127.0.0.1:{port}", insecure=True) as client:
        echo = client.echo.echo
        reply = echo.say(from_="me", metadata_="m", times=2, by_id={7: "seven"})
    assert getattr(reply, "from") == "me" and reply.metadata == "m" and reply.times == 2


def test_every_streaming_kind_sync(package: ModuleType, port: int) -> None:
    Shout = package.echo.Shout
    with package.Client(endpoint=f"127.0.0.1:{port}", insecure=True) as client:
        echo = client.echo.echo
        assert list(echo.collect(iter([Shout(**{"from": "a"}), Shout(**{"from": "b"})])).words) == ["a", "b"]
        assert [s.times for s in echo.repeat(times=3)] == [0, 1, 2]
        chat = echo.chat([Shout(words=["x"]), Shout(words=["y", "z"])])
        assert [list(s.words) for s in chat] == [["X"], ["Y", "Z"]]


async def test_every_streaming_kind_async(package: ModuleType, port: int) -> None:
    Shout = package.echo.Shout

    async def shouts() -> Any:
        for word in ("p", "q"):
            yield Shout(words=[word])

    async with package.AsyncClient(endpoint=f"127.0.0.1:{port}", insecure=True) as client:
        echo = client.echo.echo
        assert (await echo.say(times=5)).times == 5
        assert [s.times async for s in echo.repeat(times=2)] == [0, 1]
        assert [list(s.words) async for s in echo.chat(shouts())] == [["P"], ["Q"]]
        assert list((await echo.collect([Shout(**{"from": "c"})])).words) == ["c"]


def test_no_rest_mapping_and_no_operations(package: ModuleType) -> None:
    with package.Client(transport="rest", endpoint="http://127.0.0.1:1") as client:
        with pytest.raises(package.RestUnavailableError):
            client.echo.echo.say(times=1)
        with pytest.raises(package.RestUnavailableError):
            client.echo.echo.collect([])
    assert not hasattr(package._client, "_poller")


def test_unknown_endpoint_is_a_clear_error(package: ModuleType) -> None:
    with package.Client(endpoints={"echo": ""}) as client, pytest.raises(ValueError, match="no gRPC endpoint"):
        client.echo.echo.say(times=1)


def test_generated_files_have_no_machine_paths(tmp_path: Path, package: ModuleType) -> None:
    folder = Path(package.__file__).parent
    for path in folder.rglob("*.py"):
        assert str(tmp_path.parent) not in path.read_text()
