"""Messages and enums of the descriptor set as IR named types."""

from __future__ import annotations

from google.protobuf import descriptor_pb2

from generator.ir.model import (
    EnumType,
    EnumValue,
    Field,
    Name,
    ObjectType,
    PrimitiveKind,
    ProtoField,
    TypeExpr,
)
from generator.ir.words import make_name
from generator.proto import source, wire
from generator.proto.index import EnumDecl, Index, MessageDecl
from generator.proto.validation import to_validation

FD = descriptor_pb2.FieldDescriptorProto

# proto scalar type -> (IR primitive, format); bytes travel as base64 text in proto3 JSON
_SCALARS: dict[int, tuple[str, PrimitiveKind, str]] = {
    FD.TYPE_DOUBLE: ("double", "number", "double"),
    FD.TYPE_FLOAT: ("float", "number", "float"),
    FD.TYPE_INT64: ("int64", "integer", "int64"),
    FD.TYPE_UINT64: ("uint64", "integer", "uint64"),
    FD.TYPE_INT32: ("int32", "integer", "int32"),
    FD.TYPE_FIXED64: ("fixed64", "integer", "uint64"),
    FD.TYPE_FIXED32: ("fixed32", "integer", "uint32"),
    FD.TYPE_BOOL: ("bool", "boolean", ""),
    FD.TYPE_STRING: ("string", "string", ""),
    FD.TYPE_BYTES: ("bytes", "string", "byte"),
    FD.TYPE_UINT32: ("uint32", "integer", "uint32"),
    FD.TYPE_SFIXED32: ("sfixed32", "integer", "int32"),
    FD.TYPE_SFIXED64: ("sfixed64", "integer", "int64"),
    FD.TYPE_SINT32: ("sint32", "integer", "int32"),
    FD.TYPE_SINT64: ("sint64", "integer", "int64"),
}
_LABELS = {FD.LABEL_OPTIONAL: "optional", FD.LABEL_REQUIRED: "required", FD.LABEL_REPEATED: "repeated"}


def proto_type_name(field: descriptor_pb2.FieldDescriptorProto) -> str:
    if field.type == FD.TYPE_MESSAGE:
        return "message"
    if field.type == FD.TYPE_ENUM:
        return "enum"
    if field.type == FD.TYPE_GROUP:
        return "group"
    return _SCALARS[field.type][0]


def referenced_types(index: Index, message: descriptor_pb2.DescriptorProto) -> list[str]:
    """Full names of the messages and enums the fields of `message` use (map values included)."""
    out: list[str] = []
    for field in message.field:
        if not field.type_name:
            continue
        name = field.type_name.lstrip(".")
        entry = index.messages.get(name)
        if entry is not None and entry.proto.options.map_entry:
            out.extend(referenced_types(index, entry.proto))
        else:
            out.append(name)
    return out


# one expression per scalar type, shared by all fields of that type (the IR is immutable)
_PRIMITIVES = {
    number: TypeExpr(kind="primitive", primitive=primitive, format=fmt)
    for number, (_, primitive, fmt) in _SCALARS.items()
}


def _element_type(index: Index, field: descriptor_pb2.FieldDescriptorProto) -> TypeExpr:
    primitive = _PRIMITIVES.get(field.type)
    if primitive is not None:
        return primitive
    return _ref(index, field.type_name.lstrip("."))


def _ref(index: Index, type_id: str) -> TypeExpr:
    """The reference to `type_id`: one object for every field of the set that refers to it
    (the IR is immutable; a tree has thousands of fields and a few hundred types)."""
    found = index.ref_exprs.get(type_id)
    if found is None:
        found = index.ref_exprs[type_id] = TypeExpr(kind="ref", ref=type_id)
    return found


def _name(index: Index, wire_name: str) -> Name:
    """`make_name(wire_name)`, one object for every element of the set spelled so."""
    found = index.names_made.get(wire_name)
    if found is None:
        found = index.names_made[wire_name] = make_name(wire_name)
    return found


def field_type(index: Index, field: descriptor_pb2.FieldDescriptorProto) -> TypeExpr:
    if field.label == FD.LABEL_REPEATED:
        entry = index.messages.get(field.type_name.lstrip(".")) if field.type_name else None
        if entry is not None and entry.proto.options.map_entry:
            key, value = entry.proto.field[0], entry.proto.field[1]
            # the map's key type travels in `format`: proto3 JSON keys are always strings
            return TypeExpr(
                kind="map", items=_element_type(index, value), format=proto_type_name(key)
            )
        list_key = (field.type, field.type_name)
        found = index.list_exprs.get(list_key)
        if found is None:
            found = index.list_exprs[list_key] = TypeExpr(kind="list", items=_element_type(index, field))
        return found
    return _element_type(index, field)


def message_type(index: Index, decl: MessageDecl) -> ObjectType:
    message = decl.proto
    extensions = index.extensions
    real_oneofs = _real_oneofs(message)
    exactly_one = {
        i
        for i in real_oneofs
        if message.oneof_decl[i].HasField("options")
        and extensions.exactly_one(message.oneof_decl[i].options)
    }
    fields: list[Field] = []
    element = decl.info.element
    at = (*decl.path, source.MESSAGE_FIELD)
    for i, field in enumerate(message.field):
        description, location = element((*at, i))
        has_options = field.HasField("options")
        behaviors: tuple[str, ...] = ()
        rules: tuple[tuple[str, str], ...] = ()
        if has_options:
            decoded = wire.by_number(field.options.SerializeToString())
            behaviors = extensions.field_behaviors(decoded)
            rules = extensions.validation(decoded)
        oneof = ""
        extra: tuple[str, ...] = ()
        if field.HasField("oneof_index") and field.oneof_index in real_oneofs:
            oneof = message.oneof_decl[field.oneof_index].name
            if field.oneof_index in exactly_one:
                extra = (f"exactly one of `{oneof}`",)
        validation = to_validation(rules, extra)
        proto3_optional = field.proto3_optional
        fields.append(
            Field(
                name=_name(index, field.name),
                type=field_type(index, field),
                required=bool(validation and validation.required) or "REQUIRED" in behaviors,
                nullable=proto3_optional,
                read_only="OUTPUT_ONLY" in behaviors,
                write_only="INPUT_ONLY" in behaviors,
                deprecated=has_options and field.options.deprecated,
                description=description,
                validation=validation,
                proto=ProtoField(
                    number=field.number,
                    proto_type=proto_type_name(field),
                    label=_LABELS[field.label],  # type: ignore[arg-type]
                    json_name=field.json_name,
                    oneof=oneof,
                    proto3_optional=proto3_optional,
                    type_name=field.type_name.lstrip("."),
                    behaviors=behaviors,
                ),
                location=location,
            )
        )
    description, location = element(decl.path)
    return ObjectType(
        id=decl.full_name,
        name=_name(index, message.name),
        fields=tuple(fields),
        description=description,
        deprecated=message.options.deprecated,
        oneofs=tuple(message.oneof_decl[i].name for i in sorted(real_oneofs)),
        reserved_numbers=tuple((r.start, r.end) for r in message.reserved_range),
        reserved_names=tuple(message.reserved_name),
        location=location,
    )


def _real_oneofs(message: descriptor_pb2.DescriptorProto) -> set[int]:
    """Oneofs written as such; proto3 `optional` fields get a synthetic one each."""
    if not message.oneof_decl:  # most messages: no need to look at the fields
        return set()
    synthetic = {f.oneof_index for f in message.field if f.proto3_optional}
    return {i for i in range(len(message.oneof_decl)) if i not in synthetic}


def enum_type(decl: EnumDecl) -> EnumType:
    values = []
    for i, value in enumerate(decl.proto.value):
        path = (*decl.path, source.ENUM_VALUE, i)
        values.append(
            EnumValue(
                value=value.name,
                name=make_name(value.name),
                description=decl.info.description(path),
                number=value.number,
                deprecated=value.options.deprecated,
            )
        )
    description, location = decl.info.element(decl.path)
    return EnumType(
        id=decl.full_name,
        name=make_name(decl.proto.name),
        values=tuple(values),
        base="string",
        description=description,
        deprecated=decl.proto.options.deprecated,
        location=location,
    )
