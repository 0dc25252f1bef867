"""The pure rules: how type expressions relate, and what a relation means in each direction."""

from __future__ import annotations

import pytest

from generator.diff import rules
from generator.diff.relation import Relation, describe, relation
from generator.diff.usage import BOTH, REQUEST, RESPONSE
from generator.ir.model import TypeExpr


def prim(kind: str, fmt: str = "", nullable: bool = False) -> TypeExpr:
    return TypeExpr(kind="primitive", primitive=kind, format=fmt, nullable=nullable)  # type: ignore[arg-type]


def ref(type_id: str) -> TypeExpr:
    return TypeExpr(kind="ref", ref=type_id)


def list_of(item: TypeExpr) -> TypeExpr:
    return TypeExpr(kind="list", items=item)


def union(*variants: TypeExpr) -> TypeExpr:
    return TypeExpr(kind="union", variants=variants)


def const(value: str | int) -> TypeExpr:
    return TypeExpr(kind="const", const=value)


ANY = TypeExpr(kind="any")

RELATIONS: list[tuple[TypeExpr, TypeExpr, Relation]] = [
    (prim("string"), prim("string"), "same"),
    (ref("A"), ref("A"), "same"),
    (ref("A"), ref("B"), "changed"),
    (prim("integer"), prim("number"), "widened"),
    (prim("number"), prim("integer"), "narrowed"),
    (prim("string"), prim("integer"), "changed"),
    (prim("integer", "int32"), prim("integer", "int64"), "widened"),
    (prim("integer", "int64"), prim("integer", "int32"), "narrowed"),
    (prim("string", "uuid"), prim("string"), "widened"),
    (prim("string"), prim("string", "uuid"), "narrowed"),
    (prim("string"), prim("string", "date-time"), "changed"),
    (prim("string", "uuid"), prim("string", "uri"), "changed"),
    (prim("string"), prim("string", nullable=True), "widened"),
    (prim("string", nullable=True), prim("string"), "narrowed"),
    (prim("string"), ANY, "widened"),
    (ANY, ref("A"), "narrowed"),
    (const("a"), prim("string"), "widened"),
    (prim("integer"), const(3), "narrowed"),
    (const("a"), prim("integer"), "changed"),
    (const("a"), const("b"), "changed"),
    (ref("A"), union(ref("A"), ref("B")), "added_alternatives"),
    (union(ref("A"), ref("B")), ref("A"), "removed_alternatives"),
    (union(ref("A"), ref("B")), union(ref("B"), ref("A")), "same"),
    (union(ref("A"), ref("B")), union(ref("A"), ref("C")), "changed"),
    (list_of(prim("integer")), list_of(prim("number")), "widened"),
    (list_of(ref("A")), list_of(ref("B")), "changed"),
    (list_of(ref("A")), ref("A"), "changed"),
    (list_of(prim("integer")), list_of(prim("number", nullable=True)), "widened"),
    (list_of(prim("number")), list_of(prim("integer", nullable=True)), "changed"),
]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    RELATIONS,
    ids=[f"{describe(o)} -> {describe(n)}" for o, n, _ in RELATIONS],
)
def test_relation(old: TypeExpr, new: TypeExpr, expected: Relation) -> None:
    assert relation(old, new) == expected


LEVELS: list[tuple[Relation, str, str | None]] = [
    ("same", "both", None),
    ("widened", "request", "patch"),
    ("widened", "response", "major"),
    ("widened", "both", "major"),
    ("narrowed", "request", "major"),
    ("narrowed", "response", "patch"),
    ("narrowed", "both", "major"),
    ("added_alternatives", "request", "minor"),
    ("added_alternatives", "response", "minor"),
    ("removed_alternatives", "request", "major"),
    ("removed_alternatives", "response", "patch"),
    ("changed", "request", "major"),
    ("changed", "response", "major"),
]
WAYS = {"request": REQUEST, "response": RESPONSE, "both": BOTH}


@pytest.mark.parametrize(("rel", "way", "level"), LEVELS)
def test_type_change_level_by_direction(rel: Relation, way: str, level: str | None) -> None:
    assert rules.type_change(rel, WAYS[way]) == level


def test_requirements_by_direction() -> None:
    assert rules.required_change(True, REQUEST) == "major"
    assert rules.required_change(True, RESPONSE) == "patch"
    assert rules.required_change(False, REQUEST) == "patch"
    assert rules.required_change(False, RESPONSE) == "major"
    assert rules.required_change(True, BOTH) == rules.required_change(False, BOTH) == "major"
    assert rules.nullable_change(True, REQUEST) == "patch"
    assert rules.nullable_change(True, RESPONSE) == "major"
    assert rules.nullable_change(False, REQUEST) == "major"
    assert rules.nullable_change(False, RESPONSE) == "patch"
    assert rules.member_added(True, REQUEST) == "major"
    assert rules.member_added(True, RESPONSE) == "minor"
    assert rules.member_added(False, BOTH) == "minor"


def test_describe() -> None:
    assert (
        describe(list_of(prim("integer", "int64", nullable=True)))
        == "list of integer (int64) | null"
    )
    assert describe(union(ref("A"), list_of(ref("B")))) == "A | (list of B)"
    assert describe(TypeExpr(kind="map", items=ref("A"))) == "map of A"
    assert describe(const("a")) == 'constant "a"'
