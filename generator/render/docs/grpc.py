"""Markdown docs of a proto package: an index and a page per service.

Each method shows its RPC and HTTP binding, request and response fields with validation
rules, streaming and long-running notes, and sync/async examples over gRPC and REST.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any, NamedTuple

from generator.encoded import Text
from generator.ir.model import EnumType, Field, NamedType, ObjectType, Operation, TypeExpr
from generator.render.constraints import proto_field_notes
from generator.render.docs import pages
from generator.render.docs.examples import example_json
from generator.render.docs.markdown import anchor, md_cell, md_code, md_text
from generator.render.python.grpc.calls import Paging, companions, is_idempotent
from generator.render.python.grpc.surface import (
    OPERATION_TYPE,
    NamespaceInfo,
    ServiceInfo,
    method_names,
)
from generator.render.python.grpc.targets import field_target, field_targets
from generator.render.python.grpc.targets import reachable as reachable_through_fields
from generator.render.python.grpc.unit_cache import ProtoUnits, service_key
from generator.render.python.grpc.views import (
    ClientView,
    Context,
    MethodView,
    ServiceView,
    service_description,
)
from generator.render.python.literals import clean_text
from generator.render.python.programs import async_program, sync_program
from generator.render.templates import render_template
from generator.text_memo import short_text_memo


# Named tuples: a row is made per field of every message on each page that shows it, and the
# views are made per method and message (made faster than frozen dataclasses, as in `docs.http`)
class FieldRow(NamedTuple):
    name: str
    type: str
    description: str


class MethodDoc(NamedTuple):
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
    signature: str = ""  # the sync method's Python signature
    request_json: str = ""  # REST: an example request body (the JSON mapping of the request)
    response_json: str = ""  # REST: an example response body


class ServiceDoc(NamedTuple):
    title: str
    description: str
    full_name: str
    page: str
    methods: list[MethodDoc]
    rest: bool


class IndexEntry(NamedTuple):
    """What the index page reads of a service's page (kept with a cached page, rather than the
    whole `ServiceDoc`, which takes far longer to load back)."""

    page: str
    full_name: str
    rest: bool
    pager: str  # the first paging companion's call of the service, or ""


def render_proto_docs(
    ctx: Context,
    client: ClientView,
    options: Mapping[str, Any],
    views: Mapping[str, ServiceView] | None = None,
    units: ProtoUnits | None = None,
    tokens: Mapping[str, str] | None = None,
    targets: Mapping[str, tuple[str, ...]] | None = None,
) -> dict[str, Text]:
    """The docs; with `units`, a service page whose reads are unchanged since the last run (and
    whose view has the same `tokens` entry) is taken from it (`unit_cache`). `targets`: the
    `field_targets` of the package's types, if known."""
    base = f"docs/{ctx.package}"
    units = units or ProtoUnits()
    files: dict[str, Text] = {}  # (a page taken from the last run: as its bytes, `unit_cache`)
    services: list[tuple[NamespaceInfo, IndexEntry]] = []
    type_ids = reachable(_method_types(ctx), ctx.types, targets)
    headings = message_headings(type_ids)
    anchored = {t: anchor(h) for t, h in headings.items()}  # each heading's anchor, spelled once
    # service pages sit one folder below the messages page
    links = {t: f"../{pages.MESSAGES}#{a}" for t, a in anchored.items()}
    views = views or {}
    for namespace in ctx.namespaces:
        for service in namespace.services:
            token = (tokens or {}).get(service.full_name, "")
            if not token and units.path is not None:  # (without a cache the name is not kept)
                token = repr(views.get(service.full_name))
            (entry, text), _ = units.render(
                ctx,
                f"docs {service_key(units, namespace, service)} {token}",
                # the view is made only when the page is rendered (its token stands for it)
                partial(_service_page, namespace=namespace, service=service, view=partial(views.get, service.full_name)),
                {"links": links},
            )
            services.append((namespace, entry))
            files[f"{base}/{entry.page}"] = text
    # a section per message, rendered in units of a proto package's messages: a changed message
    # renders its package's sections (and those linking to it) again, not the whole page
    anchors = {t: f"#{a}" for t, a in anchored.items()}
    by_package: dict[str, list[tuple[str, str]]] = {}
    for type_id in type_ids:
        by_package.setdefault(ctx.index.packages.get(type_id, ""), []).append((type_id, headings[type_id]))
    texts: dict[str, str] = {}
    for proto_package, spelled in sorted(by_package.items()):
        found, _ = units.render(
            ctx,
            f"messages {proto_package} {spelled!r}",
            partial(_message_sections, spelled=tuple(spelled)),
            {"message_links": anchors},
        )
        texts.update(found)
    sections = [texts[t] for t in sorted(type_ids, key=lambda t: (headings[t].lower(), t))]
    files[f"{base}/{pages.MESSAGES}"] = render_template(
        "docs/proto/messages.md.j2", package=ctx.package, sections=sections, pages=pages
    )
    for template, page in (("errors", pages.ERRORS), ("sign_in", pages.SIGN_IN)):
        files[f"{base}/{page}"] = render_template(
            f"docs/proto/{template}.md.j2", package=ctx.package, pages=pages, auth=client.auth
        )
    files[f"{base}/index.md"] = render_template(
        "docs/proto/index.md.j2",
        title=clean_text(str(options.get("title") or ctx.api.title or ctx.package)),
        package=ctx.package,
        services=[(n.attribute, s) for n, s in services],
        grpc_endpoints=client.grpc_endpoints,
        rest_endpoints=client.rest_endpoints,
        has_operations=client.has_poller,
        auth=client.auth,
        paged=next((entry.pager for _, entry in services if entry.pager), ""),
        pages=pages,
    )
    return files


def _service_page(
    ctx: Context,
    tables: Mapping[str, Mapping[str, str]],
    *,
    namespace: NamespaceInfo,
    service: ServiceInfo,
    view: Callable[[], ServiceView | None],
) -> tuple[IndexEntry, str]:
    links = tables["links"]
    doc = service_doc(ctx, namespace, service, links, view())
    pager = next((m.pager for m in doc.methods if m.pager), "")
    entry = IndexEntry(doc.page, doc.full_name, doc.rest, pager)
    return entry, render_template("docs/proto/service.md.j2", service=doc, pages=pages, links=links)


def _message_sections(
    ctx: Context, tables: Mapping[str, Mapping[str, str]], *, spelled: tuple[tuple[str, str], ...]
) -> dict[str, str]:
    """The section of each message (type id, heading) on the messages page, by type id."""
    field_tables = FieldTables(ctx.types)
    return {
        type_id: render_template(
            "docs/proto/message.md.j2",
            m=message_doc(type_id, heading, ctx.types, tables["message_links"], field_tables),
        )
        for type_id, heading in spelled
    }


def _method_types(ctx: Context) -> list[str]:
    """The request, response and operation result/metadata types of every method, in order."""
    roots = []
    for namespace in ctx.namespaces:
        for service in namespace.services:
            for op in service.operations:
                assert op.rpc is not None
                roots += [op.rpc.request_type, op.rpc.response_type]
                if op.long_running is not None:
                    roots += [op.long_running.response_type, op.long_running.metadata_type]
    return [r for r in roots if r]


@short_text_memo(maxsize=4096)  # a pure function; most cells are a few texts (types, names)
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


def field_rows(
    message: ObjectType | None,
    links: Mapping[str, str] | None = None,
    types: Mapping[str, NamedType] | None = None,
) -> list[FieldRow]:
    """One row per field: wire name, proto type (a message or enum linked to its section), and the
    description with the field's oneof, validation rule or `required`, enum values, output-only
    and deprecation."""
    return FieldTables(types or {}).rows(message, links or {}, enum_values=types is not None)


class FieldTables:
    """`field_rows` for one render: a field's texts are worked out once, though its table shows in
    its message's section and on the page of every method that takes or returns the message."""

    def __init__(self, types: Mapping[str, NamedType]) -> None:
        self.types = types
        # (id of the field, enum values shown) -> (the field, kept alive so its id stays its own;
        # name, type, the message or enum it links to, description)
        self._texts: dict[tuple[int, bool], tuple[Field, str, str, str, str]] = {}

    def rows(self, message: ObjectType | None, links: Mapping[str, str], *, enum_values: bool) -> list[FieldRow]:
        if message is None:
            return []
        rows = []
        for f in message.fields:
            found = self._texts.get((id(f), enum_values))
            if found is None:
                found = self._texts[(id(f), enum_values)] = (f, *self._field_texts(f, enum_values))
            _, name, type_cell, target, description = found
            linked = f"[{type_cell}]({links[target]})" if target and target in links else type_cell
            rows.append(FieldRow(name, linked, description))
        return rows

    def _field_texts(self, f: Field, enum_values: bool) -> tuple[str, str, str, str]:
        notes = []
        if f.proto is not None and f.proto.oneof:
            notes.append(f"one of `{f.proto.oneof}`")
        if f.validation is not None and f.validation.text:
            text = f.validation.text
            # patterns would otherwise read as Markdown links and emphasis
            notes.append(md_code(text) if any(c in text for c in "[]*_`<>\\") else text)
        elif f.required:
            notes.append("required")
        notes.extend(proto_field_notes(f, self.types if enum_values else {}))
        if f.read_only:
            notes.append("output only")
        if f.deprecated:
            notes.append("deprecated")
        description = cell(f.description)
        if notes:
            description = f"{description} *({cell('; '.join(notes))})*".strip()
        return f"`{f.name.wire}`", f"`{cell(type_text(f.type, f))}`", field_target(f.type), description


class MessageDoc(NamedTuple):
    heading: str
    full_name: str
    kind: str  # "message" or "enum"
    description: str
    fields: list[FieldRow]
    values: list[tuple[str, str, str]]  # enum: (name, number, description)


def reachable(
    roots: list[str], types: Mapping[str, NamedType], targets: Mapping[str, tuple[str, ...]] | None = None
) -> list[str]:
    """Every message and enum reachable from `roots` through fields, in first-seen order
    (`targets`: `field_targets` of the types, if known)."""
    if targets is None:
        targets = field_targets(types.values())
    return reachable_through_fields(roots, targets, types.__contains__)


def message_headings(type_ids: list[str]) -> dict[str, str]:
    """A section heading per type: its short name, or with its proto package where two share one."""
    short = [t.rsplit(".", 1)[-1] for t in type_ids]
    uses = Counter(short)
    return {
        t: name if uses[name] == 1 else f"{name} ({t.rsplit('.', 1)[0]})"
        for t, name in zip(type_ids, short, strict=True)
    }


def message_doc(
    type_id: str, heading: str, types: Mapping[str, NamedType], links: Mapping[str, str], tables: FieldTables
) -> MessageDoc:
    """The section of one message or enum on the messages page."""
    named = types[type_id]
    values = []
    if isinstance(named, EnumType):
        values = [
            (f"`{v.name.wire}`", str(v.number if v.number is not None else v.value), md_cell(v.description))
            for v in named.values
        ]
    return MessageDoc(
        heading=heading,
        full_name=type_id,
        kind="enum" if isinstance(named, EnumType) else "message",
        description=md_text(named.description),
        fields=tables.rows(named, links, enum_values=True) if isinstance(named, ObjectType) else [],
        values=values,
    )


_PROTO_EXAMPLES = {"bytes": 'b"..."', "bool": "True", "double": "0.5", "float": "0.5", "string": '"..."'}


def _example_value(f: Field) -> str:
    proto_type = f.proto.proto_type if f.proto else "string"
    return _PROTO_EXAMPLES.get(proto_type, "1")


def _scalar(f: Field) -> bool:
    return f.type.kind not in ("list", "map", "ref") and (f.proto is None or f.proto.proto_type != "enum")


def example_fields(message: ObjectType | None) -> list[tuple[Field, str]]:
    """The fields an example call sets: the required scalar fields (else the first scalar
    field), each with a value of its type, so the example type-checks as written."""
    if message is None:
        return []
    scalars = [f for f in message.fields if _scalar(f)]
    chosen = [f for f in scalars if f.required] or scalars[:1]
    return [(f, _example_value(f)) for f in chosen[:3]]


def example_arguments(message: ObjectType | None) -> str:
    """Keyword arguments for an example call (`example_fields`)."""
    return ", ".join(f"{f.name.wire}={value}" for f, value in example_fields(message))


def _examples(
    ctx: Context, call: str, op: Operation, request: ObjectType | None, rest: bool, pager: str
) -> list[tuple[str, str]]:
    assert op.rpc is not None
    args = example_arguments(request)
    if op.rpc.client_streaming:
        args = "iter([])"
    sync_use, async_use = _usage(op, call, args)
    if pager:
        every = f"client.{call.rsplit('.', 1)[0]}.{pager}({args})"
        sync_use += f"\nfor item in {every}:  # every page\n    print(item)"
        async_use += f"\nasync for item in {every}:  # every page\n    print(item)"
    transports = [("gRPC", "")] + ([("REST", ', transport="rest"')] if rest else [])
    out = []
    for title, option in transports:
        out.append((f"{title}, sync", _sync_program(ctx.package, option, sync_use)))
        out.append((f"{title}, async", _async_program(ctx.package, option, async_use)))
    return out


def _sync_program(package: str, option: str, use: str) -> str:
    return sync_program(package, f'api_key="..."{option}', use)


def _async_program(package: str, option: str, use: str) -> str:
    return async_program(package, f'api_key="..."{option}', use)


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


def _rest_examples(ctx: Context, op: Operation, response_id: str) -> dict[str, str]:
    """Example JSON bodies of the REST mapping: the request (all of it for body `*`, else the
    named field) and the response (the operation's result for long-running calls)."""
    assert op.rpc is not None
    binding = op.rpc.http[0] if op.rpc.http else None
    if binding is None or op.rpc.client_streaming:
        return {}
    request = TypeExpr(kind="ref", ref=op.rpc.request_type)
    message = ctx.types.get(op.rpc.request_type)
    if binding.body_field not in ("", "*") and isinstance(message, ObjectType):
        field = next((f for f in message.fields if f.name.wire == binding.body_field), None)
        request = field.type if field is not None else request
    response = TypeExpr(kind="ref", ref=op.rpc.response_type)
    return {
        "request_json": example_json(request, ctx.types, proto=True) if binding.body_field else "",
        "response_json": example_json(response, ctx.types, proto=True),
    }


def signature_text(call: str, m: MethodView) -> str:
    """The sync method's signature as the generated service module declares it."""
    lines = [f"client.{call}("]
    streams_requests = m.kind in ("client_stream", "bidi_stream")
    if streams_requests:
        lines += [f"    requests: Iterable[{m.request}],", "    *,"]
    else:
        lines += [f"    request: {m.request} | None = None,", "    *,"]
        lines += [f"    {a.name}: {a.annotation} | None = None," for a in m.arguments]
    lines += ["    timeout: float | None = None,", "    metadata: Sequence[tuple[str, str]] | None = None,"]
    if not streams_requests:
        lines += ["    max_retries: int | None = None,", "    idempotency_key: str | None = None,"]
    lines.append(f") -> {m.returns_sync}")
    return "\n".join(lines)


def service_doc(
    ctx: Context,
    namespace: NamespaceInfo,
    service: ServiceInfo,
    links: Mapping[str, str],
    view: ServiceView | None = None,
    tables: FieldTables | None = None,
) -> ServiceDoc:
    tables = tables or FieldTables(ctx.types)
    methods = []
    views = {m.name: m for m in view.methods} if view is not None else {}
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
                request_fields=tables.rows(
                    request if isinstance(request, ObjectType) else None, links, enum_values=True
                ),
                response=response_id,
                response_fields=tables.rows(
                    response if isinstance(response, ObjectType) else None, links, enum_values=False
                ),
                examples=_examples(
                    ctx,
                    call,
                    op,
                    request if isinstance(request, ObjectType) else None,
                    bool(rpc.http) and not rpc.client_streaming,
                    pager,
                ),
                pager=_pager_call(call, pager, request if isinstance(request, ObjectType) else None),
                signature=signature_text(call, views[name]) if name in views else "",
                **_rest_examples(ctx, op, response_id),
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
