"""Example JSON bodies for the docs, built from the schema alone (defaults, constants, enum values,
then a placeholder per type), so the same spec always gives the same example.

An object shows its required fields and those with a default (or its first fields when it has
neither); a union shows its first variant; nesting stops at `MAX_EXAMPLE_DEPTH`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

import orjson

from generator.ir.model import (
    AliasType,
    EnumType,
    Field,
    NamedType,
    ObjectType,
    TypeExpr,
    UnionType,
)

JSONValue = None | bool | int | float | str | list["JSONValue"] | dict[str, "JSONValue"]

MAX_EXAMPLE_DEPTH = 4  # deeper objects are shown as {}
FIELDS_WHEN_NONE_REQUIRED = 2  # an object without required fields shows this many
_FORMATS: dict[str, JSONValue] = {
    "date-time": "2025-01-01T00:00:00Z",
    "date": "2025-01-01",
    "uuid": "00000000-0000-0000-0000-000000000000",
    "byte": "",
    "uri": "https://example.com",
    # proto JSON writes 64-bit integers as strings
    "int64": "0",
    "uint64": "0",
    "sint64": "0",
    "fixed64": "0",
    "sfixed64": "0",
}
# proto JSON writes these well-known messages as plain values
_PROTO_WELL_KNOWN: dict[str, JSONValue] = {
    "google.protobuf.Timestamp": "2025-01-01T00:00:00Z",
    "google.protobuf.Duration": "1s",
    "google.protobuf.FieldMask": "name",
    "google.protobuf.Struct": {},
    "google.protobuf.Value": None,
    "google.protobuf.ListValue": [],
    "google.protobuf.Empty": {},
    "google.protobuf.DoubleValue": 0.0,
    "google.protobuf.FloatValue": 0.0,
    "google.protobuf.Int64Value": "0",
    "google.protobuf.UInt64Value": "0",
    "google.protobuf.Int32Value": 0,
    "google.protobuf.UInt32Value": 0,
    "google.protobuf.BoolValue": False,
    "google.protobuf.StringValue": "string",
    "google.protobuf.BytesValue": "",
}
_PRIMITIVES: dict[str, JSONValue] = {"string": "string", "integer": 0, "number": 0.0, "boolean": False}


def example_json(expr: TypeExpr, types: Mapping[str, NamedType], proto: bool = False) -> str:
    """The example as indented JSON text (keys in declaration order)."""
    return indented_json(_value(expr, types, proto, 0, frozenset()))


def indented_json(value: JSONValue) -> str:
    """`json.dumps(value, indent=2, ensure_ascii=False)`, written by orjson whenever its text is
    the same (the standard library indents in pure Python): always, except for floats orjson
    spells differently (`1e-7`, `NaN`) and values it refuses (integers beyond 64 bits)."""
    if _same_in_orjson(value):
        try:
            return orjson.dumps(value, option=orjson.OPT_INDENT_2).decode()
        except orjson.JSONEncodeError:
            pass
    return json.dumps(value, indent=2, ensure_ascii=False)


def _same_in_orjson(value: JSONValue) -> bool:
    if type(value) is float:
        return repr(value) == orjson.dumps(value).decode()
    if isinstance(value, list):
        return all(map(_same_in_orjson, value))
    if isinstance(value, dict):
        return all(map(_same_in_orjson, value.values()))
    return True


def _value(
    expr: TypeExpr, types: Mapping[str, NamedType], proto: bool, depth: int, seen: frozenset[str]
) -> JSONValue:
    if expr.kind == "const":
        return expr.const
    if expr.kind == "primitive":
        if expr.format in _FORMATS:
            return _FORMATS[expr.format]
        return _PRIMITIVES.get(expr.primitive or "", "string")
    if expr.kind == "list":
        items = expr.items
        return [] if items is None else [_value(items, types, proto, depth + 1, seen)]
    if expr.kind == "map":
        items = expr.items
        return {} if items is None else {"key": _value(items, types, proto, depth + 1, seen)}
    if expr.kind == "union":
        chosen = _first_variant(expr.variants)
        return None if chosen is None else _value(chosen, types, proto, depth, seen)
    if expr.kind == "ref":
        return _named(expr.ref, types, proto, depth, seen)
    return {}


def _first_variant(variants: tuple[TypeExpr, ...]) -> TypeExpr | None:
    return variants[0] if variants else None


def _named(
    type_id: str, types: Mapping[str, NamedType], proto: bool, depth: int, seen: frozenset[str]
) -> JSONValue:
    if proto and type_id in _PROTO_WELL_KNOWN:
        return _PROTO_WELL_KNOWN[type_id]
    named = types.get(type_id)
    if named is None:
        return {}
    if isinstance(named, EnumType):
        return named.values[0].value if named.values else ""
    if isinstance(named, AliasType):
        return _value(named.target, types, proto, depth, seen)
    if isinstance(named, UnionType):
        chosen = _first_variant(named.variants)
        return {} if chosen is None else _value(chosen, types, proto, depth, seen)
    if depth >= MAX_EXAMPLE_DEPTH or type_id in seen:
        return {}
    assert isinstance(named, ObjectType)
    shown = _one_per_oneof(named)
    fields = [f for f in shown if f.required or f.has_default]
    if not fields:
        fields = shown[:FIELDS_WHEN_NONE_REQUIRED]
    inner = seen | {type_id}
    return {
        _key(f, proto): (f.default if f.has_default else _value(f.type, types, proto, depth + 1, inner))
        for f in fields
    }


def _key(f: Field, proto: bool) -> str:
    if proto and f.proto is not None and f.proto.json_name:
        return f.proto.json_name
    return f.name.wire


def _one_per_oneof(message: ObjectType) -> list[Field]:
    """Fields in order, skipping the later members of a proto oneof (only one may be set)."""
    taken: set[str] = set()
    out = []
    for f in message.fields:
        group = f.proto.oneof if f.proto is not None else ""
        if group and group in taken:
            continue
        taken.add(group)
        out.append(f)
    return out
