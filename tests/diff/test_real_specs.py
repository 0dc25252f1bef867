"""The diff on real descriptions: the upstream OpenAI document edited in code, and a copy of our
text generation protos with a field renumbered or added."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from generator.diagnostics import Diagnostics
from generator.diff import diff_api
from generator.ir.model import API
from generator.openapi.front_end import load_openapi
from generator.proto import load_proto
from tests.diff.pairs import entries
from tests.support.paths import OPENAI_SPEC, REPO, require


def test_edited_openai_description_gives_exactly_the_four_edits(tmp_path: Path) -> None:
    with require(OPENAI_SPEC).open("rb") as handle:
        spec: dict[str, Any] = yaml.load(handle, Loader=yaml.CSafeLoader)
    paths, schemas = spec["paths"], spec["components"]["schemas"]
    # 1. remove an operation
    assert paths["/models/{model}"]["delete"]["operationId"] == "deleteModel"
    del paths["/models/{model}"]["delete"]
    # 2. add a required parameter
    list_models = paths["/models"]["get"]
    assert list_models["operationId"] == "listModels" and "parameters" not in list_models
    list_models["parameters"] = [
        {"name": "project", "in": "query", "required": True, "schema": {"type": "string"}}
    ]
    # 3. add an enum value
    assert "narrator" not in schemas["ChatCompletionRole"]["enum"]
    schemas["ChatCompletionRole"]["enum"].append("narrator")
    # 4. change a field's type
    assert schemas["Model"]["properties"]["owned_by"]["type"] == "string"
    schemas["Model"]["properties"]["owned_by"] = {"type": "integer", "description": "Owner number."}
    edited = tmp_path / "openapi.yaml"
    with edited.open("w", encoding="utf-8") as handle:
        yaml.dump(spec, handle, Dumper=yaml.CSafeDumper, sort_keys=False, allow_unicode=True)

    old = load_openapi(OPENAI_SPEC, "openai", Diagnostics(), cache_dir=None)
    new = load_openapi(edited, "openai", Diagnostics(), cache_dir=None)
    changes = diff_api(old, new)

    assert entries(changes) == [
        ("operation_removed", "/operations/deleteModel", "major"),
        ("parameter_added", "/operations/listModels/parameters/query/project", "major"),
        ("field_type_changed", "/types/Model/fields/owned_by", "major"),
        ("enum_value_added", "/types/ChatCompletionRole/values/narrator", "minor"),
    ]
    assert [c.message for c in changes] == [
        "operation `deleteModel` (`DELETE /models/{model}`) removed",
        "`listModels` query parameter `project` added (required)",
        "field `Model.owned_by` changed type from `string` to `integer` (in responses)",
        "enum `ChatCompletionRole` gained value `narrator`",
    ]


TEXT_GENERATION = (
    "yandex/cloud/ai/foundation_models/v1/text_generation/text_generation_service.proto"
)
TYPES = "/types/yandex.cloud.ai.foundation_models.v1."


def load_copy(folder: Path, *edits: tuple[str, str]) -> API:
    """A copy of the whole specs/proto tree, with `edits` made to the text generation service."""
    shutil.copytree(REPO / "specs" / "proto", folder)
    target = folder / TEXT_GENERATION
    text = target.read_text(encoding="utf-8")
    for old, new in edits:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    target.write_text(text, encoding="utf-8")
    api, _ = load_proto(folder, [TEXT_GENERATION], "ai", Diagnostics())
    return api


@pytest.fixture(scope="module")
def text_generation(tmp_path_factory: pytest.TempPathFactory) -> API:
    return load_copy(tmp_path_factory.mktemp("proto") / "old")


def test_renumbered_proto_field_is_breaking(text_generation: API, tmp_path: Path) -> None:
    new = load_copy(
        tmp_path / "new", ("ToolChoice tool_choice = 8;", "ToolChoice tool_choice = 9;")
    )
    changes = diff_api(text_generation, new)
    assert entries(changes) == [
        ("field_number_changed", f"{TYPES}CompletionRequest/fields/tool_choice", "major")
    ]
    assert changes[0].message == (
        "field `yandex.cloud.ai.foundation_models.v1.CompletionRequest.tool_choice` number changed from 8 to 9"
    )


def test_added_proto_fields_are_compatible(text_generation: API, tmp_path: Path) -> None:
    new = load_copy(
        tmp_path / "new",
        (
            "ToolChoice tool_choice = 8;",
            "ToolChoice tool_choice = 8;\n\n  // Who asks.\n  string user_id = 9;",
        ),
        (
            "string model_version = 3;",
            "string model_version = 3;\n\n  // Served from cache.\n  bool cached = 4;",
        ),
    )
    assert entries(diff_api(text_generation, new)) == [
        ("field_added", f"{TYPES}CompletionRequest/fields/user_id", "minor"),
        ("field_added", f"{TYPES}CompletionResponse/fields/cached", "minor"),
    ]
