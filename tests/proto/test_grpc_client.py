"""The generated gRPC clients (sync and async) against a real grpcio server on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType
from typing import Any

import grpc
import pytest
from google.rpc import error_details_pb2

from tests.proto.servers import POLLS_TO_FINISH, STREAM_PARTS, Backend, Stubs, start_grpc


@pytest.fixture(scope="module")
def backend(client_package: ModuleType) -> Backend:
    return Backend(Stubs.of(client_package))


@pytest.fixture(scope="module")
def port(backend: Backend) -> Iterator[int]:
    server, port = start_grpc(backend)
    yield port
    server.stop(None)


def make_client(package: ModuleType, port: int, **kwargs: Any) -> Any:
    return package.Client(
        api_key="secret", folder_id="folder-1", endpoint=f"127.0.0.1:{port}", insecure=True, **kwargs
    )


def make_async_client(package: ModuleType, port: int) -> Any:
    return package.AsyncClient(
        api_key="secret", folder_id="folder-1", endpoint=f"127.0.0.1:{port}", insecure=True
    )


def user_message(package: ModuleType, text: str) -> Any:
    return package.foundation_models.Message(role="user", text=text)


def test_unary_call_sends_auth_metadata(client_package: ModuleType, port: int, backend: Backend) -> None:
    backend.metadata.clear()
    with make_client(client_package, port, metadata=[("x-trace", "t1")]) as client:
        response = client.foundation_models.tokenizer.tokenize(model_uri="gpt://f/m", text="a b c")
    assert [t.text for t in response.tokens] == ["a", "b", "c"]
    assert response.model_version == "gpt://f/m"
    received = backend.metadata[-1]
    assert received["authorization"] == "Api-Key secret"
    assert received["x-folder-id"] == "folder-1"
    assert received["x-trace"] == "t1"


def test_request_message_or_keywords_not_both(client_package: ModuleType, port: int) -> None:
    request = client_package.foundation_models.TokenizeRequest(model_uri="m", text="x y")
    with make_client(client_package, port) as client:
        assert len(client.foundation_models.tokenizer.tokenize(request).tokens) == 2
        with pytest.raises(TypeError):
            client.foundation_models.tokenizer.tokenize(request, text="other")


def test_server_streaming_yields_every_part(client_package: ModuleType, port: int) -> None:
    with make_client(client_package, port) as client:
        parts = list(
            client.foundation_models.text_generation.completion(
                model_uri="gpt://f/yandexgpt", messages=[user_message(client_package, "hi")]
            )
        )
    assert len(parts) == STREAM_PARTS
    assert [p.alternatives[0].message.text for p in parts] == [f"part {i}" for i in range(STREAM_PARTS)]


def test_error_in_the_middle_of_a_stream_is_typed(client_package: ModuleType, port: int) -> None:
    with make_client(client_package, port) as client:
        stream = client.foundation_models.text_generation.completion(
            messages=[user_message(client_package, "fail-mid-stream")]
        )
        first = next(stream)
        assert first.alternatives[0].message.text == "part 0"
        with pytest.raises(client_package.RateLimitError) as caught:
            next(stream)
    assert caught.value.code is grpc.StatusCode.RESOURCE_EXHAUSTED
    assert caught.value.status_code == 429


def test_image_generation_operation_completes_after_polls(
    client_package: ModuleType, port: int, backend: Backend
) -> None:
    with make_client(client_package, port) as client:
        operation = client.image_generation.image_generation_async.generate(
            model_uri="art://f/yandex-art", messages=[client_package.image_generation.Message(text="a cat")]
        )
        assert not operation.done
        result = operation.wait(timeout=10, poll_interval=0.01)
    assert isinstance(result, client_package.image_generation.ImageGenerationResponse)
    assert result.image == b"\x89PNG-bytes"
    assert backend.polls[operation.id] == POLLS_TO_FINISH
    assert operation.done
    # no metadata type is declared for this method: the packed Any comes back as is
    assert operation.metadata.TypeName().endswith("ImageGenerationRequest")


def test_failed_operation_raises_typed_status(client_package: ModuleType, port: int) -> None:
    with make_client(client_package, port) as client:
        operation = client.image_generation.image_generation_async.generate(
            messages=[client_package.image_generation.Message(text="fail")]
        )
        with pytest.raises(client_package.BadRequestError) as caught:
            operation.wait(timeout=10, poll_interval=0.01)
    error = caught.value
    assert isinstance(error, client_package.RpcStatusError)
    assert error.code is grpc.StatusCode.INVALID_ARGUMENT
    assert "prompt rejected" in error.message
    assert error.operation_id == operation.id
    info = error_details_pb2.ErrorInfo()
    assert error.details[0].Unpack(info) and info.reason == "BAD_PROMPT"


def test_exceeded_deadline_raises_typed_timeout(client_package: ModuleType, port: int) -> None:
    with make_client(client_package, port) as client, pytest.raises(client_package.APITimeoutError) as caught:
        client.foundation_models.tokenizer.tokenize(text="slow", timeout=0.05)
    assert isinstance(caught.value, client_package.RpcTimeoutError)
    assert caught.value.code is grpc.StatusCode.DEADLINE_EXCEEDED


def test_not_found_maps_into_the_shared_hierarchy(client_package: ModuleType, port: int) -> None:
    with make_client(client_package, port) as client, pytest.raises(client_package.NotFoundError) as caught:
        client.files.file.get(file_id="missing")
    assert caught.value.status_code == 404
    assert caught.value.code is grpc.StatusCode.NOT_FOUND


def test_validation_runs_before_sending(client_package: ModuleType, port: int) -> None:
    with make_client(client_package, port) as client, pytest.raises(ValueError) as caught:
        client.files.file.get(file_id="")
    assert isinstance(caught.value, client_package.RequestValidationError)
    assert caught.value.field == "file_id"


def test_unreachable_server_is_a_connection_error(client_package: ModuleType) -> None:
    client = client_package.Client(endpoint="127.0.0.1:1", insecure=True, timeout=2)
    with client, pytest.raises(client_package.APIConnectionError):
        client.foundation_models.tokenizer.tokenize(text="x")


async def test_async_unary_stream_and_metadata(client_package: ModuleType, port: int, backend: Backend) -> None:
    backend.metadata.clear()
    async with make_async_client(client_package, port) as client:
        response = await client.foundation_models.tokenizer.tokenize(text="one two")
        parts = [
            part
            async for part in client.foundation_models.text_generation.completion(
                messages=[user_message(client_package, "hi")]
            )
        ]
    assert [t.text for t in response.tokens] == ["one", "two"]
    assert len(parts) == STREAM_PARTS
    assert backend.metadata[0]["authorization"] == "Api-Key secret"


async def test_async_operation_and_failure(client_package: ModuleType, port: int) -> None:
    async with make_async_client(client_package, port) as client:
        operation = await client.image_generation.image_generation_async.generate(
            messages=[client_package.image_generation.Message(text="a dog")]
        )
        result = await operation.wait(timeout=10, poll_interval=0.01)
        assert result.model_version == "art-1"
        failing = await client.image_generation.image_generation_async.generate(
            messages=[client_package.image_generation.Message(text="fail")]
        )
        with pytest.raises(client_package.RpcBadRequestError):
            await failing.wait(timeout=10, poll_interval=0.01)


async def test_async_deadline_and_stream_error(client_package: ModuleType, port: int) -> None:
    async with make_async_client(client_package, port) as client:
        with pytest.raises(client_package.RpcTimeoutError):
            await client.foundation_models.tokenizer.tokenize(text="slow", timeout=0.05)
        received = []
        with pytest.raises(client_package.RateLimitError):
            async for part in client.foundation_models.text_generation.completion(
                messages=[user_message(client_package, "fail-mid-stream")]
            ):
                received.append(part)
        assert len(received) == 1


def test_operation_cancel(client_package: ModuleType, port: int) -> None:
    with make_client(client_package, port) as client:
        operation = client.image_generation.image_generation_async.generate(
            messages=[client_package.image_generation.Message(text="slowly")]
        )
        operation.cancel()
        assert operation.done
        with pytest.raises(client_package.RpcStatusError) as caught:
            operation.result()
    assert caught.value.code is grpc.StatusCode.CANCELLED
