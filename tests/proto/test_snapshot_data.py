"""`serialize.to_data` converts each IR class by a function written out for it, field by field
(`serialize._converter`): on the IR of protos with nested types, maps, oneofs, extensions, options
and comments with odd characters, it gives what the plain reading of the dataclass fields gives
(fields at their defaults left out, `kind` always written)."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pytest

from generator.diagnostics import Diagnostics
from generator.ir import serialize
from generator.proto import load_proto

ODD = (
    'syntax = "proto3";\npackage odd.v1;\nimport "google/protobuf/descriptor.proto";\n'
    'import "google/api/field_behavior.proto";\n'
    "extend google.protobuf.FieldOptions {\n  string note = 50001;\n}\n"
    '// Quotes " \' """ and a backslash \\ {{ braces }} {% raw %} `ticks` <b>tags</b>\n'
    "// unicode: é ü 中文 \U0001f600\ttab\nservice Odd {\n"
    "  // Gets. */ /* still a comment\n  rpc Get(Outer) returns (Outer.Inner);\n"
    "  rpc Watch(stream Outer) returns (stream Outer) {\n    option deprecated = true;\n  }\n}\n"
    "// Outer's own\nmessage Outer {\n"
    "  message Inner {\n    enum Mode {\n      MODE_UNSPECIFIED = 0;\n"
    "      // a value's comment: $ref \\n\n      MODE_ON = 1 [deprecated = true];\n    }\n"
    "    Mode mode = 1;\n    repeated Inner children = 2;\n  }\n"
    "  oneof choice {\n    string text = 1;\n    Inner inner = 2;\n  }\n"
    "  map<string, Inner> by_name = 3;\n  map<int32, string> labels = 4;\n"
    '  optional double ratio = 5 [(note) = "x", deprecated = true];\n'
    "  bytes blob = 6 [(google.api.field_behavior) = REQUIRED];\n"
    '  reserved 9 to 11;\n  reserved "old";\n  repeated Inner.Mode modes = 7;\n'
    '  string id = 8 [json_name = "ID", (google.api.field_behavior) = OUTPUT_ONLY];\n}\n'
)


def _plain(node: Any) -> Any:
    """`to_data` as the dataclass fields say it, without a memo (the reference)."""
    if dataclasses.is_dataclass(node) and not isinstance(node, type):
        out = {}
        for field in dataclasses.fields(node):
            value = getattr(node, field.name)
            has_default = field.default is not dataclasses.MISSING
            if field.name != "kind" and has_default and value == field.default:
                continue
            out[field.name] = _plain(value)
        return out
    if isinstance(node, (tuple, list)):
        return [_plain(item) for item in node]
    if isinstance(node, dict):
        return {key: _plain(value) for key, value in node.items()}
    return node


def test_every_type_and_operation_converts_as_its_fields_say(tmp_path: Path) -> None:
    (tmp_path / "odd/v1").mkdir(parents=True)
    (tmp_path / "odd/v1/odd.proto").write_text(ODD, encoding="utf-8")
    api, _ = load_proto(tmp_path, [], "pkg", Diagnostics())
    nodes = [*api.types, *api.operations]
    assert {"odd.v1.Outer", "odd.v1.Outer.Inner", "odd.v1.Outer.Inner.Mode"} <= {
        t.id for t in api.types
    }
    shared: serialize.Converted = {}
    for node in nodes:
        assert serialize.to_data(node, finite=True, shared=shared) == _plain(node)
        assert serialize.to_data(node) == _plain(node)
    assert serialize.to_data(api) == _plain(api)


@dataclasses.dataclass(frozen=True)
class _Defaults:
    text: str
    ratio: float = 0.5
    items: tuple[int, ...] = (1, 2)
    note: str | None = None
    kind: str = "k"


@pytest.mark.parametrize(
    ("node", "data"),
    [
        (_Defaults("a"), {"text": "a", "kind": "k"}),
        (
            _Defaults("a", 0.25, (1,), "n", "j"),
            {"text": "a", "ratio": 0.25, "items": [1], "note": "n", "kind": "j"},
        ),
        (
            _Defaults("a", items=tuple([1, 2])),
            {"text": "a", "kind": "k"},
        ),  # equal, not the same tuple
        (_Defaults("a", note=""), {"text": "a", "note": "", "kind": "k"}),  # set, though empty
    ],
)
def test_defaults_are_compared_per_field(node: _Defaults, data: dict[str, Any]) -> None:
    assert serialize.to_data(node) == data == _plain(node)


def test_a_non_finite_float_in_a_field_is_refused_when_finite_is_asked() -> None:
    with pytest.raises(serialize.NotPlainJSON):
        serialize.to_data(_Defaults("a", ratio=float("inf")), finite=True)
    assert serialize.to_data(_Defaults("a", ratio=float("inf")))["ratio"] == float("inf")
