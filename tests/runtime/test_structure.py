"""The runtime templates import each other in one direction (no cycles, even for type checking)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TEMPLATES = Path(__file__).resolve().parents[2] / "templates" / "python"


def sibling_imports(folder: Path) -> dict[str, set[str]]:
    """module -> the modules of the same folder it imports (`from ._x import ...`, any depth)."""
    graph: dict[str, set[str]] = {}
    for path in sorted(folder.glob("*.py")):
        targets: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module:
                targets.add(node.module.split(".")[0])
        graph[path.stem] = targets
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> list[str] | None:
        state[node] = 1
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                return [*path, node, target]
            if target not in state and (cycle := visit(target, [*path, node])):
                return cycle
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start, [])):
            return cycle
    return None


@pytest.mark.parametrize("folder", ["runtime", "proto_runtime"])
def test_no_import_cycles(folder: str) -> None:
    graph = sibling_imports(TEMPLATES / folder)
    assert "_base_client" not in graph.get("_pagination", set()) or folder != "runtime"
    assert find_cycle(graph) is None, find_cycle(graph)


def test_the_cycle_finder_finds_cycles() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None
