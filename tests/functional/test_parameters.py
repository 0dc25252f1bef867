"""Parameters in path, query, header and cookie; omitted vs None; extra_headers/query/body."""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from tests.support.http_server import LocalServer, Reply

Generate = Any

SPEC = """
openapi: 3.0.3
info: {title: Params, version: "1"}
paths:
  /items/{item_id}/versions/{version}:
    get:
      operationId: getItem
      tags: [items]
      parameters:
        - {name: item_id, in: path, required: true, schema: {type: string}}
        - {name: version, in: path, required: true, schema: {type: integer}}
        - {name: tags, in: query, schema: {type: array, items: {type: string}}}
        - {name: ids, in: query, explode: false, schema: {type: array, items: {type: integer}}}
        - {name: verbose, in: query, schema: {type: boolean}}
        - {name: q, in: query, schema: {type: string}}
        - {name: pageSize, in: query, schema: {type: integer}}
        - {name: X-Trace-Id, in: header, schema: {type: string}}
        - {name: X-Retry-Count, in: header, schema: {type: integer}}
        - {name: X-Flags, in: header, schema: {type: array, items: {type: string}}}
        - {name: X-Meta, in: header, schema: {type: object, additionalProperties: {type: string}}}
        - {name: X-Labels, in: header, explode: true, schema: {type: object, additionalProperties: {type: string}}}
        - {name: session_token, in: cookie, schema: {type: string}}
        - {name: prefs, in: cookie, schema: {type: array, items: {type: string}}}
        - {name: lots, in: cookie, explode: false, schema: {type: array, items: {type: integer}}}
        - {name: filter, in: cookie, explode: false, schema: {type: object, additionalProperties: {type: string}}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Item'}
  /items:
    post:
      operationId: createItem
      tags: [items]
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [name]
              properties:
                name: {type: string}
                note: {type: string, nullable: true}
                count: {type: integer}
                tags: {type: array, items: {type: string}}
                meta:
                  type: object
                  properties:
                    color: {type: string, nullable: true}
                    size: {type: integer}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Item'}
components:
  schemas:
    Item:
      type: object
      properties:
        id: {type: string}
"""


@pytest.fixture
def api(generate: Generate, request: pytest.FixtureRequest) -> Any:
    return generate(SPEC, "fn_params_" + request.node.name.removeprefix("test_")[:40])


async def test_path_parameters_are_percent_encoded(api: Any, server: LocalServer) -> None:
    server.route("GET", "/items/a%2Fb%20c%3F%23/versions/3", Reply.json({"id": "x"}))
    server.route("GET", "/items/..%2F..%2Fetc/versions/1", Reply.json({"id": "y"}))
    with api.Client(base_url=server.url) as client:
        assert client.items.get(item_id="a/b c?#", version=3).id == "x"
        assert client.items.get(item_id="../../etc", version=1).id == "y"
    assert [r.path for r in server.requests] == [
        "/items/a%2Fb%20c%3F%23/versions/3",
        "/items/..%2F..%2Fetc/versions/1",
    ]
    async with api.AsyncClient(base_url=server.url) as aclient:
        assert (await aclient.items.get(item_id="a/b c?#", version=3)).id == "x"
    assert server.requests[-1].path == "/items/a%2Fb%20c%3F%23/versions/3"


async def test_query_arrays_booleans_and_omitted_vs_none(api: Any, server: LocalServer) -> None:
    server.route("GET", "/items/i1/versions/1", Reply.json({"id": "i1"}))
    with api.Client(base_url=server.url) as client:
        client.items.get(
            item_id="i1", version=1, tags=["a", "b c"], verbose=False, page_size=10
        )
        client.items.get(item_id="i1", version=1, verbose=True, q=None)
        client.items.get(item_id="i1", version=1)
    first, second, third = server.requests
    assert first.query == {"tags": ["a", "b c"], "verbose": ["false"], "pageSize": ["10"]}
    assert second.query == {"verbose": ["true"]}  # None is not sent: a query has no null
    assert third.query == {}

    async with api.AsyncClient(base_url=server.url) as aclient:
        await aclient.items.get(item_id="i1", version=1, tags=["x"], verbose=True)
    assert server.requests[-1].query == {"tags": ["x"], "verbose": ["true"]}


async def test_query_array_without_explode_is_comma_separated(
    api: Any, server: LocalServer
) -> None:
    """`explode: false` on a form-style query array: one `ids=1,2,3`, not `ids=1&ids=2&ids=3`."""
    server.route("GET", "/items/i1/versions/1", Reply.json({"id": "i1"}))
    with api.Client(base_url=server.url) as client:
        client.items.get(item_id="i1", version=1, ids=[1, 2, 3], tags=["a", "b"])
    assert server.requests[-1].query == {"ids": ["1,2,3"], "tags": ["a", "b"]}
    async with api.AsyncClient(base_url=server.url) as aclient:
        await aclient.items.get(item_id="i1", version=1, ids=[4])
    assert server.requests[-1].query == {"ids": ["4"]}


async def test_header_parameters(api: Any, server: LocalServer) -> None:
    server.route("GET", "/items/i1/versions/2", Reply.json({"id": "i1"}))
    signature = inspect.signature(api.Client(base_url=server.url).items.get)
    assert {"x_trace_id", "x_retry_count"} <= set(signature.parameters)

    with api.Client(api_key="sk-1", base_url=server.url) as client:
        client.items.get(item_id="i1", version=2, x_trace_id="t-1", x_retry_count=4)
        client.items.get(item_id="i1", version=2)
    headers = server.requests[0].headers
    assert headers["x-trace-id"] == "t-1"
    assert headers["x-retry-count"] == "4"
    assert headers["authorization"] == "Bearer sk-1"
    assert "x-trace-id" not in server.requests[1].headers

    async with api.AsyncClient(api_key="sk-2", base_url=server.url) as aclient:
        await aclient.items.get(item_id="i1", version=2, x_trace_id="t-2")
    assert server.requests[-1].headers["x-trace-id"] == "t-2"
    assert server.requests[-1].headers["authorization"] == "Bearer sk-2"


async def test_array_and_object_headers_use_the_simple_style(api: Any, server: LocalServer) -> None:
    """OpenAPI `simple`: a list `a,b`; an object `k,v,k2,v2`, exploded `k=v,k2=v2`."""
    server.route("GET", "/items/i1/versions/2", Reply.json({"id": "i1"}))
    arguments = {
        "x_flags": ["a", "b c"],
        "x_meta": {"role": "admin", "tier": "2"},
        "x_labels": {"env": "prod", "zone": "b"},
    }
    with api.Client(base_url=server.url) as client:
        client.items.get("i1", 2, **arguments)
    async with api.AsyncClient(base_url=server.url) as aclient:
        await aclient.items.get("i1", 2, **arguments)
    for sent in server.requests:
        assert sent.headers["x-flags"] == "a,b c"
        assert sent.headers["x-meta"] == "role,admin,tier,2"
        assert sent.headers["x-labels"] == "env=prod,zone=b"


async def test_cookie_parameters_are_arguments(api: Any, server: LocalServer) -> None:
    """`in: cookie` parameters are keyword arguments sent in one `Cookie` header, in the `form`
    style (exploded by default), values percent-encoded; omitted ones are not sent."""
    server.route("GET", "/items/i1/versions/2", Reply.json({"id": "i1"}))
    signature = inspect.signature(api.Client(base_url=server.url).items.get)
    assert {"session_token", "prefs", "lots", "filter"} <= set(signature.parameters)
    assert signature.parameters["session_token"].kind is inspect.Parameter.KEYWORD_ONLY
    arguments = {
        "session_token": "a b;c=d,e",
        "prefs": ["dark", "compact"],
        "lots": [1, 2],
        "filter": {"color": "red", "size": "m"},
    }
    expected = "session_token=a%20b%3Bc%3Dd%2Ce; prefs=dark; prefs=compact; lots=1,2; filter=color,red,size,m"
    with api.Client(base_url=server.url) as client:
        client.items.get("i1", 2, **arguments)
        client.items.get("i1", 2)
        client.items.get("i1", 2, session_token="s1", lots=[])
    async with api.AsyncClient(base_url=server.url) as aclient:
        await aclient.items.get("i1", 2, **arguments)
    first, bare, partial, from_async = server.requests
    assert first.headers["cookie"] == expected
    assert "cookie" not in bare.headers
    assert partial.headers["cookie"] == "session_token=s1"
    assert from_async.headers["cookie"] == expected


async def test_cookie_arguments_join_the_callers_cookies(api: Any, server: LocalServer) -> None:
    """The cookies of the http client's jar or of `extra_headers` are kept; an argument replaces
    a cookie of the same name."""
    import httpx2

    server.route("GET", "/items/i1/versions/2", Reply.json({"id": "i1"}))
    jar = httpx2.Client(cookies={"tracking": "t1", "session_token": "old"})
    with api.Client(base_url=server.url, http_client=jar) as client:
        client.items.get("i1", 2, session_token="new")
        client.items.get("i1", 2, prefs=["x"], extra_headers={"Cookie": "mine=1; prefs=stale"})
    jar.close()
    ajar = httpx2.AsyncClient(cookies={"tracking": "t2"})
    async with api.AsyncClient(base_url=server.url, http_client=ajar) as aclient:
        await aclient.items.get("i1", 2, session_token="s")
    await ajar.aclose()
    with_jar, with_header, from_async = server.requests
    assert with_jar.headers["cookie"] == "tracking=t1; session_token=new"
    assert with_header.headers["cookie"] == "mine=1; prefs=x"
    assert from_async.headers["cookie"] == "tracking=t2; session_token=s"


async def test_json_body_omitted_vs_none(api: Any, server: LocalServer) -> None:
    server.route("POST", "/items", Reply.json({"id": "new"}))
    with api.Client(base_url=server.url) as client:
        client.items.create(name="a")
        client.items.create(name="b", note=None, count=0, tags=[])
        client.items.create(name="c", meta={"color": None})
    assert server.requests[0].json() == {"name": "a"}
    assert server.requests[0].headers["content-type"] == "application/json"
    assert server.requests[1].json() == {"name": "b", "note": None, "count": 0, "tags": []}
    assert server.requests[2].json() == {"name": "c", "meta": {"color": None}}

    async with api.AsyncClient(base_url=server.url) as aclient:
        await aclient.items.create(name="d", note=None)
    assert server.requests[-1].json() == {"name": "d", "note": None}


async def test_extra_headers_query_and_body_reach_the_server(api: Any, server: LocalServer) -> None:
    server.route("POST", "/items", Reply.json({"id": "new"}))
    server.route("GET", "/items/i1/versions/1", Reply.json({"id": "i1"}))
    with api.Client(base_url=server.url, default_headers={"X-Team": "blue"}) as client:
        client.items.create(
            name="a",
            extra_headers={"X-Extra": "1"},
            extra_query={"debug": "yes"},
            extra_body={"undocumented": [1, 2], "name": "overridden"},
        )
        client.items.get(item_id="i1", version=1, q="s", extra_query={"q2": "t"})
    created, fetched = server.requests
    assert created.headers["x-extra"] == "1" and created.headers["x-team"] == "blue"
    assert created.query == {"debug": ["yes"]}
    assert created.json() == {"name": "overridden", "undocumented": [1, 2]}
    assert fetched.query == {"q": ["s"], "q2": ["t"]}

    async with api.AsyncClient(base_url=server.url) as aclient:
        await aclient.items.create(
            name="b",
            extra_headers={"X-Extra": "2"},
            extra_query={"a": "b"},
            extra_body={"more": True},
        )
    last = server.requests[-1]
    assert last.headers["x-extra"] == "2" and last.query == {"a": ["b"]}
    assert last.json() == {"name": "b", "more": True}
