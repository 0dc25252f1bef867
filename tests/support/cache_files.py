"""Planting a cache file as a run would write it (its checksum after it), so that a test's content
of the wrong shape, or a hostile pickle, reaches the checks behind the checksum."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

from generator.cache_files import write_checked


def plant_cache_file(path: Path, value: Any) -> None:
    """`value` (bytes as they are, anything else pickled) into `path`, checked as a run writes it."""
    blob = value if isinstance(value, bytes) else pickle.dumps(value)
    write_checked(path, lambda stream: stream.write(blob))
