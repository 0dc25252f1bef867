"""The committed AI Studio package's Realtime sessions (`ai_studio.openai`) against a local server.

The server (tests/support/realtime_server.py) speaks the event protocol: `session.created` on
connect, `session.updated` after `session.update`, deltas then `response.done` after
`response.create`, an `error` event for a bad client event.
"""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator, Iterator
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from ai_studio import AIStudio, AsyncAIStudio
from ai_studio.openai import (
    APIConnectionError,
    AsyncClient,
    AsyncRealtimeConnection,
    AuthenticationError,
    Client,
    RealtimeConnection,
    RealtimeSessionClosed,
    RealtimeUnknownEvent,
)
from ai_studio.openai.models import (
    RealtimeClientEventInputAudioBufferCommit,
    RealtimeClientEventResponseCreate,
    RealtimeClientEventSessionUpdate,
    RealtimeServerEventError,
    RealtimeServerEventInputAudioBufferCommitted,
    RealtimeServerEventResponseCreated,
    RealtimeServerEventResponseDone,
    RealtimeServerEventResponseTextDelta,
    RealtimeServerEventSessionCreated,
    RealtimeServerEventSessionUpdated,
    RealtimeSessionCreateRequestGA,
)

from tests.support.realtime_server import DELTAS, RealtimeServer

MODEL = "gpt://b1gfolder/yandexgpt/latest"
KEY = "test-key"


@pytest.fixture
def threaded() -> Iterator[RealtimeServer]:
    """For the sync client: the server runs on its own event loop in a thread."""
    with RealtimeServer(reject_auth=f"Api-Key {KEY}").in_thread() as server:
        yield server


@pytest.fixture
async def in_loop() -> AsyncIterator[RealtimeServer]:
    """For the async client: the server runs in the test's event loop."""
    server = RealtimeServer(reject_auth=f"Api-Key {KEY}")
    await server.start()
    yield server
    await server.stop()


def sync_client(server: RealtimeServer, **options: Any) -> Client:
    return Client(api_key=KEY, folder_id="b1gfolder", base_url=server.base_url, **options)


def async_client(server: RealtimeServer, **options: Any) -> AsyncClient:
    return AsyncClient(api_key=KEY, folder_id="b1gfolder", base_url=server.base_url, **options)


def until_done(events: Iterator[Any]) -> list[Any]:
    collected = []
    for event in events:
        collected.append(event)
        if isinstance(event, RealtimeServerEventResponseDone):
            break
    return collected


def check_response(events: list[Any]) -> None:
    """response.created, an event type the spec lacks, the deltas, response.done."""
    assert isinstance(events[0], RealtimeServerEventResponseCreated)
    unknown = events[1]
    assert isinstance(unknown, RealtimeUnknownEvent)
    assert unknown.type == "response.output_item.added"
    assert unknown.model_extra is not None and unknown.model_extra["item"]["id"] == "item_2"
    deltas = events[2:-1]
    assert all(isinstance(e, RealtimeServerEventResponseTextDelta) for e in deltas)
    assert "".join(e.delta for e in deltas) == "".join(DELTAS)
    done = events[-1]
    assert isinstance(done, RealtimeServerEventResponseDone)
    assert done.response.status == "completed"
    assert done.response.usage is not None and done.response.usage.output_tokens == 3


def check_handshake(server: RealtimeServer) -> None:
    handshake = server.handshakes[-1]
    url = urlsplit(handshake.path)
    assert url.path == "/v1/realtime/openai"
    assert parse_qs(url.query) == {"model": [MODEL]}
    assert handshake.headers["authorization"] == f"Api-Key {KEY}"
    assert handshake.headers["openai-project"] == "b1gfolder"
    assert handshake.headers["x-trace"] == "t-1"
    assert handshake.headers["user-agent"].startswith("ai_studio.openai/")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


# --- sync -------------------------------------------------------------------------------


def test_sync_session_exchanges_typed_events(threaded: RealtimeServer) -> None:
    client = sync_client(threaded)
    with client.realtime.connect(model=MODEL, extra_headers={"X-Trace": "t-1"}) as connection:
        assert isinstance(connection, RealtimeConnection)
        created = connection.recv()
        assert isinstance(created, RealtimeServerEventSessionCreated)
        assert created.session.id == "sess_1"

        session = RealtimeSessionCreateRequestGA(instructions="Answer briefly.")
        connection.send(RealtimeClientEventSessionUpdate(session=session))
        updated = connection.recv()
        assert isinstance(updated, RealtimeServerEventSessionUpdated)
        assert updated.session.instructions == "Answer briefly."

        connection.send(RealtimeClientEventResponseCreate())
        check_response(until_done(iter(connection)))

        # a bad event gets an error event, typed; the session stays open
        connection.send({"type": "response.explode", "event_id": "evt_bad"})
        error = connection.recv()
        assert isinstance(error, RealtimeServerEventError)
        assert error.error.code == "unknown_event"
        assert error.error.event_id == "evt_bad"
        connection.send(RealtimeClientEventInputAudioBufferCommit(event_id="evt_2"))
        assert isinstance(connection.recv(), RealtimeServerEventInputAudioBufferCommitted)

    check_handshake(threaded)
    # models go out by wire names, with their constant `type` fields (nested ones too)
    assert threaded.received[:2] == [
        {"type": "session.update", "session": {"type": "realtime", "instructions": "Answer briefly."}},
        {"type": "response.create"},
    ]


def test_sync_clean_close_ends_iteration(threaded: RealtimeServer) -> None:
    threaded.close_after_response = True
    with sync_client(threaded).realtime.connect(model=MODEL) as connection:
        connection.send({"type": "response.create"})
        events = list(connection)
        assert isinstance(events[0], RealtimeServerEventSessionCreated)
        check_response(events[1:])
        with pytest.raises(RealtimeSessionClosed) as closed:
            connection.recv()
        assert closed.value.code == 1000


def test_sync_dropped_connection_raises_connection_error(threaded: RealtimeServer) -> None:
    threaded.drop_after_deltas = 1
    deltas = []
    with sync_client(threaded).realtime.connect(model=MODEL) as connection:
        connection.send({"type": "response.create"})
        with pytest.raises(APIConnectionError) as raised:
            for event in connection:
                if isinstance(event, RealtimeServerEventResponseTextDelta):
                    deltas.append(event.delta)
    assert deltas == [DELTAS[0]]
    assert not isinstance(raised.value, RealtimeSessionClosed)


def test_sync_rejected_handshake_raises_authentication_error(threaded: RealtimeServer) -> None:
    client = Client(api_key="wrong", base_url=threaded.base_url)
    with pytest.raises(AuthenticationError) as raised:
        client.realtime.connect(model=MODEL)
    error = raised.value
    assert error.status_code == 401
    assert error.request_id == "req-401"
    # the server echoed the key it refused: the error keeps the message, not the key
    assert error.body == {
        "error": {"message": "Unknown api key (Api-Key <redacted>)", "type": "invalid_api_key"}
    }
    assert "Unknown api key" in error.message and "wrong" not in error.message
    assert threaded.handshakes[-1].headers["authorization"] == "Api-Key wrong"


def test_sync_one_client_object_sends_an_iam_token(threaded: RealtimeServer) -> None:
    threaded.reject_auth = "Bearer t1.iam"
    studio = AIStudio(iam_token="t1.iam", folder_id="b1gfolder", openai_base_url=threaded.base_url)
    with studio.openai.realtime.connect(model=studio.gpt_uri("yandexgpt")) as connection:
        assert isinstance(connection.recv(), RealtimeServerEventSessionCreated)
    handshake = threaded.handshakes[-1]
    assert handshake.headers["authorization"] == "Bearer t1.iam"
    assert parse_qs(urlsplit(handshake.path).query) == {"model": [MODEL]}


def test_sync_unreachable_server_raises_connection_error() -> None:
    client = Client(api_key=KEY, base_url=f"http://127.0.0.1:{free_port()}/v1")
    with pytest.raises(APIConnectionError):
        client.realtime.connect(model=MODEL)


# --- async ------------------------------------------------------------------------------


async def test_async_session_exchanges_typed_events(in_loop: RealtimeServer) -> None:
    client = async_client(in_loop)
    async with client.realtime.connect(model=MODEL, extra_headers={"X-Trace": "t-1"}) as connection:
        assert isinstance(connection, AsyncRealtimeConnection)
        assert isinstance(await connection.recv(), RealtimeServerEventSessionCreated)

        session = RealtimeSessionCreateRequestGA(instructions="Answer briefly.")
        await connection.send(RealtimeClientEventSessionUpdate(session=session))
        updated = await connection.recv()
        assert isinstance(updated, RealtimeServerEventSessionUpdated)
        assert updated.session.instructions == "Answer briefly."

        await connection.send({"type": "response.create"})
        events = []
        async for event in connection:
            events.append(event)
            if isinstance(event, RealtimeServerEventResponseDone):
                break
        check_response(events)

        await connection.send({"type": "response.explode", "event_id": "evt_bad"})
        error = await connection.recv()
        assert isinstance(error, RealtimeServerEventError)
        assert error.error.event_id == "evt_bad"
        await connection.send(RealtimeClientEventInputAudioBufferCommit())
        assert isinstance(await connection.recv(), RealtimeServerEventInputAudioBufferCommitted)
    check_handshake(in_loop)
    assert in_loop.received[0] == {
        "type": "session.update",
        "session": {"type": "realtime", "instructions": "Answer briefly."},
    }


async def test_async_await_then_close(in_loop: RealtimeServer) -> None:
    in_loop.close_after_response = True
    connection = await async_client(in_loop).realtime.connect(model=MODEL)
    try:
        await connection.send(RealtimeClientEventResponseCreate())
        events = [event async for event in connection]
        assert isinstance(events[0], RealtimeServerEventSessionCreated)
        check_response(events[1:])
        with pytest.raises(RealtimeSessionClosed):
            await connection.recv()
    finally:
        await connection.close()


async def test_async_dropped_connection_raises_connection_error(in_loop: RealtimeServer) -> None:
    in_loop.drop_after_deltas = 2
    deltas = []
    async with async_client(in_loop).realtime.connect(model=MODEL) as connection:
        await connection.send({"type": "response.create"})
        with pytest.raises(APIConnectionError) as raised:
            async for event in connection:
                if isinstance(event, RealtimeServerEventResponseTextDelta):
                    deltas.append(event.delta)
    assert deltas == list(DELTAS[:2])
    assert not isinstance(raised.value, RealtimeSessionClosed)


async def test_async_rejected_handshake_raises_authentication_error(in_loop: RealtimeServer) -> None:
    client = AsyncClient(api_key="wrong", base_url=in_loop.base_url)
    with pytest.raises(AuthenticationError) as raised:
        async with client.realtime.connect(model=MODEL):
            pass
    assert raised.value.status_code == 401
    assert raised.value.request_id == "req-401"


async def test_async_one_client_object(in_loop: RealtimeServer) -> None:
    studio = AsyncAIStudio(api_key=KEY, folder_id="b1gfolder", openai_base_url=in_loop.base_url)
    async with studio.openai.realtime.connect(model=studio.gpt_uri("yandexgpt")) as connection:
        assert isinstance(await connection.recv(), RealtimeServerEventSessionCreated)
    assert in_loop.handshakes[-1].headers["openai-project"] == "b1gfolder"


async def test_async_unreachable_server_raises_connection_error() -> None:
    client = AsyncClient(api_key=KEY, base_url=f"http://127.0.0.1:{free_port()}/v1")
    with pytest.raises(APIConnectionError):
        await client.realtime.connect(model=MODEL)
