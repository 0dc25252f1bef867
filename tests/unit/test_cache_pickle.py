"""The proto caches' pickles make our own data classes and nothing else."""

from __future__ import annotations

import gc
import io
import pickle
import threading
import weakref
from pathlib import Path

import pytest

from generator import cache_pickle
from generator.ir.model import Name, TypeExpr
from generator.proto.file_cache import FileCache
from tests.support.cache_files import plant_cache_file


class _RunsCode:
    """What a hostile cache file holds: unpickling it calls a function of its choice."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (Path.touch.__get__(self.marker), ())  # type: ignore[attr-defined]


def test_our_data_classes_round_trip() -> None:
    value = {
        "t": TypeExpr(kind="ref", ref="A"),
        "n": [Name(wire="aB", words=("a", "b"))],
        "b": b"\x00",
    }
    assert cache_pickle.loads(cache_pickle.dumps(value)) == value


@pytest.mark.parametrize(
    "named",
    [
        "os.system",
        "builtins.eval",
        "generator.cli.main",  # a function of ours
        "generator.__main__.main",  # importing it would run the CLI
        "generator.openapi.validation_runner.ValidationRun",  # a class that starts a process
    ],
)
def test_a_pickle_naming_anything_else_is_refused(named: str) -> None:
    module, name = named.rsplit(".", 1)
    hostile = b"\x80\x04c" + f"{module}\n{name}\n".encode() + b"\x8c\x04true\x85R."
    with pytest.raises(pickle.UnpicklingError):
        cache_pickle.loads(hostile)


def test_a_hostile_cache_file_is_a_miss_and_runs_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("APIGEN_CACHE_DIR", str(tmp_path / "cache"))
    cache = FileCache.open(tmp_path, "pkg", [])
    assert cache.path is not None
    marker = tmp_path / "ran"
    cache.path.parent.mkdir(parents=True)
    plant_cache_file(  # checked as a run writes it: the unpickler, not the checksum, must refuse it
        cache.path,
        pickle.dumps({"salt": cache.salt, "entries": _RunsCode(marker), "runs": {}, "derived": {}}),
    )
    again = FileCache.open(tmp_path, "pkg", [])
    assert again.entries == {} and not marker.exists()
    # the same file through a plain unpickler does run it: the test's hostile file is real
    pickle.loads(cache.path.read_bytes())
    assert marker.exists()


def test_a_module_the_pickle_names_is_never_imported() -> None:
    import sys

    sys.modules.pop("generator.__main__", None)
    with pytest.raises(pickle.UnpicklingError):
        cache_pickle.loads(b"\x80\x05cgenerator.__main__\nmain\n.")
    assert "generator.__main__" not in sys.modules


def test_what_loads_within_long_lived_loads_is_never_walked_by_the_collector() -> None:
    """Within `long_lived_loads` (the CLI's run) a loaded value is frozen out of the collector's
    generations (no young collection walks it again); on leaving, it is handed back."""
    blob = cache_pickle.dumps([TypeExpr(kind="ref", ref=f"T{i}") for i in range(1000)])
    assert gc.get_freeze_count() == 0
    loaded = cache_pickle.loads(blob)  # outside: collected as usual
    assert gc.get_freeze_count() == 0 and gc.is_tracked(loaded)
    with cache_pickle.long_lived_loads():
        loaded = cache_pickle.loads(blob)
        assert gc.get_freeze_count() >= len(loaded) and gc.isenabled()
        assert cache_pickle.loads(blob) == loaded
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_load_all_gives_each_pickle_of_slices_of_one_buffer_in_order_frozen_once() -> None:
    """`load_all`: what `load` gives for each piece (pieces cut from one larger buffer, each a
    pickle of its own, with the buffers `dump` left out of it), in order; each piece refused as
    `load` refuses it; within `long_lived_loads`, all of it frozen out of the collector's
    generations."""
    values = [[TypeExpr(kind="ref", ref=f"T{i}-{j}") for j in range(50)] for i in range(3)]
    blobs = [cache_pickle.dumps(value) for value in values]
    whole = memoryview(b"".join([b"header", *blobs]))
    starts = [6 + sum(map(len, blobs[:i])) for i in range(3)]
    pieces = [(whole[start : start + len(blob)], ()) for start, blob in zip(starts, blobs, strict=True)]
    assert cache_pickle.load_all(pieces) == values
    assert cache_pickle.load_all([]) == []
    with pytest.raises(pickle.UnpicklingError):
        cache_pickle.load_all([pieces[0], (b"\x80\x05cgenerator.cli\nmain\n.", ())])
    assert gc.get_freeze_count() == 0
    with cache_pickle.long_lived_loads():
        loaded = cache_pickle.load_all(pieces)
        assert gc.get_freeze_count() >= sum(map(len, loaded)) and gc.isenabled()
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_load_all_takes_the_buffers_left_out_as_they_are() -> None:
    """`dump_out_of_band` leaves each `pickle.PickleBuffer` out of the pickle, and only those
    (bytes of any size stay in it); `load_all` gives a piece's buffers back as the very views
    handed in, not copies. A pickle taking a buffer its piece lacks, or naming a persistent id
    (as `dump` with `buffers` writes), is refused."""
    large, short = bytes(range(256)) * 4, b"short"
    buffers: list[cache_pickle.Buffer] = []
    stream = io.BytesIO()
    cache_pickle.dump_out_of_band(("key", pickle.PickleBuffer(short), large), stream, buffers)
    assert [bytes(buffer) for buffer in buffers] == [short] and large in stream.getvalue()
    view = memoryview(bytes(buffers[0]))
    ((key, found, kept),) = cache_pickle.load_all([(stream.getvalue(), [view])])
    assert (key, kept) == ("key", large) and found is view
    with pytest.raises(pickle.UnpicklingError):
        cache_pickle.load_all([(stream.getvalue(), [])])
    hooked: list[cache_pickle.Buffer] = []
    by_id = io.BytesIO()
    cache_pickle.dump(("key", large), by_id, hooked)
    with pytest.raises(pickle.UnpicklingError):
        cache_pickle.load_all([(by_id.getvalue(), [memoryview(large)])])


class _Node:
    """A plain object that can be put in a reference cycle and watched (weakref)."""

    other: object = None


def test_a_load_frees_the_young_garbage_of_the_moment_before_it_freezes() -> None:
    """A freeze keeps garbage cycles frozen with everything else until the run ends: a load
    collects the young generations first when they hold more than a few objects."""
    blob = cache_pickle.dumps([TypeExpr(kind="ref", ref="A")])
    with cache_pickle.long_lived_loads():
        cycle = _Node()
        cycle.other = [cycle, *([] for _ in range(cache_pickle.YOUNG_SWEPT))]
        watched = weakref.ref(cycle)
        del cycle
        cache_pickle.loads(blob)
        assert watched() is None


def test_a_load_with_few_young_objects_does_not_collect() -> None:
    """A regeneration makes thousands of small loads with a handful of young objects between
    them: each does not pay for a collection that would find next to nothing."""
    blob = cache_pickle.dumps([TypeExpr(kind="ref", ref="A")])
    collections: list[int] = []

    def count(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    with cache_pickle.long_lived_loads():
        cache_pickle.loads(blob)  # (whatever the test run left young: swept, or frozen)
        gc.callbacks.append(count)
        try:
            for _ in range(100):
                cache_pickle.loads(blob)
        finally:
            gc.callbacks.remove(count)
    assert collections == []


def test_long_lived_loads_entered_and_left_by_two_threads_in_turn() -> None:
    """A enters, B enters, A leaves (loads still freeze: B is within), B leaves: nothing is
    frozen any more, and loads outside freeze nothing."""
    blob = cache_pickle.dumps([TypeExpr(kind="ref", ref=f"T{i}") for i in range(100)])
    steps = [threading.Event() for _ in range(4)]
    seen: dict[str, int] = {}

    def a() -> None:
        with cache_pickle.long_lived_loads():
            steps[0].set()
            steps[1].wait(5)
        steps[2].set()

    def b() -> None:
        steps[0].wait(5)
        with cache_pickle.long_lived_loads():
            steps[1].set()
            steps[2].wait(5)
            cache_pickle.loads(blob)  # A has left; B is still within
            seen["within B after A left"] = gc.get_freeze_count()

    threads = [threading.Thread(target=a), threading.Thread(target=b)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert seen["within B after A left"] >= 100
    assert gc.get_freeze_count() == 0
    cache_pickle.loads(blob)
    assert gc.get_freeze_count() == 0 and gc.isenabled()


def test_a_host_applications_own_freeze_is_left_as_it_is() -> None:
    """Python unfreezes all or nothing: with objects frozen already (by the host), loads freeze
    nothing and leaving unfreezes nothing."""
    blob = cache_pickle.dumps([TypeExpr(kind="ref", ref=f"T{i}") for i in range(100)])
    gc.freeze()
    try:
        frozen = gc.get_freeze_count()
        assert frozen > 0
        # (frozen objects freed by reference counting leave the count meanwhile)
        with cache_pickle.long_lived_loads():
            loaded = cache_pickle.loads(blob)
            assert gc.get_freeze_count() <= frozen and gc.is_tracked(loaded)
        assert gc.get_freeze_count() > frozen // 2
    finally:
        gc.unfreeze()


def test_a_load_that_fails_leaves_the_collector_running_and_other_threads_free_to_load() -> None:
    """A damaged pickle (a miss to its caller) read within `long_lived_loads`: the collector is
    running again afterwards, and another thread's load is not kept waiting."""
    blob = cache_pickle.dumps([TypeExpr(kind="ref", ref="A")])
    loaded: list[object] = []
    with cache_pickle.long_lived_loads():
        with pytest.raises(pickle.UnpicklingError):
            cache_pickle.loads(pickle.dumps(print))
        assert gc.isenabled()
        other = threading.Thread(target=lambda: loaded.append(cache_pickle.loads(blob)))
        other.start()
        other.join(timeout=10)
    assert loaded == [[TypeExpr(kind="ref", ref="A")]]
