"""Component schemas replayed from the last run give exactly the IR and the problems a cold
conversion gives, whatever the edit in between (`generator.openapi.schema_units`)."""

from __future__ import annotations

import copy
import pickle
import random
from pathlib import Path
from typing import Any

import orjson
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import cache_files, cache_pickle
from generator.diagnostics import Diagnostics, Problem
from generator.encoded import Encoded
from generator.ir import serialize
from generator.ir.deferred import Deferred, built, unbuilt
from generator.ir.kept_types import unpack
from generator.ir.model import Location
from generator.openapi import schema_units
from generator.openapi.alias_cycles import alias_refs
from generator.openapi.cache import Cache
from generator.openapi.load import Document, Spec
from generator.openapi.schema_units import SchemaUnits, unit_key
from generator.openapi.to_ir import build_api
from generator.openapi.validation_parts import entry_digests

DESCRIPTION: dict[str, Any] = yaml.safe_load(
    """
openapi: 3.1.0
info: {title: T, version: '1'}
paths:
  /things:
    post:
      operationId: createThing
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                thing: {$ref: '#/components/schemas/Thing'}
                inline: {type: object, properties: {a: {type: string}}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Event'}
components:
  schemas:
    Thing:
      type: object
      required: [id, id]
      properties:
        id: {type: string, minLength: 1}
        owner:
          type: object
          properties:
            name: {type: string}
            badge: {$ref: '#/components/schemas/Badge'}
        status: {type: string, enum: [active, gone]}
        either: {oneOf: [{$ref: '#/components/schemas/Badge'}, {type: 'null'}]}
    Badge:
      type: object
      properties:
        label: {type: string}
        inner: {type: object, properties: {depth: {type: integer}}}
    Pointed:
      type: object
      properties:
        via: {$ref: '#/components/schemas/Badge/properties/inner'}
    Extended:
      allOf:
        - {$ref: '#/components/schemas/Thing'}
        - type: object
          properties:
            extra: {type: boolean}
    Event:
      oneOf:
        - {$ref: '#/components/schemas/Started'}
        - {$ref: '#/components/schemas/Stopped'}
      discriminator:
        propertyName: type
        mapping: {started: '#/components/schemas/Started', stopped: Stopped}
    Started:
      type: object
      properties: {type: {const: started}, at: {type: string}}
    Stopped:
      type: object
      properties: {type: {const: stopped}, why: {anyOf: [{type: string}, {type: integer}]}}
    Nullable:
      anyOf: [{$ref: '#/components/schemas/Badge'}, {type: 'null'}]
    Broken:
      type: object
      properties:
        gone: {$ref: '#/components/schemas/Missing'}
"""
)


def _schemas(document: dict[str, Any]) -> dict[str, Any]:
    schemas: dict[str, Any] = document["components"]["schemas"]
    return schemas


def _edit(document: dict[str, Any], rng: random.Random) -> str:
    """One small random edit, in place; what it did."""
    schemas = _schemas(document)
    key = rng.choice(sorted(schemas))
    node = schemas[key]
    kind = rng.choice(["field", "drop field", "rename", "clash", "nullable", "enum", "remove", "add"])
    properties = node.get("properties") if isinstance(node, dict) else None
    if kind == "field" and isinstance(properties, dict):
        properties[f"f{rng.randrange(5)}"] = rng.choice(
            [{"type": "string"}, {"type": "object", "properties": {"x": {"type": "integer"}}}]
        )
    elif kind == "drop field" and isinstance(properties, dict) and properties:
        del properties[rng.choice(sorted(properties))]
    elif kind == "rename":
        new = f"{key}{rng.randrange(3)}"
        text = yaml.safe_dump(document, sort_keys=False).replace(
            f"#/components/schemas/{key}'", f"#/components/schemas/{new}'"
        )
        renamed = yaml.safe_load(text)
        schemas_now = _schemas(renamed)
        if new not in schemas_now:
            schemas_now[new] = schemas_now.pop(key)
        document.clear()
        document.update(renamed)
    elif kind == "clash":  # a component whose key is the id an inline type would take
        schemas[f"{key}.{rng.choice(['owner', 'inner', 'status', 'f1'])}"] = {"type": "string"}
    elif kind == "nullable" and isinstance(node, dict):
        node["nullable"] = not node.get("nullable", False)
    elif kind == "enum":
        schemas[f"Choice{rng.randrange(3)}"] = {"type": "string", "enum": ["a", "b", f"c{rng.randrange(9)}"]}
    elif kind == "remove" and len(schemas) > 3:
        del schemas[key]
    elif kind == "add":
        schemas[f"New{rng.randrange(4)}"] = {
            "type": "object",
            "properties": {"ref": {"$ref": f"#/components/schemas/{rng.choice(sorted(schemas))}"}},
        }
    return f"{kind} {key}"


def _convert(
    path: Path,
    units: SchemaUnits | None,
    parsed: Path | None = None,
    *,
    deferred: bool = False,
    known: bool = False,
) -> tuple[str, list[str]]:
    """The IR and problems; `parsed`: a cache folder for the parsed document, so that its entries
    come with the digests of their text (`parse.parse_cached`); `deferred`: replayed types are
    built when the IR is written out (`generator.ir.deferred`); `known`: those digests handed to
    the converter, as `load_openapi` hands them (`validation_parts.entry_digests`)."""
    diagnostics = Diagnostics()
    spec = Spec(path, Cache(parsed))
    entries = entry_digests(spec.root.data, spec.root.entry_digest) if known else None
    api = build_api(spec, "pkg", diagnostics, units, deferred=deferred, entries=entries)
    if units is not None:
        units.save()
    return serialize.dumps(api), [str(problem) for problem in diagnostics.problems]


def _units(cache: Path, path: Path) -> SchemaUnits:
    return SchemaUnits(cache, unit_key(path.resolve(), False, "test"))


@pytest.mark.parametrize(
    ("by_entries", "deferred", "known"),
    [(False, False, False), (True, False, False), (True, True, False), (True, True, True)],
    ids=["content digests", "text digests", "text digests, deferred types", "entries known"],
)
@pytest.mark.parametrize("seed", range(6))
def test_random_edits_convert_as_a_cold_run_does(
    seed: int, by_entries: bool, deferred: bool, known: bool, tmp_path: Path
) -> None:
    """With `by_entries`, the document is read entry by entry and the units' reads are checked
    by the digests of the entries' text, else by digests of their content; with `deferred`,
    replayed types are built only when read; with `known`, the converter is handed the digests
    of the entries' text (not looking them up)."""
    rng = random.Random(seed)
    path, cache = tmp_path / "api.yaml", tmp_path / "cache"
    parsed = tmp_path / "parsed" if by_entries else None
    document = copy.deepcopy(DESCRIPTION)
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    _convert(path, _units(cache, path), parsed, deferred=deferred, known=known)
    reused = 0
    for _ in range(12):
        done = _edit(document, rng)
        path.write_text(yaml.safe_dump(document, sort_keys=False))
        units = _units(cache, path)
        again = _convert(path, units, parsed, deferred=deferred, known=known)
        assert again == _convert(path, None), done
        assert units.converted + units.reused == len(_schemas(document))
        reused += units.reused
    assert reused > 0  # the units were really replayed
    schema_records = [r for key, r in _units(cache, path).previous.items() if type(key) is str]  # (not operations')
    reads = {digest for record in schema_records for _, _, digest in record[0]}
    assert any(digest.startswith("text-") for digest in reads) == by_entries


def test_a_unit_is_replayed_only_while_what_it_read_is_unchanged(tmp_path: Path) -> None:
    path, cache = tmp_path / "api.yaml", tmp_path / "cache"
    document = copy.deepcopy(DESCRIPTION)
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    first = _units(cache, path)
    _convert(path, first)
    assert (first.converted, first.reused) == (len(_schemas(document)), 0)

    _schemas(document)["Badge"]["properties"]["label"]["type"] = "integer"
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    second = _units(cache, path)
    assert _convert(path, second) == _convert(path, None)
    # Badge itself, and what reads it: Thing (`either`), Pointed (a pointer into it), Nullable,
    # and Extended (Thing's properties, merged through allOf, include `either`)
    assert second.converted == 5, second.converted
    assert second.reused == len(_schemas(document)) - 5


def _converted_then_edited(tmp_path: Path) -> tuple[Path, Path, dict[str, Any]]:
    """The description converted once (its units kept), then one schema's description edited."""
    path, cache = tmp_path / "api.yaml", tmp_path / "cache"
    document = copy.deepcopy(DESCRIPTION)
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    _convert(path, _units(cache, path))
    _schemas(document)["Badge"]["description"] = "changed"
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return path, cache, document


def test_replayed_records_are_copied_as_read(tmp_path: Path) -> None:
    """A replayed unit's record goes into the new store as the bytes it was read from."""
    path, cache, document = _converted_then_edited(tmp_path)
    units = _units(cache, path)
    assert _convert(path, units) == _convert(path, None)
    # (operations are units too: `operations.OperationConverter._unit`)
    assert units.copied == units.reused + units.operations_reused and units.reused > 0 and units.converted > 0
    again = _units(cache, path)  # what the copies and the records pickled afresh read back as
    assert _convert(path, again) == _convert(path, None)
    assert again.reused == len(_schemas(document)) and again.operations_converted == 0
    assert again.copied == again.reused + again.operations_reused


def test_a_small_change_leaves_the_base_file_as_it_is(tmp_path: Path) -> None:
    """After a one-schema change only an overlay is written (the records that differ from the
    base, the keys gone); the base file stays as it was, and the two read back as the last run."""
    path, cache, document = _converted_then_edited(tmp_path)
    (base,) = cache.glob("schema-units-*.pickle")
    before = base.stat()
    units = _units(cache, path)
    assert _convert(path, units) == _convert(path, None)
    assert units.left_in_place == units.copied == units.reused + units.operations_reused
    assert units.copy_writes == 0 and units.converted > 0
    after = base.stat()
    assert (after.st_ino, after.st_mtime_ns, after.st_size) == (before.st_ino, before.st_mtime_ns, before.st_size)
    assert base.with_name(base.name + ".overlay").is_file()
    del _schemas(document)["Pointed"]  # a key gone (noted in the overlay)
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    again = _units(cache, path)
    assert _convert(path, again) == _convert(path, None)
    third = _units(cache, path)
    assert "Pointed" not in third.previous and "Badge" in third.previous
    assert _convert(path, third) == _convert(path, None)
    assert third.reused == len(_schemas(document)) and third.converted == 0


def test_many_changes_write_the_base_afresh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once the overlay would hold more than its share of the records, the base is written again
    (the records kept copied from the old one) and the overlay goes."""
    from generator.openapi import schema_units

    monkeypatch.setattr(schema_units, "MIN_OVERLAY", 0)
    monkeypatch.setattr(schema_units, "OVERLAY_SHARE", 1_000)  # (any change is too many)
    path, cache, document = _converted_then_edited(tmp_path)
    (base,) = cache.glob("schema-units-*.pickle")
    before = base.stat().st_ino
    units = _units(cache, path)
    assert _convert(path, units) == _convert(path, None)
    assert units.left_in_place == 0 and units.copy_writes >= 1
    assert base.stat().st_ino != before and not base.with_name(base.name + ".overlay").exists()
    again = _units(cache, path)
    assert _convert(path, again) == _convert(path, None)
    assert again.reused == len(_schemas(document)) and again.converted == 0


def test_an_overlay_that_does_not_read_leaves_the_base_alone(tmp_path: Path) -> None:
    """A damaged overlay, or one written for another base, is not applied: the base's records
    are replayed where they still hold, the others converted afresh."""
    path, cache, document = _converted_then_edited(tmp_path)
    _convert(path, _units(cache, path))  # (an overlay written: Badge's record)
    (overlay,) = cache.glob("schema-units-*.pickle.overlay")
    intact = overlay.read_bytes()
    for damaged in (intact[: len(intact) // 2], intact.replace(b"overlay", b"overlaz", 1)):
        overlay.write_bytes(damaged)
        units = _units(cache, path)
        assert "Badge" in units.previous  # (the base's, as converted before the edit)
        assert _convert(path, units) == _convert(path, None)
        assert 0 < units.converted < len(_schemas(document))


def test_an_id_clash_that_appears_is_not_replayed(tmp_path: Path) -> None:
    """`Thing.owner` was the inline owner's id; a new component takes it, so Thing converts anew."""
    path, cache = tmp_path / "api.yaml", tmp_path / "cache"
    document = copy.deepcopy(DESCRIPTION)
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    _convert(path, _units(cache, path))
    _schemas(document)["Thing.owner"] = {"type": "string"}
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    units = _units(cache, path)
    ir, problems = _convert(path, units)
    assert (ir, problems) == _convert(path, None)
    assert '"Thing.owner.properties_owner"' in ir or "Thing.owner." in ir
    assert units.converted >= 2  # Thing (its claim differs) and the new component


def test_replayed_types_come_with_their_content_digests(tmp_path: Path) -> None:
    """The digests a unit hands on are those of the types it gives (the caches downstream take
    them instead of spelling each type out again), replayed or converted."""
    path, cache, document = _converted_then_edited(tmp_path)
    units = _units(cache, path)
    api = build_api(Spec(path, Cache(None)), "pkg", Diagnostics(), units)
    assert units.reused > 0
    in_api = {id(named) for named in api.types}
    made = [named for named, _ in units.digested]
    assert len(made) >= len(_schemas(document))  # each component's type, and those it hoists
    assert all(id(named) in in_api for named in made)
    assert all(_digest(named) == digest for named, digest in units.digested)


def _digest(named: Any) -> str:
    """A type's content digest as a unit takes it: of its text in the IR snapshot."""
    return serialize.snapshot_digest(serialize.snapshot_text(named, {}))


def test_converted_types_hand_their_snapshot_text_on(tmp_path: Path) -> None:
    """A type converted afresh comes with its text in the IR snapshot (taken for its digest):
    the snapshot takes that very text, not encoded again, and is what it is without it."""
    path = tmp_path / "api.yaml"
    path.write_text(yaml.safe_dump(DESCRIPTION, sort_keys=False))
    units = _units(tmp_path / "cache", path)
    api = build_api(Spec(path, Cache(None)), "pkg", Diagnostics(), units)
    assert units.converted > 0 and len(units.texts) == len(units.digested) == len(api.types)
    assert all(serialize.snapshot_text(named, {}) == text for named, text in units.texts)
    fragments = serialize.Fragments()
    fragments.know(units.digested)
    fragments.know_texts(units.texts)
    snapshot = serialize.encoded(api, fragments)
    assert isinstance(snapshot, Encoded) and b"".join(snapshot.pieces).decode() == serialize.dumps(api)
    taken = {id(piece) for piece in snapshot.pieces}
    assert all(id(text) in taken for _, text in units.texts)


def test_a_type_the_snapshot_writes_another_way_keeps_its_repr_digest(tmp_path: Path) -> None:
    """A type orjson cannot write as the snapshot has it (a NaN default) hands on no text, and
    its digest is `content_digest`'s; the snapshot is as without units."""
    document = copy.deepcopy(DESCRIPTION)
    _schemas(document)["Odd"] = {"type": "object", "properties": {"x": {"type": "number", "default": float("nan")}}}
    path = tmp_path / "api.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    units = _units(tmp_path / "cache", path)
    api = build_api(Spec(path, Cache(None)), "pkg", Diagnostics(), units)
    odd = next(named for named in api.types if named.id == "Odd")
    assert dict((id(named), digest) for named, digest in units.digested)[id(odd)] == serialize.content_digest(odd)
    assert all(named is not odd for named, _ in units.texts) and len(units.texts) == len(api.types) - 1
    fragments = serialize.Fragments()
    fragments.know(units.digested)
    fragments.know_texts(units.texts)
    assert serialize.dumps(api, fragments) == serialize.dumps(api) and "NaN" in serialize.dumps(api)


def test_operations_come_with_their_content_digests(tmp_path: Path) -> None:
    """An operation's unit hands on the operation's content digest, converted or replayed (a
    replayed one's as recorded: the caches downstream do not spell each operation out again)."""
    path, cache, _ = _converted_then_edited(tmp_path)
    first = _units(tmp_path / "other-cache", path)
    for units in (first, _units(cache, path)):
        api = build_api(Spec(path, Cache(None)), "pkg", Diagnostics(), units)
        assert units.operations_converted + units.operations_reused == len(api.operations) > 0
        # (as the units give them: `method_names` may rename some after, making new objects)
        assert [op.id for op, _ in units.operations_digested] == [op.id for op in api.operations]
        assert all(serialize.content_digest(op) == digest for op, digest in units.operations_digested)
        units.save()
    assert first.operations_converted > 0 and units.operations_reused == len(api.operations)


def test_replayed_bytes_are_checked_once_with_their_record(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A record's checksum covers the bytes of its types: a deferred replay does not check them
    again (the store is read, and each record checked, before anything is replayed)."""
    path, cache, _ = _converted_then_edited(tmp_path)
    checked: list[Any] = []

    def checksum(data: Any) -> int:
        checked.append(data)
        return cache_files.checksum(data)

    monkeypatch.setattr(schema_units, "checksum", checksum)
    units = _units(cache, path)
    assert len(checked) == len(units.previous) > 0  # each record, as the store is read
    records = [r if type(key) is str else r[0] for key, r in units.previous.items()]  # (operations')
    blobs = {id(record[7]) for record in records}
    build_api(Spec(path, Cache(None)), "pkg", Diagnostics(), units, deferred=True)
    assert units.reused > 0 and not any(id(data) in blobs for data in checked)


def test_deferred_types_build_to_the_replayed_ones(tmp_path: Path) -> None:
    """With `deferred`, a replayed unit's types are stand-ins (`generator.ir.deferred`) that
    carry the content digest, name words and alias references of the type they build to, and
    build to what a replay without them gives; nothing builds them unless asked."""
    path, cache, _ = _converted_then_edited(tmp_path)
    replayed = build_api(Spec(path, Cache(None)), "pkg", Diagnostics(), _units(cache, path))
    lazy_units = _units(cache, path)
    lazy = build_api(Spec(path, Cache(None)), "pkg", Diagnostics(), lazy_units, deferred=True)
    assert lazy_units.reused > 0 and [t.id for t in lazy.types] == [t.id for t in replayed.types]
    standing = [t for t in lazy.types if isinstance(t, Deferred)]
    assert standing and not any(t.is_built for t in standing)
    assert unbuilt(lazy) == len(standing)
    by_id = {t.id: t for t in replayed.types}
    for deferred in standing:
        assert deferred.digest == _digest(by_id[deferred.id])
        assert deferred.words == by_id[deferred.id].name.words
        assert deferred.alias_refs == alias_refs(by_id[deferred.id])
    assert [built(t) for t in lazy.types] == list(replayed.types) and unbuilt(lazy) == 0
    assert serialize.dumps(lazy) == serialize.dumps(replayed)


def test_unpacked_types_of_another_shape_are_a_miss() -> None:
    assert unpack(pickle.dumps((("one", "too", "many"),))) is None
    assert unpack(pickle.dumps(["not a tuple"])) is None
    assert unpack(pickle.dumps(())) == ()


def test_a_store_cut_short_keeps_only_the_records_before_the_cut(tmp_path: Path) -> None:
    """Each record stands on its own check sum: those before the cut are replayed, the one cut
    and those after it are misses; a store cut inside its header is a miss whole."""
    path, cache = tmp_path / "api.yaml", tmp_path / "cache"
    path.write_text(yaml.safe_dump(DESCRIPTION, sort_keys=False))
    _convert(path, _units(cache, path))
    (store,) = cache.glob("schema-units-*.pickle")
    whole = store.read_bytes()
    store.write_bytes(whole[: len(whole) // 2])
    units = _units(cache, path)
    assert _convert(path, units) == _convert(path, None)
    assert units.reused > 0 and units.converted > 0
    store.write_bytes(whole[:10])
    units = _units(cache, path)
    assert _convert(path, units) == _convert(path, None)
    assert units.reused == 0


def test_a_flipped_byte_in_a_record_is_a_miss_not_other_content(tmp_path: Path) -> None:
    """A record whose pickle still reads after a byte changed (here inside the text of the
    problem Broken's unit reported) is a miss, by the checksum written before it: without it the
    problem would be replayed as other text."""
    path, cache = tmp_path / "api.yaml", tmp_path / "cache"
    path.write_text(yaml.safe_dump(DESCRIPTION, sort_keys=False))
    cold = _convert(path, None)
    assert any("Missing" in problem for problem in cold[1])
    _convert(path, _units(cache, path))
    (store,) = cache.glob("schema-units-*.pickle")
    data = store.read_bytes()
    assert b"Missing" in data
    store.write_bytes(data.replace(b"Missing", b"Mis5ing"))
    units = _units(cache, path)
    assert _convert(path, units) == cold
    assert units.converted >= 1 and units.reused > 0


def test_a_store_naming_other_code_builds_nothing() -> None:
    class Boom:
        def __reduce__(self) -> Any:
            return (print, ("ran",))

    assert unpack(pickle.dumps(((), (Boom(),)))) is None


@pytest.mark.parametrize(
    ("field", "value"),
    [
        (0, (("api.yaml", 7),)),  # reads
        (0, ("abc",)),
        (1, ((1, 2, 3),)),  # sites asked for
        (2, (("api.yaml",),)),  # naming places
        (3, (("Wanted", "not words", "Wanted"),)),  # claims
        (3, ("Wanted",)),
        (4, ((None, "/p", "Id"),)),  # sites named
        (6, ("not a Problem",)),  # problems
        (6, (Problem("fatal", Location("api.yaml"), "m"),)),  # type: ignore[arg-type]
        (6, (Problem("error", Location(7), "m"),)),  # type: ignore[arg-type]
    ],
)
def test_a_record_of_another_shape_under_a_sound_check_is_a_miss(
    field: int, value: object, tmp_path: Path
) -> None:
    """The checksum vouches for the bytes, not for what they hold: a record whose parts have
    another shape is converted afresh, as a cold run converts it, never a traceback (which,
    the record never replaced, every later run would end with)."""
    path, cache = tmp_path / "api.yaml", tmp_path / "cache"
    path.write_text(yaml.safe_dump(DESCRIPTION, sort_keys=False))
    cold = _convert(path, None)
    _convert(path, _units(cache, path))
    units = _units(cache, path)
    schemas = [key for key in units.previous if type(key) is str]
    for key in schemas:
        record = units.previous[key]
        units.previous[key] = (*record[:field], value, *record[field + 1 :])
    assert _convert(path, units) == cold
    assert units.converted == len(schemas) and units.reused == 0


def test_entries_known_to_the_caller_are_not_looked_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Handed the digests of the entries' text (`entries`), the converter takes a replayed
    unit's reads from them: no entry is looked up in the document again, and the IR is the one
    a cold run gives."""
    path, cache, parsed = tmp_path / "api.yaml", tmp_path / "cache", tmp_path / "parsed"
    document = copy.deepcopy(DESCRIPTION)
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    _convert(path, _units(cache, path), parsed, known=True)
    _schemas(document)["Badge"]["description"] = "changed"
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    looked_up: list[Any] = []
    entry_digest = Document.entry_digest

    def counted(self: Document, node: Any) -> str | None:
        looked_up.append(node)
        return entry_digest(self, node)

    spec = Spec(path, Cache(parsed))
    entries = entry_digests(spec.root.data, spec.root.entry_digest)
    assert len(entries) >= len(_schemas(document))
    monkeypatch.setattr(Document, "entry_digest", counted)
    units = _units(cache, path)
    api = build_api(spec, "pkg", Diagnostics(), units, entries=entries)
    units.save()
    assert units.reused > 0 and looked_up == []
    monkeypatch.undo()
    assert serialize.dumps(api) == _convert(path, None)[0]


def test_replayed_types_are_views_of_the_store_not_copies(tmp_path: Path) -> None:
    """The bytes of a unit's types (of an operation's unit too: its own record's) are kept out
    of its record's pickle, where the record holds them (`_types_apart`), short ones as well:
    read back, they are views of the store file's bytes (not copied into objects of their own),
    and build to the types of a cold run."""
    path, cache, _ = _converted_then_edited(tmp_path)
    units = _units(cache, path)
    records = [record if type(key) is str else record[0] for key, record in units.previous.items()]
    blobs = [record[7] for record in records]
    assert any(type(key) is tuple for key in units.previous)
    assert any(len(blob) < cache_pickle.MIN_BUFFER for blob in blobs)
    assert blobs and all(type(blob) is memoryview for blob in blobs)
    lazy = build_api(Spec(path, Cache(None)), "pkg", Diagnostics(), units, deferred=True)
    units.save()
    assert units.reused > 0 and serialize.dumps(lazy) == _convert(path, None)[0]


@pytest.mark.parametrize(
    "body",
    [
        (1000).to_bytes(4, "little") + b"short",  # a piece longer than the body
        b"\x01\x00",  # a length cut short
        (7).to_bytes(4, "little") + b"\x80\x05Q\x00\x00\x00\x00",  # a persistent id
        (4).to_bytes(4, "little") + b"\x80\x05\x97.",  # a buffer the record lacks
    ],
    ids=["piece too long", "length cut short", "persistent id", "buffer not there"],
)
def test_a_record_laid_out_otherwise_under_a_sound_check_is_a_miss(body: bytes, tmp_path: Path) -> None:
    """A record whose body is not laid out as records are (its pieces' lengths), or whose pickle
    names a buffer it does not hold, under a checksum that holds: the store is a miss, and the
    conversion the cold one, never a traceback."""
    path, cache = tmp_path / "api.yaml", tmp_path / "cache"
    path.write_text(yaml.safe_dump(DESCRIPTION, sort_keys=False))
    cold = _convert(path, None)
    _convert(path, _units(cache, path))
    (store,) = cache.glob("schema-units-*.pickle")
    head = len(body).to_bytes(4, "little") + cache_files.checksum(body).to_bytes(8, "little")
    store.write_bytes(store.read_bytes() + head + body)
    units = _units(cache, path)
    assert units.previous == {}
    assert _convert(path, units) == cold and units.reused == 0


def test_where_a_mapped_file_cannot_be_replaced_the_store_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On Windows a mapped file cannot be replaced, and the store is replaced while its records
    are in use: there it is read, not mapped (the types then views of the bytes read), and
    the store is written afresh as elsewhere."""
    path, cache, _ = _converted_then_edited(tmp_path)
    monkeypatch.setattr(cache_files, "KEEP_MAPPED", False)
    units = _units(cache, path)
    assert type(units._base) is bytes and units.previous
    assert _convert(path, units) == _convert(path, None) and units.reused > 0


@settings(max_examples=3000, deadline=None)
@given(
    st.tuples(st.sampled_from(["", "/", "/components", "/components/", "/paths/"]), st.text("/~01ab", max_size=24)).map(
        "".join
    )
)
def test_an_entry_is_found_as_the_tokens_give_it(pointer: str) -> None:
    """(Unescaped pointers are cut as text, the rest token by token: the same entries.)"""
    try:
        expected: str | type = schema_units._entry_by_tokens(pointer)
    except ValueError:
        expected = ValueError
    try:
        found: str | type = schema_units.entry_of(pointer)
    except ValueError:
        found = ValueError
    assert found == expected


VARIED = yaml.safe_load(
    r"""
type: object
required: [n]
properties:
  n: {type: number, default: -0.0, minimum: 1.5, maximum: 10, multipleOf: 0.5}
  i: {type: integer, default: 9007199254740993, exclusiveMinimum: 0, format: int64}
  flag: {type: boolean, default: false, readOnly: true, deprecated: true}
  listy: {type: array, items: {type: string}, default: [a, 1, 2.0, true, null, {k: [v]}], minItems: 1}
  mapping: {type: object, additionalProperties: {type: integer}, default: {a: 1, b: {c: []}}}
  konst: {const: {x: [1, 2.5]}}
  word: {type: string, pattern: '^\d+$', enum: [ä, "ü\u2028", ''], description: "multi\nline ☃"}
  numbers: {type: integer, enum: [1, 2, 3]}
  fractions: {type: number, enum: [1.0, 2.5]}
  either: {oneOf: [{type: string}, {type: array, items: {$ref: '#/components/schemas/Badge'}}], nullable: true}
"""
)


def _kept_types(units: SchemaUnits) -> dict[str, tuple[bytes, Any]]:
    """The bytes of each unit's types as its record keeps them (an operation's: its own record's),
    and what they unpack to."""
    records = [record if type(key) is str else record[0] for key, record in units.previous.items()]
    return {type_id: (bytes(record[7]), named) for record in records for type_id, named in unpack(record[7]) or ()}


def test_a_units_types_are_kept_as_their_snapshot_texts_and_build_to_the_converted_ones(tmp_path: Path) -> None:
    """A cold run keeps each unit's types as the data of their snapshot texts, compact JSON (not
    pickled: `kept_types.pack`); built from those, each type is exactly the one converted
    (equal, and of equal repr: no list for a tuple, no 1 for 1.0 or True), JSON values of every
    kind included."""
    document = copy.deepcopy(DESCRIPTION)
    _schemas(document)["Varied"] = VARIED
    path, cache = tmp_path / "api.yaml", tmp_path / "cache"
    path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True))
    cold = build_api(Spec(path, Cache(None)), "pkg", Diagnostics(), None)
    _convert(path, _units(cache, path))
    kept = _kept_types(_units(cache, path))
    assert sorted(kept) == sorted(named.id for named in cold.types)
    for named in cold.types:
        blob, rebuilt = kept[named.id]
        assert blob.startswith(b"T") and orjson.dumps(serialize.to_data(named)) in blob
        assert rebuilt == named and repr(rebuilt) == repr(named), named.id
    assert _convert(path, _units(cache, path), deferred=True) == _convert(path, None)


def test_the_types_of_a_unit_with_one_the_snapshot_writes_another_way_are_pickled(tmp_path: Path) -> None:
    """A unit one of whose types has no snapshot text (a NaN default) keeps its types pickled,
    and is replayed, deferred or not, as a cold run converts it."""
    document = copy.deepcopy(DESCRIPTION)
    _schemas(document)["Odd"] = {"type": "object", "properties": {"x": {"type": "number", "default": float("nan")}}}
    path, cache = tmp_path / "api.yaml", tmp_path / "cache"
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    _convert(path, _units(cache, path))
    kept = _kept_types(_units(cache, path))
    assert kept["Odd"][0][:1] == b"\x80" and kept["Badge"][0][:1] == b"T"
    for deferred in (False, True):
        units = _units(cache, path)
        assert _convert(path, units, deferred=deferred) == _convert(path, None)
        assert units.reused == len(_schemas(document))


def _texts(*texts: bytes) -> bytes:
    return b"T" + b"".join(len(text).to_bytes(4, "little") + text for text in texts)


@pytest.mark.parametrize(
    "blob",
    [
        _texts(b"not json"),
        _texts(b"[1, 2]"),
        _texts(b'{"kind": "nothing", "id": "X"}'),
        _texts(b'{"kind": "object", "id": "X"}'),  # (no name, no fields)
        _texts(b'{"kind": "alias", "id": "X", "name": {"wire": "X", "words": ["x"]}, "target": {}, "extra": 1}'),
        _texts(b'{"kind": "object"}')[:-3],  # cut short
        b"T\x01",
    ],
)
def test_kept_texts_that_are_no_types_are_a_miss(blob: bytes) -> None:
    assert unpack(blob) is None
