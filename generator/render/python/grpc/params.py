"""Plain Python values for request fields: what each field accepts besides a message, and the
`TypedDict` ("params" shape) of every message a request can hold, for `<package>/params.py`.

A message field accepts its message class or a mapping typed by `<Name>Params`; a well-known
type accepts its plain Python value (`BoolValue | bool`, `Timestamp | datetime`, ...). The
runtime half of the rule is `_grpc/_values.py`, which converts what these types allow.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

from generator.ir.deferred import peek
from generator.ir.model import Field, NamedType, ObjectType, TypeExpr
from generator.lazy_dataclass import lazy_dataclass
from generator.render.python.grpc.names import TypeIndex
from generator.render.python.grpc.targets import field_targets, reachable
from generator.render.python.literals import docstring
from generator.render.python.naming import dedupe

NameOf = Callable[[str], str]  # type id -> local Python expression

# well-known message types -> the plain Python type they also accept (see _values.py)
PLAIN_TYPES: dict[str, str] = {
    "google.protobuf.BoolValue": "bool",
    "google.protobuf.Int32Value": "int",
    "google.protobuf.Int64Value": "int",
    "google.protobuf.UInt32Value": "int",
    "google.protobuf.UInt64Value": "int",
    "google.protobuf.FloatValue": "float",
    "google.protobuf.DoubleValue": "float",
    "google.protobuf.StringValue": "str",
    "google.protobuf.BytesValue": "bytes",
    "google.protobuf.Timestamp": "datetime",
    "google.protobuf.Duration": "timedelta",
    "google.protobuf.Struct": "Mapping[str, Any]",
    "google.protobuf.ListValue": "Iterable[Any]",
    "google.protobuf.Value": "Any",
}
# where the names a plain annotation uses come from
PLAIN_IMPORTS: dict[str, tuple[str, str]] = {
    "datetime": ("datetime", "datetime"),
    "timedelta": ("datetime", "timedelta"),
    "Any": ("typing", "Any"),
    "Mapping": ("collections.abc", "Mapping"),
    "Iterable": ("collections.abc", "Iterable"),
}
_SCALAR = {"string": "str", "bytes": "bytes", "bool": "bool", "double": "float", "float": "float"}
_MAP_KEYS = {"string": "str", "bool": "bool"}
SUFFIX = "Params"
_WORD = re.compile(r"\w+")


def scalar_annotation(proto_type: str) -> str:
    return _SCALAR.get(proto_type, "int")


WELL_KNOWN = "google.protobuf."  # the package of the well-known types, which get no params shape


def has_params(type_id: str, types: dict[str, NamedType]) -> bool:
    """Whether a type gets a `TypedDict`: messages, except the well-known google.protobuf ones."""
    found = peek(types, type_id)  # (its kind: a deferred type is not built for it)
    return found is not None and found.kind == "object" and not type_id.startswith(WELL_KNOWN)


def reachable_messages(
    roots: Iterable[str], types: dict[str, NamedType], targets: Mapping[str, tuple[str, ...]] | None = None
) -> list[str]:
    """The messages (with params shapes) that the given request types reach, sorted by id
    (`targets`: `field_targets` of the types, if known: one entry per message)."""
    if targets is None:
        targets = field_targets(types.values())
    # `has_params` of every id met, as a set of the messages `targets` names (a walk over a large
    # package asks tens of thousands of times, mostly of the same types)
    with_params = {type_id for type_id in targets if not type_id.startswith(WELL_KNOWN)}
    return sorted(reachable(roots, targets, with_params.__contains__))


def params_names(type_ids: list[str], index: TypeIndex) -> dict[str, str]:
    """Type id -> TypedDict name: the class path joined (`Message.ToolCall` ->
    `MessageToolCallParams`), numbered on clashes in type id order."""
    wanted = ["".join(index.ref(t).path.split(".")) + SUFFIX for t in type_ids]
    return dict(zip(type_ids, dedupe(wanted), strict=True))


@lazy_dataclass(frozen=True)
class Plain:
    """How annotations of plain-value fields are spelled in one generated module."""

    name_of: NameOf  # message/enum type id -> local expression
    params_of: NameOf  # message type id -> local name of its TypedDict
    enums: frozenset[str]
    types: dict[str, NamedType]

    def annotation(self, expr: TypeExpr, proto_type: str) -> str:
        """The type a field of this type accepts: its message, a mapping or a plain value."""
        if expr.kind == "list" and expr.items is not None:
            return f"Iterable[{self.annotation(expr.items, proto_type)}]"
        if expr.kind == "map" and expr.items is not None:
            key = _MAP_KEYS.get(expr.format, "int")
            value_type = map_value_proto_type(expr.items, proto_type)
            return f"Mapping[{key}, {self.annotation(expr.items, value_type)}]"
        if expr.kind == "ref":
            local = self.name_of(expr.ref)
            if expr.ref in self.enums:
                return f"{local} | str"
            if expr.ref in PLAIN_TYPES:
                return f"{local} | {PLAIN_TYPES[expr.ref]}"
            if has_params(expr.ref, self.types):
                return f"{local} | {self.params_of(expr.ref)}"
            return local
        return scalar_annotation(proto_type)

    def field(self, f: Field) -> str:
        return self.annotation(f.type, field_proto_type(f))

    def spelled(self, skeleton: Skeleton) -> str:
        """`annotation` of the type `skeleton` stands for (`skeleton_of`): the same text, and the
        same names asked of `name_of` and `params_of` in the same order."""
        kind = skeleton[0]
        if kind == "list":
            return f"Iterable[{self.spelled(skeleton[1])}]"
        if kind == "map":
            return f"Mapping[{skeleton[1]}, {self.spelled(skeleton[2])}]"
        if kind == "ref":
            ref = skeleton[1]
            local = self.name_of(ref)
            if ref in self.enums:
                return f"{local} | str"
            if ref in PLAIN_TYPES:
                return f"{local} | {PLAIN_TYPES[ref]}"
            if has_params(ref, self.types):
                return f"{local} | {self.params_of(ref)}"
            return local
        return str(skeleton[1])


# A field's type as far as the message alone tells (`Plain.annotation` before names are given):
# ("list", items), ("map", key type, values), ("ref", type id) or ("text", annotation)
Skeleton = tuple[Any, ...]


def skeleton_of(expr: TypeExpr, proto_type: str) -> Skeleton:
    """What `Plain.annotation(expr, proto_type)` spells, with the types it refers to left open."""
    if expr.kind == "list" and expr.items is not None:
        return ("list", skeleton_of(expr.items, proto_type))
    if expr.kind == "map" and expr.items is not None:
        key = _MAP_KEYS.get(expr.format, "int")
        return ("map", key, skeleton_of(expr.items, map_value_proto_type(expr.items, proto_type)))
    if expr.kind == "ref":
        return ("ref", expr.ref)
    return ("text", scalar_annotation(proto_type))


class Shape(NamedTuple):
    """What `<package>/params.py` needs of one message, from the message alone (remembered by
    its content from run to run: `unit_cache.ProtoUnits.facts`)."""

    doc: str  # the docstring of its TypedDict
    fields: tuple[tuple[str, Skeleton], ...]  # (wire name, the annotation's skeleton)
    as_class: bool  # every wire name can be a class attribute (else the functional form)


def shape_of(message: ObjectType) -> Shape:
    doc = f"A `{message.id}` as a mapping; every key may be left out."
    fields = tuple((f.name.wire, skeleton_of(f.type, field_proto_type(f))) for f in message.fields)
    return Shape(docstring(doc, "    "), fields, all(_plain_keyword(wire) for wire, _ in fields))


def _plain_keyword(name: str) -> bool:
    return name.isidentifier() and not keyword.iskeyword(name)


def map_value_proto_type(items: TypeExpr, fallback: str) -> str:
    """The proto scalar type of a map's values (the IR keeps it as a primitive)."""
    if items.kind == "primitive":
        if items.primitive == "string":
            return "bytes" if items.format == "byte" else "string"
        if items.primitive == "boolean":
            return "bool"
        if items.primitive == "number":
            return "double"
        return "int64"
    return fallback


def field_proto_type(f: Field) -> str:
    proto_type = f.proto.proto_type if f.proto else "string"
    if f.type.kind == "map" and f.type.items is not None:
        proto_type = map_value_proto_type(f.type.items, proto_type)
    return proto_type


def plain_imports(annotations: Iterable[str]) -> dict[str, set[str]]:
    """module -> names that the given annotations use from PLAIN_IMPORTS."""
    out: dict[str, set[str]] = {}
    # (a package's thousands of annotations are mostly the same few texts: each read once)
    words = {word for text in set(annotations) for word in _WORD.findall(text)}
    for name, (module, symbol) in PLAIN_IMPORTS.items():
        if name in words:
            out.setdefault(module, set()).add(symbol)
    return out
