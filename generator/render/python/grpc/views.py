"""What the gRPC client templates and the gRPC docs read: one view per generated module,
and the `Context` of one package (the IR, its type index and the call rules)."""

from __future__ import annotations

from dataclasses import field
from typing import NamedTuple

from generator.ir.extensions import PROTO_SERVICE_DOCS
from generator.ir.model import API, NamedType
from generator.lazy_dataclass import lazy_dataclass
from generator.render.python.grpc.auth import AuthView
from generator.render.python.grpc.names import TypeIndex
from generator.render.python.grpc.rules import RuleSet
from generator.render.python.grpc.surface import Argument, NamespaceInfo, ServiceInfo
from generator.render.python.literals import clean_text


@lazy_dataclass(eq=False)  # (never compared: no __eq__ compiled at import)
class MethodView:
    name: str  # Python method name
    attr: str  # the bound transport call, `self._<name>`
    constant: str  # module-level Method descriptor
    path: str  # /package.Service/Method
    request: str  # request class expression
    response: str  # raw response class expression
    kind: str  # unary | server_stream | client_stream | bidi_stream
    http: list[str]  # HttpRule(...) sources
    arguments: list[Argument]
    parameters: list[str]  # their declarations, `name: Annotation | None = None`
    build: str  # `request = ` the request built from the keyword arguments (`layout.request_build`)
    doc: str  # the docstring of both the sync and the async method
    returns_sync: str
    returns_async: str
    awaits: bool  # the async variant is `async def`
    check: bool  # run client-side validation
    operation: str  # "" or "response_cls, metadata_cls"
    idempotent: bool  # failed calls may be repeated (calls.is_idempotent)
    pager: str = ""  # the name of the iterator companion of a paged List method, or ""
    pager_items: str = ""  # the response field with the items
    item: str = ""  # the type of one item
    pager_doc: str = ""


class MethodSummary(NamedTuple):
    """What the README's quickstart reads of a method (`readme.proto_call`): a cached service
    module keeps this rather than its whole view, which takes far longer to load back."""

    name: str
    kind: str
    path: str
    operation: str
    arguments: tuple[Argument, ...]


@lazy_dataclass(eq=False)  # (never compared: no __eq__ compiled at import)
class ServiceView:
    module_doc: str
    class_name: str
    async_class_name: str
    doc: str
    imports: list[str]
    methods: list[MethodView]
    has_operations: bool
    params_imports: list[str] = field(default_factory=list)  # TypedDicts, for type checking (indented)


@lazy_dataclass(eq=False)  # (never compared: no __eq__ compiled at import)
class NamespaceView:
    attribute: str
    class_name: str
    doc: str
    services: list[tuple[str, str, str]]  # (attribute, sync class, async class)


@lazy_dataclass(eq=False)  # (never compared: no __eq__ compiled at import)
class ClientView:
    doc: str
    imports: list[str]
    grpc_endpoints: list[tuple[str, str]]
    rest_endpoints: list[tuple[str, str]]
    timeout: str
    namespaces: list[NamespaceView]
    has_poller: bool
    auth: AuthView
    auth_summary: str
    operation_get: str = ""
    operation_cancel: str = ""
    get_request: str = ""
    cancel_request: str = ""
    example_attr: str = ""
    # environment variables: (every gRPC endpoint, every REST endpoint), then per prefix
    endpoint_env: tuple[str, str] = ("", "")
    grpc_endpoint_envs: list[tuple[str, str]] = field(default_factory=list)
    rest_endpoint_envs: list[tuple[str, str]] = field(default_factory=list)


@lazy_dataclass(eq=False)  # (never compared: no __eq__ compiled at import)
class Context:
    api: API
    package: str
    types: dict[str, NamedType]
    index: TypeIndex
    rules: RuleSet
    enums: frozenset[str]
    namespaces: list[NamespaceInfo] = field(default_factory=list)
    params: dict[str, str] = field(default_factory=dict)  # message type id -> its TypedDict


def method_summaries(view: ServiceView) -> tuple[MethodSummary, ...]:
    return tuple(MethodSummary(m.name, m.kind, m.path, m.operation, tuple(m.arguments)) for m in view.methods)


def service_description(ctx: Context, service: ServiceInfo) -> str:
    docs = dict(ctx.api.extensions).get(PROTO_SERVICE_DOCS)
    text = docs.get(service.full_name) if isinstance(docs, dict) else None
    return clean_text(str(text)) if text else f"Methods of `{service.full_name}`."
