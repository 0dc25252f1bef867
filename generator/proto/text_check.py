"""Bytes that are not UTF-8 in .proto files, found before protoc sees them.

protoc accepts them in comments (the comment then reaches us as bytes: a warning, see
`compile`), but in a string literal, such as an option value, it aborts the whole process
(a failed check inside protoc, not an error message). So the files under the proto root are
read first, and such bytes outside comments are a located error.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Mapping
from pathlib import Path

from generator.diagnostics import Diagnostics
from generator.file_bytes import KeySeen, read_path
from generator.ir.model import Location

# Comments, and string literals (skipped so that `"//"` does not start a comment)
_SPANS = re.compile(rb'//[^\n]*|/\*.*?\*/|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'', re.S)


def refuse_undecodable(
    root: Path,
    names: tuple[str, ...],
    diagnostics: Diagnostics,
    *,
    links: bool = True,
    read: Mapping[str, KeySeen] | None = None,
    seen: dict[str, list[int]] | None = None,
) -> dict[str, bytes]:
    """A located error for each file under `root` with bytes that are not UTF-8 outside comments;
    the bytes of the files read. With `links` False (no symbolic link under `root`), every file
    is known to be inside the root without resolving its path. `read`: what the regeneration key
    saw of files (`file_bytes.KeySeen`), by path as `os.path.join(str(root), name)` spells it:
    bytes it read are taken as they are. `seen` is given, by name, the marks the file had when
    the key saw it (else when read here): a file changed since is one changed during the run,
    whose output the stamp would otherwise credit to what the key saw."""
    real_root = root.resolve() if links else root
    sources: dict[str, bytes] = {}
    top = str(root)  # thousands of files: plain strings, `Path` is slow here
    known = read or {}
    for name in names:
        path = os.path.join(top, name)
        if links and not Path(path).resolve().is_relative_to(real_root):
            continue  # not read here: refused by `confine` if protoc is led to it
        found = known.get(path)
        if found is None:
            data, status = read_path(path)
        elif found[0] is None:  # (seen by the key, read later: a change since is told after protoc)
            data, status = read_path(path)[0], found[1]
        else:
            data, status = found[0], found[1]  # (the key's bytes, as it read them)
        sources[name] = data
        if seen is not None:
            seen[name] = status
        offset = first_undecodable_outside_comments(data)
        if offset is not None:
            line = data.count(b"\n", 0, offset) + 1
            column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
            diagnostics.error(
                Location(name, line=line, column=column),
                f"byte 0x{data[offset]:02x} is not UTF-8 text",
                hint="save the .proto file as UTF-8",
            )
    diagnostics.raise_if_errors()
    return sources


def first_undecodable_outside_comments(data: bytes) -> int | None:
    """The offset of the first byte that is not UTF-8 and not inside a comment, or None."""
    if is_utf8(data):  # (most files: no pass over every character to find none)
        return None
    bad = _undecodable(data)
    if not bad:
        return None
    comments = [m.span() for m in _SPANS.finditer(data) if m[0][:2] in (b"//", b"/*")]
    starts = [start for start, _ in comments]
    for offset in bad:
        index = bisect.bisect_right(starts, offset) - 1
        if index < 0 or offset >= comments[index][1]:
            return offset
    return None


def is_utf8(data: bytes) -> bool:
    """True when `data` is UTF-8 text throughout."""
    if data.isascii():
        return True
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # how surrogateescape keeps an undecodable byte


def _undecodable(data: bytes) -> list[int]:
    """Offsets of the bytes that are not UTF-8, in one pass."""
    text = data.decode("utf-8", errors="surrogateescape")
    offsets: list[int] = []
    offset, last = 0, 0
    for match in _ESCAPED_BYTE.finditer(text):
        offset += len(text[last : match.start()].encode("utf-8", errors="surrogateescape"))
        last = match.start()
        offsets.append(offset)
    return offsets
