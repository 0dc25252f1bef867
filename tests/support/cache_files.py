"""Rewriting a cache file as a run would write it (its CRC-32 after it), so that a test's
content of the wrong shape, or a hostile pickle, reaches the checks behind the CRC."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

from generator.cache_files import write_checked


def write_cache_pickle(path: Path, value: Any) -> None:
    """`value` pickled (or, when bytes, as it is) into `path`, checked as `write_checked` does."""
    blob = value if isinstance(value, bytes) else pickle.dumps(value)
    write_checked(path, lambda stream: stream.write(blob))
