"""Import blocks laid out as a person would (and as isort does): `__future__`, the standard
library, third party, then the package's own (relative) imports, a blank line between groups."""

from __future__ import annotations

import sys


def group_imports(lines: list[str]) -> list[str]:
    """Sort import lines into groups separated by a blank line ("" entries); each group keeps
    the order of `lines`."""
    groups: tuple[list[str], ...] = ([], [], [], [])
    for line in lines:
        groups[_group(line.split()[1])].append(line)
    out: list[str] = []
    for group in groups:
        if group:
            if out:
                out.append("")
            out.extend(group)
    return out


def _group(module: str) -> int:
    if module == "__future__":
        return 0
    if module.startswith("."):
        return 3
    return 1 if module.split(".")[0] in sys.stdlib_module_names else 2
