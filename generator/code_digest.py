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
import re
import sys
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
    return "".join(f"{tool}={installed_version(tool)}\n" for tool in tools)


@functools.cache
def installed_version(tool: str) -> str:
    """The version of the installed distribution `tool`, as `importlib.metadata.version` gives it.

    Every run asks for a few versions (cache keys, formatter settings); importing
    `importlib.metadata` (and the `email` parser it reads metadata with) and its scans of
    `sys.path` cost about 30 ms of a 0.5 s run. So the `*.dist-info` / `*.egg-info` folder is
    looked for as `importlib.metadata` looks for it (the first one on `sys.path` whose name,
    normalized, is the tool's) and the `Version:` header read from its metadata file; anything
    else (no such folder on a plain path, no header) is left to `importlib.metadata`."""
    wanted = _normalized(tool)
    for entry in sys.path:
        try:
            children = os.listdir(entry or ".")
        except OSError:  # not a folder (a zip archive, a missing path)
            continue
        for child in children:
            low = child.lower()
            if low.endswith((".dist-info", ".egg-info")) and _normalized(
                low.rpartition(".")[0].partition("-")[0]
            ) == wanted:
                found = _metadata_version(os.path.join(entry or ".", child))
                if found is not None:
                    return found
                break  # importlib.metadata takes this one too: let it read it
        else:
            continue
        break
    from importlib.metadata import version

    return version(tool)


def _normalized(name: str) -> str:
    """A distribution name as `importlib.metadata` compares them (PEP 503, `_` for `-`)."""
    return re.sub(r"[-_.]+", "-", name).lower().replace("-", "_")


def _metadata_version(folder: str) -> str | None:
    """The `Version:` header of a distribution's metadata file; None when there is none."""
    for name in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(folder, name), encoding="utf-8") as stream:
                for line in stream:
                    if not line.strip():
                        return None  # the headers end at the first blank line
                    if line.startswith("Version:"):
                        return line[len("Version:") :].strip()
        except OSError:
            continue
    return None


@functools.cache
def _file_digest(path: Path) -> bytes:
    return hashlib.sha256(path.read_bytes()).digest()
