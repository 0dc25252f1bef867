"""A content-addressed cache folder (see `generator.cache_location`): reads never fail, writes are atomic."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any


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
            with path.open("rb") as stream:
                return json.load(stream)
        except (OSError, ValueError):
            return None

    def put(self, kind: str, key: str, value: Any) -> None:
        path = self._path(kind, key)
        if path is None:
            return
        try:
            # dumps, not dump: only the one-shot encoder is the C one (~10x faster)
            text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
            path.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{kind}-", suffix=".tmp")
            try:
                with os.fdopen(handle, "w", encoding="utf-8") as stream:
                    stream.write(text)
                os.replace(temporary, path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except (OSError, ValueError):
            pass  # a cache that cannot be written (or data JSON cannot hold) only costs time
