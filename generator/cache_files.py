"""Large JSON files of the cache folder, written entry by entry and replaced atomically.

A single encoding of a whole cache (the formatted text of every file of a large package) would
hold a second copy of it as one string; entry by entry, memory stays flat. orjson encodes and
decodes them (the standard library's `json` takes several times as long on tens of megabytes).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import IO, Any

import orjson


def replace_atomically(path: Path, write: Callable[[IO[bytes]], None]) -> None:
    """`write` the new content into a temporary file of its own beside `path`, then put it in
    place: a reader sees the old file or the new one, and runs sharing the cache folder never
    write into the same partial file. Errors propagate (with no temporary file left behind)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_json(path: Path, fields: Mapping[str, Any], mappings: Mapping[str, Mapping[str, Any]]) -> None:
    """Write `{**fields, **mappings}` as JSON to `path`; a cache that cannot be written only
    costs time, so failures are ignored (orjson refuses lone surrogates and huge integers:
    such a cache is not written either)."""
    dumps = orjson.dumps

    def write(stream: IO[bytes]) -> None:
        stream.write(b"{")
        separator = b""
        for key, value in fields.items():
            stream.write(separator + dumps(key) + b":" + dumps(value))
            separator = b","
        for key, mapping in mappings.items():
            stream.write(separator + dumps(key) + b":{")
            inner = b""
            for name, value in mapping.items():
                stream.write(inner + dumps(name) + b":" + dumps(value))
                inner = b","
            stream.write(b"}")
            separator = b","
        stream.write(b"}")

    # a cache that cannot be written only costs time
    with contextlib.suppress(OSError, ValueError, TypeError):  # orjson.JSONEncodeError is a TypeError
        replace_atomically(path, write)


def read_json(path: Path) -> Any:
    """What `write_json` wrote, or None when the file is missing or damaged."""
    try:
        return orjson.loads(path.read_bytes())
    except (OSError, ValueError):  # orjson.JSONDecodeError is a ValueError
        return None
