"""The generic IR walk, whole and pruned to the fields that can lead to the classes asked for."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.ir import serialize
from generator.ir.model import Field, Location, Name, TypeExpr, UnionType
from generator.ir.walk import nodes

SNAPSHOTS = sorted((Path(__file__).resolve().parents[2] / "generated" / "ir").rglob("*.json"))


@pytest.mark.parametrize("snapshot", SNAPSHOTS, ids=lambda p: p.name)
def test_a_pruned_walk_finds_what_the_whole_walk_finds(snapshot: Path) -> None:
    api = serialize.loads(snapshot.read_text(encoding="utf-8"))
    for only in ((UnionType, TypeExpr), (Field,), (Location,)):
        whole = [id(node) for node in nodes(api) if isinstance(node, only)]
        pruned = [id(node) for node in nodes(api, only=only)]
        assert whole and sorted(pruned) == sorted(whole)


def test_a_pruned_walk_skips_fields_that_cannot_hold_what_is_asked_for() -> None:
    expr = TypeExpr(kind="union", variants=(TypeExpr(kind="ref", ref="A"),))
    field = Field(name=Name("x", ("x",)), type=expr, location=Location("s.yaml"))
    assert [type(n) for n in nodes(field, only=(TypeExpr,))].count(TypeExpr) == 2
    assert not list(nodes(field, only=(UnionType,)))  # a Field holds no UnionType


def test_a_pruned_walk_leaves_out_the_fields_that_cannot_lead_to_what_is_asked_for() -> None:
    """What the pruning is for: of a Field, a walk for union types follows its type (and its
    default, typed loosely) and nothing else: not its name, validation, proto facts or location."""
    from generator.ir.walk import _Pruned, field_names

    pruned = _Pruned((UnionType, TypeExpr)).fields(Field)
    assert "type" in pruned and {"name", "validation", "proto", "location"}.isdisjoint(pruned)
    assert len(pruned) < len(field_names(Field)) / 3
