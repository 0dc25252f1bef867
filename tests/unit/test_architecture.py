"""The import structure the README's architecture map promises, read from the source with `ast`.

Every import counts, wherever it stands (module level, inside a function, under
`TYPE_CHECKING`): an import moved into a function still ties the two modules together.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Mapping
from pathlib import Path

from generator.render.python.http.symbols import strongly_connected  # Tarjan, tested there
from tests.support.paths import REPO

Graph = dict[str, set[str]]

# Where the runtime templates land inside a generated package (see render/python/runtime.py
# and render/python/grpc/package.py): `<package>._runtime` and `<package>._grpc`.
RUNTIME_FOLDERS = {
    "pkg._runtime": REPO / "templates" / "python" / "runtime",
    "pkg._grpc": REPO / "templates" / "python" / "proto_runtime",
}
FRONT_ENDS = ("generator.openapi", "generator.proto")
RENDERER = "generator.render"


def modules_under(folder: Path, package: str) -> dict[str, Path]:
    """{dotted module name: file} for every .py file below `folder`, which is `package`."""
    found = {}
    for path in sorted(folder.rglob("*.py")):
        parts = [package, *path.relative_to(folder).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def imported_names(module: str, path: Path) -> Iterable[str]:
    """Every module name `module` imports (and, for `from x import y`, `x.y` as well)."""
    is_package = path.name == "__init__.py"
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")
                anchor = anchor[: len(anchor) - node.level + (1 if is_package else 0)]
                base = ".".join([*anchor, base] if base else anchor)
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def import_graph(modules: Mapping[str, Path]) -> Graph:
    """Module -> the modules it imports, among `modules`.

    `from pkg import name` is an edge to `pkg.name` when that is a module, else to `pkg`.
    """
    graph: Graph = {}
    for module, path in modules.items():
        targets = set()
        for name in imported_names(module, path):
            if name in modules:
                targets.add(name)
        # `from pkg import sub` names both `pkg` and `pkg.sub`: keep the more precise one
        targets -= {t for t in targets if any(o.startswith(t + ".") for o in targets)}
        targets.discard(module)
        graph[module] = targets
    return graph


def cycles(graph: Graph) -> list[list[str]]:
    """The strongly connected components with more than one module, sorted."""
    nodes = sorted(graph)
    components = strongly_connected(nodes, {node: sorted(graph[node]) for node in nodes})
    return sorted(component for component in components if len(component) > 1)


def reachable(graph: Graph, start: str) -> set[str]:
    seen: set[str] = set()
    todo = [start]
    while todo:
        for target in graph.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen


def generator_graph() -> Graph:
    return import_graph(modules_under(REPO / "generator", "generator"))


def runtime_graph() -> Graph:
    modules: dict[str, Path] = {}
    for package, folder in RUNTIME_FOLDERS.items():
        modules.update(modules_under(folder, package))
    return import_graph(modules)


def within(module: str, packages: Iterable[str]) -> bool:
    return any(module == p or module.startswith(p + ".") for p in packages)


# --- the checker itself ----------------------------------------------------------------------


def test_checker_finds_cycles_through_function_and_type_checking_imports(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "__init__.py").write_text("")
    (tmp_path / "sub" / "__init__.py").write_text("from .b import x\n")
    (tmp_path / "a.py").write_text("def f():\n    from pkg.sub import b\n")
    (tmp_path / "sub" / "b.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..a import f\nx = 1\n"
    )
    (tmp_path / "c.py").write_text("from pkg import a\n")
    graph = import_graph(modules_under(tmp_path, "pkg"))
    assert graph["pkg.a"] == {"pkg.sub.b"}
    assert graph["pkg.sub.b"] == {"pkg.a"}
    assert graph["pkg.sub"] == {"pkg.sub.b"}
    assert cycles(graph) == [["pkg.a", "pkg.sub.b"]]
    assert reachable(graph, "pkg.c") == {"pkg.a", "pkg.sub.b"}


# --- the repository --------------------------------------------------------------------------


def test_generator_has_no_import_cycles() -> None:
    assert cycles(generator_graph()) == []


def test_runtime_templates_have_no_import_cycles() -> None:
    assert cycles(runtime_graph()) == []


def test_renderers_reach_no_front_end() -> None:
    graph = generator_graph()
    leaks = {
        module: sorted(t for t in reachable(graph, module) if within(t, FRONT_ENDS))
        for module in graph
        if within(module, [RENDERER])
    }
    assert {module: found for module, found in leaks.items() if found} == {}


def test_front_ends_reach_no_renderer() -> None:
    graph = generator_graph()
    leaks = {
        module: sorted(t for t in reachable(graph, module) if within(t, [RENDERER]))
        for module in graph
        if within(module, FRONT_ENDS)
    }
    assert {module: found for module, found in leaks.items() if found} == {}
