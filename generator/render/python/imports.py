"""Import blocks laid out as a person would: standard library, third party, then the package."""

from __future__ import annotations

_THIRD_PARTY = ("pydantic", "httpx2")


def group_imports(lines: list[str]) -> list[str]:
    """Sort import lines into three groups separated by a blank line ("" entries)."""
    stdlib: list[str] = []
    third: list[str] = []
    local: list[str] = []
    for line in lines:
        module = line.split()[1]
        if module.startswith("."):
            local.append(line)
        elif module.split(".")[0] in _THIRD_PARTY:
            third.append(line)
        else:
            stdlib.append(line)
    out: list[str] = []
    for group in (stdlib, third, local):
        if group:
            if out:
                out.append("")
            out.extend(group)
    return out
