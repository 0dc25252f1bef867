"""Markdown docs of a proto package: an index and a page per service.

Each method shows its RPC and HTTP binding, request and response fields with validation
rules, streaming and long-running notes, and sync/async examples over gRPC and REST.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from generator.ir.model import Field, ObjectType, Operation, TypeExpr
from generator.render.docs.markdown import md_code
from generator.render.python.grpc.calls import Paging, companions, is_idempotent
from generator.render.python.grpc.surface import (
    OPERATION_TYPE,
    NamespaceInfo,
    ServiceInfo,
    method_names,
)
from generator.render.python.grpc.views import ClientView, Context, service_description
from generator.render.python.literals import clean_text
from generator.render.templates import render_template


@dataclass(frozen=True)
class FieldRow:
    name: str
    type: str
    description: str


@dataclass(frozen=True)
class MethodDoc:
    anchor: str
    call: str  # client.ns.service.method
    description: str
    rpc: str
    http: list[str]
    notes: list[str]
    request: str
    request_fields: list[FieldRow]
    response: str
    response_fields: list[FieldRow]
    examples: list[tuple[str, str]]  # (title, code)
    pager: str = ""  # the paging companion's call, e.g. `files.file.list_all(folder_id="...")`


@dataclass(frozen=True)
class ServiceDoc:
    title: str
    description: str
    full_name: str
    page: str
    methods: list[MethodDoc]
    rest: bool


def render_proto_docs(
    ctx: Context, client: ClientView, options: Mapping[str, Any]
) -> dict[str, str]:
    base = f"docs/{ctx.package}"
    files: dict[str, str] = {}
    services: list[tuple[NamespaceInfo, ServiceDoc]] = []
    for namespace in ctx.namespaces:
        for service in namespace.services:
            doc = service_doc(ctx, namespace, service)
            services.append((namespace, doc))
            files[f"{base}/{doc.page}"] = render_template("docs/proto/service.md.j2", service=doc)
    files[f"{base}/index.md"] = render_template(
        "docs/proto/index.md.j2",
        title=clean_text(str(options.get("title") or ctx.api.title or ctx.package)),
        package=ctx.package,
        services=[(n.attribute, s) for n, s in services],
        grpc_endpoints=client.grpc_endpoints,
        rest_endpoints=client.rest_endpoints,
        has_operations=client.has_poller,
        auth=client.auth,
        paged=next((m.pager for _, doc in services for m in doc.methods if m.pager), ""),
    )
    return files


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell: one line, pipes escaped."""
    return " ".join(clean_text(text).split()).replace("|", "\\|")


def type_text(expr: TypeExpr, f: Field | None = None) -> str:
    if expr.kind == "list" and expr.items is not None:
        return f"repeated {type_text(expr.items)}"
    if expr.kind == "map" and expr.items is not None:
        return f"map<{expr.format or 'string'}, {type_text(expr.items)}>"
    if expr.kind == "ref":
        return expr.ref.rsplit(".", 1)[-1]
    if f is not None and f.proto is not None:
        return f.proto.proto_type
    if expr.primitive == "string" and expr.format == "byte":
        return "bytes"
    return expr.format or expr.primitive or expr.kind


def field_rows(message: ObjectType | None) -> list[FieldRow]:
    if message is None:
        return []
    rows = []
    for f in message.fields:
        notes = []
        if f.proto is not None and f.proto.oneof:
            notes.append(f"one of `{f.proto.oneof}`")
        if f.validation is not None and f.validation.text:
            text = f.validation.text
            # patterns would otherwise read as Markdown links and emphasis
            notes.append(md_code(text) if any(c in text for c in "[]*_`<>\\") else text)
        elif f.required:
            notes.append("required")
        if f.read_only:
            notes.append("output only")
        if f.deprecated:
            notes.append("deprecated")
        description = cell(f.description)
        if notes:
            description = f"{description} *({cell('; '.join(notes))})*".strip()
        rows.append(FieldRow(f"`{f.name.wire}`", f"`{cell(type_text(f.type, f))}`", description))
    return rows


def _example_value(f: Field) -> str:
    if f.type.kind == "list":
        return "[...]"
    if f.type.kind == "map":
        return "{...}"
    if f.type.kind == "ref":
        return f"{f.type.ref.rsplit('.', 1)[-1]}(...)"
    proto_type = f.proto.proto_type if f.proto else "string"
    if proto_type == "bytes":
        return 'b"..."'
    if proto_type == "bool":
        return "True"
    if proto_type in ("double", "float"):
        return "0.5"
    if proto_type == "string":
        return '"..."'
    return "1"


def example_arguments(message: ObjectType | None) -> str:
    if message is None:
        return ""
    chosen = [f for f in message.fields if f.required]
    if not chosen and message.fields:
        chosen = [message.fields[0]]
    return ", ".join(f"{f.name.wire}={_example_value(f)}" for f in chosen[:3])


def _examples(
    ctx: Context, call: str, op: Operation, request: ObjectType | None, rest: bool, pager: str
) -> list[tuple[str, str]]:
    assert op.rpc is not None
    args = example_arguments(request)
    if op.rpc.client_streaming:
        args = "iter(requests)"
    sync_use, async_use = _usage(op, call, args)
    if pager:
        every = f"client.{call.rsplit('.', 1)[0]}.{pager}({args})"
        sync_use += f"\nfor item in {every}:  # every page\n    print(item)"
        async_use += f"\nasync for item in {every}:  # every page\n    print(item)"
    package = ctx.package
    out = [
        (
            "gRPC, sync",
            f"from {package} import Client\n\n"
            f'with Client(api_key="...") as client:\n{_indent(sync_use)}',
        ),
        (
            "gRPC, async",
            f"from {package} import AsyncClient\n\n"
            f'async with AsyncClient(api_key="...") as client:\n{_indent(async_use)}',
        ),
    ]
    if rest:
        out.append(
            (
                "REST, sync",
                f"from {package} import Client\n\n"
                f'with Client(api_key="...", transport="rest") as client:\n{_indent(sync_use)}',
            )
        )
        out.append(
            (
                "REST, async",
                f"from {package} import AsyncClient\n\n"
                f'async with AsyncClient(api_key="...", transport="rest") as client:\n'
                f"{_indent(async_use)}",
            )
        )
    return out


def _usage(op: Operation, call: str, args: str) -> tuple[str, str]:
    assert op.rpc is not None
    invoke = f"client.{call}({args})"
    if op.long_running is not None and op.rpc.response_type == OPERATION_TYPE:
        return (
            f"operation = {invoke}\nresult = operation.wait(timeout=300)",
            f"operation = await {invoke}\nresult = await operation.wait(timeout=300)",
        )
    if op.rpc.server_streaming:
        return (
            f"for message in {invoke}:\n    print(message)",
            f"async for message in {invoke}:\n    print(message)",
        )
    return f"response = {invoke}", f"response = await {invoke}"


def _indent(code: str) -> str:
    return "\n".join("    " + line if line else line for line in code.split("\n"))


def _pager_call(call: str, pager: str, request: ObjectType | None) -> str:
    if not pager:
        return ""
    return f"{call.rsplit('.', 1)[0]}.{pager}({example_arguments(request)})"


def _retry_note(op: Operation) -> str:
    assert op.rpc is not None
    if op.rpc.client_streaming:
        return "Retries: never (a request stream cannot be replayed)."
    if is_idempotent(op):
        return (
            "Retries: safe to repeat, so retried on `UNAVAILABLE` and `RESOURCE_EXHAUSTED` "
            "(over REST also 408, 429, 5xx and connection failures)."
        )
    return (
        "Retries: not idempotent, so retried only when it surely was not processed "
        "(`RESOURCE_EXHAUSTED` / 429, or a connection refused before sending); "
        "pass `idempotency_key=` to have it retried like a read."
    )


def _notes(op: Operation, pager: str, page: Paging | None) -> list[str]:
    assert op.rpc is not None
    notes = []
    if op.long_running is not None and op.rpc.response_type == OPERATION_TYPE:
        result = op.long_running.response_type or "google.protobuf.Any"
        meta = op.long_running.metadata_type or "google.protobuf.Any"
        notes.append(
            f"Long-running: returns an operation handle; `wait()` polls `OperationService.Get` "
            f"and returns `{result}`; `metadata` is `{meta}`; a failed operation raises the "
            "typed status error."
        )
    if op.streaming == "server_stream":
        notes.append(
            "Server streaming: iterate the result. Over REST the response is newline-delimited "
            '`{"result": ...}` objects.'
        )
    elif op.streaming in ("client_stream", "bidi_stream"):
        notes.append("Streams requests: pass an iterable of messages; gRPC only.")
    if not op.rpc.http:
        notes.append("gRPC only: there is no REST mapping, `transport=\"rest\"` raises `RestUnavailableError`.")
    if op.pagination is not None and page is not None:
        notes.append(
            f"Paged: `{pager}(...)` takes the same arguments and iterates every item of "
            f"`{page.items}` across pages (`async for` on the async client), fetching the next "
            "page as the items run out; its `pages()` yields the responses. Or pass "
            f"`{op.pagination.request_param}` from the previous response's "
            f"`{op.pagination.response_cursor}` yourself."
        )
    elif op.pagination is not None:
        notes.append(
            f"Paged: pass `{op.pagination.request_param}` from the previous response's "
            f"`{op.pagination.response_cursor}`; items are in `{op.pagination.items_field}`."
        )
    notes.append(_retry_note(op))
    if op.deprecated:
        notes.append("Deprecated.")
    return notes


def service_doc(ctx: Context, namespace: NamespaceInfo, service: ServiceInfo) -> ServiceDoc:
    methods = []
    names = method_names(service.operations)
    pagers = companions(service.operations, names, ctx.types)
    for op, name, companion in zip(service.operations, names, pagers, strict=True):
        pager, page = companion if companion is not None else ("", None)
        rpc = op.rpc
        assert rpc is not None
        request = ctx.types.get(rpc.request_type)
        response_id = rpc.response_type
        if op.long_running is not None and rpc.response_type == OPERATION_TYPE:
            response_id = op.long_running.response_type or rpc.response_type
        response = ctx.types.get(response_id)
        call = f"{namespace.attribute}.{service.attribute}.{name}"
        methods.append(
            MethodDoc(
                anchor=name,
                call=call,
                description=clean_text(op.description),
                rpc=op.id,
                http=[
                    f"`{b.method} {b.path}`" + (f" (body `{b.body_field}`)" if b.body_field else "")
                    for b in rpc.http
                ],
                notes=_notes(op, pager, page),
                request=rpc.request_type,
                request_fields=field_rows(request if isinstance(request, ObjectType) else None),
                response=response_id,
                response_fields=field_rows(response if isinstance(response, ObjectType) else None),
                examples=_examples(
                    ctx,
                    call,
                    op,
                    request if isinstance(request, ObjectType) else None,
                    bool(rpc.http) and not rpc.client_streaming,
                    pager,
                ),
                pager=_pager_call(call, pager, request if isinstance(request, ObjectType) else None),
            )
        )
    return ServiceDoc(
        title=service.class_name,
        description=service_description(ctx, service),
        full_name=service.full_name,
        page=f"{namespace.attribute}/{service.attribute}.md",
        methods=methods,
        rest=any(op.rpc is not None and op.rpc.http for op in service.operations),
    )
