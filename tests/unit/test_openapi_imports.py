"""What an OpenAPI run imports: none of the gRPC renderer (its modules cost ~0.05 s to import, on
every run of an OpenAPI package)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.support.paths import REPO

OPENAPI_PATH = (
    "generator.cli",
    "generator.pipeline",
    "generator.openapi",
    "generator.render.python.http.package",
    "generator.render.docs.http",
    "generator.render.python.bundle",
)


def imported(*modules: str) -> list[str]:
    """The modules a fresh interpreter has imported once it imported `modules`."""
    program = f"import sys\nimport {', '.join(modules)}\nprint('\\n'.join(sorted(sys.modules)))"
    found = subprocess.run([sys.executable, "-c", program], cwd=REPO, capture_output=True, text=True, check=True)
    return found.stdout.split()


def test_openapi_rendering_imports_no_grpc_renderer() -> None:
    assert [m for m in imported(*OPENAPI_PATH) if ".grpc" in m or m.startswith("generator.proto")] == []


def test_openapi_rendering_imports_no_custom_code_reader() -> None:
    """Custom code's reader (`generator.custom`, ~2 ms of every start: its dataclasses) is
    imported by the pipeline for a package that has custom code, not by the renderers."""
    assert "generator.custom" not in imported(*OPENAPI_PATH)


def test_the_validation_worker_imports_none_of_the_conversion() -> None:
    """The worker (`validate_worker`, started on every cold run of a large description) imports
    the validation's modules only: the package's `__init__` imports nothing."""
    found = imported("generator.openapi.validate_worker")
    conversion = ("front_end", "to_ir", "schemas", "operations", "checks", "schema_units", "swagger2")
    assert [m for m in found if m.removeprefix("generator.openapi.") in conversion] == []
    assert "generator.openapi.validation_parts" in found


def test_the_validation_worker_imports_no_ir() -> None:
    """The worker checks the parsed document: the IR's model (which `diagnostics` imports, for
    the cache's limits) is ~18 ms of its start-up for nothing."""
    found = imported("generator.openapi.validate_worker")
    assert [m for m in found if m in ("generator.diagnostics", "generator.ir.model")] == []


def test_openapi_run_imports_no_importlib_metadata(tmp_path: Path) -> None:
    """The validator's version in the validation caches' keys is read as the tools' versions are
    (`code_digest.tool_version`), not through `importlib.metadata` (~12 ms to import, ~6 ms a
    lookup, in every regeneration's main process)."""
    spec = REPO / "specs" / "openapi" / "ai_studio.yaml"
    arguments = ["generate", "--openapi", str(spec), "--package", "studio", "--out", str(tmp_path / "out"), "-q"]
    program = (
        "import sys\nfrom generator.cli import main\n"
        f"assert main({arguments!r}) == 0\n"
        "print('importlib.metadata' in sys.modules)"
    )
    environment = {**os.environ, "APIGEN_CACHE_DIR": str(tmp_path / "cache")}
    found = subprocess.run(
        [sys.executable, "-c", program], cwd=REPO, env=environment, capture_output=True, text=True, check=True
    )
    assert found.stdout.split() == ["False"]
