"""Cheap structural checks of our own, reported as warnings (errors under `strict`).

They catch what real descriptions get wrong and the generator cares about: a `required` list
naming a property twice, path templates and path parameters that do not match, operation ids used
twice, and `oneOf`/`anyOf` beside `properties` (the union wins and the properties are ignored).

The checks of single schema nodes depend on the node alone: for a top-level entry still as read
from its text (`parse_entries`), what they found is remembered by the digest of that text, and an
entry whose text is as last time is not walked again. The checks of operations read across
entries (ids used twice, parameters named through `$ref`) and always run on the whole.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from generator import json_pointer as pointers
from generator.diagnostics import Diagnostics
from generator.ir.model import Location
from generator.openapi import shapes
from generator.openapi.load import Document, RefProblem, Site, Spec
from generator.openapi.operations import operation_nodes, template_names

# Keys whose values are data, not description: never search them for schemas.
_DATA_KEYS = frozenset({"example", "examples", "default", "const", "enum", "value"})
# Keys whose values map user-chosen names to schemas (so a property may be called "example").
_NAME_MAPS = frozenset({"properties", "patternProperties", "$defs", "definitions", "schemas"})


# What the node checks found in one entry: [pointer below the entry's, message, hint] each.
Found = list[list[str]]


def run_checks(
    spec: Spec, diagnostics: Diagnostics, remembered: dict[str, Found] | None = None
) -> dict[str, Found]:
    """Every check; `remembered`: what the node checks found in each entry last time, by the
    digest of its text (as returned, for this run, for next time)."""
    known = remembered or {}
    found: dict[str, Found] = {}
    for document in sorted(spec.documents.values(), key=lambda d: d.name):
        entry_digest = document.entry_digest if document.origins is None else None
        for place, node, entry in _schema_like_nodes(document.data, entry_digest):
            if entry is None:
                _check_node(spec, diagnostics, document, place, node)
            else:
                found[entry] = _check_entry(spec, diagnostics, document, place, node, known.get(entry))
    _check_operations(spec, diagnostics)
    return {entry: rows for entry, rows in found.items() if rows is not None}


def _check_node(spec: Spec, diagnostics: Diagnostics, document: Document, place: Any, node: dict[str, Any]) -> None:
    if "required" in node or "properties" in node:  # what the checks below look at
        site = Site(document.path, pointers.of_place(place))
        _check_required(spec, diagnostics, site, node)
        _check_union_with_properties(spec, diagnostics, site, node)


def _check_entry(
    spec: Spec, diagnostics: Diagnostics, document: Document, place: Any, node: dict[str, Any], known: Any
) -> Any:
    """The node checks of an entry and everything in it: what they found last time when `known`
    (then `known`), else found now. Returns what was found (None: not to be remembered)."""
    if isinstance(known, list) and all(
        isinstance(row, list) and len(row) == 3 and all(type(text) is str for text in row) for row in known
    ):
        if known:  # (most entries have nothing: their pointer is not even made)
            pointer = pointers.of_place(place)
            for below, message, hint in known:
                diagnostics.warn(Location(document.display, pointer + below), message, hint)
        return known
    pointer = pointers.of_place(place)
    before = len(diagnostics.problems)
    for inner_place, inner, _ in _schema_like_nodes(node, None, place):
        _check_node(spec, diagnostics, document, inner_place, inner)
    rows = []
    for problem in diagnostics.problems[before:]:
        where = problem.location
        if where.file != document.display or not where.pointer.startswith(pointer):
            return None  # (not found in the entry: never so, but then nothing is remembered)
        rows.append([where.pointer[len(pointer) :], problem.message, problem.hint])
    return rows


def _schema_like_nodes(
    data: Any, entry_digest: Callable[[Any], str | None] | None = None, start: Any = None
) -> Iterator[tuple[Any, dict[str, Any], str | None]]:
    """Every mapping that may be a schema, with its place (see `pointers.of_place`; `data` at
    `start`), in document order. Only containers are walked into: scalars are passed over where
    they are listed. A mapping `entry_digest` knows (an entry as read) comes with its digest and
    is not walked into: the caller walks it."""
    stack: list[tuple[Any, Any, bool]] = [(start, data, False)]
    while stack:
        place, node, names = stack.pop()
        if isinstance(node, dict):
            if not names:
                entry = entry_digest(node) if entry_digest is not None else None
                yield place, node, entry
                if entry is not None:
                    continue
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
