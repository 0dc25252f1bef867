"""A deterministic tree of .proto files for the generation benchmarks (about 1,000 by default).

Shaped like a cloud API tree: `synth/<area>/v1/` folders, each with a few resource files (messages,
enums, oneofs, maps, imports of shared and sibling files) and one service file per resource with
`google.api.http` mappings, plus shared `synth/common/*.proto` files everything imports.

Run: python bench/synthetic_protos.py OUT [--files N]
"""

from __future__ import annotations

import argparse
from pathlib import Path

FILES = 1000
RESOURCES_PER_AREA = 4  # each resource gives a types file and a service file
COMMON = ("operation", "money", "labels")


def _common(name: str) -> str:
    return f"""syntax = "proto3";

package synth.common;

import "google/protobuf/timestamp.proto";

// Shared {name} record, imported by every area.
message {name.title()} {{
  // Identifier of the {name}.
  string id = 1;
  google.protobuf.Timestamp created_at = 2;
  map<string, string> attributes = 3;
}}
"""


def _types(area: str, resource: str, index: int) -> str:
    sibling = "" if index == 0 else f'import "synth/{area}/v1/r0.proto";\n'
    other = "" if index == 0 else f"  synth.{area}.v1.R0 parent = 9;\n"
    return f"""syntax = "proto3";

package synth.{area}.v1;

import "google/protobuf/timestamp.proto";
import "synth/common/labels.proto";
{sibling}
// A {resource} of the {area} area.
message {resource} {{
  enum Status {{
    STATUS_UNSPECIFIED = 0;
    // Being created.
    CREATING = 1;
    ACTIVE = 2;
    DELETING = 3;
  }}
  // Unique identifier.
  string id = 1;
  string folder_id = 2;
  google.protobuf.Timestamp created_at = 3;
  string name = 4;
  string description = 5;
  synth.common.Labels labels = 6;
  Status status = 7;
  oneof source {{
    string uri = 10;
    bytes content = 11;
  }}
  repeated {resource}Spec specs = 8;
{other}}}

// Settings of one {resource}.
message {resource}Spec {{
  int64 size = 1;
  double ratio = 2;
  bool enabled = 3;
  repeated string tags = 4;
  map<string, int64> limits = 5;
}}
"""


def _service(area: str, resource: str) -> str:
    lower = resource.lower()
    return f"""syntax = "proto3";

package synth.{area}.v1.{lower};

import "google/api/annotations.proto";
import "google/protobuf/field_mask.proto";
import "synth/common/operation.proto";
import "synth/{area}/v1/{lower}.proto";

// Manages {resource} resources.
service {resource}Service {{
  // Returns one {resource}.
  rpc Get(Get{resource}Request) returns (synth.{area}.v1.{resource}) {{
    option (google.api.http) = {{ get: "/{area}/v1/{lower}s/{{id}}" }};
  }}
  // Lists {resource} resources of a folder.
  rpc List(List{resource}sRequest) returns (List{resource}sResponse) {{
    option (google.api.http) = {{ get: "/{area}/v1/{lower}s" }};
  }}
  // Creates a {resource}.
  rpc Create(Create{resource}Request) returns (synth.common.Operation) {{
    option (google.api.http) = {{ post: "/{area}/v1/{lower}s" body: "*" }};
  }}
  // Changes a {resource}.
  rpc Update(Update{resource}Request) returns (synth.common.Operation) {{
    option (google.api.http) = {{ patch: "/{area}/v1/{lower}s/{{id}}" body: "*" }};
  }}
  // Follows changes of a {resource}.
  rpc Watch(Get{resource}Request) returns (stream synth.{area}.v1.{resource});
}}

message Get{resource}Request {{
  string id = 1;
}}

message List{resource}sRequest {{
  string folder_id = 1;
  int64 page_size = 2;
  string page_token = 3;
  string filter = 4;
}}

message List{resource}sResponse {{
  repeated synth.{area}.v1.{resource} items = 1;
  string next_page_token = 2;
}}

message Create{resource}Request {{
  string folder_id = 1;
  string name = 2;
  synth.{area}.v1.{resource}Spec spec = 3;
}}

message Update{resource}Request {{
  string id = 1;
  google.protobuf.FieldMask update_mask = 2;
  string name = 3;
  synth.{area}.v1.{resource}Spec spec = 4;
}}
"""


def build(out: Path, files: int = FILES) -> list[str]:
    """Write the tree under `out`; returns the written paths (relative, sorted)."""
    written: dict[str, str] = {f"synth/common/{name}.proto": _common(name) for name in COMMON}
    area = 0
    while len(written) < files:
        name = f"area{area:03d}"
        for index in range(RESOURCES_PER_AREA):
            if len(written) >= files:
                break
            resource = f"R{index}"
            written[f"synth/{name}/v1/{resource.lower()}.proto"] = _types(name, resource, index)
            written[f"synth/{name}/v1/{resource.lower()}_service.proto"] = _service(name, resource)
        area += 1
    for relative, text in written.items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return sorted(written)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--files", type=int, default=FILES)
    args = parser.parse_args()
    print(f"{len(build(args.out, args.files))} files under {args.out}")


if __name__ == "__main__":
    main()
