"""Functional tests: generate a client from an inline spec, import it, call a real local server."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from generator.cli import main
from tests.support.http_server import LocalServer

Generate = Callable[..., ModuleType]


@pytest.fixture
def server() -> Iterator[LocalServer]:
    with LocalServer() as running:
        yield running


@pytest.fixture
def generate(tmp_path: Path) -> Iterator[Generate]:
    """Write the spec (a dict or YAML text, plus extra files), run the CLI, import the package."""
    added: list[str] = []

    def run(spec: dict[str, Any] | str, package: str, files: dict[str, str] | None = None) -> ModuleType:
        spec_dir = tmp_path / "specs"
        spec_dir.mkdir(exist_ok=True)
        for name, text in (files or {}).items():
            (spec_dir / name).write_text(text)
        spec_path = spec_dir / "api.yaml"
        spec_path.write_text(spec if isinstance(spec, str) else yaml.safe_dump(spec, sort_keys=False))
        out = tmp_path / "out"
        code = main(["generate", "--openapi", str(spec_path), "--package", package, "--out", str(out), "-q", "--no-cache"])
        assert code == 0, f"generation failed with exit code {code}"
        root = str(out / "python" / package)
        sys.path.insert(0, root)
        added.append(package)
        return importlib.import_module(package)

    yield run
    for package in added:
        for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
            del sys.modules[name]
    sys.path[:] = [p for p in sys.path if not p.startswith(str(tmp_path))]
