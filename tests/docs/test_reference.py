"""The reference pages are complete and their wire examples are sound: every message a native
method reaches is documented field by field, every JSON example parses, and the rules behind the
examples, constraints and navigation hold."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.docsite import main as docsite_main
from generator.docsite import nav
from generator.ir.model import (
    EnumType,
    EnumValue,
    Field,
    Name,
    ObjectType,
    ProtoField,
    TypeExpr,
)
from generator.render.docs.examples import MAX_EXAMPLE_DEPTH, example_json
from generator.render.docs.http import example_literal
from tests.support.paths import GENERATED

NATIVE = GENERATED / "docs" / "ai_studio" / "native"


def _walk(expr: dict[str, object]) -> list[str]:
    """Type ids a field's type (as IR JSON) refers to."""
    if expr.get("kind") == "ref":
        return [str(expr["ref"])]
    items = expr.get("items")
    return _walk(items) if isinstance(items, dict) else []


def test_every_message_a_native_method_reaches_is_documented_field_by_field() -> None:
    ir = json.loads((GENERATED / "ir" / "ai_studio" / "native.json").read_text())
    types = {t["id"]: t for t in ir["types"]}
    queue = []
    for op in ir["operations"]:
        queue += [op["rpc"]["request_type"], op["rpc"]["response_type"]]
        lro = op.get("long_running") or {}
        queue += [v for k, v in lro.items() if k in ("response_type", "metadata_type") and v]
    reached: set[str] = set()
    while queue:
        type_id = queue.pop()
        if type_id in reached or type_id not in types:
            continue
        reached.add(type_id)
        for f in types[type_id].get("fields", []):
            queue += _walk(f["type"])
    page = (NATIVE / "messages.md").read_text()
    sections = {m.group(1): m.group(2) for m in re.finditer(r"^## [^\n]+\n\n`([\w.]+)` · \w+\n(.*?)(?=^## |\Z)", page, re.M | re.S)}
    assert len(reached) > 150
    missing = sorted(reached - sections.keys())
    assert not missing, missing[:20]
    for type_id in reached:
        for f in types[type_id].get("fields", []):
            assert f"| `{f['name']['wire']}` |" in sections[type_id], (type_id, f["name"]["wire"])
    options = sections["yandex.cloud.ai.foundation_models.v1.CompletionOptions"]
    for name in ("temperature", "max_tokens", "stream", "reasoning_options"):
        assert f"| `{name}` |" in options
    # nested messages link to their sections
    assert "[`CompletionOptions`](../messages.md#completionoptions-yandexcloudaifoundation_modelsv1)" in (
        NATIVE / "foundation_models" / "text_generation.md"
    ).read_text()


def test_every_json_example_in_the_docs_parses() -> None:
    blocks = [
        (page, block)
        for page in sorted((GENERATED / "docs").rglob("*.md"))
        for block in re.findall(r"^```json\n(.*?)^```", page.read_text(), re.S | re.M)
    ]
    assert len(blocks) > 50
    for page, block in blocks:
        json.loads(block), page


def _field(name: str, expr: TypeExpr, required: bool = False, **extra: object) -> Field:
    return Field(name=Name(name, (name,)), type=expr, required=required, **extra)  # type: ignore[arg-type]


STRING = TypeExpr(kind="primitive", primitive="string")


def test_example_bodies_show_required_and_defaulted_fields_wrappers_as_values_and_stop_at_cycles() -> None:
    node = ObjectType(
        id="Node",
        name=Name("Node", ("node",)),
        fields=(
            _field("name", STRING, required=True),
            _field("note", STRING),
            _field("size", TypeExpr(kind="primitive", primitive="integer"), has_default=True, default=3),
            _field("child", TypeExpr(kind="ref", ref="Node"), required=True),
            _field("kind", TypeExpr(kind="ref", ref="Kind"), required=True),
        ),
    )
    kind = EnumType(id="Kind", name=Name("Kind", ("kind",)), values=(EnumValue("a", Name("a", ("a",))),))
    types = {"Node": node, "Kind": kind}
    value = json.loads(example_json(TypeExpr(kind="ref", ref="Node"), types))
    assert value == {"name": "string", "size": 3, "child": {}, "kind": "a"}  # the cycle stops at once
    assert example_json(TypeExpr(kind="ref", ref="Node"), types) == example_json(TypeExpr(kind="ref", ref="Node"), types)
    wrapped = ObjectType(
        id="W",
        name=Name("W", ("w",)),
        fields=(
            _field(
                "max_tokens",
                TypeExpr(kind="ref", ref="google.protobuf.Int64Value"),
                required=True,
                proto=ProtoField(number=1, proto_type="message", json_name="maxTokens"),
            ),
        ),
    )
    assert json.loads(example_json(TypeExpr(kind="ref", ref="W"), {"W": wrapped}, proto=True)) == {"maxTokens": "0"}
    assert MAX_EXAMPLE_DEPTH >= 3


def test_example_arguments_type_check_as_written() -> None:
    assert example_literal("str") == '"..."'
    assert example_literal("Sequence[Item | Mapping[str, Any]]") == "[]"
    assert example_literal("Purpose | str") == '"..."'
    assert example_literal("FileTypes") == 'b"file content"'


def test_navigation_follows_the_tree_overview_first_reference_last(tmp_path: Path) -> None:
    (tmp_path / "api" / "ns").mkdir(parents=True)
    (tmp_path / "index.md").write_text("# Home\n")
    (tmp_path / "api" / "index.md").write_text("# The API\n")
    (tmp_path / "api" / "messages.md").write_text("# Messages\n")
    (tmp_path / "api" / "sign-in.md").write_text("# Sign-in\n")
    (tmp_path / "api" / "zeta.md").write_text("# `client.zeta`\n")
    (tmp_path / "api" / "ns" / "alpha.md").write_text("# AlphaService\n")
    assert nav(tmp_path, tmp_path) == [
        {"Home": "index.md"},
        {
            "The API": [
                {"Overview": "api/index.md"},
                {"client.zeta": "api/zeta.md"},
                {"Sign-in": "api/sign-in.md"},
                {"Messages": "api/messages.md"},
                {"ns": [{"AlphaService": "api/ns/alpha.md"}]},
            ]
        },
    ]


def test_a_broken_link_fails_the_site_build(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\nSee [the page](missing.md).\n")
    code = docsite_main(["--docs", str(docs), "--site", str(tmp_path / "site"), "--config", str(tmp_path / "m.yml")])
    assert code == 1
    assert "missing.md" in caplog.text
    assert docsite_main(["--docs", str(tmp_path / "nowhere")]) == 2


def test_native_method_signatures_match_the_generated_methods() -> None:
    import ast

    page = (NATIVE / "foundation_models" / "text_generation.md").read_text()
    shown = re.search(r"```py\nclient\.foundation_models\.text_generation\.completion\((.*?)\n\) -> (.+?)\n```", page, re.S)
    assert shown is not None
    shown_names = re.findall(r"^    (\w+):", shown.group(1), re.M)
    module = GENERATED / "python/ai_studio/ai_studio/native/foundation_models/_text_generation_service.py"
    method = next(
        node
        for node in ast.walk(ast.parse(module.read_text()))
        if isinstance(node, ast.FunctionDef) and node.name == "completion"
    )
    declared = [a.arg for a in method.args.args[1:] + method.args.kwonlyargs]
    assert shown_names == declared
    assert shown.group(2) == ast.unparse(method.returns)  # type: ignore[arg-type]
    for service_page in sorted(NATIVE.glob("*/*.md")):
        text = service_page.read_text()
        assert text.count("\n```py\nclient.") == len(re.findall(r"^## \w+$", text, re.M)), service_page
