"""Work the proto front end and renderer do once, not per use: IR pieces shared by the fields
that spell them alike, a method's docstring made once for its sync and async variants."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.artifacts import ProtoArtifacts
from generator.diagnostics import Diagnostics
from generator.ir.model import API, ObjectType
from generator.proto import load_proto
from generator.render.python.grpc import package as grpc_package

SHAPES = """
syntax = "proto3";
package acme.shared.v1;

service ShapeService {
  // %s
  rpc Get(Shape) returns (Shape);
}

message Shape {
  Colour colour = 1;
  Colour other_colour = 2;
  repeated Colour colours = 3;
  repeated Colour more_colours = 4;
  string id = 5;
}

message Colour {
  string id = 1;
}

enum Kind {
  KIND_UNSPECIFIED = 0;
}
"""

LONG = "Fetches a shape, with a description longer than any memo of short texts keeps. " * 10


def loaded(tmp_path: Path, description: str = "Fetches a shape.") -> tuple[API, ProtoArtifacts]:
    (tmp_path / "acme/shared/v1").mkdir(parents=True)
    (tmp_path / "acme/shared/v1/shapes.proto").write_text(SHAPES % description)
    return load_proto(tmp_path, [], "shared", Diagnostics())


def test_fields_share_their_type_expressions_and_names(tmp_path: Path) -> None:
    api, _ = loaded(tmp_path)
    types = {t.id: t for t in api.types}
    shape, colour = types["acme.shared.v1.Shape"], types["acme.shared.v1.Colour"]
    assert isinstance(shape, ObjectType) and isinstance(colour, ObjectType)
    one, other, many, more, own_id = shape.fields
    assert one.type.ref == "acme.shared.v1.Colour" and one.type is other.type
    assert many.type.kind == "list" and many.type is more.type and many.type.items is one.type
    assert own_id.name == colour.fields[0].name and own_id.name is colour.fields[0].name


def test_a_method_docstring_is_made_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    api, artifacts = loaded(tmp_path, LONG)
    made: list[tuple[str, str]] = []
    docstring = grpc_package.docstring  # type: ignore[attr-defined]

    def counted(text: str, indent: str) -> str:
        made.append((text, docstring(text, indent)))
        return made[-1][1]

    monkeypatch.setattr(grpc_package, "docstring", counted)
    files = grpc_package.render_proto_package(api, artifacts, "shared", {})
    module = next(text for path, text in files.items() if path.endswith("/_shape_service.py"))
    [method_doc] = [doc for text, doc in made if text.startswith("Fetches a shape, with")]
    assert module.count(method_doc) == 2  # the sync and the async method
