"""What an OpenAPI run imports: none of the gRPC renderer (its modules cost ~0.05 s to import, on
every run of an OpenAPI package)."""

from __future__ import annotations

import subprocess
import sys

from tests.support.paths import REPO

OPENAPI_PATH = (
    "generator.cli",
    "generator.pipeline",
    "generator.openapi",
    "generator.render.python.http.package",
    "generator.render.docs.http",
    "generator.render.python.bundle",
)


def test_openapi_rendering_imports_no_grpc_renderer() -> None:
    program = (
        f"import sys\nimport {', '.join(OPENAPI_PATH)}\n"
        "print('\\n'.join(sorted(m for m in sys.modules if '.grpc' in m or m.startswith('generator.proto'))))"
    )
    found = subprocess.run([sys.executable, "-c", program], cwd=REPO, capture_output=True, text=True, check=True)
    assert found.stdout.split() == []
