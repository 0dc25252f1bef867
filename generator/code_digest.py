"""Digests of our own code and of the tools whose output we keep, for the keys of every cache.

A cached result is only as valid as the code that made it: each cache names the parts of the
checkout its results depend on, and its key includes their digest. One rule for all of them
(which files, how a file is spelled into the digest), and each file read and hashed once per
process however many caches name it.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import Path

CHECKOUT = Path(__file__).resolve().parent.parent  # holds generator/ and templates/


@functools.cache
def code_digest(*parts: str) -> str:
    """The digest of the files under `parts` (folders or files, relative to the checkout; bytecode
    caches left out), by path and content."""
    digest = hashlib.sha256()
    for part in parts:
        top = CHECKOUT / part
        files = (
            sorted(
                p
                for p in top.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts
            )
            if top.is_dir()
            else [top]
        )
        for path in files:
            digest.update(path.relative_to(CHECKOUT).as_posix().encode() + b"\0")
            digest.update(_file_digest(path))
    return digest.hexdigest()


@functools.cache
def tool_versions(*tools: str) -> str:
    """The installed versions of `tools` (distribution names), one line each."""
    from importlib.metadata import version  # only when a cache key is made

    return "".join(f"{tool}={version(tool)}\n" for tool in tools)


@functools.cache
def _file_digest(path: Path) -> bytes:
    return hashlib.sha256(path.read_bytes()).digest()
