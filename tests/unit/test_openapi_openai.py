"""The real OpenAI description (../shared/upstream): every operation and component, warnings, determinism."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.diagnostics import Diagnostics
from generator.ir import serialize
from generator.ir.model import API
from generator.openapi.front_end import load_openapi

OPENAI = Path(__file__).resolve().parents[3] / "shared" / "upstream" / "openai" / "openapi.yaml"
METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


@pytest.fixture(scope="module")
def raw() -> Any:
    # read independently of our loader, with PyYAML's own C loader
    return yaml.load(OPENAI.read_bytes(), Loader=yaml.CSafeLoader)


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(scope="module")
def loaded(cache: Path) -> tuple[API, Diagnostics]:
    diagnostics = Diagnostics()
    return load_openapi(OPENAI, "openai", diagnostics, cache_dir=cache), diagnostics


def test_every_operation_is_present_with_the_spec_ids(
    loaded: tuple[API, Diagnostics], raw: Any
) -> None:
    api, _ = loaded
    expected = sorted(
        op.get("operationId") or f"{method.upper()} {path}"
        for path, item in raw["paths"].items()
        for method, op in item.items()
        if method in METHODS
    )
    assert len(expected) == 288
    assert [op.id for op in api.operations] == expected


def test_every_component_schema_is_a_named_type(loaded: tuple[API, Diagnostics], raw: Any) -> None:
    api, _ = loaded
    keys = set(raw["components"]["schemas"])
    ids = [t.id for t in api.types]
    assert len(keys) == 1422
    assert keys <= set(ids)
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids)
    assert not [i for i in ids if i.startswith("Type") and i[4:].isdigit()]


def test_duplicate_required_entry_is_a_warning(loaded: tuple[API, Diagnostics]) -> None:
    _, diagnostics = loaded
    assert not diagnostics.errors
    duplicates = [
        p
        for p in diagnostics.warnings
        if p.location.pointer == "/components/schemas/ContainerResource/required"
    ]
    assert any("duplicate" in p.message for p in duplicates)  # our check
    assert any("non-unique" in p.message for p in duplicates)  # openapi-spec-validator


def test_known_shapes(loaded: tuple[API, Diagnostics]) -> None:
    api, _ = loaded
    chat = next(op for op in api.operations if op.id == "createChatCompletion")
    assert (chat.streaming, chat.stream_flag) == ("sse", "stream")
    models = next(op for op in api.operations if op.id == "listFiles")
    assert models.pagination is not None and models.pagination.items_field == "data"
    message = next(t for t in api.types if t.id == "ChatCompletionRequestMessage")
    assert message.kind == "union" and message.discriminator is not None
    assert message.discriminator.property == "role"


def test_ir_json_is_byte_identical_over_two_loads(
    loaded: tuple[API, Diagnostics], cache: Path
) -> None:
    api, first = loaded
    again = Diagnostics()
    second = load_openapi(OPENAI, "openai", again, cache_dir=cache)  # this time from the cache
    assert serialize.dumps(second) == serialize.dumps(api)
    assert [str(p) for p in again.problems] == [str(p) for p in first.problems]
