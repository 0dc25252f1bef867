"""What lies under a proto root, from one walk of it: the .proto files, which of those are no
regular file, and whether a symbolic link sits anywhere there.

A run needs all three before protoc runs (the files to compile and to read first, the names to
refuse, whether paths must be resolved); a walk of a 1,000-file tree costs milliseconds, and so
does a `stat` of each file found, so one walk answers them all, from what listing each folder
tells (`os.DirEntry`: no `stat` of a regular file).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from generator.lazy_dataclass import lazy_dataclass


@lazy_dataclass(frozen=True, eq=False)  # (never compared: no __eq__ compiled at import)
class ProtoTree:
    # every entry named `*.proto` (folders so named too: what `root.rglob("*.proto")` finds), as
    # sorted POSIX paths relative to the root; folders reached through a link are not entered
    protos: tuple[str, ...]
    not_files: frozenset[str]  # those of them that are no regular file, links followed
    links: bool  # a symbolic link sits under the root (or a folder there could not be listed)


def scan(root: Path) -> ProtoTree:
    """The `ProtoTree` of `root`, which is a folder."""
    protos: list[str] = []
    not_files: set[str] = set()
    links = False
    pending = [(str(root), "")]
    while pending:
        folder, prefix = pending.pop()
        try:
            listing = os.scandir(folder)
        except OSError:  # unseen: what is inside might lead anywhere
            links = True
            continue
        with listing:
            for entry in listing:
                links = links or entry.is_symlink()
                is_dir = _is(entry.is_dir)
                if entry.name.endswith(".proto"):
                    protos.append(prefix + entry.name)
                    if is_dir or not _is(entry.is_file):
                        not_files.add(prefix + entry.name)
                if is_dir and not entry.is_symlink():
                    pending.append((entry.path, f"{prefix}{entry.name}/"))
    return ProtoTree(tuple(sorted(protos)), frozenset(not_files), links)


def _is(check: Callable[[], bool]) -> bool:
    """`DirEntry.is_dir` or `is_file` (links followed), an error reading as False (as `os.walk`
    takes it)."""
    try:
        return check()
    except OSError:
        return False
