"""`x-codegen-websockets` -> WebSocket operations in the IR, and where the renderer connects them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.diagnostics import Diagnostics, SpecError
from generator.ir.model import API, Location, Operation, TypeExpr, WebSocketChannel
from generator.openapi.front_end import load_openapi
from generator.render.python.http.symbols import build_symbols
from generator.render.python.http.websockets import channel_path, event_types

EVENTS = {
    "Ping": {
        "type": "object",
        "required": ["type"],
        "properties": {"type": {"type": "string", "const": "ping"}},
    },
    "Pong": {
        "type": "object",
        "required": ["type"],
        "properties": {"type": {"type": "string", "const": "pong"}},
    },
    "ServerEvent": {
        "oneOf": [{"$ref": "#/components/schemas/Ping"}, {"$ref": "#/components/schemas/Pong"}],
        "discriminator": {"propertyName": "type"},
    },
}


def channel(**overrides: Any) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "url": "wss://api.example.com/v1/live",
        "client_events": {"$ref": "#/components/schemas/Ping"},
        "server_events": {"$ref": "#/components/schemas/ServerEvent"},
    }
    entry.update(overrides)
    return {key: value for key, value in entry.items() if value is not None}


def load(tmp_path: Path, channels: Any, diagnostics: Diagnostics | None = None) -> API:
    document = {
        "openapi": "3.1.0",
        "info": {"title": "T", "version": "1"},
        "servers": [{"url": "https://api.example.com/v1"}],
        "paths": {
            "/things": {
                "get": {"operationId": "listThings", "responses": {"200": {"description": "OK"}}}
            }
        },
        "components": {"schemas": EVENTS},
        "x-codegen-websockets": channels,
    }
    path = tmp_path / "openapi.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return load_openapi(path, "pkg", diagnostics or Diagnostics(), cache_dir=None)


def websocket(api: API, op_id: str) -> tuple[Operation, WebSocketChannel]:
    operation = next(o for o in api.operations if o.id == op_id)
    assert operation.websocket is not None
    return operation, operation.websocket


def test_a_channel_becomes_a_websocket_operation(tmp_path: Path) -> None:
    parameters = [
        {"name": "model", "in": "query", "required": True, "schema": {"type": "string"}},
        {"name": "rate", "in": "query", "schema": {"type": "integer", "default": 16000}},
    ]
    api = load(
        tmp_path,
        {
            "live": channel(
                summary="Live session",
                parameters=parameters,
                **{"x-codegen-resource": "audio.live", "x-codegen-method": "open"},
            ),
            "echo": channel(),
        },
    )
    assert [o.id for o in api.operations] == ["echo", "listThings", "live"]  # sorted by id
    operation, socket = websocket(api, "live")
    assert operation.streaming == "websocket"
    assert operation.http is None
    assert operation.name.wire == "open"
    assert [n.wire for n in operation.group] == ["audio", "live"]
    assert operation.summary == "Live session"
    assert operation.location == Location("openapi.yaml", "/x-codegen-websockets/live")
    assert socket.url == "wss://api.example.com/v1/live"
    assert socket.client_events == TypeExpr(kind="ref", ref="Ping")
    assert socket.server_events == TypeExpr(kind="ref", ref="ServerEvent")
    model, rate = socket.query
    assert (model.name.wire, model.location, model.required) == ("model", "query", True)
    assert model.type == TypeExpr(kind="primitive", primitive="string")
    assert (rate.required, rate.has_default, rate.default) == (False, True, 16000)
    assert rate.source == Location("openapi.yaml", "/x-codegen-websockets/live/parameters/1")
    # defaults: the group is the channel id, the method `connect`
    operation, _ = websocket(api, "echo")
    assert operation.name.wire == "connect"
    assert [n.wire for n in operation.group] == ["echo"]


def test_inline_event_schemas_are_named_after_the_channel(tmp_path: Path) -> None:
    inline = {"type": "object", "properties": {"type": {"type": "string"}, "text": {"type": "string"}}}
    api = load(tmp_path, {"chat": channel(client_events=inline)})
    _, socket = websocket(api, "chat")
    assert socket.client_events == TypeExpr(kind="ref", ref="chat.client_events")
    assert any(t.id == "chat.client_events" for t in api.types)


def test_a_broken_event_ref_is_an_error_with_its_location(tmp_path: Path) -> None:
    diagnostics = Diagnostics()
    with pytest.raises(SpecError):
        load(tmp_path, {"live": channel(server_events={"$ref": "#/components/schemas/Nope"})}, diagnostics)
    [problem] = diagnostics.errors
    assert problem.location.pointer == "/x-codegen-websockets/live/server_events/$ref"
    assert "Nope" in problem.message


@pytest.mark.parametrize(
    ("entry", "pointer", "text"),
    [
        (channel(url=None), "/x-codegen-websockets/live/url", "needs a `url`"),
        (channel(url="https://api.example.com/live"), "/x-codegen-websockets/live/url", "ws or wss"),
        ("wss://x", "/x-codegen-websockets/live", "must be a mapping"),
    ],
)
def test_unusable_channels_are_errors(tmp_path: Path, entry: Any, pointer: str, text: str) -> None:
    diagnostics = Diagnostics()
    with pytest.raises(SpecError):
        load(tmp_path, {"live": entry}, diagnostics)
    [problem] = diagnostics.errors
    assert problem.location.pointer == pointer
    assert text in problem.message


def test_a_channel_id_must_not_be_an_operation_id(tmp_path: Path) -> None:
    diagnostics = Diagnostics()
    with pytest.raises(SpecError):
        load(tmp_path, {"listThings": channel()}, diagnostics)
    assert "already an operation id" in diagnostics.errors[0].message


def test_slips_are_warnings(tmp_path: Path) -> None:
    diagnostics = Diagnostics()
    parameters = [{"name": "token", "in": "header", "schema": {"type": "string"}}]
    api = load(
        tmp_path,
        {"live": channel(parameters=parameters, server_events=None, server_event={"type": "object"})},
        diagnostics,
    )
    _, socket = websocket(api, "live")
    assert socket.query == ()
    assert socket.server_events is None
    warned = {(p.location.pointer, p.message.split(":")[0]) for p in diagnostics.warnings}
    assert ("/x-codegen-websockets/live/parameters/0", "parameter 'token'") in warned
    assert ("/x-codegen-websockets/live/server_event", "unknown channel key 'server_event'") in warned
    assert any("no `server_events`" in p.message for p in diagnostics.warnings)


def test_no_extension_no_websocket_operations(tmp_path: Path) -> None:
    api = load(tmp_path, None)
    assert [o.id for o in api.operations] == ["listThings"]


@pytest.mark.parametrize(
    ("url", "base", "path"),
    [
        ("wss://ai.api.cloud.yandex.net/v1/realtime/openai", "https://ai.api.cloud.yandex.net/v1", "/realtime/openai"),
        ("ws://localhost:8080/api/live", "http://localhost:8080/api/", "/live"),
        ("wss://api.example.com/live", "https://api.example.com", "/live"),
        ("wss://API.example.com/v1/live", "https://api.example.com/v1", "/live"),
        ("/live", "https://api.example.com/v1", "/live"),
        ("live", "https://api.example.com/v1", "/live"),
        ("wss://api.example.com/v1/live", "/v1", "/live"),
        # elsewhere: absolute (as http(s), which the runtime turns back into ws(s))
        ("wss://other.example.com/v1/live", "https://api.example.com/v1", "https://other.example.com/v1/live"),
        ("ws://api.example.com/v1/live", "https://api.example.com/v1", "http://api.example.com/v1/live"),
        ("wss://api.example.com/v10/live", "https://api.example.com/v1", "https://api.example.com/v10/live"),
    ],
)
def test_channel_path(url: str, base: str, path: str) -> None:
    assert channel_path(url, base) == path


def test_event_types_for_docs(tmp_path: Path) -> None:
    api = load(tmp_path, {"live": channel()})
    _, socket = websocket(api, "live")
    symbols = build_symbols(api)
    assert event_types(socket.server_events, symbols) == ("type", [("ping", "Ping"), ("pong", "Pong")])
    assert event_types(socket.client_events, symbols) == ("", [("", "Ping")])
    assert event_types(None, symbols) == ("", [])
