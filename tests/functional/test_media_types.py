"""What a call asks for (Accept) and how it reads what comes back: a stream request asks for the
stream's media type and refuses a JSON answer instead of reading it as an empty stream; a download
asks for the media type its operation declares; bytes-or-events (speech) returns what arrives."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.http_server import LocalServer, Reply, Request

Generate = Any

SPEC = """
openapi: 3.1.0
info: {title: Media, version: "1"}
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
          description: a completion, or chunks when `stream` is true
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Completion'}
            text/event-stream:
              schema: {$ref: '#/components/schemas/Chunk'}
  /images:
    post:
      operationId: generateImage
      tags: [images]
      responses:
        "200":
          description: partial images, as events
          content:
            text/event-stream:
              schema: {$ref: '#/components/schemas/Chunk'}
  /files/{file_id}/content:
    get:
      operationId: downloadFile
      tags: [files]
      parameters: [{name: file_id, in: path, required: true, schema: {type: string}}]
      responses:
        "200":
          description: the bytes
          content:
            application/octet-stream:
              schema: {type: string, format: binary}
  /speech:
    post:
      operationId: createSpeech
      tags: [speech]
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              properties:
                stream_format: {type: string, enum: [sse, audio]}
      responses:
        "200":
          description: audio, or audio events when `stream_format` is `sse`
          content:
            audio/mpeg:
              schema: {type: string, format: binary}
            text/event-stream:
              schema: {$ref: '#/components/schemas/Chunk'}
  /calls:
    post:
      operationId: createCall
      tags: [calls]
      responses:
        "201":
          description: an answer in a media type that is neither JSON nor text (OpenAI's SDP answer)
          content:
            application/sdp:
              schema: {type: string}
  /records:
    post:
      operationId: importRecords
      tags: [records]
      requestBody:
        required: true
        content:
          application/jsonl:
            schema: {type: string, format: binary}
      responses:
        "200":
          description: one result line per record
          content:
            application/jsonl:
              schema: {$ref: '#/components/schemas/Chunk'}
components:
  schemas:
    Completion:
      type: object
      required: [text]
      properties:
        text: {type: string}
    Chunk:
      type: object
      required: [delta]
      properties:
        delta: {type: string}
"""

AUDIO = bytes(range(256)) * 4


def _negotiating(request: Request) -> Reply:
    """Answers what the Accept header asks for, like a server that offers both."""
    if "text/event-stream" in request.headers.get("accept", ""):
        return Reply.sse([{"delta": "a"}, {"delta": "b"}])
    return Reply.json({"text": "ab"})


def _only_octets(request: Request) -> Reply:
    if request.headers.get("accept") != "application/octet-stream":
        return Reply.json({"error": {"message": "not acceptable"}}, 406)
    return Reply(200, AUDIO, {"content-type": "application/octet-stream"})


def _speech(request: Request) -> Reply:
    if request.json().get("stream_format") == "sse":
        return Reply.sse([{"delta": "x"}], done=False)
    return Reply(200, AUDIO, {"content-type": "audio/mpeg"})


async def test_stream_requests_ask_for_the_stream(generate: Generate, server: LocalServer) -> None:
    api = generate(SPEC, "fn_media_accept")
    server.route("POST", "/chat", _negotiating)
    with api.Client(api_key="k", base_url=server.url) as client:
        assert client.chat.create().text == "ab"
        assert server.requests[-1].headers["accept"] == "application/json"
        with client.chat.create(stream=True) as stream:
            assert [c.delta for c in stream] == ["a", "b"]
        assert server.requests[-1].headers["accept"] == "text/event-stream"
    async with api.AsyncClient(api_key="k", base_url=server.url) as aclient:
        astream = await aclient.chat.create(stream=True)
        assert [c.delta async for c in astream] == ["a", "b"]


async def test_json_answer_to_a_stream_request_is_an_error(
    generate: Generate, server: LocalServer
) -> None:
    api = generate(SPEC, "fn_media_json_stream")
    server.route("POST", "/chat", Reply.json({"text": "ab"}))
    server.route("POST", "/images", Reply.json({"delta": "not an event"}))
    with api.Client(api_key="k", base_url=server.url) as client:
        with pytest.raises(api.APIResponseValidationError, match="application/json"):
            client.chat.create(stream=True)
        with pytest.raises(api.APIResponseValidationError, match="application/json"):
            client.images.generate()
        assert server.requests[-1].headers["accept"] == "text/event-stream"
    async with api.AsyncClient(api_key="k", base_url=server.url) as aclient:
        with pytest.raises(api.APIResponseValidationError, match="application/json"):
            await aclient.images.generate()


async def test_download_asks_for_its_media_type(generate: Generate, server: LocalServer) -> None:
    api = generate(SPEC, "fn_media_octets")
    server.route("GET", "/files/f1/content", _only_octets)
    with api.Client(api_key="k", base_url=server.url) as client:
        assert client.files.download(file_id="f1").read() == AUDIO
    async with api.AsyncClient(api_key="k", base_url=server.url) as aclient:
        download = await aclient.files.download(file_id="f1")
        assert await download.read() == AUDIO


async def test_bytes_or_events_returns_what_arrives(generate: Generate, server: LocalServer) -> None:
    api = generate(SPEC, "fn_media_speech")
    server.route("POST", "/speech", _speech)
    with api.Client(api_key="k", base_url=server.url) as client:
        audio = client.speech.create()
        assert isinstance(audio, api.BinaryResponse) and audio.read() == AUDIO
        assert server.requests[-1].headers["accept"] == "audio/mpeg, text/event-stream"
        events = client.speech.create(stream_format="sse")
        assert not isinstance(events, api.BinaryResponse)
        assert [e.delta for e in events] == ["x"]
    async with api.AsyncClient(api_key="k", base_url=server.url) as aclient:
        aaudio = await aclient.speech.create()
        assert isinstance(aaudio, api.AsyncBinaryResponse) and await aaudio.read() == AUDIO


async def test_answer_of_another_media_type_is_returned_as_bytes(
    generate: Generate, server: LocalServer
) -> None:
    # `application/sdp` is neither JSON, text/* nor a known binary type: its bytes were dropped
    api = generate(SPEC, "fn_media_sdp")
    answer = b"v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\n"
    server.route("POST", "/calls", Reply(201, answer, {"content-type": "application/sdp"}))
    with api.Client(api_key="k", base_url=server.url) as client:
        assert client.calls.create().read() == answer
        assert server.requests[-1].headers["accept"] == "application/sdp"
    async with api.AsyncClient(api_key="k", base_url=server.url) as aclient:
        download = await aclient.calls.create()
        assert await download.read() == answer


async def test_json_lines_are_not_one_json_document(generate: Generate, server: LocalServer) -> None:
    # `application/jsonl` starts like `application/json`: the body is the caller's lines, sent as
    # JSON Lines, and the answer a stream of lines (it was sent as one JSON string, read as one)
    api = generate(SPEC, "fn_media_jsonl")
    lines = b'{"delta": "a"}\n{"delta": "b"}\n'
    server.route("POST", "/records", Reply(200, lines, {"content-type": "application/jsonl"}))
    with api.Client(api_key="k", base_url=server.url) as client:
        with client.records.import_(content=lines) as stream:
            assert [c.delta for c in stream] == ["a", "b"]
        sent = server.requests[-1]
        assert sent.body == lines and sent.headers["content-type"] == "application/jsonl"
    async with api.AsyncClient(api_key="k", base_url=server.url) as aclient:
        astream = await aclient.records.import_(content=lines)
        assert [c.delta async for c in astream] == ["a", "b"]
