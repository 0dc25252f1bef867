"""Request bodies: multipart/form-data with files, form-urlencoded, application/octet-stream."""

from __future__ import annotations

import email.policy
import io
from email.parser import BytesParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from tests.support.http_server import LocalServer, Reply, Request

Generate = Any

SPEC = """
openapi: 3.1.0
info: {title: Uploads, version: "1"}
paths:
  /files:
    post:
      operationId: uploadFile
      tags: [files]
      requestBody:
        required: true
        content:
          multipart/form-data:
            schema:
              type: object
              required: [file, purpose]
              properties:
                file: {type: string, format: binary, description: the file to upload}
                purpose: {type: string}
                attachments:
                  type: array
                  items: {type: string, format: binary}
                priority: {type: integer}
                public: {type: boolean}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/FileObject'}
  /forms:
    post:
      operationId: submitForm
      tags: [forms]
      requestBody:
        required: true
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              required: [name]
              properties:
                name: {type: string}
                age: {type: integer}
                subscribed: {type: boolean}
                colors: {type: array, items: {type: string}}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/FileObject'}
  /blobs/{name}:
    put:
      operationId: putBlob
      tags: [blobs]
      parameters: [{name: name, in: path, required: true, schema: {type: string}}]
      requestBody:
        required: true
        content:
          application/octet-stream:
            schema: {type: string, format: binary}
      responses:
        "200":
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/FileObject'}
components:
  schemas:
    FileObject:
      type: object
      required: [id]
      properties:
        id: {type: string}
        bytes: {type: integer}
"""


def multipart_parts(request: Request) -> list[tuple[str, str | None, str | None, bytes]]:
    """(field name, filename, part content type, content) of each part, in order."""
    content_type = request.headers["content-type"]
    assert content_type.startswith("multipart/form-data; boundary=")
    raw = b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + request.body
    message = BytesParser(policy=email.policy.HTTP).parsebytes(raw)
    assert message.is_multipart()
    parts = []
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        content_type_header = part.get("content-type")
        parts.append(
            (
                str(name),
                part.get_filename(),
                str(content_type_header).split(";")[0] if content_type_header else None,
                part.get_payload(decode=True) or b"",
            )
        )
    return parts


def _stored(request: Request) -> Reply:
    return Reply.json({"id": "file-1", "bytes": len(request.body)})


async def test_multipart_upload_bytes_path_and_file_object(
    generate: Generate, server: LocalServer, tmp_path: Path
) -> None:
    api = generate(SPEC, "fn_multipart")
    server.route("POST", "/files", _stored)
    report = tmp_path / "report.csv"
    report.write_bytes(b"a,b\r\n1,2\r\n")
    binary = bytes(range(256)) * 4

    with api.Client(base_url=server.url) as client:
        result = client.files.upload(
            file=binary, purpose="fine-tune", priority=3, public=False
        )
        client.files.upload(file=report, purpose="assistants")
        client.files.upload(
            file=io.BytesIO(b"from a file object"),
            purpose="batch",
            attachments=[("a.json", b"{}", "application/json"), ("b.txt", b"bee")],
        )
    assert result.id == "file-1"

    first = multipart_parts(server.requests[0])
    by_name = {name: (filename, content) for name, filename, _, content in first}
    assert by_name["file"][1] == binary
    assert by_name["purpose"] == (None, b"fine-tune")
    assert by_name["priority"] == (None, b"3")
    assert by_name["public"] == (None, b"false")

    second = multipart_parts(server.requests[1])
    file_part = next(p for p in second if p[0] == "file")
    assert file_part[1] == "report.csv"
    assert file_part[3] == b"a,b\r\n1,2\r\n"
    assert ("purpose", None, None, b"assistants") in second

    third = multipart_parts(server.requests[2])
    assert [p[3] for p in third if p[0] == "file"] == [b"from a file object"]
    attachments = [(p[1], p[2], p[3]) for p in third if p[0] == "attachments"]
    assert attachments[0] == ("a.json", "application/json", b"{}")
    assert attachments[1][0] == "b.txt" and attachments[1][2] == b"bee"


async def test_multipart_upload_async(
    generate: Generate, server: LocalServer, tmp_path: Path
) -> None:
    api = generate(SPEC, "fn_multipart_async")
    server.route("POST", "/files", _stored)
    image = tmp_path / "image.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)

    async with api.AsyncClient(base_url=server.url) as aclient:
        result = await aclient.files.upload(
            file=image, purpose="vision", extra_body={"note": "extra field"}
        )
        await aclient.files.upload(file=("named.bin", b"\x01\x02"), purpose="x")
        await aclient.files.upload(file=io.BytesIO(b"async file object"), purpose="y")
    assert result.id == "file-1"
    parts = multipart_parts(server.requests[0])
    file_part = next(p for p in parts if p[0] == "file")
    assert file_part[1] == "image.png" and file_part[3] == image.read_bytes()
    fields = {p[0]: p[3] for p in parts if p[1] is None}
    assert fields == {"purpose": b"vision", "note": b"extra field"}
    second = multipart_parts(server.requests[1])
    assert [(p[1], p[3]) for p in second if p[0] == "file"] == [("named.bin", b"\x01\x02")]
    third = multipart_parts(server.requests[2])
    assert [p[3] for p in third if p[0] == "file"] == [b"async file object"]


async def test_form_urlencoded(generate: Generate, server: LocalServer) -> None:
    api = generate(SPEC, "fn_form")
    server.route("POST", "/forms", Reply.json({"id": "f"}))
    with api.Client(base_url=server.url) as client:
        client.forms.submit(name="Zoë & co", age=30, subscribed=True, colors=["red", "blue"])
        client.forms.submit(name="only")
    first, second = server.requests
    assert first.headers["content-type"].startswith("application/x-www-form-urlencoded")
    assert parse_qs(first.body.decode()) == {
        "name": ["Zoë & co"],
        "age": ["30"],
        "subscribed": ["true"],
        "colors": ["red", "blue"],
    }
    assert parse_qs(second.body.decode()) == {"name": ["only"]}

    async with api.AsyncClient(base_url=server.url) as aclient:
        await aclient.forms.submit(name="a", subscribed=False)
    assert parse_qs(server.requests[-1].body.decode()) == {"name": ["a"], "subscribed": ["false"]}


async def test_octet_stream_upload(generate: Generate, server: LocalServer) -> None:
    api = generate(SPEC, "fn_octet")
    server.route("PUT", "/blobs/data.bin", _stored)
    payload = bytes(range(256)) * 64
    with api.Client(base_url=server.url) as client:
        assert client.blobs.put(name="data.bin", content=payload).bytes == len(payload)
        assert client.blobs.put(name="data.bin", content=io.BytesIO(b"stream me")).bytes == 9
    assert server.requests[0].headers["content-type"] == "application/octet-stream"
    assert server.requests[0].body == payload
    assert server.requests[1].body == b"stream me"

    async with api.AsyncClient(base_url=server.url) as aclient:
        result = await aclient.blobs.put(name="data.bin", content=b"async bytes")
    assert result.bytes == len(b"async bytes")
    assert server.requests[-1].body == b"async bytes"
    assert server.requests[-1].headers["content-type"] == "application/octet-stream"
