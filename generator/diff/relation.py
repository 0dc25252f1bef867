"""How a type expression changed: the same, wider, narrower, alternatives added or removed, or other.

`relation(old, new)` says which values the new type accepts compared with the old one:
- `widened`: every old value is still valid and the representation may grow (integer -> number,
  int32 -> int64, a format dropped, a constant -> its primitive, anything -> any, nullable added);
- `narrowed`: the reverse;
- `added_alternatives` / `removed_alternatives`: a union gained or lost variants (or a type became a
  union that includes it, or a union collapsed to one of its variants);
- `changed`: anything else (string -> integer, a reference to another type, list <-> scalar, a
  format that changes the Python type such as date-time).
A reference to the same named type id is `same`: changes inside the named type are reported on it.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Literal

from generator.ir.model import JSONValue, TypeExpr

Relation = Literal[
    "same", "widened", "narrowed", "added_alternatives", "removed_alternatives", "changed"
]

# Formats that give a value another Python type (see generator/render/python/http/annotations.py).
_REPRESENTATION_FORMATS = frozenset({"date-time", "date"})
_WIDER_FORMATS = frozenset({("int32", "int64"), ("float", "double")})


def relation(old: TypeExpr, new: TypeExpr) -> Relation:
    """How `new` relates to `old`, nullability included at every level."""
    inner = _relation_ignoring_null(strip_null(old), strip_null(new))
    if old.nullable == new.nullable:
        return inner
    return combine(inner, "widened" if new.nullable else "narrowed")


def strip_null(expr: TypeExpr) -> TypeExpr:
    return replace(expr, nullable=False) if expr.nullable else expr


def combine(first: Relation, second: Relation) -> Relation:
    """The relation of a change made of two parts (e.g. a list whose items changed and became nullable)."""
    if first == "same" or first == second:
        return second
    if second == "same":
        return first
    pair = {first, second}
    if pair <= {"widened", "added_alternatives"}:
        return "widened"
    if pair <= {"narrowed", "removed_alternatives"}:
        return "narrowed"
    return "changed"


def _relation_ignoring_null(old: TypeExpr, new: TypeExpr) -> Relation:
    if old == new:
        return "same"
    if old.kind == "union" or new.kind == "union":
        return _union_relation(old, new)
    if old.kind != new.kind:
        if new.kind == "any":
            return "widened"
        if old.kind == "any":
            return "narrowed"
        if old.kind == "const" and new.kind == "primitive":
            return "widened" if _const_fits(old.const, new) else "changed"
        if old.kind == "primitive" and new.kind == "const":
            return "narrowed" if _const_fits(new.const, old) else "changed"
        return "changed"
    if old.kind == "ref":
        return "same" if old.ref == new.ref else "changed"
    if old.kind == "primitive":
        return _primitive_relation(old, new)
    if old.kind in ("list", "map"):
        any_type = TypeExpr(kind="any")
        return relation(old.items or any_type, new.items or any_type)
    if old.kind == "const":
        return "same" if old.const == new.const else "changed"
    return "same"  # any -> any


def _union_relation(old: TypeExpr, new: TypeExpr) -> Relation:
    old_variants = list(old.variants) if old.kind == "union" else [old]
    new_variants = list(new.variants) if new.kind == "union" else [new]
    old_in_new = all(v in new_variants for v in old_variants)
    new_in_old = all(v in old_variants for v in new_variants)
    if old_in_new and new_in_old:
        return "same"
    if old_in_new:
        return "added_alternatives"
    if new_in_old:
        return "removed_alternatives"
    return "changed"


def _primitive_relation(old: TypeExpr, new: TypeExpr) -> Relation:
    if old.primitive != new.primitive:
        if (old.primitive, new.primitive) == ("integer", "number"):
            return "widened"
        if (old.primitive, new.primitive) == ("number", "integer"):
            return "narrowed"
        return "changed"
    if old.format == new.format:
        return "same"
    if old.format in _REPRESENTATION_FORMATS or new.format in _REPRESENTATION_FORMATS:
        return "changed"
    if (old.format, new.format) in _WIDER_FORMATS or not new.format:
        return "widened"
    if (new.format, old.format) in _WIDER_FORMATS or not old.format:
        return "narrowed"
    return "changed"


def _const_fits(value: JSONValue, primitive: TypeExpr) -> bool:
    kind = primitive.primitive
    if isinstance(value, bool):
        return kind == "boolean"
    if isinstance(value, int):
        return kind in ("integer", "number")
    if isinstance(value, float):
        return kind == "number"
    if isinstance(value, str):
        return kind == "string"
    return False


def describe(expr: TypeExpr) -> str:
    """A type expression as a short readable text for messages: `list of Message | null`."""
    text = _describe(expr)
    if expr.nullable and not (expr.kind == "const" and expr.const is None):
        text += " | null"
    return text


def _describe(expr: TypeExpr) -> str:
    if expr.kind == "ref":
        return expr.ref
    if expr.kind == "primitive":
        name = expr.primitive or "string"
        return f"{name} ({expr.format})" if expr.format else name
    if expr.kind == "list":
        return f"list of {describe(expr.items)}" if expr.items else "list"
    if expr.kind == "map":
        return f"map of {describe(expr.items)}" if expr.items else "map"
    if expr.kind == "union":
        return " | ".join(_parenthesized(v) for v in expr.variants) or "union"
    if expr.kind == "const":
        return "null" if expr.const is None else f"constant {_literal(expr.const)}"
    return "any"


def _parenthesized(expr: TypeExpr) -> str:
    text = describe(expr)
    return f"({text})" if " | " in text or text.startswith(("list of", "map of")) else text


def _literal(value: JSONValue) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def default_text(has_default: bool, value: JSONValue) -> str:
    """A default value for messages: `none` when there is none, else the JSON literal in backticks."""
    return f"`{_literal(value)}`" if has_default else "none"
