"""SSE and NDJSON streams against a real chunked HTTP/1.1 server."""

from __future__ import annotations

import json
from types import SimpleNamespace
from typing import Any

import pytest

from tests.runtime.scripted_server import Reply, ScriptedServer, sse


def chunk_model(rt: SimpleNamespace) -> Any:
    class Delta(rt.models.BaseModel):
        content: str | None = None

    class Choice(rt.models.BaseModel):
        index: int
        delta: Delta

    class Usage(rt.models.BaseModel):
        total_tokens: int

    class Chunk(rt.models.BaseModel):
        id: str
        choices: list[Choice]
        usage: Usage | None = None

    return Chunk


def chat_events(count: int) -> list[str]:
    events = [
        json.dumps({"id": "c1", "choices": [{"index": 0, "delta": {"content": f"t{i}"}}]})
        for i in range(count)
    ]
    events.append(json.dumps({"id": "c1", "choices": [], "usage": {"total_tokens": 9}}))
    return events


def open_stream(client: Any, rt: SimpleNamespace, path: str = "/chat", **kwargs: Any) -> Any:
    return client.request(
        "POST",
        path,
        cast_to=None,
        json_body={"stream": True},
        stream=True,
        stream_item=kwargs.pop("item", chunk_model(rt)),
        stream_terminator=kwargs.pop("terminator", "[DONE]"),
        **kwargs,
    )


@pytest.fixture
def client(rt: SimpleNamespace, server: ScriptedServer) -> Any:
    with rt.base_client.SyncAPIClient(base_url=server.url, max_retries=0) as client:
        yield client


def test_sse_stream_parses_items_until_done_and_keeps_the_connection(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    server.reply("POST", "/chat", Reply(chunks=sse(*chat_events(3))))
    with open_stream(client, rt) as stream:
        items = list(stream)
    assert [c.choices[0].delta.content for c in items[:3]] == ["t0", "t1", "t2"]
    assert items[-1].choices == []  # the usage chunk
    assert items[-1].usage.total_tokens == 9
    assert stream.response.is_closed
    server.reply("GET", "/after", Reply(body={}))
    client.request("GET", "/after", cast_to=None)
    assert server.requests[0].client_port == server.requests[1].client_port


def test_sse_without_context_manager_and_multiline_events(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    body = (
        b": keep-alive comment\r\n"
        b"event: message\r\nid: 1\r\nretry: 100\r\n"
        b'data: {"id": "a",\r\ndata:  "choices": []}\r\n\r\n'
        b"data: [DONE]\r\n\r\n"
    )
    server.reply("POST", "/chat", Reply(chunks=[body[:7], body[7:40], body[40:]]))
    stream = open_stream(client, rt)
    assert [item.id for item in stream] == ["a"]
    assert stream.decoder.last_event_id == "1"
    assert stream.decoder.retry == 100


def test_stream_without_terminator_ends_with_the_body(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    server.reply("POST", "/chat", Reply(chunks=sse(*chat_events(2), done=False)))
    with open_stream(client, rt, terminator="") as stream:
        assert len(list(stream)) == 3


def test_missing_terminator_is_a_connection_error(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    server.reply("POST", "/chat", Reply(chunks=sse(*chat_events(2), done=False)))
    seen = []
    with (
        pytest.raises(rt.errors.APIConnectionError, match="ended before"),
        open_stream(client, rt) as stream,
    ):
        seen.extend(stream)
    assert len(seen) == 3


def test_stream_cut_short_raises_connection_error(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    server.reply("POST", "/chat", Reply(chunks=sse(*chat_events(5)), cut_after_chunks=2))
    seen = []
    with pytest.raises(rt.errors.APIConnectionError), open_stream(client, rt) as stream:
        seen.extend(stream)
    assert len(seen) == 2


def test_error_event_raises_stream_error(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    chunks = [
        *sse(*chat_events(1)[:1], done=False),
        b'event: error\ndata: {"message": "overloaded", "code": "busy"}\n\n',
    ]
    server.reply("POST", "/chat", Reply(chunks=chunks))
    with pytest.raises(rt.errors.StreamError) as caught, open_stream(client, rt) as stream:
        for _ in stream:
            pass
    assert caught.value.error == {"message": "overloaded", "code": "busy"}
    assert "overloaded" in caught.value.message


def test_error_payload_raises_stream_error(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    chunks = sse(json.dumps({"error": {"message": "quota", "type": "limit"}}))
    server.reply("POST", "/chat", Reply(chunks=chunks))
    with pytest.raises(rt.errors.StreamError) as caught, open_stream(client, rt) as stream:
        list(stream)
    assert caught.value.error == {"message": "quota", "type": "limit"}


def test_item_that_merely_mentions_error_is_an_item(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    events = [json.dumps({"id": "x", "choices": [], "error": None, "finish_reason": "error"})]
    server.reply("POST", "/chat", Reply(chunks=sse(*events)))
    with open_stream(client, rt) as stream:
        assert [item.id for item in stream] == ["x"]


def test_break_releases_the_connection(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    server.reply("POST", "/chat", Reply(chunks=sse(*chat_events(50)), chunk_delay=0.01))
    with open_stream(client, rt) as stream:
        for _ in stream:
            break
    assert stream.response.is_closed
    server.reply("GET", "/after", Reply(body={"ok": 1}))
    assert client.request("GET", "/after", cast_to=dict[str, int]) == {"ok": 1}


def test_invalid_item_raises_validation_error(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    server.reply("POST", "/chat", Reply(chunks=sse('{"id": 5}')))
    with pytest.raises(rt.errors.APIResponseValidationError), open_stream(client, rt) as stream:
        list(stream)


def test_stream_error_status_is_raised_before_streaming(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    server.reply("POST", "/chat", Reply(status=400, body={"error": {"message": "bad model"}}))
    with pytest.raises(rt.errors.BadRequestError, match="bad model"):
        open_stream(client, rt)


def test_ndjson_stream(rt: SimpleNamespace, server: ScriptedServer, client: Any) -> None:
    class Result(rt.models.BaseModel):
        text: str

    class Envelope(rt.models.BaseModel):
        result: Result

    lines = [
        b'{"result": {"text": "a"}}\n{"result": ',
        b'{"text": "b"}}\n',
        b'\n{"result": {"text": "c"}}',
    ]
    server.reply(
        "POST", "/gen", Reply(chunks=lines, headers={"Content-Type": "application/x-ndjson"})
    )
    with open_stream(client, rt, "/gen", item=Envelope, terminator="", stream_format="ndjson") as s:
        assert [e.result.text for e in s] == ["a", "b", "c"]


def test_ndjson_error_line_raises_stream_error(
    rt: SimpleNamespace, server: ScriptedServer, client: Any
) -> None:
    lines = [
        b'{"result": {"text": "a"}}\n',
        b'{"error": {"code": 8, "message": "resource exhausted"}}\n',
    ]
    server.reply("POST", "/gen", Reply(chunks=lines))
    seen: list[Any] = []
    with (
        pytest.raises(rt.errors.StreamError, match="resource exhausted"),
        open_stream(
            client, rt, "/gen", item=dict[str, Any], terminator="", stream_format="ndjson"
        ) as stream,
    ):
        seen.extend(stream)
    assert seen == [{"result": {"text": "a"}}]


async def test_async_sse_stream(rt: SimpleNamespace, server: ScriptedServer) -> None:
    server.reply("POST", "/chat", Reply(chunks=sse(*chat_events(3))))
    server.reply("GET", "/after", Reply(body={}))
    async with rt.base_client.AsyncAPIClient(base_url=server.url) as client:
        stream = await open_stream(client, rt)
        async with stream:
            items = [item async for item in stream]
        assert len(items) == 4 and items[-1].usage.total_tokens == 9
        await client.request("GET", "/after", cast_to=None)
    assert server.requests[0].client_port == server.requests[1].client_port


async def test_async_stream_failures(rt: SimpleNamespace, server: ScriptedServer) -> None:
    async with rt.base_client.AsyncAPIClient(base_url=server.url, max_retries=0) as client:
        server.reply("POST", "/cut", Reply(chunks=sse(*chat_events(5)), cut_after_chunks=2))
        stream = await open_stream(client, rt, "/cut")
        with pytest.raises(rt.errors.APIConnectionError):
            async for _ in stream:
                pass
        server.reply("POST", "/err", Reply(chunks=[b'event: error\ndata: {"message": "boom"}\n\n']))
        stream = await open_stream(client, rt, "/err")
        with pytest.raises(rt.errors.StreamError, match="boom"):
            async for _ in stream:
                pass
        server.reply("POST", "/long", Reply(chunks=sse(*chat_events(50)), chunk_delay=0.01))
        async with await open_stream(client, rt, "/long") as stream:
            async for _ in stream:
                break
        assert stream.response.is_closed
        server.reply("POST", "/nd", Reply(chunks=[b'{"a": 1}\n{"a": 2}\n']))
        nd = await open_stream(
            client, rt, "/nd", item=dict[str, int], terminator="", stream_format="ndjson"
        )
        assert [x async for x in nd] == [{"a": 1}, {"a": 2}]


@pytest.mark.parametrize("step", [1, 2, 3, 5, 1000])
def test_sse_decoder_is_independent_of_chunk_boundaries(rt: SimpleNamespace, step: int) -> None:
    body = (
        b"data: one\r\n\r\n"
        b"data: two\rdata: lines\r\r"
        b":comment\n"
        b"event: custom\nid: 7\ndata:no-space\n\n"
        b"data\n\n"
        b"ignored: field\ndata: last\n\n"
    )
    decoder = rt.streaming.SSEDecoder()
    events = []
    for start in range(0, len(body), step):
        events.extend(decoder.feed(body[start : start + step]))
    events.extend(decoder.flush())
    assert events == [
        ("message", b"one"),
        ("message", b"two\nlines"),
        ("custom", b"no-space"),
        ("message", b""),
        ("message", b"last"),
    ]
    assert decoder.last_event_id == "7"


def test_sse_decoder_flushes_a_last_event_without_blank_line(rt: SimpleNamespace) -> None:
    decoder = rt.streaming.SSEDecoder()
    assert decoder.feed(b"data: a\n\ndata: b") == [("message", b"a")]
    assert decoder.flush() == [("message", b"b")]
