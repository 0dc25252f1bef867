"""The client surface: resources by tag and `x-codegen-resource`, sync/async parity, lazy imports,
credentials, base URL, timeout, retries, a custom HTTP client and client-wide headers."""

from __future__ import annotations

import importlib
import inspect
import sys
import time
from typing import Any

import httpx2
import pytest

from tests.support.http_server import LocalServer, Reply, Request

Generate = Any

SPEC = """
openapi: 3.1.0
info: {title: Surface, version: "1"}
servers: [{url: "https://api.example.invalid/v1"}]
x-codegen-client-headers:
  x-folder-id: {argument: folder_id, env: FN_SURFACE_FOLDER}
components:
  securitySchemes:
    key: {type: apiKey, in: header, name: X-Api-Key}
  schemas:
    Pong:
      type: object
      properties:
        ok: {type: boolean}
security: [{key: []}]
paths:
  /ping:
    get:
      operationId: ping
      tags: [health]
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pong'}}}}
  /slow:
    get:
      operationId: slow
      tags: [health]
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pong'}}}}
  /flaky:
    post:
      operationId: flaky
      tags: [health]
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pong'}}}}
  /beta/assistants/{assistant_id}/threads:
    post:
      operationId: createThread
      x-codegen-resource: beta.assistants.threads
      x-codegen-method: create
      parameters: [{name: assistant_id, in: path, required: true, schema: {type: string}}]
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pong'}}}}
  /beta/assistants:
    get:
      operationId: listAssistants
      x-codegen-resource: beta.assistants
      x-codegen-method: list
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pong'}}}}
"""

PONG = Reply.json({"ok": True})


def _public_methods(resource: Any) -> dict[str, inspect.Signature]:
    return {
        name: inspect.signature(getattr(resource, name))
        for name in dir(resource)
        if not name.startswith("_")
        and callable(getattr(resource, name))
        and name != "with_raw_response"
    }


async def test_resources_and_sync_async_parity(generate: Generate, server: LocalServer) -> None:
    api = generate(SPEC, "fn_surface")
    # importing the package loads neither resources nor models
    assert not any(name.startswith("fn_surface.resources") for name in sys.modules)
    assert not any(name.startswith("fn_surface.models") for name in sys.modules)

    server.route("GET", "/v1/beta/assistants", PONG)
    server.route("POST", "/v1/beta/assistants/a%201/threads", PONG)
    client = api.Client(api_key="k", base_url=server.url + "/v1")
    aclient = api.AsyncClient(api_key="k", base_url=server.url + "/v1")
    assert client.beta.assistants.list().ok
    assert client.beta.assistants.threads.create(assistant_id="a 1").ok
    assert (await aclient.beta.assistants.list()).ok
    assert (await aclient.beta.assistants.threads.create(assistant_id="a 1")).ok
    assert [r.path for r in server.requests] == [
        "/v1/beta/assistants",
        "/v1/beta/assistants/a%201/threads",
    ] * 2

    for sync_resource, async_resource in [
        (client.health, aclient.health),
        (client.beta.assistants, aclient.beta.assistants),
        (client.beta.assistants.threads, aclient.beta.assistants.threads),
    ]:
        sync_methods = _public_methods(sync_resource)
        async_methods = _public_methods(async_resource)
        assert sync_methods.keys() == async_methods.keys()
        for name, signature in sync_methods.items():
            assert list(signature.parameters) == list(async_methods[name].parameters), name
            assert inspect.iscoroutinefunction(getattr(async_resource, name)), name
    assert set(_public_methods(client.health)) == {"ping", "slow", "flaky"}
    client.close()
    await aclient.close()


async def test_credentials_and_client_headers(
    generate: Generate, server: LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    api = generate(SPEC, "fn_surface_auth")
    server.route("GET", "/ping", PONG)
    monkeypatch.setenv("FN_SURFACE_FOLDER", "from-env")
    with api.Client(api_key="secret", base_url=server.url, folder_id="f-1") as client:
        client.health.ping()
    with api.Client(api_key="secret", base_url=server.url) as client:
        client.health.ping()
    async with api.AsyncClient(
        api_key="async-secret", base_url=server.url, folder_id="f-2"
    ) as aclient:
        await aclient.health.ping()
    first, second, third = (r.headers for r in server.requests)
    assert first["x-api-key"] == "secret" and "authorization" not in first
    assert first["x-folder-id"] == "f-1"
    assert second["x-folder-id"] == "from-env"
    assert third["x-api-key"] == "async-secret" and third["x-folder-id"] == "f-2"
    assert first["user-agent"].startswith("fn_surface_auth/")


async def test_default_base_url_from_servers(generate: Generate) -> None:
    api = generate(SPEC, "fn_surface_url")
    client_module = importlib.import_module("fn_surface_url._client")
    assert client_module.DEFAULT_BASE_URL == "https://api.example.invalid/v1"
    with api.Client(api_key="k") as client:
        assert str(client.base_url).rstrip("/") == "https://api.example.invalid/v1"


async def test_timeout_and_retries(generate: Generate, server: LocalServer) -> None:
    api = generate(SPEC, "fn_surface_timeout")

    def slow(request: Request) -> Reply:
        time.sleep(0.5)
        return Reply.json({"ok": True})

    attempts: list[int] = []

    def flaky(request: Request) -> Reply:
        attempts.append(1)
        if len(attempts) % 2:
            return Reply.json(
                {"error": {"message": "busy"}}, status=503, headers={"retry-after-ms": "10"}
            )
        return Reply.json({"ok": True})

    server.route("GET", "/slow", slow)
    server.route("POST", "/flaky", flaky)
    with api.Client(base_url=server.url, timeout=0.1, max_retries=0) as client:
        with pytest.raises(api.APITimeoutError):
            client.health.slow()
        assert client.health.slow(timeout=5).ok  # per call
        assert client.health.flaky(max_retries=1).ok  # 503 then 200
    assert len(attempts) == 2
    async with api.AsyncClient(base_url=server.url, timeout=0.1, max_retries=0) as aclient:
        with pytest.raises(api.APIConnectionError):  # APITimeoutError is a connection error
            await aclient.health.slow()
        with pytest.raises(api.InternalServerError):
            await aclient.health.flaky()  # no retries: the 503 surfaces
        assert (await aclient.health.flaky(max_retries=2)).ok


async def test_custom_http_client(generate: Generate, server: LocalServer) -> None:
    api = generate(SPEC, "fn_surface_http")
    server.route("GET", "/ping", PONG)
    seen: list[str] = []

    def hook(request: httpx2.Request) -> None:
        seen.append(str(request.url))

    with httpx2.Client(
        headers={"x-from-http-client": "yes"}, event_hooks={"request": [hook]}
    ) as http:
        client = api.Client(base_url=server.url, http_client=http)
        assert client.health.ping().ok
    assert seen == [server.url + "/ping"]
    assert server.requests[-1].headers["x-from-http-client"] == "yes"

    async def ahook(request: httpx2.Request) -> None:
        seen.append("async")

    async with httpx2.AsyncClient(event_hooks={"request": [ahook]}) as ahttp:
        aclient = api.AsyncClient(base_url=server.url, http_client=ahttp)
        assert (await aclient.health.ping()).ok
    assert seen[-1] == "async"
