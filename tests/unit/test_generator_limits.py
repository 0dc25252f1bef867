"""Named limits on what a spec controls: nesting depth, text length, value length, enum size.

Past a limit the generator stops with a located error (exit 1, output untouched) or, for prose,
cuts the text with a located warning; never a RecursionError or unbounded memory.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from generator.diagnostics import Diagnostics
from generator.ir import limits
from generator.ir.deferred import Deferred, Source
from generator.ir.model import API, EnumType, EnumValue, Field, Location, Name, ObjectType, TypeExpr
from generator.ir.serialize import Fragments, dumps, snapshot_text
from generator.ir.words import make_name
from generator.openapi.parse import MAX_NESTING
from generator.openapi.schemas import MAX_SCHEMA_DEPTH
from tests.support.cli import generate_broken, prepared_output, run


@pytest.fixture
def out(tmp_path: Path) -> Path:
    return prepared_output(tmp_path)


def spec_with(schema: dict[str, Any], **extra: Any) -> str:
    document = {
        "openapi": "3.0.3",
        "info": {"title": "T", "version": "1"},
        "paths": {
            "/things": {
                "post": {
                    "operationId": "makeThing",
                    "requestBody": {
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Thing"}}}
                    },
                    "responses": {"200": {"description": "ok"}},
                }
            }
        },
        "components": {"schemas": {"Thing": schema}},
        **extra,
    }
    return json.dumps(document)


def nested_objects(levels: int) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string"}
    for _ in range(levels):
        schema = {"type": "object", "properties": {"p": schema}}
    return schema


def test_inline_objects_nested_past_the_limit_are_a_located_error(tmp_path: Path, out: Path) -> None:
    # 130 levels used to end in RecursionError
    result = generate_broken(tmp_path, out, spec_with(nested_objects(130)), name="deep.json")
    assert result.returncode == 1
    assert "deep.json:1:" in result.stderr
    assert f"nested more than {MAX_NESTING} levels deep" in result.stderr


def test_nesting_far_past_the_limit(tmp_path: Path, out: Path) -> None:
    result = generate_broken(tmp_path, out, spec_with(nested_objects(400)), name="deep.json")
    assert result.returncode == 1
    assert "nested more than" in result.stderr


def test_refs_expanded_in_place_count_as_nesting(tmp_path: Path, out: Path) -> None:
    # each schema refers to the next by a pointer outside components: converted in place
    chain = {f"s{i}": {"type": "object", "properties": {"p": {"$ref": f"#/x-defs/s{i + 1}"}}} for i in range(300)}
    chain["s300"] = {"type": "string"}
    text = spec_with({"$ref": "#/x-defs/s0"}, **{"x-defs": chain})
    result = generate_broken(tmp_path, out, text, name="chain.json")
    assert result.returncode == 1
    assert "chain.json#/x-defs/s" in result.stderr
    assert f"schemas nested more than {MAX_SCHEMA_DEPTH} levels deep" in result.stderr


def test_nesting_inside_the_limit_generates(tmp_path: Path) -> None:
    spec = tmp_path / "nested.json"
    spec.write_text(spec_with(nested_objects(MAX_NESTING // 2 - 4)))
    result = run("generate", "--openapi", str(spec), "--package", "pkg", "--out", str(tmp_path / "o"), "-q")
    assert result.returncode == 0, result.stderr


def test_long_description_is_cut_with_a_located_warning(tmp_path: Path) -> None:
    spec = tmp_path / "long.json"
    text = "é" * (limits.MAX_TEXT_LENGTH + 5000)
    spec.write_text(spec_with({"type": "object", "description": text, "properties": {"a": {"type": "string"}}}))
    folder = tmp_path / "o"
    result = run("generate", "--openapi", str(spec), "--package", "pkg", "--out", str(folder))
    assert result.returncode == 0, result.stderr
    assert "long.json#/components/schemas/Thing: warning: description of" in result.stderr
    models = (folder / "python/pkg/pkg/models/thing.py").read_text(encoding="utf-8")
    assert models.count("é") == limits.MAX_TEXT_LENGTH


def test_long_name_is_a_located_error(tmp_path: Path, out: Path) -> None:
    schema = {"type": "object", "properties": {"a" * (limits.MAX_VALUE_LENGTH + 1): {"type": "string"}}}
    result = generate_broken(tmp_path, out, spec_with(schema), name="names.json")
    assert result.returncode == 1
    assert "names.json#/components/schemas/Thing" in result.stderr
    assert f"longer than the limit of {limits.MAX_VALUE_LENGTH}" in result.stderr


def enum_api(size: int) -> API:
    values = tuple(EnumValue(f"v{i}", make_name(f"v{i}")) for i in range(size))
    kind = EnumType(id="E", name=make_name("E"), values=values, location=Location("s.yaml", "/e"))
    return API(name="p", title="T", version="1", types=(kind,))


def test_enum_past_the_limit_is_a_located_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ENUM_VALUES", 10)
    diagnostics = Diagnostics()
    limits.enforce(enum_api(10), diagnostics, Location("s.yaml"))
    assert not diagnostics.errors
    limits.enforce(enum_api(11), diagnostics, Location("s.yaml"))
    assert [str(p) for p in diagnostics.errors] == [
        "s.yaml#/e: error: enum 'E' has 11 values, more than the limit of 10"
    ]


def test_total_text_budget(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_TOTAL_TEXT", 100)
    api = API(name="p", title="T", version="1", description="x" * 101)
    diagnostics = Diagnostics()
    limits.enforce(api, diagnostics, Location("s.yaml"))
    assert "add up to more than 100 characters" in str(diagnostics.errors[0])


@pytest.mark.parametrize(
    ("name", "where"),
    [(Name("f", ("w" * 9,)), Location("s.yaml", "/f")), (Name("w" * 9, ("f",)), Location("s.yaml", "/f")),
     (Name("f", ("f",)), Location("s.yaml", "/" + "p" * 9)), (Name("f", ("f",)), Location("s" * 9, "/f"))],
)  # fmt: skip
def test_a_long_value_in_a_fields_name_or_location_is_found(
    monkeypatch: pytest.MonkeyPatch, name: Name, where: Location
) -> None:
    monkeypatch.setattr(limits, "MAX_VALUE_LENGTH", 8)  # "s.yaml" fits
    field = Field(name=name, type=TypeExpr(kind="any"), location=where)
    kind = ObjectType(id="O", name=make_name("O"), fields=(field,), location=Location("s.yaml", "/o"))
    diagnostics = Diagnostics()
    limits.enforce(API(name="p", title="T", version="1", types=(kind,)), diagnostics, Location("s.yaml"))
    longest = max(*name.words, name.wire, where.pointer, where.file, key=len)
    assert [p.message.split(" is longer")[0] for p in diagnostics.errors] == [
        f"a name or value of {len(longest)} characters (starting {longest!r})"
    ]


def described_api(*texts: str) -> API:
    """One enum type per text, its description."""
    types = tuple(
        EnumType(id=f"E{i}", name=make_name(f"E{i}"), values=(), description=text, location=Location("s.yaml", f"/e{i}"))
        for i, text in enumerate(texts)
    )
    return API(name="p", title="T", version="1", types=types)


def checked_twice(api: API) -> tuple[list[str], list[str], limits.Memo]:
    """The problems of a run without a memo, and of a run with the memo a first run left."""
    cold = Diagnostics()
    limits.enforce(api, cold, Location("s.yaml"))
    first = limits.Memo(Fragments().digest)
    limits.enforce(api, Diagnostics(), Location("s.yaml"), first)
    again = limits.Memo(Fragments().digest, first.current)
    warm = Diagnostics()
    limits.enforce(api, warm, Location("s.yaml"), again)
    return [str(p) for p in cold.problems], [str(p) for p in warm.problems], again


def test_memo_skips_unchanged_types_and_still_reports_every_problem(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_TEXT_LENGTH", 5)
    monkeypatch.setattr(limits, "MAX_VALUE_LENGTH", 8)  # "s.yaml" fits
    api = described_api("short", "far too long", "ok")
    long_id = EnumType(id="E" * 9, name=make_name("E"), values=(), location=Location("s.yaml", "/long"))
    api = dataclasses.replace(api, types=(*api.types, long_id))
    cold, warm, memo = checked_twice(api)
    assert len(cold) == 2 and warm == cold
    # the two types within the limits came from the memo; the two over them were walked again
    assert (memo.reused, memo.walked) == (2, 2)


def test_memo_locates_the_text_budget_where_a_cold_run_does(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_TOTAL_TEXT", 10)
    cold, warm, memo = checked_twice(described_api("four", "four", "four", "four"))
    assert cold == ["s.yaml#/e2: error: the spec's descriptions add up to more than 10 characters "
                    "(the limit of one API; texts repeated through $ref count at every use)"]  # fmt: skip
    assert warm == cold
    assert memo.reused == 3  # the type where the budget runs out is walked, to locate the error


def objects_sharing(expr: TypeExpr, count: int) -> API:
    """`count` object types whose one field has the same type expression object."""
    types = tuple(
        ObjectType(id=f"O{i}", name=make_name(f"O{i}"), location=Location("s.yaml", f"/o{i}"),
                   fields=(Field(name=make_name("f"), type=expr, location=Location("s.yaml", f"/o{i}/f")),))
        for i in range(count)
    )  # fmt: skip
    return API(name="p", title="T", version="1", types=types)


def test_a_type_expression_used_in_many_places_is_walked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    walked: list[type] = []
    plan = limits._Walker._plan
    monkeypatch.setattr(limits._Walker, "_plan", lambda self, cls: walked.append(cls) or plan(self, cls))
    shared = TypeExpr(kind="list", items=TypeExpr(kind="primitive", primitive="string"))
    diagnostics = Diagnostics()
    limits.enforce(objects_sharing(shared, 50), diagnostics, Location("s.yaml"))
    assert not diagnostics.problems
    assert walked.count(TypeExpr) == 2  # the list and its items, once each


def test_a_shared_type_expression_over_a_limit_keeps_every_type_using_it_out_of_the_memo(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits, "MAX_VALUE_LENGTH", 8)  # "s.yaml" fits
    cold, warm, memo = checked_twice(objects_sharing(TypeExpr(kind="const", const="c" * 9), 3))
    assert len(cold) == 1 and warm == cold
    assert (memo.reused, memo.walked) == (0, 3)


# --- types not walked: their snapshot text is short, its prose bounds theirs -------------


def sized_memo(api: API, previous: dict[str, int] | None = None) -> limits.Memo:
    """A memo as a run with the cache has it: the snapshot text of each type, as the OpenAPI
    front end hands it on, known."""
    fragments = Fragments()
    fragments.know_texts((named, snapshot_text(named, {})) for named in api.types)
    return limits.Memo(fragments.digest, previous, fragments.handed_text)


def checked_by_size(api: API) -> tuple[list[str], list[str], limits.Memo]:
    """The problems (and the API given back, checked equal) of the walk of everything, and of
    a run whose memo knows the types' texts (its memo given back), checked equal to those of a
    run with what that one remembered."""
    cold = Diagnostics()
    walked = limits.enforce(api, cold, Location("s.yaml"))
    found: list[list[str]] = []
    memos: list[limits.Memo] = []
    for _ in range(2):
        memos.append(sized_memo(api, memos[-1].current if memos else None))
        diagnostics = Diagnostics()
        checked = limits.enforce(api, diagnostics, Location("s.yaml"), memos[-1])
        assert dumps(checked) == dumps(walked)
        found.append([str(p) for p in diagnostics.problems])
    assert found[1] == found[0]
    return [str(p) for p in cold.problems], found[0], memos[0]


def test_types_with_short_snapshot_texts_are_not_walked() -> None:
    api = described_api("one", "two", "three")
    memo = sized_memo(api)
    diagnostics = Diagnostics()
    assert limits.enforce(api, diagnostics, Location("s.yaml"), memo) is api
    assert not diagnostics.problems
    assert (memo.sized, memo.walked, memo.reused) == (3, 0, 0)
    # what is remembered is a bound (a complement): taken from the memo next run
    assert sorted(memo.current.values()) == [~5, ~3, ~3]
    again = limits.Memo(Fragments().digest, memo.current)
    limits.enforce(api, Diagnostics(), Location("s.yaml"), again)
    assert (again.sized, again.walked, again.reused) == (0, 0, 3)


@pytest.mark.parametrize("budget", [12, 13, 14])  # under, at and over the prose's 13 characters
def test_the_text_budget_with_bounds_is_that_of_the_walk(budget: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_TOTAL_TEXT", budget)
    cold, sized, memo = checked_by_size(described_api("four", "four", "four"))  # (and the title)
    assert sized == cold and bool(cold) == (budget < 13)
    assert (memo.sized, memo.walked) == ((0, 3) if budget < 13 else (3, 0))  # (past it: counted)


@pytest.mark.parametrize("text", ['say "hi"\n', "süß €", "\\", "\ud7ff\U0001f600"])
def test_bounds_past_the_budget_over_texts_within_it_are_counted_exactly(
    text: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # each text's JSON (escapes, UTF-8 bytes) is longer than it: the bounds pass the budget
    monkeypatch.setattr(limits, "MAX_TOTAL_TEXT", 2 * len(text) + 1)  # (and the title)
    api = described_api(text, text)
    assert limits.prose_bound(snapshot_text(api.types[0], {})) > len(text)
    cold, sized, memo = checked_by_size(api)
    assert sized == cold == [] and memo.walked == 2
    monkeypatch.setattr(limits, "MAX_TOTAL_TEXT", 2 * len(text))
    cold, sized, memo = checked_by_size(api)
    assert sized == cold and len(cold) == 1


def test_plain_data_under_a_prose_key_only_loosens_the_bound(monkeypatch: pytest.MonkeyPatch) -> None:
    example = {"description": "not prose", 'x"description': "not prose either"}
    field = Field(name=make_name("f"), type=TypeExpr(kind="any"), default=example, location=Location("s.yaml", "/f"))
    kind = ObjectType(id="O", name=make_name("O"), fields=(field,), description="prose", location=Location("s.yaml", "/o"))
    api = API(name="p", title="T", version="1", types=(kind,))
    assert limits.prose_bound(snapshot_text(kind, {})) == len("prose" "not prose" "not prose either")
    monkeypatch.setattr(limits, "MAX_TOTAL_TEXT", len("T" "prose"))
    cold, sized, memo = checked_by_size(api)
    assert sized == cold == [] and memo.walked == 1


@pytest.mark.parametrize("length", [9_900, 9_960, 9_990, 10_000, 10_001, 100_001])
def test_types_near_the_size_of_a_limit_give_what_the_walk_gives(length: int) -> None:
    """A description, a value and a name near MAX_VALUE_LENGTH (the bound of a short text) and
    past MAX_TEXT_LENGTH, and an enum past MAX_ENUM_VALUES's stand-in."""
    long = "d" * length
    described = EnumType(id="D", name=make_name("D"), values=(), description=long, location=Location("s.yaml", "/d"))
    valued = EnumType(id="V", name=make_name("V"), values=(EnumValue(long, make_name("v")),), location=Location("s.yaml", "/v"))
    named = ObjectType(id="N", name=Name("n" * (length // 2), ("n" * (length - length // 2),)), fields=(), location=Location("s.yaml", "/n"))
    found = []
    for kind in (described, valued, named):
        text = len(snapshot_text(kind, {}))
        cold, sized, memo = checked_by_size(API(name="p", title="T", version="1", types=(kind,)))
        assert sized == cold
        assert memo.sized == (text <= limits.MAX_VALUE_LENGTH) and not (cold and memo.sized)
        found += cold
    # past MAX_VALUE_LENGTH, the value; past MAX_TEXT_LENGTH, the text and the name's halves
    assert len(found) == (length > 10_000) + 2 * (length > 100_000)


def test_an_enum_past_the_limit_with_its_text_known(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "MAX_ENUM_VALUES", 10)
    for size in (10, 11):
        cold, sized, memo = checked_by_size(enum_api(size))
        assert sized == cold and bool(cold) == (size > 10) and memo.sized == 0


def test_deferred_types_walked_within_the_limits_stay_deferred() -> None:
    """A deferred type (`generator.ir.deferred`) that the walk has to build (its memo entry is
    missing, or only a bound while the bounds pass the budget) is given back as it was when
    nothing in it was cut: replaced by the built type, the caches downstream would find every
    type under another digest and render every unit again, this run and the next."""
    built = {
        f"O{i}": ObjectType(
            id=f"O{i}", name=make_name(f"O{i}"), fields=(), description="prose", location=Location("s.yaml", f"/o{i}")
        )
        for i in range(3)
    }
    source = Source(b"kept", lambda blob: list(built.items()))
    types = tuple(Deferred(key, f"d{key}", (key.lower(),), None, source, kind="object") for key in built)
    api = API(name="p", title="T", version="1", types=types)  # type: ignore[arg-type]
    for memo in (None, limits.Memo(Fragments().digest)):
        diagnostics = Diagnostics()
        assert limits.enforce(api, diagnostics, Location("s.yaml"), memo) is api
        assert not diagnostics.problems
    assert source.is_built  # (walked: built to be read)
