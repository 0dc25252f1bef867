"""Large JSON files of the cache folder, written entry by entry and replaced atomically.

`json.dumps` of a whole cache (the formatted text of every file of a large package) would hold a
second copy of it as one string, and the indenting or streaming encoder of the standard library
is pure Python; entry by entry, each string goes through the C encoder and memory stays flat.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def write_json(path: Path, fields: Mapping[str, Any], mappings: Mapping[str, Mapping[str, Any]]) -> None:
    """Write `{**fields, **mappings}` as JSON to `path`; a cache that cannot be written only
    costs time, so failures are ignored."""
    partial = path.with_suffix(".tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(partial, "w", encoding="utf-8") as stream:
            stream.write("{")
            separator = ""
            for key, value in fields.items():
                stream.write(f"{separator}{json.dumps(key)}:{json.dumps(value, ensure_ascii=False)}")
                separator = ","
            for key, mapping in mappings.items():
                stream.write(f"{separator}{json.dumps(key)}:{{")
                inner = ""
                for name, value in mapping.items():
                    stream.write(f"{inner}{json.dumps(name, ensure_ascii=False)}:{json.dumps(value, ensure_ascii=False)}")
                    inner = ","
                stream.write("}")
                separator = ","
            stream.write("}")
        partial.replace(path)
    except (OSError, ValueError):
        partial.unlink(missing_ok=True)  # no half-written file left behind in the cache folder
