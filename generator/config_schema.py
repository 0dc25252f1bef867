"""The schema of `specs/generator.yaml`, and a checker that locates every mistake by line and column.

The schema is data (below); `check` walks a document read by ruamel.yaml (which keeps the position
of every key and item) and raises a UsageError naming `file:line:col`, what is wrong and, for an
unknown key, the nearest valid one.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from generator.diagnostics import UsageError
from generator.lazy_dataclass import lazy_dataclass


# --- schema nodes ---------------------------------------------------------------------------
@lazy_dataclass(frozen=True)
class Str:
    choices: tuple[str, ...] = ()


@lazy_dataclass(frozen=True)
class Number:
    pass


@lazy_dataclass(frozen=True)
class ListOf:
    item: Node


@lazy_dataclass(frozen=True)
class MapOf:
    """A mapping with free keys (strings) and values of one kind."""

    value: Node


@lazy_dataclass(frozen=True)
class Fields:
    """A mapping with known keys; `required` must be present."""

    fields: Mapping[str, Node]
    required: tuple[str, ...] = ()
    what: str = "mapping"


@lazy_dataclass(frozen=True)
class AnyValue:
    pass


Node = Str | Number | ListOf | MapOf | Fields | AnyValue

OPENAPI_OPTIONS = Fields(
    {
        "auth_scheme": Str(),  # the word before the key in `Authorization`
        "auth_header": Str(),
        "api_key_env": Str(),
        "base_url": Str(),
        "base_url_env": Str(),
    },
    what="options of an OpenAPI package",
)
PROTO_AUTH = Fields(
    {
        "scheme": Str(("none", "bearer", "api_key", "api_key_or_bearer")),
        "header": Str(),  # REST: the header carrying the credential
        "metadata_key": Str(),  # gRPC: the metadata key carrying the credential
        "prefix": Str(),  # the word before the credential (`Bearer`, `Api-Key`); "" for none
        "env": Str(),  # the environment variable read when no credential is given
        "token_argument": Str(),  # the client's keyword argument for a bearer token (default `token`)
        "metadata": MapOf(Str()),  # custom metadata sent on every call: key -> environment variable
    },
    required=("scheme",),
    what="auth of a proto package",
)
PROTO_OPTIONS = Fields(
    {
        "title": Str(),
        "grpc_endpoints": MapOf(Str()),  # proto package prefix -> host:port
        "rest_endpoints": MapOf(Str()),  # proto package prefix -> base URL
        "endpoint_env": Str(),  # prefix of the environment variables that override them
        "timeout": Number(),
        "auth": PROTO_AUTH,
    },
    what="options of a proto package",
)
_SPEC_FIELDS: dict[str, Node] = {
    "name": Str(),
    "title": Str(),
    "openapi": Str(),  # an OpenAPI 3.x or Swagger 2.0 document
    "overlays": ListOf(Str()),  # OpenAPI Overlay 1.0 documents applied in order
    "ref_roots": ListOf(Str()),  # folders besides the document's own that its `$ref`s may read
    "proto_root": Str(),
    "protos": ListOf(Str()),
    "options": AnyValue(),  # checked against OPENAPI_OPTIONS or PROTO_OPTIONS by kind
}
API = Fields(_SPEC_FIELDS, required=("name",), what="api of a bundle")
CLIENT = Fields(
    {
        "class": Str(),
        "description": Str(),
        "api_key_env": Str(),
        "iam_token_env": Str(),
        "folder_id_env": Str(),
        "model_uri_schemes": MapOf(Str()),
        "quickstart": Str(),
        "overview": ListOf(MapOf(Str())),
        # the IAM token exchange: which api of the bundle and which service of it
        "iam": Fields({"api": Str(), "service": Str()}, required=("api", "service"), what="IAM exchange"),
    },
    what="client of a bundle",
)
PACKAGE = Fields(
    {
        **_SPEC_FIELDS,
        "distribution": Str(),  # the name in the package's pyproject.toml
        "version": Str(),  # default: the spec's info.version where it is semver, else 0.1.0
        "logger_name": Str(),  # default: the package name
        "custom": Fields(  # hand-written code from specs/custom/<package>/
            {"attach": MapOf(Str())},  # `Client.attr: module:callable`
            what="custom code settings",
        ),
        "apis": ListOf(API),
        "client": CLIENT,
    },
    required=("name",),
    what="package",
)
CONFIG = Fields(
    {"output": Str(), "packages": ListOf(PACKAGE)}, required=("packages",), what="configuration"
)


# --- checking -------------------------------------------------------------------------------
@lazy_dataclass
class Positions:
    """Where things are in the configuration file; falls back to the file alone."""

    path: Path

    def at(self, container: Any, key: object, *, value: bool = False) -> str:
        lc = getattr(container, "lc", None)
        try:
            if isinstance(key, int):
                line, col = lc.item(key)  # type: ignore[union-attr]
            elif value:
                line, col = lc.value(key)  # type: ignore[union-attr]
            else:
                line, col = lc.key(key)  # type: ignore[union-attr]
        except (AttributeError, KeyError, IndexError, TypeError):
            return self.of(container)
        return f"{self.path}:{line + 1}:{col + 1}"

    def of(self, node: Any) -> str:
        lc = getattr(node, "lc", None)
        if lc is not None and lc.line is not None:
            return f"{self.path}:{lc.line + 1}:{lc.col + 1}"
        return str(self.path)


def fail(where: str, message: str) -> UsageError:
    return UsageError(f"{where}: {message}")


def suggestion(word: str, valid: list[str]) -> str:
    close = difflib.get_close_matches(word, valid, n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""


def check(node: Any, schema: Node, positions: Positions, where: str, path: str) -> None:
    """Raise a UsageError at the first value that does not fit `schema`; `where` locates `node`."""
    if isinstance(schema, AnyValue):
        return
    if isinstance(schema, Str):
        if isinstance(node, bool) or not isinstance(node, str | int | float):
            raise fail(where, f"`{path}` must be a string, not {_kind(node)}")
        if schema.choices and str(node) not in schema.choices:
            allowed = ", ".join(schema.choices)
            raise fail(where, f"`{path}` must be one of {allowed}, not {node!r}{suggestion(str(node), list(schema.choices))}")
        return
    if isinstance(schema, Number):
        if isinstance(node, bool) or not isinstance(node, int | float):
            raise fail(where, f"`{path}` must be a number, not {_kind(node)}")
        return
    if isinstance(schema, ListOf):
        if not isinstance(node, list):
            raise fail(where, f"`{path}` must be a list, not {_kind(node)}")
        for index, item in enumerate(node):
            check(item, schema.item, positions, positions.at(node, index), f"{path}[{index}]")
        return
    if not isinstance(node, dict):
        raise fail(where, f"`{path}` must be a mapping, not {_kind(node)}")
    if isinstance(schema, MapOf):
        for key, value in node.items():
            check(value, schema.value, positions, positions.at(node, key, value=True), _join(path, key))
        return
    valid = list(schema.fields)
    for key, value in node.items():
        if key not in schema.fields:
            named = f" `{path}`" if path else ""
            raise fail(
                positions.at(node, key),
                f"unknown key `{key}` in the {schema.what}{named}{suggestion(str(key), valid)}"
                f"{_elsewhere(str(key), schema)}; valid keys: {', '.join(valid)}",
            )
        check(value, schema.fields[key], positions, positions.at(node, key, value=True), _join(path, key))
    for key in schema.required:
        if key not in node:
            raise fail(where, f"the {schema.what} `{path or 'configuration'}` needs `{key}`")


def _join(path: str, key: object) -> str:
    return f"{path}.{key}" if path else str(key)


def _elsewhere(key: str, schema: Fields) -> str:
    """An option of the other kind of spec: say where it belongs."""
    for other in (OPENAPI_OPTIONS, PROTO_OPTIONS):
        if other is not schema and key in other.fields and schema in (OPENAPI_OPTIONS, PROTO_OPTIONS):
            return f" (`{key}` is one of the {other.what})"
    return ""


def _kind(node: Any) -> str:
    if node is None:
        return "nothing"
    if isinstance(node, bool):
        return "a boolean"
    if isinstance(node, dict):
        return "a mapping"
    if isinstance(node, list):
        return "a list"
    if isinstance(node, int | float):
        return f"the number {node}"
    return f"{type(node).__name__}"


def plain(node: Any) -> Any:
    """ruamel's commented containers as plain dicts and lists (stable `repr`, JSON-friendly)."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node
