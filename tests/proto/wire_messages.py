"""Messages with every field set, generated from descriptors alone (the upstream protos' pool).

`Generator.instances(descriptor)` returns messages until each member of every oneof reachable
from the message (nested ones included) has been set in one of them (every time a oneof is
filled it takes its next member in turn), then one with every field that has presence set to
its zero value (`zeros`). In the others, everything is always set:
scalars with distinct non-default values (int64 beyond 2**53, float32-exact floats, non-UTF-8
bytes, non-ASCII strings), enums with a non-zero value, nested messages recursively (down to
`MAX_DEPTH`), repeated fields with `REPEATED_ITEMS` items, maps with as many entries, and the
well-known types with values their proto3 JSON form keeps exactly.

The values come from a counter, so the same descriptors always give the same messages.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta
from typing import Any

from google.protobuf import json_format
from google.protobuf.descriptor import Descriptor, FieldDescriptor, OneofDescriptor
from google.protobuf.descriptor_pool import DescriptorPool
from google.protobuf.message import Message
from google.protobuf.message_factory import GetMessageClass

# Nested messages deeper than this are left unset (recursive types would never end).
MAX_DEPTH = 6
# Messages per request or response type at most (each oneof member must be set in one).
MAX_VARIANTS = 16
# Items per repeated field, entries per map.
REPEATED_ITEMS = 2
# Field paths that proto3 JSON can carry (lowerCamelCase round trip): used for FieldMask.
MASK_PATHS = ["name", "description", "labels"]

T = FieldDescriptor
WRAPPERS = {
    f"google.protobuf.{kind}Value"
    for kind in ("Bool", "Int32", "Int64", "UInt32", "UInt64", "Float", "Double", "String", "Bytes")
}


def real_oneofs(descriptor: Descriptor) -> list[OneofDescriptor]:
    """The oneofs written in the .proto (not the synthetic ones of proto3 `optional`)."""
    return [
        oneof
        for oneof in descriptor.oneofs
        if not (len(oneof.fields) == 1 and oneof.name == "_" + oneof.fields[0].name)
    ]


class Generator:
    def __init__(self, pool: DescriptorPool) -> None:
        self.pool = pool
        self.counter = itertools.count(1)
        self.turns: dict[str, int] = {}  # oneof full name -> how many times it was filled
        self.used: set[str] = set()  # oneof members set since `instances` began

    def message_class(self, descriptor: Descriptor) -> type[Message]:
        return GetMessageClass(descriptor)

    def reachable_members(self, descriptor: Descriptor, depth: int = 0) -> set[str]:
        """Full names of the oneof members `build` can set under `descriptor`."""
        found: set[str] = set()
        if descriptor.full_name.startswith("google.protobuf."):
            return found
        for oneof in real_oneofs(descriptor):
            found.update(member.full_name for member in oneof.fields)
        for field in descriptor.fields:
            target = field.message_type
            if target is not None and target.GetOptions().map_entry:
                target = target.fields_by_name["value"].message_type
            if target is not None and depth + 1 < MAX_DEPTH:
                found |= self.reachable_members(target, depth + 1)
        return found

    def instances(self, descriptor: Descriptor) -> list[Message]:
        """Messages until every reachable oneof member has been set in one of them."""
        wanted = self.reachable_members(descriptor)
        self.used = set()
        messages = [self.build(descriptor, 0)]
        while not wanted <= self.used and len(messages) < MAX_VARIANTS:
            messages.append(self.build(descriptor, 0))
        missing = wanted - self.used
        assert not missing, f"{descriptor.full_name}: oneof members never set: {sorted(missing)}"
        return [*messages, self.zeros(descriptor)]

    def zeros(self, descriptor: Descriptor) -> Message:
        """Every field that has presence set to its zero value: the "set but empty" case.

        Message fields hold empty messages (a wrapper holds 0, "" or false), proto3 `optional`
        scalars and the first member of each oneof their zero value. A Value becomes null;
        Any is left out (proto3 JSON has no form for an Any without a type).
        """
        message: Any = self.message_class(descriptor)()
        taken: set[str] = set()
        for field in descriptor.fields:
            oneof = field.containing_oneof
            if field.is_repeated or (oneof is None and field.message_type is None):
                continue  # no presence: zero is the same as unset
            if oneof is not None and oneof.full_name in taken:
                continue
            target = field.message_type.full_name if field.message_type is not None else ""
            if target == "google.protobuf.Any":
                continue
            if target == "google.protobuf.Value":
                getattr(message, field.name).null_value = 0
            elif field.message_type is not None:
                getattr(message, field.name).SetInParent()
            else:
                setattr(message, field.name, field.default_value)
            if oneof is not None:
                taken.add(oneof.full_name)
        return message

    def build(self, descriptor: Descriptor, depth: int) -> Message:
        message: Any = self.message_class(descriptor)()
        special = self.well_known(descriptor, message)
        if special is not None:
            return special
        chosen = set()
        for oneof in real_oneofs(descriptor):
            # each oneof takes its members in turn, wherever it occurs
            turn = self.turns.get(oneof.full_name, 0)
            self.turns[oneof.full_name] = turn + 1
            member = oneof.fields[turn % len(oneof.fields)]
            chosen.add(member.name)
            self.used.add(member.full_name)
        for field in descriptor.fields:
            oneof = field.containing_oneof
            if oneof is not None and oneof in real_oneofs(descriptor) and field.name not in chosen:
                continue
            self.fill(message, field, depth)
        return message

    def fill(self, message: Any, field: FieldDescriptor, depth: int) -> None:
        if field.message_type is not None and field.message_type.GetOptions().map_entry:
            key_field = field.message_type.fields_by_name["key"]
            value_field = field.message_type.fields_by_name["value"]
            target = getattr(message, field.name)
            for _ in range(REPEATED_ITEMS):
                key = self.scalar(key_field)
                if value_field.message_type is not None:
                    if depth + 1 >= MAX_DEPTH:
                        return
                    target[key].CopyFrom(self.build(value_field.message_type, depth + 1))
                else:
                    target[key] = self.scalar(value_field)
            return
        if field.message_type is not None:
            if depth + 1 >= MAX_DEPTH:
                return
            if field.is_repeated:
                for _ in range(REPEATED_ITEMS):
                    getattr(message, field.name).add().CopyFrom(
                        self.build(field.message_type, depth + 1)
                    )
            else:
                getattr(message, field.name).CopyFrom(self.build(field.message_type, depth + 1))
            return
        if field.is_repeated:
            getattr(message, field.name).extend(self.scalar(field) for _ in range(REPEATED_ITEMS))
        else:
            setattr(message, field.name, self.scalar(field))

    def scalar(self, field: FieldDescriptor) -> Any:
        n = next(self.counter)
        kind = field.type
        if kind == T.TYPE_STRING:
            return f"{field.name}-{n} ünï ✓ &=+%?#;,"
        if kind == T.TYPE_BYTES:
            return bytes([n % 256, 0xFF, 0x00, 0xFE]) + field.name.encode()
        if kind == T.TYPE_BOOL:
            return True
        if kind == T.TYPE_ENUM:
            numbers = [v.number for v in field.enum_type.values if v.number != 0]
            return numbers[n % len(numbers)] if numbers else 0
        if kind in (T.TYPE_DOUBLE, T.TYPE_FLOAT):
            return n + 0.5  # exact in float32 too
        if kind in (T.TYPE_INT64, T.TYPE_SINT64, T.TYPE_SFIXED64):
            return -(2**60) - n  # beyond 2**53: proto3 JSON must carry it as a string
        if kind in (T.TYPE_UINT64, T.TYPE_FIXED64):
            return 2**63 + n
        if kind in (T.TYPE_INT32, T.TYPE_SINT32, T.TYPE_SFIXED32):
            return -1000 - n
        if kind in (T.TYPE_UINT32, T.TYPE_FIXED32):
            return 3_000_000_000 + n
        raise AssertionError(f"unhandled field type {kind} of {field.full_name}")

    def well_known(self, descriptor: Descriptor, message: Any) -> Message | None:
        """Values of the well-known types that proto3 JSON represents exactly."""
        name = descriptor.full_name
        n = next(self.counter)
        if name == "google.protobuf.Timestamp":
            message.seconds, message.nanos = 1_700_000_000 + n, 123_000_000
        elif name == "google.protobuf.Duration":
            message.seconds, message.nanos = 60 + n, 500_000_000
        elif name == "google.protobuf.FieldMask":
            message.paths.extend(MASK_PATHS)
        elif name == "google.protobuf.Struct":
            message.fields[f"text{n}"].string_value = f"value {n} ü"
            message.fields["number"].number_value = n + 0.25
            message.fields["flag"].bool_value = True
            message.fields["none"].null_value = 0
            message.fields["list"].list_value.values.add().string_value = "item"
            message.fields["nested"].struct_value.fields["k"].string_value = "v"
        elif name == "google.protobuf.Value":
            kind = n % 4
            if kind == 0:
                message.string_value = f"value {n}"
            elif kind == 1:
                message.number_value = n + 0.125
            elif kind == 2:
                message.bool_value = True
            else:
                message.null_value = 0
        elif name == "google.protobuf.ListValue":
            message.values.add().string_value = f"item {n}"
            message.values.add().number_value = n + 0.75
        elif name == "google.protobuf.Any":
            inner = self.message_class(
                self.pool.FindMessageTypeByName("google.protobuf.Timestamp")
            )(seconds=1_600_000_000 + n, nanos=250_000_000)
            message.Pack(inner)
        else:
            return None
        return message


def plain(message: Message) -> Any:
    """A message as the plain Python values the generated methods take as keyword arguments.

    Nested messages become dicts by field name, enums their names, wrappers their value,
    Timestamp an aware datetime, Duration a timedelta, Struct/Value/ListValue JSON-like values.
    """
    name = message.DESCRIPTOR.full_name
    if name == "google.protobuf.Timestamp":
        seconds, nanos = message.seconds, message.nanos  # type: ignore[attr-defined]
        return datetime.fromtimestamp(seconds, tz=UTC).replace(microsecond=nanos // 1000)
    if name == "google.protobuf.Duration":
        seconds, nanos = message.seconds, message.nanos  # type: ignore[attr-defined]
        return timedelta(seconds=seconds, microseconds=nanos // 1000)
    if name in ("google.protobuf.Struct", "google.protobuf.Value", "google.protobuf.ListValue"):
        return json_format.MessageToDict(message)
    if name in WRAPPERS:
        return message.value  # type: ignore[attr-defined]
    values: dict[str, Any] = {}
    for field, value in message.ListFields():
        values[field.name] = plain_field(field, value)
    return values


def plain_field(field: FieldDescriptor, value: Any) -> Any:
    if field.message_type is not None and field.message_type.GetOptions().map_entry:
        value_field = field.message_type.fields_by_name["value"]
        return {key: plain_value(value_field, item) for key, item in value.items()}
    if field.is_repeated:
        return [plain_value(field, item) for item in value]
    return plain_value(field, value)


def plain_value(field: FieldDescriptor, value: Any) -> Any:
    if field.message_type is not None:
        return plain(value)
    if field.enum_type is not None:
        return field.enum_type.values_by_number[value].name
    return value
