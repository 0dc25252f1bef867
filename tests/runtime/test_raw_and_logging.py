"""Raw-response wrappers, and that secrets never reach logs or reprs."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.runtime.conftest import write_runtime
from tests.runtime.scripted_server import Reply, ScriptedServer, sse

SECRET = "sk-abcdef0123456789SECRET"


def make_resource(rt: SimpleNamespace, *, async_: bool) -> Any:
    """A resource shaped like the generated ones: keyword options become RequestOptions."""
    make_options = rt.types.make_options

    class Item(rt.models.BaseModel):
        id: str

    if async_:

        class AsyncItems(rt.base_client.AsyncResource):
            async def get(self, item_id: str, *, extra_headers: Any = None) -> Item:
                return await self._client.request(  # type: ignore[no-any-return]
                    "GET",
                    f"/items/{item_id}",
                    cast_to=Item,
                    options=make_options(extra_headers=extra_headers),
                    idempotent=True,
                )

            async def stream(self, *, extra_headers: Any = None) -> Any:
                return await self._client.request(
                    "POST",
                    "/stream",
                    cast_to=None,
                    stream=True,
                    stream_item=Item,
                    stream_terminator="[DONE]",
                    options=make_options(extra_headers=extra_headers),
                )

        return AsyncItems

    class Items(rt.base_client.SyncResource):
        def get(self, item_id: str, *, extra_headers: Any = None) -> Item:
            return self._client.request(  # type: ignore[no-any-return]
                "GET",
                f"/items/{item_id}",
                cast_to=Item,
                options=make_options(extra_headers=extra_headers),
                idempotent=True,
            )

        def stream(self, *, extra_headers: Any = None) -> Any:
            return self._client.request(
                "POST",
                "/stream",
                cast_to=None,
                stream=True,
                stream_item=Item,
                stream_terminator="[DONE]",
                options=make_options(extra_headers=extra_headers),
            )

    return Items


def test_raw_response_wrapper(rt: SimpleNamespace, server: ScriptedServer) -> None:
    server.reply("GET", "/items/a", Reply(body={"id": "a"}, headers={"x-request-id": "r-1"}))
    client = rt.base_client.SyncAPIClient(base_url=server.url)
    items = make_resource(rt, async_=False)(client)
    raw_get = rt.response.to_raw_response_wrapper(items.get)
    response = raw_get("a", extra_headers={"X-Mine": "1"})
    assert isinstance(response, rt.response.APIResponse)
    assert response.status_code == 200
    assert response.request_id == "r-1"
    assert response.headers["content-type"] == "application/json"
    assert response.content == b'{"id": "a"}'
    assert response.text == '{"id": "a"}'
    assert response.parse().id == "a"
    assert response.parse() is response.parse()
    sent = server.requests[-1].headers
    assert sent["x-mine"] == "1"
    assert rt.types.RAW_RESPONSE_HEADER.lower() not in sent
    assert items.get("a").id == "a"  # the wrapped method itself is unchanged


def test_raw_response_of_a_stream(rt: SimpleNamespace, server: ScriptedServer) -> None:
    server.reply("POST", "/stream", Reply(chunks=sse('{"id": "1"}', '{"id": "2"}')))
    client = rt.base_client.SyncAPIClient(base_url=server.url)
    items = make_resource(rt, async_=False)(client)
    response = rt.response.to_raw_response_wrapper(items.stream)()
    assert response.headers["content-type"] == "text/event-stream"
    with response.parse() as stream:
        assert [item.id for item in stream] == ["1", "2"]


def test_raw_response_still_raises_status_errors(
    rt: SimpleNamespace, server: ScriptedServer
) -> None:
    server.reply("GET", "/items/x", Reply(status=404, body={"error": {"message": "no"}}))
    client = rt.base_client.SyncAPIClient(base_url=server.url)
    raw_get = rt.response.to_raw_response_wrapper(make_resource(rt, async_=False)(client).get)
    with pytest.raises(rt.errors.NotFoundError):
        raw_get("x")


async def test_async_raw_response_wrapper(rt: SimpleNamespace, server: ScriptedServer) -> None:
    server.reply("GET", "/items/b", Reply(body={"id": "b"}))
    server.reply("POST", "/stream", Reply(chunks=sse('{"id": "1"}')))
    async with rt.base_client.AsyncAPIClient(base_url=server.url) as client:
        items = make_resource(rt, async_=True)(client)
        response = await rt.response.async_to_raw_response_wrapper(items.get)("b")
        assert isinstance(response, rt.response.AsyncAPIResponse)
        assert response.status_code == 200
        assert (await response.parse()).id == "b"
        assert response.content == b'{"id": "b"}'
        streamed = await rt.response.async_to_raw_response_wrapper(items.stream)()
        stream = await streamed.parse()
        assert [item.id async for item in stream] == ["1"]


def test_debug_logs_have_no_secrets(
    rt: SimpleNamespace, server: ScriptedServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG, logger="mypkg")
    server.reply("GET", "/items/a", Reply(status=503), Reply(body={"id": "a"}))
    client = rt.base_client.SyncAPIClient(
        base_url=server.url,
        api_key=SECRET,
        auth_scheme="Api-Key",
        initial_retry_delay=0.01,
        package="mypkg",
    )
    client.request("GET", "/items/a", cast_to=None, idempotent=True)
    logging.getLogger("mypkg").debug(
        "calling with api_key=%s and %s", SECRET, f"Bearer {SECRET}"
    )
    records = [r for r in caplog.records if r.name == "mypkg"]
    assert any("GET" in r.getMessage() and "/items/a" in r.getMessage() for r in records)
    assert any("(attempt 1)" in r.getMessage() for r in records)
    assert any("retrying" in r.getMessage() for r in records)
    assert SECRET not in caplog.text
    assert "<redacted>" in caplog.text


def test_redact(rt: SimpleNamespace) -> None:
    redact = rt.logging.redact
    assert redact(f"Authorization: Bearer {SECRET}") == "Authorization: Bearer <redacted>"
    assert redact(f"Api-Key {SECRET} rest") == "Api-Key <redacted> rest"
    assert redact(f"url?api_key={SECRET}&x=1") == "url?api_key=<redacted>&x=1"
    assert redact(f'{{"authorization": "{SECRET}"}}') == '{"authorization": "<redacted>"}'
    assert redact("nothing secret here") == "nothing secret here"
    assert rt.logging.redact_headers({"Authorization": "x", "Accept": "y"}) == {
        "Authorization": "<redacted>",
        "Accept": "y",
    }


def test_apigen_log_env_enables_debug_output(server: ScriptedServer, tmp_path: Path) -> None:
    write_runtime(tmp_path / "envpkg")
    (tmp_path / "envpkg" / "__init__.py").write_text("")
    server.reply("GET", "/ping", Reply(body={}))
    script = (
        "from envpkg._runtime import SyncAPIClient\n"
        f"SyncAPIClient(base_url={server.url!r}, api_key={SECRET!r}).request("
        "'GET', '/ping', cast_to=None)\n"
    )
    env = {**os.environ, "APIGEN_LOG": "debug", "PYTHONPATH": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=30
    )
    assert done.returncode == 0, done.stderr
    assert "GET http://127.0.0.1" in done.stderr
    assert SECRET not in done.stderr
