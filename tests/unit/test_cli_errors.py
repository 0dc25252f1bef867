"""Bad input: a located message, exit code 1 or 2, no traceback, the output folder untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import GOOD, generate_broken, prepared_output, run, snapshot


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return prepared_output(tmp_path)


def test_missing_ref(tmp_path: Path, out: Path) -> None:
    result = generate_broken(tmp_path, out, GOOD.replace("#/components/schemas/Thing", "#/components/schemas/Nope"))
    assert result.returncode == 1
    assert "bad.yaml" in result.stderr
    assert "/paths/~1things/get/responses/200/content/application~1json/schema" in result.stderr
    assert "Nope" in result.stderr


def test_missing_external_file(tmp_path: Path, out: Path) -> None:
    result = generate_broken(tmp_path, out, GOOD.replace("'#/components/schemas/Thing'", "'gone.yaml#/Thing'"))
    assert result.returncode == 1
    assert "gone.yaml" in result.stderr


def test_circular_ref(tmp_path: Path, out: Path) -> None:
    text = GOOD + "    A: {$ref: '#/components/schemas/B'}\n    B: {$ref: '#/components/schemas/A'}\n"
    result = generate_broken(tmp_path, out, text)
    assert result.returncode == 1
    assert "circular" in result.stderr.lower()
    assert "/components/schemas/A" in result.stderr or "/components/schemas/B" in result.stderr


def test_yaml_syntax_error_has_line(tmp_path: Path, out: Path) -> None:
    text = GOOD.replace("info: {title: T, version: '1'}", "info: {title: T, version: '1'\n  bad: [")
    result = generate_broken(tmp_path, out, text)
    assert result.returncode == 1
    assert "bad.yaml:" in result.stderr
    line = result.stderr.split("bad.yaml:")[1].split(":")[0]
    assert line.isdigit(), result.stderr


@pytest.mark.parametrize("name", ["Bad-Name", "1pkg", "class", "../x", "pkg name"])
def test_invalid_package_name_is_a_usage_error(tmp_path: Path, out: Path, name: str) -> None:
    spec = tmp_path / "good.yaml"
    before = snapshot(out)
    result = run("generate", "--openapi", str(spec), "--package", name, "--out", str(out))
    assert result.returncode == 2
    assert "invalid package name" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(out) == before


def test_unknown_option_and_missing_file_are_usage_errors(tmp_path: Path) -> None:
    assert run("generate", "--bogus").returncode == 2
    result = run("generate", "--openapi", str(tmp_path / "nope.yaml"), "--package", "p", "--out", str(tmp_path))
    assert result.returncode == 2
    assert "nope.yaml" in result.stderr


def test_strict_turns_warnings_into_errors(tmp_path: Path, out: Path) -> None:
    # a duplicate `required` entry: a warning normally, an error with --strict
    text = GOOD.replace("        id: {type: string}\n", "        id: {type: string}\n      required: [id, id]\n")
    spec = tmp_path / "dup.yaml"
    spec.write_text(text)
    relaxed = run("generate", "--openapi", str(spec), "--package", "pkg", "--out", str(out), "--no-cache")
    assert relaxed.returncode == 0
    assert "warning" in relaxed.stderr
    before = snapshot(out)
    strict = run("generate", "--openapi", str(spec), "--package", "pkg", "--out", str(out), "--strict", "--no-cache")
    assert strict.returncode == 1
    assert "dup.yaml" in strict.stderr
    assert snapshot(out) == before


def test_help_for_every_command() -> None:
    for command in ("generate", "check", "ir"):
        result = run(command, "--help")
        assert result.returncode == 0
        assert "--openapi" in result.stdout


def test_ir_picks_one_api_of_a_bundle() -> None:
    result = run("ir", "--package", "ai_studio.openai", "-q")
    assert result.returncode == 0
    assert '"name": "ai_studio.openai"' in result.stdout
    for args in (("ir", "--package", "ai_studio"), ("ir",)):
        refused = run(*args)
        assert refused.returncode == 2
        assert "ai_studio.openai, ai_studio.native" in refused.stderr
        assert "Traceback" not in refused.stderr


def test_options_that_would_be_ignored_are_refused() -> None:
    for args in (("generate", "--package", "ai_studio"), ("check", "--proto", "x.proto")):
        result = run(*args)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr
