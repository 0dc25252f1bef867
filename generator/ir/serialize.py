"""IR <-> JSON. The JSON form is what `python -m generator ir` prints and what snapshots keep."""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from typing import Any

from generator.ir import model


def to_data(node: Any) -> Any:
    """A dataclass tree as plain JSON data; fields equal to their defaults are left out."""
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        out: dict[str, Any] = {}
        for f in dataclasses.fields(node):
            value = getattr(node, f.name)
            if f.name == "kind":
                out["kind"] = value
                continue
            default = f.default if f.default is not dataclasses.MISSING else _MISSING
            if value == default and not (value is not None and default is None):
                continue
            out[f.name] = to_data(value)
        return out
    if isinstance(node, (tuple, list)):
        return [to_data(item) for item in node]
    if isinstance(node, dict):
        return {key: to_data(value) for key, value in node.items()}
    return node


_MISSING = object()


def dumps(api: model.API) -> str:
    return json.dumps(to_data(api), indent=2, sort_keys=False, ensure_ascii=False) + "\n"


# --- reading back -----------------------------------------------------------------------

_NAMED_TYPES: dict[str, type] = {
    "object": model.ObjectType,
    "enum": model.EnumType,
    "union": model.UnionType,
    "alias": model.AliasType,
}


def from_data(cls: Any, data: Any) -> Any:
    """Rebuild a dataclass tree from `to_data` output, guided by type hints."""
    return _build(cls, data)


def loads(text: str) -> model.API:
    result: model.API = from_data(model.API, json.loads(text))
    return result


def _hints(cls: type) -> dict[str, Any]:
    cached = _HINT_CACHE.get(cls)
    if cached is None:
        cached = typing.get_type_hints(cls, vars(model))
        _HINT_CACHE[cls] = cached
    return cached


_HINT_CACHE: dict[type, dict[str, Any]] = {}


def _build(tp: Any, data: Any) -> Any:
    if data is None:
        return None
    origin = typing.get_origin(tp)
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_build(args[0], item) for item in data)
        return tuple(_build(arg, item) for arg, item in zip(args, data))
    if origin in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(tp) if a is not type(None)]
        if members and all(a in _NAMED_TYPES.values() for a in members):
            return _build(_NAMED_TYPES[data["kind"]], data)
        for arg in members:
            if dataclasses.is_dataclass(arg) and isinstance(data, dict):
                return _build(arg, data)
        return data
    if origin is typing.Literal:
        return data
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        hints = _hints(tp)
        kwargs = {
            name: _build(hints[name], value)
            for name, value in data.items()
            if not (name == "kind" and tp in _NAMED_TYPES.values())
        }
        return tp(**kwargs)
    return data
