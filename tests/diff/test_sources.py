"""Loading a side: every form an argument can take gives the IR the generator itself would build."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from generator.diagnostics import Diagnostics, SpecError, UsageError
from generator.diff.sources import detect, load_path, load_side
from generator.ir import serialize
from tests.diff.test_openapi_pairs import BASE
from tests.diff.test_proto_pairs import BASE as PROTO_BASE
from tests.diff.test_proto_pairs import FILE as PROTO_FILE
from tests.support.paths import REPO


def write_tree(tmp_path: Path) -> Path:
    """A configuration with an OpenAPI package and a proto package."""
    specs = tmp_path / "specs"
    (specs / "proto" / "demo" / "v1").mkdir(parents=True)
    (specs / "proto" / PROTO_FILE).write_text(PROTO_BASE, encoding="utf-8")
    (specs / "api.yaml").write_text(yaml.safe_dump(BASE, sort_keys=False), encoding="utf-8")
    config = {
        "output": "../generated",
        "packages": [
            {"name": "pets_rest", "openapi": "api.yaml"},
            {"name": "pets_grpc", "proto_root": "proto", "protos": [PROTO_FILE]},
        ],
    }
    (specs / "generator.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return specs


def test_every_form_of_side(tmp_path: Path) -> None:
    specs = write_tree(tmp_path)
    diagnostics = Diagnostics()
    assert detect(specs / "generator.yaml") == "config"
    assert detect(specs / "api.yaml") == "openapi"
    assert detect(specs / "proto") == "proto"
    configured = load_path(specs / "generator.yaml", "unused", diagnostics)
    assert [(api.name, api.source) for api in configured] == [
        ("pets_rest", "openapi"),
        ("pets_grpc", "proto"),
    ]
    (proto,) = load_path(specs / "proto", "mine", diagnostics)
    assert proto.name == "mine" and "/demo.v1.PetService/GetPet" in {
        op.id for op in proto.operations
    }
    snapshot = tmp_path / "pets_rest.json"
    snapshot.write_text(serialize.dumps(configured[0]), encoding="utf-8")
    assert detect(snapshot) == "ir"
    assert load_path(snapshot, "unused", diagnostics) == (configured[0],)
    as_json = tmp_path / "api.json"
    as_json.write_text(json.dumps(BASE), encoding="utf-8")
    assert detect(as_json) == "openapi"


def test_a_bundle_gives_one_api_per_part(tmp_path: Path) -> None:
    specs = write_tree(tmp_path)
    bundle = {
        "packages": [
            {
                "name": "pets",
                "apis": [
                    {"name": "rest", "openapi": "api.yaml"},
                    {"name": "grpc", "proto_root": "proto", "protos": [PROTO_FILE]},
                ],
            }
        ]
    }
    (specs / "bundle.yaml").write_text(yaml.safe_dump(bundle), encoding="utf-8")
    apis = load_path(specs / "bundle.yaml", "unused", Diagnostics())
    assert [(api.name, api.source) for api in apis] == [
        ("pets.rest", "openapi"),
        ("pets.grpc", "proto"),
    ]


def test_sides_that_cannot_load(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file or folder"):
        detect(tmp_path / "missing.yaml")
    other = tmp_path / "notes.yaml"
    other.write_text("title: not a spec\n", encoding="utf-8")
    with pytest.raises(UsageError, match="not an OpenAPI document"):
        detect(other)
    swagger = tmp_path / "old.yaml"
    swagger.write_text(
        "swagger: '1.2'\ninfo: {title: t, version: '1'}\npaths: {}\n", encoding="utf-8"
    )
    with pytest.raises(SpecError, match="unsupported OpenAPI version"):
        load_path(swagger, "pkg", Diagnostics())
    broken = tmp_path / "broken.yaml"
    broken.write_text("openapi: 3.1.0\npaths: [\n", encoding="utf-8")
    with pytest.raises(SpecError):
        load_path(broken, "pkg", Diagnostics())


def test_git_revision_side(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    (api,) = load_side(
        "HEAD:specs/openapi/ai_studio.yaml", "pkg", Diagnostics(), tmp_path / "scratch"
    )
    assert api.source == "openapi" and api.operations
    assert (
        tmp_path / "scratch" / "specs" / "generator.yaml"
    ).is_file()  # the whole tree, for configs
    with pytest.raises(UsageError, match="is not a git revision"):
        load_side(
            "no-such-revision-xyz:specs/generator.yaml", "pkg", Diagnostics(), tmp_path / "s2"
        )
    with pytest.raises(UsageError, match="no such file or folder at that revision"):
        load_side("HEAD:specs/missing.yaml", "pkg", Diagnostics(), tmp_path / "s3")
