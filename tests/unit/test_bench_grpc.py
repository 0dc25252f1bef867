"""bench/bench_grpc.py measures our gRPC clients as a user builds them, with their defaults (a
600 s deadline on every call), and gives the raw stub the same deadline on every call."""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path

import pytest

from tests.support.imports import imported

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / "bench" / "bench_grpc.py"


def _calls(*names: str) -> list[ast.Call]:
    tree = ast.parse(BENCH.read_text(encoding="utf-8"))
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr in names
    ]


def test_our_clients_are_built_with_their_defaults() -> None:
    built = _calls("Client", "AsyncClient")
    assert len(built) == 4
    for call in built:
        assert "timeout" not in {keyword.arg for keyword in call.keywords}, ast.unparse(call)


def test_the_raw_stub_is_given_the_clients_deadline() -> None:
    raw = _calls("Tokenize", "Completion")
    assert len(raw) == 9
    for call in raw:
        timeout = [
            ast.unparse(keyword.value) for keyword in call.keywords if keyword.arg == "timeout"
        ]
        assert timeout == ["s.timeout"], ast.unparse(call)


def test_the_deadline_is_the_clients_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "path", list(sys.path))  # the bench puts bench/ on the path
    spec = importlib.util.spec_from_file_location("bench_grpc_under_test", BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, bench)
    spec.loader.exec_module(bench)
    with imported(REPO / "generated" / "python" / "ai_studio", "ai_studio"):
        native = importlib.import_module("ai_studio.native")
        assert bench.default_timeout(native.Client) == 600.0
        assert bench.default_timeout(native.AsyncClient) == 600.0
