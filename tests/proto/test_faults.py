"""Proto clients (gRPC and REST) against servers that misbehave: secrets echoed back, broken
bodies, over-long waits. One scripted backend serves both transports (see `servers.py`)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from types import ModuleType

import grpc
import pytest

from tests.proto.servers import Backend, Failure
from tests.proto.test_retries import backend, endpoints, fresh, make, transport
from tests.runtime.scripted_server import Reply, ScriptedServer
from tests.support.timing import SLACK

__all__ = ["backend", "endpoints", "fresh", "transport"]  # fixtures shared with test_retries

SECRET = "AQVN-echoed-api-key-55555"


@pytest.mark.parametrize("asynchronous", [False, True])
async def test_status_echoing_the_key_keeps_it_out_of_the_error(
    client_package: ModuleType,
    endpoints: dict[str, str],
    backend: Backend,
    transport: str,
    asynchronous: bool,
) -> None:
    echoed = f"bad credentials in authorization: Api-Key {SECRET}"
    backend.fail("GetFile", Failure(grpc.StatusCode.UNAUTHENTICATED, echoed))
    client = make(
        client_package, endpoints[transport], transport, asynchronous=asynchronous, api_key=SECRET
    )
    with pytest.raises(client_package.AuthenticationError) as raised:
        if asynchronous:
            async with client:
                await client.files.file.get(file_id="f-1")
        else:
            with client:
                client.files.file.get(file_id="f-1")
    assert backend.calls_of("GetFile")[-1]["authorization"] == f"Api-Key {SECRET}"
    error = raised.value
    for text in (str(error), repr(error), error.message, repr(error.body)):
        assert SECRET not in text, text
    assert "<redacted>" in error.message


def test_folder_id_is_not_a_secret(
    client_package: ModuleType, endpoints: dict[str, str], backend: Backend, transport: str
) -> None:
    """Only keys and tokens are redacted: the folder a call ran in stays readable in errors."""
    backend.fail("GetFile", Failure(grpc.StatusCode.UNAUTHENTICATED, "no access to folder b1g-folder-7"))
    client = make(client_package, endpoints[transport], transport, api_key=SECRET, folder_id="b1g-folder-7")
    with client, pytest.raises(client_package.APIError) as raised:
        client.files.file.get(file_id="f-1")
    assert "b1g-folder-7" in raised.value.message


def test_reply_over_the_size_limit_is_not_a_rate_limit(
    client_package: ModuleType, endpoints: dict[str, str], backend: Backend
) -> None:
    too_large = "Received message larger than max (70000000 vs. 67108864)"
    backend.fail("GetFile", Failure(grpc.StatusCode.RESOURCE_EXHAUSTED, too_large))
    client = make(client_package, endpoints["grpc"], "grpc")
    with client, pytest.raises(client_package.APIStatusError) as raised:
        client.files.file.get(file_id="f-1")
    assert not isinstance(raised.value, client_package.RateLimitError)
    assert raised.value.status_code == 413
    assert len(backend.calls_of("GetFile")) == 1  # not retried


def test_retry_after_past_the_deadline_gives_up_at_once(
    client_package: ModuleType, endpoints: dict[str, str], backend: Backend, transport: str
) -> None:
    backend.fail(
        "GetFile",
        Failure(grpc.StatusCode.RESOURCE_EXHAUSTED, "quota", trailing={"retry-after": "100000"}),
    )
    with make(client_package, endpoints[transport], transport) as client:
        started = time.monotonic()
        with pytest.raises(client_package.RateLimitError):
            client.files.file.get(file_id="f-1", timeout=60)
    assert time.monotonic() - started < SLACK  # waiting up to the deadline: 60 s
    assert len(backend.calls_of("GetFile")) == 1


# --- proto-REST against a server that sends broken bodies ----------------------------------


@pytest.fixture
def scripted() -> Iterator[ScriptedServer]:
    server = ScriptedServer()
    server.start()
    yield server
    server.stop()


@pytest.mark.parametrize(
    "body",
    [b"", b"{not json", b'{"id": "f-', b"[" * 100_000 + b"]" * 100_000, b'{"id": 5}x'],
    ids=["empty", "invalid", "truncated", "deep", "trailing"],
)
def test_broken_json_is_our_error(
    client_package: ModuleType, scripted: ScriptedServer, body: bytes
) -> None:
    scripted.reply(
        "GET", "/files/v1/files/f-1", Reply(body=body, headers={"Content-Type": "application/json"})
    )
    client = make(client_package, scripted.url, "rest")
    with client, pytest.raises(client_package.APIResponseValidationError):
        client.files.file.get(file_id="f-1")


@pytest.mark.parametrize("asynchronous", [False, True])
async def test_bad_ndjson_line_is_our_error(
    client_package: ModuleType, scripted: ScriptedServer, asynchronous: bool
) -> None:
    good = b'{"result": {"alternatives": [], "modelVersion": "1"}}\n'
    scripted.reply(
        "POST", "/foundationModels/v1/completion", Reply(chunks=[good, b'{"result": {"alter\n'])
    )
    messages = [client_package.foundation_models.Message(role="user", text="hi")]
    client = make(client_package, scripted.url, "rest", asynchronous=asynchronous)
    seen = []
    with pytest.raises(client_package.APIResponseValidationError):
        if asynchronous:
            async with client:
                async for part in client.foundation_models.text_generation.completion(
                    messages=messages
                ):
                    seen.append(part)
        else:
            with client:
                seen.extend(client.foundation_models.text_generation.completion(messages=messages))
    assert len(seen) == 1


@pytest.mark.parametrize("asynchronous", [False, True])
async def test_dripping_body_ends_at_the_deadline(
    client_package: ModuleType, scripted: ScriptedServer, asynchronous: bool
) -> None:
    drip = Reply(
        chunks=[b"{"] + [b" "] * 60 + [b"}"],  # 24 s in all, every read quick
        chunk_delay=0.4,
        headers={"Content-Type": "application/json"},
    )
    scripted.reply("GET", "/files/v1/files/f-1", drip)
    client = make(client_package, scripted.url, "rest", asynchronous=asynchronous)
    started = time.monotonic()
    with pytest.raises(client_package.APITimeoutError):
        if asynchronous:
            async with client:
                await client.files.file.get(file_id="f-1", timeout=2)
        else:
            with client:
                client.files.file.get(file_id="f-1", timeout=2)
    assert time.monotonic() - started < 2 + SLACK


# --- proto-REST: an Any of a type the package does not contain ------------------------------


@pytest.mark.parametrize("asynchronous", [False, True])
async def test_operation_with_an_any_of_unknown_type_is_kept(
    client_package: ModuleType, scripted: ScriptedServer, asynchronous: bool
) -> None:
    """Over gRPC such an Any arrives as bytes and is kept; over REST json_format refused the whole
    operation. Now the operation parses, the Any keeps its type URL and its JSON fields."""
    from google.protobuf import struct_pb2

    unknown = "type.googleapis.com/vendor.future.v9.Progress"
    scripted.reply(
        "GET",
        "/operations/op-1",
        Reply(body={
            "id": "op-1",
            "done": True,
            "metadata": {"@type": unknown, "percent": 40, "stage": "tuning"},
            "response": {"@type": unknown, "nested": {"items": [1, "two"]}},
        }),
    )
    client = make(client_package, scripted.url, "rest", asynchronous=asynchronous)
    if asynchronous:
        async with client:
            operation = await client.operation.operation.get(operation_id="op-1")
    else:
        with client:
            operation = client.operation.operation.get(operation_id="op-1")
    assert (operation.id, operation.done) == ("op-1", True)
    assert operation.metadata.type_url == unknown
    assert dict(struct_pb2.Struct.FromString(operation.metadata.value)) == {"percent": 40.0, "stage": "tuning"}
    response = struct_pb2.Struct.FromString(operation.response.value)
    assert operation.response.type_url == unknown
    assert [v for v in response["nested"]["items"]] == [1.0, "two"]
