"""A proto API as a Python package: stubs, the gRPC/REST runtime, service classes, client, docs.

Output paths are relative to the output root: `python/<package>/<package>/...` for the
importable package, `python/<package>/pyproject.toml`, and `docs/<package>/...`. Files under
`python/<package>/<package>/_pb/` are grpc_tools output and must not be reformatted.

Options (from `specs/generator.yaml`): `grpc_endpoints` and `rest_endpoints` (proto package
prefix -> `host:port` / base URL), `endpoint_env` (the prefix of the environment variables
that override them, see `endpoint_env_names`), `title`, `distribution`, `timeout` (seconds).

The renderer takes only its inputs: the IR and the front end's `ProtoArtifacts` (the stubs).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache, partial
from typing import Any, overload

from generator.artifacts import ProtoArtifacts
from generator.encoded import Text
from generator.ir.deferred import by_id, stored
from generator.ir.extensions import PROTO_FINGERPRINT
from generator.ir.model import API, Field, NamedType, ObjectType, Operation
from generator.render.constraints import constraint_notes, proto_field_notes
from generator.render.docs.grpc import render_proto_docs
from generator.render.python.grpc.auth import auth_summary, auth_view
from generator.render.python.grpc.calls import Paging, companions, is_idempotent
from generator.render.python.grpc.layout import INDENT, from_import, request_build
from generator.render.python.grpc.names import Imports, PyRef, TypeIndex
from generator.render.python.grpc.params import (
    Plain,
    Shape,
    Skeleton,
    params_names,
    plain_imports,
    reachable_messages,
    scalar_annotation,
    shape_of,
)
from generator.render.python.grpc.rules import MessageFacts, build_rules, message_facts
from generator.render.python.grpc.surface import (
    OPERATION_SERVICE,
    OPERATION_TYPE,
    Argument,
    NamespaceInfo,
    ServiceInfo,
    arguments,
    build_namespaces,
    method_names,
    namespace_attributes,
)
from generator.render.python.grpc.unit_cache import ProtoUnits, namespace_key, service_key
from generator.render.python.grpc.views import (
    ClientView,
    Context,
    MethodSummary,
    MethodView,
    NamespaceView,
    ServiceView,
    method_summaries,
    service_description,
)
from generator.render.python.literals import clean_text, docstring, py_literal
from generator.render.python.naming import upper_snake
from generator.render.python.readme import (
    ProtoMethod,
    ProtoService,
    Readme,
    about,
    proto_auth,
    proto_endpoints,
    proto_quickstart,
)
from generator.render.python.requirements import BUILD, REQUIRES_PYTHON
from generator.render.templates import TEMPLATES, render_template
from generator.write import LINE_LENGTH

PACKAGE_VERSION = "0.1.0"
DEFAULT_TIMEOUT = 600.0
RUNTIME_SOURCE = TEMPLATES / "python" / "proto_runtime"

# Names a service module binds itself; a message with such a name is used as `module_pb2.Name`.
SERVICE_MODULE_NAMES = frozenset(
    {
        "annotations", "Any", "AsyncIterable", "AsyncIterator", "AsyncOperation", "AsyncPager",
        "AsyncPoller", "AsyncTransport", "HttpRule", "Iterable", "Iterator", "Mapping", "Method",
        "Operation", "Pager", "Poller", "Sequence", "Transport", "TypeError", "TYPE_CHECKING",
        "datetime", "timedelta",
    }
)  # fmt: skip


# --- entry point ----------------------------------------------------------------------------


def render_proto_package(
    api: API,
    artifacts: ProtoArtifacts,
    package: str,
    options: Mapping[str, Any],
    units: ProtoUnits | None = None,
) -> dict[str, Text]:
    """{path relative to the output root: text} for the package, its pyproject and its docs.

    With `units`, the pieces rendered per service and namespace are taken from the last run
    when what they read is unchanged (`unit_cache`)."""
    units = units or ProtoUnits()
    if dict(api.extensions).get(PROTO_FINGERPRINT) != artifacts.fingerprint:
        raise ValueError(f"the proto artifacts given for {package!r} were not built with its IR")
    base = f"python/{package}/{package}"
    # what the walks over the whole package need of each message (remembered by its content);
    # the tables over the whole package read each type's kind, id and file only: a type the
    # front end left unbuilt (`generator.ir.deferred`) is built when a piece rendered afresh reads it
    facts = {t.id: units.facts(t, message_facts, MessageFacts) for t in api.types if t.kind == "object"}
    targets = {type_id: found.targets for type_id, found in facts.items()}
    ctx = Context(
        api=api,
        package=package,
        types=by_id({t.id: t for t in api.types}),  # type: ignore[arg-type]  # (read as a dict)
        index=TypeIndex(api, package, artifacts.runtime_protos),
        rules=build_rules(api, facts),
        enums=frozenset(t.id for t in api.types if t.kind == "enum"),
    )
    ctx.namespaces = build_namespaces(api)
    ctx.params = params_names(reachable_messages(_keyword_requests(api), ctx.types, targets), ctx.index)
    files: dict[str, Text] = {}  # (a piece taken from the last run: its texts as bytes, `unit_cache`)
    for path, text in artifacts.stubs.items():
        files[f"{base}/{path}"] = text
    units.pass_through(artifacts.stubs, artifacts.stub_keys)  # (known by digest where unchanged)
    # the runtime depends on our templates only (in the salt): remembered, its reads are none
    runtime, _ = units.render(ctx, "runtime", _runtime)
    files.update((f"{base}/{path}", text) for path, text in runtime)
    if ctx.rules.rules:
        files[f"{base}/_rules.py"] = render_template(
            "python/proto/rules.py.j2",
            rules=sorted(ctx.rules.rules.items()),
            nested=sorted(ctx.rules.nested.items()),
            uses_pattern=ctx.rules.uses_pattern,
            literal=py_literal,
        )
    views = _Views(ctx)  # by service full name; the docs show their signatures
    summaries: dict[str, tuple[MethodSummary, ...]] = {}  # ... and the README their methods
    tokens: dict[str, str] = {}  # by service full name: the token of its view (`unit_cache`)
    own_types = _top_level_types_by_package(ctx)
    for namespace in ctx.namespaces:
        folder = f"{base}/{namespace.attribute}"
        for service in namespace.services:
            (summaries[service.full_name], text), tokens[service.full_name] = units.render(
                ctx,
                f"service {service_key(units, namespace, service)}",
                partial(_service_module, namespace=namespace, service=service, made=views.made),
            )
            files[f"{folder}/{service.module}.py"] = text
        own = own_types.get(namespace.package, [])
        files[f"{folder}/__init__.py"], _ = units.render(
            ctx,
            f"namespace {namespace_key(units, namespace)} {own!r}",
            partial(_namespace_init, namespace=namespace, own_types=own),
        )
    if ctx.params:
        files[f"{base}/params.py"] = params_module(ctx, units)
    client = client_view(ctx, options)
    files[f"{base}/_client.py"] = render_template("python/proto/client.py.j2", client=client)
    files[f"{base}/__init__.py"] = render_template(
        "python/proto/init.py.j2",
        doc=docstring(_title(api, options) + ": gRPC and REST client (generated by apigen).", ""),
        namespaces=[n.attribute for n in ctx.namespaces],
    )
    files[f"{base}/py.typed"] = ""
    distribution = str(options.get("distribution") or package.replace("_", "-"))
    files[f"python/{package}/pyproject.toml"] = render_template(
        "python/proto/pyproject.toml.j2",
        distribution=distribution,
        package=package,
        version=str(options.get("version") or PACKAGE_VERSION),
        description=_title(api, options),
        requirements=requirements(artifacts),
        literal=py_literal,
        build=BUILD,
        requires_python=REQUIRES_PYTHON,
    )
    files[f"python/{package}/README.md"] = render_template(
        "python/proto/README.md.j2",
        readme=proto_readme(ctx, client, summaries, options, distribution, requirements(artifacts)),
        build=BUILD,
    )
    files.update(render_proto_docs(ctx, client, options, views, units, tokens, targets))
    return dict(sorted(files.items()))


def _namespace_init(
    ctx: Context, _: Mapping[str, Any], *, namespace: NamespaceInfo, own_types: list[str]
) -> str:
    return namespace_init(ctx, namespace, own_types)


def _service_module(
    ctx: Context,
    _: Mapping[str, Any],
    *,
    namespace: NamespaceInfo,
    service: ServiceInfo,
    made: dict[str, ServiceView],
) -> tuple[tuple[MethodSummary, ...], str]:
    """The module's text and what the README reads of its methods; the view itself goes to
    `made` (a piece reused from the last run has none: `_Views` makes it when asked)."""
    view = made[service.full_name] = service_view(ctx, namespace, service)
    return method_summaries(view), render_template("python/proto/service.py.j2", service=view)


class _Views(Mapping[str, ServiceView]):
    """The view of each service by full name: made while rendering its module, or when first
    asked for (a module taken from the last run leaves none; only a docs page rendered afresh
    asks, so most views of a regeneration are never made)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.made: dict[str, ServiceView] = {}
        self.services = {s.full_name: (n, s) for n in ctx.namespaces for s in n.services}

    def __getitem__(self, full_name: str) -> ServiceView:
        found = self.made.get(full_name)
        if found is None:
            namespace, service = self.services[full_name]
            found = self.made[full_name] = service_view(self.ctx, namespace, service)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self.services)

    def __len__(self) -> int:
        return len(self.services)


def proto_readme(
    ctx: Context,
    client: ClientView,
    methods: Mapping[str, Sequence[ProtoMethod]],
    options: Mapping[str, Any],
    distribution: str,
    requirements: list[str],
) -> Readme:
    services = [
        ProtoService(
            namespace=namespace.attribute,
            attribute=service.attribute,
            methods=methods[service.full_name],
            requests=_Requests(ctx, service.operations),
            package=service.package,
        )
        for namespace in ctx.namespaces
        for service in namespace.services
    ]
    envs = [(name, f"the endpoint of `{prefix}` over gRPC") for prefix, name in client.grpc_endpoint_envs]
    envs += [(name, f"the endpoint of `{prefix}` over REST") for prefix, name in client.rest_endpoint_envs]
    if client.endpoint_env[0]:
        envs = [
            (client.endpoint_env[0], "every service over gRPC"),
            (client.endpoint_env[1], "every service over REST"),
            *envs,
        ]
    title, description = about(str(options.get("title") or ctx.api.title), ctx.api.description, ctx.package)
    return Readme(
        title=title,
        description=description,
        package=ctx.package,
        distribution=distribution,
        requirements=requirements,
        auth=proto_auth(client.auth),
        endpoints=proto_endpoints(client.grpc_endpoints, client.rest_endpoints, envs),
        quickstart=proto_quickstart(
            ctx.package, services, client.auth, grpc_prefixes=[prefix for prefix, _ in client.grpc_endpoints]
        ),
    )


def _request_message(ctx: Context, op: Operation) -> ObjectType | None:
    assert op.rpc is not None
    message = ctx.types.get(op.rpc.request_type)
    return message if isinstance(message, ObjectType) else None


class _Requests(Sequence[ObjectType | None]):
    """Each operation's request message, looked up when read (the quickstart reads one: the
    others stay unbuilt, `generator.ir.deferred`)."""

    def __init__(self, ctx: Context, operations: Sequence[Operation]) -> None:
        self.ctx, self.operations = ctx, operations

    @overload
    def __getitem__(self, index: int) -> ObjectType | None: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[ObjectType | None]: ...
    def __getitem__(self, index: int | slice) -> ObjectType | Sequence[ObjectType | None] | None:
        if isinstance(index, slice):
            return [_request_message(self.ctx, op) for op in self.operations[index]]
        return _request_message(self.ctx, self.operations[index])

    def __len__(self) -> int:
        return len(self.operations)


def _title(api: API, options: Mapping[str, Any]) -> str:
    return clean_text(str(options.get("title") or api.title or api.name)).replace("\n", " ")


def _runtime(_: Context, __: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """The package's runtime: `_runtime/` (shared with HTTP packages) and `_grpc/`, each file by
    its path in the package folder."""
    from generator.render.python.runtime import runtime_files

    return (*runtime_files().items(), *_grpc_runtime())


@lru_cache(maxsize=1)
def _grpc_runtime() -> tuple[tuple[str, str], ...]:
    from generator.render.python.runtime import runtime_source

    return tuple((f"_grpc/{path.name}", runtime_source(path)) for path in sorted(RUNTIME_SOURCE.glob("*.py")))


def requirements(artifacts: ProtoArtifacts) -> list[str]:
    """Run-time dependencies: ours, and the protobuf / grpcio / googleapis ranges the stubs run on."""
    return sorted(["httpx2>=2.16", *artifacts.requirements])


def _keyword_requests(api: API) -> list[str]:
    """Request types of the methods that take keyword arguments (unary and server-streaming)."""
    return [
        op.rpc.request_type
        for op in api.operations
        if op.rpc is not None and not op.rpc.client_streaming
    ]


def params_module(ctx: Context, units: ProtoUnits | None = None) -> str:
    """`<package>/params.py`: a TypedDict per message a keyword request reaches (with `units`,
    each message's `Shape` is remembered by its content)."""
    units = units or ProtoUnits()
    imports = Imports(f"{ctx.package}.params", set(ctx.params.values()) | {"TypedDict"})
    imports.add("from __future__ import annotations")
    imports.add_from("typing", "TypedDict")
    plain = Plain(
        name_of=lambda type_id: imports.name(ctx.index.ref(type_id)),
        params_of=ctx.params.__getitem__,
        enums=ctx.enums,
        types=ctx.types,
    )
    shapes = []
    # each skeleton spelled once: spelling it again would ask the same names again, which
    # `imports` gives as it did the first time (the synthetic tree: 8,484 fields, 506 skeletons)
    spelled: dict[Skeleton, str] = {}
    for type_id, name in sorted(ctx.params.items(), key=lambda item: item[1]):
        message = stored(ctx.types, type_id)  # (built only when its shape is not remembered)
        assert message.kind == "object"
        shape = units.facts(message, shape_of, Shape)
        fields = []
        for wire, skeleton in shape.fields:
            annotation = spelled.get(skeleton)
            if annotation is None:
                annotation = spelled[skeleton] = plain.spelled(skeleton)
            fields.append((wire, annotation))
        shapes.append((name, shape.doc, fields, shape.as_class))
    annotations = [annotation for shape in shapes for _, annotation in shape[2]]
    for module, symbols in plain_imports(annotations).items():
        imports.add_from(module, *sorted(symbols))
    return render_template(
        "python/proto/params.py.j2",
        doc=docstring(
            "Request messages as plain mappings (TypedDicts), for type checkers.\n\n"
            "Every method argument that takes a message also takes a mapping of this shape,"
            " nested to any depth; wrapper, timestamp and duration fields take plain values.",
            "",
        ),
        imports=imports.block(),
        shapes=shapes,
        literal=py_literal,
    )


def _module_name(ctx: Context, namespace: NamespaceInfo, service: ServiceInfo) -> str:
    return f"{ctx.package}.{namespace.attribute}.{service.module}"


def _streaming_kind(op: Operation) -> str:
    assert op.rpc is not None
    if op.rpc.client_streaming and op.rpc.server_streaming:
        return "bidi_stream"
    if op.rpc.client_streaming:
        return "client_stream"
    if op.rpc.server_streaming:
        return "server_stream"
    return "unary"


def _first_paragraph(text: str) -> str:
    return " ".join(clean_text(text).split("\n\n", 1)[0].split())


def field_doc(f: Field, types: Mapping[str, NamedType]) -> str:
    """The first paragraph of a field's description, then its validation rule and enum values."""
    text = _first_paragraph(f.description)
    notes = "; ".join([*constraint_notes(f.validation), *proto_field_notes(f, types)])
    if not notes:
        return text
    return f"{text} ({notes})" if text else f"({notes})"


def _http_rule_source(op: Operation) -> list[str]:
    assert op.rpc is not None
    out = []
    for binding in op.rpc.http:
        args = [py_literal(binding.method), py_literal(binding.path)]
        if binding.body_field:
            args.append(f"body={py_literal(binding.body_field)}")
        if binding.response_field:
            args.append(f"response_body={py_literal(binding.response_field)}")
        out.append(f"HttpRule({', '.join(args)})")
    return out


def service_view(ctx: Context, namespace: NamespaceInfo, service: ServiceInfo) -> ServiceView:
    imports = Imports(_module_name(ctx, namespace, service), set(SERVICE_MODULE_NAMES))
    imports.add("from __future__ import annotations")
    imports.add_from(".._grpc._methods", "HttpRule", "Method")
    sync_name, async_name = service.class_name, f"Async{service.class_name}"
    imports.taken.update({sync_name, async_name})
    name_of = lambda type_id: imports.name(ctx.index.ref(type_id))  # noqa: E731
    used_params: dict[str, str] = {}  # TypedDict -> its local name (imported for type checks)

    def params_of(type_id: str) -> str:
        name = ctx.params[type_id]
        if name not in used_params:
            used_params[name] = f"_params.{name}" if name in imports.taken else name
            imports.taken.add(used_params[name])
        return used_params[name]

    plain = Plain(name_of=name_of, params_of=params_of, enums=ctx.enums, types=ctx.types)
    methods: list[MethodView] = []
    names = method_names(service.operations)
    constants = [upper_snake(op.name.words) for op in service.operations]
    imports.taken.update(constants)
    for op, name, constant in zip(service.operations, names, constants, strict=True):
        methods.append(_method_view(ctx, imports, name_of, plain, op, name, constant))
    for view, companion in zip(methods, companions(service.operations, names, ctx.types), strict=True):
        if companion is not None:
            _add_pager(ctx, view, companion[1], companion[0], name_of)
    kinds = {m.kind for m in methods}
    has_operations = any(m.operation for m in methods)
    imports.add_from(".._grpc._transport", "AsyncTransport", "Transport")
    if any(m.arguments for m in methods):
        imports.add_from(".._grpc._transport", "BOTH_GIVEN as _BOTH_GIVEN", "any_set as _any_set")
        imports.add_from(".._grpc._values", "build as _build")
    imports.add_from(".._grpc._operations", "AsyncPoller", "Poller")
    if has_operations:
        imports.add_from(".._grpc._operations", "AsyncOperation", "Operation")
    if any(m.pager for m in methods):
        imports.add_from(".._grpc._pagination", "AsyncPager", "Pager")
    abc = {"Sequence"}
    if "server_stream" in kinds or "bidi_stream" in kinds:
        abc |= {"AsyncIterator", "Iterator"}
    if "client_stream" in kinds or "bidi_stream" in kinds:
        abc |= {"AsyncIterable", "Iterable"}
    annotations = [a.annotation for m in methods for a in m.arguments]
    for module, symbols in plain_imports(annotations).items():
        if module == "collections.abc":
            abc |= symbols
        else:
            imports.add_from(module, *sorted(symbols))
    imports.add_from("collections.abc", *sorted(abc))
    params_imports: list[str] = []
    if used_params:
        imports.add_from("typing", "TYPE_CHECKING")
        bare = sorted(name for name, local in used_params.items() if name == local)
        if bare:
            params_imports.append(from_import("..params", bare, INDENT))
        if len(bare) < len(used_params):
            params_imports.append(f"{INDENT}from .. import params as _params")
    if any(m.check for m in methods):
        imports.add_from(".._rules", "check as _check")
    return ServiceView(
        module_doc=docstring(f"The `{service.full_name}` service.", ""),
        class_name=sync_name,
        async_class_name=async_name,
        doc=docstring(service_description(ctx, service), "    "),
        imports=imports.block(),
        methods=methods,
        has_operations=has_operations,
        params_imports=params_imports,
    )


def _add_pager(ctx: Context, view: MethodView, page: Paging, name: str, name_of: Any) -> None:
    """The `list_all`-style companion: the method's arguments, every item across pages."""
    expr = page.item_type
    if expr.kind == "ref":
        item = "int" if expr.ref in ctx.enums else name_of(expr.ref)
    else:
        item = scalar_annotation(page.proto_type)
    view.pager, view.pager_items, view.item = name, page.items, item
    doc = (
        f"Every `{item}` that `{view.name}` returns, across pages: iterating calls"
        f" `{view.name}` again with each response's `next_page_token` as `page_token` when the"
        " items so far run out; `.pages()` yields the responses.\n\n"
        f"Takes the arguments of `{view.name}`; `timeout` applies to each page."
    )
    view.pager_doc = docstring(doc, "        ")


def _method_view(
    ctx: Context,
    imports: Imports,
    name_of: Any,
    plain: Plain,
    op: Operation,
    name: str,
    constant: str,
) -> MethodView:
    rpc = op.rpc
    assert rpc is not None
    kind = _streaming_kind(op)
    request = name_of(rpc.request_type)
    response = name_of(rpc.response_type)
    request_type = ctx.types.get(rpc.request_type)
    args: list[Argument] = []
    if kind in ("unary", "server_stream"):
        reserved = {request.split(".")[0], response.split(".")[0]}
        args = arguments(
            request_type if isinstance(request_type, ObjectType) else None,
            plain,
            reserved,
            partial(field_doc, types=ctx.types),
        )
    operation = ""
    returns_sync = returns_async = response
    if op.long_running is not None and rpc.response_type == OPERATION_TYPE:
        result = _operation_type(op.long_running.response_type, name_of, imports)
        meta = _operation_type(op.long_running.metadata_type, name_of, imports)
        operation = f"{result}, {meta}"
        returns_sync = f"Operation[{result}, {meta}]"
        returns_async = f"AsyncOperation[{result}, {meta}]"
    elif kind in ("server_stream", "bidi_stream"):
        returns_sync = f"Iterator[{response}]"
        returns_async = f"AsyncIterator[{response}]"
    # one docstring for both variants (a long text is not memoized: made once, not twice)
    doc = docstring(_method_doc(op, args, kind, response, operation), "        ")
    return MethodView(
        name=name,
        attr=f"_{name}",
        constant=constant,
        path=op.id,
        request=request,
        response=response,
        kind=kind,
        http=_http_rule_source(op),
        arguments=args,
        parameters=[parameter(a) for a in args],
        build=_constructor(request, args),
        doc=doc,
        returns_sync=returns_sync,
        returns_async=returns_async,
        awaits=kind in ("unary", "client_stream"),
        check=kind in ("unary", "server_stream") and ctx.rules.needs_check(rpc.request_type),
        operation=operation,
        idempotent=is_idempotent(op),
    )


PARAMETER_INDENT = 8  # method parameters in a class
BUILD_INDENT = " " * 12  # the request built from keyword arguments, in a method's `if`


def parameter(arg: Argument) -> str:
    """`name: Annotation | None = None`; a union too long for one line goes in parentheses, the
    one layout black and ruff format agree on."""
    text = f"{arg.name}: {arg.annotation} | None = None"
    if PARAMETER_INDENT + len(text) + 1 <= LINE_LENGTH:
        return text
    return f"{arg.name}: (\n{arg.annotation} | None\n) = None"


def _constructor(request: str, args: list[Argument]) -> str:
    """`request = _build(Request, {"a": a, ...})`: messages, mappings and plain values into the
    request (`_grpc/_values.py`), checked field by field; laid out as the formatter would."""
    return request_build(BUILD_INDENT, request, [f"{py_literal(a.wire)}: {a.name}" for a in args])


def _operation_type(type_id: str, name_of: Any, imports: Imports) -> str:
    if type_id:
        result: str = name_of(type_id)
        return result
    return imports.name(PyRef("google.protobuf.any_pb2", "Any"))


def _method_doc(
    op: Operation, args: list[Argument], kind: str, response: str, operation: str
) -> str:
    parts = [clean_text(op.description) or f"Calls `{op.id}`."]
    documented = [arg for arg in args if arg.doc.strip()]  # an entry with no text says nothing
    if documented:
        parts.append("\n".join(["Args:", *(f"    {arg.name}: {arg.doc}".rstrip() for arg in documented)]))
    if operation:
        result = operation.split(", ")[0]
        parts.append(
            f"Starts a long-running operation: `wait()` on the returned handle gives `{result}`."
        )
    elif kind in ("server_stream", "bidi_stream"):
        parts.append(f"Streams `{response}` messages.")
    if op.deprecated:
        parts.append("Deprecated.")
    return "\n\n".join(parts)


# --- namespaces and client ------------------------------------------------------------------


def _top_level_types_by_package(ctx: Context) -> dict[str, list[str]]:
    """Top-level message and enum ids per proto package, in IR order (grouped once, not per
    namespace: a tree of a thousand packages would otherwise scan every type a thousand times)."""
    grouped: dict[str, list[str]] = {}
    for t in ctx.api.types:
        package = ctx.index.packages.get(t.id)
        if package is not None and "." not in ctx.index.ref(t.id).path:
            grouped.setdefault(package, []).append(t.id)
    return grouped


def namespace_init(ctx: Context, namespace: NamespaceInfo, own_types: list[str]) -> str:
    """Re-exports: the service classes and the messages/enums of the namespace's package
    (`own_types`) and of the requests its methods take (first come first served on name
    clashes)."""
    module = f"{ctx.package}.{namespace.attribute}.__init__"
    imports = Imports(module, set())
    exported: list[str] = []
    for service in namespace.services:
        names = [service.class_name, f"Async{service.class_name}"]
        imports.add_from(f".{service.module}", *names)
        exported.extend(names)
    candidates = list(own_types)
    for service in namespace.services:
        for op in service.operations:
            assert op.rpc is not None
            candidates.extend(_reachable(ctx, op.rpc.request_type))
    seen: set[str] = set()
    for type_id in candidates:
        ref = ctx.index.ref(type_id)
        top_id = type_id[: len(type_id) - len(ref.path) + len(ref.top)]
        if top_id in seen or not ref.module.startswith(ctx.package + "."):
            continue
        seen.add(top_id)
        if ref.top in imports.taken:
            continue
        exported.append(imports.name(PyRef(ref.module, ref.top)))
    return render_template(
        "python/proto/namespace_init.py.j2",
        doc=docstring(f"`{namespace.package}`: services, and the messages they take.", ""),
        imports=imports.block(),
        exported=sorted(exported),
    )


def _reachable(ctx: Context, type_id: str) -> list[str]:
    """The type and every type its fields reach, in a stable order."""
    out: list[str] = []
    stack = [type_id]
    seen: set[str] = set()
    while stack:
        current = stack.pop(0)
        if current in seen or current not in ctx.types:
            continue
        seen.add(current)
        out.append(current)
        named = ctx.types[current]
        if isinstance(named, ObjectType):
            for f in named.fields:
                expr = f.type
                while expr.items is not None:
                    expr = expr.items
                if expr.kind == "ref":
                    stack.append(expr.ref)
    return out


def client_view(ctx: Context, options: Mapping[str, Any]) -> ClientView:
    imports = Imports(f"{ctx.package}._client", {"Client", "AsyncClient"})
    imports.add("from __future__ import annotations")
    imports.add_from("collections.abc", "Iterable", "Mapping")
    imports.add_from("functools", "cached_property")
    imports.add_from("types", "TracebackType")
    imports.add_from("typing", "Any")
    imports.add_from(
        "._grpc._transport",
        "AsyncTransport", "Transport", "TransportKind", "make_async_transport", "make_transport",
    )  # fmt: skip
    auth = auth_view(options)
    if auth.token_provider:
        imports.add_from("._grpc._auth", "AsyncTokenProvider", "TokenProvider")
    if auth.arguments:
        imports.add_from("._grpc._auth", "credential_metadata")
    if auth.exclusive:
        imports.add_from("._grpc._auth", "one_of")
    if any(argument.env for argument in auth.arguments):
        imports.add("import os")
    imports.add_from(
        "._grpc._retry_policy",
        "DEFAULT_MAX_RETRIES", "INITIAL_RETRY_DELAY", "MAX_RETRY_DELAY", "RetryPolicy",
    )  # fmt: skip
    namespaces: list[NamespaceView] = []
    for namespace in ctx.namespaces:
        services = []
        for service in namespace.services:
            sync_name, async_name = service.class_name, f"Async{service.class_name}"
            names = [sync_name, async_name]
            if sync_name in imports.taken or async_name in imports.taken:
                alias = f"_{namespace.attribute}"
                imports.add(f"from . import {namespace.attribute} as {alias}", alias)
                sync_name, async_name = f"{alias}.{sync_name}", f"{alias}.{async_name}"
            else:
                imports.add_from(f".{namespace.attribute}.{service.module}", *names)
            services.append((service.attribute, sync_name, async_name))
        namespaces.append(
            NamespaceView(
                attribute=namespace.attribute,
                class_name=namespace.class_name,
                doc=docstring(f"Services of `{namespace.package}`.", "    "),
                services=services,
            )
        )
    grpc_endpoints = _endpoints(options.get("grpc_endpoints"))
    rest_endpoints = _endpoints(options.get("rest_endpoints"))
    view = ClientView(
        doc=docstring(_title(ctx.api, options), "    "),
        imports=[],
        grpc_endpoints=grpc_endpoints,
        rest_endpoints=rest_endpoints,
        timeout=repr(float(options.get("timeout", DEFAULT_TIMEOUT))),
        namespaces=namespaces,
        has_poller=False,
        auth=auth,
        auth_summary=auth_summary(auth),
    )
    env_prefix = str(options.get("endpoint_env") or "")
    if env_prefix:
        imports.add_from("._grpc._endpoints", "endpoints_from_env")
        env = endpoint_env_names(env_prefix, grpc_endpoints, rest_endpoints)
        view.endpoint_env = (f"{env_prefix}_GRPC_ENDPOINT", f"{env_prefix}_REST_ENDPOINT")
        view.grpc_endpoint_envs = [(p, env[p] + "_GRPC_ENDPOINT") for p, _ in grpc_endpoints if p]
        view.rest_endpoint_envs = [(p, env[p] + "_REST_ENDPOINT") for p, _ in rest_endpoints if p]
    operation_ops = {
        op.rpc.method: op
        for op in ctx.api.operations
        if op.rpc is not None and op.rpc.service == OPERATION_SERVICE
    }
    if "Get" in operation_ops and "Cancel" in operation_ops:
        namespace = next(n for n in ctx.namespaces if n.package == OPERATION_SERVICE.rsplit(".", 1)[0])
        service = next(s for s in namespace.services if s.full_name == OPERATION_SERVICE)
        module = f".{namespace.attribute}.{service.module}"
        get_op, cancel_op = operation_ops["Get"], operation_ops["Cancel"]
        constants = [upper_snake(get_op.name.words), upper_snake(cancel_op.name.words)]
        aliases = [f"_OPERATION_{c}" for c in constants]
        imports.add_from(
            module, f"{constants[0]} as {aliases[0]}", f"{constants[1]} as {aliases[1]}"
        )
        imports.add_from("._grpc._operations", "AsyncPoller", "Poller")
        assert get_op.rpc is not None and cancel_op.rpc is not None
        view.has_poller = True
        view.operation_get, view.operation_cancel = aliases
        view.get_request = imports.name(ctx.index.ref(get_op.rpc.request_type))
        view.cancel_request = imports.name(ctx.index.ref(cancel_op.rpc.request_type))
    view.imports = imports.block()
    return view


def endpoint_env_names(
    env_prefix: str, grpc: list[tuple[str, str]], rest: list[tuple[str, str]]
) -> dict[str, str]:
    """Proto package prefix -> `<ENV_PREFIX>_<NAME>`: NAME is the shortest tail of the prefix
    that no other configured prefix shares (`yandex.cloud.ai.files` -> `FILES`), the same rule
    as the namespaces'; `_GRPC_ENDPOINT` / `_REST_ENDPOINT` is appended per transport."""
    prefixes = sorted({p for p, _ in grpc} | {p for p, _ in rest} - {""})
    tails = namespace_attributes(prefixes)
    return {p: f"{env_prefix}_{tails[p].upper()}" for p in prefixes}


def _endpoints(value: object) -> list[tuple[str, str]]:
    if not isinstance(value, Mapping):
        return []
    return sorted((str(k), str(v)) for k, v in value.items())
