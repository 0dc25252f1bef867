"""The Python renderer for OpenAPI-described APIs: a self-contained sync + async client package."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from functools import partial
from typing import TYPE_CHECKING, Any

import orjson

from generator.config import PackageConfig, default_version
from generator.encoded import Text
from generator.ir.model import API, Operation
from generator.ir.words import split_words
from generator.lazy_dataclass import lazy_dataclass
from generator.render.python.http.models import model_modules
from generator.render.python.http.resources import (
    ChildView,
    ResourcePlan,
    base_url_of,
    build_resource,
    plan_resources,
)
from generator.render.python.http.symbols import Symbols, build_symbols
from generator.render.python.http.units import Units, unit_name
from generator.render.python.literals import clean_text, comment, docstring, py_literal
from generator.render.python.naming import safe_argument, snake
from generator.render.python.readme import (
    Readme,
    RestCall,
    RestRank,
    about,
    best_rest_call,
    rest_auth,
    rest_candidates,
    rest_endpoints,
    rest_quickstart,
)
from generator.render.python.requirements import BUILD, REQUIRES_PYTHON, http_requirements
from generator.render.python.runtime import runtime_files
from generator.render.templates import render_template

if TYPE_CHECKING:  # (custom code's reader is imported for a package that has some: `pipeline`)
    from generator.custom import CustomCode

# What `from <package> import X` offers besides the clients.
_RUNTIME_EXPORTS = (
    ("APIConnectionError", "._runtime._errors"),
    ("APIError", "._runtime._errors"),
    ("APIResponseValidationError", "._runtime._errors"),
    ("APIStatusError", "._runtime._errors"),
    ("APITimeoutError", "._runtime._errors"),
    ("AuthenticationError", "._runtime._errors"),
    ("BadRequestError", "._runtime._errors"),
    ("ConflictError", "._runtime._errors"),
    ("InternalServerError", "._runtime._errors"),
    ("NotFoundError", "._runtime._errors"),
    ("PermissionDeniedError", "._runtime._errors"),
    ("RateLimitError", "._runtime._errors"),
    ("RedirectError", "._runtime._errors"),
    ("ResponseTooLargeError", "._runtime._errors"),
    ("StreamError", "._runtime._errors"),
    ("UnprocessableEntityError", "._runtime._errors"),
    ("Omit", "._runtime._types"),
    ("omit", "._runtime._types"),
    ("Timeout", "._runtime._types"),
    ("Stream", "._runtime._streaming"),
    ("AsyncStream", "._runtime._streaming"),
    ("SyncPage", "._runtime._pagination"),
    ("AsyncPage", "._runtime._pagination"),
    ("AsyncPaginator", "._runtime._pagination"),
    ("BinaryResponse", "._runtime._response"),
    ("AsyncBinaryResponse", "._runtime._response"),
    ("APIResponse", "._runtime._response"),
    ("AsyncAPIResponse", "._runtime._response"),
)
# Exported (and `_runtime/_realtime.py` shipped) only when the API has a WebSocket channel.
_REALTIME_EXPORTS = (
    ("RealtimeConnection", "._runtime._realtime"),
    ("AsyncRealtimeConnection", "._runtime._realtime"),
    ("RealtimeSessionClosed", "._runtime._realtime"),
    ("RealtimeUnknownEvent", "._runtime._realtime"),
)
_REALTIME_RUNTIME = "_runtime/_realtime.py"


@lazy_dataclass(frozen=True)
class ClientHeader:
    header: str
    argument: str
    env: str


@lazy_dataclass(frozen=True)
class ClientView:
    doc: str
    doc_async: str
    base_url: str
    base_url_env: str
    api_key_env: str
    auth_scheme: str
    auth_header: str
    user_agent: str
    logger_name: str  # the client logs to `<logger_name>`
    headers: tuple[ClientHeader, ...]
    children: list[ChildView]


def render_python_package(
    api: API, package: PackageConfig, custom: CustomCode | None = None, units: Units | None = None
) -> dict[str, Text]:
    """Every file of the package; `units` remembers units between runs (see its module)."""
    name = package.name
    base = f"python/{name}/{name}"
    version = package.version or default_version(api.version)
    files: dict[str, Text] = {}
    channels = any(op.websocket is not None for op in api.operations)
    files.update(
        {
            f"{base}/{path}": text
            for path, text in runtime_files().items()
            if channels or path != _REALTIME_RUNTIME
        }
    )
    symbols = units.symbols(api) if units is not None else build_symbols(api)
    for module, text in model_modules(symbols, units).items():
        files[f"{base}/models/{module}.py"] = text
    remembered = units or Units.off()
    models_init = partial(_models_init, symbols)
    files[f"{base}/models/__init__.py"] = remembered.of_tables("models-init", models_init, _is_text)
    plans, top = plan_resources(api, symbols)
    base_url = base_url_of(api)
    operations = {(op.http.method, op.http.path): op for op in api.operations if op.http is not None}
    from generator.render.docs.http import model_links

    # read once: a unit that iterated the names would note each one
    links = remembered.of_tables("model-links", partial(model_links, symbols), _is_links)
    links_digest = hashlib.sha256(orjson.dumps(links)).hexdigest() if remembered.path is not None else ""
    resource_pages: list[tuple[str, str, int, str]] = []
    candidates: list[list[tuple[RestRank, RestCall]]] = []
    for plan in plans:
        wire = {key: operations.get(key) for key in _wire_keys(plan)}
        make = partial(_resource_unit, plan, name, base_url, wire, links)
        unit = remembered.render(symbols, _resource_unit_name(remembered, name, base_url, plan, wire, links_digest), make)
        try:
            module_text, page_text, calls = _read_resource_unit(unit)
        except (TypeError, ValueError):  # a damaged entry: rendered afresh, never an error
            module_text, page_text, calls = _read_resource_unit(make(symbols))
        files[f"{base}/resources/{plan.module}.py"] = module_text
        resource_pages.append((".".join(plan.path), f"{plan.module}.md", len(plan.operations), page_text))
        candidates.append(calls)
    files[f"{base}/resources/__init__.py"] = '"""Resource classes: one per group of operations."""\n'
    client = _client_view(api, package, top, version)
    files[f"{base}/_client.py"] = render_template(
        "python/package/client.py.j2",
        client=client,
        attached=custom.attached("Client") if custom else [],
        attached_async=custom.attached("AsyncClient") if custom else [],
    )
    files[f"{base}/_version.py"] = f"__version__ = {py_literal(version)}\n"
    files[f"{base}/py.typed"] = ""
    package_exports = [("Client", "._client"), ("AsyncClient", "._client"), *_RUNTIME_EXPORTS]
    if channels:
        package_exports.extend(_REALTIME_EXPORTS)
    if custom is not None:
        package_exports.extend(custom.exports)
    files[f"{base}/__init__.py"] = render_template(
        "python/package/init.py.j2",
        doc=docstring(_package_doc(api), ""),
        exports=package_exports,
        package=name,
    )
    distribution = package.distribution or name.replace("_", "-")
    requirements = http_requirements(channels)
    files[f"python/{name}/pyproject.toml"] = render_template(
        "python/package/pyproject.toml.j2",
        distribution=distribution,
        package=name,
        version=version,
        description=comment(api.title or name),
        requirements=requirements,
        build=BUILD,
        requires_python=REQUIRES_PYTHON,
    )
    from generator.render.docs.http import render_docs

    files.update(render_docs(api, name, symbols, resource_pages, units))
    chosen = best_rest_call(candidates)
    files[f"python/{name}/README.md"] = render_template(
        "python/package/README.md.j2", readme=_readme(api, name, distribution, requirements, client, chosen), build=BUILD
    )
    return files


def _models_init(symbols: Symbols) -> str:
    """`models/__init__.py`: every model, exported from its module (the names and modules alone)."""
    ordered = sorted(symbols.class_names, key=lambda i: symbols.class_names[i])
    exports = [(symbols.class_names[type_id], symbols.modules[type_id]) for type_id in ordered]
    return render_template("python/package/models_init.py.j2", exports=exports)


def _is_text(value: Any) -> bool:
    return isinstance(value, str)


def _is_links(value: Any) -> bool:
    return isinstance(value, dict) and all(isinstance(t, str) for item in value.items() for t in item)


def _wire_keys(plan: ResourcePlan) -> list[tuple[str, str]]:
    """The (HTTP method, path) each method of the resource is documented by."""
    return [(op.http.method.upper(), op.http.path) for op in plan.operations if op.http is not None and op.websocket is None]


def _resource_unit_name(
    units: Units,
    package: str,
    base_url: str,
    plan: ResourcePlan,
    wire: dict[tuple[str, str], Operation | None],
    links_digest: str,
) -> str:
    """Everything a resource's unit depends on besides the symbols it reads: its plan, the
    operations by their content digests, the model links by theirs (none are needed when
    nothing is remembered)."""
    if units.path is None:
        return ""
    digest = units.fragments.digest
    return unit_name(
        "resource",
        links_digest,
        package,
        base_url,
        plan.path,
        plan.class_name,
        plan.module,
        plan.doc,
        [(c.attribute, c.class_name, c.module) for c in plan.children],
        plan.method_names,
        [digest(op) for op in plan.operations],
        [(key, digest(op) if op is not None else None) for key, op in wire.items()],
    )


def _resource_unit(
    plan: ResourcePlan,
    package: str,
    base_url: str,
    wire: dict[tuple[str, str], Operation | None],
    links: dict[str, str],
    symbols: Symbols,
) -> list[Any]:
    """One resource: its module's text, its docs page's text, and the calls the README's
    quickstart may make (as plain data, as a unit keeps it)."""
    from generator.render.docs.http import resource_page

    view = build_resource(plan, symbols, base_url)
    return [
        render_template("python/resources/module.py.j2", resource=view),
        resource_page(view, package, symbols, wire, links),
        _calls_data(rest_candidates(view)),
    ]


def _calls_data(candidates: list[tuple[RestRank, RestCall]]) -> list[Any]:
    """A resource's quickstart candidates as a unit keeps them (`_read_resource_unit` reads them)."""
    return [[list(rank), c.call, c.request, list(c.arguments), c.page, c.returns_none] for rank, c in candidates]


def _read_resource_unit(unit: Any) -> tuple[str, str, list[tuple[RestRank, RestCall]]]:
    """What `_resource_unit` gave (JSON data: lists for tuples); TypeError or ValueError when
    it has another shape."""
    if not isinstance(unit, list) or len(unit) != 3:
        raise TypeError("a resource unit holds two texts and the quickstart's calls")
    module_text, page_text, calls = unit
    if not isinstance(module_text, str) or not isinstance(page_text, str):
        raise TypeError("a resource unit holds two texts")
    candidates: list[tuple[RestRank, RestCall]] = []
    for (not_get, required, positional, index), call, request, arguments, page, none in calls:
        if not all(isinstance(text, str) for text in (call, request, *arguments)):
            raise TypeError("a quickstart call is text")
        rank = (bool(not_get), int(required), int(positional), int(index))
        candidates.append((rank, RestCall(call, request, tuple(arguments), bool(page), bool(none))))
    return module_text, page_text, candidates


def _readme(
    api: API, name: str, distribution: str, requirements: list[str], client: ClientView, chosen: RestCall | None
) -> Readme:
    title, description = about(api.title, api.description, name)
    return Readme(
        title=title,
        description=description,
        package=name,
        distribution=distribution,
        requirements=requirements,
        auth=rest_auth(client.auth_header, client.auth_scheme, client.api_key_env, bool(api.security)),
        endpoints=rest_endpoints(client.base_url, client.base_url_env),
        quickstart=rest_quickstart(
            name,
            chosen,
            base_url=client.base_url,
            base_url_env=client.base_url_env,
            api_key_env=client.api_key_env,
            takes_key=bool(api.security),
        ),
    )


def _package_doc(api: API) -> str:
    text = clean_text(api.title or "API client")
    return f"{text}: sync and async Python client (generated by apigen)."


def _client_view(api: API, package: PackageConfig, top: list[ChildView], version: str) -> ClientView:
    options: Mapping[str, Any] = package.options
    scheme, header = _auth(api)
    headers = []
    extensions = dict(api.extensions)
    client_headers = extensions.get("x-codegen-client-headers") or {}
    if isinstance(client_headers, dict):
        for wire in sorted(client_headers):
            entry = client_headers[wire]
            spec: dict[str, Any] = entry if isinstance(entry, dict) else {}
            env = str(spec.get("env", ""))
            argument = str(spec.get("argument", "")) or wire
            headers.append(
                ClientHeader(header=wire, argument=safe_argument(snake(split_words(argument))), env=env)
            )
    title = clean_text(api.title or package.name)
    return ClientView(
        doc=docstring(f"Synchronous client for {title}.", "    "),
        doc_async=docstring(f"Asynchronous client for {title}.", "    "),
        base_url=str(options.get("base_url") or (api.servers[0].url if api.servers else "http://localhost")),
        base_url_env=str(options.get("base_url_env", "")),
        api_key_env=str(options.get("api_key_env", "")),
        auth_scheme=str(options.get("auth_scheme", scheme)),
        auth_header=str(options.get("auth_header", header)),
        user_agent=f"{package.name}/{version} (apigen)",
        logger_name=package.logger_name or package.name,
        headers=tuple(headers),
        children=top,
    )


def _auth(api: API) -> tuple[str, str]:
    """The default credential header from the spec's first security scheme."""
    for scheme in api.security:
        if scheme.kind == "http" and scheme.scheme.lower() == "bearer":
            return "Bearer", "Authorization"
        if scheme.kind == "apiKey" and scheme.location == "header" and scheme.header:
            return "", scheme.header
    return "Bearer", "Authorization"
