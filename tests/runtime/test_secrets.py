"""The client's own secrets never reach error text or logs, even when a server echoes them."""

from __future__ import annotations

import logging
from types import SimpleNamespace
from typing import Any

import pytest

from tests.runtime.scripted_server import Recorded, Reply, ScriptedServer

SECRET = "sk-live-echo-0123456789"
TOKEN = "t1.provider-token-abcdef"


def echo_auth(status: int) -> Any:
    """A careless server: its error body repeats the credential it was sent, in every shape."""

    def handler(request: Recorded) -> Reply:
        sent = request.headers.get("authorization", "")
        body = {
            "error": {
                "message": f"Invalid header Authorization: {sent}",
                "details": [{"received": sent.split(" ")[-1]}, [sent]],
            }
        }
        return Reply(status=status, body=body)

    return handler


def assert_hidden(error: Exception, *secrets: str) -> None:
    texts = [
        str(error),
        repr(error),
        getattr(error, "message", ""),
        repr(getattr(error, "body", "")),
    ]
    for secret in secrets:
        for text in texts:
            assert secret not in text, text
    assert "<redacted>" in str(error)


@pytest.mark.parametrize("status", [401, 400, 500])
def test_sync_status_error_hides_the_api_key(
    rt: SimpleNamespace, server: ScriptedServer, status: int
) -> None:
    server.handle_with("POST", "/echo", echo_auth(status))
    client = rt.base_client.SyncAPIClient(base_url=server.url, api_key=SECRET, max_retries=0)
    with client, pytest.raises(rt.errors.APIStatusError) as raised:
        client.request("POST", "/echo", cast_to=dict, json_body={})
    assert server.requests[-1].headers["authorization"] == f"Bearer {SECRET}"
    assert_hidden(raised.value, SECRET)


async def test_async_status_error_hides_a_provider_token(
    rt: SimpleNamespace, server: ScriptedServer
) -> None:
    server.handle_with("GET", "/echo", echo_auth(403))

    async def provider() -> str:
        return TOKEN

    async with rt.base_client.AsyncAPIClient(
        base_url=server.url, token_provider=provider, max_retries=0
    ) as client:
        with pytest.raises(rt.errors.PermissionDeniedError) as raised:
            await client.request("GET", "/echo", cast_to=dict)
    assert server.requests[-1].headers["authorization"] == f"Bearer {TOKEN}"
    assert_hidden(raised.value, TOKEN)


def test_secret_in_a_custom_header_is_hidden_too(
    rt: SimpleNamespace, server: ScriptedServer
) -> None:
    def handler(request: Recorded) -> Reply:
        return Reply(status=401, body=f"bad key {request.headers.get('x-api-key')}")

    server.handle_with("GET", "/custom", handler)
    custom = "custom-header-secret-987"
    with (
        rt.base_client.SyncAPIClient(
            base_url=server.url, default_headers={"X-Api-Key": custom}, max_retries=0
        ) as client,
        pytest.raises(rt.errors.AuthenticationError) as raised,
    ):
        client.request("GET", "/custom", cast_to=dict)
    assert_hidden(raised.value, custom)


def test_logs_hide_the_echoed_key(
    rt: SimpleNamespace, server: ScriptedServer, caplog: pytest.LogCaptureFixture
) -> None:
    server.handle_with("POST", "/echo", echo_auth(401))
    client = rt.base_client.SyncAPIClient(base_url=server.url, api_key=SECRET)
    with caplog.at_level(logging.DEBUG, logger="rtpkg"), client:
        with pytest.raises(rt.errors.AuthenticationError) as raised:
            client.request("POST", "/echo", cast_to=dict, json_body={})
        logging.getLogger("rtpkg").warning("call failed: %s", raised.value.body)
    assert caplog.records
    assert SECRET not in caplog.text


def test_deeply_nested_error_body_is_redacted_without_recursion(rt: SimpleNamespace) -> None:
    rt.logging.remember_secret(SECRET)
    body: Any = SECRET
    for _ in range(100_000):
        body = [body]
    cleaned: Any = rt.logging.redact_value(body)
    for _ in range(100_000):
        cleaned = cleaned[0]
    assert cleaned == "<redacted>"


def test_rotating_tokens_never_push_a_key_out(rt: SimpleNamespace, server: ScriptedServer) -> None:
    """A plain token from a provider is asked for on every request: a hundred of them must not
    make the process forget the API key another client holds."""
    server.handle_with("POST", "/echo", echo_auth(401))
    server.handle_with("GET", "/ok", lambda request: Reply(status=200, body={}))
    keyed = rt.base_client.SyncAPIClient(base_url=server.url, api_key=SECRET, max_retries=0)
    issued = iter(range(10**6))
    rotating = rt.base_client.SyncAPIClient(
        base_url=server.url, token_provider=lambda: f"rotating-token-{next(issued):04d}", max_retries=0
    )
    with keyed, rotating:
        for _ in range(rt.logging.MAX_REMEMBERED_TOKENS + 36):
            rotating.request("GET", "/ok", cast_to=dict)
        with pytest.raises(rt.errors.AuthenticationError) as raised:
            keyed.request("POST", "/echo", cast_to=dict, json_body={})
    assert_hidden(raised.value, SECRET)
