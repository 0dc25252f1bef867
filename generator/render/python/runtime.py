"""The runtime a generated package carries: copied verbatim from `templates/python/runtime/`."""

from __future__ import annotations

from functools import lru_cache

from generator.render.templates import TEMPLATES

RUNTIME_SOURCE = TEMPLATES / "python" / "runtime"


@lru_cache(maxsize=1)
def _load() -> tuple[tuple[str, str], ...]:
    files = []
    for path in sorted(RUNTIME_SOURCE.glob("*.py")):
        files.append((f"_runtime/{path.name}", path.read_text(encoding="utf-8")))
    return tuple(sorted(files))


def runtime_files() -> dict[str, str]:
    """{path relative to the package folder: text} for the `_runtime` subpackage."""
    return dict(_load())
