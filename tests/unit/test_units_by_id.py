"""A rendered unit's reads of the tables keyed by type id (the types, their class names, their
modules, the union variants) are kept by id (`units.BY_ID`): one read however many of those
tables the unit looked the id up in, whose digest covers all they hold under it. A change to any
of them re-renders the units that read the id, with what rendering afresh gives; a kept read of
another shape (one per table, as an older file kept them) is a miss. The recording views are
made once per run, their sets emptied after each unit."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from generator.ir.model import API
from generator.render.python.http.symbols import Symbols
from generator.render.python.http.units import BY_ID, Units, unit_name
from tests.unit.test_text_units import SPEC, _api  # (three types: `Beta` refers to `Alpha`)
from tests.unit.test_text_units import _run as run_units

# What one unit of each id reads of it, one table each
READS: dict[str, Callable[[str, Symbols], str]] = {
    "type": lambda type_id, symbols: f"{type_id}: {len(getattr(symbols.types[type_id], 'fields', ()))}",
    "class name": lambda type_id, symbols: f"{type_id}: {symbols.name(type_id)}",
    "module": lambda type_id, symbols: f"{type_id}: {symbols.modules[type_id]}",
    "union variant": lambda type_id, symbols: f"{type_id}: {type_id in symbols.union_variants}",
}


def _text(type_id: str, symbols: Symbols) -> str:
    return "\n".join(read(type_id, symbols) for read in READS.values())


def _run(
    units: Units, api: API, read: Callable[[str, Symbols], str]
) -> tuple[list[str], list[object], list[object]]:
    """One run's unit of every type reading it as `read` does: the ids rendered, the results, and
    what rendering each afresh gives."""
    _, results, made, fresh = run_units(units, api, text=read)
    return made, results, list(fresh)


def test_the_reads_of_one_id_in_any_table_are_kept_as_one_read(tmp_path: Path) -> None:
    units = Units.load(tmp_path / "units.pickle", "salt")
    _run(units, _api(tmp_path, SPEC), _text)
    assert [entry[:-1] for entry in units.current.values()] == [[f"{BY_ID}\0{i}"] for i in ("Alpha", "Beta", "Gamma")]
    # its digest: the type's, then what the other tables hold under the id
    alpha = units.current_reads[f"{BY_ID}\0Alpha"]
    assert alpha.startswith(units.fragments.digest(units._tables.symbols.types["Alpha"]) + "\0")  # type: ignore[union-attr]
    assert alpha.endswith(repr(("Alpha", "alpha", False)))


# Each edit changes what one table holds under some ids, and nothing else of them: a new type
# whose class name would be `Alpha`'s (which becomes `Alpha_2`), a cycle that moves `Beta` into
# `Alpha`'s module, a union that makes `Gamma` a variant, a field of `Gamma` (its type only).
EDITS = {
    "class name": (SPEC + "    ALPHA:\n      type: object\n", {"Alpha", "ALPHA"}),  # (`ALPHA` is new)
    "module": (
        SPEC.replace("        x: {type: string}\n", "        x: {type: string}\n        beta: {$ref: '#/components/schemas/Beta'}\n"),
        {"Alpha", "Beta"},  # (`Alpha`'s type gained the field)
    ),
    "union variant": (
        SPEC + "    Either:\n      oneOf:\n        - {$ref: '#/components/schemas/Gamma'}\n        - {type: string}\n",
        {"Gamma", "Either"},  # (`Either` is new)
    ),
    "type": (SPEC.replace("        y: {type: integer}\n", "        y: {type: integer}\n        z: {type: integer}\n"), {"Gamma"}),
}  # fmt: skip


@pytest.mark.parametrize("table", sorted(READS))
@pytest.mark.parametrize("edit", sorted(EDITS))
def test_a_unit_is_rendered_again_when_anything_held_under_an_id_it_read_changed(
    tmp_path: Path, table: str, edit: str
) -> None:
    """Whichever table a unit read an id in, a change to any table under that id renders it
    again (the digest covers them all), with what rendering afresh gives; the units that read
    only ids nothing changed under are reused."""
    path = tmp_path / "units.pickle"
    units = Units.load(path, "salt")
    made, results, fresh = _run(units, _api(tmp_path, SPEC), READS[table])
    assert made == ["Alpha", "Beta", "Gamma"] and results == fresh
    units.save()

    spec, changed = EDITS[edit]
    units = Units.load(path, "salt")
    made, results, fresh = _run(units, _api(tmp_path, spec), READS[table])
    assert results == fresh
    assert set(made) == changed, made


def test_a_kept_read_of_one_table_by_key_is_a_miss(tmp_path: Path) -> None:
    """Reads kept table by table (`class_names\\0Alpha`) are not of the shape this code keeps:
    no unit is reused, whatever their digests."""
    path = tmp_path / "units.pickle"
    units = Units.load(path, "salt")
    _run(units, _api(tmp_path, SPEC), _text)
    units.save()

    units = Units.load(path, "salt")
    for entry in units.previous.values():
        entry.insert(0, "class_names\0Alpha")
    units.previous_reads["class_names\0Alpha"] = units.previous_reads[f"{BY_ID}\0Alpha"]
    made, results, fresh = _run(units, _api(tmp_path, SPEC), _text)
    assert made == ["Alpha", "Beta", "Gamma"] and results == fresh


@pytest.mark.parametrize("same_tables", [True, False])
def test_a_kept_digest_by_id_that_is_no_text_is_a_miss(tmp_path: Path, same_tables: bool) -> None:
    """Whether the tables are last run's (only the types' digests compared) or not."""
    path = tmp_path / "units.pickle"
    units = Units.load(path, "salt")
    _run(units, _api(tmp_path, SPEC), _text)
    units.save()

    units = Units.load(path, "salt")
    if not same_tables:
        units._tables_kept = {}
    units.previous_reads[f"{BY_ID}\0Beta"] = 7
    made, results, fresh = _run(units, _api(tmp_path, SPEC), _text)
    assert units._same_tables is same_tables
    assert made == ["Beta"] and results == fresh


def test_each_unit_keeps_its_own_reads_only(tmp_path: Path) -> None:
    """The views are made once; what one unit read is not another's, even after a unit failed."""
    units = Units.load(tmp_path / "units.pickle", "salt")
    symbols = units.symbols(_api(tmp_path, SPEC))

    def failing(symbols: Symbols) -> str:
        symbols.name("Gamma")
        raise ValueError("failed")

    with pytest.raises(ValueError, match="failed"):
        units.render(symbols, unit_name("failing"), failing)
    units.render(symbols, unit_name("alpha"), lambda symbols: symbols.name("Alpha"))
    units.render(symbols, unit_name("beta"), lambda symbols: symbols.modules["Beta"])
    assert units.current[unit_name("alpha")] == [f"{BY_ID}\0Alpha", "Alpha"]
    assert units.current[unit_name("beta")] == [f"{BY_ID}\0Beta", "beta"]


def test_a_unit_rendering_another_is_refused(tmp_path: Path) -> None:
    """The outer unit, reused, would not see a change to what the inner one read."""
    units = Units.load(tmp_path / "units.pickle", "salt")
    symbols = units.symbols(_api(tmp_path, SPEC))

    def outer(recording: Symbols) -> str:
        return units.render(symbols, unit_name("inner"), lambda inner: inner.name("Beta"))

    with pytest.raises(RuntimeError, match="while another unit renders"):
        units.render(symbols, unit_name("outer"), outer)
