"""OpenAPI Overlay 1.0: actions applied before validation; problems located in the overlay file."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.cli import main
from tests.support.http_server import LocalServer, Reply

SPEC = """\
openapi: 3.1.0
info: {title: Things, version: 1.0.0}
servers: [{url: "https://things.example.invalid"}]
paths:
  /things/{id}:
    get:
      operationId: getThing
      tags: [things]
      parameters: [{name: id, in: path, required: true, schema: {type: string}}]
      responses:
        "200": {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}}
  /internal/debug:
    get:
      operationId: debugDump
      tags: [things]
      responses: {"200": {description: ok}}
components:
  schemas:
    Thing:
      type: object
      properties:
        id: {type: string}
"""

OVERLAY = """\
overlay: 1.0.0
info: {title: Our fixes, version: 1.0.0}
actions:
  - target: $.paths['/things/{id}'].get
    update:
      x-codegen-method: fetch
  - target: $.components.schemas.Thing.properties
    update:
      label: {type: string, description: Added by the overlay}
  - target: $.paths['/internal/debug']
    remove: true
  - target: $.paths.*.get.tags
    update: extra
"""


@pytest.fixture
def workdir(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path
    for name in [m for m in sys.modules if m == "ovl" or m.startswith("ovl.")]:
        del sys.modules[name]
    sys.path[:] = [p for p in sys.path if not p.startswith(str(tmp_path))]


def _config(tmp_path: Path, overlay: str, *overlays: str) -> Path:
    (tmp_path / "api.yaml").write_text(SPEC)
    (tmp_path / "fix.yaml").write_text(overlay)
    config = tmp_path / "generator.yaml"
    names = ", ".join(["fix.yaml", *overlays])
    config.write_text(f"output: out\npackages:\n  - name: ovl\n    openapi: api.yaml\n    overlays: [{names}]\n")
    return config


def test_overlay_reshapes_the_generated_client(workdir: Path) -> None:
    config = _config(workdir, OVERLAY)
    assert main(["generate", "--config", str(config), "-q", "--no-cache"]) == 0
    sys.path.insert(0, str(workdir / "out" / "python" / "ovl"))
    api = importlib.import_module("ovl")
    with LocalServer() as server:
        server.route("GET", "/things/7", Reply.json({"id": "7", "label": "seven"}))
        client = api.Client(base_url=server.url)
        thing = client.things.fetch(id="7")  # renamed by the overlay
        assert (thing.id, thing.label) == ("7", "seven")  # field added by the overlay
    assert not hasattr(client.things, "debug_dump")  # operation removed by the overlay
    assert not hasattr(client.things, "get_thing")
    assert (workdir / "api.yaml").read_text() == SPEC  # the spec itself is never edited


def test_overlay_flag_for_ad_hoc_runs(tmp_path: Path) -> None:
    (tmp_path / "api.yaml").write_text(SPEC)
    (tmp_path / "fix.yaml").write_text(OVERLAY)
    out = tmp_path / "out"
    args = ["generate", "--openapi", str(tmp_path / "api.yaml"), "--overlay", str(tmp_path / "fix.yaml")]
    assert main([*args, "--package", "ovl", "--out", str(out), "-q", "--no-cache"]) == 0
    resource = (out / "python" / "ovl" / "ovl" / "resources" / "things.py").read_text()
    assert "def fetch(" in resource and "debug_dump" not in resource


BAD_ACTIONS = """\
overlay: 1.0.0
info: {title: Broken, version: 1.0.0}
actions:
  - target: $.paths[
    update: {x: 1}
  - target: $.info
  - target: $.info.title
    update: {a: 1}
  - target: $.nothing.here
    remove: true
"""


def test_overlay_problems_are_located_in_the_overlay(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    config = _config(tmp_path, BAD_ACTIONS)
    before = sorted(tmp_path.rglob("*"))
    assert main(["generate", "--config", str(config), "--no-cache"]) == 1
    err = capfd.readouterr().err
    fix = (tmp_path / "fix.yaml").as_posix()
    assert f"{fix}:4:13#/actions/0/target: error: action 0: invalid JSONPath '$.paths['" in err
    assert f"{fix}:6:5#/actions/1: error: action 1 needs exactly one of `update` or `remove: true`" in err
    assert f"{fix}:8:5#/actions/2/update: error: action 2: cannot update the value 'Things' at /info/title" in err
    assert f"{fix}:9:5#/actions/3: warning: action 3: target '$.nothing.here' matches nothing" in err
    assert sorted(tmp_path.rglob("*")) == before  # nothing written


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("overlay: 2.0.0\nactions: []\n", "fix.yaml:1:1: error: unsupported overlay version '2.0.0'"),
        ("overlay: 1.0.0\nactions: {a: 1}\n", "fix.yaml:2:1: error: `actions` must be a list"),
        ("overlay: 1.0.0\nactions: [\n", "fix.yaml:3:1: error: invalid YAML"),
    ],
)
def test_broken_overlay_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    config = _config(tmp_path, text)
    assert main(["generate", "--config", str(config), "-q", "--no-cache"]) == 1
    assert message in capsys.readouterr().err
