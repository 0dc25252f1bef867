"""The descriptor set the stub generators see (`stub_input`): the parsed files with their source
info (comments) cleared and nothing else lost, and it gives the stubs a direct compile gives."""

from __future__ import annotations

from pathlib import Path

from google.protobuf import descriptor_pb2

from generator.diagnostics import Diagnostics
from generator.proto.compile import compile_protos, include_paths
from generator.proto.stub_input import without_source_text

ODD = '// """; x = """ \\ {{jinja}} {% if %} \\N{BULLET} привет \u2028 end'

EDGE = {
    "edge/v1/shared.proto": f"""syntax = "proto3";
package edge.v1;
{ODD}
message Shared {{ string shared_id = 1; }}
""",
    "edge/v1/public.proto": """syntax = "proto3";
package edge.v1;
import public "edge/v1/shared.proto";
""",
    "edge/v1/opts.proto": """syntax = "proto3";
package edge.v1;
import "google/protobuf/descriptor.proto";
extend google.protobuf.FieldOptions { string note_text = 50001; }
""",
    "edge/v1/legacy.proto": """syntax = "proto2";
package edge.v1;
message Legacy {
  optional string legacy_name = 1;
  extensions 100 to 200;
  extend Legacy { optional int32 nested_extra = 101; }
}
extend Legacy { optional string extra_field = 100; }
""",
    "edge/v1/edge.proto": f"""syntax = "proto3";
package edge.v1;
import "edge/v1/public.proto";
import "edge/v1/opts.proto";
{ODD}
message Outer {{
  {ODD}
  message Inner {{
    enum Kind {{ KIND_UNSPECIFIED = 0; SHARP = 1; }}
    Kind inner_kind = 1; // trailing \"\"\" '''
  }}
  map<string, Inner> inner_by_name = 1;
  oneof choice {{
    string text_value = 2 [(note_text) = "a \\"quoted\\" note"];
    int64 number_value = 3;
  }}
  optional bool maybe_set = 4;
  int32 custom = 5 [json_name = "otherName"];
  Shared shared = 6;
}}
{ODD}
service EdgeService {{
  {ODD}
  rpc Get(Outer) returns (Outer.Inner);
}}
""",
}


def edge_tree(root: Path) -> tuple[str, ...]:
    for name, text in EDGE.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return tuple(sorted(EDGE))


def test_records_lose_their_source_info_and_nothing_else(tmp_path: Path) -> None:
    files = edge_tree(tmp_path)
    compiled = compile_protos(tmp_path, files, Diagnostics())
    records = [proto.descriptor for proto in compiled.protos]
    stripped = without_source_text(
        descriptor_pb2.FileDescriptorProto.FromString(bytes(r)) for r in records
    )
    assert len(stripped.file) == len(records)
    for file, record in zip(stripped.file, records, strict=True):
        assert not file.HasField("source_code_info")
        expected = descriptor_pb2.FileDescriptorProto.FromString(bytes(record))
        assert expected.HasField("source_code_info")
        expected.ClearField("source_code_info")
        # only the default JSON names were cleared (`default_json_name`): put back, they agree
        again = descriptor_pb2.FileDescriptorProto()
        again.CopyFrom(file)
        _json_names_from(expected, again)
        assert again == expected


def _json_names_from(
    source: descriptor_pb2.FileDescriptorProto, target: descriptor_pb2.FileDescriptorProto
) -> None:
    pending = list(zip(source.message_type, target.message_type, strict=True))
    fields = list(zip(source.extension, target.extension, strict=True))
    while pending:
        a, b = pending.pop()
        pending += zip(a.nested_type, b.nested_type, strict=True)
        fields += zip([*a.field, *a.extension], [*b.field, *b.extension], strict=True)
    for a_field, b_field in fields:
        if not b_field.HasField("json_name"):
            b_field.json_name = a_field.json_name


def test_edge_stubs_match_a_direct_compile(tmp_path: Path) -> None:
    """Nested types, maps, oneofs, proto3 optional, extensions, custom options, `import public`
    and odd comments: `_pb2.py` and `_pb2.pyi` are what protoc writes from source."""
    from grpc_tools import protoc

    root = tmp_path / "protos"
    files = edge_tree(root)
    out = tmp_path / "direct"
    out.mkdir()
    flags = [f"-I{p}" for p in include_paths(root)]
    assert protoc.main(["protoc", *flags, f"--python_out={out}", f"--pyi_out={out}", *files]) == 0
    ours = dict(compile_protos(root, files, Diagnostics()).stubs)
    for name in files:
        for suffix in ("_pb2.py", "_pb2.pyi"):
            path = name.removesuffix(".proto") + suffix
            assert ours[path] == (out / path).read_text(), path
