"""The formatter's output remembered by the text it was given, so regeneration formats only the
files whose rendered text changed; and which output file holds the result of which text.

Formatting is a pure function of the rendered text, the formatter's version and its settings
(`write.format_settings`), so a file rendered exactly as last time gets last time's formatted
text without running the formatter. The cache is one file per output folder in the cache folder
(`cache_layers`: a run writes only what changed), holding the files of the latest run only (it
never grows past one output's size).

Most rendered files are formatted already (the formatter leaves them as they are): for those the
cache notes `AS_RENDERED` instead of a second copy of the text, which the next run has at hand.

It also keeps a manifest of the output: for each file, the key of the rendered text it was
written from (and that text's length) and its size, modification time and inode then. A file
rendered from the same text again whose status is unchanged holds that text's result: it is not
read to compare. A text of another length is another text: its key is not needed to tell.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from generator import write
from generator.cache_layers import Layered
from generator.cache_location import cache_folder

AS_RENDERED = 0  # an entry's value when the formatter left the rendered text as it was


class FormatCache:
    def __init__(self, out: Path) -> None:
        folder = cache_folder()
        tag = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:10]
        self.path = folder / f"formatted-{tag}.pickle" if folder is not None else None
        self.salt = json.dumps(write.format_settings()).encode()
        # the manifest: path -> [key, size, mtime_ns, inode, length of the rendered text]
        self.files: dict[str, Any] = {}
        self._keys: dict[str, str] = {}  # this run: path -> key of its rendered text, once asked
        self.layered: Layered | None = None  # the file as read
        self.rendered: Mapping[str, str] = {}  # this run: path -> rendered text
        self.digests = write.TextDigests()  # this run's, shared with the output stamp
        self.known: dict[str, str | int] = self._read()

    def key(self, path: str, text: str) -> str:
        """The key of a rendered text: the settings, the file's suffix (the formatter lays out a
        `.pyi` stub otherwise than a module of the same text) and the text's digest (taken once a
        run)."""
        suffix = path[path.rfind(".") :].encode() if "." in path.rpartition("/")[2] else b""
        return hashlib.sha256(self.salt + suffix + b"\0" + self.digests(path, text)).hexdigest()

    def key_of(self, path: str) -> str:
        """The key of the rendered text of `path` (of those `split` saw), taken once."""
        found = self._keys.get(path)
        if found is None:
            found = self._keys[path] = self.key(path, self.rendered[path])
        return found

    def split(self, rendered: Mapping[str, str]) -> tuple[dict[str, str], list[str]]:
        """The formatted text of files formatted before, and the paths still to format.

        The keys of the other files are taken when asked for: a file that changed is mostly
        seen to by its size (`unchanged`), and written before its key is needed, so that its
        digest is taken of the bytes written (`write.update_in_place`), not encoded again."""
        done: dict[str, str] = {}
        pending: list[str] = []
        self._keys = {}
        self.rendered = rendered
        for path in rendered:
            if not write.is_formatted(path):
                continue
            formatted = self.known.get(self.key_of(path))
            if formatted is None:
                pending.append(path)
            else:
                done[path] = formatted if isinstance(formatted, str) else rendered[path]
        return done, sorted(pending)

    def unchanged(self, out: Path) -> set[str]:
        """The paths (of those `split` saw) whose file under `out` was written last run from the
        same rendered text and has not changed since (size, modification time, inode).
        """
        found = set()
        folder = str(out)  # thousands of paths: plain strings, `Path` is slow here
        for path, text in self.rendered.items():
            entry = self.files.get(path)
            if not (isinstance(entry, list) and len(entry) == 5) or entry[4] != len(text):
                continue  # (a rendered text of another length: another text, known unhashed)
            if entry[0] == self.key_of(path) and _status(os.path.join(folder, path)) == entry[1:4]:
                found.add(path)
        return found

    def remember(
        self,
        formatted: Mapping[str, str],
        out: Path | None = None,
        unchanged: Collection[str] = (),
    ) -> None:
        """Keep this run's files (rendered text -> formatted text), replacing the last run's;
        with `out`, the manifest of the files `split` saw as they are there now (`unchanged`
        ones as noted last run)."""
        if self.path is None:
            return
        rendered = self.rendered
        entries = {
            self.key_of(path): AS_RENDERED if text == rendered.get(path) else text
            for path, text in formatted.items()
        }
        # without `out` (a `check` run) the output folder was not touched: its manifest holds
        files: dict[str, Any] = dict(self.files) if out is None else {}
        folder = str(out)
        for path in self.rendered:
            if out is None:
                break
            if path in unchanged:
                files[path] = self.files[path]
            else:
                status = _status(os.path.join(folder, path))
                if status is not None:
                    files[path] = [self.key_of(path), *status, len(self.rendered[path])]
        # mostly only what changed is written (`Layered`); a failed write only costs time
        (self.layered or Layered(self.path, self.salt.decode())).save(
            {"entries": entries, "files": files}
        )

    def _read(self) -> dict[str, str | int]:
        if self.path is None:
            return {}
        self.layered = Layered.load(self.path, self.salt.decode())
        files = self.layered.sections.get("files", {})
        self.files = files if isinstance(files, dict) else {}
        entries = self.layered.sections.get("entries", {})
        if not isinstance(entries, dict):
            return {}
        return {
            k: v
            for k, v in entries.items()
            if isinstance(k, str)
            and (isinstance(v, str) or (type(v) is int and v == AS_RENDERED))
        }


def _status(path: Path | str) -> list[int] | None:
    """What tells that a file was changed or replaced: its size, modification time and inode."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return [status.st_size, status.st_mtime_ns, status.st_ino]
