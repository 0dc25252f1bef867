"""Pairs of small .proto files compiled by the proto front end: every change kind, classified."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.diff.pairs import Entry, entries, proto_changes

FILE = "demo/v1/pets.proto"
SERVICE = "/operations/~1demo.v1.PetService~1"
T = "/types/demo.v1."

BASE = """
syntax = "proto3";
package demo.v1;

import "google/api/annotations.proto";
import "google/api/field_behavior.proto";

service PetService {
  rpc GetPet(GetPetRequest) returns (Pet) {
    option (google.api.http) = { get: "/v1/pets/{id}" };
  }
  rpc ListPets(ListPetsRequest) returns (ListPetsResponse) {
    option (google.api.http) = { get: "/v1/pets" };
  }
  rpc WatchPets(ListPetsRequest) returns (stream Pet);
  rpc DeletePet(GetPetRequest) returns (Pet);
}

message GetPetRequest {
  string id = 1;
}

message ListPetsRequest {
  reserved 3;
  reserved "filter";
  int32 page_size = 1;
  string page_token = 2;
}

message ListPetsResponse {
  repeated Pet pets = 1;
  string next_page_token = 2;
}

message Pet {
  reserved 9;
  string id = 1;
  string name = 2;
  Species species = 3;
  int32 age = 4;
  string note = 5;
}

enum Species {
  SPECIES_UNSPECIFIED = 0;
  CAT = 1;
  DOG = 2;
}

message Unused {
  string x = 1;
}
"""


def edited(*replacements: tuple[str, str]) -> str:
    text = BASE
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


CASES: dict[str, tuple[str, list[Entry]]] = {
    "rpc added": (
        edited(
            (
                "  rpc DeletePet(",
                "  rpc CountPets(ListPetsRequest) returns (ListPetsResponse);\n  rpc DeletePet(",
            )
        ),
        [("operation_added", f"{SERVICE}CountPets", "minor")],
    ),
    "rpc removed": (
        edited(("  rpc DeletePet(GetPetRequest) returns (Pet);\n", "")),
        [("operation_removed", f"{SERVICE}DeletePet", "major")],
    ),
    "streaming kind changed": (
        edited(("returns (stream Pet)", "returns (Pet)")),
        [("streaming_changed", f"{SERVICE}WatchPets/streaming", "major")],
    ),
    "http path changed": (
        edited(('get: "/v1/pets/{id}"', 'get: "/v2/pets/{id}"')),
        [("http_changed", f"{SERVICE}GetPet/http", "major")],
    ),
    "http verb changed": (
        edited(('get: "/v1/pets/{id}"', 'post: "/v1/pets/{id}" body: "*"')),
        [("http_changed", f"{SERVICE}GetPet/http", "major")],
    ),
    "http binding added": (
        edited(
            (
                'get: "/v1/pets" }',
                'get: "/v1/pets" additional_bindings { post: "/v1/pets:list" body: "*" } }',
            )
        ),
        [("http_changed", f"{SERVICE}ListPets/http", "minor")],
    ),
    "request message changed": (
        edited(("rpc DeletePet(GetPetRequest)", "rpc DeletePet(ListPetsRequest)")),
        [("request_type_changed", f"{SERVICE}DeletePet/request", "major")],
    ),
    "response message changed": (
        edited(("returns (Pet);\n}", "returns (ListPetsResponse);\n}")),
        [("response_type_changed", f"{SERVICE}DeletePet/response", "major")],
    ),
    "field number changed": (
        edited(("int32 age = 4;", "int32 age = 6;")),
        [("field_number_changed", f"{T}Pet/fields/age", "major")],
    ),
    "field type changed": (
        edited(("int32 age = 4;", "int64 age = 4;")),
        [("field_type_changed", f"{T}Pet/fields/age", "major")],
    ),
    "field label changed": (
        edited(("string note = 5;", "repeated string note = 5;")),
        [("field_label_changed", f"{T}Pet/fields/note", "major")],
    ),
    "json name changed": (
        edited(("string note = 5;", 'string note = 5 [json_name = "remark"];')),
        [("json_name_changed", f"{T}Pet/fields/note", "major")],
    ),
    "reserved number reused": (
        edited(
            ("  reserved 3;\n", ""),
            ("string page_token = 2;", "string page_token = 2;\n  string query = 3;"),
        ),
        [("reserved_number_reused", f"{T}ListPetsRequest/fields/query", "major")],
    ),
    "reserved name reused": (
        edited(
            ('  reserved "filter";\n', ""),
            ("string page_token = 2;", "string page_token = 2;\n  string filter = 4;"),
        ),
        [("reserved_name_reused", f"{T}ListPetsRequest/fields/filter", "major")],
    ),
    "number of a removed field reused": (
        edited(("string note = 5;", "string remark = 5;")),
        [
            ("field_removed", f"{T}Pet/fields/note", "major"),
            ("field_number_reused", f"{T}Pet/fields/remark", "major"),
        ],
    ),
    "field added to a request message": (
        edited(("string page_token = 2;", "string page_token = 2;\n  string order_by = 4;")),
        [("field_added", f"{T}ListPetsRequest/fields/order_by", "minor")],
    ),
    "required field added to a request message": (
        edited(
            (
                "string page_token = 2;",
                "string page_token = 2;\n  string owner = 4 [(google.api.field_behavior) = REQUIRED];",
            )
        ),
        [("field_added", f"{T}ListPetsRequest/fields/owner", "major")],
    ),
    "field added to a response message": (
        edited(("string note = 5;", "string note = 5;\n  string color = 6;")),
        [("field_added", f"{T}Pet/fields/color", "minor")],
    ),
    "field removed": (
        edited(("  string note = 5;\n", "")),
        [("field_removed", f"{T}Pet/fields/note", "major")],
    ),
    "request field became required": (
        edited(("string id = 1;\n}", "string id = 1 [(google.api.field_behavior) = REQUIRED];\n}")),
        [("field_required_changed", f"{T}GetPetRequest/fields/id", "major")],
    ),
    "response field got explicit presence": (
        edited(("int32 age = 4;", "optional int32 age = 4;")),
        [("field_nullable_changed", f"{T}Pet/fields/age", "major")],
    ),
    "request field got explicit presence": (
        edited(("int32 page_size = 1;", "optional int32 page_size = 1;")),
        [("field_nullable_changed", f"{T}ListPetsRequest/fields/page_size", "patch")],
    ),
    "enum value added": (
        edited(("DOG = 2;", "DOG = 2;\n  BIRD = 3;")),
        [("enum_value_added", f"{T}Species/values/BIRD", "minor")],
    ),
    "enum value removed": (
        edited(("  DOG = 2;\n", "")),
        [("enum_value_removed", f"{T}Species/values/DOG", "major")],
    ),
    "enum number changed": (
        edited(("DOG = 2;", "DOG = 3;")),
        [("enum_number_changed", f"{T}Species/values/DOG", "major")],
    ),
    "message added": (
        edited(("message Unused {", "message Extra {\n  string y = 1;\n}\n\nmessage Unused {")),
        [("type_added", f"{T}Extra", "minor")],
    ),
    "message removed": (
        edited(("message Unused {\n  string x = 1;\n}\n", "")),
        [("type_removed", f"{T}Unused", "major")],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_change_kind_and_classification(case: str, tmp_path: Path) -> None:
    text, expected = CASES[case]
    assert entries(proto_changes(tmp_path, {FILE: BASE}, {FILE: text})) == expected


def test_unchanged_proto_has_no_changes_even_when_lines_move(tmp_path: Path) -> None:
    moved = "// a comment that shifts every line\n" + BASE
    assert proto_changes(tmp_path, {FILE: BASE}, {FILE: moved}) == []


def test_removed_field_says_whether_its_number_is_reserved(tmp_path: Path) -> None:
    unreserved = proto_changes(
        tmp_path / "a", {FILE: BASE}, {FILE: edited(("  string note = 5;\n", ""))}
    )
    assert [c.message for c in unreserved] == [
        "field `demo.v1.Pet.note` removed (its number 5 is not reserved)"
    ]
    reserved = proto_changes(
        tmp_path / "b",
        {FILE: BASE},
        {FILE: edited(("  string note = 5;\n", ""), ("reserved 9;", "reserved 5, 9;"))},
    )
    assert [c.message for c in reserved] == ["field `demo.v1.Pet.note` removed"]


def test_rpc_changes_are_grouped_by_service(tmp_path: Path) -> None:
    changes = proto_changes(
        tmp_path, {FILE: BASE}, {FILE: edited(("returns (stream Pet)", "returns (Pet)"))}
    )
    assert [(c.group, c.message) for c in changes] == [
        (
            "demo.v1.PetService",
            "`/demo.v1.PetService/WatchPets`: streaming changed from `server_stream` to `none`",
        )
    ]
