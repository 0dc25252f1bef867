"""Discriminated unions whose tag table is not one constant per variant: a variant whose tag is an
enum of several values, and variants that share a tag value (OpenAI's `InputMessageResource` and
`OutputMessage` are both `type: "message"`)."""

from __future__ import annotations

from typing import Any

from tests.support.http_server import LocalServer, Reply

Generate = Any

SPEC = """
openapi: 3.1.0
info: {title: Items, version: "1"}
paths:
  /items:
    post:
      operationId: echoItems
      tags: [items]
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: array, items: {$ref: '#/components/schemas/Item'}}
      responses:
        "200":
          description: the items back
          content:
            application/json:
              schema: {type: array, items: {$ref: '#/components/schemas/Item'}}
components:
  schemas:
    Item:
      discriminator: {propertyName: type}
      anyOf:
        - $ref: '#/components/schemas/InputMessage'
        - $ref: '#/components/schemas/OutputMessage'
        - $ref: '#/components/schemas/WebSearch'
        - $ref: '#/components/schemas/FileSearch'
    InputMessage:
      type: object
      required: [type, role, content]
      properties:
        type: {type: string, const: message}
        role: {type: string, enum: [user, system]}
        content: {type: string}
    OutputMessage:
      type: object
      required: [type, id, text]
      properties:
        type: {type: string, const: message}
        id: {type: string}
        text: {type: string}
    WebSearchKind:
      type: string
      enum: [web_search, web_search_preview]
    WebSearch:
      type: object
      required: [type]
      properties:
        type: {$ref: '#/components/schemas/WebSearchKind'}
        query: {type: string}
    FileSearch:
      type: object
      required: [type]
      properties:
        type: {type: string, const: file_search}
        store: {type: string}
"""

ITEMS = [
    {"type": "message", "role": "user", "content": "hi"},
    {"type": "message", "id": "m1", "text": "hello"},
    {"type": "web_search", "query": "weather"},
    {"type": "web_search_preview", "query": "news"},
    {"type": "file_search", "store": "vs_1"},
]


def _echo(request: Any) -> Reply:
    return Reply.json(request.json())


async def test_shared_and_enum_valued_tags_pick_their_variant(
    generate: Generate, server: LocalServer
) -> None:
    api = generate(SPEC, "fn_shared_tags")
    from fn_shared_tags import models

    server.route("POST", "/items", _echo)
    expected = [
        models.InputMessage,
        models.OutputMessage,
        models.WebSearch,
        models.WebSearch,
        models.FileSearch,
    ]
    with api.Client(api_key="k", base_url=server.url) as client:
        items = client.items.echo_items(body=ITEMS)
    assert [type(item) for item in items] == expected
    assert [item.model_dump(exclude_none=True) for item in items] == ITEMS
    async with api.AsyncClient(api_key="k", base_url=server.url) as aclient:
        again = await aclient.items.echo_items(body=ITEMS)
    assert [type(item) for item in again] == expected


async def test_unknown_tag_is_still_an_error(generate: Generate, server: LocalServer) -> None:
    api = generate(SPEC, "fn_unknown_tag")
    server.route("POST", "/items", _echo)
    with api.Client(api_key="k", base_url=server.url) as client:
        try:
            client.items.echo_items(body=[{"type": "nope"}])
        except api.APIResponseValidationError as error:
            assert "nope" in str(error)
        else:
            raise AssertionError("an unknown tag must not parse")
