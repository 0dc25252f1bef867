"""A change list as JSON (`diff --format json`):

    {"changes": [{"kind", "path", "breaking", "message", "level", "api", "group", "python"}, ...],
     "summary": {"breaking": N, "compatible": M, "bump": "major" | "minor" | "patch" | "none"}}

`kind` is one of `generator.diff.changes.KINDS`; `path` a JSON pointer into the IR (operations
and types by id); `level` the semver part the change needs; `group` the service or resource.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from generator.diff.changes import Change, bump, ordered


def to_data(changes: Iterable[Change]) -> dict[str, Any]:
    listed = ordered(changes)
    breaking = sum(1 for c in listed if c.breaking)
    return {
        "changes": [
            {
                "kind": c.kind,
                "path": c.path,
                "breaking": c.breaking,
                "message": c.message,
                "level": c.level,
                "api": c.api,
                "group": c.group,
                "python": c.python,
            }
            for c in listed
        ],
        "summary": {
            "breaking": breaking,
            "compatible": len(listed) - breaking,
            "bump": bump(listed),
        },
    }


def render(changes: Iterable[Change]) -> str:
    return json.dumps(to_data(changes), indent=2, ensure_ascii=False) + "\n"
