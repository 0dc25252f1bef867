"""Multipart uploads and streamed binary downloads against a real local server."""

from __future__ import annotations

import io
import threading
from email.message import Message
from email.parser import BytesParser
from email.policy import HTTP
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from tests.runtime.scripted_server import Recorded, Reply, ScriptedServer


def multipart_parts(request: Recorded) -> dict[str, tuple[str | None, bytes, str]]:
    """name → (filename, content, content type) of each part of a multipart/form-data body."""
    head = f"Content-Type: {request.headers['content-type']}\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + request.body)
    parts: dict[str, tuple[str | None, bytes, str]] = {}
    for part in message.iter_parts():
        assert isinstance(part, Message)
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True)
        assert isinstance(name, str) and isinstance(payload, bytes)
        parts[name] = (part.get_filename(), payload, part.get_content_type())
    return parts


def upload_args(tmp_path: Path) -> dict[str, Any]:
    path = tmp_path / "train.jsonl"
    path.write_bytes(b'{"q": "a"}\n')
    return {
        "files": [
            ("raw", b"raw-bytes"),
            ("path", path),
            ("fileobj", io.BytesIO(b"from-memory")),
            ("named", ("custom.txt", b"named-bytes", "text/plain")),
            ("pair", ("pair.bin", b"pair-bytes")),
        ],
        "form": {"purpose": "fine-tune", "flag": True, "skip": None},
    }


def check_upload(request: Recorded) -> None:
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    parts = multipart_parts(request)
    assert parts["purpose"] == (None, b"fine-tune", "text/plain")
    assert parts["flag"][1] == b"true"
    assert "skip" not in parts
    assert parts["raw"][1] == b"raw-bytes"
    assert parts["path"][:2] == ("train.jsonl", b'{"q": "a"}\n')
    assert parts["fileobj"][1] == b"from-memory"
    assert parts["named"] == ("custom.txt", b"named-bytes", "text/plain")
    assert parts["pair"][:2] == ("pair.bin", b"pair-bytes")


def test_multipart_upload(rt: SimpleNamespace, server: ScriptedServer, tmp_path: Path) -> None:
    server.reply("POST", "/files", Reply(body={"id": "file-1"}))
    client = rt.base_client.SyncAPIClient(base_url=server.url)
    args = upload_args(tmp_path)
    options = rt.types.make_options(extra_body={"extra": "x"})
    result = client.request("POST", "/files", cast_to=dict[str, str], options=options, **args)
    assert result == {"id": "file-1"}
    check_upload(server.requests[-1])
    assert multipart_parts(server.requests[-1])["extra"][1] == b"x"


def test_multipart_upload_is_resent_whole_on_retry(
    rt: SimpleNamespace, server: ScriptedServer, tmp_path: Path
) -> None:
    server.reply("POST", "/files", Reply(status=503), Reply(body={"id": "file-2"}))
    client = rt.base_client.SyncAPIClient(base_url=server.url, initial_retry_delay=0.01)
    client.request("POST", "/files", cast_to=dict[str, str], **upload_args(tmp_path))
    first, second = server.requests
    check_upload(first)
    check_upload(second)


def test_extra_body_goes_into_the_form_of_a_files_only_upload(
    rt: SimpleNamespace, server: ScriptedServer
) -> None:
    server.reply("POST", "/files", Reply(body={}))
    client = rt.base_client.SyncAPIClient(base_url=server.url)
    options = rt.types.make_options(extra_body={"purpose": "batch"})
    client.request("POST", "/files", cast_to=None, files=[("file", b"x")], options=options)
    parts = multipart_parts(server.requests[-1])
    assert parts["purpose"][1] == b"batch"
    assert parts["file"][1] == b"x"


@pytest.mark.parametrize("asynchronous", [False, True])
async def test_multipart_body_without_any_field_is_sent_as_an_empty_form(
    rt: SimpleNamespace, server: ScriptedServer, asynchronous: bool
) -> None:
    # a required multipart body whose fields are all optional, called without any: the server
    # must still get a multipart body (httpx alone sends none: "Missing required request body")
    server.reply("POST", "/files", Reply(body={}))
    form = {"purpose": rt.types.omit}
    if asynchronous:
        async with rt.base_client.AsyncAPIClient(base_url=server.url) as client:
            await client.request("POST", "/files", cast_to=None, form=form, files=[])
    else:
        rt.base_client.SyncAPIClient(base_url=server.url).request(
            "POST", "/files", cast_to=None, form=form, files=[]
        )
    request = server.requests[-1]
    assert request.headers["content-type"].startswith("multipart/form-data; boundary=")
    assert request.body
    assert multipart_parts(request) == {}


async def test_async_multipart_upload(
    rt: SimpleNamespace, server: ScriptedServer, tmp_path: Path
) -> None:
    server.reply("POST", "/files", Reply(body={"id": "file-3"}))
    async with rt.base_client.AsyncAPIClient(base_url=server.url) as client:
        result = await client.request(
            "POST", "/files", cast_to=dict[str, str], **upload_args(tmp_path)
        )
    assert result == {"id": "file-3"}
    check_upload(server.requests[-1])


def held_download(size: int, hold: threading.Event) -> Reply:
    """Two chunks; the second one waits for `hold`, which the test sets once the call returned."""
    first = bytes(range(256)) * (size // 512)
    second = b"\xff" * (size - len(first))
    return Reply(
        chunks=[first, second], hold=hold, headers={"Content-Type": "application/octet-stream"}
    )


# a client that read the whole body before returning would wait for the held chunk until this
# timeout (the test lets the chunk go only after the call returned) and fail
HELD_TIMEOUT = 10.0


def test_binary_download_streams_to_a_file(
    rt: SimpleNamespace, server: ScriptedServer, tmp_path: Path
) -> None:
    size = 256 * 1024
    hold = threading.Event()
    server.reply("GET", "/files/f/content", held_download(size, hold))
    client = rt.base_client.SyncAPIClient(base_url=server.url, timeout=HELD_TIMEOUT)
    download = client.request("GET", "/files/f/content", cast_to=None, binary=True)
    hold.set()  # returned before the body was complete: the server may send the rest
    assert download.status_code == 200
    target = tmp_path / "out.bin"
    download.write_to_file(target)
    assert target.stat().st_size == size
    assert target.read_bytes()[:3] == b"\x00\x01\x02"
    assert download.http_response.is_closed


def test_binary_download_iter_and_read(rt: SimpleNamespace, server: ScriptedServer) -> None:
    server.reply("GET", "/blob", Reply(body=b"x" * 100_000))
    client = rt.base_client.SyncAPIClient(base_url=server.url)
    with client.request("GET", "/blob", cast_to=None, binary=True) as download:
        chunks = list(download.iter_bytes(chunk_size=30_000))
    assert [len(c) for c in chunks] == [30_000, 30_000, 30_000, 10_000]
    with client.request("GET", "/blob", cast_to=None, binary=True) as download:
        assert download.read() == b"x" * 100_000


def test_binary_download_cut_short(
    rt: SimpleNamespace, server: ScriptedServer, tmp_path: Path
) -> None:
    server.reply("GET", "/blob", Reply(chunks=[b"a" * 1000, b"b" * 1000], cut_after_chunks=1))
    client = rt.base_client.SyncAPIClient(base_url=server.url)
    download = client.request("GET", "/blob", cast_to=None, binary=True)
    with pytest.raises(rt.errors.APIConnectionError):
        download.write_to_file(tmp_path / "partial.bin")


async def test_async_binary_download(
    rt: SimpleNamespace, server: ScriptedServer, tmp_path: Path
) -> None:
    size = 128 * 1024
    hold = threading.Event()
    server.reply("GET", "/files/f/content", held_download(size, hold))
    async with rt.base_client.AsyncAPIClient(base_url=server.url, timeout=HELD_TIMEOUT) as client:
        download = await client.request("GET", "/files/f/content", cast_to=None, binary=True)
        hold.set()
        await download.write_to_file(tmp_path / "async.bin")
        assert (tmp_path / "async.bin").stat().st_size == size
        server.reply("GET", "/fast", Reply(body=b"z" * size))
        async with await client.request("GET", "/fast", cast_to=None, binary=True) as again:
            total = sum([len(chunk) async for chunk in again.iter_bytes()])
        assert total == size
