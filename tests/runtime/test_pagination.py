"""Cursor, page-token and offset pagination against a real local server (sync and async)."""

from __future__ import annotations

import sys
from collections.abc import AsyncGenerator, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.runtime.scripted_server import Recorded, Reply, ScriptedServer

IDS = ["f1", "f2", "f3", "f4", "f5"]


def item_model(rt: SimpleNamespace) -> Any:
    class File(rt.models.BaseModel):
        id: str

    return File


def cursor_pages(request: Recorded) -> Reply:
    query = dict(request.query)
    start = IDS.index(query["after"]) + 1 if "after" in query else 0
    limit = int(query.get("limit", "2"))
    page = IDS[start : start + limit]
    return Reply(
        body={
            "object": "list",
            "data": [{"id": i} for i in page],
            "first_id": page[0] if page else None,
            "last_id": page[-1] if page else None,
            "has_more": start + limit < len(IDS),
        }
    )


def token_pages(request: Recorded) -> Reply:
    query = dict(request.query)
    start = int(query.get("pageToken") or 0)
    page = IDS[start : start + 2]
    token = str(start + 2) if start + 2 < len(IDS) else ""
    return Reply(body={"files": [{"id": i} for i in page], "nextPageToken": token})


def offset_pages(request: Recorded) -> Reply:
    start = int(dict(request.query).get("offset", "0"))
    return Reply(body={"items": [{"id": i} for i in IDS[start : start + 2]]})


@pytest.fixture
def spec(rt: SimpleNamespace) -> SimpleNamespace:
    page_spec = rt.types.PageSpec
    return SimpleNamespace(
        cursor_by_id=page_spec("cursor", "after", "", "data", "has_more"),
        cursor_by_field=page_spec("cursor", "after", "last_id", "data", "has_more"),
        token=page_spec("page_token", "pageToken", "nextPageToken", "files"),
        offset=page_spec("offset", "offset", "", "items"),
    )


@pytest.mark.parametrize("which", ["cursor_by_id", "cursor_by_field"])
def test_cursor_pages(
    rt: SimpleNamespace, server: ScriptedServer, spec: SimpleNamespace, which: str
) -> None:
    server.handle_with("GET", "/files", cursor_pages)
    client = rt.base_client.SyncAPIClient(base_url=server.url)
    page = client.request_page(
        "GET", "/files", item=item_model(rt), page=getattr(spec, which), params={"limit": 2}
    )
    assert [f.id for f in page.items] == ["f1", "f2"]
    assert page.raw["first_id"] == "f1"
    assert page.has_next_page()
    second = page.next_page()
    assert [f.id for f in second.items] == ["f3", "f4"]
    assert [f.id for f in page] == IDS  # all items, fetched lazily
    assert [len(p.items) for p in page.iter_pages()] == [2, 2, 1]
    assert [dict(r.query) for r in server.requests[:2]] == [
        {"limit": "2"},
        {"limit": "2", "after": "f2"},
    ]


def test_cursor_iteration_is_lazy(rt: SimpleNamespace, server: ScriptedServer, spec: Any) -> None:
    server.handle_with("GET", "/files", cursor_pages)
    client = rt.base_client.SyncAPIClient(base_url=server.url)
    page = client.request_page("GET", "/files", item=item_model(rt), page=spec.cursor_by_id)
    iterator = iter(page)
    assert [next(iterator).id, next(iterator).id] == ["f1", "f2"]
    assert len(server.requests) == 1
    assert next(iterator).id == "f3"
    assert len(server.requests) == 2


def test_empty_page_stops(rt: SimpleNamespace, server: ScriptedServer, spec: Any) -> None:
    server.reply("GET", "/files", Reply(body={"data": [], "has_more": True}))
    client = rt.base_client.SyncAPIClient(base_url=server.url)
    page = client.request_page("GET", "/files", item=item_model(rt), page=spec.cursor_by_id)
    assert not page.has_next_page()
    assert list(page) == []
    with pytest.raises(RuntimeError, match="last page"):
        page.next_page()


def test_page_token_pages(rt: SimpleNamespace, server: ScriptedServer, spec: Any) -> None:
    server.handle_with("GET", "/files", token_pages)
    client = rt.base_client.SyncAPIClient(base_url=server.url)
    page = client.request_page("GET", "/files", item=item_model(rt), page=spec.token)
    assert [f.id for f in page] == IDS
    assert [dict(r.query).get("pageToken") for r in server.requests] == [None, "2", "4"]


def test_offset_pages(rt: SimpleNamespace, server: ScriptedServer, spec: Any) -> None:
    server.handle_with("GET", "/items", offset_pages)
    client = rt.base_client.SyncAPIClient(base_url=server.url)
    page = client.request_page("GET", "/items", item=item_model(rt), page=spec.offset)
    assert [f.id for f in page] == IDS
    assert [dict(r.query).get("offset") for r in server.requests] == [None, "2", "4", "5"]


def test_raw_first_page(rt: SimpleNamespace, server: ScriptedServer, spec: Any) -> None:
    server.handle_with("GET", "/files", cursor_pages)
    client = rt.base_client.SyncAPIClient(base_url=server.url)
    options = rt.types.make_options(extra_headers={rt.types.RAW_RESPONSE_HEADER: "true"})
    response = client.request_page(
        "GET", "/files", item=item_model(rt), page=spec.cursor_by_id, options=options
    )
    assert response.status_code == 200
    page = response.parse()
    assert [f.id for f in page] == IDS
    assert all(rt.types.RAW_RESPONSE_HEADER.lower() not in r.headers for r in server.requests)


async def test_async_cursor_pages(rt: SimpleNamespace, server: ScriptedServer, spec: Any) -> None:
    server.handle_with("GET", "/files", cursor_pages)
    async with rt.base_client.AsyncAPIClient(base_url=server.url) as client:
        paginator = client.request_page(
            "GET", "/files", item=item_model(rt), page=spec.cursor_by_field, params={"limit": 2}
        )
        first = await paginator
        assert [f.id for f in first.items] == ["f1", "f2"]
        assert first.has_next_page()
        second = await first.next_page()
        assert [f.id for f in second.items] == ["f3", "f4"]
        assert [f.id async for f in paginator] == IDS
        assert [len(p.items) async for p in first.iter_pages()] == [2, 2, 1]


async def test_async_page_token_pages(
    rt: SimpleNamespace, server: ScriptedServer, spec: Any
) -> None:
    server.handle_with("GET", "/files", token_pages)
    async with rt.base_client.AsyncAPIClient(base_url=server.url) as client:
        paginator = client.request_page("GET", "/files", item=item_model(rt), page=spec.token)
        assert [f.id async for f in paginator] == IDS
        page = await paginator
        assert [f.id async for f in page] == IDS


async def test_async_raw_first_page(rt: SimpleNamespace, server: ScriptedServer, spec: Any) -> None:
    server.handle_with("GET", "/files", cursor_pages)
    options = rt.types.make_options(extra_headers={rt.types.RAW_RESPONSE_HEADER: "true"})
    async with rt.base_client.AsyncAPIClient(base_url=server.url) as client:
        response = await client.request_page(
            "GET", "/files", item=item_model(rt), page=spec.cursor_by_id, options=options
        )
        assert response.status_code == 200
        page = await response.parse()
        assert [f.id async for f in page] == IDS


@contextmanager
def runtime_async_generators(rt: SimpleNamespace) -> Iterator[list[str]]:
    """The names of the runtime's async generators started within the block, in order (through
    the interpreter's first-iteration hook, which the event loop also keeps for itself)."""
    folder = str(Path(rt.base_client.__file__).parent)
    started: list[str] = []
    firstiter, finalizer = sys.get_asyncgen_hooks()

    def note(generator: AsyncGenerator[Any, Any]) -> None:
        if generator.ag_code.co_filename.startswith(folder):
            started.append(generator.ag_code.co_name)
        if firstiter is not None:
            firstiter(generator)

    sys.set_asyncgen_hooks(firstiter=note, finalizer=finalizer)
    try:
        yield started
    finally:
        sys.set_asyncgen_hooks(firstiter=firstiter, finalizer=finalizer)


async def test_async_iteration_over_all_pages_runs_in_one_generator(
    rt: SimpleNamespace, server: ScriptedServer, spec: Any
) -> None:
    """Every level of async generators between the loop over pages and the caller costs each item
    a resumption (and each generator a hook call): three pages, one generator per iteration, and
    the requests under it (their deadlines) start none."""
    server.handle_with("GET", "/files", cursor_pages)
    async with rt.base_client.AsyncAPIClient(base_url=server.url) as client:
        paginator = client.request_page(
            "GET", "/files", item=item_model(rt), page=spec.cursor_by_field, params={"limit": 2}
        )
        first = await paginator
        with runtime_async_generators(rt) as started:
            assert [f.id async for f in paginator] == IDS
            assert [f.id async for f in first] == IDS
    assert len(server.requests) == 1 + 3 + 2
    assert started == ["_aitems_from", "_aitems_from"]
