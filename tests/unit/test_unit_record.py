"""Every way a rendered unit can read a whole table is noted as a read of the whole table (a read
that went unnoticed would let a stale unit be reused). Reads CPython makes in C past the view
(`set(view)`, `a_set & view`) cannot be noted: `unit_record` says units do not make them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from generator.render.unit_record import WHOLE, Reads, RecordingDict, RecordingMembers, RecordingSet

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


MEMBERS_READS: dict[str, Callable[[Any], Any]] = {
    "in": lambda s: ("a" in s, "c" in s),
    "==": lambda s: s == frozenset({"a", "b"}),
    "== (right)": lambda s: frozenset({"a", "b"}) == s,
    "!=": lambda s: s != frozenset({"a"}),
    "<=": lambda s: s <= frozenset({"a", "b"}),
    "<": lambda s: s < frozenset({"a", "b", "c"}),
    ">=": lambda s: s >= frozenset({"a"}),
    ">": lambda s: s > frozenset({"a"}),
    "&": lambda s: s & {"a"},
    "& (right)": lambda s: {"a", "c"} & s,
    "|": lambda s: s | {"a"},
    "-": lambda s: s - {"a"},
    "- (right)": lambda s: {"a", "c"} - s,
    "^": lambda s: s ^ {"a"},
    "isdisjoint": lambda s: s.isdisjoint({"c"}),
    "iter": lambda s: sorted(s),
    "set()": set,
    "frozenset()": frozenset,
    "len": len,
    "bool": bool,
}
# tables that agree with {"a", "b"} on some reads and not on others
OTHER_TABLES = (set(), {"a"}, {"b"}, {"c"}, {"a", "c"}, {"a", "b", "c"}, {"a", "b"})


def _agrees(reads: Reads, table: set[str], other: set[str]) -> bool:
    """Whether every read noted (of `table`) gives the same answer of `other`."""
    for name, key in reads:
        if name.endswith("?"):
            same = bool(table) == bool(other)
        elif key == WHOLE:
            same = table == other
        else:
            same = (key in table) == (key in other)
        if not same:
            return False
    return True


@pytest.mark.parametrize("how", sorted(MEMBERS_READS))
def test_a_members_view_notes_every_read_that_decides_its_result(how: str) -> None:
    # a unit reused while its noted reads agree must give what rendering it afresh gives
    table = {"a", "b"}
    reads: Reads = set()
    result = MEMBERS_READS[how](RecordingMembers("t", frozenset(table), reads))
    assert result == MEMBERS_READS[how](frozenset(table))
    for other in OTHER_TABLES:
        if _agrees(reads, table, other):
            assert MEMBERS_READS[how](RecordingMembers("t", frozenset(other), set())) == result, other


def test_a_members_view_does_not_copy_its_table() -> None:
    table = frozenset({"a"})
    assert RecordingMembers("t", table, set()).data is table
