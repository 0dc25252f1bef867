"""Questions asked of converted IR types: what object does this expression end at?"""

from __future__ import annotations

from collections.abc import Mapping

from generator.ir.model import AliasType, Field, NamedType, ObjectType, TypeExpr


def resolve(expr: TypeExpr | None, types: Mapping[str, NamedType]) -> TypeExpr | NamedType | None:
    """Follow refs and aliases to the first expression or named type that is neither."""
    seen: set[str] = set()
    while expr is not None and expr.kind == "ref" and expr.ref not in seen:
        seen.add(expr.ref)
        named = types.get(expr.ref)
        if not isinstance(named, AliasType):
            return named
        expr = named.target
    return expr


def object_of(expr: TypeExpr | None, types: Mapping[str, NamedType]) -> ObjectType | None:
    found = resolve(expr, types)
    return found if isinstance(found, ObjectType) else None


def field(obj: ObjectType | None, wire: str) -> Field | None:
    if obj is None:
        return None
    return next((f for f in obj.fields if f.name.wire == wire), None)


def is_binary(expr: TypeExpr | None, types: Mapping[str, NamedType]) -> bool:
    found = resolve(expr, types)
    return isinstance(found, TypeExpr) and found.kind == "primitive" and found.primitive == "binary"


def is_kind(
    expr: TypeExpr | None, types: Mapping[str, NamedType], kind: str, primitive: str = ""
) -> bool:
    found = resolve(expr, types)
    if not isinstance(found, TypeExpr) or found.kind != kind:
        return False
    return not primitive or found.primitive == primitive


def carries_files(expr: TypeExpr | None, types: Mapping[str, NamedType]) -> bool:
    """Binary, a list of binaries, or a union with such a variant (`image`: one file or several;
    OpenAI's video `input_reference`: an upload or an object that refers to an image)."""
    found = resolve(expr, types)
    if not isinstance(found, TypeExpr):
        return False
    if found.kind == "list":
        return is_binary(found.items, types)
    if found.kind == "union":
        return any(carries_files(v, types) for v in found.variants)
    return is_binary(found, types)
