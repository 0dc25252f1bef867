"""Every way a rendered unit can read a whole table is noted as a read of the whole table (a read
that went unnoticed would let a stale unit be reused). Reads CPython makes in C past the view
(`set(view)`, `a_set & view`) cannot be noted: `unit_record` says units do not make them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from generator.render.unit_record import WHOLE, Reads, RecordingDict, RecordingSet

WHOLE_SET_READS: dict[str, Callable[[Any], Any]] = {
    "==": lambda s: s == frozenset({"a"}),
    "!=": lambda s: s != frozenset({"a"}),
    "<=": lambda s: s <= frozenset({"a"}),
    "<": lambda s: s < frozenset({"a"}),
    ">=": lambda s: s >= frozenset({"a"}),
    ">": lambda s: s > frozenset({"a"}),
    "&": lambda s: s & {"a"},
    "|": lambda s: s | {"a"},
    "-": lambda s: s - {"a"},
    "^": lambda s: s ^ {"a"},
    "repr": repr,
    "iter": list,
    "len": len,
    "sorted": sorted,
    "copy": lambda s: s.copy(),
    "isdisjoint": lambda s: s.isdisjoint({"a"}),
    "issubset": lambda s: s.issubset({"a"}),
    "issuperset": lambda s: s.issuperset({"a"}),
    "union": lambda s: s.union({"a"}),
    "intersection": lambda s: s.intersection({"a"}),
    "difference": lambda s: s.difference({"a"}),
    "symmetric_difference": lambda s: s.symmetric_difference({"a"}),
    "as the other operand": lambda s: RecordingSet.of("other", {"a"}, set()) & s,
}

WHOLE_DICT_READS: dict[str, Callable[[Any], Any]] = {
    "==": lambda d: d == {"a": 1},
    "!=": lambda d: d != {"a": 1},
    "repr": repr,
    "reversed": lambda d: list(reversed(d)),
    "|": lambda d: d | {"b": 2},
    "| (right)": lambda d: {"b": 2} | d,
    "copy": lambda d: d.copy(),
    "dict()": dict,
    "iter": list,
    "len": len,
    "keys": lambda d: d.keys(),
    "values": lambda d: d.values(),
    "items": lambda d: d.items(),
}


@pytest.mark.parametrize("how", sorted(WHOLE_SET_READS))
def test_a_set_read_whole_is_noted(how: str) -> None:
    reads: Reads = set()
    view = RecordingSet.of("t", {"a", "b"}, reads)
    WHOLE_SET_READS[how](view)
    assert ("t", WHOLE) in reads


@pytest.mark.parametrize("how", sorted(WHOLE_DICT_READS))
def test_a_dict_read_whole_is_noted(how: str) -> None:
    reads: Reads = set()
    view = RecordingDict("t", {"a": 1}, reads)
    WHOLE_DICT_READS[how](view)
    assert ("t", WHOLE) in reads


def test_a_key_tested_is_noted_alone_and_results_are_those_of_the_table() -> None:
    reads: Reads = set()
    view = RecordingSet.of("t", {"a", "b"}, reads)
    assert "a" in view and "c" not in view and reads == {("t", "a"), ("t", "c")}
    assert view == frozenset({"a", "b"}) and (view & {"a"}) == {"a"} and hash(view) == hash(frozenset({"a", "b"}))
