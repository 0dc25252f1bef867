"""Fixtures for the runtime tests: the runtime imported as a package, and a scriptable HTTP server."""

from __future__ import annotations

import importlib
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType, SimpleNamespace

import pytest

from tests.runtime.scripted_server import ScriptedServer

RUNTIME_SOURCE = Path(__file__).resolve().parents[2] / "templates" / "python" / "runtime"
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


@pytest.fixture(scope="session")
def rt(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SimpleNamespace]:
    """The runtime copied as `rtpkg._runtime` (as the renderer does) and imported; its modules."""
    root = tmp_path_factory.mktemp("runtime")
    package = root / "rtpkg"
    shutil.copytree(RUNTIME_SOURCE, package / "_runtime")
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
