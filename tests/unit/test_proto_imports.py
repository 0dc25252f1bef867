"""What an ad hoc proto run (`--proto-root`) imports: nothing it does not use. Imports are a
quarter of the CPU of generating a small proto package (`bench/bench_proto_generation.py`)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import Any

import pytest

from tests.support.paths import REPO

# modules (and their submodules) such a run has no use for: reading a configuration file, custom
# code (the package has none), the OpenAPI front end and its validators, the HTTP renderer
# (`http.units` is shared: it keeps the IR snapshot's pieces), the API diff, the docs site; the
# tools' versions in the caches' keys are read from their `.dist-info` folders' names
# (`code_digest`), not through `importlib.metadata` (~40 ms with the `email` package it imports)
NOT_IMPORTED = (
    "importlib.metadata",
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


# The methods `dataclass` compiled from source (each ~0.1-0.2 ms of CPU) for the classes a proto
# run imports, by the end of the run. Classes are made by `generator.lazy_dataclass` (or the IR's
# `generator.ir.nodes`), which write each method on its first call: what is counted is what the
# run called (mostly `__init__`s of classes not frozen: a frozen class's is `direct_init`'s, not
# counted), and the few classes `dataclass` makes itself (those with a dataclass base). 202 when every method was compiled
# as its class was made; a class that needs more here, or a new one, raises this on purpose.
DATACLASS_METHODS = 33

# what the program below prints: the modules of NOT_IMPORTED a proto run imported, and the
# methods `dataclass` made for the classes of `generator` it imported
RUN = """
import dataclasses, json, sys
from generator.cli import main
assert main(sys.argv[1:]) == 0
unused = {unused!r}
within = tuple(name + "." for name in unused)
made = 0
for name, module in list(sys.modules.items()):
    if name.split(".")[0] == "generator":
        for value in vars(module).values():
            if isinstance(value, type) and value.__module__ == name and dataclasses.is_dataclass(value):
                codes = [getattr(method, "__code__", None) for method in vars(value).values()]
                made += sum(1 for code in codes if code is not None and code.co_filename == "<string>")
print(json.dumps({{"imported": sorted(m for m in sys.modules if m in unused or m.startswith(within)),
                  "made": made}}))
"""


@pytest.fixture(scope="module")
def proto_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """What a cold ad hoc proto run imported (see RUN), in a process of its own."""
    work = tmp_path_factory.mktemp("proto-run")
    root = work / "protos"
    (root / "demo" / "v1").mkdir(parents=True)
    (root / "demo" / "v1" / "greeter.proto").write_text(PROTO)
    arguments = ["generate", "--proto-root", str(root), "--package", "demo", "--out", str(work / "out"), "-q"]
    environment = {**os.environ, "APIGEN_CACHE_DIR": str(work / "cache")}
    found = subprocess.run(
        [sys.executable, "-c", RUN.format(unused=NOT_IMPORTED), *arguments],
        cwd=REPO, capture_output=True, text=True, check=True, env=environment,
    )  # fmt: skip
    assert (work / "out" / "python" / "demo" / "demo" / "__init__.py").is_file()
    result: dict[str, Any] = json.loads(found.stdout)
    return result


def test_ad_hoc_proto_run_imports_only_what_it_uses(proto_run: dict[str, Any]) -> None:
    assert proto_run["imported"] == []


def test_the_dataclasses_a_proto_run_makes_compile_no_more_methods_than_counted(
    proto_run: dict[str, Any],
) -> None:
    assert proto_run["made"] <= DATACLASS_METHODS, proto_run["made"]
