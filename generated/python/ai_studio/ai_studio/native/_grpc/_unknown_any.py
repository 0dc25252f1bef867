"""`google.protobuf.Any` values of a type this package does not contain, in proto3 JSON.

Over gRPC such an Any arrives as bytes and is kept as it is. Over REST it arrives as JSON
(`{"@type": "...", ...fields}`), which protobuf cannot turn into bytes without the type, and
`json_format` refuses the whole message. So before parsing, each such value is set aside; after
parsing, its Any keeps the original `type_url` and carries the JSON fields as a serialized
`google.protobuf.Struct` in `value` (read it with `Struct.FromString(any.value)`), so nothing the
server sent is lost and the rest of the message (an operation's `done`, `id`, ...) is usable.
"""

from __future__ import annotations

from typing import Any

from google.protobuf import descriptor_pool, struct_pb2
from google.protobuf.message import Message

__all__ = ["restore_unknown_anys", "set_aside_unknown_anys"]

_ANY = "google.protobuf.Any"
# one step into a message: a field name, and the index when the field is repeated
Step = tuple[str, int | None]


def set_aside_unknown_anys(
    payload: Any, descriptor: Any, path: tuple[Step, ...] = ()
) -> list[tuple[tuple[Step, ...], str, dict[str, Any]]]:
    """Remove, in place, every Any of an unknown type from `payload` (a JSON object for
    `descriptor`, a message Descriptor); returns where each was, its type URL and its fields."""
    found: list[tuple[tuple[Step, ...], str, dict[str, Any]]] = []
    if not isinstance(payload, dict) or not _may_hold_any(descriptor):
        return found
    for field in descriptor.fields:
        if field.message_type is None or field.message_type.GetOptions().map_entry:
            continue
        key = field.json_name if field.json_name in payload else field.name
        if key not in payload:
            continue
        value = payload[key]
        # a repeated field is a JSON list (the descriptor's `label` is gone in protobuf 7)
        repeated = isinstance(value, list)
        items = list(enumerate(value)) if repeated else [(None, value)]
        keep: list[Any] = []
        for index, item in items:
            step = (*path, (field.name, index))
            if field.message_type.full_name == _ANY and _unknown(item):
                fields = {k: v for k, v in item.items() if k != "@type"}
                found.append((step, str(item["@type"]), fields))
                keep.append({})  # an empty Any in its place; filled in by `restore`
            else:
                if field.message_type.full_name != _ANY:
                    found.extend(set_aside_unknown_anys(item, field.message_type, step))
                keep.append(item)
        payload[key] = keep if repeated else keep[0]
    return found


def restore_unknown_anys(
    message: Message, found: list[tuple[tuple[Step, ...], str, dict[str, Any]]]
) -> None:
    """Put back what `set_aside_unknown_anys` removed, into the parsed `message`."""
    for path, type_url, fields in found:
        target: Any = message
        for name, index in path:
            target = getattr(target, name)
            if index is not None:
                target = target[index]
        packed = struct_pb2.Struct()
        packed.update(fields)
        target.type_url = type_url
        target.value = packed.SerializeToString(deterministic=True)


# message full name -> whether an Any can occur inside it; responses without one are not walked
_HOLDS_ANY: dict[str, bool] = {}


def _may_hold_any(descriptor: Any) -> bool:
    """Whether an Any is reachable from the message type (computed once per type)."""
    root = descriptor.full_name
    if root not in _HOLDS_ANY:
        seen = {root}
        todo = [descriptor]
        found = False
        while todo and not found:
            for field in todo.pop().fields:
                kind = field.message_type
                if kind is None or kind.full_name in seen:
                    continue
                found = kind.full_name == _ANY
                seen.add(kind.full_name)
                todo.append(kind)
                if found:
                    break
        _HOLDS_ANY[root] = found
    return _HOLDS_ANY[root]


def _unknown(item: Any) -> bool:
    if not isinstance(item, dict) or not isinstance(item.get("@type"), str):
        return False
    name = item["@type"].rsplit("/", 1)[-1]
    try:
        descriptor_pool.Default().FindMessageTypeByName(name)
    except KeyError:
        return True
    return False
