"""`symbols.union_variants` walks named types by a table of where they hold type expressions
(the generic IR walk costs most of building the symbols of a large API): the table must name
every such field, the walk must read nothing else, and the result must be the generic walk's."""

from __future__ import annotations

import dataclasses
import typing
from pathlib import Path
from typing import Any

import pytest

from generator.ir import model, serialize
from generator.ir.model import (
    API,
    AliasType,
    Discriminator,
    EnumType,
    EnumValue,
    Field,
    Name,
    ObjectType,
    TypeExpr,
    UnionType,
)
from generator.ir.walk import nodes
from generator.render.python.http import symbols
from generator.render.python.http.symbols import UNION_FIELDS, union_variants

SNAPSHOTS = sorted((Path(__file__).resolve().parents[2] / "generated" / "ir").rglob("*.json"))


def _reaches(hint: Any, seen: set[type]) -> bool:
    """Whether a value of this type hint may hold a TypeExpr (JSON data holds none)."""
    if hint is TypeExpr:
        return True
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        if hint in seen:
            return False
        seen.add(hint)
        return any(_reaches(inner, seen) for inner in typing.get_type_hints(hint, vars(model)).values())
    return any(_reaches(arg, seen) for arg in typing.get_args(hint))


@pytest.mark.parametrize("cls", sorted(UNION_FIELDS, key=lambda c: c.__name__))
def test_the_table_names_every_field_that_may_hold_a_type_expression(cls: type) -> None:
    hints = typing.get_type_hints(cls, vars(model))
    holding = tuple(name for name, hint in hints.items() if _reaches(hint, set()))
    assert holding == UNION_FIELDS[cls]
    for name in holding:  # the dataclasses met on the way are in the table too
        for arg in (hints[name], *typing.get_args(hints[name])):
            if isinstance(arg, type) and dataclasses.is_dataclass(arg):
                assert arg in UNION_FIELDS


def _generic(api: API) -> frozenset[str]:
    found: set[str] = set()
    for node in nodes(api, only=(UnionType, TypeExpr)):
        if type(node) is UnionType or (type(node) is TypeExpr and node.kind == "union"):
            found.update(v.ref for v in node.variants if v.kind == "ref")
    return frozenset(found)


def _name(word: str) -> Name:
    return Name(word, (word.lower(),))


def _ref(type_id: str) -> TypeExpr:
    return TypeExpr(kind="ref", ref=type_id)


def _union(*ids: str) -> TypeExpr:
    return TypeExpr(kind="union", variants=tuple(_ref(i) for i in ids))


def test_unions_anywhere_in_a_named_type_are_found() -> None:
    deep = TypeExpr(kind="list", items=TypeExpr(kind="map", items=_union("A", "B")))
    types = (
        ObjectType("O", _name("O"), (Field(_name("f"), deep),), additional=_union("C")),
        UnionType("U", _name("U"), (_ref("D"), TypeExpr(kind="list", items=_union("E"))), Discriminator("k")),
        AliasType("L", _name("L"), TypeExpr(kind="union", variants=(_ref("F"), _union("G")))),
        EnumType("N", _name("N"), (EnumValue("x", _name("x")),)),
    )
    api = API(name="t", title="t", version="1", types=types)
    assert union_variants(api) == _generic(api) == frozenset("ABCDEFG")


def test_the_walk_reads_the_fields_the_table_names(monkeypatch: pytest.MonkeyPatch) -> None:
    fields = (Field(_name("f"), TypeExpr(kind="list", items=_union("A"))),)
    api = API(name="t", title="t", version="1", types=(ObjectType("O", _name("O"), fields, additional=_union("B")),))
    assert union_variants(api) == frozenset("AB")
    # a field the table leaves out is not walked: the table is the walk's only rule
    monkeypatch.setitem(UNION_FIELDS, ObjectType, ("fields",))
    monkeypatch.setitem(symbols._STEPS, ObjectType, symbols._steps(ObjectType))
    assert union_variants(api) == frozenset("A")


@pytest.mark.parametrize("snapshot", SNAPSHOTS, ids=lambda p: p.stem)
def test_the_committed_apis_give_what_the_generic_walk_gives(snapshot: Path) -> None:
    api = serialize.loads(snapshot.read_text(encoding="utf-8"))
    assert union_variants(api) == _generic(api)
