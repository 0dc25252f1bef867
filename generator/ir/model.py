"""The intermediate representation: language-neutral, frozen, JSON-serializable data.

Parsers (OpenAPI, proto) produce an `API`; renderers consume it. Nothing here is Python
source text: names are kept as the wire spelling plus the words they are made of, and
the renderer decides how identifiers look.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, Union

# A recursive alias needs string forward references, which `X | Y` cannot hold at run time.
JSONValue = Union[None, bool, int, float, str, list["JSONValue"], dict[str, "JSONValue"]]  # noqa: UP007

StreamingKind = Literal[
    "none", "sse", "ndjson", "server_stream", "client_stream", "bidi_stream", "websocket"
]
ParameterLocation = Literal["path", "query", "header", "cookie"]
PrimitiveKind = Literal["string", "integer", "number", "boolean", "binary"]


@dataclass(frozen=True)
class Location:
    """Where a node came from: a file plus a JSON pointer (OpenAPI) or line/column (proto)."""

    file: str
    pointer: str = ""
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        where = self.file
        if self.line:
            where += f":{self.line}" + (f":{self.column}" if self.column else "")
        if self.pointer:
            where += f"#{self.pointer}"
        return where


@dataclass(frozen=True)
class Name:
    """A name as spelled on the wire and split into lower-case words (for casing by renderers)."""

    wire: str
    words: tuple[str, ...]


# ---------------------------------------------------------------------------
# Type expressions: how a field, parameter or body refers to a type.
# Named types live in `API.types` and are referenced by id (kind="ref").
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Discriminator:
    """Which property of a union's payload names its variant, and the type each value selects."""

    property: str
    # wire value -> type id, sorted by value
    mapping: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class TypeExpr:
    """A type as a field, parameter or body refers to it: a named type by id, or built in place."""

    kind: Literal["ref", "primitive", "list", "map", "union", "const", "any"]
    ref: str = ""  # kind="ref": a type id in API.types
    primitive: PrimitiveKind | None = None  # kind="primitive"
    format: str = ""  # date-time, date, int64, uuid, byte, binary, float, double, ...
    items: TypeExpr | None = None  # kind="list" (element) or kind="map" (value)
    variants: tuple[TypeExpr, ...] = ()  # kind="union"
    discriminator: Discriminator | None = None  # kind="union"
    const: JSONValue = None  # kind="const"
    nullable: bool = False


# ---------------------------------------------------------------------------
# Named types
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Validation:
    """Constraints that a client may check cheaply and that docs show."""

    required: bool = False
    min_length: int | None = None
    max_length: int | None = None
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False
    exclusive_maximum: bool = False
    min_items: int | None = None
    max_items: int | None = None
    multiple_of: float | None = None
    pattern: str = ""
    text: str = ""  # the rule as written in the source when not expressible above


@dataclass(frozen=True)
class ProtoField:
    """What a field is in its .proto message: number, protobuf type, label, oneof."""

    number: int
    proto_type: str  # "string", "int64", "message", "enum", ...
    label: Literal["optional", "required", "repeated"] = "optional"
    json_name: str = ""
    oneof: str = ""
    proto3_optional: bool = False
    type_name: str = ""  # message or enum full name, without a leading dot
    behaviors: tuple[str, ...] = ()  # google.api.field_behavior values


@dataclass(frozen=True)
class Field:
    """A field of an object type."""

    name: Name
    type: TypeExpr
    required: bool = False
    nullable: bool = False
    default: JSONValue = None
    has_default: bool = False
    read_only: bool = False
    write_only: bool = False
    deprecated: bool = False
    description: str = ""
    validation: Validation | None = None
    proto: ProtoField | None = None
    location: Location | None = None


@dataclass(frozen=True)
class EnumValue:
    """One value of an enum type."""

    value: str | int
    name: Name
    description: str = ""
    number: int | None = None  # proto enum number
    deprecated: bool = False


@dataclass(frozen=True)
class ObjectType:
    """A named type with fields (an OpenAPI object schema, a proto message)."""

    id: str
    name: Name
    fields: tuple[Field, ...]
    description: str = ""
    additional: TypeExpr | None = None  # additionalProperties value type; None = not declared
    deprecated: bool = False
    oneofs: tuple[str, ...] = ()  # proto oneof group names
    reserved_numbers: tuple[tuple[int, int], ...] = ()  # proto reserved ranges, [start, end)
    reserved_names: tuple[str, ...] = ()
    location: Location | None = None
    kind: Literal["object"] = "object"


@dataclass(frozen=True)
class EnumType:
    """A named type whose values are listed."""

    id: str
    name: Name
    values: tuple[EnumValue, ...]
    base: Literal["string", "integer"] = "string"
    description: str = ""
    deprecated: bool = False
    location: Location | None = None
    kind: Literal["enum"] = "enum"


@dataclass(frozen=True)
class UnionType:
    """A named type that is one of several type expressions."""

    id: str
    name: Name
    variants: tuple[TypeExpr, ...]
    discriminator: Discriminator | None = None
    description: str = ""
    deprecated: bool = False
    location: Location | None = None
    kind: Literal["union"] = "union"


@dataclass(frozen=True)
class AliasType:
    """A named type that is another type expression: a primitive, list, map, const or any."""

    id: str
    name: Name
    target: TypeExpr
    description: str = ""
    deprecated: bool = False
    location: Location | None = None
    kind: Literal["alias"] = "alias"


NamedType = Union[ObjectType, EnumType, UnionType, AliasType]  # noqa: UP007 (used at run time)


# ---------------------------------------------------------------------------
# Operations
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Parameter:
    """An operation's parameter in the path, query, headers or cookies."""

    name: Name
    location: ParameterLocation
    type: TypeExpr
    required: bool = False
    style: str = ""  # OpenAPI style (form, simple, deepObject, ...); "" = the default for `location`
    explode: bool | None = None
    deprecated: bool = False
    description: str = ""
    default: JSONValue = None
    has_default: bool = False
    validation: Validation | None = None
    source: Location | None = None


@dataclass(frozen=True)
class RequestBody:
    """A body an operation takes, in one media type."""

    media_type: str  # application/json, multipart/form-data, application/x-www-form-urlencoded, ...
    type: TypeExpr
    required: bool = False
    description: str = ""
    # multipart: names of properties that carry files
    file_fields: tuple[str, ...] = ()


@dataclass(frozen=True)
class ResponseContent:
    """A response's body in one media type."""

    media_type: str
    type: TypeExpr | None  # None when the body is raw bytes or has no schema


@dataclass(frozen=True)
class Response:
    """One response of an operation, by status."""

    status: str  # "200", "2XX", "default"
    description: str = ""
    contents: tuple[ResponseContent, ...] = ()
    headers: tuple[str, ...] = ()


@dataclass(frozen=True)
class HttpBinding:
    """How an operation is reached over HTTP: method, path, parameters, bodies and responses."""

    method: str  # upper case
    path: str  # template with {name} placeholders ({name=**} kept as written for proto)
    parameters: tuple[Parameter, ...] = ()
    bodies: tuple[RequestBody, ...] = ()
    responses: tuple[Response, ...] = ()
    body_field: str = ""  # proto: "*" (whole message), a field name, or "" (no body)
    response_field: str = ""  # proto response_body selector


@dataclass(frozen=True)
class RpcBinding:
    """How an operation is reached as a gRPC method."""

    service: str  # full name: package.Service
    method: str
    request_type: str  # type id (proto full name)
    response_type: str
    client_streaming: bool = False
    server_streaming: bool = False
    http: tuple[HttpBinding, ...] = ()  # google.api.http and its additional_bindings


@dataclass(frozen=True)
class Pagination:
    """How an operation's results come in pages, by the wire names of its cursor and items."""

    style: Literal["cursor", "page_token", "offset"]
    request_param: str  # wire name of the request cursor ("after", "page_token")
    response_cursor: str  # wire name of the field with the next cursor ("last_id", "next_page_token")
    items_field: str  # wire name of the list field in the response ("data", "files")
    has_more_field: str = ""  # wire name of a boolean "more pages" flag, if any
    page_size_param: str = ""  # "limit", "page_size"


@dataclass(frozen=True)
class LongRunning:
    """What a long-running operation's metadata and final response are."""

    metadata_type: str = ""  # type id, "" when empty
    response_type: str = ""  # type id, "" when empty


@dataclass(frozen=True)
class WebSocketChannel:
    """A WebSocket an operation opens: its URL, query and the events each side sends."""

    url: str
    query: tuple[Parameter, ...] = ()
    client_events: TypeExpr | None = None
    server_events: TypeExpr | None = None


@dataclass(frozen=True)
class Operation:
    """One call a client makes: its binding (HTTP, gRPC, WebSocket), streaming and paging."""

    id: str  # operationId, "METHOD path", or "/package.Service/Method"
    name: Name  # the method name within its group
    group: tuple[Name, ...]  # resource path, e.g. (chat, completions)
    summary: str = ""
    description: str = ""
    deprecated: bool = False
    idempotent: bool = False
    http: HttpBinding | None = None
    rpc: RpcBinding | None = None
    websocket: WebSocketChannel | None = None
    streaming: StreamingKind = "none"
    # SSE operations that stream only when a boolean body flag is set (OpenAI's `stream: true`)
    stream_flag: str = ""
    # SSE: the data payload that ends the stream ("[DONE]"); "" when the stream ends with the body
    stream_terminator: str = ""
    pagination: Pagination | None = None
    long_running: LongRunning | None = None
    location: Location | None = None


@dataclass(frozen=True)
class Server:
    """A base URL an API is served at."""

    url: str
    description: str = ""


@dataclass(frozen=True)
class SecurityScheme:
    """A way a client authenticates."""

    id: str
    kind: Literal["http", "apiKey", "oauth2", "openIdConnect", "mutualTLS"]
    scheme: str = ""  # bearer, basic (http)
    header: str = ""  # apiKey in header: the header name
    location: str = ""  # apiKey: header, query, cookie
    description: str = ""


@dataclass(frozen=True)
class API:
    """One specification, normalized. Sequences are sorted by id for determinism."""

    name: str  # package name as configured
    title: str
    version: str
    description: str = ""
    source: Literal["openapi", "proto"] = "openapi"
    servers: tuple[Server, ...] = ()
    security: tuple[SecurityScheme, ...] = ()
    operations: tuple[Operation, ...] = ()
    types: tuple[NamedType, ...] = ()
    extensions: tuple[tuple[str, JSONValue], ...] = ()  # top-level x-* data a renderer may use
    files: tuple[str, ...] = field(default=())  # inputs, relative to the spec root


def _ir_classes() -> list[type]:
    return [
        value
        for value in list(globals().values())
        if isinstance(value, type) and value.__module__ == __name__ and "__dataclass_fields__" in vars(value)
    ]


def _unguarded_reprs() -> None:
    """Drop the guard `dataclass` puts around each `__repr__` against a node containing itself.

    IR nodes are frozen and built from their parts, so they form trees and the guard never
    fires; it costs a third of `generator.ir.serialize.content_digest`, which digests nodes by
    their repr (every operation and type, every run). The text of a repr is unchanged."""
    for value in _ir_classes():
        guarded = vars(value).get("__repr__")
        if guarded is not None and hasattr(guarded, "__wrapped__"):
            value.__repr__ = guarded.__wrapped__  # type: ignore[method-assign]


def _direct_inits() -> None:
    """Give each IR class an `__init__` that stores its fields straight into the new node's
    `__dict__`.

    A frozen dataclass's own `__init__` stores each field through `object.__setattr__` (its
    class's `__setattr__` refuses): about four times a plain store, and the front ends make
    hundreds of thousands of nodes (every field of a proto tree makes a `Field`, a `ProtoField`
    and a `Location`). The signature, the defaults and the order of the attributes are the
    dataclass's; nodes stay frozen (`__setattr__` still refuses). Each is written when its class
    first makes a node (writing all at import took ~2 ms of every run, most of which make few)."""
    for value in _ir_classes():
        value.__init__ = _installing_init(value)  # type: ignore[misc]


def _installing_init(cls: type) -> Callable[..., None]:
    """An `__init__` that puts `_direct_init(cls)` in its place, then runs it."""

    def __init__(self: Any, *args: Any, **values: Any) -> None:
        init = _direct_init(cls)
        cls.__init__ = init  # type: ignore[misc]
        init(self, *args, **values)

    return __init__


def _direct_init(cls: type) -> Callable[..., None]:
    """`cls.__init__` as `dataclass` writes it (positional or keyword parameters, the same
    defaults), each field stored into `self.__dict__`."""
    if hasattr(cls, "__post_init__"):  # (a plain store would skip it)
        raise TypeError(f"{cls.__name__}: `_direct_init` does not call `__post_init__`")
    params, stores, defaults = ["self"], [], {}
    for item in dataclasses.fields(cls):
        if not item.init or item.kw_only or item.default_factory is not dataclasses.MISSING:
            raise TypeError(f"{cls.__name__}.{item.name}: a field `_direct_init` does not write")
        if item.default is dataclasses.MISSING:
            params.append(item.name)
        else:
            defaults[f"_{item.name}_default"] = item.default
            params.append(f"{item.name}=_{item.name}_default")
        stores.append(f"    state[{item.name!r}] = {item.name}")
    source = "\n".join([f"def __init__({', '.join(params)}):", "    state = self.__dict__", *stores])
    namespace: dict[str, Any] = dict(defaults)
    exec(compile(source, f"<{cls.__qualname__}.__init__>", "exec"), namespace)
    init: Callable[..., None] = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    return init


_unguarded_reprs()
_direct_inits()
