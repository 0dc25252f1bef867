"""Plain Python values into protobuf requests: mappings, wrappers, datetimes, enum names.

Every keyword argument of a generated method, and every mapping nested inside one, goes
through `build`: a message instance is copied as is; a mapping is filled field by field; a
wrapper field (`BoolValue`, `Int64Value`, ...) takes the plain value; a `Timestamp` takes an
aware `datetime` (a naive one is refused: its time zone would be a guess), a `Duration` a
`timedelta`; an enum takes its number or its name; `Struct`/`Value`/`ListValue` take JSON-like
values. `None` anywhere leaves the field unset.

The field setters of a message type are built once, on its first use, and cached by type; a
call then costs a dict lookup and a type check per field given. A problem raises
`RequestValueError` naming the field path (`completion_options.max_tokens: expected int, got
str`) before anything is sent.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime, timedelta
from typing import Any, TypeVar

from google.protobuf import json_format
from google.protobuf.descriptor import FieldDescriptor
from google.protobuf.message import Message

__all__ = ["RequestValueError", "build"]

MessageT = TypeVar("MessageT", bound=Message)
Setter = Callable[[Message, Any, str], None]  # (message, value, path of the field)
# protobuf's descriptor classes differ by backend (upb, python) and by version: read them as Any
Descriptor = Any


class RequestValueError(TypeError, ValueError):
    """A keyword argument or a value inside it does not fit its field; nothing was sent.

    Both a `TypeError` (a value of the wrong type) and a `ValueError` (an unknown field or
    enum name); `field` is the dotted path of the field (`messages[0].role`).
    """

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.field = field


def build(cls: type[MessageT], values: Mapping[str, Any] | MessageT) -> MessageT:
    """A `cls` message from keyword values (None = unset), or `values` itself if it is one."""
    if isinstance(values, cls):
        return values
    message = cls()
    _fill(message, values, "")
    return message


# --- filling a message from a mapping -----------------------------------------------------


class _Setters:
    """The setters of one message type, by field name, and its oneof groups."""

    __slots__ = ("setters", "oneofs", "full_name")

    def __init__(self, descriptor: Descriptor) -> None:
        self.full_name = descriptor.full_name
        self.setters: dict[str, Setter] = {}
        self.oneofs: dict[str, str] = {}  # field -> its (real) oneof
        for field in descriptor.fields:
            self.setters[field.name] = _field_setter(field)
            oneof = field.containing_oneof
            # a proto3 `optional` field sits alone in a hidden oneof `_<name>`: not a choice
            if oneof is not None and oneof.name != "_" + field.name:
                self.oneofs[field.name] = oneof.name


_SETTERS: dict[type, _Setters] = {}  # by message class, built on first use


def _fill(message: Message, values: Any, path: str) -> None:
    if values.__class__ is not dict and not isinstance(values, Mapping):
        raise _wrong(path.rstrip(".") or "request", f"a mapping or {message.DESCRIPTOR.name}", values)
    table = _SETTERS.get(message.__class__)
    if table is None:
        table = _SETTERS[message.__class__] = _Setters(message.DESCRIPTOR)
    setters, oneofs = table.setters, table.oneofs
    chosen: dict[str, str] | None = None
    for key, value in values.items():
        if value is None:
            continue
        setter = setters.get(key)
        if setter is None:
            raise _unknown(path, key, table)
        if oneofs and key in oneofs:
            chosen = _choose(chosen, oneofs[key], key, path)
        setter(message, value, path + key)


def _choose(chosen: dict[str, str] | None, oneof: str, key: str, path: str) -> dict[str, str]:
    chosen = {} if chosen is None else chosen
    other = chosen.get(oneof)
    if other is not None:
        raise RequestValueError(
            f"{path}{key}: only one of the fields of `{oneof}` may be set, and `{other}` is",
            field=path + key,
        )
    chosen[oneof] = key
    return chosen


def _unknown(path: str, key: object, table: _Setters) -> RequestValueError:
    names = sorted(table.setters)
    where = f"{path}{key}"
    if not isinstance(key, str):
        return RequestValueError(f"{where}: field names are strings, got {_kind(key)}", field=where)
    close = difflib.get_close_matches(key, names, n=1)
    hint = f"did you mean `{close[0]}`?" if close else "fields: " + ", ".join(names)
    return RequestValueError(f"{where}: {table.full_name} has no field `{key}`; {hint}", field=where)


def _kind(value: object) -> str:
    return type(value).__name__


def _wrong(path: str, expected: str, value: object) -> RequestValueError:
    return RequestValueError(f"{path}: expected {expected}, got {_kind(value)}", field=path)


# --- one setter per field -------------------------------------------------------------------

_INT_TYPES = frozenset(
    {
        FieldDescriptor.TYPE_INT32, FieldDescriptor.TYPE_INT64, FieldDescriptor.TYPE_UINT32,
        FieldDescriptor.TYPE_UINT64, FieldDescriptor.TYPE_SINT32, FieldDescriptor.TYPE_SINT64,
        FieldDescriptor.TYPE_FIXED32, FieldDescriptor.TYPE_FIXED64,
        FieldDescriptor.TYPE_SFIXED32, FieldDescriptor.TYPE_SFIXED64,
    }
)  # fmt: skip
_FLOAT_TYPES = frozenset({FieldDescriptor.TYPE_DOUBLE, FieldDescriptor.TYPE_FLOAT})

# well-known wrappers: full name -> (accepted plain types, their name in messages)
_WRAPPERS: dict[str, tuple[tuple[type, ...], str]] = {
    "google.protobuf.BoolValue": ((bool,), "bool"),
    "google.protobuf.Int32Value": ((int,), "int"),
    "google.protobuf.Int64Value": ((int,), "int"),
    "google.protobuf.UInt32Value": ((int,), "int"),
    "google.protobuf.UInt64Value": ((int,), "int"),
    "google.protobuf.FloatValue": ((float, int), "float"),
    "google.protobuf.DoubleValue": ((float, int), "float"),
    "google.protobuf.StringValue": ((str,), "str"),
    "google.protobuf.BytesValue": ((bytes,), "bytes"),
}
_JSON_TYPES = frozenset({"google.protobuf.Struct", "google.protobuf.Value", "google.protobuf.ListValue"})

Convert = Callable[[Any, str], Any]  # a plain value -> what the field stores (checked)


def _scalar(field: Descriptor) -> Convert:
    """A checking conversion for one scalar (or enum) value."""
    kind = field.type
    if kind == FieldDescriptor.TYPE_ENUM:
        return _enum(field.enum_type)
    if kind == FieldDescriptor.TYPE_BOOL:
        return _exact((bool,), "bool")
    if kind in _INT_TYPES:
        return _exact((int,), "int")
    if kind in _FLOAT_TYPES:
        return _exact((float, int), "float")
    if kind == FieldDescriptor.TYPE_BYTES:
        return _exact((bytes,), "bytes")
    return _exact((str,), "str")


def _exact(types: tuple[type, ...], expected: str) -> Convert:
    exact = frozenset(types)

    def convert(value: Any, path: str) -> Any:
        if value.__class__ in exact:
            return value
        # subclasses (str enums, numpy-free ints) pass; bool is never a number to us
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            raise _wrong(path, expected, value)
        return value

    return convert


def _enum(enum: Descriptor) -> Convert:
    numbers = {name: value.number for name, value in enum.values_by_name.items()}

    def convert(value: Any, path: str) -> Any:
        if isinstance(value, str):
            number = numbers.get(value)
            if number is None:
                close = difflib.get_close_matches(value, list(numbers), n=1)
                hint = f"; did you mean `{close[0]}`?" if close else f"; one of {', '.join(numbers)}"
                raise RequestValueError(f"{path}: {enum.name} has no value `{value}`{hint}", field=path)
            return number
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        raise _wrong(path, f"{enum.name} (a name or a number)", value)

    return convert


def _refused(path: str, error: Exception) -> RequestValueError:
    """Protobuf's own checks (int ranges, UTF-8), reported with the field path."""
    return RequestValueError(f"{path}: {error}", field=path)


def _field_setter(field: Descriptor) -> Setter:
    name = field.name
    descriptor = field.message_type
    if descriptor is not None and descriptor.GetOptions().map_entry:
        return _map_setter(field)
    repeated = _is_repeated(field)
    if descriptor is not None:
        into = _message_into(descriptor)
        if repeated:

            def set_messages(message: Message, value: Any, path: str) -> None:
                items = _items(value, path)
                container = getattr(message, name)
                if isinstance(items, (list, tuple)) and all(
                    isinstance(item, Message) and item.DESCRIPTOR is descriptor for item in items
                ):
                    container.extend(items)  # ready-made messages: copied once, as protobuf does
                    return
                for index, item in enumerate(items):
                    into(container.add(), item, f"{path}[{index}]")

            return set_messages

        def set_message(message: Message, value: Any, path: str) -> None:
            if isinstance(value, Message) and value.DESCRIPTOR is descriptor:
                getattr(message, name).CopyFrom(value)
            else:
                into(getattr(message, name), value, path)

        return set_message
    convert = _scalar(field)
    if repeated:

        def set_scalars(message: Message, value: Any, path: str) -> None:
            items = [convert(item, f"{path}[{index}]") for index, item in enumerate(_items(value, path))]
            try:
                getattr(message, name).extend(items)
            except (TypeError, ValueError) as error:
                raise _refused(path, error) from None

        return set_scalars

    def set_scalar(message: Message, value: Any, path: str) -> None:
        value = convert(value, path)
        try:
            setattr(message, name, value)
        except (TypeError, ValueError) as error:
            raise _refused(path, error) from None

    return set_scalar


def _is_repeated(field: Descriptor) -> bool:
    # `is_repeated` since protobuf 5.29 (`label` is gone in 7); `label` before
    flag = getattr(field, "is_repeated", None)
    if flag is not None:
        return bool(flag)
    return bool(field.label == FieldDescriptor.LABEL_REPEATED)


def _items(value: Any, path: str) -> Iterable[Any]:
    if value.__class__ is list or value.__class__ is tuple:
        return value
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise _wrong(path, "a list", value)
    return value


Into = Callable[[Message, Any, str], None]  # fill a (sub)message in place from a value


def _message_into(descriptor: Descriptor) -> Into:
    """How a value becomes the content of a message field of this type."""
    full_name = descriptor.full_name
    wrapper = _WRAPPERS.get(full_name)
    if wrapper is not None:
        types, expected = wrapper
        plain = _exact(types, expected)

        def into_wrapper(target: Message, value: Any, path: str) -> None:
            if isinstance(value, Message):
                _copy(target, value, path)
                return
            value = plain(value, path)
            target.SetInParent()
            try:
                target.value = value  # type: ignore[attr-defined]
            except (TypeError, ValueError) as error:
                raise _refused(path, error) from None

        return into_wrapper
    if full_name == "google.protobuf.Timestamp":
        return _into_timestamp
    if full_name == "google.protobuf.Duration":
        return _into_duration
    if full_name in _JSON_TYPES:
        return _into_json

    def into_message(target: Message, value: Any, path: str) -> None:
        if isinstance(value, Message):
            _copy(target, value, path)
            return
        target.SetInParent()  # an empty mapping still sets the field
        _fill(target, value, path + ".")

    return into_message


def _copy(target: Message, value: Message, path: str) -> None:
    if value.DESCRIPTOR is not target.DESCRIPTOR:
        raise _wrong(path, f"{target.DESCRIPTOR.name} or a mapping", value)
    target.CopyFrom(value)


def _plain_or_message(accepts: type, expected: str, into: Into) -> Into:
    """`into` for values of the `accepts` type; a message of the field's type is copied."""

    def convert(target: Message, value: Any, path: str) -> None:
        if isinstance(value, accepts):
            into(target, value, path)
        elif isinstance(value, Message):
            _copy(target, value, path)
        else:
            raise _wrong(path, expected, value)

    return convert


def _from_datetime(target: Any, value: datetime, path: str) -> None:
    if value.tzinfo is None or value.utcoffset() is None:
        raise RequestValueError(
            f"{path}: a naive datetime has no time zone; pass an aware one"
            " (e.g. datetime.now(timezone.utc))",
            field=path,
        )
    target.FromDatetime(value)


def _from_timedelta(target: Any, value: timedelta, path: str) -> None:
    target.FromTimedelta(value)


_into_timestamp = _plain_or_message(datetime, "datetime or Timestamp", _from_datetime)
_into_duration = _plain_or_message(timedelta, "timedelta or Duration", _from_timedelta)


def _into_json(target: Message, value: Any, path: str) -> None:
    if isinstance(value, Message):
        _copy(target, value, path)
        return
    try:
        json_format.ParseDict(value, target)
    except json_format.ParseError as error:
        raise _refused(path, error) from None


def _map_setter(field: Descriptor) -> Setter:
    name = field.name
    entry = field.message_type
    key_convert = _scalar(entry.fields_by_name["key"])
    value_field = entry.fields_by_name["value"]
    if value_field.message_type is not None:
        into = _message_into(value_field.message_type)

        def set_message_map(message: Message, value: Any, path: str) -> None:
            container = getattr(message, name)
            for key, item in _pairs(value, path):
                where = f"{path}[{key!r}]"
                into(container[key_convert(key, where)], item, where)

        return set_message_map
    convert = _scalar(value_field)

    def set_scalar_map(message: Message, value: Any, path: str) -> None:
        container = getattr(message, name)
        for key, item in _pairs(value, path):
            where = f"{path}[{key!r}]"
            try:
                container[key_convert(key, where)] = convert(item, where)
            except (TypeError, ValueError) as error:
                if isinstance(error, RequestValueError):
                    raise
                raise _refused(where, error) from None

    return set_scalar_map


def _pairs(value: Any, path: str) -> Iterable[tuple[Any, Any]]:
    if not isinstance(value, Mapping):
        raise _wrong(path, "a mapping", value)
    return value.items()
