"""Cursor pagination: declared with `x-codegen-pagination` and recognized from OpenAI's list shape."""

from __future__ import annotations

from typing import Any

from tests.support.http_server import LocalServer, Reply, Request

Generate = Any

SPEC = """
openapi: 3.1.0
info: {title: Pages, version: "1"}
paths:
  /models:
    get:
      operationId: listModels
      tags: [models]
      description: recognized as a cursor list (after + data + has_more)
      parameters:
        - {name: after, in: query, schema: {type: string}}
        - {name: limit, in: query, schema: {type: integer}}
        - {name: order, in: query, schema: {type: string, enum: [asc, desc]}}
      responses:
        "200":
          description: a page
          content:
            application/json:
              schema: {$ref: '#/components/schemas/ModelList'}
  /jobs:
    get:
      operationId: listJobs
      tags: [jobs]
      x-codegen-pagination:
        style: cursor
        request_param: starting_after
        response_cursor: next_cursor
        items: jobs
        has_more: more
      parameters:
        - {name: starting_after, in: query, schema: {type: string}}
      responses:
        "200":
          description: a page
          content:
            application/json:
              schema:
                type: object
                required: [jobs]
                properties:
                  jobs: {type: array, items: {$ref: '#/components/schemas/Job'}}
                  next_cursor: {type: [string, "null"]}
                  more: {type: boolean}
components:
  schemas:
    Model:
      type: object
      required: [id]
      properties:
        id: {type: string}
        owned_by: {type: string}
    ModelList:
      type: object
      required: [data, has_more]
      properties:
        object: {const: list}
        data: {type: array, items: {$ref: '#/components/schemas/Model'}}
        first_id: {type: string}
        last_id: {type: string}
        has_more: {type: boolean}
    Job:
      type: object
      required: [name]
      properties:
        name: {type: string}
"""

ALL_IDS = [f"m{i}" for i in range(7)]


def _models_page(request: Request) -> Reply:
    after = request.query.get("after", [None])[0]
    limit = int(request.query.get("limit", ["3"])[0])
    start = ALL_IDS.index(after) + 1 if after else 0
    chunk = ALL_IDS[start : start + limit]
    return Reply.json(
        {
            "object": "list",
            "data": [{"id": i, "owned_by": "me"} for i in chunk],
            "first_id": chunk[0] if chunk else None,
            "last_id": chunk[-1] if chunk else None,
            "has_more": start + limit < len(ALL_IDS),
        }
    )


JOB_PAGES = {
    None: {"jobs": [{"name": "a"}, {"name": "b"}], "next_cursor": "c1", "more": True},
    "c1": {"jobs": [{"name": "c"}], "next_cursor": "c2", "more": True},
    "c2": {"jobs": [{"name": "d"}, {"name": "e"}], "next_cursor": None, "more": False},
}


def _jobs_page(request: Request) -> Reply:
    return Reply.json(JOB_PAGES[request.query.get("starting_after", [None])[0]])


async def test_recognized_cursor_list_across_three_pages(
    generate: Generate, server: LocalServer
) -> None:
    api = generate(SPEC, "fn_pages")
    server.route("GET", "/models", _models_page)

    with api.Client(base_url=server.url) as client:
        page = client.models.list(limit=3, order="asc")
        assert [m.id for m in page.items] == ["m0", "m1", "m2"]
        assert page.has_next_page()
        assert [m.id for m in page] == ALL_IDS
        assert all(type(m).__name__ == "Model" for m in page)
    queries = [r.query for r in server.requests[:3]]
    assert queries == [
        {"limit": ["3"], "order": ["asc"]},
        {"limit": ["3"], "order": ["asc"], "after": ["m2"]},
        {"limit": ["3"], "order": ["asc"], "after": ["m5"]},
    ]

    server.requests.clear()
    async with api.AsyncClient(base_url=server.url) as aclient:
        ids = [m.id async for m in aclient.models.list(limit=3)]
        assert ids == ALL_IDS
        first = await aclient.models.list(limit=5)
        assert [m.id for m in first.items] == ALL_IDS[:5]
        second = await first.next_page()
        assert [m.id for m in second.items] == ALL_IDS[5:] and not second.has_next_page()
        pages = [len(p.items) async for p in first.iter_pages()]
        assert pages == [5, 2]
    assert len(server.requests) == 3 + 2 + 1


async def test_declared_pagination(generate: Generate, server: LocalServer) -> None:
    api = generate(SPEC, "fn_pages_declared")
    server.route("GET", "/jobs", _jobs_page)
    with api.Client(base_url=server.url) as client:
        assert [j.name for j in client.jobs.list()] == ["a", "b", "c", "d", "e"]
        pages = list(client.jobs.list().iter_pages())
        assert [len(p.items) for p in pages] == [2, 1, 2]
    assert [r.query for r in server.requests[:3]] == [
        {},
        {"starting_after": ["c1"]},
        {"starting_after": ["c2"]},
    ]
    async with api.AsyncClient(base_url=server.url) as aclient:
        assert [j.name async for j in aclient.jobs.list()] == ["a", "b", "c", "d", "e"]


async def test_raw_response_of_a_list(generate: Generate, server: LocalServer) -> None:
    api = generate(SPEC, "fn_pages_raw")

    def with_request_id(request: Request) -> Reply:
        reply = _models_page(request)
        reply.headers["x-request-id"] = "rq"
        return reply

    server.route("GET", "/models", with_request_id)
    with api.Client(base_url=server.url) as client:
        raw = client.models.with_raw_response.list(limit=3)
        assert raw.status_code == 200 and raw.headers["x-request-id"] == "rq"
        assert [m.id for m in raw.parse()] == ALL_IDS
    async with api.AsyncClient(base_url=server.url) as aclient:
        araw = await aclient.models.with_raw_response.list(limit=4)
        assert araw.status_code == 200
        page = await araw.parse()
        assert [m.id async for m in page] == ALL_IDS
