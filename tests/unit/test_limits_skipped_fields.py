"""The limits walk skips fields by their annotation (`limits._NUMERIC`: flags and bounds), never
looking at them. That is safe only while such a field never holds text: were a front end to
store a raw spec string there, the string would bypass every limit. Checked here on the IR of
our own specs and of hostile, mutated ones (tests/adversarial)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from generator.diagnostics import Diagnostics
from generator.ir import limits
from generator.ir.model import API
from generator.openapi.front_end import load_openapi
from generator.proto import load_proto
from tests.adversarial import mutate_openapi, mutate_proto
from tests.adversarial.harness import Case
from tests.support.paths import REPO

_NUMBERS = (int, float, bool, type(None))
MUTATED_CASES = 60  # per front end: every mutation kind at least twice


def skipped_values(node: Any, path: str = "api") -> list[tuple[str, Any]]:
    """(where, value) of every value in a field the limits walk skips, anywhere in `node`."""
    found: list[tuple[str, Any]] = []
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        for f in dataclasses.fields(node):
            value = getattr(node, f.name)
            if f.type in limits._NUMERIC:
                found.append((f"{path}.{f.name}", value))
            else:
                found += skipped_values(value, f"{path}.{f.name}")
    elif isinstance(node, tuple | list):
        for index, item in enumerate(node):
            found += skipped_values(item, f"{path}[{index}]")
    elif isinstance(node, dict):
        for key, item in node.items():
            found += skipped_values(item, f"{path}[{key!r}]")
    return found


def holds_text(value: Any) -> bool:
    if isinstance(value, tuple | list):
        return any(map(holds_text, value))
    return not isinstance(value, _NUMBERS)


def assert_numbers_only(api: API) -> None:
    values = skipped_values(api)
    assert values  # the walk does find such fields
    assert [(where, value) for where, value in values if holds_text(value)] == []


def test_the_check_finds_text_in_a_skipped_field() -> None:
    from generator.ir.model import Field, Location, ObjectType, TypeExpr
    from generator.ir.words import make_name

    field = Field(name=make_name("a"), type=TypeExpr(kind="primitive", primitive="string"), required=False)
    numeric = next(f.name for f in dataclasses.fields(Field) if f.type in limits._NUMERIC)
    hostile = dataclasses.replace(field, **{numeric: "x" * 20_000})
    node = ObjectType(id="T", name=make_name("T"), location=Location("f"), fields=(hostile,))
    assert [value for _, value in skipped_values(node) if holds_text(value)] == ["x" * 20_000]


def test_our_specs_hold_numbers_only_in_skipped_fields() -> None:
    assert_numbers_only(load_openapi(REPO / "specs" / "openapi" / "ai_studio.yaml", "p", Diagnostics()))
    api, _ = load_proto(REPO / "specs" / "proto", [], "p", Diagnostics())
    assert_numbers_only(api)


def _built(case: Case, folder: Path) -> API | None:
    for name, data in case.files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
    for name in case.folders:
        (folder / name).mkdir(parents=True, exist_ok=True)
    try:
        if case.kind == "openapi":
            return load_openapi(folder / case.entry, "p", Diagnostics())
        return load_proto(folder / case.entry, list(case.protos), "p", Diagnostics())[0]
    except Exception:  # refused (a located error) or broken: nothing to check
        return None


@pytest.mark.parametrize("module", [mutate_openapi, mutate_proto], ids=["openapi", "proto"])
def test_mutated_specs_hold_numbers_only_in_skipped_fields(module: Any, tmp_path: Path) -> None:
    built = 0
    for case in module.cases(7, MUTATED_CASES):
        api = _built(case, tmp_path / case.id)
        if api is not None:
            built += 1
            values = skipped_values(api)
            assert [(w, v) for w, v in values if holds_text(v)] == [], case.what
    assert built >= MUTATED_CASES // 4  # most mutations still give an IR to check
