"""Rendering depends on its inputs only: the IR and the front end's artifacts, saved to disk and
rendered in a fresh process (twice), give the bytes the normal pipeline gives, without loading
the proto front end or protoc."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from generator import pipeline
from generator.config import load_config
from generator.diagnostics import Diagnostics
from generator.encoded import as_str
from generator.ir import serialize
from tests.support.paths import REPO

CONFIG = REPO / "specs" / "generator.yaml"
PACKAGE = "ai_studio"  # a bundle: an OpenAPI part and a proto part (stubs as artifacts)

# Runs in a fresh interpreter: rebuilds each part from the saved files, renders the bundle.
RENDER = """
import json, sys
from pathlib import Path

from generator.artifacts import ProtoArtifacts
from generator.config import load_config
from generator.custom import custom_files, read_custom
from generator.diagnostics import Diagnostics
from generator.encoded import as_str
from generator.ir import serialize
from generator.pipeline import Loaded, render
from generator.render.python.bundle import Part, render_bundle

config_path, package_name, saved, out = sys.argv[1:]
package = next(p for p in load_config(Path(config_path)).packages if p.name == package_name)
parts = []
for sub in package.apis:
    api = serialize.loads((Path(saved) / f"{sub.name}.ir.json").read_text(encoding="utf-8"))
    stubs = Path(saved) / f"{sub.name}.artifacts.json"
    artifacts = ProtoArtifacts.from_json(stubs.read_text(encoding="utf-8")) if stubs.exists() else None
    parts.append(Part(sub, api, render(Loaded(api, artifacts), sub), artifacts))
custom = read_custom(package, Diagnostics())  # hand-written modules: read from specs/custom/
files = render_bundle(package, parts, custom)
if custom is not None:
    files.update(custom_files(custom, package.name))
front_ends = sorted(m for m in sys.modules if m.startswith(("generator.proto", "grpc_tools")))
assert not front_ends, f"rendering loaded the proto front end: {front_ends}"
texts = {path: as_str(text) for path, text in files.items()}  # (the IR snapshot: UTF-8 pieces)
Path(out).write_text(json.dumps(texts, sort_keys=True), encoding="utf-8")
"""


def save_inputs(folder: Path) -> dict[str, str]:
    """Load every part once, as the pipeline does, and write its IR and artifacts to `folder`."""
    package = next(p for p in load_config(CONFIG).packages if p.name == PACKAGE)
    kinds = {}
    for sub in package.apis:
        loaded = pipeline.load(sub, Diagnostics())
        (folder / f"{sub.name}.ir.json").write_text(serialize.dumps(loaded.api), encoding="utf-8")
        if loaded.artifacts is not None:
            (folder / f"{sub.name}.artifacts.json").write_text(
                loaded.artifacts.to_json(), encoding="utf-8"
            )
        kinds[sub.name] = loaded.api.source
    return kinds


def render_in_fresh_process(saved: Path, out: Path) -> bytes:
    subprocess.run(
        [sys.executable, "-c", RENDER, str(CONFIG), PACKAGE, str(saved), str(out)],
        cwd=REPO,
        check=True,
        timeout=300,
    )
    return out.read_bytes()


def test_a_package_renders_from_saved_ir_and_artifacts_in_fresh_processes(tmp_path: Path) -> None:
    saved = tmp_path / "saved"
    saved.mkdir()
    kinds = save_inputs(saved)
    assert sorted(kinds.values()) == ["openapi", "proto"]  # both renderers are exercised

    first = render_in_fresh_process(saved, tmp_path / "first.json")
    second = render_in_fresh_process(saved, tmp_path / "second.json")
    assert first == second

    package = next(p for p in load_config(CONFIG).packages if p.name == PACKAGE)
    expected, _ = pipeline.render_package(package, Diagnostics())
    rendered = json.loads(first)
    assert sorted(rendered) == sorted(expected)
    assert rendered == {path: as_str(text) for path, text in expected.items()}
    assert any("/_pb/" in path for path in rendered)  # the stubs came from the saved artifacts
