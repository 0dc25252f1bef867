"""Retries, deadlines, token providers and pagination of the generated proto clients.

Every scenario runs over gRPC (a real grpcio server) and over REST (the grpc-gateway look-alike),
against one scripted backend: `Backend.fail` makes the next calls of an RPC fail *after* the
server recorded them, as a server that processed the call and then failed would. Backoffs are
tiny (client options), so the whole file takes a few seconds.
"""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import grpc
import pytest

from tests.proto.servers import (
    FILES_PER_FOLDER,
    STREAM_PARTS,
    Backend,
    Failure,
    Stubs,
    start_gateway,
    start_grpc,
)
from tests.runtime.scripted_server import free_port
from tests.support.timing import SLACK, token_clock

FAST = {"initial_retry_delay": 0.02, "max_retry_delay": 0.05}


@pytest.fixture(scope="module")
def backend(client_package: ModuleType) -> Backend:
    return Backend(Stubs.of(client_package))


@pytest.fixture(scope="module")
def endpoints(backend: Backend) -> Iterator[dict[str, str]]:
    server, port = start_grpc(backend)
    gateway = start_gateway(backend)
    yield {"grpc": f"127.0.0.1:{port}", "rest": f"http://127.0.0.1:{gateway.server_address[1]}"}
    gateway.shutdown()
    gateway.server_close()
    server.stop(None)


@pytest.fixture(params=["grpc", "rest"])
def transport(request: pytest.FixtureRequest) -> str:
    kind: str = request.param
    return kind


@pytest.fixture(autouse=True)
def fresh(backend: Backend) -> None:
    backend.reset()


def make(package: ModuleType, endpoint: str, transport: str, *, asynchronous: bool = False, **options: Any) -> Any:
    options = {"api_key": "secret-key-1", **FAST, **options}
    cls = package.AsyncClient if asynchronous else package.Client
    return cls(endpoint=endpoint, transport=transport, insecure=True, **options)


def unavailable(**trailing: str) -> Failure:
    return Failure(grpc.StatusCode.UNAVAILABLE, "backend restarting", trailing=trailing)


def exhausted(**trailing: str) -> Failure:
    return Failure(grpc.StatusCode.RESOURCE_EXHAUSTED, "slow down", trailing=trailing)


def attempts(backend: Backend, rpc: str) -> list[str]:
    return [call["x-retry-attempt"] for call in backend.calls_of(rpc)]


def generate(client: Any, package: ModuleType, **options: Any) -> Any:
    messages = [package.image_generation.Message(text="a cat")]
    return client.image_generation.image_generation_async.generate(messages=messages, **options)


# --- what is retried --------------------------------------------------------------------------


def test_read_retried_on_unavailable_with_one_request_id(
    client_package: ModuleType, endpoints: dict[str, str], backend: Backend, transport: str
) -> None:
    backend.fail("GetFile", unavailable(), unavailable())
    with make(client_package, endpoints[transport], transport) as client:
        assert client.files.file.get(file_id="f-1").id == "f-1"
        first = backend.calls_of("GetFile")
        assert attempts(backend, "GetFile") == ["0", "1", "2"]
        assert len({call["x-client-request-id"] for call in first}) == 1
        request_id = uuid.UUID(first[0]["x-client-request-id"])
        assert request_id.version == 4 and str(request_id) == first[0]["x-client-request-id"]
        client.files.file.get(file_id="f-2")
    later = backend.calls_of("GetFile")[-1]
    assert later["x-retry-attempt"] == "0"
    assert later["x-client-request-id"] != first[0]["x-client-request-id"]


def test_max_retries_per_client_and_per_call(
    client_package: ModuleType, endpoints: dict[str, str], backend: Backend, transport: str
) -> None:
    backend.fail("GetFile", *[unavailable()] * 5)
    with make(client_package, endpoints[transport], transport, max_retries=1) as client:
        with pytest.raises(client_package.APIConnectionError):
            client.files.file.get(file_id="f-1")
        assert attempts(backend, "GetFile") == ["0", "1"]
        assert client.files.file.get(file_id="f-1", max_retries=3).id == "f-1"  # 3 failures left
    assert attempts(backend, "GetFile") == ["0", "1", "0", "1", "2", "3"]


def test_generation_turned_away_with_unavailable_is_retried(
    client_package: ModuleType, endpoints: dict[str, str], backend: Backend, transport: str
) -> None:
    """UNAVAILABLE / 503 sent by the server: "not processed, come back", for every call (one
    rule over gRPC and REST; a connection broken mid-call is retried only when idempotent)."""
    backend.fail("Generate", unavailable())
    with make(client_package, endpoints[transport], transport) as client:
        assert generate(client, client_package).id
    assert attempts(backend, "Generate") == ["0", "1"]


def test_generation_failing_inside_the_server_is_not_retried(
    client_package: ModuleType, endpoints: dict[str, str], backend: Backend, transport: str
) -> None:
    backend.fail("Generate", Failure(grpc.StatusCode.INTERNAL, "the model crashed"))
    client = make(client_package, endpoints[transport], transport)
    with client, pytest.raises(client_package.InternalServerError):
        generate(client, client_package)
    assert attempts(backend, "Generate") == ["0"]


def test_idempotency_key_makes_a_generation_retryable(
    client_package: ModuleType, endpoints: dict[str, str], backend: Backend, transport: str
) -> None:
    backend.fail("Generate", unavailable())
    with make(client_package, endpoints[transport], transport) as client:
        operation = generate(client, client_package, idempotency_key="gen-7")
    assert operation.id
    calls = backend.calls_of("Generate")
    assert [(c["idempotency-key"], c["x-retry-attempt"]) for c in calls] == [("gen-7", "0"), ("gen-7", "1")]


@pytest.mark.parametrize("header, value", [("retry-after-ms", "300"), ("retry-after", "0.3")])
def test_resource_exhausted_retried_after_the_requested_wait(
    client_package: ModuleType,
    endpoints: dict[str, str],
    backend: Backend,
    transport: str,
    header: str,
    value: str,
) -> None:
    backend.fail("Tokenize", exhausted(**{header: value}))  # Tokenize is not idempotent (POST)
    with make(client_package, endpoints[transport], transport) as client:
        started = time.monotonic()
        tokens = client.foundation_models.tokenizer.tokenize(text="a b")
        elapsed = time.monotonic() - started
    assert len(tokens.tokens) == 2
    assert 0.3 <= elapsed < 0.3 + SLACK
    assert attempts(backend, "Tokenize") == ["0", "1"]


class OnFirstRetry(logging.Handler):
    """Runs `action` when the client logs its first retry (in the client's thread, before the
    wait that precedes the next attempt)."""

    def __init__(self, action: Any) -> None:
        super().__init__(logging.INFO)
        self.action = action
        self.done = False

    def emit(self, record: logging.LogRecord) -> None:
        if not self.done and record.getMessage().startswith("retrying"):
            self.done = True
            self.action()


def test_generation_retried_when_the_server_was_not_up_yet(
    client_package: ModuleType, backend: Backend, transport: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Connection refused: the call never reached a server, so even a generation is repeated."""
    port = free_port()
    servers: list[Any] = []

    def start() -> None:
        servers.append(start_grpc(backend, port)[0] if transport == "grpc" else start_gateway(backend, port))

    endpoint = f"127.0.0.1:{port}" if transport == "grpc" else f"http://127.0.0.1:{port}"
    # the server starts once the first attempt was refused; the retries after it outlast gRPC's
    # own reconnect backoff (1 s, +-20 %)
    starter = OnFirstRetry(start)
    logger = logging.getLogger(client_package.__name__)
    logger.addHandler(starter)
    try:
        options = {"max_retries": 20, "initial_retry_delay": 0.05, "max_retry_delay": 0.2}
        client = make(client_package, endpoint, transport, **options)
        with caplog.at_level(logging.INFO, logger=client_package.__name__), client:
            operation = generate(client, client_package)
    finally:
        logger.removeHandler(starter)
        for server in servers:
            if transport == "grpc":
                server.stop(None)
            else:
                server.shutdown()
                server.server_close()
    assert starter.done and operation.id
    calls = backend.calls_of("Generate")
    assert len(calls) == 1 and calls[0]["x-retry-attempt"] != "0"  # the attempts before were refused


def test_refused_generation_fails_without_retries(client_package: ModuleType, transport: str) -> None:
    port = free_port()
    endpoint = f"127.0.0.1:{port}" if transport == "grpc" else f"http://127.0.0.1:{port}"
    client = make(client_package, endpoint, transport, max_retries=0)
    with client, pytest.raises(client_package.APIConnectionError):
        generate(client, client_package)


def test_stream_retried_only_before_the_first_message(
    client_package: ModuleType, endpoints: dict[str, str], backend: Backend, transport: str
) -> None:
    backend.fail("Completion", exhausted(**{"retry-after-ms": "20"}))
    messages = [client_package.foundation_models.Message(role="user", text="hi")]
    with make(client_package, endpoints[transport], transport) as client:
        parts = list(client.foundation_models.text_generation.completion(messages=messages))
        assert len(parts) == STREAM_PARTS
        assert attempts(backend, "Completion") == ["0", "1"]
        failing = [client_package.foundation_models.Message(role="user", text="fail-mid-stream")]
        received = []
        with pytest.raises(client_package.RateLimitError):
            for part in client.foundation_models.text_generation.completion(messages=failing):
                received.append(part)
    assert len(received) == 1
    assert attempts(backend, "Completion") == ["0", "1", "0"]  # the failure after a message: once


# --- deadlines ---------------------------------------------------------------------------------


def test_deadline_exceeded_is_not_retried_even_for_a_read(
    client_package: ModuleType, endpoints: dict[str, str], backend: Backend, transport: str
) -> None:
    with make(client_package, endpoints[transport], transport) as client:
        started = time.monotonic()
        with pytest.raises(client_package.APITimeoutError):
            client.files.file.get(file_id="slow", timeout=0.2)
        elapsed = time.monotonic() - started
    assert 0.2 <= elapsed < 0.2 + SLACK
    assert attempts(backend, "GetFile") == ["0"]


def test_no_backoff_sleeps_past_the_deadline(
    client_package: ModuleType, endpoints: dict[str, str], backend: Backend, transport: str
) -> None:
    backend.fail("GetFile", unavailable(**{"retry-after-ms": "100000"}))
    with make(client_package, endpoints[transport], transport) as client:
        started = time.monotonic()
        with pytest.raises(client_package.APIConnectionError):
            client.files.file.get(file_id="f-1", timeout=60)
        elapsed = time.monotonic() - started
    assert elapsed < SLACK  # gave up at once instead of waiting up to the 60 s deadline
    assert attempts(backend, "GetFile") == ["0"]


# --- credentials -------------------------------------------------------------------------------


def test_token_provider_refreshed_before_expiry(
    client_package: ModuleType,
    endpoints: dict[str, str],
    backend: Backend,
    transport: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = token_clock(monkeypatch, client_package.__name__)
    issued: list[str] = []

    def provider() -> tuple[str, float]:
        issued.append(f"tok-{len(issued) + 1}")
        return issued[-1], clock.time() + 90  # fresh for 30 s: the margin is 60 s

    with make(client_package, endpoints[transport], transport, api_key=None, token_provider=provider) as client:
        client.foundation_models.tokenizer.tokenize(text="a")
        clock.advance(29)
        client.foundation_models.tokenizer.tokenize(text="b")
        assert issued == ["tok-1"]
        clock.advance(2)  # 59 s before expiry: within the margin
        client.foundation_models.tokenizer.tokenize(text="c")
    assert issued == ["tok-1", "tok-2"]
    sent = [call["authorization"] for call in backend.calls_of("Tokenize")]
    assert sent == ["Bearer tok-1", "Bearer tok-1", "Bearer tok-2"]


def test_plain_token_provider_asked_on_every_attempt(
    client_package: ModuleType, endpoints: dict[str, str], backend: Backend, transport: str
) -> None:
    count = iter(range(1, 100))
    backend.fail("GetFile", unavailable())
    with make(
        client_package, endpoints[transport], transport, api_key=None, token_provider=lambda: f"t{next(count)}"
    ) as client:
        client.files.file.get(file_id="f-1")
        client.files.file.get(file_id="f-2")
    assert [call["authorization"] for call in backend.calls_of("GetFile")] == ["Bearer t1", "Bearer t2", "Bearer t3"]


def test_secrets_stay_out_of_repr_and_retry_logs(
    client_package: ModuleType,
    endpoints: dict[str, str],
    backend: Backend,
    transport: str,
    caplog: pytest.LogCaptureFixture,
) -> None:
    backend.fail("GetFile", unavailable())
    with caplog.at_level(logging.DEBUG):
        with make(client_package, endpoints[transport], transport, token_provider=lambda: "tok-secret", api_key=None) as client:
            client.files.file.get(file_id="f-1")
            assert repr(client) == f"Client(auth=token_provider, transport={transport!r})"
        with make(client_package, endpoints[transport], transport) as client:
            assert "secret-key-1" not in repr(client) and "api_key" in repr(client)
    assert "retrying /yandex.cloud.ai.files.v1.FileService/Get" in caplog.text
    assert "secret" not in caplog.text
    with pytest.raises(ValueError, match="token_provider"):
        make(client_package, endpoints[transport], transport, token_provider=lambda: "t")


# --- pagination --------------------------------------------------------------------------------


def test_list_all_iterates_items_across_three_pages(
    client_package: ModuleType, endpoints: dict[str, str], backend: Backend, transport: str
) -> None:
    with make(client_package, endpoints[transport], transport) as client:
        pager = client.files.file.list_all(folder_id="fo", page_size=2)
        assert backend.page_tokens == []  # nothing is fetched before iterating
        items = iter(pager)
        assert next(items).id == "fo-0"
        assert backend.page_tokens == [""]  # one page at a time
        assert [f.id for f in items] == [f"fo-{i}" for i in range(1, FILES_PER_FOLDER)]
        assert backend.page_tokens == ["", "2", "4"]
        pages = list(pager.pages())
    assert [[f.id for f in page.files] for page in pages] == [["fo-0", "fo-1"], ["fo-2", "fo-3"], ["fo-4"]]
    assert [page.next_page_token for page in pages] == ["2", "4", ""]
    assert isinstance(pages[0], client_package.files.ListFilesResponse)


# --- async -------------------------------------------------------------------------------------


async def test_async_retries_and_request_ids(
    client_package: ModuleType, endpoints: dict[str, str], backend: Backend, transport: str
) -> None:
    backend.fail("GetFile", unavailable(**{"retry-after-ms": "200"}))
    crashed = Failure(grpc.StatusCode.INTERNAL, "the model crashed")
    backend.fail("Generate", crashed, crashed)
    backend.fail("Completion", exhausted())
    messages = [client_package.foundation_models.Message(role="user", text="hi")]
    async with make(client_package, endpoints[transport], transport, asynchronous=True) as client:
        started = time.monotonic()
        assert (await client.files.file.get(file_id="f-1")).id == "f-1"
        assert 0.2 <= time.monotonic() - started < 0.2 + SLACK
        with pytest.raises(client_package.InternalServerError):
            await generate(client, client_package)
        operation = await generate(client, client_package, idempotency_key="k-1")
        parts = [part async for part in client.foundation_models.text_generation.completion(messages=messages)]
    assert operation.id and len(parts) == STREAM_PARTS
    assert attempts(backend, "GetFile") == ["0", "1"]
    assert attempts(backend, "Generate") == ["0", "0", "1"]
    assert attempts(backend, "Completion") == ["0", "1"]
    ids = [call["x-client-request-id"] for call in backend.calls_of("Generate")]
    assert ids[1] == ids[2] != ids[0]


async def test_async_deadline_and_refused_connection(client_package: ModuleType, endpoints: dict[str, str], backend: Backend, transport: str) -> None:
    async with make(client_package, endpoints[transport], transport, asynchronous=True) as client:
        started = time.monotonic()
        with pytest.raises(client_package.APITimeoutError):
            await client.files.file.get(file_id="slow", timeout=0.2)
        assert 0.2 <= time.monotonic() - started < 0.2 + SLACK
    assert attempts(backend, "GetFile") == ["0"]
    port = free_port()
    endpoint = f"127.0.0.1:{port}" if transport == "grpc" else f"http://127.0.0.1:{port}"
    async with make(client_package, endpoint, transport, asynchronous=True, max_retries=2) as client:
        with pytest.raises(client_package.APIConnectionError):
            await generate(client, client_package)


async def test_async_token_provider_may_be_a_coroutine(
    client_package: ModuleType,
    endpoints: dict[str, str],
    backend: Backend,
    transport: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = token_clock(monkeypatch, client_package.__name__)
    issued: list[str] = []

    async def provider() -> tuple[str, float]:
        issued.append(f"atok-{len(issued) + 1}")
        return issued[-1], clock.time() + 90  # fresh for 30 s: the margin is 60 s

    async with make(
        client_package, endpoints[transport], transport, asynchronous=True, api_key=None, token_provider=provider
    ) as client:
        await client.foundation_models.tokenizer.tokenize(text="a")
        await client.foundation_models.tokenizer.tokenize(text="b")
        clock.advance(31)  # 59 s before expiry: within the margin
        await client.foundation_models.tokenizer.tokenize(text="c")
        assert repr(client) == f"AsyncClient(auth=token_provider, transport={transport!r})"
    sent = [call["authorization"] for call in backend.calls_of("Tokenize")]
    assert sent == ["Bearer atok-1", "Bearer atok-1", "Bearer atok-2"]


async def test_async_list_all_across_three_pages(
    client_package: ModuleType, endpoints: dict[str, str], backend: Backend, transport: str
) -> None:
    async with make(client_package, endpoints[transport], transport, asynchronous=True) as client:
        pager = client.files.file.list_all(folder_id="fo", page_size=2)
        ids = [f.id async for f in pager]
        pages = [page async for page in pager.pages()]
    assert ids == [f"fo-{i}" for i in range(FILES_PER_FOLDER)]
    assert [len(page.files) for page in pages] == [2, 2, 1]
    assert backend.page_tokens == ["", "2", "4"] * 2
