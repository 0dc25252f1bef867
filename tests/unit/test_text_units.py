"""Units whose result is one text (models modules, entries of the data-types page), checked and
taken in one pass (`Units.render_files`): each gives what `make` gives now, a unit's function is
asked for only when it is rendered, a kept result that is no text is a miss (with `checked`, so
are bytes that are no UTF-8), and what a reused unit gives is taken as long-lived (frozen out of
the collector)."""

from __future__ import annotations

import gc
from collections.abc import Callable
from functools import partial
from operator import attrgetter
from pathlib import Path

import pytest

from generator.cache_pickle import long_lived_loads
from generator.diagnostics import Diagnostics
from generator.encoded import Encoded, as_str
from generator.ir.model import API, ObjectType
from generator.openapi.front_end import load_openapi
from generator.render.python.http import units as units_module
from generator.render.python.http.symbols import Symbols, build_symbols, outline
from generator.render.python.http.units import Units, unit_name

SPEC = """openapi: 3.1.0
info: {title: T, version: '1'}
paths: {}
components:
  schemas:
    Alpha:
      type: object
      properties:
        x: {type: string}
    Beta:
      type: object
      properties:
        alpha: {$ref: '#/components/schemas/Alpha'}
    Gamma:
      type: object
      properties:
        y: {type: integer}
"""


def _api(tmp_path: Path, spec: str) -> API:
    path = tmp_path / "api.yaml"
    path.write_text(spec, encoding="utf-8")
    return load_openapi(path, "pkg", Diagnostics())


def _text(type_id: str, symbols: Symbols) -> str:
    """A unit's text: what it reads of its type (recorded by `Units`)."""
    named = symbols.types[type_id]
    fields = [f.name.wire for f in named.fields] if isinstance(named, ObjectType) else []
    return f"{symbols.name(type_id)}: {', '.join(fields)}\n"


def _run(
    units: Units, api: API, *, checked: bool = False, text: Callable[[str, Symbols], str] = _text
) -> tuple[list[str], list[object], list[str], list[str]]:
    """One run's units of every type (`text` of its id): their ids, results, the ids rendered,
    and what rendering each afresh gives."""
    symbols = units.symbols(api)
    ids = sorted(symbols.types)
    made: list[str] = []

    def maker(index: int) -> Callable[[Symbols], str]:
        made.append(ids[index])
        return partial(text, ids[index])

    names = [unit_name("text", type_id) for type_id in ids]
    results: list[object] = [as_str(text) for text in units.render_files(symbols, names, maker, checked=checked)]
    return ids, results, made, [text(type_id, symbols) for type_id in ids]


def _kept(tmp_path: Path) -> Path:
    """A units file holding a first run's units of every type of `SPEC`."""
    path = tmp_path / "units.pickle"
    units = Units.load(path, "salt")
    ids, results, made, fresh = _run(units, _api(tmp_path, SPEC))
    assert made == ids and results == fresh
    units.save()
    return path


CHANGED = SPEC.replace("        x: {type: string}\n", "        x: {type: string}\n        z: {type: string}\n")


def test_a_unit_is_rendered_only_when_what_it_read_changed(tmp_path: Path) -> None:
    units = Units.load(_kept(tmp_path), "salt")
    ids, results, made, fresh = _run(units, _api(tmp_path, CHANGED))
    alpha = [type_id for type_id in ids if type_id.endswith("Alpha")]
    assert made == alpha, made  # (the others read nothing that changed: their functions unmade)
    assert results == fresh
    assert units.stats.reused == len(ids) - 1 and units.stats.rendered == 1


@pytest.mark.parametrize("kept", [5, "a text kept as no bytes", ["a", "list"]])
def test_a_kept_result_that_is_no_text_is_rendered_afresh(tmp_path: Path, kept: object) -> None:
    path = _kept(tmp_path)

    units = Units.load(path, "salt")
    for entry in units.previous.values():
        entry[-1] = kept
    ids, results, made, fresh = _run(units, _api(tmp_path, SPEC))
    assert made == ids and results == fresh


@pytest.mark.parametrize("checked", [True, False])
def test_kept_bytes_that_are_no_utf8_are_a_miss_when_checked(tmp_path: Path, checked: bool) -> None:
    """Parts of a page are checked (no reader decodes them); a models module's bytes pass on
    as kept (a reader that decodes them finds them damaged: `Encoded.text`)."""
    path = _kept(tmp_path)

    units = Units.load(path, "salt")
    damaged = {name for name in units.previous if "Beta" in name}
    units.previous[name := damaged.pop()][-1] = "Bêta \xff".encode("latin-1")
    symbols = units.symbols(_api(tmp_path, SPEC))
    ids = sorted(symbols.types)
    names = [unit_name("text", type_id) for type_id in ids]
    made: list[int] = []
    texts = units.render_files(symbols, names, lambda i: made.append(i) or partial(_text, ids[i]), checked=checked)
    beta = names.index(name)
    assert made == ([beta] if checked else [])
    if checked:
        assert [as_str(text) for text in texts] == [_text(type_id, symbols) for type_id in ids]
    else:
        assert isinstance(texts[beta], Encoded) and bytes(texts[beta].pieces[0]) == "Bêta \xff".encode("latin-1")
    # (valid UTF-8 beyond ASCII is taken as kept)
    units = Units.load(path, "salt")
    units.previous[name][-1] = "Bêta\n".encode()
    symbols = units.symbols(_api(tmp_path, SPEC))
    texts = units.render_files(symbols, names, lambda i: partial(_text, ids[i]), checked=True)
    assert as_str(texts[beta]) == "Bêta\n"


def test_a_kept_read_that_is_no_string_is_a_miss(tmp_path: Path) -> None:
    path = _kept(tmp_path)

    units = Units.load(path, "salt")
    for entry in units.previous.values():
        entry.insert(0, 7)
    ids, results, made, fresh = _run(units, _api(tmp_path, SPEC))
    assert made == ids and results == fresh


def test_the_texts_of_reused_units_are_taken_as_long_lived(tmp_path: Path) -> None:
    """Made with the collector paused and frozen at once, as what a cache load gives: a large
    API's thousands of reused units are never walked by a collection."""
    path = _kept(tmp_path)

    api = _api(tmp_path, SPEC)
    assert gc.get_freeze_count() == 0
    with long_lived_loads():
        units = Units.load(path, "salt")
        symbols = units.symbols(api)
        ids = sorted(symbols.types)
        names = [unit_name("text", type_id) for type_id in ids]
        results = units.render_files(symbols, names, lambda i: partial(_text, ids[i]))
        tracked = {id(item) for item in gc.get_objects()}  # (frozen objects are not listed)
    assert units.stats.reused == len(ids) and results
    assert all(type(text) is Encoded and id(text) not in tracked for text in results)


def test_only_remembered_outlines_are_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A cold run made every outline now: none is looked up and checked again for an outline's
    shape (a second pass over thousands of types); remembered ones are, when the tables they
    give are not kept. Both give the tables `build_symbols` makes."""
    checked: list[object] = []

    def fits(value: object) -> bool:
        checked.append(value)
        return units_module._is_outline(value)

    monkeypatch.setitem(units_module._FITS, outline, fits)
    path = tmp_path / "units.pickle"
    units = Units.load(path, "salt")
    api = _api(tmp_path, SPEC)
    expected = build_symbols(api)
    tables = attrgetter("class_names", "modules", "module_members", "union_variants")

    symbols = units.symbols(api)
    assert checked == [] and units.stats.outlined == 3
    assert tables(symbols) == tables(expected)
    first = sorted(symbols.types)[0]
    units.render_files(symbols, [unit_name("text", first)], lambda _: partial(_text, first))
    units.save()

    units = Units.load(path, "salt")
    units._tables_kept = {}  # (the outlines remembered, the tables not: made from those checked)
    symbols = units.symbols(_api(tmp_path, SPEC))
    assert len(checked) == 3 and units.stats.outlined == 0
    assert tables(symbols) == tables(expected)
