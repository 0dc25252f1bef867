"""Raw access to responses, and streamed binary downloads."""

from __future__ import annotations

import functools
import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from types import TracebackType
from typing import IO, TYPE_CHECKING, Any, Generic, ParamSpec, TypeVar, cast

from ._streaming import transport_error
from ._types import RAW_RESPONSE_HEADER

if TYPE_CHECKING:
    import httpx2

__all__ = [
    "APIResponse",
    "AsyncAPIResponse",
    "AsyncBinaryResponse",
    "BinaryResponse",
    "async_to_raw_response_wrapper",
    "to_raw_response_wrapper",
]

T = TypeVar("T")
P = ParamSpec("P")
R = TypeVar("R")

_MISSING: Any = object()


class _ResponseInfo:
    http_response: httpx2.Response

    @property
    def status_code(self) -> int:
        return self.http_response.status_code

    @property
    def headers(self) -> httpx2.Headers:
        return self.http_response.headers

    @property
    def request_id(self) -> str | None:
        headers = self.http_response.headers
        return headers.get("x-request-id") or headers.get("request-id")

    @property
    def url(self) -> httpx2.URL:
        return self.http_response.url


class APIResponse(_ResponseInfo, Generic[T]):
    """The HTTP response of a call made through `with_raw_response`; `parse()` gives the value."""

    def __init__(self, http_response: httpx2.Response, parse: Callable[[], T]) -> None:
        self.http_response = http_response
        self._parse = parse
        self._parsed: T = _MISSING

    def parse(self) -> T:
        if self._parsed is _MISSING:
            self._parsed = self._parse()
        return self._parsed

    @property
    def content(self) -> bytes:
        return self.http_response.read()

    @property
    def text(self) -> str:
        self.http_response.read()
        return self.http_response.text

    def __repr__(self) -> str:
        return f"<APIResponse [{self.status_code}] {self.http_response.request.method} {self.url}>"


class AsyncAPIResponse(_ResponseInfo, Generic[T]):
    """The async counterpart of APIResponse: `await response.parse()`."""

    def __init__(self, http_response: httpx2.Response, parse: Callable[[], Awaitable[T]]) -> None:
        self.http_response = http_response
        self._parse = parse
        self._parsed: T = _MISSING

    async def parse(self) -> T:
        if self._parsed is _MISSING:
            self._parsed = await self._parse()
        return self._parsed

    async def read(self) -> bytes:
        return await self.http_response.aread()

    @property
    def content(self) -> bytes:
        """The body; for a streamed response call `await read()` first."""
        return self.http_response.content

    @property
    def text(self) -> str:
        return self.http_response.text

    def __repr__(self) -> str:
        return f"<AsyncAPIResponse [{self.status_code}] {self.http_response.request.method} {self.url}>"


def _with_raw_marker(kwargs: dict[str, Any]) -> None:
    extra = dict(kwargs.get("extra_headers") or {})
    extra[RAW_RESPONSE_HEADER] = "true"
    kwargs["extra_headers"] = extra


def to_raw_response_wrapper(func: Callable[P, R]) -> Callable[P, APIResponse[R]]:
    """Wrap a generated method so that it returns the APIResponse instead of the parsed value."""

    @functools.wraps(func)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[R]:
        _with_raw_marker(kwargs)
        return cast("APIResponse[R]", func(*args, **kwargs))

    return wrapped


def async_to_raw_response_wrapper(
    func: Callable[P, Awaitable[R]],
) -> Callable[P, Awaitable[AsyncAPIResponse[R]]]:
    @functools.wraps(func)
    async def wrapped(*args: P.args, **kwargs: P.kwargs) -> AsyncAPIResponse[R]:
        _with_raw_marker(kwargs)
        return cast("AsyncAPIResponse[R]", await func(*args, **kwargs))

    return wrapped


_CHUNK = 1 << 16


class BinaryResponse(_ResponseInfo):
    """A download that is read as it is consumed; use it in `with` or call close()."""

    def __init__(self, http_response: httpx2.Response) -> None:
        self.http_response = http_response

    def iter_bytes(self, chunk_size: int | None = _CHUNK) -> Iterator[bytes]:
        import httpx2

        try:
            yield from self.http_response.iter_bytes(chunk_size)
        except httpx2.TransportError as exc:
            raise transport_error(exc, self.http_response.request) from exc

    def write_to_file(self, file: str | os.PathLike[str]) -> None:
        """Stream the body into `file` chunk by chunk, then release the connection."""
        try:
            with open(file, "wb") as out:
                for chunk in self.iter_bytes():
                    out.write(chunk)
        finally:
            self.close()

    def read(self) -> bytes:
        import httpx2

        try:
            return self.http_response.read()
        except httpx2.TransportError as exc:
            raise transport_error(exc, self.http_response.request) from exc

    def close(self) -> None:
        self.http_response.close()

    def __enter__(self) -> BinaryResponse:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _open_for_writing(file: str | os.PathLike[str]) -> IO[bytes]:
    return open(file, "wb")


class AsyncBinaryResponse(_ResponseInfo):
    """The async counterpart of BinaryResponse (file writes run in a worker thread)."""

    def __init__(self, http_response: httpx2.Response) -> None:
        self.http_response = http_response

    async def iter_bytes(self, chunk_size: int | None = _CHUNK) -> AsyncIterator[bytes]:
        import httpx2

        try:
            async for chunk in self.http_response.aiter_bytes(chunk_size):
                yield chunk
        except httpx2.TransportError as exc:
            raise transport_error(exc, self.http_response.request) from exc

    async def write_to_file(self, file: str | os.PathLike[str]) -> None:
        from anyio import to_thread

        try:
            out = await to_thread.run_sync(_open_for_writing, file)
            try:
                async for chunk in self.iter_bytes():
                    await to_thread.run_sync(out.write, chunk)
            finally:
                await to_thread.run_sync(out.close)
        finally:
            await self.close()

    async def read(self) -> bytes:
        import httpx2

        try:
            return await self.http_response.aread()
        except httpx2.TransportError as exc:
            raise transport_error(exc, self.http_response.request) from exc

    async def close(self) -> None:
        await self.http_response.aclose()

    async def __aenter__(self) -> AsyncBinaryResponse:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()
