"""`check` passes on a fresh generation and fails, naming the file, after a hand edit."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from tests.support.paths import REPO


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        cwd=cwd, capture_output=True, text=True, check=False,
        env={"PYTHONPATH": str(REPO), "PATH": str(Path(sys.executable).parent)},
    )


def test_check_detects_a_hand_edited_file(tmp_path: Path) -> None:
    shutil.copytree(REPO / "specs" / "openapi", tmp_path / "specs" / "openapi")
    config = tmp_path / "specs" / "generator.yaml"
    config.write_text(
        "output: ../generated\n"
        "packages:\n"
        "  - name: studio\n"
        "    openapi: openapi/ai_studio.yaml\n"
    )
    assert run("generate", "-q", cwd=tmp_path).returncode == 0
    assert run("check", "-q", "--no-cache", cwd=tmp_path).returncode == 0

    edited = tmp_path / "generated" / "python" / "studio" / "studio" / "_client.py"
    edited.write_text(edited.read_text() + "\n# a local tweak\n")
    result = run("check", "--no-cache", cwd=tmp_path)
    assert result.returncode == 1
    assert "stale:   python/studio/studio/_client.py" in result.stderr

    extra = tmp_path / "generated" / "docs" / "studio" / "notes.md"
    extra.write_text("hand-written\n")
    result = run("check", cwd=tmp_path)  # with the cache: the edit must still be seen
    assert result.returncode == 1
    assert "extra:   docs/studio/notes.md" in result.stderr

    assert run("generate", "-q", cwd=tmp_path).returncode == 0
    assert run("check", "-q", cwd=tmp_path).returncode == 0
    assert not extra.exists()

    # a package that is no longer configured is reported, then removed by the next generation
    orphan = tmp_path / "generated" / "python" / "old_package"
    orphan.mkdir()
    (orphan / "client.py").write_text("x = 1\n")
    config.write_text(config.read_text() + "\n")  # any configuration change regenerates
    result = run("check", cwd=tmp_path)
    assert result.returncode == 1
    assert "extra:   python/old_package" in result.stderr
    assert run("generate", "-q", cwd=tmp_path).returncode == 0
    assert not orphan.exists()


def test_generation_is_byte_identical(tmp_path: Path) -> None:
    spec = REPO / "specs" / "openapi" / "ai_studio.yaml"
    trees = []
    for name in ("a", "b"):
        out = tmp_path / name
        assert run("generate", "--openapi", str(spec), "--package", "studio", "--out", str(out), "-q", "--no-cache", cwd=tmp_path).returncode == 0
        trees.append({str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()})
    assert trees[0] == trees[1]
