"""`x-codegen-websockets` -> IR operations with a WebSocket channel (OpenAPI has no such operations).

The extension is a top-level mapping from a channel id to its description:

    x-codegen-websockets:
      realtime:                                  # the operation id
        x-codegen-resource: realtime             # group (dotted for nesting); default: the id
        x-codegen-method: connect                # method name; default: connect
        summary: ...
        description: ...
        deprecated: false
        url: wss://api.example.com/v1/realtime   # ws:// or wss:// (or a path below the server URL)
        parameters: [...]                        # Parameter Objects, `in: query` only
        client_events: {$ref: ...}               # schema of the JSON messages the client sends
        server_events: {$ref: ...}               # schema of the JSON messages the server sends
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from generator.diagnostics import Diagnostics
from generator.ir.model import JSONValue, Name, Operation, Parameter, TypeExpr, WebSocketChannel
from generator.ir.words import make_name
from generator.openapi import shapes
from generator.openapi.load import RefProblem, Site, Spec
from generator.openapi.naming import Place
from generator.openapi.schemas import SchemaConverter

EXTENSION = "x-codegen-websockets"
DEFAULT_METHOD = "connect"
_KEYS = frozenset(
    {
        "x-codegen-resource",
        "x-codegen-method",
        "summary",
        "description",
        "deprecated",
        "url",
        "parameters",
        "client_events",
        "server_events",
    }
)
_SCHEMES = ("ws", "wss", "")


def convert_websockets(
    spec: Spec, schemas: SchemaConverter, diagnostics: Diagnostics, taken: set[str]
) -> list[Operation]:
    """One operation per channel of the extension; `taken` holds the ids already in use."""
    declared = spec.root.data.get(EXTENSION)
    site = spec.root_site.child(EXTENSION)
    if declared is None:
        return []
    if not isinstance(declared, dict):
        diagnostics.error(spec.where(site), f"`{EXTENSION}` must map channel ids to channels")
        return []
    operations = []
    for channel_id, entry in declared.items():
        entry_site = site.child(channel_id)
        if channel_id in taken:
            diagnostics.error(
                spec.where(entry_site),
                f"channel id {channel_id!r} is already an operation id",
                "rename the channel",
            )
            continue
        if not isinstance(entry, dict):
            diagnostics.error(spec.where(entry_site), "a channel must be a mapping")
            continue
        operation = _ChannelConverter(spec, schemas, diagnostics).convert(
            str(channel_id), entry, entry_site
        )
        if operation is not None:
            operations.append(operation)
    return operations


class _ChannelConverter:
    def __init__(self, spec: Spec, schemas: SchemaConverter, diagnostics: Diagnostics) -> None:
        self.spec = spec
        self.schemas = schemas
        self.diagnostics = diagnostics

    def convert(self, channel_id: str, entry: dict[str, Any], site: Site) -> Operation | None:
        for key in entry:
            if key not in _KEYS and not shapes.is_extension(key):
                self.diagnostics.warn(
                    self.spec.where(site.child(key)), f"unknown channel key {key!r}: ignored"
                )
        url = self._url(entry.get("url"), site.child("url"))
        if url is None:
            return None
        place = Place.root(channel_id)
        return Operation(
            id=channel_id,
            name=make_name(_text(entry.get("x-codegen-method")) or DEFAULT_METHOD),
            group=_group(entry.get("x-codegen-resource"), channel_id),
            summary=_text(entry.get("summary")),
            description=_text(entry.get("description")),
            deprecated=entry.get("deprecated") is True,
            websocket=WebSocketChannel(
                url=url,
                query=self._parameters(entry.get("parameters"), site.child("parameters"), place),
                client_events=self._events(entry, site, place, "client_events"),
                server_events=self._events(entry, site, place, "server_events"),
            ),
            streaming="websocket",
            location=self.spec.location(site),
        )

    def _url(self, declared: Any, site: Site) -> str | None:
        url = _text(declared)
        if not url:
            self.diagnostics.error(
                self.spec.where(site), "a channel needs a `url` (wss://host/path or a path)"
            )
            return None
        parts = urlsplit(url)
        if parts.scheme.lower() not in _SCHEMES:
            self.diagnostics.error(
                self.spec.where(site), f"channel url {url!r}: the scheme must be ws or wss"
            )
            return None
        if parts.query:
            self.diagnostics.warn(
                self.spec.where(site),
                "the channel url has a query: declare query parameters under `parameters`",
            )
        return url

    def _events(self, entry: dict[str, Any], site: Site, place: Place, key: str) -> TypeExpr | None:
        if key not in entry:
            self.diagnostics.warn(
                self.spec.where(site),
                f"the channel declares no `{key}`: its messages are untyped JSON",
            )
            return None
        return self.schemas.expr(entry[key], site.child(key), place.child(key))

    def _parameters(self, listed: Any, site: Site, place: Place) -> tuple[Parameter, ...]:
        if listed is None:
            return ()
        if not isinstance(listed, list):
            self.diagnostics.error(self.spec.where(site), "`parameters` must be a list")
            return ()
        found: dict[str, Parameter] = {}
        for index, entry in enumerate(listed):
            try:
                node, node_site = self.spec.deref(entry, site.child(index))
            except RefProblem as problem:
                self.diagnostics.error(problem.where, problem.message)
                continue
            name = node.get("name") if isinstance(node, dict) else None
            if not isinstance(node, dict) or not isinstance(name, str) or not name:
                self.diagnostics.warn(self.spec.where(node_site), "parameter without a `name`")
                continue
            if node.get("in") != "query":
                self.diagnostics.warn(
                    self.spec.where(node_site),
                    f"parameter {name!r}: a channel takes query parameters only; ignored",
                )
                continue
            found[name] = self._parameter(name, node, node_site, place)
        return tuple(found.values())

    def _parameter(self, name: str, node: dict[str, Any], site: Site, place: Place) -> Parameter:
        schema = node.get("schema")
        has_default = isinstance(schema, dict) and "default" in schema
        default: JSONValue = schema.get("default") if isinstance(schema, dict) else None
        style, explode = node.get("style"), node.get("explode")
        return Parameter(
            name=make_name(name),
            location="query",
            type=self.schemas.expr(schema, site.child("schema"), place.child(name)),
            required=node.get("required") is True,
            style=style if isinstance(style, str) else "",
            explode=explode if isinstance(explode, bool) else None,
            deprecated=node.get("deprecated") is True,
            description=_text(node.get("description")) or shapes.description(schema),
            default=default if has_default else None,
            has_default=has_default,
            source=self.spec.location(site),
        )


def _group(resource: Any, channel_id: str) -> tuple[Name, ...]:
    if isinstance(resource, str) and resource.strip("."):
        return tuple(make_name(part) for part in resource.split(".") if part)
    return (make_name(channel_id),)


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""
