"""The one rule that turns constraints, formats, enum values and defaults into the short notes of
docstrings and docs (`generator/render/constraints.py`), and the OpenAPI front end that fills the
IR it reads."""

from __future__ import annotations

from generator.ir.model import EnumType, EnumValue, Name, ObjectType, TypeExpr, Validation
from generator.openapi.constraints import validation
from generator.render.constraints import ENUM_VALUES_SHOWN, constraint_notes, enum_note


def _enum(count: int) -> EnumType:
    values = tuple(EnumValue(f"v{i}", Name(f"v{i}", (f"v{i}",))) for i in range(count))
    return EnumType("Color", Name("Color", ("color",)), values)


def test_lengths_ranges_multiples_patterns_and_items() -> None:
    assert constraint_notes(Validation(min_length=1, max_length=64)) == ["1..64 chars"]
    assert constraint_notes(Validation(min_length=1)) == ["at least 1 char"]
    assert constraint_notes(Validation(max_length=3, min_length=3)) == ["exactly 3 chars"]
    assert constraint_notes(Validation(minimum=0, maximum=2)) == ["at least 0", "at most 2"]
    assert constraint_notes(
        Validation(minimum=0, exclusive_minimum=True, maximum=1.5, exclusive_maximum=True)
    ) == ["more than 0", "less than 1.5"]
    assert constraint_notes(Validation(multiple_of=0.5)) == ["multiple of 0.5"]
    assert constraint_notes(Validation(pattern="^[a-z]+$")) == ["pattern `^[a-z]+$`"]
    assert constraint_notes(Validation(pattern="a`b")) == ["pattern `` a`b ``"]
    assert constraint_notes(Validation(min_items=1, max_items=10)) == ["1..10 items"]
    assert constraint_notes(Validation(max_items=1)) == ["at most 1 item"]
    # a rule written as text in the source (proto validation options) is shown as written
    assert constraint_notes(Validation(max_length=63, text="required; length <=63")) == [
        "required; length <=63"
    ]
    assert constraint_notes(None) == []


def test_format_default_and_enum_values() -> None:
    when = TypeExpr(kind="primitive", primitive="string", format="date-time")
    assert constraint_notes(None, when) == ["format `date-time`"]
    count = TypeExpr(kind="primitive", primitive="integer", format="int64")
    assert constraint_notes(None, count, has_default=True, default=20) == ["default `20`"]
    assert constraint_notes(None, count, has_default=True, default=None) == []
    types = {"Color": _enum(3)}
    color = TypeExpr(kind="ref", ref="Color")
    assert constraint_notes(None, color, types) == ["one of `v0`, `v1`, `v2`"]
    colors = TypeExpr(kind="list", items=color)
    assert constraint_notes(Validation(min_items=1), colors, types) == [
        "at least 1 item",
        "each one of `v0`, `v1`, `v2`",
    ]
    assert constraint_notes(None, color, types, has_default=True, default="v1") == [
        "one of `v0`, `v1`, `v2`",
        'default `"v1"`',
    ]


def test_long_enums_are_cut_with_a_count() -> None:
    values: list[str | int] = [f"value_{i}" for i in range(ENUM_VALUES_SHOWN + 12)]
    note = enum_note(values)
    assert note.endswith("`value_7` (+12 more)") and "value_8" not in note
    assert enum_note(["x" * 100]) == f"one of `{'x' * 39}…`"


def test_the_openapi_front_end_reads_every_constraint() -> None:
    node = {
        "minLength": 2, "maxLength": 9, "pattern": "^a", "minItems": 1, "maxItems": 4,
        "multipleOf": 5, "minimum": 10, "exclusiveMaximum": 100,  # 3.1: the bound itself
    }
    found = validation(node, required=True)
    assert found == Validation(
        required=True, min_length=2, max_length=9, minimum=10.0, maximum=100.0,
        exclusive_maximum=True, min_items=1, max_items=4, multiple_of=5.0, pattern="^a",
    )
    assert validation({"maximum": 3, "exclusiveMaximum": True}, False) == Validation(
        maximum=3.0, exclusive_maximum=True
    )


def test_proto_fields_show_their_rule_as_written_and_their_enum_values() -> None:
    from generator.ir.model import Field, ProtoField
    from generator.render.constraints import proto_field_notes
    from generator.render.docs.grpc import field_rows
    from generator.render.python.grpc.package import field_doc

    types = {"pkg.Color": _enum(3)}
    color = Field(
        Name("color", ("color",)),
        TypeExpr(kind="ref", ref="pkg.Color"),
        description="Paint.",
        validation=Validation(required=True, text="required"),
        proto=ProtoField(number=1, proto_type="enum", type_name="pkg.Color"),
    )
    data = Field(
        Name("data", ("data",)),
        TypeExpr(kind="primitive", primitive="string", format="byte"),
        proto=ProtoField(number=2, proto_type="bytes"),
    )
    assert proto_field_notes(color, types) == ["one of `v0`, `v1`, `v2`"]
    assert proto_field_notes(data, types) == []  # bytes in Python: base64 is the JSON's business
    assert field_doc(color, types) == "Paint. (required; one of `v0`, `v1`, `v2`)"
    message = ObjectType("pkg.Paint", Name("Paint", ("paint",)), (color, data))
    row = field_rows(message, {}, types)[0]
    assert row.description == "Paint. *(required; one of `v0`, `v1`, `v2`)*"
