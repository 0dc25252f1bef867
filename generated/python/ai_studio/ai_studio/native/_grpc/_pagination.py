"""Every item of a paged List method (`page_token` in, `next_page_token` out), page by page.

`Pager` iterates the items of all pages, asking for the next page only when the items so far
are used up; `pages()` gives the responses themselves. Each iteration starts again from the
request it was made with. A page is one call of the method, retried like any other call.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from typing import Any, Generic, TypeVar

from google.protobuf.message import Message

from ._methods import AsyncUnaryCall, CallMetadata, RequestT, UnaryCall

__all__ = ["AsyncPager", "Pager"]

PageT = TypeVar("PageT", bound=Message)
ItemT = TypeVar("ItemT")

Items = Callable[[PageT], Iterable[ItemT]]


def _next_request(request: Message, page: Message) -> Message | None:
    """The request for the page after `page`, or None when `page` was the last one."""
    token: str = getattr(page, "next_page_token")
    if not token or token == getattr(request, "page_token"):  # a repeated token would loop
        return None
    following = type(request)()
    following.CopyFrom(request)
    setattr(following, "page_token", token)
    return following


class _Pages(Generic[PageT, ItemT]):
    def __init__(
        self,
        request: Message,
        items: Items[PageT, ItemT],
        timeout: float | None,
        metadata: CallMetadata,
        max_retries: int | None,
    ) -> None:
        self._request = request
        self._items = items
        self._timeout = timeout
        self._metadata = metadata
        self._max_retries = max_retries

    def __repr__(self) -> str:
        return f"{type(self).__name__}({type(self._request).__name__})"


class Pager(_Pages[PageT, ItemT]):
    """`for item in pager`: every item across pages; `pager.pages()`: the responses."""

    def __init__(
        self,
        call: UnaryCall[RequestT, PageT],
        request: RequestT,
        items: Items[PageT, ItemT],
        timeout: float | None = None,
        metadata: CallMetadata = None,
        max_retries: int | None = None,
    ) -> None:
        super().__init__(request, items, timeout, metadata, max_retries)
        self._call: UnaryCall[Any, PageT] = call

    def pages(self) -> Iterator[PageT]:
        request: Message | None = self._request
        while request is not None:
            page = self._call(request, self._timeout, self._metadata, self._max_retries, None)
            yield page
            request = _next_request(request, page)

    def __iter__(self) -> Iterator[ItemT]:
        for page in self.pages():
            for item in self._items(page):
                yield item


class AsyncPager(_Pages[PageT, ItemT]):
    """`async for item in pager`: every item across pages; `pager.pages()`: the responses."""

    def __init__(
        self,
        call: AsyncUnaryCall[RequestT, PageT],
        request: RequestT,
        items: Items[PageT, ItemT],
        timeout: float | None = None,
        metadata: CallMetadata = None,
        max_retries: int | None = None,
    ) -> None:
        super().__init__(request, items, timeout, metadata, max_retries)
        self._call: AsyncUnaryCall[Any, PageT] = call

    async def pages(self) -> AsyncIterator[PageT]:
        request: Message | None = self._request
        while request is not None:
            page = await self._call(request, self._timeout, self._metadata, self._max_retries, None)
            yield page
            request = _next_request(request, page)

    async def __aiter__(self) -> AsyncIterator[ItemT]:
        async for page in self.pages():
            for item in self._items(page):
                yield item
