"""What the transports need to know about one RPC, written once per method by the generator."""

from __future__ import annotations

from collections.abc import (
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Iterator,
    Sequence,
)
from dataclasses import dataclass, field
from typing import Generic, TypeAlias, TypeVar

from google.protobuf.message import Message

RequestT = TypeVar("RequestT", bound=Message)
ResponseT = TypeVar("ResponseT", bound=Message)

Metadata = tuple[tuple[str, str], ...]
CallMetadata: TypeAlias = Sequence[tuple[str, str]] | None
Requests: TypeAlias = Iterable[RequestT]
AsyncRequests: TypeAlias = AsyncIterable[RequestT] | Iterable[RequestT]

# What the transports hand to the service classes. Unary and server-streaming calls take
# (request, timeout, metadata, max_retries, idempotency_key); calls that stream requests take
# (requests, timeout, metadata): they are never retried, a request iterator cannot be replayed.
UnaryCall: TypeAlias = Callable[
    [RequestT, float | None, CallMetadata, int | None, str | None], ResponseT
]
StreamCall: TypeAlias = Callable[
    [RequestT, float | None, CallMetadata, int | None, str | None], Iterator[ResponseT]
]
ClientStreamCall: TypeAlias = Callable[[Requests[RequestT], float | None, CallMetadata], ResponseT]
BidiCall: TypeAlias = Callable[
    [Requests[RequestT], float | None, CallMetadata], Iterator[ResponseT]
]
AsyncUnaryCall: TypeAlias = Callable[
    [RequestT, float | None, CallMetadata, int | None, str | None], Awaitable[ResponseT]
]
AsyncStreamCall: TypeAlias = Callable[
    [RequestT, float | None, CallMetadata, int | None, str | None], AsyncIterator[ResponseT]
]
AsyncClientStreamCall: TypeAlias = Callable[
    [AsyncRequests[RequestT], float | None, CallMetadata], Awaitable[ResponseT]
]
AsyncBidiCall: TypeAlias = Callable[
    [AsyncRequests[RequestT], float | None, CallMetadata], AsyncIterator[ResponseT]
]


@dataclass(frozen=True)
class HttpRule:
    """One google.api.http binding: verb, URL template, body selector, response selector."""

    method: str
    path: str
    body: str = ""  # "*" (the whole request), a field name, or "" (no body)
    response_body: str = ""


@dataclass(frozen=True, eq=False)
class Method(Generic[RequestT, ResponseT]):
    path: str  # "/package.Service/Method"
    request_type: type[RequestT]
    response_type: type[ResponseT]
    package: str  # proto package: selects the endpoint
    http: tuple[HttpRule, ...] = ()
    # safe to repeat: a read, decided by the generator (see _retry_policy for what it changes)
    idempotent: bool = False
    # filled by the REST transport on first use (parsed URL template)
    cache: dict[str, object] = field(default_factory=dict, repr=False)

    @property
    def name(self) -> str:
        return self.path.rsplit("/", 1)[-1]


def endpoint_for(package: str, endpoints: dict[str, str]) -> str | None:
    """The endpoint of the longest package prefix in `endpoints` that matches `package`."""
    best: str | None = None
    best_length = -1
    for prefix, endpoint in endpoints.items():
        if (package == prefix or package.startswith(prefix + ".") or not prefix) and len(
            prefix
        ) > best_length:
            best, best_length = endpoint, len(prefix)
    return best
