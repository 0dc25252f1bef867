"""Remembered `Symbols` tables are taken only when of the shape `symbols.build_tables` makes
(`units._tables`): any other is None, so they are made afresh."""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

from generator.render.python.http.symbols import Tables
from generator.render.python.http.units import _tables


class Text(str):
    pass


SOUND = Tables(
    class_names={"#/a": "A", "#/b": "B"},
    modules={"#/a": "a", "#/b": "b"},
    module_members={"a": ("#/a",), "b": ("#/b",)},
    union_variants=frozenset({"#/a"}),
)


def test_sound_tables_are_taken() -> None:
    assert _tables(SOUND) is SOUND
    empty = Tables(class_names={}, modules={}, module_members={}, union_variants=frozenset())
    assert _tables(empty) is empty


@pytest.mark.parametrize(
    "change",
    [
        {"class_names": {"#/a": 1}},
        {"class_names": {2: "A"}},
        {"class_names": {"#/a": Text("A")}},
        {"modules": {"#/a": b"a"}},
        {"modules": [("#/a", "a")]},
        {"module_members": {"a": ["#/a"]}},
        {"module_members": {"a": ("#/a", 3)}},
        {"module_members": {"a": "#/a"}},
        {"module_members": {Text("a"): ("#/a",)}},
        {"module_members": {"a": (Text("#/a"),)}},
        {"union_variants": frozenset({1})},
        {"union_variants": {"#/a"}},
    ],
)
def test_tables_of_another_shape_are_none(change: dict[str, Any]) -> None:
    assert _tables(dataclasses.replace(SOUND, **change)) is None
    assert _tables("not tables") is None
