"""What an ad hoc proto run (`--proto-root`) imports: nothing it does not use. Imports are a
quarter of the CPU of generating a small proto package (`bench/bench_proto_generation.py`)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.paths import REPO

# modules (and their submodules) such a run has no use for: reading a configuration file, custom
# code (the package has none), the OpenAPI front end and its validators, the HTTP renderer
# (`http.units` is shared: it keeps the IR snapshot's pieces), the API diff, the docs site
NOT_IMPORTED = (
    "generator.config_schema",
    "generator.custom",
    "generator.openapi",
    "generator.render.python.http.package",
    "generator.render.python.bundle",
    "generator.diff.report",
    "generator.docsite",
    "yaml",
    "jsonschema",
    "openapi_spec_validator",
)

PROTO = """syntax = "proto3";
package demo.v1;

service Greeter {
  rpc Hello(HelloRequest) returns (HelloReply);
}

message HelloRequest { string name = 1; }
message HelloReply { string text = 1; }
"""


def test_ad_hoc_proto_run_imports_only_what_it_uses(tmp_path: Path) -> None:
    root = tmp_path / "protos"
    (root / "demo" / "v1").mkdir(parents=True)
    (root / "demo" / "v1" / "greeter.proto").write_text(PROTO)
    arguments = ["generate", "--proto-root", str(root), "--package", "demo", "--out", str(tmp_path / "out"), "-q"]
    program = (
        "import sys\nfrom generator.cli import main\n"
        f"assert main({arguments!r}) == 0\n"
        f"unused = {NOT_IMPORTED!r}\n"
        "within = tuple(name + '.' for name in unused)\n"
        "print('\\n'.join(sorted(m for m in sys.modules if m in unused or m.startswith(within))))"
    )
    environment = {**os.environ, "APIGEN_CACHE_DIR": str(tmp_path / "cache")}
    found = subprocess.run(
        [sys.executable, "-c", program], cwd=REPO, capture_output=True, text=True, check=True, env=environment
    )
    assert found.stdout.split() == []
    assert (tmp_path / "out" / "python" / "demo" / "demo" / "__init__.py").is_file()

