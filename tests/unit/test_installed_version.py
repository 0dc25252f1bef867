"""`code_digest.installed_version` gives what `importlib.metadata.version` gives, without it."""

from __future__ import annotations

import importlib.metadata
import sys
from pathlib import Path

import pytest

from generator import code_digest

# the tools whose versions go into cache keys, and names spelled unlike their folders
NAMES = ["ruff", "grpcio-tools", "grpcio_tools", "protobuf", "googleapis-common-protos", "Jinja2", "PyYAML"]


@pytest.mark.parametrize("name", NAMES)
def test_same_as_importlib_metadata(name: str) -> None:
    code_digest.installed_version.cache_clear()
    assert code_digest.installed_version(name) == importlib.metadata.version(name)


def test_first_folder_on_the_path_wins_and_headers_end_at_a_blank_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    (first / "My.Tool-9.dist-info").mkdir(parents=True)
    (first / "My.Tool-9.dist-info" / "METADATA").write_text("Name: My.Tool\nVersion: 9.0\n\nVersion: 1\n")
    (second / "my_tool-2.dist-info").mkdir(parents=True)
    (second / "my_tool-2.dist-info" / "METADATA").write_text("Name: my_tool\nVersion: 2.0\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path / "missing"), str(first), str(second)])
    code_digest.installed_version.cache_clear()
    try:
        assert code_digest.installed_version("my-tool") == "9.0" == importlib.metadata.version("my-tool")
    finally:
        code_digest.installed_version.cache_clear()


def test_a_folder_without_a_version_header_is_left_to_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "odd-1.dist-info").mkdir()
    (tmp_path / "odd-1.dist-info" / "METADATA").write_text("Name: odd\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    code_digest.installed_version.cache_clear()
    try:
        assert code_digest.installed_version("odd") == importlib.metadata.version("odd")
    finally:
        code_digest.installed_version.cache_clear()
