"""Proto names that are Python keywords (found by the fuzz suite, case proto-0-88): a located
error instead of generated code that does not parse (it was reported as an internal error)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cache_location import ENV_VAR
from tests.support.cli import run

PROTO = """syntax = "proto3";
package demo.v1;
message class { string id = 1; }
message Ok { string id = 1; }
service Things {
  rpc def(Ok) returns (Ok);
}
"""


def test_keyword_names_are_located_errors(tmp_path: Path) -> None:
    root = tmp_path / "protos"
    (root / "demo").mkdir(parents=True)
    (root / "demo" / "things.proto").write_text(PROTO)
    result = run("generate", "--proto-root", str(root), "--package", "kw", "--out", str(tmp_path / "out"), "--no-cache")
    assert result.returncode == 1, result.stderr
    assert "demo/things.proto:3:1: error: 'demo.v1.class': 'class' is a Python keyword" in result.stderr
    assert "'demo.v1.Things.def': 'def' is a Python keyword" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "out").exists()


def test_keyword_names_after_a_cached_run_are_the_same_located_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A regeneration that takes the other files from the proto cache (IR assembled from its
    per-file units) finds keyword names as a cold run does: the same located errors."""
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "cache"))
    root = tmp_path / "protos"
    (root / "demo").mkdir(parents=True)
    (root / "demo" / "other.proto").write_text('syntax = "proto3";\npackage demo.v2;\nmessage Kept { string id = 1; }\n')
    fine = PROTO.replace("message class", "message Klass").replace("rpc def", "rpc Define")
    (root / "demo" / "things.proto").write_text(fine)
    out = tmp_path / "out"
    first = run("generate", "--proto-root", str(root), "--package", "kw", "--out", str(out), "-q")
    assert first.returncode == 0, first.stderr
    (root / "demo" / "things.proto").write_text(PROTO)
    result = run("generate", "--proto-root", str(root), "--package", "kw", "--out", str(out), "-q")
    assert result.returncode == 1, result.stderr
    assert "demo/things.proto:3:1: error: 'demo.v1.class': 'class' is a Python keyword" in result.stderr
    assert "'demo.v1.Things.def': 'def' is a Python keyword" in result.stderr
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
