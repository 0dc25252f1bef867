"""The one exception hierarchy every generated client raises."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._logging import hide_secrets, redact_value

if TYPE_CHECKING:
    import httpx2

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RedirectError",
    "ResponseTooLargeError",
    "StreamError",
    "UnprocessableEntityError",
    "error_message",
    "status_error",
]


class APIError(Exception):
    """Base of every error raised by the client.

    The one place every error text passes: `message` (hence `str` and `repr`) and `body` have
    the client's secrets hidden, whoever built them and whatever the server echoed back.
    """

    message: str
    request: httpx2.Request | None
    body: object  # the parsed JSON error body, its text, or None

    def __init__(
        self, message: str, request: httpx2.Request | None = None, *, body: object = None
    ) -> None:
        message = hide_secrets(message)
        super().__init__(message)
        self.message = message
        self.request = request
        self.body = redact_value(body)


class APIConnectionError(APIError):
    """The server could not be reached, or the connection broke before the response was complete."""

    def __init__(
        self, message: str = "Connection error.", *, request: httpx2.Request | None = None
    ) -> None:
        super().__init__(message, request)


class APITimeoutError(APIConnectionError):
    def __init__(
        self, message: str = "Request timed out.", *, request: httpx2.Request | None = None
    ) -> None:
        super().__init__(message, request=request)


class APIStatusError(APIError):
    """The server answered with a 4xx or 5xx status."""

    status_code: int
    response: httpx2.Response
    request_id: str | None

    def __init__(self, message: str, *, response: httpx2.Response, body: object) -> None:
        super().__init__(message, response.request, body=body)
        self.response = response
        self.status_code = response.status_code
        headers = response.headers
        self.request_id = headers.get("x-request-id") or headers.get("request-id")


class BadRequestError(APIStatusError):
    pass


class AuthenticationError(APIStatusError):
    pass


class PermissionDeniedError(APIStatusError):
    pass


class NotFoundError(APIStatusError):
    pass


class ConflictError(APIStatusError):
    pass


class UnprocessableEntityError(APIStatusError):
    pass


class RateLimitError(APIStatusError):
    pass


class InternalServerError(APIStatusError):
    pass


class APIResponseValidationError(APIError):
    """The response body did not match the schema the spec promised."""

    response: httpx2.Response | None

    def __init__(
        self, message: str, *, response: httpx2.Response | None = None, body: object = None
    ) -> None:
        super().__init__(message, response.request if response is not None else None, body=body)
        self.response = response


class ResponseTooLargeError(APIError):
    """A response (after decompression), a stream line or an event went past the client's limit
    (`max_response_bytes`, `max_line_bytes`); the connection is closed, nothing more is read."""

    limit: int

    def __init__(self, message: str, *, limit: int, request: httpx2.Request | None = None) -> None:
        super().__init__(message, request)
        self.limit = limit


class RedirectError(APIStatusError):
    """A redirect the client does not follow: of a request other than GET/HEAD by 301/302/303
    (following would turn it into a GET without its body), one to another origin with 307/308,
    or too many in a row. `location` is where the server pointed."""

    location: str

    def __init__(self, message: str, *, response: httpx2.Response, location: str) -> None:
        super().__init__(message, response=response, body=None)
        self.location = location


class StreamError(APIError):
    """The server sent an error event in the middle of a stream."""

    error: object  # the event's parsed error (usually a dict with message/code)

    def __init__(
        self, message: str, *, request: httpx2.Request | None = None, error: object = None
    ) -> None:
        super().__init__(message, request, body=error)
        self.error = self.body


_BY_STATUS: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    429: RateLimitError,
}


def error_message(body: object) -> str:
    """The human message inside an error body: {"error": {"message": ...}}, {"message": ...}..."""
    if isinstance(body, dict):
        inner = body.get("error", body)
        if isinstance(inner, dict):
            for key in ("message", "detail", "description"):
                value = inner.get(key)
                if isinstance(value, str) and value:
                    return value
        elif isinstance(inner, str) and inner:
            return inner
        for key in ("message", "detail"):
            value = body.get(key)
            if isinstance(value, str) and value:
                return value
    if isinstance(body, str):
        return body[:500]
    return "" if body is None else str(body)[:500]


def status_error(response: httpx2.Response, body: object) -> APIStatusError:
    """The error for a 4xx/5xx response, of the class that matches its status."""
    status = response.status_code
    cls = _BY_STATUS.get(status)
    if cls is None:
        cls = InternalServerError if status >= 500 else APIStatusError
    detail = error_message(body)
    message = f"Error code: {status}" + (f" - {detail}" if detail else "")
    return cls(message, response=response, body=body)
