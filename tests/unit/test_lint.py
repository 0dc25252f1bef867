"""`make lint` as tests, so CI runs it: ruff + mypy on the generator, mypy + black on generated packages."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.paths import GENERATED, REPO

PACKAGES = sorted(p for p in (GENERATED / "python").iterdir() if p.is_dir())


def run(*args: str, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True, check=False)


def test_ruff_on_generator_and_tests() -> None:
    result = run("ruff", "check", "--output-format", "concise", "generator", "tests")
    assert result.returncode == 0, result.stdout[-4000:]


def test_mypy_strict_on_generator() -> None:
    result = run("mypy", "generator")
    assert result.returncode == 0, result.stdout[-4000:]


@pytest.mark.parametrize("package", PACKAGES, ids=[p.name for p in PACKAGES])
def test_mypy_strict_on_generated_package(package: Path) -> None:
    result = run("mypy", "--strict", "--no-incremental", "--cache-dir", "/dev/null", package.name, cwd=package)
    assert result.returncode == 0, result.stdout[-4000:]


def test_generated_code_is_black_formatted() -> None:
    result = run(
        "black", "--check", "--quiet", "--line-length", "100", "--target-version", "py311",
        "--extend-exclude", "/_pb/", "python", cwd=GENERATED,
    )
    assert result.returncode == 0, result.stderr[-4000:]
