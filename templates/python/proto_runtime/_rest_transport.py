"""Calls over HTTP/JSON from the google.api.http options, following grpc-gateway conventions.

- The request's proto3 JSON form (lowerCamelCase names, int64 as strings, enums by name)
  is split by the rule: URL template variables, then the body (`*` = every remaining field,
  a field name = that field), then whatever is left as query parameters (`a.b=1`).
- A unary response is the message itself; a server stream is newline-delimited
  `{"result": {...}}` objects, and `{"error": {...}}` ends it with a typed error.
- Methods without a google.api.http option, and client/bidi streaming, are gRPC-only:
  calling them raises `RestUnavailableError`.
- Failed attempts are repeated as `_retry_policy` says; a stream only while its HTTP status
  is still the failure (before a message arrived).
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any, Generic
from urllib.parse import quote

import httpx2
from google.protobuf import json_format
from google.protobuf.descriptor import Descriptor

from .._runtime._errors import APIError, APIResponseValidationError, APITimeoutError
from .._runtime._lines import DEFAULT_MAX_LINE_BYTES, LineSplitter
from .._runtime._receive import (
    DEFAULT_MAX_RESPONSE_BYTES,
    aread_body,
    async_deadline,
    read_body,
)
from ._auth import AsyncTokenSource, TokenSource
from ._errors import RpcConnectionError, RpcTimeoutError, from_rest_response
from ._methods import (
    AsyncBidiCall,
    AsyncClientStreamCall,
    AsyncRequests,
    AsyncStreamCall,
    AsyncUnaryCall,
    BidiCall,
    CallMetadata,
    ClientStreamCall,
    HttpRule,
    Metadata,
    Method,
    Requests,
    RequestT,
    ResponseT,
    StreamCall,
    UnaryCall,
    endpoint_for,
)
from ._retry_policy import Attempts, RetryPolicy
from ._unknown_any import restore_unknown_anys, set_aside_unknown_anys
from ._validation import RequestValidationError

__all__ = ["AsyncRestTransport", "RestTransport", "RestUnavailableError"]

_VARIABLE = re.compile(r"\{([^}=]+)(?:=([^}]*))?\}")


class RestUnavailableError(APIError):
    """The method has no REST mapping (no google.api.http option, or it streams requests)."""


@dataclass(frozen=True)
class _Route:
    """A rule compiled against the request type: JSON names instead of proto names."""

    verb: str
    parts: tuple[str | tuple[tuple[str, ...], bool], ...]  # literal, or (JSON path, keep "/")
    body: str  # "*", a JSON field name, or ""
    response_field: str  # JSON name of the response_body field, or ""


def _json_path(descriptor: Descriptor, dotted: str) -> tuple[str, ...]:
    path: list[str] = []
    current: Descriptor | None = descriptor
    for name in dotted.strip().split("."):
        field = current.fields_by_name.get(name) if current is not None else None
        if field is None:
            raise ValueError(f"{descriptor.full_name} has no field {dotted!r} (URL template)")
        path.append(field.json_name)
        current = field.message_type
    return tuple(path)


def _route(method: Method[Any, Any]) -> _Route:
    cached = method.cache.get("rest")
    if isinstance(cached, _Route):
        return cached
    if not method.http:
        raise RestUnavailableError(
            f"{method.path} has no REST mapping (no google.api.http option): use transport='grpc'"
        )
    rule: HttpRule = method.http[0]
    descriptor = method.request_type.DESCRIPTOR
    parts: list[str | tuple[tuple[str, ...], bool]] = []
    position = 0
    for match in _VARIABLE.finditer(rule.path):
        parts.append(rule.path[position : match.start()])
        parts.append((_json_path(descriptor, match[1]), "**" in (match[2] or "")))
        position = match.end()
    parts.append(rule.path[position:])
    body = rule.body
    if body and body != "*":
        body = _json_path(descriptor, body)[0]
    response_field = ""
    if rule.response_body:
        response_field = _json_path(method.response_type.DESCRIPTOR, rule.response_body)[0]
    route = _Route(rule.method.upper(), tuple(p for p in parts if p != ""), body, response_field)
    method.cache["rest"] = route
    return route


def _pop(data: dict[str, Any], path: tuple[str, ...]) -> Any:
    current: Any = data
    for name in path[:-1]:
        current = current.get(name) if isinstance(current, dict) else None
    if not isinstance(current, dict):
        return None
    return current.pop(path[-1], None)


def _flatten(
    prefix: str, value: Any, out: list[tuple[str, str | int | float | bool | None]]
) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _flatten(f"{prefix}.{key}" if prefix else key, item, out)
    elif isinstance(value, list):
        for item in value:
            _flatten(prefix, item, out)
    elif isinstance(value, bool):
        out.append((prefix, "true" if value else "false"))
    elif value is not None:
        out.append((prefix, str(value)))


@dataclass(frozen=True)
class _HttpCall:
    verb: str
    url: str
    params: list[tuple[str, str | int | float | bool | None]]
    content: bytes | None


def _build(base_url: str, route: _Route, request: Any) -> _HttpCall:
    data: dict[str, Any] = json_format.MessageToDict(request)
    path: list[str] = []
    for part in route.parts:
        if isinstance(part, str):
            path.append(part)
            continue
        json_path, keep_slashes = part
        value = _pop(data, json_path)
        if value is None or value == "":
            field = ".".join(json_path)
            raise RequestValidationError(
                f"{field} is required: it is part of the URL", field=field, rule="path"
            )
        if isinstance(value, bool):
            value = "true" if value else "false"
        path.append(quote(str(value), safe="/" if keep_slashes else ""))
    content: bytes | None = None
    if route.body == "*":
        content = json.dumps(data, separators=(",", ":")).encode()
        data = {}
    elif route.body:
        content = json.dumps(data.pop(route.body, {}), separators=(",", ":")).encode()
    params: list[tuple[str, str | int | float | bool | None]] = []
    _flatten("", data, params)
    return _HttpCall(route.verb, base_url.rstrip("/") + "".join(path), params, content)


def _parse(
    route: _Route, payload: Any, response_type: type[ResponseT], response: httpx2.Response
) -> ResponseT:
    if route.response_field:
        payload = {route.response_field: payload}
    message = response_type()
    try:
        unknown = set_aside_unknown_anys(payload, response_type.DESCRIPTOR)
        json_format.ParseDict(payload, message, ignore_unknown_fields=True)
        restore_unknown_anys(message, unknown)
    except (json_format.ParseError, TypeError, ValueError, RecursionError) as exc:
        raise _invalid(response, f"does not fit {response_type.DESCRIPTOR.full_name}: {exc}") from exc
    return message


def _invalid(response: httpx2.Response, why: str) -> APIResponseValidationError:
    return APIResponseValidationError(f"The response body {why}", response=response)


def _json(content: bytes, response: httpx2.Response) -> Any:
    """The JSON of a body or a stream line; our error for anything else (empty, cut, nested
    deeper than the stack)."""
    if not content.strip():
        raise _invalid(response, "is empty; a JSON message was expected")
    try:
        return json.loads(content)
    except (ValueError, RecursionError) as exc:
        raise _invalid(response, f"is not valid JSON ({type(exc).__name__})") from exc


def _error_body(content: bytes) -> object:
    try:
        return json.loads(content)
    except (ValueError, RecursionError):
        return content.decode("utf-8", "replace")


class _StreamItems(Generic[ResponseT]):
    """The messages of a server stream's NDJSON body, chunk by chunk (sans I/O: the sync and
    async transports feed it what they read)."""

    __slots__ = ("_lines", "_method", "_response", "_route")

    def __init__(
        self, route: _Route, method: Method[Any, ResponseT], response: httpx2.Response, limit: int
    ) -> None:
        self._lines = LineSplitter(universal=False, limit=limit)
        self._route = route
        self._method = method
        self._response = response

    def feed(self, chunk: bytes) -> Iterator[ResponseT]:
        # parsed one by one: an error line ends the stream after the messages before it
        return (self._item(line) for line in self._lines.feed(chunk) if line.strip())

    def finish(self) -> Iterator[ResponseT]:
        last = self._lines.flush()
        return (self._item(line) for line in (last,) if line.strip())

    def _item(self, line: bytes) -> ResponseT:
        response = self._response
        item = _json(line, response)
        if isinstance(item, dict) and "error" in item:
            raise from_rest_response(response, item)
        payload = item.get("result", item) if isinstance(item, dict) else item
        return _parse(self._route, payload, self._method.response_type, response)


def _failed(exc: Exception, request: httpx2.Request) -> APIError:
    """Our error for a transport failure that is not tried again."""
    if isinstance(exc, (httpx2.TimeoutException, APITimeoutError, TimeoutError)):
        return RpcTimeoutError(request=request)
    return RpcConnectionError(str(exc) or "Connection error.", request=request)


class _Base:
    def __init__(
        self,
        endpoints: dict[str, str],
        endpoint: str | None,
        metadata: Metadata,
        timeout: float | None,
        retry: RetryPolicy,
    ) -> None:
        self.endpoints = endpoints
        self.endpoint = endpoint
        self.headers = metadata
        self.timeout = timeout
        self.retry = retry
        self.max_response_bytes = DEFAULT_MAX_RESPONSE_BYTES
        self.max_line_bytes = DEFAULT_MAX_LINE_BYTES

    def base_url(self, method: Method[Any, Any]) -> str:
        base = self.endpoint or endpoint_for(method.package, self.endpoints)
        if not base:
            raise RestUnavailableError(
                f"no REST endpoint known for {method.package}: pass endpoint= or endpoints="
            )
        return base

    def prepare(self, method: Method[Any, Any], request: Any) -> _HttpCall:
        return _build(self.base_url(method), _route(method), request)

    def attempts(
        self,
        method: Method[Any, Any],
        timeout: float | None,
        max_retries: int | None,
        idempotency_key: str | None,
    ) -> Attempts:
        timeout = self.timeout if timeout is None else timeout
        return Attempts(self.retry, method, timeout, max_retries, idempotency_key)

    def request(
        self,
        http: httpx2.Client | httpx2.AsyncClient,
        call: _HttpCall,
        token: tuple[str, str] | None,
        metadata: CallMetadata,
        attempts: Attempts,
    ) -> httpx2.Request:
        left = attempts.timeout()
        return http.build_request(
            call.verb,
            call.url,
            params=call.params or None,
            content=call.content,
            headers=self.call_headers(token, metadata, attempts, call.content is not None),
            timeout=httpx2.Timeout(left) if left is not None else http.timeout,
        )

    def after_failure(self, exc: Exception, request: httpx2.Request, attempts: Attempts) -> float:
        """The wait before the next attempt after a transport failure; else raises our error."""
        if attempts.deadline.passed():
            raise RpcTimeoutError(request=request) from exc
        delay = attempts.after_connection_error(exc)
        if delay is None:
            raise _failed(exc, request) from exc
        return delay

    def after_answer(
        self, response: httpx2.Response, content: bytes | None, attempts: Attempts
    ) -> float:
        """The wait before the next attempt after an error status; else raises its error."""
        delay = attempts.after_status(response.status_code, response.headers)
        if delay is None:
            raise from_rest_response(response, _error_body(content or b""))
        return delay

    def call_headers(
        self,
        token: tuple[str, str] | None,
        metadata: CallMetadata,
        attempts: Attempts,
        has_body: bool,
    ) -> list[tuple[str, str]]:
        pairs = self.headers if token is None else (token, *self.headers)
        headers = [("accept", "application/json"), *attempts.metadata((*pairs, *(metadata or ())))]
        if has_body:
            headers.append(("content-type", "application/json"))
        return headers


def _unavailable(method: Method[Any, Any], why: str) -> RestUnavailableError:
    return RestUnavailableError(f"{method.path} {why}: use transport='grpc'")


# unasync: begin
class AsyncRestTransport(_Base):
    def __init__(
        self,
        *,
        endpoints: dict[str, str],
        endpoint: str | None = None,
        metadata: Metadata = (),
        tokens: AsyncTokenSource | None = None,
        timeout: float | None = None,
        retry: RetryPolicy = RetryPolicy(),
        http_client: httpx2.AsyncClient | None = None,
    ) -> None:
        super().__init__(endpoints, endpoint, metadata, timeout, retry)
        self.tokens = tokens
        self._own_client = http_client is None
        self._http = http_client or httpx2.AsyncClient(timeout=timeout)

    async def _send(
        self, call: _HttpCall, attempts: Attempts, metadata: CallMetadata, stream: bool
    ) -> httpx2.Response:
        renewed = False
        while True:
            token = None if self.tokens is None else await self.tokens.pair()
            request = self.request(self._http, call, token, metadata, attempts)
            try:
                async with async_deadline(attempts.deadline):  # unasync: async only
                    response = await self._http.send(request, stream=True)
                content = None
                if response.status_code >= 400 or not stream:
                    content = await aread_body(response, attempts.deadline, self.max_response_bytes)
            except (httpx2.TransportError, APITimeoutError, TimeoutError) as exc:  # unasync: async only
            # unasync: sync: except (httpx2.TransportError, APITimeoutError) as exc:
                delay = self.after_failure(exc, request, attempts)
            else:
                if response.status_code < 400:
                    return response
                if response.status_code == 401 and not renewed and self.tokens is not None:
                    renewed = self.tokens.renew()  # once, with a new token
                    if renewed:
                        continue
                delay = self.after_answer(response, content, attempts)
            await asyncio.sleep(delay)

    def unary(self, method: Method[RequestT, ResponseT]) -> AsyncUnaryCall[RequestT, ResponseT]:
        async def call(
            request: RequestT,
            timeout: float | None,
            metadata: CallMetadata,
            max_retries: int | None,
            idempotency_key: str | None,
        ) -> ResponseT:
            http_call = self.prepare(method, request)
            attempts = self.attempts(method, timeout, max_retries, idempotency_key)
            response = await self._send(http_call, attempts, metadata, stream=False)
            payload = _json(response.content, response)
            return _parse(_route(method), payload, method.response_type, response)

        return call

    def server_stream(
        self, method: Method[RequestT, ResponseT]
    ) -> AsyncStreamCall[RequestT, ResponseT]:
        def call(
            request: RequestT,
            timeout: float | None,
            metadata: CallMetadata,
            max_retries: int | None,
            idempotency_key: str | None,
        ) -> AsyncIterator[ResponseT]:
            http_call = self.prepare(method, request)
            attempts = self.attempts(method, timeout, max_retries, idempotency_key)
            return self._stream(method, http_call, attempts, metadata)

        return call

    async def _stream(
        self,
        method: Method[Any, ResponseT],
        http_call: _HttpCall,
        attempts: Attempts,
        metadata: CallMetadata,
    ) -> AsyncIterator[ResponseT]:
        response = await self._send(http_call, attempts, metadata, stream=True)
        route = _route(method)
        items = _StreamItems(route, method, response, self.max_line_bytes)
        try:
            async for chunk in response.aiter_bytes():
                for item in items.feed(chunk):
                    yield item
            for item in items.finish():
                yield item
        except httpx2.TransportError as exc:
            raise _failed(exc, response.request) from exc
        finally:
            await response.aclose()

    def client_stream(
        self, method: Method[RequestT, ResponseT]
    ) -> AsyncClientStreamCall[RequestT, ResponseT]:
        async def call(
            requests: AsyncRequests[RequestT],
            timeout: float | None,
            metadata: CallMetadata,
        ) -> ResponseT:
            raise _unavailable(method, "streams requests, which REST cannot carry")

        return call

    def bidi_stream(
        self, method: Method[RequestT, ResponseT]
    ) -> AsyncBidiCall[RequestT, ResponseT]:
        def call(
            requests: AsyncRequests[RequestT],
            timeout: float | None,
            metadata: CallMetadata,
        ) -> AsyncIterator[ResponseT]:
            raise _unavailable(method, "streams requests, which REST cannot carry")

        return call

    async def close(self) -> None:
        if self._own_client:
            await self._http.aclose()
# unasync: end
