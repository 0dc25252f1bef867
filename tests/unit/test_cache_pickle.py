"""The proto caches' pickles make our own data classes and nothing else."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from generator import cache_pickle
from generator.ir.model import Name, TypeExpr
from generator.proto.file_cache import FileCache


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
    cache.path.write_bytes(
        pickle.dumps({"salt": cache.salt, "entries": _RunsCode(marker), "runs": {}, "derived": {}})
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
    import gc

    blob = cache_pickle.dumps([TypeExpr(kind="ref", ref=f"T{i}") for i in range(1000)])
    assert gc.get_freeze_count() == 0
    loaded = cache_pickle.loads(blob)  # outside: collected as usual
    assert gc.get_freeze_count() == 0 and gc.is_tracked(loaded)
    with cache_pickle.long_lived_loads():
        loaded = cache_pickle.loads(blob)
        assert gc.get_freeze_count() >= len(loaded) and gc.isenabled()
        assert cache_pickle.loads(blob) == loaded
    assert gc.get_freeze_count() == 0 and gc.isenabled()
