"""What rendering a large API costs per field and per reference: model modules and data-type
entries read each `Symbols` entry they need once, shared notes are made once, and texts with
nothing to convert take no memo lookups. (Their output is covered by the golden packages.)"""

from __future__ import annotations

import dataclasses
from collections import Counter

import pytest

from generator.ir.model import EnumType, EnumValue, Field, Name, ObjectType, TypeExpr
from generator.render import constraints
from generator.render.constraints import constraint_notes
from generator.render.docs import markdown
from generator.render.python import literals
from generator.render.python.http.models import render_module
from generator.render.python.http.symbols import Symbols
from generator.render.python.http.units import _recording
from generator.render.python.naming import snake
from generator.render.unit_record import Recording


class CountingReads(set[tuple[str, str]]):
    """A unit's reads, counting every time a read is noted (the set keeps each once)."""

    def __init__(self) -> None:
        super().__init__()
        self.noted: Counter[tuple[str, str]] = Counter()

    def add(self, read: tuple[str, str]) -> None:
        self.noted[read] += 1
        super().add(read)


def _color() -> EnumType:
    values = tuple(EnumValue(v, Name(v, (v,))) for v in ("red", "green"))
    return EnumType("Color", Name("Color", ("color",)), values)


def _symbols() -> Symbols:
    ref = TypeExpr(kind="ref", ref="Color")
    fields = (
        Field(Name("first", ("first",)), ref),
        Field(Name("second", ("second",)), TypeExpr(kind="list", items=ref)),
    )
    pair = ObjectType("Pair", Name("Pair", ("pair",)), fields)
    return Symbols(
        types={"Pair": pair, "Color": _color()},
        class_names={"Pair": "Pair", "Color": "Color"},
        modules={"Pair": "pair", "Color": "color"},
        module_members={"pair": ("Pair",), "color": ("Color",)},
    )


def test_constraint_notes_do_not_ask_whether_the_types_are_empty() -> None:
    reads: set[tuple[str, str]] = set()
    types = Recording("types", {"Color": _color()}, reads)
    constraint_notes(None, TypeExpr(kind="ref", ref="Color"), types)
    constraint_notes(None, TypeExpr(kind="primitive", primitive="string"), types)
    # `types or {}` would note a read of the table's emptiness in every unit
    assert reads == {("types", "Color")}


def test_a_models_module_reads_each_class_name_once() -> None:
    reads = CountingReads()
    symbols = _symbols()  # (its class names read through a view counting by table and key)
    names = Recording("class_names", symbols.class_names, reads)
    recording = dataclasses.replace(_recording(symbols, set(), set()), class_names=names)
    module = render_module("pair", ("Pair",), recording)
    assert [line for line in module.imports if "Color" in line] == ["from .color import Color"]
    # its own name once (not again per definition), a referenced one once however often it is
    # named (its import takes the name the annotation found)
    assert reads.noted[("class_names", "Pair")] == 1
    assert reads.noted[("class_names", "Color")] == 2  # two annotations name it; no third read for the import


def test_the_note_of_an_enum_is_made_once() -> None:
    types = {"Color": _color()}
    first = constraint_notes(None, TypeExpr(kind="ref", ref="Color"), types)
    second = constraint_notes(None, TypeExpr(kind="ref", ref="Color"), types)
    assert first == second == ["one of `red`, `green`"]
    assert first[0] is second[0]  # remembered, not made again for every field of that type
    assert constraints.enum_note(["red", "green"]) is first[0]


def test_empty_texts_take_no_memo_lookup(monkeypatch: pytest.MonkeyPatch) -> None:
    def unexpected(*_: object) -> str:
        raise AssertionError("an empty text was converted")

    monkeypatch.setattr(literals, "docstring_body", unexpected)
    monkeypatch.setattr(markdown, "_md_cell", unexpected)
    assert literals.docstring("", "    ") == ""
    assert markdown.md_cell("") == ""


def test_snake_names_are_remembered() -> None:
    first = snake(("created", "at"))
    assert first == "created_at" and snake(("created", "at")) is first
    assert snake(("class",)) == "class_" and snake(("1st", "", "x")) == "n_1st_x"
    assert snake(()) == "unnamed" and snake(("a-b",)) == "a_b"


def test_an_outline_names_every_type_referred_to_from_one_walk() -> None:
    from generator.ir.model import Discriminator, UnionType
    from generator.render.python.http.symbols import outline

    def ref(type_id: str) -> TypeExpr:
        return TypeExpr(kind="ref", ref=type_id)

    nested = TypeExpr(kind="map", items=TypeExpr(kind="list", items=ref("Deep")))
    inner = TypeExpr(kind="union", variants=(ref("A"), ref("B")), discriminator=Discriminator("k", (("x", "M"),)))
    holder = ObjectType(
        "Holder", Name("Holder", ("holder",)), (Field(Name("a", ("a",)), inner), Field(Name("n", ("n",)), nested)),
        additional=ref("Extra"),
    )
    assert outline(holder) == ("object", "Holder", ("holder",), ("A", "B", "Deep", "Extra", "M"), ("A", "B"))
    union = UnionType("U", Name("U", ("u",)), (ref("C"), nested), Discriminator("k", (("y", "N"),)))
    assert outline(union) == ("alias", "U", ("u",), ("C", "Deep", "N"), ("C",))
    assert outline(_color())[3:] == ((), ())
