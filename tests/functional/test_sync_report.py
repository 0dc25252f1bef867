"""Keeping bindings in sync: the change report names the Python surface and suggests the next version."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main

SPEC = """\
openapi: 3.1.0
info: {title: Tasks, version: 1.0.0}
paths:
  /tasks/{task_id}:
    get:
      operationId: getTask
      tags: [tasks]
      parameters: [{name: task_id, in: path, required: true, schema: {type: string}}]
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Task'}}}}
components:
  schemas:
    Task:
      type: object
      properties:
        task_title: {type: string}
"""


def test_change_report_names_python_calls_and_the_next_version(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "api.yaml").write_text(SPEC)
    config = tmp_path / "generator.yaml"
    config.write_text("output: out\npackages:\n  - {name: tasks, openapi: api.yaml, version: 1.4.0}\n")
    assert main(["generate", "--config", str(config), "-q", "--no-cache"]) == 0
    old_spec = tmp_path / "old.yaml"
    old_spec.write_text(SPEC)
    (tmp_path / "api.yaml").write_text(SPEC.replace("getTask", "fetchTask").replace("task_title:", "title:"))
    assert main(["generate", "--config", str(config), "-q", "--no-cache"]) == 0
    report = (tmp_path / "out" / "CHANGES.md").read_text()
    assert "operation `getTask` (`GET /tasks/{task_id}`) removed — Python: `client.tasks.get(...)`" in report
    assert "operation `fetchTask` (`GET /tasks/{task_id}`) added — Python: `client.tasks.fetch(...)`" in report
    assert "field `Task.task_title` removed — Python: `Task.task_title`" in report
    assert "Version: `1.4.0` now; suggested next: **`2.0.0`**" in report

    # the same report on the command line; --fail-on-breaking (`make api-diff FAIL=1`) exits 1
    args = ["diff", str(old_spec), str(tmp_path / "api.yaml"), "-q"]
    assert main(args) == 0
    assert "`client.tasks.fetch(...)`" in capsys.readouterr().out
    assert main([*args, "--fail-on-breaking"]) == 1
    assert "breaking API change" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("current", "level", "expected"),
    [("1.4.2", "major", "2.0.0"), ("1.4.2", "minor", "1.5.0"), ("1.4.2", "patch", "1.4.3"),
     ("0.3.1", "major", "0.4.0"), ("2.0.0rc1", "patch", "2.0.1"), ("1.0.0", "none", "1.0.0")],
)
def test_next_version(current: str, level: str, expected: str) -> None:
    from generator.diff.changes import next_version

    assert next_version(current, level) == expected  # type: ignore[arg-type]
