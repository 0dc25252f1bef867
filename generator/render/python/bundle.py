"""A bundle: several rendered APIs as subpackages of one package, sharing one runtime, plus a
client object that holds the credentials once and opens each API on first use."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from generator.artifacts import STUB_FOLDER, ProtoArtifacts
from generator.config import DEFAULT_VERSION, PackageConfig
from generator.encoded import Text, as_str
from generator.ir.model import API
from generator.lazy_dataclass import lazy_dataclass
from generator.render.python.literals import clean_text, docstring, py_literal
from generator.render.python.naming import pascal, safe_argument
from generator.render.python.readme import Readme, about
from generator.render.python.requirements import (
    BUILD,
    REQUIRES_PYTHON,
    SERVICE_ACCOUNT,
    bundle_requirements,
)
from generator.render.python.runtime import runtime_files
from generator.render.templates import TEMPLATES, render_template

if TYPE_CHECKING:  # (custom code's reader is imported for a package that has some: `pipeline`)
    from generator.custom import CustomCode

_RUNTIME_IMPORT = re.compile(r"^(\s*from )(\.+)(_runtime\b)", re.M)
_RUNTIME_STRING = re.compile(r"""(["'])(\.+)(_runtime\.)""")


def lift_runtime_imports(text: str) -> str:
    """Point a subpackage's relative `_runtime` imports one level up, at the bundle's runtime."""
    text = _RUNTIME_IMPORT.sub(lambda m: f"{m.group(1)}.{m.group(2)}{m.group(3)}", text)
    return _RUNTIME_STRING.sub(lambda m: f"{m.group(1)}.{m.group(2)}{m.group(3)}", text)


@lazy_dataclass(frozen=True)
class Part:
    """One API of the bundle, already rendered as if it were a package named `config.name`."""

    config: PackageConfig
    api: API
    files: Mapping[str, Text]
    artifacts: ProtoArtifacts | None = None  # a proto part's stubs and their run-time ranges


@lazy_dataclass(frozen=True)
class SubClient:
    attribute: str
    kind: str  # "openapi" | "proto"
    title: str
    endpoint_argument: str  # `<attribute>_base_url` (REST) or `<attribute>_endpoint` (gRPC)
    auth_scheme: str  # openapi: the scheme for API keys
    has_folder: bool  # openapi: takes `folder_id`


def relocate(part: Part, bundle: str) -> dict[str, Text]:
    """Move a part's files under the bundle; drop its own runtime, pyproject and README."""
    dotted = part.config.name
    sub = part.config.attribute
    moved: dict[str, Text] = {}
    source_root = f"python/{dotted}/{dotted}/"
    for path, text in part.files.items():
        if path.startswith(source_root):
            inner = path[len(source_root) :]
            if inner.startswith("_runtime/"):
                continue
            python = inner.endswith((".py", ".pyi")) and not inner.startswith(f"{STUB_FOLDER}/")
            if python:  # (a models module reused may come as its bytes: `http.units`)
                text = lift_runtime_imports(as_str(text))
            moved[f"python/{bundle}/{bundle}/{sub}/{inner}"] = text
        elif path.startswith(f"docs/{dotted}/"):
            moved[f"docs/{bundle}/{sub}/{path[len(f'docs/{dotted}/') :]}"] = text
        elif path == f"ir/{dotted}.json":
            moved[f"ir/{bundle}/{sub}.json"] = text
    return moved


def render_bundle(package: PackageConfig, parts: Sequence[Part], custom: CustomCode | None = None) -> dict[str, Text]:
    name = package.name
    base = f"python/{name}/{name}"
    files: dict[str, Text] = {}
    for part in parts:
        files.update(relocate(part, name))
    files.update({f"{base}/{path}": text for path, text in runtime_files().items()})
    options: Mapping[str, Any] = package.client
    subs = [_sub_client(part) for part in parts]
    client_class = str(options.get("class") or pascal(name.split("_")))
    schemes = options.get("model_uri_schemes") or {}
    uses_websockets = any(p.api.source == "openapi" and any(o.websocket for o in p.api.operations) for p in parts)
    proto_requirements = sorted({r for p in parts if p.artifacts for r in p.artifacts.requirements})
    requirements = bundle_requirements(proto_requirements, uses_websockets)
    iam_api = str((options.get("iam") or {}).get("api", ""))
    distribution = package.distribution or name.replace("_", "-")
    title, description = about(package.title or name, str(options.get("description") or ""), name)
    context = {
        "package": name,
        "title": clean_text(package.title or name),
        "client_class": client_class,
        "doc": docstring(str(options.get("description") or f"One client for every API of {package.title or name}."), "    "),
        "subs": subs,
        "api_key_env": str(options.get("api_key_env", "")),
        "iam_token_env": str(options.get("iam_token_env", "")),
        "folder_id_env": str(options.get("folder_id_env", "")),
        "schemes": [(str(k), str(v)) for k, v in sorted(schemes.items())],
        "pystr": py_literal,
        "uses_websockets": uses_websockets,
        "version": package.version or DEFAULT_VERSION,
        "quickstart": _quickstart(package),
        "distribution": distribution,
        "attached": custom.attached("Client") if custom else [],
        "attached_async": custom.attached("AsyncClient") if custom else [],
        "custom_exports": list(custom.exports) if custom else [],
        "requirements": requirements,
        "service_account": list(SERVICE_ACCOUNT),
        "build": BUILD,
        "requires_python": REQUIRES_PYTHON,
        "readme": Readme(
            title=title,
            description=description,
            package=name,
            distribution=distribution,
            requirements=requirements,
            extras=[("service-account", SERVICE_ACCOUNT)] if iam_api else [],
        ),
        "iam_api": iam_api,
        "iam_service": str((options.get("iam") or {}).get("service", "")),
    }
    files[f"{base}/_studio.py"] = render_template("python/bundle/client.py.j2", **context)
    files[f"{base}/_credentials.py"] = (TEMPLATES / "python" / "bundle" / "credentials.py").read_text(encoding="utf-8")
    files[f"{base}/__init__.py"] = render_template("python/bundle/init.py.j2", **context)
    files[f"{base}/_version.py"] = f"__version__ = {py_literal(package.version or DEFAULT_VERSION)}\n"
    files[f"{base}/py.typed"] = ""
    files[f"python/{name}/pyproject.toml"] = render_template("python/bundle/pyproject.toml.j2", **context)
    files[f"python/{name}/README.md"] = render_template("python/bundle/README.md.j2", **context)
    files[f"docs/{name}/index.md"] = render_template(
        "docs/bundle/index.md.j2", overview=_overview(package, parts), **context
    )
    return files


def _sub_client(part: Part) -> SubClient:
    kind = part.api.source
    attribute = part.config.attribute
    extensions = dict(part.api.extensions)
    headers = extensions.get("x-codegen-client-headers") or {}
    has_folder = isinstance(headers, dict) and any(
        isinstance(v, dict) and v.get("argument") == "folder_id" for v in headers.values()
    )
    return SubClient(
        attribute=attribute,
        kind=kind,
        title=clean_text(part.config.title or part.api.title or attribute),
        endpoint_argument=safe_argument(f"{attribute}_base_url" if kind == "openapi" else f"{attribute}_endpoint"),
        auth_scheme=str(part.config.options.get("auth_scheme", "Bearer")),
        has_folder=has_folder,
    )


def _overview(package: PackageConfig, parts: Sequence[Part]) -> list[dict[str, str]]:
    """The product's list of APIs (config `client.overview`), each linked to its docs page."""
    rows = []
    for entry in package.client.get("overview") or []:
        if not isinstance(entry, dict):
            continue
        rows.append(
            {
                "name": str(entry.get("name", "")),
                "group": str(entry.get("group", "")),
                "access": str(entry.get("access", "")),
                "page": str(entry.get("page", "")),
            }
        )
    return rows


def _quickstart(package: PackageConfig) -> str:
    """The bundle's hand-written quickstart (config `client.quickstart`, a Markdown file)."""
    path = package.client.get("quickstart_file")
    if not path:
        return ""
    from pathlib import Path

    return Path(str(path)).read_text(encoding="utf-8").strip() + "\n"
