"""Planting a cache file as a run would write it (its checksum after it), so that a test's content
of the wrong shape, or a hostile pickle, reaches the checks behind the checksum."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

from generator import cache_layers
from generator.cache_files import write_checked


def plant_cache_file(path: Path, value: Any, *, with_buffers: bool = False) -> None:
    """`value` (bytes as they are, anything else pickled) into `path`, checked as a run writes it
    (`with_buffers`: a `cache_layers.Layered` file's value, its large bytes after its pickle)."""
    if with_buffers:
        cache_layers._write(path, value, with_buffers=True)
        return
    blob = value if isinstance(value, bytes) else pickle.dumps(value)
    write_checked(path, lambda stream: stream.write(blob))


def read_cache_file(path: Path) -> Any:
    """What a cache file holds, as `plant_cache_file` takes it back: the values a
    `cache_layers.Layered` file keeps out of its pickle as bytes, not views of the file."""
    return as_bytes(cache_layers._read(path))


def as_bytes(value: Any) -> Any:
    """`value` with each view of bytes within (dicts, lists, tuples) as bytes."""
    if type(value) is memoryview:
        return value.tobytes()
    if type(value) is dict:
        return {key: as_bytes(item) for key, item in value.items()}
    if type(value) in (list, tuple):
        return type(value)(as_bytes(item) for item in value)
    return value
