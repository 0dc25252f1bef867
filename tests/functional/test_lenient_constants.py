"""A response constant the server gets wrong is kept and logged, not fatal (recorded AI Studio
streams send tool calls with `"type": ""`); a constant that picks a union's variant stays strict."""

from __future__ import annotations

import logging
from typing import Any

import pytest

from tests.support.http_server import LocalServer, Reply

Generate = Any

SPEC = """
openapi: 3.1.0
info: {title: Tools, version: "1"}
paths:
  /chat:
    post:
      operationId: createChat
      tags: [chat]
      x-codegen-sse-terminator: "[DONE]"
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              properties:
                stream: {type: boolean}
      responses:
        "200":
          description: chunks
          content:
            text/event-stream:
              schema: {$ref: '#/components/schemas/Chunk'}
  /shapes:
    get:
      operationId: getShape
      tags: [shapes]
      responses:
        "200":
          description: a shape
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Shape'}
components:
  schemas:
    Chunk:
      type: object
      required: [object, tool_calls]
      properties:
        object: {type: string, const: chat.completion.chunk}
        tool_calls:
          type: array
          items: {$ref: '#/components/schemas/ToolCallChunk'}
    ToolCallChunk:
      type: object
      required: [index]
      properties:
        index: {type: integer}
        type: {type: string, const: function}
        name: {type: string}
    Shape:
      oneOf:
        - $ref: '#/components/schemas/Circle'
        - $ref: '#/components/schemas/Square'
    Circle:
      type: object
      required: [kind]
      properties:
        kind: {type: string, const: circle}
    Square:
      type: object
      required: [kind]
      properties:
        kind: {type: string, const: square}
"""

CHUNKS = [
    {"object": "chat.completion.chunk", "tool_calls": [{"index": 0, "type": "function", "name": "f"}]},
    {"object": "chat.completion.chunk", "tool_calls": [{"index": 0, "type": ""}]},
]


async def test_unexpected_constant_in_a_stream_is_kept_and_logged(
    generate: Generate, server: LocalServer, caplog: pytest.LogCaptureFixture
) -> None:
    api = generate(SPEC, "fn_lenient_stream")
    server.route("POST", "/chat", Reply.sse(CHUNKS))
    with (
        caplog.at_level(logging.INFO, logger="fn_lenient_stream"),  # the package logs under its own name
        api.Client(api_key="k", base_url=server.url) as client,
    ):
        chunks = list(client.chat.create(stream=True))
    assert [c.tool_calls[0].type for c in chunks] == ["function", ""]
    assert chunks[1].model_dump()["tool_calls"][0]["type"] == ""
    assert any("''" in record.getMessage() for record in caplog.records)
    async with api.AsyncClient(api_key="k", base_url=server.url) as aclient:
        stream = await aclient.chat.create(stream=True)
        assert [c.tool_calls[0].type async for c in stream] == ["function", ""]


def test_constant_that_picks_a_variant_stays_strict(generate: Generate, server: LocalServer) -> None:
    api = generate(SPEC, "fn_lenient_union")
    from fn_lenient_union import models

    server.route("GET", "/shapes", Reply.json({"kind": "square"}))
    with api.Client(api_key="k", base_url=server.url) as client:
        assert isinstance(client.shapes.get(), models.Square)
        server.route("GET", "/shapes", Reply.json({"kind": ""}))
        with pytest.raises(api.APIResponseValidationError):
            client.shapes.get()
