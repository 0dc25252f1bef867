"""WebSocket channels (`x-codegen-websockets`): generate a client from an inline spec, then hold
sessions with a real local `websockets` server that speaks the Realtime event protocol."""

from __future__ import annotations

import importlib
import socket
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.support.realtime_server import DELTAS, RealtimeServer
from tests.support.timing import SLACK

Generate = Any

SPEC = """
openapi: 3.1.0
info: {title: Talk, version: "1"}
servers:
  - url: https://api.example.com/v1
security:
  - bearer: []
paths:
  /realtime/client_secrets:
    post:
      operationId: createClientSecret
      x-codegen-resource: realtime
      x-codegen-method: create_client_secret
      responses:
        "200":
          description: a short-lived secret
          content:
            application/json:
              schema:
                type: object
                properties:
                  value: {type: string}
x-codegen-websockets:
  realtime:
    x-codegen-resource: realtime
    x-codegen-method: connect
    summary: Talk with the model
    url: wss://api.example.com/v1/realtime/openai
    parameters:
      - {name: model, in: query, required: true, schema: {type: string}, description: the model}
      - {name: voice, in: query, schema: {type: string}}
    client_events: {$ref: '#/components/schemas/ClientEvent'}
    server_events: {$ref: '#/components/schemas/ServerEvent'}
components:
  securitySchemes:
    bearer: {type: http, scheme: bearer}
  schemas:
    ClientEvent:
      oneOf:
        - $ref: '#/components/schemas/SessionUpdate'
        - $ref: '#/components/schemas/ResponseCreate'
      discriminator: {propertyName: type}
    SessionUpdate:
      type: object
      required: [type, session]
      properties:
        event_id: {type: string}
        type: {type: string, const: session.update}
        session: {$ref: '#/components/schemas/SessionSettings'}
    SessionSettings:
      type: object
      required: [type]
      properties:
        type: {type: string, const: realtime}
        instructions: {type: string}
    ResponseCreate:
      type: object
      required: [type]
      properties:
        event_id: {type: string}
        type: {type: string, const: response.create}
    ServerEvent:
      oneOf:
        - $ref: '#/components/schemas/SessionCreated'
        - $ref: '#/components/schemas/SessionUpdated'
        - $ref: '#/components/schemas/TextDelta'
        - $ref: '#/components/schemas/ResponseDone'
        - $ref: '#/components/schemas/ErrorEvent'
      discriminator: {propertyName: type}
    Session:
      type: object
      required: [id]
      properties:
        id: {type: string}
        instructions: {type: string}
    SessionCreated:
      type: object
      required: [event_id, type, session]
      properties:
        event_id: {type: string}
        type: {type: string, const: session.created}
        session: {$ref: '#/components/schemas/Session'}
    SessionUpdated:
      type: object
      required: [event_id, type, session]
      properties:
        event_id: {type: string}
        type: {type: string, const: session.updated}
        session: {$ref: '#/components/schemas/Session'}
    TextDelta:
      type: object
      required: [event_id, type, delta]
      properties:
        event_id: {type: string}
        type: {type: string, const: response.output_text.delta}
        delta: {type: string}
    ResponseDone:
      type: object
      required: [event_id, type, response]
      properties:
        event_id: {type: string}
        type: {type: string, const: response.done}
        response:
          type: object
          properties:
            status: {type: string}
    ErrorEvent:
      type: object
      required: [event_id, type, error]
      properties:
        event_id: {type: string}
        type: {type: string, const: error}
        error:
          type: object
          required: [message]
          properties:
            code: {type: [string, 'null']}
            message: {type: string}
            event_id: {type: [string, 'null']}
"""

MODEL = "gpt://folder/model"


@pytest.fixture
def talk(generate: Generate) -> ModuleType:
    package = generate(SPEC, "talk")
    importlib.import_module("talk.models")  # `talk.models` from here on
    return package


@pytest.fixture
def threaded() -> Iterator[RealtimeServer]:
    with RealtimeServer(reject_auth="Bearer key").in_thread() as server:
        yield server


@pytest.fixture
async def in_loop() -> AsyncIterator[RealtimeServer]:
    server = RealtimeServer(reject_auth="Bearer key")
    await server.start()
    yield server
    await server.stop()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def query(server: RealtimeServer) -> dict[str, list[str]]:
    return parse_qs(urlsplit(server.handshakes[-1].path).query)


# --- what is generated ------------------------------------------------------------------


def test_connect_is_a_plain_method_without_raw_response(talk: ModuleType, tmp_path: Path) -> None:
    root = tmp_path / "out" / "python" / "talk"
    assert '"websockets>=13"' in (root / "pyproject.toml").read_text()
    assert (root / "talk" / "_runtime" / "_realtime.py").is_file()
    client = talk.Client(api_key="key", base_url="http://127.0.0.1:1/v1")
    assert callable(client.realtime.connect)
    assert hasattr(client.realtime.with_raw_response, "create_client_secret")
    assert not hasattr(client.realtime.with_raw_response, "connect")
    source = (root / "talk" / "resources" / "realtime.py").read_text()
    assert '"/realtime/openai"' in source  # the spec URL's path below the server's `/v1`
    page = (tmp_path / "out" / "docs" / "talk" / "realtime.md").read_text()
    assert "WebSocket `wss://api.example.com/v1/realtime/openai`" in page
    assert "async with client.realtime.connect(model=\"...\") as connection:" in page
    assert "| `response.output_text.delta` | [TextDelta](data-types.md#textdelta) |" in page


def test_no_channel_no_websockets(generate: Generate, tmp_path: Path) -> None:
    generate(SPEC.replace("x-codegen-websockets:", "x-unused:"), "plain")
    root = tmp_path / "out" / "python" / "plain"
    assert "websockets" not in (root / "pyproject.toml").read_text()
    assert not (root / "plain" / "_runtime" / "_realtime.py").exists()
    assert "Realtime" not in (root / "plain" / "__init__.py").read_text()


# --- sync -------------------------------------------------------------------------------


def test_sync_session(talk: ModuleType, threaded: RealtimeServer) -> None:
    models = talk.models
    client = talk.Client(api_key="key", base_url=threaded.base_url, default_headers={"X-App": "demo"})
    with client.realtime.connect(
        model=MODEL, extra_headers={"X-Trace": "t-1"}, extra_query={"debug": "1"}
    ) as connection:
        assert isinstance(connection, talk.RealtimeConnection)
        created = connection.recv()
        assert isinstance(created, models.SessionCreated)
        assert created.session.id == "sess_1"

        connection.send(models.SessionUpdate(session=models.SessionSettings(instructions="Be brief.")))
        updated = connection.recv()
        assert isinstance(updated, models.SessionUpdated)
        assert updated.session.instructions == "Be brief."

        connection.send({"type": "response.create"})
        events = []
        for event in connection:
            events.append(event)
            if isinstance(event, models.ResponseDone):
                break
        # types the spec does not list arrive as unknown events that keep their fields
        unknown = [e for e in events if isinstance(e, talk.RealtimeUnknownEvent)]
        assert [e.type for e in unknown] == ["response.created", "response.output_item.added"]
        assert unknown[1].model_extra["item"]["role"] == "assistant"
        text = "".join(e.delta for e in events if isinstance(e, models.TextDelta))
        assert text == "".join(DELTAS)
        assert events[-1].response.status == "completed"

        # an error event is an event: the session stays open
        connection.send({"type": "nonsense", "event_id": "evt_7"})
        error = connection.recv()
        assert isinstance(error, models.ErrorEvent)
        assert error.error.event_id == "evt_7"
        assert error.error.code == "unknown_event"
        connection.send({"type": "session.update", "session": {"type": "realtime"}})
        assert isinstance(connection.recv(), models.SessionUpdated)

    handshake = threaded.handshakes[-1]
    assert urlsplit(handshake.path).path == "/v1/realtime/openai"
    assert query(threaded) == {"model": [MODEL], "debug": ["1"]}  # `voice` omitted: not sent
    assert handshake.headers["authorization"] == "Bearer key"
    assert handshake.headers["x-app"] == "demo"
    assert handshake.headers["x-trace"] == "t-1"
    assert handshake.headers["user-agent"].startswith("talk/")
    assert threaded.received[0] == {
        "type": "session.update",
        "session": {"type": "realtime", "instructions": "Be brief."},
    }


def test_sync_optional_query_parameter(talk: ModuleType, threaded: RealtimeServer) -> None:
    client = talk.Client(api_key="key", base_url=threaded.base_url)
    with client.realtime.connect(model=MODEL, voice="alloy") as connection:
        connection.recv()
    assert query(threaded) == {"model": [MODEL], "voice": ["alloy"]}


def test_sync_clean_close_ends_iteration(talk: ModuleType, threaded: RealtimeServer) -> None:
    threaded.close_after_response = True
    with talk.Client(api_key="key", base_url=threaded.base_url).realtime.connect(model=MODEL) as connection:
        connection.send({"type": "response.create"})
        events = list(connection)
        assert isinstance(events[0], talk.models.SessionCreated)
        assert isinstance(events[-1], talk.models.ResponseDone)
        with pytest.raises(talk.RealtimeSessionClosed) as closed:
            connection.recv()
        assert closed.value.code == 1000
        assert closed.value.reason == "done"


def test_sync_drop_raises_connection_error(talk: ModuleType, threaded: RealtimeServer) -> None:
    threaded.drop_after_deltas = 1
    with talk.Client(api_key="key", base_url=threaded.base_url).realtime.connect(model=MODEL) as connection:
        connection.send({"type": "response.create"})
        seen = []
        with pytest.raises(talk.APIConnectionError) as raised:
            for event in connection:
                seen.append(event)
        assert isinstance(seen[-1], talk.models.TextDelta)
        assert "without a close frame" in str(raised.value)
        with pytest.raises(talk.APIConnectionError):
            connection.send({"type": "response.create"})


def test_sync_401_raises_authentication_error(talk: ModuleType, threaded: RealtimeServer) -> None:
    client = talk.Client(api_key="bad", base_url=threaded.base_url)
    with pytest.raises(talk.AuthenticationError) as raised:
        client.realtime.connect(model=MODEL)
    assert raised.value.status_code == 401
    assert raised.value.request_id == "req-401"
    assert raised.value.body["error"]["type"] == "invalid_api_key"


def test_sync_401_echoing_the_key_keeps_it_out_of_the_error(
    talk: ModuleType, threaded: RealtimeServer
) -> None:
    secret = "sk-realtime-echoed-4242"
    client = talk.Client(api_key=secret, base_url=threaded.base_url)
    with pytest.raises(talk.AuthenticationError) as raised:
        client.realtime.connect(model=MODEL)
    error = raised.value
    assert threaded.handshakes[-1].headers["authorization"] == f"Bearer {secret}"
    texts = (str(error), repr(error), error.message, repr(error.body))
    assert all(secret not in text for text in texts), texts
    assert "<redacted>" in error.message


def test_handshake_turned_away_follows_the_retry_policy(talk: ModuleType) -> None:
    from tests.runtime.scripted_server import Reply, ScriptedServer

    server = ScriptedServer()
    server.start()
    try:
        path = "/v1/realtime/openai"
        server.reply("GET", path, Reply(status=503, headers={"Retry-After": "0.05"}))
        client = talk.Client(api_key="k-ws-1", base_url=server.url + "/v1", max_retries=2)
        with pytest.raises(talk.InternalServerError):
            client.realtime.connect(model=MODEL)
        assert len(server.requests_to(path)) == 3  # the first try and two retries
        server.reply("GET", path, Reply(status=429, headers={"Retry-After": "100000"}))
        started = time.monotonic()
        with pytest.raises(talk.RateLimitError):
            client.with_options(timeout=60).realtime.connect(model=MODEL)
        assert time.monotonic() - started < SLACK  # the wait asked for is past the 60 s deadline
    finally:
        server.stop()


def test_sync_token_provider_is_asked_again_after_401(talk: ModuleType, threaded: RealtimeServer) -> None:
    tokens = iter(["revoked", "key"])
    client = talk.Client(token_provider=lambda: next(tokens), base_url=threaded.base_url)
    with client.realtime.connect(model=MODEL) as connection:
        assert isinstance(connection.recv(), talk.models.SessionCreated)
    assert [h.headers["authorization"] for h in threaded.handshakes] == ["Bearer revoked", "Bearer key"]


def test_sync_refused_raises_connection_error(talk: ModuleType) -> None:
    client = talk.Client(api_key="key", base_url=f"http://127.0.0.1:{free_port()}/v1")
    with pytest.raises(talk.APIConnectionError):
        client.realtime.connect(model=MODEL)


def test_sync_handshake_timeout(talk: ModuleType) -> None:
    with socket.socket() as silent:  # accepts TCP connections, never answers the upgrade
        silent.bind(("127.0.0.1", 0))
        silent.listen()
        port = silent.getsockname()[1]
        client = talk.Client(api_key="key", base_url=f"http://127.0.0.1:{port}/v1", timeout=0.3)
        started = time.monotonic()
        with pytest.raises(talk.APITimeoutError):
            client.realtime.connect(model=MODEL)
        assert time.monotonic() - started < 0.3 + SLACK  # the client's timeout, not websockets' 10 s


# --- async ------------------------------------------------------------------------------


async def test_async_session(talk: ModuleType, in_loop: RealtimeServer) -> None:
    models = talk.models
    client = talk.AsyncClient(api_key="key", base_url=in_loop.base_url)
    async with client.realtime.connect(model=MODEL, extra_headers={"X-Trace": "t-2"}) as connection:
        assert isinstance(connection, talk.AsyncRealtimeConnection)
        assert isinstance(await connection.recv(), models.SessionCreated)
        await connection.send(models.SessionUpdate(session=models.SessionSettings(instructions="Hi")))
        assert (await connection.recv()).session.instructions == "Hi"
        await connection.send(models.ResponseCreate())
        events = []
        async for event in connection:
            events.append(event)
            if isinstance(event, models.ResponseDone):
                break
        assert "".join(e.delta for e in events if isinstance(e, models.TextDelta)) == "".join(DELTAS)
        assert any(isinstance(e, talk.RealtimeUnknownEvent) for e in events)
        await connection.send({"type": "nonsense"})
        error = await connection.recv()
        assert isinstance(error, models.ErrorEvent)
        await connection.send({"type": "response.create"})
        assert isinstance(await connection.recv(), talk.RealtimeUnknownEvent)  # response.created
    assert in_loop.handshakes[-1].headers["authorization"] == "Bearer key"
    assert in_loop.handshakes[-1].headers["x-trace"] == "t-2"
    assert in_loop.received[1] == {"type": "response.create"}


async def test_async_await_connect_and_clean_close(talk: ModuleType, in_loop: RealtimeServer) -> None:
    in_loop.close_after_response = True
    connection = await talk.AsyncClient(api_key="key", base_url=in_loop.base_url).realtime.connect(model=MODEL)
    await connection.send({"type": "response.create"})
    events = [event async for event in connection]
    assert isinstance(events[-1], talk.models.ResponseDone)
    with pytest.raises(talk.RealtimeSessionClosed):
        await connection.recv()
    await connection.close()


async def test_async_drop_raises_connection_error(talk: ModuleType, in_loop: RealtimeServer) -> None:
    in_loop.drop_after_deltas = 0
    async with talk.AsyncClient(api_key="key", base_url=in_loop.base_url).realtime.connect(model=MODEL) as connection:
        await connection.send({"type": "response.create"})
        with pytest.raises(talk.APIConnectionError) as raised:
            async for _ in connection:
                pass
        assert not isinstance(raised.value, talk.RealtimeSessionClosed)


async def test_async_401_raises_authentication_error(talk: ModuleType, in_loop: RealtimeServer) -> None:
    client = talk.AsyncClient(api_key="bad", base_url=in_loop.base_url)
    with pytest.raises(talk.AuthenticationError) as raised:
        await client.realtime.connect(model=MODEL)
    assert raised.value.status_code == 401


async def test_async_token_provider(talk: ModuleType, in_loop: RealtimeServer) -> None:
    async def provider() -> str:
        return "key"

    client = talk.AsyncClient(token_provider=provider, base_url=in_loop.base_url)
    async with client.realtime.connect(model=MODEL) as connection:
        assert isinstance(await connection.recv(), talk.models.SessionCreated)
    assert in_loop.handshakes[-1].headers["authorization"] == "Bearer key"


async def test_async_not_connected_is_a_clear_error(talk: ModuleType) -> None:
    connection = talk.AsyncClient(api_key="key", base_url="http://127.0.0.1:1/v1").realtime.connect(model=MODEL)
    with pytest.raises(RuntimeError, match="not connected"):
        await connection.send({"type": "response.create"})


async def test_async_refused_raises_connection_error(talk: ModuleType) -> None:
    client = talk.AsyncClient(api_key="key", base_url=f"http://127.0.0.1:{free_port()}/v1")
    with pytest.raises(talk.APIConnectionError):
        async with client.realtime.connect(model=MODEL):
            pass


# --- event unions written inline ------------------------------------------------------------

INLINE_SPEC = """
openapi: 3.1.0
info: {title: Inline, version: "1"}
servers:
  - url: https://api.example.com/v1
paths: {}
x-codegen-websockets:
  live:
    url: wss://api.example.com/v1/realtime/openai
    client_events:
      type: object
      required: [type]
      properties:
        type: {type: string}
    server_events:
      oneOf:
        - $ref: '#/components/schemas/Created'
        - $ref: '#/components/schemas/Delta'
      discriminator:
        propertyName: type
        mapping:
          session.created: '#/components/schemas/Created'
          response.output_text.delta: '#/components/schemas/Delta'
components:
  schemas:
    Created:
      type: object
      required: [type]
      properties:
        type: {type: string}
        session: {type: object}
    Delta:
      type: object
      required: [type, delta]
      properties:
        type: {type: string}
        delta: {type: string}
"""


def test_inline_union_chosen_by_mapping(generate: Generate, threaded: RealtimeServer) -> None:
    inline = generate(INLINE_SPEC, "inline")
    models = importlib.import_module("inline.models")
    threaded.reject_auth = None
    with inline.Client(base_url=threaded.base_url).live.connect() as connection:
        assert isinstance(connection.recv(), models.Created)
        connection.send({"type": "response.create"})
        events = []
        for event in connection:
            events.append(event)
            if event.type == "response.done":
                break
    assert [e.delta for e in events if isinstance(e, models.Delta)] == list(DELTAS)
    assert isinstance(events[0], inline.RealtimeUnknownEvent)  # response.created: not mapped
