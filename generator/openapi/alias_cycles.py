"""Type aliases and unions that contain themselves with no object in between.

`Disc: oneOf [A, string, $ref Disc]` or `J: anyOf [array of J, string]` name a type only through
itself: a generated module evaluates aliases when it is imported, so such a cycle cannot be
built. The reference that closes the cycle is typed as `any`, with a located warning; cycles
that pass through an object are fine (model annotations resolve lazily) and stay as they are.
"""

from __future__ import annotations

from dataclasses import replace

from generator.diagnostics import Diagnostics
from generator.ir.deferred import Deferred, built
from generator.ir.graph import strongly_connected
from generator.ir.model import AliasType, Discriminator, Location, NamedType, TypeExpr, UnionType

ANY = TypeExpr(kind="any")


def break_alias_cycles(
    types: dict[str, NamedType | Deferred], diagnostics: Diagnostics, fallback: Location
) -> None:
    """Replace, in place in `types`, the references that close an alias-only cycle (a deferred
    type is built only when it is in one)."""
    refs = {i: found for i, t in types.items() if (found := _alias_refs_of(t)) is not None}
    aliases = sorted(refs)
    graph = {i: sorted(set(refs[i]) & refs.keys()) for i in aliases}
    for component in strongly_connected(aliases, graph):
        members = set(component)
        if len(component) == 1 and component[0] not in graph[component[0]]:
            continue
        for type_id in component:
            named = built(types[type_id])
            diagnostics.warn(
                named.location or fallback,
                f"{type_id!r} contains itself through unions and aliases only ("
                + " -> ".join([*component, component[0]])
                + "): that reference is typed as any",
                "put an object between them, or name the repeated part",
            )
            types[type_id] = _without(named, members)


def alias_refs(named: NamedType) -> tuple[str, ...] | None:
    """The ids the references of an alias or a union name (None for other types): what this
    module reads of a type (kept with a deferred one)."""
    return tuple(_refs(named)) if isinstance(named, AliasType | UnionType) else None


def _alias_refs_of(named: NamedType | Deferred) -> tuple[str, ...] | None:
    return named.alias_refs if isinstance(named, Deferred) else alias_refs(named)


def _refs(named: NamedType) -> list[str]:
    if isinstance(named, AliasType):
        return list(_expr_refs(named.target))
    assert isinstance(named, UnionType)
    refs = [ref for variant in named.variants for ref in _expr_refs(variant)]
    if named.discriminator is not None:
        refs += [ref for _, ref in named.discriminator.mapping]
    return refs


def _expr_refs(expr: TypeExpr | None) -> list[str]:
    if expr is None:
        return []
    found = [expr.ref] if expr.kind == "ref" else []
    found += _expr_refs(expr.items)
    for variant in expr.variants:
        found += _expr_refs(variant)
    return found


def _cut(expr: TypeExpr, members: set[str]) -> TypeExpr:
    if expr.kind == "ref" and expr.ref in members:
        return replace(ANY, nullable=expr.nullable)
    items = _cut(expr.items, members) if expr.items is not None else None
    variants = tuple(_cut(v, members) for v in expr.variants)
    discriminator = _mapping_without(expr.discriminator, members)
    return replace(expr, items=items, variants=variants, discriminator=discriminator)


def _mapping_without(discriminator: Discriminator | None, members: set[str]) -> Discriminator | None:
    if discriminator is None:
        return None
    kept = tuple((value, ref) for value, ref in discriminator.mapping if ref not in members)
    return replace(discriminator, mapping=kept)


def _without(named: NamedType, members: set[str]) -> NamedType:
    if isinstance(named, AliasType):
        return replace(named, target=_cut(named.target, members))
    assert isinstance(named, UnionType)
    return replace(
        named,
        variants=tuple(_cut(v, members) for v in named.variants),
        discriminator=_mapping_without(named.discriminator, members),
    )
