"""Custom options we understand, read from serialized option messages.

Extension numbers come from the descriptor set itself (the files that declare
`google.api.http`, `yandex.cloud.api.operation`, the Yandex validation options, ...),
so a tree that declares them differently is still read correctly.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from google.protobuf import descriptor_pb2
from google.protobuf.message import Message

from generator.proto import wire

HTTP = "google.api.http"
FIELD_BEHAVIOR = "google.api.field_behavior"
OPERATION = "yandex.cloud.api.operation"
EXACTLY_ONE = "yandex.cloud.exactly_one"
# Yandex validation options on fields, in the order docs show them
VALIDATION = (
    "yandex.cloud.required",
    "yandex.cloud.length",
    "yandex.cloud.value",
    "yandex.cloud.size",
    "yandex.cloud.pattern",
    "yandex.cloud.bytes",
    "yandex.cloud.unique",
    "yandex.cloud.map_key",
)

_HTTP_VERBS = {2: "GET", 3: "PUT", 4: "POST", 5: "DELETE", 6: "PATCH"}
_FIELD_BEHAVIORS = {
    1: "OPTIONAL",
    2: "REQUIRED",
    3: "OUTPUT_ONLY",
    4: "INPUT_ONLY",
    5: "IMMUTABLE",
    6: "UNORDERED_LIST",
    7: "NON_EMPTY_DEFAULT",
    8: "IDENTIFIER",
}


class HttpRule(NamedTuple):
    method: str
    path: str
    body: str = ""
    response_body: str = ""


class OperationOption(NamedTuple):
    metadata: str = ""
    response: str = ""


class Extensions:
    """Extension field numbers by full name, from the descriptor set."""

    def __init__(self, files: Sequence[descriptor_pb2.FileDescriptorProto]) -> None:
        self.numbers: dict[str, int] = {}
        for file in files:
            prefix = f"{file.package}." if file.package else ""
            for ext in file.extension:
                self.numbers[prefix + ext.name] = ext.number
            for message in file.message_type:
                self._nested(message, prefix + message.name)

    def _nested(self, message: descriptor_pb2.DescriptorProto, scope: str) -> None:
        for ext in message.extension:
            self.numbers[f"{scope}.{ext.name}"] = ext.number
        for nested in message.nested_type:
            self._nested(nested, f"{scope}.{nested.name}")

    def values(self, options: Message | dict[int, list[int | bytes]], name: str) -> list[int | bytes]:
        """Values of extension `name` in an options message (or its already decoded fields)."""
        number = self.numbers.get(name)
        if number is None:
            return []
        data = options if isinstance(options, dict) else wire.by_number(options.SerializeToString())
        return data.get(number, [])

    def http_rules(self, options: descriptor_pb2.MethodOptions) -> tuple[HttpRule, ...]:
        """The google.api.http rule followed by its additional_bindings."""
        rules: list[HttpRule] = []
        for value in self.values(options, HTTP):
            if isinstance(value, bytes):
                _http_rule(value, rules)
        return tuple(rules)

    def operation(self, options: descriptor_pb2.MethodOptions) -> OperationOption | None:
        values = self.values(options, OPERATION)
        if not values or not isinstance(values[-1], bytes):
            return None
        data = wire.by_number(values[-1])
        return OperationOption(
            metadata=wire.text(data[1][-1]) if 1 in data else "",
            response=wire.text(data[2][-1]) if 2 in data else "",
        )

    def field_behaviors(
        self, options: descriptor_pb2.FieldOptions | dict[int, list[int | bytes]]
    ) -> tuple[str, ...]:
        found: list[str] = []
        for value in self.values(options, FIELD_BEHAVIOR):
            for number in wire.packed_varints(value):
                found.append(_FIELD_BEHAVIORS.get(number, str(number)))
        return tuple(found)

    def validation(
        self, options: descriptor_pb2.FieldOptions | dict[int, list[int | bytes]]
    ) -> tuple[tuple[str, str], ...]:
        """(short option name, value as written) for each Yandex validation option present."""
        if not any(name in self.numbers for name in VALIDATION):
            return ()
        data = options if isinstance(options, dict) else wire.by_number(options.SerializeToString())
        found: list[tuple[str, str]] = []
        for name in VALIDATION:
            number = self.numbers.get(name)
            if number is None or number not in data:
                continue
            value = data[number][-1]
            short = name.rsplit(".", 1)[1]
            if short in ("required", "unique"):
                if value:
                    found.append((short, "true"))
            elif short == "map_key":
                found.append((short, _map_key(value)))
            else:
                found.append((short, wire.text(value)))
        return tuple(found)

    def exactly_one(self, options: descriptor_pb2.OneofOptions) -> bool:
        return any(bool(v) for v in self.values(options, EXACTLY_ONE))


def _http_rule(data: bytes, out: list[HttpRule]) -> None:
    method = path = body = response_body = ""
    additional: list[bytes] = []
    for number, _, value in wire.fields(data):
        if number in _HTTP_VERBS:
            method, path = _HTTP_VERBS[number], wire.text(value)
        elif number == 8 and isinstance(value, bytes):  # custom {kind, path}
            custom = wire.by_number(value)
            method = wire.text(custom.get(1, [b""])[-1]).upper()
            path = wire.text(custom.get(2, [b""])[-1])
        elif number == 7:
            body = wire.text(value)
        elif number == 12:
            response_body = wire.text(value)
        elif number == 11 and isinstance(value, bytes):
            additional.append(value)
    if method and path:
        out.append(HttpRule(method, path, body, response_body))
    for extra in additional:
        _http_rule(extra, out)


def _map_key(value: int | bytes) -> str:
    if not isinstance(value, bytes):
        return str(value)
    spec = wire.by_number(value)
    parts = [
        f"{label} {wire.text(spec[number][-1])}"
        for number, label in ((1, "value"), (2, "pattern"), (3, "length"))
        if number in spec
    ]
    return ", ".join(parts)
