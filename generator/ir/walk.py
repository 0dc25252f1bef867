"""Walking IR trees generically, fast: a class's field names are looked up once, and values that
cannot hold IR nodes (strings, numbers, JSON data) are never visited."""

from __future__ import annotations

import dataclasses
import typing
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


def nodes(root: Any, only: tuple[type, ...] | None = None) -> Iterator[Any]:
    """Every dataclass instance in the tree under `root` (tuples and lists followed; dicts are
    JSON data and hold none), in no particular order.

    With `only`, the instances of those classes; fields whose declared type cannot hold one are
    not visited (a field typed `Any`, or whose type cannot be resolved, is)."""
    pending = [root]
    leaves = _LEAVES
    fields = field_names if only is None else _Pruned(only).fields
    while pending:
        node = pending.pop()
        cls = type(node)
        if cls is tuple or cls is list:
            pending.extend(item for item in node if type(item) not in leaves)
            continue
        names = fields(cls)
        if only is None or cls in only:
            if not field_names(cls):
                continue
            yield node
        for name in names:
            value = getattr(node, name)
            if type(value) not in leaves:
                pending.append(value)


_PRUNED: dict[tuple[type, ...], dict[type, tuple[str, ...]]] = {}


class _Pruned:
    """For each dataclass, its fields that may lead to an instance of `wanted` (once per class)."""

    def __init__(self, wanted: tuple[type, ...]) -> None:
        self.wanted = wanted
        self.known = _PRUNED.setdefault(wanted, {})

    def fields(self, cls: type) -> tuple[str, ...]:
        found = self.known.get(cls)
        if found is None:
            found = self.known[cls] = tuple(
                name for name, hint in _hints(cls).items() if self._reaches(hint, set())
            )
        return found

    def _reaches(self, hint: Any, seen: set[type]) -> bool:
        if hint is Any or isinstance(hint, (str, typing.ForwardRef)):
            return True  # unknown: assume it may
        if typing.get_origin(hint) is typing.Literal:
            return False
        if isinstance(hint, type) and dataclasses.is_dataclass(hint):
            if hint in self.wanted:
                return True
            if hint in seen:
                return False
            seen.add(hint)
            return any(self._reaches(inner, seen) for inner in _hints(hint).values())
        return any(self._reaches(arg, seen) for arg in typing.get_args(hint))


def _hints(cls: type) -> dict[str, Any]:
    """A dataclass's resolved field types ({name: Any} for those that do not resolve)."""
    names = field_names(cls)
    try:
        hints = typing.get_type_hints(cls)
    except (NameError, TypeError):
        return {name: Any for name in names}
    return {name: hints.get(name, Any) for name in names}
