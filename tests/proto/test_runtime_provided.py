"""Which google/... protos the installed runtime provides stubs for: looked up on disk once a
process per file (a run asks it of each file several times)."""

from __future__ import annotations

from pathlib import Path

import google
import pytest

from generator.proto.compile import runtime_provided


def test_each_file_is_looked_up_on_disk_once(monkeypatch: pytest.MonkeyPatch) -> None:
    getattr(runtime_provided, "cache_clear", lambda: None)()
    looked: list[Path] = []
    is_file = Path.is_file

    def counted(path: Path) -> bool:
        looked.append(path)
        return is_file(path)

    monkeypatch.setattr(Path, "is_file", counted)
    for _ in range(3):
        assert runtime_provided("google/protobuf/empty.proto")
        assert not runtime_provided("google/example/v1/not_installed.proto")
        assert not runtime_provided("acme/shop/v1/shop.proto")  # (not google/...: no lookup)
    # empty.proto is found in the first place that has it; the other is looked for in every one
    assert 1 + len(google.__path__) >= len(looked) >= 2
    assert {path.name for path in looked} == {"empty_pb2.py", "not_installed_pb2.py"}
