"""The runtime a generated package carries: `templates/python/runtime/`, sync twins derived.

Each runtime template is copied as it is, except that its async code marked for `unasync` is
preceded by the sync twin derived from it (see `generator/render/python/unasync.py`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from generator.render.python.unasync import expand
from generator.render.templates import TEMPLATES

RUNTIME_SOURCE = TEMPLATES / "python" / "runtime"


@lru_cache(maxsize=1)
def _load() -> tuple[tuple[str, str], ...]:
    files = []
    for path in sorted(RUNTIME_SOURCE.glob("*.py")):
        files.append((f"_runtime/{path.name}", runtime_source(path)))
    return tuple(sorted(files))


def runtime_files() -> dict[str, str]:
    """{path relative to the package folder: text} for the `_runtime` subpackage."""
    return dict(_load())


def runtime_source(path: Path) -> str:
    """The text a runtime template `path` becomes in a package: its sync twins derived."""
    return expand(path.read_text(encoding="utf-8"), str(path.relative_to(TEMPLATES.parent)))
