"""WebSocket operations to `connect` method views: where the channel is, its query, its event types.

A channel becomes `connect(*, <query parameters>, extra_headers, extra_query, timeout)` returning a
`RealtimeConnection[<client events>, <server events>]` (async: `AsyncRealtimeConnection[...]`).
"""

from __future__ import annotations

from dataclasses import field
from urllib.parse import urlsplit, urlunsplit

from generator.ir.model import Operation, TypeExpr, UnionType
from generator.lazy_dataclass import lazy_dataclass
from generator.render.python.http.annotations import Annotator
from generator.render.python.http.operations import ArgumentView, parameter_style
from generator.render.python.http.symbols import Symbols
from generator.render.python.literals import clean_text, docstring, py_literal
from generator.render.python.naming import dedupe, safe_argument, snake

# Keyword arguments every connect method has, and names its body uses.
CONNECT_OPTIONS = ("extra_headers", "extra_query", "timeout")
_RUNTIME_NAMES = ("AsyncRealtimeConnection", "RealtimeConnection", "connect_realtime")
_HTTP_SCHEMES = {"ws": "http", "wss": "https", "http": "http", "https": "https"}
IMPORT = f"from .._runtime._realtime import {', '.join(_RUNTIME_NAMES)}"


EventTypes = tuple[str, list[tuple[str, str]]]


@lazy_dataclass
class ChannelView:
    name: str
    path: str  # Python literal: a path below the client's base URL, or an absolute http(s) URL
    url: str  # as declared, for docs
    arguments: list[ArgumentView]
    text: str  # summary and description, cleaned (docs show it)
    doc: str  # the method's docstring statement
    client_events: str  # annotation of what `send` takes
    server_events: str  # annotation of what `recv` returns; also the parser's target at run time
    query_styles: dict[str, str] = field(default_factory=dict)
    # for docs: the discriminator property, and (its value or "", type) of each event type
    client_event_types: EventTypes = ("", [])
    server_event_types: EventTypes = ("", [])
    deprecated: bool = False

    @property
    def ordered_arguments(self) -> list[ArgumentView]:
        return [a for a in self.arguments if a.required] + [
            a for a in self.arguments if not a.required
        ]


def build_channel(
    operation: Operation, name: str, annotator: Annotator, base_url: str
) -> ChannelView:
    channel = operation.websocket
    assert channel is not None
    wanted = [snake(p.name.words) for p in channel.query]
    names = dedupe([safe_argument(n, CONNECT_OPTIONS + _RUNTIME_NAMES) for n in wanted])
    arguments = [
        ArgumentView(
            name=argument,
            wire=p.name.wire,
            annotation=annotator.annotate(p.type, "input"),
            required=p.required,
            where="query",
            doc=p.description,
        )
        for argument, p in zip(names, channel.query)
    ]
    view = ChannelView(
        name=name,
        path=py_literal(channel_path(channel.url, base_url)),
        url=channel.url,
        arguments=arguments,
        text=_text(operation),
        doc="",
        client_events=_events(channel.client_events, annotator),
        server_events=_events(channel.server_events, annotator),
        query_styles={p.name.wire: s for p in channel.query if (s := parameter_style(p))},
        client_event_types=event_types(channel.client_events, annotator.symbols),
        server_event_types=event_types(channel.server_events, annotator.symbols),
        deprecated=operation.deprecated,
    )
    view.doc = _doc(view)
    return view


def channel_path(url: str, base_url: str) -> str:
    """Where the runtime connects: the channel's path below the base URL when the channel lives
    under it (ws:// pairs with http://, wss:// with https://), else the absolute URL as http(s).

    `wss://host/v1/realtime` under `https://host/v1` is `/realtime`; a url without a scheme is
    already a path below the base URL.
    """
    target = urlsplit(url)
    if not target.scheme:
        return url if url.startswith("/") else "/" + url
    base = urlsplit(base_url)
    base_path = base.path.rstrip("/")
    same_server = not base.netloc or (
        base.netloc.lower() == target.netloc.lower()
        and base.scheme.lower() == _HTTP_SCHEMES.get(target.scheme.lower())
    )
    if same_server and (target.path == base_path or target.path.startswith(base_path + "/")):
        return target.path[len(base_path) :] or "/"
    scheme = _HTTP_SCHEMES.get(target.scheme.lower(), target.scheme)
    return urlunsplit((scheme, target.netloc, target.path, target.query, ""))


def event_types(expr: TypeExpr | None, symbols: Symbols) -> EventTypes:
    """The discriminator property of an event union and its variants: (value, type), in order."""
    if expr is None:
        return "", []
    annotate = Annotator(symbols).annotate  # for docs: its imports are not the module's
    union: TypeExpr | UnionType | None = expr if expr.kind == "union" else None
    if expr.kind == "ref":
        named = symbols.types.get(expr.ref)
        union = named if isinstance(named, UnionType) else None
    if union is None:
        return "", [("", annotate(expr))]
    found = union.discriminator
    values = {ref: value for value, ref in found.mapping} if found else {}
    variants = [v for v in union.variants if not (v.kind == "const" and v.const is None)]
    return (found.property if found else ""), [(values.get(v.ref, ""), annotate(v)) for v in variants]


def _events(expr: TypeExpr | None, annotator: Annotator) -> str:
    return annotator.annotate(expr) if expr is not None else annotator.annotate(TypeExpr("any"))


def _text(operation: Operation) -> str:
    parts = [clean_text(operation.summary)] if operation.summary else []
    description = clean_text(operation.description)
    if description and (not parts or description != parts[0]):
        parts.append(description)
    if operation.deprecated:
        parts.append("Deprecated: this channel may be removed in a future version of the API.")
    return "\n\n".join(parts)


def _doc(view: ChannelView) -> str:
    parts = [view.text] if view.text else []
    parts.append(
        "Returns an open session: `send()` client events, iterate (or `recv()`) server events. "
        "Error events from the server arrive as events; the session stays open."
    )
    documented = [a for a in view.ordered_arguments if a.doc.strip()]
    if documented:
        lines = ["Args:"]
        for a in documented:
            first, *rest = clean_text(a.doc).split("\n")
            lines.append(f"    {a.name}: {first}")
            lines.extend(f"        {line}" if line else "" for line in rest)
        parts.append("\n".join(lines))
    return docstring("\n\n".join(parts), "        ")
