"""Assemble the IR `API` of a loaded description: info, servers, security, types, operations."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from generator.diagnostics import Diagnostics
from generator.ir.model import API, JSONValue, SecurityScheme, Server
from generator.openapi.alias_cycles import break_alias_cycles
from generator.openapi.load import Spec
from generator.openapi.operations import OperationConverter
from generator.openapi.schema_units import SchemaUnits
from generator.openapi.schemas import SchemaConverter
from generator.openapi.websockets import convert_websockets

_SECURITY_KINDS = ("http", "apiKey", "oauth2", "openIdConnect", "mutualTLS")
_VARIABLE = re.compile(r"{([^{}]+)}")


def build_api(
    spec: Spec,
    package: str,
    diagnostics: Diagnostics,
    units: SchemaUnits | None = None,
    *,
    deferred: bool = False,
    entries: Mapping[str, str] | None = None,
) -> API:
    """The IR; with `deferred`, the types of replayed schema units are `generator.ir.deferred`
    stand-ins in `API.types`, built when read. `entries`: see `SchemaConverter`."""
    document = spec.root.data
    schemas = SchemaConverter(spec, diagnostics, units, deferred=deferred, entries=entries)
    try:
        schemas.convert_components()
        operations = OperationConverter(spec, schemas, diagnostics).convert_all()
    finally:
        if units is not None:
            units.save()  # (the units kept so far are right, whatever came after)
    operations += convert_websockets(spec, schemas, diagnostics, {op.id for op in operations})
    schemas.flush()
    break_alias_cycles(schemas.types, diagnostics, spec.where(spec.root_site))
    info = document.get("info") if isinstance(document.get("info"), dict) else {}
    return API(
        name=package,
        title=_text(info.get("title")),
        version=_text(info.get("version")),
        description=_text(info.get("description")),
        source="openapi",
        servers=servers(document.get("servers")),
        security=security_schemes(_get(document, "components", "securitySchemes")),
        operations=tuple(sorted(operations, key=lambda op: op.id)),
        types=tuple(schemas.types[type_id] for type_id in sorted(schemas.types)),  # type: ignore[misc]
        extensions=tuple(
            (key, _json(value)) for key, value in sorted(document.items()) if key.startswith("x-")
        ),
        files=spec.files(),
    )


def servers(declared: Any) -> tuple[Server, ...]:
    """Server URLs with their variables replaced by the variables' defaults."""
    if not isinstance(declared, list):
        return ()
    found = []
    for entry in declared:
        if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
            continue
        declared_variables = entry.get("variables")
        variables: dict[str, Any] = (
            declared_variables if isinstance(declared_variables, dict) else {}
        )

        def substitute(match: re.Match[str], variables: dict[str, Any] = variables) -> str:
            default = _get(variables, match.group(1), "default")
            return str(default) if default is not None else match.group(0)

        found.append(
            Server(
                url=_VARIABLE.sub(substitute, entry["url"]),
                description=_text(entry.get("description")),
            )
        )
    return tuple(found)


def security_schemes(declared: Any) -> tuple[SecurityScheme, ...]:
    if not isinstance(declared, dict):
        return ()
    schemes = []
    for key in sorted(declared):
        entry = declared[key]
        if not isinstance(entry, dict) or entry.get("type") not in _SECURITY_KINDS:
            continue
        kind = entry["type"]
        where = _text(entry.get("in")) if kind == "apiKey" else ""
        schemes.append(
            SecurityScheme(
                id=key,
                kind=kind,
                scheme=_text(entry.get("scheme")).lower() if kind == "http" else "",
                header=_text(entry.get("name")) if where == "header" else "",
                location=where,
                description=_text(entry.get("description")),
            )
        )
    return tuple(schemes)


def _json(value: Any) -> JSONValue:
    """Spec data as JSON values, in the spec's order (the order of a menu can mean something)."""
    if isinstance(value, dict):
        return {str(k): _json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_json(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""
