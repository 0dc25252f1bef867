"""Which property tells the variants of a union apart, and which value means which variant.

OpenAPI's rule for a `discriminator` without a `mapping`: a variant's value is its constant
property value when it declares one, else its schema name. Without any `discriminator`, a union
still has one when every variant is an object with the same required constant property (the
OpenAI description relies on `type` everywhere); `derive` finds it.
"""

from __future__ import annotations

from typing import Any

from generator.ir.model import JSONValue
from generator.lazy_dataclass import lazy_dataclass
from generator.openapi import shapes
from generator.openapi.load import RefProblem, Site, Spec


@lazy_dataclass(frozen=True)
class Variant:
    node: Any  # the raw variant schema as written (maybe a $ref)
    site: Site
    type_id: str  # the named type it converts to; "" when it is not a named type


@lazy_dataclass(frozen=True)
class ConstProperty:
    value: JSONValue
    required: bool


def const_properties(spec: Spec, node: Any, site: Site) -> dict[str, ConstProperty]:
    """Properties of an object schema (through `$ref` and `allOf`) that admit a single value."""
    found: dict[str, JSONValue] = {}
    required: set[str] = set()
    _collect(spec, node, site, found, required, set())
    return {name: ConstProperty(value, name in required) for name, value in found.items()}


def _collect(
    spec: Spec,
    node: Any,
    site: Site,
    found: dict[str, JSONValue],
    required: set[str],
    seen: set[Site],
) -> None:
    try:
        node, site = spec.deref(node, site)
    except RefProblem:
        return
    if site in seen or not isinstance(node, dict):
        return
    seen.add(site)
    for index, part in enumerate(node.get("allOf") or ()):
        _collect(spec, part, site.child("allOf", index), found, required, seen)
    names = node.get("required")
    if isinstance(names, list):
        required.update(name for name in names if isinstance(name, str))
    properties = node.get("properties")
    if not isinstance(properties, dict):
        return
    for name, schema in properties.items():
        try:
            schema, _ = spec.deref(schema, site.child("properties", name))
        except RefProblem:
            continue
        single, value = shapes.single_value(schema)
        if single:
            found[name] = value


def variant_values(spec: Spec, variants: list[Variant], prop: str) -> dict[str, str]:
    """value -> type id for a discriminator without a mapping (the OpenAPI default rule)."""
    mapping: dict[str, str] = {}
    for variant in variants:
        if not variant.type_id:
            continue
        const = const_properties(spec, variant.node, variant.site).get(prop)
        if (
            const is not None
            and isinstance(const.value, str | int)
            and not isinstance(const.value, bool)
        ):
            mapping.setdefault(str(const.value), variant.type_id)
        else:
            mapping.setdefault(variant.type_id, variant.type_id)
    return mapping


def derive(spec: Spec, variants: list[Variant]) -> tuple[str, dict[str, str]] | None:
    """A discriminator that no keyword declares: a required constant string property shared by
    every variant, with a different value in each. `type` is preferred, then the first such
    property in the first variant's order."""
    if len(variants) < 2 or any(not v.type_id for v in variants):
        return None
    tables = [const_properties(spec, v.node, v.site) for v in variants]
    candidates = ["type", *[name for name in tables[0] if name != "type"]]
    for prop in candidates:
        values: list[str] = []
        for table in tables:
            const = table.get(prop)
            if const is None or not const.required or not isinstance(const.value, str):
                break
            values.append(const.value)
        else:
            if len(set(values)) == len(values):
                return prop, {value: v.type_id for value, v in zip(values, variants, strict=True)}
    return None
