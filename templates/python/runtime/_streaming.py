"""Server-sent events and NDJSON streams, parsed item by item into the declared type."""

from __future__ import annotations

import json
from collections.abc import AsyncGenerator, AsyncIterator, Callable, Generator, Iterator
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

import pydantic
from pydantic_core import from_json

from ._errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APITimeoutError,
    ResponseTooLargeError,
    StreamError,
    error_message,
)
from ._lines import DEFAULT_MAX_LINE_BYTES, LineSplitter

if TYPE_CHECKING:
    import httpx2

__all__ = [
    "AsyncStream",
    "SSEDecoder",
    "Stream",
    "accept_for",
    "is_json_response",
    "is_stream_response",
    "not_a_stream",
    "transport_error",
]

T = TypeVar("T")

StreamFormat = Literal["sse", "ndjson"]
STREAM_MEDIA_TYPES: dict[str, str] = {"sse": "text/event-stream", "ndjson": "application/x-ndjson"}


def accept_for(accept: str | None, stream: bool, stream_format: StreamFormat) -> str | None:
    """The Accept header of a call: what the operation declares, else the stream's media type
    when a stream is asked for (else None: the client's default, JSON)."""
    if accept:
        return accept
    return STREAM_MEDIA_TYPES[stream_format] if stream else None


def is_stream_response(response: httpx2.Response, stream_format: StreamFormat) -> bool:
    """Whether the answer is the stream asked for. A server that offers JSON as well may answer
    JSON; read as events that would be an empty stream, silently. No content type: a stream."""
    media = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if not media:
        return True
    if stream_format == "sse":
        return media == "text/event-stream"
    return media != "application/json"  # x-ndjson, jsonl, json-seq: a line per event


def is_json_response(response: httpx2.Response) -> bool:
    """Whether the answer is a JSON document (`application/json` or `+json`)."""
    media = response.headers.get("content-type", "").split(";")[0].strip().lower()
    return media == "application/json" or media.endswith("+json")


def not_a_stream(response: httpx2.Response) -> APIResponseValidationError:
    """The error for a stream request answered with something else (a JSON document, say).

    Raised rather than parsed as the non-streamed result: the caller asked for a stream and its
    declared type is one, while the JSON result is another type (a completion, not a chunk)."""
    media = response.headers.get("content-type", "") or "no content type"
    return APIResponseValidationError(
        f"a stream was requested (Accept: {response.request.headers.get('accept', '')}), "
        f"but the server answered {media}",
        response=response,
    )

# after the terminator the rest of the body is read (so the connection can be reused) up to this
_DRAIN_LIMIT = 1 << 16


def transport_error(exc: httpx2.TransportError, request: httpx2.Request | None) -> APIError:
    import httpx2

    if isinstance(exc, httpx2.TimeoutException):
        return APITimeoutError(f"Request timed out: {exc}", request=request)
    return APIConnectionError(f"Connection error: {exc}", request=request)


class SSEDecoder:
    """Turns chunks of an event stream into (event, data) pairs; data stays bytes for the parser.

    Follows the WHATWG rules: lines end with CRLF, LF or CR; `:` starts a comment; repeated `data:`
    lines are joined with LF; an empty line dispatches the event. Linear in the size of an
    event; a line or an event longer than `max_line_bytes` raises ResponseTooLargeError.
    """

    __slots__ = ("_data", "_data_size", "_event", "_limit", "_lines", "last_event_id", "retry")

    def __init__(self, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES) -> None:
        self._lines = LineSplitter(universal=True, limit=max_line_bytes)
        self._limit = max_line_bytes
        self._data: list[bytes] = []
        self._data_size = 0
        self._event = ""
        self.last_event_id = ""
        self.retry: int | None = None

    def feed(self, chunk: bytes) -> list[tuple[str, bytes]]:
        return self._dispatch(self._lines.feed(chunk))

    def flush(self) -> list[tuple[str, bytes]]:
        """At the end of the body: what is still pending (lenient: a last event needs no blank line)."""
        rest = self._lines.flush()
        return self._dispatch([rest, b""] if rest else [b""])

    def _dispatch(self, lines: list[bytes]) -> list[tuple[str, bytes]]:
        events: list[tuple[str, bytes]] = []
        data = self._data
        for line in lines:
            if not line:
                if data:
                    events.append(
                        (self._event or "message", data[0] if len(data) == 1 else b"\n".join(data))
                    )
                    data = self._data = []
                    self._data_size = 0
                self._event = ""
                continue
            if line[0] == 58:  # ":" comment
                continue
            if line.startswith(b"data:"):  # the common field: one copy of a long value, not two
                field, value = b"data", line[6:] if line[5:6] == b" " else line[5:]
            else:
                field, _, value = line.partition(b":")
                if value[:1] == b" ":
                    value = value[1:]
            if field == b"data":
                self._data_size += len(value) + 1
                if self._data_size > self._limit:
                    raise ResponseTooLargeError(
                        f"An event of the stream is longer than max_line_bytes={self._limit}",
                        limit=self._limit,
                    )
                data.append(value)
            elif field == b"event":
                self._event = value.decode("utf-8", "replace")
            elif field == b"id":
                if b"\0" not in value:
                    self.last_event_id = value.decode("utf-8", "replace")
            elif field == b"retry" and value.isdigit():
                self.retry = int(value)
        return events


class _NDJSONDecoder:
    __slots__ = ("_lines",)

    def __init__(self, max_line_bytes: int = DEFAULT_MAX_LINE_BYTES) -> None:
        self._lines = LineSplitter(universal=False, limit=max_line_bytes)

    def feed(self, chunk: bytes) -> list[tuple[str, bytes]]:
        return [("message", line) for line in self._lines.feed(chunk) if line.strip()]

    def flush(self) -> list[tuple[str, bytes]]:
        rest = self._lines.flush()
        return [("message", rest)] if rest.strip() else []


def _error_payload(data: bytes) -> object:
    """The error inside `{"error": ...}` (other keys absent or null); None for ordinary items."""
    if b'"error"' not in data:
        return None
    try:
        value = json.loads(data)
    except ValueError:
        return None
    if not isinstance(value, dict) or value.get("error") is None:
        return None
    if all(key == "error" or item is None for key, item in value.items()):
        return value["error"]
    return None


def _stream_error(data: bytes, request: httpx2.Request | None) -> StreamError:
    try:
        parsed: object = json.loads(data)
    except ValueError:
        parsed = data.decode("utf-8", "replace")
    if isinstance(parsed, dict) and parsed.get("error") is not None:
        parsed = parsed["error"]
    detail = error_message(parsed) or "error event received"
    return StreamError(f"Stream error: {detail}", request=request, error=parsed)


def _item_parser(item: Any) -> Callable[[bytes], Any]:
    from ._models import json_parser

    return from_json if item is None else json_parser(item)


class _StreamBase:
    response: httpx2.Response

    def __init__(
        self,
        response: httpx2.Response,
        *,
        item: Any = None,
        terminator: str = "",
        stream_format: StreamFormat = "sse",
        max_line_bytes: int = DEFAULT_MAX_LINE_BYTES,
    ) -> None:
        self.response = response
        self._parse = _item_parser(item)
        self._terminator = terminator.encode()
        self.decoder: SSEDecoder | _NDJSONDecoder = (
            SSEDecoder(max_line_bytes)
            if stream_format == "sse"
            else _NDJSONDecoder(max_line_bytes)
        )
        self._start()

    def _start(self) -> None:
        """Set up iteration (the sync and async streams differ only here)."""
        raise NotImplementedError

    def _check(self, event: str, data: bytes) -> None:
        """Raise for error events; called only for events that are not the terminator."""
        if event == "error":
            raise _stream_error(data, self.response.request)
        error = _error_payload(data)
        if error is not None:
            raise _stream_error(data, self.response.request)

    def _invalid(self, exc: pydantic.ValidationError, data: bytes) -> APIResponseValidationError:
        return APIResponseValidationError(
            f"Stream item did not match the schema: {exc}",
            response=self.response,
            body=data.decode("utf-8", "replace"),
        )

    def _ended_early(self) -> APIConnectionError:
        return APIConnectionError(
            f"stream ended before {self._terminator.decode()!r} was received",
            request=self.response.request,
        )


async def _empty() -> AsyncIterator[bytes]:
    return
    yield b""  # pragma: no cover - makes this an async generator


# unasync: begin
class AsyncStream(_StreamBase, Generic[T]):
    """Items of a streamed response. Iterate it, ideally inside `async with`, which releases the connection."""

    _chunks: AsyncIterator[bytes]

    def _start(self) -> None:
        self._chunks = _empty()  # unasync: async only
        # unasync: sync: self._chunks = iter(())
        self._iterator = self._iterate()

    def __aiter__(self) -> AsyncIterator[T]:
        return self._iterator

    async def __anext__(self) -> T:
        return await self._iterator.__anext__()

    async def __aenter__(self) -> AsyncStream[T]:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def close(self) -> None:
        await self._iterator.aclose()
        await self.response.aclose()

    async def _events(self) -> AsyncGenerator[tuple[str, bytes]]:
        import httpx2  # already loaded: a response exists

        decoder = self.decoder
        self._chunks = self.response.aiter_bytes()
        try:
            async for chunk in self._chunks:
                for event in decoder.feed(chunk):
                    yield event
        except httpx2.TransportError as exc:
            raise transport_error(exc, self.response.request) from exc
        for event in decoder.flush():
            yield event

    async def _iterate(self) -> AsyncGenerator[T]:
        parse = self._parse
        terminator = self._terminator
        check = self._check
        events = self._events()
        try:
            async for event, data in events:
                if terminator and data == terminator:
                    await self._drain()
                    return
                if event == "error" or b'"error"' in data:
                    check(event, data)
                try:
                    yield parse(data)
                except pydantic.ValidationError as exc:
                    if not _unknown_variant(exc, data):
                        raise self._invalid(exc, data) from exc
            if terminator:
                raise self._ended_early()
        finally:
            await events.aclose()
            await self.response.aclose()

    async def _drain(self) -> None:
        # reading the body to its end lets the keep-alive connection go back to the pool
        import httpx2

        read = 0
        try:
            async for chunk in self._chunks:
                read += len(chunk)
                if read > _DRAIN_LIMIT:
                    break
        except (httpx2.TransportError, httpx2.StreamError):
            pass
# unasync: end


def _unknown_variant(exc: pydantic.ValidationError, data: bytes) -> bool:
    """True for an event whose discriminator names a type this client does not know yet.

    Servers add event types over time; such an event is skipped (and logged), not fatal, so a
    stream keeps delivering the types the client knows. Other mismatches still raise.
    """
    errors = exc.errors(include_url=False, include_context=False, include_input=False)
    if not errors or any(e["type"] != "union_tag_invalid" or e["loc"] for e in errors):
        return False
    from ._logging import get_logger

    get_logger().info("skipped a stream event of a type this client does not know: %.200s", data)
    return True
