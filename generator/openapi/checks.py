"""Cheap structural checks of our own, reported as warnings (errors under `strict`).

They catch what real descriptions get wrong and the generator cares about: a `required` list
naming a property twice, path templates and path parameters that do not match, operation ids used
twice, and `oneOf`/`anyOf` beside `properties` (the union wins and the properties are ignored).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

from generator.diagnostics import Diagnostics
from generator.openapi import pointers, shapes
from generator.openapi.load import RefProblem, Site, Spec
from generator.openapi.operations import operation_nodes, template_names

# Keys whose values are data, not description: never search them for schemas.
_DATA_KEYS = frozenset({"example", "examples", "default", "const", "enum", "value"})
# Keys whose values map user-chosen names to schemas (so a property may be called "example").
_NAME_MAPS = frozenset({"properties", "patternProperties", "$defs", "definitions", "schemas"})


def run_checks(spec: Spec, diagnostics: Diagnostics) -> None:
    for document in sorted(spec.documents.values(), key=lambda d: d.name):
        for place, node in _schema_like_nodes(document.data):
            if "required" in node or "properties" in node:  # what the checks below look at
                site = Site(document.path, pointers.of_place(place))
                _check_required(spec, diagnostics, site, node)
                _check_union_with_properties(spec, diagnostics, site, node)
    _check_operations(spec, diagnostics)


def _schema_like_nodes(data: Any) -> Iterator[tuple[Any, dict[str, Any]]]:
    """Every mapping that may be a schema, with its place (see `pointers.of_place`), in document
    order. Only containers are walked into: scalars are passed over where they are listed."""
    stack: list[tuple[Any, Any, bool]] = [(None, data, False)]
    while stack:
        place, node, names = stack.pop()
        if isinstance(node, dict):
            if not names:
                yield place, node
                children = [
                    ((place, key), value, key in _NAME_MAPS)
                    for key, value in node.items()
                    if isinstance(value, (dict, list))
                    and key not in _DATA_KEYS
                    and not shapes.is_extension(key)
                ]
            else:
                children = [
                    ((place, key), value, False)
                    for key, value in node.items()
                    if isinstance(value, (dict, list))
                ]
            children.reverse()
            stack.extend(children)
        elif isinstance(node, list):
            stack.extend(
                ((place, index), node[index], False)
                for index in reversed(range(len(node)))
                if isinstance(node[index], (dict, list))
            )


def _check_required(spec: Spec, diagnostics: Diagnostics, site: Site, node: dict[str, Any]) -> None:
    required = node.get("required")
    if not isinstance(required, list):
        return
    counts = Counter(name for name in required if isinstance(name, str))
    repeated = sorted(name for name, count in counts.items() if count > 1)
    if repeated:
        diagnostics.warn(
            spec.where(site.child("required")),
            f"duplicate entries in `required`: {', '.join(repeated)}",
            "list each property once",
        )


def _check_union_with_properties(
    spec: Spec, diagnostics: Diagnostics, site: Site, node: dict[str, Any]
) -> None:
    properties = node.get("properties")
    union = shapes.union_variants(node)
    if union is None or not isinstance(properties, dict) or not properties:
        return
    real = [v for v in union[1] if not shapes.is_null_schema(v)]
    if len(real) > 1:
        diagnostics.warn(
            spec.where(site.child("properties")),
            f"`properties` beside `{union[0]}` are ignored: the union decides the type",
            "move the shared properties into each variant (allOf)",
        )


def _check_operations(spec: Spec, diagnostics: Diagnostics) -> None:
    first_use: dict[str, str] = {}
    params_of_item: dict[Site, set[str]] = {}
    for path, method, raw, site, item, item_site in operation_nodes(spec, _reported_later):
        templated = set(template_names(path))
        if item_site not in params_of_item:
            params_of_item[item_site] = _path_params(spec, item, item_site)
        item_params = params_of_item[item_site]
        given = raw.get("operationId")
        if isinstance(given, str):
            if given in first_use:
                diagnostics.warn(
                    spec.where(site.child("operationId")),
                    f"operationId {given!r} is also used by {first_use[given]}",
                    "operation ids must be unique",
                )
            else:
                first_use[given] = f"{method.upper()} {path}"
        declared = item_params | _path_params(spec, raw, site)
        for name in sorted(templated - declared):
            diagnostics.warn(
                spec.where(site),
                f"path template parameter {{{name}}} has no `in: path` parameter",
            )
        for name in sorted(declared - templated):
            diagnostics.warn(
                spec.where(site),
                f"path parameter {name!r} does not appear in the path template {path!r}",
            )


def _reported_later(problem: RefProblem) -> None:
    """A `$ref` that cannot be followed is reported where the operations are converted."""


def _path_params(spec: Spec, owner: dict[str, Any], site: Site) -> set[str]:
    names: set[str] = set()
    listed = owner.get("parameters")
    if not isinstance(listed, list):
        return names
    for index, entry in enumerate(listed):
        try:
            node, _ = spec.deref(entry, site.child("parameters", index))
        except RefProblem:  # reported where the parameter is converted
            continue
        if (
            isinstance(node, dict)
            and node.get("in") == "path"
            and isinstance(node.get("name"), str)
        ):
            names.add(node["name"])
    return names
