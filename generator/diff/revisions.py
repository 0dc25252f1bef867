"""`REV:path` arguments: the repository tree at a git revision, materialized in a folder.

Like `git show REV:path`, the path is relative to the top of the repository; start it with `./`
or `../` to make it relative to the current folder. The top-level folder holding the path is
extracted whole (`git archive REV -- specs` for `REV:specs/generator.yaml`; the whole tree for a
file at the top), so a configuration finds the spec files it names, and a document the files it
refers to, as they were at that revision.
"""

from __future__ import annotations

import io
import re
import subprocess
import tarfile
from pathlib import Path

from generator.diagnostics import UsageError

_REVISION = re.compile(r"^(?P<rev>[^:\s]+):(?P<path>.+)$")


def split(argument: str) -> tuple[str, str] | None:
    """(REV, path) when `argument` reads `REV:path` and is not itself an existing path."""
    if Path(argument).exists():
        return None
    found = _REVISION.match(argument)
    if found is None:
        return None
    return found["rev"], found["path"]


def materialize(rev: str, path: str, into: Path, cwd: Path | None = None) -> Path:
    """Extract the tree at `rev` into `into`; return where `path` is inside it."""
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd, "not inside a git repository").strip())
    commit = _git(
        ["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"],
        cwd,
        f"{rev!r} is not a git revision",
    ).strip()
    if path.startswith(("./", "../")):
        prefix = _git(["rev-parse", "--show-prefix"], cwd, "not inside a git repository").strip()
        path = (Path(prefix) / path).as_posix()
    parts = Path(path).parts
    subtree = [parts[0]] if len(parts) > 1 and parts[0] not in (".", "..") else []
    archive = subprocess.run(
        ["git", "archive", "--format=tar", commit, "--", *subtree],
        cwd=top,
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        raise UsageError(
            f"git archive {rev} failed: {archive.stderr.decode(errors='replace').strip()}"
        )
    into.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(into, filter="data")
    target = (into / path).resolve()
    if not target.is_relative_to(into.resolve()):
        raise UsageError(f"{rev}:{path}: the path leaves the repository")
    if not target.exists():
        raise UsageError(f"{rev}:{path}: no such file or folder at that revision")
    return target


def _git(args: list[str], cwd: Path | None, problem: str) -> str:
    try:
        result = subprocess.run(
            ["git", *args], cwd=cwd, capture_output=True, text=True, check=False
        )
    except FileNotFoundError as exc:
        raise UsageError("git is not installed: it is needed for REV:path arguments") from exc
    if result.returncode != 0:
        raise UsageError(problem)
    return result.stdout
