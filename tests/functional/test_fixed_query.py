"""A path that carries a fixed query (`/responses?beta=true`, as the OpenAI description writes
its beta operations) keeps it when the call adds query parameters of its own."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.http_server import LocalServer, Reply

SPEC = """
openapi: 3.0.3
info: {title: Fixed query, version: "1"}
paths:
  /items?beta=true:
    get:
      operationId: listBetaItems
      tags: [items]
      parameters:
        - {name: limit, in: query, schema: {type: integer}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {type: object, properties: {id: {type: string}}}
"""


@pytest.fixture
def api(generate: Any) -> Any:
    return generate(SPEC, "fn_fixed_query")


async def test_fixed_query_is_kept_beside_call_parameters(api: Any, server: LocalServer) -> None:
    server.route("GET", "/items", Reply.json({"id": "x"}))
    with api.Client(base_url=server.url) as client:
        client.items.list_beta(limit=5)
        client.items.list_beta()
    with_limit, without = server.requests
    assert with_limit.query == {"beta": ["true"], "limit": ["5"]}
    assert without.query == {"beta": ["true"]}
    async with api.AsyncClient(base_url=server.url) as aclient:
        await aclient.items.list_beta(limit=7)
    assert server.requests[-1].query == {"beta": ["true"], "limit": ["7"]}
