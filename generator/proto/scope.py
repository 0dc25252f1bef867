"""Resolve type names the way protoc does: relative names search the innermost scope outwards."""

from __future__ import annotations

from collections.abc import Collection


def package_prefixes(packages: Collection[str]) -> frozenset[str]:
    """Every package and each of its parents: `a.b.c` gives `a`, `a.b`, `a.b.c`."""
    out: set[str] = set()
    for package in packages:
        parts = package.split(".") if package else []
        for end in range(1, len(parts) + 1):
            out.add(".".join(parts[:end]))
    return frozenset(out)


def resolve(
    name: str, scope: str, types: Collection[str], packages: Collection[str]
) -> str | None:
    """The full name (no leading dot) that `name`, written inside `scope`, refers to.

    The first component of `name` is looked up from the innermost scope outwards; the first
    scope where it exists (as a type or a package) decides, as in protoc.
    """
    if not name:
        return None
    if name.startswith("."):
        return name[1:] if name[1:] in types else None
    first = name.split(".", 1)[0]
    parts = scope.split(".") if scope else []
    for end in range(len(parts), -1, -1):
        prefix = ".".join(parts[:end])
        head = f"{prefix}.{first}" if prefix else first
        if head in types or head in packages:
            full = f"{prefix}.{name}" if prefix else name
            return full if full in types else None
    return None
