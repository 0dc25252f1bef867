"""A deterministic, seeded mutator of `.proto` inputs (the proto twin of `mutate_openapi`).

Case `index` of seed `seed` applies the `index`-th of MUTATIONS (and maybe one more) to an
inline seed or to one file of our own `specs/proto` tree, and names the file to compile.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Iterator
from functools import cache

from tests.adversarial.harness import CANARY_NAME, OUTSIDE_MARK, Case
from tests.support.paths import REPO

CODE = f'"""); __import__("pathlib").Path("{CANARY_NAME}").touch(); ("""'
KEYWORD_NAMES = ["class", "def", "None", "True", "self", "__init__", "match", "import", "async", "await",
                 "model_config", "json", "type", "_", "__class__", "Field", "BaseModel", "x" * 300]

SMALL = """syntax = "proto3";

package demo.v1;

import "google/api/annotations.proto";
import "google/protobuf/timestamp.proto";

// A thing we keep.
message Thing {
  // Its id.
  string id = 1;
  repeated string tags = 2;
  Color color = 3;
  map<string, int64> counts = 4;
  google.protobuf.Timestamp created_at = 5;
  oneof choice {
    string name = 6;
    int32 number = 7;
  }
  message Part {
    string label = 1;
  }
  repeated Part parts = 8;
}

// Colors.
enum Color {
  COLOR_UNSPECIFIED = 0;
  RED = 1;
  GREEN = 2;
}

message GetThingRequest {
  string id = 1;
}

message ListThingsRequest {
  int64 page_size = 1;
  string page_token = 2;
}

message ListThingsResponse {
  repeated Thing things = 1;
  string next_page_token = 2;
}

// Things, over gRPC and REST.
service ThingService {
  // Returns one thing.
  rpc Get(GetThingRequest) returns (Thing) {
    option (google.api.http) = { get: "/demo/v1/things/{id}" };
  }
  // Lists things.
  rpc List(ListThingsRequest) returns (ListThingsResponse) {
    option (google.api.http) = { get: "/demo/v1/things" };
  }
  // Streams things.
  rpc Watch(GetThingRequest) returns (stream Thing);
}
"""


@cache
def _tree() -> dict[str, bytes]:
    root = REPO / "specs" / "proto"
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*.proto"))}


def _services() -> list[str]:
    return [name for name, data in _tree().items() if b"\nservice " in data]


def _pick(rng: random.Random, items: list[str]) -> str:
    return items[rng.randrange(len(items))]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def _field_lines(lines: list[str]) -> list[int]:
    return [i for i, line in enumerate(lines) if re.match(r"\s+(repeated |optional )?[\w.<>, ]+ \w+ = \d+", line)]


# --- mutations (text in, text out) ---------------------------------------------------------


def hostile_comment(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    comment = _pick(rng, [CODE, '"""', "'''\\", "*/ /* x", "\\N{BULLET} \\x00", "é中文💥", "a\\", "{{ x }} {% if %}"])
    targets = [i for i, line in enumerate(lines) if re.match(r"\s*(message|service|rpc|enum) ", line)] or [0]
    for i in sorted({_pick(rng, targets) for _ in range(3)} if targets else [0], reverse=True):
        indent = re.match(r"\s*", lines[i]).group(0)  # type: ignore[union-attr]
        lines.insert(i, f"{indent}// {comment}")
    return "\n".join(lines)


def bad_import(rng: random.Random, text: str) -> str:
    target = _pick(rng, ["missing.proto", "../outside/secret.proto", "@OUTSIDE@/secret.proto", "/etc/hostname",
                         "yandex/../../outside/secret.proto", "self.proto", "", "google/protobuf/nope.proto"])
    return re.sub(r"(package [\w.]+;\n)", rf'\1\nimport "{target}";\n', text, count=1)


def rename_field(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    for i in _field_lines(lines)[:3]:
        lines[i] = re.sub(r" (\w+) = ", f" {_pick(rng, KEYWORD_NAMES)} = ", lines[i], count=1)
    return "\n".join(lines)


def rename_types(rng: random.Random, text: str) -> str:
    name = _pick(rng, ["class", "None", "Field", "BaseModel", "Any", "Thing_", "_Thing", "Client", "Iterator"])
    match = re.search(r"message (\w+)", text)
    return re.sub(rf"\b{match.group(1)}\b", name, text) if match else text


def duplicate_field(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    fields = _field_lines(lines)
    if fields:
        i = _pick(rng, [str(f) for f in fields])
        line = lines[int(i)]
        lines.insert(int(i) + 1, line if rng.random() < 0.5 else re.sub(r"= \d+", "= 99", line))
    return "\n".join(lines)


def huge_enum(rng: random.Random, text: str) -> str:
    size = _pick(rng, ["2000", "20000"])
    values = "\n".join(f"  BIG_{i} = {i};" for i in range(int(size)))
    return text + f"\nenum Big {{\n{values}\n}}\n\nmessage UsesBig {{ Big big = 1; }}\n"


def deep_messages(rng: random.Random, text: str) -> str:
    levels = int(_pick(rng, ["10", "40", "80", "130", "400"]))
    opening = "".join(f"message Level{i} {{\n  string v{i} = 1;\n" for i in range(levels))
    return text + "\n" + opening + "}\n" * levels


def not_utf8(rng: random.Random, text: str) -> str:
    data = text.encode()
    spot = data.find(b"// ") if rng.random() < 0.6 else rng.randrange(len(data))
    spot = max(spot, 0)
    return (data[:spot] + b"// \xff\xfe\xc3 bad\n" + data[spot:]).decode("latin-1")


def delete_line(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    for _ in range(rng.randint(1, 3)):
        if lines:
            del lines[rng.randrange(len(lines))]
    return "\n".join(lines)


def truncate(rng: random.Random, text: str) -> str:
    return text[: rng.randrange(max(1, len(text)))]


def huge_comment(rng: random.Random, text: str) -> str:
    body = _pick(rng, ["// " + "é" * 200_000, "\n".join(["// ab"] * 200_000), "/* " + "*" * 100_000 + " */"])
    return text.replace("message ", body + "\nmessage ", 1)


def hostile_http(rng: random.Random, text: str) -> str:
    path = _pick(rng, ['/v1/{id=**}/../x', '/v1/{}', '/v1/{nope}', CODE.replace('"', '\\"'), "", "/v1/{id}/{id}"])
    return re.sub(r'(get|post): "[^"]*"', f'get: "{path}"', text, count=1)


def other_syntax(rng: random.Random, text: str) -> str:
    return re.sub(r'syntax = "proto3";', _pick(rng, ['syntax = "proto2";', 'syntax = "proto4";', 'edition = "2023";', ""]), text, count=1)


def empty(rng: random.Random, text: str) -> str:
    return _pick(rng, ["", "\n", "// nothing\n", 'syntax = "proto3";\n', "\x00"])


MUTATIONS: list[Callable[[random.Random, str], str]] = [
    hostile_comment, bad_import, rename_field, rename_types, duplicate_field, huge_enum, deep_messages,
    not_utf8, delete_line, truncate, huge_comment, hostile_http, other_syntax, empty,
]
SPECIAL = ["directory_as_root", "proto_is_a_directory", "empty_root"]


def case(seed: int, index: int) -> Case:
    rng = random.Random(f"proto:{seed}:{index}")
    slot = index % (len(MUTATIONS) + len(SPECIAL))
    use_tree = rng.random() < 0.2
    if use_tree:
        files = dict(_tree())
        target = _pick(rng, _services())
        protos: tuple[str, ...] = (target,)
    else:
        files = {"demo/v1/thing.proto": SMALL.encode()}
        target = "demo/v1/thing.proto"
        protos = ()
    applied: list[str] = []
    folders: tuple[str, ...] = ()
    entry = "root"
    if slot < len(MUTATIONS):
        for mutation in [MUTATIONS[slot], *([_pick_mutation(rng)] if rng.random() < 0.3 else [])]:
            text = files[target].decode("latin-1" if applied and applied[-1] == "not_utf8" else "utf-8", "surrogateescape")
            files[target] = _encode(mutation(rng, text), mutation is not_utf8 or "not_utf8" in applied)
            applied.append(mutation.__name__)
    else:
        special = SPECIAL[slot - len(MUTATIONS)]
        applied.append(special)
        if special == "directory_as_root":
            entry = "root/demo/v1/thing.proto"  # a file where a folder is expected
        elif special == "proto_is_a_directory":
            folders = ("root/demo/v1/folder.proto",)
            protos = ("demo/v1/folder.proto",)
        else:
            files = {}
            folders = ("root",)
    files = {f"root/{name}": data.replace(b"@OUTSIDE@", OUTSIDE_MARK) for name, data in files.items()}
    what = ("specs/proto " + target if use_tree else "small") + ": " + ", ".join(applied)
    return Case(id=f"proto-{seed}-{index}", kind="proto", what=what, files=files, entry=entry, protos=protos, folders=folders)


def _pick_mutation(rng: random.Random) -> Callable[[random.Random, str], str]:
    return MUTATIONS[rng.randrange(len(MUTATIONS))]


def _encode(text: str, raw: bool) -> bytes:
    return text.encode("latin-1", "replace") if raw else text.encode("utf-8", "surrogateescape")


def cases(seed: int, count: int) -> Iterator[Case]:
    for index in range(count):
        yield case(seed, index)
