"""Jinja's compiled templates are read from the cache folder as every cache file is: a regular
file is loaded; a link (even to a sound copy outside the folder), a FIFO or a folder in its
place is a miss, never a blocked run."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import jinja2
import jinja2.bccache
import pytest

from generator.render import templates


def _bucket(cache: jinja2.FileSystemBytecodeCache) -> jinja2.bccache.Bucket:
    environment = jinja2.Environment()
    bucket = jinja2.bccache.Bucket(environment, cache.get_cache_key("page.md"), "source")
    bucket.code = environment.compile("{{ 1 }}")  # (what a run compiled and kept)
    return bucket


def _loaded(cache: jinja2.FileSystemBytecodeCache) -> bool:
    """Whether the compiled form kept for the bucket is loaded (in a thread with a deadline: a
    FIFO opened to be read would block for ever)."""
    bucket = _bucket(cache)
    bucket.reset()
    thread = threading.Thread(target=cache.load_bytecode, args=(bucket,), daemon=True)
    thread.start()
    thread.join(30)
    assert not thread.is_alive(), "the load hung"
    return bucket.code is not None


def _link_to_copy(path: Path) -> None:
    outside = path.parent.parent / "outside.cache"
    path.rename(outside)
    path.symlink_to(outside)


def _fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def _folder(path: Path) -> None:
    path.unlink()
    path.mkdir()


def _cache(folder: Path) -> tuple[jinja2.FileSystemBytecodeCache, Path]:
    folder.mkdir(exist_ok=True)
    cache = templates._BytecodeFiles(str(folder))
    cache.dump_bytecode(_bucket(cache))
    (kept,) = folder.iterdir()
    return cache, kept


def test_a_compiled_template_kept_is_loaded(tmp_path: Path) -> None:
    cache, _ = _cache(tmp_path / "jinja")
    assert _loaded(cache)


@pytest.mark.parametrize("plant", [_link_to_copy, _fifo, _folder], ids=["link", "fifo", "folder"])
def test_anything_but_a_regular_file_is_a_miss(
    plant: Callable[[Path], None], tmp_path: Path
) -> None:
    cache, kept = _cache(tmp_path / "jinja")
    plant(kept)
    assert not _loaded(cache)
