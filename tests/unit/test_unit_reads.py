"""A rendered unit is reused only when what it read is unchanged, so every way of reading a
`Symbols` table must be recorded: a read that goes unnoticed would let a stale unit through."""

from __future__ import annotations

from generator.render.python.http.symbols import Symbols
from generator.render.python.http.units import _recording


def _symbols() -> Symbols:
    return Symbols(
        types={},
        class_names={"A": "A", "B": "B"},
        modules={"A": "a"},
        module_members={"a": ("A",)},
        union_variants=frozenset({"A"}),
    )


def test_lookups_record_their_keys() -> None:
    reads: set[tuple[str, str]] = set()
    view = _recording(_symbols(), reads)
    assert view.class_names["B"] == "B"
    assert "A" in view.union_variants
    assert "C" not in view.modules
    assert reads == {("class_names", "B"), ("union_variants", "A"), ("modules", "C")}


def test_iterating_or_sizing_records_the_whole_table() -> None:
    for read in (
        lambda v: list(v.class_names),
        lambda v: len(v.modules),
        lambda v: sorted(v.union_variants),
        lambda v: len(v.union_variants),
    ):
        reads: set[tuple[str, str]] = set()
        read(_recording(_symbols(), reads))
        assert any(key == "*" for _, key in reads), reads
