"""The change report `make generate` writes to `generated/CHANGES.md`: IR snapshot(s) vs new IR.

The baseline of a package is its IR snapshot as committed (`git show HEAD:generated/ir/...`), so
the report describes what the next commit changes for callers and stays the same however often
`make generate` runs before that commit; outside a git work tree it is the snapshot on disk.
Without a baseline (a package generated for the first time) the report says so. The text holds
no absolute paths or times: the same inputs give the same bytes on any machine.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from generator.diff import markdown
from generator.diff.changes import Change
from generator.diff.compare import diff_api
from generator.ir import serialize
from generator.ir.model import API

HEADING = "API changes"
INTRO = (
    "What changed for code using the generated clients since the committed IR snapshots "
    "(`ir/`), written by `make generate`. **Breaking** changes may stop code written against "
    "the previous client from type-checking or working."
)

# (how the snapshot is shown, its text or None when there is none, the new IR)
Baseline = tuple[str, str | None, API]


def changes_for_rendered(
    out: Path,
    rendered: Mapping[str, str],
    *,
    committed: bool = True,
    versions: Mapping[str, str] | None = None,
) -> str:
    """The report for a `generate` run: every IR snapshot among the rendered files (keys
    `ir/....json`, relative to the output folder `out`) against its baseline."""
    baselines: list[Baseline] = []
    for key in sorted(rendered):
        if key.startswith("ir/") and key.endswith(".json"):
            new_api = serialize.loads(rendered[key])
            baselines.append((key, snapshot_text(out / key, committed=committed), new_api))
    return render(baselines, versions)


def changes_markdown(pairs: Sequence[tuple[Path, API]], base: Path | None = None) -> str:
    """The report for packages given as (path of the old snapshot on disk, new IR); paths are
    shown relative to `base` (the output folder) when inside it."""
    baselines: list[Baseline] = []
    for old_ir_path, new_api in pairs:
        text = old_ir_path.read_text(encoding="utf-8") if old_ir_path.is_file() else None
        baselines.append((_shown(old_ir_path, base), text, new_api))
    return render(baselines)


def write_changes(old_ir_path: Path, new_api: API, out_path: Path) -> None:
    """Write the report for one package to `out_path` (e.g. `generated/CHANGES.md`)."""
    write_changes_for([(old_ir_path, new_api)], out_path)


def write_changes_for(pairs: Sequence[tuple[Path, API]], out_path: Path) -> None:
    """Write the report for several packages to `out_path`, replacing it in one step."""
    write_text(out_path, changes_markdown(pairs, base=out_path.parent))


def render(baselines: Sequence[Baseline], versions: Mapping[str, str] | None = None) -> str:
    changes: list[Change] = []
    notes: dict[str, str] = {}
    compared = 0
    for shown, old_text, new_api in baselines:
        if old_text is None:
            notes[new_api.name] = (
                f"No IR snapshot at `{shown}` yet, so nothing to compare with: this is the first "
                "generation of this package. The next run reports changes against it."
            )
            continue
        try:
            old_api = serialize.loads(old_text)
        except (ValueError, TypeError, KeyError, AttributeError):
            notes[new_api.name] = (
                f"The IR snapshot at `{shown}` could not be read (written by an older generator?), "
                "so nothing was compared."
            )
            continue
        changes.extend(diff_api(old_api, new_api, new_api.name))
        compared += 1
    return markdown.render(
        changes,
        heading=HEADING,
        intro=INTRO,
        packages=[api.name for _, _, api in baselines],
        notes=notes,
        headline="" if compared else "Nothing to compare with yet.",
        versions=versions,
    )


def snapshot_text(path: Path, *, committed: bool = True) -> str | None:
    """The snapshot at `path`: as committed at HEAD when `path` is in a git work tree (None when
    not committed yet), else as on disk (None when absent)."""
    if committed:
        in_git, text = _committed_text(path)
        if in_git:
            return text
    return path.read_text(encoding="utf-8") if path.is_file() else None


def _committed_text(path: Path) -> tuple[bool, str | None]:
    """(whether `path` is inside a git work tree, its text at HEAD or None)."""
    folder = path.parent
    while not folder.is_dir():
        folder = folder.parent
    try:
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"],
            cwd=folder,
            capture_output=True,
            text=True,
            check=False,
        )
    except FileNotFoundError:  # no git: the snapshot on disk is the baseline
        return False, None
    if top.returncode != 0:
        return False, None
    try:
        relative = path.resolve().relative_to(Path(top.stdout.strip()).resolve()).as_posix()
    except ValueError:
        return False, None
    shown = subprocess.run(
        ["git", "show", f"HEAD:{relative}"], cwd=folder, capture_output=True, check=False
    )
    return True, (shown.stdout.decode("utf-8") if shown.returncode == 0 else None)


def write_text(out_path: Path, text: str) -> None:
    """Replace `out_path` with `text` in one step (a temporary file beside it, then a rename)."""
    out_path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(
        dir=out_path.parent, prefix=f".{out_path.name}.", suffix=".tmp"
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.replace(temporary, out_path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _shown(path: Path, base: Path | None) -> str:
    if base is not None:
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            pass
    return path.name
