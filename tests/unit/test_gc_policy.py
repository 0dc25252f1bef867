"""A generation run puts off collections of the whole heap, and gives the policy back after."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from generator import cli


def test_a_run_puts_off_full_collections_and_restores_the_thresholds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[int, int, int]] = []
    monkeypatch.setattr(cli, "_run", lambda *_: seen.append(gc.get_threshold()) or 0)
    before = gc.get_threshold()
    (tmp_path / "a.proto").write_text('syntax = "proto3";\n')
    assert cli.main(["generate", "--proto-root", str(tmp_path), "--package", "p", "--out", str(tmp_path / "o")]) == 0
    assert seen == [(before[0], before[1], cli.FULL_COLLECTION_AFTER)]
    assert gc.get_threshold() == before
