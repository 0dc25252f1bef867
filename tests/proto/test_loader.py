"""The proto front end: protoc errors located, and an inline proto mapped into the IR."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.diagnostics import Diagnostics, SpecError
from generator.ir.model import API, EnumType, ObjectType, Operation
from generator.ir.serialize import dumps, loads
from generator.proto import load_proto

COMMON = """
syntax = "proto3";
package acme.shapes.v1;

import "google/protobuf/timestamp.proto";
import "google/protobuf/wrappers.proto";

// A colour.
enum Colour {
  COLOUR_UNSPECIFIED = 0;
  RED = 1; // warm
}
"""

SERVICE = """
syntax = "proto3";
package acme.shapes.v1;

import "google/api/annotations.proto";
import "google/protobuf/struct.proto";
import "google/protobuf/timestamp.proto";
import "google/protobuf/wrappers.proto";
import "acme/shapes/v1/common.proto";
import "yandex/cloud/api/operation.proto";
import "yandex/cloud/operation/operation.proto";
import "yandex/cloud/validation.proto";

// Shapes and their makers.
service ShapeService {
  // Fetches one shape.
  rpc Get(GetShapeRequest) returns (Shape) {
    option (google.api.http) = {
      get: "/v1/{name=shapes/**}"
      additional_bindings { get: "/v1/shapes/{owner.id}" }
    };
  }
  // Makes a shape, slowly.
  rpc Make(Shape) returns (yandex.cloud.operation.Operation) {
    option (yandex.cloud.api.operation) = { metadata: "MakeMetadata" response: "Shape" };
    option (google.api.http) = { post: "/v1/shapes" body: "*" };
  }
  rpc List(ListShapesRequest) returns (ListShapesResponse);
  rpc Watch(GetShapeRequest) returns (stream Shape);
  rpc Upload(stream Shape) returns (Shape);
  rpc Chat(stream Shape) returns (stream Shape);
}

message GetShapeRequest {
  string name = 1 [(yandex.cloud.required) = true, (yandex.cloud.length) = "<=64", (yandex.cloud.pattern) = "[a-z/]+"];
  Owner owner = 2;
  message Owner { string id = 1; }
}

// A shape.
message Shape {
  reserved 9, 20 to 25;
  reserved "old";
  string name = 1; // trailing note
  int64 sides = 2 [(yandex.cloud.value) = "3-100"];
  repeated string tags = 3 [(yandex.cloud.size) = "<=8"];
  map<string, int32> counts = 4;
  Colour colour = 5;
  oneof fill {
    string pattern = 6;
    bytes bitmap = 7;
  }
  optional double area = 8;
  google.protobuf.Timestamp created_at = 10;
  google.protobuf.StringValue label = 11;
  google.protobuf.Struct extra = 12;
  Corner corner = 13;
  message Corner {
    enum Kind { KIND_UNSPECIFIED = 0; ROUND = 1; }
    Kind kind = 1;
  }
}

message MakeMetadata { string shape_name = 1; }

message ListShapesRequest {
  int64 page_size = 1;
  string page_token = 2;
}

message ListShapesResponse {
  repeated Shape shapes = 1;
  string next_page_token = 2;
}
"""


def write_tree(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def yandex_options(root: Path) -> None:
    """The three Yandex option files the inline proto imports, copied from upstream shapes."""
    from tests.support.paths import CLOUDAPI, require

    for name in ("yandex/cloud/api/operation.proto", "yandex/cloud/operation/operation.proto",
                 "yandex/cloud/validation.proto", "google/rpc/status.proto"):
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text((require(CLOUDAPI) / name).read_text())


@pytest.fixture(scope="module")
def api(tmp_path_factory: pytest.TempPathFactory) -> API:
    root = tmp_path_factory.mktemp("protos")
    write_tree(root, {"acme/shapes/v1/common.proto": COMMON, "acme/shapes/v1/shapes.proto": SERVICE})
    yandex_options(root)
    loaded, _ = load_proto(root, ["acme/shapes/v1/shapes.proto", "acme/shapes/v1/common.proto"], "shapes", Diagnostics())
    return loaded


def find_type(api: API, type_id: str) -> ObjectType | EnumType:
    found = next(t for t in api.types if t.id == type_id)
    assert isinstance(found, (ObjectType, EnumType))
    return found


def find_op(api: API, name: str) -> Operation:
    return next(op for op in api.operations if op.id == f"/acme.shapes.v1.ShapeService/{name}")


BROKEN = 'syntax = "proto3";\npackage bad;\n\nmessage A {\n  string name = 1\n}\n'


def test_broken_proto_is_located(tmp_path: Path) -> None:
    write_tree(tmp_path, {"bad/thing.proto": BROKEN})
    with pytest.raises(SpecError) as caught:
        load_proto(tmp_path, ["bad/thing.proto"], "bad", Diagnostics())
    problem = caught.value.problems[0]
    assert problem.location.file == "bad/thing.proto"
    assert (problem.location.line, problem.location.column) == (6, 1)
    assert "Expected" in problem.message
    assert str(problem).startswith("bad/thing.proto:6:1: error:")


def test_cli_exits_1_and_leaves_the_output_alone(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from generator.cli import main

    root = write_tree(tmp_path / "protos", {"bad/thing.proto": BROKEN})
    out = tmp_path / "out"
    (out / "python").mkdir(parents=True)
    (out / "python" / "keep.txt").write_text("x")
    code = main(["generate", "--proto-root", str(root), "--package", "bad", "--out", str(out), "--no-cache"])
    assert code == 1
    assert "bad/thing.proto:6:1" in capsys.readouterr().err
    assert sorted(p.name for p in out.rglob("*")) == ["keep.txt", "python"]


def test_missing_import_is_located(tmp_path: Path) -> None:
    write_tree(tmp_path, {"a.proto": 'syntax = "proto3";\nimport "nope/missing.proto";\n'})
    with pytest.raises(SpecError) as caught:
        load_proto(tmp_path, [], "a", Diagnostics())
    assert any(p.location.file in ("a.proto", "nope/missing.proto") for p in caught.value.problems)


def test_methods_streaming_and_ids(api: API) -> None:
    kinds = {op.rpc.method: op.streaming for op in api.operations if op.rpc}
    assert kinds == {
        "Get": "none", "Make": "none", "List": "none",
        "Watch": "server_stream", "Upload": "client_stream", "Chat": "bidi_stream",
    }
    get = find_op(api, "Get")
    assert get.rpc is not None and get.rpc.request_type == "acme.shapes.v1.GetShapeRequest"
    assert [g.words for g in get.group] == [("shapes",), ("shape",)]
    assert get.description == "Fetches one shape."
    assert get.location is not None and get.location.file == "acme/shapes/v1/shapes.proto"
    assert get.location.line == 17


def test_http_bindings_with_additional_bindings(api: API) -> None:
    get = find_op(api, "Get")
    assert get.rpc is not None
    first, extra = get.rpc.http
    assert (first.method, first.path, first.body_field) == ("GET", "/v1/{name=shapes/**}", "")
    assert [p.name.wire for p in first.parameters] == ["name"]
    assert (extra.method, extra.path) == ("GET", "/v1/shapes/{owner.id}")
    assert [p.name.wire for p in extra.parameters] == ["owner.id"]
    make = find_op(api, "Make")
    assert make.rpc is not None and make.rpc.http[0].body_field == "*"


def test_operation_option_resolves_unqualified_names(api: API) -> None:
    make = find_op(api, "Make")
    assert make.long_running is not None
    assert make.long_running.metadata_type == "acme.shapes.v1.MakeMetadata"
    assert make.long_running.response_type == "acme.shapes.v1.Shape"


def test_pagination(api: API) -> None:
    page = find_op(api, "List").pagination
    assert page is not None
    assert (page.items_field, page.request_param, page.response_cursor, page.page_size_param) == (
        "shapes", "page_token", "next_page_token", "page_size",
    )


def test_fields_of_every_kind(api: API) -> None:
    shape = find_type(api, "acme.shapes.v1.Shape")
    assert isinstance(shape, ObjectType)
    fields = {f.name.wire: f for f in shape.fields}
    assert shape.description == "A shape."
    assert fields["name"].description == "trailing note"
    assert fields["sides"].type.format == "int64" and fields["sides"].proto.json_name == "sides"
    assert fields["sides"].validation.minimum == 3 and fields["sides"].validation.maximum == 100
    assert fields["tags"].type.kind == "list" and fields["tags"].validation.max_items == 8
    counts = fields["counts"].type
    assert counts.kind == "map" and counts.format == "string" and counts.items.format == "int32"
    assert fields["colour"].type.ref == "acme.shapes.v1.Colour"
    assert fields["pattern"].proto.oneof == "fill" and fields["bitmap"].proto.oneof == "fill"
    assert fields["bitmap"].type.format == "byte"
    assert fields["area"].proto.proto3_optional and fields["area"].nullable
    assert fields["area"].proto.oneof == ""  # the synthetic oneof is not a oneof of the API
    assert shape.oneofs == ("fill",)
    assert fields["created_at"].type.ref == "google.protobuf.Timestamp"
    assert fields["label"].type.ref == "google.protobuf.StringValue"
    assert fields["created_at"].proto.json_name == "createdAt"
    assert shape.reserved_numbers == ((9, 10), (20, 26))
    assert shape.reserved_names == ("old",)
    assert fields["corner"].type.ref == "acme.shapes.v1.Shape.Corner"


def test_nested_types_enums_and_wkts_are_types(api: API) -> None:
    ids = {t.id for t in api.types}
    assert {"acme.shapes.v1.Shape.Corner", "acme.shapes.v1.Shape.Corner.Kind",
            "acme.shapes.v1.GetShapeRequest.Owner", "google.protobuf.Timestamp",
            "google.protobuf.StringValue", "google.protobuf.Struct", "google.protobuf.Value"} <= ids
    assert not any(i.endswith("CountsEntry") for i in ids)
    colour = find_type(api, "acme.shapes.v1.Colour")
    assert isinstance(colour, EnumType) and colour.base == "string"
    assert [(v.value, v.number) for v in colour.values] == [("COLOUR_UNSPECIFIED", 0), ("RED", 1)]
    assert colour.values[1].description == "warm"


def test_validation_options(api: API) -> None:
    request = find_type(api, "acme.shapes.v1.GetShapeRequest")
    assert isinstance(request, ObjectType)
    name = request.fields[0]
    assert name.required
    assert name.validation is not None
    assert (name.validation.max_length, name.validation.pattern) == (64, "[a-z/]+")
    assert name.validation.text == "required; length <=64; pattern [a-z/]+"


def test_ir_is_json_round_trip_and_has_no_absolute_paths(api: API) -> None:
    text = dumps(api)
    assert loads(text) == api
    assert "/tmp" not in text and str(Path.home()) not in text


def test_the_ir_is_made_with_the_collector_paused_and_frozen_out_of_it(tmp_path: Path) -> None:
    """Within the CLI's run (`cache_pickle.long_lived_loads`) the IR a cold run builds, kept to
    the run's end and in no reference cycle, is made without young collections walking it and
    is frozen out of the collector afterwards, as what the caches load is."""
    import gc

    from generator import cache_pickle

    root = write_tree(tmp_path / "protos", {"acme/shapes/v1/common.proto": COMMON, "acme/shapes/v1/shapes.proto": SERVICE})
    yandex_options(root)
    gc.collect()
    with cache_pickle.long_lived_loads():
        api, _ = load_proto(root, [], "shapes", Diagnostics())  # (no cache: nothing loaded)
        assert gc.get_freeze_count() > len(api.types) + len(api.operations) and gc.isenabled()
    assert gc.get_freeze_count() == 0
