"""A content-addressed cache folder (see `generator.cache_location`): reads never fail (a damaged
entry, one whose checksum does not match, is a miss), writes are atomic."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import IO, Any

import orjson

from generator.cache_files import CHECK_BYTES, read_checked, write_checked

# A run of 19 digits: every integer of 18 digits or fewer fits in 64 bits (digits inside strings
# match too, and send the text to the exact reader: slower, never wrong)
_LONG_NUMBER = re.compile(rb"[0-9]{19}")


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Cache:
    """JSON entries named by a kind and a key; `Cache(None)` is a cache that keeps nothing."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def _path(self, kind: str, key: str) -> Path | None:
        return None if self.folder is None else self.folder / f"{kind}-{key}.json"

    def get(self, kind: str, key: str) -> Any:
        """The stored value, or None when absent or unreadable (a damaged entry is a miss)."""
        path = self._path(kind, key)
        if path is None:
            return None
        try:
            checked = read_checked(path)  # (its checksum: a flipped digit is damage, a miss)
        except OSError:
            return None
        if checked is None:
            return None
        data = memoryview(checked)[:-CHECK_BYTES]
        # orjson (records of validation by parts: megabytes, read each run), unless the text may
        # hold an integer beyond 64 bits, which orjson reads as the nearest float (no error)
        if _LONG_NUMBER.search(data) is None:
            try:
                return orjson.loads(data)
            except ValueError:  # what orjson refuses (NaN, infinities), or damaged
                pass
        try:
            return json.loads(bytes(data))
        except ValueError:
            return None

    def put(self, kind: str, key: str, value: Any, *, plain: bool = False) -> None:
        """Store `value`; `plain`: it holds strings, integers, lists and string-keyed dicts only
        (no floats, whose NaN orjson would write as null), which orjson writes ~10x faster."""
        path = self._path(kind, key)
        if path is None:
            return
        try:
            data = _plain_json(value) if plain else None
            if data is None:  # dumps, not dump: only the one-shot encoder is the C one (~10x faster)
                data = json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

            def write(stream: IO[bytes]) -> None:
                stream.write(data)

            write_checked(path, write)
        except (OSError, ValueError):  # (lone surrogates do not encode: a ValueError)
            pass  # a cache that cannot be written (or data JSON cannot hold) only costs time


def _plain_json(value: Any) -> bytes | None:
    """orjson's text of plain data, or None when orjson refuses it (integers beyond 64 bits, lone
    surrogates): the json module decides then."""
    try:
        return orjson.dumps(value)
    except TypeError:  # orjson.JSONEncodeError
        return None
