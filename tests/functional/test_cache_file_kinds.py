"""Only regular files in the cache folder are read: a link put where a cache file goes (even to
an intact copy of it outside the folder) and a FIFO there are misses. The run reads nothing from
outside the folder and never blocks on a FIFO; its output is what a cold run gives."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.pipeline import Outcome
from tests.functional.test_incremental import _generated, change, run, tree


def _cache_files(cache: Path) -> list[Path]:
    """Every cache file a run wrote: stores, overlays, stamps (and the compiled templates when
    this process compiled them here: `test_templates_bytecode.py` covers those)."""
    found = sorted(path for path in cache.rglob("*") if path.is_file())
    assert any(path.name.startswith("schema-units-") for path in found)
    assert any(path.name.startswith("proto-") for path in found)
    return found


def _linked_to_copies(cache: Path) -> None:
    """Each cache file moves out of the folder; a link to it is put in its place."""
    outside = cache.parent / "outside"
    for number, path in enumerate(_cache_files(cache)):
        moved = outside / f"{number}-{path.name}"
        moved.parent.mkdir(exist_ok=True)
        path.rename(moved)
        path.symlink_to(moved)


def _fifos(cache: Path) -> None:
    for path in _cache_files(cache):
        path.unlink()
        os.mkfifo(path)


def _within_deadline(work: Callable[[], Outcome]) -> Outcome:
    """`work()` in a thread with a deadline: a FIFO opened to be read would block it for ever."""
    done: list[Outcome] = []
    thread = threading.Thread(target=lambda: done.append(work()), daemon=True)
    thread.start()
    thread.join(120)
    assert not thread.is_alive(), "the run hung"
    assert done, "the run failed"
    return done[0]


@pytest.mark.parametrize("plant", [_linked_to_copies, _fifos], ids=["links", "fifos"])
def test_only_regular_cache_files_are_read(
    plant: Callable[[Path], None], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    warm, cold, cache = _generated(tmp_path, monkeypatch)
    plant(cache)
    change(warm / "specs", "field added")
    again = _within_deadline(lambda: run(warm / "specs"))
    stats = again.stats
    assert stats.schemas_reused == 0 and stats.operations_reused == 0, stats
    assert stats.units_reused == 0 and stats.protos_reused == 0, stats

    run(cold / "specs", use_cache=False)
    change(cold / "specs", "field added")
    run(cold / "specs", use_cache=False)
    assert tree(warm / "out") == tree(cold / "out")
