"""Which way the values of each named type travel: in requests, in responses, or both.

The IR does not tag types with a direction, so it is derived from where operations use them:
- request roots: parameter types, request body types, the rpc request message, WebSocket query
  parameters and client events;
- response roots: response content types, the rpc response message, long-running result and
  metadata types, WebSocket server events;
- a type is used in a direction when it is reachable from a root of that direction through field
  types, map values, union variants and alias targets. A `read_only` field (proto OUTPUT_ONLY) does
  not carry the request direction on, a `write_only` field (INPUT_ONLY) not the response one.
A type no operation reaches is treated as used both ways, which is the cautious reading.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Literal

from generator.ir.model import API, Field, NamedType, ObjectType, Operation, TypeExpr, UnionType
from generator.lazy_dataclass import lazy_dataclass

Direction = Literal["request", "response"]
Directions = frozenset[Direction]

REQUEST: Directions = frozenset({"request"})
RESPONSE: Directions = frozenset({"response"})
BOTH: Directions = frozenset({"request", "response"})


@lazy_dataclass(frozen=True)
class Usage:
    directions: dict[str, Directions]  # type id -> where its values travel; absent = unused

    def of_type(self, type_id: str) -> Directions:
        return self.directions.get(type_id) or BOTH

    def of_field(self, type_id: str, field: Field) -> Directions:
        """The directions of a field's values: its object's, less those its read/write-only flag rules out."""
        directions = self.of_type(type_id)
        if field.read_only:
            kept = directions & RESPONSE
        elif field.write_only:
            kept = directions & REQUEST
        else:
            kept = directions
        return kept or directions

    def merged(self, other: Usage) -> Usage:
        ids = sorted(set(self.directions) | set(other.directions))
        return Usage(
            {
                i: self.directions.get(i, frozenset()) | other.directions.get(i, frozenset())
                for i in ids
            }
        )


def usage(api: API) -> Usage:
    types = {t.id: t for t in api.types}
    found: dict[str, set[Direction]] = {}
    for direction in ("request", "response"):
        starts = [root for op in api.operations for way, root in roots(op) if way == direction]
        for type_id in _walk(types, starts, direction):
            found.setdefault(type_id, set()).add(direction)
    return Usage({i: frozenset(found[i]) for i in sorted(found)})


def reached(api: API, operations: Iterable[Operation]) -> set[str]:
    """Every named type id the requests or responses of `operations` reach."""
    types = {t.id: t for t in api.types}
    chosen = list(operations)
    out: set[str] = set()
    for direction in ("request", "response"):
        starts = [root for op in chosen for way, root in roots(op) if way == direction]
        out |= _walk(types, starts, direction)
    return out


def roots(operation: Operation) -> Iterator[tuple[Direction, TypeExpr]]:
    """The type expressions an operation sends and receives, each with its direction."""
    bindings = [operation.http] if operation.http is not None else []
    if operation.rpc is not None:
        yield "request", _ref(operation.rpc.request_type)
        yield "response", _ref(operation.rpc.response_type)
        bindings.extend(operation.rpc.http)
    for binding in bindings:
        for parameter in binding.parameters:
            yield "request", parameter.type
        for body in binding.bodies:
            yield "request", body.type
        for response in binding.responses:
            for content in response.contents:
                if content.type is not None:
                    yield "response", content.type
    if operation.long_running is not None:
        for type_id in (operation.long_running.metadata_type, operation.long_running.response_type):
            if type_id:
                yield "response", _ref(type_id)
    socket = operation.websocket
    if socket is not None:
        for parameter in socket.query:
            yield "request", parameter.type
        if socket.client_events is not None:
            yield "request", socket.client_events
        if socket.server_events is not None:
            yield "response", socket.server_events


def _ref(type_id: str) -> TypeExpr:
    return TypeExpr(kind="ref", ref=type_id)


def refs(expr: TypeExpr) -> Iterator[str]:
    """The named type ids a type expression mentions."""
    if expr.kind == "ref" and expr.ref:
        yield expr.ref
    if expr.items is not None:
        yield from refs(expr.items)
    for variant in expr.variants:
        yield from refs(variant)


def _walk(
    types: dict[str, NamedType], starts: Iterable[TypeExpr], direction: Direction
) -> set[str]:
    seen: set[str] = set()
    pending = [type_id for root in starts for type_id in refs(root)]
    while pending:
        type_id = pending.pop()
        if type_id in seen:
            continue
        seen.add(type_id)
        named = types.get(type_id)
        if named is not None:
            pending.extend(_children(named, direction))
    return seen


def _children(named: NamedType, direction: Direction) -> Iterable[str]:
    if isinstance(named, ObjectType):
        for field in named.fields:
            if (direction == "request" and field.read_only) or (
                direction == "response" and field.write_only
            ):
                continue
            yield from refs(field.type)
        if named.additional is not None:
            yield from refs(named.additional)
    elif isinstance(named, UnionType):
        for variant in named.variants:
            yield from refs(variant)
    elif named.kind == "alias":
        yield from refs(named.target)
