"""`python -m generator` ends its process as soon as the run is done (`generator.__main__`)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.support.paths import REPO

PROTO = 'syntax = "proto3";\npackage acme.v1;\nmessage Item {\n  string name = 1;\n}\n'
# the CLI as `python -m generator` runs it, with an exit handler that says when it runs
RUN_MAIN = (
    "import atexit, runpy, sys\n"
    "atexit.register(print, 'exit handlers ran', file=sys.stderr)\n"
    "runpy.run_module('generator', run_name='__main__', alter_sys=True)\n"
)


def run(*args: str, cwd: Path, watched: bool = False) -> subprocess.CompletedProcess[str]:
    """The CLI as `python -m generator` runs it (`watched`: under a profiler, as cProfile runs it)."""
    script = f"import sys; sys.setprofile(lambda *_: None)\n{RUN_MAIN}" if watched else RUN_MAIN
    return subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=cwd, capture_output=True, text=True, check=False,
        env={"PYTHONPATH": str(REPO), "PATH": str(Path(sys.executable).parent)},
    )  # fmt: skip


def test_the_process_ends_without_its_teardown_and_with_all_it_printed(tmp_path: Path) -> None:
    (tmp_path / "protos" / "acme" / "v1").mkdir(parents=True)
    (tmp_path / "protos" / "acme" / "v1" / "item.proto").write_text(PROTO)
    result = run("ir", "--proto-root", "protos", "--package", "pkg", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "exit handlers ran" not in result.stderr  # (the interpreter's teardown did not run)
    ir = json.loads(result.stdout)  # (all of it: flushed before the process ended)
    assert [t["id"] for t in ir["types"]] == ["acme.v1.Item"]


def test_the_process_ends_with_the_runs_exit_code(tmp_path: Path) -> None:
    result = run("generate", "--proto-root", "missing", "--package", "pkg", "--out", "out", cwd=tmp_path)
    assert result.returncode == 2  # (a usage error)
    assert "missing: no such file or folder" in result.stderr
    assert "exit handlers ran" not in result.stderr


def test_under_a_profiler_the_process_exits_as_usual(tmp_path: Path) -> None:
    """(for the profiler to write what it found at the exit)"""
    result = run("generate", "--proto-root", "missing", "--package", "pkg", "--out", "out", cwd=tmp_path, watched=True)
    assert result.returncode == 2
    assert "exit handlers ran" in result.stderr


def test_a_process_started_with_its_output_streams_closed_ends_as_the_run_did(tmp_path: Path) -> None:
    """(no stream to flush: `sys.stdout` and `sys.stderr` are None)"""
    (tmp_path / "protos" / "acme" / "v1").mkdir(parents=True)
    (tmp_path / "protos" / "acme" / "v1" / "item.proto").write_text(PROTO)
    handler = "atexit.register(print, 'exit handlers ran', file=sys.stderr)"
    assert handler in RUN_MAIN
    script = RUN_MAIN.replace(handler, "atexit.register(lambda: open('handlers', 'w').close())")
    args = "generate --proto-root protos --package pkg --out out -q"
    for closed in (">&-", "2>&-", ">&- 2>&-"):
        result = subprocess.run(
            f"{sys.executable} -c \"{script}\" {args} {closed}",
            shell=True, cwd=tmp_path, capture_output=True, text=True, check=False,
            env={"PYTHONPATH": str(REPO), "PATH": str(Path(sys.executable).parent)},
        )  # fmt: skip
        assert result.returncode == 0, (closed, result.stderr)
        assert (tmp_path / "out" / "python" / "pkg").is_dir()
        assert not (tmp_path / "handlers").exists()
