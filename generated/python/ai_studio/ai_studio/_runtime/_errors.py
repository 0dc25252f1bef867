"""The one exception hierarchy every generated client raises."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeAlias, TypeVar

from ._logging import get_logger, hide_secrets, redact_value

if TYPE_CHECKING:
    import httpx2

T = TypeVar("T")

# What an operation declares for its error responses: status ("404", "4XX" or "default") → the
# type of the JSON body (a model class or any annotation).
ErrorTypes: TypeAlias = Mapping[str, Any]

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "ErrorTypes",
    "InternalServerError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "RedirectError",
    "ResponseTooLargeError",
    "StreamError",
    "UnprocessableEntityError",
    "declared_type",
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
    """The server answered with a 4xx or 5xx status.

    `body` is the error model the operation declares for this status when the JSON body matches
    it (a `pydantic` model of the package), else the parsed JSON as it came (a dict, a list...),
    the body's text when it is not JSON, or None when it is empty. `parsed(Model)` gives it as
    a given model, typed, or None.
    """

    status_code: int
    response: httpx2.Response
    request_id: str | None
    _data: object

    def __init__(
        self,
        message: str,
        *,
        response: httpx2.Response,
        body: object,
        declared: Any = None,
    ) -> None:
        super().__init__(message, response.request, body=body)
        self.response = response
        self.status_code = response.status_code
        headers = response.headers
        self.request_id = headers.get("x-request-id") or headers.get("request-id")
        self._data = self.body  # the JSON as it came (secrets hidden), for `parsed`
        if declared is not None and self.body is not None:
            self.body = _validated(declared, self.body, self.body)

    def parsed(self, model: type[T]) -> T | None:
        """The error body as `model`: the declared model the client already built, else the
        JSON body validated as `model`; None when it does not match (or there is no JSON body).

            except NotFoundError as err:
                problem = err.parsed(ErrorResponse)
                if problem is not None:
                    print(problem.error.code)
        """
        if isinstance(self.body, model):
            return self.body
        if self._data is None:
            return None
        result: T | None = _validated(model, self._data, None)
        return result


def _validated(model: Any, data: object, fallback: Any) -> Any:
    """`data` validated as `model`, or `fallback` when it does not match: an error response that
    breaks its own schema still raises its APIStatusError, never a validation error."""
    from ._models import python_validator

    try:
        return python_validator(model)(data)
    except Exception as exc:  # noqa: BLE001 (pydantic's ValidationError, RecursionError, ...)
        # kept, not raised, but said: a model that cannot be built shows up in the debug log
        name = getattr(model, "__name__", model)
        get_logger().debug("error body kept as received, not %s: %s", name, type(exc).__name__)
        return fallback


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


def declared_type(error_types: ErrorTypes | None, status: int) -> Any:
    """The body type an operation declares for a status: the exact status, else its class
    (`4XX`), else `default`; None when it declares none."""
    if not error_types:
        return None
    for key in (str(status), f"{status // 100}XX", "default"):
        found = error_types.get(key)
        if found is not None:
            return found
    return None


def status_error(
    response: httpx2.Response, body: object, error_types: ErrorTypes | None = None
) -> APIStatusError:
    """The error for a 4xx/5xx response, of the class that matches its status; its `body` the
    declared model when the JSON matches it."""
    status = response.status_code
    cls = _BY_STATUS.get(status)
    if cls is None:
        cls = InternalServerError if status >= 500 else APIStatusError
    detail = error_message(body)
    message = f"Error code: {status}" + (f" - {detail}" if detail else "")
    return cls(message, response=response, body=body, declared=declared_type(error_types, status))
