"""Pages of list operations, and iteration over all items across pages (fetched lazily)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Generator, Iterator, Mapping
from typing import Any, Generic, NamedTuple, Protocol, TypeVar

from ._types import RAW_RESPONSE_HEADER, Omit, PageSpec, RequestOptions, omit


# What pages need of a client (the clients import this module, never the other way round)
class SyncAPIClient(Protocol):
    def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: Any,
        params: Mapping[str, object] | None = ...,
        query_styles: Mapping[str, str] | None = ...,
        headers: Mapping[str, object] | None = ...,
        header_styles: Mapping[str, str] | None = ...,
        cookies: Mapping[str, object] | None = ...,
        cookie_styles: Mapping[str, str] | None = ...,
        json_body: object = ...,
        options: RequestOptions | None = ...,
        idempotent: bool = ...,
        error_types: Mapping[str, Any] | None = ...,
    ) -> Any: ...


class AsyncAPIClient(Protocol):
    def request(
        self,
        method: str,
        path: str,
        *,
        cast_to: Any,
        params: Mapping[str, object] | None = ...,
        query_styles: Mapping[str, str] | None = ...,
        headers: Mapping[str, object] | None = ...,
        header_styles: Mapping[str, str] | None = ...,
        cookies: Mapping[str, object] | None = ...,
        cookie_styles: Mapping[str, str] | None = ...,
        json_body: object = ...,
        options: RequestOptions | None = ...,
        idempotent: bool = ...,
        error_types: Mapping[str, Any] | None = ...,
    ) -> Awaitable[Any]: ...

    def first_page(self, request: PageRequest) -> Awaitable[AsyncPage[Any]]: ...


__all__ = ["RAW_PAGE", "AsyncPage", "AsyncPaginator", "PageRequest", "SyncPage"]

T = TypeVar("T")

RAW_PAGE = dict[str, Any]


class PageRequest(NamedTuple):
    """Everything needed to ask for the next page again."""

    method: str
    path: str
    item: Any
    spec: PageSpec
    params: Mapping[str, object]
    query_styles: Mapping[str, str] | None = None
    headers: Mapping[str, object] | None = None
    json_body: object = omit
    options: RequestOptions | None = None
    idempotent: bool = False
    header_styles: Mapping[str, str] | None = None
    cookies: Mapping[str, object] | None = None
    cookie_styles: Mapping[str, str] | None = None
    error_types: Mapping[str, Any] | None = None

    def arguments(self) -> dict[str, Any]:
        """The keyword arguments of the client's `request` that ask for this page."""
        return {
            "params": self.params,
            "query_styles": self.query_styles,
            "headers": self.headers,
            "header_styles": self.header_styles,
            "cookies": self.cookies,
            "cookie_styles": self.cookie_styles,
            "json_body": self.json_body,
            "options": self.options,
            "idempotent": self.idempotent,
            "error_types": self.error_types,
        }

    def without_raw_marker(self) -> PageRequest:
        options = self.options
        if not options or RAW_RESPONSE_HEADER not in options.get("extra_headers", {}):
            return self
        stripped: RequestOptions = {**options}
        stripped["extra_headers"] = {
            key: value
            for key, value in options["extra_headers"].items()
            if key != RAW_RESPONSE_HEADER
        }
        return self._replace(options=stripped)


def _items(raw: Mapping[str, Any], request: PageRequest) -> list[Any]:
    data = raw.get(request.spec.items_field)
    if not data:
        return []
    from ._models import python_validator

    items: list[Any] = python_validator(list.__class_getitem__(request.item))(data)
    return items


def _next_params(raw: Mapping[str, Any], request: PageRequest) -> dict[str, object] | None:
    """The parameters of the next page's request, or None when this page is the last."""
    spec = request.spec
    data = raw.get(spec.items_field)
    if spec.has_more_field and not raw.get(spec.has_more_field):
        return None
    cursor: object
    if spec.style == "page_token":
        cursor = raw.get(spec.response_cursor)
    elif not data:
        return None
    elif spec.style == "offset":
        current = request.params.get(spec.request_param) or 0
        cursor = int(current) + len(data) if isinstance(current, (int, str)) else len(data)
    else:
        cursor = raw.get(spec.response_cursor) if spec.response_cursor else None
        if not cursor:
            last = data[-1]
            cursor = last.get("id") if isinstance(last, dict) else None
    if cursor is None or cursor == "" or isinstance(cursor, Omit):
        return None
    return {**request.params, spec.request_param: cursor}


class _PageBase(Generic[T]):
    items: list[T]
    raw: dict[str, Any]  # the page's parsed JSON (its other fields: has_more, first_id, ...)

    def __init__(self, request: PageRequest, raw: dict[str, Any]) -> None:
        self._request = request
        self.raw = raw
        self.items = _items(raw, request)
        self._next_params = _next_params(raw, request)

    def has_next_page(self) -> bool:
        return self._next_params is not None

    def _next_request(self) -> PageRequest:
        if self._next_params is None:
            # not StopIteration: inside a coroutine or generator that would turn into a silent stop
            raise RuntimeError("this is the last page: check has_next_page() first")
        return self._request._replace(params=self._next_params)

    def __len__(self) -> int:
        return len(self.items)

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(items={len(self.items)}, has_next_page={self.has_next_page()})"
        )


class SyncPage(_PageBase[T]):
    """One page; iterating it yields the items of this page and of every following page."""

    def __init__(self, client: SyncAPIClient, request: PageRequest, raw: dict[str, Any]) -> None:
        super().__init__(request, raw)
        self._client = client

    def next_page(self) -> SyncPage[T]:
        return fetch_page(self._client, self._next_request())

    def iter_pages(self) -> Iterator[SyncPage[T]]:
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = page.next_page()

    def __iter__(self) -> Iterator[T]:
        for page in self.iter_pages():
            for item in page.items:
                yield item


def fetch_page(client: SyncAPIClient, request: PageRequest) -> SyncPage[Any]:
    raw = client.request(request.method, request.path, cast_to=RAW_PAGE, **request.arguments())
    return SyncPage(client, request, raw)


class AsyncPage(_PageBase[T]):
    """One page; iterating it yields the items of this page and of every following page."""

    def __init__(self, client: AsyncAPIClient, request: PageRequest, raw: dict[str, Any]) -> None:
        super().__init__(request, raw)
        self._client = client

    async def next_page(self) -> AsyncPage[T]:
        return await async_fetch_page(self._client, self._next_request())

    async def iter_pages(self) -> AsyncIterator[AsyncPage[T]]:
        page = self
        while True:
            yield page
            if not page.has_next_page():
                return
            page = await page.next_page()

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.iter_pages():
            for item in page.items:
                yield item


async def async_fetch_page(client: AsyncAPIClient, request: PageRequest) -> AsyncPage[Any]:
    raw = await client.request(
        request.method, request.path, cast_to=RAW_PAGE, **request.arguments()
    )
    return AsyncPage(client, request, raw)


class AsyncPaginator(Generic[T]):
    """`await` it for the first page, or `async for` over it for all items across pages."""

    def __init__(self, client: AsyncAPIClient, request: PageRequest) -> None:
        self._client = client
        self._request = request

    def __await__(self) -> Generator[Any, None, AsyncPage[T]]:
        return self._client.first_page(self._request).__await__()

    async def __aiter__(self) -> AsyncIterator[T]:
        page: AsyncPage[T] = await async_fetch_page(
            self._client, self._request.without_raw_marker()
        )
        async for item in page:
            yield item
