"""The change report `make generate` writes: committed IR snapshot(s) vs the new IR, as Markdown.

Call it before the new snapshot replaces the old one. Without a snapshot (a package generated for
the first time) the report says there was nothing to compare with. The text holds no absolute
paths or times, so the same inputs give the same bytes on any machine.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from generator.diagnostics import UsageError
from generator.diff import markdown
from generator.diff.changes import Change
from generator.diff.compare import diff_api
from generator.diff.sources import load_snapshot
from generator.ir.model import API

HEADING = "API changes"
INTRO = (
    "What changed for code using the generated clients since the last IR snapshot "
    "(`ir/<package>.json`), written by `make generate`. **Breaking** changes may stop code "
    "written against the previous client from type-checking or working."
)


def changes_markdown(pairs: Sequence[tuple[Path, API]], base: Path | None = None) -> str:
    """The report for several packages: each as (path of its old snapshot, its new IR).

    Paths in notes are shown relative to `base` (the output folder) when they are inside it.
    """
    changes: list[Change] = []
    notes: dict[str, str] = {}
    for old_ir_path, new_api in pairs:
        shown = _shown(old_ir_path, base)
        if not old_ir_path.is_file():
            notes[new_api.name] = (
                f"No IR snapshot at `{shown}` yet, so nothing to compare with: this is the first "
                "generation of this package. The next run reports changes against it."
            )
            continue
        try:
            old_api = load_snapshot(old_ir_path)
        except UsageError:
            notes[new_api.name] = (
                f"The IR snapshot at `{shown}` could not be read (written by an older generator?), "
                "so nothing was compared."
            )
            continue
        changes.extend(diff_api(old_api, new_api, new_api.name))
    return markdown.render(
        changes, heading=HEADING, intro=INTRO, packages=[api.name for _, api in pairs], notes=notes
    )


def write_changes(old_ir_path: Path, new_api: API, out_path: Path) -> None:
    """Write the report for one package to `out_path` (e.g. `generated/CHANGES.md`)."""
    write_changes_for([(old_ir_path, new_api)], out_path)


def write_changes_for(pairs: Sequence[tuple[Path, API]], out_path: Path) -> None:
    """Write the report for every package to `out_path`, replacing it in one step."""
    text = changes_markdown(pairs, base=out_path.parent)
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
