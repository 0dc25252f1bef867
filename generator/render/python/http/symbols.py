"""The Python names of every named type, and which models module defines it.

Model modules are the strongly connected components of the type reference graph: types that
refer to each other (directly or through a cycle) share a module, so modules import each other
without cycles, and recursive schemas need no special handling.
"""

from __future__ import annotations

import typing
from collections.abc import Callable, Iterable, Mapping
from operator import attrgetter
from typing import Any

from generator.ir import model
from generator.ir.deferred import built, by_id
from generator.ir.graph import strongly_connected
from generator.ir.model import (
    API,
    AliasType,
    EnumType,
    Field,
    NamedType,
    ObjectType,
    TypeExpr,
    UnionType,
)
from generator.ir.walk import nodes
from generator.lazy_dataclass import lazy_dataclass
from generator.render.python.naming import class_name, dedupe, snake


@lazy_dataclass(frozen=True)
class Symbols:
    types: Mapping[str, NamedType]
    class_names: Mapping[str, str]  # type id -> Python name
    modules: Mapping[str, str]  # type id -> models module name (without package)
    module_members: Mapping[str, tuple[str, ...]]  # module -> type ids, in definition order
    union_variants: frozenset[str] = frozenset()  # ids of the types some union chooses between

    def name(self, type_id: str) -> str:
        return self.class_names[type_id]


# What the whole-API tables (`Tables`) read of a named type: its kind ("enum", "object" or
# "alias": unions are aliases here), its name as on the wire and as words, the ids it refers to
# and the ids its unions choose between. A type whose outline is unchanged changes no table.
Outline = tuple[str, str, tuple[str, ...], tuple[str, ...], tuple[str, ...]]


@lazy_dataclass(frozen=True)
class Tables:
    """The tables of `Symbols` besides the types themselves: what naming and grouping decided."""

    class_names: Mapping[str, str]
    modules: Mapping[str, str]
    module_members: Mapping[str, tuple[str, ...]]
    union_variants: frozenset[str]


def build_symbols(api: API) -> Symbols:
    outlines = {t.id: outline(built(t)) for t in api.types}
    variants = [operation_variants(op) for op in api.operations]
    return symbols_of(api, build_tables(outlines, variants))


def symbols_of(api: API, tables: Tables) -> Symbols:
    """The symbols of `api`: its types by id (deferred ones built when read), and `tables`."""
    return Symbols(types=by_id({t.id: t for t in api.types}), **vars(tables))


_KINDS = ((EnumType, "enum"), (ObjectType, "object"), (AliasType, "alias"), (UnionType, "alias"))


def outline(named: NamedType) -> Outline:
    kind = next((kind for cls, kind in _KINDS if isinstance(named, cls)), "")
    found: set[str] = set()
    refs: set[str] = set()
    _type_unions(named, found, refs)  # (one walk for both)
    return kind, named.name.wire, named.name.words, tuple(sorted(refs)), tuple(sorted(found))


def operation_variants(operation: model.Operation) -> tuple[str, ...]:
    """The ids of the types some union in `operation` chooses between."""
    found: set[str] = set()
    for node in nodes(operation, only=(UnionType, TypeExpr)):
        if type(node) is UnionType or (type(node) is TypeExpr and node.kind == "union"):
            found.update(v.ref for v in node.variants if v.kind == "ref")
    return tuple(sorted(found))


def union_variants(api: API) -> frozenset[str]:
    """The ids of the types that are a variant of some union, anywhere in the API.

    The named types (most of a large API) are walked by `_type_unions`, which reads where they
    hold type expressions from `UNION_FIELDS` (checked against the IR's type hints by a test);
    the operations by the generic walk."""
    found: set[str] = set()
    for named in api.types:
        _type_unions(built(named), found)
    for operation in api.operations:
        found.update(operation_variants(operation))
    return frozenset(found)


def build_tables(outlines: Mapping[str, Outline], operations: Iterable[tuple[str, ...]]) -> Tables:
    """The tables from the outline of each type (by id) and the union variants of each operation."""
    ordered = sorted(outlines)
    class_names = dict(
        zip(ordered, dedupe([class_name(outlines[i][1], outlines[i][2]) for i in ordered]))
    )
    graph = {i: [r for r in outlines[i][3] if r in outlines] for i in ordered}
    components = strongly_connected(ordered, graph)
    module_names = dedupe([snake(outlines[min(c)][2]) for c in components])
    modules: dict[str, str] = {}
    members: dict[str, tuple[str, ...]] = {}
    kinds = {i: outlines[i][0] for i in ordered}
    for module, component in zip(module_names, components):
        for type_id in component:
            modules[type_id] = module
        members[module] = definition_order(component, kinds, graph)
    found: set[str] = set()
    for type_id in ordered:
        found.update(outlines[type_id][4])
    for variants in operations:
        found.update(variants)
    return Tables(
        class_names=class_names,
        modules=modules,
        module_members=members,
        union_variants=frozenset(found),
    )


# where a named type, a field and a type expression hold type expressions
UNION_FIELDS: dict[type, tuple[str, ...]] = {
    ObjectType: ("fields", "additional"),
    UnionType: ("variants",),
    AliasType: ("target",),
    EnumType: (),
    Field: ("type",),
    TypeExpr: ("items", "variants"),
}


# How `_type_unions` reads a field `UNION_FIELDS` names: its getter, whether it holds a tuple,
# and for a holder of exactly one expression (a `Field`) the getter of that expression, so the walk
# steps through the holder without visiting it (on a large API the holders are half the nodes).
_Step = tuple[Callable[[Any], Any], bool, Callable[[Any], Any] | None]


def _held(cls: type, name: str) -> tuple[type, bool]:
    """The class a field holds (`X`, `X | None`, `tuple[X, ...]`) and whether it holds a tuple."""
    hint = typing.get_type_hints(cls, vars(model))[name]
    inner = [arg for arg in typing.get_args(hint) if arg not in (type(None), Ellipsis)]
    return (inner[0] if inner else hint), typing.get_origin(hint) is tuple


def _steps(cls: type) -> tuple[_Step, ...]:
    steps: list[_Step] = []
    for name in UNION_FIELDS[cls]:
        held, many = _held(cls, name)
        inner = UNION_FIELDS[held]
        through = None
        if held not in (TypeExpr, UnionType) and len(inner) == 1 and _held(held, inner[0]) == (TypeExpr, False):
            through = attrgetter(inner[0])
        steps.append((attrgetter(name), many, through))
    return tuple(steps)


_STEPS = {cls: _steps(cls) for cls in UNION_FIELDS}


def _type_unions(named: NamedType, found: set[str], refs: set[str] | None = None) -> None:
    """Add the variant ids of the unions in `named`, walking the fields `UNION_FIELDS` names;
    and to `refs`, if given, every type id `named` refers to (discriminator mappings included)."""
    pending: list[Any] = [named]
    pop, push, extend = pending.pop, pending.append, pending.extend
    while pending:
        node = pop()
        cls = type(node)
        if cls is UnionType or (cls is TypeExpr and node.kind == "union"):
            found.update(v.ref for v in node.variants if v.kind == "ref")
        if refs is not None and (cls is TypeExpr or cls is UnionType):
            if cls is TypeExpr and node.kind == "ref":
                refs.add(node.ref)
            if node.discriminator is not None:
                refs.update(ref for _, ref in node.discriminator.mapping)
        for get, many, through in _STEPS[cls]:
            held = get(node)
            if many:
                extend(held if through is None else map(through, held))
            elif held is not None:
                push(held if through is None else through(held))


def definition_order(
    component: list[str], kinds: Mapping[str, str], graph: Mapping[str, list[str]]
) -> tuple[str, ...]:
    """Enums, then classes (annotations resolve lazily), then aliases in dependency order.

    Aliases are evaluated when the module runs, so an alias must follow what it names.
    """
    enums = sorted(i for i in component if kinds[i] == "enum")
    classes = sorted(i for i in component if kinds[i] == "object")
    aliases = sorted(i for i in component if kinds[i] == "alias")
    return tuple(enums + classes + _after_what_they_name(aliases, graph))


def _after_what_they_name(aliases: list[str], graph: Mapping[str, list[str]]) -> list[str]:
    """`aliases`, each after the aliases it names (depth first, in `graph`'s order; a cycle is cut
    where it closes). A loop, not a function calling itself: no recursion limit on a long chain,
    and no closure referring to itself, which would leave a reference cycle of garbage per
    component for a run without the cycle collector (`lifetime.collect_no_cycles`)."""
    alias_set = set(aliases)
    placed: list[str] = []
    seen: set[str] = set()
    for alias in aliases:
        if alias in seen:
            continue
        path = {alias}  # (the aliases being placed: a dependency among them closes a cycle)
        work = [(alias, iter(graph[alias]))]
        while work:
            type_id, dependencies = work[-1]
            for dependency in dependencies:
                if dependency in alias_set and dependency not in seen and dependency not in path:
                    path.add(dependency)
                    work.append((dependency, iter(graph[dependency])))
                    break
            else:
                work.pop()
                path.discard(type_id)
                seen.add(type_id)
                placed.append(type_id)
    return placed
