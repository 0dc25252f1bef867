"""Running the generator as users do (`python -m generator` in a subprocess) and proving that a
failed run left the output folder exactly as it was."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.support.paths import REPO
from tests.support.specs import MINIMAL_OPENAPI

GOOD = MINIMAL_OPENAPI


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=REPO, capture_output=True, text=True, check=False
    )


def prepared_output(tmp_path: Path) -> Path:
    """An output folder that already holds a generated package, to prove it is left untouched."""
    spec = tmp_path / "good.yaml"
    spec.write_text(GOOD)
    folder = tmp_path / "out"
    assert run("generate", "--openapi", str(spec), "--package", "pkg", "--out", str(folder), "-q").returncode == 0
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def generate_broken(tmp_path: Path, out: Path, text: str, name: str = "bad.yaml") -> subprocess.CompletedProcess[str]:
    spec = tmp_path / name
    spec.write_text(text)
    before = snapshot(out)
    result = run("generate", "--openapi", str(spec), "--package", "pkg", "--out", str(out), "--no-cache")
    assert snapshot(out) == before, "the output folder changed"
    assert not list(out.glob(".staging-*")), "a staging folder was left behind"
    assert "Traceback" not in result.stderr
    return result
