"""What a page's body becomes: its items, `raw`, the next page's cursor, or the error it raises.

Every pagination style, well-formed and odd bodies, sync and async, against a real local server.
The errors are pinned to what validating the parsed JSON says (the rule before pages were parsed
in one typed pass from the bytes), so that the faster parsing changes no message.
"""

from __future__ import annotations

import asyncio
import json
from types import SimpleNamespace
from typing import Any

import pydantic
import pytest

from tests.runtime.scripted_server import Reply, ScriptedServer

MODES = ["sync", "async"]


def file_model(rt: SimpleNamespace) -> Any:
    class File(rt.models.BaseModel):
        id: str
        bytes: int = 0

    return File


def specs(rt: SimpleNamespace) -> dict[str, Any]:
    page_spec = rt.types.PageSpec
    return {
        "cursor_by_id": page_spec("cursor", "after", "", "data", "has_more"),
        "cursor_by_field": page_spec("cursor", "after", "last_id", "data", "has_more"),
        "cursor_always": page_spec("cursor", "after", "", "data"),
        "token": page_spec("page_token", "pageToken", "nextPageToken", "data"),
        "offset": page_spec("offset", "offset", "", "data"),
    }


def first_page(
    rt: SimpleNamespace,
    server: ScriptedServer,
    style: str,
    body: Any,
    mode: str,
    *,
    item: Any = None,
    params: dict[str, object] | None = None,
) -> tuple[Any, dict[str, str] | None]:
    """The first page of GET /list (answered with `body`, or that Reply, every time), and the
    query of the next page's request (None when the page said it was the last)."""
    server.reply("GET", "/list", body if isinstance(body, Reply) else Reply(body=body))
    arguments: dict[str, Any] = {
        "item": item or file_model(rt),
        "page": specs(rt)[style],
        "params": params or {},
    }
    if mode == "sync":
        with rt.base_client.SyncAPIClient(base_url=server.url, max_retries=0) as client:
            page = client.request_page("GET", "/list", **arguments)
            if page.has_next_page():
                page.next_page()
    else:

        async def run() -> Any:
            async with rt.base_client.AsyncAPIClient(base_url=server.url, max_retries=0) as client:
                page = await client.request_page("GET", "/list", **arguments)
                if page.has_next_page():
                    await page.next_page()
                return page

        page = asyncio.run(run())
    queries = [dict(request.query) for request in server.requests]
    assert len(queries) <= 2
    return page, (queries[1] if len(queries) == 2 else None)


def files(*ids: str) -> list[dict[str, Any]]:
    return [{"id": i, "bytes": 10 + n} for n, i in enumerate(ids)]


# (style, body, request params, the next page's query or None)
WELL_FORMED = {
    "cursor field": (
        "cursor_by_field",
        {"data": files("f1", "f2"), "first_id": "f1", "last_id": "f2", "has_more": True},
        {"limit": 2},
        {"limit": "2", "after": "f2"},
    ),
    "cursor field null: last item's id": (
        "cursor_by_field",
        {"data": files("f1", "f9"), "last_id": None, "has_more": True},
        {},
        {"after": "f9"},
    ),
    "cursor field empty: last item's id": (
        "cursor_by_field",
        {"data": files("f1", "f9"), "last_id": "", "has_more": True},
        {},
        {"after": "f9"},
    ),
    "cursor field, no more": (
        "cursor_by_field",
        {"data": files("f1"), "last_id": "f1", "has_more": False},
        {},
        None,
    ),
    "cursor by id": (
        "cursor_by_id",
        {"data": files("a", "b"), "has_more": True},
        {},
        {"after": "b"},
    ),
    "cursor by id, has_more missing": ("cursor_by_id", {"data": files("a", "b")}, {}, None),
    "cursor by id, has_more truthy": (
        "cursor_by_id",
        {"data": files("a"), "has_more": 1},
        {},
        {"after": "a"},
    ),
    "cursor without a has_more field": (
        "cursor_always",
        {"data": [{"id": "a"}, {"id": "b", "bytes": 3}], "extra": [1, {"x": None}]},
        {},
        {"after": "b"},
    ),
    "cursor by id, empty": ("cursor_by_id", {"data": [], "has_more": True}, {}, None),
    "token": (
        "token",
        {"data": files("a"), "nextPageToken": "t2", "total": 7},
        {"pageSize": 1},
        {"pageSize": "1", "pageToken": "t2"},
    ),
    "token, integer": ("token", {"data": files("a"), "nextPageToken": 7}, {}, {"pageToken": "7"}),
    "token, empty": ("token", {"data": files("a"), "nextPageToken": ""}, {}, None),
    "token, missing": ("token", {"data": files("a")}, {}, None),
    "token, no items but a token": (
        "token",
        {"data": [], "nextPageToken": "t"},
        {},
        {"pageToken": "t"},
    ),
    "offset": ("offset", {"data": files("a", "b")}, {}, {"offset": "2"}),
    "offset, from a number": ("offset", {"data": files("a", "b")}, {"offset": 4}, {"offset": "6"}),
    "offset, from a string": (
        "offset",
        {"data": files("a", "b")},
        {"offset": "4"},
        {"offset": "6"},
    ),
    "offset, empty": ("offset", {"data": []}, {"offset": 4}, None),
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", list(WELL_FORMED))
def test_well_formed_pages(
    rt: SimpleNamespace, server: ScriptedServer, case: str, mode: str
) -> None:
    style, body, params, next_query = WELL_FORMED[case]
    page, asked = first_page(rt, server, style, body, mode, params=params)
    File = file_model(rt)
    assert [item.model_dump() for item in page.items] == [
        File.model_validate(item).model_dump() for item in body["data"]
    ]
    assert all(type(item).__name__ == "File" for item in page.items)
    assert page.has_next_page() is (next_query is not None)
    assert asked == next_query
    assert page.raw == body
    assert type(page.raw) is dict


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    ("item", "data"),
    [(str, ["a", "b"]), (dict[str, Any], [{"id": "a"}, {"name": "b"}]), (Any, [{"id": "a"}, 5])],
)
def test_a_last_item_without_an_id_has_nothing_to_go_on_from(
    rt: SimpleNamespace, server: ScriptedServer, mode: str, item: Any, data: list[Any]
) -> None:
    body = {"data": data, "has_more": True}
    page, asked = first_page(rt, server, "cursor_by_id", body, mode, item=item)
    assert page.items == data
    assert not page.has_next_page()
    assert asked is None


# bodies whose items field is missing or empty-ish: an empty page; only a page token goes on
EMPTY_ITEMS = {
    "missing": {"has_more": True, "nextPageToken": "t", "last_id": "x"},
    "null": {"data": None, "has_more": True, "nextPageToken": "t", "last_id": "x"},
    "empty object": {"data": {}, "has_more": True, "nextPageToken": "t", "last_id": "x"},
    "zero": {"data": 0, "has_more": True, "nextPageToken": "t", "last_id": "x"},
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("style", ["cursor_by_id", "cursor_by_field", "token", "offset"])
@pytest.mark.parametrize("case", list(EMPTY_ITEMS))
def test_missing_or_empty_items_make_an_empty_page(
    rt: SimpleNamespace, server: ScriptedServer, case: str, style: str, mode: str
) -> None:
    body = EMPTY_ITEMS[case]
    page, asked = first_page(rt, server, style, body, mode)
    assert page.items == []
    assert page.raw == body
    assert asked == ({"pageToken": "t"} if style == "token" else None)


def schema_error(adapter_type: Any, value: Any, *, python: bool) -> str:
    adapter = pydantic.TypeAdapter(adapter_type)
    with pytest.raises(pydantic.ValidationError) as caught:
        adapter.validate_python(value) if python else adapter.validate_json(value)
    return str(caught.value)


NOT_A_PAGE = {
    "not JSON": Reply(body=b"not json", headers={"Content-Type": "application/json"}),
    "text": Reply(body="<html>hello</html>"),
    "an array": Reply(body=[{"id": "a"}]),
    "a string": Reply(body="just text", headers={"Content-Type": "application/json"}),
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", list(NOT_A_PAGE))
def test_a_body_that_is_not_a_json_object_fails_as_a_schema_mismatch(
    rt: SimpleNamespace, server: ScriptedServer, case: str, mode: str
) -> None:
    reply = NOT_A_PAGE[case]
    content, _ = reply.encoded_body()
    with pytest.raises(rt.errors.APIResponseValidationError) as caught:
        first_page(rt, server, "cursor_by_field", reply, mode)
    expected = schema_error(dict[str, Any], content, python=False)
    assert str(caught.value) == f"Response did not match the schema: {expected}"
    assert caught.value.body == rt.base_client._error_body(content)
    assert caught.value.response.status_code == 200


@pytest.mark.parametrize("mode", MODES)
def test_an_empty_body_fails_naming_the_object_expected(
    rt: SimpleNamespace, server: ScriptedServer, mode: str
) -> None:
    with pytest.raises(rt.errors.APIResponseValidationError) as caught:
        first_page(rt, server, "token", b"", mode)
    assert str(caught.value) == "The response body is empty; dict was expected"


BAD_ITEMS = {
    "items a string": "abc",
    "items an object": {"a": 1},
    "items a number": 5,
    "an item without its id": [{"id": "a"}, {"bytes": 1}],
    "an item of the wrong type": [{"id": "a", "bytes": "many"}],
    "an item that is not an object": [{"id": "a"}, 5],
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("style", ["cursor_by_id", "token", "offset"])
@pytest.mark.parametrize("case", list(BAD_ITEMS))
def test_items_that_do_not_validate_fail_as_a_schema_mismatch(
    rt: SimpleNamespace, server: ScriptedServer, case: str, style: str, mode: str
) -> None:
    """As any other response that does not match its schema: the client's error, naming what
    validating the items said, with the body and the pydantic error as its cause."""
    data = BAD_ITEMS[case]
    body = {"data": data, "has_more": True}
    with pytest.raises(rt.errors.APIResponseValidationError) as caught:
        first_page(rt, server, style, body, mode)
    expected = schema_error(list[file_model(rt)], data, python=True)
    assert str(caught.value) == f"Response did not match the schema: {expected}"
    assert isinstance(caught.value.__cause__, pydantic.ValidationError)
    assert caught.value.body == body
    assert caught.value.response.status_code == 200


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("style", ["cursor_by_id", "cursor_by_field", "token", "offset"])
def test_a_list_answered_no_content_is_an_empty_last_page(
    rt: SimpleNamespace, server: ScriptedServer, style: str, mode: str
) -> None:
    page, asked = first_page(rt, server, style, Reply(status=204, body=b""), mode)
    assert page.items == []
    assert page.raw == {}
    assert not page.has_next_page()
    assert asked is None


@pytest.mark.parametrize("mode", MODES)
def test_raw_response_pages_parse_and_fail_alike(
    rt: SimpleNamespace, server: ScriptedServer, mode: str
) -> None:
    """With the raw-response marker the page (or its error) comes from `parse()`."""
    options = rt.types.make_options(extra_headers={rt.types.RAW_RESPONSE_HEADER: "true"})
    arguments = {"item": file_model(rt), "page": specs(rt)["cursor_by_field"], "options": options}
    good = {"data": files("a", "b"), "last_id": "b", "has_more": True}
    bad = {"data": [{"bytes": 1}], "has_more": True}
    broken = Reply(body=b"{", headers={"Content-Type": "application/json"})
    server.reply("GET", "/list", Reply(body=good), Reply(body=bad), broken)

    if mode == "sync":
        with rt.base_client.SyncAPIClient(base_url=server.url, max_retries=0) as client:
            found: list[Any] = []
            for _ in range(3):
                response = client.request_page("GET", "/list", **arguments)
                try:
                    found.append(response.parse())
                except rt.errors.APIError as exc:
                    found.append(exc)
        page, items_error, body_error = found
    else:

        async def run() -> list[Any]:
            async with rt.base_client.AsyncAPIClient(base_url=server.url, max_retries=0) as client:
                found = []
                for _ in range(3):
                    response = await client.request_page("GET", "/list", **arguments)
                    try:
                        found.append(await response.parse())
                    except rt.errors.APIError as exc:
                        found.append(exc)
                return found

        page, items_error, body_error = asyncio.run(run())
    assert [f.id for f in page.items] == ["a", "b"]
    assert page.raw == good
    assert page.has_next_page()
    assert isinstance(items_error, rt.errors.APIResponseValidationError)
    expected = schema_error(list[file_model(rt)], bad["data"], python=True)
    assert str(items_error) == f"Response did not match the schema: {expected}"
    assert isinstance(body_error, rt.errors.APIResponseValidationError)
    assert str(body_error) == (
        f"Response did not match the schema: {schema_error(dict[str, Any], b'{', python=False)}"
    )


@pytest.fixture
def raw_parses(rt: SimpleNamespace, monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """The bodies parsed into a page's `raw` dict (the runtime's one parser of it), in order."""
    json_parser = rt.models.json_parser
    parse_raw = json_parser(rt.pagination.RAW_PAGE)
    parsed: list[bytes] = []

    def counting(content: bytes) -> Any:
        parsed.append(content)
        return parse_raw(content)

    def parser(cast_to: Any) -> Any:
        return counting if cast_to is rt.pagination.RAW_PAGE else json_parser(cast_to)

    monkeypatch.setattr(rt.models, "json_parser", parser)  # the runtime imports it when parsing
    return parsed


LAZY = {
    "cursor field": ("cursor_by_field", {"last_id": "b", "has_more": True}),
    "cursor by id, last page": ("cursor_by_id", {"has_more": False}),
    "token": ("token", {"nextPageToken": "t"}),
    "offset": ("offset", {}),
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("case", list(LAZY))
def test_raw_is_the_parsed_json_parsed_only_when_read(
    rt: SimpleNamespace, server: ScriptedServer, raw_parses: list[bytes], case: str, mode: str
) -> None:
    """Listing parses each page once, typed; `raw` parses the kept bytes on first use only."""
    style, fields = LAZY[case]
    body = {
        "object": "list",
        "data": files("a", "b"),
        "first_id": "a",
        **fields,
        "nested": {"x": [1, 2.5, None, True, "é", {"deep": []}]},
    }
    page, _ = first_page(rt, server, style, body, mode)
    assert [f.id for f in page.items] == ["a", "b"]
    assert raw_parses == []
    raw = page.raw
    assert raw == json.loads(json.dumps(body)) and type(raw) is dict
    assert page.raw is raw
    assert len(raw_parses) == 1


def test_the_last_items_id_is_read_as_sent(
    rt: SimpleNamespace, server: ScriptedServer, raw_parses: list[bytes]
) -> None:
    """Going on from the last item's `id` reads it from the JSON (once; `raw` then reuses it)."""
    page, asked = first_page(
        rt, server, "cursor_by_id", {"data": files("a", "z"), "has_more": True}, "sync"
    )
    assert asked == {"after": "z"}
    assert len(raw_parses) == 2  # the first page and the second (the same body again)
    assert page.raw == {"data": files("a", "z"), "has_more": True}
    assert len(raw_parses) == 2
