"""Type expressions made once per description and shared by every use that spells the same one.

A description repeats the same few expressions thousands of times (`string`, `integer/int64`, a
`$ref` to one schema, a list of strings): one frozen object each saves building it again, the
memory of every copy, and the work of every later stage that looks at it once per object
(encoding a unit's types, the limits walk). The IR stays the same data: equal expressions were
equal before, now they are also the same object.
"""

from __future__ import annotations

from generator.ir.model import PrimitiveKind, TypeExpr

ANY = TypeExpr(kind="any")
NULL = TypeExpr(kind="const", const=None, nullable=True)


class SharedExprs:
    """Shared type expressions of one conversion. Those built around another expression are
    found by that expression's `id()`: the expression kept holds it, so the id stays its own."""

    def __init__(self) -> None:
        self._primitives: dict[tuple[str, str], TypeExpr] = {}
        self._refs: dict[tuple[str, bool], TypeExpr] = {}
        self._lists: dict[int, TypeExpr] = {}
        self._maps: dict[int, TypeExpr] = {}
        self._nullable: dict[int, tuple[TypeExpr, TypeExpr]] = {}  # id -> (expression, nullable)

    def primitive(self, primitive: PrimitiveKind, fmt: str = "") -> TypeExpr:
        found = self._primitives.get((primitive, fmt))
        if found is None:
            found = self._primitives[primitive, fmt] = TypeExpr(kind="primitive", primitive=primitive, format=fmt)
        return found

    def ref(self, type_id: str, nullable: bool = False) -> TypeExpr:
        found = self._refs.get((type_id, nullable))
        if found is None:
            found = self._refs[type_id, nullable] = TypeExpr(kind="ref", ref=type_id, nullable=nullable)
        return found

    def list_of(self, items: TypeExpr) -> TypeExpr:
        found = self._lists.get(id(items))
        if found is None or found.items is not items:
            found = self._lists[id(items)] = TypeExpr(kind="list", items=items)
        return found

    def map_of(self, values: TypeExpr) -> TypeExpr:
        found = self._maps.get(id(values))
        if found is None or found.items is not values:
            found = self._maps[id(values)] = TypeExpr(kind="map", items=values)
        return found

    def nullable(self, expr: TypeExpr, nullable: bool = True) -> TypeExpr:
        """`expr` admitting null too, when `nullable`."""
        if not nullable or expr.nullable:
            return expr
        found = self._nullable.get(id(expr))
        if found is not None and found[0] is expr:
            return found[1]
        made = TypeExpr(
            kind=expr.kind,
            ref=expr.ref,
            primitive=expr.primitive,
            format=expr.format,
            items=expr.items,
            variants=expr.variants,
            discriminator=expr.discriminator,
            const=expr.const,
            nullable=True,
        )
        self._nullable[id(expr)] = (expr, made)
        return made
