"""The whole-document meta-schema check, listed with bounded memory (`document_check`).

Listed part by part, a document gives the errors the library lists for it whole: shown on the
upstream OpenAI description broken in several ways (as 3.1 and as 3.0) and on the adversarial
suite's mutated documents. A document of deeply nested invalid schemas, which took 620 MB to 1.3 GB
to validate, now stays under a bound (run in a process of its own, its high-water mark read)."""

from __future__ import annotations

import contextlib
import copy
import json
import random
import subprocess
import sys
from functools import cache
from typing import Any

import pytest

from generator.openapi import document_check, validate
from generator.openapi.parse import parse_bytes
from tests.adversarial import mutate_openapi
from tests.support.paths import REPO

OPENAI = REPO.parent / "shared" / "upstream" / "openai" / "openapi.yaml"


def _errors_whole(document: Any) -> set[tuple[Any, ...]]:
    checker = _checker(document)
    return {
        (where, validate.finding_message(text))
        for where, text in document_check._listed(checker, document)
    }


def _errors_by_parts(document: Any) -> set[tuple[Any, ...]]:
    found = document_check.document_errors(_checker(document), document)
    return {(where, validate.finding_message(text)) for where, text in found}


def _checker(document: Any) -> Any:
    version = "3.1" if str(document["openapi"]).startswith("3.1") else "3.0"
    return validate._located_validator(version).schema_validator


@cache
def _openai() -> dict[str, Any]:
    document = parse_bytes(OPENAI.read_bytes(), ".yaml")
    assert isinstance(document, dict)
    return document


def _broken_openai(version: str) -> dict[str, Any]:
    """The OpenAI description with problems in components, path items and at its top."""
    document = copy.deepcopy(_openai())
    document["openapi"] = version
    schemas = document["components"]["schemas"]
    names = list(schemas)
    schemas[names[3]]["type"] = "objekt"
    schemas[names[10]]["properties"] = {"a": {"type": "strin"}, "b": {"nullable": "yes"}}
    schemas[names[20]]["bogus"] = 1
    schemas["bad name!"] = {"type": "string"}
    document["bogus"] = 1
    document["info"].pop("version")
    url = next(iter(document["paths"]))
    operation = next(
        value for key, value in document["paths"][url].items() if key in ("get", "post")
    )
    operation["responses"] = {}
    operation["parameters"] = [{"name": "x", "in": "nowhere"}]
    document["paths"]["no-slash"] = {}
    document["components"]["responses"] = {"R": {"content": {}}, "bad key!": {"description": "d"}}
    return document


@pytest.mark.parametrize("version", ["3.1.0", "3.0.3"])
def test_a_heavy_document_listed_by_parts_gives_the_errors_listed_whole(version: str) -> None:
    document = _broken_openai(version)
    whole = _errors_whole(document)
    assert len(whole) >= 10
    assert _errors_by_parts(document) == whole


def _mutated_documents(count: int = 120) -> list[tuple[str, Any]]:
    """Documents changed by the adversarial suite's structural mutations, one to three each."""
    mutations = [
        mutate_openapi.change_type,
        mutate_openapi.delete_key,
        mutate_openapi.replace_value,
        mutate_openapi.hostile_names,
    ]
    documents = []
    for index in range(count):
        rng = random.Random(f"document-check:{index}")
        seed = rng.choice(sorted(mutate_openapi.SEEDS))
        document = copy.deepcopy(mutate_openapi.SEEDS[seed]())
        applied = [rng.choice(mutations) for _ in range(rng.randint(1, 3))]
        for mutation in applied:
            with contextlib.suppress(ValueError):  # (nothing left for it to change)
                mutation(rng, document)
        if isinstance(document, dict) and str(document.get("openapi", "")).startswith(
            ("3.0", "3.1")
        ):
            documents.append((f"{index}: {seed}: {[m.__name__ for m in applied]}", document))
    return documents


def test_the_mutated_documents_listed_by_parts_give_the_errors_listed_whole() -> None:
    invalid = 0
    for case_id, document in _mutated_documents():
        if _checker(document).is_valid(document):
            continue
        invalid += 1
        assert _errors_by_parts(document) == _errors_whole(document), case_id
    assert invalid >= 40


def test_a_part_too_heavy_to_list_is_one_finding_where_it_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    document = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}}}}},
        "components": {
            "schemas": {
                "Heavy": _nested({"type": "objekt"}, 8),
                "HeavyButValid": _nested({"type": "object"}, 8),
                "Light": {"type": "strin"},
            }
        },
    }
    light = document_check.weight(document["components"]["schemas"]["Light"])
    monkeypatch.setattr(document_check, "MAX_LISTED_WEIGHT", light)
    found = _errors_by_parts(document)
    assert (("components", "schemas", "Heavy"), document_check.HEAVY_PART) in found
    assert not any(where[2] == "HeavyButValid" for where, _ in found if len(where) > 2)
    assert any(
        where == ("components", "schemas", "Light") and message != document_check.HEAVY_PART
        for where, message in found
    )


def test_weight_is_the_sum_of_the_depths_of_the_nodes() -> None:
    assert document_check.weight("x") == 1
    assert document_check.weight({"a": 1, "b": [2, 3]}) == 1 + 2 + 2 + 3 + 3
    assert document_check.weight(_nested({}, 3)) == sum(range(1, 8))


def _nested(leaf: dict[str, Any], levels: int) -> dict[str, Any]:
    """A schema with `leaf`'s keywords at each of `levels` levels, each the next's property."""
    schema = dict(leaf)
    for _ in range(levels):
        schema = {**leaf, "properties": {"child": schema}}
    return schema


# --- memory ---------------------------------------------------------------------------------

# Before `document_check`, these took 620 MB (3.0, 120 schemas nested 45 deep: 250 KB), 1.3 GB
# (3.1, one schema with 480 such properties: 1 MB), 2.4 GB (the same as 3.0), 1.6 GB (1,000 bad
# names among 2,000 schemas: 63 KB) and 287 MB (100,000 bad scopes in 300 KB of `security`); now
# 40-100 MB (the last: its 100,000 findings themselves ~60 MB of it).
PEAK_LIMIT_MB = 150
# (the high-water mark of the process as /proc tells it: `ru_maxrss` keeps the parent's across
# fork and exec, so under pytest it reports the test runner's size)
_MEASURE = """
import json, sys
from generator.openapi import validate
document = json.loads(sys.stdin.read())
found = validate.validate("/spec.json", document)
with open("/proc/self/status") as status:
    peak = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(json.dumps([len(found), peak / 1024]))
"""


def _deep(levels: int) -> dict[str, Any]:
    return _nested({"type": "objekt"}, levels)


def _schemas(make: Any) -> Any:
    return lambda: {"components": {"schemas": make()}}


def _wide() -> dict[str, Any]:
    return {"W": {"type": "object", "properties": {f"p{i}": _deep(44) for i in range(480)}}}


@pytest.mark.parametrize(
    ("version", "top"),
    [
        ("3.0.3", _schemas(lambda: {f"S{i}": _deep(45) for i in range(120)})),
        ("3.1.0", _schemas(_wide)),
        ("3.0.3", _schemas(_wide)),
        (
            "3.1.0",
            _schemas(lambda: {f"S{i}" + "!" * (i % 2): {"type": "string"} for i in range(2000)}),
        ),
        ("3.0.3", lambda: {"security": [{"a": [1] * 1000} for _ in range(100)]}),
    ],
    ids=[
        "many-nested-3.0",
        "one-wide-3.1",
        "one-wide-3.0",
        "many-bad-names-3.1",
        "many-bad-scopes-3.0",
    ],
)
def test_validating_hostile_documents_stays_within_bounded_memory(version: str, top: Any) -> None:
    document = {"openapi": version, "info": {"title": "t", "version": "1"}, "paths": {}, **top()}
    result = subprocess.run(
        [sys.executable, "-c", _MEASURE],
        input=json.dumps(document),
        capture_output=True,
        text=True,
        cwd=REPO,
        check=True,
    )
    found, peak_mb = json.loads(result.stdout)
    assert found >= 1
    assert peak_mb < PEAK_LIMIT_MB, f"peak {peak_mb:.0f} MB"


def test_the_first_error_validate_stops_at_is_the_first_listed() -> None:
    """A 3.1 schema's meta-check finding is jsonschema_rs's `validate` error, which stops at the
    first error instead of building them all: the same as the first `iter_errors` lists."""
    import jsonschema_rs

    checker = validate._rust_meta_validator()
    invalid = 0
    for case_id, document in _mutated_documents():
        for schema in mutate_openapi._schemas(document):
            first = next(iter(checker.iter_errors(schema)), None)
            try:
                checker.validate(schema)
            except jsonschema_rs.ValidationError as error:
                invalid += 1
                assert first is not None, case_id
                assert (error.message, list(error.instance_path)) == (
                    first.message,
                    list(first.instance_path),
                ), case_id
            else:
                assert first is None, case_id
    assert invalid >= 1000


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_members_named_by_digits_keep_their_errors_where_they_are_written(version: str) -> None:
    """jsonschema_rs reports a key of ASCII digits as a number: the error stays with its part,
    at the name as written ("01", not 1)."""
    document: dict[str, Any] = {
        "openapi": version,
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "components": {
            "responses": {"404": {"content": {}}, "01": {"content": {}}},
            "schemas": {"200": {"type": "objekt"}},
        },
    }
    if version.startswith("3.1"):
        document["webhooks"] = {"123": {"get": {"responses": {"200": {"description": 5}}}}}
    findings = validate.validate("/spec.json", document)
    pointers = {finding.pointer for finding in findings}
    assert "/components/responses/404" in pointers
    assert "/components/responses/01" in pointers
    assert any(pointer.startswith("/components/schemas/200") for pointer in pointers)
    if version.startswith("3.1"):
        assert any(pointer.startswith("/webhooks/123/get/responses/200") for pointer in pointers)
    assert _errors_by_parts(document) == _errors_whole(document)


@pytest.mark.parametrize(
    "broken",
    [{"openapi": "3.0"}, {"webhooks": {"w": {}}}, {"components": {"kinds": {"k": {}}}}],
    ids=["version", "webhooks-in-3.0", "unknown-group"],
)
def test_a_valid_heavy_part_is_no_finding_when_the_rest_is_invalid(
    broken: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A part is checked in a document valid around it, whatever is wrong with the rest."""
    document: dict[str, Any] = {
        "openapi": "3.0.3",
        "info": {"title": "t", "version": "1"},
        "paths": {"/a": {"get": {"responses": {"200": {"description": "ok"}}}}},
        "components": {"schemas": {"Big": _nested({"type": "object"}, 6)}},
    }
    for key, value in broken.items():
        document[key] = (
            {**document[key], **value} if isinstance(value, dict) and key in document else value
        )
    monkeypatch.setattr(document_check, "MAX_LISTED_WEIGHT", 10)  # every part too heavy to list
    found = _errors_by_parts(document)
    assert found
    assert all(message != document_check.HEAVY_PART for _, message in found), found
    assert found == _errors_whole(document)


@pytest.mark.parametrize("version", ["3.0.3", "3.1.0"])
def test_heavy_lists_at_the_top_listed_in_runs_give_the_errors_listed_whole(version: str) -> None:
    """`security`, `servers` and `tags` too heavy to list whole: their items in runs, their own
    errors (3.0's unique `tags`) when no item has any."""
    tags = [{"name": f"t{i % 150}", "description": "d" * 20, "x-a": [1] * 200} for i in range(300)]
    document = {
        "openapi": version,
        "info": {"title": "t", "version": "1"},
        "paths": {},
        "security": [{"a": [1] * 200} for _ in range(120)],
        "servers": [{"url": 5 if i % 7 == 0 else "/", "x-a": [1] * 200} for i in range(120)],
        "tags": tags,
    }
    assert all(
        document_check.weight(document[key]) > document_check.MAX_LISTED_WEIGHT
        for key in ("security", "servers", "tags")
    )
    whole = _errors_whole(document)
    assert {where[0] for where, _ in whole} >= {"security", "servers"}
    if version.startswith("3.0"):  # (duplicate tags: the list's own error)
        assert any(where == ("tags",) for where, _ in whole)
    assert _errors_by_parts(document) == whole
