"""A problem brought in after a cached run is reported as a cold run reports it: the run in a
process of its own (as a user runs it), the changed part checked by the library in that process
(validation by parts, the library imported without requests and pydantic-settings)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator.cache_location import ENV_VAR
from generator.openapi.validation_runner import BACKGROUND_MIN_BYTES

DESCRIPTION = "A value the service keeps for this resource; see the guide for the forms. " * 3
TYPES = 400


def spec_text(types: int = TYPES) -> str:
    lines = ["openapi: 3.0.3", "info: {title: T, version: '1'}", "paths:"]
    for index in range(0, types, 10):
        lines += [
            f"  /things{index}:",
            "    get:",
            f"      operationId: listThings{index}",
            "      responses:",
            "        '200':",
            "          description: OK",
            "          content:",
            "            application/json:",
            f"              schema: {{$ref: '#/components/schemas/Thing{index:04d}'}}",
        ]
    lines += ["components:", "  schemas:"]
    for index in range(types):
        lines += [
            f"    Thing{index:04d}:",
            "      type: object",
            f"      description: '{DESCRIPTION.strip()}'",
            "      properties:",
            "        id: {type: string}",
            f"        count: {{type: integer, description: '{DESCRIPTION.strip()}'}}",
        ]
        if index:
            lines.append(f"        previous: {{$ref: '#/components/schemas/Thing{index - 1:04d}'}}")
    return "\n".join(lines) + "\n"


def generate(folder: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "generator", "generate", "--openapi", "api.yaml"]
    command += ["--package", "things", "--out", "out", "-q", "--strict", *extra]
    env = {**os.environ, ENV_VAR: str(folder / "cache")}
    return subprocess.run(command, cwd=folder, env=env, capture_output=True, text=True, check=False)


def tree(folder: Path) -> dict[str, bytes]:
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in files}


def test_a_problem_brought_in_after_a_cached_run_is_reported_as_cold(tmp_path: Path) -> None:
    text = spec_text()
    assert len(text) >= BACKGROUND_MIN_BYTES  # (validated in a worker, then by parts)
    (tmp_path / "api.yaml").write_text(text)
    first = generate(tmp_path)
    assert first.returncode == 0, first.stderr
    assert list((tmp_path / "cache").glob("validated-parts-*"))  # (what the next run checks by)
    before = tree(tmp_path / "out")

    # a default that is no integer: openapi-spec-validator's finding, an error with --strict
    line = "        count: {type: integer, description: "
    at = text.index(line, text.index("    Thing0123:\n"))
    bad = "        count: {type: integer, default: many, description: "
    edited = text[:at] + bad + text[at + len(line) :]
    (tmp_path / "api.yaml").write_text(edited)
    warm = generate(tmp_path)
    cold = generate(tmp_path, "--no-cache")

    assert warm.returncode == cold.returncode == 1
    assert warm.stderr == cold.stderr
    where = "api.yaml#/components/schemas/Thing0123/properties/count/default"
    assert warm.stderr.splitlines() == [
        f"{where}: error: 'many' is not of type 'integer'",
        "generation stopped; the output folder was not changed",
    ]
    # the warm run checked the changed part by itself (its record an overlay of the store)
    assert list((tmp_path / "cache").glob("validated-parts-*.overlay"))
    assert tree(tmp_path / "out") == before  # (nothing written)


BACKEND = "OPENAPI_SPEC_VALIDATOR_SCHEMA_VALIDATOR_BACKEND"
# unknown keys in a schema and in `components`: jsonschema_rs and jsonschema word them apart
WORDED_APART = """\
openapi: 3.1.0
info: {title: T, version: "1"}
paths: {}
components:
  schemas:
    Item:
      type: object
      properties:
        size: {type: integer, default: big}
    Bad name: {type: object}
  bogus: 3
"""


def test_findings_kept_by_one_validator_backend_are_not_replayed_for_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "api.yaml").write_text(WORDED_APART)
    default = generate(tmp_path)
    assert default.returncode == 1
    monkeypatch.setenv(BACKEND, "jsonschema")  # (the library's setting: its pure-Python backend)
    warm, cold = generate(tmp_path), generate(tmp_path, "--no-cache")
    assert warm.returncode == cold.returncode == 1
    assert warm.stderr == cold.stderr
    assert warm.stderr != default.stderr  # (the two backends word the findings apart)


def test_an_edit_outside_the_parts_is_checked_without_importing_the_library(tmp_path: Path) -> None:
    """Only the title changed: every part's findings are kept, and the whole document's check
    against the meta-schema is jsonschema_rs's alone (`validate.document_findings`)."""
    text = spec_text()
    (tmp_path / "api.yaml").write_text(text)
    assert generate(tmp_path).returncode == 0
    (tmp_path / "api.yaml").write_text(text.replace("info: {title: T,", "info: {title: Things,", 1))
    command = [sys.executable, "-X", "importtime", "-m", "generator", "generate"]
    command += ["--openapi", "api.yaml", "--package", "things", "--out", "out", "-q", "--strict"]
    prefixes = ("OPENAPI_SPEC_VALIDATOR_", "OPENAPI_SCHEMA_VALIDATOR_")
    env = {k: v for k, v in os.environ.items() if not k.upper().startswith(prefixes)}
    env[ENV_VAR] = str(tmp_path / "cache")
    warm = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True, check=False)
    assert warm.returncode == 0, warm.stderr[-2000:]
    imported = {line.rsplit("|", 1)[-1].strip() for line in warm.stderr.splitlines() if "|" in line}
    assert "generator.openapi.validation_parts" in imported  # (checked by parts)
    assert not [name for name in imported if name.startswith("openapi_spec_validator")]

    cold = tmp_path / "cold"
    cold.mkdir()
    (cold / "api.yaml").write_text((tmp_path / "api.yaml").read_text())
    assert generate(cold, "--no-cache").returncode == 0
    assert tree(tmp_path / "out") == tree(cold / "out")
