"""Digests of our own code and of the tools whose output we keep, for the keys of every cache.

A cached result is only as valid as the code that made it: each cache names the parts of the
checkout its results depend on, and its key includes their digest. One rule for all of them
(which files, how a file is spelled into the digest), and each file read and hashed once per
process however many caches name it.
"""

from __future__ import annotations

import functools
import hashlib
import os
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent  # holds generator/ and templates/


@functools.cache
def code_digest(*parts: str) -> str:
    """The digest of the files under `parts` (folders or files, relative to the checkout; bytecode
    caches left out), by path and content."""
    digest = hashlib.sha256()
    for part in parts:
        for name in _files(part):
            digest.update(name.encode() + b"\0")
            digest.update(_file_digest(name))
    return digest.hexdigest()


def _files(part: str) -> list[str]:
    """The files of `part` (a folder or a file) as POSIX paths relative to the checkout, in the
    order of their `Path`s (a few hundred files: plain strings, `Path.rglob` costs more)."""
    top = os.path.join(CHECKOUT, part)
    if not os.path.isdir(top):
        return [part]
    found = []
    for folder, subfolders, names in os.walk(top):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        prefix = os.path.relpath(folder, CHECKOUT).replace(os.sep, "/")
        found += [f"{prefix}/{name}" for name in names if os.path.isfile(os.path.join(folder, name))]
    return sorted(found, key=lambda name: name.split("/"))


@functools.cache
def tool_versions(*tools: str) -> str:
    """The installed versions of `tools` (distribution names), one line each."""
    return "".join(f"{tool}={_version(tool)}\n" for tool in tools)


@functools.cache  # (caches name the same tools: each one's metadata is read once a process)
def _version(tool: str) -> str:
    from importlib.metadata import version  # only when a cache key is made

    return version(tool)


@functools.cache
def _file_digest(name: str) -> bytes:
    with open(os.path.join(CHECKOUT, name), "rb") as handle:
        return hashlib.sha256(handle.read()).digest()
