"""Paths -> operations: naming, grouping, parameters, bodies, responses, streaming, pagination."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.diagnostics import Diagnostics
from generator.ir.model import (
    API,
    HttpBinding,
    ObjectType,
    Operation,
    Pagination,
    SecurityScheme,
    Server,
    TypeExpr,
)
from generator.openapi.front_end import load_openapi

BINARY = TypeExpr(kind="primitive", primitive="binary", format="binary")


def load(tmp_path: Path, paths: dict[str, Any], **extra: Any) -> API:
    document = {"openapi": "3.1.0", "info": {"title": "T", "version": "1"}, "paths": paths}
    document.update(extra)
    path = tmp_path / "openapi.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")
    return load_openapi(path, "pkg", Diagnostics(), cache_dir=None)


def op(api: API, op_id: str) -> Operation:
    return next(o for o in api.operations if o.id == op_id)


def http(api: API, op_id: str) -> HttpBinding:
    binding = op(api, op_id).http
    assert binding is not None
    return binding


def ok(schema: dict[str, Any] | None = None, media: str = "application/json") -> dict[str, Any]:
    content = {media: {"schema": schema}} if schema is not None else {media: {}}
    return {"200": {"description": "OK", "content": content}}


def json_body(schema: dict[str, Any]) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def test_ids_names_and_groups(tmp_path: Path) -> None:
    api = load(
        tmp_path,
        {
            "/vector_stores": {
                "post": {
                    "operationId": "createVectorStore",
                    "tags": ["Vector stores"],
                    "responses": {},
                }
            },
            "/models/{model}": {
                "parameters": [
                    {"name": "model", "in": "path", "required": True, "schema": {"type": "string"}}
                ],
                "get": {"responses": {}},
                "delete": {"operationId": "deleteModel", "responses": {}},
            },
            "/chat/completions": {
                "post": {
                    "operationId": "createChatCompletion",
                    "tags": ["Chat"],
                    "x-codegen-resource": "chat.completions",
                    "x-codegen-method": "create",
                    "responses": {},
                }
            },
        },
    )
    assert [o.id for o in api.operations] == [
        "GET /models/{model}",
        "createChatCompletion",
        "createVectorStore",
        "deleteModel",
    ]
    store = op(api, "createVectorStore")
    assert [g.words for g in store.group] == [("vector", "stores")]
    assert store.name.words == ("create",)  # the resource noun is dropped (method_names.py); the id keeps the spec name
    unnamed = op(api, "GET /models/{model}")
    assert unnamed.name.words == ("get",)  # "get models" in resource `models`
    assert [g.words for g in unnamed.group] == [("models",)]
    chat = op(api, "createChatCompletion")
    assert [g.wire for g in chat.group] == ["chat", "completions"]
    assert chat.name.wire == "create"
    assert chat.location is not None and chat.location.pointer == "/paths/~1chat~1completions/post"


def test_idempotency(tmp_path: Path) -> None:
    api = load(
        tmp_path,
        {
            "/a": {
                "get": {"operationId": "getA", "responses": {}},
                "put": {"operationId": "putA", "responses": {}},
                "post": {"operationId": "postA", "responses": {}},
                "patch": {"operationId": "patchA", "x-idempotent": True, "responses": {}},
                "delete": {"operationId": "deleteA", "x-idempotent": False, "responses": {}},
            }
        },
    )
    assert {o.id: o.idempotent for o in api.operations} == {
        "getA": True,
        "putA": True,
        "postA": False,
        "patchA": True,
        "deleteA": False,
    }


def test_parameters_are_merged_and_resolved(tmp_path: Path) -> None:
    api = load(
        tmp_path,
        {
            "/items/{item_id}": {
                "parameters": [
                    {"$ref": "#/components/parameters/ItemId"},
                    {"name": "limit", "in": "query", "schema": {"type": "integer"}},
                ],
                "get": {
                    "operationId": "getItem",
                    "parameters": [
                        {
                            "name": "limit",
                            "in": "query",
                            "description": "Overrides.",
                            "schema": {"type": "integer", "default": 20},
                        },
                        {"name": "limit", "in": "header", "schema": {"type": "string"}},
                        {
                            "name": "ids",
                            "in": "query",
                            "style": "form",
                            "explode": False,
                            "deprecated": True,
                            "schema": {"type": "array", "items": {"type": "string"}},
                        },
                        {"name": "order", "in": "query", "schema": {"enum": ["asc", "desc"]}},
                        {"name": "sid", "in": "cookie", "schema": {"type": "string"}},
                    ],
                    "responses": {},
                },
            }
        },
        components={
            "parameters": {
                "ItemId": {
                    "name": "item_id",
                    "in": "path",
                    "required": True,
                    "schema": {"type": "string"},
                }
            }
        },
    )
    params = http(api, "getItem").parameters
    assert [(p.name.wire, p.location) for p in params] == [
        ("item_id", "path"),
        ("limit", "query"),
        ("limit", "header"),
        ("ids", "query"),
        ("order", "query"),
        ("sid", "cookie"),
    ]
    item_id, limit, _, ids, order, _ = params
    assert item_id.required
    assert (limit.description, limit.default, limit.has_default) == ("Overrides.", 20, True)
    assert (ids.style, ids.explode, ids.deprecated) == ("form", False, True)
    assert ids.type == TypeExpr(kind="list", items=TypeExpr(kind="primitive", primitive="string"))
    assert order.type == TypeExpr(kind="ref", ref="getItem.order")
    assert item_id.source is not None
    assert item_id.source.pointer == "/components/parameters/ItemId"


def test_request_bodies_by_media_type(tmp_path: Path) -> None:
    upload = {
        "type": "object",
        "required": ["file"],
        "properties": {
            "file": {"type": "string", "format": "binary"},
            "extra": {"type": "array", "items": {"type": "string", "format": "binary"}},
            "purpose": {"type": "string"},
        },
    }
    api = load(
        tmp_path,
        {
            "/files": {
                "post": {
                    "operationId": "createFile",
                    "requestBody": {
                        "required": True,
                        "description": "The upload.",
                        "content": {
                            "multipart/form-data": {"schema": upload},
                            "application/x-www-form-urlencoded": {"schema": ref("Form")},
                            "application/octet-stream": {},
                            "application/merge-patch+json": {"schema": ref("Form")},
                            "text/csv": {},
                        },
                    },
                    "responses": {},
                }
            }
        },
        components={
            "schemas": {"Form": {"type": "object", "properties": {"a": {"type": "string"}}}}
        },
    )
    bodies = http(api, "createFile").bodies
    assert [b.media_type for b in bodies] == [
        "multipart/form-data",
        "application/x-www-form-urlencoded",
        "application/octet-stream",
        "application/merge-patch+json",
        "text/csv",
    ]
    multipart, form, octets, merge, csv = bodies
    assert multipart.type == TypeExpr(kind="ref", ref="createFile.request")
    assert multipart.file_fields == ("file", "extra")
    assert multipart.required and multipart.description == "The upload."
    assert form.type == TypeExpr(kind="ref", ref="Form") and form.file_fields == ()
    assert octets.type == BINARY and csv.type == BINARY
    assert merge.type == TypeExpr(kind="ref", ref="Form")
    request = next(t for t in api.types if t.id == "createFile.request")
    assert isinstance(request, ObjectType)
    assert request.name.words == ("create", "file", "request")


def test_responses_sorted_and_classified(tmp_path: Path) -> None:
    api = load(
        tmp_path,
        {
            "/speech": {
                "post": {
                    "operationId": "createSpeech",
                    "responses": {
                        "default": {"$ref": "#/components/responses/Error"},
                        "4XX": {"description": "Client error"},
                        "201": {"description": "Created", "content": {"audio/mpeg": {}}},
                        "200": {
                            "description": "OK",
                            "headers": {"X-Request-Id": {"schema": {"type": "string"}}},
                            "content": {
                                "application/octet-stream": {},
                                "text/plain": {},
                                "application/json": {"schema": ref("Out")},
                            },
                        },
                        "404": {"description": "Missing"},
                    },
                }
            }
        },
        components={
            "schemas": {"Out": {"type": "object", "properties": {"a": {"type": "string"}}}},
            "responses": {
                "Error": {
                    "description": "Error",
                    "content": {"application/json": {"schema": ref("Out")}},
                }
            },
        },
    )
    responses = http(api, "createSpeech").responses
    assert [r.status for r in responses] == ["200", "201", "404", "4XX", "default"]
    ok_response = responses[0]
    assert ok_response.headers == ("X-Request-Id",)
    assert [(c.media_type, c.type) for c in ok_response.contents] == [
        ("application/octet-stream", BINARY),
        ("text/plain", TypeExpr(kind="primitive", primitive="string")),
        ("application/json", TypeExpr(kind="ref", ref="Out")),
    ]
    assert responses[1].contents[0].type == BINARY
    assert responses[4].description == "Error"


def test_inline_response_ids_add_the_status_only_when_needed(tmp_path: Path) -> None:
    inline = {"type": "object", "properties": {"a": {"type": "string"}}}
    api = load(
        tmp_path,
        {
            "/one": {"get": {"operationId": "one", "responses": ok(inline)}},
            "/two": {
                "get": {
                    "operationId": "two",
                    "responses": {
                        **ok(inline),
                        "202": {
                            "description": "Accepted",
                            "content": {"application/json": {"schema": inline}},
                        },
                    },
                }
            },
        },
    )
    ids = {t.id for t in api.types}
    assert {"one.response", "two.response.200", "two.response.202"} <= ids


def test_sse_with_stream_flag_and_terminator(tmp_path: Path) -> None:
    request = {
        "type": "object",
        "properties": {"prompt": {"type": "string"}, "stream": {"type": ["boolean", "null"]}},
    }
    chunk = {"type": "object", "properties": {"delta": {"type": "string"}}}
    api = load(
        tmp_path,
        {
            "/complete": {
                "post": {
                    "operationId": "complete",
                    "x-codegen-sse-terminator": "[DONE]",
                    "requestBody": json_body(request),
                    "responses": {
                        "200": {
                            "description": "OK",
                            "content": {
                                "application/json": {"schema": ref("Done")},
                                "text/event-stream": {"schema": chunk},
                            },
                        }
                    },
                }
            },
            "/events": {
                "get": {"operationId": "events", "responses": ok(chunk, "text/event-stream")}
            },
            "/lines": {
                "get": {"operationId": "lines", "responses": ok(chunk, "application/x-ndjson")}
            },
            "/plain": {"get": {"operationId": "plain", "responses": ok(ref("Done"))}},
        },
        components={
            "schemas": {"Done": {"type": "object", "properties": {"a": {"type": "string"}}}}
        },
    )
    complete = op(api, "complete")
    assert (complete.streaming, complete.stream_flag, complete.stream_terminator) == (
        "sse",
        "stream",
        "[DONE]",
    )
    sse_content = http(api, "complete").responses[0].contents[1]
    assert sse_content.type == TypeExpr(kind="ref", ref="complete.response.event_stream")
    events = op(api, "events")
    assert (events.streaming, events.stream_flag, events.stream_terminator) == ("sse", "", "")
    assert op(api, "lines").streaming == "ndjson"
    assert op(api, "plain").streaming == "none"


def _page(extra: dict[str, Any] | None = None) -> dict[str, Any]:
    properties: dict[str, Any] = {
        "data": {"type": "array", "items": {"type": "string"}},
        "has_more": {"type": "boolean"},
    }
    properties.update(extra or {})
    return {"type": "object", "properties": properties}


def _query(*names: str) -> list[dict[str, Any]]:
    return [{"name": n, "in": "query", "schema": {"type": "string"}} for n in names]


def test_pagination_heuristics_and_extension(tmp_path: Path) -> None:
    api = load(
        tmp_path,
        {
            "/a": {
                "get": {
                    "operationId": "listA",
                    "parameters": _query("after", "limit"),
                    "responses": ok(ref("PageWithLastId")),
                }
            },
            "/b": {
                "get": {
                    "operationId": "listB",
                    "parameters": _query("after"),
                    "responses": ok(_page()),
                }
            },
            "/c": {
                "get": {
                    "operationId": "listC",
                    "parameters": _query("page_token", "page_size"),
                    "responses": ok(
                        {
                            "type": "object",
                            "properties": {
                                "files": {"type": "array", "items": {"type": "string"}},
                                "next_page_token": {"type": "string"},
                            },
                        }
                    ),
                }
            },
            "/d": {
                "get": {
                    "operationId": "listD",
                    "parameters": _query("cursor"),
                    "x-codegen-pagination": {
                        "style": "cursor",
                        "request_param": "cursor",
                        "response_cursor": "next",
                        "items": "results",
                        "has_more": "more",
                        "page_size_param": "n",
                    },
                    "responses": ok(_page()),
                }
            },
            "/e": {
                "post": {
                    "operationId": "notAList",
                    "parameters": _query("after"),
                    "responses": ok(_page()),
                }
            },
        },
        components={"schemas": {"PageWithLastId": _page({"last_id": {"type": "string"}})}},
    )
    assert op(api, "listA").pagination == Pagination(
        style="cursor",
        request_param="after",
        response_cursor="last_id",
        items_field="data",
        has_more_field="has_more",
        page_size_param="limit",
    )
    assert op(api, "listB").pagination == Pagination(
        style="cursor",
        request_param="after",
        response_cursor="",
        items_field="data",
        has_more_field="has_more",
    )
    assert op(api, "listC").pagination == Pagination(
        style="page_token",
        request_param="page_token",
        response_cursor="next_page_token",
        items_field="files",
        page_size_param="page_size",
    )
    assert op(api, "listD").pagination == Pagination(
        style="cursor",
        request_param="cursor",
        response_cursor="next",
        items_field="results",
        has_more_field="more",
        page_size_param="n",
    )
    assert op(api, "notAList").pagination is None


def test_servers_security_and_extensions(tmp_path: Path) -> None:
    api = load(
        tmp_path,
        {},
        servers=[
            {
                "url": "https://{host}/v{version}",
                "description": "Main",
                "variables": {"host": {"default": "llm.example.net"}, "version": {"default": "1"}},
            }
        ],
        components={
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "Bearer"},
                "apiKey": {"type": "apiKey", "in": "header", "name": "Authorization"},
                "oauth": {"type": "oauth2", "flows": {}},
            }
        },
        **{"x-zeta": {"b": 1, "a": 2}, "x-alpha": [1]},
    )
    assert api.servers == (Server(url="https://llm.example.net/v1", description="Main"),)
    assert api.security == (
        SecurityScheme(id="apiKey", kind="apiKey", header="Authorization", location="header"),
        SecurityScheme(id="bearer", kind="http", scheme="bearer"),
        SecurityScheme(id="oauth", kind="oauth2"),
    )
    assert api.extensions == (("x-alpha", [1]), ("x-zeta", {"b": 1, "a": 2}))
    assert (api.title, api.version, api.name, api.source) == ("T", "1", "pkg", "openapi")
