"""The cache folder stays bounded: apigen's files unused past an age go, past a size the least
recently used go first, files in use and anything not apigen's stay; a real run marks what it
reads and names every cache file as the sweep knows it."""

from __future__ import annotations

import os
import time
from pathlib import Path

import jinja2
import jinja2.bccache
import pytest

from generator import cache_sweep
from generator.cache_location import ENV_VAR
from generator.cache_sweep import MARK_EVERY, Limits, limits_from_environment, mark_used, sweep
from generator.cli import main
from tests.functional.test_incremental import change, run, write_specs

DAY = 86400.0
NOW = 2_000_000_000.0
LIMITS = Limits(max_age=30 * DAY, max_size=10**9)


def put(folder: Path, name: str, *, days_unused: float, size: int = 10) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"x" * size)
    os.utime(path, (NOW - days_unused * DAY, NOW - days_unused * DAY))
    return path


def names(folder: Path) -> set[str]:
    return {
        p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() or p.is_symlink()
    }


def test_jinja_names_its_compiled_templates_as_the_sweep_knows_them(tmp_path: Path) -> None:
    bytecode = jinja2.FileSystemBytecodeCache(str(tmp_path))
    bucket = jinja2.bccache.Bucket(jinja2.Environment(), bytecode.get_cache_key("page.md"), "")
    assert cache_sweep.JINJA.fullmatch(bytecode.pattern % bucket.key)


def test_files_unused_past_the_age_go_and_the_rest_stay(tmp_path: Path) -> None:
    put(tmp_path, "units-0123456789-old.pickle", days_unused=31)
    put(tmp_path, "units-0123456789-old.pickle.overlay", days_unused=31)
    put(tmp_path, "parsed-" + "a" * 64 + "-7.json", days_unused=45)
    put(tmp_path, "jinja/__jinja2_" + "b" * 40 + ".cache", days_unused=60)
    put(tmp_path, "units-9876543210-recent.pickle", days_unused=29)
    put(tmp_path, "stamp-0123456789-pkg.json", days_unused=1)
    put(tmp_path, "rest_pkg-0123456789.json", days_unused=31)  # a stamp as earlier versions named it
    put(tmp_path, "rest_pkg-9876543210.json", days_unused=2)
    swept = sweep(tmp_path, LIMITS, now=NOW)
    assert names(tmp_path) == {
        "units-9876543210-recent.pickle",
        "stamp-0123456789-pkg.json",
        "rest_pkg-9876543210.json",
    }
    assert (swept.removed, swept.freed, swept.size) == (5, 50, 30)


def test_files_not_named_as_apigen_names_its_own_stay_whatever_their_age(tmp_path: Path) -> None:
    """A cache folder set to a folder of other files loses none of them; links are not followed."""
    outside = put(tmp_path / "elsewhere", "units-0123456789-pkg.pickle", days_unused=400)
    cache = tmp_path / "cache"
    foreign = [
        "notes.txt",
        "report-0123456789abcdef.json",  # a digest-like name, but no family of ours
        "units.pickle",
        "units-xyz-pkg.pickle",
        "jinja/template.cache",
        "sub/units-0123456789-pkg.pickle",  # (only the folder itself and `jinja/` are swept)
        # named nearly as ours: another family, no package, digests of another length, dotfiles
        ".proto-notes.txt",
        ".units-config",
        ".stamp-list",
        ".entries-2024.csv",
        ".validated-ok",
        ".units-0123456789-pkg.pickle-abc.tmp",
        "units-0123456789abcdef.json",
        "stamp-deadbeef0.json",
        "rest_pkg-0123456789.json.bak",
        "formatted-0123456789-pkg.pickle",
        "parsed-abcdefabcd.json.overlay",
        "entries-0123456789.pickle",
        "checked-entries-" + "a" * 64 + ".json.overlay",
    ]
    for name in foreign:
        put(cache, name, days_unused=400)
    (cache / "units-1111111111-link.pickle").symlink_to(outside)
    (cache / "proto-2222222222-dir.pickle").mkdir()
    os.utime(cache / "proto-2222222222-dir.pickle", (NOW - 400 * DAY,) * 2)
    swept = sweep(cache, Limits(max_age=DAY, max_size=1), now=NOW)
    assert swept.removed == 0
    assert names(cache) == {*foreign, "units-1111111111-link.pickle"}
    assert outside.read_bytes() == b"x" * 10 and (cache / "proto-2222222222-dir.pickle").is_dir()


def test_past_the_size_the_least_recently_used_go_first(tmp_path: Path) -> None:
    for days, name in [(5, "a"), (3, "b"), (4, "c"), (1, "d")]:
        put(tmp_path, f"units-0123456789-{name}.pickle", days_unused=days, size=100)
    swept = sweep(tmp_path, Limits(max_age=30 * DAY, max_size=250), now=NOW)
    assert names(tmp_path) == {"units-0123456789-b.pickle", "units-0123456789-d.pickle"}
    assert (swept.removed, swept.size) == (2, 200)


def test_files_used_within_the_last_mark_stay_past_the_size(tmp_path: Path) -> None:
    """This run's files and those of a run beside it are never taken for space."""
    put(tmp_path, "units-0123456789-old.pickle", days_unused=2, size=100)
    fresh = MARK_EVERY / 2 / DAY
    put(tmp_path, "units-0123456789-now.pickle", days_unused=fresh, size=100)
    put(tmp_path, "formatted-0123456789.pickle", days_unused=fresh, size=100)
    swept = sweep(tmp_path, Limits(max_age=30 * DAY, max_size=50), now=NOW)
    assert names(tmp_path) == {"units-0123456789-now.pickle", "formatted-0123456789.pickle"}
    assert swept.size == 200


def test_temporary_files_left_by_a_killed_run_go_after_a_day(tmp_path: Path) -> None:
    put(tmp_path, ".units-0123456789-pkg.pickle-k3j2h1x_.tmp", days_unused=2)
    put(tmp_path, ".schema-units-x8y7z6w5", days_unused=2)
    put(tmp_path, "jinja/__jinja2_" + "c" * 40 + ".cacheq1w2e3r4.tmp", days_unused=2)
    writing = put(tmp_path, ".formatted-0123456789.pickle-a1b2c3d4.tmp", days_unused=0.5)
    put(tmp_path, ".bashrc", days_unused=400)
    sweep(tmp_path, LIMITS, now=NOW)
    assert names(tmp_path) == {writing.name, ".bashrc"}


def test_a_file_read_is_marked_used_once_per_mark(tmp_path: Path) -> None:
    path = tmp_path / "units-0123456789-pkg.pickle"
    path.write_bytes(b"x")
    long_ago = time.time() - 10 * DAY
    os.utime(path, (long_ago, long_ago))
    mark_used(path)
    marked = path.stat().st_mtime
    assert time.time() - marked < 60
    recently = time.time() - MARK_EVERY / 2
    os.utime(path, (recently, recently))
    mark_used(path)
    assert path.stat().st_mtime == recently  # marked within the hour: no write
    mark_used(tmp_path / "gone.pickle")  # (a file gone is no error)


@pytest.mark.parametrize(
    ("age", "size", "expected"),
    [
        ("", "", Limits(30 * DAY, 2 * 1024**3)),
        ("7", "500M", Limits(7 * DAY, 500 * 1024**2)),
        (" 90 ", "3g", Limits(90 * DAY, 3 * 1024**3)),
        ("1", "1024", Limits(DAY, 1024)),
        ("1", "64KiB", Limits(DAY, 64 * 1024)),
        ("99999", "2Gi", Limits(99999 * DAY, 2 * 1024**3)),
        ("1", "2 GB", Limits(DAY, 2 * 1024**3)),
    ],
)
def test_limits_from_the_environment(
    age: str, size: str, expected: Limits, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(cache_sweep.MAX_AGE_VAR, age)
    monkeypatch.setenv(cache_sweep.MAX_SIZE_VAR, size)
    assert limits_from_environment() == expected


@pytest.mark.parametrize(
    ("variable", "value"),
    [
        (cache_sweep.MAX_AGE_VAR, "0"),
        (cache_sweep.MAX_AGE_VAR, "-3"),
        (cache_sweep.MAX_AGE_VAR, "two weeks"),
        (cache_sweep.MAX_SIZE_VAR, "lots"),
        (cache_sweep.MAX_SIZE_VAR, "0G"),
        (cache_sweep.MAX_SIZE_VAR, "2X"),
        (cache_sweep.MAX_AGE_VAR, "\u00b2"),  # (a digit to `str.isdigit`, not to `int`)
        (cache_sweep.MAX_AGE_VAR, "9" * 400),
        (cache_sweep.MAX_AGE_VAR, "100000"),
        (cache_sweep.MAX_SIZE_VAR, "9" * 400),
    ],
)
def test_a_bad_limit_is_a_usage_error_naming_the_variable_and_nothing_is_written(
    variable: str,
    value: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    write_specs(tmp_path / "specs")
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    monkeypatch.setenv(variable, value)
    assert main(["generate", "-q", "--config", str(tmp_path / "specs" / "generator.yaml")]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"error: {variable}={value!r}: expected") and "Traceback" not in error
    assert not (tmp_path / "out").exists() and not (tmp_path / "cache").exists()


def test_a_run_names_every_cache_file_as_the_sweep_knows_them_and_keeps_what_it_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every family of cache file a real run (OpenAPI and proto) writes is one the sweep knows
    (a new one it did not would never go). Then, a month later, a change: the run reads its
    caches, which marks them, so the sweep after it leaves them, and the run after the next
    change still reuses them; a project's files that no run reads any more go."""
    cache = tmp_path / "cache"
    monkeypatch.setenv(ENV_VAR, str(cache))
    write_specs(tmp_path / "specs")
    monkeypatch.chdir(tmp_path / "specs")
    config = str(tmp_path / "specs" / "generator.yaml")
    assert main(["generate", "-q", "--config", config]) == 0
    written = names(cache) - {cache_sweep.SWEPT_MARKER}
    # (Jinja's compiled templates go where the first run of the process put them)
    assert len(written) > 8, written
    for name in written:
        pattern = cache_sweep.JINJA if name.startswith("jinja/") else cache_sweep.OURS
        assert pattern.fullmatch(name.removeprefix("jinja/")), name

    month_ago = time.time() - 31 * DAY
    for path in cache.rglob("*"):
        if path.name != cache_sweep.SWEPT_MARKER:  # (the first run swept a moment ago)
            os.utime(path, (month_ago, month_ago))
    given_up = put(cache, "units-0123456789-another_project.pickle", days_unused=0)
    os.utime(given_up, (month_ago, month_ago))
    change(tmp_path / "specs", "field added")
    assert main(["generate", "-q", "--config", config]) == 0
    assert given_up.exists()  # swept within the hour (after the first run): not again yet
    (cache / cache_sweep.SWEPT_MARKER).unlink()
    change(tmp_path / "specs", "operation changed")
    assert main(["generate", "-q", "--config", config]) == 0
    assert not given_up.exists()
    # what a run after a change reads (kept by the folder and package, not by content) stays
    families = ("units-", "proto-", "formatted-", "entries-", "schema-units-", "stamp-")
    lasting = {name for name in written if name.startswith(families)}
    assert len(lasting) >= 7 and lasting <= names(cache), lasting - names(cache)

    change(tmp_path / "specs", "type added")
    again = run(tmp_path / "specs")
    # (every package's stamp covers the whole spec folder: both are rendered again, from caches)
    assert again.stats.units_reused > 40 and again.stats.protos_reused > 0, again


def test_a_sweep_that_removed_files_says_so_unless_quiet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv(ENV_VAR, str(cache))
    write_specs(tmp_path / "specs")
    config = ["--config", str(tmp_path / "specs" / "generator.yaml")]
    for quiet in (["-q"], []):
        given_up = put(
            cache, "units-0123456789-another_project.pickle", days_unused=0, size=3 * 1024**2
        )
        month_ago = time.time() - 31 * DAY
        os.utime(given_up, (month_ago, month_ago))
        (cache / cache_sweep.SWEPT_MARKER).unlink(missing_ok=True)
        capsys.readouterr()
        assert main(["generate", *quiet, *config]) == 0
        assert not given_up.exists()
        said = [line for line in capsys.readouterr().err.splitlines() if line.startswith("cache:")]
        assert said == ([] if quiet else ["cache: removed 1 file (3.0 MB) past its limits"])
