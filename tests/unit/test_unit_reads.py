"""A rendered unit is reused only when what it read is unchanged, so every way of reading a
`Symbols` table must be recorded: a read that goes unnoticed would let a stale unit through."""

from __future__ import annotations

from generator.ir.deferred import peek
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
    """The tables keyed by type id note the ids read, whichever table (`units.BY_ID`); the
    table of module members notes its keys by table."""
    reads: set[tuple[str, str]] = set()
    ids: set[str] = set()
    view = _recording(_symbols(), reads, ids)
    assert view.class_names["B"] == "B"
    assert "A" in view.union_variants
    assert "C" not in view.modules
    assert view.types.get("D") is None and "E" not in view.types and peek(view.types, "F") is None
    assert view.module_members["a"] == ("A",)
    assert ids == {"A", "B", "C", "D", "E", "F"}
    assert reads == {("module_members", "a")}


def test_iterating_or_sizing_records_the_whole_table() -> None:
    for read in (
        lambda v: list(v.class_names),
        lambda v: len(v.modules),
        lambda v: sorted(v.union_variants),
        lambda v: len(v.union_variants),
    ):
        reads: set[tuple[str, str]] = set()
        read(_recording(_symbols(), reads, set()))
        assert any(key == "*" for _, key in reads), reads
