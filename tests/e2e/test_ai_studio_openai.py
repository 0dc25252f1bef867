"""The committed AI Studio client (OpenAI-compatible group) against a local server that answers as AI Studio."""

from __future__ import annotations

import ai_studio.openai
import pytest
from ai_studio.openai.models import CreateChatCompletionResponse, CreateChatCompletionStreamResponse

from tests.e2e.ai_studio_fakes import MODEL, chat_completion, embeddings
from tests.support.http_server import LocalServer, Reply


def test_chat_completion(server: LocalServer) -> None:
    server.route("POST", "/chat/completions", chat_completion)
    with ai_studio.openai.Client(api_key="secret-key", base_url=server.url, folder_id="b1gfolder") as client:
        reply = client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "Hi"}], temperature=0.3)
    assert isinstance(reply, CreateChatCompletionResponse)
    assert reply.choices[0].message.content == "Привет! Hello."
    assert reply.choices[0].finish_reason == "stop"
    assert reply.usage is not None and reply.usage.total_tokens == 16
    sent = server.requests[-1]
    assert sent.headers["authorization"] == "Api-Key secret-key"
    assert sent.headers["openai-project"] == "b1gfolder"
    assert sent.json() == {"model": MODEL, "messages": [{"role": "user", "content": "Hi"}], "temperature": 0.3}


def test_chat_completion_stream_ends_with_usage_chunk(server: LocalServer) -> None:
    server.route("POST", "/chat/completions", chat_completion)
    client = ai_studio.openai.Client(api_key="k", base_url=server.url)
    with client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "Hi"}], stream=True) as stream:
        chunks = list(stream)
    assert all(isinstance(c, CreateChatCompletionStreamResponse) for c in chunks)
    text = "".join(c.choices[0].delta.content or "" for c in chunks if c.choices)
    assert text == "Hello, world"
    assert chunks[-1].choices == []
    assert chunks[-1].usage is not None and chunks[-1].usage.total_tokens == 9
    assert server.requests[-1].json()["stream"] is True
    client.close()


async def test_async_chat_completion_and_stream(server: LocalServer) -> None:
    server.route("POST", "/chat/completions", chat_completion)
    async with ai_studio.openai.AsyncClient(api_key="k", base_url=server.url) as client:
        reply = await client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "Hi"}])
        assert reply.choices[0].message.content == "Привет! Hello."
        stream = await client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "Hi"}], stream=True)
        texts = [c.choices[0].delta.content async for c in stream if c.choices and c.choices[0].delta.content]
    assert "".join(texts) == "Hello, world"


def test_embeddings(server: LocalServer) -> None:
    server.route("POST", "/embeddings", embeddings)
    client = ai_studio.openai.Client(api_key="k", base_url=server.url)
    result = client.embeddings.create(model="emb://b1gfolder/text-search-doc/latest", input=["one", "two"])
    assert [item.index for item in result.data] == [0, 1]
    assert result.data[1].embedding == [0.5, -0.5, 0.125]
    assert result.usage.total_tokens == 6


async def test_async_embeddings(server: LocalServer) -> None:
    server.route("POST", "/embeddings", embeddings)
    async with ai_studio.openai.AsyncClient(api_key="k", base_url=server.url) as client:
        result = await client.embeddings.create(model="emb://b1gfolder/text-search-doc/latest", input="one")
    assert len(result.data) == 1


def test_stream_cut_short_raises(server: LocalServer) -> None:
    from tests.support.http_server import Reply

    server.route("POST", "/chat/completions", Reply.sse([{"id": "x", "object": "chat.completion.chunk", "created": 1, "model": "m", "choices": []}] * 3, done=False, cut_after=2))
    client = ai_studio.openai.Client(api_key="k", base_url=server.url, max_retries=0)
    with pytest.raises(ai_studio.openai.APIConnectionError):
        list(client.chat.completions.create(model=MODEL, messages=[{"role": "user", "content": "Hi"}], stream=True))


def test_error_is_typed(server: LocalServer) -> None:
    from tests.support.http_server import Reply

    server.route("POST", "/chat/completions", Reply.json({"error": {"message": "bad model uri", "type": "invalid_request_error"}}, 400, {"x-request-id": "req-9"}))
    client = ai_studio.openai.Client(api_key="k", base_url=server.url)
    with pytest.raises(ai_studio.openai.BadRequestError) as caught:
        client.chat.completions.create(model="nope", messages=[{"role": "user", "content": "Hi"}])
    assert caught.value.status_code == 400
    assert caught.value.request_id == "req-9"
    assert "bad model uri" in str(caught.value)
    # the spec declares ErrorResponse for every error status (`default`): the body is that model
    from ai_studio.openai.models import ErrorResponse

    assert isinstance(caught.value.body, ErrorResponse)
    problem = caught.value.parsed(ErrorResponse)
    assert problem is not None and problem.error.type == "invalid_request_error"


def test_recorded_tool_call_shapes(server: LocalServer) -> None:
    """Shapes from recorded AI Studio traffic: `top_k` sent, `tool_calls[].index` in a reply, and a
    streamed tool call with `"type": ""` delivered rather than ending the stream."""
    call = {"index": 0, "id": "call_1", "type": "function", "function": {"name": "f", "arguments": "{}"}}
    reply = {
        "id": "r1", "object": "chat.completion", "created": 1, "model": MODEL,
        "choices": [{"index": 0, "finish_reason": "tool_calls",
                     "message": {"role": "assistant", "content": None, "tool_calls": [call]}}],
    }
    server.route("POST", "/chat/completions", Reply.json(reply))
    messages = [{"role": "user", "content": "Hi"}]
    with ai_studio.openai.Client(api_key="k", base_url=server.url) as client:
        result = client.chat.completions.create(model=MODEL, messages=messages, top_k=5)
        assert server.requests[-1].json()["top_k"] == 5
        tool_calls = result.choices[0].message.tool_calls
        assert tool_calls is not None and tool_calls[0].index == 0
        fragment = {"index": 0, "type": "", "function": {"arguments": "{}"}}
        chunk = {"id": "r1", "object": "chat.completion.chunk", "created": 1, "model": MODEL,
                 "choices": [{"index": 0, "delta": {"tool_calls": [fragment]}, "finish_reason": None}]}
        server.route("POST", "/chat/completions", Reply.sse([chunk]))
        chunks = list(client.chat.completions.create(model=MODEL, messages=messages, stream=True))
    delta_calls = chunks[0].choices[0].delta.tool_calls
    assert delta_calls is not None and delta_calls[0].type == ""
