"""Loading limits: alias bombs, deep nesting, bytes that are not UTF-8, a folder given as the spec.

Each is a located error (file:line:column), exit code 1, no traceback, and it is quick: the
command-line cases run under a timeout so that a regression fails instead of hanging.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.diagnostics import Diagnostics, SpecError
from generator.openapi.front_end import load_openapi
from generator.openapi.parse import MAX_EXPANDED_VALUES, MAX_NESTING, ParseError, parse_bytes
from tests.support.paths import REPO

HEADER = 'openapi: 3.1.0\ninfo: {title: T, version: "1"}\npaths: {}\n'


def alias_bomb() -> str:
    """Nine levels of nine aliases each: about 400 bytes, 387 million strings written out."""
    lines = [HEADER + "x-bomb:", '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    previous = "a"
    for name in "bcdefghi":
        lines.append(f"  {name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
        previous = name
    return "\n".join(lines) + "\n"


def generate(tmp_path: Path, spec: Path) -> subprocess.CompletedProcess[str]:
    out = tmp_path / "out"
    result = subprocess.run(
        [sys.executable, "-m", "generator", "generate", "--openapi", str(spec), "--package", "pkg",
         "--out", str(out), "--no-cache"],
        cwd=REPO, capture_output=True, text=True, check=False, timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    assert not out.exists(), "output written for a refused spec"
    return result


def test_alias_bomb_is_refused_quickly(tmp_path: Path) -> None:
    spec = tmp_path / "bomb.yaml"
    spec.write_text(alias_bomb())
    assert len(spec.read_bytes()) < 700
    result = generate(tmp_path, spec)
    assert result.returncode == 1
    assert "bomb.yaml:1:1" in result.stderr
    assert "MAX_EXPANDED_VALUES" in result.stderr


def test_json_nested_100k_deep_is_located(tmp_path: Path) -> None:
    spec = tmp_path / "deep.json"
    spec.write_bytes(b'{"openapi": "3.1.0",\n "x-deep": ' + b"[" * 100_000 + b"]" * 100_000 + b"}")
    result = generate(tmp_path, spec)
    assert result.returncode == 1
    assert f"deep.json:2:{11 + MAX_NESTING}: error: nested more than {MAX_NESTING} levels" in result.stderr


def test_directory_given_as_the_spec(tmp_path: Path) -> None:
    folder = tmp_path / "specs.yaml"
    folder.mkdir()
    result = generate(tmp_path, folder)
    assert result.returncode == 1
    assert "is a directory" in result.stderr and "not found" not in result.stderr


def test_ref_to_a_directory(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    spec = tmp_path / "api.yaml"
    spec.write_text(HEADER + "components:\n  schemas:\n    A: {$ref: 'schemas#/A'}\n")
    with pytest.raises(SpecError, match="is a directory"):
        load_openapi(spec, "pkg", Diagnostics(), cache_dir=None)


def located(data: bytes, suffix: str) -> tuple[str, int, int]:
    with pytest.raises(ParseError) as caught:
        parse_bytes(data, suffix)
    return caught.value.message, caught.value.line, caught.value.column


def nested_json(depth: int) -> bytes:
    return b"[" * depth + b"]" * depth


def nested_yaml(depth: int) -> bytes:
    """Block mappings, `depth` containers deep (the top level counts)."""
    lines = [f"{'  ' * level}k{level}:" for level in range(depth - 1)]
    return ("\n".join(lines) + f"\n{'  ' * (depth - 1)}leaf: 1\n").encode()


def test_nesting_up_to_the_limit_is_read() -> None:
    assert parse_bytes(nested_json(MAX_NESTING), ".json") is not None
    assert parse_bytes(nested_yaml(MAX_NESTING), ".yaml") is not None


def test_nesting_past_the_limit_is_located() -> None:
    assert located(nested_json(MAX_NESTING + 1), ".json") == (
        f"nested more than {MAX_NESTING} levels deep (MAX_NESTING)", 1, MAX_NESTING + 1
    )
    message, line, column = located(nested_yaml(MAX_NESTING + 1), ".yaml")
    assert "MAX_NESTING" in message
    assert (line, column) == (MAX_NESTING + 1, 2 * MAX_NESTING + 1)  # the innermost mapping


def test_aliases_within_the_limit_are_fine_and_stay_shared() -> None:
    document = parse_bytes(b"a: &a {x: [1, 2]}\nb: *a\nc: *a\n", ".yaml")
    assert document == {"a": {"x": [1, 2]}, "b": {"x": [1, 2]}, "c": {"x": [1, 2]}}


def test_aliases_nesting_past_the_limit_through_anchors() -> None:
    half = MAX_NESTING // 2 + 1
    text = f"a: &a {'[' * half}1{']' * half}\nb: &b {'[' * half}*a{']' * half}\n"
    assert "MAX_NESTING" in located(text.encode(), ".yaml")[0]


def test_alias_to_its_own_container() -> None:
    message, line, column = located(b"top:\n  a: &a [1, *a]\n", ".yaml")
    assert "alias refers to a container it is inside of" in message
    assert (line, column) == (2, 6)


def test_expansion_limit_is_a_count_of_values() -> None:
    wide = "[" + ",".join(["1"] * 1000) + "]"
    uses = MAX_EXPANDED_VALUES // 1000 + 1
    text = f"a: &a {wide}\nb: [" + ",".join(["*a"] * uses) + "]\n"
    assert "MAX_EXPANDED_VALUES" in located(text.encode(), ".yaml")[0]


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_bytes_that_are_not_utf8_are_located(suffix: str) -> None:
    data = b'{"openapi": "3.1.0",\n "info": {"title": "caf\xe9"}}'
    message, line, column = located(data, suffix)
    assert message.startswith("not UTF-8 text: byte 0xe9")
    assert (line, column) == (2, 24)


def test_a_control_character_is_not_called_a_utf8_problem() -> None:
    message, line, column = located(b'a: 1\nb: "x\x01"\n', ".yaml")
    assert message == "invalid YAML: character U+0001: control characters are not allowed"
    assert (line, column) == (2, 6)
