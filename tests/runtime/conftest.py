"""Fixtures for the runtime tests: the runtime imported as a package, and a scriptable HTTP server."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

from generator.render.python.runtime import runtime_files
from tests.runtime.scripted_server import ScriptedServer

RUNTIME_MODULES = (
    "_base_client",
    "_body",
    "_errors",
    "_files",
    "_logging",
    "_models",
    "_pagination",
    "_lines",
    "_query",
    "_response",
    "_receive",
    "_retries",
    "_streaming",
    "_types",
)


def write_runtime(package: Path) -> None:
    """Write the runtime into `package/_runtime/` as the renderer does (sync twins derived)."""
    for relative, text in runtime_files().items():
        (package / relative).parent.mkdir(parents=True, exist_ok=True)
        (package / relative).write_text(text, encoding="utf-8")


@pytest.fixture(scope="session")
def rt(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SimpleNamespace]:
    """The runtime written as `rtpkg._runtime` (by the renderer's own function) and imported."""
    root = tmp_path_factory.mktemp("runtime")
    package = root / "rtpkg"
    write_runtime(package)
    (package / "__init__.py").write_text("")
    sys.path.insert(0, str(root))
    try:
        modules: dict[str, ModuleType] = {"pkg": importlib.import_module("rtpkg._runtime")}
        for name in RUNTIME_MODULES:
            modules[name.lstrip("_")] = importlib.import_module(f"rtpkg._runtime.{name}")
        yield SimpleNamespace(**modules)
    finally:
        sys.path.remove(str(root))


@pytest.fixture
def server() -> Iterator[ScriptedServer]:
    scripted = ScriptedServer()
    scripted.start()
    try:
        yield scripted
    finally:
        scripted.stop()
