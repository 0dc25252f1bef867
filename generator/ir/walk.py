"""Walking IR trees generically, fast: a class's field names are looked up once, and values that
cannot hold IR nodes (strings, numbers, JSON data) are never visited."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from typing import Any

_LEAVES = frozenset({str, int, float, bool, type(None), dict})
_FIELDS: dict[type, tuple[str, ...]] = {}


def field_names(cls: type) -> tuple[str, ...]:
    """The field names of a dataclass (looked up once per class); () for any other class."""
    names = _FIELDS.get(cls)
    if names is None:
        is_node = dataclasses.is_dataclass(cls) and isinstance(cls, type)
        names = _FIELDS[cls] = tuple(f.name for f in dataclasses.fields(cls)) if is_node else ()
    return names


def nodes(root: Any) -> Iterator[Any]:
    """Every dataclass instance in the tree under `root` (tuples and lists followed; dicts are
    JSON data and hold none), in no particular order."""
    pending = [root]
    leaves = _LEAVES
    while pending:
        node = pending.pop()
        cls = type(node)
        if cls is tuple or cls is list:
            pending.extend(item for item in node if type(item) not in leaves)
            continue
        names = field_names(cls)
        if not names:
            continue
        yield node
        for name in names:
            value = getattr(node, name)
            if type(value) not in leaves:
                pending.append(value)
