"""One cache folder, whatever the working folder; `--no-cache` writes nothing at all."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cache_location import ENV_VAR, cache_folder, caching
from tests.support.specs import MINIMAL_OPENAPI

SPEC = MINIMAL_OPENAPI


def test_where_the_cache_is(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "chosen"))
    assert cache_folder() == tmp_path / "chosen"
    monkeypatch.delenv(ENV_VAR)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_folder() == tmp_path / "xdg" / "apigen"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/ignored")  # the XDG spec: only absolute paths
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_folder() == tmp_path / "home" / ".cache" / "apigen"
    with caching(False):
        assert cache_folder() is None
    assert cache_folder() is not None


def generate(work: Path, cache: Path, *extra: str) -> None:
    """Run the generator from `work` (a folder of its own) with its cache in `cache`."""
    (work / "api.yaml").write_text(SPEC)
    env = {**os.environ, ENV_VAR: str(cache)}
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--openapi", "api.yaml", "--package", "pkg",
         "--out", "out", "-q", *extra],
        cwd=work, env=env, capture_output=True, text=True, check=False, timeout=300,
    )
    assert result.returncode == 0, result.stderr


def files_under(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_no_cache_writes_nothing(tmp_path: Path) -> None:
    work, cache = tmp_path / "work", tmp_path / "cache"
    work.mkdir()
    generate(work, cache, "--no-cache")
    assert not cache.exists()
    assert [name for name in files_under(work) if not name.startswith("out/")] == ["api.yaml"]


def test_the_cache_goes_to_its_folder_not_the_working_one(tmp_path: Path) -> None:
    work, cache = tmp_path / "work", tmp_path / "cache"
    work.mkdir()
    generate(work, cache)
    assert not (work / ".cache").exists()
    written = files_under(cache)
    assert any(name.startswith(("parsed-", "entries-")) for name in written)
    assert any(name.startswith("stamp-") and name.endswith("-pkg.json") for name in written)  # the regeneration stamp
