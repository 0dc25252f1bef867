"""generated/CHANGES.md: the committed snapshot vs the new IR, stable and readable."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

from generator.diff.report import (
    INTRO,
    _committed_text,
    changes_for_rendered,
    snapshot_text,
    write_changes,
    write_changes_for,
)
from generator.ir import serialize
from generator.ir.model import API, EnumType, EnumValue, Name, Operation, RpcBinding
from tests.support.paths import REPO

COLOUR = EnumType(
    id="demo.Colour",
    name=Name("Colour", ("colour",)),
    values=(
        EnumValue("RED", Name("RED", ("red",)), number=1),
        EnumValue("BLUE", Name("BLUE", ("blue",)), number=2),
    ),
)
PAINT = Operation(
    id="/demo.Paints/Mix",
    name=Name("Mix", ("mix",)),
    group=(Name("Paints", ("paints",)),),
    rpc=RpcBinding(
        service="demo.Paints", method="Mix", request_type="demo.Colour", response_type="demo.Colour"
    ),
)
OLD = API(
    name="paints", title="Paints", version="1", source="proto", operations=(PAINT,), types=(COLOUR,)
)
NEW = replace(
    OLD,
    operations=(),
    types=(
        replace(
            COLOUR, values=(*COLOUR.values, EnumValue("GREEN", Name("GREEN", ("green",)), number=3))
        ),
    ),
)

EXPECTED = f"""\
# API changes

{INTRO}

**1 breaking, 1 compatible** (2 changes); suggested version bump: **major**.

## `paints`

### `demo.Paints`

- **breaking**: rpc `/demo.Paints/Mix` (`gRPC only`) removed — Python: `client.demo.paints.mix(...)`

### Types

- compatible (minor): enum `demo.Colour` gained value `GREEN` — Python: `Colour`
"""


def test_report_against_the_snapshot(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    snapshot = out / "ir" / "paints.json"
    snapshot.parent.mkdir(parents=True)
    snapshot.write_text(serialize.dumps(OLD), encoding="utf-8")
    write_changes(snapshot, NEW, out / "CHANGES.md")
    text = (out / "CHANGES.md").read_text(encoding="utf-8")
    assert text == EXPECTED
    write_changes(snapshot, NEW, out / "CHANGES.md")
    assert (out / "CHANGES.md").read_text(encoding="utf-8") == text  # same bytes every run
    assert sorted(p.name for p in out.iterdir()) == ["CHANGES.md", "ir"]  # no temporary left


def test_no_snapshot_yet(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    write_changes(out / "ir" / "paints.json", NEW, out / "CHANGES.md")
    assert (out / "CHANGES.md").read_text(encoding="utf-8") == (
        f"# API changes\n\n{INTRO}\n\nNothing to compare with yet.\n\n## `paints`\n\n"
        "No IR snapshot at `ir/paints.json` yet, so nothing to compare with: this is the first "
        "generation of this package. The next run reports changes against it.\n"
    )
    assert str(tmp_path) not in (out / "CHANGES.md").read_text(encoding="utf-8")


def test_several_packages_unreadable_and_unchanged(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    (out / "ir").mkdir(parents=True)
    (out / "ir" / "paints.json").write_text(serialize.dumps(OLD), encoding="utf-8")
    (out / "ir" / "same.json").write_text(
        serialize.dumps(replace(OLD, name="same")), encoding="utf-8"
    )
    (out / "ir" / "odd.json").write_text(
        '{"name": "odd", "operations": [{"unknown": 1}]}', encoding="utf-8"
    )
    write_changes_for(
        [
            (out / "ir" / "same.json", replace(OLD, name="same")),
            (out / "ir" / "paints.json", NEW),
            (out / "ir" / "odd.json", replace(NEW, name="odd")),
        ],
        out / "CHANGES.md",
    )
    text = (out / "CHANGES.md").read_text(encoding="utf-8")
    sections = text.split("\n## ")
    assert [s.split("\n", 1)[0] for s in sections[1:]] == ["`odd`", "`paints`", "`same`"]
    assert "The IR snapshot at `ir/odd.json` could not be read" in sections[1]
    assert sections[2].startswith(
        "`paints`\n\n**1 breaking, 1 compatible** (2 changes); suggested version bump: **major**."
    )
    assert sections[3] == "`same`\n\nNo changes.\n"


def test_pipeline_hook_reads_the_rendered_snapshots(tmp_path: Path) -> None:
    out = tmp_path / "generated"  # not in a git work tree: the snapshot on disk is the baseline
    assert _committed_text(out / "ir" / "paints.json") == (False, None)
    (out / "ir").mkdir(parents=True)
    (out / "ir" / "paints.json").write_text(serialize.dumps(OLD), encoding="utf-8")
    rendered = {
        "ir/paints.json": serialize.dumps(NEW),
        "python/paints/paints/__init__.py": "",
        "docs/paints/index.md": "# Paints\n",
    }
    assert changes_for_rendered(out, rendered) == EXPECTED


def test_baseline_is_the_committed_snapshot() -> None:
    listed = subprocess.run(
        ["git", "ls-files", "generated/ir"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    key = sorted(name for name in listed if name.endswith(".json"))[0].removeprefix("generated/")
    committed = subprocess.run(
        ["git", "show", f"HEAD:generated/{key}"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert snapshot_text(REPO / "generated" / key) == committed
    assert snapshot_text(REPO / "generated" / "ir" / "never-committed.json") is None
    assert _committed_text(REPO / "generated" / key) == (True, committed)
    text = changes_for_rendered(REPO / "generated", {key: committed})
    name = serialize.loads(committed).name
    assert text.endswith(f"No API changes.\n\n## `{name}`\n\nNo changes.\n")
