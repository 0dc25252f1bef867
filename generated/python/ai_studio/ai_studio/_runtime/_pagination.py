"""Pages of list operations, and iteration over all items across pages (fetched lazily)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator, Mapping
from functools import partial
from typing import TYPE_CHECKING, Any, Generic, NamedTuple, Protocol, TypeVar

from ._types import RAW_RESPONSE_HEADER, Omit, PageSpec, RequestOptions, omit

if TYPE_CHECKING:
    from ._models import AnnotationCache


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
        body_parser: Callable[[bytes], Any] | None = ...,
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
        body_parser: Callable[[bytes], Any] | None = ...,
    ) -> Awaitable[Any]: ...

    def first_page(self, request: PageRequest) -> Awaitable[AsyncPage[Any]]: ...


__all__ = ["RAW_PAGE", "AsyncPage", "AsyncPaginator", "PageBody", "PageRequest", "SyncPage"]

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
            "cast_to": RAW_PAGE,
            "body_parser": page_parser(self.item, self.spec),
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


class PageBody:
    """A page's body as the page reads it: the bytes, `fields` (the items field and the fields the
    cursor rules read) and the validated `items`. `whole`: fields is the whole parsed JSON (the body
    went the general way), so `raw` needs no second parse."""

    __slots__ = ("content", "fields", "items", "whole")

    def __init__(
        self, content: bytes, fields: dict[str, Any], items: list[Any], whole: bool
    ) -> None:
        self.content = content
        self.fields = fields
        self.items = items
        self.whole = whole


class _PageParser:
    """Parses a page's body in one typed pass from the bytes: the items as `item`s, the fields the
    cursor rules read as they are, everything else skipped. A body that pass does not take (not a
    JSON object, items that are not a list or do not validate) goes the general way, the page as
    a dict and its items validated from it: what fails there fails as it always has, reported as
    any response that does not match its schema."""

    def __init__(self, item: Any, spec: PageSpec) -> None:
        self._items = list.__class_getitem__(item)  # made once: caches know it by identity
        self._items_field = spec.items_field
        self._typed: Callable[[bytes], dict[str, Any]] | None = None
        # a spec whose cursor is the items field itself reads it as sent: the general way only
        if spec.items_field not in (spec.has_more_field, spec.response_cursor):
            import pydantic
            from typing_extensions import TypedDict  # pydantic's own dependency; it needs this one

            fields: dict[str, Any] = {n: Any for n in (spec.has_more_field, spec.response_cursor)}
            fields[spec.items_field] = self._items | None
            typed_dict: Any = TypedDict  # its fields are known at run time only
            shape = typed_dict("PageFields", fields, total=False)
            self._typed = pydantic.TypeAdapter(shape).validate_json

    def __call__(self, content: bytes) -> PageBody:
        if self._typed is not None:
            from pydantic_core import ValidationError

            try:
                fields = self._typed(content)
                return PageBody(content, fields, fields.get(self._items_field) or [], whole=False)
            except ValidationError:
                pass
        from ._models import json_parser, python_validator

        # the errors raised here are the client's to report (APIResponseValidationError), as for
        # any other response that does not match its schema
        fields = json_parser(RAW_PAGE)(content)
        data = fields.get(self._items_field)
        items: list[Any] = python_validator(self._items)(data) if data else []
        return PageBody(content, fields, items, whole=True)


_page_parsers: dict[PageSpec, AnnotationCache[_PageParser]] = {}


def page_parser(item: Any, spec: PageSpec) -> _PageParser:
    """The (cached) parser of the bodies of pages of `item`s that page as `spec` says."""
    parsers = _page_parsers.get(spec)
    if parsers is None:
        from ._models import AnnotationCache

        parsers = _page_parsers[spec] = AnnotationCache(partial(_PageParser, spec=spec))
    return parsers.get(item)


class _PageBase(Generic[T]):
    items: list[T]

    def __init__(self, request: PageRequest, body: PageBody | None) -> None:
        self._request = request
        # None: the list was answered "204 No Content", nothing to list and no page after it
        self._body = body = body or PageBody(b"", {}, [], whole=True)
        self.items = body.items
        self._next_params = self._next_page_params()

    @property
    def raw(self) -> dict[str, Any]:
        """The page's parsed JSON (its other fields: has_more, first_id, ...), parsed on first use."""
        body = self._body
        if not body.whole:  # (not `functools.cached_property`: on 3.11 one lock for all pages)
            from ._models import json_parser

            # the cursor rules have read the fields they need: the whole JSON takes their place
            body.fields, body.whole = json_parser(RAW_PAGE)(body.content), True
        return body.fields

    def _next_page_params(self) -> dict[str, object] | None:
        """The parameters of the next page's request, or None when this page is the last."""
        request = self._request
        spec = request.spec
        fields = self._body.fields
        data = fields.get(spec.items_field)
        if spec.has_more_field and not fields.get(spec.has_more_field):
            return None
        cursor: object
        if spec.style == "page_token":
            cursor = fields.get(spec.response_cursor)
        elif not data:
            return None
        elif spec.style == "offset":
            current = request.params.get(spec.request_param) or 0
            cursor = int(current) + len(data) if isinstance(current, (int, str)) else len(data)
        else:
            cursor = fields.get(spec.response_cursor) if spec.response_cursor else None
            if not cursor:
                # the last item's `id` as sent: its model may rename or convert the field
                last = self.raw[spec.items_field][-1]
                cursor = last.get("id") if isinstance(last, dict) else None
        if cursor is None or cursor == "" or isinstance(cursor, Omit):
            return None
        return {**request.params, spec.request_param: cursor}

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

    def __init__(self, client: SyncAPIClient, request: PageRequest, body: PageBody | None) -> None:
        super().__init__(request, body)
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
        return _items_from(self, self._client)


def fetch_page(client: SyncAPIClient, request: PageRequest) -> SyncPage[Any]:
    body = client.request(request.method, request.path, **request.arguments())
    return SyncPage(client, request, body)


def _items_from(start: SyncPage[T] | PageRequest, client: SyncAPIClient) -> Iterator[T]:
    """The items of the first page (`start`, or the page its request fetches) and of every page
    after it, each fetched when iteration reaches it. One generator for all pages: every level of
    generators nested in this loop would cost each item one more resumption."""
    page = start if isinstance(start, SyncPage) else fetch_page(client, start)
    while True:
        for item in page.items:
            yield item
        if not page.has_next_page():
            return
        page = page.next_page()


class AsyncPage(_PageBase[T]):
    """One page; iterating it yields the items of this page and of every following page."""

    def __init__(self, client: AsyncAPIClient, request: PageRequest, body: PageBody | None) -> None:
        super().__init__(request, body)
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

    def __aiter__(self) -> AsyncIterator[T]:
        return _aitems_from(self, self._client)


async def async_fetch_page(client: AsyncAPIClient, request: PageRequest) -> AsyncPage[Any]:
    body = await client.request(request.method, request.path, **request.arguments())
    return AsyncPage(client, request, body)


async def _aitems_from(
    start: AsyncPage[T] | PageRequest, client: AsyncAPIClient
) -> AsyncIterator[T]:
    """The items of the first page (`start`, or the page its request fetches) and of every page
    after it, each fetched when iteration reaches it. One generator for all pages: every level of
    generators nested in this loop would cost each item one more resumption."""
    page = start if isinstance(start, AsyncPage) else await async_fetch_page(client, start)
    while True:
        for item in page.items:
            yield item
        if not page.has_next_page():
            return
        page = await page.next_page()


class AsyncPaginator(Generic[T]):
    """`await` it for the first page, or `async for` over it for all items across pages."""

    def __init__(self, client: AsyncAPIClient, request: PageRequest) -> None:
        self._client = client
        self._request = request

    def __await__(self) -> Generator[Any, None, AsyncPage[T]]:
        return self._client.first_page(self._request).__await__()

    def __aiter__(self) -> AsyncIterator[T]:
        return _aitems_from(self._request.without_raw_marker(), self._client)
