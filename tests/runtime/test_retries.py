"""Retries, backoff, Retry-After and timeouts against a real local server (short delays)."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest

from tests.runtime.scripted_server import Reply, ScriptedServer, free_port
from tests.support.timing import SLACK

FAST = {"initial_retry_delay": 0.02, "max_retry_delay": 0.05}


@pytest.fixture
def client(rt: SimpleNamespace, server: ScriptedServer) -> Iterator[Any]:
    with rt.base_client.SyncAPIClient(base_url=server.url, max_retries=2, **FAST) as client:
        yield client


def attempts(server: ScriptedServer, path: str) -> list[str]:
    return [request.headers["x-retry-attempt"] for request in server.requests_to(path)]


def test_429_honours_retry_after_and_keeps_the_request_id(
    server: ScriptedServer, client: Any
) -> None:
    server.reply(
        "POST",
        "/chat",
        Reply(status=429, body={"error": "slow down"}, headers={"Retry-After": "0.3"}),
        Reply(body={"ok": True}),
    )
    started = time.monotonic()
    assert client.request("POST", "/chat", cast_to=dict[str, bool], json_body={}) == {"ok": True}
    elapsed = time.monotonic() - started
    assert 0.3 <= elapsed < 0.3 + SLACK  # the wait asked for
    first, second = server.requests_to("/chat")
    assert first.headers["x-client-request-id"] == second.headers["x-client-request-id"]
    assert attempts(server, "/chat") == ["0", "1"]
    client.request("POST", "/chat", cast_to=None, json_body={})
    assert (
        server.requests[-1].headers["x-client-request-id"] != first.headers["x-client-request-id"]
    )


def test_retry_after_ms_is_preferred(server: ScriptedServer, client: Any) -> None:
    server.reply(
        "GET",
        "/m",
        Reply(status=429, headers={"retry-after-ms": "200", "Retry-After": "30"}),
        Reply(body={}),
    )
    started = time.monotonic()
    client.request("GET", "/m", cast_to=None, idempotent=True)
    assert 0.2 <= time.monotonic() - started < 0.2 + SLACK  # not Retry-After's 30 s


def test_503_then_success_even_for_post(server: ScriptedServer, client: Any) -> None:
    server.reply("POST", "/jobs", Reply(status=503), Reply(status=503), Reply(body={"id": "j"}))
    assert client.request("POST", "/jobs", cast_to=dict[str, str], json_body={}) == {"id": "j"}
    assert attempts(server, "/jobs") == ["0", "1", "2"]


def test_500_is_retried_for_get_but_not_for_post(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    server.reply("POST", "/create", Reply(status=500, body={"error": {"message": "oops"}}))
    with pytest.raises(rt.errors.InternalServerError):
        client.request("POST", "/create", cast_to=None, json_body={})
    assert len(server.requests_to("/create")) == 1
    server.reply("GET", "/read", Reply(status=502))
    with pytest.raises(rt.errors.InternalServerError):
        client.request("GET", "/read", cast_to=None, idempotent=True)
    assert attempts(server, "/read") == ["0", "1", "2"]


def test_per_call_max_retries(rt: SimpleNamespace, server: ScriptedServer, client: Any) -> None:
    server.reply("GET", "/limited", Reply(status=429))
    with pytest.raises(rt.errors.RateLimitError):
        client.request(
            "GET", "/limited", cast_to=None, options=rt.types.make_options(max_retries=0)
        )
    assert len(server.requests_to("/limited")) == 1


def test_post_read_timeout_is_not_retried(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    server.reply("POST", "/slow", Reply(delay=0.3, body={}))
    with pytest.raises(rt.errors.APITimeoutError):
        client.request(
            "POST", "/slow", cast_to=None, json_body={}, options=rt.types.make_options(timeout=0.1)
        )
    assert len(server.requests_to("/slow")) == 1


def test_get_read_timeout_is_retried(
    server: ScriptedServer, client: Any, rt: SimpleNamespace
) -> None:
    server.reply("GET", "/slow", Reply(delay=0.3, body={}), Reply(body={"late": 1}))
    result = client.request(
        "GET",
        "/slow",
        cast_to=dict[str, int],
        idempotent=True,
        # a per-read limit shorter than the call's deadline (5 s): time is left for a retry
        options=rt.types.make_options(timeout=rt.types.Timeout(5, read=0.1)),
    )
    assert result == {"late": 1}
    assert attempts(server, "/slow") == ["0", "1"]


def test_idempotency_key_makes_post_retryable(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    server.reply("POST", "/pay", Reply(delay=0.3, body={}), Reply(body={"paid": True}))
    options = rt.types.make_options(
        timeout=rt.types.Timeout(5, read=0.1), idempotency_key="key-1"
    )
    assert client.request("POST", "/pay", cast_to=dict[str, bool], json_body={}, options=options)
    keys = [request.headers["idempotency-key"] for request in server.requests_to("/pay")]
    assert keys == ["key-1", "key-1"]


def test_reset_after_sending_is_retried_only_when_idempotent(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    server.reply("POST", "/reset", Reply(reset=True))
    with pytest.raises(rt.errors.APIConnectionError) as caught:
        client.request("POST", "/reset", cast_to=None, json_body={})
    assert not isinstance(caught.value, rt.errors.APITimeoutError)
    assert len(server.requests_to("/reset")) == 1
    server.reply("PUT", "/reset", Reply(reset=True), Reply(body={"ok": 1}))
    assert client.request("PUT", "/reset", cast_to=dict[str, int], idempotent=True) == {"ok": 1}
    assert len(server.requests_to("/reset")) == 3


class _StartServerOnRetry(logging.Handler):
    """Starts the server the moment the client logs its first retry: the first attempt is refused."""

    def __init__(self, server: ScriptedServer, port: int) -> None:
        super().__init__()
        self.server, self.port = server, port

    def emit(self, record: logging.LogRecord) -> None:
        if record.getMessage().startswith("retrying") and not self.server.port:
            self.server.start(self.port)


def test_connection_refused_is_retried_even_for_post(rt: SimpleNamespace) -> None:
    port = free_port()
    late = ScriptedServer()
    late.reply("POST", "/late", Reply(body={"up": True}))
    handler = _StartServerOnRetry(late, port)
    logger = logging.getLogger("rtpkg")  # the runtime is copied into `rtpkg`
    level = logger.level
    logger.setLevel(logging.INFO)
    logger.addHandler(handler)
    try:
        client = rt.base_client.SyncAPIClient(base_url=f"http://127.0.0.1:{port}", **FAST)
        assert client.request("POST", "/late", cast_to=dict[str, bool], json_body={}) == {
            "up": True
        }
        assert attempts(late, "/late") == ["1"]
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
        late.stop()


def test_connection_refused_gives_up_after_max_retries(rt: SimpleNamespace) -> None:
    client = rt.base_client.SyncAPIClient(
        base_url=f"http://127.0.0.1:{free_port()}", max_retries=1, **FAST
    )
    with pytest.raises(rt.errors.APIConnectionError, match="Connection error"):
        client.request("GET", "/x", cast_to=None)


async def test_async_retries(rt: SimpleNamespace, server: ScriptedServer) -> None:
    server.reply(
        "POST", "/a", Reply(status=429, headers={"Retry-After": "0.1"}), Reply(body={"n": 1})
    )
    server.reply("POST", "/slow", Reply(delay=0.3, body={}))
    async with rt.base_client.AsyncAPIClient(base_url=server.url, **FAST) as client:
        assert await client.request("POST", "/a", cast_to=dict[str, int], json_body={}) == {"n": 1}
        first, second = server.requests_to("/a")
        assert first.headers["x-client-request-id"] == second.headers["x-client-request-id"]
        assert attempts(server, "/a") == ["0", "1"]
        with pytest.raises(rt.errors.APITimeoutError):
            await client.request(
                "POST", "/slow", cast_to=None, options=rt.types.make_options(timeout=0.1)
            )
        assert len(server.requests_to("/slow")) == 1
    async with rt.base_client.AsyncAPIClient(
        base_url=f"http://127.0.0.1:{free_port()}", max_retries=1, **FAST
    ) as refused:
        with pytest.raises(rt.errors.APIConnectionError):
            await refused.request("GET", "/x", cast_to=None)
