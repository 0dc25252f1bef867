"""The tool versions in cache keys: read from `.dist-info` folder names, as the library reads them."""

from __future__ import annotations

import importlib.metadata
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import code_digest
from generator.code_digest import tool_version


@pytest.fixture
def fresh_lookup() -> Iterator[None]:
    code_digest._dist_info_versions.cache_clear()
    yield
    code_digest._dist_info_versions.cache_clear()


@pytest.mark.usefixtures("fresh_lookup")
def test_the_versions_the_library_gives() -> None:
    for tool in ("ruff", "grpcio-tools", "protobuf", "googleapis-common-protos", "Jinja2", "ruamel.yaml"):
        assert tool_version(tool) == importlib.metadata.version(tool)


@pytest.mark.usefixtures("fresh_lookup")
def test_first_on_the_path_wins_and_other_layouts_ask_the_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, version in ((first, "2.0"), (second, "1.0")):
        info = folder / f"demo_tool-{version}.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: demo-tool\nVersion: {version}\n")
    egg = second / "old_style.egg-info"  # no version in its name: the library reads PKG-INFO
    egg.mkdir()
    (egg / "PKG-INFO").write_text("Metadata-Version: 1.0\nName: old-style\nVersion: 3.1\n")
    monkeypatch.setattr(sys, "path", [str(first), str(tmp_path / "missing"), str(second)])
    assert tool_version("demo-tool") == tool_version("Demo.Tool") == "2.0"
    assert tool_version("old_style") == "3.1"
    with pytest.raises(importlib.metadata.PackageNotFoundError):
        tool_version("not-installed")
