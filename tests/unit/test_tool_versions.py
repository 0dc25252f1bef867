"""The tool versions in cache keys (`code_digest.tool_versions`): each tool's read once a process
however many caches name it, from the name of its `.dist-info` folder where that alone says it,
else through importlib.metadata; either way the version importlib.metadata gives."""

from __future__ import annotations

import importlib.metadata
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator import code_digest

INSTALLED = ("ruff", "grpcio-tools", "protobuf", "googleapis-common-protos", "Jinja2", "types-protobuf")


def _fresh() -> None:
    code_digest.tool_versions.cache_clear()
    code_digest.tool_version.cache_clear()


@pytest.fixture(autouse=True)
def fresh() -> Iterator[None]:
    """Each test reads the versions afresh; none leaves the one of a made-up path behind."""
    _fresh()
    yield
    _fresh()


def test_each_tools_version_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    read: list[str] = []
    found = code_digest._version_from_folder_name

    def counted(name: str) -> str | None:
        read.append(name)
        return found(name)

    monkeypatch.setattr(code_digest, "_version_from_folder_name", counted)
    both = code_digest.tool_versions("ruff", "protobuf")
    version = importlib.metadata.version
    assert code_digest.tool_versions("protobuf") == f"protobuf={version('protobuf')}\n"
    assert both == f"ruff={version('ruff')}\nprotobuf={version('protobuf')}\n"
    assert sorted(read) == ["protobuf", "ruff"]


@pytest.mark.parametrize("tool", INSTALLED)
def test_the_installed_tools_versions_are_read_from_their_folders_names(tool: str) -> None:
    assert code_digest._version_from_folder_name(tool) == importlib.metadata.version(tool)


def _record(folder: Path, name: str, version: str, suffix: str = ".dist-info") -> None:
    record = folder / f"{name}-{version}{suffix}"
    record.mkdir(parents=True)
    meta = "METADATA" if suffix == ".dist-info" else "PKG-INFO"
    (record / meta).write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n")


# sys.path layouts: (what each folder holds, by folder), whether the folder names tell the version
LAYOUTS = {
    "one record": ([[("fake_tool", "1.0", ".dist-info")]], True),
    "the first folder's": ([[("fake_tool", "2.0", ".dist-info")], [("fake_tool", "1.0", ".dist-info")]], True),
    "a folder without it first": ([[("other", "3.0", ".dist-info")], [("fake_tool", "1.5", ".dist-info")]], True),
    "an egg's record first": ([[("fake_tool", "0.9", ".egg-info")], [("fake_tool", "1.0", ".dist-info")]], False),
    "two records in one folder": ([[("fake_tool", "1.0", ".dist-info"), ("fake_tool", "1.1", ".dist-info")]], False),
    "a name spelled otherwise": ([[("Fake.Tool", "1.2", ".dist-info")]], False),
    "a record's suffix in capitals": ([[("fake_tool", "1.3", ".DIST-INFO")], [("fake_tool", "1.0", ".dist-info")]], False),
    "a longer name sharing the start": ([[("fake_tool_extra", "4.0", ".dist-info"), ("fake_tool", "1.0", ".dist-info")]], False),
}  # fmt: skip


@pytest.mark.parametrize("layout", list(LAYOUTS))
def test_a_version_is_the_one_importlib_metadata_finds(
    layout: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where the folder names do not settle it (an egg, two records, a name spelled another way),
    the version is asked of importlib.metadata; either way it is the one it gives."""
    folders, by_name = LAYOUTS[layout]
    paths = []
    for index, records in enumerate(folders):
        folder = tmp_path / f"site{index}"
        folder.mkdir()
        for name, version, suffix in records:
            _record(folder, name, version, suffix)
        paths.append(str(folder))
    monkeypatch.setattr(sys, "path", paths)
    expected = importlib.metadata.version("fake-tool")
    assert (code_digest._version_from_folder_name("fake-tool") is not None) == by_name
    assert code_digest.tool_version("fake-tool") == expected


def test_a_zip_on_the_path_before_the_folders_is_asked_of_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "tools.zip").write_bytes(b"PK\x05\x06" + bytes(18))  # (an empty zip archive)
    _record(tmp_path / "site", "fake_tool", "1.0")
    monkeypatch.setattr(sys, "path", [str(tmp_path / "tools.zip"), str(tmp_path / "site")])
    assert code_digest._version_from_folder_name("fake-tool") is None


def test_an_egg_on_the_path_before_the_folders_is_asked_of_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    egg = tmp_path / "fake_tool-0.9-py3.11.egg"
    (egg / "EGG-INFO").mkdir(parents=True)
    (egg / "EGG-INFO" / "PKG-INFO").write_text("Metadata-Version: 2.1\nName: fake-tool\nVersion: 0.9\n")
    _record(tmp_path / "site", "fake_tool", "1.0")
    monkeypatch.setattr(sys, "path", [str(egg), str(tmp_path / "site")])
    assert code_digest._version_from_folder_name("fake-tool") is None
    assert code_digest.tool_version("fake-tool") == importlib.metadata.version("fake-tool") == "0.9"
