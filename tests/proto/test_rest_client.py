"""The generated REST clients (sync and async) against a local grpc-gateway look-alike."""

from __future__ import annotations

from collections.abc import Iterator
from types import ModuleType
from typing import Any

import grpc
import pytest
from google.rpc import error_details_pb2

from tests.proto.servers import (
    POLLS_TO_FINISH,
    STREAM_PARTS,
    Backend,
    Gateway,
    Stubs,
    start_gateway,
)


@pytest.fixture(scope="module")
def backend(client_package: ModuleType) -> Backend:
    return Backend(Stubs.of(client_package))


@pytest.fixture(scope="module")
def gateway(backend: Backend) -> Iterator[Gateway]:
    server = start_gateway(backend)
    yield server
    server.shutdown()
    server.server_close()


def base_url(gateway: Gateway) -> str:
    return f"http://127.0.0.1:{gateway.server_address[1]}"


def make_client(package: ModuleType, gateway: Gateway) -> Any:
    return package.Client(
        api_key="secret", folder_id="folder-1", transport="rest", endpoint=base_url(gateway)
    )


def make_async_client(package: ModuleType, gateway: Gateway) -> Any:
    return package.AsyncClient(
        iam_token="token", transport="rest", endpoint=base_url(gateway)
    )


def user_message(package: ModuleType, text: str) -> Any:
    return package.foundation_models.Message(role="user", text=text)


def test_unary_body_star_and_auth_headers(client_package: ModuleType, gateway: Gateway, backend: Backend) -> None:
    backend.metadata.clear()
    with make_client(client_package, gateway) as client:
        response = client.foundation_models.tokenizer.tokenize(model_uri="gpt://f/m", text="a b")
    assert [t.text for t in response.tokens] == ["a", "b"]
    method, path, query, body = gateway.requests[-1]
    assert (method, path, query) == ("POST", "/foundationModels/v1/tokenize", {})
    assert body == {"modelUri": "gpt://f/m", "text": "a b"}  # proto3 JSON: lowerCamelCase
    headers = backend.metadata[-1]
    assert headers["authorization"] == "Api-Key secret"
    assert headers["x-folder-id"] == "folder-1"


def test_path_and_query_parameters(client_package: ModuleType, gateway: Gateway) -> None:
    with make_client(client_package, gateway) as client:
        file = client.files.file.get(file_id="f/1 x")
        page = client.files.file.list(folder_id="fo", page_size=2, page_token="2")
    assert file.id == "f/1 x"  # escaped in the path, decoded by the server
    assert [f.id for f in page.files] == ["fo-2", "fo-3"]
    assert page.next_page_token == "4"
    method, path, query, body = gateway.requests[-1]
    assert (method, path, body) == ("GET", "/files/v1/files", None)
    assert query == {"folderId": ["fo"], "pageSize": ["2"], "pageToken": ["2"]}  # int64 as a string


def test_server_streaming_reads_result_lines(client_package: ModuleType, gateway: Gateway) -> None:
    with make_client(client_package, gateway) as client:
        parts = list(
            client.foundation_models.text_generation.completion(
                model_uri="gpt://f/yandexgpt", messages=[user_message(client_package, "hi")]
            )
        )
    assert [p.alternatives[0].message.text for p in parts] == [f"part {i}" for i in range(STREAM_PARTS)]
    assert parts[0].alternatives[0].status == client_package.foundation_models.Alternative.ALTERNATIVE_STATUS_PARTIAL


def test_error_line_in_a_stream_raises_typed_error(client_package: ModuleType, gateway: Gateway) -> None:
    with make_client(client_package, gateway) as client:
        stream = client.foundation_models.text_generation.completion(
            messages=[user_message(client_package, "fail-mid-stream")]
        )
        assert next(stream).alternatives[0].message.text == "part 0"
        with pytest.raises(client_package.RateLimitError) as caught:
            next(stream)
    assert caught.value.code is grpc.StatusCode.RESOURCE_EXHAUSTED
    assert "quota exceeded" in caught.value.message


def test_image_generation_operation_over_rest(client_package: ModuleType, gateway: Gateway, backend: Backend) -> None:
    with make_client(client_package, gateway) as client:
        operation = client.image_generation.image_generation_async.generate(
            messages=[client_package.image_generation.Message(text="a cat")]
        )
        result = operation.wait(timeout=10, poll_interval=0.01)
    assert result.image == b"\x89PNG-bytes"  # base64 in JSON, bytes again after parsing
    assert backend.polls[operation.id] == POLLS_TO_FINISH
    assert ("GET", f"/operations/{operation.id}") in [(m, p) for m, p, _, _ in gateway.requests]


def test_failed_operation_over_rest(client_package: ModuleType, gateway: Gateway) -> None:
    with make_client(client_package, gateway) as client:
        operation = client.image_generation.image_generation_async.generate(
            messages=[client_package.image_generation.Message(text="fail")]
        )
        with pytest.raises(client_package.RpcBadRequestError) as caught:
            operation.wait(timeout=10, poll_interval=0.01)
    info = error_details_pb2.ErrorInfo()
    assert caught.value.details[0].Unpack(info) and info.domain == "art"


def test_http_error_body_maps_to_status_error(client_package: ModuleType, gateway: Gateway) -> None:
    with make_client(client_package, gateway) as client, pytest.raises(client_package.NotFoundError) as caught:
        client.files.file.get(file_id="missing")
    error = caught.value
    assert error.code is grpc.StatusCode.NOT_FOUND
    assert error.response.status_code == 404
    assert error.request_id == "req-rest-1"


def test_deadline_over_rest(client_package: ModuleType, gateway: Gateway) -> None:
    with make_client(client_package, gateway) as client, pytest.raises(client_package.APITimeoutError):
        client.foundation_models.tokenizer.tokenize(text="slow", timeout=0.05)


def test_gRPC_only_method_raises_clearly(client_package: ModuleType, gateway: Gateway) -> None:
    with make_client(client_package, gateway) as client, pytest.raises(client_package.RestUnavailableError) as caught:
        client.batch_inference.batch_inference.describe(task_id="t")
    assert "no REST mapping" in str(caught.value)


async def test_async_rest_scenarios(client_package: ModuleType, gateway: Gateway, backend: Backend) -> None:
    backend.metadata.clear()
    async with make_async_client(client_package, gateway) as client:
        response = await client.foundation_models.tokenizer.tokenize(text="x y z")
        parts = [
            p async for p in client.foundation_models.text_generation.completion(
                messages=[user_message(client_package, "hi")]
            )
        ]
        operation = await client.image_generation.image_generation_async.generate(
            messages=[client_package.image_generation.Message(text="a dog")]
        )
        result = await operation.wait(timeout=10, poll_interval=0.01)
        with pytest.raises(client_package.RpcTimeoutError):
            await client.foundation_models.tokenizer.tokenize(text="slow", timeout=0.05)
        failing = await client.image_generation.image_generation_async.generate(
            messages=[client_package.image_generation.Message(text="fail")]
        )
        with pytest.raises(client_package.BadRequestError):
            await failing.wait(timeout=10, poll_interval=0.01)
    assert len(response.tokens) == 3
    assert len(parts) == STREAM_PARTS
    assert result.model_version == "art-1"
    assert backend.metadata[0]["authorization"] == "Bearer token"
