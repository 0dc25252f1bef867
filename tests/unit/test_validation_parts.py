"""Validation by parts gives exactly the findings of validating the whole document.

Real descriptions (OpenAI's, read from ../shared/upstream, and ours) take random small edits,
several in a row, including ones that bring in errors: wrong types, bad defaults, broken `$ref`s,
duplicate operationIds, required properties that are not defined, meta-schema failures on schemas
others reach. After each, the findings of `validate_by_parts` (over the cache the previous version
left) must equal those of `validate` on the whole edited document, file, pointer and message.
`VALIDATION_EDITS=200 pytest tests/unit/test_validation_parts.py` (`make validation-parts-long`)
draws more edits.
"""

from __future__ import annotations

import copy
import json
import os
import pickle
import random
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.cache_files import CHECK_BYTES
from generator.openapi import validation_runner
from generator.openapi.cache import Cache
from generator.openapi.parse import parse_bytes
from generator.openapi.validate import validate
from generator.openapi.validation_parts import validate_by_parts
from generator.openapi.validation_runner import ValidationRun
from tests.support.cache_files import plant_cache_file
from tests.support.paths import OPENAI_SPEC, REPO, require

EDITS = int(os.environ.get("VALIDATION_EDITS", "11"))  # each kind of edit once
OURS = REPO / "specs" / "openapi" / "ai_studio.yaml"


def load(path: Path) -> Any:
    """As the validation worker gets it: parsed, then through JSON (no node shared)."""
    return json.loads(json.dumps(parse_bytes(path.read_bytes(), path.suffix)))


# --- edits --------------------------------------------------------------------------------------

Edit = Callable[[dict[str, Any], random.Random], None]


def schema_nodes(document: dict[str, Any]) -> list[dict[str, Any]]:
    """Every mapping under components/schemas (schemas and the mappings inside them)."""
    found: list[dict[str, Any]] = []
    stack: list[Any] = list(document["components"]["schemas"].values())
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            found.append(node)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return found


def operations(document: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        op
        for item in document["paths"].values()
        for method, op in item.items()
        if method in {"get", "put", "post", "delete", "patch"} and isinstance(op, dict)
    ]


def pick_schema(document: dict[str, Any], rng: random.Random) -> tuple[str, dict[str, Any]]:
    schemas = document["components"]["schemas"]
    name = rng.choice(sorted(n for n, v in schemas.items() if isinstance(v, dict)))
    return name, schemas[name]


def referenced(document: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    """A component schema some `$ref` names (so others reach it)."""
    text = json.dumps(document["paths"]) + json.dumps(document["components"])
    names = [n for n in document["components"]["schemas"] if f'"#/components/schemas/{n}"' in text]
    value = document["components"]["schemas"][rng.choice(sorted(names))]
    return value if isinstance(value, dict) else pick_schema(document, rng)[1]


def add_field(document: dict[str, Any], rng: random.Random) -> None:
    _, schema = pick_schema(document, rng)
    schema.setdefault("properties", {})[f"added_{rng.randrange(1000)}"] = {"type": "string"}


def wrong_type(document: dict[str, Any], rng: random.Random) -> None:
    node = rng.choice([n for n in schema_nodes(document) if "type" in n])
    node["type"] = rng.choice(["strng", 5, ["object", "nothing"]])


def bad_default(document: dict[str, Any], rng: random.Random) -> None:
    kinds = {"integer": "many", "string": 7, "object": [1]}
    node = rng.choice([n for n in schema_nodes(document) if str(n.get("type")) in kinds])
    node["default"] = kinds[node["type"]]


def broken_ref(document: dict[str, Any], rng: random.Random) -> None:
    node = rng.choice([n for n in schema_nodes(document) if isinstance(n.get("$ref"), str)])
    node["$ref"] = "#/components/schemas/NoSuchSchema"


def duplicate_operation_id(document: dict[str, Any], rng: random.Random) -> None:
    ops = [op for op in operations(document) if "operationId" in op]
    first, second = rng.sample(ops, 2)
    second["operationId"] = first["operationId"]


def undefined_required(document: dict[str, Any], rng: random.Random) -> None:
    """Reported by the library only where the schema is first met as a schema of its own."""
    schema = referenced(document, rng)
    schema["allOf"] = [{"type": "object"}]
    schema["required"] = [*schema.get("required", []), "never_defined"]


def meta_failure(document: dict[str, Any], rng: random.Random) -> None:
    """A schema others reach fails its meta-schema check (the library then stops there once)."""
    schema = referenced(document, rng)
    schema["exclusiveMinimum"] = True
    schema.setdefault("properties", {})["inner"] = {"type": "integer", "default": "bad"}


def alias(document: dict[str, Any], rng: random.Random) -> None:
    name, _ = pick_schema(document, rng)
    other, _ = pick_schema(document, rng)
    document["components"]["schemas"][name] = {"$ref": f"#/components/schemas/{other}"}


def path_parameter(document: dict[str, Any], rng: random.Random) -> None:
    url = rng.choice(sorted(document["paths"]))
    document["paths"][url + "/{extra_id}"] = copy.deepcopy(document["paths"][url])
    for op in operations({"paths": {"x": document["paths"][url + "/{extra_id}"]}}):
        op.pop("operationId", None)


def remove_schema(document: dict[str, Any], rng: random.Random) -> None:
    name, _ = pick_schema(document, rng)
    del document["components"]["schemas"][name]


def change_operation(document: dict[str, Any], rng: random.Random) -> None:
    rng.choice(operations(document))["summary"] = "Changed."


EDIT_KINDS: list[Edit] = [
    add_field,
    wrong_type,
    bad_default,
    broken_ref,
    duplicate_operation_id,
    undefined_required,
    meta_failure,
    alias,
    path_parameter,
    remove_schema,
    change_operation,
]


def assert_same_as_whole(path: Path, document: Any, cache: Cache) -> int:
    """By parts over `cache` = whole; returns how many parts the library checked."""
    outcome = validate_by_parts(str(path), document, cache)
    assert outcome.findings == validate(str(path), document)
    return outcome.validated


@pytest.mark.parametrize("spec", [OPENAI_SPEC, OURS], ids=["openai", "ai_studio"])
def test_random_edits_give_the_findings_of_the_whole_document(spec: Path, tmp_path: Path) -> None:
    original = load(require(spec))
    cache = Cache(tmp_path / "cache")
    first = validate_by_parts(str(spec), original, cache)
    assert first.findings == validate(str(spec), original)
    assert first.parts > 100 and first.validated == first.parts
    rng = random.Random(f"{spec.name}-{EDITS}")
    document = copy.deepcopy(original)
    reused = 0
    for step in range(EDITS):
        kinds = EDIT_KINDS if step >= len(EDIT_KINDS) else [EDIT_KINDS[step]]
        rng.choice(kinds)(document, rng)
        checked = assert_same_as_whole(spec, document, cache)
        reused += checked < first.parts
        if step % 3 == 2:
            document = copy.deepcopy(original)  # broken documents fall back whole: start afresh
    assert reused  # the cache did the work on some of the edits


# --- what depends on the order the library meets schemas in -------------------------------------

ORDER = """\
openapi: 3.1.0
info: {title: T, version: "1"}
paths:
  /a:
    get:
      operationId: same
      responses:
        "200":
          description: OK
          content:
            application/json:
              schema: {type: object, properties: {nested: {$ref: '#/components/schemas/Nested'}}}
  /b:
    get:
      operationId: same
      responses:
        "200": {$ref: '#/components/responses/Shared'}
components:
  responses:
    Shared:
      description: OK
      content:
        application/json:
          schema: {exclusiveMinimum: true, properties: {v: {type: integer, default: x}}}
  schemas:
    Nested:
      type: object
      allOf: [{type: object}]
      required: [missing]
    Top:
      type: object
      allOf: [{type: object}]
      required: [absent]
    Failing:
      exclusiveMinimum: true
      properties: {w: {type: integer, default: y}}
    User:
      type: object
      properties: {f: {$ref: '#/components/schemas/Failing'}}
"""


def test_order_dependent_findings_are_those_of_the_whole_document(tmp_path: Path) -> None:
    path = tmp_path / "api.yaml"
    path.write_text(textwrap.dedent(ORDER), encoding="utf-8")
    document = load(path)
    whole = validate(str(path), document)
    messages = {(f.pointer, f.message) for f in whole}
    # met nested first: not reported; met as a component first: reported
    assert not any(p == "/components/schemas/Nested" for p, _ in messages)
    assert (
        "/components/schemas/Top",
        "Required list has not defined properties: ['absent']",
    ) in messages
    # a failing schema is visited when met again (Failing through User), else not (Shared)
    assert any(p == "/components/schemas/Failing/properties/w/default" for p, _ in messages)
    assert not any(
        p.startswith("/components/responses/Shared/content/application~1json/schema/properties")
        for p, _ in messages
    )
    assert ("/paths/~1b/get", "Operation ID 'same' for 'get' in '/b' is not unique") in messages
    cache = Cache(tmp_path / "cache")
    assert validate_by_parts(str(path), document, cache).findings == whole
    assert validate_by_parts(str(path), document, cache).validated == 0


def test_after_an_edit_only_the_changed_part_is_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cold in the worker; then in this process over its records; in the worker again when the
    YAML has an anchor (its nodes may be shared)."""
    monkeypatch.setattr(validation_runner, "BACKGROUND_MIN_BYTES", 0)
    path = tmp_path / "api.yaml"
    text = OURS.read_text(encoding="utf-8")
    cache = Cache(tmp_path / "cache")

    def run(text: str) -> tuple[list[Any], dict[str, int], bool]:
        from generator.openapi.load import Spec

        path.write_text(text, encoding="utf-8")
        validation = ValidationRun(path, cache)
        in_worker = validation._worker is not None
        try:
            spec = Spec(path, cache)
            validation.submit(spec.root.data)
            found = validation.findings(spec)
            assert found == validate(str(path), load(path))
            return found, validation.stats, in_worker
        finally:
            validation.close()

    _, cold, in_worker = run(text)
    assert in_worker and cold["validation_parts"] > 100
    assert cold["validation_parts_checked"] == cold["validation_parts"]
    anchor = "\n  schemas:\n"
    added = "    AddedLater: {type: object, properties: {a: {type: integer, default: no}}}\n"
    found, warm, in_worker = run(text.replace(anchor, anchor + added, 1))
    assert not in_worker and warm["validation_parts_checked"] == 1
    assert any(f.pointer == "/components/schemas/AddedLater/properties/a/default" for f in found)
    shared = "    Shared: &shared {type: object}\n    Again: *shared\n"
    _, anchored, in_worker = run(text.replace(anchor, anchor + added + shared, 1))
    assert in_worker and anchored["validation_parts_checked"] == 2


def _with_records_forged(tmp_path: Path, forge: Callable[[Any], Any]) -> tuple[Path, Any, Cache, Path]:
    """A validation by parts of ORDER whose stored records are then replaced by `forge(record)`,
    well-formed past the checksum: (the spec, its document, the cache, the store file)."""
    path = tmp_path / "api.yaml"
    path.write_text(textwrap.dedent(ORDER), encoding="utf-8")
    document = load(path)
    cache = Cache(tmp_path / "cache")
    validate_by_parts(str(path), document, cache)
    (entry,) = (tmp_path / "cache").glob("validated-parts-*.pickle")
    stored = pickle.loads(entry.read_bytes()[:-CHECK_BYTES])
    records = stored["sections"]["records"]
    for key, record in records.items():
        records[key] = forge(record)
    plant_cache_file(entry, stored)
    return path, document, cache, entry


def test_a_damaged_record_is_a_miss(tmp_path: Path) -> None:
    path, document, cache, entry = _with_records_forged(tmp_path, lambda record: (("not", "a"), "record"))
    outcome = validate_by_parts(str(path), document, cache)
    assert outcome.findings == validate(str(path), document)
    assert outcome.validated == outcome.parts
    entry.write_bytes(b"damaged")
    assert validate_by_parts(str(path), document, cache).findings == validate(str(path), document)


@pytest.mark.parametrize("bad", [float("inf"), float("nan")])
def test_a_record_whose_depth_is_no_number_of_levels_is_a_miss(tmp_path: Path, bad: float) -> None:
    """(`int` of an infinity raises OverflowError, of a NaN ValueError: found by review.)"""

    def forge(record: Any) -> Any:
        return (*record[:2], bad, *record[3:]) if type(record) is tuple and len(record) == 7 else record

    path, document, cache, _ = _with_records_forged(tmp_path, forge)
    outcome = validate_by_parts(str(path), document, cache)
    assert outcome.findings == validate(str(path), document)
    assert outcome.validated == outcome.parts


def test_records_and_facts_are_tuples_with_each_ref_once(tmp_path: Path) -> None:
    """What the store keeps is read back each run (~9,600 records on 8,000 types): as tuples,
    where every empty list of findings is the one empty tuple, not an object of its own; and a
    part's refs each once, in order, as its key takes them. A warm run over them finds what the
    whole document's run finds."""
    from generator.openapi.load import Spec
    from generator.openapi.validation_parts import entry_digests

    path, parsed = tmp_path / "api.yaml", Cache(tmp_path / "parsed")
    text = textwrap.dedent(ORDER).replace(
        "      properties: {f: {$ref: '#/components/schemas/Failing'}}",
        "      properties: {g: {$ref: '#/components/schemas/Top'}, f: {$ref: '#/components/schemas/Failing'},"
        " h: {$ref: '#/components/schemas/Top'}}",
    )
    path.write_text(text, encoding="utf-8")
    spec = Spec(path, parsed)
    entries = entry_digests(spec.root.data, spec.root.entry_digest)
    cache = Cache(tmp_path / "cache")
    whole = validate(str(path), spec.root.data)
    first = validate_by_parts(str(path), spec.root.data, cache, entries=entries)
    assert first.findings == whole
    (entry,) = (tmp_path / "cache").glob("validated-parts-*.pickle")
    sections = pickle.loads(entry.read_bytes()[:-CHECK_BYTES])["sections"]
    records = sections["records"]
    assert records and all(type(record) is tuple for record in records.values())
    assert all(type(rows) is tuple for record in records.values() if len(record) == 7 for rows in record[:2])
    (facts,) = (value for key, value in sections.items() if key.startswith("entries-"))
    assert facts and all(type(fact) is tuple for fact in facts.values())
    refs = {fact[1] for fact in facts.values()}
    assert ("/components/schemas/Failing", "/components/schemas/Top") in refs
    again = validate_by_parts(str(path), spec.root.data, cache, entries=entries)
    # (only the parts not read from an entry of the text written out again: the response)
    assert again.findings == whole and again.validated == 0 and again.written == 1 < first.written


def test_a_small_edit_writes_an_overlay_of_what_changed(tmp_path: Path) -> None:
    """The records and facts of a validation by parts are one `cache_layers.Layered` file: a
    regeneration after a one-part edit leaves it as it was and writes the few records and facts
    that changed beside it; the findings are the whole document's, before and after."""
    import yaml

    from generator.openapi.load import Spec
    from generator.openapi.validation_parts import entry_digests

    path, parsed, cache = tmp_path / "api.yaml", Cache(tmp_path / "parsed"), Cache(tmp_path / "cache")
    text = yaml.safe_dump(load(require(OURS)), sort_keys=False, allow_unicode=True, width=1 << 16)
    path.write_text(text, encoding="utf-8")
    spec = Spec(path, parsed)
    first = validate_by_parts(str(path), spec.root.data, cache, entries=entry_digests(spec.root.data, spec.root.entry_digest))
    assert first.findings == validate(str(path), spec.root.data) and first.parts > 100
    (base,) = (tmp_path / "cache").glob("validated-parts-*.pickle")
    before = base.read_bytes()
    name = next(iter(spec.root.data["components"]["schemas"]))
    path.write_text(text.replace(f"    {name}:\n", f"    {name}:\n      title: changed\n", 1), encoding="utf-8")
    spec = Spec(path, parsed)
    assert spec.root.data["components"]["schemas"][name]["title"] == "changed"
    again = validate_by_parts(str(path), spec.root.data, cache, entries=entry_digests(spec.root.data, spec.root.entry_digest))
    assert again.findings == validate(str(path), spec.root.data)
    assert 0 < again.validated < first.validated // 4 and again.written < first.written // 4
    overlay = base.with_name(base.name + ".overlay")
    assert base.read_bytes() == before and 0 < len(overlay.read_bytes()) * 4 < len(before)


def test_the_quicker_lookup_steps_as_pathable_does() -> None:
    """`validate._quick_lookups` skips pathable's Protocol check for dicts and lists only."""
    from jsonschema_path.nodes import SchemaNode
    from pathable.accessors import SubscriptableAccessor

    from generator.openapi.validate import _quick_lookups

    _quick_lookups()
    original = vars(SubscriptableAccessor)["_get_subnode"].__func__
    assert SchemaNode._get_subnode.__func__ is not original  # in place
    cases: list[tuple[Any, Any]] = [
        ({"a": 1}, "a"), ({"a": 1}, "b"), ([1, 2], 1), ([1, 2], 5), ([1, 2], "x"),
        ("text", 0), (5, "a"), (None, "a"), ({"a": {"b": 2}}, "a"),
    ]  # fmt: skip
    for node, part in cases:
        outcomes = []
        for step in (SchemaNode._get_subnode, lambda n, p: original(SchemaNode, n, p)):
            try:
                outcomes.append(("value", step(node, part)))
            except KeyError as exc:
                outcomes.append(("KeyError", exc.args))
        assert outcomes[0] == outcomes[1], (node, part)


def test_a_renamed_shared_parameter_is_checked_with_the_operations_naming_it(tmp_path: Path) -> None:
    """A parameter in components is checked as part of each operation naming it (duplicate
    name and place): renaming P2 to P1's name is a finding of the path item, whose text did not
    change."""

    def document(second: str) -> dict[str, Any]:
        shared = {"in": "query", "schema": {"type": "string"}}
        return {
            "openapi": "3.1.0",
            "info": {"title": "t", "version": "1"},
            "paths": {
                "/x": {
                    "get": {
                        "parameters": [
                            {"$ref": "#/components/parameters/P1"},
                            {"$ref": "#/components/parameters/P2"},
                        ],
                        "responses": {"200": {"description": "ok"}},
                    }
                }
            },
            "components": {"parameters": {"P1": {"name": "a", **shared}, "P2": {"name": second, **shared}}},
        }

    cache = Cache(tmp_path / "cache")
    assert_same_as_whole(tmp_path / "api.json", document("b"), cache)
    assert assert_same_as_whole(tmp_path / "api.json", document("a"), cache) >= 1


def test_the_anchor_search_finds_what_the_plain_rule_finds() -> None:
    """`_ANCHOR` looks behind each `&`: it must match exactly where an `&` begins a node (at the
    start or after a blank, `[`, `{`, `,` or `:`) and is followed by a name character."""
    import re

    plain = re.compile(rb"(?:^|[\s\[{,:])&[^\s\[\]{},]", re.MULTILINE)
    alphabet = [b"&", b" ", b"\n", b"a", b"[", b"{", b",", b":", b"]", b"}", b"\t", b"-", b"*"]
    rng = random.Random(13)
    for _ in range(20_000):
        text = b"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 8)))
        assert bool(validation_runner._ANCHOR.search(text)) == bool(plain.search(text)), text
    assert validation_runner._ANCHOR.search(b"a: &anchor x")
    assert not validation_runner._ANCHOR.search(b"a: b&c, x & [&]")


def test_random_edits_of_the_text_give_the_findings_of_the_whole_document(tmp_path: Path) -> None:
    """The document read entry by entry from YAML text: the parts whose entry's text is as last
    time are not written out again (`entry_digests`), and the findings stay the whole run's."""
    import yaml

    from generator.openapi.load import Spec
    from generator.openapi.validation_parts import entry_digests

    original = load(require(OURS))
    path, parsed, cache = tmp_path / "api.yaml", Cache(tmp_path / "parsed"), Cache(tmp_path / "cache")
    rng = random.Random(f"text-{EDITS}")
    document = copy.deepcopy(original)
    written = []
    for step in range(EDITS + 1):
        if step:
            rng.choice(EDIT_KINDS if step > len(EDIT_KINDS) else [EDIT_KINDS[step - 1]])(document, rng)
        path.write_text(yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=1 << 16))
        spec = Spec(path, parsed)
        entries = entry_digests(spec.root.data, spec.root.entry_digest)
        assert len(entries) > 100
        outcome = validate_by_parts(str(path), spec.root.data, cache, entries=entries)
        assert outcome.findings == validate(str(path), spec.root.data), step
        places = len(document["paths"]) + sum(map(len, document["components"].values()))
        written.append(outcome.written - (places - len(entries)))  # (other components: always)
        if step % 3 == 2:
            document = copy.deepcopy(original)
    # the first reading writes every entry's part out; after an edit, the changed ones (none when
    # the run fell back to the whole document)
    assert written[0] > 100 and any(0 < count <= 3 for count in written[1:]), written


def test_what_an_entry_gave_is_kept_per_variant(tmp_path: Path) -> None:
    """What an entry's text gave (its part's digest and refs) is our code's reading of it: with
    another `variant` (it holds our code's digest) nothing kept from the last run is trusted."""
    import yaml

    from generator.openapi.load import Spec
    from generator.openapi.validation_parts import entry_digests

    path, parsed, cache = tmp_path / "api.yaml", Cache(tmp_path / "parsed"), Cache(tmp_path / "cache")
    path.write_text(yaml.safe_dump(load(require(OURS)), sort_keys=False, allow_unicode=True, width=1 << 16))
    spec = Spec(path, parsed)
    entries = entry_digests(spec.root.data, spec.root.entry_digest)
    first = validate_by_parts(str(path), spec.root.data, cache, variant="code-1", entries=entries)
    again = validate_by_parts(str(path), spec.root.data, cache, variant="code-1", entries=entries)
    other = validate_by_parts(str(path), spec.root.data, cache, variant="code-2", entries=entries)
    assert first.written > len(entries) > 100 and again.written == first.written - len(entries)
    assert other.written == first.written and other.findings == first.findings


def test_what_an_entry_gave_when_damaged_is_a_miss(tmp_path: Path) -> None:
    """A remembered entry fact whose refs or schema roots are not what this code writes (no
    strings, or a root that is not there) is damage: the parts are split afresh, the findings
    stay the whole document's."""
    import yaml

    from generator.openapi.load import Spec
    from generator.openapi.validation_parts import entry_digests

    path, parsed = tmp_path / "api.yaml", Cache(tmp_path / "parsed")
    path.write_text(yaml.safe_dump(load(require(OURS)), sort_keys=False, allow_unicode=True, width=1 << 16))
    spec = Spec(path, parsed)
    entries = entry_digests(spec.root.data, spec.root.entry_digest)
    whole = validate(str(path), spec.root.data)

    def damaged(change: Callable[[tuple[Any, ...]], tuple[Any, ...]]) -> None:
        cache = Cache(tmp_path / f"cache-{len(list(tmp_path.iterdir()))}")
        first = validate_by_parts(str(path), spec.root.data, cache, entries=entries)
        (entry,) = cache.folder.glob("validated-parts-*.pickle")  # type: ignore[union-attr]
        stored = pickle.loads(entry.read_bytes()[:-CHECK_BYTES])
        sections = stored["sections"]
        (facts,) = (value for key, value in sections.items() if key.startswith("entries-"))
        for key, fact in facts.items():
            facts[key] = change(fact)
        records = sections["records"]
        sections["records"] = {**records, **{key: (("not", "a"), "record") for key in records if key.startswith("across-")}}
        plant_cache_file(entry, stored)  # (well-formed: past the checksum)
        # a part is checked again, so that the roots are looked up
        edited = copy.deepcopy(spec.root.data)
        edited["components"]["schemas"][next(iter(edited["components"]["schemas"]))]["title"] = "x"
        outcome = validate_by_parts(str(path), edited, cache, entries={**entries})
        assert outcome.findings == validate(str(path), edited)
        assert outcome.written == first.written  # every part split afresh
        assert first.findings == whole

    damaged(lambda fact: (fact[0], (*fact[1], ["no string"]), *fact[2:]))
    damaged(lambda fact: (*fact[:3], (*fact[3], 7)))
    damaged(lambda fact: (*fact[:3], (*fact[3], "no pointer")))
    damaged(lambda fact: (*fact[:3], (*fact[3], "/not/there")))
