"""Multipart stays multipart without a file part, and a body offered as JSON or multipart goes as
multipart when its schema has file fields (a file cannot travel in JSON), also when a field takes
a file or an object (the object then goes as a JSON part)."""

from __future__ import annotations

import io
from typing import Any

from tests.functional.test_bodies import multipart_parts
from tests.support.http_server import LocalServer, Reply, Request

Generate = Any
JSON = "application/json"

SPEC = """
openapi: 3.1.0
info: {title: Multipart, version: "1"}
paths:
  /settings:
    post:
      operationId: saveSettings
      tags: [settings]
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [name]
              properties:
                name: {type: string}
                tags: {type: array, items: {type: string}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Saved'}}}}
  /notes:
    post:
      operationId: addNote
      tags: [notes]
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [text]
              properties:
                text: {type: string}
                attachment: {type: string, format: binary}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Saved'}}}}
  /images/edits:
    post:
      operationId: editImage
      tags: [images]
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: object
              required: [prompt]
              properties:
                prompt: {type: string}
                image: {type: string}
          multipart/form-data:
            schema:
              type: object
              required: [image, prompt]
              properties:
                image: {type: string, format: binary}
                prompt: {type: string}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Saved'}}}}
  /transcriptions:
    post:
      operationId: transcribe
      tags: [audio]
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [file]
              properties:
                file:
                  anyOf:
                    - {type: string, format: binary}
                    - {type: array, items: {type: string, format: binary}}
                stream: {type: boolean}
      responses:
        "200":
          description: the text, or text events when `stream` is true
          content:
            application/json: {schema: {$ref: '#/components/schemas/Saved'}}
            text/event-stream: {schema: {$ref: '#/components/schemas/Saved'}}
  /videos:
    post:
      operationId: createVideo
      tags: [videos]
      requestBody:
        required: true
        content:
          multipart/form-data: {schema: {$ref: '#/components/schemas/VideoForm'}}
          application/json: {schema: {$ref: '#/components/schemas/VideoJson'}}
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Saved'}}}}
components:
  schemas:
    VideoForm:  # input_reference: an upload or a reference object
      type: object
      required: [prompt]
      properties:
        prompt: {type: string}
        input_reference: {oneOf: [{type: string, format: binary}, {$ref: '#/components/schemas/ImageRef'}]}
    VideoJson:
      type: object
      required: [prompt]
      properties:
        prompt: {type: string}
        input_reference: {$ref: '#/components/schemas/ImageRef'}
    ImageRef:
      type: object
      properties:
        file_id: {type: string}
        image_url: {type: string}
    Saved:
      type: object
      required: [ok]
      properties:
        ok: {type: boolean}
"""


def _multipart_only(request: Request) -> Reply:
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        return Reply.json({"error": {"message": "unsupported media type"}}, 415)
    return Reply.json({"ok": True})


async def test_multipart_without_a_file_part(generate: Generate, server: LocalServer) -> None:
    api = generate(SPEC, "fn_multipart_no_file")
    server.route("POST", "/settings", _multipart_only)
    server.route("POST", "/notes", _multipart_only)
    with api.Client(api_key="k", base_url=server.url) as client:
        assert client.settings.save(name="a", tags=["x", "y"]).ok
        assert client.notes.add(text="no attachment").ok
    assert multipart_parts(server.requests[0]) == [
        ("name", None, None, b"a"), ("tags", None, None, b"x"), ("tags", None, None, b"y"),
    ]
    assert multipart_parts(server.requests[1]) == [("text", None, None, b"no attachment")]
    async with api.AsyncClient(api_key="k", base_url=server.url) as aclient:
        assert (await aclient.settings.save(name="b")).ok
    assert multipart_parts(server.requests[2]) == [("name", None, None, b"b")]


async def test_file_fields_choose_multipart_over_json(generate: Generate, server: LocalServer) -> None:
    api = generate(SPEC, "fn_multipart_over_json")
    server.route("POST", "/images/edits", _multipart_only)
    with api.Client(api_key="k", base_url=server.url) as client:
        assert client.images.edit(image=io.BytesIO(b"\x89PNG"), prompt="a hat").ok
        assert client.images.edit(image=("cat.png", b"\x89PNG", "image/png"), prompt="b").ok
    first = multipart_parts(server.requests[0])
    assert ("prompt", None, None, b"a hat") in first
    assert [p[3] for p in first if p[0] == "image"] == [b"\x89PNG"]
    second = multipart_parts(server.requests[1])
    assert ("image", "cat.png", "image/png", b"\x89PNG") in second
    async with api.AsyncClient(api_key="k", base_url=server.url) as aclient:
        assert (await aclient.images.edit(image=io.BytesIO(b"GIF8"), prompt="c")).ok


async def test_a_field_of_a_file_or_an_object_chooses_multipart(
    generate: Generate, server: LocalServer
) -> None:
    api = generate(SPEC, "fn_multipart_file_or_object")
    server.route("POST", "/videos", _multipart_only)
    references = [b"\x89PNG", {"file_id": "f-1"}, api.models.ImageRef(image_url="u")]
    with api.Client(api_key="k", base_url=server.url) as client:
        for reference in references:
            assert client.videos.create(prompt="a cat", input_reference=reference).ok
    async with api.AsyncClient(api_key="k", base_url=server.url) as aclient:
        assert (await aclient.videos.create(prompt="a cat", input_reference={"file_id": "f"})).ok
    assert [multipart_parts(sent) for sent in server.requests] == [
        [("prompt", None, None, b"a cat"), ("input_reference", None, None, b"\x89PNG")],
        [("prompt", None, None, b"a cat"), ("input_reference", None, JSON, b'{"file_id":"f-1"}')],
        [("prompt", None, None, b"a cat"), ("input_reference", None, JSON, b'{"image_url":"u"}')],
        [("prompt", None, None, b"a cat"), ("input_reference", None, JSON, b'{"file_id":"f"}')],
    ]


def _transcribe(request: Request) -> Reply:
    if "text/event-stream" in request.headers.get("accept", ""):
        return Reply.sse([{"ok": True}, {"ok": False}], done=False)
    return _multipart_only(request)


async def test_multipart_stream_flag_and_one_or_several_files(
    generate: Generate, server: LocalServer
) -> None:
    api = generate(SPEC, "fn_multipart_stream")
    server.route("POST", "/transcriptions", _transcribe)
    with api.Client(api_key="k", base_url=server.url) as client:
        assert client.audio.transcribe(file=b"RIFF").ok
        assert [p[0] for p in multipart_parts(server.requests[-1])] == ["file"]
        with client.audio.transcribe(file=[b"one", b"two"], stream=True) as events:
            assert [e.ok for e in events] == [True, False]
    sent = server.requests[-1]
    assert sent.headers["accept"] == "text/event-stream"
    assert [(p[0], p[3]) for p in multipart_parts(sent)] == [
        ("stream", b"true"), ("file", b"one"), ("file", b"two"),
    ]
    async with api.AsyncClient(api_key="k", base_url=server.url) as aclient:
        assert (await aclient.audio.transcribe(file=b"RIFF")).ok
