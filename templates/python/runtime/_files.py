"""Multipart file arguments: bytes, paths, binary file objects, (name, content[, type]) tuples.

Imported only by calls that upload files.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any, TypeAlias

from ._body import json_bytes
from ._types import FileContent, FileTypes, Omit

__all__ = [
    "EMPTY_FORM",
    "EMPTY_FORM_TYPE",
    "HttpxFiles",
    "async_to_httpx_files",
    "file_parts",
    "fields_as_parts",
    "to_httpx_files",
]

HttpxFile: TypeAlias = tuple[str | None, IO[bytes] | bytes, str | None]
HttpxFiles: TypeAlias = list[tuple[str, HttpxFile]]

# a multipart/form-data body without parts: only the closing delimiter (what a call sends when the
# caller set no field of a multipart body; httpx would send no body at all)
_EMPTY_FORM_BOUNDARY = "apigen-empty-form"
EMPTY_FORM = f"--{_EMPTY_FORM_BOUNDARY}--\r\n".encode()
EMPTY_FORM_TYPE = f"multipart/form-data; boundary={_EMPTY_FORM_BOUNDARY}"


def file_parts(*parts: tuple[str, Any]) -> list[tuple[str, FileTypes]]:
    """A method's file fields: omitted ones dropped, a sequence of files sent under one name, and
    an object given where the field also takes one (a file or a reference to it) sent as a JSON
    part, the multipart encoding of an object."""
    out: list[tuple[str, FileTypes]] = []
    for name, value in parts:
        if isinstance(value, Omit) or value is None:
            continue
        if isinstance(value, Mapping) or hasattr(value, "model_dump"):
            out.append((name, (None, json_bytes(value), "application/json")))
        elif isinstance(value, Sequence) and not isinstance(value, (bytes, str, tuple)):
            out.extend((name, item) for item in value)
        else:
            out.append((name, value))
    return out


def fields_as_parts(
    files: HttpxFiles, data: dict[str, str | list[str]] | None
) -> tuple[HttpxFiles, dict[str, str | list[str]] | None]:
    """(files, data) for httpx, still multipart when there is no file to send.

    httpx sends form fields without files URL-encoded, which a multipart operation refuses; the
    fields then go as parts without a filename.
    """
    if files or not data:
        return files, data
    parts: HttpxFiles = []
    for name, value in data.items():
        for text in value if isinstance(value, list) else [value]:
            parts.append((name, (None, text.encode(), None)))
    return parts, None


def _split(value: FileTypes) -> tuple[str | None, FileContent, str | None, bool]:
    """(filename, content, content type, whether a filename was given)."""
    if isinstance(value, tuple):
        if len(value) == 2:
            return value[0], value[1], None, True
        return value[0], value[1], value[2], True
    return None, value, None, False


def _default_name(content: FileContent) -> str | None:
    if isinstance(content, os.PathLike):
        return Path(content).name
    name = getattr(content, "name", None)
    return os.path.basename(name) if isinstance(name, str) else None


def to_httpx_files(files: Sequence[tuple[str, FileTypes]]) -> tuple[HttpxFiles, list[IO[bytes]]]:
    """httpx's `files=` argument, and the files opened here (the caller closes them after sending).

    Paths are opened, not read: httpx streams file objects in chunks.
    """
    converted: HttpxFiles = []
    opened: list[IO[bytes]] = []
    for field, value in files:
        filename, content, content_type, named = _split(value)
        if not named:
            filename = _default_name(content)
        body: IO[bytes] | bytes
        if isinstance(content, os.PathLike):
            handle = open(content, "rb")  # noqa: SIM115 - closed by the caller after the request
            opened.append(handle)
            body = handle
        else:
            body = content
        converted.append((field, (filename, body, content_type)))
    return converted, opened


def _read_all(content: FileContent) -> bytes:
    if isinstance(content, os.PathLike):
        return Path(content).read_bytes()
    if isinstance(content, bytes):
        return content
    return content.read()


async def async_to_httpx_files(files: Sequence[tuple[str, FileTypes]]) -> HttpxFiles:
    """Like to_httpx_files, but contents are read in a worker thread so the event loop never blocks."""
    from anyio import to_thread

    converted: HttpxFiles = []
    for field, value in files:
        filename, content, content_type, named = _split(value)
        if not named:
            filename = _default_name(content)
        body = (
            content if isinstance(content, bytes) else await to_thread.run_sync(_read_all, content)
        )
        converted.append((field, (filename, body, content_type)))
    return converted
