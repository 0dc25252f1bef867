"""gRPC and google.rpc.Status errors, fitted into the package's one error hierarchy.

A status error is an `APIStatusError` of the class its HTTP equivalent selects (NOT_FOUND is
a `NotFoundError`, ...), so `except NotFoundError` works the same over gRPC and REST.
DEADLINE_EXCEEDED is an `APITimeoutError`, UNAVAILABLE an `APIConnectionError`. Every one of
them carries `code` (a `grpc.StatusCode`), `details` (the google.rpc.Status details, packed
`Any` messages) and `request_id`. Over gRPC `response` is a stand-in built from the status.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import grpc
import httpx2
from google.protobuf import any_pb2
from google.rpc import status_pb2  # type: ignore[import-untyped, unused-ignore]

from .._runtime._errors import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
)

__all__ = [
    "RpcAuthenticationError",
    "RpcBadRequestError",
    "RpcConflictError",
    "RpcConnectionError",
    "RpcInternalServerError",
    "RpcMessageTooLargeError",
    "RpcNotFoundError",
    "RpcPermissionDeniedError",
    "RpcRateLimitError",
    "RpcStatusError",
    "RpcTimeoutError",
    "from_grpc_error",
    "from_rest_response",
    "from_status",
]

_CODES = {code.value[0]: code for code in grpc.StatusCode}

# google.rpc.Code -> HTTP status, as grpc-gateway maps them
HTTP_STATUS = {
    grpc.StatusCode.OK: 200,
    grpc.StatusCode.CANCELLED: 499,
    grpc.StatusCode.UNKNOWN: 500,
    grpc.StatusCode.INVALID_ARGUMENT: 400,
    grpc.StatusCode.DEADLINE_EXCEEDED: 504,
    grpc.StatusCode.NOT_FOUND: 404,
    grpc.StatusCode.ALREADY_EXISTS: 409,
    grpc.StatusCode.PERMISSION_DENIED: 403,
    grpc.StatusCode.RESOURCE_EXHAUSTED: 429,
    grpc.StatusCode.FAILED_PRECONDITION: 400,
    grpc.StatusCode.ABORTED: 409,
    grpc.StatusCode.OUT_OF_RANGE: 400,
    grpc.StatusCode.UNIMPLEMENTED: 501,
    grpc.StatusCode.INTERNAL: 500,
    grpc.StatusCode.UNAVAILABLE: 503,
    grpc.StatusCode.DATA_LOSS: 500,
    grpc.StatusCode.UNAUTHENTICATED: 401,
}
_FROM_HTTP = {
    400: grpc.StatusCode.INVALID_ARGUMENT,
    401: grpc.StatusCode.UNAUTHENTICATED,
    403: grpc.StatusCode.PERMISSION_DENIED,
    404: grpc.StatusCode.NOT_FOUND,
    409: grpc.StatusCode.ABORTED,
    429: grpc.StatusCode.RESOURCE_EXHAUSTED,
    499: grpc.StatusCode.CANCELLED,
    501: grpc.StatusCode.UNIMPLEMENTED,
    503: grpc.StatusCode.UNAVAILABLE,
    504: grpc.StatusCode.DEADLINE_EXCEEDED,
}


class RpcStatusError(APIStatusError):
    """The call ended with a google.rpc.Status other than OK."""

    code: grpc.StatusCode
    details: tuple[any_pb2.Any, ...]
    operation_id: str  # set when a long-running operation failed with this status

    def __init__(
        self,
        message: str,
        *,
        code: grpc.StatusCode,
        details: Sequence[any_pb2.Any],
        response: httpx2.Response,
        body: object,
        operation_id: str = "",
    ) -> None:
        super().__init__(message, response=response, body=body)
        self.code = code
        self.details = tuple(details)
        self.operation_id = operation_id


class RpcBadRequestError(RpcStatusError, BadRequestError):
    pass


class RpcAuthenticationError(RpcStatusError, AuthenticationError):
    pass


class RpcPermissionDeniedError(RpcStatusError, PermissionDeniedError):
    pass


class RpcNotFoundError(RpcStatusError, NotFoundError):
    pass


class RpcConflictError(RpcStatusError, ConflictError):
    pass


class RpcRateLimitError(RpcStatusError, RateLimitError):
    pass


class RpcInternalServerError(RpcStatusError, InternalServerError):
    pass


class RpcMessageTooLargeError(RpcStatusError):
    """RESOURCE_EXHAUSTED raised by this client's own gRPC message size limit (a reply larger
    than it accepts): not the server's rate limit, and no retry can help."""


# how grpc words its local message size limit
_SIZE_LIMIT = "larger than max"


class RpcTimeoutError(APITimeoutError):
    """DEADLINE_EXCEEDED: the call's timeout passed before the server answered."""

    code: grpc.StatusCode
    details: tuple[any_pb2.Any, ...]
    request_id: str | None

    def __init__(
        self,
        message: str = "Request timed out.",
        *,
        request: httpx2.Request | None = None,
        details: Sequence[any_pb2.Any] = (),
        request_id: str | None = None,
    ) -> None:
        super().__init__(message, request=request)
        self.code = grpc.StatusCode.DEADLINE_EXCEEDED
        self.details = tuple(details)
        self.request_id = request_id


class RpcConnectionError(APIConnectionError):
    """UNAVAILABLE: the server could not be reached or dropped the connection."""

    code: grpc.StatusCode
    details: tuple[any_pb2.Any, ...]
    request_id: str | None

    def __init__(
        self,
        message: str = "Connection error.",
        *,
        request: httpx2.Request | None = None,
        details: Sequence[any_pb2.Any] = (),
        request_id: str | None = None,
    ) -> None:
        super().__init__(message, request=request)
        self.code = grpc.StatusCode.UNAVAILABLE
        self.details = tuple(details)
        self.request_id = request_id


_CLASSES: dict[grpc.StatusCode, type[RpcStatusError]] = {
    grpc.StatusCode.INVALID_ARGUMENT: RpcBadRequestError,
    grpc.StatusCode.FAILED_PRECONDITION: RpcBadRequestError,
    grpc.StatusCode.OUT_OF_RANGE: RpcBadRequestError,
    grpc.StatusCode.UNAUTHENTICATED: RpcAuthenticationError,
    grpc.StatusCode.PERMISSION_DENIED: RpcPermissionDeniedError,
    grpc.StatusCode.NOT_FOUND: RpcNotFoundError,
    grpc.StatusCode.ALREADY_EXISTS: RpcConflictError,
    grpc.StatusCode.ABORTED: RpcConflictError,
    grpc.StatusCode.RESOURCE_EXHAUSTED: RpcRateLimitError,
    grpc.StatusCode.UNKNOWN: RpcInternalServerError,
    grpc.StatusCode.INTERNAL: RpcInternalServerError,
    grpc.StatusCode.DATA_LOSS: RpcInternalServerError,
    grpc.StatusCode.UNIMPLEMENTED: RpcInternalServerError,
}


def status_code(number: int) -> grpc.StatusCode:
    return _CODES.get(number, grpc.StatusCode.UNKNOWN)


def _make(
    code: grpc.StatusCode,
    message: str,
    details: Sequence[any_pb2.Any],
    *,
    request: httpx2.Request,
    response: httpx2.Response | None,
    body: object,
    request_id: str | None,
    operation_id: str = "",
) -> RpcStatusError | RpcTimeoutError | RpcConnectionError:
    text = f"{code.name}: {message}" if message else code.name
    if code is grpc.StatusCode.DEADLINE_EXCEEDED:
        return RpcTimeoutError(text, request=request, details=details, request_id=request_id)
    if code is grpc.StatusCode.UNAVAILABLE:
        return RpcConnectionError(text, request=request, details=details, request_id=request_id)
    cls = _CLASSES.get(code, RpcStatusError)
    status = HTTP_STATUS.get(code, 500)
    if code is grpc.StatusCode.RESOURCE_EXHAUSTED and _SIZE_LIMIT in message:
        cls, status = RpcMessageTooLargeError, 413
    if response is None:
        headers = {"x-request-id": request_id} if request_id else None
        response = httpx2.Response(status, headers=headers, request=request)
    return cls(
        text,
        code=code,
        details=details,
        response=response,
        body=body,
        operation_id=operation_id,
    )


def from_grpc_error(
    error: grpc.RpcError, target: str, method: str
) -> RpcStatusError | RpcTimeoutError | RpcConnectionError:
    """The typed error for a failed gRPC call (`grpc.RpcError` is also a `grpc.Call`)."""
    call: grpc.Call = error  # type: ignore[assignment]
    code = call.code()
    trailing = _metadata(call.trailing_metadata())
    details: Sequence[any_pb2.Any] = ()
    raw_status = trailing.get("grpc-status-details-bin")
    if isinstance(raw_status, bytes):
        details = status_pb2.Status.FromString(raw_status).details
    request_id = trailing.get("x-request-id")
    return _make(
        code,
        call.details() or "",
        details,
        request=httpx2.Request("POST", f"grpc://{target}{method}"),
        response=None,
        body={"code": code.value[0], "message": call.details() or ""},
        request_id=request_id if isinstance(request_id, str) else None,
    )


def from_status(
    status: status_pb2.Status, *, operation_id: str
) -> RpcStatusError | RpcTimeoutError | RpcConnectionError:
    """The typed error for an operation that finished with `error`."""
    error = _make(
        status_code(status.code),
        status.message,
        status.details,
        request=httpx2.Request("GET", f"operation://{operation_id}"),
        response=None,
        body={"code": status.code, "message": status.message},
        request_id=None,
        operation_id=operation_id,
    )
    return error


def from_rest_response(
    response: httpx2.Response, body: object
) -> RpcStatusError | RpcTimeoutError | RpcConnectionError:
    """The typed error for a grpc-gateway error body `{"code", "message", "details"}`."""
    status = rest_status(body)
    if status is None:
        code = _FROM_HTTP.get(response.status_code, grpc.StatusCode.UNKNOWN)
        message = str(body)[:500] if body else ""
        details: Sequence[any_pb2.Any] = ()
    else:
        code, message, details = status_code(status.code), status.message, status.details
        if response.status_code < 400:  # an error inside a 200 stream
            response = httpx2.Response(
                HTTP_STATUS.get(code, 500), headers=response.headers, request=response.request
            )
    headers = response.headers
    return _make(
        code,
        message,
        details,
        request=response.request,
        response=response,
        body=body,
        request_id=headers.get("x-request-id") or headers.get("request-id"),
    )


def rest_status(body: object) -> status_pb2.Status | None:
    """google.rpc.Status from `{"code": 5, "message": ..., "details": [...]}` (or `{"error": ...}`)."""
    from google.protobuf import json_format

    if isinstance(body, Mapping) and isinstance(body.get("error"), Mapping):
        body = body["error"]
    if not isinstance(body, Mapping) or not isinstance(body.get("code"), int):
        return None
    status = status_pb2.Status(code=body["code"], message=str(body.get("message", "")))
    for detail in body.get("details") or ():
        packed = any_pb2.Any()
        try:
            json_format.ParseDict(detail, packed, ignore_unknown_fields=True)
        except (json_format.ParseError, TypeError, KeyError):
            continue  # a detail type this package does not know stays out
        status.details.append(packed)
    return status


def _metadata(items: object) -> dict[str, str | bytes]:
    out: dict[str, str | bytes] = {}
    for item in items or ():  # type: ignore[attr-defined]
        key, value = item
        out[key] = value
    return out
