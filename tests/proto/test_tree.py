"""One walk of the proto root tells the front end what lies there (`generator.proto.tree`)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from generator.diagnostics import Diagnostics, SpecError
from generator.proto import load_proto
from generator.proto.tree import scan

PROTO = 'syntax = "proto3";\npackage acme.v1;\nmessage Item {\n  string name = 1;\n}\n'


def write(root: Path, name: str, text: str = PROTO) -> None:
    (root / name).parent.mkdir(parents=True, exist_ok=True)
    (root / name).write_text(text)


def test_the_scan_finds_what_rglob_finds_and_tells_files_and_links(tmp_path: Path) -> None:
    root = tmp_path / "root"
    write(root, "a/one.proto")
    write(root, "a/b/two.proto")
    write(root, "a/notes.txt")
    (root / "odd.proto").mkdir()  # a folder so named
    (root / "odd.proto" / "three.proto").write_text(PROTO)
    outside = tmp_path / "outside"
    write(outside, "far.proto")
    found = scan(root)
    assert found.protos == tuple(
        sorted(p.relative_to(root).as_posix() for p in root.rglob("*.proto"))
    )
    assert found.protos == ("a/b/two.proto", "a/one.proto", "odd.proto", "odd.proto/three.proto")
    assert found.not_files == {"odd.proto"} and not found.links
    # links: to a file (a file), to nothing (not one), to a folder (listed, not entered)
    (root / "linked.proto").symlink_to(outside / "far.proto")
    (root / "gone.proto").symlink_to(tmp_path / "nothing.proto")
    (root / "away").symlink_to(outside, target_is_directory=True)
    found = scan(root)
    assert found.links and found.not_files == {"odd.proto", "gone.proto"}
    assert "linked.proto" in found.protos and not any(p.startswith("away/") for p in found.protos)


def test_a_link_deep_in_the_tree_is_seen(tmp_path: Path) -> None:
    root = tmp_path / "root"
    write(root, "a/b/c/one.proto")
    (root / "a" / "b" / "c" / "link.txt").symlink_to(root / "a" / "b" / "c" / "one.proto")
    assert scan(root).links


@pytest.fixture
def scans(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[Any]]:
    """The folders listed from now on (`os.scandir`, which `os.walk` lists with too)."""
    listed: list[Any] = []
    real = os.scandir

    def listing(path: Any = ".") -> Any:
        listed.append(path if isinstance(path, int) else os.fspath(path))  # (or an open folder)
        return real(path)

    monkeypatch.setattr(os, "scandir", listing)
    yield listed


def test_a_run_walks_the_proto_root_once(tmp_path: Path, scans: list[Any]) -> None:
    root = tmp_path / "root"
    write(root, "acme/v1/item.proto")
    load_proto(root, (), "pkg", Diagnostics())
    assert scans.count(str(root)) == 1, scans


def test_a_folder_named_like_a_proto_file_is_refused_as_a_file_not_found(tmp_path: Path) -> None:
    root = tmp_path / "root"
    write(root, "acme/v1/item.proto")
    (root / "acme" / "v1" / "odd.proto").mkdir()
    with pytest.raises(SpecError) as caught:
        load_proto(root, (), "pkg", Diagnostics())
    [problem] = caught.value.problems
    assert problem.location.file == "acme/v1/odd.proto"
    assert "proto file not found under the proto root" in problem.message
