"""What a generated package's README says, decided here; the README templates only lay it out.

Every README has the same parts: what the package is (the spec's title and description, as safe
Markdown), install, vendoring (the exact run-time ranges of the package's pyproject), credentials
as configured, endpoints, and a quickstart that runs as written: one call of the package's own
client, chosen by `best_rest_call` (among each resource's `rest_candidates`) / `proto_call`, as a
sync and an async program.

The quickstart's call (a list or get call when there is one, fewest required arguments first):
- REST: not an always-streaming or binary method; GET first, then the fewest required keyword
  arguments, then the fewest path parameters (positional), then declaration order. A method with
  a required argument that has no simple example value (a model) is left out.
- proto: unary first, then server streams (client streams are left out); calls that return no
  long-running operation first; then `List*`, then `Get*`, then the rest; then declaration order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from generator.ir.model import ObjectType
from generator.ir.words import split_words
from generator.lazy_dataclass import lazy_dataclass
from generator.render.docs.markdown import md_code, md_fence, md_heading, md_paragraphs
from generator.render.python.literals import py_literal
from generator.render.python.programs import async_program, sync_program
from generator.render.python.requirements import REQUIRES_PYTHON

if TYPE_CHECKING:  # the renderers' views: a package's README imports neither kind's
    # (an OpenAPI run never loads the gRPC renderer: ~0.05 s of imports)
    from generator.render.python.grpc.auth import AuthView
    from generator.render.python.grpc.surface import Argument
    from generator.render.python.http.operations import MethodView as RestMethod
    from generator.render.python.http.resources import ResourceView

LOCAL_GRPC_ENDPOINT = "localhost:50051"  # the quickstart's endpoint when none is configured
_PROTO_VERBS = {"list": 0, "get": 1}
T = TypeVar("T")


class ProtoMethod(Protocol):
    """What the quickstart reads of a proto method (a `MethodView` or its `MethodSummary`)."""

    @property
    def name(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def path(self) -> str: ...
    @property
    def operation(self) -> str: ...
    @property
    def arguments(self) -> Sequence[Argument]: ...


@lazy_dataclass(frozen=True, eq=False)  # (never compared: no __eq__ compiled at import)
class Quickstart:
    call: str  # `client.pets.list`, for the text
    request: str  # what it sends: `GET /pets` or `/pkg.Service/Method`
    sync: str  # a whole program
    async_: str

    @property
    def request_md(self) -> str:
        return md_code(self.request)

    @property
    def sync_md(self) -> str:
        return md_fence(self.sync, "python")

    @property
    def async_md(self) -> str:
        return md_fence(self.async_, "python")


@lazy_dataclass(frozen=True, eq=False)  # (never compared: no __eq__ compiled at import)
class Readme:
    title: str  # one line of Markdown
    description: str  # Markdown paragraphs ("" when the spec has none)
    package: str
    distribution: str
    requirements: Sequence[str]  # as in pyproject.toml
    extras: Sequence[tuple[str, Sequence[str]]] = ()  # (extra, its requirements)
    auth: Sequence[str] = ()  # Markdown lines
    endpoints: Sequence[str] = ()  # Markdown lines
    quickstart: Quickstart | None = None
    requires_python: str = REQUIRES_PYTHON


def about(title: str, description: str, fallback: str) -> tuple[str, str]:
    """The README's heading and opening text from spec prose: safe Markdown, never raw HTML, an
    open code fence or a heading of its own."""
    return md_heading(title) or md_heading(fallback), md_paragraphs(description)


def _first(ranked: Sequence[tuple[Any, T]]) -> T | None:
    """The candidate with the smallest key (keys end with declaration indexes: no ties)."""
    return min(ranked, key=lambda item: item[0])[1] if ranked else None


# --- REST -------------------------------------------------------------------------------------


@lazy_dataclass(frozen=True, eq=False)  # (never compared: no __eq__ compiled at import)
class RestCall:
    """A method as the quickstart would call it (plain data: a rendered unit keeps it)."""

    call: str  # `client.pets.list`
    request: str  # `GET /pets`
    arguments: tuple[str, ...]  # example arguments, as written in the call
    page: bool
    returns_none: bool


RestRank = tuple[bool, int, int, int]  # GET first, fewest required, fewest positional, declaration order


def _ranked_methods(resource: ResourceView) -> list[tuple[RestRank, RestMethod]]:
    """The methods of one resource the quickstart may call, each with its rank in the resource."""
    from generator.render.docs.http import example_literal

    ranked: list[tuple[RestRank, RestMethod]] = []
    for m_index, method in enumerate(resource.methods):
        if method.stream == "always" or method.binary:
            continue
        required = [a for a in method.keyword_arguments if a.required]
        if any(example_literal(a.annotation) == "None" for a in [*method.positional_arguments, *required]):
            continue
        ranked.append(((method.http_method != "GET", len(required), len(method.positional_arguments), m_index), method))
    return ranked


def rest_candidates(resource: ResourceView) -> list[tuple[RestRank, RestCall]]:
    """The calls of one resource the quickstart may make, ranked within the resource
    (`best_rest_call` ranks them across resources)."""
    return [(rank, _rest_call_of(resource, method)) for rank, method in _ranked_methods(resource)]


def best_rest_call(candidates: Sequence[Sequence[tuple[RestRank, RestCall]]]) -> RestCall | None:
    """The quickstart's call among each resource's candidates (resources in order)."""
    return _first(
        [
            ((*rank[:3], r_index, rank[3]), call)
            for r_index, calls in enumerate(candidates)
            for rank, call in calls
        ]
    )


def _rest_call_of(resource: ResourceView, method: RestMethod) -> RestCall:
    from generator.render.docs.http import example_literal

    required = [a for a in method.keyword_arguments if a.required]
    arguments = [example_literal(a.annotation) for a in method.positional_arguments]
    arguments += [f"{a.name}={example_literal(a.annotation)}" for a in required]
    return RestCall(
        call=".".join(("client", *resource.path, method.name)),
        request=f"{method.http_method} {method.http_path}",
        arguments=tuple(arguments),
        page=bool(method.page),
        returns_none=method.returns == "None",
    )


def rest_quickstart(
    package: str,
    chosen: RestCall | None,
    *,
    base_url: str,
    base_url_env: str,
    api_key_env: str,
    takes_key: bool,
) -> Quickstart | None:
    """The quickstart of a REST package around its call (`best_rest_call`): `Client()` reads what
    the configuration names from the environment; the rest is passed (`base_url=` the default API
    root, `api_key=` a placeholder when the spec declares a credential and no variable is
    configured)."""
    if chosen is None:
        return None
    options = []
    if takes_key and not api_key_env:
        options.append('api_key="..."')
    if not base_url_env:
        options.append(f"base_url={py_literal(base_url)}")
    invoke = f"{chosen.call}({', '.join(chosen.arguments)})"
    if chosen.page:
        sync_use = f"for item in {invoke}:\n    print(item)"
        async_use = f"async for item in {invoke}:\n    print(item)"
    elif chosen.returns_none:
        sync_use, async_use = invoke, f"await {invoke}"
    else:
        sync_use = f"result = {invoke}\nprint(result)"
        async_use = f"result = await {invoke}\nprint(result)"
    return Quickstart(
        call=chosen.call,
        request=chosen.request,
        sync=sync_program(package, ", ".join(options), sync_use),
        async_=async_program(package, ", ".join(options), async_use),
    )


def rest_auth(header: str, scheme: str, api_key_env: str, declared: bool) -> list[str]:
    sent = md_code(f"{header}: {scheme + ' ' if scheme else ''}<key>")
    if api_key_env:
        return [f"`Client()` reads the key from `{api_key_env}` (or pass `api_key=`); it is sent as {sent}."]
    if declared:
        return [f"Pass the key as `api_key=`; it is sent as {sent}."]
    return [f"The API declares no credentials; `api_key=` (sent as {sent}) is there if yours needs one."]


def rest_endpoints(base_url: str, base_url_env: str) -> list[str]:
    shown = md_code(base_url)
    if base_url_env:
        return [
            f"`Client()` calls the API root in `{base_url_env}`, else {shown}; "
            "`base_url=` overrides both (a local mock: `base_url=\"http://127.0.0.1:8000\"`)."
        ]
    return [f"The client calls {shown}; point `base_url=` elsewhere (a local mock: `base_url=\"http://127.0.0.1:8000\"`)."]


# --- proto ------------------------------------------------------------------------------------


@lazy_dataclass(frozen=True, eq=False)  # (never compared: no __eq__ compiled at import)
class ProtoService:
    """One service as the client reaches it: `client.<namespace>.<attribute>`."""

    namespace: str
    attribute: str
    methods: Sequence[ProtoMethod]
    requests: Sequence[ObjectType | None]  # each method's request message
    package: str = ""  # the proto package, which decides its endpoint


def proto_call(services: Sequence[ProtoService]) -> tuple[ProtoService, int] | None:
    """The quickstart's proto call (service, method index; see the module docstring)."""
    ranked: list[tuple[tuple[bool, bool, int, int, int], tuple[ProtoService, int]]] = []
    for s_index, service in enumerate(services):
        for m_index, method in enumerate(service.methods):
            if method.kind not in ("unary", "server_stream"):
                continue
            rpc = method.path.rsplit("/", 1)[-1]
            verb = _PROTO_VERBS.get((split_words(rpc) or ("",))[0], len(_PROTO_VERBS))
            key = (method.kind != "unary", bool(method.operation), verb, s_index, m_index)
            ranked.append((key, (service, m_index)))
    return _first(ranked)


def proto_quickstart(
    package: str, services: Sequence[ProtoService], auth: AuthView, *, grpc_prefixes: Sequence[str]
) -> Quickstart | None:
    """The quickstart of a proto package, over gRPC: credentials a variable does not supply are
    passed as placeholders; when no configured prefix (`grpc_prefixes`) covers the service
    called, a local plain-text endpoint is passed."""
    from generator.render.docs.grpc import example_fields

    chosen = proto_call(services)
    if chosen is None:
        return None
    service, index = chosen
    method = service.methods[index]
    options = []
    if auth.credentials and not any(c.env for c in auth.credentials):
        options.append(f'{auth.credentials[0].argument}="..."')
    if not any(_covers(prefix, service.package) for prefix in grpc_prefixes):
        options.append(f"endpoint={py_literal(LOCAL_GRPC_ENDPOINT)}, insecure=True")
    names = {a.wire: a.name for a in method.arguments}
    request = service.requests[index]
    arguments = [f"{names[f.name.wire]}={value}" for f, value in example_fields(request) if f.name.wire in names]
    call = f"client.{service.namespace}.{service.attribute}.{method.name}"
    invoke = f"{call}({', '.join(arguments)})"
    if method.operation:
        sync_use = f"operation = {invoke}\nprint(operation.wait(timeout=300))"
        async_use = f"operation = await {invoke}\nprint(await operation.wait(timeout=300))"
    elif method.kind == "server_stream":
        sync_use = f"for message in {invoke}:\n    print(message)"
        async_use = f"async for message in {invoke}:\n    print(message)"
    else:
        sync_use = f"response = {invoke}\nprint(response)"
        async_use = f"response = await {invoke}\nprint(response)"
    return Quickstart(
        call=call,
        request=method.path,
        sync=sync_program(package, ", ".join(options), sync_use),
        async_=async_program(package, ", ".join(options), async_use),
    )


def _covers(prefix: str, package: str) -> bool:
    """The runtime's rule (`endpoint_for`): a prefix serves itself and the packages below it."""
    return not prefix or package == prefix or package.startswith(prefix + ".")


def proto_auth(auth: AuthView) -> list[str]:
    if not auth.credentials and not auth.metadata:
        return ["No credentials are configured: `Client()` sends none (add your own with `metadata=[(key, value)]`)."]
    lines = [f"- `{c.argument}=`: {c.doc}" for c in auth.credentials]
    if auth.token_provider:
        lines.append("- `token_provider=`: a callable returning a fresh bearer token, asked before each call.")
    lines += [f"- `{c.argument}=`: {c.doc}" for c in auth.metadata]
    if len(auth.credentials) > 1 or auth.token_provider:
        lines.append("")
        lines.append("Pass at most one credential.")
    return lines


def proto_endpoints(
    grpc: Sequence[tuple[str, str]],
    rest: Sequence[tuple[str, str]],
    envs: Sequence[tuple[str, str]],
) -> list[str]:
    """`envs`: (variable, what it points) for the configured environment variables."""
    lines = []
    if grpc or rest:
        lines += ["| proto package | gRPC | REST |", "|---|---|---|"]
        for prefix in sorted({p for p, _ in grpc} | {p for p, _ in rest}):
            lines.append(
                f"| {md_code(prefix or '*')} | {_cell(dict(grpc).get(prefix))} | {_cell(dict(rest).get(prefix))} |"
            )
        lines.append("")
    else:
        lines.append("No endpoint is configured for this package: pass `endpoint=\"host:port\"` (gRPC) or a base URL with `transport=\"rest\"`.")
        lines.append("")
    for variable, what in envs:
        lines.append(f"- `{variable}`: {what}")
    if envs:
        lines.append("")
    lines.append(
        "`endpoint=` points every service at one server; a local plain-text one needs `insecure=True`: "
        "`Client(endpoint=\"127.0.0.1:50051\", insecure=True)`."
    )
    return lines


def _cell(endpoint: str | None) -> str:
    return md_code(endpoint) if endpoint else "—"
