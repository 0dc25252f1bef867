"""Large JSON files of the cache folder, written entry by entry and replaced atomically.

A single encoding of a whole cache (the formatted text of every file of a large package) would
hold a second copy of it as one string; entry by entry, memory stays flat. orjson encodes and
decodes them (the standard library's `json` takes several times as long on tens of megabytes).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import orjson


def write_json(path: Path, fields: Mapping[str, Any], mappings: Mapping[str, Mapping[str, Any]]) -> None:
    """Write `{**fields, **mappings}` as JSON to `path`; a cache that cannot be written only
    costs time, so failures are ignored (orjson refuses lone surrogates and huge integers:
    such a cache is not written either)."""
    partial = path.with_suffix(".tmp")
    dumps = orjson.dumps
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(partial, "wb") as stream:
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
        partial.replace(path)
    except (OSError, ValueError, TypeError):  # orjson.JSONEncodeError is a TypeError
        partial.unlink(missing_ok=True)  # no half-written file left behind in the cache folder


def read_json(path: Path) -> Any:
    """What `write_json` wrote, or None when the file is missing or damaged."""
    try:
        return orjson.loads(path.read_bytes())
    except (OSError, ValueError):  # orjson.JSONDecodeError is a ValueError
        return None
