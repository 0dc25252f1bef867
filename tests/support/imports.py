"""Importing a package generated into a temporary folder, and forgetting it afterwards."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType


@contextmanager
def imported(root: Path, package: str) -> Iterator[ModuleType]:
    """`package` imported from `root` (the folder holding it); removed from `sys.modules` and
    `sys.path` on exit, so another test may generate a package of the same name."""
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module(package)
    finally:
        sys.path.remove(str(root))
        for name in [m for m in sys.modules if m == package or m.startswith(package + ".")]:
            del sys.modules[name]
