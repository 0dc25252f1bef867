"""`diff OLD NEW` on the command line: Markdown, JSON, exit codes, git revisions."""

from __future__ import annotations

import copy
import json
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.diff.cli import main
from tests.diff.test_openapi_pairs import BASE, op, schema
from tests.support.paths import REPO


@pytest.fixture
def pair(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """old.yaml and new.yaml in the working folder: one breaking and three compatible changes."""
    new = copy.deepcopy(BASE)
    new["paths"]["/pets/{pet_id}"].pop("delete")
    schema(new, "Species")["enum"].append("bird")
    schema(new, "NewPet")["properties"]["color"] = {"type": "string"}
    op(new, "/pets", "get")["parameters"][0]["schema"] = {"type": "integer", "default": 50}
    (tmp_path / "old.yaml").write_text(yaml.safe_dump(BASE, sort_keys=False), encoding="utf-8")
    (tmp_path / "new.yaml").write_text(yaml.safe_dump(new, sort_keys=False), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return "old.yaml", "new.yaml"


MARKDOWN = """\
# API changes

From `old.yaml` to `new.yaml`.

**1 breaking, 3 compatible** (4 changes); suggested version bump: **major**.

## `api`

### `pets`

- **breaking**: operation `deletePet` (`DELETE /pets/{pet_id}`) removed — Python: `client.pets.delete(...)`
- compatible (minor): `listPets` query parameter `limit` default changed from `20` to `50` — Python: `client.pets.list(...)`

### Types

- compatible (minor): field `NewPet.color` added (optional, in requests) — Python: `NewPet.color`
- compatible (minor): enum `Species` gained value `bird` — Python: `Species`
"""


def test_markdown_report(pair: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", *pair]) == 0
    assert capsys.readouterr().out == MARKDOWN


def test_json_report(pair: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", *pair, "--format", "json", "-q"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [{k: c[k] for k in ("kind", "path", "breaking")} for c in data["changes"]] == [
        {"kind": "operation_removed", "path": "/operations/deletePet", "breaking": True},
        {
            "kind": "parameter_default_changed",
            "path": "/operations/listPets/parameters/query/limit",
            "breaking": False,
        },
        {"kind": "field_added", "path": "/types/NewPet/fields/color", "breaking": False},
        {"kind": "enum_value_added", "path": "/types/Species/values/bird", "breaking": False},
    ]
    assert (
        data["changes"][0]["message"] == "operation `deletePet` (`DELETE /pets/{pet_id}`) removed"
    )
    assert data["summary"] == {"breaking": 1, "compatible": 3, "bump": "major"}


def test_fail_on_breaking(pair: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    old, new = pair
    assert main(["diff", old, new, "--fail-on-breaking"]) == 1
    assert "1 breaking API change" in capsys.readouterr().err
    additions = copy.deepcopy(BASE)
    schema(additions, "Species")["enum"].append("bird")
    Path("additions.yaml").write_text(yaml.safe_dump(additions, sort_keys=False), encoding="utf-8")
    assert main(["diff", old, "additions.yaml", "--fail-on-breaking"]) == 0
    assert "**0 breaking, 1 compatible**" in capsys.readouterr().out
    assert main(["diff", old, old, "--fail-on-breaking"]) == 0
    assert "No API changes." in capsys.readouterr().out


def test_report_to_a_file(pair: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", *pair, "-o", "changes.md"]) == 0
    assert capsys.readouterr().out == ""
    assert Path("changes.md").read_text(encoding="utf-8") == MARKDOWN


def test_usage_and_spec_problems(pair: tuple[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    old, _ = pair
    assert main(["diff", old, "missing.yaml"]) == 2
    assert "missing.yaml: no such file or folder" in capsys.readouterr().err
    assert main(["diff", old]) == 2
    Path("broken.yaml").write_text("openapi: 3.1.0\npaths: [\n", encoding="utf-8")
    assert main(["diff", old, "broken.yaml"]) == 1
    assert "broken.yaml" in capsys.readouterr().err


def test_git_revision_against_an_edited_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(REPO)
    committed = subprocess.run(
        ["git", "show", "HEAD:specs/openapi/ai_studio.yaml"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    spec = yaml.safe_load(committed)
    operation_id, method, path = next(
        (o["operationId"], m, p)
        for p, item in sorted(spec["paths"].items())
        for m, o in sorted(item.items())
        if m == "get"
    )
    del spec["paths"][path][method]
    edited = tmp_path / "ai_studio.yaml"
    edited.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    assert (
        main(["diff", "HEAD:specs/openapi/ai_studio.yaml", str(edited), "--format", "json", "-q"])
        == 0
    )
    data = json.loads(capsys.readouterr().out)
    assert [(c["kind"], c["path"]) for c in data["changes"]] == [
        ("operation_removed", f"/operations/{operation_id}")
    ]
    assert main(["diff", "HEAD:specs/generator.yaml", "HEAD:specs/generator.yaml", "-q"]) == 0
    assert "No API changes." in capsys.readouterr().out


@pytest.mark.parametrize("depth", [600, 5_000])
def test_a_snapshot_nested_too_deeply_is_refused_as_unreadable(
    depth: int, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A type expression nested deeper than the reader goes (the IR's types at 600 levels, JSON
    itself at 5,000) is a file it cannot read: said with the file's name, exit 2, no traceback."""
    snapshot = REPO / "generated" / "ir" / "ai_studio" / "openai.json"
    data = json.loads(snapshot.read_text(encoding="utf-8"))
    typed = next(t for t in data["types"] if t.get("kind") == "object" and t.get("fields"))
    typed["fields"][0]["type"] = "NESTED"
    nested = '{"kind": "list", "items": ' * depth + '{"kind": "primitive", "primitive": "string"}'
    deep = tmp_path / "deep.json"
    deep.write_text(json.dumps(data).replace('"NESTED"', nested + "}" * depth), encoding="utf-8")
    assert main(["diff", str(snapshot), str(deep)]) == 2
    err = capsys.readouterr().err
    assert "deep.json: " in err and "nested too deeply" in err and "Traceback" not in err
