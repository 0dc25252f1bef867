"""The tool versions in cache keys (`code_digest.tool_versions`): read through importlib.metadata,
each tool's once a process however many caches name it."""

from __future__ import annotations

import importlib.metadata

import pytest

from generator import code_digest


def test_each_tools_metadata_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    for memo in (code_digest.tool_versions, getattr(code_digest, "_version", None)):
        getattr(memo, "cache_clear", lambda: None)()
    read: list[str] = []
    version = importlib.metadata.version

    def counted(name: str) -> str:
        read.append(name)
        return version(name)

    monkeypatch.setattr(importlib.metadata, "version", counted)
    both = code_digest.tool_versions("ruff", "protobuf")
    assert code_digest.tool_versions("protobuf") == f"protobuf={version('protobuf')}\n"
    assert both == f"ruff={version('ruff')}\nprotobuf={version('protobuf')}\n"
    assert sorted(read) == ["protobuf", "ruff"]
