"""Sessions over a WebSocket: JSON events both ways, typed by the API description, sync and async.

A connection sends client events (models or plain mappings) as JSON text frames and parses every
frame it receives into the server event union. A server event whose `type` this client does not
know (the server added it after the client was generated) comes back as a `RealtimeUnknownEvent`
that keeps every field, so a new event type never breaks a session. Error events the server sends
(`{"type": "error", ...}` in the Realtime protocol) are ordinary events: they are returned like any
other and the session stays open.

Errors: a rejected handshake raises the `APIStatusError` subclass of its HTTP status
(`AuthenticationError` for 401, ...); a server that cannot be reached, or a connection that breaks
(closed without a close frame, or with an error code), raises `APIConnectionError`
(`APITimeoutError` when the handshake times out); `recv()` on a session closed cleanly raises
`RealtimeSessionClosed`, and iteration simply ends.

`websockets` is imported on first use, so a package whose API has no WebSocket channel never
needs it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable, Generator, Iterator, Mapping
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, Self, TypeVar, cast

import pydantic

from ._base_client import AsyncAPIClient, SyncAPIClient, _ClientCore, _error_body
from ._body import json_bytes
from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    status_error,
)
from ._models import BaseModel, json_parser
from ._retries import status_outcome, transport_outcome
from ._types import RequestOptions, omit

if TYPE_CHECKING:
    from websockets.asyncio.client import ClientConnection as AsyncClientConnection
    from websockets.exceptions import ConnectionClosed, InvalidStatus
    from websockets.sync.client import ClientConnection

__all__ = [
    "MAX_MESSAGE_SIZE",
    "AsyncRealtimeConnection",
    "RealtimeConnection",
    "RealtimeSessionClosed",
    "RealtimeUnknownEvent",
    "connect_realtime",
]

ClientT = TypeVar("ClientT")
ServerT = TypeVar("ServerT")

# the largest message accepted from the server (audio deltas are big; the default 1 MiB is not)
MAX_MESSAGE_SIZE = 16 * 1024 * 1024


class RealtimeUnknownEvent(BaseModel):
    """A server event of a type this client does not know; every field of the message is kept."""

    type: str


class RealtimeSessionClosed(APIError):
    """The session was closed cleanly (by either side): nothing more will arrive."""

    code: int | None
    reason: str

    def __init__(self, code: int | None, reason: str) -> None:
        detail = f"code {code}" if code else "no close code"
        super().__init__(f"The session is closed ({detail}{': ' + reason if reason else ''}).")
        self.code = code
        self.reason = reason


# --- the handshake ------------------------------------------------------------------------


class _Handshake:
    """The URL and headers of the upgrade request, built like an HTTP request of the client."""

    def __init__(
        self,
        client: _ClientCore,
        path: str,
        params: Mapping[str, object] | None,
        query_styles: Mapping[str, str] | None,
        options: RequestOptions | None,
    ) -> None:
        import httpx2

        prepared = client._prepare(
            "GET",
            path,
            params=params,
            query_styles=query_styles,
            headers=None,
            json_body=omit,
            form=None,
            content=None,
            content_type=None,
            options=options,
            idempotent=True,
            multipart=False,
        )
        self.headers = prepared.headers
        self.user_agent = self.headers.pop("user-agent", None)
        self.open_timeout = prepared.timeout.connect
        # opening a session does no work on the server: repeated like an idempotent request
        self.attempts = client._attempts(prepared)
        self.request = httpx2.Request("GET", prepared.url, params=prepared.params)
        self.url = _websocket_url(str(self.request.url))
        self._may_refresh = client._has_token_provider()

    def authorize(self, client: _ClientCore, token: str) -> None:
        self.headers[client.auth_header.lower()] = client._auth_value(token)

    def connect_options(self) -> dict[str, Any]:
        return {
            "additional_headers": self.headers,
            "user_agent_header": self.user_agent,
            "open_timeout": self.attempts.deadline.cap(self.open_timeout),
            "max_size": MAX_MESSAGE_SIZE,
        }

    def after_failure(self, client: _ClientCore, exc: Exception) -> float:
        """Seconds before the next handshake (0 after a 401 with a token to renew), or raise
        the typed error when the failure is final. The one policy of both connection kinds."""
        from websockets.exceptions import InvalidStatus

        if isinstance(exc, InvalidStatus):
            if self.retry_with_new_token(exc):
                client._forget_token()
                return 0.0
            delay = self.wait_after_status(exc)
            if delay is None:
                raise self.rejected(exc) from exc
            return delay
        delay = self.wait_after_failure(exc)
        if delay is None:
            raise self.failed(exc) from exc
        return delay

    def retry_with_new_token(self, exc: InvalidStatus) -> bool:
        """After a 401, once, when a token provider may have handed out a revoked token."""
        if exc.response.status_code == 401 and self._may_refresh:
            self._may_refresh = False
            return True
        return False

    def wait_after_status(self, exc: InvalidStatus) -> float | None:
        """Seconds before the next handshake after an HTTP error status, or None: raise it."""
        answer = exc.response
        return self.attempts.after(status_outcome(answer.status_code), answer.headers)

    def wait_after_failure(self, exc: BaseException) -> float | None:
        """Seconds before the next handshake after a failed connection, or None: raise it."""
        if isinstance(exc, TimeoutError) or self.attempts.deadline.passed():
            return None
        return self.attempts.after(transport_outcome(exc))

    def rejected(self, exc: InvalidStatus) -> APIStatusError:
        """The typed error of a handshake the server answered with an HTTP error status."""
        import httpx2

        answer = exc.response
        content = bytes(answer.body or b"")
        response = httpx2.Response(
            answer.status_code,
            headers=list(answer.headers.raw_items()),
            content=content,
            request=self.request,
        )
        return status_error(response, _error_body(content))

    def failed(self, exc: BaseException) -> APIError:
        """The typed error of a handshake that did not complete."""
        if isinstance(exc, TimeoutError):
            return APITimeoutError(
                f"The WebSocket handshake timed out: {exc}", request=self.request
            )
        return APIConnectionError(f"Could not open the WebSocket: {exc}", request=self.request)


def _websocket_url(url: str) -> str:
    """http(s):// -> ws(s):// (the client's base URL is an HTTP one)."""
    if url.startswith("https://"):
        return "wss://" + url[len("https://") :]
    if url.startswith("http://"):
        return "ws://" + url[len("http://") :]
    return url


# --- events ---------------------------------------------------------------------------------


def _encode(event: object) -> str:
    """One event as JSON text: a model by wire names (its constant `type` included), or a mapping."""
    return json_bytes(event).decode()


class _Decoder:
    """Server messages into the event union; unknown event types into `RealtimeUnknownEvent`."""

    __slots__ = ("_parse",)

    def __init__(self, server_events: Any) -> None:
        # pydantic's `validate_json` takes text as well as bytes
        self._parse = cast("Callable[[str | bytes], Any]", json_parser(server_events))

    def __call__(self, message: str | bytes) -> Any:
        try:
            return self._parse(message)
        except pydantic.ValidationError as exc:
            error = exc
        text = message if isinstance(message, str) else message.decode("utf-8", "replace")
        try:
            unknown = RealtimeUnknownEvent.model_validate_json(message)
        except pydantic.ValidationError:
            raise APIResponseValidationError(
                f"The server sent a message that is not an event: {text[:200]}",
                body=text,
            ) from error
        # a known type with fields that do not match: the schema is broken, not merely older
        if any(detail["loc"][:1] == (unknown.type,) for detail in error.errors()):
            raise APIResponseValidationError(
                f"A {unknown.type!r} event did not match the schema: {error}",
                body=text,
            ) from error
        return unknown


def _closed(exc: ConnectionClosed) -> APIError:
    """A clean close (1000/1001 both ways) ends the session; anything else is a broken one."""
    from websockets.exceptions import ConnectionClosedOK

    frame = exc.rcvd or exc.sent
    code, reason = (frame.code, frame.reason) if frame is not None else (None, "")
    if isinstance(exc, ConnectionClosedOK):
        return RealtimeSessionClosed(code, reason)
    if exc.rcvd is None:
        return APIConnectionError("The connection was lost (closed without a close frame).")
    detail = f"code {code}" + (f": {reason}" if reason else "")
    return APIConnectionError(f"The server closed the session with an error ({detail}).")


# --- sync -----------------------------------------------------------------------------------


def connect_realtime(
    client: SyncAPIClient,
    path: str,
    *,
    server_events: Any,
    params: Mapping[str, object] | None = None,
    query_styles: Mapping[str, str] | None = None,
    options: RequestOptions | None = None,
) -> RealtimeConnection[Any, Any]:
    """Open a session: the handshake carries the client's auth and default headers."""
    from websockets.exceptions import WebSocketException
    from websockets.sync.client import connect

    handshake = _Handshake(client, path, params, query_styles, options)
    while True:
        if client._token_provider is not None:
            handshake.authorize(client, client._auth_token())
        try:
            # entered as a context manager: the form every websockets release (13+) supports
            # without a warning; `RealtimeConnection.close` closes it
            websocket = connect(handshake.url, **handshake.connect_options()).__enter__()
        except (OSError, WebSocketException) as exc:
            time.sleep(handshake.after_failure(client, exc))
        else:
            return RealtimeConnection(websocket, server_events)


class RealtimeConnection(Generic[ClientT, ServerT]):
    """An open session. Use it as a context manager (or `close()` it); iterate it for events.

    `send(event)` takes a client event model or a plain mapping; `recv()` returns the next server
    event; `for event in connection` yields events until the session is closed cleanly.
    """

    def __init__(self, websocket: ClientConnection, server_events: Any) -> None:
        self._websocket = websocket
        self._decode = _Decoder(server_events)

    @property
    def websocket(self) -> ClientConnection:
        """The underlying `websockets` connection (close code, response headers, ping)."""
        return self._websocket

    def send(self, event: ClientT | Mapping[str, object]) -> None:
        """Send one client event (a model, or a mapping with the wire field names)."""
        from websockets.exceptions import ConnectionClosed

        try:
            self._websocket.send(_encode(event))
        except ConnectionClosed as exc:
            raise _closed(exc) from exc

    def recv(self) -> ServerT | RealtimeUnknownEvent:
        """The next server event; raises `RealtimeSessionClosed` once the session has closed."""
        from websockets.exceptions import ConnectionClosed

        try:
            message = self._websocket.recv()
        except ConnectionClosed as exc:
            raise _closed(exc) from exc
        event: ServerT | RealtimeUnknownEvent = self._decode(message)
        return event

    def __iter__(self) -> Iterator[ServerT | RealtimeUnknownEvent]:
        while True:
            try:
                event = self.recv()
            except RealtimeSessionClosed:
                return
            yield event

    def close(self, code: int = 1000, reason: str = "") -> None:
        self._websocket.close(code, reason)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


# --- async ----------------------------------------------------------------------------------


class AsyncRealtimeConnection(Generic[ClientT, ServerT]):
    """A session, opened by `async with` (closed at the end) or by `await` (then `close()` it).

    `await send(event)`, `await recv()` and `async for event in connection` work as in the sync
    `RealtimeConnection`.
    """

    def __init__(
        self,
        client: AsyncAPIClient,
        path: str,
        *,
        server_events: Any,
        params: Mapping[str, object] | None = None,
        query_styles: Mapping[str, str] | None = None,
        options: RequestOptions | None = None,
    ) -> None:
        self._client = client
        self._handshake = _Handshake(client, path, params, query_styles, options)
        self._decode = _Decoder(server_events)
        self._websocket: AsyncClientConnection | None = None

    @property
    def websocket(self) -> AsyncClientConnection:
        """The underlying `websockets` connection (close code, response headers, ping)."""
        if self._websocket is None:
            raise RuntimeError("not connected: use `async with` or `await` the connection first")
        return self._websocket

    async def open(self) -> Self:
        """Open the session (once; later calls return at once)."""
        if self._websocket is not None:
            return self
        from websockets.asyncio.client import connect
        from websockets.exceptions import WebSocketException

        client, handshake = self._client, self._handshake
        while True:
            if client._token_provider is not None:
                handshake.authorize(client, await client._auth_token())
            try:
                self._websocket = await connect(handshake.url, **handshake.connect_options())
            except (OSError, WebSocketException) as exc:
                await asyncio.sleep(handshake.after_failure(client, exc))
            else:
                return self

    def __await__(self) -> Generator[Any, None, Self]:
        return self.open().__await__()

    async def send(self, event: ClientT | Mapping[str, object]) -> None:
        """Send one client event (a model, or a mapping with the wire field names)."""
        from websockets.exceptions import ConnectionClosed

        try:
            await self.websocket.send(_encode(event))
        except ConnectionClosed as exc:
            raise _closed(exc) from exc

    async def recv(self) -> ServerT | RealtimeUnknownEvent:
        """The next server event; raises `RealtimeSessionClosed` once the session has closed."""
        from websockets.exceptions import ConnectionClosed

        try:
            message = await self.websocket.recv()
        except ConnectionClosed as exc:
            raise _closed(exc) from exc
        event: ServerT | RealtimeUnknownEvent = self._decode(message)
        return event

    async def __aiter__(self) -> AsyncIterator[ServerT | RealtimeUnknownEvent]:
        while True:
            try:
                event = await self.recv()
            except RealtimeSessionClosed:
                return
            yield event

    async def close(self, code: int = 1000, reason: str = "") -> None:
        if self._websocket is not None:
            await self._websocket.close(code, reason)

    async def __aenter__(self) -> Self:
        return await self.open()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
