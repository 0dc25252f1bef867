"""The intermediate representation: language-neutral, frozen, JSON-serializable data.

Parsers (OpenAPI, proto) produce an `API`; renderers consume it. Nothing here is Python
source text: names are kept as the wire spelling plus the words they are made of, and
the renderer decides how identifiers look.
"""

from __future__ import annotations

from dataclasses import field
from typing import Literal, Union

from generator.ir.nodes import node

# A recursive alias needs string forward references, which `X | Y` cannot hold at run time.
JSONValue = Union[None, bool, int, float, str, list["JSONValue"], dict[str, "JSONValue"]]  # noqa: UP007

StreamingKind = Literal[
    "none", "sse", "ndjson", "server_stream", "client_stream", "bidi_stream", "websocket"
]
ParameterLocation = Literal["path", "query", "header", "cookie"]
PrimitiveKind = Literal["string", "integer", "number", "boolean", "binary"]


@node
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


@node
class Name:
    """A name as spelled on the wire and split into lower-case words (for casing by renderers)."""

    wire: str
    words: tuple[str, ...]


# ---------------------------------------------------------------------------
# Type expressions: how a field, parameter or body refers to a type.
# Named types live in `API.types` and are referenced by id (kind="ref").
# ---------------------------------------------------------------------------


@node
class Discriminator:
    """Which property of a union's payload names its variant, and the type each value selects."""

    property: str
    # wire value -> type id, sorted by value
    mapping: tuple[tuple[str, str], ...] = ()


@node
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


@node
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


@node
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


@node
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


@node
class EnumValue:
    """One value of an enum type."""

    value: str | int
    name: Name
    description: str = ""
    number: int | None = None  # proto enum number
    deprecated: bool = False


@node
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


@node
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


@node
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


@node
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


@node
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


@node
class RequestBody:
    """A body an operation takes, in one media type."""

    media_type: str  # application/json, multipart/form-data, application/x-www-form-urlencoded, ...
    type: TypeExpr
    required: bool = False
    description: str = ""
    # multipart: names of properties that carry files
    file_fields: tuple[str, ...] = ()


@node
class ResponseContent:
    """A response's body in one media type."""

    media_type: str
    type: TypeExpr | None  # None when the body is raw bytes or has no schema


@node
class Response:
    """One response of an operation, by status."""

    status: str  # "200", "2XX", "default"
    description: str = ""
    contents: tuple[ResponseContent, ...] = ()
    headers: tuple[str, ...] = ()


@node
class HttpBinding:
    """How an operation is reached over HTTP: method, path, parameters, bodies and responses."""

    method: str  # upper case
    path: str  # template with {name} placeholders ({name=**} kept as written for proto)
    parameters: tuple[Parameter, ...] = ()
    bodies: tuple[RequestBody, ...] = ()
    responses: tuple[Response, ...] = ()
    body_field: str = ""  # proto: "*" (whole message), a field name, or "" (no body)
    response_field: str = ""  # proto response_body selector


@node
class RpcBinding:
    """How an operation is reached as a gRPC method."""

    service: str  # full name: package.Service
    method: str
    request_type: str  # type id (proto full name)
    response_type: str
    client_streaming: bool = False
    server_streaming: bool = False
    http: tuple[HttpBinding, ...] = ()  # google.api.http and its additional_bindings


@node
class Pagination:
    """How an operation's results come in pages, by the wire names of its cursor and items."""

    style: Literal["cursor", "page_token", "offset"]
    request_param: str  # wire name of the request cursor ("after", "page_token")
    response_cursor: str  # wire name of the field with the next cursor ("last_id", "next_page_token")
    items_field: str  # wire name of the list field in the response ("data", "files")
    has_more_field: str = ""  # wire name of a boolean "more pages" flag, if any
    page_size_param: str = ""  # "limit", "page_size"


@node
class LongRunning:
    """What a long-running operation's metadata and final response are."""

    metadata_type: str = ""  # type id, "" when empty
    response_type: str = ""  # type id, "" when empty


@node
class WebSocketChannel:
    """A WebSocket an operation opens: its URL, query and the events each side sends."""

    url: str
    query: tuple[Parameter, ...] = ()
    client_events: TypeExpr | None = None
    server_events: TypeExpr | None = None


@node
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


@node
class Server:
    """A base URL an API is served at."""

    url: str
    description: str = ""


@node
class SecurityScheme:
    """A way a client authenticates."""

    id: str
    kind: Literal["http", "apiKey", "oauth2", "openIdConnect", "mutualTLS"]
    scheme: str = ""  # bearer, basic (http)
    header: str = ""  # apiKey in header: the header name
    location: str = ""  # apiKey: header, query, cookie
    description: str = ""


@node
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
