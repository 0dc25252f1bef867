"""The formatter's output remembered by the text it was given, so regeneration formats only the
files whose rendered text changed.

Formatting is a pure function of the rendered text, the formatter's version and its settings
(`write.format_settings`), so a file rendered exactly as last time gets last time's formatted
text without running the formatter. The cache is one JSON file per output folder in the cache
folder, holding the files of the latest run only (it never grows past one output's size).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from pathlib import Path

from generator import write
from generator.cache_files import read_json, write_json
from generator.cache_location import cache_folder


class FormatCache:
    def __init__(self, out: Path) -> None:
        folder = cache_folder()
        tag = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:10]
        self.path = folder / f"formatted-{tag}.json" if folder is not None else None
        self.salt = json.dumps(write.format_settings()).encode()
        self.known: dict[str, str] = self._read()

    def key(self, text: str) -> str:
        return hashlib.sha256(self.salt + text.encode("utf-8")).hexdigest()

    def split(self, rendered: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
        """The formatted text of files formatted before, and the paths still to format."""
        done: dict[str, str] = {}
        pending: list[str] = []
        for path, text in rendered.items():
            if not write.is_formatted(path):
                continue
            formatted = self.known.get(self.key(text))
            if formatted is None:
                pending.append(path)
            else:
                done[path] = formatted
        return done, sorted(pending)

    def remember(self, rendered: Mapping[str, str], formatted: Mapping[str, str]) -> None:
        """Keep this run's files (rendered text -> formatted text), replacing the last run's."""
        if self.path is None:
            return
        entries = {self.key(rendered[path]): text for path, text in formatted.items()}
        write_json(self.path, {}, {"entries": entries})

    def _read(self) -> dict[str, str]:
        if self.path is None:
            return {}
        data = read_json(self.path)
        entries = data.get("entries") if isinstance(data, dict) else None
        if not isinstance(entries, dict):
            return {}
        return {k: v for k, v in entries.items() if isinstance(k, str) and isinstance(v, str)}
