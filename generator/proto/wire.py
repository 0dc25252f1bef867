"""Just enough of the protobuf wire format to read custom options by field number.

Options such as `google.api.http` or `yandex.cloud.required` are extensions that the
generator's own descriptor pool does not know; their serialized bytes are decoded here.
"""

from __future__ import annotations

from collections.abc import Iterator

VARINT, FIXED64, LENGTH, FIXED32 = 0, 1, 2, 5


def _varint(data: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result, pos
        shift += 7


def fields(data: bytes) -> Iterator[tuple[int, int, int | bytes]]:
    """(field number, wire type, value): ints for varint/fixed fields, bytes for the rest."""
    pos = 0
    end = len(data)
    while pos < end:
        key, pos = _varint(data, pos)
        number, wire_type = key >> 3, key & 7
        value: int | bytes
        if wire_type == VARINT:
            value, pos = _varint(data, pos)
        elif wire_type == FIXED64:
            value, pos = int.from_bytes(data[pos : pos + 8], "little"), pos + 8
        elif wire_type == FIXED32:
            value, pos = int.from_bytes(data[pos : pos + 4], "little"), pos + 4
        elif wire_type == LENGTH:
            size, pos = _varint(data, pos)
            value, pos = data[pos : pos + size], pos + size
        else:  # groups are not used by any option we read
            raise ValueError(f"unsupported wire type {wire_type}")
        yield number, wire_type, value


def by_number(data: bytes) -> dict[int, list[int | bytes]]:
    out: dict[int, list[int | bytes]] = {}
    for number, _, value in fields(data):
        out.setdefault(number, []).append(value)
    return out


def packed_varints(value: int | bytes) -> list[int]:
    """A repeated enum/int field: one varint, or a packed run of them."""
    if isinstance(value, int):
        return [value]
    out: list[int] = []
    pos = 0
    while pos < len(value):
        item, pos = _varint(value, pos)
        out.append(item)
    return out


def text(value: int | bytes) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else str(value)
