"""The formatter's output remembered by the text it was given, so regeneration formats only the
files whose rendered text changed; and which output file holds the result of which text.

Formatting is a pure function of the rendered text, the formatter's version and its settings
(`write.format_settings`), so a file rendered exactly as last time gets last time's formatted
text without running the formatter. The cache is one file per output folder in the cache folder
(`cache_layers`: a run writes only what changed), holding the files of the latest run only (it
never grows past one output's size).

Most rendered files are formatted already (the formatter leaves them as they are): for those the
cache notes `AS_RENDERED` instead of a second copy of the text, which the next run has at hand.
A formatted text kept is kept with its `write.text_digest` (the output's stamp takes it): the next
run that takes it knows its digest without hashing it again.

It also keeps a manifest of the output: for each file, the key of the rendered text it was
written from (and that text's length) and its status then (`marks`). A file rendered from the
same text again whose status is unchanged holds that text's result: it is not read to compare. A
text of another length is another text: its key is not needed to tell.
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
from generator.encoded import Encoded, Text
from generator.file_bytes import marks
from generator.write import is_text_digest

AS_RENDERED = 0  # an entry's value when the formatter left the rendered text as it was
KEYS = "digest+suffix"  # how keys are made (`FormatCache.key`): another way is another salt


class FormatCache:
    def __init__(self, out: Path, *, kept_digests: bool = True) -> None:
        folder = cache_folder()
        tag = hashlib.sha256(str(out.resolve()).encode()).hexdigest()[:10]
        self.path = folder / f"formatted-{tag}.pickle" if folder is not None else None
        # (a key is the text's digest and the file's suffix: the settings are the file's salt)
        self.salt = json.dumps({**write.format_settings(), "keys": KEYS}).encode()
        # the manifest: path -> [key, size, mtime_ns, inode, ctime_ns, length of the rendered text]
        self.files: dict[str, Any] = {}
        self._keys: dict[str, bytes] = {}  # this run: path -> key of its rendered text, once asked
        self._as_written: list[str] = []  # formatted files the manifest says hold their text
        self._unformatted: list[str] = []  # the files `split` saw that are not formatted
        self._kept_digests: dict[bytes, Any] = {}  # last run's: key -> digest of its formatted text
        self.layered: Layered | None = None  # the file as read
        self.rendered: Mapping[str, Text] = {}  # this run: path -> rendered text
        self.digests = write.TextDigests()  # this run's, shared with the output stamp
        self.known: dict[bytes, str | int] = self._read()
        if not kept_digests:  # (set aside: each text's digest taken afresh, then kept anew)
            self._kept_digests = {}

    def key(self, path: str, text: Text) -> bytes:
        """The key of a rendered text: its digest (taken once a run) and the file's suffix (the
        formatter lays out a `.pyi` stub otherwise than a module of the same text). The settings
        are the salt of the whole file."""
        suffix = path[path.rfind(".") :].encode() if "." in path.rpartition("/")[2] else b""
        return self.digests(path, text) + suffix

    def key_of(self, path: str) -> bytes:
        """The key of the rendered text of `path` (of those `split` saw), taken once."""
        found = self._keys.get(path)
        if found is None:
            found = self._keys[path] = self.key(path, self.rendered[path])
        return found

    def split(self, rendered: Mapping[str, Text]) -> tuple[dict[str, Text], list[str]]:
        """The formatted text of files formatted before, and the paths still to format.

        The keys of the other files are taken when asked for: a file that changed is mostly
        seen to by its size (`unchanged`), and written before its key is needed, so that its
        digest is taken of the bytes written (`write.update_in_place`), not encoded again.
        (One pass of plain dictionary look-ups: thousands of files, most formatted as last time.)"""
        done: dict[str, Text] = {}
        pending: list[str] = []
        known_digests: list[tuple[str, bytes]] = []  # of the formatted texts taken
        self._keys = keys = {}
        self._as_written, self._unformatted = as_written, unformatted = [], []
        self.rendered = rendered
        is_formatted, make_key, as_rendered = write.is_formatted, self.key, write.left_as_rendered
        # (a run that knows no file's formatted text formats all of them in one formatter run)
        shortcut = bool(self.known)
        known, kept_digest, manifest = self.known.get, self._kept_digests.get, self.files.get
        for path, text in rendered.items():
            if not is_formatted(path):
                unformatted.append(path)
                continue
            key = keys[path] = make_key(path, text)
            formatted = known(key)
            if formatted is None and shortcut and as_rendered(path, text):
                done[path] = text  # (kept as `AS_RENDERED` by `remember`)
            elif formatted is None:
                pending.append(path)
            elif type(formatted) is str:
                done[path] = formatted
                digest = kept_digest(key)
                if is_text_digest(digest):  # (else: hashed when asked)
                    known_digests.append((formatted, digest))
            else:
                done[path] = text
            entry = manifest(path)
            # (the key tells the text: its length is not asked, which for a reused text given as
            # its bytes, `Encoded`, is counted in bytes)
            if type(entry) is list and len(entry) == 6 and entry[0] == key:
                as_written.append(path)  # (written last run from this text: `unchanged` looks)
        self.digests.know(known_digests)
        return done, sorted(pending)

    def unchanged(self, out: Path) -> set[str]:
        """The paths (of those `split` saw) whose file under `out` was written last run from the
        same rendered text and has not changed since (size, modification time, inode).
        """
        found = set()
        folder = f"{out}/"  # thousands of paths: plain strings, `Path` is slow here
        files, key_of, stat = self.files, self.key_of, os.stat
        for path in self._as_written:  # (the formatted files: their manifest checked by `split`)
            entry = files[path]
            try:
                status = stat(folder + path)
            except OSError:
                continue
            if marks(status) == entry[1:5]:
                found.add(path)
        for path in self._unformatted:  # (a few: their keys taken now)
            entry, text = files.get(path), self.rendered[path]
            if type(entry) is not list or len(entry) != 6:
                continue
            # a rendered text of another length: another text, known unhashed (unless its digest
            # is at hand: a reused text given as its bytes, `Encoded`, has a length in bytes)
            if entry[5] != len(text) and not self.digests.at_hand(path, text):
                continue
            if entry[0] == key_of(path) and _status(folder + path) == entry[1:5]:
                found.add(path)
        return found

    def remember(
        self,
        formatted: Mapping[str, Text],
        out: Path | None = None,
        unchanged: Collection[str] = (),
    ) -> None:
        """Keep this run's files (rendered text -> formatted text), replacing the last run's;
        with `out`, the manifest of the files `split` saw as they are there now (`unchanged`
        ones as noted last run)."""
        if self.path is None:
            return
        rendered = self.rendered
        entries: dict[bytes, str | int] = {}
        digests: dict[bytes, bytes] = {}  # of the formatted texts kept (taken now if not before)
        for path, text in formatted.items():
            key = self.key_of(path)
            if not isinstance(text, str) or _as_rendered(text, rendered.get(path)):  # (`Encoded`: never formatted)
                entries[key] = AS_RENDERED
            else:
                entries[key], digests[key] = text, self.digests(path, text)
        # without `out` (a `check` run) the output folder was not touched: its manifest holds
        files: dict[str, Any] = dict(self.files) if out is None else {}
        folder = f"{out}/"
        for path in self.rendered:
            if out is None:
                break
            if path in unchanged:
                files[path] = self.files[path]
            else:
                status = _status(folder + path)
                if status is not None:
                    files[path] = [self.key_of(path), *status, len(self.rendered[path])]
        # mostly only what changed is written (`Layered`); a failed write only costs time
        (self.layered or Layered(self.path, self.salt.decode())).save(
            {"entries": entries, "files": files, "digests": digests}
        )

    def _read(self) -> dict[bytes, str | int]:
        if self.path is None:
            return {}
        self.layered = Layered.load(self.path, self.salt.decode())
        files = self.layered.sections.get("files", {})
        self.files = files if isinstance(files, dict) else {}
        self._kept_digests = self.layered.sections.get("digests", {})  # (each checked when taken)
        entries = self.layered.sections.get("entries", {})
        if not isinstance(entries, dict):
            return {}
        return {
            k: v
            for k, v in entries.items()
            if type(k) is bytes and (type(v) is str or (type(v) is int and v == AS_RENDERED))
        }


def _as_rendered(formatted: str, rendered: Text | None) -> bool:
    """Whether the formatter left the rendered text as it was (a page rendered as its bytes,
    formatted when nothing was known, is compared by its bytes: the cache keeps no copy of it)."""
    if isinstance(rendered, Encoded):
        if formatted.isascii() and len(formatted) != rendered.size:
            return False
        return formatted.encode() == b"".join(rendered.pieces)
    return formatted == rendered


def _status(path: Path | str) -> list[int] | None:
    """The file's `marks`, or None when there is no file."""
    try:
        return marks(os.stat(path))
    except OSError:
        return None
