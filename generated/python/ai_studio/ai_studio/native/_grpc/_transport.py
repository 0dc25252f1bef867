"""Choosing gRPC or REST: the one switch between the two transports."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, Literal

from ._auth import auth_metadata
from ._grpc_transport import AsyncGrpcTransport, GrpcTransport
from ._rest_transport import AsyncRestTransport, RestTransport

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


def make_transport(
    kind: TransportKind,
    *,
    grpc_endpoints: Mapping[str, str],
    rest_endpoints: Mapping[str, str],
    endpoint: str | None,
    insecure: bool,
    api_key: str | None,
    iam_token: str | None,
    folder_id: str | None,
    metadata: Iterable[tuple[str, str]],
    timeout: float | None,
    http_client: Any = None,
) -> Transport:
    auth = auth_metadata(api_key=api_key, iam_token=iam_token, folder_id=folder_id, extra=metadata)
    if kind == "grpc":
        return GrpcTransport(
            endpoints=dict(grpc_endpoints),
            endpoint=endpoint,
            insecure=insecure,
            metadata=auth,
            timeout=timeout,
        )
    if kind == "rest":
        if endpoint is not None and "://" not in endpoint:
            endpoint = ("http://" if insecure else "https://") + endpoint
        return RestTransport(
            endpoints=dict(rest_endpoints),
            endpoint=endpoint,
            metadata=auth,
            timeout=timeout,
            http_client=http_client,
        )
    raise ValueError(f"transport must be 'grpc' or 'rest', not {kind!r}")


def make_async_transport(
    kind: TransportKind,
    *,
    grpc_endpoints: Mapping[str, str],
    rest_endpoints: Mapping[str, str],
    endpoint: str | None,
    insecure: bool,
    api_key: str | None,
    iam_token: str | None,
    folder_id: str | None,
    metadata: Iterable[tuple[str, str]],
    timeout: float | None,
    http_client: Any = None,
) -> AsyncTransport:
    auth = auth_metadata(api_key=api_key, iam_token=iam_token, folder_id=folder_id, extra=metadata)
    if kind == "grpc":
        return AsyncGrpcTransport(
            endpoints=dict(grpc_endpoints),
            endpoint=endpoint,
            insecure=insecure,
            metadata=auth,
            timeout=timeout,
        )
    if kind == "rest":
        if endpoint is not None and "://" not in endpoint:
            endpoint = ("http://" if insecure else "https://") + endpoint
        return AsyncRestTransport(
            endpoints=dict(rest_endpoints),
            endpoint=endpoint,
            metadata=auth,
            timeout=timeout,
            http_client=http_client,
        )
    raise ValueError(f"transport must be 'grpc' or 'rest', not {kind!r}")


def any_set(*values: object) -> bool:
    """True when a keyword field was passed next to `request=` (which is then ambiguous)."""
    return any(value is not None for value in values)


BOTH_GIVEN = "pass either a request message or keyword fields, not both"
