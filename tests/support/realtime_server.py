"""A WebSocket server on 127.0.0.1 that speaks a small part of the Realtime event protocol.

On connect it sends `session.created`; `session.update` gets `session.updated`;
`input_audio_buffer.commit` gets `input_audio_buffer.committed`; `response.create` gets
`response.created`, `response.output_item.added` (an event type our spec does not declare),
three `response.output_text.delta` events ("Hel", "lo", "!") and `response.done`; anything else
(an unknown type, a message that is not JSON) gets an `error` event and the session goes on.

Knobs for failure tests: `reject_auth` (the handshake needs this `Authorization` value, else 401
with a JSON body), `drop_after_deltas` (abort the TCP connection, no close frame, after that many
deltas), `close_after_response` (close cleanly with 1000 after `response.done`).

Use `await server.start()` inside a test's event loop, or `with server.in_thread():` for sync clients.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

from websockets.asyncio.server import Server, ServerConnection, serve
from websockets.http11 import Request, Response

PATH = "/v1/realtime/openai"
DELTAS = ("Hel", "lo", "!")


@dataclass
class Handshake:
    path: str  # with the query
    headers: dict[str, str]  # names in lower case


@dataclass
class RealtimeServer:
    reject_auth: str | None = None
    drop_after_deltas: int | None = None
    close_after_response: bool = False
    handshakes: list[Handshake] = field(default_factory=list)
    received: list[Any] = field(default_factory=list)  # client messages, JSON-decoded when possible
    port: int = 0
    _server: Server | None = None
    _ids: Iterator[int] = field(default_factory=itertools.count)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    async def start(self) -> None:
        self._server = await serve(self._session, "127.0.0.1", 0, process_request=self._handshake)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    @contextmanager
    def in_thread(self) -> Iterator[RealtimeServer]:
        """Run the server on an event loop of its own, for synchronous clients."""
        loop = asyncio.new_event_loop()
        thread = threading.Thread(target=loop.run_forever, daemon=True)
        thread.start()
        try:
            asyncio.run_coroutine_threadsafe(self.start(), loop).result(5)
            yield self
        finally:
            asyncio.run_coroutine_threadsafe(self.stop(), loop).result(5)
            loop.call_soon_threadsafe(loop.stop)
            thread.join(5)
            loop.close()

    # --- the protocol -------------------------------------------------------------------

    def _handshake(self, connection: ServerConnection, request: Request) -> Response | None:
        headers = {name.lower(): value for name, value in request.headers.raw_items()}
        self.handshakes.append(Handshake(request.path, headers))
        if not request.path.startswith(PATH + "?") and request.path != PATH:
            return connection.respond(HTTPStatus.NOT_FOUND, "no such channel\n")
        if self.reject_auth is not None and headers.get("authorization") != self.reject_auth:
            # as careless servers do, the message echoes the credential it refused
            echoed = headers.get("authorization", "")
            body = {"error": {"message": f"Unknown api key ({echoed})", "type": "invalid_api_key"}}
            response = connection.respond(HTTPStatus.UNAUTHORIZED, json.dumps(body))
            del response.headers["Content-Type"]
            response.headers["Content-Type"] = "application/json"
            response.headers["x-request-id"] = "req-401"
            return response
        return None

    async def _session(self, connection: ServerConnection) -> None:
        session: dict[str, Any] = {
            "type": "realtime",
            "id": "sess_1",
            "object": "realtime.session",
            "model": "gpt://folder/model",
            "output_modalities": ["text"],
        }
        await self._send(connection, {"type": "session.created", "session": session})
        async for message in connection:
            try:
                event = json.loads(message)
            except ValueError:
                event = None
            self.received.append(event if event is not None else message)
            kind = event.get("type") if isinstance(event, dict) else None
            if kind == "session.update" and isinstance(event, dict):
                update = {k: v for k, v in event.get("session", {}).items() if k != "type"}
                session.update(update)
                await self._send(connection, {"type": "session.updated", "session": session})
            elif kind == "input_audio_buffer.append":
                pass
            elif kind == "input_audio_buffer.commit":
                await self._send(
                    connection,
                    {"type": "input_audio_buffer.committed", "previous_item_id": None, "item_id": "item_1"},
                )
            elif kind == "response.create":
                if not await self._respond(connection):
                    return
                if self.close_after_response:
                    await connection.close(1000, "done")
                    return
            else:
                client_id = event.get("event_id") if isinstance(event, dict) else None
                error = {
                    "type": "invalid_request_error",
                    "code": "unknown_event" if kind else "invalid_json",
                    "message": f"Unknown event type {kind!r}" if kind else "Not a JSON event",
                    "param": None,
                    "event_id": client_id,
                }
                await self._send(connection, {"type": "error", "error": error})

    async def _respond(self, connection: ServerConnection) -> bool:
        """A text response; False when the connection was dropped on purpose."""
        response: dict[str, Any] = {"id": "resp_1", "object": "realtime.response", "status": "in_progress", "output": []}
        await self._send(connection, {"type": "response.created", "response": response})
        item = {"id": "item_2", "type": "message", "role": "assistant", "content": []}
        await self._send(
            connection,
            {"type": "response.output_item.added", "response_id": "resp_1", "output_index": 0, "item": item},
        )
        for index, piece in enumerate(DELTAS):
            if self.drop_after_deltas == index:
                connection.transport.abort()  # no close frame: the client sees a broken connection
                return False
            delta = {
                "type": "response.output_text.delta",
                "response_id": "resp_1",
                "item_id": "item_2",
                "output_index": 0,
                "content_index": 0,
                "delta": piece,
            }
            await self._send(connection, delta)
        done = {**response, "status": "completed", "usage": {"total_tokens": 5, "input_tokens": 2, "output_tokens": 3}}
        await self._send(connection, {"type": "response.done", "response": done})
        return True

    async def _send(self, connection: ServerConnection, event: dict[str, Any]) -> None:
        await connection.send(json.dumps({"event_id": f"event_{next(self._ids)}", **event}))
