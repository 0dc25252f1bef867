"""Choosing gRPC or REST: the one switch between the two transports."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

from ._auth import (
    AsyncTokenProvider,
    AsyncTokenSource,
    TokenProvider,
    TokenSource,
)
from ._grpc_transport import AsyncGrpcTransport, GrpcTransport
from ._rest_transport import AsyncRestTransport, RestTransport
from ._retry_policy import RetryPolicy

__all__ = [
    "AsyncTransport",
    "Transport",
    "TransportKind",
    "BOTH_GIVEN",
    "any_set",
    "make_async_transport",
    "make_transport",
]

TransportKind = Literal["grpc", "rest"]
Transport = GrpcTransport | RestTransport
AsyncTransport = AsyncGrpcTransport | AsyncRestTransport


def _rest_endpoint(endpoint: str | None, insecure: bool) -> str | None:
    if endpoint is not None and "://" not in endpoint:
        return ("http://" if insecure else "https://") + endpoint
    return endpoint


# unasync: begin
def make_async_transport(
    kind: TransportKind,
    *,
    grpc_endpoints: Mapping[str, str],
    rest_endpoints: Mapping[str, str],
    endpoint: str | None,
    insecure: bool,
    metadata: Iterable[tuple[str, str]],
    token_provider: AsyncTokenProvider | None = None,
    token_key: str = "authorization",
    token_prefix: str = "Bearer",
    timeout: float | None,
    retry: RetryPolicy,
    http_client: Any = None,
) -> AsyncTransport:
    auth = tuple(metadata)
    tokens = (
        AsyncTokenSource(token_provider, token_key, token_prefix) if token_provider is not None else None
    )
    if kind == "grpc":
        return AsyncGrpcTransport(
            endpoints=dict(grpc_endpoints),
            endpoint=endpoint,
            insecure=insecure,
            metadata=auth,
            tokens=tokens,
            timeout=timeout,
            retry=retry,
        )
    if kind == "rest":
        return AsyncRestTransport(
            endpoints=dict(rest_endpoints),
            endpoint=_rest_endpoint(endpoint, insecure),
            metadata=auth,
            tokens=tokens,
            timeout=timeout,
            retry=retry,
            http_client=http_client,
        )
    raise ValueError(f"transport must be 'grpc' or 'rest', not {kind!r}")
# unasync: end


def any_set(*values: object) -> bool:
    """True when a keyword field was passed next to `request=` (which is then ambiguous)."""
    for value in values:  # a loop, not any(...): this runs on every call that passes request=
        if value is not None:
            return True
    return False


BOTH_GIVEN = "pass either a request message or keyword fields, not both"
