"""IR <-> JSON. The JSON form is what `python -m generator ir` prints and what snapshots keep."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from typing import Any

from generator.ir import model


def to_data(node: Any) -> Any:
    """A dataclass tree as plain JSON data; fields equal to their defaults are left out."""
    spec = _field_spec(type(node))
    if spec is not None:
        out: dict[str, Any] = {}
        for name, default in spec:
            value = getattr(node, name)
            if name == "kind":
                out["kind"] = value
                continue
            if value == default and not (value is not None and default is None):
                continue
            out[name] = to_data(value)
        return out
    if isinstance(node, (tuple, list)):
        return [to_data(item) for item in node]
    if isinstance(node, dict):
        return {key: to_data(value) for key, value in node.items()}
    return node


def _field_spec(cls: type) -> tuple[tuple[str, Any], ...] | None:
    """(name, default) of a dataclass's fields, looked up once per class; None for other types."""
    try:
        return _FIELD_SPECS[cls]
    except KeyError:
        pass
    spec = None
    if dataclasses.is_dataclass(cls):
        spec = tuple(
            (f.name, f.default if f.default is not dataclasses.MISSING else _MISSING)
            for f in dataclasses.fields(cls)
        )
    _FIELD_SPECS[cls] = spec
    return spec


_FIELD_SPECS: dict[type, tuple[tuple[str, Any], ...] | None] = {}
_MISSING = object()


def dumps(api: model.API, fragments: Fragments | None = None) -> str:
    """The same text as `json.dumps(to_data(api), indent=2, ensure_ascii=False)` plus a newline,
    written without the standard library's pure-Python indenting encoder (the IR of a large API
    is millions of values).

    With `fragments`, each operation's and type's text is looked up there by its content first,
    and what is encoded afresh is added to it: regeneration encodes only what changed.
    """
    out: list[str] = []
    # operations and types one at a time: the plain data of a whole large API at once would
    # take about as much memory as everything else the generator holds
    _encode(_with_fragments(api, fragments), "\n", out)
    out.append("\n")
    return "".join(out)


class Fragments:
    """Encoded operations and types by the digest of their content (a frozen IR dataclass's repr
    spells out every field): last run's (`previous`) and this run's (`current`)."""

    def __init__(self, previous: dict[str, str] | None = None) -> None:
        self.previous = previous or {}
        self.current: dict[str, str] = {}
        self.encoded = 0  # fragments encoded afresh this run
        self.reused = 0  # ... taken from the last run
        self._digests: dict[int, tuple[Any, str]] = {}

    def digest(self, node: Any) -> str:
        """The digest of an IR node's content, computed once per node (the node is kept alive
        with it, so its id cannot be reused)."""
        found = self._digests.get(id(node))
        if found is None:
            found = self._digests[id(node)] = (node, hashlib.sha256(repr(node).encode()).hexdigest()[:32])
        return found[1]

    def release(self) -> None:
        """Let go of the nodes digested so far (their texts are kept)."""
        self._digests.clear()

    def text(self, node: Any, newline: str) -> str:
        key = f"{len(newline)}-{self.digest(node)}"
        found = self.previous.get(key)
        if found is None:
            parts: list[str] = []
            _encode(to_data(node), newline, parts)
            found = "".join(parts)
            self.encoded += 1
        else:
            self.reused += 1
        self.current[key] = found
        return found


class _Encoded:
    """An operation or type, written as JSON text (at the indentation it is placed at) when met."""

    def __init__(self, node: Any, fragments: Fragments | None) -> None:
        self.node, self.fragments = node, fragments

    def text(self, newline: str) -> str:
        if self.fragments is not None:
            return self.fragments.text(self.node, newline)
        parts: list[str] = []
        _encode(to_data(self.node), newline, parts)
        return "".join(parts)


def _with_fragments(api: model.API, fragments: Fragments | None) -> dict[str, Any]:
    """`to_data(api)`, its operations and types left for `_encode` (from `fragments`, if any)."""
    spec = _field_spec(model.API)
    assert spec is not None
    out: dict[str, Any] = {}
    for name, default in spec:
        value = getattr(api, name)
        if value == default and not (value is not None and default is None):
            continue
        if name in ("operations", "types"):
            out[name] = [_Encoded(node, fragments) for node in value]
        else:
            out[name] = to_data(value)
    return out


_STRING = json.encoder.encode_basestring  # C-accelerated; ensure_ascii=False escaping


def _encode(value: Any, newline: str, out: list[str]) -> None:
    """Append `value` as indented JSON; `newline` is a line break plus the current indentation."""
    if isinstance(value, str):
        out.append(_STRING(value))
    elif isinstance(value, _Encoded):
        out.append(value.text(newline))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        inner = newline + "  "
        separator = "{" + inner
        for key, item in value.items():
            out.append(separator)
            out.append(_STRING(key) if isinstance(key, str) else json.dumps(_key(key)))
            out.append(": ")
            _encode(item, inner, out)
            separator = "," + inner
        out.append(newline + "}")
    elif isinstance(value, list):
        if not value:
            out.append("[]")
            return
        inner = newline + "  "
        separator = "[" + inner
        for item in value:
            out.append(separator)
            _encode(item, inner, out)
            separator = "," + inner
        out.append(newline + "]")
    else:  # numbers, booleans, null: exactly as the json module writes them
        out.append(json.dumps(value))


def _key(key: Any) -> str:
    """A non-string dict key as the json module turns it into one."""
    converted: str = next(iter(json.loads(json.dumps({key: None}))))
    return converted


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
