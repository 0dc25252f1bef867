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
    return "".join(f"{tool}={tool_version(tool)}\n" for tool in tools)


@functools.cache  # (caches name the same tools: each one's metadata is read once a process)
def tool_version(tool: str) -> str:
    """The tool's version as `importlib.metadata` finds it: in the name of its `.dist-info`
    folder (`{name}-{version}.dist-info`, the wheel's rule) where one alone in the first
    folder of `sys.path` holding one says it; else asked of `importlib.metadata` (whose import
    and metadata parsing were ~40 ms of every run, 5% of a regeneration)."""
    found = _version_from_folder_name(tool)
    if found:
        return found
    from importlib.metadata import version  # (an egg, a zip, two of them, none: its own search)

    return version(tool)


def _version_from_folder_name(tool: str) -> str | None:
    """The version in the name of the tool's `.dist-info` folder in the first folder of
    `sys.path` holding what may be a record of it (a `.dist-info` or `.egg-info` whose name,
    spelled as `importlib.metadata` compares them, starts with the tool's); None unless that is
    one folder named by the wheel's rule, or when a path entry is no folder or an egg's (a zip,
    an egg's `EGG-INFO`: not read)."""
    escaped = _escaped(tool) + "-"
    for entry in sys.path:
        folder = entry or os.curdir
        if not os.path.isdir(folder) or folder.rstrip("/\\").lower().endswith(".egg"):
            if os.path.exists(folder):
                return None  # (a zip or an egg may hold one before the folders that follow)
            continue
        records = [
            name
            for name in _listing(folder)
            if name.lower().endswith(_RECORDS) and _escaped(name).startswith(escaped[:-1] + "_")
        ]
        if not records:
            continue
        name = records[0]
        version = name[len(escaped) : -len(".dist-info")]
        if len(records) > 1 or not name.lower().startswith(escaped) or not name.endswith(".dist-info"):
            return None
        if not _VERSION.fullmatch(version) or not os.path.isdir(os.path.join(folder, name)):
            return None
        return version
    return None


def _escaped(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _listing(folder: str) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


# what `importlib.metadata` takes for a record of a distribution in a folder, in any case
_RECORDS = (".dist-info", ".egg-info")
_VERSION = re.compile(r"[\w.!+]+")  # (no `-`: "a-b-1.0" is another tool's, or none by the rule)


@functools.cache
def _file_digest(name: str) -> bytes:
    with open(os.path.join(CHECKOUT, name), "rb") as handle:
        return hashlib.sha256(handle.read()).digest()
