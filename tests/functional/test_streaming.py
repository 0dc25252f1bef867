"""Responses that are not one JSON document: server-sent event streams and binary downloads."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support.http_server import LocalServer, Reply, Request

Generate = Any

SPEC = """
openapi: 3.1.0
info: {title: Streams, version: "1"}
paths:
  /chat/completions:
    post:
      operationId: createChatCompletion
      x-codegen-resource: chat.completions
      x-codegen-method: create
      x-codegen-sse-terminator: "[DONE]"
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [model, messages]
              properties:
                model: {type: string}
                messages:
                  type: array
                  items:
                    type: object
                    required: [role, content]
                    properties:
                      role: {type: string, enum: [system, user, assistant]}
                      content: {type: string}
                stream: {type: boolean, default: false}
      responses:
        "200":
          description: a completion, or a stream of chunks when `stream` is true
          content:
            application/json:
              schema: {$ref: '#/components/schemas/ChatCompletion'}
            text/event-stream:
              schema: {$ref: '#/components/schemas/ChatCompletionChunk'}
  /events:
    get:
      operationId: listenEvents
      tags: [events]
      description: a stream without a terminator; it ends with the body
      responses:
        "200":
          description: events
          content:
            text/event-stream:
              schema: {$ref: '#/components/schemas/Event'}
  /files/{file_id}/content:
    get:
      operationId: downloadFile
      tags: [files]
      parameters: [{name: file_id, in: path, required: true, schema: {type: string}}]
      responses:
        "200":
          description: the file's bytes
          content:
            application/octet-stream:
              schema: {type: string, format: binary}
components:
  schemas:
    Usage:
      type: object
      required: [prompt_tokens, completion_tokens, total_tokens]
      properties:
        prompt_tokens: {type: integer}
        completion_tokens: {type: integer}
        total_tokens: {type: integer}
    ChatCompletion:
      type: object
      required: [id, object, choices]
      properties:
        id: {type: string}
        object: {const: chat.completion}
        choices:
          type: array
          items:
            type: object
            properties:
              index: {type: integer}
              message:
                type: object
                properties:
                  role: {type: string}
                  content: {type: [string, "null"]}
        usage: {$ref: '#/components/schemas/Usage'}
    ChatCompletionChunk:
      type: object
      required: [id, object, choices]
      properties:
        id: {type: string}
        object: {const: chat.completion.chunk}
        choices:
          type: array
          items:
            type: object
            required: [index, delta]
            properties:
              index: {type: integer}
              delta:
                type: object
                properties:
                  content: {type: [string, "null"]}
              finish_reason: {type: [string, "null"], enum: [stop, length, null]}
        usage:
          anyOf:
            - $ref: '#/components/schemas/Usage'
            - type: "null"
    Event:
      type: object
      required: [seq]
      properties:
        seq: {type: integer}
        kind: {type: string, enum: [tick, tock]}
"""


def chunk(
    text: str | None, *, finish: str | None = None, usage: dict[str, int] | None = None
) -> dict[str, Any]:
    choices = (
        [] if text is None else [{"index": 0, "delta": {"content": text}, "finish_reason": finish}]
    )
    return {"id": "c1", "object": "chat.completion.chunk", "choices": choices, "usage": usage}


USAGE = {"prompt_tokens": 3, "completion_tokens": 2, "total_tokens": 5}
CHUNKS = [chunk("Hel"), chunk("lo"), chunk("", finish="stop"), chunk(None, usage=USAGE)]
MESSAGES = [{"role": "user", "content": "hi"}]


def sse_raw(*blocks: str, cut_after: int | None = None) -> Reply:
    """An event stream from raw SSE text blocks (each a complete event)."""

    def chunks() -> Iterator[bytes]:
        for block in blocks:
            yield block.encode()

    return Reply(200, b"", {"content-type": "text/event-stream"}, chunks(), cut_after)


@pytest.fixture
def api(generate: Generate, request: pytest.FixtureRequest) -> Any:
    return generate(SPEC, "fn_sse_" + request.node.name.removeprefix("test_")[:40])


def _check_chunks(items: list[Any], api: Any) -> None:
    assert [type(i).__name__ for i in items] == ["ChatCompletionChunk"] * 4
    assert "".join(i.choices[0].delta.content for i in items[:3]) == "Hello"
    assert items[2].choices[0].finish_reason == "stop"
    assert items[3].choices == []
    assert items[3].usage is not None and items[3].usage.total_tokens == 5


async def test_sse_stream_of_typed_chunks_ends_on_done(api: Any, server: LocalServer) -> None:
    server.route("POST", "/chat/completions", lambda _r: Reply.sse(CHUNKS, done=True))
    with api.Client(base_url=server.url) as client:
        stream = client.chat.completions.create(model="m", messages=MESSAGES, stream=True)
        assert isinstance(stream, api.Stream)
        with stream:
            items = list(stream)
    _check_chunks(items, api)
    assert server.requests[-1].json() == {"model": "m", "messages": MESSAGES, "stream": True}

    async with api.AsyncClient(base_url=server.url) as aclient:
        astream = await aclient.chat.completions.create(model="m", messages=MESSAGES, stream=True)
        assert isinstance(astream, api.AsyncStream)
        async with astream:
            aitems = [item async for item in astream]
    _check_chunks(aitems, api)


async def test_same_operation_without_stream_returns_json(api: Any, server: LocalServer) -> None:
    completion = {
        "id": "c2",
        "object": "chat.completion",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": "Hello"}}],
        "usage": USAGE,
    }
    server.route("POST", "/chat/completions", Reply.json(completion))
    with api.Client(base_url=server.url) as client:
        result = client.chat.completions.create(model="m", messages=MESSAGES)
    assert type(result).__name__ == "ChatCompletion"
    assert result.choices[0].message.content == "Hello" and result.usage.total_tokens == 5
    assert "stream" not in server.requests[-1].json()
    async with api.AsyncClient(base_url=server.url) as aclient:
        result = await aclient.chat.completions.create(model="m", messages=MESSAGES, stream=False)
    assert result.id == "c2"
    assert server.requests[-1].json()["stream"] is False


async def test_sse_error_event_raises_stream_error(api: Any, server: LocalServer) -> None:
    error = {"error": {"message": "model overloaded", "code": "overloaded"}}
    server.route("POST", "/chat/completions", lambda _r: Reply.sse([CHUNKS[0], error], done=True))
    with api.Client(base_url=server.url) as client:
        received = []
        with pytest.raises(api.StreamError) as caught:
            for item in client.chat.completions.create(model="m", messages=MESSAGES, stream=True):
                received.append(item)
    assert len(received) == 1
    assert "model overloaded" in str(caught.value)
    assert isinstance(caught.value, api.APIError)

    # the `event: error` form, with the async client
    server.route(
        "POST",
        "/chat/completions",
        lambda _r: sse_raw(
            f"data: {json.dumps(CHUNKS[0])}\n\n",
            'event: error\ndata: {"message": "quota exceeded"}\n\n',
            "data: [DONE]\n\n",
        ),
    )
    async with api.AsyncClient(base_url=server.url) as aclient:
        astream = await aclient.chat.completions.create(model="m", messages=MESSAGES, stream=True)
        with pytest.raises(api.StreamError) as acaught:
            async for _ in astream:
                pass
    assert "quota exceeded" in str(acaught.value)


async def test_sse_cut_short_raises_connection_error(api: Any, server: LocalServer) -> None:
    """A connection closed mid-stream is an error, never a quiet end of the iteration."""
    server.route("POST", "/chat/completions", lambda _r: Reply.sse(CHUNKS, done=False, cut_after=2))
    with api.Client(base_url=server.url, max_retries=0) as client:
        received: list[Any] = []
        with pytest.raises(api.APIConnectionError):
            for item in client.chat.completions.create(model="m", messages=MESSAGES, stream=True):
                received.append(item)
    assert len(received) == 2

    async with api.AsyncClient(base_url=server.url, max_retries=0) as aclient:
        areceived: list[Any] = []
        astream = await aclient.chat.completions.create(model="m", messages=MESSAGES, stream=True)
        with pytest.raises(api.APIConnectionError):
            async for item in astream:
                areceived.append(item)
    assert len(areceived) == 2


async def test_sse_clean_end_without_terminator_raises(api: Any, server: LocalServer) -> None:
    """The body ends properly but `[DONE]` never came: the stream was cut short upstream."""
    server.route("POST", "/chat/completions", lambda _r: Reply.sse(CHUNKS[:2], done=False))
    with api.Client(base_url=server.url) as client, pytest.raises(api.APIConnectionError):
        list(client.chat.completions.create(model="m", messages=MESSAGES, stream=True))
    async with api.AsyncClient(base_url=server.url) as aclient:
        astream = await aclient.chat.completions.create(model="m", messages=MESSAGES, stream=True)
        with pytest.raises(api.APIConnectionError):
            [item async for item in astream]


async def test_stream_without_terminator(api: Any, server: LocalServer) -> None:
    events = [
        {"seq": 1, "kind": "tick"},
        {"seq": 2, "kind": "tock"},
        {"seq": 3, "kind": "brand_new"},
    ]
    server.route("GET", "/events", lambda _r: Reply.sse(events, done=False))
    with api.Client(base_url=server.url) as client:
        got = list(client.events.listen())
    assert [e.seq for e in got] == [1, 2, 3]
    assert got[2].kind == "brand_new"

    # cut short: the chunked body never completes
    server.route("GET", "/events", lambda _r: Reply.sse(events, done=False, cut_after=1))
    async with api.AsyncClient(base_url=server.url, max_retries=0) as aclient:
        astream = await aclient.events.listen()
        seen = []
        with pytest.raises(api.APIConnectionError):
            async for event in astream:
                seen.append(event.seq)
    assert seen == [1]


async def test_break_out_of_stream_then_reuse_client(api: Any, server: LocalServer) -> None:
    many = [chunk(str(i)) for i in range(50)]
    server.route("POST", "/chat/completions", lambda _r: Reply.sse(many, done=True))
    server.route(
        "GET",
        "/files/f1/content",
        Reply(200, b"payload", {"content-type": "application/octet-stream"}),
    )
    with api.Client(base_url=server.url) as client:
        for _ in range(3):
            with client.chat.completions.create(
                model="m", messages=MESSAGES, stream=True
            ) as stream:
                for item in stream:
                    if item.choices[0].delta.content == "2":
                        break
        assert client.files.download(file_id="f1").read() == b"payload"
        assert (
            len(list(client.chat.completions.create(model="m", messages=MESSAGES, stream=True)))
            == 50
        )

    async with api.AsyncClient(base_url=server.url) as aclient:
        for _ in range(3):
            astream = await aclient.chat.completions.create(
                model="m", messages=MESSAGES, stream=True
            )
            async with astream:
                async for _ in astream:
                    break
        assert (await (await aclient.files.download(file_id="f1")).read()) == b"payload"


async def test_binary_download(api: Any, server: LocalServer, tmp_path: Path) -> None:
    content = bytes(range(256)) * 1000
    server.route(
        "GET",
        "/files/file%2F1/content",
        Reply(200, content, {"content-type": "application/octet-stream", "x-request-id": "req-9"}),
    )
    with api.Client(base_url=server.url) as client:
        response = client.files.download(file_id="file/1")
        assert isinstance(response, api.BinaryResponse)
        assert response.status_code == 200
        assert response.read() == content
        target = tmp_path / "out.bin"
        client.files.download(file_id="file/1").write_to_file(target)
        assert target.read_bytes() == content
        with client.files.download(file_id="file/1") as streamed:
            assert b"".join(streamed.iter_bytes()) == content

    async with api.AsyncClient(base_url=server.url) as aclient:
        aresponse = await aclient.files.download(file_id="file/1")
        assert isinstance(aresponse, api.AsyncBinaryResponse)
        assert await aresponse.read() == content
        atarget = tmp_path / "async.bin"
        await (await aclient.files.download(file_id="file/1")).write_to_file(atarget)
        assert atarget.read_bytes() == content
        parts = [
            part
            async for part in (await aclient.files.download(file_id="file/1")).iter_bytes()
        ]
        assert b"".join(parts) == content


async def test_stream_with_raw_response(api: Any, server: LocalServer) -> None:
    def reply(request: Request) -> Reply:
        response = Reply.sse(CHUNKS, done=True)
        response.headers["x-request-id"] = "req-stream"
        return response

    server.route("POST", "/chat/completions", reply)
    with api.Client(base_url=server.url) as client:
        raw = client.chat.completions.with_raw_response.create(
            model="m", messages=MESSAGES, stream=True
        )
        assert raw.status_code == 200
        assert raw.headers["x-request-id"] == "req-stream"
        items = list(raw.parse())
    _check_chunks(items, api)
