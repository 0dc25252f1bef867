"""Runtime support shared by the generated clients (copied verbatim into each package).

Names are imported on first use: generated modules import the submodules they need, and
importing this package must not load pydantic or httpx2 before a request needs them.
"""

from typing import Any

_EXPORTS = {
    "APIConnectionError": "._errors",
    "APIError": "._errors",
    "APIResponse": "._response",
    "APIResponseValidationError": "._errors",
    "APIStatusError": "._errors",
    "APITimeoutError": "._errors",
    "AsyncAPIClient": "._base_client",
    "AsyncAPIResponse": "._response",
    "AsyncBinaryResponse": "._response",
    "AsyncPage": "._pagination",
    "AsyncPaginator": "._pagination",
    "AsyncResource": "._base_client",
    "AsyncStream": "._streaming",
    "AuthenticationError": "._errors",
    "BadRequestError": "._errors",
    "BaseModel": "._models",
    "BinaryResponse": "._response",
    "ConflictError": "._errors",
    "DEFAULT_TIMEOUT": "._types",
    "FileTypes": "._types",
    "InternalServerError": "._errors",
    "NotFoundError": "._errors",
    "Omit": "._types",
    "OpenEnum": "._models",
    "OpenIntEnum": "._models",
    "PageSpec": "._types",
    "PermissionDeniedError": "._errors",
    "RateLimitError": "._errors",
    "RedirectError": "._errors",
    "ResponseTooLargeError": "._errors",
    "RequestOptions": "._types",
    "Stream": "._streaming",
    "StreamError": "._errors",
    "SyncAPIClient": "._base_client",
    "SyncPage": "._pagination",
    "SyncResource": "._base_client",
    "Timeout": "._types",
    "UnprocessableEntityError": "._errors",
    "async_to_raw_response_wrapper": "._response",
    "make_options": "._types",
    "omit": "._types",
    "to_raw_response_wrapper": "._response",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import import_module

    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value
